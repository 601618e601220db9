//! Action fields from cell paragraphs: text, timescale, leads, status,
//! progress. The recognisers do the parsing; this module decides which text
//! each one sees.

use crate::contract::{DateRange, Lead, MAX_TEXT_BYTES, Progress, Status, Timescale};
use crate::recognise::{Grammars, date, lead, status};

/// Join a cell's paragraphs with single spaces. A word broken at its hyphen
/// across paragraphs (a page or line break: "Covid-" + "19") is joined with
/// no space; a spaced dash ("Programme developed -") keeps its space.
pub fn join(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for p in paragraphs {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.is_empty() {
            continue;
        }
        let mend = broken_word(&out) && p.starts_with(char::is_alphanumeric);
        if !out.is_empty() && !mend {
            out.push(' ');
        }
        out.push_str(&p);
    }
    out
}

/// Does `s` end with a letter or digit followed by a hyphen?
fn broken_word(s: &str) -> bool {
    let mut rev = s.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphanumeric)
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The timescale of an action: `None` when the table has no timescale
/// column (text null, no dates).
pub fn timescale(paragraphs: Option<&[String]>, g: &Grammars) -> Timescale {
    match timescale_text(paragraphs, g) {
        Some(text) => timescale_of(&text, g),
        None => Timescale::default(),
    }
}

/// A timescale cell's text, joined: `None` when the table has no timescale
/// column, or the cell is empty or a placeholder.
pub fn timescale_text(paragraphs: Option<&[String]>, g: &Grammars) -> Option<String> {
    paragraphs
        .and_then(|p| non_empty(join(p)))
        .filter(|t| !status::is_placeholder(t, g))
}

/// A timescale cell's text parsed: its date ranges and due date, read
/// from as much of the text as the contract keeps ([`MAX_TEXT_BYTES`]):
/// a date past the cut would name text the document no longer holds (a
/// 3 MB cell of "1.11.11…" gave 349,127 dates and 23 MB of JSON).
pub fn timescale_of(text: &str, g: &Grammars) -> Timescale {
    let kept = &text[..text.floor_char_boundary(MAX_TEXT_BYTES)];
    let dates = date::find_dates(kept, g)
        .into_iter()
        .map(|d| DateRange {
            text: d.text,
            start: d.start.to_string(),
            end: d.end.to_string(),
        })
        .collect();
    Timescale {
        text: Some(text.to_string()),
        dates,
        due: date::due(kept, g).map(|d| d.to_string()),
    }
}

/// A lead cell split into leads, and whether it opens with its
/// organisation as a heading ("ESCC – Jane Doe"): such a cell reads as a
/// lead cell of its own, never as the continuation of a list above.
pub fn lead_cell(paragraphs: &[String], g: &Grammars) -> (Vec<Lead>, bool) {
    let parts = lead::split_leads(&paragraphs.join("\n"), g);
    let org_first = parts.first().is_some_and(|p| p.org_first);
    (parts.into_iter().map(lead_of).collect(), org_first)
}

fn lead_of(l: lead::LeadParts) -> Lead {
    Lead {
        text: kept(l.text),
        name: l.name.map(kept),
        role: l.role.map(kept),
        organisation: l.organisation.map(kept),
    }
}

/// A field cut a few bytes past what the contract keeps
/// ([`MAX_TEXT_BYTES`]): still over it, so the contract cuts it and says
/// so, but no longer. Why: leads and sections are copied into every
/// action they head, and a 400 KB cell copied into thousands of actions
/// took gigabytes before the contract cut each copy.
pub(super) fn kept(mut s: String) -> String {
    s.truncate(s.floor_char_boundary(MAX_TEXT_BYTES + 4));
    s
}

/// Is `kept` what [`kept`] makes of `full`?
pub(super) fn is_kept_of(kept: &str, full: &str) -> bool {
    full.starts_with(kept) && (kept.len() == full.len() || kept.len() > MAX_TEXT_BYTES)
}

/// Outcome text: every outcome cell's paragraphs, joined.
pub fn outcome(cells: &[Vec<String>]) -> Option<String> {
    let all: Vec<String> = cells.iter().flatten().cloned().collect();
    non_empty(join(&all))
}

/// Progress entries: one per non-empty progress cell, in column order; inside
/// a cell, each paragraph that opens with a date starts a new entry. An
/// entry's date is the start of the date it opens with.
pub fn progress(cells: &[Vec<String>], g: &Grammars) -> Vec<Progress> {
    let mut out = Vec::new();
    for cell in cells {
        let mut entry: Vec<String> = Vec::new();
        let mut entry_date: Option<String> = None;
        for p in cell {
            let opening = opening_date(p, g);
            if opening.is_some() && !entry.is_empty() {
                out.push(Progress {
                    text: join(&entry),
                    date: entry_date.take(),
                });
                entry.clear();
            }
            if entry.is_empty() {
                entry_date = opening;
            }
            entry.push(p.clone());
        }
        if let Some(text) = non_empty(join(&entry)) {
            out.push(Progress {
                text,
                date: entry_date,
            });
        }
    }
    out
}

