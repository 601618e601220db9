//! Status, RAG and completion.

use super::Grammars;

/// One RAG rating for the whole pipeline: the contract's, so that what a
/// recogniser finds is what a document says with no mapping in between.
pub use crate::contract::Rag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusFacts {
    pub rag: Option<Rag>,
    pub complete: Option<bool>,
}

/// The colour of a `status.toml` RAG key.
pub fn rag_from_key(key: &str) -> Option<Rag> {
    Some(match key {
        "red" => Rag::Red,
        "amber" => Rag::Amber,
        "green" => Rag::Green,
        "blue" => Rag::Blue,
        "grey" => Rag::Grey,
        _ => return None,
    })
}

/// The RAG colour of a cell's fill ("FF0000", "#92D050"), as DOCX shading
/// and PDF fills give it: plans often print no word at all, only a coloured
/// cell. Near-white, near-black and unreadable values give None; low
/// saturation greys give `Grey`.
pub fn rag_from_colour(hex: &str) -> Option<Rag> {
    let h = hex.trim().trim_start_matches('#');
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let channel = |k: usize| {
        h.get(k..k + 2)
            .and_then(|x| u8::from_str_radix(x, 16).ok())
            .map(|v| f32::from(v) / 255.0)
    };
    let (r, g, b) = (channel(0)?, channel(2)?, channel(4)?);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    if max < 0.2 {
        return None;
    }
    let saturation = if max > 0.0 { delta / max } else { 0.0 };
    if saturation < 0.15 {
        return (max < 0.92).then_some(Rag::Grey);
    }
    let hue = if (max - r).abs() < f32::EPSILON {
        60.0 * (((g - b) / delta).rem_euclid(6.0))
    } else if (max - g).abs() < f32::EPSILON {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    Some(match hue {
        h if !(15.0..345.0).contains(&h) => Rag::Red,
        h if h < 66.0 => Rag::Amber,
        h if h < 170.0 => Rag::Green,
        h if h < 265.0 => Rag::Blue,
        _ => return None,
    })
}

/// Lower-cased words of `text` with their order (letters, digits, hyphens).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Positions where the phrase `p` (already split into words) occurs.
fn find_phrase(words: &[String], p: &[String]) -> Vec<usize> {
    if p.is_empty() || p.len() > words.len() {
        return Vec::new();
    }
    (0..=words.len() - p.len())
        .filter(|&i| words[i..i + p.len()] == *p)
        .collect()
}

/// What a status, RAG or timescale cell says about the action's state.
///
/// `complete` is true only where the text says the action is done ("May
/// 2020 - complete", "Implemented", "Standards completed and agreed"); a
/// done-word after a future marker ("to be completed by July") says
/// nothing. It is false for an explicit "in progress" or "not started".
pub fn status(text: &str, g: &Grammars) -> StatusFacts {
    let w = words(text);
    let s = &g.status;
    let split = |p: &String| -> Vec<String> { words(p) };

    let mut rag = None;
    let whole = text.trim().trim_end_matches('.').to_lowercase();
    let mut best: Option<(usize, Rag)> = None;
    for (key, list) in &s.rag {
        let Some(colour) = rag_from_key(key) else {
            continue;
        };
        for alias in list {
            let a = split(alias);
            if a.len() == 1 && a[0].chars().count() == 1 {
                if whole == a[0] {
                    rag = Some(colour);
                }
                continue;
            }
            if let Some(&pos) = find_phrase(&w, &a).first()
                && best.is_none_or(|(b, _)| pos < b)
            {
                best = Some((pos, colour));
            }
        }
    }
    if rag.is_none() {
        rag = best.map(|(_, c)| c);
    }

    let mut complete = None;
    if s.not_complete
        .iter()
        .any(|p| !find_phrase(&w, &split(p)).is_empty())
    {
        complete = Some(false);
    } else {
        let markers: Vec<Vec<String>> = s.future_markers.iter().map(split).collect();
        'outer: for word in &s.complete {
            let p = split(word);
            for pos in find_phrase(&w, &p) {
                let blocked = markers
                    .iter()
                    .any(|m| !m.is_empty() && pos >= m.len() && w[pos - m.len()..pos] == m[..]);
                if !blocked {
                    complete = Some(true);
                    break 'outer;
                }
            }
        }
    }
    StatusFacts { rag, complete }
}

