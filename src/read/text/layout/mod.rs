//! `pdftotext -layout` dumps: the page drawn with spaces.
//!
//! Such a dump keeps the page's geometry in character positions: table
//! columns sit at fixed offsets, separated by runs of spaces, and a cell's
//! text wraps over several lines inside its column. Nothing else marks the
//! grid (no tabs, no rules), so the table is rebuilt from geometry alone:
//! - *regions*: runs of lines where text stands in blocks separated by wide
//!   gaps ([`LayoutSettings::min_gutter`]);
//! - *columns*: the character positions blank on every aligned line of a
//!   region (whitespace "rivers") separate the columns; a line whose text
//!   straddles a column start is a spanning (section) row, and a one-line
//!   row with text in the first column only is a section row too;
//! - *rows*: a row starts where two or more columns start a new paragraph on
//!   the same line (cells of a row are top-aligned), one of them possibly a
//!   column resuming after a line without text (a short date cell) or a lone
//!   word under a lone word (right-aligned figures); or where the first
//!   column starts a new entry after a gap or after a one-word key. A
//!   paragraph starts after a blank line, or where the previous line of the
//!   column stopped short although the next word would have fitted
//!   ([`LayoutSettings::fit_slack`]), or at a bullet or a dotted item
//!   number ("13.5 Implement"), never on a line opening in lower case;
//!   the first column's sentence running on (lower case, a broken word, a
//!   figure after a line without a full stop) holds the row. Because the
//!   fit test only approximates a proportional font, a single paragraph
//!   start is seconded by every cell of the line opening in upper case
//!   (the first column among them), and a numbered item opens a row beside
//!   a cell opening in upper case; a figure under a figure opens a row
//!   (budget tables). A table's first row, opened in several columns, is
//!   its header and takes the wrapped lines below it while the first
//!   column stays empty;
//! - a column whose text runs on through a row boundary that opens no new
//!   first-column entry is one cell spanning both rows (a vertically merged
//!   cell, as Word draws a finding beside its actions);
//! - *pages*: form feeds split pages; lines repeated at the top or bottom of
//!   most pages (running heads, page numbers) are dropped, and a table
//!   continued on the next page with the same columns is joined, its
//!   repeated header row marked `header` and its first row after the break
//!   `page_break_before`. The columns may have moved (each page's margin is
//!   its leftmost text) and the page may have text in only some of them:
//!   its columns are placed in the previous page's by a common shift. The
//!   table's caption printed again above it is dropped; a page of few lines
//!   in the table's columns, or opening with its header, is still the
//!   table; a row Word broke over the page is joined back into one row;
//! - a long first cell may wrap over many margin lines, and blank lines do
//!   not end a table when the text after them starts in its columns.
//!
//! Words a narrow column broke without a hyphen ("Safeguardin" / "g") are
//! mended where the whole word is printed whole elsewhere in the dump.
//!
//! Text outside tables becomes paragraphs, broken where a line stops short.
//!
//! One module per step: [`settings`] (tolerances), [`line`] (a line and its
//! text blocks), [`pages`] (page split, running lines), [`regions`] (where
//! tables stand on a page), [`columns`] (rivers), [`rows`] (row and
//! paragraph starts), [`assemble`] (raw rows into the model's table, merged
//! cells), [`text`] (a cell paragraph's lines joined), [`joins`] (header
//! repeats, tables continued over a page break), [`prose`] (text outside
//! tables).

mod assemble;
mod columns;
mod joins;
mod line;
mod pages;
mod prose;
mod regions;
mod rows;
mod settings;
mod text;

use crate::model::{Block, Paragraph, Table};

use joins::{align_columns, header_key, join_tables, widen};
use line::blocks_of;
use pages::{drop_running_lines, split_pages};
use regions::page_items;
pub use settings::LayoutSettings;
use text::Words;

