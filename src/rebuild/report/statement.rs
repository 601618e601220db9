//! Side-by-side income and expenditure statements printed one cell per
//! paragraph.
//!
//! The shape: an income and an expenditure header as two paragraphs (the
//! first possibly ending a caption), then item and amount paragraphs in
//! turn, the sides alternating row by row; the header pair may be printed
//! again where a page broke the statement. A total takes its side's place
//! in the row but is no line. Where one side runs out before the other the
//! alternation cannot tell which side the remaining lines are; the printed
//! totals settle it ([`balance_to_totals`]).
//!
//! The statement becomes a four-column table (item and amount under each
//! side's header cell, a total row under them), which the report reader
//! reads as it reads a statement drawn as a table.

use crate::contract::{Direction, norm};
use crate::interpret::report::cues::{direction_of, is_total, money, periods, phrase_key};
use crate::model::{Cell, Paragraph, Provenance, Row, Table};
use crate::recognise::Grammars;

use super::{Printed, provenance};

/// One line of the statement: item, amount as printed and read, side, and
/// where the item was printed.
struct Entry {
    item: String,
    text: String,
    amount: f64,
    side: Direction,
    at: Provenance,
}

/// The statement whose header pair starts at box `i` (the income or
/// expenditure header ending it), as a table with the index of the box
/// after it. None where no such pair stands at `i` or no line follows.
pub(super) fn table(boxes: &[Printed<'_>], i: usize, g: &Grammars) -> Option<(Table, usize)> {
    let v = &g.report;
    let first = boxes.get(i)?;
    let second_box = boxes.get(i + 1)?;
    let head_a = first.lines.as_ref()?.last()?.as_str();
    let second = second_box.text()?;
    let short = |t: &str| t.split_whitespace().count() <= 6;
    let sides = match (direction_of(head_a, v), direction_of(&second, v)) {
        (Some(a), Some(b)) if a != b && short(head_a) && short(&second) => [a, b],
        _ => return None,
    };
    let mut out: Vec<Entry> = Vec::new();
    let mut side = 0usize;
    let mut pending: Option<(String, Provenance)> = None;
    let mut closed: Option<usize> = None;
    // Amounts printed as totals: after a total's label, or with no item
    // (as read, and as printed).
    let mut totals: Vec<f64> = Vec::new();
    let mut printed: Vec<String> = Vec::new();
    let mut end = boxes.len();
    for (k, b) in boxes.iter().enumerate().skip(i + 2) {
        let Some(lines) = &b.lines else {
            end = k;
            break;
        };
        // The header printed again after a page break, alone or glued to
        // the box under it.
        let repeats = |t: &str| {
            [head_a, second.as_str()]
                .iter()
                .any(|h| phrase_key(t) == phrase_key(h))
        };
        let text = match lines.split_first() {
            Some((head, rest)) if repeats(head) => {
                if rest.is_empty() {
                    continue;
                }
                norm(&rest.join(" "))
            }
            _ => norm(&lines.join(" ")),
        };
        if let Some(amount) = money(&text) {
            let Some((item, at)) = pending.take() else {
                totals.push(amount);
                printed.push(text);
                continue;
            };
            if is_total(&item, v) {
                closed = Some(side % 2);
                totals.push(amount);
                printed.push(text.clone());
            } else {
                out.push(Entry {
                    item,
                    text: text.clone(),
                    amount,
                    side: sides[side % 2],
                    at,
                });
            }
            side += 1;
            if closed.is_some_and(|c| side % 2 == c) {
                side += 1;
            }
            continue;
        }
        let opens_with_letter = text.chars().next().is_some_and(char::is_alphabetic);
        // The wrapped end of an item printed as a box of its own ("20/21",
        // "(ESCC)") after the row's amounts: no item, no amount, passed over.
        // A section number ("9.D") is the next heading and ends the table.
        if !opens_with_letter && text.split_whitespace().count() <= 3 && !is_section_number(&text) {
            continue;
        }
        // The next statement's caption or headers end this one.
        let lex = v.phrases();
        let flows = lex.income_words.contains(&text) || lex.expenditure_words.contains(&text);
        let caption = flows && (!periods(&text, g).is_empty() || text.ends_with(':'));
        if !opens_with_letter || text.split_whitespace().count() > 10 || caption {
            end = k;
            break;
        }
        // An item with no amount after it: a total, or a row cell left
        // without an amount; either way its side's place is taken. A total
        // ends its side: later lines are all the other side's.
        // A total's label printed between an item and its amount (boxes
        // printed by height, not by row): the item still waits for its
        // amount, and the totals check below settles the sides.
        if is_total(&text, v) && pending.as_ref().is_some_and(|(p, _)| !is_total(p, v)) {
            continue;
        }
        if let Some((prev, _)) = pending.replace((text, provenance(b.block))) {
            if is_total(&prev, v) {
                closed = Some(side % 2);
            }
            side += 1;
        }
        if closed.is_some_and(|c| side % 2 == c) {
            side += 1;
        }
    }
    // The row of totals may be printed after the statement's last box.
    for t in boxes.iter().skip(end).take(3).map_while(|b| b.text()) {
        if let Some(amount) = money(&t) {
            totals.push(amount);
            printed.push(t);
        }
    }
    if out.is_empty() {
        return None;
    }
    balance_to_totals(&mut out, &totals, sides);
    let heads = [
        (head_a, provenance(first.block)),
        (second.as_str(), provenance(second_box.block)),
    ];
    Some((grid(&out, sides, heads, &printed), end))
}

/// The statement as a table: each side's header cell over its item and
/// amount columns, the side's lines in order under it, and the printed
/// totals in a last row.
fn grid(
    out: &[Entry],
    sides: [Direction; 2],
    heads: [(&str, Provenance); 2],
    totals: &[String],
) -> Table {
    let cell = |col: usize, t: &str, at: Provenance| {
        let mut c = Cell::new(col, vec![Paragraph::new(t, at)]);
        c.at = at;
        c
    };
    let header = Row {
        cells: heads
            .iter()
            .enumerate()
            .map(|(s, (t, at))| Cell {
                col_span: 2,
                ..cell(2 * s, t, *at)
            })
            .collect(),
        header: true,
        ..Default::default()
    };
    let columns: [Vec<&Entry>; 2] = sides.map(|d| out.iter().filter(|e| e.side == d).collect());
    let height = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = vec![header];
    for r in 0..height {
        let mut cells = Vec::new();
        for (s, col) in columns.iter().enumerate() {
            let (item, amount, at) = col.get(r).map_or(("", "", Provenance::default()), |e| {
                (e.item.as_str(), e.text.as_str(), e.at)
            });
            cells.push(cell(2 * s, item, at));
            cells.push(cell(2 * s + 1, amount, at));
        }
        rows.push(Row {
            cells,
            ..Default::default()
        });
    }
    // The totals, in the order printed; which side each sums is not
    // printed beside it.
    if !totals.is_empty() {
        let total = |k: usize| totals.get(k).map_or("", String::as_str);
        rows.push(Row {
            cells: vec![
                cell(0, "Total", Provenance::default()),
                cell(1, total(0), Provenance::default()),
                cell(2, "Total", Provenance::default()),
                cell(3, total(1), Provenance::default()),
            ],
            ..Default::default()
        });
    }
    Table {
        rows,
        columns: 4,
        pages: Vec::new(),
        at: heads[0].1,
    }
}

/// The most lines a statement is balanced against its totals over.
const MAX_BALANCED_LINES: usize = 400;

/// Where one side of a statement runs out of rows, the alternation
/// cannot tell which side the remaining lines belong to. The printed
/// totals can: keep the alternating reading up to some line and give every
/// later line to one side, choosing the latest such point at which both
/// sides add up to the totals. Nothing changes unless the reading as it
/// stands fails the totals and another one meets them all.
fn balance_to_totals(lines: &mut [Entry], totals: &[f64], sides: [Direction; 2]) {
    let totals: Vec<f64> = totals.iter().copied().take(4).collect();
    // The search is quadratic in the lines; a statement is never this long.
    if totals.is_empty() || lines.is_empty() || lines.len() > MAX_BALANCED_LINES {
        return;
    }
    let same = |a: f64, b: f64| (a - b).abs() < 0.005;
    let meets = |dirs: &[Direction]| {
        let sum = |d: Direction| -> f64 {
            lines
                .iter()
                .zip(dirs)
                .filter(|(_, x)| **x == d)
                .map(|(l, _)| l.amount)
                .sum()
        };
        let (a, b) = (sum(sides[0]), sum(sides[1]));
        // Each side's sum is one of the totals (two different ones where
        // more than one was printed: a stray number may sit among them).
        let at =
            |x: f64| -> Vec<usize> { (0..totals.len()).filter(|&k| same(x, totals[k])).collect() };
        let (ka, kb) = (at(a), at(b));
        if totals.len() == 1 {
            return !ka.is_empty() || !kb.is_empty();
        }
        ka.iter().any(|x| kb.iter().any(|y| x != y))
    };
    let base: Vec<Direction> = lines.iter().map(|l| l.side).collect();
    if meets(&base) {
        return;
    }
    for keep in (0..base.len()).rev() {
        for tail in sides {
            let dirs: Vec<Direction> = base
                .iter()
                .enumerate()
                .map(|(j, d)| if j < keep { *d } else { tail })
                .collect();
            if meets(&dirs) {
                for (l, d) in lines.iter_mut().zip(dirs) {
                    l.side = d;
                }
                return;
            }
        }
    }
}

/// "9", "9.D", "4.2.", "3:": a heading's number printed as a box of its own.
fn is_section_number(text: &str) -> bool {
    let t = text.trim_end_matches(['.', ':']);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.split('.').all(|p| {
            !p.is_empty()
                && (p.chars().all(|c| c.is_ascii_digit())
                    || (p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase())))
        })
}

