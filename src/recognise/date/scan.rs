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
            let rest = &text[i..];
            if let Ok((after, (ranges, kind))) = expression(rest, lex) {
                let consumed = rest.len() - after.len();
                let span = rest[..consumed].trim_end();
                if !span.is_empty() && !ranges.is_empty() {
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

/// Does the financial year at `offset` belong to a name (a non-cue word
/// right before it)?
pub(super) fn is_name_label(text: &str, offset: usize, lex: &Lexicon) -> bool {
    let before = text.get(..offset).unwrap_or("").trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() || before.len() != before.trim_end().len() {
        return false;
    }
    // Only a word directly before (not punctuation) makes a name.
    if !before.ends_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let w = word.to_lowercase();
    !lex.deadline_cues.iter().any(|c| c == &w)
}
