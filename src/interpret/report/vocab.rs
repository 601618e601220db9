//! The annual-report vocabulary (`grammars/report.toml`), typed.
//!
//! The words come from `report.toml` through the grammar loader (so
//! `--grammars DIR` extends them); every rule that uses them takes its
//! structure from the document.

use std::sync::OnceLock;

/// The embedded default vocabulary.
pub const DEFAULT_TOML: &str = include_str!("../../../grammars/report.toml");

/// The vocabulary is loaded (and user-overridable) with the other grammars;
/// this module gives it the lookups the report rules use.
pub use crate::recognise::grammar::ReportWords as Vocab;

impl Vocab {
    /// Parse a vocabulary file; `None` when it is not valid TOML of this shape.
    pub fn parse(text: &str) -> Option<Vocab> {
        let v: Vocab = toml::from_str(text).ok()?;
        Some(v.prepared())
    }

    /// The embedded default, parsed once. A broken default is a build bug
    /// (a unit test parses it), so the fallback is an empty vocabulary
    /// rather than a panic.
    pub fn builtin() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| Vocab::parse(DEFAULT_TOML).unwrap_or_default())
    }

    pub fn is_org_word(&self, word: &str) -> bool {
        contains(&self.organisation_words, &word_key(word))
    }

    /// A post word, singular or plural ("Manager", "Managers").
    pub fn is_role_word(&self, word: &str) -> bool {
        let k = word_key(word);
        contains(&self.role_words, &k)
            || k.strip_suffix('s')
                .is_some_and(|s| contains(&self.role_words, s))
    }

    pub fn is_honorific(&self, word: &str) -> bool {
        contains(&self.honorifics, &word_key(word))
    }
}

fn contains(list: &[String], w: &str) -> bool {
    !w.is_empty() && list.iter().any(|x| x == w)
}

/// A word as a vocabulary key: lower case, without surrounding punctuation
/// and possessive "'s".
pub fn word_key(word: &str) -> String {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('\u{2019}', "'");
    w.strip_suffix("'s").map(str::to_string).unwrap_or(w)
}

/// A header or heading cell as a key: lower case, punctuation other than
/// `,` `/` `&` `-` as space, single spaces, trimmed.
pub fn phrase_key(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ',' | '/' | '&' | '-') {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does the phrase hold one of `words` as whole words?
pub fn has_any_phrase(text: &str, words: &[String]) -> bool {
    key_has_any(&words_key(text), words)
}

/// `text` as lower-case words (letters, digits, `&` and `-`) joined by single
/// spaces, in one pass: the form [`key_has_any`] looks words up in. Made
/// once per cell when several word lists are tried on it.
pub fn words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '&' | '-') {
            if gap && !key.is_empty() {
                key.push(' ');
            }
            gap = false;
            key.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    key
}

/// Does a [`words_key`] hold one of `words` as whole words?
pub fn key_has_any(key: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && contains_words(key, w))
}

/// Is `needle` in `hay` at word boundaries (spaces or the ends)? The same
/// test as looking for " needle " in " hay ", without building either.
fn contains_words(hay: &str, needle: &str) -> bool {
    let bytes = hay.as_bytes();
    hay.match_indices(needle).any(|(i, _)| {
        let end = i + needle.len();
        (i == 0 || bytes[i - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_vocabulary_parses() {
        let v = Vocab::parse(DEFAULT_TOML).expect("default report.toml parses");
        assert!(v.lead_cues.iter().any(|c| c == "lead"));
        assert_eq!(
            v.lead_cues.first().map(String::len),
            Some("priority leads".len())
        );
        assert!(v.is_org_word("Council"));
        assert!(v.is_role_word("Chair,"));
        assert!(v.is_honorific("Cllr"));
    }

    #[test]
    fn keys() {
        assert_eq!(word_key("Children\u{2019}s"), "children");
        assert_eq!(phrase_key(" TITLE,  ORGANISATION "), "title, organisation");
        let v = Vocab::builtin();
        assert!(has_any_phrase("Actual Income 2021/22", &v.income_words));
        assert!(!has_any_phrase("Incomes", &v.income_words));
        assert_eq!(
            words_key("  Actual, Income/2021-22 (ESCC) "),
            "actual income 2021-22 escc"
        );
        assert_eq!(
            words_key("A/B, C & D"),
            phrase_key("A/B, C & D")
                .replace([',', '/'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