/// One progress-report entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressEntry {
    pub text: String,
    /// Start of the date the entry opens with, if it opens with one.
    pub date: Option<super::Date>,
}

/// The entries of one progress cell, given as its paragraphs: the cell is
/// an entry, and each paragraph inside it that opens with a date starts a
/// new one. Paragraphs are joined with one space. Call once per cell.
pub fn progress_entries(paragraphs: &[String], g: &Grammars) -> Vec<ProgressEntry> {
    let mut out: Vec<ProgressEntry> = Vec::new();
    for p in paragraphs {
        let t = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        let date = super::date::leading_date(&t, g);
        match out.last_mut() {
            Some(last) if date.is_none() => {
                last.text.push(' ');
                last.text.push_str(&t);
            }
            _ => out.push(ProgressEntry { text: t, date }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(t: &str) -> Option<bool> {
        status(t, &Grammars::builtin()).complete
    }

    #[test]
    fn completion() {
        assert_eq!(c("May 2020 - complete"), Some(true));
        assert_eq!(c("May 2020: Complete"), Some(true));
        assert_eq!(c("Completed"), Some(true));
        assert_eq!(c("Implemented"), Some(true));
        assert_eq!(
            c("January 2016 - Standards for Referral to CSC completed and agreed."),
            Some(true)
        );
        assert_eq!(c("This is in progress with a paper"), Some(false));
        assert_eq!(c("Partially complete"), Some(false));
        assert_eq!(c("Completed June 2020"), Some(true));
        for t in [
            "July 2020 - Audit has commenced to be completed by July",
            "To be implemented in July 2020",
            "Audit which has commenced to be completed",
            "currently being reviewed",
            "Audit undertaken June 2020",
            "On-going continuous monitoring",
            "Business case approved",
            "training that is completed so this data can be added",
            "staff will complete any necessary referrals",
        ] {
            assert_eq!(c(t), None, "{t}");
        }
    }

    #[test]
    fn rag() {
        let g = Grammars::builtin();
        assert_eq!(status("Amber", &g).rag, Some(Rag::Amber));
        assert_eq!(status("G", &g).rag, Some(Rag::Green));
        assert_eq!(status("A review", &g).rag, None);
        assert_eq!(status("Red/amber", &g).rag, Some(Rag::Red));
    }

    #[test]
    fn fill_colours() {
        assert_eq!(rag_from_colour("FF0000"), Some(Rag::Red));
        assert_eq!(rag_from_colour("#FFC000"), Some(Rag::Amber));
        assert_eq!(rag_from_colour("FFFF00"), Some(Rag::Amber));
        assert_eq!(rag_from_colour("92D050"), Some(Rag::Green));
        assert_eq!(rag_from_colour("00B050"), Some(Rag::Green));
        assert_eq!(rag_from_colour("0070C0"), Some(Rag::Blue));
        assert_eq!(rag_from_colour("00B0F0"), Some(Rag::Blue));
        assert_eq!(rag_from_colour("A6A6A6"), Some(Rag::Grey));
        assert_eq!(rag_from_colour("FFFFFF"), None);
        assert_eq!(rag_from_colour("auto"), None);
        assert_eq!(rag_from_colour("000000"), None);
        assert_eq!(rag_from_colour("ÿÿÿ"), None);
    }

    #[test]
    fn entries() {
        let g = Grammars::builtin();
        let p: Vec<String> = [
            "December 2015 - met the team.",
            "More detail.",
            "January 2016 - plans drawn up.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let e = progress_entries(&p, &g);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].text, "December 2015 - met the team. More detail.");
        assert_eq!(
            e[0].date.map(|d| d.to_string()).as_deref(),
            Some("2015-12-01")
        );
        assert_eq!(
            e[1].date.map(|d| d.to_string()).as_deref(),
            Some("2016-01-01")
        );
        let e = progress_entries(&["October and quarterly updates".to_string()], &g);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].date, None);
    }
}
