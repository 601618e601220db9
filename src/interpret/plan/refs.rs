//! Refs as printed, in any numbering scheme: "7", "2.1", "1a", "2(iii)",
//! "P1.1", "CE07", "A3", "AFI 3", and a finding's letter ("B. Children …").
//!
//! Why here and not in the ref recogniser: which scheme a plan uses is a
//! matter of layout (a ref column, a label line, a letter opening a merged
//! cell); the recogniser's dotted numbers stay its core.

use crate::recognise::reference;

/// Letters a scheme may put before its number ("P1.1", "CE07", "AFI 3").
const MAX_PREFIX: usize = 4;
/// Digits in one part of a number ("15.23"); four digits are a year.
const MAX_DIGITS: usize = 3;

/// A cell that is only a ref, in any scheme, without a trailing dot.
pub fn printed_ref(cell: &str) -> Option<String> {
    let t = cell.trim().trim_end_matches(['.', ':']);
    let (r, rest) = scheme_ref(t)?;
    rest.is_empty().then(|| r.to_string())
}

/// A ref in some scheme at the start of `t`: the ref and the rest.
fn scheme_ref(t: &str) -> Option<(&str, &str)> {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && i < MAX_PREFIX && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i > 0 && b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let digits_at = i;
    let mut parts = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > MAX_DIGITS {
            return None;
        }
        parts += 1;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    let _ = (parts, digits_at);
    // A letter or a bracketed letter or numeral after the number.
    if b.get(i) == Some(&b'(') {
        let close = t[i..].find(')')? + i;
        let inner = &t[i + 1..close];
        if inner.is_empty()
            || inner.len() > MAX_PREFIX
            || !inner.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        i = close + 1;
    } else if b.get(i).is_some_and(u8::is_ascii_lowercase)
        && !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        i += 1;
    }
    let rest = &t[i..];
    // The ref ends at a space or the end, or at a colon or full stop
    // before a space ("AFI 1: The …", "R2. That …").
    let ends = |r: &str| r.is_empty() || r.starts_with(char::is_whitespace);
    let stop = rest
        .strip_prefix([':', '.'])
        .is_some_and(|after| !after.is_empty() && ends(after));
    if !(ends(rest) || stop) {
        return None;
    }
    Some((&t[..i], rest.trim_start()))
}

/// The ref a text opens with: a dotted number ("4. The urgent …"), or a
/// capital letter and a dot or bracket ("C. Health visitors …", "B) …").
pub fn opening_ref(text: &str) -> Option<(String, &str)> {
    if let Some(r) = reference::split_ref(text) {
        return Some(r);
    }
    let t = text.trim_start();
    let mut chars = t.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let mark = chars.next().filter(|c| matches!(c, '.' | ')'))?;
    let rest = chars.as_str();
    let _ = mark;
    rest.starts_with(char::is_whitespace)
        .then(|| (letter.to_string(), rest.trim_start()))
}

/// A label word and a ref opening `text` ("Priority area 3", "AFI 3: The
/// use …", "Recommendation 2 – …"), with `labels` the label words: the ref
/// and the rest after any colon or dash. A label spelled as a word is not
/// part of the ref ("Recommendation 3" gives "3"); an abbreviation in
/// capitals is ("AFI 3" stays "AFI 3").
pub fn labelled_ref(
    text: &str,
    labels: &crate::recognise::phrase::Phrases<()>,
) -> Option<(String, String)> {
    let t = text.trim_start();
    // The longest label the text opens with, then a space.
    let n = labels
        .opening(t)
        .filter(|f| f.raw_start == 0 && t.get(f.raw_end..).is_some_and(|r| r.starts_with(' ')))?
        .raw_end;
    let label = &t[..n];
    let after = t[n..].trim_start();
    let (r, rest) = scheme_ref(after)?;
    if !r.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest
        .trim_start_matches([':', '.', '-', '\u{2013}', '\u{2014}'])
        .trim_start();
    let abbreviation = label.chars().all(|c| c.is_ascii_uppercase());
    let r = if abbreviation {
        format!("{label} {r}")
    } else {
        r.to_string()
    };
    Some((r, rest.to_string()))
}

/// Does the ref `r` of a link cell name the finding ref `f`? Equal, or
/// the finding's number after its scheme's letters ("3" names "AFI 3").
pub fn links(cell: &str, finding: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace(' ', "");
    let (c, f) = (norm(cell), norm(finding));
    if c.is_empty() {
        return false;
    }
    c == f || f.trim_start_matches(|ch: char| ch.is_ascii_alphabetic()) == c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_in_any_scheme() {
        for r in [
            "7", "2.1", "1a", "2(iii)", "P1.1", "CE07", "A3", "AFI 3", "5b", "1.01",
        ] {
            assert_eq!(printed_ref(r).as_deref(), Some(r), "{r}");
        }
        assert_eq!(printed_ref("2.2.").as_deref(), Some("2.2"));
        for no in ["2025", "Green", "Do the thing", "31/03/2026", "B", "1.1 Do"] {
            assert_eq!(printed_ref(no), None, "{no}");
        }
    }

    #[test]
    fn a_letter_or_number_opens_a_finding() {
        assert_eq!(
            opening_ref("C. Health visitors were"),
            Some(("C".into(), "Health visitors were"))
        );
        assert_eq!(
            opening_ref("4. The centre"),
            Some(("4".into(), "The centre"))
        );
        assert_eq!(opening_ref("A review of"), None);
        assert_eq!(opening_ref("I. "), Some(("I".into(), "")));
    }

    #[test]
    fn label_words_leave_the_ref_abbreviations_stay() {
        let labels = crate::recognise::phrase::Phrases::list(&[
            "recommendation",
            "priority area",
            "afi",
            "theme",
        ]);
        assert_eq!(
            labelled_ref("Theme 4: Schools and colleges", &labels),
            Some(("4".into(), "Schools and colleges".into()))
        );
        assert_eq!(
            labelled_ref("AFI 2 – Return interviews", &labels),
            Some(("AFI 2".into(), "Return interviews".into()))
        );
        assert_eq!(
            labelled_ref("Priority area 6", &labels),
            Some(("6".into(), String::new()))
        );
        assert_eq!(labelled_ref("Recommendations were agreed", &labels), None);
        // Whole words, any case, punctuation inside a label as a space; the
        // longest label wins.
        assert_eq!(labelled_ref("Themes 4: Piers", &labels), None);
        assert_eq!(
            labelled_ref("PRIORITY-AREA 6 - Ferries", &labels),
            Some(("6".into(), "Ferries".into()))
        );
        assert_eq!(labelled_ref("(Theme 4) Piers", &labels), None);
        // The number may end at a colon or full stop.
        assert_eq!(
            labelled_ref("AFI 7: Transport for carers", &labels),
            Some(("AFI 7".into(), "Transport for carers".into()))
        );
        assert_eq!(
            labelled_ref("Recommendation 12. That the board", &labels),
            Some(("12".into(), "That the board".into()))
        );
        assert_eq!(printed_ref("4: x"), None);
        assert!(links("3", "AFI 3"));
        assert!(links("R2", "R2"));
        assert!(!links("3", "AFI 13"));
    }
}
