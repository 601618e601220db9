//! Grammar atoms: white space, whole words from the lexicon, digit runs,
//! years (calendar and financial), months, days and ordinal endings. Every
//! form is built from these.

use super::lexicon::Lexicon;
use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char as ch, one_of};
use nom::combinator::opt;

pub(super) type Res<'a, T> = IResult<&'a str, T>;

pub(super) fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// Spaces and tabs (and a no-break space); at most one line break.
pub(super) fn ws0(i: &str) -> Res<'_, &str> {
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

pub(super) fn ws1(i: &str) -> Res<'_, &str> {
    let (r, s) = ws0(i)?;
    if s.is_empty() { fail(i) } else { Ok((r, s)) }
}

/// True when `i` starts at a word end (no letter or digit follows).
pub(super) fn boundary(i: &str) -> bool {
    !i.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// The longest listed word at the start of `i` (case-insensitive, whole word).
pub(super) fn word_of<'a, T: Copy>(i: &'a str, words: &[(String, T)]) -> Res<'a, T> {
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

pub(super) fn word_in<'a>(i: &'a str, words: &[String]) -> Res<'a, &'a str> {
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

pub(super) fn digits(min: usize, max: usize) -> impl Fn(&str) -> Res<'_, u32> {
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
pub(super) fn year4(i: &str) -> Res<'_, i32> {
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
pub(super) fn year2(i: &str) -> Res<'_, i32> {
    let (r, y) = digits(2, 2)(i)?;
    if !boundary(r) {
        return fail(i);
    }
    Ok((r, 2000 + y as i32))
}

/// A financial year "2020/21", "2020/2021", "2020-21": its first year.
pub(super) fn fin_year(i: &str) -> Res<'_, i32> {
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
pub(super) fn short_fin_year(i: &str) -> Res<'_, i32> {
    let (r, (a, _, b)) = (digits(2, 2), one_of("/-"), digits(2, 2)).parse(i)?;
    if b != (a + 1) % 100 || !boundary(r) {
        return fail(i);
    }
    Ok((r, 2000 + a as i32))
}

pub(super) fn month<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, u8> {
    let (r, m) = word_of(i, &lex.months)?;
    let (r, _) = opt(ch('.')).parse(r)?;
    Ok((r, m))
}

pub(super) fn day_num(i: &str) -> Res<'_, u8> {
    let (r, d) = digits(1, 2)(i)?;
    if !(1..=31).contains(&d) {
        return fail(i);
    }
    Ok((r, d as u8))
}

/// An ordinal ending, glued or spaced ("3rd", "3 rd").
pub(super) fn ordinal<'a>(i: &'a str, lex: &Lexicon) -> Res<'a, ()> {
    let (r, _) = ws0(i)?;
    let (r, _) = word_in(r, &lex.ordinals)?;
    Ok((r, ()))
}
