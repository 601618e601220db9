//! Small text helpers shared by the report readers: normalisation, names,
//! posts, numbers.

use super::vocab::Vocab;
use crate::recognise::{Grammars, date};

pub use crate::contract::norm;

/// Words of a text.
pub fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// A short run of capitalised words with no digits: how a person's name is
/// printed on a signature or in a membership table.
pub fn looks_like_name(s: &str, v: &Vocab) -> bool {
    let ws = words(s);
    if !(2..=5).contains(&ws.len()) || s.chars().count() > 48 {
        return false;
    }
    if s.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, ':' | ';' | '/' | '@' | '(' | ')'))
    {
        return false;
    }
    if s.ends_with('.') || s.ends_with(',') {
        return false;
    }
    let mut capitals = 0;
    for w in &ws {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitals += 1;
        } else if !v.is_name_particle(w) {
            return false;
        }
        if v.is_role_word(w) || v.is_org_word(w) {
            return false;
        }
    }
    capitals >= 2
}

/// A person's name without office marks ("(Chair)") and titles ("Cllr",
/// "Dr"), wherever they are printed.
pub fn clean_name(s: &str, v: &Vocab) -> String {
    let mut t = norm(s);
    // Trailing parentheticals: office marks, never part of a name.
    while t.ends_with(')') {
        match t.rfind('(') {
            Some(open) => t = t[..open].trim_end().to_string(),
            None => break,
        }
    }
    // ", Cllr" printed after the name.
    if let Some((head, tail)) = t.rsplit_once(',')
        && words(tail).iter().all(|w| v.is_honorific(w))
    {
        t = head.trim().to_string();
    }
    let ws: Vec<&str> = words(&t);
    let start = ws.iter().take_while(|w| v.is_honorific(w)).count();
    let end = ws.len() - ws.iter().rev().take_while(|w| v.is_honorific(w)).count();
    if start < end {
        ws[start..end].join(" ")
    } else {
        t
    }
}

/// Drop tenure notes at the end of a post: "(To Feb.22)", "(From Sep.21))".
/// A note is a parenthesis opening with a tenure word and holding a month or
/// a number; "(Interim)" is part of the post and stays.
pub fn strip_tenure(s: &str, v: &Vocab) -> String {
    let mut t = s.trim().to_string();
    loop {
        let trimmed = t.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
        if trimmed.len() == t.len() {
            return t;
        }
        let Some(open) = trimmed.rfind('(') else {
            return t;
        };
        let inner = &trimmed[open + 1..];
        let lex = v.phrases();
        let opens = lex.tenure_words.opening(inner).is_some();
        let dated = lex.months.contains(inner) || inner.chars().any(|c| c.is_ascii_digit());
        if !(opens && dated) {
            return t;
        }
        t = trimmed[..open].trim_end().to_string();
    }
}

/// Does a phrase name a body? It holds an organisation word or an acronym.
pub fn looks_like_org(s: &str, v: &Vocab) -> bool {
    words(s).iter().any(|w| v.is_org_word(w) || is_acronym(w))
}

/// A token written as an acronym: at least two capitals, mostly capitals
/// ("ABCC", "CCGs", "NoRAmb", "B&H").
pub fn is_acronym(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':'));
    if w.is_empty() || w.chars().count() > 12 {
        return false;
    }
    if !w
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '&' | '+' | '/' | '-' | '\''))
    {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && upper * 2 >= letters
}

/// Split a post into role and organisation, as a "TITLE, ORGANISATION"
/// cell lays them out: at the last ", " when what follows names a body;
/// else at "of the" before a body; else a body printed at the end without
/// a comma ("D/Sup Anyshire Police"); else all role.
pub fn split_post(s: &str, v: &Vocab) -> (Option<String>, Option<String>) {
    let t = norm(s);
    let t = t.trim_end_matches([',', ';']).trim().to_string();
    if t.is_empty() {
        return (None, None);
    }
    if let Some((role, org)) = t.rsplit_once(", ")
        && looks_like_org(org, v)
    {
        return (some(role), some(org));
    }
    // The last "of the" joint (`post_of_body`) before a body.
    for f in v.phrases().post_of_body.all(&t).into_iter().rev() {
        if let (Some(role), Some(org)) = (t.get(..f.raw_start), t.get(f.raw_end..))
            && !role.trim().is_empty()
            && looks_like_org(org, v)
            && !role.contains(',')
        {
            return (some(role), some(org));
        }
    }
    if !t.contains(',')
        && let Some((role, org)) = trailing_body(&t, v)
    {
        return (role, Some(org));
    }
    // No post word at all: the cell names only a body ("Regional Probation
    // Service, Anyshire").
    let ws = words(&t);
    if !ws.iter().any(|w| v.is_role_word(w)) && looks_like_org(&t, v) {
        return (None, Some(t));
    }
    if let Some((org, role)) = leading_body(&ws, v) {
        return (Some(role), Some(org));
    }
    (Some(t), None)
}

