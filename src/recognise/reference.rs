//! Item numbers ("1", "2.1", "2.2." → "2.2", "15.23").

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::char as ch;
use nom::combinator::{opt, recognize};
use nom::multi::many0;

/// One to three digits, not followed by another digit.
fn number(i: &str) -> IResult<&str, &str> {
    let (r, d) = take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)?;
    if r.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((r, d))
}

/// "2.2" of "2.2. Improve": numbers joined by dots, then an optional dot.
fn dotted(i: &str) -> IResult<&str, &str> {
    let (r, number_part) = recognize((number, many0((ch('.'), number)))).parse(i)?;
    let (r, _) = opt(ch('.')).parse(r)?;
    Ok((r, number_part))
}

/// Split a leading ref off `text`: `("2.2", "Improve the …")`.
/// A ref is digits with optional dotted digit parts, then an optional dot,
/// then white space or the end.
pub fn split_ref(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    let (rest, r) = dotted(t).ok()?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((r.to_string(), rest.trim_start()))
}

/// A cell that is only a ref: `"2.2."` → `"2.2"`.
pub fn whole_ref(cell: &str) -> Option<String> {
    match split_ref(cell) {
        Some((r, "")) => Some(r),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(split_ref("2.2. Improve"), Some(("2.2".into(), "Improve")));
        assert_eq!(split_ref("15.23 Assess"), Some(("15.23".into(), "Assess")));
        assert_eq!(whole_ref("7"), Some("7".into()));
        assert_eq!(split_ref("2020 was"), None);
        assert_eq!(split_ref("3rd June"), None);
        assert_eq!(split_ref("Improve"), None);
        assert_eq!(whole_ref("2.2."), Some("2.2".into()));
        assert_eq!(
            split_ref("1. IT Development"),
            Some(("1".into(), "IT Development"))
        );
        assert_eq!(split_ref("29/04/20"), None);
        assert_eq!(split_ref("1.1a"), None);
    }
}
