//! Corpus test: the annual report (seed 002) through the real pipeline,
//! scored field by field against tests/gold/002.json with the matching
//! rules of the shared `score_report.py` (ported in tests/common/score_report.rs
//! so a fresh clone needs nothing outside the repo).
//!
//! The floors below are the scores reached: a ratchet. Raise them when the
//! extractor improves; never lower them to make a change pass.
//!
//! Besides the text export, the same document is fed through the
//! interpreter as a DOCX-like model (heading blocks, real spans) and a
//! PDF-like model (no tabs, running headers and page numbers, a membership
//! table split by a page with its header printed again and a cell carried
//! over), derived from the export's model. The report reader must not care
//! which it gets.

use docket::batch::{Options, extract_output};
use docket::contract::Output;
use docket::model::{Block, Cell, Document, Format, Heading, Paragraph, Provenance, Row, Table};
use docket::read::{self, Limits};
use docket::recognise::Grammars;
use serde_json::Value;

const SEED: &str = "corpus/seeds/002_f5b4cb10be7b6136.txt";
const GOLD: &str = "tests/gold/002.json";

mod common;

use common::score_report::{FIELDS, entries as list, score};

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(GOLD).expect("gold 002 in the repo"))
        .expect("gold is JSON")
}

fn assert_floors(what: &str, pred: &Value, floors: &[(&str, f64)], mean_floor: f64) {
    let scored = score(&gold(), pred).unwrap_or_else(|e| panic!("{what}: {e}"));
    let f1s: Vec<(&str, f64)> = FIELDS.iter().map(|f| (*f, scored.f1(f))).collect();
    let mean = scored.score;
    eprintln!("{what}: {f1s:?} mean {mean:.3}");
    for (field, floor) in floors {
        let got = scored.f1(field);
        assert!(
            got + 1e-9 >= *floor,
            "{what}: {field} F1 {got:.3} fell below {floor:.3}"
        );
    }
    assert!(
        mean + 1e-9 >= mean_floor,
        "{what}: mean {mean:.3} fell below {mean_floor:.3}"
    );
}

const ALL_ONE: [(&str, f64); 6] = [
    ("sections", 1.0),
    ("figures", 1.0),
    ("people", 1.0),
    ("priorities", 1.0),
    ("glossary", 1.0),
    ("budget", 1.0),
];

// ------------------------------------------------------------------ tests

fn options() -> Options {
    Options {
        grammars: Grammars::builtin(),
        limits: Limits::default(),
        progress: false,
        stop: None,
        ..Options::default()
    }
}

#[test]
fn text_export_scores_hold() {
    let bytes = std::fs::read(SEED).expect("seed 002 in the repo");
    let out: Output = extract_output(&bytes, SEED, &options()).expect("002 extracts");
    let pred = serde_json::to_value(&out).expect("output serialises");
    assert_eq!(pred["kind"], "annual_report");
    assert!(out.findings.is_empty() && out.actions.is_empty());
    let report = out.report.as_ref().expect("a report");
    assert_eq!(report.period.as_deref(), Some("2021/22"));
    assert_eq!(
        report.organisation.as_deref(),
        Some("East Sussex Safeguarding Children Partnership")
    );
    assert_eq!(out.title, None);
    assert_floors("text export", &pred, &ALL_ONE, 1.0);
    // The JSON written is valid docket/1.
    docket::contract::to_validated_json(&out).expect("valid docket/1");
}

#[test]
fn section_levels_and_figure_texts_are_exact() {
    let bytes = std::fs::read(SEED).expect("seed");
    let out = extract_output(&bytes, SEED, &options()).expect("extracts");
    let (gold, pred) = (gold(), serde_json::to_value(&out).expect("json"));
    let (gs, ps) = (
        list(&gold["report"], "sections"),
        list(&pred["report"], "sections"),
    );
    assert_eq!(gs, without_at(ps), "sections differ from the gold");
    let (gf, pf) = (
        list(&gold["report"], "figures"),
        list(&pred["report"], "figures"),
    );
    for (g, p) in gf.iter().zip(&pf) {
        assert_eq!(g["text"], p["text"]);
        assert_eq!(g["value"], p["value"]);
    }
    let (gb, pb) = (
        list(&gold["report"], "budget"),
        list(&pred["report"], "budget"),
    );
    assert_eq!(gb, without_at(pb), "budget differs from the gold");
}

/// The gold records what each item says; where it starts is checked on
/// its own (`every_report_item_says_where_it_starts`).
fn without_at(mut items: Vec<Value>) -> Vec<Value> {
    for it in &mut items {
        if let Some(o) = it.as_object_mut() {
            o.remove("at");
        }
    }
    items
}

