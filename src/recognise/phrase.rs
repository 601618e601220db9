//! One phrase matcher for vocabulary lists (column header aliases, status
//! words, report vocabulary): aho-corasick, leftmost-longest,
//! case-insensitive, on whole words.
//!
//! Why one: the table reader, the rebuild stage, the status recogniser and
//! the report reader all ask "which listed phrase does this text hold", and
//! matchers with their own punctuation rules answered differently. Text and
//! phrases are put in one form ([`normalise`]): lower case, every character
//! but letters, digits and `#` a space, single spaces. A phrase matches
//! whole words only: the search runs on the text with every word padded by
//! a space either side ("  pear  tree  "), the phrases padded alike, so a
//! match starts and ends on a word boundary by construction and a longest
//! phrase cut off mid-word ("pear tree" in "pear trees") never hides a
//! shorter whole one ("pear").
//!
//! A header wrapped in a column narrower than its words is printed broken
//! inside them ("Numbe r", "RA G Rat ing"); [`Phrases::glued_prefix`]
//! matches such words against a phrase with its spaces removed, ending on a
//! word boundary, so "leader" never reads as "lead".

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

/// The matching form of a text or phrase (see the module doc).
pub fn normalise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '#' {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The matching form with, for each of its bytes, the byte of `s` it
/// comes from: [`normalise`] that can point back into the text.
fn normalise_mapped(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    let mut gap = false;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '#' {
            if gap && !out.is_empty() {
                out.push(' ');
                from.push(i);
            }
            gap = false;
            let l = c.to_lowercase().next().unwrap_or(c);
            from.extend(std::iter::repeat_n(i, l.len_utf8()));
            out.push(l);
        } else {
            gap = true;
        }
    }
    (out, from)
}

/// The matching form as words.
pub fn words(s: &str) -> Vec<String> {
    normalise(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A normalised text with every word padded by a space either side, and
/// where each word starts and ends in the normalised text.
struct Padded {
    text: String,
    /// Per word: (offset of its leading pad in `text`, start and end in the
    /// normalised text).
    words: Vec<(usize, usize, usize)>,
}

impl Padded {
    fn new(normalised: &str) -> Padded {
        let mut text = String::with_capacity(normalised.len() * 2 + 2);
        let mut words = Vec::new();
        let mut at = 0;
        for w in normalised.split(' ') {
            if !w.is_empty() {
                words.push((text.len(), at, at + w.len()));
                text.push(' ');
                text.push_str(w);
                text.push(' ');
            }
            at += w.len() + 1;
        }
        Padded { text, words }
    }

    /// The normalised range of a match over padded bytes `start..end`
    /// (from a word's leading pad to a word's trailing pad).
    fn range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.words.binary_search_by_key(&start, |w| w.0).ok()?;
        // The word whose trailing pad ends at `end` starts 2 + its length
        // before it; find it as the last word starting before `end`.
        let last = self.words.partition_point(|w| w.0 < end).checked_sub(1)?;
        Some((self.words.get(first)?.1, self.words.get(last)?.2))
    }
}

/// A phrase padded as [`Padded`] pads a text.
fn padded_phrase(normalised: &str) -> String {
    let mut out = String::with_capacity(normalised.len() * 2 + 2);
    for w in normalised.split(' ') {
        out.push(' ');
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// A list of phrases, each with a value.
#[derive(Clone)]
pub struct Phrases<T> {
    /// Normalised phrases, by pattern id.
    phrases: Vec<String>,
    values: Vec<T>,
    ac: Option<AhoCorasick>,
    /// Each phrase with its spaces removed → its pattern id (the first
    /// listed wins a tie).
    squashed: HashMap<String, usize>,
    /// The longest squashed phrase, in bytes: no longer glued prefix can
    /// match, so none is tried.
    longest_squashed: usize,
    /// Phrases with no letters or digits (a ditto mark `"`), trimmed: they
    /// match only a whole text that is exactly the mark.
    marks: Vec<(String, T)>,
}

impl<T> std::fmt::Debug for Phrases<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Phrases")
            .field("phrases", &self.phrases)
            .finish_non_exhaustive()
    }
}

/// A phrase found in a text: its value, its pattern id, the byte range in
/// the normalised text (`start..end`) and in the text as given
/// (`raw_start..raw_end`, from its first letter to the end of its last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub id: usize,
    pub start: usize,
    pub end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
}

