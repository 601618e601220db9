//! What each form spans on the calendar: seasons, financial quarters and
//! years, months, and a part with its year.

use super::calendar::Date;
use super::forms::{Part, Tail};
use super::lexicon::Season;

pub(super) fn season_range(s: Season, year: i32) -> (Date, Date) {
    match s {
        Season::Spring => (Date::first_of(year, 3), Date::last_of(year, 5)),
        Season::Summer => (Date::first_of(year, 6), Date::last_of(year, 8)),
        Season::Autumn => (Date::first_of(year, 9), Date::last_of(year, 11)),
        Season::Winter => (Date::first_of(year, 12), Date::last_of(year + 1, 2)),
    }
}

/// School terms: autumn September-December, spring January-March, summer
/// April-July. With a financial or academic year ("Spring term 2025/26")
/// the spring and summer terms fall in its second calendar year. Winter is
/// no school term: it stays the season.
pub(super) fn term_range(s: Season, year: i32, split_year: bool) -> (Date, Date) {
    let later = if split_year { year + 1 } else { year };
    match s {
        Season::Autumn => (Date::first_of(year, 9), Date::last_of(year, 12)),
        Season::Spring => (Date::first_of(later, 1), Date::last_of(later, 3)),
        Season::Summer => (Date::first_of(later, 4), Date::last_of(later, 7)),
        Season::Winter => season_range(s, year),
    }
}

/// September to August: the academic year starting in `year`.
pub(super) fn academic_range(year: i32) -> (Date, Date) {
    (Date::first_of(year, 9), Date::last_of(year + 1, 8))
}

/// Quarter `q` (1-4) of the financial year starting in April of `fy`.
pub(super) fn quarter_range(q: u8, fy: i32) -> (Date, Date) {
    let (y, m) = match q {
        1 => (fy, 4),
        2 => (fy, 7),
        3 => (fy, 10),
        _ => (fy + 1, 1),
    };
    (Date::first_of(y, m), Date::last_of(y, m + 2))
}

pub(super) fn fy_range(fy: i32) -> (Date, Date) {
    (Date::first_of(fy, 4), Date::last_of(fy + 1, 3))
}

pub(super) fn month_range(m: u8, y: i32) -> (Date, Date) {
    (Date::first_of(y, m), Date::last_of(y, m))
}

/// The range of a part in a year. Quarters count financial years; a season
/// or month with a financial year falls in the year it starts in ("Winter
/// 2020/21" is December 2020 to February 2021).
pub(super) fn part_range(p: Part, t: Tail) -> Option<(Date, Date)> {
    Some(match (p, t) {
        (Part::Quarter(q), Tail::Fin(y) | Tail::Year(y)) => quarter_range(q, y),
        (Part::Season(s), Tail::Fin(y) | Tail::Year(y)) => season_range(s, y),
        (Part::Term(s), Tail::Year(y)) => term_range(s, y, false),
        (Part::Term(s), Tail::Fin(y)) => term_range(s, y, true),
        (Part::Month(m), Tail::Year(y)) => month_range(m, y),
        (Part::Month(m), Tail::Fin(y)) => month_range(m, if m >= 4 { y } else { y + 1 }),
        (Part::DayMonth(d, m), Tail::Year(y)) => {
            let dt = Date::new(y, m, d)?;
            (dt, dt)
        }
        (Part::DayMonth(..), Tail::Fin(_)) => return None,
    })
}
