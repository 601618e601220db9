//! Action plans from a flow of paragraphs: a plan table that arrived without
//! its grid (a pdftotext dump without -layout: one column of wrapped lines,
//! cells emitted one after another in reading order).
//!
//! Why it can still be read: the cells of a row come in column order (ref and
//! action, timescale, leads), each column wraps at its own width, and the
//! content of each cell kind looks different. So the interpreter walks the
//! paragraphs with a small state machine:
//! - the header paragraphs (column aliases from `grammars/columns.toml`) say
//!   which columns exist; repeated header runs are dropped;
//! - a paragraph opening with a bare number in sequence starts a finding, one
//!   opening with a dotted ref ("2.1") starts an action;
//! - a short line right before a finding that is neither a date nor a lead
//!   is a section row;
//! - otherwise a paragraph is a timescale (a date opens it, or its lines are
//!   as narrow as a timescale column), a lead cell (capitalised words with a
//!   post or rank), or more action text; a fragment that opens mid-sentence
//!   continues the cell left unfinished (rows split by a page break);
//! - cells printed on one line ("… review  October 2020 Jo Bloggs, Head of
//!   Service") are cut at the date where what follows is a lead or narrow;
//! - in findings without numbered actions, the first wide paragraph and every
//!   later paragraph opening with a heading ("Exploitation Leadership:")
//!   start an action with no ref.
//!
//! A dump may also read a page column by column (cells that do not share a
//! baseline): the ref column then comes out as a run of bare numbers under
//! its section row, apart from the finding texts ([`numbers`]), cells come
//! after the rows they belong to, and text glued under a repeated header's
//! box is the rest of a cell the page break split. The walk queues such
//! numbers for the finding texts that follow, sends fragments and colon
//! lists back to the rows they finish, and [`spread`] moves lead cells back
//! over the lead-less rows they cover.
//!
//! Nothing here names a document: widths are learnt from the document's own
//! numbered paragraphs, vocabulary comes from `grammars/`.
//!
//! Where the walk finds nothing, [`grid`] tries the other shape a dump
//! takes: every cell its own text box (the header one box per column), from
//! which the table is rebuilt and handed to the table interpreter.
//!
//! The walk is split by step: [`para`] (the flow's paragraphs, glued rows
//! split), [`anchors`] (numbered paragraphs and the widths learnt from them),
//! [`walk`] (the state machine), [`cells`] (placing dates, leads and
//! continued fragments into cells), [`numbers`] (ref columns printed
//! apart), [`spread`] (lead cells printed after their rows), [`table`]
//! (rows into a model table for the one plan builder).

mod anchors;
mod cells;
mod cues;
mod deferred;
mod grid;
mod header;
mod lexicon;
mod numbers;
mod para;
mod spread;
mod table;
mod walk;

use crate::model::Document;
use crate::recognise::Grammars;
use anchors::{Anchor, Widths, action_anchor, anchors, major, median, narrow_width};
use header::{Aliases, Column};
use lexicon::Lexicon;
use para::{Para, paragraphs, split_glued};
use walk::Walk;

/// The document's paragraphs with the plan table they print rebuilt, for
/// the one plan builder (`interpret::plan`). None when no header row names
/// the plan's columns.
///
/// Two readings: the flow walk (cells wrapped into each other, a header
/// printed as a few text boxes), and, where the walk finds no rows, a table
/// rebuilt from a dump that prints every cell as its own text box.
pub fn rebuild(doc: &Document, g: &Grammars) -> Option<Document> {
    rebuild_flow(doc, g).or_else(|| grid::rebuild(&split_glued(paragraphs(doc)), g))
}

