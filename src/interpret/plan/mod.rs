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
//! - [`spread`]: lead cells an exporter spread down a merge, rejoined;
//! - [`title`]: the document's title and headings above tables.

mod apart;
mod build;
pub(crate) mod columns;
pub(crate) mod fields;
mod keys;
mod labelled;
mod refs;
mod repeats;
mod rows;
pub(crate) mod spread;
mod title;
mod typing;

use crate::contract::{Action, At, Diagnostic, Finding, Level};
use crate::model::{Block, Document};
use crate::recognise::Grammars;

use build::Context;
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

/// Read every plan table of `doc` into findings and actions; a document
/// with no plan table may be a plan of headings and labelled paragraphs.
pub fn extract(doc: &Document, g: &Grammars) -> Plan {
    let title = title::find(doc);
    let (keys, key_blocks) = keys::find(doc, g);
    let mut ctx = Context {
        keys,
        finding_labels: finding_labels(g),
        ..Context::default()
    };
    let tables = read_tables(doc, g, &key_blocks, title.as_deref());
    let linked = tables
        .lines
        .iter()
        .any(|l| matches!(l, Line::Data(r) if !r.finding_col && r.link.has_own_text()));
    if linked {
        ctx.apart = apart::findings(
            doc,
            g,
            &key_blocks,
            &tables.finding_tables,
            &ctx.finding_labels,
        );
    }
    let build::Built {
        findings,
        actions,
        copies_cut,
    } = build::build(tables.lines, &ctx, g);
    if actions.is_empty()
        && let Some(p) = labelled::extract(doc, g, &ctx, &key_blocks)
    {
        return Plan { title, ..p };
    }
    let diagnostics = if actions.is_empty() {
        Vec::new()
    } else {
        tables.unknown.into_iter().chain(copies_cut).collect()
    };
    Plan {
        title,
        findings,
        actions,
        diagnostics,
    }
}

/// Label words a finding's number may follow: the finding labels of
/// `plan.toml` and the finding column headers of `columns.toml`.
fn finding_labels(g: &Grammars) -> crate::recognise::phrase::Phrases<()> {
    let mut v = g.plan.labels.finding.clone();
    v.extend(g.columns.finding.iter().cloned());
    crate::recognise::phrase::Phrases::list(&v)
}

/// What the tables of a document hold.
#[derive(Default)]
struct Tables {
    lines: Vec<Line>,
    /// Tables that list findings only, to link actions to.
    finding_tables: Vec<usize>,
    /// `plan.column_unknown` for each header nothing could read.
    unknown: Vec<Diagnostic>,
}

