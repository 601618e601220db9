//! Header runs: the paragraphs that print the header row, one per column
//! alias, the first run giving the table's columns; and the header text
//! (cells printed apart, short column names) to leave out of the rows.

use crate::rebuild::flow::header::{Aliases, Column, norm_words};
use crate::rebuild::flow::para::Para;
use crate::recognise::reference;
use std::collections::HashMap;

/// Most words a header cell (alias plus its explanation) holds.
pub(super) const MAX_HEADER_WORDS: usize = 20;
/// How often a short column name must be printed to be page furniture.
const MIN_REPEATS: usize = 3;
/// Most words a heading line above a table (a section) holds.
pub(super) const MAX_HEADING_WORDS: usize = 8;

/// One header run: paragraphs `start..start + len`. The first may hold text
/// above the header in its lines before `pre`; `heading` is the line
/// (paragraph, line index) that names the table (a theme or section).
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) len: usize,
    pub(super) pre: usize,
    pub(super) cols: Vec<Column>,
    pub(super) texts: Vec<Vec<String>>,
    /// This run's own header cells (words): a later run may print cells
    /// the first one did not have (a narrow page printed them apart).
    pub(super) pieces: Vec<Vec<String>>,
    pub(super) heading: Option<(usize, usize)>,
}

/// The column a header cell names: the longest alias its words start with.
pub(super) fn header_cell(aliases: &Aliases, text: &str) -> Option<Column> {
    if over_header_words(std::iter::once(text)) {
        return None;
    }
    let w = norm_words(text);
    if w.is_empty() || w.len() > MAX_HEADER_WORDS {
        return None;
    }
    aliases.prefix(&w)
}

/// More words with a letter or digit in `pieces` than a header cell has
/// (each gives at least one matching word), counted no further than that:
/// a paragraph of a megabyte is asked at every run that passes it, and
/// normalising it whole each time cost its length times the runs.
fn over_header_words<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    pieces
        .flat_map(str::split_whitespace)
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .nth(MAX_HEADER_WORDS)
        .is_some()
}

/// Is `line` a piece of a known header cell (a header cell broken into text
/// boxes that pdftotext printed apart)? One word counts only as a whole cell.
pub(super) fn fragment(known: &[Vec<String>], line: &str, min_words: usize) -> bool {
    let w = norm_words(line);
    if w.is_empty() {
        return false;
    }
    known.iter().any(|k| {
        if w.len() < min_words.max(2) {
            *k == w
        } else {
            k.windows(w.len()).any(|x| x == &w[..])
        }
    })
}

/// Is `text` (lines joined) a run of at least three words of one known
/// header cell ("PROGRESS" / "UPDATE" / "IMPACT")? Line by line, such
/// words are too short to tell from cell text.
pub(super) fn piece_of(known: &[Vec<String>], text: &str) -> bool {
    let w = norm_words(text);
    w.len() >= 3
        && known
            .iter()
            .any(|k| k.windows(w.len()).any(|x| x == &w[..]))
}

/// What a paragraph inside a header run is.
#[derive(Clone, Copy)]
pub(super) enum Part {
    Cell(Column),
    Fragment,
}

/// A paragraph as part of a header run, with the number of its lines above
/// the header text (text above the table, or the table's heading): a header
/// cell, or (once the header is known) a piece of one.
pub(super) fn header_part(
    p: &Para,
    aliases: &Aliases,
    known: &[Vec<String>],
) -> Option<(usize, Part)> {
    if !over_header_words(p.lines.iter().map(String::as_str)) {
        let whole = p.lines.join(" ");
        if let Some(c) = header_cell(aliases, &whole) {
            return Some((0, Part::Cell(c)));
        }
    }
    if !known.is_empty() && p.lines.iter().all(|l| fragment(known, l, 1)) {
        return Some((0, Part::Fragment));
    }
    // The first cell printed right under a heading or title. Once the
    // header is known, only its first cell (the one printed first).
    // The cell may take its last few lines when a narrow column broke its
    // words ("Numbe" / "r"); the fewest lines that name a column win, so a
    // title line is not read as the start of a header cell.
    (1..=MAX_CELL_LINES)
        .filter_map(|take| p.lines.len().checked_sub(take).filter(|&n| n > 0))
        .find_map(|pre| {
            let text = p.lines.get(pre..)?.join(" ");
            let c = header_cell(aliases, &text)?;
            let first_cell = known.first().is_none_or(|k| *k == norm_words(&text));
            first_cell.then_some((pre, Part::Cell(c)))
        })
}

