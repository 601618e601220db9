//! Text comparison for diffs: the contract's normalisation, a layout-blind
//! comparison key, word tokens and the similarity measures matching uses.
//!
//! Why a key beyond the contract's normalisation: the same plan printed as
//! DOCX and as PDF breaks lines in different places, and a word broken at a
//! hyphen or a line end reads "Co- ordinator" in one and "Co-ordinator" in
//! the other. A diff must not report that as a change, so texts are compared
//! on their letters and digits only, case-folded. An edit that changes only
//! punctuation, case or spacing is therefore not reported; plan updates do
//! not make such edits, page layouts do.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

pub use crate::contract::norm;

/// The comparison key: letters and digits of the normalised text, lower
/// case, nothing else. Two texts with equal keys are the same text laid out
/// differently.
pub fn key(s: &str) -> String {
    s.nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two optional texts are the same text (both absent, or equal keys).
pub fn same(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(key).filter(|k| !k.is_empty()) == b.map(key).filter(|k| !k.is_empty())
}

/// Lower-case words (runs of letters and digits). A word broken at a
/// hyphen counts as its parts in both layouts, so hyphenation moves no word
/// in or out of the set.
pub fn words(s: &str) -> HashSet<String> {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token-set Jaccard similarity: shared words over all words, 0..=1.
/// Order-blind, so a reworded action that keeps its substance scores high
/// however its clauses were moved; two empty texts are identical (1.0).
pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// How much of `part` is found in `whole`: shared words over the words of
/// `part`, 0..=1. A piece split off an action is contained in it.
pub fn containment(part: &HashSet<String>, whole: &HashSet<String>) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.intersection(whole).count() as f64 / part.len() as f64
}

/// Round a similarity to three decimals for output, so JSON stays stable
/// across platforms' float printing.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_follows_the_contract() {
        assert_eq!(
            norm("  \u{201c}Plan\u{201d} \u{2013} it\u{2019}s\n done "),
            "\"Plan\" - it's done"
        );
    }

    #[test]
    fn layout_only_differences_share_a_key() {
        assert_eq!(
            key("Missing Persons Co- ordinator"),
            key("Missing Persons Co-ordinator")
        );
        assert_eq!(key("3 rd June\n2021"), key("3rd June 2021"));
        assert_ne!(key("June 2021"), key("July 2021"));
        assert!(same(None, Some("  - ")));
        assert!(!same(None, Some("Ongoing")));
    }

    #[test]
    fn similarity_of_a_rewording_is_high_and_of_another_action_low() {
        let a = words("Revise and republish escalation processes agreed by all partners");
        let b = words("Review, revise and republish the escalation processes agreed by partners");
        let c = words("Deliver training on neglect to school staff");
        assert!(jaccard(&a, &b) > 0.6, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.1);
        assert_eq!(jaccard(&words(""), &words("")), 1.0);
    }

    #[test]
    fn containment_measures_the_part() {
        let whole = words("Audit referrals and publish the findings to partners");
        let part = words("Audit referrals");
        assert_eq!(containment(&part, &whole), 1.0);
        assert!(containment(&whole, &part) < 0.3);
        assert_eq!(containment(&words(""), &whole), 0.0);
    }
}
