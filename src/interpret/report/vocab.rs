//! The annual-report vocabulary (`grammars/report.toml`), typed.
//!
//! Why a file of its own rather than a field of `Grammars`: the grammar
//! loader is owned elsewhere; until it carries `report.toml`, the embedded
//! default is parsed here once. Words only: every rule that uses them takes
//! its structure from the document.

use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded default vocabulary.
pub const DEFAULT_TOML: &str = include_str!("../../../grammars/report.toml");

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Vocab {
    pub report_names: Vec<String>,
    pub report_of: Vec<String>,
    pub lead_cues: Vec<String>,
    pub lead_separators: Vec<String>,
    pub person_name_headers: Vec<String>,
    pub person_post_headers: Vec<String>,
    pub person_organisation_headers: Vec<String>,
    pub honorifics: Vec<String>,
    pub months: Vec<String>,
    pub tenure_words: Vec<String>,
    pub post_of_body: Vec<String>,
    pub organisation_words: Vec<String>,
    pub role_words: Vec<String>,
    pub glossary_headings: Vec<String>,
    pub glossary_term_headers: Vec<String>,
    pub glossary_meaning_headers: Vec<String>,
    pub income_words: Vec<String>,
    pub expenditure_words: Vec<String>,
    pub total_words: Vec<String>,
    pub page_words: Vec<String>,
}

impl Vocab {
    /// Parse a vocabulary file; `None` when it is not valid TOML of this shape.
    pub fn parse(text: &str) -> Option<Vocab> {
        let v: Vocab = toml::from_str(text).ok()?;
        Some(v.prepared())
    }

    /// Ready a vocabulary deserialised elsewhere (e.g. by the grammar
    /// loader, after merging a user's `report.toml`): words lower-cased and
    /// longest first.
    pub fn prepared(mut self) -> Vocab {
        self.lower();
        self
    }

    /// The embedded default, parsed once. A broken default is a build bug
    /// (a unit test parses it), so the fallback is an empty vocabulary
    /// rather than a panic.
    pub fn builtin() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| Vocab::parse(DEFAULT_TOML).unwrap_or_default())
    }

    fn lower(&mut self) {
        for list in [
            &mut self.report_names,
            &mut self.report_of,
            &mut self.lead_cues,
            &mut self.person_name_headers,
            &mut self.person_post_headers,
            &mut self.person_organisation_headers,
            &mut self.honorifics,
            &mut self.months,
            &mut self.tenure_words,
            &mut self.post_of_body,
            &mut self.organisation_words,
            &mut self.role_words,
            &mut self.glossary_headings,
            &mut self.glossary_term_headers,
            &mut self.glossary_meaning_headers,
            &mut self.income_words,
            &mut self.expenditure_words,
            &mut self.total_words,
            &mut self.page_words,
        ] {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
            // Longest first, so "joint leads" is tried before "lead".
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
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
    let key = format!(" {} ", phrase_key(text).replace([',', '/'], " "));
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = format!(" {key} ");
    words
        .iter()
        .any(|w| !w.is_empty() && key.contains(&format!(" {w} ")))
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
    }
}
