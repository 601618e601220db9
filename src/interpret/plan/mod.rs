//! Action plans from the document model.
//!
//! A plan is one or more tables whose header row names its columns (ref,
//! finding, action, timescale, lead, outcome, status, progress). The stage
//! works on structure only, so the same code reads text exports (empty
//! cells, repeated headers, rows split by page breaks), DOCX tables (real
//! vertical merges) and PDF tables:
//! - [`columns`]: the header row and each column's meaning;
//! - [`rows`]: rows read by meaning, section rows, merged cells;
//! - [`build`]: findings, actions, refs, continuation rows, carried leads;
//! - [`fields`]: timescale, leads, status and progress from cell text;
//! - [`title`]: the document's title and headings above tables.

mod build;
mod columns;
mod fields;
mod rows;
mod title;

use crate::contract::{Action, Diagnostic, Finding};
use crate::model::{Block, Document};
use crate::recognise::Grammars;

use columns::ColumnMap;
use rows::Line;

/// An action plan as interpreted.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub title: Option<String>,
    pub findings: Vec<Finding>,
    pub actions: Vec<Action>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read every plan table of `doc` into findings and actions.
pub fn extract(doc: &Document, g: &Grammars) -> Plan {
    let title = title::find(doc);
    let mut lines: Vec<Line> = Vec::new();
    let mut map: Option<ColumnMap> = None;
    // A short paragraph or heading right before a table names its section.
    let mut heading: Option<String> = None;
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                heading = title::heading_like(&h.text).filter(|t| Some(t) != title.as_ref());
            }
            Block::Paragraph(p) => {
                heading = title::heading_like(&p.text).filter(|t| Some(t) != title.as_ref());
            }
            Block::Table(t) => {
                let found = columns::find_header(t, g);
                let table_lines = match (&found, &map) {
                    (Some((row, m)), _) => Some(rows::lines(t, m, Some(*row))),
                    // A table with no header of its own, (nearly) as wide as
                    // the last plan table, carries it on: a table split by the
                    // export, maybe without trailing empty cells.
                    (None, Some(m)) if continues(columns::table_width(t), m.width) => {
                        Some(rows::lines(t, m, None))
                    }
                    _ => None,
                };
                if let Some(tl) = table_lines {
                    if let Some(h) = heading.take() {
                        lines.push(Line::Section(h));
                    }
                    lines.extend(tl);
                }
                if let Some((_, m)) = found {
                    map = Some(m);
                }
                heading = None;
            }
        }
    }
    let (findings, actions) = build::build(&lines, g);
    Plan {
        title,
        findings,
        actions,
        diagnostics: Vec::new(),
    }
}

/// Is a headerless table of width `w` a piece of a plan table of width
/// `plan`? At most a quarter of the columns may be missing (trailing empty
/// cells an export dropped); a much narrower table (a rating key under the
/// plan) is something else.
fn continues(w: usize, plan: usize) -> bool {
    w <= plan && w * 4 >= plan * 3
}
