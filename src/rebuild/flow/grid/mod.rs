//! A plan table rebuilt from a dump whose text boxes are whole cells.
//!
//! Why this works without geometry: pdftotext (without -layout) prints each
//! table cell as its own blank-line-separated group, row by row and, inside
//! a row, in column order. The header row therefore arrives as one group per
//! column alias (`grammars/columns.toml`), which gives the column order and
//! count; each later group is the next cell. A group that is only a ref
//! ("2.1") opens a row where the table has a ref column; without one, a row
//! ends where the next group can only belong to a column already passed.
//! Empty cells print nothing, so columns that hold no text in most plans
//! (status, progress) take a group only when it looks like theirs.
//!
//! The rebuilt table goes to the table interpreter (`interpret::plan`), which
//! already knows repeated headers, rows split by a page break (marked here
//! with `page_break_before`), sections and every field.
//!
//! Two steps: [`runs`] finds the header runs (the first gives the columns,
//! later ones repeat it after page breaks or head further tables), and
//! [`builder`] puts every other group into the next cell of a row.

mod builder;
mod mend;
mod runs;

use crate::model::{Block, Document, Format, Paragraph, Provenance};
use crate::rebuild::flow::cues::join;
use crate::rebuild::flow::header::Aliases;
use crate::rebuild::flow::lexicon::Lexicon;
use crate::rebuild::flow::para::Para;
use crate::recognise::Grammars;
use builder::TableBuilder;
use runs::{all_pieces, fragment, header_text, piece_of, runs};

/// The paragraphs with the plan table(s) rebuilt, for the one plan
/// builder. None when the dump has no header row of one paragraph per
/// column.
pub fn rebuild(paras: &[Para], g: &Grammars) -> Option<Document> {
    let new_page = page_starts(paras);
    let paras = &mend::mend_broken_words(paras);
    let aliases = Aliases::new(&g.columns);
    let runs = runs(paras, &aliases);
    let first = runs.first()?;
    let cols = first.cols.clone();
    let known: Vec<Vec<String>> = first.texts.clone();
    let spelled: Vec<Vec<String>> = known.iter().map(|w| aliases.spelled(w)).collect();
    let lex = &Lexicon::new(g);

    let (dropped, run_at) = header_text(paras, &runs, &aliases);
    let pieces = all_pieces(&runs);

    let mut blocks: Vec<Block> = Vec::new();
    let mut builder = TableBuilder::new(&cols, lex, g);
    let mut section: Option<String> = None;
    let mut page_turned = false;
    for (i, p) in paras.iter().enumerate() {
        page_turned |= new_page.get(i).copied().unwrap_or(false);
        if i < first.start {
            blocks.push(paragraph(&p.lines, p.line));
            continue;
        }
        if let Some(r) = run_at[i] {
            let head = r
                .heading
                .and_then(|(k, l)| Some((k, l, paras.get(k)?.lines.get(l)?.clone())));
            // Lines of the first paragraph above the header (and its heading).
            let above_end = match head {
                Some((k, l, _)) if k == r.start => l,
                _ => r.pre,
            };
            let above = &p.lines[..above_end.min(p.lines.len())];
            let new_table = r.start == first.start
                || head
                    .as_ref()
                    .is_some_and(|(_, _, h)| section.as_ref() != Some(h));
            if r.start == first.start {
                if !above.is_empty() {
                    blocks.push(paragraph(above, p.line));
                }
            } else if !above.is_empty() {
                builder.feed(above, p.line);
            }
            if new_table {
                if let Some(t) = builder.finish() {
                    blocks.push(Block::Table(t));
                }
                if let Some((k, l, h)) = &head {
                    let line = paras.get(*k).map_or(p.line, |q| q.line + *l as u32);
                    blocks.push(paragraph(std::slice::from_ref(h), line));
                    section = Some(h.clone());
                }
                builder.header(&spelled, p.line + r.pre as u32);
            } else {
                builder.page_break();
            }
            page_turned = false;
            continue;
        }
        if dropped[i] {
            continue;
        }
        if std::mem::take(&mut page_turned) {
            builder.page_break();
        }
        let (lines, line) = without_header_pieces(&p.lines, p.line, &pieces);
        builder.feed(lines, line);
    }
    if let Some(t) = builder.finish() {
        blocks.push(Block::Table(t));
    }
    let mut doc = Document::new(Format::Text);
    doc.blocks = blocks;
    Some(doc)
}

/// Paragraphs that open a page. Where the reader kept the dump's form
/// feeds as pages, a paragraph on a later page than the one before it.
/// Where it had none (a dump saved without them), the break is read from
/// the gap: pdftotext parts text boxes with one blank line and the page
/// break leaves one more, so two or more blank lines before a paragraph
/// mark a page break even where the page repeats no header row.
fn page_starts(paras: &[Para]) -> Vec<bool> {
    let paged = paras.iter().any(|p| p.page.is_some());
    std::iter::once(false)
        .chain(paras.windows(2).map(|w| match w {
            [a, b] if paged => b.page > a.page,
            [a, b] => b.line as usize >= a.line as usize + a.lines.len() + 2,
            _ => false,
        }))
        .collect()
}

