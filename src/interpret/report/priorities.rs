//! Priorities and their leads: a priority line followed by its lead line
//! ("Lead: Head of X, Y Council", "Joint Leads: A, B / C, D").
//!
//! Why the lead cue anchors it: priorities are printed as bullets, headings
//! or table rows, and the same titles recur as plain bullets elsewhere in a
//! report. The lead line is what makes a bullet a priority *with leads*,
//! and the title is the line it sits under.

use crate::contract::{Lead, Priority};

use super::flow::Item;
use super::text::{looks_like_name, norm, split_post};
use super::vocab::Vocab;

/// Titles longer than this are sentences, not priorities.
const MAX_TITLE_WORDS: usize = 14;

pub fn find(items: &[Item<'_>], v: &Vocab) -> Vec<Priority> {
    let mut out: Vec<Priority> = Vec::new();
    let mut last_title_at: Option<usize> = None;
    for (i, it) in items.iter().enumerate() {
        let Some(l) = it.line() else {
            continue;
        };
        let own = without_trailing_sentence(&l.lines);
        let Some(rest) = after_cue(&own, v) else {
            continue;
        };
        // The title: the nearest line above that is not itself a lead line.
        let title = (0..i).rev().take(3).find_map(|k| {
            let t = items.get(k)?.line()?;
            if after_cue(&t.text, v).is_some() {
                return None;
            }
            Some((k, t.text.clone()))
        });
        let Some((k, title)) = title else {
            continue;
        };
        if title.split_whitespace().count() > MAX_TITLE_WORDS
            || title.ends_with(':')
            || last_title_at == Some(k)
        {
            continue;
        }
        last_title_at = Some(k);
        let lead_text = match continuation(items, i, v) {
            Some(more) => format!("{rest} {more}"),
            None => rest.to_string(),
        };
        out.push(Priority {
            title,
            leads: split_leads(&lead_text, v),
            at: items[k].at(),
        });
    }
    out
}

/// A lead paragraph's text without the sentence run on after it in the
/// same paragraph: from a later line that opens with a capital after a line not ending
/// mid-list (",", "/", "&", or a small word such as "in"), when those lines
/// make a sentence of six or more words ending with a full stop.
fn without_trailing_sentence(lines: &[String]) -> String {
    let ends_sentence = lines.last().is_some_and(|l| l.ends_with('.'));
    // Words from each line to the end, summed once from the back: a long
    // paragraph must not cost a sum per line.
    let mut words_from = vec![0usize; lines.len() + 1];
    for (k, l) in lines.iter().enumerate().rev() {
        crate::work::step(1);
        words_from[k] = words_from[k + 1] + l.split_whitespace().count();
    }
    let cut = (1..lines.len()).find(|&k| {
        crate::work::step(1);
        let (Some(prev), Some(line)) = (lines.get(k - 1), lines.get(k)) else {
            return false;
        };
        // A line ending on a comma or a small word ("Consultant in") goes on.
        let small_last = prev
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().all(char::is_lowercase));
        let mid_list = prev.ends_with([',', '/', '&', '-']) || small_last;
        let capital = line.starts_with(char::is_uppercase);
        let words = words_from.get(k).copied().unwrap_or(0);
        ends_sentence && !mid_list && capital && words >= 6
    });
    lines
        .get(..cut.unwrap_or(lines.len()))
        .unwrap_or_default()
        .join(" ")
}

/// A lead line wrapped onto a line of its own (a PDF read line by line):
/// the plain line after the cue line, when the priority list goes on after
/// it (a list item follows). A plain line followed by another lead line is
/// the next priority's title, not a wrap.
fn continuation<'a>(items: &'a [Item<'_>], i: usize, v: &Vocab) -> Option<&'a str> {
    let next = items.get(i + 1)?.line()?;
    let after = items.get(i + 2)?.line()?;
    let plain = !next.list && next.heading.is_none() && after_cue(&next.text, v).is_none();
    let list_goes_on = after.list && after_cue(&after.text, v).is_none();
    (plain && list_goes_on && next.text.split_whitespace().count() <= MAX_TITLE_WORDS)
        .then_some(next.text.as_str())
}

/// The text after a lead cue ("Lead:", "Joint Leads -"), if the line opens
/// with one.
fn after_cue<'t>(text: &'t str, v: &Vocab) -> Option<&'t str> {
    // The cue is the whole text before the first ":" or "- " (the matcher
    // reads punctuation as a space, so the mark is found first).
    let mark = [":", "- "]
        .iter()
        .filter_map(|m| text.find(m).map(|i| (i, m.len())))
        .min()?;
    let (at, len) = mark;
    let head = text.get(..at)?;
    if !head.starts_with(char::is_alphanumeric) || v.phrases().lead_cues.whole(head).is_none() {
        return None;
    }
    let out = text.get(at + len..)?.trim();
    (!out.is_empty()).then_some(out)
}

