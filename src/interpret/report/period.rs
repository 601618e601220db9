//! The reporting period and the body reporting.
//!
//! Why from the report's own sentence: a report names itself ("the third
//! annual report of the X Partnership for the period 2021/22"); that
//! sentence is the most reliable source of both. Where there is none, the
//! period most printed in the headings, and the body behind the acronym
//! the document uses most, stand in.

use std::collections::HashMap;

use super::flow::Item;
use super::sections::Sections;
use super::text::{is_acronym, periods, words};
use super::vocab::Vocab;
use crate::recognise::Grammars;

/// The reporting period as printed.
pub fn period(items: &[Item<'_>], secs: &Sections, g: &Grammars) -> Option<String> {
    let names = &g.report.phrases().report_names;
    for l in items.iter().filter_map(Item::line).take(400) {
        for f in names.all(&l.text) {
            // The period nearest the report's name within its sentence.
            let sentence = sentence_around(&l.text, f.raw_start);
            if let Some(p) = periods(sentence, g).into_iter().next() {
                return Some(p);
            }
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in &secs.list {
        for p in periods(&s.title, g) {
            *counts.entry(p).or_default() += 1;
        }
    }
    if counts.is_empty() {
        for l in items.iter().filter_map(Item::line) {
            for p in periods(&l.text, g) {
                *counts.entry(p).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(p, _)| p)
}

/// The sentence of `text` that holds byte position `pos`.
fn sentence_around(text: &str, pos: usize) -> &str {
    let (Some(before), Some(after)) = (text.get(..pos), text.get(pos..)) else {
        return text;
    };
    let start = before.rfind(". ").map_or(0, |i| i + 2);
    let end = after.find(". ").map_or(text.len(), |i| pos + i);
    text.get(start..end).unwrap_or(text)
}

/// The body reporting.
pub fn organisation(
    items: &[Item<'_>],
    glossary: &[(String, String)],
    v: &Vocab,
) -> Option<String> {
    let lex = v.phrases();
    for l in items.iter().filter_map(Item::line).take(400) {
        for f in lex.report_names.all(&l.text) {
            // "annual report of the X Partnership": the words after the
            // name and a `report_of` joint.
            let Some(after) = l.text.get(f.raw_end..) else {
                continue;
            };
            if after.starts_with(' ')
                && let Some(of) = lex.report_of.opening(after)
                && let Some(rest) = after.get(of.raw_end..)
                && rest.starts_with(' ')
                && let Some(body) = capitalised_run(rest, v)
            {
                return Some(body);
            }
        }
    }
    // The acronym the document uses most, expanded by the glossary or by a
    // "Full Name (ACRONYM)" it prints.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in items.iter().filter_map(Item::line) {
        for w in words(&l.text) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w.strip_suffix("'s").unwrap_or(w);
            if is_acronym(w) && w.chars().all(|c| c.is_alphabetic()) {
                *counts.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (acr, _) in ranked.into_iter().take(5) {
        if let Some((_, exp)) = glossary.iter().find(|(a, _)| *a == acr)
            && super::text::looks_like_org(exp, v)
        {
            return Some(exp.clone());
        }
    }
    None
}

/// A run of capitalised words (with joining words, `joiners` of
/// `report.toml`) at the start of `s`, up to the first other word or bracket: a body's name.
fn capitalised_run(s: &str, v: &Vocab) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        let cap = bare.chars().next().is_some_and(|c| c.is_uppercase());
        let joiner = v.is_joiner(bare);
        if w.starts_with('(') || !(cap || joiner) {
            break;
        }
        out.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    while out.last().is_some_and(|w| v.is_joiner(w)) {
        out.pop();
    }
    let body = out.join(" ");
    (out.len() >= 2 && super::text::looks_like_org(&body, v)).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::report::flow::Line;

    fn items(lines: &[&str]) -> Vec<Item<'static>> {
        lines
            .iter()
            .map(|t| Item::Line(Line::plain(t, false)))
            .collect()
    }

    #[test]
    fn from_the_report_sentence() {
        let it = items(&[
            "Foreword",
            "It is my privilege to present the second annual report of the Anytown Safeguarding Children Partnership (ASCP) for the period 2019/20, and more.",
        ]);
        let v = Vocab::builtin();
        assert_eq!(
            period(
                &it,
                &Sections::default(),
                &crate::recognise::Grammars::builtin()
            )
            .as_deref(),
            Some("2019/20")
        );
        assert_eq!(
            organisation(&it, &[], v).as_deref(),
            Some("Anytown Safeguarding Children Partnership")
        );
    }
}
