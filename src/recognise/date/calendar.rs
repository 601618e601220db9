//! Calendar days: the day type every range is made of, and the month
//! arithmetic (month lengths, month keys) the ranges need.

use std::fmt;

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

impl Date {
    /// A valid day, or None ("31/02/2020" is not a date).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub(super) fn first_of(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: 1,
        }
    }

    /// The day `n` days after this one.
    pub(super) fn plus_days(self, n: u32) -> Date {
        let mut d = self;
        for _ in 0..n {
            d = if d.day < days_in_month(d.year, d.month) {
                Date {
                    day: d.day + 1,
                    ..d
                }
            } else if d.month < 12 {
                Date::first_of(d.year, d.month + 1)
            } else {
                Date::first_of(d.year + 1, 1)
            };
        }
        d
    }

    pub(super) fn last_of(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The month number of a `dates.toml` month key.
pub fn month_number(key: &str) -> Option<u8> {
    const KEYS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    KEYS.iter()
        .position(|k| *k == key)
        .and_then(|p| u8::try_from(p + 1).ok())
}