/// A text prepared for matching: normalised, padded, mapped back.
struct Prepared<'t> {
    raw: &'t str,
    normal: String,
    from: Vec<usize>,
    padded: Padded,
}

impl<'t> Prepared<'t> {
    fn new(raw: &'t str) -> Self {
        let (normal, from) = normalise_mapped(raw);
        let padded = Padded::new(&normal);
        Prepared {
            raw,
            normal,
            from,
            padded,
        }
    }

    /// The raw byte range of normalised `start..end` (a non-empty run of
    /// whole words).
    fn raw_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let a = *self.from.get(start)?;
        let last = *self.from.get(end.checked_sub(1)?)?;
        let len = self.raw.get(last..)?.chars().next()?.len_utf8();
        Some((a, last + len))
    }
}

impl<T> Default for Phrases<T> {
    /// No phrases: matches nothing.
    fn default() -> Self {
        Phrases {
            phrases: Vec::new(),
            values: Vec::new(),
            ac: None,
            squashed: HashMap::new(),
            longest_squashed: 0,
            marks: Vec::new(),
        }
    }
}

impl Phrases<()> {
    /// A plain word list (no values): the matcher of a vocabulary list.
    pub fn list<S: AsRef<str>>(list: &[S]) -> Self {
        Phrases::new(list.iter().map(|p| (p.as_ref(), ())))
    }
}

impl<T: Copy> Phrases<T> {
    /// The matcher for `pairs`; phrases that normalise to nothing (marks)
    /// are matched by [`Phrases::whole`] alone, as printed.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut phrases = Vec::new();
        let mut values = Vec::new();
        let mut squashed = HashMap::new();
        let mut marks = Vec::new();
        for (p, v) in pairs {
            let n = normalise(p);
            if n.is_empty() {
                if !p.trim().is_empty() {
                    marks.push((p.trim().to_string(), v));
                }
                continue;
            }
            squashed.entry(n.replace(' ', "")).or_insert(phrases.len());
            phrases.push(n);
            values.push(v);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            .build(phrases.iter().map(|p| padded_phrase(p)))
            .ok();
        Phrases {
            phrases,
            values,
            ac,
            longest_squashed: squashed.keys().map(String::len).max().unwrap_or(0),
            squashed,
            marks,
        }
    }

