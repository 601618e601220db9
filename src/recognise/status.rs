//! Status, RAG and completion.

use super::Grammars;
use super::phrase::{self, Phrases};

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

/// The status words of `status.toml` as phrase matchers
/// (`recognise::phrase`), built once per grammar.
#[derive(Debug)]
pub(crate) struct StatusLex {
    /// Colour words of two letters or more, found anywhere in a cell.
    colours: Phrases<Rag>,
    /// One-letter colours ("G"), only as the whole cell.
    letters: Phrases<Rag>,
    complete: Phrases<()>,
    complete_cell: Phrases<()>,
    not_complete: Phrases<()>,
    not_complete_cell: Phrases<()>,
    neither: Phrases<()>,
    future_markers: Phrases<()>,
    placeholders: Phrases<()>,
    /// The words of a document's own status key (`plan.toml` `[keys]`):
    /// what introduces one, and what a key line says.
    pub(crate) key_headings: Phrases<()>,
    pub(crate) key_not_complete: Phrases<()>,
    pub(crate) key_neither: Phrases<()>,
    pub(crate) key_complete: Phrases<()>,
}

impl StatusLex {
    pub(crate) fn new(g: &Grammars) -> StatusLex {
        let s = &g.status;
        let colours = || {
            s.rag.iter().filter_map(|(key, list)| {
                rag_from_key(key).map(|c| list.iter().map(move |a| (a, c)))
            })
        };
        let one_letter = |a: &str| phrase::normalise(a).chars().count() == 1;
        StatusLex {
            colours: Phrases::new(
                colours()
                    .flatten()
                    .filter(|(a, _)| !one_letter(a))
                    .map(|(a, c)| (a.as_str(), c)),
            ),
            letters: Phrases::new(
                colours()
                    .flatten()
                    .filter(|(a, _)| one_letter(a))
                    .map(|(a, c)| (a.as_str(), c)),
            ),
            complete: Phrases::list(&s.complete),
            complete_cell: Phrases::list(&s.complete_cell),
            not_complete: Phrases::list(&s.not_complete),
            not_complete_cell: Phrases::list(&s.not_complete_cell),
            neither: Phrases::list(&s.neither),
            future_markers: Phrases::list(&s.future_markers),
            placeholders: Phrases::list(&s.placeholders),
            key_headings: Phrases::list(&g.plan.keys.headings),
            key_not_complete: Phrases::list(&g.plan.keys.not_complete),
            key_neither: Phrases::list(&g.plan.keys.neither),
            key_complete: Phrases::list(&g.plan.keys.complete),
        }
    }
}

/// Is `text` only a Word content control's placeholder ("Choose an item.",
/// "Click or tap to enter a date.")? Such a cell is empty: the control was
/// never filled.
pub fn is_placeholder(text: &str, g: &Grammars) -> bool {
    g.status_lexicon().placeholders.whole(text).is_some()
}

/// A percentage that is the whole cell ("100%", "45 %"): its value.
fn whole_percentage(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('.');
    let n = t.strip_suffix('%')?.trim();
    n.parse::<f64>().ok().filter(|v| (0.0..=100.0).contains(v))
}

/// The colour a cell names: the first colour word in it, or a cell that is
/// only a colour letter ("G").
fn rag_of(text: &str, lex: &StatusLex) -> Option<Rag> {
    lex.letters
        .whole(text)
        .or_else(|| lex.colours.first(text).map(|f| f.value))
}

/// How far the whole-cell words reach.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// A cell: whole-cell words ("Closed") count only as the whole text.
    Cell,
    /// A key's description: they count anywhere in it ("delivered; the
    /// Board has seen evidence").
    Key,
}

/// What the status words say, in order: neither done nor under way
/// (`Some(None)`), under way (`Some(Some(false))`), done
/// (`Some(Some(true))`), or nothing (`None`).
fn state(text: &str, lex: &StatusLex, reach: Reach) -> Option<Option<bool>> {
    let whole = |list: &Phrases<()>| match reach {
        Reach::Cell => list.whole(text).is_some(),
        Reach::Key => list.contains(text),
    };
    if lex.neither.contains(text) {
        return Some(None);
    }
    if lex.not_complete.contains(text) || whole(&lex.not_complete_cell) {
        return Some(Some(false));
    }
    if whole(&lex.complete_cell) {
        return Some(Some(true));
    }
    let n = phrase::normalise(text);
    let done = lex.complete.all(&n).into_iter().any(|f| {
        n.get(..f.start)
            .is_none_or(|before| lex.future_markers.closing(before).is_none())
    });
    done.then_some(Some(true))
}