/// The flow walk: widths and anchors from the numbered paragraphs, the
/// header run (which columns exist), then the walk over the body; a
/// document holding the rows as a table.
fn rebuild_flow(doc: &Document, g: &Grammars) -> Option<Document> {
    let lex = Lexicon::new(g);
    let paras = numbers::split_trailing_runs(split_glued(paragraphs(doc)), &lex);
    let texts: Vec<String> = paras.iter().map(|p| p.lines.join("\n")).collect();
    let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let aliases = Aliases::new(&g.columns);

    // Action anchors first: they need no widths.
    let action_refs: Vec<Option<(String, String)>> = paras.iter().map(action_anchor).collect();
    let action_width = wrapped_width(
        paras
            .iter()
            .zip(&action_refs)
            .filter_map(|(p, a)| a.as_ref().map(|_| p)),
    );
    let narrow = narrow_width(&paras, action_width, &lex);

    let (hstart, hlen, columns) = plan_header(&aliases, &text_refs, &action_refs)?;

    let anchors = anchors(&paras, &action_refs, narrow);
    let after_runs = after_number_runs(&paras, &lex);
    let finding_width = wrapped_width(
        paras
            .iter()
            .zip(&anchors)
            .zip(&after_runs)
            .filter_map(|((p, a), &r)| (matches!(a, Anchor::Finding(..)) || r).then_some(p)),
    );
    let widths = Widths {
        action: action_width,
        finding: finding_width,
        narrow,
    };

    let dropped = header_runs(&aliases, &text_refs, &anchors, hstart, hlen);
    let mut walk = Walk::new(widths, &columns, &lex);
    let body: Vec<usize> = (hstart + hlen..paras.len())
        .filter(|&i| !dropped[i])
        .collect();
    let action_ahead = actions_ahead(&body, &anchors);
    for (k, &i) in body.iter().enumerate() {
        if k > 0 && body.get(k - 1).is_some_and(|&j| j + 1 < i) {
            walk.page_break();
        }
        let next = body.get(k + 1).map(|&j| &anchors[j]);
        match header_box(&aliases, &paras[i]) {
            Some((col, rest)) => walk.under_header(col, &rest, &anchors[i], next, action_ahead[k]),
            None => walk.step(&paras[i], &anchors[i], next, action_ahead[k]),
        }
    }
    walk.flush();
    walk.settle_provisional();
    walk.rows.retain(|r| !r.action.is_empty());
    walk.link_rows();
    if walk.columns_apart {
        spread::spread_leads(&mut walk.rows);
    }
    // A stray numbered paragraph under a header-like line is not a plan.
    (walk.rows.len() >= 2).then(|| walk.into_document(g))
}

/// A column's width: the median width of its wrapped (two or more line)
/// paragraphs.
fn wrapped_width<'a>(paras: impl Iterator<Item = &'a Para>) -> Option<usize> {
    median(
        paras
            .filter(|p| p.lines.len() >= 2)
            .map(|p| p.width())
            .collect(),
    )
}

/// Paragraphs right after a run of bare finding numbers: where the ref
/// column came out apart, what follows it is the finding column's text, so
/// these teach the finding column's width.
fn after_number_runs(paras: &[Para], lex: &Lexicon) -> Vec<bool> {
    let runs: Vec<bool> = paras
        .iter()
        .map(|p| numbers::number_run(p, lex).is_some())
        .collect();
    std::iter::once(false)
        .chain(runs.windows(2).map(|w| w == [true, false]))
        .collect()
}

/// The header: the first run of alias paragraphs before any numbered one,
/// as (start, paragraphs, columns); `None` when there is none or it names
/// neither an action nor a finding column.
fn plan_header(
    aliases: &Aliases,
    text_refs: &[&str],
    action_refs: &[Option<(String, String)>],
) -> Option<(usize, usize, Vec<Column>)> {
    let first_numbered = action_refs
        .iter()
        .position(Option::is_some)
        .unwrap_or(action_refs.len());
    let mut i = 0;
    let (hstart, hlen, columns) = loop {
        if i >= first_numbered {
            return None;
        }
        match aliases.try_run_at(text_refs, i, 3) {
            Ok((n, c)) => break (i, n, c),
            Err(skip) => i += skip,
        }
    };
    columns
        .iter()
        .any(|c| matches!(c, Column::Action | Column::Finding))
        .then_some((hstart, hlen, columns))
}

