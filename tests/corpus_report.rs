//! Corpus test: the annual report (seed 002) through the real pipeline,
//! scored field by field against tests/gold/002.json with the matching
//! rules of the shared `score_report.py` (re-implemented here so a fresh
//! clone needs nothing outside the repo).
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

use std::collections::{BTreeMap, HashMap};

use docket::batch::{Options, extract_output};
use docket::contract::Output;
use docket::interpret;
use docket::model::{Block, Cell, Document, Format, Heading, Paragraph, Provenance, Row, Table};
use docket::read::{self, Limits};
use docket::recognise::Grammars;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const SEED: &str = "corpus/seeds/002_f5b4cb10be7b6136.txt";
const GOLD: &str = "tests/gold/002.json";

const FIELDS: [&str; 6] = [
    "sections",
    "figures",
    "people",
    "priorities",
    "glossary",
    "budget",
];

// ------------------------------------------------------------------ scorer

fn norm(s: &str) -> String {
    let mapped: String = s
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(v: &Value, k: &str) -> Option<String> {
    v.get(k)
        .and_then(Value::as_str)
        .map(norm)
        .filter(|s| !s.is_empty())
}

fn key(v: &Value, k: &str) -> Option<String> {
    text(v, k).map(|s| s.to_lowercase())
}

fn num(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64).filter(|x| x.is_finite())
}

fn tokens(s: Option<String>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    if let Some(s) = s {
        for t in s
            .to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        {
            if !t.is_empty() {
                *out.entry(t.to_string()).or_insert(0) += 1;
            }
        }
    }
    out
}

fn token_f1(a: Option<String>, b: Option<String>) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    let (na, nb): (usize, usize) = (ta.values().sum(), tb.values().sum());
    if na == 0 && nb == 0 {
        return 1.0;
    }
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let common: usize = ta
        .iter()
        .map(|(t, n)| (*n).min(*tb.get(t).unwrap_or(&0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / nb as f64, common as f64 / na as f64);
    2.0 * p * r / (p + r)
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs()),
        _ => false,
    }
}

fn sec_number(v: &Value) -> Option<String> {
    key(v, "number")
        .map(|s| s.replace(' ', "").trim_end_matches(['.', ':']).to_string())
        .filter(|s| !s.is_empty())
}

fn period_key(v: &Value) -> Option<String> {
    let s = key(v, "period")?;
    let parts: Vec<&str> = s.split(['/', '-']).map(str::trim).collect();
    if let [a, b] = parts.as_slice()
        && a.len() == 4
        && a.chars().all(|c| c.is_ascii_digit())
        && (b.len() == 2 || b.len() == 4)
        && b.chars().all(|c| c.is_ascii_digit())
    {
        let follows = b.len() == 4 && b.parse::<u32>().ok() == a.parse::<u32>().ok().map(|y| y + 1);
        let b = if follows { &b[2..] } else { b };
        return Some(format!("{a}/{b}"));
    }
    Some(s)
}

fn sim(field: &str, g: &Value, p: &Value) -> Option<f64> {
    let f1 = |k: &str| token_f1(text(g, k), text(p, k));
    let at_least = |f: f64, min: f64| (f >= min).then_some(f);
    match field {
        "sections" => {
            if sec_number(g).is_none() || sec_number(g) != sec_number(p) {
                return None;
            }
            at_least(f1("title"), 0.8)
        }
        "figures" => {
            if !same(num(g, "value"), num(p, "value")) {
                return None;
            }
            at_least(f1("label"), 0.5)
        }
        "people" => {
            let k = key(g, "name")?;
            if Some(k) != key(p, "name") {
                return None;
            }
            let org_eq = f64::from(u8::from(key(g, "organisation") == key(p, "organisation")));
            Some(1.0 + f1("role") + org_eq)
        }
        "priorities" => at_least(f1("title"), 0.8),
        "glossary" => {
            let k = key(g, "abbreviation")?;
            if Some(k) != key(p, "abbreviation") {
                return None;
            }
            at_least(f1("expansion"), 0.8)
        }
        "budget" => {
            if period_key(g).is_none() || period_key(g) != period_key(p) {
                return None;
            }
            if key(g, "direction").is_none() || key(g, "direction") != key(p, "direction") {
                return None;
            }
            if !same(num(g, "amount"), num(p, "amount")) {
                return None;
            }
            at_least(f1("item"), 0.6)
        }
        _ => None,
    }
}