/// What a status, RAG or timescale cell says about the action's state.
///
/// `complete` is true only where the text says the action is done ("May
/// 2020 - complete", "Implemented", "Achieved", a whole cell "Closed" or
/// "100%"); a done-word after a future marker ("to be completed by July")
/// says nothing. It is false for work planned or under way ("In progress",
/// "Not started", "On track", "Delayed", "Not yet due"), and null for
/// "On hold" or "Superseded", for a colour alone and for any other
/// percentage. A Word placeholder says nothing at all.
pub fn status(text: &str, g: &Grammars) -> StatusFacts {
    if is_placeholder(text, g) {
        return StatusFacts::default();
    }
    if let Some(p) = whole_percentage(text) {
        return StatusFacts {
            rag: None,
            complete: (p >= 100.0).then_some(true),
        };
    }
    let lex = g.status_lexicon();
    StatusFacts {
        rag: rag_of(text, lex),
        complete: state(text, lex, Reach::Cell).flatten(),
    }
}

/// What a document's own key says its ratings mean ("B – delivered; the
/// Board has seen evidence", "1 = Achieved and closed", "On hold – paused by
/// the Board"). A key overrides the status words: the entry whose label is
/// the whole cell decides `complete` (and `rag`, where the key gives one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusKey {
    entries: Vec<(Vec<String>, KeyMeaning)>,
}

/// What one key entry means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyMeaning {
    pub rag: Option<Rag>,
    pub complete: Option<bool>,
}

impl StatusKey {
    /// An empty key (every cell read by the status words).
    pub fn new() -> StatusKey {
        StatusKey::default()
    }

    /// Set what a label means, as the document states it.
    pub fn insert(&mut self, label: &str, meaning: KeyMeaning) {
        let w = phrase::words(label);
        if w.is_empty() {
            return;
        }
        self.entries.retain(|(l, _)| *l != w);
        self.entries.push((w, meaning));
    }