fn read_tables(doc: &Document, g: &Grammars, skip: &[usize], title: Option<&str>) -> Tables {
    let mut out = Tables::default();
    let mut map: Option<ColumnMap> = None;
    // A short paragraph or heading right before a table names its section.
    let mut heading: Option<String> = None;
    // Text blocks since the last plan table: a headerless table carries the
    // plan on only when nothing but (at most) a heading separates them.
    let mut text_between = 0usize;
    for (bi, block) in doc.blocks.iter().enumerate() {
        if skip.contains(&bi) {
            heading = None;
            continue;
        }
        let text = match block {
            // Page furniture (`recognise::furniture`) is not the document's: it
            // neither names a section nor parts two pieces of a table.
            Block::Heading(h) if h.furniture => continue,
            Block::Paragraph(p) if p.furniture => continue,
            Block::Heading(h) => &h.text,
            Block::Paragraph(p) => &p.text,
            Block::Table(t) => {
                let found = columns::find_header(t, g);
                if let Some((_, m)) = &found
                    && m.findings_only
                {
                    out.finding_tables.push(bi);
                    heading = None;
                    text_between = 0;
                    continue;
                }
                let adjacent = text_between == 0 || (text_between == 1 && heading.is_some());
                let table_lines = match (&found, &map) {
                    (Some((row, m)), _) => Some(rows::lines(t, m, Some(*row))),
                    // A table with no header of its own, (nearly) as wide as
                    // the plan table just before it, carries it on: a table
                    // split by the export, maybe without trailing empty cells.
                    (None, Some(m)) if adjacent && continues(columns::table_width(t), m.width) => {
                        Some(rows::lines(t, m, None))
                    }
                    _ => None,
                };
                if let (true, Some((_, m))) = (table_lines.is_some(), &found) {
                    // Once per header: a plan printed as many tables with
                    // one header row says the same thing each time.
                    for (_, h) in &m.unknown {
                        let d = column_unknown(h, t.at);
                        if !out.unknown.iter().any(|u| u.message == d.message) {
                            out.unknown.push(d);
                        }
                    }
                }
                map = match (table_lines.is_some(), found) {
                    (true, Some((_, m))) => Some(m),
                    (true, None) => map,
                    (false, _) => None,
                };
                if let Some(tl) = table_lines {
                    if let Some(h) = heading.take() {
                        out.lines.push(Line::Section(h));
                    }
                    out.lines.extend(tl.into_iter().filter(|l| {
                        // The title printed as the table's first row.
                        !matches!(l, Line::Section(s) if Some(s.as_str()) == title)
                    }));
                }
                heading = None;
                text_between = 0;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        text_between += 1;
        heading = title::heading_like(text)
            .filter(|t| Some(t.as_str()) != title)
            .filter(|t| !title::is_caption(t, g));
    }
    out
}

/// The diagnostic for a column nothing could read.
fn column_unknown(header: &str, at: crate::model::Provenance) -> Diagnostic {
    Diagnostic {
        level: Level::Warning,
        code: "plan.column_unknown".into(),
        message: format!(
            "column \"{header}\" is not read: its header is not in columns.toml and its cells do not say what it holds; add the header to columns.toml with --grammars"
        ),
        at: At {
            page: at.page.filter(|p| *p > 0),
            line: at.line.filter(|l| *l > 0),
        },
    }
}

/// Is a headerless table of width `w` a piece of a plan table of width
/// `plan`? At most a quarter of the columns may be missing (trailing empty
/// cells an export dropped); a much narrower table (a rating key under the
/// plan) is something else.
fn continues(w: usize, plan: usize) -> bool {
    w <= plan && w * 4 >= plan * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Format, Paragraph, Provenance, Row, Table};

    fn cell(col: usize, rows: usize, cols: usize, text: &str) -> Cell {
        let paragraphs = text
            .split('\n')
            .map(|t| Paragraph::new(t, Provenance::default()))
            .collect();
        Cell {
            row_span: rows,
            col_span: cols,
            ..Cell::new(col, paragraphs)
        }
    }

    fn row(line: u32, cells: Vec<Cell>) -> Row {
        Row {
            cells,
            at: Provenance::page(line),
            ..Default::default()
        }
    }

    fn doc(rows: Vec<Row>, columns: usize) -> Document {
        let mut d = Document::new(Format::Docx);
        d.blocks.push(Block::Table(Table {
            rows,
            columns,
            ..Default::default()
        }));
        d
    }

    fn header(line: u32) -> Row {
        row(
            line,
            vec![
                cell(0, 1, 1, "Ref"),
                cell(1, 1, 1, "Area for development"),
                cell(2, 1, 1, "Action"),
                cell(3, 1, 1, "By when"),
                cell(4, 1, 1, "Lead"),
            ],
        )
    }

    /// A plan table of `n` invented actions beside one cell of a third
    /// column, headed `column`, merged down all of them.
    fn merged_down(n: usize, column: &str, text: &str) -> Document {
        let head = vec![
            cell(0, 1, 1, "Ref"),
            cell(1, 1, 1, "Action"),
            cell(2, 1, 1, column),
        ];
        let mut rows = vec![row(1, head)];
        for k in 0..n {
            let mut cells = vec![
                cell(0, 1, 1, &format!("{}", k + 1)),
                cell(1, 1, 1, "Review the invented pathway"),
            ];
            if k == 0 {
                cells.push(cell(2, n, 1, text));
            }
            rows.push(row(k as u32 + 2, cells));
        }
        doc(rows, 3)
    }

    /// Peak heap bytes to read a plan whose outcome cell, `n` paragraphs
    /// long, is merged down beside `n` action rows.
    fn merged_outcome_peak(n: usize) -> i64 {
        let outcome = vec!["Families say the invented service helps them more"; n].join("\n");
        let d = merged_down(n, "Outcome", &outcome);
        let before = crate::work::live_bytes();
        crate::work::reset_peak();
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.actions.len(), n);
        crate::work::peak_bytes() - before
    }

    /// The rows a merged cell covers share its text, and each action's
    /// copy stops at what a field keeps: 4x the rows cost 4x, not 16x.
    #[test]
    fn a_cell_merged_down_many_rows_costs_its_rows_not_their_square() {
        let (small, large) = (merged_outcome_peak(400), merged_outcome_peak(1_600));
        assert!(small > 0, "the test binary counts allocations");
        assert!(large <= small * 6, "{small} -> {large}");
    }

    /// A plan of `n` actions beside one timescale cell merged down all of
    /// them, holding `dates` invented dates.
    fn merged_timescale_plan(n: usize, dates: usize) -> Plan {
        let timescale = vec!["1.1.21"; dates].join(" ");
        extract(
            &merged_down(n, "Timescale", &timescale),
            &Grammars::builtin(),
        )
    }

    /// A long merged cell is copied into every action it covers: the
    /// copies are whole until the document has copied
    /// `repeats::COPY_BUDGET_BYTES`, then cut, with one diagnostic, and
    /// each cut timescale's dates are those of the text it keeps.
    #[test]
    fn long_copies_past_the_budget_are_cut_and_counted() {
        use repeats::{COPY_BUDGET_BYTES, MAX_LATE_COPY_BYTES};
        let small = merged_timescale_plan(20, 2_000);
        assert!(
            small
                .diagnostics
                .iter()
                .all(|d| d.code != "plan.copies_cut")
        );
        assert!(
            small
                .actions
                .iter()
                .all(|a| a.timescale.dates.len() == 2_000)
        );
        let n = 1_500;
        let p = merged_timescale_plan(n, 2_000);
        assert_eq!(p.actions.len(), n);
        let texts: Vec<&str> = p
            .actions
            .iter()
            .filter_map(|a| a.timescale.text.as_deref())
            .collect();
        assert_eq!(texts.len(), n);
        let total: usize = texts.iter().map(|t| t.len()).sum();
        assert!(
            total <= COPY_BUDGET_BYTES + n * MAX_LATE_COPY_BYTES,
            "{total}"
        );
        assert!(
            texts[0].len() > MAX_LATE_COPY_BYTES,
            "the first copies are whole"
        );
        let last = p.actions.last().expect("actions");
        let kept = last.timescale.text.as_deref().unwrap_or("");
        assert!(kept.len() <= MAX_LATE_COPY_BYTES);
        assert_eq!(last.timescale.dates.len(), kept.matches("1.1.21").count());
        let cut = p.diagnostics.iter().find(|d| d.code == "plan.copies_cut");
        assert!(cut.is_some_and(|d| d.level == Level::Warning));
        let first_cut = p
            .actions
            .iter()
            .find(|a| {
                a.timescale
                    .text
                    .as_ref()
                    .is_some_and(|t| t.len() <= MAX_LATE_COPY_BYTES)
            })
            .expect("a cut timescale");
        assert_eq!(
            cut.map(|d| d.at),
            Some(first_cut.at),
            "it points at the first cut"
        );
        assert!(
            first_cut.at.page.is_some_and(|p| p > 2),
            "not the first action"
        );
    }

    #[test]
    fn vertical_merges_cover_findings_and_leads() {
        let d = doc(
            vec![
                header(1),
                row(2, vec![cell(0, 1, 5, "Health")]),
                row(
                    3,
                    vec![
                        cell(0, 2, 1, "1"),
                        cell(1, 2, 1, "Finding one"),
                        cell(2, 1, 1, "1.1 Do A"),
                        cell(3, 1, 1, "June 2020"),
                        cell(4, 2, 1, "Ann Smith"),
                    ],
                ),
                row(
                    4,
                    vec![cell(2, 1, 1, "1.2 Do B"), cell(3, 1, 1, "July 2020")],
                ),
                row(
                    5,
                    vec![
                        cell(0, 1, 1, "2"),
                        cell(1, 1, 1, "Finding two"),
                        cell(2, 1, 1, "2.1 Do C"),
                        cell(3, 1, 1, ""),
                        cell(4, 1, 1, ""),
                    ],
                ),
            ],
            5,
        );
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.findings.len(), 2);
        assert_eq!(p.findings[0].section.as_deref(), Some("Health"));
        assert_eq!(p.actions.len(), 3);
        let a2 = &p.actions[1];
        assert_eq!(a2.ref_.as_deref(), Some("1.2"));
        assert_eq!(a2.finding.as_deref(), Some("f1"));
        assert!(a2.leads_inherited);
        assert_eq!(a2.leads[0].text, "Ann Smith");
        assert_eq!(a2.at.page, Some(4));
        // A new finding does not inherit the previous finding's leads.
        let a3 = &p.actions[2];
        assert_eq!(a3.finding.as_deref(), Some("f2"));
        assert!(a3.leads.is_empty() && !a3.leads_inherited);
        assert_eq!(a3.timescale.text, None);
    }

    #[test]
    fn page_break_row_without_ref_continues_the_row_above() {
        let mut rows = vec![
            header(1),
            row(
                2,
                vec![
                    cell(0, 1, 1, "7"),
                    cell(1, 1, 1, "Finding"),
                    cell(2, 1, 1, "7.1 Start of the"),
                    cell(3, 1, 1, "End of Covid-"),
                    cell(4, 1, 1, "Ann"),
                ],
            ),
            header(3),
            row(
                4,
                vec![
                    cell(0, 1, 1, ""),
                    cell(1, 1, 1, ""),
                    cell(2, 1, 1, "action."),
                    cell(3, 1, 1, "19 priorities"),
                    cell(4, 1, 1, ""),
                ],
            ),
            row(
                5,
                vec![
                    cell(0, 1, 1, ""),
                    cell(1, 1, 1, ""),
                    cell(2, 1, 1, "7.2 Next"),
                    cell(3, 1, 1, "June 2020"),
                    cell(4, 1, 1, ""),
                ],
            ),
        ];
        rows[2].header = true;
        rows[3].page_break_before = true;
        let p = extract(&doc(rows, 5), &Grammars::builtin());
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[0].text, "Start of the action.");
        assert_eq!(
            p.actions[0].timescale.text.as_deref(),
            Some("End of Covid-19 priorities")
        );
        assert!(p.actions[1].leads_inherited);
    }

    #[test]
    fn unnumbered_actions_take_their_findings_ref_and_list_numbers_stay_text() {
        let g = Grammars::builtin();
        let rows = vec![
            row(
                1,
                vec![
                    cell(0, 1, 1, "Number"),
                    cell(1, 1, 1, "Recommendation"),
                    cell(2, 1, 1, "Action"),
                ],
            ),
            row(
                2,
                vec![
                    cell(0, 1, 1, "2.1"),
                    cell(1, 1, 1, "That X"),
                    cell(2, 1, 1, "Do X"),
                ],
            ),
            row(
                3,
                vec![
                    cell(0, 1, 1, ""),
                    cell(1, 1, 1, ""),
                    cell(2, 1, 1, "1. Also"),
                ],
            ),
        ];
        let p = extract(&doc(rows, 3), &g);
        assert_eq!(p.actions[0].ref_.as_deref(), Some("2.1"));
        assert_eq!(p.actions[1].ref_, None);
        assert_eq!(p.actions[1].text, "1. Also");
    }

    #[test]
    fn a_ref_beside_an_action_under_a_merged_finding_numbers_the_action() {
        let rows = vec![
            row(
                1,
                vec![
                    cell(0, 1, 1, "Ref"),
                    cell(1, 1, 1, "Recommendation"),
                    cell(2, 1, 1, "Actions"),
                ],
            ),
            row(
                2,
                vec![
                    cell(0, 1, 1, "1.1"),
                    cell(1, 2, 1, "That X"),
                    cell(2, 1, 1, "Do X"),
                ],
            ),
            row(3, vec![cell(0, 1, 1, "1.2"), cell(2, 1, 1, "Do Y")]),
        ];
        let p = extract(&doc(rows, 3), &Grammars::builtin());
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[1].ref_.as_deref(), Some("1.2"));
        assert_eq!(p.actions[1].finding.as_deref(), Some("f1"));
    }

    proptest::proptest! {
        /// Any grid of cells, spans and flags: the interpreter never panics
        /// and numbers its output densely.
        #[test]
        fn never_panics_on_arbitrary_tables(
            spec in proptest::collection::vec(
                proptest::collection::vec(
                    (0usize..6, 0usize..4, 0usize..3, 0usize..12),
                    0..6,
                ),
                0..12,
            ),
            flags in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY), 12),
        ) {
            const WORDS: [&str; 12] = [
                "Ref", "Actions", "Lead", "Timescale", "1", "1.1 Do", "", "Health",
                "2.2.", "June 2020", "Progress", "Ann\n\nBob",
            ];
            let rows: Vec<Row> = spec
                .iter()
                .enumerate()
                .map(|(i, cells)| {
                    let (header, brk) = flags.get(i).copied().unwrap_or_default();
                    Row {
                        cells: cells
                            .iter()
                            .map(|&(col, rs, cs, w)| cell(col, rs, cs, WORDS[w % WORDS.len()]))
                            .collect(),
                        header,
                        page_break_before: brk,
                        at: Provenance::line(i as u32 + 1),
                    }
                })
                .collect();
            let p = extract(&doc(rows, 6), &Grammars::builtin());
            for (i, a) in p.actions.iter().enumerate() {
                proptest::prop_assert_eq!(&a.id, &format!("a{}", i + 1));
            }
        }
    }

    #[test]
    fn a_finding_split_by_a_page_break_goes_on_beside_a_new_action() {
        let mut rows = vec![
            header(1),
            row(
                2,
                vec![
                    cell(0, 1, 1, "1"),
                    cell(1, 1, 1, "Finding starts"),
                    cell(2, 1, 1, "1.1 A"),
                    cell(3, 1, 1, ""),
                    cell(4, 1, 1, "Ann"),
                ],
            ),
            header(3),
            row(
                4,
                vec![
                    cell(0, 1, 1, ""),
                    cell(1, 1, 1, "and ends"),
                    cell(2, 1, 1, "1.2 B"),
                    cell(3, 1, 1, ""),
                    cell(4, 1, 1, ""),
                ],
            ),
        ];
        rows[2].header = true;
        rows[3].page_break_before = true;
        let p = extract(&doc(rows, 5), &Grammars::builtin());
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.findings[0].text, "Finding starts and ends");
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[1].finding.as_deref(), Some("f1"));
        assert!(p.actions[1].leads_inherited);
    }

    #[test]
    fn a_long_row_spanning_the_table_is_a_section() {
        let long = "Priority B – Young carers are found early, listened to and given a break from caring in every part of the county";
        let rows = vec![
            header(1),
            row(2, vec![cell(0, 1, 5, long)]),
            row(
                3,
                vec![
                    cell(0, 1, 1, "B1"),
                    cell(1, 1, 1, ""),
                    cell(2, 1, 1, "Map young carers known to schools"),
                    cell(3, 1, 1, "May 2027"),
                    cell(4, 1, 1, "Carers Lead"),
                ],
            ),
            // The same words in one narrow cell are not a heading.
            row(4, vec![cell(2, 1, 1, long)]),
        ];
        let p = extract(&doc(rows, 5), &Grammars::builtin());
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[0].section.as_deref(), Some(long));
        assert_eq!(p.actions[1].text, long);
    }

    #[test]
    fn a_repeated_section_row_is_a_running_head() {
        let theme = || row(0, vec![cell(0, 1, 3, "THEME 1: Strategy")]);
        let head = |l| {
            row(
                l,
                vec![
                    cell(0, 1, 1, "Ref"),
                    cell(1, 1, 1, "Action"),
                    cell(2, 1, 1, "Lead"),
                ],
            )
        };
        let data = |l, r: &str, a: &str| {
            row(
                l,
                vec![cell(0, 1, 1, r), cell(1, 1, 1, a), cell(2, 1, 1, "")],
            )
        };
        let mut d = doc(vec![theme(), head(1), data(2, "1", "Start of")], 3);
        let mut next = vec![theme(), head(3), data(4, "", "the action")];
        next[2].page_break_before = true;
        d.blocks.push(Block::Table(Table {
            rows: next,
            columns: 3,
            ..Default::default()
        }));
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.actions.len(), 1);
        assert_eq!(p.actions[0].text, "Start of the action");
        assert_eq!(p.actions[0].section.as_deref(), Some("THEME 1: Strategy"));
    }

    #[test]
    fn a_headerless_table_continues_the_plan_only_when_adjacent() {
        let plan = || {
            vec![
                header(1),
                row(
                    2,
                    vec![
                        cell(0, 1, 1, "1"),
                        cell(1, 1, 1, "Finding"),
                        cell(2, 1, 1, "1.1 A"),
                        cell(3, 1, 1, ""),
                        cell(4, 1, 1, ""),
                    ],
                ),
            ]
        };
        let more = || Table {
            rows: vec![row(
                5,
                vec![
                    cell(0, 1, 1, ""),
                    cell(1, 1, 1, ""),
                    cell(2, 1, 1, "1.2 B"),
                    cell(3, 1, 1, ""),
                ],
            )],
            columns: 4,
            ..Default::default()
        };
        let mut d = doc(plan(), 5);
        d.blocks.push(Block::Table(more()));
        assert_eq!(extract(&d, &Grammars::builtin()).actions.len(), 2);
        let mut d = doc(plan(), 5);
        d.blocks.push(Block::Paragraph(Paragraph::new(
            "Signed on behalf of the partnership by the chair.",
            Provenance::line(4),
        )));
        d.blocks.push(Block::Table(more()));
        assert_eq!(extract(&d, &Grammars::builtin()).actions.len(), 1);
    }

    #[test]
    fn a_column_nothing_can_read_is_reported_and_people_are_read_as_leads() {
        let rows = vec![
            row(
                1,
                vec![
                    cell(0, 1, 1, "No."),
                    cell(1, 1, 1, "Action"),
                    cell(2, 1, 1, "Accountable manager"),
                    cell(3, 1, 1, "Funding stream"),
                ],
            ),
            row(
                2,
                vec![
                    cell(0, 1, 1, "1"),
                    cell(1, 1, 1, "Open a weekend drop-in for young carers"),
                    cell(2, 1, 1, "Head of Carers Services, Wexcombe Council"),
                    cell(3, 1, 1, "Public health grant"),
                ],
            ),
            row(
                3,
                vec![
                    cell(0, 1, 1, "2"),
                    cell(1, 1, 1, "Train school staff to spot hidden caring"),
                    cell(2, 1, 1, "Designated Nurse (ICB)"),
                    cell(3, 1, 1, "Core budget, shared with schools"),
                ],
            ),
        ];
        let mut d = doc(rows.clone(), 4);
        // The same table again after a heading (a plan split into themes).
        d.blocks.push(Block::Heading(crate::model::Heading {
            furniture: false,
            level: 2,
            text: "Second theme".into(),
            at: Provenance::default(),
        }));
        d.blocks.push(Block::Table(Table {
            rows,
            columns: 4,
            ..Default::default()
        }));
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.actions.len(), 4);
        // The unnamed column of posts is read as the leads.
        assert_eq!(
            p.actions[0].leads[0].role.as_deref(),
            Some("Head of Carers Services")
        );
        // The column of neither is reported with its header, once.
        let unknown: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == "plan.column_unknown")
            .collect();
        assert_eq!(unknown.len(), 1);
        assert!(unknown[0].message.contains("\"Funding stream\""));
    }

    #[test]
    fn page_furniture_between_table_pieces_is_skipped() {
        let data = |n: u32, text: &str| {
            row(
                n,
                vec![
                    cell(0, 1, 1, &n.to_string()),
                    cell(1, 1, 1, text),
                    cell(2, 1, 1, "Harbour Master"),
                    cell(3, 1, 1, "June 2031"),
                ],
            )
        };
        let header = row(
            1,
            vec![
                cell(0, 1, 1, "Ref"),
                cell(1, 1, 1, "Action"),
                cell(2, 1, 1, "Lead"),
                cell(3, 1, 1, "Timescale"),
            ],
        );
        let plan = |furniture: bool| {
            let mut d = doc(vec![header.clone(), data(2, "Paint the quay rails")], 4);
            d.blocks.push(Block::Paragraph(Paragraph {
                furniture,
                ..Paragraph::new("Printed on the ferry, 3 March 2031.", Provenance::page(1))
            }));
            d.blocks.push(Block::Table(Table {
                rows: vec![data(3, "Relight the pier lamps")],
                columns: 4,
                ..Default::default()
            }));
            extract(&d, &Grammars::builtin()).actions.len()
        };
        // Flagged furniture does not part the table; body text does.
        assert_eq!(plan(true), 2);
        assert_eq!(plan(false), 1);
    }

    #[test]
    fn a_labelled_plan_read_with_no_lines_has_no_zero_provenance() {
        let mut d = Document::new(Format::Text);
        for t in [
            "Recommendation 1: Young carers are identified late.",
            "Action: Add a caring question to the school census.",
            "Lead: Head of Inclusion",
            "Timescale: July 2027",
            "Action: Publish a carers' card.",
            "Lead: Carers Lead",
        ] {
            // A reader that records no position gives 0.
            d.blocks
                .push(Block::Paragraph(Paragraph::new(t, Provenance::line(0))));
        }
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.actions.len(), 2);
        for a in &p.actions {
            assert_eq!(a.at.line, None);
            assert_eq!(a.at.page, None);
        }
        for f in &p.findings {
            assert_eq!(f.at.line, None);
        }
    }

    #[test]
    fn findings_in_their_own_table_are_linked_by_a_column_of_their_refs() {
        let mut d = doc(
            vec![
                row(
                    1,
                    vec![cell(0, 1, 1, "No."), cell(1, 1, 1, "What we found")],
                ),
                row(
                    2,
                    vec![cell(0, 1, 1, "W1"), cell(1, 1, 1, "Carers were not asked")],
                ),
                row(
                    3,
                    vec![cell(0, 1, 1, "W2"), cell(1, 1, 1, "Plans were late")],
                ),
            ],
            2,
        );
        d.blocks.push(Block::Table(Table {
            rows: vec![
                row(
                    5,
                    vec![
                        cell(0, 1, 1, "Action ref"),
                        cell(1, 1, 1, "Relates to"),
                        cell(2, 1, 1, "Action"),
                        cell(3, 1, 1, "Complete by"),
                    ],
                ),
                row(
                    6,
                    vec![
                        cell(0, 1, 1, "K1"),
                        cell(1, 1, 1, "W2"),
                        cell(2, 1, 1, "Chase late plans weekly"),
                        cell(3, 1, 1, "May 2027"),
                    ],
                ),
                row(
                    7,
                    vec![
                        cell(0, 1, 1, "K2"),
                        cell(1, 1, 1, "W1"),
                        cell(2, 1, 1, "Ask every carer"),
                        cell(3, 1, 1, "June 2027"),
                    ],
                ),
            ],
            columns: 4,
            ..Default::default()
        }));
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.findings.len(), 2);
        assert_eq!(p.findings[0].ref_.as_deref(), Some("W1"));
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[0].ref_.as_deref(), Some("K1"));
        assert_eq!(p.actions[0].finding.as_deref(), Some("f2"));
        assert_eq!(p.actions[1].finding.as_deref(), Some("f1"));
        assert_eq!(p.actions[0].timescale.text.as_deref(), Some("May 2027"));
        assert!(p.diagnostics.is_empty());
    }

    #[test]
    fn of_two_ref_columns_the_repeating_one_links_to_findings() {
        let mut d = doc(
            vec![
                row(1, vec![cell(0, 1, 1, "No."), cell(1, 1, 1, "Finding")]),
                row(
                    2,
                    vec![
                        cell(0, 1, 1, "Q1"),
                        cell(1, 1, 1, "Respite is hard to find"),
                    ],
                ),
                row(
                    3,
                    vec![
                        cell(0, 1, 1, "Q2"),
                        cell(1, 1, 1, "Young carers miss school"),
                    ],
                ),
            ],
            2,
        );
        let line = |l, a: &str, b: &str, t: &str| {
            row(
                l,
                vec![cell(0, 1, 1, a), cell(1, 1, 1, b), cell(2, 1, 1, t)],
            )
        };
        d.blocks.push(Block::Table(Table {
            rows: vec![
                line(5, "Ref", "Number", "Action"),
                line(6, "Q2", "7", "Give schools a carers' champion"),
                line(7, "Q2", "8", "Log absence linked to caring"),
                line(8, "Q1", "9", "Fund weekend respite"),
            ],
            columns: 3,
            ..Default::default()
        }));
        let p = extract(&d, &Grammars::builtin());
        assert_eq!(p.findings.len(), 2);
        let got: Vec<_> = p
            .actions
            .iter()
            .map(|a| (a.ref_.as_deref(), a.finding.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("7"), Some("f2")),
                (Some("8"), Some("f2")),
                (Some("9"), Some("f1"))
            ]
        );
    }

    #[test]
    fn a_spreadsheet_repeating_unnumbered_findings_numbers_only_its_actions() {
        let f1 = "Short breaks are booked too late";
        let f2 = "Carers' assessments are not reviewed";
        let line = |l, id: &str, f: &str, a: &str| {
            row(
                l,
                vec![cell(0, 1, 1, id), cell(1, 1, 1, f), cell(2, 1, 1, a)],
            )
        };
        let rows = vec![
            line(1, "Ref", "Issue", "Action"),
            line(2, "YC-1", f1, "Open bookings a term ahead"),
            line(3, "YC-2", f1, "Hold ten emergency places"),
            line(4, "YC-3", f2, "Review every assessment yearly"),
        ];
        let p = extract(&doc(rows, 3), &Grammars::builtin());
        assert_eq!(p.findings.len(), 2);
        assert_eq!(p.findings[0].ref_, None);
        assert_eq!(p.findings[1].ref_, None);
        let refs: Vec<_> = p.actions.iter().map(|a| a.ref_.as_deref()).collect();
        assert_eq!(refs, vec![Some("YC-1"), Some("YC-2"), Some("YC-3")]);
        assert_eq!(p.actions[2].finding.as_deref(), Some("f2"));
    }

    #[test]
    fn no_plan_table_gives_no_actions() {
        let mut d = Document::new(Format::Text);
        d.blocks.push(Block::Paragraph(Paragraph::new(
            "Annual Report 2021/22 of the partnership",
            Provenance::line(1),
        )));
        let p = extract(&d, &Grammars::builtin());
        assert!(p.actions.is_empty());
        assert_eq!(
            p.title.as_deref(),
            Some("Annual Report 2021/22 of the partnership")
        );
    }
}