/// Paragraphs of header runs, to be dropped: the first and any repeated at
/// page breaks. Bare numbers between a repeated header's boxes (the ref
/// column printed inside the header run) do not break the run, and are
/// kept for the walk.
fn header_runs(
    aliases: &Aliases,
    text_refs: &[&str],
    anchors: &[Anchor],
    hstart: usize,
    hlen: usize,
) -> Vec<bool> {
    let mut dropped = vec![false; text_refs.len()];
    for d in dropped.iter_mut().skip(hstart).take(hlen) {
        *d = true;
    }
    let keep: Vec<usize> = (hstart + hlen..text_refs.len())
        .filter(|&i| !numbers::only_numbers(text_refs[i]))
        .collect();
    let texts: Vec<&str> = keep.iter().map(|&i| text_refs[i]).collect();
    let mut j = 0;
    while let Some(&i) = keep.get(j) {
        if anchors[i] != Anchor::None {
            j += 1;
            continue;
        }
        match aliases.try_run_at(&texts, j, 2) {
            Ok((n, _)) => {
                for &k in keep.iter().skip(j).take(n) {
                    dropped[k] = true;
                }
                j += n;
            }
            Err(skip) => j += skip,
        }
    }
    dropped
}

/// A paragraph whose first line is one column's header box, with the text
/// printed under it glued on: the column and the rest of the paragraph.
fn header_box(aliases: &Aliases, p: &Para) -> Option<(Column, Para)> {
    let rest = p.lines.get(1..).filter(|r| !r.is_empty())?;
    let cols = aliases.parse(&header::norm_words(p.first()))?;
    let [col] = cols[..] else {
        return None;
    };
    Some((
        col,
        Para {
            lines: rest.to_vec(),
            line: p.line + 1,
            list: p.list,
            page: p.page,
        },
    ))
}

/// For each body paragraph: the first number of the next anchor after it,
/// when that anchor is an action.
fn actions_ahead(body: &[usize], anchors: &[Anchor]) -> Vec<Option<u32>> {
    let mut action_ahead: Vec<Option<u32>> = vec![None; body.len()];
    let mut ahead = None;
    for (k, &i) in body.iter().enumerate().rev() {
        action_ahead[k] = ahead;
        match &anchors[i] {
            Anchor::Action(r, _) => ahead = Some(major(r)),
            Anchor::Finding(..) => ahead = None,
            Anchor::None => {}
        }
    }
    action_ahead
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::interpret::plan::{self, Plan};
    use crate::read::{self, Limits};

    /// The plan the one plan builder reads from the rebuilt table (empty
    /// where nothing was rebuilt).
    pub(super) fn extract(doc: &Document, g: &Grammars) -> Plan {
        rebuild(doc, g).map_or_else(Plan::default, |d| plan::extract(&d, g))
    }

    /// (ref, text, timescale, lead texts, inherited) of an action.
    type Seen<'a> = (
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Vec<&'a str>,
        bool,
    );

    /// (ref, finding id, section) of each action.
    fn refs_findings_sections(plan: &Plan) -> Vec<(Option<&str>, Option<&str>, Option<&str>)> {
        plan.actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.finding.as_deref(),
                    a.section.as_deref(),
                )
            })
            .collect()
    }

    /// (text, lead texts) of each action.
    fn texts_and_leads(plan: &Plan) -> Vec<(&str, Vec<&str>)> {
        plan.actions
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                )
            })
            .collect()
    }

    fn plan_of(text: &str) -> Plan {
        let doc = read::read(text.as_bytes(), &Limits::default()).unwrap();
        extract(&doc, &Grammars::builtin())
    }

    /// Steps counted for the invented plan with one action line that
    /// runs on into `n` date ranges.
    fn long_date_line_steps(n: usize) -> u64 {
        let dates = "1 April 2020 - 31 March 2021 ".repeat(n);
        let text = FLOW.replace(
            "1.1 Publish a protocol for sharing information on young carers  March 2021",
            &format!("1.1 Publish a protocol for sharing {dates} March 2021"),
        );
        crate::work::count(|| plan_of(&text).actions.len()).1
    }

    /// Each date of a line asks what follows it only as far as a narrow
    /// cell goes: counting the rest of the line per date, 4x the dates
    /// cost 16x.
    #[test]
    fn a_line_of_many_dates_costs_its_length_not_its_square() {
        let (small, large) = (long_date_line_steps(500), long_date_line_steps(2_000));
        assert!(small > 0);
        assert!(large <= small * 5, "{small} -> {large}");
    }

    /// Steps counted for the invented plan followed by `n` pages that
    /// print only a ref column's header.
    fn repeated_alias_steps(n: usize) -> u64 {
        let text = format!("{FLOW}{}", "\u{c}Ref\n".repeat(n));
        crate::work::count(|| plan_of(&text).actions.len()).1
    }

    /// A stretch of one alias repeated (an invented damaged save: "Ref" on
    /// every page) is not a header, and was read from each of its
    /// paragraphs to the most a header has (64): 64 reads a paragraph,
    /// 651 steps (29 now).
    #[test]
    fn a_stretch_of_one_alias_costs_a_few_reads_a_paragraph() {
        let base = repeated_alias_steps(0);
        let more = repeated_alias_steps(4_000);
        let per = (more - base) / 4_000;
        assert!(per <= 64, "{per} steps a paragraph");
    }

    /// An invented plan laid out as pdftotext prints one: wrapped columns,
    /// cells on one baseline merged into one line, a repeated header, a row
    /// split by a page break, and a finding whose actions carry no numbers.
    const FLOW: &str = "\
Ref Areas for development Actions
Timescale

