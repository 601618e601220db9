//! Budget lines: income and expenditure tables.
//!
//! Why header cells decide the direction: an income/expenditure statement
//! is printed side by side (income item and amount | expenditure item and
//! amount, under spanning header cells) or stacked (an "Income" row, lines,
//! an "Expenditure" row, lines). In both, the words of the header or
//! section row above a column say which way its money flows, and a period
//! printed there (or in the caption above the table) says which year. Total
//! rows are sums of the lines above, never lines themselves.
//!
//! Only tables are read: a statement printed one cell per paragraph is
//! made a table by the rebuild stage (`crate::rebuild::report`) first.

use crate::contract::{BudgetLine, Direction};
use crate::model::Table;

use super::flow::{Item, cell_at, row_at};
use super::sections::Sections;
use super::text::{money, norm, periods};
use super::vocab::Vocab;
use crate::recognise::Grammars;

pub fn find(
    items: &[Item<'_>],
    secs: &Sections,
    report_period: Option<&str>,
    g: &Grammars,
) -> Vec<BudgetLine> {
    let v = &g.report;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Item::Table(t) = it else {
            continue;
        };
        // The caption: the nearest line above (within two), else the
        // section title.
        let caption = (i.saturating_sub(2)..i)
            .rev()
            .find_map(|k| items.get(k).and_then(Item::line))
            .map(|l| l.text.clone())
            .or_else(|| {
                secs.enclosing(i)
                    .and_then(|s| secs.list.get(s))
                    .map(|s| s.title.clone())
            })
            .unwrap_or_default();
        // A statement continued on the next page without its header: the
        // header of the table just before it, where that one was read.
        let continued = match table_before(items, i) {
            Some(prev) if !headed(t, v) && width(prev) == width(t) => {
                let head = header_rows(prev);
                let lines = table_lines(prev, &caption, report_period, g);
                (head > 0 && !lines.is_empty()).then(|| Table {
                    rows: prev
                        .rows
                        .iter()
                        .take(head)
                        .chain(&t.rows)
                        .cloned()
                        .collect(),
                    columns: t.columns,
                    ..Default::default()
                })
            }
            _ => None,
        };
        out.extend(table_lines(
            continued.as_ref().unwrap_or(t),
            &caption,
            report_period,
            g,
        ));
    }
    out
}

/// The table just before stream item `i`, past at most two fragments
/// between them (a cell's wrapped end the reader left as a line: "20/21").
fn table_before<'a>(items: &[Item<'a>], i: usize) -> Option<&'a Table> {
    for k in (i.saturating_sub(3)..i).rev() {
        match items.get(k)? {
            Item::Table(t) => return Some(t),
            Item::Line(l) if l.text.split_whitespace().count() <= 3 && !l.text.ends_with(':') => {}
            Item::Line(_) => return None,
        }
    }
    None
}

fn width(t: &Table) -> usize {
    t.columns.max(
        t.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span.max(1)))
            .max()
            .unwrap_or(0),
    )
}

/// How many rows stand above the first row holding an amount.
fn header_rows(t: &Table) -> usize {
    t.rows
        .iter()
        .position(|r| {
            r.cells.iter().any(|c| {
                let text = c.text();
                money(&text).is_some() || text.split_whitespace().any(|w| money_word(w).is_some())
            })
        })
        .unwrap_or(0)
}

/// Does a header row above the amounts say which way money flows?
fn headed(t: &Table, v: &Vocab) -> bool {
    t.rows
        .iter()
        .take(header_rows(t))
        .any(|r| r.cells.iter().any(|c| direction_of(&c.text(), v).is_some()))
}

/// The way money flows under a header or section row: income or
/// expenditure words, not both.
pub fn direction_of(text: &str, v: &Vocab) -> Option<Direction> {
    let lex = v.phrases();
    let inc = lex.income_words.contains(text);
    let exp = lex.expenditure_words.contains(text);
    match (inc, exp) {
        (true, false) => Some(Direction::Income),
        (false, true) => Some(Direction::Expenditure),
        _ => None,
    }
}

/// A total's label ("Total", "Total income"): a sum, never a line.
pub fn is_total(item: &str, v: &Vocab) -> bool {
    v.phrases().total_words.opening(item).is_some()
}