/// A cell's lines without the pieces of header cells glued to its first or
/// last lines, and the line number it then starts at.
fn without_header_pieces<'p>(
    mut lines: &'p [String],
    mut line: u32,
    known: &[Vec<String>],
) -> (&'p [String], u32) {
    // Header words a narrow column broke over several lines, as a whole.
    // A piece is a few words of one known cell, so it spans at most that
    // many lines (and a few of punctuation only): only those first prefixes
    // are tried. Trying every prefix made a cell of n lines cost n^2 (a
    // cell of 34,000 pasted lines took minutes).
    let longest = known.iter().map(Vec::len).max().unwrap_or(0);
    let most = lines.len().min(2 * longest + 2);
    if let Some(n) = (1..most).rev().find(|&n| {
        crate::work::step(n as u64);
        lines.get(..n).is_some_and(|h| piece_of(known, &join(h)))
    }) {
        lines = lines.get(n..).unwrap_or(lines);
        line += n as u32;
    }
    while let Some((l, rest)) = lines.split_first()
        && !rest.is_empty()
        && fragment(known, l, 2)
    {
        lines = rest;
        line += 1;
    }
    while let Some((l, rest)) = lines.split_last()
        && !rest.is_empty()
        && fragment(known, l, 2)
    {
        lines = rest;
    }
    (lines, line)
}

fn paragraph(lines: &[String], line: u32) -> Block {
    Block::Paragraph(Paragraph::new(join(lines), Provenance::line(line)))
}

#[cfg(test)]
mod tests {

    use crate::read::{self, Limits};
    use crate::rebuild::flow;
    use crate::recognise::Grammars;

    /// Steps counted for a cell of `n` copies of one line.
    fn piece_steps(n: usize) -> u64 {
        let known = vec![vec![
            "progress".to_string(),
            "update".into(),
            "and".into(),
            "impact".into(),
        ]];
        let lines = vec!["the invented work is reviewed".to_string(); n];
        let (kept, steps) =
            crate::work::count(|| super::without_header_pieces(&lines, 1, &known).0.len());
        assert_eq!(kept, n);
        steps
    }

    #[test]
    fn header_pieces_cost_no_more_for_a_longer_cell() {
        let (small, large) = (piece_steps(2_000), piece_steps(8_000));
        assert!(small > 0);
        // Every prefix tried would make 4x the lines cost 16x the steps.
        assert!(large <= small * 5, "{small} -> {large}");
    }

    /// Steps counted for a plan without refs whose last row's lead cell
    /// is followed by one group of `n` lines that each open in capitals
    /// and never end a sentence.
    fn long_group_steps(n: usize) -> u64 {
        let group = vec!["Partners review the invented work with every team and"; n].join("\n");
        let text = THEMES.replace("RED\n", &format!("{group}\n"));
        crate::work::count(|| plan_of(&text).actions.len()).1
    }

    /// Steps counted for a plan without refs whose last lead cell is
    /// followed by a group of `n` lines that each read as a lead cell
    /// (each split off and the rest asked again).
    fn lead_lines_steps(n: usize) -> u64 {
        let lines: Vec<String> = (0..n)
            .map(|k| format!("Ann Example{} Invented Board", k % 7))
            .collect();
        let text = THEMES.replace("RED\n", &format!("{}\n", lines.join("\n")));
        crate::work::count(|| plan_of(&text).actions.len()).1
    }

