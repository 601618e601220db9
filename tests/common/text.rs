//! The contract's text normalisation and token F1, shared by the two scorer
//! ports (`score.rs`, `score_report.rs`), as the Python scorers define them:
//! NFKC, curly quotes to straight, dashes to '-', white space collapsed;
//! tokens are `\w+` runs of the case-folded text, counted as a multiset.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// A multiset of tokens.
pub type Bag = HashMap<String, usize>;

/// Python's `str.split()` splits on `str.isspace()` characters: Unicode
/// White_Space plus the four ASCII information separators (U+001C..U+001F),
/// which Rust's `char::is_whitespace` leaves out.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Contract normalisation of a string; empty after normalising is `None`.
pub fn norm(s: &str) -> Option<String> {
    let mapped: String = s
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c => c,
        })
        .collect();
    let out = mapped
        .split(py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!out.is_empty()).then_some(out)
}

/// Python's `str.casefold()` (Unicode full case folding) on text that has
/// been through NFKC: lower case, then the foldings lower case does not do.
/// Checked against Python 3.11 over every code point below U+30000; the
/// only differences left are characters unassigned in Python's Unicode 14.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        fold_lower(c, &mut out);
    }
    out
}

/// Precomposed small letters with no capital form fold to their canonical
/// decomposition (CaseFolding.txt status F).
fn folds_to_nfd(c: char) -> bool {
    matches!(
        c,
        '\u{1f0}'
            | '\u{390}'
            | '\u{3b0}'
            | '\u{1e96}'..='\u{1e99}'
            | '\u{1f50}'
            | '\u{1f52}'
            | '\u{1f54}'
            | '\u{1f56}'
            | '\u{1fb6}'
            | '\u{1fc6}'
            | '\u{1fd2}'
            | '\u{1fd3}'
            | '\u{1fd6}'
            | '\u{1fd7}'
            | '\u{1fe2}'..='\u{1fe4}'
            | '\u{1fe6}'
            | '\u{1fe7}'
            | '\u{1ff6}'
    )
}

/// Fold one character that `to_lowercase` has already lowered.
fn fold_lower(c: char, out: &mut String) {
    let shift = |c: char, from: u32, to: u32| char::from_u32(c as u32 - from + to).unwrap_or(c);
    match c {
        'ß' => out.push_str("ss"),
        'ς' => out.push('σ'),
        '\u{345}' => out.push('ι'),
        // Old Cyrillic letter variants fold to the plain letters.
        '\u{1c80}' => out.push('в'),
        '\u{1c81}' => out.push('д'),
        '\u{1c82}' => out.push('о'),
        '\u{1c83}' => out.push('с'),
        '\u{1c84}' | '\u{1c85}' => out.push('т'),
        '\u{1c86}' => out.push('ъ'),
        '\u{1c87}' => out.push('ѣ'),
        '\u{1c88}' => out.push('\u{a64b}'),
        // Cherokee folds to the capitals (the older letters).
        '\u{ab70}'..='\u{abbf}' => out.push(shift(c, 0xab70, 0x13a0)),
        '\u{13f8}'..='\u{13fd}' => out.push(shift(c, 0x13f8, 0x13f0)),
        c if folds_to_nfd(c) => out.extend(c.nfd()),
        // A Greek vowel with ypogegrammeni folds to the vowel (itself
        // folded) followed by iota.
        '\u{1f80}'..='\u{1faf}'
        | '\u{1fb2}'..='\u{1fb4}'
        | '\u{1fb7}'
        | '\u{1fbc}'
        | '\u{1fc2}'..='\u{1fc4}'
        | '\u{1fc7}'
        | '\u{1fcc}'
        | '\u{1ff2}'..='\u{1ff4}'
        | '\u{1ff7}'
        | '\u{1ffc}' => {
            let base: String = c.nfd().filter(|&m| m != '\u{345}').collect();
            for b in base.nfc().collect::<String>().to_lowercase().chars() {
                fold_lower(b, out);
            }
            out.push('ι');
        }
        c => out.push(c),
    }
}

/// `norm` then case-folded: the comparison key of a short value.
pub fn key(s: &str) -> Option<String> {
    norm(s).map(|s| casefold(&s))
}

/// Python's `\w+` on a str pattern: letters, numbers (every `N` category, as
/// `str.isalnum`) and the underscore.
fn word() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").unwrap_or_else(|e| panic!("word regex: {e}")))
}

/// The token multiset of a text (after `norm` and case folding).
pub fn tokens(s: Option<&str>) -> Bag {
    let mut out = Bag::new();
    if let Some(s) = s.and_then(norm) {
        for m in word().find_iter(&casefold(&s)) {
            *out.entry(m.as_str().to_string()).or_insert(0) += 1;
        }
    }
    out
}

/// Token F1 of two multisets; two empty texts agree (1.0).
pub fn f1_counts(a: &Bag, b: &Bag) -> f64 {
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na == 0 && nb == 0 {
        return 1.0;
    }
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let overlap: usize = a
        .iter()
        .map(|(t, n)| (*n).min(b.get(t).copied().unwrap_or(0)))
        .sum();
    if overlap == 0 {
        return 0.0;
    }
    let p = overlap as f64 / nb as f64;
    let r = overlap as f64 / na as f64;
    2.0 * p * r / (p + r)
}

/// Token F1 of two texts.
pub fn token_f1(a: Option<&str>, b: Option<&str>) -> f64 {
    f1_counts(&tokens(a), &tokens(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_the_contract() {
        assert_eq!(
            norm("  \u{201c}Lead\u{201d}\u{2013}officer\u{a0}\n x ").as_deref(),
            Some("\"Lead\"-officer x")
        );
        assert_eq!(norm(" \t\u{1f} "), None);
        assert_eq!(key("STRASSE Straße").as_deref(), Some("strasse strasse"));
    }

    #[test]
    fn token_f1_counts_a_multiset() {
        assert_eq!(token_f1(None, Some("")), 1.0);
        assert_eq!(token_f1(Some("a"), None), 0.0);
        // overlap 1 ("the"): P 1/3, R 1/2 -> 0.4
        assert!((token_f1(Some("The plan"), Some("the plan_b the")) - 0.4).abs() < 1e-12);
        assert!((token_f1(Some("a a b"), Some("a b")) - 0.8).abs() < 1e-12);
    }
}