fn table_lines(
    t: &Table,
    caption: &str,
    report_period: Option<&str>,
    g: &Grammars,
) -> Vec<BudgetLine> {
    let width = width(t);
    let text_at = |ri: usize, c: usize| {
        t.cell_at(ri, c)
            .map(|x| norm(&x.text()))
            .unwrap_or_default()
    };
    // Money columns: most of their non-empty cells are amounts.
    let money_cols: Vec<usize> = (0..width)
        .filter(|&c| {
            let cells: Vec<String> = (0..t.rows.len())
                .map(|r| text_at(r, c))
                .filter(|s| !s.is_empty())
                .collect();
            let m = cells.iter().filter(|s| money(s).is_some()).count();
            m >= 2 && m * 2 >= cells.len()
        })
        .collect();
    let grid = grid_lines(t, &money_cols, caption, report_period, g);
    if mixed_cells(t) > 0 {
        let segments = segment_lines(t, caption, report_period, g);
        // Cells straddle the columns: the row reading is the better one
        // unless the grid finds more lines.
        if segments.len() >= grid.len() {
            return segments;
        }
    }
    grid
}

/// The statement read from its grid: each money column with the text
/// column to its left.
fn grid_lines(
    t: &Table,
    money_cols: &[usize],
    caption: &str,
    report_period: Option<&str>,
    g: &Grammars,
) -> Vec<BudgetLine> {
    let v = &g.report;
    if money_cols.is_empty() {
        return Vec::new();
    }
    let text_at = |ri: usize, c: usize| {
        t.cell_at(ri, c)
            .map(|x| norm(&x.text()))
            .unwrap_or_default()
    };
    // Each money column with the text column to its left.
    let pairs: Vec<(usize, usize)> = money_cols
        .iter()
        .filter_map(|&a| {
            (0..a)
                .rev()
                .find(|c| !money_cols.contains(c))
                .map(|item| (item, a))
        })
        .collect();
    // Header rows: the rows above the first row holding an amount.
    let first_data = (0..t.rows.len())
        .find(|&r| money_cols.iter().any(|&c| money(&text_at(r, c)).is_some()))
        .unwrap_or(0);
    let caption_period = periods(caption, g).into_iter().next();
    let mut per_pair: Vec<Vec<BudgetLine>> = vec![Vec::new(); pairs.len()];
    for (pi, &(item_col, amount_col)) in pairs.iter().enumerate() {
        let header: String = (0..first_data)
            .map(|r| header_text(t, r, item_col, amount_col))
            .collect::<Vec<_>>()
            .join(" ");
        let mut direction = direction_of(&header, v);
        // The period over the amount column itself first (a table with a
        // column per year), then over the pair.
        let own: String = (0..first_data)
            .map(|r| header_text(t, r, amount_col, amount_col))
            .collect::<Vec<_>>()
            .join(" ");
        let period = periods(&own, g)
            .into_iter()
            .next()
            .or_else(|| periods(&header, g).into_iter().next())
            .or_else(|| caption_period.clone())
            .or_else(|| report_period.map(str::to_string));
        for ri in first_data..t.rows.len() {
            let item = text_at(ri, item_col);
            let amount_text = text_at(ri, amount_col);
            if amount_text.is_empty() {
                // A section row ("Income", "Expenditure") in a stacked table.
                if let Some(d) =
                    direction_of(&item, v).filter(|_| item.split_whitespace().count() <= 4)
                {
                    direction = Some(d);
                }
                continue;
            }
            let (Some(amount), Some(dir)) = (money(&amount_text), direction) else {
                continue;
            };
            // An amount in the item column is a cell the reader shifted,
            // never an item.
            let shifted = item
                .split_whitespace()
                .next()
                .is_some_and(|w| money_word(w).is_some());
            if item.is_empty() || shifted || is_total(&item, v) {
                continue;
            }
            per_pair[pi].push(BudgetLine {
                period: period.clone(),
                direction: dir,
                item,
                amount,
                text: amount_text,
                // Where its item is printed: side by side, the row's
                // start is the other side's item.
                at: t
                    .cell_at(ri, item_col)
                    .map_or_else(|| row_at(&t.rows[ri]), |c| cell_at(c, &t.rows[ri])),
            });
        }
    }
    per_pair.into_iter().flatten().collect()
}

