//! Date expressions: every form UK action plans print, each read as a closed
//! range of days.
//!
//! Why ranges: a timescale of "October 2020" or "Q2 2020/21" is not a day, and
//! a tracker needs both ends (sort by start, chase by end). Every recognised
//! form becomes `{text, start, end}`; `due` takes the end of the first
//! deadline-like one.
//!
//! The grammar is nom parsers over the words of `grammars/dates.toml`
//! (months, seasons, cue words), tried at every word start of the text. A
//! month, season or quarter with no year is not a date ("by July", "Q2 review"),
//! and neither are durations or frequencies ("6 & 18 month audits", "each
//! quarter"), because nothing here reads a number without a year next to it.
//!
//! The grammar is layered: [`lexicon`] (the date words, prepared),
//! [`atoms`] (spaces, words, numbers, years), [`forms`] (days, months,
//! quarters, seasons as printed), [`ranges`] (what each form spans on the
//! calendar), [`expression`] (items, lists, ranges, "end of"), [`scan`]
//! (where expressions stand in a text); [`calendar`] holds the day type.
//! This module is the public face: every expression, the due date, the
//! opening date.

mod atoms;
mod calendar;
mod expression;
mod forms;
mod lexicon;
mod ranges;
mod scan;

use crate::recognise::Grammars;

pub use calendar::{Date, days_in_month, month_number};
pub(crate) use lexicon::Lexicon;
use scan::{Kind, is_whole_cell, scan, scan_with};

/// A date expression found in text, as a closed range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// The expression as printed.
    pub text: String,
    pub start: Date,
    pub end: Date,
    /// Byte offset of the expression in the searched text.
    pub offset: usize,
    /// Byte range of the whole expression in the searched text (a list
    /// sharing one year gives every item the same range).
    pub bytes: std::ops::Range<usize>,
}

/// One date expression where it stands in a text: its byte range, the text
/// it covers (spaces made single) and every closed range it names (two for
/// "Q1 and Q2 2020/21", one for anything else). What a caller that cuts a
/// line at its dates needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSpan {
    pub text: String,
    pub bytes: std::ops::Range<usize>,
    pub ranges: Vec<(Date, Date)>,
}

impl DateSpan {
    /// The earliest start of its ranges.
    pub fn start(&self) -> Option<Date> {
        self.ranges.iter().map(|r| r.0).min()
    }
    /// The latest end of its ranges.
    pub fn end(&self) -> Option<Date> {
        self.ranges.iter().map(|r| r.1).max()
    }
}

