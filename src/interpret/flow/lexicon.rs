//! The vocabulary the flow interpreter uses to tell cells apart, loaded from
//! `grammars/cells.toml`.
//!
//! Why a file of its own: these cues (posts, ranks, month words) decide cell
//! kinds only where a plan has lost its grid; they are data, so a user meeting
//! a new post title edits the TOML rather than the code. The file is embedded
//! so the binary works alone.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded default.
const CELLS_TOML: &str = include_str!("../../../grammars/cells.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct Raw {
    posts: Vec<String>,
    ranks: Vec<String>,
    months: Vec<String>,
    seasons: Vec<String>,
    lead_ins: Vec<String>,
    function_words: Vec<String>,
}

/// Cell cues, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Posts and ranks, case as written.
    pub person_words: HashSet<String>,
    /// Months and seasons, lower case.
    pub months: HashSet<String>,
    pub seasons: HashSet<String>,
    /// Lead-in phrases as lower-case word lists.
    pub lead_ins: Vec<Vec<String>>,
    /// Lower case.
    pub function_words: HashSet<String>,
}

impl Lexicon {
    fn from_raw(raw: Raw) -> Self {
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect();
        Lexicon {
            person_words: raw.posts.into_iter().chain(raw.ranks).collect(),
            months: lower(raw.months),
            seasons: lower(raw.seasons),
            lead_ins: raw
                .lead_ins
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            function_words: lower(raw.function_words),
        }
    }

    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str::<Raw>(text).map(Self::from_raw)
    }

    /// Is `word` (punctuation already stripped) a month or season?
    pub fn is_date_word(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.months.contains(&w) || self.seasons.contains(&w)
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(&word.to_lowercase())
    }
}

/// The embedded lexicon. A broken embedded file (caught by the unit test)
/// degrades to an empty lexicon rather than a panic.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(CELLS_TOML).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_cells_toml_parses() {
        let lex = Lexicon::parse(CELLS_TOML).unwrap();
        assert!(lex.person_words.contains("Head"));
        assert!(lex.person_words.contains("DCI"));
        assert!(lex.is_date_word("October"));
        assert!(lex.is_date_word("autumn"));
        assert!(lex.is_function_word("Of"));
        assert!(!lex.lead_ins.is_empty());
    }
}