Lead

Partnership areas

1 Agencies do not always share information about young carers in
time and their needs are missed when families move between areas.

1.1 Publish a protocol for sharing information on young carers  March 2021 Ann Example, Head of
Early Help

1.2 Train frontline staff in using the new protocol so that it is applied in every single
locality team across the county.

April 2021

1.3 Audit the use of the protocol after six months and report the results to the

Q2 2021/22

Ref Areas for development Actions
Timescale

Lead
 board.

Schools

2 Schools are not always told when a child they teach becomes subject
to a plan, so staff cannot offer support at the right moment.

Notification Pilot:
A pilot notification service will run in two districts, sending a secure message to
the school within one working day of a plan starting.

Spring 2021

DI Sam Sample

Evaluation:
The pilot will be evaluated and a decision taken on extending it across the county.

Summer 2021

Jo Placeholder, Education
Safeguarding Manager
";

    #[test]
    fn reads_an_invented_flow() {
        let plan = plan_of(FLOW);
        let f: Vec<(Option<&str>, Option<&str>)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), f.section.as_deref()))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1"), Some("Partnership areas")),
                (Some("2"), Some("Schools"))
            ]
        );
        let a: Vec<Seen> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.ref_.as_deref(),
                    a.text.as_str(),
                    a.timescale.text.as_deref(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                    a.leads_inherited,
                )
            })
            .collect();
        let lead1 = vec!["Ann Example, Head of Early Help"];
        assert_eq!(
            a,
            vec![
                (
                    Some("1.1"),
                    "Publish a protocol for sharing information on young carers",
                    Some("March 2021"),
                    lead1.clone(),
                    false
                ),
                (
                    Some("1.2"),
                    "Train frontline staff in using the new protocol so that it is applied in every single locality team across the county.",
                    Some("April 2021"),
                    lead1.clone(),
                    true
                ),
                (
                    Some("1.3"),
                    "Audit the use of the protocol after six months and report the results to the board.",
                    Some("Q2 2021/22"),
                    lead1.clone(),
                    true
                ),
                (
                    None,
                    "Notification Pilot: A pilot notification service will run in two districts, sending a secure message to the school within one working day of a plan starting.",
                    Some("Spring 2021"),
                    vec!["DI Sam Sample"],
                    false
                ),
                (
                    None,
                    "Evaluation: The pilot will be evaluated and a decision taken on extending it across the county.",
                    Some("Summer 2021"),
                    vec!["Jo Placeholder, Education Safeguarding Manager"],
                    false
                ),
            ]
        );
        assert!(
            plan.actions
                .iter()
                .take(3)
                .all(|a| a.finding.as_deref() == Some("f1"))
        );
        assert!(
            plan.actions
                .iter()
                .skip(3)
                .all(|a| a.finding.as_deref() == Some("f2"))
        );
        assert_eq!(plan.actions[0].at.line, Some(11));
    }

    #[test]
    fn a_row_glued_to_the_box_before_is_split_off() {
        let text = "Ref Actions\nTimescale Lead\n\n\
1 Families wait too long for an assessment when they are first referred
to the service by their school or doctor.

1.1 Set up a single front door for every referral made by schools and doctors in
the county area.

May 2021

Jo Placeholder, Head of Service
1.2 Publish the waiting times for assessment each month on the website.

June 2021
";
        let plan = plan_of(text);
        let refs: Vec<_> = plan.actions.iter().map(|a| a.ref_.as_deref()).collect();
        assert_eq!(refs, vec![Some("1.1"), Some("1.2")]);
        assert_eq!(plan.actions[1].at.line, Some(13));
        assert!(plan.actions[1].leads_inherited);
    }

    #[test]
    fn findings_printed_apart_from_their_numbers() {
        let text = "Ref Areas for development Actions\nTimescale\n\n\
Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Set up a single front door for every referral made by schools and doctors in
the county area.

May 2021

Carers are not always offered an assessment of their own needs
when the person they care for is assessed.

2.1 Offer every carer an assessment at the same visit as the person they care for.

June 2021
";
        let plan = plan_of(text);
        let f: Vec<_> = plan.findings.iter().map(|f| f.ref_.as_deref()).collect();
        assert_eq!(f, vec![Some("1"), Some("2")]);
        assert!(plan.findings[1].text.starts_with("Carers are not"));
        let links: Vec<_> = plan.actions.iter().map(|a| a.finding.as_deref()).collect();
        assert_eq!(links, vec![Some("f1"), Some("f2")]);
    }

    /// An invented page read column by column: the actions first, then the
    /// section row and the ref column as a run of bare numbers, then the
    /// finding texts, a finding cell's page-break tail printed with the
    /// next page's ref column after it.
    const COLUMNS_APART: &str = "\
Ref

