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

use std::fmt;

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};

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

impl Date {
    /// A valid day, or None ("31/02/2020" is not a date).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    fn first_of(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: 1,
        }
    }

    fn last_of(year: i32, month: u8) -> Date {
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

/// Every date expression in `text`, in order. A list sharing one year
/// ("Q1 and Q2 2020/21", "Autumn/Winter 2020") gives one range per item, all
/// with the list's text and offset.
pub fn find_dates(text: &str, g: &Grammars) -> Vec<DateExpr> {
    scan(text, g)
        .into_iter()
        .flat_map(|f| {
            // As printed, with line breaks and runs of spaces made one space.
            let t = text
                .get(f.start..f.end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            f.ranges.into_iter().map(move |(s, e)| DateExpr {
                text: t.clone(),
                start: s,
                end: e,
                offset: f.start,
            })
        })
        .collect()
}

/// The due date of a timescale cell: the end of its first deadline-like
/// expression. A financial year that is part of a plan's name ("Locality
/// PiP 2020/2021": a word other than a cue word right before it) is skipped.
pub fn due(text: &str, g: &Grammars) -> Option<Date> {
    let lex = g.date_lexicon();
    scan_with(text, lex)
        .into_iter()
        .find(|f| !(f.kind == Kind::FinancialYear && is_name_label(text, f.start, lex)))
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

/// What kind of expression a match is (due needs to know financial years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    FinancialYear,
    Other,
}

/// One match: byte span and its ranges.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    ranges: Vec<(Date, Date)>,
    kind: Kind,
}

fn scan(text: &str, g: &Grammars) -> Vec<Found> {
    scan_with(text, g.date_lexicon())
}

fn scan_with(text: &str, lex: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at_word_start =
            c.is_alphanumeric() && !prev.is_some_and(|p| p.is_alphanumeric() || p == '/');
        if at_word_start {
            let rest = &text[i..];
            if let Ok((after, (ranges, kind))) = expression(rest, lex) {
                let consumed = rest.len() - after.len();
                let span = rest[..consumed].trim_end();
                if !span.is_empty() && !ranges.is_empty() {
                    out.push(Found {
                        start: i,
                        end: i + span.len(),
                        ranges,
                        kind,
                    });
                    let last = span.chars().last();
                    i += span.len();
                    prev = last;
                    continue;
                }
            }
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Does the financial year at `offset` belong to a name (a non-cue word
/// right before it)?
fn is_name_label(text: &str, offset: usize, lex: &Lexicon) -> bool {
    let before = text.get(..offset).unwrap_or("").trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() || before.len() != before.trim_end().len() {
        return false;
    }
    // Only a word directly before (not punctuation) makes a name.
    if !before.ends_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let w = word.to_lowercase();
    !lex.deadline_cues.iter().any(|c| c == &w)
}

/// The date words, prepared for matching (lower-cased, longest first).
pub(crate) struct Lexicon {
    months: Vec<(String, u8)>,
    seasons: Vec<(String, Season)>,
    end_cues: Vec<String>,
    range_words: Vec<String>,
    list_words: Vec<String>,
    ordinals: Vec<String>,
    quarters: Vec<String>,
    deadline_cues: Vec<String>,
    year_min: i32,
    year_max: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

fn longest_first(mut v: Vec<String>) -> Vec<String> {
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

impl Lexicon {
    pub(crate) fn new(g: &Grammars) -> Lexicon {
        let d = &g.dates;
        let lower = |v: &[String]| longest_first(v.iter().map(|s| s.to_lowercase()).collect());
        let mut months: Vec<(String, u8)> = d
            .months
            .iter()
            .filter_map(|(k, v)| month_number(k).map(|m| (k, v, m)))
            .flat_map(|(_, v, m)| v.iter().map(move |a| (a.to_lowercase(), m)))
            .collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        let mut seasons: Vec<(String, Season)> = d
            .seasons
            .iter()
            .filter_map(|(k, v)| {
                let s = match k.as_str() {
                    "spring" => Season::Spring,
                    "summer" => Season::Summer,
                    "autumn" => Season::Autumn,
                    "winter" => Season::Winter,
                    _ => return None,
                };
                Some(v.iter().map(move |a| (a.to_lowercase(), s)))
            })
            .flatten()
            .collect();
        seasons.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        Lexicon {
            months,
            seasons,
            end_cues: lower(&d.end_cues),
            range_words: lower(&d.range_words),
            list_words: lower(&d.list_words),
            ordinals: lower(&d.ordinals),
            quarters: lower(&d.quarters),
            deadline_cues: lower(&d.deadline_cues),
            year_min: if d.year_min == 0 { 1990 } else { d.year_min },
            year_max: if d.year_max == 0 { 2099 } else { d.year_max },
        }
    }
}

type Res<'a, T> = IResult<&'a str, T>;

fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// Spaces and tabs (and a no-break space); at most one line break.
fn ws0(i: &str) -> Res<'_, &str> {
    let mut end = 0;
    let mut newlines = 0;
    for (k, c) in i.char_indices() {
        if c == '\n' {
            newlines += 1;
            if newlines > 1 {
                break;
            }
        } else if !(c == ' ' || c == '\t' || c == '\u{a0}' || c == '\r') {
            break;
        }
        end = k + c.len_utf8();
    }
    Ok((&i[end..], &i[..end]))
}

fn ws1(i: &str) -> Res<'_, &str> {
    let (r, s) = ws0(i)?;
    if s.is_empty() { fail(i) } else { Ok((r, s)) }
}

/// True when `i` starts at a word end (no letter or digit follows).
fn boundary(i: &str) -> bool {
    !i.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// The longest listed word at the start of `i` (case-insensitive, whole word).
fn word_of<'a, T: Copy>(i: &'a str, words: &[(String, T)]) -> Res<'a, T> {
    for (w, v) in words {
        if let Some(head) = i.get(..w.len())
            && head.eq_ignore_ascii_case(w)
        {
            let rest = &i[w.len()..];
            if boundary(rest) || !w.ends_with(|c: char| c.is_alphanumeric()) {
                return Ok((rest, *v));
            }
        }
    }
    fail(i)
}

fn word_in<'a>(i: &'a str, words: &[String]) -> Res<'a, &'a str> {
    for w in words {
        if let Some(head) = i.get(..w.len())
            && head.eq_ignore_ascii_case(w)
        {
            let rest = &i[w.len()..];
            if boundary(rest) || !w.ends_with(|c: char| c.is_alphanumeric()) {
                return Ok((rest, head));
            }
        }
    }
    fail(i)
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> Res<'_, u32> {
    move |i: &str| {
        let (r, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)?;
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        match d.parse::<u32>() {
            Ok(n) => Ok((r, n)),
            Err(_) => fail(i),
        }
    }
}

/// A four-digit year; also "202 0", a glyph-spacing artefact of PDF text.
fn year4(i: &str) -> Res<'_, i32> {
    if let Ok((r, y)) = digits(4, 4)(i)
        && boundary(r)
    {
        return Ok((r, y as i32));
    }
    let (r, (a, _, b)) = (digits(3, 3), ch(' '), digits(1, 1)).parse(i)?;
    if !boundary(r) {
        return fail(i);
    }
    Ok((r, (a * 10 + b) as i32))
}

/// A two-digit year, read as 20xx.
fn year2(i: &str) -> Res<'_, i32> {
    let (r, y) = digits(2, 2)(i)?;
    if !boundary(r) {
        return fail(i);
    }
    Ok((r, 2000 + y as i32))
}