/// The start of the date expression `text` opens with, if it opens with one.
fn opening_date(text: &str, g: &Grammars) -> Option<String> {
    let t = text.trim_start();
    let lead_ws = text.len() - t.len();
    date::find_dates(text, g)
        .into_iter()
        .find(|d| d.offset <= lead_ws)
        .map(|d| d.start.to_string())
}

/// Status from the status / RAG cell; completion from that cell, else the
/// timescale text ("May 2020 - complete"), else, when the row shows no
/// status at all (`filled`: its status cell carries a colour), the latest
/// progress entry that says. Why not when a status is shown: the row has
/// stated its status (a colour alone leaves `complete` unknown), and a word
/// in the progress prose ("recruitment delayed") is about a step, not the
/// action.
pub fn status(
    cell: &[String],
    filled: bool,
    timescale: Option<&str>,
    progress: &[Progress],
    g: &Grammars,
) -> Status {
    let text = non_empty(join(cell)).filter(|t| !status::is_placeholder(t, g));
    let facts = text
        .as_deref()
        .map(|t| status::status(t, g))
        .unwrap_or_default();
    let mut complete = facts.complete;
    if complete.is_none()
        && let Some(t) = timescale
    {
        complete = status::status(t, g).complete;
    }
    if complete.is_none() && text.is_none() && !filled {
        complete = progress
            .iter()
            .rev()
            .find_map(|p| status::status(&p.text, g).complete);
    }
    Status {
        text,
        rag: facts.rag,
        complete,
    }
}

/// A percentage-done cell that reads "100%" says the action is complete,
/// where the status says nothing of it. Any other value (a lower
/// percentage, "0%", "n/a") is a measure, not a statement that work is
/// under way, and leaves `complete` as it is.
pub fn percent_done(status: &mut Status, cell: &[String]) {
    let t = join(cell).replace(' ', "");
    if status.complete.is_none() && (t == "100%" || t == "100.0%") {
        status.complete = Some(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    /// A lead longer than a field keeps is cut just past it (the contract
    /// cuts the rest and reports it); a short one is untouched.
    #[test]
    fn leads_are_kept_to_just_past_what_a_field_keeps() {
        let g = Grammars::builtin();
        let long = format!(
            "Ann Example, {}",
            "Head of Invented Services ".repeat(2_000)
        );
        let (leads, _) = lead_cell(&[long], &g);
        assert!(leads.iter().all(|l| l.text.len() <= MAX_TEXT_BYTES + 4));
        assert!(leads.iter().any(|l| l.text.len() > MAX_TEXT_BYTES));
        let (short, _) = lead_cell(&["Ann Example, Head of Service".to_string()], &g);
        assert_eq!(short[0].text, "Ann Example, Head of Service");
    }

    /// Dates are read from the part of a timescale the contract keeps: an
    /// invented cell whose dates go on far past it gives only those inside.
    #[test]
    fn timescale_dates_come_from_the_text_a_field_keeps() {
        let g = Grammars::builtin();
        let cell = "Review by March 2021. ".repeat(MAX_TEXT_BYTES / 10);
        let t = timescale_of(&cell, &g);
        let inside = cell[..MAX_TEXT_BYTES].matches("March 2021").count();
        assert!(inside > 0);
        assert_eq!(t.dates.len(), inside);
        assert!(t.dates.iter().all(|d| d.text == "March 2021"));
        assert_eq!(t.due.as_deref(), Some("2021-03-31"));
    }

    #[test]
    fn progress_prose_decides_complete_only_when_no_status_is_shown() {
        let g = Grammars::builtin();
        let progress = vec![Progress {
            text: "Venue booking delayed; first session moved to May.".into(),
            date: None,
        }];
        let done = vec![Progress {
            text: "Completed".into(),
            date: None,
        }];
        assert_eq!(status(&[], true, None, &progress, &g).complete, None);
        assert_eq!(
            status(&v(&["Amber"]), false, None, &progress, &g).complete,
            None
        );
        assert_eq!(status(&[], false, None, &done, &g).complete, Some(true));
    }

    #[test]
    fn join_mends_broken_words_only() {
        assert_eq!(
            join(&v(&["mindful of Covid-", "19 priorities"])),
            "mindful of Covid-19 priorities"
        );
        assert_eq!(
            join(&v(&["Programme developed -", "end of December"])),
            "Programme developed - end of December"
        );
        assert_eq!(join(&v(&["a  b", "", "c"])), "a b c");
    }

    #[test]
    fn no_timescale_column_gives_nulls() {
        let g = Grammars::builtin();
        assert_eq!(timescale(None, &g), Timescale::default());
        assert_eq!(timescale(Some(&[]), &g).text, None);
    }

    #[test]
    fn progress_has_one_entry_per_cell() {
        let g = Grammars::builtin();
        let p = progress(&[v(&["first", "more"]), v(&[]), v(&["second"])], &g);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "first more");
        assert_eq!(p[1].text, "second");
    }
}