Areas for development

Actions

Timescale

Lead

1.1 Set up a single front door for every referral made by schools and
doctors in the county area.

May 2021

Jo Placeholder, Head of Service

Partnership areas
1

2

Families wait too long for an assessment when they
are first referred to the service by their school or
doctor, and some are referred twice.

2.1 Offer every carer an assessment at the same visit as the person
they care for, and record the outcome in one place.

June 2021

Carers are not always offered an assessment of their
own needs when the person they care for is assessed,
and their own health needs are missed by

Ref

Areas for development

Actions

Timescale

Lead

3.1 Publish the waiting times for assessment each month on the
website and in every surgery.

July 2021

the services that support them at home and by the
school their child attends.
3

Schools
4

Waiting times are not published, so families cannot see
how long they will wait or plan for the wait.

Schools are not told when a child they teach becomes
subject to a plan, so staff cannot offer support.

4.1 Send the school a secure message within one working day of a
plan starting.

August 2021
";

    #[test]
    fn pairs_a_ref_column_printed_apart() {
        let plan = plan_of(COLUMNS_APART);
        let f: Vec<(Option<&str>, Option<&str>, &str)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), f.section.as_deref(), &f.text[..12]))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1"), Some("Partnership areas"), "Families wai"),
                (Some("2"), Some("Partnership areas"), "Carers are n"),
                (Some("3"), Some("Partnership areas"), "Waiting time"),
                (Some("4"), Some("Schools"), "Schools are "),
            ]
        );
        assert!(
            plan.findings[1]
                .text
                .ends_with("the school their child attends.")
        );
        let a = refs_findings_sections(&plan);
        assert_eq!(
            a,
            vec![
                (Some("1.1"), Some("f1"), Some("Partnership areas")),
                (Some("2.1"), Some("f2"), Some("Partnership areas")),
                (Some("3.1"), Some("f3"), Some("Partnership areas")),
                (Some("4.1"), Some("f4"), Some("Schools")),
            ]
        );
    }

    #[test]
    fn lists_printed_apart_follow_their_colons_in_order() {
        let text = "Ref Areas for development Actions\nTimescale\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Widen the service so that it covers every district of the county,
starting in:

May 2021

1.2 Add new routes into the service for young people and families,
through:

June 2021

i) the north
ii) the coast

i) the website
ii) schools
";
        let plan = plan_of(text);
        let a: Vec<&str> = plan.actions.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            a,
            vec![
                "Widen the service so that it covers every district of the county, starting in: i) the north ii) the coast",
                "Add new routes into the service for young people and families, through: i) the website ii) schools",
            ]
        );
    }

    #[test]
    fn fragments_go_back_to_the_action_they_finish() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1.1 Review the front door so that every referral is checked within a day,
to ensure:

May 2021

Jo Placeholder, Head of Service

Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

every referral gets a reply within one working day of its arrival

1.2 Publish the waiting times for assessment each month on the website
and in every surgery,

