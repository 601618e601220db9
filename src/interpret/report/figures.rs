//! Headline figures: lines that open with a number ("19,383 information
//! referrals to the front door") in the chapters made of them.
//!
//! Why chapters rather than every numbered line: narrative text is full of
//! numbers ("27 (34%) deaths reviewed…"), but headline statistics come in
//! infographic chapters where short number-led lines dominate. A chapter
//! qualifies by that density, not by its title.

use crate::contract::{At, Figure};

use super::flow::Item;
use super::sections::Sections;
use super::text::leading_number;

/// At most this many words in a figure line: a headline, not a paragraph.
const MAX_WORDS: usize = 18;

pub fn find(items: &[Item<'_>], secs: &Sections) -> Vec<Figure> {
    // Group body lines by chapter (None = before the first section).
    let mut chapters: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.line().is_none() || secs.is_heading(i) {
            continue;
        }
        let ch = secs.chapter(i);
        match chapters.last_mut() {
            Some((c, v)) if *c == ch => v.push(i),
            _ => chapters.push((ch, vec![i])),
        }
    }
    let mut out = Vec::new();
    for (_, lines) in chapters {
        let units: Vec<(&str, At)> = lines
            .iter()
            .filter_map(|&i| items[i].line())
            .flat_map(units)
            .collect();
        let figs: Vec<Figure> = units
            .iter()
            .filter_map(|(u, at)| figure(u).map(|f| Figure { at: *at, ..f }))
            .collect();
        let short = units
            .iter()
            .filter(|(u, _)| u.split_whitespace().count() <= MAX_WORDS)
            .count();
        if figs.len() >= 3 && figs.len() * 5 >= short {
            out.extend(figs);
        }
    }
    out
}

/// Lines of at most this many words are a list or an infographic's labels,
/// not wrapped prose (which fills the column).
const SHORT_LINE: usize = 12;

/// The figure-sized units of a paragraph: its lines, where a reader
/// grouped a column of figure lines into one paragraph (most of its lines
/// are figures, or it holds figures among short label lines), else the
/// whole paragraph. Each unit with where it starts: a paragraph's k-th
/// line is k lines below its start where the input has lines.
fn units(l: &super::flow::Line) -> Vec<(&str, At)> {
    if l.lines.len() > 1 {
        let figs = l.lines.iter().filter(|x| figure(x).is_some()).count();
        let short = l
            .lines
            .iter()
            .filter(|x| x.split_whitespace().count() <= SHORT_LINE)
            .count();
        if figs * 2 >= l.lines.len() || (figs >= 2 && short * 5 >= l.lines.len() * 4) {
            return l
                .lines
                .iter()
                .enumerate()
                .map(|(k, x)| (x.as_str(), l.at_line(k)))
                .collect();
        }
    }
    vec![(l.text.as_str(), l.at())]
}

/// A figure line: a number in digits (not a year, not a list marker, not a
/// date), then a label that starts with a letter.
fn figure(text: &str) -> Option<Figure> {
    if text.split_whitespace().count() > MAX_WORDS {
        return None;
    }
    let (printed, value, used) = leading_number(text)?;
    let rest = &text[used..];
    if !rest.starts_with(char::is_whitespace) {
        return None; // "5." list marker, "2021/22", "3rd"
    }
    let label = rest.trim();
    if !label.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let digits = printed.trim_start_matches(['£', '$', '€']);
    let is_year =
        digits.len() == 4 && !digits.contains([',', '.']) && (1900.0..=2099.0).contains(&value);
    if is_year && !printed.ends_with('%') {
        return None;
    }
    Some(Figure {
        value,
        text: printed,
        label: label.to_string(),
        at: At::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_lines() {
        let f = figure("19,383 referrals to the front door").unwrap();
        assert_eq!(
            (f.value, f.text.as_str(), f.label.as_str()),
            (19383.0, "19,383", "referrals to the front door")
        );
        assert_eq!(figure("98% of evaluations rated Good").unwrap().text, "98%");
        assert!(figure("5. Evaluation").is_none());
        assert!(figure("2021 saw a rise").is_none());
        assert!(figure("27 (34%) deaths reviewed").is_none());
        assert!(figure("Three audits held").is_none());
    }
}