/// A financial year "2020/21", "2020/2021", "2020-21": its first year.
fn fin_year(i: &str) -> Res<'_, i32> {
    let (r, y) = digits(4, 4)(i)?;
    let (r, _) = one_of("/-–").parse(r)?;
    let (r, _) = opt(ch(' ')).parse(r)?;
    if let Ok((r2, y2)) = digits(4, 4)(r)
        && y2 as i32 == y as i32 + 1
        && boundary(r2)
    {
        return Ok((r2, y as i32));
    }
    let (r2, y2) = digits(2, 2)(r)?;
    if y2 == (y + 1) % 100 && boundary(r2) {
        return Ok((r2, y as i32));
    }
    fail(i)
}

/// "20/21" after a quarter or season ("Q3 20/21"): a financial year. Alone
/// it could be anything, so only tails use it.
fn short_fin_year(i: &str) -> Res<'_, i32> {
    let (r, (a, _, b)) = (digits(2, 2), one_of("/-"), digits(2, 2)).parse(i)?;
    if b != (a + 1) % 100 || !boundary(r) {
        return fail(i);
    }
    Ok((r, 2000 + a as i32))
}

fn month<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, u8> {
    let (r, m) = word_of(i, &lex.months)?;
    let (r, _) = opt(ch('.')).parse(r)?;
    Ok((r, m))
}

