//! Cues that tell the cells of a flowed plan apart: where a date expression
//! sits in a line, whether a run of lines reads like a lead cell, whether a
//! cell's text stops mid-sentence, and how wrapped lines join back.
//!
//! Why cues and not the recognisers: the recognisers parse a cell's meaning
//! once the cell is known; here the question is only *which cell* a line
//! belongs to, so a cheap, forgiving test is enough and keeps this module
//! independent of how complete the recognisers are.

use super::lexicon::Lexicon;

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

/// "2020", "2020/21", "2020/2021".
fn is_year(bare: &str) -> bool {
    let mut parts = bare.split('/');
    let first = parts.next().unwrap_or("");
    let year_like = first.len() == 4
        && all_digits(first)
        && (first.starts_with("19") || first.starts_with("20"));
    match (parts.next(), parts.next()) {
        (None, _) => year_like,
        (Some(second), None) => year_like && all_digits(second) && matches!(second.len(), 2 | 4),
        _ => false,
    }
}

/// A year printed with a stray space inside it ("202 0"): pdftotext glyph
/// spacing. The first part is a 3-digit year stem.
fn is_split_year(a: &str, b: &str) -> bool {
    a.len() == 3
        && all_digits(a)
        && (a.starts_with("19") || a.starts_with("20"))
        && b.len() == 1
        && all_digits(b)
}

fn is_ordinal_suffix(bare: &str) -> bool {
    matches!(bare, "st" | "nd" | "rd" | "th")
}

/// "3", "03", "3rd", "21st".
fn is_day(bare: &str) -> bool {
    let digits: String = bare.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &bare[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 2
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && (rest.is_empty() || is_ordinal_suffix(rest))
}

/// "29/04/20", "29/04/2020", "29.04.20".
fn is_numeric_date(bare: &str) -> bool {
    let parts: Vec<&str> = bare.split(['/', '.']).collect();
    parts.len() == 3
        && parts.iter().all(|p| all_digits(p))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
}

fn is_quarter(bare: &str) -> bool {
    let b = bare.as_bytes();
    b.len() == 2 && (b[0] == b'Q' || b[0] == b'q') && (b'1'..=b'4').contains(&b[1])
}

/// A month or season word, also "Autumn/Winter" and "Oct-20".
fn is_date_word(bare: &str, lex: &Lexicon) -> bool {
    if lex.is_date_word(bare) {
        return true;
    }
    if bare.contains('/') {
        return bare.split('/').all(|p| lex.is_date_word(p));
    }
    if let Some((m, y)) = bare.split_once('-') {
        return lex.is_date_word(m) && all_digits(y) && y.len() == 2;
    }
    false
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

/// Date expressions with a month, season, quarter or numeric day in `line`
/// (a bare year is not enough to mark a cell).
pub fn date_spans(line: &str, lex: &Lexicon) -> Vec<Span> {
    let ws = words(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let bare = ws[i].bare;
        let mut found: Option<(usize, usize)> = None;
        if is_numeric_date(bare) {
            found = Some((i, i));
        } else if is_date_word(bare, lex) && !bare.contains('-') {
            // Month or season, optionally "/ Winter", "of", then a year.
            let mut j = i + 1;
            while j < ws.len()
                && (ws[j].bare.is_empty()
                    || is_date_word(ws[j].bare, lex)
                    || ws[j].bare.eq_ignore_ascii_case("of"))
            {
                j += 1;
            }
            if j < ws.len() && is_year(ws[j].bare) {
                found = Some((i, j));
            } else if j + 1 < ws.len() && is_split_year(ws[j].bare, ws[j + 1].bare) {
                found = Some((i, j + 1));
            }
        } else if is_date_word(bare, lex) {
            found = Some((i, i)); // "Oct-20"
        } else if is_quarter(bare) {
            let mut j = i + 1;
            while j < ws.len()
                && (matches!(ws[j].bare.to_lowercase().as_str(), "and" | "&" | "" | "to")
                    || is_quarter(ws[j].bare))
            {
                j += 1;
            }
            if j < ws.len() && is_year(ws[j].bare) {
                found = Some((i, j));
            }
        }
        let Some((mut first, last)) = found else {
            i += 1;
            continue;
        };
        // A day before a month: "3 rd June", "20th April".
        if first > 0
            && is_ordinal_suffix(ws[first - 1].bare)
            && first > 1
            && is_day(ws[first - 2].bare)
        {
            first -= 2;
        } else if first > 0 && is_day(ws[first - 1].bare) {
            first -= 1;
        }
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
        out.push(Span {
            start: ws[first].start,
            end: ws[last].end,
            first_word: first,
        });
        i = last + 1;
    }
    out
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

/// Does a run of lines read like a lead cell: capitalised words (names,
/// posts, agencies) with at least one post or rank, and no date?
pub fn lead_like(text: &str, lex: &Lexicon) -> bool {
    if !date_spans(text, lex).is_empty() || mentions_month(text, lex) {
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
