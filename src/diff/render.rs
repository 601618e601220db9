//! The human summary of a diff: plain text or Markdown, leading with the
//! counts a business manager reports ("4 actions slipped, 3 completed,
//! 2 new"), then each changed action.

use std::fmt::Write;

use super::types::{Change, Diff, DueMove, Item, MatchBy, Matched, Summary};

/// Plain text for a terminal, or Markdown for a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Markdown,
}

/// Longest action text quoted in a heading line, in characters.
const QUOTE_CHARS: usize = 70;

pub fn render(d: &Diff, style: Style) -> String {
    let mut out = String::new();
    let md = style == Style::Markdown;
    if md {
        let _ = writeln!(out, "# Plan changes: {} → {}\n", d.old.file, d.new.file);
        let _ = writeln!(out, "**{}**\n", headline(&d.summary));
    } else {
        let _ = writeln!(out, "{}", headline(&d.summary));
    }
    let _ = writeln!(out, "{}", matched_line(d));
    let changed: Vec<&Matched> = d
        .actions
        .matched
        .iter()
        .filter(|m| !m.changes.is_empty())
        .collect();
    section(
        &mut out,
        style,
        "Changed actions",
        changed.iter().map(|m| {
            let mut s = label(&m.new);
            if m.evidence.by == MatchBy::Text {
                let _ = write!(
                    s,
                    " (matched by similar text, {:.2})",
                    m.evidence.similarity
                );
            }
            (s, m.changes.iter().map(describe).collect())
        }),
    );
    section(
        &mut out,
        style,
        "New actions",
        d.actions.added.iter().map(|i| (label(i), vec![])),
    );
    section(
        &mut out,
        style,
        "Removed actions",
        d.actions.removed.iter().map(|i| (label(i), vec![])),
    );
    section(
        &mut out,
        style,
        "Split actions",
        d.actions
            .split
            .iter()
            .map(|s| (label(&s.old), vec![format!("now {}", refs(&s.new))])),
    );
    section(
        &mut out,
        style,
        "Merged actions",
        d.actions
            .merged
            .iter()
            .map(|m| (label(&m.new), vec![format!("was {}", refs(&m.old))])),
    );
    let reworded = d.findings.matched.iter().filter(|m| !m.changes.is_empty());
    section(
        &mut out,
        style,
        "Changed findings",
        reworded.map(|m| (label(&m.new), m.changes.iter().map(describe).collect())),
    );
    section(
        &mut out,
        style,
        "New findings",
        d.findings.added.iter().map(|i| (label(i), vec![])),
    );
    section(
        &mut out,
        style,
        "Removed findings",
        d.findings.removed.iter().map(|i| (label(i), vec![])),
    );
    out
}

/// The counts, largest news first; "No changes" when there are none.
pub fn headline(s: &Summary) -> String {
    let action_counts = [
        (s.slipped, "slipped"),
        (s.completed, "completed"),
        (s.added, "new"),
        (s.removed, "removed"),
        (s.brought_forward, "brought forward"),
        (s.due_set, "due date set"),
        (s.due_cleared, "due date dropped"),
        (s.reopened, "reopened"),
        (s.rag_changed, "RAG changed"),
        (s.status_changed, "status changed"),
        (s.progress_added, "with new progress"),
        (s.leads_changed, "leads changed"),
        (s.timescale_changed, "timescale reworded"),
        (s.reworded, "reworded"),
        (s.renumbered, "renumbered"),
        (s.outcome_changed, "outcome changed"),
        (s.split, "split"),
        (s.merged, "merged"),
    ];
    let finding_counts = [
        (s.findings_added, "new"),
        (s.findings_removed, "removed"),
        (s.findings_reworded, "reworded"),
        (s.findings_renumbered, "renumbered"),
    ];
    let mut parts: Vec<String> = Vec::new();
    for (n, what) in action_counts.iter().filter(|(n, _)| *n > 0) {
        if parts.is_empty() {
            let noun = if *n == 1 { "action" } else { "actions" };
            parts.push(if *what == "new" {
                format!("{n} new {noun}")
            } else {
                format!("{n} {noun} {what}")
            });
        } else {
            parts.push(format!("{n} {what}"));
        }
    }
    let findings: Vec<String> = finding_counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if !findings.is_empty() {
        parts.push(format!("findings: {}", findings.join(", ")));
    }
    if parts.is_empty() {
        "No changes".to_string()
    } else {
        parts.join(", ")
    }
}