fn day_num(i: &str) -> Res<'_, u8> {
    let (r, d) = digits(1, 2)(i)?;
    if !(1..=31).contains(&d) {
        return fail(i);
    }
    Ok((r, d as u8))
}

/// An ordinal ending, glued or spaced ("3rd", "3 rd").
fn ordinal<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) = word_in(r, &lex.ordinals)?;
    Ok((r, ()))
}

/// "3rd June", "3 rd of June", "3 June".
fn day_month<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, u8)> {
    let (r, d) = day_num(i)?;
    let r = match ordinal(r, lex) {
        Ok((r, ())) => r,
        Err(_) => r,
    };
    let (r, _) = ws1(r)?;
    let (r, _) = opt((tag_no_case("of"), ws1)).parse(r)?;
    let (r, m) = month(r, lex)?;
    Ok((r, (d, m)))
}

/// "June 3rd", "June 3".
fn month_day<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, u8)> {
    let (r, m) = month(i, lex)?;
    let (r, _) = ws1(r)?;
    let (r, d) = day_num(r)?;
    let r = match ordinal(r, lex) {
        Ok((r, ())) => r,
        Err(_) => r,
    };
    if !boundary(r) {
        return fail(i);
    }
    Ok((r, (d, m)))
}

/// ", 2020" / " 2020" after a day and month.
fn year_after_day(i: &str) -> Res<'_, i32> {
    let (r, _) = opt(ch(',')).parse(i)?;
    let (r, _) = ws1(r)?;
    year4(r)
}

fn full_day<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Date> {
    let attempt = |i: &'a str| -> Res<'a, Date> {
        let (r, (d, m)) = day_month(i, lex)?;
        let (r, y) = year_after_day(r)?;
        Date::new(y, m, d).map_or_else(|| fail(i), |dt| Ok((r, dt)))
    };
    if let Ok(x) = attempt(i) {
        return Ok(x);
    }
    let (r, (d, m)) = month_day(i, lex)?;
    let (r, y) = year_after_day(r)?;
    Date::new(y, m, d).map_or_else(|| fail(i), |dt| Ok((r, dt)))
}

/// Day-first numeric dates: 29/04/20, 29.04.2020, 29-04-2020.
fn numeric(i: &str) -> Res<'_, Date> {
    let (r, d) = digits(1, 2)(i)?;
    let (r, sep) = one_of("/.-").parse(r)?;
    let (r, m) = digits(1, 2)(r)?;
    let (r, _) = ch(sep).parse(r)?;
    let (r, y) = match year4(r) {
        Ok(x) => x,
        Err(_) => year2(r)?,
    };
    if !boundary(r) {
        return fail(i);
    }
    match (u8::try_from(m), u8::try_from(d)) {
        (Ok(m), Ok(d)) => Date::new(y, m, d).map_or_else(|| fail(i), |dt| Ok((r, dt))),
        _ => fail(i),
    }
}

/// ISO dates: 2020-06-03.
fn iso(i: &str) -> Res<'_, Date> {
    let (r, (y, _, m, _, d)) =
        (digits(4, 4), ch('-'), digits(2, 2), ch('-'), digits(2, 2)).parse(i)?;
    if !boundary(r) {
        return fail(i);
    }
    match (u8::try_from(m), u8::try_from(d)) {
        (Ok(m), Ok(d)) => Date::new(y as i32, m, d).map_or_else(|| fail(i), |dt| Ok((r, dt))),
        _ => fail(i),
    }
}

/// "October 2020", "Oct-20", "Jan-16", "Sept 2020", "Oct '20".
fn month_year<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, i32)> {
    let (r, m) = month(i, lex)?;
    if let Ok((r2, _)) = ws1(r)
        && let Ok((r3, y)) = year4(r2)
    {
        return Ok((r3, (m, y)));
    }
    let (r, _) = alt_sep(r)?;
    let (r, y) = match year4(r) {
        Ok(x) => x,
        Err(_) => year2(r)?,
    };
    Ok((r, (m, y)))
}

/// "-", "'", "-'", " '" between a month and a short year.
fn alt_sep(i: &str) -> Res<'_, &str> {
    recognize((
        opt(ws0),
        nom::branch::alt((tag("-'"), tag("-"), tag("'"), tag("’"))),
    ))
    .parse(i)
}