/// Split a lead line into leads: at the separators, then each into name,
/// role and organisation.
pub fn split_leads(s: &str, v: &Vocab) -> Vec<Lead> {
    let mut parts = vec![norm(s)];
    for sep in &v.lead_separators {
        parts = parts
            .iter()
            .flat_map(|p| {
                p.split(sep.as_str())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .map(|text| {
            let (name, post) = match text.split_once(", ") {
                Some((first, rest)) if looks_like_name(first, v) => {
                    (Some(first.to_string()), rest.to_string())
                }
                _ => (None, text.clone()),
            };
            let (role, organisation) = split_post(&post, v);
            Lead {
                text,
                name,
                role,
                organisation,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::report::flow::Line;

    fn line(t: &str, list: bool) -> Item<'static> {
        Item::Line(Line::plain(t, list))
    }

    /// Titles and lead paragraphs as plain paragraphs, each lead
    /// wrapped inside its paragraph, the last one running on into a
    /// sentence.
    #[test]
    fn priorities_as_plain_paragraphs() {
        let para = |ls: &[&str]| {
            let mut l = Line::plain(&ls.join(" "), false);
            l.lines = ls.iter().map(|x| x.to_string()).collect();
            Item::Line(l)
        };
        let items = vec![
            line("Safer Schools", false),
            para(&[
                "Lead: Senior Manager, Inclusion",
                "Service, Children's Services",
            ]),
            line("Online Harm", false),
            para(&[
                "Joint Leads: Detective Inspector, Anyshire Police / Consultant in",
                "Public Health, Public Health",
                "It is agreed that the voice of the child is heard across",
                "all of the priorities.",
            ]),
        ];
        let p = find(&items, Vocab::builtin());
        let leads: Vec<Vec<&str>> = p
            .iter()
            .map(|x| x.leads.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            leads,
            [
                vec!["Senior Manager, Inclusion Service, Children's Services"],
                vec![
                    "Detective Inspector, Anyshire Police",
                    "Consultant in Public Health, Public Health"
                ]
            ]
        );
    }

    #[test]
    fn priorities_with_leads() {
        let items = vec![
            line("The priorities are:", false),
            line("Safer Schools", true),
            line(
                "Lead: Senior Manager, Inclusion Service, Children's Services",
                false,
            ),
            line("Online Harm", true),
            line(
                "Joint Leads: Detective Inspector, Anyshire Police / Head of Service, Anytown Council",
                false,
            ),
        ];
        let p = find(&items, Vocab::builtin());
        assert_eq!(p.len(), 2);
        let wrapped = vec![
            line("Safer Schools", true),
            line("Lead: Senior Manager, Inclusion", false),
            line("Service, Children's Services", false),
            line("Online Harm", true),
            line("Lead: Head of Service, Anytown Council", false),
            line("Some closing paragraph.", false),
            line("Another.", false),
        ];
        let w = find(&wrapped, Vocab::builtin());
        assert_eq!(
            w[0].leads[0].text,
            "Senior Manager, Inclusion Service, Children's Services"
        );
        assert_eq!(w[1].leads[0].text, "Head of Service, Anytown Council");
        assert_eq!(p[0].title, "Safer Schools");
        assert_eq!(
            p[0].leads[0].organisation.as_deref(),
            Some("Children's Services")
        );
        assert_eq!(
            p[0].leads[0].role.as_deref(),
            Some("Senior Manager, Inclusion Service")
        );
        assert_eq!(p[1].leads.len(), 2);
        assert_eq!(p[1].leads[1].text, "Head of Service, Anytown Council");
        assert_eq!(p[1].leads[0].name, None);
    }
}