June 2021

Ann Example, Head of Early Help

Ref

Areas for development

Actions

Timescale

Lead

particularly where families have asked for them
";
        let plan = plan_of(text);
        let a = texts_and_leads(&plan);
        assert_eq!(
            a,
            vec![
                (
                    "Review the front door so that every referral is checked within a day, to ensure: every referral gets a reply within one working day of its arrival",
                    vec!["Jo Placeholder, Head of Service"]
                ),
                (
                    "Publish the waiting times for assessment each month on the website and in every surgery, particularly where families have asked for them",
                    vec!["Ann Example, Head of Early Help"]
                ),
            ]
        );
    }

    /// A lead ending in a name reads as unfinished (lower case), but the
    /// fragment after it is the tail of the row's action text, which stops
    /// mid-sentence; a lead stopping at a function word keeps its tail.
    #[test]
    fn a_lead_ending_in_a_name_yields_a_fragment_to_the_open_action() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Share briefings with surgeries to promote the think

May 2021

Named GP Jo Placeholder

family approach.

1.2 Publish the waiting times for assessment each month on the

June 2021

Ann Example, Head of

early help services
";
        let plan = plan_of(text);
        let a = texts_and_leads(&plan);
        assert_eq!(
            a,
            vec![
                (
                    "Share briefings with surgeries to promote the think family approach.",
                    vec!["Named GP Jo Placeholder"]
                ),
                (
                    "Publish the waiting times for assessment each month on the",
                    vec!["Ann Example, Head of early help services"]
                ),
            ]
        );
    }

    /// A list's later items printed apart from its first, after the row's
    /// lead, go back to the row whose list they go on.
    #[test]
    fn later_list_items_follow_the_item_before_them() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Widen early help by opening:

i) Drop in hubs (x3)

May 2021

Ann Example, Head of Service

ii) A single point of advice
iii) A brief intervention service.

1.2 Publish the waiting times for assessment each month.

June 2021

Jo Placeholder, Head of Early Help
";
        let plan = plan_of(text);
        let a = texts_and_leads(&plan);
        assert_eq!(
            a,
            vec![
                (
                    "Widen early help by opening: i) Drop in hubs (x3) ii) A single point of advice iii) A brief intervention service.",
                    vec!["Ann Example, Head of Service"]
                ),
                (
                    "Publish the waiting times for assessment each month.",
                    vec!["Jo Placeholder, Head of Early Help"]
                ),
            ]
        );
    }

    /// Where the ref column comes out apart, a finding's text may come
    /// after the previous finding's rows with its number printed later:
    /// it is the next finding once that number comes; without it, it is
    /// the previous finding's second paragraph.
    #[test]
    fn a_finding_before_its_late_number_waits_for_it() {
        let plan_text = |late_number: &str| {
            format!(
                "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
Partnership areas
1

Families wait too long for an assessment when they
are first referred to the service by their school or
doctor, and some are referred twice.

1.1 Set up a single front door for every referral made by schools and
doctors in the county area, with one number to call for all families.

May 2021

Jo Placeholder, Head of Service

Carers are not always offered an assessment of their
own needs when the person they care for is assessed.

1.2 Publish the waiting times for assessment each month on the
website and in every surgery across the whole of the county area.

June 2021

Ann Example, Head of Early Help
{late_number}"
            )
        };
        let findings = |text: &str| -> Vec<(Option<String>, String)> {
            plan_of(text)
                .findings
                .iter()
                .map(|f| (f.ref_.clone(), f.text[..12].to_string()))
                .collect()
        };
        assert_eq!(
            findings(&plan_text("\n2\n")),
            vec![
                (Some("1".to_string()), "Families wai".to_string()),
                (Some("2".to_string()), "Carers are n".to_string()),
            ]
        );
        let merged = plan_of(&plan_text(""));
        assert_eq!(merged.findings.len(), 1);
        assert!(
            merged
                .findings
                .first()
                .is_some_and(|f| f.text.ends_with("the person they care for is assessed."))
        );
        assert_eq!(merged.actions.len(), 2);
    }

    /// An invented plan's header and first finding with one action, as a
    /// dump prints them: the section row, then the finding's number apart
    /// from its text.
    const FRONT_DOOR: &str = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
Partnership areas
1