fn season_range(s: Season, year: i32) -> (Date, Date) {
    match s {
        Season::Spring => (Date::first_of(year, 3), Date::last_of(year, 5)),
        Season::Summer => (Date::first_of(year, 6), Date::last_of(year, 8)),
        Season::Autumn => (Date::first_of(year, 9), Date::last_of(year, 11)),
        Season::Winter => (Date::first_of(year, 12), Date::last_of(year + 1, 2)),
    }
}

/// Quarter `q` (1-4) of the financial year starting in April of `fy`.
fn quarter_range(q: u8, fy: i32) -> (Date, Date) {
    let (y, m) = match q {
        1 => (fy, 4),
        2 => (fy, 7),
        3 => (fy, 10),
        _ => (fy + 1, 1),
    };
    (Date::first_of(y, m), Date::last_of(y, m + 2))
}

fn fy_range(fy: i32) -> (Date, Date) {
    (Date::first_of(fy, 4), Date::last_of(fy + 1, 3))
}

fn month_range(m: u8, y: i32) -> (Date, Date) {
    (Date::first_of(y, m), Date::last_of(y, m))
}

/// "Q2", "Quarter 2".
fn quarter<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, u8> {
    for w in &lex.quarters {
        if let Some(head) = i.get(..w.len())
            && head.eq_ignore_ascii_case(w)
        {
            let r = &i[w.len()..];
            let (r, _) = ws0(r)?;
            if let Ok((r, q)) = one_of::<_, _, nom::error::Error<&str>>("1234").parse(r)
                && boundary(r)
            {
                return Ok((r, q as u8 - b'0'));
            }
        }
    }
    fail(i)
}

/// A date part that needs a year after it to be a date.
#[derive(Debug, Clone, Copy)]
enum Part {
    Month(u8),
    Season(Season),
    Quarter(u8),
    DayMonth(u8, u8),
}

fn part<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Part> {
    if let Ok((r, q)) = quarter(i, lex) {
        return Ok((r, Part::Quarter(q)));
    }
    if let Ok((r, s)) = word_of(i, &lex.seasons) {
        return Ok((r, Part::Season(s)));
    }
    if let Ok((r, (d, m))) = day_month(i, lex) {
        return Ok((r, Part::DayMonth(d, m)));
    }
    let (r, m) = month(i, lex)?;
    Ok((r, Part::Month(m)))
}

/// The year printed after parts: a calendar year or a financial year.
#[derive(Debug, Clone, Copy)]
enum Tail {
    Year(i32),
    Fin(i32),
}

fn tail(i: &str) -> Res<'_, Tail> {
    if let Ok((r, y)) = fin_year(i) {
        return Ok((r, Tail::Fin(y)));
    }
    if let Ok((r, y)) = short_fin_year(i) {
        return Ok((r, Tail::Fin(y)));
    }
    let (r, y) = year4(i)?;
    Ok((r, Tail::Year(y)))
}

/// The range of a part in a year. Quarters count financial years; a season
/// or month with a financial year falls in the year it starts in ("Winter
/// 2020/21" is December 2020 to February 2021).
fn part_range(p: Part, t: Tail) -> Option<(Date, Date)> {
    Some(match (p, t) {
        (Part::Quarter(q), Tail::Fin(y) | Tail::Year(y)) => quarter_range(q, y),
        (Part::Season(s), Tail::Fin(y) | Tail::Year(y)) => season_range(s, y),
        (Part::Month(m), Tail::Year(y)) => month_range(m, y),
        (Part::Month(m), Tail::Fin(y)) => month_range(m, if m >= 4 { y } else { y + 1 }),
        (Part::DayMonth(d, m), Tail::Year(y)) => {
            let dt = Date::new(y, m, d)?;
            (dt, dt)
        }
        (Part::DayMonth(..), Tail::Fin(_)) => return None,
    })
}