/// An amount inside running cell text: a whitespace-separated word with a
/// currency sign ("£35,000"). Unmarked numbers in text are counts ("6,300
/// students", "1.4 FTE"); they are amounts only as a whole cell.
fn money_word(w: &str) -> Option<f64> {
    let core = w.trim_start_matches(['(', '-']);
    money(w).filter(|_| core.starts_with(['£', '$', '€']))
}

/// Cells that hold an amount together with other text, or several
/// amounts: a grid drawn without rules, where the reader's column
/// boundaries fell between an amount and the next item.
fn mixed_cells(t: &Table) -> usize {
    t.rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| {
            let text = c.text();
            let words: Vec<&str> = text.split_whitespace().collect();
            let amounts = words.iter().filter(|w| money_word(w).is_some()).count();
            amounts >= 1 && (amounts < words.len() || amounts >= 2)
        })
        .count()
}

/// One piece of a row read left to right: item text or an amount, with
/// the grid column it stands in.
#[derive(Debug)]
enum Piece {
    Text(usize, String),
    Amount(String, f64),
}

/// A row's pieces: each cell's words in order, an amount word closing the
/// text before it. A cell's wrapped lines join into one item; an amount
/// ends an item, so a cell holding "item amount" lines gives each pair.
fn pieces(row: &crate::model::Row) -> Vec<Piece> {
    let mut out = Vec::new();
    for c in &row.cells {
        let mut words: Vec<&str> = Vec::new();
        let text = c.text();
        if let Some(a) = money(&text) {
            out.push(Piece::Amount(norm(&text), a));
            continue;
        }
        for w in text.split_whitespace() {
            if let Some(a) = money_word(w) {
                if !words.is_empty() {
                    out.push(Piece::Text(c.col, words.join(" ")));
                    words.clear();
                }
                out.push(Piece::Amount(w.to_string(), a));
            } else {
                words.push(w);
            }
        }
        if !words.is_empty() {
            out.push(Piece::Text(c.col, words.join(" ")));
        }
    }
    out
}