Families wait too long for an assessment when they
are first referred to the service by their school or
doctor, and some are referred twice.

1.1 Set up a single front door for every referral made by schools and
doctors in the county area, with one number to call for all families.

May 2021

Jo Placeholder, Head of Service

";

    /// A finding cell cut by a page break after its first line: the line
    /// right after its number is the finding, its tail comes later.
    #[test]
    fn one_line_after_its_number_is_a_finding() {
        let text = format!(
            "{FRONT_DOOR}2

Carers are not always offered an assessment,

2.1 Offer every carer an assessment at the same visit as the person

Ref

Areas for development

Actions

Timescale

Lead

of their own needs when the person they care for is
assessed, and their own health needs are missed.
"
        );
        let plan = plan_of(&text);
        let f: Vec<(Option<&str>, &str)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), &f.text[..12]))
            .collect();
        assert_eq!(
            f,
            vec![(Some("1"), "Families wai"), (Some("2"), "Carers are n")]
        );
        let a: Vec<(Option<&str>, &str)> = plan
            .actions
            .iter()
            .map(|a| (a.ref_.as_deref(), a.finding.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(a, vec![(Some("1.1"), "f1"), (Some("2.1"), "f2")]);
    }

    /// The same where the finding and action columns are as wide as each
    /// other: a wrapped new sentence after a finished row still waits for
    /// its late number.
    #[test]
    fn a_late_numbered_finding_as_wide_as_the_actions() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
Partnership areas
1

Families wait too long for an assessment when they are first
referred to the service by their school or doctor, and some
are referred twice by the same school in the same term.

1.1 Set up a single front door for every referral made by schools
and doctors in the county area, with one number to call for all
families who need help.

May 2021

Jo Placeholder, Head of Service

Carers are not always offered an assessment of their own needs
when the person they care for is assessed, and their health needs
are missed by the services that support them at home.

1.2 Publish the waiting times for assessment each month on the
website and in every surgery across the whole of the county area.

June 2021

Ann Example, Head of Early Help

2
";
        let f: Vec<(Option<String>, String)> = plan_of(text)
            .findings
            .iter()
            .map(|f| (f.ref_.clone(), f.text[..12].to_string()))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1".to_string()), "Families wai".to_string()),
                (Some("2".to_string()), "Carers are n".to_string()),
            ]
        );
    }

    /// A finding text right after the run of numbers it takes is that
    /// finding, even where it is as wide as the actions and no numbered
    /// action follows to confirm it.
    #[test]
    fn a_text_right_after_its_number_is_the_finding() {
        let text = format!(
            "{FRONT_DOOR}Schools
2

Schools are not told when a child they teach becomes subject to a
plan, so staff cannot offer support at the right moment for them.

Notification Pilot:
A pilot notification service will run in two districts, sending a
secure message to the school within one working day of a plan.

Spring 2021

DI Sam Sample
"
        );
        let plan = plan_of(&text);
        let f: Vec<(Option<&str>, Option<&str>, &str)> = plan
            .findings
            .iter()
            .map(|f| (f.ref_.as_deref(), f.section.as_deref(), &f.text[..12]))
            .collect();
        assert_eq!(
            f,
            vec![
                (Some("1"), Some("Partnership areas"), "Families wai"),
                (Some("2"), Some("Schools"), "Schools are "),
            ]
        );
        let a: Vec<&str> = plan.actions.iter().map(|a| &a.text[..12]).collect();
        assert_eq!(a, vec!["Set up a sin", "Notification"]);
    }

    #[test]
    fn a_lead_glued_under_a_header_box_finishes_the_split_row() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Set up a single front door for every referral made by schools and
doctors in the county area.

May 2021

Health - Ann Example, Head of

Ref

Areas for development

Actions

Timescale

1.2 Publish the waiting times for assessment each month on the website
and in every surgery.

June 2021

Lead
Early Help, Safeguarding Manager
";
        let plan = plan_of(text);
        let a: Vec<(Vec<&str>, bool)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                    a.leads_inherited,
                )
            })
            .collect();
        let lead = vec!["Health - Ann Example, Head of Early Help, Safeguarding Manager"];
        assert_eq!(a, vec![(lead.clone(), false), (lead, true)]);
    }

    #[test]
    fn action_texts_printed_after_their_rows_fill_them_in_order() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

