//! The walk's findings and rows as a model table, for the one plan builder
//! (`interpret::plan`): ids, refs, lead inheritance and status are its
//! rules, not this stage's.
//!
//! Why the table is laid out by finding: a dump may print a page's actions
//! before the finding they answer (the walk links them by number), while a
//! table row belongs to the finding printed above it. So the table holds,
//! in order, the rows linked to no finding, then each finding's row (its
//! number in the ref column, its text in the finding column) followed by
//! its actions' rows (the action's own ref in the ref column). Sections are
//! a theme column (`plan.toml` `[columns] section`) or, where the grammar
//! names no theme column, a section row spanning the table.

use super::cues::{join, mend_split_years};
use super::walk::{Row, Walk};
use crate::model::{self, Block, Document, Format, Paragraph, Provenance, Table};
use crate::recognise::Grammars;
use crate::recognise::grammar::ColumnMeaning as Meaning;

/// The columns of the rebuilt table: (meaning, or none for the theme
/// column; header text).
fn columns(g: &Grammars) -> Vec<(Option<Meaning>, String)> {
    let by_meaning = g.columns.by_meaning();
    let header = |m: Meaning| {
        by_meaning
            .iter()
            .find(|(c, _)| *c == m)
            .and_then(|(_, a)| a.first().cloned())
    };
    let mut cols: Vec<(Option<Meaning>, String)> = Vec::new();
    if let Some(theme) = g.plan.columns.section.first() {
        cols.push((None, theme.clone()));
    }
    for m in [
        Meaning::Ref,
        Meaning::Finding,
        Meaning::Action,
        Meaning::Timescale,
        Meaning::Lead,
    ] {
        if let Some(h) = header(m) {
            cols.push((Some(m), h));
        }
    }
    cols
}

/// One table row: each column's paragraphs (empty cells kept, so that no
/// row reads as shorter than the header).
fn row(cells: Vec<Vec<String>>, line: u32, header: bool) -> model::Row {
    let at = Provenance::line(line);
    model::Row {
        cells: cells
            .into_iter()
            .enumerate()
            .map(|(i, texts)| {
                let mut c = model::Cell::new(
                    i,
                    texts.into_iter().map(|t| Paragraph::new(t, at)).collect(),
                );
                c.at = at;
                c
            })
            .collect(),
        header,
        page_break_before: false,
        at,
    }
}