/// A body printed before the post ("ABCD Trust Safeguarding Lead"): the
/// shortest opening run of two or more capitalised words, with no post
/// word, ending in an organisation word, followed by a post.
fn leading_body(ws: &[&str], v: &Vocab) -> Option<(String, String)> {
    for end in 2..ws.len() {
        let (head, rest) = ws.split_at(end);
        if head
            .iter()
            .any(|w| v.is_role_word(w) || !w.starts_with(|c: char| c.is_uppercase()))
        {
            return None;
        }
        let last = head.last()?;
        if v.is_org_word(last) && !last.ends_with(',') && rest.iter().any(|w| v.is_role_word(w)) {
            return Some((head.join(" "), rest.join(" ")));
        }
    }
    None
}

/// A body printed at the end of a post with no comma: the shortest tail of
/// capitalised words (two or more) that ends with an organisation word, the
/// rest being a role that does not end in a joining word ("Director of").
fn trailing_body(t: &str, v: &Vocab) -> Option<(Option<String>, String)> {
    let ws = words(t);
    let last = ws.last()?;
    if !v.is_org_word(last) {
        return None;
    }
    for start in (0..ws.len().saturating_sub(1)).rev() {
        let tail = &ws[start..];
        if !tail
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || v.is_joiner(w))
        {
            return None;
        }
        if v.is_joiner(ws[start]) {
            continue;
        }
        let head = &ws[..start];
        if head.is_empty() {
            // The whole post names a body, unless it names a post too.
            if ws.iter().any(|w| v.is_role_word(w)) {
                return None;
            }
            return Some((None, t.to_string()));
        }
        let head_last = head.last().unwrap_or(&"");
        if v.is_joiner(head_last) || v.is_org_word(head_last) {
            continue;
        }
        if head.iter().any(|w| v.is_role_word(w) || w.contains('/')) && tail.len() >= 2 {
            return Some((some(&head.join(" ")), tail.join(" ")));
        }
    }
    None
}

