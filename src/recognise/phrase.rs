//! One phrase matcher for vocabulary lists (column header aliases first):
//! aho-corasick, leftmost-longest, case-insensitive, on whole words.
//!
//! Why one: the table reader and the rebuild stage both ask "which column
//! does this header name", and two matchers with their own punctuation
//! rules answered differently. Text and phrases are put in one form
//! ([`normalise`]): lower case, every character but letters, digits and `#`
//! a space, single spaces. A phrase matches whole words only.
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

/// The matching form as words.
pub fn words(s: &str) -> Vec<String> {
    normalise(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A list of phrases, each with a value.
pub struct Phrases<T> {
    /// Normalised phrases, by pattern id.
    phrases: Vec<String>,
    values: Vec<T>,
    ac: Option<AhoCorasick>,
    /// Each phrase with its spaces removed → its pattern id (the first
    /// listed wins a tie).
    squashed: HashMap<String, usize>,
}

/// A phrase found in a text: its value, its pattern id and the byte range
/// in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub id: usize,
    pub start: usize,
    pub end: usize,
}

impl<T: Copy> Phrases<T> {
    /// The matcher for `pairs`; phrases that normalise to nothing are left
    /// out.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut phrases = Vec::new();
        let mut values = Vec::new();
        let mut squashed = HashMap::new();
        for (p, v) in pairs {
            let n = normalise(p);
            if n.is_empty() {
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
            .build(&phrases)
            .ok();
        Phrases {
            phrases,
            values,
            ac,
            squashed,
        }
    }

    /// The phrase of pattern `id`, normalised.
    pub fn phrase(&self, id: usize) -> &str {
        self.phrases.get(id).map_or("", String::as_str)
    }

    fn found(&self, id: usize, start: usize, end: usize) -> Option<Found<T>> {
        Some(Found {
            value: *self.values.get(id)?,
            id,
            start,
            end,
        })
    }

    /// The longest phrase `text` (normalised) opens with, as whole words.
    pub fn opening(&self, text: &str) -> Option<Found<T>> {
        let ac = self.ac.as_ref()?;
        let m = ac
            .find(Input::new(text).anchored(Anchored::Yes))
            .filter(|m| boundary(text, m.end()))?;
        self.found(m.pattern().as_usize(), m.start(), m.end())
    }

    /// Every phrase in `text` (normalised) as whole words, leftmost-longest
    /// and not overlapping.
    pub fn all(&self, text: &str) -> Vec<Found<T>> {
        let Some(ac) = self.ac.as_ref() else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| {
                (m.start() == 0 || boundary(text, m.start() - 1)) && boundary(text, m.end())
            })
            .filter_map(|m| self.found(m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    /// The longest phrase `words` open with, spaces ignored inside it (a
    /// word broken mid-word), ending on a word boundary: its value, pattern
    /// id and how many words it takes.
    pub fn glued_prefix(&self, words: &[String]) -> Option<(T, usize, usize)> {
        let mut glued = String::new();
        let mut ends = Vec::with_capacity(words.len());
        for w in words {
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

/// Is byte `i` of a normalised text a word boundary (its end or a space)?
fn boundary(text: &str, i: usize) -> bool {
    i >= text.len() || text.as_bytes().get(i) == Some(&b' ')
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
    fn glued_words_match_a_phrase_on_a_word_boundary() {
        let p = fruit();
        let w = |s: &str| words(s);
        assert_eq!(p.glued_prefix(&w("pe ar tr ee now")), Some((2, 1, 4)));
        assert_eq!(p.glued_prefix(&w("pearl")), None);
        assert_eq!(p.glued_prefix(&w("plu m")).map(|x| x.0), Some(3));
        assert_eq!(p.phrase(1), "pear tree");
    }
}
