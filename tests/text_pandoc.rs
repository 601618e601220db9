//! Plans and reports converted to text by pandoc (`-t plain`, `-t markdown`,
//! `-t gfm` of corpus/rendered/NNN.docx, kept as
//! corpus/variants/NNN-pandoc-*.{txt,md}): tables drawn with ASCII rules,
//! read through the real pipeline. The scoreboard holds their overall
//! scores; these tests pin what the rule-drawn table reader must get back.

use serde_json::Value;

mod common;

use common::corpus::{action, lead_names, s, variant as run};

fn count(doc: &Value, key: &str) -> Option<usize> {
    doc[key].as_array().map(Vec::len)
}

/// Grid tables (plain and Markdown): every finding and action back, words
/// broken inside narrow columns glued ("Se" / "ptember"), and the empty
/// lead cells under a lead inheriting it.
#[test]
fn grid_tables_000() {
    for name in ["000-pandoc-plain.txt", "000-pandoc-md.md"] {
        let doc = run(name);
        assert_eq!(doc["kind"], "action_plan", "{name}");
        assert_eq!(count(&doc, "findings"), Some(18), "{name}");
        assert_eq!(count(&doc, "actions"), Some(78), "{name}");
        let a = action(&doc, "1.4");
        assert_eq!(s(&a["timescale"]["text"]), "September 2020", "{name}");
        assert_eq!(a["leads_inherited"], true, "{name}");
        assert_eq!(
            lead_names(action(&doc, "1.2")),
            ["Matt Stone", "Vicky Finnemore"],
            "{name}"
        );
    }
}

/// HTML tables inside GFM (pandoc writes them when cells are merged): row
/// and column spans placed on the grid.
#[test]
fn html_tables_in_gfm_000_004() {
    let doc = run("000-pandoc-gfm.md");
    assert_eq!(count(&doc, "findings"), Some(18));
    assert_eq!(count(&doc, "actions"), Some(78));
    assert_eq!(action(&doc, "1.3")["leads_inherited"], true);
    let doc = run("004-pandoc-gfm.md");
    assert_eq!(count(&doc, "actions"), Some(21));
}

/// Pipe tables (one row a line) and pandoc's multiline tables (columns
/// from the dash runs, rows apart by blank lines) give the same plan.
#[test]
fn pipe_and_multiline_tables_001() {
    for name in [
        "001-pandoc-gfm.md",
        "001-pandoc-plain.txt",
        "001-pandoc-md.md",
    ] {
        let doc = run(name);
        assert_eq!(doc["kind"], "action_plan", "{name}");
        assert_eq!(count(&doc, "actions"), Some(18), "{name}");
        assert_eq!(
            s(&action(&doc, "2.4")["timescale"]["text"]),
            "On-going continuous monitoring",
            "{name}"
        );
    }
}

/// The annual report: people, budget and glossary tables drawn with
/// dashes or pipes, sections from the prose between them.
#[test]
fn report_tables_002() {
    for name in [
        "002-pandoc-plain.txt",
        "002-pandoc-md.md",
        "002-pandoc-gfm.md",
    ] {
        let doc = run(name);
        assert_eq!(doc["kind"], "annual_report", "{name}");
        let r = &doc["report"];
        assert_eq!(count(r, "sections"), Some(35), "{name}");
        assert_eq!(count(r, "people"), Some(48), "{name}");
        assert_eq!(count(r, "budget"), Some(31), "{name}");
        assert_eq!(count(r, "glossary").map(|n| n >= 47), Some(true), "{name}");
    }
}

/// Narrow grid columns: a long name broken over two lines is glued back,
/// and short words wrapped before a long one stay apart.
#[test]
fn broken_and_wrapped_words_004() {
    let doc = run("004-pandoc-plain.txt");
    assert_eq!(count(&doc, "actions"), Some(21));
    let all: Vec<String> = doc["actions"]
        .as_array()
        .map(|a| a.iter().flat_map(lead_names).collect())
        .unwrap_or_default();
    assert!(all.iter().any(|n| n == "Carl Robinson"), "{all:?}");
    assert!(all.iter().any(|n| n == "Erin Brennan-Douglas"), "{all:?}");
    assert!(all.iter().any(|n| n == "Shirley Henderson"), "{all:?}");
    let outcomes: Vec<String> = doc["actions"]
        .as_array()
        .map(|a| a.iter().map(|x| s(&x["outcome"])).collect())
        .unwrap_or_default();
    assert!(
        outcomes
            .iter()
            .any(|o| o.contains("with adolescents demonstrates")),
        "{outcomes:?}"
    );
}