    /// A group split again and again is not joined whole at every split.
    #[test]
    fn a_group_of_lead_lines_costs_its_length_not_its_square() {
        let (small, large) = (lead_lines_steps(1_000), lead_lines_steps(4_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }

    /// A long group is asked whether its first lines are a lead cell only
    /// as far as a lead cell's words go: asked at every line, with the
    /// rest read whole each time, 4x the lines cost 16x the steps.
    #[test]
    fn a_long_group_costs_its_length_not_its_square() {
        let (small, large) = (long_group_steps(500), long_group_steps(2_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }

    fn plan_of(text: &str) -> crate::interpret::plan::Plan {
        let doc = read::read(text.as_bytes(), &Limits::default()).unwrap();
        flow::tests::extract(&doc, &Grammars::builtin())
    }

    /// An invented numbered plan printed one cell per group: a row split by
    /// a page break (header repeated), and a row whose ref comes last.
    const NUMBERED: &str = "\
Invented plan for testing
Health Actions
Number

Recommendation

Action

Lead

By When

1.1

That waiting times are
reported monthly

Publish the waiting times
each month on the website

Ann Example, Head of
Service

Jan-16

1.2

That carers are offered an
assessment of their

Offer every carer an
assessment at the same visit

Number

Recommendation

Action

Lead

By When

own needs

as the person they care for

Jo Placeholder, Named
Nurse

Mar-16

Train staff in the new
assessment form

Jo Placeholder, Named
Nurse

Apr-16

1.3

That training is monitored
";

    #[test]
    fn rebuilds_a_numbered_table_from_cell_groups() {
        let plan = plan_of(NUMBERED);
        let a: Vec<(Option<&str>, &str, Option<&str>)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.text.as_str(),
                    a.timescale.text.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    Some("1.1"),
                    "Publish the waiting times each month on the website",
                    Some("Jan-16")
                ),
                (
                    Some("1.2"),
                    "Offer every carer an assessment at the same visit as the person they care for",
                    Some("Mar-16")
                ),
                (
                    Some("1.3"),
                    "Train staff in the new assessment form",
                    Some("Apr-16")
                ),
            ]
        );
        assert_eq!(
            plan.findings[1].text,
            "That carers are offered an assessment of their own needs"
        );
        assert_eq!(plan.findings[2].text, "That training is monitored");
        assert_eq!(plan.actions[0].section.as_deref(), Some("Health Actions"));
    }

    /// Without refs: rows told by their lead cells; a rating key below the
    /// table is not read as rows.
    const THEMES: &str = "\
The partnership agreed the plan below.

THEME 1: Partnership
ACTION

LEAD AGENCY

OUTCOME MEASURE

Publish a protocol for sharing
information on young carers

Ann Example - County
Council

Carers are identified
earlier

Sam Sample - Police

Fewer missed
referrals

Train frontline staff in
the protocol

RED

Tasks not completed and need attention.
";

    #[test]
    fn rows_without_refs_and_a_rating_key() {
        let plan = plan_of(THEMES);
        let a: Vec<(&str, Vec<&str>, Option<&str>)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                    a.outcome.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    "Publish a protocol for sharing information on young carers",
                    vec!["Ann Example - County Council"],
                    Some("Carers are identified earlier")
                ),
                (
                    "Train frontline staff in the protocol",
                    vec!["Sam Sample - Police"],
                    Some("Fewer missed referrals")
                ),
            ]
        );
        assert!(plan.findings.is_empty());
        assert_eq!(
            plan.actions[0].section.as_deref(),
            Some("THEME 1: Partnership")
        );
    }

    /// A narrow page set-up: header words broken mid-word, a ref glued
    /// under the cell above, a repeated header with the next row's ref
    /// printed between its boxes, and an action cell cut by the page break
    /// going on in a line that opens with a capital.
    const NARROW: &str = "\
Invented plan for testing
Health Actions
Numbe
r

Recommendatio
n

Action

Lead

By
When

1.1

That waiting times are
reported monthly.

Publish the waiting times
each month on the
website and in

Ann Example, Head of
Service

Jan-16

Recommendatio
n

1.2

Action

Lead

By
When

the Annual Report.

That carers are offered an
assessment

Offer every carer an
assessment at one visit

Jo Placeholder, Named
Nurse

Mar-16
1.3

That training is monitored

Train staff in the new
assessment form

Jo Placeholder, Named
Nurse

Apr-16
";

    #[test]
    fn reads_a_table_printed_in_narrow_columns() {
        let plan = plan_of(NARROW);
        let a: Vec<(Option<&str>, &str)> = plan
            .actions
            .iter()
            .map(|a| (a.ref_.as_deref(), a.text.as_str()))
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    Some("1.1"),
                    "Publish the waiting times each month on the website and in the Annual Report."
                ),
                (Some("1.2"), "Offer every carer an assessment at one visit"),
                (Some("1.3"), "Train staff in the new assessment form"),
            ]
        );
        assert_eq!(plan.findings.len(), 3);
    }

    #[test]
    fn two_blank_lines_mark_a_page_break() {
        use crate::rebuild::flow::para::Para;
        let para = |line: u32, n: usize| Para {
            lines: vec!["x".to_string(); n],
            line,
            list: false,
            page: None,
        };
        // Boxes at lines 1-2, 4 (one blank line), 7 (two blank lines).
        let paras = [para(1, 2), para(4, 1), para(7, 1)];
        assert_eq!(super::page_starts(&paras), vec![false, false, true]);
    }

    #[test]
    fn known_pages_mark_page_breaks_whatever_the_gaps() {
        use crate::rebuild::flow::para::Para;
        let para = |line: u32, page: u32| Para {
            lines: vec!["x".to_string()],
            line,
            list: false,
            page: Some(page),
        };
        // Two blank lines on one page are no break; one on a new page is.
        let paras = [para(1, 1), para(4, 1), para(6, 2)];
        assert_eq!(super::page_starts(&paras), vec![false, false, true]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_shuffled_cell_groups(picks in proptest::collection::vec((0usize..128, proptest::bool::ANY, "[ a-zA-Z0-9.:,/()\u{2013}-]{0,20}"), 0..120)) {
            let pool: Vec<&str> = NUMBERED.lines().chain(THEMES.lines()).collect();
            flow::tests::extract_shuffled(&pool, picks);
        }
    }
}