/// Is this text a `pdftotext -layout` dump? No tabs, and many lines whose
/// text stands in blocks separated by wide gaps.
pub fn looks_like_layout(text: &str, s: &LayoutSettings) -> bool {
    if text.contains('\t') {
        return false;
    }
    let mut nonblank = 0usize;
    let mut aligned = 0usize;
    for line in text.split(['\n', '\u{c}']) {
        let chars: Vec<char> = line.chars().collect();
        let b = blocks_of(&chars, s.min_gutter);
        if b.is_empty() {
            continue;
        }
        nonblank += 1;
        if b.len() >= 2 {
            aligned += 1;
        }
    }
    aligned >= s.detect_min_lines && aligned as f32 >= nonblank as f32 * s.detect_share
}

/// Read a layout dump into blocks.
pub fn blocks(text: &str, s: &LayoutSettings) -> Vec<Block> {
    let mut pages = split_pages(text);
    drop_running_lines(&mut pages, s);
    let words = Words::of_lines(
        pages.iter().flatten().map(|l| l.chars.as_slice()),
        s.min_gutter,
    );
    let mut out: Vec<Block> = Vec::new();
    // The previous page ended with a table (index into `out`).
    let mut open_table: Option<(usize, Vec<(usize, usize)>)> = None;
    // The paragraph right above the open table (its caption).
    let mut caption: Option<String> = None;
    for (pi, page) in pages.iter().enumerate() {
        let header: Option<Vec<String>> =
            open_table
                .as_ref()
                .and_then(|(idx, _)| match out.get(*idx) {
                    Some(Block::Table(t)) => t.rows.first().map(|r| header_key(r, t.columns)),
                    _ => None,
                });
        let open_cols = open_table.as_ref().map(|(_, c)| c.as_slice());
        let items = page_items(page, header.as_deref(), open_cols, s, &words);
        let page_no = pi as u32 + 1;
        let mut first = true;
        let opens_with_table = matches!(items.get(1), Some(Item::Table(..)));
        for item in items {
            match item {
                // The caption of the table the previous page ended with,
                // printed again above it (a title row Word repeats with
                // the header, too wide for the grid): not a new paragraph.
                Item::Para(p)
                    if first
                        && opens_with_table
                        && open_table.is_some()
                        && caption.as_deref() == Some(squash(&p.text).as_str()) =>
                {
                    continue;
                }
                Item::Para(p) => {
                    out.push(Block::Paragraph(p));
                    open_table = None;
                }
                Item::Table(mut t, starts) => {
                    t.pages = vec![page_no];
                    // The same columns (moved a little, or only some of
                    // them holding text on this page), or (a page laid out
                    // a little wider) the same header printed again.
                    let repeats_header = t.rows.first().map(|r| header_key(r, t.columns))
                        == header.as_ref().cloned();
                    let map = |prev: &[(usize, usize)]| {
                        if repeats_header && prev.len() == starts.len() {
                            Some((0..prev.len()).collect::<Vec<_>>())
                        } else {
                            align_columns(prev, &starts, s.join_shift)
                        }
                    };
                    let mut joined_map = None;
                    let joined = match open_table
                        .as_ref()
                        .filter(|_| first)
                        .and_then(|(idx, p)| map(p).map(|m| (*idx, m, p.len())))
                    {
                        Some((idx, m, width)) => match out.get_mut(idx) {
                            Some(Block::Table(prev)) => {
                                widen(&mut t, &m, width);
                                joined_map = Some(m);
                                join_tables(prev, t, page_no)
                            }
                            _ => Some(t),
                        },
                        None => Some(t),
                    };
                    let pushed = joined.is_some();
                    if let Some(t) = joined {
                        caption = match out.last() {
                            Some(Block::Paragraph(p)) => Some(squash(&p.text)),
                            _ => None,
                        };
                        out.push(Block::Table(t));
                    }
                    // A joined table keeps its full set of columns, moved
                    // to where this page has them.
                    open_table = match (open_table.take(), joined_map) {
                        (Some((idx, prev)), Some(m)) if !pushed => {
                            Some((idx, moved_columns(&prev, &starts, &m)))
                        }
                        _ => Some((out.len().saturating_sub(1), starts)),
                    };
                }
            }
            first = false;
        }
    }
    out
}

