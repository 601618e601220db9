//! Anchors and widths: which paragraphs open a finding or an action, and
//! the column widths learnt from them. Both come before the walk because
//! the walk's choices (timescale-narrow, finding-wide) depend on them.

use super::cues::{date_spans, join, lead_like};
use super::lexicon::Lexicon;
use super::para::Para;
use crate::recognise::reference;

/// What a paragraph opens with.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Anchor {
    None,
    /// A finding: its number and the text after it.
    Finding(u32, String),
    /// An action: its ref and the text after it.
    Action(String, String),
}

/// Column widths learnt from the document's own numbered paragraphs.
pub(super) struct Widths {
    pub(super) action: Option<usize>,
    pub(super) finding: Option<usize>,
    /// At or below this a paragraph's lines are timescale-narrow.
    pub(super) narrow: usize,
}

impl Widths {
    /// Is a wrapped paragraph closer to the finding column's width than to
    /// the action column's (only when the two differ clearly)?
    pub(super) fn finding_width(&self, p: &Para) -> bool {
        match (self.finding, self.action) {
            (Some(f), Some(a)) if f.abs_diff(a) >= 8 && p.lines.len() >= 2 => {
                let m = p.width();
                m.abs_diff(f) < m.abs_diff(a)
            }
            _ => false,
        }
    }
}

impl Widths {
    /// Do the finding and action columns differ enough in width to tell
    /// their paragraphs apart?
    pub(super) fn distinct(&self) -> bool {
        matches!((self.finding, self.action), (Some(f), Some(a)) if f.abs_diff(a) >= 8)
    }
}

pub(super) fn median(mut v: Vec<usize>) -> Option<usize> {
    v.sort_unstable();
    v.get(v.len() / 2).copied()
}

/// The width at or below which a paragraph is as narrow as the timescale
/// column: a third of the action column, or wider where the document's own
/// wrapped date cells (paragraphs opening with a date, no lead after it)
/// show a wider column, but never half the action column.
pub(super) fn narrow_width(paras: &[Para], action_width: Option<usize>, lex: &Lexicon) -> usize {
    let base = action_width.map_or(25, |w| (w * 35 / 100).max(20));
    let date_cells: Vec<usize> = paras
        .iter()
        .filter(|p| p.lines.len() >= 2)
        .filter(|p| {
            date_spans(p.first(), lex)
                .first()
                .is_some_and(|s| s.first_word == 0)
        })
        .filter(|p| !lead_like(&p.joined(), lex) && !lead_like(&join(&p.lines[1..]), lex))
        .map(Para::width)
        .collect();
    let cap = action_width.map_or(usize::MAX, |w| w / 2);
    match median(date_cells) {
        Some(m) => base.max((m + 3).min(cap)),
        None => base,
    }
}

/// The first number of a ref ("2" of "2.1"); 0 where unreadable.
pub(super) fn major(r: &str) -> u32 {
    r.split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0)
}

/// "2.1 Text…" → ("2.1", "Text…"): a dotted ref followed by text that opens
/// a sentence.
pub(super) fn action_anchor(p: &Para) -> Option<(String, String)> {
    let (r, rest) = reference::split_ref(p.first())?;
    let opens = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '(' || c == '\'' || c == '"' || c == '\u{2018}');
    (r.contains('.') && opens).then(|| (r, rest.to_string()))
}

/// Findings: a bare number, next in sequence (small gaps allowed), then a
/// capitalised sentence on a line wider than a timescale cell.
pub(super) fn anchors(
    paras: &[Para],
    action_refs: &[Option<(String, String)>],
    narrow: usize,
) -> Vec<Anchor> {
    let mut last: Option<u32> = None;
    paras
        .iter()
        .zip(action_refs)
        .map(|(p, a)| {
            if let Some((r, rest)) = a {
                // An action's first number is its finding's: a dotted number
                // far beyond the findings seen ("29.04.20") is no ref.
                let major = r.split('.').next().and_then(|m| m.parse::<u32>().ok());
                let plausible = match (last, major) {
                    (Some(l), Some(m)) => m <= l + 3,
                    (None, Some(m)) => m >= 1,
                    (_, None) => false,
                };
                return if plausible {
                    Anchor::Action(r.clone(), rest.clone())
                } else {
                    Anchor::None
                };
            }
            let Some((r, rest)) = reference::split_ref(p.first()) else {
                return Anchor::None;
            };
            let Ok(n) = r.parse::<u32>() else {
                return Anchor::None;
            };
            let in_sequence = match last {
                None => (1..=3).contains(&n),
                Some(l) => n > l && n <= l + 3,
            };
            let opens = rest.chars().next().is_some_and(char::is_uppercase);
            if in_sequence && opens && p.width() > narrow {
                last = Some(n);
                Anchor::Finding(n, rest.to_string())
            } else {
                Anchor::None
            }
        })
        .collect()
}
