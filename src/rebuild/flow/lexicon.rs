//! The vocabulary the flow interpreter uses to tell cells apart, gathered
//! from the grammars: post words and cue words from `cells.toml`, ranks and
//! titles from `ranks.toml`, month and season words from `dates.toml`.
//!
//! Why from the grammars: these cues decide cell kinds only where a plan has
//! lost its grid, but they are the same words the recognisers use, so a user
//! who adds a rank or a month spelling (or passes `--grammars DIR`) changes
//! both readings at once.

use std::collections::HashSet;

use crate::recognise::Grammars;

/// Cell cues, ready for lookups.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The grammars, for the date recogniser (a clone: the flow keeps no
    /// borrow of the caller's).
    pub grammars: Grammars,
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
    /// The cues of `g`. Cheap (a few hundred words), so built per document.
    pub fn new(g: &Grammars) -> Self {
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect();
        let spellings = |m: &std::collections::BTreeMap<String, Vec<String>>| {
            m.values()
                .flatten()
                .map(|s| s.to_lowercase())
                .collect::<HashSet<_>>()
        };
        Lexicon {
            grammars: g.clone(),
            person_words: person_words(g),
            months: spellings(&g.dates.months),
            seasons: spellings(&g.dates.seasons),
            lead_ins: g
                .cells
                .lead_ins
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            function_words: lower(&g.cells.function_words),
        }
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

/// Post words, ranks and titles, and each rank with an acting prefix
/// ("T/DCI"), as printed.
fn person_words(g: &Grammars) -> HashSet<String> {
    let r = &g.ranks;
    let acting = r
        .acting_prefixes
        .iter()
        .flat_map(|p| r.ranks.iter().map(move |k| format!("{p}/{k}")));
    g.cells
        .posts
        .iter()
        .chain(&r.ranks)
        .chain(&r.titles)
        .cloned()
        .chain(acting)
        .collect()
}

/// The built-in grammars' cues, for tests.
#[cfg(test)]
pub(super) fn builtin() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| Lexicon::new(&Grammars::builtin()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_come_from_the_grammars() {
        let lex = builtin();
        assert!(lex.person_words.contains("Head"));
        assert!(lex.person_words.contains("DCI"));
        assert!(lex.person_words.contains("T/DCI"));
        assert!(lex.person_words.contains("Dr"));
        assert!(lex.is_date_word("October"));
        assert!(lex.is_date_word("Sept"));
        assert!(lex.is_date_word("autumn"));
        assert!(lex.is_function_word("Of"));
        assert!(!lex.lead_ins.is_empty());
    }

    #[test]
    fn a_user_rank_is_a_person_word() {
        let mut g = Grammars::builtin();
        g.ranks.ranks.push("Cmdt".into());
        assert!(Lexicon::new(&g).person_words.contains("Cmdt"));
    }
}
