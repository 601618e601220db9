//! A cell paragraph's lines joined into text: broken words are mended and
//! raised ordinal suffixes (which pdftotext prints apart, even on their own
//! line) go back onto their numbers.

use super::line::blocks_of;

/// A line ending in a word broken at its hyphen ("multi-", "Covid-").
pub(super) fn broken(t: &str) -> bool {
    let mut it = t.chars().rev();
    matches!((it.next(), it.next()), (Some('-'), Some(c)) if c.is_alphanumeric())
}

/// Join a paragraph's lines: a broken word is mended, other lines are joined
/// with a space; superscript ordinals printed apart ("3 rd") are joined.
pub(super) fn join_lines(lines: &[String]) -> String {
    join_lines_with(lines, &Words::default())
}

/// [`join_lines`], also mending words a narrow column broke without a
/// hyphen where `words` knows the whole word (see [`Words::mends`]).
pub(super) fn join_lines_with(lines: &[String], words: &Words) -> String {
    let lines = place_raised_suffixes(lines);
    let mut out = String::new();
    for l in &lines {
        // A line and its length: the unit the growth tests count.
        crate::work::step(1 + l.len() as u64 / 64);
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            continue;
        }
        let last = out.rsplit(' ').next().unwrap_or("");
        let first = l.split(' ').next().unwrap_or("");
        let mend =
            (broken(&out) && l.starts_with(char::is_alphanumeric)) || words.mends(last, first);
        if !out.is_empty() && !mend {
            out.push(' ');
        }
        out.push_str(&l);
    }
    join_ordinals(&out)
}

/// `*text = join_lines_with(&[text, line])` for a `text` that is already
/// such a join's output, in the time of the line, not of the text: only
/// the text's last word meets the line (a mend, a space, an ordinal), so
/// only it is joined again. Why: a cell carried on over thousands of lines
/// re-joined whole per line cost its length squared. A line (or text) that
/// is an ordinal suffix alone may attach anywhere, so it takes the whole
/// join, and so does a text whose last word is one (it would attach to the
/// line on its own).
pub(super) fn append_line_with(text: &mut String, line: &str, words: &Words) {
    let suffix = |l: &str| ORDINAL_SUFFIXES.contains(&l.trim());
    let cut = text.rfind(' ').map_or(0, |i| i + 1);
    if suffix(line) || suffix(&text[cut..]) {
        *text = join_lines_with(&[std::mem::take(text), line.to_string()], words);
        return;
    }
    let tail = join_lines_with(&[text[cut..].to_string(), line.to_string()], words);
    text.truncate(cut);
    text.push_str(&tail);
}

/// The words a dump prints whole: those of a text block but its last
/// (where a column too narrow for a word breaks it without a hyphen:
/// "Safeguardin" / "g Children"), lower-cased. A block's first word may be
/// the tail of a broken word ("g"), which is why a mend also asks that the
/// head is no word of its own.
#[derive(Debug, Default)]
pub(super) struct Words(std::collections::HashSet<String>);

impl Words {
    /// The words inside the blocks of every line.
    pub(super) fn of_lines<'a>(lines: impl Iterator<Item = &'a [char]>, gutter: usize) -> Self {
        let mut set = std::collections::HashSet::new();
        for chars in lines {
            for (a, b) in blocks_of(chars, gutter) {
                let text: String = chars.get(a..b).unwrap_or_default().iter().collect();
                let toks: Vec<&str> = text.split_whitespace().collect();
                for t in toks.iter().take(toks.len().saturating_sub(1)) {
                    let w = t.trim_matches(|c: char| !c.is_alphanumeric());
                    if !w.is_empty() && w.chars().all(char::is_alphabetic) {
                        set.insert(w.to_lowercase());
                    }
                }
            }
        }
        Words(set)
    }

    /// Does a line ending in `last` and the next opening with `first` hold
    /// one word broken in two? Both parts letters (`first` in lower case,
    /// or upper case after upper case), the whole a word printed whole
    /// elsewhere, and not both parts words of their own ("can" / "not").
    pub(super) fn mends(&self, last: &str, first: &str) -> bool {
        // The letters either side of the break ("midwives/c" / "ommunity").
        let last = last.rsplit('/').next().unwrap_or("");
        let tail = first.trim_end_matches(|c: char| !c.is_alphanumeric());
        if last.is_empty()
            || tail.is_empty()
            || !last.chars().all(char::is_alphabetic)
            || !tail.chars().all(char::is_alphabetic)
        {
            return false;
        }
        let upper_run = last.chars().last().is_some_and(char::is_uppercase)
            && tail.chars().all(char::is_uppercase);
        if !(tail.starts_with(char::is_lowercase) || upper_run) {
            return false;
        }
        let (a, b) = (last.to_lowercase(), tail.to_lowercase());
        self.0.contains(&format!("{a}{b}")) && !(self.0.contains(&a) && self.0.contains(&b))
    }
}

