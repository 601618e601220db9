//! Where date expressions stand in a text: the grammar tried at every word
//! start, and the financial years that are part of a name set apart (due
//! must not take them).

use super::calendar::Date;
use super::expression::expression;
use super::lexicon::Lexicon;
use crate::recognise::Grammars;

/// What kind of expression a match is (due needs to know financial years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    FinancialYear,
    /// "26/27" alone: a financial year only when it is the whole cell
    /// (alone it could be a score or a fraction).
    ShortFinancialYear,
    Other,
}

/// One match: byte span and its ranges.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) ranges: Vec<(Date, Date)>,
    pub(super) kind: Kind,
}

pub(super) fn scan(text: &str, g: &Grammars) -> Vec<Found> {
    scan_with(text, g.date_lexicon())
}

pub(super) fn scan_with(text: &str, lex: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at_word_start =
            c.is_alphanumeric() && !prev.is_some_and(|p| p.is_alphanumeric() || p == '/');
        if at_word_start {
            // A word tried as the start of a date: the unit the growth
            // tests count (and where a budget stops a long scan).
            crate::work::step(1);
            let rest = &text[i..];
            if let Ok((after, (ranges, kind))) = expression(rest, lex) {
                let consumed = rest.len() - after.len();
                let span = rest[..consumed].trim_end();
                let in_calendar = ranges.iter().all(|(s, e)| {
                    (lex.calendar.0..=lex.calendar.1).contains(&s.year)
                        && (lex.calendar.0..=lex.calendar.1).contains(&e.year)
                });
                let alone_ok =
                    kind != Kind::ShortFinancialYear || is_whole_cell(text, i, i + span.len(), lex);
                if !span.is_empty() && !ranges.is_empty() && in_calendar && alone_ok {
                    out.push(Found {
                        start: i,
                        end: i + span.len(),
                        ranges,
                        kind,
                    });
                    let last = span.chars().last();
                    i += span.len();
                    prev = last;
                    continue;
                }
            }
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Is the expression at `start..end` the whole timescale: only deadline cue
/// words ("by", "during the") before it, and only punctuation or a year
/// word ("financial year") after it? A financial year is the due only then:
/// inside a longer cell it names a plan or a period ("Locality PiP
/// 2020/2021", "Q4 2025/26, then 2026/27").
pub(super) fn is_whole_cell(text: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let before = text.get(..start).unwrap_or("");
    let cue_only = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| lex.deadline_cues.iter().any(|c| c.eq_ignore_ascii_case(w)));
    let after: String = text
        .get(end..)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    cue_only && (after.is_empty() || lex.year_words.contains(&after))
}
