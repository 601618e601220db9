//! A bound on the text a document copies into its findings and actions.
//!
//! Why: a section heading, a lead cell or a timescale cell merged down the
//! rows is copied into every action it covers. Each copy is bounded (the
//! contract keeps 16 KB of a field), but their number grows with the rows,
//! so a damaged save whose 16 KB heading covered 6,800 actions made a
//! 110 MB document from 3 MB, and one with a merged timescale a 70 MB one
//! from 240 KB: the document grew with the square of its input. Honest
//! plans copy a few hundred KB at most (a 100-byte heading over 1,000
//! actions); past [`COPY_BUDGET_BYTES`] a copied field of more than
//! [`MAX_LATE_COPY_BYTES`] is cut to that, and one diagnostic counts them.

use crate::contract::{At, Diagnostic, Level};

/// Copied text a document may hold before long copies are cut.
pub const COPY_BUDGET_BYTES: usize = 8 * 1024 * 1024;
/// What a copied field keeps once the budget is spent.
pub const MAX_LATE_COPY_BYTES: usize = 1024;

/// The copies made so far.
#[derive(Debug)]
pub struct Copies {
    left: usize,
    cut: usize,
    /// Where the item whose fields are being copied is printed.
    item: At,
    /// Where the first cut field's item is printed, for the diagnostic.
    first_cut: Option<At>,
}

impl Default for Copies {
    fn default() -> Self {
        Copies {
            left: COPY_BUDGET_BYTES,
            cut: 0,
            item: At::default(),
            first_cut: None,
        }
    }
}

impl Copies {
    /// The fields taken next are those of the item printed at `at`.
    pub fn item_at(&mut self, at: At) {
        self.item = at;
    }

    /// Count `s`, a field copied into one more finding or action; past the
    /// budget a long one is cut (on a character boundary).
    pub fn take(&mut self, s: &mut String) {
        let cost = s.len();
        self.take_costing(s, cost);
    }

    /// [`Copies::take`] for a field whose copy costs more than its text
    /// (a timescale's dates are read from it and written beside it): true
    /// when `s` was cut.
    pub fn take_costing(&mut self, s: &mut String, cost: usize) -> bool {
        if cost <= self.left {
            self.left -= cost;
            return false;
        }
        self.left = 0;
        if s.len() > MAX_LATE_COPY_BYTES {
            s.truncate(s.floor_char_boundary(MAX_LATE_COPY_BYTES));
            self.cut += 1;
            self.first_cut.get_or_insert(self.item);
            return true;
        }
        false
    }

    /// [`Copies::take`] on a field that may be absent.
    pub fn take_opt(&mut self, s: &mut Option<String>) {
        if let Some(s) = s {
            self.take(s);
        }
    }

    /// The fields cut, as one diagnostic (none when nothing was cut).
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        (self.cut > 0).then(|| Diagnostic {
            level: Level::Warning,
            code: "plan.copies_cut".to_string(),
            message: format!(
                "{} copied fields (headings, leads, timescales repeated into many actions) \
                 cut to {MAX_LATE_COPY_BYTES} bytes: the document's copied text passed {} MiB; \
                 the first is at the position given",
                self.cut,
                COPY_BUDGET_BYTES / (1024 * 1024)
            ),
            at: self.first_cut.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_whole_until_the_budget_is_spent_then_long_ones_are_cut() {
        let mut c = Copies::default();
        let field = "é".repeat(4_000); // 8,000 bytes
        let fits = COPY_BUDGET_BYTES / field.len();
        for _ in 0..fits {
            let mut s = field.clone();
            c.take(&mut s);
            assert_eq!(s, field);
        }
        assert!(c.diagnostic().is_none());
        let first = At {
            page: None,
            line: Some(7),
        };
        c.item_at(first);
        let mut late = field.clone();
        c.take(&mut late);
        c.item_at(At {
            page: None,
            line: Some(9),
        });
        let mut later = field.clone();
        c.take(&mut later);
        assert!(late.len() <= MAX_LATE_COPY_BYTES && field.starts_with(&late));
        let mut short = "Invented heading".to_string();
        c.take(&mut short);
        assert_eq!(short, "Invented heading");
        let d = c.diagnostic().expect("one diagnostic");
        assert_eq!(d.code, "plan.copies_cut");
        assert!(d.message.starts_with("2 copied field"));
        assert_eq!(d.at, first, "the first cut is where the diagnostic points");
    }
}