/// One-to-one pairs: best similarity first, then augmenting paths so the
/// number of pairs is maximal (as score_report.py).
fn matching(field: &str, gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let mut cand: Vec<((usize, usize), f64)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if let Some(s) = sim(field, g, p) {
                cand.push(((gi, pi), s));
            }
        }
    }
    let mut sorted = cand.clone();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut g2p: BTreeMap<usize, usize> = BTreeMap::new();
    let mut p2g: BTreeMap<usize, usize> = BTreeMap::new();
    for ((gi, pi), _) in &sorted {
        if !g2p.contains_key(gi) && !p2g.contains_key(pi) {
            g2p.insert(*gi, *pi);
            p2g.insert(*pi, *gi);
        }
    }
    let mut adj: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for ((gi, pi), s) in &cand {
        adj.entry(*gi).or_default().push((*s, *pi));
    }
    for list in adj.values_mut() {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    fn augment(
        gi: usize,
        adj: &BTreeMap<usize, Vec<(f64, usize)>>,
        seen: &mut Vec<usize>,
        g2p: &mut BTreeMap<usize, usize>,
        p2g: &mut BTreeMap<usize, usize>,
    ) -> bool {
        for &(_, pi) in adj.get(&gi).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.contains(&pi) {
                continue;
            }
            seen.push(pi);
            let free = match p2g.get(&pi).copied() {
                None => true,
                Some(other) => augment(other, adj, seen, g2p, p2g),
            };
            if free {
                g2p.insert(gi, pi);
                p2g.insert(pi, gi);
                return true;
            }
        }
        false
    }
    for gi in 0..gold.len() {
        if !g2p.contains_key(&gi) && adj.contains_key(&gi) {
            augment(gi, &adj, &mut Vec::new(), &mut g2p, &mut p2g);
        }
    }
    g2p.into_iter().collect()
}

fn list(report: &Value, field: &str) -> Vec<Value> {
    report
        .get(field)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Per-field F1 and the mean, as score_report.py prints them.
fn score(gold: &Value, pred: &Value) -> (BTreeMap<&'static str, f64>, f64) {
    let (gr, pr) = (&gold["report"], &pred["report"]);
    let mut out = BTreeMap::new();
    for field in FIELDS {
        let (g, p) = (list(gr, field), list(pr, field));
        let m = matching(field, &g, &p).len() as f64;
        let prec = if p.is_empty() {
            0.0
        } else {
            m / p.len() as f64
        };
        let rec = if g.is_empty() {
            0.0
        } else {
            m / g.len() as f64
        };
        let f1 = if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        };
        out.insert(field, f1);
    }
    let mean = out.values().sum::<f64>() / out.len() as f64;
    (out, mean)
}

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(GOLD).expect("gold 002 in the repo"))
        .expect("gold is JSON")
}

fn assert_floors(what: &str, pred: &Value, floors: &[(&str, f64)], mean_floor: f64) {
    let (f1s, mean) = score(&gold(), pred);
    eprintln!("{what}: {f1s:?} mean {mean:.3}");
    for (field, floor) in floors {
        let got = f1s.get(field).copied().unwrap_or(0.0);
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
    assert_eq!(gs, ps, "sections differ from the gold");
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
    assert_eq!(gb, pb, "budget differs from the gold");
}

fn export_model() -> Document {
    let bytes = std::fs::read(SEED).expect("seed");
    read::read(&bytes, &Limits::default()).expect("seed reads")
}

fn interpret_value(doc: &Document) -> Value {
    let found = interpret::interpret(doc, &Grammars::builtin());
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
    let found = interpret::interpret(&doc, &Grammars::builtin());
    assert_eq!(
        serde_json::to_value(found.kind).ok(),
        Some(Value::from("unknown"))
    );
    assert!(found.report.is_none());
    assert!(!found.diagnostics.is_empty());
}