    /// Add a key entry as printed: its label ("B", "1", "On hold") and the
    /// description beside it. The description is read with the status words
    /// ("delivered" done, "being delivered" / "not yet begun" under way,
    /// "paused" neither); failing that the label itself is. The label's
    /// colour ("B", "Amber") gives `rag`, as does a colour word in the
    /// description when the label is not a number.
    pub fn add(&mut self, label: &str, description: &str, g: &Grammars) {
        let lex = g.status_lexicon();
        let complete = match state(description, lex, Reach::Key) {
            Some(c) => c,
            None => state(label, lex, Reach::Cell).flatten(),
        };
        let numeric = label.trim().chars().all(|c| c.is_ascii_digit());
        let rag = if numeric {
            None
        } else {
            rag_of(label, lex).or_else(|| rag_of(description, lex))
        };
        self.insert(label, KeyMeaning { rag, complete });
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The meaning of a cell whose whole text is one of the labels.
    pub fn lookup(&self, text: &str) -> Option<KeyMeaning> {
        let w = phrase::words(text);
        self.entries.iter().find(|(l, _)| *l == w).map(|(_, m)| *m)
    }
}

/// A status cell read under the document's key: a cell that is one of the
/// key's labels takes the key's meaning (`rag` falling back to the cell's
/// own colour word); any other cell is read by the status words.
pub fn status_keyed(text: &str, key: &StatusKey, g: &Grammars) -> StatusFacts {
    let own = status(text, g);
    match key.lookup(text) {
        Some(m) => StatusFacts {
            rag: m.rag.or(own.rag),
            complete: m.complete,
        },
        None => own,
    }
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
    fn status_words() {
        for t in [
            "Complete",
            "Achieved",
            "Closed",
            "Implemented",
            "100%",
            "Fully met",
        ] {
            assert_eq!(c(t), Some(true), "{t}");
        }
        for t in [
            "Not started",
            "On track",
            "Off track",
            "Delayed",
            "In progress",
            "Not yet due",
            "Overdue",
            "Partially achieved",
        ] {
            assert_eq!(c(t), Some(false), "{t}");
        }
        for t in [
            "Superseded",
            "On hold",
            "Deferred (superseded by the new strategy)",
            "45%",
            "0%",
            "n/a",
            "Ongoing",
            "Green",
            "B",
            "the referral was closed",
            "Mar-26: the audit was delayed by staff absence",
        ] {
            assert_eq!(c(t), None, "{t}");
        }
        let g = Grammars::builtin();
        for t in ["Not yet due", "On hold", "Superseded", "Delayed"] {
            assert_eq!(status(t, &g).rag, None, "{t}");
        }
        assert_eq!(status("Grey", &g).rag, Some(Rag::Grey));
    }

    #[test]
    fn status_words_are_whole_words_longest_first_any_case() {
        let g = Grammars::builtin();
        // Word boundaries: a status word inside a longer word says nothing.
        assert_eq!(c("Incompleteness of the register"), None);
        assert_eq!(c("Reimplemented twice"), None);
        assert_eq!(status("Redesign", &g).rag, None);
        // Leftmost-longest: the longest done-phrase is the one a marker
        // stands before.
        assert_eq!(c("Fully implemented"), Some(true));
        assert_eq!(c("To be fully implemented"), None);
        assert_eq!(c("Completed, which is good news"), Some(true));
        assert_eq!(c("the rota which is completed weekly"), None);
        // Case.
        assert_eq!(c("NOT STARTED"), Some(false));
        assert_eq!(status("AMBER", &g).rag, Some(Rag::Amber));
        // Punctuation is a word break.
        assert_eq!(c("Not-started"), Some(false));
        assert_eq!(c("Complete."), Some(true));
        assert_eq!(c("On hold!"), None);
        assert_eq!(status("(G)", &g).rag, Some(Rag::Green));
        assert_eq!(status("G & A", &g).rag, None);
    }

    #[test]
    fn placeholders_are_empty() {
        let g = Grammars::builtin();
        for t in [
            "Choose an item.",
            "Click or tap to enter a date.",
            "Click or tap here to enter text.",
            " choose an item ",
        ] {
            assert!(is_placeholder(t, &g), "{t}");
            assert_eq!(status(t, &g), StatusFacts::default());
        }
        assert!(!is_placeholder(
            "Choose an item from the list of options",
            &g
        ));
        assert!(!is_placeholder("", &g));
    }

    #[test]
    fn keys_override_words() {
        let g = Grammars::builtin();
        let mut key = StatusKey::new();
        key.add("B", "Delivered; the panel has seen evidence of impact", &g);
        key.add("G", "Being delivered and on course", &g);
        key.add("R", "Not yet begun, or slipping", &g);
        key.add("1", "Achieved and signed off by the panel", &g);
        key.add("2", "Substantially achieved with work outstanding", &g);
        key.add("On hold", "Paused by decision of the steering group", &g);
        key.add("Parked", "Complete for now", &g);
        let k = |t: &str| status_keyed(t, &key, &g);
        assert_eq!(k("B").complete, Some(true));
        assert_eq!(k("B").rag, Some(Rag::Blue));
        assert_eq!(k("G").complete, Some(false));
        assert_eq!(k("R").complete, Some(false));
        assert_eq!(k("R").rag, Some(Rag::Red));
        assert_eq!(k("1").complete, Some(true));
        assert_eq!(k("1").rag, None);
        assert_eq!(k("2").complete, Some(false));
        assert_eq!(k("On hold").complete, None);
        assert_eq!(k("Parked").complete, Some(true));
        // Not a label: the words decide.
        assert_eq!(k("In progress").complete, Some(false));
        let mut key = StatusKey::new();
        key.insert(
            "Closed",
            KeyMeaning {
                rag: None,
                complete: Some(false),
            },
        );
        assert_eq!(status_keyed("closed", &key, &g).complete, Some(false));
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