impl Walk<'_> {
    /// Actions numbered "M.N" belong to finding M where the plan has one (a
    /// dump may print a page's finding cells after its action cells), and
    /// an action sits under its finding's section (a dump may print a
    /// page's actions before the section row that heads them).
    fn link_rows_to_findings(&mut self) {
        for r in &mut self.rows {
            if let Some(m) = r
                .ref_
                .as_deref()
                .filter(|x| x.contains('.'))
                .map(super::anchors::major)
                && let Some(i) = self.findings.iter().position(|f| f.num == m)
            {
                r.finding = Some(i);
            }
            if let Some(s) = r
                .finding
                .and_then(|i| self.findings.get(i))
                .and_then(|f| f.section.clone())
            {
                r.section = Some(s);
            }
        }
    }

    /// The walk as a document of one plan table.
    pub(super) fn into_document(mut self, g: &Grammars) -> Document {
        self.link_rows_to_findings();
        let cols = columns(g);
        let theme = cols.iter().position(|(m, _)| m.is_none());
        let col = |m: Meaning| cols.iter().position(|(c, _)| *c == Some(m));
        let width = cols.len();
        let mut rows = vec![row(
            cols.iter().map(|(_, h)| vec![h.clone()]).collect(),
            self.rows.first().map_or(0, |r| r.line),
            true,
        )];
        let mut section: Option<String> = None;
        let mut put_section = |rows: &mut Vec<model::Row>, s: &Option<String>, line: u32| {
            if theme.is_some() || s.is_none() || *s == section {
                return;
            }
            section = s.clone();
            let mut r = row(vec![s.iter().cloned().collect()], line, false);
            if let Some(c) = r.cells.first_mut() {
                c.col_span = width;
            }
            rows.push(r);
        };
        let cells_of = |section: &Option<String>, pairs: Vec<(Option<usize>, Vec<String>)>| {
            let mut cells = vec![Vec::new(); width];
            if let Some(t) = theme {
                cells[t] = section.iter().cloned().collect();
            }
            for (c, texts) in pairs {
                if let Some(c) = c {
                    cells[c].extend(texts.into_iter().filter(|t| !t.trim().is_empty()));
                }
            }
            cells
        };
        let action_row = |r: &Row| {
            cells_of(
                &r.section,
                vec![
                    (col(Meaning::Ref), r.ref_.iter().cloned().collect()),
                    (col(Meaning::Action), vec![join(&r.action)]),
                    (
                        col(Meaning::Timescale),
                        vec![mend_split_years(&join(&r.timescale), g)],
                    ),
                    (col(Meaning::Lead), r.lead.clone()),
                ],
            )
        };
        for r in self.rows.iter().filter(|r| r.finding.is_none()) {
            put_section(&mut rows, &r.section, r.line);
            rows.push(row(action_row(r), r.line, false));
        }
        for (i, f) in self.findings.iter().enumerate() {
            put_section(&mut rows, &f.section, f.line);
            let cells = cells_of(
                &f.section,
                vec![
                    (col(Meaning::Ref), vec![f.num.to_string()]),
                    (col(Meaning::Finding), vec![join(&f.text)]),
                ],
            );
            rows.push(row(cells, f.line, false));
            for r in self.rows.iter().filter(|r| r.finding == Some(i)) {
                rows.push(row(action_row(r), r.line, false));
            }
        }
        let at = rows.first().map_or_else(Provenance::default, |r| r.at);
        let mut doc = Document::new(Format::Text);
        doc.blocks.push(Block::Table(Table {
            rows,
            columns: width,
            pages: Vec::new(),
            at,
        }));
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rebuild::flow::anchors::Widths;
    use crate::rebuild::flow::lexicon::Lexicon;
    use crate::rebuild::flow::walk::FindingBuild;

    fn finding(num: u32, section: &str, text: &str, line: u32) -> FindingBuild {
        FindingBuild {
            num,
            section: Some(section.to_string()),
            text: vec![text.to_string()],
            line,
            provisional: false,
        }
    }

    fn action(
        ref_: Option<&str>,
        finding: Option<usize>,
        text: &str,
        lead: &str,
        line: u32,
    ) -> Row {
        Row {
            ref_: ref_.map(str::to_string),
            finding,
            line,
            action: vec![text.to_string()],
            timescale: vec!["June 2031".to_string()],
            lead: (!lead.is_empty())
                .then(|| lead.to_string())
                .into_iter()
                .collect(),
            ..Row::default()
        }
    }

    /// (ref, finding, section, leads inherited) of an action.
    type Seen<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, bool);

    /// An invented walk whose second finding's first action came before
    /// its finding: the plan builder links it by number, gives it its
    /// finding's section and carries the lead down within the finding.
    #[test]
    fn the_plan_builder_reads_the_walk_table() {
        let g = Grammars::builtin();
        let lex = Lexicon::new(&g);
        let widths = Widths {
            action: None,
            finding: None,
            narrow: 0,
        };
        let mut walk = Walk::new(widths, &[], &lex);
        walk.findings = vec![
            finding(1, "Harbours", "Moorings are not inspected.", 3),
            finding(2, "Lighthouses", "Lamps are not logged.", 9),
        ];
        walk.rows = vec![
            action(
                Some("1.1"),
                Some(0),
                "Inspect every mooring",
                "Pat Quay, Harbour Master",
                4,
            ),
            action(
                Some("2.1"),
                Some(0),
                "Log every lamp",
                "Lee Beam, Keeper",
                6,
            ),
            action(Some("2.2"), Some(1), "Audit the lamp logs", "", 10),
        ];
        let plan = crate::interpret::plan::extract(&walk.into_document(&g), &g);
        let seen: Vec<Seen> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.finding.as_deref(),
                    a.section.as_deref(),
                    a.leads_inherited,
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (Some("1.1"), Some("f1"), Some("Harbours"), false),
                (Some("2.1"), Some("f2"), Some("Lighthouses"), false),
                (Some("2.2"), Some("f2"), Some("Lighthouses"), true),
            ]
        );
        let f: Vec<(Option<&str>, &str)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), f.text.as_str()))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1"), "Moorings are not inspected."),
                (Some("2"), "Lamps are not logged.")
            ]
        );
        assert_eq!(plan.actions[0].timescale.text.as_deref(), Some("June 2031"));
    }
}