/// Ordinal suffixes printed raised, on a line of their own.
pub(super) const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// A line holding only an ordinal suffix ("rd", raised above or below the
/// baseline of "on 3 June") goes back after the first bare number of the
/// line below, else of the line above.
pub(super) fn place_raised_suffixes(lines: &[String]) -> Vec<String> {
    let is_suffix = |l: &str| ORDINAL_SUFFIXES.contains(&l.trim());
    let mut out: Vec<String> = lines.to_vec();
    let mut i = 0;
    while i < out.len() {
        let Some(suffix) = out
            .get(i)
            .filter(|l| is_suffix(l))
            .map(|l| l.trim().to_string())
        else {
            i += 1;
            continue;
        };
        let attach = |line: &str| -> Option<String> {
            let words: Vec<&str> = line.split(' ').collect();
            let k = words.iter().position(|w| {
                (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
            })?;
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            if let Some(word) = w.get_mut(k) {
                word.push_str(&suffix);
            }
            Some(w.join(" "))
        };
        let below = out.get(i + 1).and_then(|l| attach(l)).map(|l| (i + 1, l));
        let above = i
            .checked_sub(1)
            .and_then(|p| out.get(p).and_then(|l| attach(l)).map(|l| (p, l)));
        match below.or(above) {
            Some((k, l)) => {
                if let Some(slot) = out.get_mut(k) {
                    *slot = l;
                }
                out.remove(i);
            }
            None => i += 1,
        }
    }
    out
}

/// "3 rd June" → "3rd June": a raised ordinal suffix printed apart from its
/// number.
pub(super) fn join_ordinals(t: &str) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let mut out = String::with_capacity(t.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = words.get(i - 1).copied().unwrap_or("");
            let core = w.trim_end_matches([',', '.', ';', ':', ')']);
            let glue = prev.ends_with(|c: char| c.is_ascii_digit())
                && prev.chars().all(|c| c.is_ascii_digit())
                && ORDINAL_SUFFIXES.contains(&core);
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words that meet at line ends in dumps: hyphen breaks, ordinals,
    /// numbers, a word broken without a hyphen ("Safeguardin" / "g").
    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "3",
            "12",
            "th",
            "rd",
            "June,",
            "Covid-",
            "19",
            "rules",
            "Safeguardin",
            "g",
            "Children",
            "-",
            "",
            "  ",
            "a",
            "x-",
            "st.",
        ])
        .prop_map(str::to_string)
    }

    fn line() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..5).prop_map(|w| w.join(" "))
    }

    proptest! {
        /// Appending line by line gives what joining the whole cell gives.
        #[test]
        fn appending_a_line_is_joining_it(lines in prop::collection::vec(line(), 1..8)) {
            let words = Words(["safeguarding".to_string()].into_iter().collect());
            let mut text = join_lines_with(&lines[..1], &words);
            let mut whole = text.clone();
            for l in &lines[1..] {
                append_line_with(&mut text, l, &words);
                whole = join_lines_with(&[whole, l.clone()], &words);
                prop_assert_eq!(&text, &whole);
            }
        }
    }

    #[test]
    fn ordinals_and_broken_words_are_joined() {
        assert_eq!(
            join_lines(&[
                "launched on 3 rd June, mindful of Covid-".into(),
                "19 rules".into()
            ]),
            "launched on 3rd June, mindful of Covid-19 rules"
        );
        assert_eq!(
            join_lines(&["rd".into(), "launched on 3 June 2020".into()]),
            "launched on 3rd June 2020"
        );
        assert_eq!(
            join_lines(&["by 20 April".into(), "th".into(), "2020".into()]),
            "by 20th April 2020"
        );
        assert_eq!(
            join_lines(&["Programme developed -".into(), "end".into()]),
            "Programme developed - end"
        );
    }

    #[test]
    fn words_broken_in_a_narrow_column_are_mended() {
        let lines: Vec<Vec<char>> = [
            "The Safeguarding Children team and the Progress Report agencies too",
            "we cannot say and can not do",
        ]
        .iter()
        .map(|l| l.chars().collect())
        .collect();
        let w = Words::of_lines(lines.iter().map(|l| l.as_slice()), 2);
        let join = |a: &str, b: &str| join_lines_with(&[a.into(), b.into()], &w);
        assert_eq!(
            join("Named Safeguardin", "g Children"),
            "Named Safeguarding Children"
        );
        assert_eq!(join("PROGRES", "S UPDATE"), "PROGRESS UPDATE");
        assert_eq!(join("AGEN", "CIES"), "AGENCIES");
        assert_eq!(
            join("midwives/Safe", "guarding leads"),
            "midwives/Safeguarding leads"
        );
        assert_eq!(join("we can", "not say"), "we can not say");
        assert_eq!(join("accurate", "safeguarding"), "accurate safeguarding");
    }
}