fn matched_line(d: &Diff) -> String {
    let by_ref = d
        .actions
        .matched
        .iter()
        .filter(|m| m.evidence.by == MatchBy::Ref)
        .count();
    format!(
        "{} ({}, {} actions) -> {} ({}, {} actions): {} matched ({} by ref, {} by similar text), {} unchanged",
        d.old.file,
        d.old.format,
        d.old.actions,
        d.new.file,
        d.new.format,
        d.new.actions,
        d.summary.matched,
        by_ref,
        d.summary.matched - by_ref,
        d.summary.unchanged
    )
}

/// A titled list of entries, each a line with indented detail lines;
/// nothing when empty.
fn section(
    out: &mut String,
    style: Style,
    title: &str,
    entries: impl Iterator<Item = (String, Vec<String>)>,
) {
    let entries: Vec<_> = entries.collect();
    if entries.is_empty() {
        return;
    }
    match style {
        Style::Text => {
            let _ = writeln!(out, "\n{title}:");
            for (head, details) in entries {
                let _ = writeln!(out, "  {head}");
                for d in details {
                    let _ = writeln!(out, "      {d}");
                }
            }
        }
        Style::Markdown => {
            let _ = writeln!(out, "\n## {title}\n");
            for (head, details) in entries {
                let _ = writeln!(out, "- {}", head.replace('*', "\\*"));
                for d in details {
                    let _ = writeln!(out, "  - {}", d.replace('*', "\\*"));
                }
            }
        }
    }
}

/// An item as a reader finds it: its ref and the start of its text.
fn label(i: &Item) -> String {
    let text = quote(&i.text);
    match &i.ref_ {
        Some(r) => format!("{r}: {text}"),
        None => text,
    }
}

fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTE_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(QUOTE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// Words of context kept before and after the part of a text that changed.
const CONTEXT_WORDS: usize = 2;

/// The part of two texts that differs, with a little context either side
/// and "…" where words are left out: a rewording at the end of a long text
/// shows its end, not the unchanged start.
fn differing(a: &str, b: &str) -> (String, String) {
    let (aw, bw): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let prefix = aw.iter().zip(&bw).take_while(|(x, y)| x == y).count();
    let room = aw.len().min(bw.len()) - prefix;
    let suffix = aw
        .iter()
        .rev()
        .zip(bw.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let show = |w: &[&str]| {
        let lo = prefix.saturating_sub(CONTEXT_WORDS);
        let hi = (w.len() - suffix + CONTEXT_WORDS).min(w.len());
        let mut s = w[lo..hi].join(" ");
        if s.chars().count() > QUOTE_CHARS {
            s = quote(&s);
        } else if hi < w.len() {
            s.push('…');
        }
        if lo > 0 {
            s.insert(0, '…');
        }
        s
    };
    (show(&aw), show(&bw))
}

fn refs(items: &[Item]) -> String {
    items
        .iter()
        .map(|i| i.ref_.clone().unwrap_or_else(|| quote(&i.text)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "none".to_string(), |x| x.to_string())
}

fn rag_name(r: &Option<crate::contract::Rag>) -> String {
    r.map_or_else(
        || "none".to_string(),
        |r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        },
    )
}

/// One change as a line.
fn describe(c: &Change) -> String {
    match c {
        Change::Due {
            from,
            to,
            days,
            direction,
            timescale,
        } => {
            let when = |t: &Option<String>, d: &Option<String>| match (t, d) {
                (Some(t), Some(d)) => format!("{t} ({d})"),
                (Some(t), None) => t.clone(),
                (None, d) => or_none(d),
            };
            let span = days.map(|d| {
                let n = d.abs();
                format!(" {n} day{}", if n == 1 { "" } else { "s" })
            });
            let verb = match direction {
                DueMove::Slipped => "due slipped",
                DueMove::BroughtForward => "due brought forward",
                DueMove::Set => "due date set",
                DueMove::Cleared => "due date cleared",
            };
            format!(
                "{verb}{}: {} -> {}",
                span.unwrap_or_default(),
                when(&timescale.from, from),
                when(&timescale.to, to)
            )
        }
        Change::Timescale { from, to } => {
            format!("timescale: {} -> {}", or_none(from), or_none(to))
        }
        Change::Status { from, to } => format!("status: {} -> {}", or_none(from), or_none(to)),
        Change::Rag { from, to } => format!("RAG: {} -> {}", rag_name(from), rag_name(to)),
        Change::Complete { to: Some(true), .. } => "completed".to_string(),
        Change::Complete {
            from: Some(true), ..
        } => "no longer complete".to_string(),
        Change::Complete { from, to } => {
            format!("complete: {} -> {}", or_none(from), or_none(to))
        }
        Change::Leads { added, removed } => {
            let mut parts: Vec<String> = added.iter().map(|l| format!("+ {l}")).collect();
            parts.extend(removed.iter().map(|l| format!("- {l}")));
            format!("leads: {}", parts.join("; "))
        }
        Change::Progress { added, removed } => {
            let mut parts: Vec<String> = added
                .iter()
                .map(|p| format!("+ {}", quote(&p.text)))
                .collect();
            parts.extend(removed.iter().map(|p| format!("- {}", quote(&p.text))));
            format!("progress: {}", parts.join("; "))
        }
        Change::Text {
            from,
            to,
            similarity,
        } => {
            let (a, b) = differing(from, to);
            format!("reworded (similarity {similarity:.2}): \"{a}\" -> \"{b}\"")
        }
        Change::Ref { from, to } => format!("renumbered: {} -> {}", or_none(from), or_none(to)),
        Change::Outcome { from, to } => format!(
            "outcome: {} -> {}",
            from.as_deref().map_or_else(|| "none".into(), quote),
            to.as_deref().map_or_else(|| "none".into(), quote)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_leads_with_the_counts() {
        let s = Summary {
            slipped: 4,
            completed: 3,
            added: 2,
            findings_added: 1,
            ..Summary::default()
        };
        assert_eq!(
            headline(&s),
            "4 actions slipped, 3 completed, 2 new, findings: 1 new"
        );
        let one_new = Summary {
            added: 1,
            ..Summary::default()
        };
        assert_eq!(headline(&one_new), "1 new action");
        assert_eq!(headline(&Summary::default()), "No changes");
    }

    #[test]
    fn a_rewording_shows_the_words_that_changed() {
        assert_eq!(
            differing(
                "Audit every plan that has been open for more than a year and report to the board",
                "Audit every plan that has been open for more than 18 months and report to the board"
            ),
            (
                "…more than a year and report…".to_string(),
                "…more than 18 months and report…".to_string()
            )
        );
        assert_eq!(
            differing("Publish the policy", "Publish the revised policy"),
            (
                "Publish the policy".to_string(),
                "Publish the revised policy".to_string()
            )
        );
        assert_eq!(
            differing("Train staff", "Train staff and carers"),
            (
                "Train staff".to_string(),
                "Train staff and carers".to_string()
            )
        );
    }

    #[test]
    fn a_slip_reads_with_days_and_both_timescales() {
        let c = Change::Due {
            from: Some("2020-10-31".into()),
            to: Some("2020-12-31".into()),
            days: Some(61),
            direction: DueMove::Slipped,
            timescale: super::super::types::TextChange {
                from: Some("October 2020".into()),
                to: Some("December 2020".into()),
            },
        };
        assert_eq!(
            describe(&c),
            "due slipped 61 days: October 2020 (2020-10-31) -> December 2020 (2020-12-31)"
        );
    }
}
