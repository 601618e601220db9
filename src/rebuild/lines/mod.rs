//! Plans saved as plain text one cell paragraph per line.
//!
//! A word processor saving a document as plain text (LibreOffice "Text
//! (encoded)", Word "Plain Text") prints a table cell by cell: the header
//! row as N short lines naming the columns, then each row's cells in column
//! order, every cell paragraph on a line of its own and an empty (or
//! merged-over) cell as an empty line. No tabs, no widths: what is left of
//! the grid is the order, the column count and the blank lines.
//!
//! This module puts the grid back and hands the plan interpreter real
//! tables, so everything it knows (merged findings, inherited leads,
//! section rows, refs, fields) applies unchanged:
//! - [`tokens`]: the printed lines, blank lines back from line numbers
//!   (crate-visible: a report's side-by-side budget printed this way tells
//!   its sides apart by the same blank lines);
//! - [`header`]: header runs and the column count;
//! - [`fit`]: what each line looks like and how well it fits each column;
//! - [`grid`]: the cheapest cut of the lines into rows of N cells.
//!
//! The lines are cut twice: the first cut tells which columns the plan
//! fills and how long its cells run (pooled over the tables under the same
//! header, a table per theme being one plan); the second cut uses that to
//! keep a rating key or notes under the last table out of its rows.
//! `interpret` tries this reader when the plan interpreter finds no action
//! table, before the flow reader (which is for dumps wrapped at a width).

mod costs;
mod fit;
mod grid;
mod header;
pub(crate) mod tokens;

use crate::model::{Block, Cell, Document, Paragraph, Provenance, Row, Table};
use crate::recognise::Grammars;
use crate::recognise::grammar::ColumnMeaning as Meaning;

use fit::Look;
use grid::RowCut;
use tokens::Token;

/// `doc` read as a paragraph-per-line text, with each header run and the
/// rows under it made a table: None when it is not one or shows no header
/// run.
pub fn rebuild(doc: &Document, g: &Grammars) -> Option<Document> {
    let toks = tokens::tokens(doc)?;
    let aliases = header::Aliases::new(g);
    let mut heads = header::headers(&toks, &aliases);
    if heads.is_empty() {
        return None;
    }
    let looks: Vec<Look> = toks.iter().map(|t| Look::of(t, g)).collect();
    let limits: Vec<usize> = (0..heads.len())
        .map(|k| heads.get(k + 1).map_or(toks.len(), |n| n.start))
        .collect();
    for (h, &limit) in heads.iter_mut().zip(&limits) {
        settle_columns(h, &looks, limit);
    }
    let meanings: Vec<Vec<Option<Meaning>>> = heads
        .iter()
        .map(|h| h.columns.iter().map(|(m, _)| *m).collect())
        .collect();
    // First cut: which columns the plan fills at all. Tables under the same
    // header are one plan (a table per theme), so they are counted together.
    let first: Vec<grid::Cut> = heads
        .iter()
        .zip(&limits)
        .zip(&meanings)
        .map(|((h, &limit), cols)| grid::cut(&looks, h.end, limit, cols, &grid::Shape::default()))
        .collect();
    let mut blocks = Vec::new();
    let mut done = 0usize;
    for (k, h) in heads.iter().enumerate() {
        let (Some(&limit), Some(cols)) = (limits.get(k), meanings.get(k)) else {
            continue;
        };
        let mut shape = shape(&toks, cols, &meanings, &first);
        shape.tail_from = first.get(k).map_or(usize::MAX, last_row_start);
        let cut = grid::cut(&looks, h.end, limit, cols, &shape);
        push_text(&mut blocks, toks.get(done..h.start).unwrap_or_default());
        blocks.push(Block::Table(table(&toks, h, &cut)));
        push_text(&mut blocks, toks.get(cut.end..limit).unwrap_or_default());
        done = limit;
    }
    push_text(&mut blocks, toks.get(done..).unwrap_or_default());
    Some(Document {
        format: doc.format,
        pages: doc.pages,
        title: doc.title.clone(),
        blocks,
        warnings: Vec::new(),
    })
}