/// A side-by-side statement whose cells do not line up with its columns
/// (no rules to guide the reader: "£35,000 Independent Chair" in one
/// cell). Each row is read as a stream of items and amounts; an amount
/// belongs to the item just before it, and the item's column, under the
/// header cells, says the direction and period.
fn segment_lines(
    t: &Table,
    caption: &str,
    report_period: Option<&str>,
    g: &Grammars,
) -> Vec<BudgetLine> {
    let v = &g.report;
    let rows: Vec<Vec<Piece>> = t.rows.iter().map(pieces).collect();
    let Some(first_data) = rows
        .iter()
        .position(|r| r.iter().any(|p| matches!(p, Piece::Amount(..))))
    else {
        return Vec::new();
    };
    let caption_period = periods(caption, g).into_iter().next();
    let column_header = |c: usize| -> String {
        (0..first_data)
            .map(|r| header_text(t, r, c, c))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut section: Option<Direction> = None;
    let mut out: Vec<(usize, BudgetLine)> = Vec::new();
    for (row, model_row) in rows.iter().zip(&t.rows).skip(first_data) {
        if !row.iter().any(|p| matches!(p, Piece::Amount(..))) {
            // A section row ("Income", "Expenditure") in a stacked table.
            if let [Piece::Text(_, item)] = row.as_slice()
                && item.split_whitespace().count() <= 4
                && let Some(d) = direction_of(item, v)
            {
                section = Some(d);
            }
            continue;
        }
        let mut pending: Option<(usize, &str)> = None;
        for (k, p) in row.iter().enumerate() {
            match p {
                Piece::Text(c, s) => pending = Some((*c, s.as_str())),
                Piece::Amount(printed, amount) => {
                    let Some((col, item)) = pending.take() else {
                        continue;
                    };
                    // Several amounts after one item: rows the reader ran
                    // together. A short item is the first row's own; a
                    // long one is several items joined, and no line.
                    let run = matches!(row.get(k + 1), Some(Piece::Amount(..)));
                    if is_total(item, v) || (run && item.split_whitespace().count() > 6) {
                        continue;
                    }
                    let header = column_header(col);
                    let Some(direction) = direction_of(&header, v).or(section) else {
                        continue;
                    };
                    let period = periods(&header, g)
                        .into_iter()
                        .next()
                        .or_else(|| caption_period.clone())
                        .or_else(|| report_period.map(str::to_string));
                    out.push((
                        col,
                        BudgetLine {
                            period,
                            direction,
                            item: norm(item),
                            amount: *amount,
                            text: printed.clone(),
                            at: row_at(model_row),
                        },
                    ));
                }
            }
        }
    }
    // Left-hand side first, each side in row order, as a grid reading gives.
    out.sort_by_key(|(col, _)| *col);
    out.into_iter().map(|(_, b)| b).collect()
}

/// The header text over an item/amount column pair in row `r`: the cells
/// covering those columns, else the nearest header cell to their left (a
/// spanning cell printed once).
fn header_text(t: &Table, r: usize, item_col: usize, amount_col: usize) -> String {
    let Some(row) = t.rows.get(r) else {
        return String::new();
    };
    let covering: Vec<String> = row
        .cells
        .iter()
        .filter(|c| (item_col..=amount_col).any(|k| c.covers_col(k)))
        .map(|c| norm(&c.text()))
        .filter(|s| !s.is_empty())
        .collect();
    if !covering.is_empty() {
        return covering.join(" ");
    }
    row.cells
        .iter()
        .rfind(|c| c.col < item_col && !c.is_empty())
        .map(|c| norm(&c.text()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Paragraph, Provenance, Row};

    fn cell(col: usize, span: usize, t: &str) -> Cell {
        Cell {
            col_span: span,
            ..Cell::new(col, vec![Paragraph::new(t, Provenance::default())])
        }
    }

    /// A ruleless statement split by a page, its header not repeated: the
    /// second table is read under the first one's header. Items a reader
    /// joined into one cell give no line.
    #[test]
    fn statement_continued_without_its_header() {
        let row = |cells: &[&str]| Row {
            cells: cells
                .iter()
                .enumerate()
                .map(|(c, t)| cell(c, 1, t))
                .collect(),
            ..Default::default()
        };
        let t1 = Table {
            rows: vec![
                row(&["Income 2020/21", "Expenditure 2020/21", ""]),
                row(&["Police", "£35,000 Chair", "£28,618"]),
            ],
            columns: 3,
            ..Default::default()
        };
        let t2 = Table {
            rows: vec![
                row(&["Grant", "£5 Staff", "£6"]),
                row(&["", "Venues", "£1"]),
                // Rows run together: three items joined, three amounts.
                row(&[
                    "",
                    "Hire of rooms Printing of leaflets carry fwd (balance)",
                    "£2 £3 £4",
                ]),
            ],
            columns: 3,
            ..Default::default()
        };
        // A cell's wrapped end left as a line between the two tables.
        let fragment = super::super::flow::Line::plain("20/21", false);
        let items = [Item::Table(&t1), Item::Line(fragment), Item::Table(&t2)];
        let got: Vec<(Direction, String)> =
            find(&items, &Sections::default(), None, &Grammars::builtin())
                .into_iter()
                .map(|b| (b.direction, b.item))
                .collect();
        use Direction::{Expenditure as E, Income as I};
        let want: Vec<(Direction, String)> = [
            (I, "Police"),
            (E, "Chair"),
            (I, "Grant"),
            (E, "Staff"),
            (E, "Venues"),
        ]
        .into_iter()
        .map(|(d, a)| (d, a.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn stacked_statement_with_a_column_per_year() {
        let row = |cells: &[&str]| Row {
            cells: cells
                .iter()
                .enumerate()
                .map(|(c, t)| cell(c, 1, t))
                .collect(),
            ..Default::default()
        };
        let t = Table {
            rows: vec![
                row(&["Item", "2021/22", "2022/23"]),
                row(&["Income", "", ""]),
                row(&["Police", "£10", "£12"]),
                row(&["Expenditure", "", ""]),
                row(&["Staff", "£8", "£9"]),
                row(&["Total expenditure", "£8", "£9"]),
            ],
            columns: 3,
            ..Default::default()
        };
        let lines = table_lines(&t, "Budget", None, &Grammars::builtin());
        let got: Vec<(&str, Direction, &str, f64)> = lines
            .iter()
            .map(|l| {
                (
                    l.period.as_deref().unwrap_or(""),
                    l.direction,
                    l.item.as_str(),
                    l.amount,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("2021/22", Direction::Income, "Police", 10.0),
                ("2021/22", Direction::Expenditure, "Staff", 8.0),
                ("2022/23", Direction::Income, "Police", 12.0),
                ("2022/23", Direction::Expenditure, "Staff", 9.0),
            ]
        );
    }

    /// A statement drawn without rules: the reader's cells straddle the
    /// columns ("£35,000 Independent Chair"), and a continuation cell holds
    /// several "item amount" lines.
    #[test]
    fn statement_whose_cells_straddle_its_columns() {
        let row = |cells: &[&str]| Row {
            cells: cells
                .iter()
                .enumerate()
                .map(|(c, t)| cell(c, 1, t))
                .collect(),
            ..Default::default()
        };
        let t = Table {
            rows: vec![
                row(&["Income 2020/21", "Expenditure 2020/21", ""]),
                row(&["Police", "£35,000 Chair", "£28,618"]),
                row(&["Council", "£1,200 Staff 1.5 FTE", "£6,000"]),
                row(&["", "Trainer", "1,685"]),
                row(&["", "Venues\t£64\nPrinting\t£29", ""]),
                row(&["Total\t£36,200", "£36,378", ""]),
            ],
            columns: 3,
            ..Default::default()
        };
        let got: Vec<(Direction, String, f64)> = table_lines(&t, "", None, &Grammars::builtin())
            .into_iter()
            .map(|l| (l.direction, l.item, l.amount))
            .collect();
        let d = |dir, i: &str, a| (dir, i.to_string(), a);
        use Direction::{Expenditure as E, Income as I};
        assert_eq!(
            got,
            vec![
                d(I, "Police", 35000.0),
                d(I, "Council", 1200.0),
                d(E, "Chair", 28618.0),
                d(E, "Staff 1.5 FTE", 6000.0),
                d(E, "Trainer", 1685.0),
                d(E, "Venues", 64.0),
                d(E, "Printing", 29.0),
            ]
        );
    }

    #[test]
    fn side_by_side_statement() {
        let row = |cells: Vec<Cell>| Row {
            cells,
            ..Default::default()
        };
        let t = Table {
            rows: vec![
                row(vec![
                    cell(0, 2, "Income 2020/21"),
                    cell(2, 2, "Expenditure 2020/21"),
                ]),
                row(vec![
                    cell(0, 1, "Police"),
                    cell(1, 1, "£35,000"),
                    cell(2, 1, "Chair"),
                    cell(3, 1, "£28,618"),
                ]),
                row(vec![
                    cell(0, 1, "Council"),
                    cell(1, 1, "Not yet advised"),
                    cell(2, 1, "Trainer"),
                    cell(3, 1, "1,685"),
                ]),
                row(vec![
                    cell(0, 1, "Grant"),
                    cell(1, 1, "£5"),
                    cell(2, 1, ""),
                    cell(3, 1, ""),
                ]),
                row(vec![
                    cell(0, 1, "Total"),
                    cell(1, 1, "£35,005"),
                    cell(2, 1, ""),
                    cell(3, 1, "£30,303"),
                ]),
            ],
            columns: 4,
            ..Default::default()
        };
        let lines = table_lines(&t, "", None, &Grammars::builtin());
        let got: Vec<(Direction, &str, f64)> = lines
            .iter()
            .map(|l| (l.direction, l.item.as_str(), l.amount))
            .collect();
        assert_eq!(
            got,
            vec![
                (Direction::Income, "Police", 35000.0),
                (Direction::Income, "Grant", 5.0),
                (Direction::Expenditure, "Chair", 28618.0),
                (Direction::Expenditure, "Trainer", 1685.0),
            ]
        );
        assert!(lines.iter().all(|l| l.period.as_deref() == Some("2020/21")));
    }
}
