//! Numbered sections: "4", "4.2", "9.B" headings, accepted only where they
//! continue the document's numbering.
//!
//! Why a numbering chain rather than heading styles: a text export has no
//! styles, a PDF's fonts are a guess, and even a DOCX marks unnumbered
//! headings ("Foreword") and numbered lists ("1. Mandatory webinar") in ways
//! that look like sections. What tells them apart is that real section
//! numbers form one sequence through the document: 1, 2, 3, 4, 4.1 … 4.6, 5.
//! The longest (best-weighted) such sequence among all numbered lines is
//! chosen; a numbered list restarts at 1 and breaks it, a statistic ("1404
//! missing episodes") never fits it.

use crate::contract::Section;

use super::flow::{Item, Line};

/// One component of a section number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Num(u32),
    Letter(char),
}

impl Part {
    fn is_first(self) -> bool {
        matches!(self, Part::Num(1) | Part::Letter('A'))
    }

    /// How far `next` is past `self` at the same level (1 = successor).
    fn step(self, next: Part) -> Option<u32> {
        match (self, next) {
            (Part::Num(a), Part::Num(b)) if b > a => Some(b - a),
            (Part::Letter(a), Part::Letter(b)) if b > a => Some(b as u32 - a as u32),
            _ => None,
        }
    }
}

/// A line that opens with a section number.
#[derive(Debug, Clone)]
struct Candidate {
    item: usize,
    parts: Vec<Part>,
    number: String,
    title: String,
    weight: f64,
}

/// The sections found, with the stream index of each.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    pub list: Vec<Section>,
    /// Stream index of each section's heading line (parallel to `list`).
    pub at: Vec<usize>,
}

impl Sections {
    /// The index into `list` of the section enclosing stream item `i`.
    pub fn enclosing(&self, i: usize) -> Option<usize> {
        self.at.iter().rposition(|&a| a <= i)
    }

    /// The index into `list` of the top-level section (chapter) enclosing
    /// stream item `i`.
    pub fn chapter(&self, i: usize) -> Option<usize> {
        let s = self.enclosing(i)?;
        (0..=s)
            .rev()
            .find(|&k| self.list.get(k).is_some_and(|x| x.level == 1))
    }

    pub fn is_heading(&self, i: usize) -> bool {
        self.at.contains(&i)
    }
}

/// The most numbered lines considered; beyond that the chain search (which
/// is quadratic) would cost more than any real report needs.
const MAX_CANDIDATES: usize = 3000;

pub fn find(items: &[Item<'_>]) -> Sections {
    let cands: Vec<Candidate> = items
        .iter()
        .enumerate()
        .flat_map(|(i, it)| {
            let l = match it {
                Item::Line(l) => l,
                Item::Table(t) => return small_table_headings(i, t),
            };
            let next = || {
                items
                    .iter()
                    .skip(i + 1)
                    .take(TITLE_REACH)
                    .map_while(Item::line)
            };
            let mut found: Vec<Candidate> = Vec::new();
            // A lone number first: "9.A" alone would read as "9" + "A".
            found.extend(apart(i, l.text.trim(), next()).or_else(|| candidate(i, l)));
            // A heading inside a paragraph of several lines (its lines
            // joined with the text around it): a later line of the
            // paragraph that opens with a number and reads as a title.
            for inner in l.lines.iter().skip(1) {
                crate::work::step(1);
                // Built field by field: cloning the paragraph per line would
                // cost its length squared.
                let one = Line {
                    text: inner.clone(),
                    lines: vec![inner.clone()],
                    first: inner.clone(),
                    heading: None,
                    list: l.list,
                    tab: false,
                    cells: Vec::new(),
                    page: l.page,
                    from: l.from,
                };
                found.extend(candidate(i, &one).map(|mut c| {
                    c.weight -= 0.3;
                    c
                }));
            }
            // A number ending a paragraph (glued to the text above).
            if l.lines.len() > 1 {
                found.extend(
                    l.lines
                        .last()
                        .and_then(|last| apart(i, last.trim(), next())),
                );
            }
            found
        })
        .take(MAX_CANDIDATES)
        .collect();
    let chain = best_chain(&cands);
    let mut out = Sections::default();
    for k in chain {
        if let Some(c) = cands.get(k) {
            out.list.push(Section {
                number: c.number.clone(),
                title: c.title.clone(),
                level: c.parts.len().min(u8::MAX as usize) as u8,
                at: items.get(c.item).map(Item::at).unwrap_or_default(),
            });
            out.at.push(c.item);
        }
    }
    out
}

/// The best-weighted sequence of candidates in which each continues the
/// numbering of the one before.
fn best_chain(c: &[Candidate]) -> Vec<usize> {
    let n = c.len();
    let mut best = vec![f64::MIN; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let start_penalty = if c[j].parts.iter().all(|p| p.is_first()) {
            0.0
        } else {
            1.5
        };
        best[j] = c[j].weight - start_penalty;
        for i in 0..j {
            if let Some(gap) = continues(&c[i].parts, &c[j].parts) {
                let score = best[i] + c[j].weight - 0.6 * gap as f64;
                if score > best[j] {
                    best[j] = score;
                    prev[j] = Some(i);
                }
            }
        }
    }
    let Some(mut end) = (0..n).max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a))) else {
        return Vec::new();
    };
    if best[end] <= 0.0 {
        return Vec::new();
    }
    let mut chain = vec![end];
    while let Some(p) = prev[end] {
        chain.push(p);
        end = p;
    }
    chain.reverse();
    chain
}