/// A header line that names no column was taken as a further paragraph of
/// the header cell before it; it may instead be a column the grammar has no
/// name for ("Notes"). Split it off when the rows then fit clearly better:
/// with one column too few every row is cut askew.
fn settle_columns(h: &mut header::Header, looks: &[Look], limit: usize) {
    let cost = |h: &header::Header| {
        let cols: Vec<Option<Meaning>> = h.columns.iter().map(|(m, _)| *m).collect();
        grid::cut(looks, h.end, limit, &cols, &grid::Shape::default()).cost
    };
    let mut best = cost(h);
    let mut k = 0;
    while k < h.columns.len() {
        let lines = h.columns.get(k).map_or(0, |c| c.1.len());
        for i in 1..lines {
            let mut trial = h.clone();
            let Some(col) = trial.columns.get_mut(k) else {
                break;
            };
            let rest = col.1.split_off(i);
            trial.columns.insert(k + 1, (None, rest));
            let c = cost(&trial);
            if c + SPLIT_MARGIN < best {
                *h = trial;
                best = c;
                break;
            }
        }
        k += 1;
    }
}

/// How much better the rows must fit to split a header cell.
const SPLIT_MARGIN: f32 = 0.5;

/// What the first cut of the tables with the same columns as `cols` says
/// about each column:
/// - [`costs::FitCosts::rare_fill`] when at most one row fills it: a plan leaves some
///   columns empty throughout (progress not yet reported), and a rating key
///   under the last table, read as one more row, would fill them;
/// - how many lines its cells hold: as many as the second longest cell
///   (the longest may be the last one swallowing the text after the
///   table); in the last row each line past that costs
///   [`costs::FitCosts::long_cell`].
fn shape(
    toks: &[Token],
    cols: &[Option<Meaning>],
    meanings: &[Vec<Option<Meaning>>],
    cuts: &[grid::Cut],
) -> grid::Shape {
    let mut filled = vec![0usize; cols.len()];
    let mut lengths: Vec<Vec<usize>> = vec![Vec::new(); cols.len()];
    let mut rows = 0usize;
    for (m, cut) in meanings.iter().zip(cuts) {
        if m.as_slice() != cols {
            continue;
        }
        for r in &cut.rows {
            let RowCut::Cells(cells) = r else { continue };
            rows += 1;
            for (c, range) in cells.iter().enumerate() {
                let text = range
                    .clone()
                    .any(|i| toks.get(i).is_some_and(|t| !t.blank()));
                if !text {
                    continue;
                }
                if let Some(n) = filled.get_mut(c) {
                    *n += 1;
                }
                if let Some(l) = lengths.get_mut(c) {
                    l.push(range.len());
                }
            }
        }
    }
    let fill = filled
        .iter()
        .map(|&n| {
            if rows >= MIN_ROWS_FOR_RARE && n <= 1 {
                costs::COSTS.rare_fill
            } else {
                0.0
            }
        })
        .collect();
    let cap = lengths
        .iter_mut()
        .map(|l| {
            l.sort_unstable_by(|a, b| b.cmp(a));
            match l.get(1) {
                Some(&second) if rows >= MIN_ROWS_FOR_LONG => second,
                _ => usize::MAX,
            }
        })
        .collect();
    grid::Shape {
        fill,
        cap,
        tail_from: usize::MAX,
    }
}

/// Where the last row of a cut starts.
fn last_row_start(cut: &grid::Cut) -> usize {
    cut.rows
        .iter()
        .rev()
        .find_map(|r| match r {
            RowCut::Cells(cells) => cells.first().map(|c| c.start),
            RowCut::Section(_) => None,
        })
        .unwrap_or(usize::MAX)
}

/// Too few rows say nothing about which columns a plan fills.
const MIN_ROWS_FOR_RARE: usize = 6;
/// Nor how long its cells are.
const MIN_ROWS_FOR_LONG: usize = 4;

