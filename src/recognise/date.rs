//! Date expressions (PLACEHOLDER: month-year only; the full nom grammar is
//! issue 4's work).

use std::fmt;

use super::Grammars;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date expression found in text, as a closed range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// The expression as printed.
    pub text: String,
    pub start: Date,
    pub end: Date,
    /// Byte offset of the expression in the searched text.
    pub offset: usize,
}

/// Every date expression in `text`, in order.
pub fn find_dates(text: &str, _g: &Grammars) -> Vec<DateExpr> {
    let _ = text;
    Vec::new()
}

/// The due date of a timescale cell: the end of its first deadline-like
/// expression.
pub fn due(text: &str, g: &Grammars) -> Option<Date> {
    find_dates(text, g).first().map(|d| d.end)
}
