//! The printed forms of a day, a month, a quarter or a season ("3rd June",
//! "29/04/20", "Oct-20", "Q2"), and the year that may follow a part.

use super::atoms::{
    Res, boundary, day_num, digits, fail, fin_year, month, ordinal, short_fin_year, word_in,
    word_of, ws0, ws1, year2, year4,
};
use super::calendar::Date;
use super::lexicon::{Lexicon, Season};
use nom::Parser;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};

/// "3rd June", "3 rd of June", "3 June".
pub(super) fn day_month<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, u8)> {
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
pub(super) fn month_day<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, u8)> {
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
pub(super) fn year_after_day(i: &str) -> Res<'_, i32> {
    let (r, _) = opt(ch(',')).parse(i)?;
    let (r, _) = ws1(r)?;
    year4(r)
}

pub(super) fn full_day<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Date> {
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
pub(super) fn numeric(i: &str) -> Res<'_, Date> {
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
pub(super) fn iso(i: &str) -> Res<'_, Date> {
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

/// "30-Sep-26", "30 Sep-26", "30/Sep/2026": a day, a month word and a
/// year joined by one mark. Always that day, never the month.
pub(super) fn day_word_year<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Date> {
    let (r, d) = day_num(i)?;
    let (r, sep) = one_of("-/. ").parse(r)?;
    let (r, m) = month(r, lex)?;
    let (r, _) = ch(sep).parse(r)?;
    let (r, y) = match year4(r) {
        Ok(x) => x,
        Err(_) => year2(r)?,
    };
    if !boundary(r) {
        return fail(i);
    }
    Date::new(y, m, d).map_or_else(|| fail(i), |dt| Ok((r, dt)))
}

/// A two-digit year after a month word and a space ("Feb 26"): the month of
/// 2026, never the 26th. Only a capitalised month word takes one ("may 26"
/// is a verb and a number), and not when an ordinal or a four-digit year
/// follows (a day: "June 26th", "June 26, 2026").
fn spaced_short_year<'a>(word: &'a str, r: &'a str, lex: &Lexicon) -> Res<'a, i32> {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return fail(r);
    }
    let (r2, _) = ws1(r)?;
    let (r3, y) = year2(r2)?;
    if ordinal(r3, lex).is_ok()
        || year_after_day(r3).is_ok()
        || r3.starts_with(['/', ':', '%', '.', '-'])
            && r3[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return fail(r);
    }
    Ok((r3, y))
}

/// "October 2020", "Oct-20", "Jan-16", "Sept 2020", "Oct '20", "Feb 26".
pub(super) fn month_year<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (u8, i32)> {
    let (r, m) = month(i, lex)?;
    if let Ok((r2, _)) = ws1(r)
        && let Ok((r3, y)) = year4(r2)
    {
        return Ok((r3, (m, y)));
    }
    if let Ok((r3, y)) = spaced_short_year(i, r, lex) {
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
pub(super) fn alt_sep(i: &str) -> Res<'_, &str> {
    recognize((
        opt(ws0),
        nom::branch::alt((tag("-'"), tag("-"), tag("'"), tag("’"))),
    ))
    .parse(i)
}

/// "Q2", "Quarter 2".
pub(super) fn quarter<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, u8> {
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
pub(super) enum Part {
    Month(u8),
    Season(Season),
    Quarter(u8),
    DayMonth(u8, u8),
    /// A school term, named by its season.
    Term(Season),
}

/// A term word after a season ("term", "terms"), with the space before it.
pub(super) fn term_word<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws1(i)?;
    let (r, _) = word_in(r, &lex.term_words)?;
    Ok((r, ()))
}

/// A season as a school term when the term word follows it.
pub(super) fn as_term(p: Part) -> Part {
    match p {
        Part::Season(s) => Part::Term(s),
        other => other,
    }
}

pub(super) fn part<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Part> {
    if let Ok((r, q)) = quarter(i, lex) {
        return Ok((r, Part::Quarter(q)));
    }
    if let Ok((r, s)) = word_of(i, &lex.seasons) {
        if let Ok((r2, ())) = term_word(r, lex) {
            return Ok((r2, Part::Term(s)));
        }
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
pub(super) enum Tail {
    Year(i32),
    Fin(i32),
}

pub(super) fn tail(i: &str) -> Res<'_, Tail> {
    if let Ok((r, y)) = fin_year(i) {
        return Ok((r, Tail::Fin(y)));
    }
    if let Ok((r, y)) = short_fin_year(i) {
        return Ok((r, Tail::Fin(y)));
    }
    let (r, y) = year4(i)?;
    Ok((r, Tail::Year(y)))
}