/// Lines outside every table stay paragraphs (headings among them).
fn push_text(blocks: &mut Vec<Block>, toks: &[Token]) {
    blocks.extend(
        toks.iter()
            .filter(|t| !t.blank())
            .map(|t| Block::Paragraph(t.paragraph())),
    );
}

/// A cell of the given lines. A run of blank lines inside a cell is one
/// empty paragraph (the break between two paragraphs): a thousand blank
/// lines say no more than one, and must not cost a paragraph each.
fn cell(toks: &[Token], col: usize, lines: impl IntoIterator<Item = usize>) -> Cell {
    let lines: Vec<usize> = lines.into_iter().collect();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut blank_before = false;
    for t in lines.iter().filter_map(|&i| toks.get(i)) {
        if t.blank() && blank_before {
            continue;
        }
        blank_before = t.blank();
        paragraphs.push(t.paragraph());
    }
    let mut c = Cell::new(col, paragraphs);
    c.at = at(toks, lines.first().copied());
    c
}

fn at(toks: &[Token], i: Option<usize>) -> Provenance {
    i.and_then(|i| toks.get(i))
        .map_or_else(Provenance::default, |t| Provenance::line(t.line))
}

fn table(toks: &[Token], h: &header::Header, cut: &grid::Cut) -> Table {
    let n = h.columns.len();
    let header_cells: Vec<Cell> = h
        .columns
        .iter()
        .enumerate()
        .map(|(c, (_, lines))| cell(toks, c, lines.iter().copied()))
        .collect();
    let mut rows = vec![Row {
        cells: header_cells,
        header: true,
        page_break_before: false,
        at: at(toks, Some(h.start)),
    }];
    for r in &cut.rows {
        let row = match r {
            RowCut::Section(i) => Row {
                cells: vec![Cell {
                    col_span: n,
                    ..cell(toks, 0, [*i])
                }],
                header: false,
                page_break_before: false,
                at: at(toks, Some(*i)),
            },
            RowCut::Cells(ranges) => Row {
                cells: ranges
                    .iter()
                    .enumerate()
                    .map(|(c, r)| {
                        // An empty cell prints one blank line: no paragraph
                        // (and nothing allocated for one: a save of a large
                        // empty grid is all such cells).
                        let mut lines = r.clone();
                        if lines.all(|i| toks.get(i).is_none_or(Token::blank)) {
                            let mut cl = Cell::new(c, Vec::new());
                            cl.at = at(toks, Some(r.start));
                            return cl;
                        }
                        cell(toks, c, r.clone())
                    })
                    .collect(),
                header: false,
                page_break_before: false,
                at: at(toks, ranges.first().map(|r| r.start)),
            },
        };
        rows.push(row);
    }
    Table {
        rows,
        columns: n,
        pages: Vec::new(),
        at: at(toks, Some(h.start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::plan::{self, Plan};
    use crate::model::Format;

    /// The plan the one plan builder reads from the rebuilt tables.
    fn extract(d: &Document, g: &Grammars) -> Option<Plan> {
        rebuild(d, g).map(|r| plan::extract(&r, g))
    }

    /// A plan as a word processor saves it: `""` is a blank line.
    fn doc(lines: &[&str]) -> Document {
        let mut d = Document::new(Format::Text);
        for (i, t) in lines.iter().enumerate() {
            if !t.is_empty() {
                d.blocks.push(Block::Paragraph(Paragraph::new(
                    *t,
                    Provenance::line(i as u32 + 1),
                )));
            }
        }
        d
    }

    /// A run of blank lines inside a cell is one paragraph break, and an
    /// empty cell holds no paragraph: a save of a large empty area costs
    /// no paragraph per blank line.
    #[test]
    fn blank_runs_cost_one_paragraph_and_empty_cells_none() {
        let tok = |text: &str, line: u32| Token {
            text: text.to_string(),
            list: false,
            line,
        };
        let mut toks = vec![tok("Audit the files", 1)];
        toks.extend((2..1_002).map(|l| tok("", l)));
        toks.push(tok("then report back", 1_002));
        let c = cell(&toks, 2, 0..toks.len());
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Audit the files", "", "then report back"]);
        assert_eq!(c.at.line, Some(1));
        let h = header::Header {
            start: 0,
            end: 0,
            columns: vec![(None, Vec::new()), (None, Vec::new())],
        };
        let cut = grid::Cut {
            rows: vec![grid::RowCut::Cells(vec![1..4, 4..1_001])],
            end: 1_001,
            cost: 0.0,
        };
        let t = table(&toks, &h, &cut);
        let empty = &t.rows[1].cells;
        assert!(
            empty
                .iter()
                .all(|c| c.paragraphs.is_empty() && c.paragraphs.capacity() == 0)
        );
        assert_eq!(empty[1].at.line, Some(5));
    }

    #[test]
    fn a_plan_saved_one_cell_paragraph_per_line() {
        let header = [
            "Ref",
            "Areas for development",
            "Actions",
            "Completion date",
            "Lead/s",
        ];
        let more = [
            "2",
            "Plans are unclear.",
            "2.1 Train the staff",
            "May 2021",
            "Ann Poe, Team Manager",
        ];
        let d = doc(&[&header[..], grid::tests::ROWS, &more[..]].concat());
        let p = extract(&d, &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.findings.len(), 2);
        assert_eq!(p.findings[0].section.as_deref(), Some("Health"));
        assert_eq!(p.actions.len(), 3);
        let a1 = &p.actions[0];
        assert_eq!(a1.ref_.as_deref(), Some("1.1"));
        assert_eq!(
            a1.timescale.text.as_deref(),
            Some("October 2020 Review December 2020")
        );
        assert_eq!(a1.leads.len(), 2);
        assert!(p.actions[1].leads_inherited);
        assert_eq!(p.actions[2].finding.as_deref(), Some("f2"));
        assert_eq!(p.actions[2].leads.len(), 1);
    }

    #[test]
    fn refs_the_recogniser_does_not_read_and_a_long_section_label() {
        let d = doc(&[
            "Rec no",
            "Recommendation",
            "Action",
            "Lead",
            "Target date",
            "Priority two: strengthening the way partners share information together",
            "R1",
            "That partners share information promptly.",
            "Agree an information sharing protocol",
            "Jane Doe, Head of Services",
            "March 2022",
            "R2",
            "That plans are reviewed.",
            "Audit the plans",
            "John Roe, Service Manager",
            "June 2022",
        ]);
        let p = extract(&d, &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.findings.len(), 2);
        assert_eq!(
            p.actions[1].section.as_deref(),
            Some("Priority two: strengthening the way partners share information together")
        );
        assert_eq!(p.actions[1].leads.len(), 1);
        assert_eq!(p.actions[1].timescale.text.as_deref(), Some("June 2022"));
    }

    #[test]
    fn an_unnamed_column_keeps_the_count() {
        let d = doc(&[
            "Action",
            "",
            "Lead",
            "Timescale",
            "1.1 Agree the protocol",
            "Green",
            "Jane Doe, Head of Services",
            "May 2022",
            "1.2 Audit the plans",
            "",
            "John Roe, Service Manager",
            "June 2022",
        ]);
        let p = extract(&d, &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[1].text, "Audit the plans");
        assert_eq!(
            p.actions[1].leads.first().and_then(|l| l.name.as_deref()),
            Some("John Roe")
        );
    }

    #[test]
    fn prose_after_the_last_row_is_not_swallowed_by_its_last_cell() {
        let mut lines = vec!["Action", "Lead", "Progress update"];
        let people = [
            "Jane Doe - Agency",
            "John Roe - Police",
            "Ann Poe - Council",
            "Tom Moe - Health",
        ];
        for p in people {
            lines.extend([
                "Review the training offer",
                p,
                "Offer reviewed and shared with partners.",
            ]);
        }
        let prose = [
            "The partnership board will receive a report on this plan every quarter.",
            "Each agency will report its own progress through its governance.",
            "The business unit will collate the updates for the board.",
            "Where an action slips, the lead will explain why and propose a new date.",
            "Completed actions will be checked for impact after six months.",
        ];
        lines.extend(prose);
        let p = extract(&doc(&lines), &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.actions.len(), 4);
        let last = p
            .actions
            .last()
            .and_then(|a| a.progress.first())
            .map(|e| e.text.clone());
        assert_eq!(
            last.as_deref(),
            Some("Offer reviewed and shared with partners.")
        );
    }

    #[test]
    fn a_column_the_grammar_does_not_name() {
        let rows = [
            [
                "1.1 Agree the protocol",
                "Agreed at the board",
                "Jane Doe, Head of Services",
                "May 2022",
            ],
            [
                "1.2 Audit the plans",
                "Sample of twenty",
                "John Roe, Service Manager",
                "June 2022",
            ],
            [
                "1.3 Train the staff",
                "Two sessions",
                "Ann Poe, Team Manager",
                "July 2022",
            ],
        ];
        // The ref column is empty (a blank line): the refs open the actions.
        let mut d_lines: Vec<&str> = vec!["Ref", "Action", "Remarks", "Lead", "Timescale"];
        for r in &rows {
            d_lines.push("");
            d_lines.extend(r.iter());
        }
        let p = extract(&doc(&d_lines), &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.actions.len(), 3);
        // The remarks are a column of their own, not lead text.
        assert_eq!(
            p.actions[0].leads.first().map(|l| l.text.as_str()),
            Some("Jane Doe, Head of Services")
        );
        assert_eq!(p.actions[1].timescale.text.as_deref(), Some("June 2022"));
        assert_eq!(
            p.actions[2].leads.first().and_then(|l| l.name.as_deref()),
            Some("Ann Poe")
        );
    }

    #[test]
    fn a_rating_key_under_the_last_table_is_not_a_row() {
        let mut lines = vec!["Action", "Lead", "Outcome measure", "Progress update"];
        let people = [
            "Jane Doe - Agency",
            "John Roe - Police",
            "Ann Poe - Council",
            "Tom Moe - Health",
            "Sue Low - Trust",
            "Bob Kay - Board",
        ];
        for p in people {
            lines.extend([
                "Review the training offer",
                p,
                "Staff report more confidence",
                "",
            ]);
        }
        lines.extend([
            "",
            "RED",
            "Process: tasks not completed or timescales slipped and need attention",
            "Impact should start to be seen and measured, but is not met.",
            "BLUE",
            "Completed and impact evidenced, target achieved and sustained.",
        ]);
        let p = extract(&doc(&lines), &Grammars::builtin()).unwrap_or_default();
        assert_eq!(p.actions.len(), 6);
        assert!(p.actions.iter().all(|a| a.progress.is_empty()));
    }

    proptest::proptest! {
        /// Any mix of header words, refs, dates, names and blank lines: the
        /// reader never panics and numbers its actions densely.
        #[test]
        fn never_panics_on_arbitrary_lines(picks in proptest::collection::vec(0usize..14, 0..80)) {
            const WORDS: [&str; 14] = [
                "Ref", "Actions", "Lead", "Timescale", "Progress", "1", "1.1 Do", "",
                "Health", "June 2020", "Jane Doe, Head of X", "RED", "Some text.", "i) item",
            ];
            let lines: Vec<&str> = picks.iter().map(|&k| WORDS[k % WORDS.len()]).collect();
            if let Some(p) = extract(&doc(&lines), &Grammars::builtin()) {
                for (i, a) in p.actions.iter().enumerate() {
                    proptest::prop_assert_eq!(&a.id, &format!("a{}", i + 1));
                }
            }
        }
    }

    #[test]
    fn text_without_a_header_run_is_left_to_the_other_readers() {
        let d = doc(&["Annual report", "", "The partnership met four times."]);
        assert!(extract(&d, &Grammars::builtin()).is_none());
    }
}