/// Most paragraphs (cells and fragments) of one header run. Why a cap: a
/// run that fails is tried again from its next paragraph, so an uncapped
/// run over thousands of fragment-like paragraphs cost their number squared.
const MAX_RUN_PARTS: usize = 64;

/// Most lines of a header cell printed under a title in the same text box.
const MAX_CELL_LINES: usize = 3;

/// Header runs. The first: at least three header-cell paragraphs in a row
/// naming three kinds of column, one of them the action or finding. Later
/// ones (repeated after a page break, or heading another table) may come
/// scrambled, so any three header cells or pieces of the first header's
/// cells, of at least two kinds, make one.
pub(super) fn runs(paras: &[Para], aliases: &Aliases) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut known: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let Some((pre, part)) = header_part(&paras[i], aliases, &known) else {
            i += 1;
            continue;
        };
        let mut parts = vec![(i, pre, part)];
        let mut j = i + 1;
        while let Some(q) = paras.get(j).filter(|_| parts.len() < MAX_RUN_PARTS) {
            // A ref cell printed between a repeated header's boxes: the
            // run goes on past it (the ref is kept for the rows).
            if !known.is_empty()
                && lone_ref(q)
                && paras
                    .get(j + 1)
                    .and_then(|n| header_part(n, aliases, &known))
                    .is_some_and(|(pre, _)| pre == 0)
            {
                j += 1;
                continue;
            }
            match header_part(q, aliases, &known) {
                Some((0, part)) => parts.push((j, 0, part)),
                Some((pre, part))
                    if pre > 0 && q.lines.get(pre - 1).is_some_and(|l| heading(l)) =>
                {
                    parts.push((j, pre, part))
                }
                _ => break,
            }
            j += 1;
        }
        let cols: Vec<Column> = parts
            .iter()
            .filter_map(|(_, _, p)| match p {
                Part::Cell(c) => Some(*c),
                Part::Fragment => None,
            })
            .collect();
        let mut kinds = cols.clone();
        kinds.sort_by_key(|c| *c as u8);
        kinds.dedup();
        let main = cols
            .iter()
            .any(|c| matches!(c, Column::Action | Column::Finding));
        let ok = if known.is_empty() {
            kinds.len() >= 3 && main
        } else {
            parts.len() >= 3 && kinds.len() >= 2
        };
        if !ok {
            i += 1;
            continue;
        }
        let heading_at = parts.iter().find_map(|&(k, pre, _)| {
            let line = pre.checked_sub(1)?;
            paras[k].lines.get(line).filter(|l| heading(l))?;
            Some((k, line))
        });
        if known.is_empty() {
            known = parts
                .iter()
                .map(|&(k, pre, _)| norm_words(&paras[k].lines[pre..].join(" ")))
                .collect();
        }
        let pieces = parts
            .iter()
            .filter(|(_, _, p)| matches!(p, Part::Cell(_)))
            .filter_map(|&(k, pre, _)| Some(norm_words(&paras.get(k)?.lines.get(pre..)?.join(" "))))
            .collect();
        out.push(Run {
            pieces,
            start: i,
            len: j - i,
            pre,
            cols,
            texts: known.clone(),
            heading: heading_at,
        });
        i = j;
    }
    out
}

