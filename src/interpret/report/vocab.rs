//! The annual-report vocabulary (`grammars/report.toml`), typed.
//!
//! The words come from `report.toml` through the grammar loader (so
//! `--grammars DIR` extends them); every rule that uses them takes its
//! structure from the document.

use std::sync::OnceLock;

/// The embedded default vocabulary.
pub const DEFAULT_TOML: &str = include_str!("../../../grammars/report.toml");

/// The vocabulary is loaded (and user-overridable) with the other grammars;
/// this module gives it the lookups the report rules use, all through the
/// one phrase matcher (`Vocab::phrases`, `recognise::phrase`).
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
        self.phrases()
            .organisation_words
            .whole(&word_key(word))
            .is_some()
    }

    /// A post word, singular or plural ("Manager", "Managers").
    pub fn is_role_word(&self, word: &str) -> bool {
        let k = word_key(word);
        let roles = &self.phrases().role_words;
        roles.whole(&k).is_some()
            || k.strip_suffix('s')
                .is_some_and(|s| roles.whole(s).is_some())
    }

    pub fn is_honorific(&self, word: &str) -> bool {
        self.phrases().honorifics.whole(&word_key(word)).is_some()
    }

    /// A small lower-case word inside a person's name ("de", "van").
    pub fn is_name_particle(&self, word: &str) -> bool {
        self.phrases().name_particles.whole(word).is_some()
    }

    /// A word that joins the words of a body's name ("of", "for"), or a
    /// lone `&` or `-` printed as one.
    pub fn is_joiner(&self, word: &str) -> bool {
        matches!(word, "&" | "-") || self.phrases().joiners.whole(word).is_some()
    }
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
        let v = Vocab::builtin().phrases();
        assert!(v.income_words.contains("Actual Income 2021/22"));
        assert!(!v.income_words.contains("Incomes"));
    }

    #[test]
    fn words_are_matched_whole_any_case_punctuation_as_space() {
        let v = Vocab::builtin();
        // Word boundaries.
        assert!(v.is_role_word("Chairs") && !v.is_role_word("Chairside"));
        assert!(!v.is_org_word("Councils-to-be"));
        assert!(
            !v.phrases()
                .glossary_headings
                .contains("Termsheet of the pier")
        );
        // Possessives and case.
        assert!(v.is_org_word("COUNCIL's"));
        assert!(v.is_honorific("(Revd)"));
        // Leftmost-longest: the longest cue is the one found.
        let cue = v.phrases().lead_cues.opening("Lead officers: Ann Poe");
        assert_eq!(cue.map(|f| f.raw_end), Some("Lead officers".len()));
        // Punctuation reads as a space; a lone joiner mark still joins.
        assert!(
            v.phrases()
                .total_words
                .opening("Sub-total: ferries")
                .is_some()
        );
        assert!(v.is_joiner("&") && v.is_joiner("For") && !v.is_joiner("Ford"));
        assert!(v.is_name_particle("van") && !v.is_name_particle("Vans"));
    }
}
