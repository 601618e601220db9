//! The table layer on peer projects' own test cases (tests/peers/README.md),
//! scored like `../shared/tools/peers_score.py`.

use std::collections::HashMap;
use std::path::Path;

use docket::read::{Limits, pdf};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nospace(s: &str) -> String {
    s.split_whitespace().collect()
}

type Grid = Vec<Vec<String>>;

/// Matches of `expected` laid over `table` at the best offset.
fn full(expected: &Grid, table: &Grid, strip: &[usize]) -> usize {
    let mut votes: HashMap<(i64, i64), usize> = HashMap::new();
    for (er, row) in expected.iter().enumerate() {
        for (ec, want) in row.iter().enumerate() {
            let key = |s: &str| {
                if strip.contains(&ec) {
                    nospace(s)
                } else {
                    norm(s)
                }
            };
            let w = key(want);
            for (r, trow) in table.iter().enumerate() {
                for (c, got) in trow.iter().enumerate() {
                    if key(got) == w {
                        *votes
                            .entry((r as i64 - er as i64, c as i64 - ec as i64))
                            .or_default() += 1;
                    }
                }
            }
        }
    }
    votes.values().copied().max().unwrap_or(0)
}

fn partial(expected: &Grid, rows: &[i64], table: &Grid, strip: &[usize]) -> usize {
    let width = expected.iter().map(Vec::len).max().unwrap_or(0) as i64;
    let ncols = table.iter().map(Vec::len).max().unwrap_or(0) as i64;
    let mut best = 0;
    for dc in -(width - 1)..ncols {
        let mut m = 0;
        for (erow, ri) in expected.iter().zip(rows) {
            let r = if *ri >= 0 {
                *ri
            } else {
                table.len() as i64 + ri
            };
            let Some(got) = usize::try_from(r).ok().and_then(|r| table.get(r)) else {
                continue;
            };
            for (ec, want) in erow.iter().enumerate() {
                let c = ec as i64 + dc;
                let Some(g) = usize::try_from(c).ok().and_then(|c| got.get(c)) else {
                    continue;
                };
                let key = |s: &str| {
                    if strip.contains(&ec) {
                        nospace(s)
                    } else {
                        norm(s)
                    }
                };
                if key(want) == key(g) {
                    m += 1;
                }
            }
        }
        best = best.max(m);
    }
    best
}

fn score(case: &str) -> f64 {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers");
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{case}.json"))).expect("case"),
    )
    .expect("json");
    let project = case.split('/').next().unwrap_or("");
    let pdf_name = json["pdf"].as_str().expect("pdf");
    let bytes = std::fs::read(dir.join(project).join(pdf_name)).expect("pdf file");
    let page = json["page"].as_u64().expect("page") as u32;
    let grid = |v: &Value| -> Grid {
        v.as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| {
                        r.as_array()
                            .map(|cs| {
                                cs.iter()
                                    .map(|c| c.as_str().unwrap_or("").to_string())
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let expected = grid(&json["expected"]);
    let strip: Vec<usize> = json["compare_strip_spaces_cols"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_u64().map(|n| n as usize))
                .collect()
        })
        .unwrap_or_default();
    let cells: usize = expected.iter().map(Vec::len).sum();
    let tables = pdf::page_tables(&bytes, page, &Limits::default()).expect("reads");
    let best = tables
        .iter()
        .map(|t| {
            let t: Grid = t
                .iter()
                .map(|r| r.iter().map(|c| c.clone().unwrap_or_default()).collect())
                .collect();
            if json["partial"].as_bool().unwrap_or(false) {
                let rows: Vec<i64> = json["expected_row_index"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default();
                partial(&expected, &rows, &t, &strip)
            } else {
                full(&expected, &t, &strip)
            }
        })
        .max()
        .unwrap_or(0);
    let acc = best as f64 / cells.max(1) as f64;
    eprintln!("{case}: {acc:.3}");
    acc
}

#[test]
fn sideways_tables_read_upright() {
    assert!(score("camelot/clockwise_table_1") >= 0.99);
    assert!(score("camelot/anticlockwise_table_1") >= 0.99);
}

#[test]
fn row_and_column_spans() {
    assert!(score("camelot/column_span_2") >= 0.95);
    assert!(score("pdfplumber/issue-79-example") >= 0.99);
    // The peer copies merged text down every spanned row; docket keeps it
    // once, in the top-left slot, so the covered rows cannot match.
    assert!(score("camelot/row_span_1") >= 0.6);
}

#[test]
fn light_rules_over_shading_and_several_tables() {
    assert!(score("camelot/background_lines_1") >= 0.99);
    assert!(score("pdfplumber/issue-140-example") >= 0.99);
    assert!(score("tabula-java/us-017") >= 0.99);
}

#[test]
fn borderless_rows_inside_a_frame() {
    assert!(score("pdfplumber/senate-expenditures") >= 0.99);
}
