//! Columns typed by what their cells hold.
//!
//! Why: a header the vocabulary does not know ("Accountable manager", "By",
//! "AFI", "What the audit found") must not drop its column in silence. The
//! cells under it usually say what it is: dates, percentages, rating words
//! or fills, people and posts, short refs, or long merged texts beside the
//! actions. A column whose cells are unambiguous is read as that meaning;
//! one that stays unknown is listed, so the plan can report
//! `plan.column_unknown` with the header a user would add to `--grammars`.

use crate::model::{Rgb, Table};
use crate::recognise::{Grammars, date, lead, status};

use super::columns::{ColumnMap, Extra, Meaning};
use super::refs;

/// Share of a column's non-empty cells that must agree for it to be typed.
const AGREE: f64 = 0.75;
/// A timescale, rating, ref or lead cell is short; longer text is prose.
const SHORT_WORDS: usize = 12;
/// A status cell is a word or two ("Not yet due", "Amber").
const STATUS_WORDS: usize = 4;
/// Prose whose mean length is at least this many words is a text column.
const PROSE_WORDS: usize = 8;

/// One data cell of a column, as the typing sees it.
struct Sample {
    text: String,
    fill: Option<Rgb>,
    row_span: usize,
}

/// What the cells say a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Typed {
    Core(Meaning),
    Extra(Extra),
}

/// Type each header cell no vocabulary named from the cells below the
/// header (row `header`), add what is typed to `map`, and list the rest.
pub(super) fn type_unknown(
    table: &Table,
    header: usize,
    map: &mut ColumnMap,
    unnamed: Vec<(usize, String)>,
    g: &Grammars,
) {
    for (col, text) in unnamed {
        let samples = samples(table, header, col);
        let has = |m: Meaning| map.cols.iter().any(|(_, x)| *x == m);
        let action_col = map.first(Meaning::Action).or(map.first(Meaning::Finding));
        match classify(&samples, g, has(Meaning::Ref)) {
            Some(Typed::Core(m)) if !has(m) => {
                let before_actions = action_col.is_none_or(|a| col < a);
                if m == Meaning::Finding && !before_actions {
                    map.unknown.push((col, text));
                } else {
                    map.cols.push((col, m));
                }
            }
            Some(Typed::Extra(e)) if map.extra(e).is_none() => map.extras.push((col, e)),
            _ => map.unknown.push((col, text)),
        }
    }
}

/// The data cells starting in column `col` below row `header`.
fn samples(table: &Table, header: usize, col: usize) -> Vec<Sample> {
    table
        .rows
        .iter()
        .skip(header + 1)
        .filter(|r| !r.header)
        .filter_map(|r| r.cells.iter().find(|c| c.col == col && c.col_span <= 1))
        .map(|c| Sample {
            text: c.text().split_whitespace().collect::<Vec<_>>().join(" "),
            fill: c.fill.filter(|f| !f.is_whiteish()),
            row_span: c.row_span.max(1),
        })
        .collect()
}

fn share(texts: &[&str], pred: impl Fn(&str) -> bool) -> f64 {
    if texts.is_empty() {
        return 0.0;
    }
    texts.iter().filter(|t| pred(t)).count() as f64 / texts.len() as f64
}

fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

/// "45%", "100 %", or the "n/a" a percentage column prints when it has none.
pub(crate) fn is_percent(t: &str) -> bool {
    let t = t.trim();
    if let Some(n) = t.strip_suffix('%') {
        let n = n.trim();
        return !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.');
    }
    false
}

/// What the samples say the column is, if they agree. `has_ref`: the table
/// already has a ref column, so another column of short refs links to
/// findings printed elsewhere.
pub(crate) fn classify_texts(texts: &[&str], g: &Grammars, has_ref: bool) -> Option<Typed> {
    if texts.is_empty() {
        return None;
    }
    let placeholder = |t: &str| matches!(t.to_lowercase().as_str(), "n/a" | "na" | "-" | "tbc");
    if texts.iter().any(|t| is_percent(t))
        && share(texts, |t| is_percent(t) || placeholder(t)) >= AGREE
    {
        return Some(Typed::Extra(Extra::Percent));
    }
    if share(texts, |t| refs::printed_ref(t).is_some()) >= AGREE {
        return Some(if has_ref {
            Typed::Extra(Extra::Link)
        } else {
            Typed::Core(Meaning::Ref)
        });
    }
    let short = |t: &str| words(t) <= SHORT_WORDS && !t.ends_with('.');
    if share(texts, |t| short(t) && !date::find_dates(t, g).is_empty()) >= AGREE {
        return Some(Typed::Core(Meaning::Timescale));
    }
    if share(texts, |t| {
        words(t) <= STATUS_WORDS && {
            let f = status::status(t, g);
            f.rag.is_some() || f.complete.is_some()
        }
    }) >= AGREE
    {
        return Some(Typed::Core(Meaning::Status));
    }
    let as_above = |t: &str| g.plan_phrases().as_above.whole(t).is_some();
    let people: Vec<&str> = texts.iter().copied().filter(|t| !as_above(t)).collect();
    if !people.is_empty()
        && share(&people, |t| {
            short(t)
                && lead::split_leads(t, g)
                    .iter()
                    .any(|l| l.name.is_some() || l.role.is_some())
        }) >= AGREE
    {
        return Some(Typed::Core(Meaning::Lead));
    }
    None
}

fn classify(samples: &[Sample], g: &Grammars, has_ref: bool) -> Option<Typed> {
    let texts: Vec<&str> = samples
        .iter()
        .map(|s| s.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    // Cells that print nothing but carry a colour: a RAG shown by fill.
    let filled = samples.iter().filter(|s| s.fill.is_some()).count();
    if texts.is_empty() {
        return (filled * 2 >= samples.len() && filled > 0).then_some(Typed::Core(Meaning::Status));
    }
    if let Some(t) = classify_texts(&texts, g, has_ref) {
        return Some(t);
    }
    // Long texts merged over several rows, or repeated row after row, are
    // the findings those rows answer.
    let mean = texts.iter().map(|t| words(t)).sum::<usize>() / texts.len();
    let merged = samples.iter().any(|s| s.row_span > 1);
    let repeated = texts.windows(2).any(|w| w[0] == w[1]);
    (mean >= PROSE_WORDS && (merged || repeated)).then_some(Typed::Core(Meaning::Finding))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(xs: &[&str]) -> Option<Typed> {
        classify_texts(xs, &Grammars::builtin(), true)
    }

    #[test]
    fn cells_say_what_an_unnamed_column_is() {
        assert_eq!(
            t(&["12/05/2026", "Summer 2027", "end of June 2026"]),
            Some(Typed::Core(Meaning::Timescale))
        );
        assert_eq!(
            t(&["25%", "100%", "n/a", "60 %"]),
            Some(Typed::Extra(Extra::Percent))
        );
        assert_eq!(
            t(&["Red", "Green", "Amber"]),
            Some(Typed::Core(Meaning::Status))
        );
        assert_eq!(t(&["2", "2", "4", "1"]), Some(Typed::Extra(Extra::Link)));
        assert_eq!(
            classify_texts(&["R1", "R2"], &Grammars::builtin(), false),
            Some(Typed::Core(Meaning::Ref))
        );
        assert_eq!(
            t(&[
                "Head of Youth Services, Wexcombe Council",
                "As above",
                "Designated Nurse (ICB)"
            ]),
            Some(Typed::Core(Meaning::Lead))
        );
        assert_eq!(
            t(&["Some notes on the meeting were taken.", "Other notes."]),
            None
        );
    }
}