#[cfg(test)]
mod tests {
    use crate::contract::Direction::{self, Expenditure as E, Income as I};
    use crate::rebuild::report::tests::read;

    /// A statement's header pair and first row, as paragraphs.
    const OPENING: &[&str] = &[
        "Income 2021/22",
        "Expenditure 2021/22",
        "Police",
        "£10,000",
        "Chair",
        "£4,000",
    ];

    /// (item, direction, amount) of each budget line read, income first.
    fn budget(paras: &[&str]) -> Vec<(String, Direction, f64)> {
        read(paras)
            .budget
            .into_iter()
            .map(|b| (b.item, b.direction, b.amount))
            .collect()
    }

    fn want(lines: &[(&str, Direction, f64)]) -> Vec<(String, Direction, f64)> {
        lines
            .iter()
            .map(|(i, d, a)| (i.to_string(), *d, *a))
            .collect()
    }

    #[test]
    fn side_by_side_statement_printed_cell_by_cell() {
        let got = budget(&[
            "Budget 2021/22:\nIncome 2021/22",
            "Expenditure 2021/22",
            "County Council",
            "£10,000",
            "Chair",
            "£4,000",
            "Police",
            "£2,000",
            "Training",
            "£3,000",
            "Total",
            "Trainer",
            "£5,000",
            "£12,000",
            "Plans for 2022/23 are set out below in more detail than before.",
        ]);
        assert_eq!(
            got,
            want(&[
                ("County Council", I, 10000.0),
                ("Police", I, 2000.0),
                ("Chair", E, 4000.0),
                ("Training", E, 3000.0),
                ("Trainer", E, 5000.0),
            ])
        );
    }