    /// No phrases at all.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.marks.is_empty()
    }

    /// The phrase of pattern `id`, normalised.
    pub fn phrase(&self, id: usize) -> &str {
        self.phrases.get(id).map_or("", String::as_str)
    }

    fn found(&self, p: &Prepared<'_>, m: aho_corasick::Match) -> Option<Found<T>> {
        let id = m.pattern().as_usize();
        let (start, end) = p.padded.range(m.start(), m.end())?;
        let (raw_start, raw_end) = p.raw_range(start, end)?;
        Some(Found {
            value: *self.values.get(id)?,
            id,
            start,
            end,
            raw_start,
            raw_end,
        })
    }

    /// The longest phrase at word `k` of `p`, anchored there.
    fn at_word(&self, p: &Prepared<'_>, k: usize) -> Option<Found<T>> {
        let ac = self.ac.as_ref()?;
        let text = &p.padded.text;
        let (pad, _, _) = *p.padded.words.get(k)?;
        let m = ac
            .find(
                Input::new(text)
                    .span(pad..text.len())
                    .anchored(Anchored::Yes),
            )
            .filter(|m| m.start() == pad)?;
        self.found(p, m)
    }

    /// The longest phrase `text` opens with, as whole words.
    pub fn opening(&self, text: &str) -> Option<Found<T>> {
        self.at_word(&Prepared::new(text), 0)
    }

    /// The longest phrase `text` ends with, as whole words (a cue right
    /// before a word: "to be" before "completed").
    pub fn closing(&self, text: &str) -> Option<Found<T>> {
        let p = Prepared::new(text);
        (0..p.padded.words.len())
            .find_map(|k| self.at_word(&p, k).filter(|f| f.end == p.normal.len()))
    }

    /// The phrase that is the whole of `text`, if any ("Closed", a
    /// placeholder, a ditto mark).
    pub fn whole(&self, text: &str) -> Option<T> {
        let p = Prepared::new(text);
        if p.normal.is_empty() {
            let t = text.trim();
            return self.marks.iter().find(|(m, _)| m == t).map(|(_, v)| *v);
        }
        self.at_word(&p, 0)
            .filter(|f| f.end == p.normal.len())
            .map(|f| f.value)
    }

    /// Every phrase in `text` as whole words, leftmost-longest and not
    /// overlapping.
    pub fn all(&self, text: &str) -> Vec<Found<T>> {
        let Some(ac) = self.ac.as_ref() else {
            return Vec::new();
        };
        let p = Prepared::new(text);
        ac.find_iter(&p.padded.text)
            .filter_map(|m| self.found(&p, m))
            .collect()
    }

    /// The leftmost (then longest) phrase in `text`, as whole words.
    pub fn first(&self, text: &str) -> Option<Found<T>> {
        let ac = self.ac.as_ref()?;
        let p = Prepared::new(text);
        let m = ac.find(&p.padded.text)?;
        self.found(&p, m)
    }

    /// Does `text` hold any phrase as whole words?
    pub fn contains(&self, text: &str) -> bool {
        self.first(text).is_some()
    }

    /// The longest phrase `words` open with, spaces ignored inside it (a
    /// word broken mid-word), ending on a word boundary: its value, pattern
    /// id and how many words it takes.
    /// Does [`Self::glued_prefix`] of `words` read all it could: do the
    /// words hold more than the longest phrase squashed? Then more words
    /// after them cannot change its answer.
    pub fn glued_window_full(&self, words: &[String]) -> bool {
        let mut len = 0usize;
        words.iter().any(|w| {
            len += w.len();
            len > self.longest_squashed
        })
    }

    pub fn glued_prefix(&self, words: &[String]) -> Option<(T, usize, usize)> {
        // Only prefixes as long as a phrase can match: a cell of many words
        // must not cost a hash of every prefix (its length squared).
        let mut glued = String::new();
        let mut ends = Vec::new();
        for w in words {
            if glued.len() + w.len() > self.longest_squashed {
                break;
            }
            glued.push_str(w);
            ends.push(glued.len());
        }
        ends.iter().enumerate().rev().find_map(|(k, &end)| {
            let id = *self.squashed.get(glued.get(..end)?)?;
            Some((*self.values.get(id)?, id, k + 1))
        })
    }
}

