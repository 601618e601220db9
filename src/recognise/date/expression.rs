//! Whole date expressions: one dated item, parts joined by list or range
//! words under one year, and "end of" an item.

use super::atoms::short_fin_year;
use super::atoms::{Res, boundary, digits, fail, fin_year, word_in, ws0, ws1};
use super::calendar::Date;
use super::forms::{
    Part, as_term, day_word_year, full_day, iso, month_year, numeric, part, tail, term_word,
};
use super::lexicon::Lexicon;
use super::ranges::{academic_range, fy_range, month_range, part_range};
use super::scan::Kind;
use nom::Parser;
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};

/// One dated item ("October 2020", "3rd June 2020", "Q2 2020/21",
/// "2020/21", "2016"): its range and kind.
pub(super) fn item<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ((Date, Date), Kind)> {
    if let Ok((r, d)) = numeric(i).or_else(|_| iso(i)) {
        return Ok((r, ((d, d), Kind::Other)));
    }
    if let Ok((r, d)) = day_word_year(i, lex) {
        return Ok((r, ((d, d), Kind::Other)));
    }
    if let Ok((r, d)) = full_day(i, lex) {
        return Ok((r, ((d, d), Kind::Other)));
    }
    if let Ok((r, y)) = academic(i, lex) {
        return Ok((r, (academic_range(y), Kind::Other)));
    }
    if let Ok((r, p)) = part(i, lex) {
        // A part directly followed by its year; a term word after the year
        // makes a season a school term ("Spring 2026 term").
        let with_year = |r: &'a str| -> Res<'a, (Date, Date)> {
            let (r2, _) = ws1(r)?;
            let (r3, t) = tail(r2)?;
            let (r3, p) = match term_word(r3, lex) {
                Ok((r4, ())) if matches!(p, Part::Season(_)) => (r4, as_term(p)),
                _ => (r3, p),
            };
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
        if let Ok((r2, ())) = academic_after(r, lex) {
            return Ok((r2, (academic_range(y), Kind::Other)));
        }
        return Ok((r, (fy_range(y), Kind::FinancialYear)));
    }
    if let Ok((r, y)) = short_fin_year(i) {
        if let Ok((r2, ())) = academic_after(r, lex) {
            return Ok((r2, (academic_range(y), Kind::Other)));
        }
        return Ok((r, (fy_range(y), Kind::ShortFinancialYear)));
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

/// "academic year 2025/26", "academic year 25/26": the year it starts in.
fn academic<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, i32> {
    let (r, _) = word_in(i, &lex.academic_year)?;
    let (r, _) = ws1(r)?;
    fin_year(r).or_else(|_| short_fin_year(r))
}

/// " academic year" after a financial-year form.
fn academic_after<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws1(i)?;
    let (r, _) = word_in(r, &lex.academic_year)?;
    Ok((r, ()))
}

/// "w/c 2 February 2026": the week that starts on the day, Monday to
/// Sunday (seven days from the day printed).
fn week<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (Date, Date)> {
    let (r, _) = word_in(i, &lex.week_cues)?;
    let (r, _) = opt(ch(':')).parse(r)?;
    let (r, _) = ws0(r)?;
    let (r, d) = numeric(r)
        .or_else(|_| day_word_year(r, lex))
        .or_else(|_| full_day(r, lex))?;
    Ok((r, (d, d.plus_days(6))))
}

/// A range word between two items, with the space around it.
pub(super) fn range_join<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) =
        nom::branch::alt((|x| word_in(x, &lex.range_words), recognize(one_of("–—")))).parse(r)?;
    let (r, _) = ws0(r)?;
    Ok((r, ()))
}

pub(super) fn list_join<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) = word_in(r, &lex.list_words)?;
    let (r, _) = ws0(r)?;
    Ok((r, ()))
}

/// Parts joined by list or range words, then one year for all:
/// "Q1 and Q2 2020/21", "Autumn/Winter 2020", "January to June 2021".
pub(super) fn part_list<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Vec<(Date, Date)>> {
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
    // "Spring and Summer terms 2026", "Spring and Summer 2026 terms".
    let mut termed = parts.iter().any(|p| matches!(p, Part::Term(_)));
    if let Ok((r2, ())) = term_word(r, lex) {
        termed = true;
        r = r2;
    }
    let (r, _) = ws1(r)?;
    let (mut r, t) = tail(r)?;
    if let Ok((r2, ())) = term_word(r, lex) {
        termed = true;
        r = r2;
    }
    if termed {
        parts = parts.into_iter().map(as_term).collect();
    }
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
pub(super) fn end_of<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, Vec<(Date, Date)>> {
    let (r, _) = word_in(i, &lex.end_cues)?;
    let (r, _) = ws0(r)?;
    let (r, _) = opt(ch('-')).parse(r)?;
    let (r, _) = ws0(r)?;
    let (r, _) = opt((nom::bytes::complete::tag_no_case("the"), ws1)).parse(r)?;
    let (r, ((_, e), _)) = item(r, lex)?;
    Ok((r, vec![(e, e)]))
}

/// Any date expression at the start of `i`.
pub(super) fn expression<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, (Vec<(Date, Date)>, Kind)> {
    if let Ok((r, w)) = week(i, lex) {
        return Ok((r, (vec![w], Kind::Other)));
    }
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
