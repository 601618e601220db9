//! Cues that tell the cells of a flowed plan apart: where a date expression
//! sits in a line, whether a run of lines reads like a lead cell, whether a
//! cell's text stops mid-sentence, and how wrapped lines join back.
//!
//! Why cues and not the recognisers: the recognisers parse a cell's meaning
//! once the cell is known; here the question is only *which cell* a line
//! belongs to, so a cheap, forgiving test is enough and keeps this module
//! independent of how complete the recognisers are.

use super::lexicon::Lexicon;
use crate::recognise::date;

/// A word of a line with its byte range.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    /// The word without surrounding punctuation.
    pub bare: &'a str,
}

const EDGE_PUNCT: &[char] = &[
    ',', '.', ':', ';', '(', ')', '[', ']', '\'', '"', '\u{2018}', '\u{2019}', '\u{201c}',
    '\u{201d}', '-', '\u{2013}', '\u{2014}', '!', '?',
];

pub fn words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let raw = &line[s..i];
                out.push(Word {
                    start: s,
                    end: i,
                    bare: raw.trim_matches(EDGE_PUNCT),
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A date expression found in a line: the byte range of its whole words
/// (trailing punctuation included, so cutting there never strands a lone
/// "." or ":"), and the index of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub first_word: usize,
}

/// Date expressions that mark a cell in `line`: the dates the recogniser
/// finds (`recognise::date::spans`, so `dates.toml` and `--grammars` apply),
/// save those that name no year ("by July": a month in a sentence) and
/// those that are only a year or a span of years ("2020/21": a figure in
/// the text, not a timescale). Each is widened to its whole words and to a
/// lead-in phrase before it ("End of June 2020").
pub fn date_spans(line: &str, lex: &Lexicon) -> Vec<Span> {
    let ws = words(line);
    let mut out = Vec::new();
    for d in date::spans(line, &lex.grammars) {
        if !marks_a_cell(&d.text) {
            continue;
        }
        // Words are in order: found by halving, not by a scan per date (a
        // line of many dates cost its words times its dates).
        let mut first = ws.partition_point(|w| w.end <= d.bytes.start);
        if first >= ws.len() {
            continue;
        }
        let Some(last) = ws.partition_point(|w| w.start < d.bytes.end).checked_sub(1) else {
            continue;
        };
        // A lead-in phrase: "End of June 2020".
        for phrase in &lex.lead_ins {
            let n = phrase.len();
            if n == 0 || first < n {
                continue;
            }
            let matches = ws[first - n..first]
                .iter()
                .zip(phrase)
                .all(|(w, p)| w.bare.eq_ignore_ascii_case(p));
            if matches {
                first -= n;
                break;
            }
        }
        if out.last().is_some_and(|p: &Span| p.end > ws[first].start) {
            continue;
        }
        out.push(Span {
            start: ws[first].start,
            end: ws[last].end,
            first_word: first,
        });
    }
    out
}

/// Does a date expression name more than a year, and a year at all: a
/// figure and a word (month, season, quarter), or a numeric day
/// ("29/04/20")?
fn marks_a_cell(text: &str) -> bool {
    let digit = text.chars().any(|c| c.is_ascii_digit());
    let word = text.chars().any(char::is_alphabetic);
    let parts = text
        .split(['/', '.', '-'])
        .filter(|p| !p.trim().is_empty())
        .count();
    digit && (word || parts >= 3)
}

/// Does the text mention a month as a date ("by August"), not as a name
/// ("June Smith")?
pub fn mentions_month(text: &str, lex: &Lexicon) -> bool {
    let ws = words(text);
    ws.iter().enumerate().any(|(i, w)| {
        w.bare.len() > 3
            && lex.months.contains(&w.bare.to_lowercase())
            && !ws.get(i + 1).is_some_and(|n| {
                n.bare.chars().next().is_some_and(char::is_uppercase)
                    && n.bare.chars().skip(1).any(char::is_lowercase)
            })
    })
}

/// A lead cell names people, posts and bodies: past this many words a run
/// of lines is prose, not a lead. Why a cap: the cues are asked of growing
/// runs of lines, and a paragraph of thousands of lines read whole for
/// each of them cost its length squared.
pub const MAX_LEAD_WORDS: usize = 40;

/// Are there more than `cap` words in `text`? Stops counting past the cap.
pub fn more_words_than(text: &str, cap: usize) -> bool {
    text.split_whitespace().nth(cap).is_some()
}

/// [`lead_like`] of `first` and the lines after it joined, joining only
/// as many lines as can still make a lead: once the lines taken hold more
/// than [`MAX_LEAD_WORDS`] words (a join merges at most one pair of words
/// per line), the whole run cannot be one. Why: asked per date of every
/// line with the rest of the paragraph after it, joining it all cost the
/// paragraph's length squared.
pub fn lead_like_run(first: &str, after: &[String], lex: &Lexicon) -> bool {
    let mut pieces: Vec<&str> = vec![first];
    let mut words = first.split_whitespace().count();
    for l in after {
        if words.saturating_sub(pieces.len() - 1) > MAX_LEAD_WORDS {
            break;
        }
        pieces.push(l);
        words += l.split_whitespace().count();
    }
    lead_like(&join(&pieces), lex)
}

/// Does a run of lines read like a lead cell: capitalised words (names,
/// posts, agencies) with at least one post or rank, and no date?
pub fn lead_like(text: &str, lex: &Lexicon) -> bool {
    if more_words_than(text, MAX_LEAD_WORDS)
        || !date_spans(text, lex).is_empty()
        || mentions_month(text, lex)
    {
        return false;
    }
    let mut content = 0usize;
    let mut capital = 0usize;
    let mut person = false;
    for w in words(text) {
        for part in std::iter::once(w.bare).chain(w.bare.split('-').filter(|p| !p.is_empty())) {
            if lex.person_words.contains(part.trim_matches(EDGE_PUNCT)) {
                person = true;
            }
        }
        let Some(first) = w.bare.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() || lex.is_function_word(w.bare) {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capital += 1;
        }
    }
    person && content > 0 && capital * 5 >= content * 4
}

/// Does a cell's text stop mid-sentence (a trailing hyphen, comma or
/// lower-case word), so that a following fragment most likely continues it?
pub fn unfinished(text: &str) -> bool {
    let t = text.trim_end();
    let mut rev = t.chars().rev();
    match rev.next() {
        Some('-') => rev.next().is_some_and(char::is_alphanumeric),
        Some(',') => true,
        Some(c) => c.is_lowercase(),
        None => false,
    }
}

/// Does the text open mid-sentence (lower case or a digit)?
/// A list number ("1. Plan", "2) Plan") is not a fragment.
pub fn opens_mid_sentence(text: &str) -> bool {
    let t = text.trim_start();
    let first_word = t.split_whitespace().next().unwrap_or("");
    let list_number = first_word.len() > 1
        && first_word.ends_with(['.', ')'])
        && all_digits(&first_word[..first_word.len() - 1]);
    !list_number
        && t.chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Does the line open with a list marker in brackets ("i)", "(ii)", "b)")?
/// Such items continue the text that introduced them with a colon; "1."
/// is left out, as it also numbers headings.
pub fn list_marker(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let Some(body) = first.strip_suffix(')') else {
        return false;
    };
    let body = body.strip_prefix('(').unwrap_or(body);
    let roman = !body.is_empty() && body.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase());
    roman || letter || (!body.is_empty() && all_digits(body))
}

/// The kind and position of a bracketed list marker ("ii)" is roman 2,
/// "(b)" letter 2, "3)" number 3); `None` when the line opens with none.
/// "i", "v" and "x" read as roman numerals, as lists of letters rarely
/// reach them.
pub fn list_index(line: &str) -> Option<(char, u32)> {
    if !list_marker(line) {
        return None;
    }
    let first = line.split_whitespace().next()?;
    let body = first.strip_suffix(')')?;
    let body = body.strip_prefix('(').unwrap_or(body);
    if all_digits(body) {
        return body.parse().ok().map(|n| ('1', n));
    }
    if let Some(n) = roman_value(body) {
        return Some(('i', n));
    }
    let c = body.chars().next()?;
    Some(('a', u32::from(c) - u32::from('a') + 1))
}

/// The value of a small lower-case roman numeral ("iv" = 4).
fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.chars().map(digit).collect();
    let values = values?;
    let mut total: i64 = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// A first line that is a heading: short, capitalised (after an optional
/// list number), ending with a colon ("Exploitation Leadership:").
pub fn heading_line(line: &str) -> bool {
    let t = line.trim();
    if !t.ends_with(':') || words(t).len() > 12 {
        return false;
    }
    let body = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == '.' || c == ')' || c == '(' || c.is_whitespace()
    });
    body.chars().next().is_some_and(char::is_uppercase)
}

