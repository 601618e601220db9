//! A cell paragraph's lines joined into text: broken words are mended and
//! raised ordinal suffixes (which pdftotext prints apart, even on their own
//! line) go back onto their numbers.

/// A line ending in a word broken at its hyphen ("multi-", "Covid-").
pub(super) fn broken(t: &str) -> bool {
    let mut it = t.chars().rev();
    matches!((it.next(), it.next()), (Some('-'), Some(c)) if c.is_alphanumeric())
}

/// Join a paragraph's lines: a broken word is mended, other lines are joined
/// with a space; superscript ordinals printed apart ("3 rd") are joined.
pub(super) fn join_lines(lines: &[String]) -> String {
    let lines = place_raised_suffixes(lines);
    let mut out = String::new();
    for l in &lines {
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            continue;
        }
        let mend = broken(&out) && l.starts_with(char::is_alphanumeric);
        if !out.is_empty() && !mend {
            out.push(' ');
        }
        out.push_str(&l);
    }
    join_ordinals(&out)
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
}