/// Every report item carries `at`: the 1-based line of a text export
/// (pointing at a line that holds the item's own words) and the page of
/// a PDF, in reading order for the numbered sections.
#[test]
fn every_report_item_says_where_it_starts() {
    let cases = [
        (SEED, "line"),
        ("corpus/rendered/002.pdf", "page"),
        ("corpus/rendered/002.docx", "line"),
    ];
    for (path, unit) in cases {
        let bytes = std::fs::read(path).expect("corpus file");
        let out = extract_output(&bytes, path, &options()).expect("extracts");
        let pred = serde_json::to_value(&out).expect("json");
        for field in FIELDS {
            let items = list(&pred["report"], field);
            assert!(!items.is_empty(), "{path}: no {field}");
            for it in &items {
                let n = it["at"][unit].as_u64();
                assert!(
                    n.is_some_and(|n| n >= 1),
                    "{path}: {field} {it} has no {unit}"
                );
            }
        }
        let starts: Vec<u64> = list(&pred["report"], "sections")
            .iter()
            .filter_map(|s| s["at"][unit].as_u64())
            .collect();
        assert!(
            starts.is_sorted(),
            "{path}: sections out of order {starts:?}"
        );
        docket::contract::to_validated_json(&out).expect("valid docket/1");
    }
    // In the text export the line an item points at holds its words.
    let text = std::fs::read_to_string(SEED).expect("seed");
    let lines: Vec<&str> = text.lines().collect();
    let out = extract_output(text.as_bytes(), SEED, &options()).expect("extracts");
    let report = out.report.expect("a report");
    let line_of = |at: docket::contract::At| lines[at.line.expect("a line") as usize - 1];
    for s in &report.sections {
        assert!(line_of(s.at).contains(&s.number), "{s:?}");
    }
    for p in &report.people {
        let first = p.name.split_whitespace().next().unwrap_or("");
        assert!(line_of(p.at).contains(first), "{p:?}");
    }
    for g in &report.glossary {
        assert!(line_of(g.at).contains(&g.abbreviation), "{g:?}");
    }
}

fn export_model() -> Document {
    let bytes = std::fs::read(SEED).expect("seed");
    read::read(&bytes, &Limits::default()).expect("seed reads")
}

/// Interpret a model built by a test as the batch does: the furniture pass
/// that runs after every reader first.
fn interpret_value(doc: &Document) -> Value {
    let mut doc = doc.clone();
    docket::recognise::furniture::flag_document(&mut doc, &Grammars::builtin());
    let found = docket::pipeline::interpret(&doc, &Grammars::builtin());
    serde_json::json!({
        "kind": found.kind,
        "report": found.report,
    })
}

/// Does a line open with "N." / "N.N" / "N.A" and a tab (how the export
/// prints a heading's number)?
fn numbered_heading(t: &str) -> Option<u8> {
    let (num, _) = t.trim().split_once('\t')?;
    let num = num.trim_end_matches([':', '.', ' ']);
    let ok = !num.is_empty()
        && num
            .split('.')
            .all(|p| p.chars().all(|c| c.is_ascii_alphanumeric()) && p.len() <= 2);
    ok.then(|| num.split('.').count() as u8)
}

#[test]
fn docx_like_model_scores_hold() {
    // Heading blocks where the export had "N\tTitle" lines, and the
    // unnumbered opening heading too.
    let mut doc = export_model();
    doc.format = Format::Docx;
    for b in &mut doc.blocks {
        if let Block::Paragraph(p) = b {
            let level = numbered_heading(&p.text).or((p.text.trim() == "Foreword").then_some(1));
            if let Some(level) = level {
                *b = Block::Heading(Heading {
                    furniture: false,
                    level,
                    text: p.text.clone(),
                    at: p.at,
                });
            }
        }
    }
    let pred = interpret_value(&doc);
    assert_eq!(pred["kind"], "annual_report");
    assert_floors("docx-like", &pred, &ALL_ONE, 1.0);
}

