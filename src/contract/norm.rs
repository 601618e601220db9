//! The contract's text normalisation, in one place: the report reader
//! normalises what it emits with it, and `docket diff` compares and prints
//! texts with it.

use unicode_normalization::UnicodeNormalization;

/// The contract's normalisation: NFKC, curly quotes straight, dashes to
/// `-`, white space collapsed, trimmed.
pub fn norm(s: &str) -> String {
    if s.is_ascii() {
        // NFKC, quotes and dashes change nothing in ASCII: only white space.
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mapped: String = s
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}