/// Join wrapped lines and cell fragments: one space between pieces, none
/// after a word broken at its hyphen ("Covid-" + "19"), runs of white space
/// collapsed.
pub fn join<S: AsRef<str>>(pieces: &[S]) -> String {
    let mut out = String::new();
    for piece in pieces {
        // A piece and its length: the unit the growth tests count.
        crate::work::step(1 + piece.as_ref().len() as u64 / 64);
        let p = piece.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let mut rev = out.chars().rev();
            let broken = rev.next() == Some('-') && rev.next().is_some_and(char::is_alphanumeric);
            if !broken {
                out.push(' ');
            }
        }
        for (i, w) in p.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// A timescale with its years rejoined where glyph spacing split them
/// ("September 202 0"): inside each date the recogniser finds (it reads
/// such a year as one), a word of three digits followed by a single digit
/// is one number. Text outside the dates is left as printed.
pub fn mend_split_years(text: &str, g: &crate::recognise::Grammars) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for d in date::spans(text, g) {
        let Some(inside) = text.get(d.bytes.clone()) else {
            continue;
        };
        let ws = words(inside);
        for pair in ws.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let stem = a.bare.len() == 3 && all_digits(a.bare) && a.end - a.start == 3;
            if stem && b.bare.len() == 1 && all_digits(b.bare) && d.bytes.start + a.end >= last {
                out.push_str(&text[last..d.bytes.start + a.end]);
                last = d.bytes.start + b.start;
            }
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::builtin as lexicon;
    use super::*;

    #[test]
    fn list_indices_by_kind() {
        assert_eq!(list_index("ii) Joint agency"), Some(('i', 2)));
        assert_eq!(list_index("iv) Crisis team"), Some(('i', 4)));
        assert_eq!(list_index("(b) Schools"), Some(('a', 2)));
        assert_eq!(list_index("3) Audit"), Some(('1', 3)));
        assert_eq!(list_index("Health – Jo"), None);
    }

    fn spans(line: &str) -> Vec<&str> {
        date_spans(line, lexicon())
            .into_iter()
            .map(|s| &line[s.start..s.end])
            .collect()
    }

    #[test]
    fn finds_date_expressions_in_a_line() {
        assert_eq!(
            spans("Review the process. September 2020 Jo Bloggs, Head"),
            vec!["September 2020"]
        );
        assert_eq!(
            spans("launched on 3 rd June 2020."),
            vec!["3 rd June 2020."]
        );
        assert_eq!(
            spans("End of June 2020 (need to be"),
            vec!["End of June 2020"]
        );
        assert_eq!(spans("Autumn/Winter 2020"), vec!["Autumn/Winter 2020"]);
        assert_eq!(
            spans("Q1 and Q2 2020/21 service"),
            vec!["Q1 and Q2 2020/21"]
        );
        assert_eq!(spans("submitted on 29/04/20 for review"), vec!["29/04/20"]);
        assert_eq!(spans("briefing. September 202 0"), vec!["September 202 0"]);
        assert!(spans("by July").is_empty());
        assert!(spans("Locality PiP 2020/2021").is_empty());
    }

    /// Invented timescales: a split year inside a date is rejoined; digits
    /// outside any date stay as printed.
    #[test]
    fn split_years_inside_dates_are_rejoined() {
        let g = crate::recognise::Grammars::builtin();
        assert_eq!(mend_split_years("March 202 3", &g), "March 2023");
        assert_eq!(
            mend_split_years("Report due end of May 201 9 to board", &g),
            "Report due end of May 2019 to board"
        );
        assert_eq!(
            mend_split_years("Room 202 4 chairs", &g),
            "Room 202 4 chairs"
        );
        assert_eq!(mend_split_years("Q2 review", &g), "Q2 review");
    }

    #[test]
    fn lead_cells_read_as_leads() {
        let lex = lexicon();
        assert!(lead_like("Health – Matt Smith, Head of Service", lex));
        assert!(lead_like("DI Jo Bloggs", lex));
        assert!(lead_like(
            "Ann Other, School Health Service Head of Service",
            lex
        ));
        assert!(!lead_like("Health", lex));
        assert!(!lead_like("East Sussex County Council", lex));
        assert!(!lead_like(
            "Manager and Practice Manager DAT by August",
            lex
        ));
        assert!(!lead_like(
            "'Vulnerable Suspect' Proposal is currently being reviewed by Force Lead",
            lex
        ));
        assert!(!lead_like("July 2020 Jo Bloggs, Head of Service", lex));
    }

    #[test]
    fn sentence_state() {
        assert!(unfinished("mindful of Covid-"));
        assert!(unfinished("monitored at local"));
        assert!(!unfinished("December 2020"));
        assert!(!unfinished("receive it."));
        assert!(opens_mid_sentence(" governance groups."));
        assert!(opens_mid_sentence("19 priorities"));
        assert!(!opens_mid_sentence("Leaders are"));
        assert!(!opens_mid_sentence("1. IT Development"));
        assert!(heading_line("Vulnerable Suspect Proposal:  "));
        assert!(heading_line(
            "1. IT Development to identify and respond to risk:"
        ));
        assert!(!heading_line("As part of this strategy an increase"));
    }

    #[test]
    fn list_markers() {
        for l in ["i) NHS", "(ii) Group", "b) Item", "(3) Item", "iv) x"] {
            assert!(list_marker(l), "{l}");
        }
        for l in [
            "1. IT Development",
            "In the area",
            "(CAMHS) team",
            "i.e. this",
            "",
        ] {
            assert!(!list_marker(l), "{l}");
        }
    }

    #[test]
    fn joins_lines() {
        assert_eq!(
            join(&["mindful of Covid-", "19 priorities"]),
            "mindful of Covid-19 priorities"
        );
        assert_eq!(join(&["May 2020 -", "complete"]), "May 2020 - complete");
        assert_eq!(join(&["a  b ", "", "c"]), "a b c");
    }
}