/// A PDF-like model: tabs become runs of spaces, every tenth block starts a
/// new page with a running header and a page-number footer, and the first
/// membership table is split by a page: its header printed again and the
/// last row's post carried over into a row with an empty name cell.
fn pdf_like(doc: &Document) -> Document {
    let mut out = Document::new(Format::Pdf);
    let mut page = 1u32;
    let para = |t: &str, page: u32| Block::Paragraph(Paragraph::new(t, Provenance::page(page)));
    // Running headers sit apart from the body (their own provenance line
    // keeps the grouping below from joining them to it).
    let header = |page: u32| {
        let at = Provenance {
            line: Some(1),
            ..Provenance::page(page)
        };
        Block::Paragraph(Paragraph::new("Anytown Partnership Annual Report", at))
    };
    out.blocks.push(header(page));
    let mut split_done = false;
    for (i, b) in doc.blocks.iter().enumerate() {
        if i % 10 == 9 {
            out.blocks.push(para(&format!("Page {page}"), page));
            page += 1;
            out.blocks.push(header(page));
        }
        match b {
            Block::Paragraph(p) => {
                let mut q = p.clone();
                q.text = p.text.replace('\t', "    ");
                q.at = Provenance::page(page);
                if q.list.is_some() {
                    q.text = format!("\u{f0b7} {}", q.text);
                }
                // A short plain line and the plain line after it are one
                // paragraph, as a PDF reader groups lines set close together
                // (a column of figures, a name over a post).
                // Headings stand apart (a reader sees their font and spacing).
                let numbered = |t: &str| {
                    numbered_heading(t).is_some()
                        || t.trim().split_once(". ").is_some_and(|(n, _)| {
                            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
                        })
                };
                if let Some(Block::Paragraph(prev)) = out.blocks.last_mut()
                    && prev.list.is_none()
                    && q.list.is_none()
                    && prev.at == q.at
                    && prev
                        .text
                        .lines()
                        .last()
                        .is_some_and(|l| l.chars().count() < 60)
                    && !numbered(&p.text)
                    && !prev.text.contains("    ")
                {
                    prev.text.push('\n');
                    prev.text.push_str(&q.text);
                    continue;
                }
                out.blocks.push(Block::Paragraph(q));
            }
            Block::Table(t) => {
                let mut t = t.clone();
                let is_members = t
                    .rows
                    .first()
                    .is_some_and(|r| r.cells.iter().any(|c| c.text() == "NAME"));
                if is_members && !split_done && t.rows.len() > 3 {
                    split_done = true;
                    let header = t.rows[0].clone();
                    let last = t.rows.len() - 1;
                    let mut carried = t.rows[last].clone();
                    // Cut the last row's post in two at its last ", ".
                    let post = carried.cells[1].text();
                    if let Some((a, b)) = post.rsplit_once(", ") {
                        t.rows[last].cells[1] = Cell::new(
                            1,
                            vec![Paragraph::new(format!("{a},"), Provenance::page(page))],
                        );
                        carried.cells[0] = Cell::new(0, vec![]);
                        carried.cells[1] =
                            Cell::new(1, vec![Paragraph::new(b, Provenance::page(page + 1))]);
                        let mut header = header;
                        header.header = true;
                        carried.page_break_before = true;
                        t.rows.push(header);
                        t.rows.push(carried);
                    }
                }
                out.blocks.push(Block::Table(t));
            }
            Block::Heading(h) => out.blocks.push(Block::Heading(h.clone())),
        }
    }
    out.blocks.push(para(&format!("Page {page}"), page));
    out.pages = Some(page);
    out
}

#[test]
fn pdf_like_model_scores_hold() {
    let doc = pdf_like(&export_model());
    let pred = interpret_value(&doc);
    if let Ok(dir) = std::env::var("REPORT_DEBUG_DIR") {
        let _ = std::fs::write(format!("{dir}/pdf_like.json"), pred.to_string());
    }
    assert_eq!(pred["kind"], "annual_report");
    assert_floors("pdf-like", &pred, &ALL_ONE, 1.0);
    // Page furniture never becomes a section or a figure.
    let report = &pred["report"];
    for s in list(report, "sections")
        .iter()
        .chain(list(report, "figures").iter())
    {
        let s = s.to_string();
        assert!(
            !s.contains("Anytown") && !s.contains("Page"),
            "page furniture leaked: {s}"
        );
    }
}

#[test]
fn a_document_that_is_neither_gives_unknown_and_a_diagnostic() {
    let mut doc = Document::new(Format::Text);
    doc.blocks.push(Block::Paragraph(Paragraph::new(
        "Minutes of the meeting",
        Provenance::line(1),
    )));
    doc.blocks.push(Block::Table(Table {
        rows: vec![Row {
            cells: vec![Cell::new(
                0,
                vec![Paragraph::new("Item", Provenance::line(2))],
            )],
            ..Default::default()
        }],
        columns: 1,
        ..Default::default()
    }));
    let found = docket::pipeline::interpret(&doc, &Grammars::builtin());
    assert_eq!(
        serde_json::to_value(found.kind).ok(),
        Some(Value::from("unknown"))
    );
    assert!(found.report.is_none());
    assert!(!found.diagnostics.is_empty());
}
