//! Findings printed apart from the action table, which a column of the
//! table links to by ref: labelled paragraphs ("AFI 3: …", "Recommendation
//! 2 – …"), numbered paragraphs under a heading that names findings
//! ("Areas for improvement", then "1. …"), or a table of refs and finding
//! texts with no action column.

use crate::model::{Block, Document, Table};
use crate::recognise::Grammars;
use crate::recognise::phrase::Phrases;

use super::build::RawFinding;
use super::columns::{self, Meaning, normalise};
use super::refs;
use super::rows;

/// The findings printed apart, in their printed order. `skip`: blocks that
/// are keys; `tables`: block indices of findings-only tables.
pub(super) fn findings(
    doc: &Document,
    g: &Grammars,
    skip: &[usize],
    tables: &[usize],
    labels: &Phrases<()>,
) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let mut under_heading = false;
    for (i, b) in doc.blocks.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        match b {
            Block::Table(t) => {
                under_heading = false;
                if tables.contains(&i) {
                    out.extend(table_findings(t, g));
                }
            }
            Block::Heading(h) => under_heading = names_findings(&h.text, labels),
            Block::Paragraph(p) => {
                let text = p.text.trim();
                if let Some((r, rest)) = refs::labelled_ref(text, labels)
                    && !rest.is_empty()
                {
                    out.push(RawFinding {
                        ref_: Some(r),
                        text: vec![rest],
                        at: p.at,
                        ..RawFinding::default()
                    });
                } else if under_heading
                    && let Some((r, rest)) = refs::opening_ref(text)
                    && !rest.is_empty()
                {
                    out.push(RawFinding {
                        ref_: Some(r),
                        text: vec![rest.to_string()],
                        at: p.at,
                        ..RawFinding::default()
                    });
                } else if names_findings(text, labels) {
                    under_heading = true;
                } else if refs::opening_ref(text).is_none() && p.list.is_none() {
                    under_heading = false;
                }
            }
        }
    }
    out
}

/// A short line that names a list of findings ("Areas for improvement",
/// "Recommendations").
fn names_findings(text: &str, labels: &Phrases<()>) -> bool {
    let t = normalise(text);
    t.split(' ').count() <= 6
        && (labels.opening(&t).is_some_and(|f| f.start == 0)
            || t.strip_suffix('s')
                .is_some_and(|s| labels.whole(s).is_some()))
}

/// The findings a findings-only table lists.
fn table_findings(t: &Table, g: &Grammars) -> Vec<RawFinding> {
    let Some((hr, map)) = columns::find_header(t, g) else {
        return Vec::new();
    };
    let (Some(fc), rc) = (map.first(Meaning::Finding), map.first(Meaning::Ref)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in t.rows.iter().skip(hr + 1) {
        let cell = |c: usize| row.cells.iter().find(|x| x.col == c);
        let Some(text) = cell(fc).map(rows::paragraphs).filter(|p| !p.is_empty()) else {
            continue;
        };
        let mut text = text;
        let mut ref_ = rc
            .and_then(cell)
            .map(|c| c.text().trim().trim_end_matches('.').to_string())
            .filter(|r| !r.is_empty());
        if ref_.is_none()
            && let Some((r, rest)) = refs::opening_ref(&text[0])
        {
            ref_ = Some(r);
            text[0] = rest.to_string();
        }
        out.push(RawFinding {
            ref_,
            text,
            at: row.at,
            ..RawFinding::default()
        });
    }
    out
}
