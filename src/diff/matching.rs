//! Pairing the items (actions or findings) of two versions.
//!
//! Why tiers, not refs alone: an update that removes action 1.3 renumbers
//! 1.4 as 1.3, so "same ref" would pair two different actions. Pairs are
//! taken greedily in tiers, strongest evidence first, each item used once:
//! 1. same ref and the same text;
//! 2. the same text under another ref (renumbered);
//! 3. same ref and similar text (reworded in place), Jaccard at or above
//!    [`SAME_REF_THRESHOLD`];
//! 4. similar text under another or no ref, at or above [`TEXT_THRESHOLD`].
//!
//! Within a tier the most similar pair goes first, ties in document order.

use std::collections::HashSet;

use super::text::{jaccard, key, words};
use super::types::MatchBy;

/// Token-set Jaccard at or above which two items with different (or no)
/// refs are taken as the same item. A rewording that keeps an action's
/// substance keeps most of its words (measured ≥ 0.6 on the rewordings in
/// `corpus/versions/`); two different actions of one plan share under 0.4.
pub const TEXT_THRESHOLD: f64 = 0.5;

/// Jaccard at or above which two items printing the same ref are the same
/// item. Lower than [`TEXT_THRESHOLD`] because the shared ref is evidence
/// too, but not zero: a ref reused for a different action after a
/// renumbering shares few words with the old one.
pub const SAME_REF_THRESHOLD: f64 = 0.3;

/// An item reduced to what matching compares.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The ref's comparison key (case and punctuation folded), if printed.
    pub ref_key: Option<String>,
    pub key: String,
    pub words: HashSet<String>,
}

impl Entry {
    pub fn new(ref_: Option<&str>, text: &str) -> Self {
        Entry {
            ref_key: ref_.map(key).filter(|k| !k.is_empty()),
            key: key(text),
            words: words(text),
        }
    }
}

/// A pair of item indexes (old, new) and its evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub old: usize,
    pub new: usize,
    pub by: MatchBy,
    pub similarity: f64,
}

/// Pair the items of two versions; unpaired items are the ones absent from
/// the pairs.
pub fn pair(old: &[Entry], new: &[Entry]) -> Vec<Pair> {
    let mut candidates = Vec::new();
    for (i, o) in old.iter().enumerate() {
        for (j, n) in new.iter().enumerate() {
            let sim = jaccard(&o.words, &n.words);
            let same_ref = o.ref_key.is_some() && o.ref_key == n.ref_key;
            let same_text = !o.key.is_empty() && o.key == n.key;
            let tier = match (same_ref, same_text) {
                (true, true) => 1,
                (false, true) => 2,
                (true, false) if sim >= SAME_REF_THRESHOLD => 3,
                (false, false) if sim >= TEXT_THRESHOLD => 4,
                _ => continue,
            };
            candidates.push((tier, sim, i, j, same_ref));
        }
    }
    candidates.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs = Vec::new();
    for (_, sim, i, j, same_ref) in candidates {
        if old_used[i] || new_used[j] {
            continue;
        }
        old_used[i] = true;
        new_used[j] = true;
        pairs.push(Pair {
            old: i,
            new: j,
            by: if same_ref {
                MatchBy::Ref
            } else {
                MatchBy::Text
            },
            similarity: sim,
        });
    }
    pairs.sort_by_key(|p| p.new);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(items: &[(Option<&str>, &str)]) -> Vec<Entry> {
        items.iter().map(|(r, t)| Entry::new(*r, t)).collect()
    }

    fn pairs_of(old: &[Entry], new: &[Entry]) -> Vec<(usize, usize, MatchBy)> {
        pair(old, new)
            .into_iter()
            .map(|p| (p.old, p.new, p.by))
            .collect()
    }

    #[test]
    fn a_removed_action_does_not_pair_its_ref_with_the_renumbered_next() {
        let old = entries(&[
            (Some("1.1"), "Publish the revised escalation policy"),
            (
                Some("1.2"),
                "Train duty social workers in the escalation policy",
            ),
            (
                Some("1.3"),
                "Audit escalations every quarter and report to the board",
            ),
        ]);
        let new = entries(&[
            (Some("1.1"), "Publish the revised escalation policy"),
            (
                Some("1.2"),
                "Audit escalations every quarter and report to the board",
            ),
        ]);
        assert_eq!(
            pairs_of(&old, &new),
            vec![(0, 0, MatchBy::Ref), (2, 1, MatchBy::Text)]
        );
    }

    #[test]
    fn a_reworded_action_keeps_its_ref_pair() {
        let old = entries(&[(Some("2.1"), "Hold a multi-agency neglect audit")]);
        let new = entries(&[(Some("2.1"), "Hold a multi-agency audit of neglect cases")]);
        assert_eq!(pairs_of(&old, &new), vec![(0, 0, MatchBy::Ref)]);
    }

    #[test]
    fn unnumbered_items_pair_by_text_and_unrelated_ones_stay_apart() {
        let old = entries(&[
            (None, "Brief school staff on the neglect toolkit"),
            (None, "Review the missing children protocol"),
        ]);
        let new = entries(&[
            (None, "Review the missing children protocol with the police"),
            (None, "Commission an independent scrutiny of the front door"),
        ]);
        assert_eq!(pairs_of(&old, &new), vec![(1, 0, MatchBy::Text)]);
    }

    #[test]
    fn refs_compare_without_punctuation_or_case() {
        let old = entries(&[(Some("2(iii)"), "Hold a multi-agency neglect audit")]);
        let new = entries(&[(Some("2 (III)"), "Hold a neglect audit across agencies")]);
        assert_eq!(pairs_of(&old, &new), vec![(0, 0, MatchBy::Ref)]);
    }
}