/// Text with its white space removed, for comparing repeats.
fn squash(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The columns of a table joined from a page that had text in only some
/// of them (`map`: the index of each of the page's columns), kept where
/// the table's earlier pages put them: the page's own columns moved back
/// by the page's shift (its margin may be far off, a page that starts at
/// a later column), the others as they were.
fn moved_columns(
    prev: &[(usize, usize)],
    cols: &[(usize, usize)],
    map: &[usize],
) -> Vec<(usize, usize)> {
    let shift: i64 = if map.is_empty() {
        0
    } else {
        map.iter()
            .zip(cols)
            .map(|(&j, c)| c.0 as i64 - prev.get(j).map_or(c.0, |p| p.0) as i64)
            .sum::<i64>()
            / map.len() as i64
    };
    let back = |x: usize| (x as i64 - shift).max(0) as usize;
    prev.iter()
        .enumerate()
        .map(|(j, &p)| match map.iter().position(|&m| m == j) {
            Some(i) => cols.get(i).map_or(p, |c| (back(c.0), back(c.1))),
            None => p,
        })
        .collect()
}

enum Item {
    Para(Paragraph),
    /// A table and its columns' (start, end) (kept for the cross-page join).
    Table(Table, Vec<(usize, usize)>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Vec<Table> {
        blocks(src, &LayoutSettings::default())
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// Steps counted for an aligned table, `n` blank lines, and one more
    /// aligned row.
    fn blank_run_steps(n: usize) -> u64 {
        let mut src = String::from("Ref   Action                 Lead\n");
        for k in 1..=5 {
            src.push_str(&format!("{k}     An invented action     Ann Example\n"));
        }
        src.push_str(&"\n".repeat(n));
        src.push_str("6     One more action        Bob Example\n");
        let s = LayoutSettings::default();
        crate::work::count(|| blocks(&src, &s).len()).1
    }

    /// Whether a table resumes after a run of blank lines is one answer
    /// for the whole run: asked per blank line, 4x the blanks cost 16x.
    #[test]
    fn a_run_of_blank_lines_costs_its_length_not_its_square() {
        let (small, large) = (blank_run_steps(2_000), blank_run_steps(8_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }

    /// Peak heap of reading a dump of `n` table lines under one line of
    /// `n` gutter-separated words (an invented damaged line).
    fn wide_line_peak(n: usize) -> i64 {
        let mut src = "x  ".repeat(n);
        src.push('\n');
        for k in 1..=n {
            src.push_str(&format!("{k}     An invented action     Ann Example\n"));
        }
        let s = LayoutSettings::default();
        crate::work::reset_peak();
        let before = crate::work::live_bytes();
        let kept = blocks(&src, &s);
        let peak = crate::work::peak_bytes() - before;
        drop(kept);
        peak
    }

    /// One line can make a region of thousands of columns; every line and
    /// row of a table kept a slot per column, so the heap grew with lines
    /// times columns. Now such a region is not a table and no line's cut
    /// is kept: 4x the lines and columns cost about 4x the heap, not 16x.
    #[test]
    fn a_line_of_many_gutters_costs_memory_in_proportion() {
        let (small, large) = (wide_line_peak(1_000), wide_line_peak(4_000));
        assert!(small > 0);
        assert!(large < small * 6, "{small} -> {large} bytes");
        let cols = tables(&format!(
            "{}\n1     An action     Ann\n2     More     Bob\n",
            "x  ".repeat(100)
        ));
        assert!(
            cols.iter()
                .all(|t| t.columns <= LayoutSettings::default().max_columns)
        );
    }

    #[test]
    fn detects_layout_dumps() {
        let s = LayoutSettings::default();
        let layout = "Ref   Area        Lead\n1     Finding     Ann\n2     More        Bob\n3     Again       Cy\n4     Four        Di\n";
        assert!(looks_like_layout(layout, &s));
        assert!(!looks_like_layout("a\tb\nc  d\n", &s));
        assert!(!looks_like_layout("plain text\nwrapped\nlines\n", &s));
    }

    #[test]
    fn rows_columns_and_wrapped_cells() {
        let src = "\
Ref   Area for                   Action                 Lead
      development
1     Some children wait too     1.1 Audit the team     Ann
      long for help when they    this year
      are first assessed         1.2 Revise the         Bob Jones-Smith
                                 escalation process
Health
2     Plans are unclear          2.1 Improve plans      Cy Dee
";
        let t = &tables(src)[0];
        assert_eq!(t.columns, 4);
        let texts: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text()).collect())
            .collect();
        assert_eq!(
            texts[0],
            vec!["Ref", "Area for development", "Action", "Lead"]
        );
        assert_eq!(texts[1][0], "1");
        assert_eq!(
            t.rows[1].cells[1].text(),
            "Some children wait too long for help when they are first assessed"
        );
        assert_eq!(t.rows[1].cells[1].row_span, 2);
        assert_eq!(t.rows[1].cells[2].text(), "1.1 Audit the team this year");
        assert_eq!(
            t.cell_at(2, 2).map(|c| c.text()).as_deref(),
            Some("1.2 Revise the escalation process")
        );
        assert_eq!(texts[3], vec!["Health"]);
        assert_eq!(t.rows[3].cells[0].col_span, 4);
        assert_eq!(texts[4][2], "2.1 Improve plans");
    }

    #[test]
    fn table_continued_over_a_page_break() {
        let src = "\
Ref   Action                     Lead
1     An action                  Cy Dee
2     Start of an action that    Ann Smith-Jones
      goes on
\u{c}Ref   Action                     Lead
      over the break
3     Next action                Bob Jones
4     Last action                Di Eve
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert!(t.rows[0].header && t.rows[3].header);
        assert!(t.rows[4].page_break_before);
        assert_eq!(t.rows[4].cells[0].text(), "");
        assert_eq!(
            t.cell_at(4, 1).map(|c| c.text()).as_deref(),
            Some("over the break")
        );
        assert_eq!(t.pages, vec![1, 2]);
    }

    #[test]
    fn a_long_first_cell_wraps_over_many_margin_lines() {
        let src = "\
Action                                   Date
1.1 Develop and implement learning on    May 2020
the pathway for information sharing with
primary care, and a working group to
review the pathways and the processes
for sharing.
1.2 Review the use of the system and     June 2020
report on it to the board
1.3 Run joint engagement events with     July 2020
partners across the county
1.4 Train the staff                      May 2021
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.rows.len(), 5);
        assert!(
            t.rows[1].cells[0]
                .text()
                .ends_with("processes for sharing.")
        );
    }

    #[test]
    fn a_page_of_later_columns_joins_the_table() {
        let src = "\
Ref   Area                  Action                         Date
1     Children wait too     1.1 Audit the team and         May 2020
      long for help         report to the board
2     Plans are unclear     2.1 Write a plan for the       June 2020
                            whole partnership and
\u{c}publish it on the site.
2.2 Review the use of the      July 2020
system
2.3 Run joint engagement       July 2020
events
2.4 Train the staff            May 2021
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.columns, 4);
        assert!(t.rows[3].page_break_before);
        assert_eq!(
            t.cell_at(3, 2).map(|c| c.text()).as_deref(),
            Some("publish it on the site.")
        );
        assert_eq!(
            t.cell_at(4, 2).map(|c| c.text()).as_deref(),
            Some("2.2 Review the use of the system")
        );
        assert_eq!(
            t.cell_at(4, 3).map(|c| c.text()).as_deref(),
            Some("July 2020")
        );
    }

    #[test]
    fn a_cell_pushed_down_and_a_page_of_one_cell_stay_in_the_table() {
        let src = "\
Ref   Action                          Date          Lead
1     1.1 Audit the team and the      May 2020      Ann Lee
      records of the year
      1.2 Write a plan for the        June 2020     Bob Day
      whole partnership


                                                    Cy Dee
      1.3 Review the use of the       July 2020
      system
\u{c}Ref   Action                          Date          Lead
      the last part of a long cell
      that goes on over the page
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.pages, vec![1, 2]);
        let all: Vec<String> = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.text()))
            .collect();
        assert!(all.iter().any(|c| c.contains("Cy Dee")));
        assert!(all.iter().any(|c| c.contains("goes on over the page")));
        assert!(t.rows.iter().filter(|r| r.header).count() >= 2);
    }

    #[test]
    fn a_wrapped_header_is_one_row_and_lower_case_carries_a_first_cell_on() {
        let src = "\
ACTION                      LEAD              OUTCOME
                            AGENCY/AGEN       MEASURE
                            CIES
Partnership                 Ann Lee (LSCB     Improved ability to
performance                 chair) and Bob    hold partners to
management framework        Day (CSP)         account
Review of the plan          Cy Dee            Plans are better
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.rows[1].cells[0].text(),
            "Partnership performance management framework"
        );
    }

    #[test]
    fn a_row_opens_where_every_cell_opens_in_upper_case() {
        // "Violence" would not have fitted after "progressed", nor
        // "Elizabeth" after "(CSP)": only the third column stops short.
        let src = "\
Action                                 Lead                      Outcome
Strategic review of LSCB and CSPT to   Elizabeth Chidgey (LSCB   Improved shared plans and
be completed and plan to implement     independent chair) and    outcomes seen in the work of
changes in place and progressed        Carl Robinson (CSP)       the boards
Violence and Vulnerability strategy    Elizabeth Chidgey (LSCB   Improved identification of
completed and progressed               independent chair) and    children and adults at risk of
                                       Carl Robinson (CSP)       exploitation.
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.rows[2].cells[0].text(),
            "Violence and Vulnerability strategy completed and progressed"
        );
    }

    #[test]
    fn a_caption_and_a_wrapped_header_repeated_over_a_break() {
        let src = "\
THEME 1: Strategy
ACTION                      LEAD              OUTCOME
                            AGENCY/AGEN       MEASURE
                            CIES
Child Exploitation plan     Ann Lee (LSCB     Action plan is
to be revised               chair)            clear
Partnership                 Bob Day           Improved ability to
\u{c}THEME 1: Strategy
ACTION                      LEAD              OUTCOME
                            AGENCY/AGEN       MEASURE
                            CIES
performance framework       and Cy Dee        hold partners to
developed                                     account
Review of the plan          Di Eve            Plans are better
";
        let b = blocks(src, &LayoutSettings::default());
        let paras = b
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count();
        assert_eq!(paras, 1);
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.pages, vec![1, 2]);
        assert_eq!(t.rows.iter().filter(|r| r.header).count(), 2);
        // The row broken over the page is one row again.
        assert!(t.rows.iter().any(|r| {
            r.cells
                .first()
                .is_some_and(|c| c.text() == "Partnership performance framework developed")
        }));
    }

    #[test]
    fn a_row_broken_over_a_page_is_one_row() {
        let src = "\
Action                                Lead                      Outcome
Develop and implement protocol of     Ann Lee - LSCB            Decisions are owned
expectations of all agencies within   Executive                 by all agencies
strategy meetings
Deliver training during October,      Bob Day - SBC             Assessments improve
November and December                 Public Health             for children
2018 focussing on assessment of       Cy Dee - CCG              Assessments include
need and risk.                                                  diversity
Review attendance by SBC              Di Eve - SBC              Assurance that it has the
\u{c}Children's Services                   Children's Services       information it needs
                                      Flo Gee - NPS             to decide
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        let first: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.iter().find(|c| c.col == 0).map(|c| c.text()))
            .collect();
        assert_eq!(
            first,
            vec![
                "Action",
                "Develop and implement protocol of expectations of all agencies within strategy meetings",
                "Deliver training during October, November and December 2018 focussing on assessment of need and risk.",
                "Review attendance by SBC Children's Services",
            ]
        );
        assert_eq!(
            t.cell_at(3, 2).map(|c| c.text()).as_deref(),
            Some("Assurance that it has the information it needs to decide")
        );
    }

    #[test]
    fn a_column_of_figures_gives_each_figure_its_row() {
        let src = "\
Income                 Amount    Expenditure                      Amount
Police                £35,000    Independent Chair               £28,618
Health                £53,400    Projects                        £15,000
                                 Pan Sussex Procedures            £7,455
                                 IT Software & Hardware              £64
                                 Safeguarding Practice Reviews   £29,670
                                 carry fwd (balancing fig)       £23,855
Total                £270,300                                   £270,300
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        let labels: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.iter().find(|c| c.col == 2).map(|c| c.text()))
            .collect();
        assert!(labels.contains(&"IT Software & Hardware".to_string()));
        assert!(labels.contains(&"carry fwd (balancing fig)".to_string()));
        assert_eq!(
            t.cell_at(6, 3).map(|c| c.text()).as_deref(),
            Some("£23,855")
        );
    }

    #[test]
    fn a_cell_carries_on_from_the_first_row_of_a_page_without_a_header() {
        let src = "\
Ref   Area                      Action                          Date
11    Some children wait too    11.1 Audit the waiting lists    May 2020
      long for help and the     and report to the board
      treatment they need
\u{c}      across most pathways      11.2 Review the pathways        June 2020
      and services. Despite
      attempts to address       11.3 Train the staff            July 2020
      these delays, no change.
12    Plans are unclear         12.1 Write a plan               May 2021
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        let areas: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.iter().find(|c| c.col == 1).map(|c| c.text()))
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            areas,
            vec![
                "Area",
                "Some children wait too long for help and the treatment they need",
                "across most pathways and services. Despite attempts to address these delays, no change.",
                "Plans are unclear",
            ]
        );
    }

    #[test]
    fn a_numbered_action_beside_its_date_opens_a_row() {
        let src = "\
Ref   Area                     Action                             Date
14    Assessment tools in      14.1 Assess the use of the tool    July 2020 - Audit
      use in the emergency     through an audit.                  has begun
      departments do not       14.2 Share the learning through    August 2020 Sent
      support staff, and the   the governance meetings.           to divisions
      voice is not captured.
15    Plans are unclear        15.1 Write a plan                  May 2021
";
        let ts = tables(src);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        let dates: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.iter().find(|c| c.col == 3).map(|c| c.text()))
            .collect();
        assert_eq!(
            dates,
            vec![
                "Date",
                "July 2020 - Audit has begun",
                "August 2020 Sent to divisions",
                "May 2021"
            ]
        );
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped() {
        let mut page = String::new();
        for p in 1..=4 {
            page.push_str(&format!(
                "Partnership plan\nBody text of page {p} is here.\n{p}\n\u{c}"
            ));
        }
        let b = blocks(&page, &LayoutSettings::default());
        let texts: Vec<String> = b
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(texts.len(), 4);
        assert!(texts.iter().all(|t| t.starts_with("Body text")));
    }

    #[test]
    fn prose_breaks_at_short_lines_and_bullets() {
        let src = "A first paragraph that runs over the whole width of the page and\nends here.\nA second one that also runs over the whole width of the page and on\n\u{f0b7}  an item\n";
        let b = blocks(src, &LayoutSettings::default());
        assert_eq!(b.len(), 3);
        assert!(matches!(&b[2], Block::Paragraph(p) if p.list == Some(0) && p.text == "an item"));
    }

    proptest::proptest! {
        /// Any mix of words, gutters, bullets, blank lines and form feeds:
        /// the reader never panics and every table is well formed.
        #[test]
        fn never_panics_on_arbitrary_layouts(
            parts in proptest::collection::vec(0usize..8, 0..400),
        ) {
            const PIECES: [&str; 8] =
                ["word", " ", "     ", "\n", "\u{c}", "\u{f0b7}", "1.2", "Ab-"];
            let text: String = parts.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
            let s = LayoutSettings::default();
            let _ = looks_like_layout(&text, &s);
            for b in blocks(&text, &s) {
                if let Block::Table(t) = b {
                    for r in &t.rows {
                        for c in &r.cells {
                            proptest::prop_assert!(c.col < t.columns.max(1));
                        }
                    }
                }
            }
        }
    }
}