fn some(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(',').trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A number as printed at the start of a line: digits with thousands
/// commas or a decimal point, an optional currency sign before and "%"
/// after. Returns (printed text, value, byte length consumed).
pub fn leading_number(s: &str) -> Option<(String, f64, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut printed = String::new();
    if let Some(c) = s.chars().next()
        && matches!(c, '£' | '$' | '€')
    {
        printed.push(c);
        i += c.len_utf8();
    }
    let digits_start = i;
    while i < bytes.len() {
        let b = bytes[i];
        let next_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || ((b == b',' || b == b'.') && next_digit && i > digits_start) {
            i += 1;
        } else {
            break;
        }
    }
    if i == digits_start {
        return None;
    }
    let num = s.get(digits_start..i)?;
    if num.contains(',') && !thousands_ok(num) {
        return None;
    }
    let value: f64 = num.replace(',', "").parse().ok()?;
    printed.push_str(num);
    if bytes.get(i) == Some(&b'%') {
        printed.push('%');
        i += 1;
    }
    Some((printed, value, i))
}

fn thousands_ok(num: &str) -> bool {
    let int = num.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// A money amount filling a whole cell: "£35,000", "1,685", "(£1,200)".
pub fn money(s: &str) -> Option<f64> {
    // Called on every line and cell a budget search passes: most hold no
    // figure at all, and need no normalising to say so.
    if !s.chars().any(char::is_numeric) {
        return None;
    }
    let t = norm(s);
    let (neg, t) = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (true, inner.trim().to_string()),
        None => match t.strip_prefix('-') {
            Some(rest) => (true, rest.trim().to_string()),
            None => (false, t),
        },
    };
    let (printed, value, used) = leading_number(&t)?;
    if used != t.len() || printed.ends_with('%') {
        return None;
    }
    Some(if neg { -value } else { value })
}

/// Financial or academic years as printed ("2021/22", "2021/2022",
/// "2021-22", "2020-2023"), in order: the date spans the recogniser finds
/// (`recognise::date::spans`, so `dates.toml` and `--grammars` apply) that
/// print a run of years, as printed. A day ("12/04/2021") or a single year
/// is no period.
pub fn periods(s: &str, g: &Grammars) -> Vec<String> {
    date::spans(s, g)
        .iter()
        .filter_map(|d| {
            s.get(d.bytes.clone())?
                .split_whitespace()
                .find(|w| year_run(w))
                .map(str::to_string)
        })
        .collect()
}

/// "2021/22", "2021-2022": a four-digit year, a slash or hyphen, and a
/// two- or four-digit year.
fn year_run(w: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    w.split_once(['/', '-'])
        .is_some_and(|(a, b)| a.len() == 4 && digits(a) && matches!(b.len(), 2 | 4) && digits(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> &'static Vocab {
        Vocab::builtin()
    }

    #[test]
    fn normalises_like_the_contract() {
        assert_eq!(
            norm("  Children\u{2019}s \u{2013} x\u{a0} "),
            "Children's - x"
        );
    }

    #[test]
    fn names_and_titles() {
        assert_eq!(clean_name("Ann Smith (Dep. Chair)", v()), "Ann Smith");
        assert_eq!(clean_name("Ann Smith, Cllr", v()), "Ann Smith");
        assert_eq!(clean_name("Dr Ann Smith", v()), "Ann Smith");
        assert!(looks_like_name("Ann Smith", v()));
        assert!(!looks_like_name("Next steps:", v()));
        assert!(!looks_like_name("Working Group", v()));
    }

    #[test]
    fn tenure_notes() {
        assert_eq!(strip_tenure("Director (From Sep.21))", v()), "Director");
        assert_eq!(strip_tenure("Officer (To Sep .21)", v()), "Officer");
        assert_eq!(strip_tenure("Head, X (To Jan. 22)", v()), "Head, X");
        assert_eq!(strip_tenure("Nurse (Interim)", v()), "Nurse (Interim)");
    }

    #[test]
    fn posts_split() {
        let s = |t: &str| split_post(t, v());
        assert_eq!(
            s("Consultant, Public Health, ABCC"),
            (
                Some("Consultant, Public Health".into()),
                Some("ABCC".into())
            )
        );
        assert_eq!(
            s("Designated Doctor, East Anywhere"),
            (Some("Designated Doctor, East Anywhere".into()), None)
        );
        assert_eq!(
            s("Independent Chair of the Anytown Partnership"),
            (
                Some("Independent Chair".into()),
                Some("Anytown Partnership".into())
            )
        );
        assert_eq!(
            s("Director of Children's Services"),
            (Some("Director of Children's Services".into()), None)
        );
        assert_eq!(
            s("D/Sup Anyshire Police"),
            (Some("D/Sup".into()), Some("Anyshire Police".into()))
        );
        assert_eq!(
            s("Regional Probation Service"),
            (None, Some("Regional Probation Service".into()))
        );
        assert_eq!(
            s("Safer Communities Manager"),
            (Some("Safer Communities Manager".into()), None)
        );
    }

    #[test]
    fn posts_split_more() {
        let s = |t: &str| split_post(t, v());
        let some = |x: &str| Some(x.to_string());
        assert_eq!(
            s("Probation Service, Anyshire"),
            (None, some("Probation Service, Anyshire"))
        );
        assert_eq!(
            s("ABCD Trust Safeguarding Lead, Clinical Supervisor"),
            (
                some("Safeguarding Lead, Clinical Supervisor"),
                some("ABCD Trust")
            )
        );
        assert_eq!(
            s("Managers, Anytown Partnership"),
            (some("Managers"), some("Anytown Partnership"))
        );
        assert_eq!(
            s("Named GP for Child Safeguarding"),
            (some("Named GP for Child Safeguarding"), None)
        );
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(
            leading_number("19,383 info"),
            Some(("19,383".into(), 19383.0, 6))
        );
        assert_eq!(leading_number("98% of"), Some(("98%".into(), 98.0, 3)));
        assert_eq!(leading_number("x"), None);
        assert_eq!(money("£35,000"), Some(35000.0));
        assert_eq!(money("1,685"), Some(1685.0));
        assert_eq!(money("Not yet advised"), None);
        assert_eq!(money("(£1,200)"), Some(-1200.0));
    }

    #[test]
    fn financial_years() {
        let g = Grammars::builtin();
        assert_eq!(
            periods("for the period 2021/22, and 2020-2023", &g),
            vec!["2021/22", "2020-2023"]
        );
        assert!(periods("on 12/04/2021", &g).is_empty());
        assert!(periods("since 2019", &g).is_empty());
    }
}