/// The column header aliases of `columns.toml`, each with its meaning, in
/// the file's order: the one header matcher of the table reader and the
/// rebuild stage.
pub fn column_aliases(c: &super::grammar::Columns) -> Phrases<super::grammar::ColumnMeaning> {
    Phrases::new(
        c.by_meaning()
            .into_iter()
            .flat_map(|(m, aliases)| aliases.iter().map(move |a| (a.as_str(), m))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fruit() -> Phrases<u8> {
        Phrases::new([
            ("Pear", 1),
            ("pear tree", 2),
            ("Plum", 3),
            ("#", 4),
            ("!!", 5),
        ])
    }

    #[test]
    fn openings_are_longest_and_whole_words() {
        let p = fruit();
        assert_eq!(
            p.opening(&normalise("PEAR-TREE row")).map(|f| f.value),
            Some(2)
        );
        assert_eq!(
            p.opening(&normalise("Pear, ripe")).map(|f| f.value),
            Some(1)
        );
        assert_eq!(p.opening("pears"), None);
        // The longest phrase cut mid-word does not hide a shorter whole one.
        assert_eq!(p.opening("pear trees").map(|f| f.value), Some(1));
        assert_eq!(p.opening("# of trees").map(|f| f.value), Some(4));
        assert_eq!(p.opening("a plum"), None);
    }

    #[test]
    fn all_phrases_in_a_text() {
        let p = fruit();
        let v: Vec<u8> = p
            .all("a pear tree by a plum and plums")
            .iter()
            .map(|f| f.value)
            .collect();
        assert_eq!(v, vec![2, 3]);
    }

    #[test]
    fn offsets_are_in_the_normalised_text() {
        let p = fruit();
        let f = p.all("A  Plum, then: PEAR-tree!");
        let n = normalise("A  Plum, then: PEAR-tree!");
        let got: Vec<&str> = f.iter().map(|f| &n[f.start..f.end]).collect();
        assert_eq!(got, vec!["plum", "pear tree"]);
        let raw = "A  Plum, then: PEAR-tree!";
        let got: Vec<&str> = f.iter().map(|f| &raw[f.raw_start..f.raw_end]).collect();
        assert_eq!(got, vec!["Plum", "PEAR-tree"]);
        let raw = "Éclair: ÉTÉ pear";
        let f = p.first(raw).expect("pear");
        assert_eq!(&raw[f.raw_start..f.raw_end], "pear");
        for t in ["", "  ", "A-b  c!", "Ünïcode İs fine"] {
            assert_eq!(normalise_mapped(t).0, normalise(t), "{t}");
        }
    }

    #[test]
    fn whole_first_and_closing() {
        let p = fruit();
        assert_eq!(p.whole(" Pear Tree. "), Some(2));
        assert_eq!(p.whole("pear tree here"), None);
        assert_eq!(p.whole(""), None);
        assert_eq!(p.first("plums, then pear").map(|f| f.value), Some(1));
        assert!(p.contains("Ripe (PLUM)"));
        assert!(!p.contains("plumpear"));
        assert_eq!(p.closing("under the pear tree").map(|f| f.value), Some(2));
        assert_eq!(p.closing("a tree, then pear").map(|f| f.value), Some(1));
        assert_eq!(p.closing("pear trees"), None);
        let l = Phrases::list(&["to", "to be", "that is"]);
        assert_eq!(l.closing("ready to be").map(|f| f.start), Some(6));
        assert_eq!(l.closing("the one that is").map(|f| f.start), Some(8));
        assert!(Phrases::list::<&str>(&[]).closing("to").is_none());
        // A mark with no words matches only itself, whole.
        let m = Phrases::list(&["\"", "ditto"]);
        assert!(m.whole(" \" ").is_some() && m.whole("Ditto.").is_some());
        assert!(m.whole("'").is_none() && !m.contains("\" said"));
    }

    #[test]
    fn glued_words_match_a_phrase_on_a_word_boundary() {
        let p = fruit();
        let w = |s: &str| words(s);
        assert_eq!(p.glued_prefix(&w("pe ar tr ee now")), Some((2, 1, 4)));
        assert_eq!(p.glued_prefix(&w("pearl")), None);
        assert_eq!(p.glued_prefix(&w("plu m")).map(|x| x.0), Some(3));
        // A long run of words costs no more than the longest phrase: the
        // glued prefixes stop there (each prefix was hashed, the words'
        // length squared).
        let long: Vec<String> = std::iter::repeat_n("tr".to_string(), 200_000).collect();
        let before = crate::work::allocated_bytes();
        assert_eq!(p.glued_prefix(&long), None);
        assert!(crate::work::allocated_bytes() - before < 4_096);
        assert_eq!(p.phrase(1), "pear tree");
    }
}