/// Does `b` continue the numbering after `a`? Some(number of skipped
/// numbers), allowing at most one skipped.
fn continues(a: &[Part], b: &[Part]) -> Option<u32> {
    let (m, p) = (a.len(), b.len());
    if p == m + 1 {
        return (b[..m] == *a && b[m].is_first()).then_some(0);
    }
    if p == 0 || p > m || b[..p - 1] != a[..p - 1] {
        return None;
    }
    let step = a[p - 1].step(b[p - 1])?;
    (step <= 2).then_some(step - 1)
}

/// Headings a text reader took for a table: consecutive "9.\tAppendices",
/// "9.A\tSafeguarding Context" lines make a small grid of number and
/// title. Only a grid of a few rows, each opening with a number cell, is
/// read so; a contents table is longer and its rows stay out of the chain.
fn small_table_headings(item: usize, t: &crate::model::Table) -> Vec<Candidate> {
    if t.rows.len() > 3 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in &t.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| super::text::norm(&c.text()))
            .filter(|c| !c.is_empty())
            .collect();
        let Some((number, rest)) = cells.split_first() else {
            return Vec::new();
        };
        let numeric = number.starts_with(|c: char| c.is_ascii_digit())
            && !number.contains(char::is_whitespace);
        if !numeric || rest.is_empty() {
            return Vec::new();
        }
        let line = Line::plain(&format!("{number}\t{}", rest.join(" ")), false);
        match candidate(item, &line) {
            Some(c) => out.push(c),
            None => return Vec::new(),
        }
    }
    out
}

/// How many lines after a lone section number its title may stand.
const TITLE_REACH: usize = 3;

/// A section number that is a paragraph of its own, its title one of the
/// next paragraphs. Other paragraphs may stand between them (a body
/// paragraph, the amounts of a table row set beside the heading); those
/// cannot be titles (too long, not opening with a capital) and are passed
/// over, and a title found past them weighs a little less.
fn apart<'l>(item: usize, number: &str, next: impl Iterator<Item = &'l Line>) -> Option<Candidate> {
    if number.contains(char::is_whitespace) || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    next.enumerate().find_map(|(k, line)| {
        if line.lines.len() > 2 {
            return None;
        }
        let mut joined = line.clone();
        joined.first = format!("{number} {}", line.text);
        joined.text = joined.first.clone();
        let mut c = candidate(item, &joined)?;
        if k > 0 {
            if c.title.split_whitespace().count() > 8 {
                return None;
            }
            c.weight -= 0.2;
        }
        Some(c)
    })
}