Referral Pilot:

Summer 2021

DI Sam Sample

Completed

Jo Placeholder, Education Safeguarding Manager

A pilot notification service will run in two districts, sending a secure message
within one working day of a plan starting.
Evaluation:
The pilot will be evaluated and a decision taken on extending it across the county.
";
        let plan = plan_of(text);
        let a: Vec<(&str, Option<&str>, Vec<&str>)> = plan
            .actions
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.timescale.text.as_deref(),
                    a.leads.iter().map(|l| l.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            a,
            vec![
                (
                    "Referral Pilot: A pilot notification service will run in two districts, sending a secure message within one working day of a plan starting.",
                    Some("Summer 2021"),
                    vec!["DI Sam Sample"]
                ),
                (
                    "Evaluation: The pilot will be evaluated and a decision taken on extending it across the county.",
                    Some("Completed"),
                    vec!["Jo Placeholder, Education Safeguarding Manager"]
                ),
            ]
        );
    }

    #[test]
    fn an_unnumbered_row_printed_before_its_finding_joins_it() {
        let text = "Ref\n\nAreas for development\n\nActions\n\nTimescale\n\nLead\n\n\
1.1 Set up a single front door for every referral made by schools and doctors
in the county area, and publish how to use it.

May 2021

Jo Placeholder, Head of Service

Partnership areas
1

Families wait too long for an assessment when they
are first referred to the service by their school or
doctor, and some are referred twice.

Referral Pilot:

Summer 2021

DI Sam Sample

Police
2

Carers are not always offered an assessment of their
own needs when the person they care for is assessed,
and their own health needs are missed.

A pilot notification service will run in two districts, sending a secure message
within one working day of a plan starting.
";
        let plan = plan_of(text);
        let a = refs_findings_sections(&plan);
        assert_eq!(
            a,
            vec![
                (Some("1.1"), Some("f1"), Some("Partnership areas")),
                (None, Some("f2"), Some("Police")),
            ]
        );
        assert!(plan.actions[1].text.starts_with("Referral Pilot: A pilot"));
    }

    #[test]
    fn a_milestone_before_its_date_is_the_timescale() {
        let text = "Ref Areas for development Actions\nTimescale\n\nLead\n\n\
1 Families wait too long for an assessment when they are first
referred to the service by their school or doctor.

1.1 Train staff in the new protocol across every team in the county area so that
it is used consistently by all of them.

Programme developed end of December 2020
Programme run January
2021 to June 2021

1.2 Publish the waiting times for assessment each month on the website and in
every surgery of the county.

June 2021
";
        let plan = plan_of(text);
        let a = plan
            .actions
            .first()
            .map(|a| (a.text.as_str(), a.timescale.text.as_deref()));
        assert_eq!(
            a,
            Some((
                "Train staff in the new protocol across every team in the county area so that it is used consistently by all of them.",
                Some(
                    "Programme developed end of December 2020 Programme run January 2021 to June 2021"
                )
            ))
        );
    }

    #[test]
    fn no_header_no_plan() {
        let text = FLOW.replace(
            "Ref Areas for development Actions\nTimescale\n\nLead\n",
            "Introduction\n",
        );
        assert!(plan_of(&text).actions.is_empty());
    }

    /// Lines picked from `pool`, noise appended and blank lines between
    /// some, read and interpreted: whatever the order, nothing may panic.
    /// (The grid tests share it.)
    pub(super) fn extract_shuffled(pool: &[&str], picks: Vec<(usize, bool, String)>) {
        let mut text = String::new();
        for (i, blank, noise) in picks {
            text.push_str(pool.get(i % pool.len().max(1)).copied().unwrap_or(""));
            text.push_str(&noise);
            text.push('\n');
            if blank {
                text.push('\n');
            }
        }
        if let Ok(doc) = read::read(text.as_bytes(), &Limits::default()) {
            let _ = extract(&doc, &Grammars::builtin());
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_shuffled_flows(picks in proptest::collection::vec((0usize..64, proptest::bool::ANY, "[ a-zA-Z0-9.:,/()\u{2013}-]{0,30}"), 0..80)) {
            let pool: Vec<&str> = FLOW.lines().collect();
            extract_shuffled(&pool, picks);
        }
    }
}
