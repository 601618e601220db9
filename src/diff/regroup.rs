//! Splits (one old action printed as several new ones) and merges (several
//! old actions printed as one), found after pairing.
//!
//! A split is an old action that its own pair alone no longer covers, and
//! whose words are covered by two or more new actions each made mostly of
//! its words (each new action unpaired, or the old action's own pair). A
//! merge is the same with old and new swapped. A split or merge replaces the
//! pairing it absorbs: it is reported as one change, without field changes.

use std::collections::HashSet;

use super::matching::{Entry, Pair};
use super::text::containment;

/// Share of a piece's words that must come from the whole it was split
/// from or merged into. Pieces gain a few words of their own ("Review" for
/// "Revise", a new object), so not all of them.
pub const PART_CONTAINMENT: f64 = 0.7;

/// Share of the whole's words that the pieces together must cover.
pub const WHOLE_COVERAGE: f64 = 0.8;

/// Share of the whole's words at or above which its own pair alone keeps
/// it: the whole was reworded or extended, not split or merged. Below it,
/// the pair lost at least a tenth of the whole's words to other items
/// (measured 0.77 for "Publish a monthly report for managers at every
/// level, with team-level data" split off "team-level data").
pub const KEPT_COVERAGE: f64 = 0.9;

/// Fewest words a piece needs: a two-word fragment ("Audit referrals") is
/// contained in many actions and proves nothing.
pub const MIN_PIECE_WORDS: usize = 3;

/// One whole and the pieces it became (or came from).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub whole: usize,
    pub pieces: Vec<usize>,
    pub coverage: f64,
}

/// Which side of a pair is the whole (old for splits, new for merges).
#[derive(Debug, Clone, Copy)]
pub enum Direction {
    Split,
    Merge,
}

impl Direction {
    fn whole_of(self, p: &Pair) -> usize {
        match self {
            Direction::Split => p.old,
            Direction::Merge => p.new,
        }
    }
    fn piece_of(self, p: &Pair) -> usize {
        match self {
            Direction::Split => p.new,
            Direction::Merge => p.old,
        }
    }
}

/// Find the groups of one direction; the pairs they absorb are removed from
/// `pairs`. `blocked_*` are items already in a group of the other direction.
pub fn find(
    dir: Direction,
    wholes: &[Entry],
    pieces: &[Entry],
    pairs: &mut Vec<Pair>,
    blocked_wholes: &HashSet<usize>,
    blocked_pieces: &HashSet<usize>,
) -> Vec<Group> {
    let paired_pieces: HashSet<usize> = pairs.iter().map(|p| dir.piece_of(p)).collect();
    let mut used: HashSet<usize> = blocked_pieces.clone();
    let mut groups = Vec::new();
    for (w, whole) in wholes.iter().enumerate() {
        if blocked_wholes.contains(&w) {
            continue;
        }
        let own = pairs
            .iter()
            .find(|p| dir.whole_of(p) == w)
            .map(|p| dir.piece_of(p));
        if own.is_some_and(|m| containment(&whole.words, &pieces[m].words) >= KEPT_COVERAGE) {
            continue;
        }
        let found: Vec<usize> = (0..pieces.len())
            .filter(|&j| !used.contains(&j) && (Some(j) == own || !paired_pieces.contains(&j)))
            .filter(|&j| {
                pieces[j].words.len() >= MIN_PIECE_WORDS
                    && containment(&pieces[j].words, &whole.words) >= PART_CONTAINMENT
            })
            .collect();
        if found.len() < 2 {
            continue;
        }
        let union: HashSet<String> = found
            .iter()
            .flat_map(|&j| pieces[j].words.iter().cloned())
            .collect();
        let coverage = containment(&whole.words, &union);
        if coverage < WHOLE_COVERAGE {
            continue;
        }
        used.extend(&found);
        pairs.retain(|p| dir.whole_of(p) != w);
        groups.push(Group {
            whole: w,
            pieces: found,
            coverage,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::super::matching::pair;
    use super::*;

    fn entries(items: &[(Option<&str>, &str)]) -> Vec<Entry> {
        items.iter().map(|(r, t)| Entry::new(*r, t)).collect()
    }

    #[test]
    fn an_action_split_in_two_is_one_split() {
        let old = entries(&[
            (Some("1.1"), "Publish the neglect strategy"),
            (
                Some("1.2"),
                "Revise the escalation policy for all agencies and republish it on the partnership website",
            ),
        ]);
        let new = entries(&[
            (Some("1.1"), "Publish the neglect strategy"),
            (Some("1.2"), "Revise the escalation policy for all agencies"),
            (
                Some("1.3"),
                "Republish the escalation policy on the partnership website",
            ),
        ]);
        let mut pairs = pair(&old, &new);
        let none = HashSet::new();
        let groups = find(Direction::Split, &old, &new, &mut pairs, &none, &none);
        assert_eq!(groups.len(), 1);
        assert_eq!((groups[0].whole, groups[0].pieces.clone()), (1, vec![1, 2]));
        assert_eq!(pairs.len(), 1, "the 1.2 pair is absorbed: {pairs:?}");
    }

    #[test]
    fn two_actions_merged_are_one_merge_and_a_kept_action_is_neither() {
        let old = entries(&[
            (Some("2.1"), "Audit strategy discussions with the police"),
            (
                Some("2.2"),
                "Report the strategy discussion audit to the board",
            ),
            (
                Some("2.3"),
                "Train duty social workers in the escalation policy",
            ),
        ]);
        let new = entries(&[
            (
                Some("2.1"),
                "Audit strategy discussions with the police and report the audit to the board",
            ),
            (
                Some("2.2"),
                "Train duty social workers in the escalation policy",
            ),
        ]);
        let mut pairs = pair(&old, &new);
        let none = HashSet::new();
        let splits = find(Direction::Split, &old, &new, &mut pairs, &none, &none);
        assert!(splits.is_empty());
        let merges = find(Direction::Merge, &new, &old, &mut pairs, &none, &none);
        assert_eq!(merges.len(), 1);
        assert_eq!((merges[0].whole, merges[0].pieces.clone()), (0, vec![0, 1]));
        assert_eq!(pairs.len(), 1);
    }

    #[test]
    fn a_new_action_on_the_same_theme_is_not_a_split() {
        let old = entries(&[(
            Some("3.1"),
            "Deliver neglect training to school staff and early help workers",
        )]);
        let new = entries(&[
            (
                Some("3.1"),
                "Deliver neglect training to school staff and early help workers",
            ),
            (Some("3.2"), "Deliver neglect training to GPs"),
        ]);
        let mut pairs = pair(&old, &new);
        let none = HashSet::new();
        assert!(find(Direction::Split, &old, &new, &mut pairs, &none, &none).is_empty());
    }
}