/// Every date expression in `text` as a span, in order.
pub fn spans(text: &str, g: &Grammars) -> Vec<DateSpan> {
    scan(text, g)
        .into_iter()
        .map(|f| DateSpan {
            text: squeeze(text.get(f.start..f.end).unwrap_or("")),
            bytes: f.start..f.end,
            ranges: f.ranges,
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every date expression in `text`, in order. A list sharing one year
/// ("Q1 and Q2 2020/21", "Autumn/Winter 2020") gives one range per item, all
/// with the list's text and offset.
pub fn find_dates(text: &str, g: &Grammars) -> Vec<DateExpr> {
    spans(text, g)
        .into_iter()
        .flat_map(|f| {
            let bytes = f.bytes;
            let t = f.text;
            f.ranges.into_iter().map(move |(s, e)| DateExpr {
                text: t.clone(),
                start: s,
                end: e,
                offset: bytes.start,
                bytes: bytes.clone(),
            })
        })
        .collect()
}

/// The due date of a timescale cell: the end of its first deadline-like
/// expression (the later end of a list sharing one year, "Q1 and Q2
/// 2020/21"). A financial year is deadline-like only when it is the whole
/// cell ("2024/25", "by 2024/25"): inside a longer cell it names a plan or
/// a period ("Locality PiP 2020/2021") and is skipped.
pub fn due(text: &str, g: &Grammars) -> Option<Date> {
    let lex = g.date_lexicon();
    scan_with(text, lex)
        .into_iter()
        .find(|f| f.kind == Kind::Other || is_whole_cell(text, f.start, f.end, lex))
        .and_then(|f| f.ranges.iter().map(|r| r.1).max())
}

/// Start of the date that opens `text` (after leading space and bullet
/// marks), if it opens with one: how a progress entry is dated.
pub fn leading_date(text: &str, g: &Grammars) -> Option<Date> {
    let trimmed = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | '(')
    });
    let skip = text.len() - trimmed.len();
    let found = scan(text, g);
    let first = found.first()?;
    if first.start != skip {
        return None;
    }
    first.ranges.iter().map(|r| r.0).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        let p: Vec<i32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        Date::new(p[0], p[1] as u8, p[2] as u8).unwrap()
    }

    fn ranges(t: &str) -> Vec<(String, String, String)> {
        find_dates(t, &Grammars::builtin())
            .into_iter()
            .map(|e| (e.text, e.start.to_string(), e.end.to_string()))
            .collect()
    }

    fn one(t: &str, s: &str, e: &str) {
        let r = ranges(t);
        assert_eq!(r.len(), 1, "{t}: {r:?}");
        assert_eq!((r[0].1.as_str(), r[0].2.as_str()), (s, e), "{t}");
    }

    #[test]
    fn contract_table() {
        one("3rd June 2020", "2020-06-03", "2020-06-03");
        one("3 rd June 2020", "2020-06-03", "2020-06-03");
        one("29/04/20", "2020-04-29", "2020-04-29");
        one("29.04.2020", "2020-04-29", "2020-04-29");
        one("October 2020", "2020-10-01", "2020-10-31");
        one("Oct-20", "2020-10-01", "2020-10-31");
        one("Jan-16", "2016-01-01", "2016-01-31");
        one("Feb-16", "2016-02-01", "2016-02-29");
        one("Sept 2020", "2020-09-01", "2020-09-30");
        one("End of June 2020", "2020-06-30", "2020-06-30");
        one("Q2 2020/21", "2020-07-01", "2020-09-30");
        one("2020/21", "2020-04-01", "2021-03-31");
        one("2020/2021", "2020-04-01", "2021-03-31");
        one("Spring 2021", "2021-03-01", "2021-05-31");
        one("Summer 2021", "2021-06-01", "2021-08-31");
        one("Autumn 2020", "2020-09-01", "2020-11-30");
        one("Winter 2020", "2020-12-01", "2021-02-28");
        one("January 2021 to June 2021", "2021-01-01", "2021-06-30");
        one("2016", "2016-01-01", "2016-12-31");
        one("20 th April 2020", "2020-04-20", "2020-04-20");
        one("2020-06-03", "2020-06-03", "2020-06-03");
        one("June 3rd, 2020", "2020-06-03", "2020-06-03");
        one("end of Q2 2020/21", "2020-09-30", "2020-09-30");
        one("Winter 2020/21", "2020-12-01", "2021-02-28");
        one("January – June 2021", "2021-01-01", "2021-06-30");
        one("Jan-16 - Mar-16", "2016-01-01", "2016-03-31");
        one("Q3 20/21", "2020-10-01", "2020-12-31");
        one("end-March 2021", "2021-03-31", "2021-03-31");
    }

    #[test]
    fn lists_give_one_range_each() {
        let r = ranges("Business case approved Q1 and Q2 2020/21 service model");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "Q1 and Q2 2020/21");
        assert_eq!(
            (r[1].1.as_str(), r[1].2.as_str()),
            ("2020-07-01", "2020-09-30")
        );
        let r = ranges("Autumn/Winter 2020");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].2, "2021-02-28");
        one("January to June 2021", "2021-01-01", "2021-06-30");
    }

    #[test]
    fn not_dates() {
        for t in [
            "Q2 review as planned",
            "by July",
            "Further 6 & 18 month audits",
            "review each quarter",
            "12 month implementation",
            "over 6 months",
            "1.1 Undertake",
            "15.23",
            "0 – 19",
            "Covid-19",
            "Wednesday 9th March",
            "scored 20/21 on the audit",
            "1066",
            "March 1850",
            "Q2 2250/51",
        ] {
            assert!(ranges(t).is_empty(), "{t}: {:?}", ranges(t));
        }
    }

    #[test]
    fn due_skips_plan_names() {
        let g = Grammars::builtin();
        assert_eq!(
            due(
                "Include within Locality PiP 2020/2021 launched on 3rd June 2020",
                &g
            ),
            Some(d("2020-06-03"))
        );
        assert_eq!(due("2024/25", &g), Some(d("2025-03-31")));
        assert_eq!(due("by 2024/25", &g), Some(d("2025-03-31")));
        assert_eq!(
            due("during the 2024/25 financial year", &g),
            Some(d("2025-03-31"))
        );
        assert_eq!(due("Include in MACE action plan 2020/21", &g), None);
        assert_eq!(
            due(
                "Programme developed - end of December 2020 Programme run January 2021 to June 2021",
                &g
            ),
            Some(d("2020-12-31"))
        );
        assert_eq!(due("Autumn/Winter 2020", &g), Some(d("2021-02-28")));
        assert_eq!(due("Completed", &g), None);
        assert_eq!(due("May 2020 - complete", &g), Some(d("2020-05-31")));
    }

    #[test]
    fn leading_dates() {
        let g = Grammars::builtin();
        assert_eq!(
            leading_date("12th October 2015 - trial", &g),
            Some(d("2015-10-12"))
        );
        assert_eq!(leading_date("Trial on 24/09/2015", &g), None);
    }

    #[test]
    fn pdf_dump_line_breaks() {
        let g = Grammars::builtin();
        let t = "Include within\nLocality PiP\n2020/2021 to be\nlaunched on 3\nrd\nJune 2020.";
        let r = ranges(t);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1].1, "2020-06-03");
        assert_eq!(r[1].0, "3 rd June 2020");
        assert_eq!(due(t, &g), Some(d("2020-06-03")));
        one(
            "be launched on\n20\nth\n April 2020",
            "2020-04-20",
            "2020-04-20",
        );
    }

    #[test]
    fn glyph_spaced_year() {
        one("September 202 0", "2020-09-01", "2020-09-30");
    }
}
