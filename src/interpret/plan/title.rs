//! The document's own title, and headings that name a table's section.
//!
//! Why so cautious: a wrong title is worse than none. Only the first thing
//! the document prints can be its title, and only if it reads like one (a
//! phrase of several words, not a sentence and not a bare heading such as
//! "INTRODUCTION").

use crate::model::{Block, Document, Table};
use crate::recognise::Grammars;

const MIN_TITLE_WORDS: usize = 3;
const MAX_TITLE_WORDS: usize = 40;
/// A heading above a table ("SCT Actions", "Health") is a short label.
const MAX_HEADING_WORDS: usize = 8;

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The title: one the reader found in the format's own markup, else a level-0
/// heading, else the document's first text if it reads as a title and comes
/// before any table.
pub fn find(doc: &Document) -> Option<String> {
    if let Some(t) = doc.title.as_deref().map(clean).filter(|t| !t.is_empty()) {
        return Some(t);
    }
    for b in &doc.blocks {
        if let Block::Heading(h) = b
            && h.level == 0
        {
            let t = clean(&h.text);
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    let first = doc.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if !h.text.trim().is_empty() => Some(Some(h.text.clone())),
        Block::Paragraph(p) if !p.text.trim().is_empty() => Some(Some(p.text.clone())),
        Block::Table(t) => Some(spanning_first_row(t)),
        _ => None,
    })??;
    let t = clean(&first);
    let words = t.split(' ').count();
    let sentence = t.ends_with('.') || t.ends_with(':');
    (MIN_TITLE_WORDS..=MAX_TITLE_WORDS)
        .contains(&words)
        .then_some(t)
        .filter(|t| !sentence && !numbered_group(t))
}

/// A word and a number opening the text ("THEME 1: Strategy", "Priority 2 –
/// …", "Part 3"): one group of several, so a section heading, not the
/// document's title. A year is not such a number ("Plan 2025").
fn numbered_group(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or_default();
    let Some(second) = words.next() else {
        return false;
    };
    let second = second.trim_end_matches([':', '.', ',', '\u{2013}', '-']);
    first.chars().all(char::is_alphabetic)
        && second.chars().next().is_some_and(|c| c.is_ascii_digit())
        && super::refs::printed_ref(second).is_some()
}

/// The text of a table's first row when it is one cell spanning the whole
/// table: a spreadsheet's merged title cell, printed as the table opens.
fn spanning_first_row(t: &Table) -> Option<String> {
    let row = t.rows.first()?;
    let width = super::columns::table_width(t);
    let filled: Vec<_> = row.cells.iter().filter(|c| !c.is_empty()).collect();
    match filled.as_slice() {
        [only] if width > 1 && only.col_span >= width => Some(only.text()),
        _ => None,
    }
}

/// A heading that names the whole table after it ("Priority action plan",
/// "Action tracker"): it ends with a caption word of `plan.toml`.
pub fn is_caption(text: &str, g: &Grammars) -> bool {
    g.plan_phrases().captions.closing(text).is_some()
}

/// A paragraph that can label the table right after it.
pub fn heading_like(text: &str) -> Option<String> {
    let t = clean(text);
    let words = t.split(' ').filter(|w| !w.is_empty()).count();
    let ok = (1..=MAX_HEADING_WORDS).contains(&words)
        && !t.ends_with('.')
        && t.chars().any(char::is_alphabetic);
    ok.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Paragraph, Provenance};

    fn doc(paras: &[&str]) -> Document {
        let mut d = Document::new(Format::Text);
        for (i, p) in paras.iter().enumerate() {
            d.blocks.push(Block::Paragraph(Paragraph::new(
                *p,
                Provenance::line(i as u32 + 1),
            )));
        }
        d
    }

    #[test]
    fn title_is_the_first_text_when_it_reads_as_one() {
        assert_eq!(
            find(&doc(&[
                "West Sussex action plan in response to CQC review",
                "SCT Actions"
            ]))
            .as_deref(),
            Some("West Sussex action plan in response to CQC review")
        );
        assert_eq!(
            find(&doc(&[" INTRODUCTION", "Between 19 and 23 March"])),
            None
        );
        assert_eq!(find(&doc(&["This plan sets out what we will do."])), None);
    }

    #[test]
    fn a_caption_names_the_table_not_a_section() {
        let g = Grammars::builtin();
        assert!(is_caption("Our improvement plan", &g));
        assert!(is_caption("Action tracker", &g));
        assert!(!is_caption("Health", &g));
        assert!(!is_caption("Planning", &g));
    }

    #[test]
    fn a_numbered_group_is_not_a_title() {
        assert!(numbered_group("STRAND 4: Listening to families"));
        assert!(numbered_group("Workstream 2 – Fostering"));
        assert!(!numbered_group("Fostering Plan 2026 for the county"));
        assert!(!numbered_group("Wexcombe Partnership Tracker"));
    }

    #[test]
    fn a_spanning_first_row_is_the_title_of_a_headless_document() {
        use crate::model::{Cell, Row};
        let span = Cell {
            col_span: 3,
            ..Cell::new(
                0,
                vec![Paragraph::new(
                    "Borough tracker of actions",
                    Provenance::default(),
                )],
            )
        };
        let mut d = Document::new(Format::Docx);
        d.blocks.push(Block::Table(Table {
            rows: vec![Row {
                cells: vec![span],
                ..Default::default()
            }],
            columns: 3,
            ..Default::default()
        }));
        assert_eq!(find(&d).as_deref(), Some("Borough tracker of actions"));
    }

    #[test]
    fn captions_close_the_heading_as_whole_words() {
        let g = Grammars::builtin();
        assert!(is_caption("Harbour Improvement-Plan", &g));
        assert!(is_caption("FERRY ACTION TRACKER.", &g));
        assert!(!is_caption("Plans", &g));
        assert!(!is_caption("Plan for the pier", &g));
        assert!(!is_caption("Airplane", &g));
    }

    #[test]
    fn headings_above_tables() {
        assert_eq!(heading_like("SCT Actions").as_deref(), Some("SCT Actions"));
        assert_eq!(
            heading_like("The inspection report contains 29 areas for improvement."),
            None
        );
    }
}