/// One dated item ("October 2020", "3rd June 2020", "Q2 2020/21",
/// "2020/21", "2016"): its range and kind.
fn item<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ((Date, Date), Kind)> {
    if let Ok((r, d)) = numeric(i).or_else(|_| iso(i)) {
        return Ok((r, ((d, d), Kind::Other)));
    }
    if let Ok((r, d)) = full_day(i, lex) {
        return Ok((r, ((d, d), Kind::Other)));
    }
    if let Ok((r, p)) = part(i, lex) {
        // A part directly followed by its year.
        let with_year = |r: &'a str| -> Res<'a, (Date, Date)> {
            let (r2, _) = ws1(r)?;
            let (r3, t) = tail(r2)?;
            part_range(p, t).map_or_else(|| fail(r), |x| Ok((r3, x)))
        };
        if let Ok((r, range)) = with_year(r) {
            return Ok((r, (range, Kind::Other)));
        }
        if let Part::Month(_) = p
            && let Ok((r, (m, y))) = month_year(i, lex)
        {
            return Ok((r, (month_range(m, y), Kind::Other)));
        }
    }
    if let Ok((r, y)) = fin_year(i) {
        return Ok((r, (fy_range(y), Kind::FinancialYear)));
    }
    let (r, y) = digits(4, 4)(i)?;
    let y = y as i32;
    if y < lex.year_min || y > lex.year_max || !boundary(r) {
        return fail(i);
    }
    Ok((
        r,
        ((Date::first_of(y, 1), Date::last_of(y, 12)), Kind::Other),
    ))
}

/// A range word between two items, with the space around it.
fn range_join<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) =
        nom::branch::alt((|x| word_in(x, &lex.range_words), recognize(one_of("–—")))).parse(r)?;
    let (r, _) = ws0(r)?;
    Ok((r, ()))
}

fn list_join<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) = word_in(r, &lex.list_words)?;
    let (r, _) = ws0(r)?;
    Ok((r, ()))
}

/// Parts joined by list or range words, then one year for all:
/// "Q1 and Q2 2020/21", "Autumn/Winter 2020", "January to June 2021".
fn part_list<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Vec<(Date, Date)>> {
    let (mut r, first) = part(i, lex)?;
    let mut parts = vec![first];
    let mut ranged = false;
    // A list longer than a year of months is not a date list; the bound
    // also keeps a long run of month words linear to scan.
    while parts.len() < 12 {
        if let Ok((r2, ())) = range_join(r, lex)
            && let Ok((r3, p)) = part(r2, lex)
            && !ranged
            && parts.len() == 1
        {
            parts.push(p);
            ranged = true;
            r = r3;
            continue;
        }
        if let Ok((r2, ())) = list_join(r, lex)
            && let Ok((r3, p)) = part(r2, lex)
            && !ranged
        {
            parts.push(p);
            r = r3;
            continue;
        }
        break;
    }
    if parts.len() < 2 {
        return fail(i);
    }
    let (r, _) = ws1(r)?;
    let (r, t) = tail(r)?;
    let mut ranges = Vec::new();
    for p in &parts {
        match part_range(*p, t) {
            Some(x) => ranges.push(x),
            None => return fail(i),
        }
    }
    if ranged {
        let (Some(&(mut s, _)), Some(&(_, e))) = (ranges.first(), ranges.last()) else {
            return fail(i);
        };
        if s > e {
            // "November to February 2021": the first part is the year before.
            s = Date::first_of(s.year - 1, s.month);
        }
        return Ok((r, vec![(s, e)]));
    }
    Ok((r, ranges))
}

/// "End of June 2020": the last day of the item.
fn end_of<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Vec<(Date, Date)>> {
    let (r, _) = word_in(i, &lex.end_cues)?;
    let (r, _) = ws0(r)?;
    let (r, _) = opt(ch('-')).parse(r)?;
    let (r, _) = ws0(r)?;
    let (r, ((_, e), _)) = item(r, lex)?;
    Ok((r, vec![(e, e)]))
}

/// Any date expression at the start of `i`.
fn expression<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (Vec<(Date, Date)>, Kind)> {
    if let Ok((r, v)) = end_of(i, lex) {
        return Ok((r, (v, Kind::Other)));
    }
    if let Ok((r, v)) = part_list(i, lex) {
        return Ok((r, (v, Kind::Other)));
    }
    let (r, ((s, e), kind)) = item(i, lex)?;
    // "January 2021 to June 2021": one range.
    if let Ok((r2, ())) = range_join(r, lex)
        && let Ok((r3, ((_, e2), _))) = item(r2, lex)
        && e2 >= s
    {
        return Ok((r3, (vec![(s, e2)], Kind::Other)));
    }
    Ok((r, (vec![(s, e)], kind)))
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
            "20/21",
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