/// A line that opens with a section number and a title.
fn candidate(item: usize, l: &Line) -> Option<Candidate> {
    let (parts, number, rest, sep_tab) = split_number(&l.first, l.tab)?;
    let title = rest.trim().trim_end_matches([':', ' ']).trim().to_string();
    let first = title.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    let nwords = title.split_whitespace().count();
    if nwords > 18 || title.chars().count() > 140 {
        return None;
    }
    let mut weight = 1.0;
    if l.heading.is_some() {
        weight += 1.0;
    }
    if sep_tab {
        weight += 0.3;
    }
    if nwords <= 8 {
        weight += 0.2;
    }
    if l.list {
        weight -= 0.3;
    }
    if title.ends_with('.') {
        weight -= 0.4;
    }
    Some(Candidate {
        item,
        parts,
        number,
        title,
        weight,
    })
}

/// Split "4.2\tTitle", "9.B: Title", "5. Title", "3.Title" into number
/// parts, the number as printed (without trailing "." or ":"), the rest,
/// and whether a tab separated them.
fn split_number(s: &str, had_tab: bool) -> Option<(Vec<Part>, String, &str, bool)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut parts = Vec::new();
    let mut i = 0;
    // Possible ends of the number: (parts so far, char index after them).
    let mut ends: Vec<(usize, usize)> = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && chars[i].1.is_ascii_digit() {
            i += 1;
        }
        if i > start {
            if i - start > 2 {
                return None; // "1404 missing episodes": a statistic
            }
            let n: u32 = chars[start..i]
                .iter()
                .map(|c| c.1)
                .collect::<String>()
                .parse()
                .ok()?;
            parts.push(Part::Num(n));
        } else if !parts.is_empty()
            && i < chars.len()
            && chars[i].1.is_ascii_uppercase()
            && chars.get(i + 1).is_none_or(|c| !c.1.is_alphabetic())
        {
            parts.push(Part::Letter(chars[i].1));
            i += 1;
        } else {
            break;
        }
        ends.push((parts.len(), i));
        if parts.len() >= 4 || i >= chars.len() || chars[i].1 != '.' {
            break;
        }
        i += 1;
    }
    // Try the longest number first, then shorter ones ("3.Safeguarding").
    for &(np, end) in ends.iter().rev() {
        let mut k = end;
        let mut punct = false;
        while k < chars.len() && matches!(chars[k].1, '.' | ':' | ')') {
            punct = true;
            k += 1;
        }
        let rest_start = chars.get(k).map_or(s.len(), |c| c.0);
        let rest = &s[rest_start..];
        let spaced = rest.starts_with(char::is_whitespace);
        let glued = punct && rest.starts_with(|c: char| c.is_uppercase());
        if (spaced || glued) && !rest.trim().is_empty() {
            if chars.get(end).is_some_and(|c| c.1 == ')') {
                return None; // "1)" is a list marker
            }
            let number: String = s[..chars.get(end).map_or(s.len(), |c| c.0)].to_string();
            return Some((parts[..np].to_vec(), number, rest, had_tab && spaced));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Item<'static> {
        Item::Line(Line::plain(t, false))
    }

    fn numbers(lines: &[&str]) -> Vec<String> {
        let items: Vec<Item> = lines.iter().map(|l| line(l)).collect();
        find(&items)
            .list
            .into_iter()
            .map(|s| format!("{} {}", s.number, s.title))
            .collect()
    }

    #[test]
    fn numbers_printed_apart_from_their_titles() {
        // "9.A" and its title as separate paragraphs, and "1.1" as the
        // last line of the body paragraph before it.
        let mut glued = Line::plain("Body text of the chapter.", false);
        glued.lines = vec!["Body text of the chapter.".into(), "1.1".into()];
        let mut long = Line::plain("One. Two. Three.", false);
        long.lines = vec!["One.".into(), "Two.".into(), "Three.".into()];
        let items = vec![
            line("1."),
            line("Introduction"),
            Item::Line(glued),
            line("Overview"),
            line("2. Appendices"),
            line("2.A"),
            line("Acronyms"),
            // Boxes printed between a number and its title: a long
            // paragraph, a table row's amounts.
            line("2.B"),
            Item::Line(long),
            line("£1,200"),
            line("Links to other documents"),
        ];
        let got: Vec<String> = find(&items)
            .list
            .into_iter()
            .map(|s| format!("{} {}", s.number, s.title))
            .collect();
        assert_eq!(
            got,
            vec![
                "1 Introduction",
                "1.1 Overview",
                "2 Appendices",
                "2.A Acronyms",
                "2.B Links to other documents"
            ]
        );
    }

    #[test]
    fn headings_run_into_a_paragraph() {
        let mut block = Line::plain("x", false);
        block.lines = vec![
            "2. Governance".into(),
            "2.1 Overview of the Board".into(),
            "The board meets four times a year, and on".into(),
            "2.1 per cent of days it does more.".into(),
        ];
        block.first = block.lines[0].clone();
        let items = vec![
            line("1. Introduction"),
            Item::Line(block),
            line("2.2 Structure"),
        ];
        let got: Vec<String> = find(&items)
            .list
            .into_iter()
            .map(|s| format!("{} {}", s.number, s.title))
            .collect();
        assert_eq!(
            got,
            [
                "1 Introduction",
                "2 Governance",
                "2.1 Overview of the Board",
                "2.2 Structure"
            ]
        );
    }

    /// Headings a text reader grouped into a small number | title grid.
    #[test]
    fn headings_taken_for_a_small_table() {
        use crate::model::{Cell, Paragraph, Provenance, Row, Table};
        let grid = |rows: &[[&str; 2]]| Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r
                        .iter()
                        .enumerate()
                        .map(|(c, t)| Cell::new(c, vec![Paragraph::new(*t, Provenance::default())]))
                        .collect(),
                    ..Default::default()
                })
                .collect(),
            columns: 2,
            ..Default::default()
        };
        let headings = grid(&[["2.", "Appendices"], ["2.A", "Context"]]);
        let contents = grid(&[
            ["1", "Introduction"],
            ["2", "Appendices"],
            ["2.A", "Context"],
            ["2.B", "Acronyms"],
        ]);
        let items = vec![
            Item::Table(&contents),
            line("1. Introduction"),
            Item::Table(&headings),
            line("2.B Acronyms"),
        ];
        let secs = find(&items);
        let got: Vec<String> = secs
            .list
            .iter()
            .map(|s| format!("{} {}", s.number, s.title))
            .collect();
        assert_eq!(
            got,
            [
                "1 Introduction",
                "2 Appendices",
                "2.A Context",
                "2.B Acronyms"
            ]
        );
        assert_eq!(secs.at, [1, 2, 2, 3]);
    }

    #[test]
    fn splits_numbers() {
        let n = |s: &str| split_number(s, false).map(|x| (x.1, x.2.trim().to_string()));
        assert_eq!(
            n("4.2 Partnership"),
            Some(("4.2".into(), "Partnership".into()))
        );
        assert_eq!(n("9.B: Board"), Some(("9.B".into(), "Board".into())));
        assert_eq!(
            n("3.Safeguarding"),
            Some(("3".into(), "Safeguarding".into()))
        );
        assert_eq!(n("9.A Context"), Some(("9.A".into(), "Context".into())));
        assert_eq!(n("1404 missing"), None);
        assert_eq!(n("2021/22 training"), None);
        assert_eq!(n("1) item"), None);
    }

    #[test]
    fn numbering_chain_rejects_lists_and_statistics() {
        let got = numbers(&[
            "Foreword",
            "1. Introduction",
            "2. Key Things",
            "12 births to under-18 year olds",
            "45 Privately Fostered children",
            "3.\tContext",
            "3.1\tOverview",
            "1. First course",
            "2. Second course",
            "3.2\tMore",
            "4. Appendices",
            "4.A\tBoard Membership",
            "4.B: Budget:",
        ]);
        assert_eq!(
            got,
            vec![
                "1 Introduction",
                "2 Key Things",
                "3 Context",
                "3.1 Overview",
                "3.2 More",
                "4 Appendices",
                "4.A Board Membership",
                "4.B Budget",
            ]
        );
    }
}