/// The header cells of every run, the first run's in full: what header
/// text printed apart may be a piece of.
pub(super) fn all_pieces(runs: &[Run]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = runs.first().map(|r| r.texts.clone()).unwrap_or_default();
    for p in runs.iter().flat_map(|r| &r.pieces) {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// A paragraph that is only a ref ("3.5").
pub(super) fn lone_ref(p: &Para) -> bool {
    matches!(&p.lines[..], [l] if reference::whole_ref(l).is_some())
}

/// Running prose (sentences, many words): no lead or timescale cell.
pub(super) fn prose(text: &str) -> bool {
    let n = text.split_whitespace().count();
    n > 12 && text.contains(". ")
}

/// A short line that can head a table (a theme or section).
pub(super) fn heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.split_whitespace().count();
    n > 0 && n <= MAX_HEADING_WORDS && !t.ends_with(['.', ',', ';'])
}

/// A short paragraph naming a column ("Current … Progress"): header text
/// when it sits next to other header text.
pub(super) fn short_alias(p: &Para, aliases: &Aliases) -> bool {
    let w = norm_words(&p.lines.join(" "));
    w.len() <= 4 && aliases.contains(&w)
}

/// Header text to leave out of the rows: runs, header cells printed apart
/// from their run, and short column names next to either. Returns which
/// paragraphs are dropped, and the run (if any) that starts at each.
pub(super) fn header_text<'r>(
    paras: &[Para],
    runs: &'r [Run],
    aliases: &Aliases,
) -> (Vec<bool>, Vec<Option<&'r Run>>) {
    let mut dropped = vec![false; paras.len()];
    let mut run_at: Vec<Option<&Run>> = vec![None; paras.len()];
    let Some(first) = runs.first() else {
        return (dropped, run_at);
    };
    let known = &all_pieces(runs);
    for r in runs {
        for (d, p) in dropped
            .iter_mut()
            .zip(paras)
            .skip(r.start + 1)
            .take(r.len - 1)
        {
            *d = !lone_ref(p);
        }
        if let Some(slot) = run_at.get_mut(r.start) {
            *slot = Some(r);
        }
    }
    for (i, p) in paras.iter().enumerate().skip(first.start + first.len) {
        if run_at[i].is_none()
            && (p.lines.iter().all(|l| fragment(known, l, 1))
                || piece_of(known, &p.lines.join(" ")))
        {
            dropped[i] = true;
        }
    }
    let is_header = |d: &[bool], k: usize| {
        d.get(k).copied().unwrap_or(false) || run_at.get(k).is_some_and(Option::is_some)
    };
    // A short column name printed on most pages (the second line of a
    // header row that pdftotext prints apart from the rest) is header
    // text wherever it stands.
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for p in paras.iter().filter(|p| short_alias(p, aliases)) {
        *seen.entry(norm_words(&p.lines.join(" "))).or_default() += 1;
    }
    for (i, p) in paras.iter().enumerate().skip(first.start + first.len) {
        if run_at[i].is_none()
            && short_alias(p, aliases)
            && seen
                .get(&norm_words(&p.lines.join(" ")))
                .is_some_and(|&n| n >= MIN_REPEATS)
        {
            dropped[i] = true;
        }
    }
    for i in first.start + first.len..paras.len() {
        if !dropped[i]
            && run_at[i].is_none()
            && short_alias(&paras[i], aliases)
            && (is_header(&dropped, i + 1)
                || i.checked_sub(1).is_some_and(|k| is_header(&dropped, k)))
        {
            dropped[i] = true;
        }
    }
    (dropped, run_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_column_name_on_every_page_is_header_text() {
        use crate::recognise::Grammars;
        let g = Grammars::builtin();
        let aliases = Aliases::new(&g.columns);
        let texts = [
            "Ref",
            "Finding",
            "Action",
            "Lead",
            "1.1",
            "That waits are cut",
            "Publish the waits",
            "Evidence required",
            "Ann Example",
            "Current Progress",
            "1.2",
            "That carers are heard",
            "Current Progress",
            "Ask every carer",
            "Jo Sample",
            "Current Progress",
        ];
        let paras: Vec<Para> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Para {
                lines: vec![t.to_string()],
                line: i as u32 * 2 + 1,
                list: false,
                page: None,
            })
            .collect();
        let r = runs(&paras, &aliases);
        let (dropped, _) = header_text(&paras, &r, &aliases);
        let kept: Vec<&str> = texts
            .iter()
            .zip(&dropped)
            .skip(4)
            .filter(|(_, d)| !**d)
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(
            kept,
            vec![
                "1.1",
                "That waits are cut",
                "Publish the waits",
                "Evidence required",
                "Ann Example",
                "1.2",
                "That carers are heard",
                "Ask every carer",
                "Jo Sample"
            ]
        );
    }

    #[test]
    fn header_words_broken_over_lines_are_a_piece_of_a_known_cell() {
        let known = vec![norm_words(
            "PROGRESS UPDATE IMPACT Expected Q2 Red Q3 amber",
        )];
        assert!(piece_of(&known, "PROGRESS UPDATE IMPACT"));
        // Too short to tell from cell text, or not in any header cell.
        assert!(!piece_of(&known, "PROGRESS UPDATE"));
        assert!(!piece_of(&known, "Progress was made in Q3"));
    }
}