    /// Income runs out two rows before expenditure; the total's label is
    /// printed among the last expenditure cells and the totals after the
    /// statement, with the next heading's number between them. The totals
    /// say where the alternation stops.
    #[test]
    fn totals_tell_the_side_of_lines_after_one_side_ran_out() {
        let got = budget(
            &[
                OPENING,
                &[
                    "Council", "£2,000", "Training", "£3,000", "Venues", "£1,000", "Total",
                    "Printing", "£4,000", "£12,000", "1.2", "£12,000",
                ],
            ]
            .concat(),
        );
        assert_eq!(
            got,
            want(&[
                ("Police", I, 10000.0),
                ("Council", I, 2000.0),
                ("Chair", E, 4000.0),
                ("Training", E, 3000.0),
                ("Venues", E, 1000.0),
                ("Printing", E, 4000.0),
            ])
        );
    }

    /// A page break inside the statement: the header printed again (alone,
    /// then glued to the next cell), a wrapped item's end as a paragraph
    /// of its own, and the total's label between an item and its amount.
    #[test]
    fn statement_over_a_page_break_read_once() {
        let got = budget(
            &[
                OPENING,
                &[
                    "Grant brought forward from",
                    "£2,000",
                    "Training",
                    "£3,000",
                    "20/21",
                    "Income 2021/22",
                    "Expenditure 2021/22\nPrinting",
                    "£1,000",
                    "Venues",
                    "Total",
                    "£4,000",
                    "£12,000",
                    "£12,000",
                ],
            ]
            .concat(),
        );
        assert_eq!(
            got,
            want(&[
                ("Police", I, 10000.0),
                ("Grant brought forward from", I, 2000.0),
                ("Chair", E, 4000.0),
                ("Training", E, 3000.0),
                ("Printing", E, 1000.0),
                ("Venues", E, 4000.0),
            ])
        );
    }

    /// Each line is where its item was printed, the expenditure side's
    /// too (paragraph k stands on line 2k+1).
    #[test]
    fn each_line_is_where_its_item_was_printed() {
        let lines = read(&[OPENING, &["Council", "£2,000", "Venues", "£1,000"]].concat()).budget;
        let at: Vec<(&str, Option<u32>)> =
            lines.iter().map(|b| (b.item.as_str(), b.at.line)).collect();
        assert_eq!(
            at,
            vec![
                ("Police", Some(5)),
                ("Council", Some(13)),
                ("Chair", Some(9)),
                ("Venues", Some(17)),
            ]
        );
    }
}
