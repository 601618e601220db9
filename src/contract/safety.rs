//! The safety net between the pipeline and the contract: data never costs a
//! document.
//!
//! Why: the schema is strict (four-digit ISO dates, positions from 1) and a
//! document that breaks it is never written. Before this net, one field of
//! one action that broke the contract (a "Q4 9999/00" timescale ending in
//! the year 10000, a position of 0) cost every action of the file. Now:
//!
//! 1. Dates are dates only inside [`FIRST_YEAR`]..=[`LAST_YEAR`] and only if
//!    they are real days that do not end before they start; others are left
//!    out with a `date.out_of_range` (or `date.invalid`) diagnostic.
//! 2. A position (`at.page`, `at.line`) is never 0: a 0 becomes null and a
//!    `contract.bad_position` diagnostic counts them.
//! 3. Every text field is bounded: longer text is cut at [`MAX_TEXT_BYTES`]
//!    (on a character boundary) with a `text.truncated` diagnostic.
//! 4. Whatever still fails the schema is left out, field by field (set to
//!    null where the contract allows null, else the array element holding
//!    it is dropped), each with a `contract.field_dropped` diagnostic naming
//!    the JSON pointer. Only a document this cannot repair is an error
//!    (`contract.invalid`), and that is a bug.
//!
//! A clean document (every corpus file) passes through untouched: the checks
//! are read-only until one finds something.

use std::collections::HashSet;

use super::{At, ContractError, Diagnostic, Level, Output, Report, is_real_day, validator};

/// The first year a date may name.
pub const FIRST_YEAR: u32 = 1900;
/// The last year a date may name.
pub const LAST_YEAR: u32 = 2200;
/// The most bytes one text field holds (about 16,000 characters of Latin
/// text; the longest field in the gold set is under 1,000).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// At most this many repairs are tried before the document is given up.
const MAX_REPAIRS: usize = 256;
/// At most this many diagnostics name a repair one by one; the rest are
/// counted in one more.
const MAX_NOTES: usize = 100;

/// Make `out` safe to write: dates in the window, positions from 1, bounded
/// text, and every field that still fails the schema left out. Every change
/// is named by a diagnostic appended to `out.diagnostics`. Fails only when
/// the document cannot be repaired.
pub fn make_safe(out: &mut Output) -> Result<(), ContractError> {
    let mut notes = Notes::default();
    dates(out, &mut notes);
    positions(out, &mut notes);
    texts(out, &mut notes);
    dangling_findings(out, &mut notes);
    notes.flush(out);
    if super::validate_output(out).is_ok() {
        return Ok(());
    }
    let mut value =
        serde_json::to_value(&*out).map_err(|e| ContractError::NotJson(e.to_string()))?;
    let mut notes = Notes::default();
    repair(&mut value, &mut notes)?;
    *out = serde_json::from_value(value).map_err(|e| ContractError::NotJson(e.to_string()))?;
    dangling_findings(out, &mut notes);
    notes.flush(out);
    super::validate_output(out)
}

/// True when [`make_safe`] would change nothing beyond what the schema
/// checks: every date in the window, no position 0, no text over the bound,
/// no dangling finding. The common case, checked without copying.
pub fn looks_safe(out: &Output) -> bool {
    let mut seen = false;
    visit_dates(out, &mut |_, d| seen |= !date_ok(d));
    visit_ranges(out, &mut |_, r| seen |= !range_ok(&r.start, &r.end));
    visit_texts(out, &mut |_, s| seen |= s.len() > MAX_TEXT_BYTES);
    let finding_ids: HashSet<&str> = out.findings.iter().map(|f| f.id.as_str()).collect();
    let dangling = out.actions.iter().any(|a| {
        a.finding
            .as_deref()
            .is_some_and(|f| !finding_ids.contains(f))
    });
    let far = out.actions.iter().any(|a| {
        a.timescale
            .text
            .as_deref()
            .is_some_and(|t| far_year(t).is_some())
    });
    !seen && !dangling && !far && count_zero_positions(out) == 0
}

/// The first year-like number (four digits, not starting with 0, standing
/// alone) of a text that is outside the window: "9999" in "Q4 9999/00".
fn far_year(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && b[start] != b'0' {
            let y: u32 = text[start..i].parse().ok()?;
            if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

#[derive(Default)]
struct Notes {
    items: Vec<Diagnostic>,
    more: usize,
}

impl Notes {
    fn len(&self) -> usize {
        self.items.len() + self.more
    }

    fn push(&mut self, code: &str, message: String, at: At) {
        if self.items.len() >= MAX_NOTES {
            self.more += 1;
            return;
        }
        self.items.push(Diagnostic {
            level: Level::Warning,
            code: code.to_string(),
            message,
            at: clean_at(at),
        });
    }

    fn flush(self, out: &mut Output) {
        out.diagnostics.extend(self.items);
        if self.more > 0 {
            out.diagnostics.push(Diagnostic {
                level: Level::Warning,
                code: "contract.more_repairs".into(),
                message: format!("{} more repairs like the ones above", self.more),
                at: At::default(),
            });
        }
    }
}

fn clean_at(at: At) -> At {
    At {
        page: at.page.filter(|&p| p > 0),
        line: at.line.filter(|&l| l > 0),
    }
}

/// The year of an ISO-like `YYYY…` string, if it starts with digits.
fn year_of(s: &str) -> Option<u32> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}

/// A real `YYYY-MM-DD` day inside the year window.
fn date_ok(s: &str) -> bool {
    is_real_day(s) && year_of(s).is_some_and(|y| (FIRST_YEAR..=LAST_YEAR).contains(&y))
}

fn range_ok(start: &str, end: &str) -> bool {
    date_ok(start) && date_ok(end) && start <= end
}

/// Why a date is not one, for the diagnostic.
fn date_problem(s: &str) -> (&'static str, String) {
    match year_of(s) {
        Some(y) if !(FIRST_YEAR..=LAST_YEAR).contains(&y) => (
            "date.out_of_range",
            format!("year {y} is outside {FIRST_YEAR}-{LAST_YEAR}"),
        ),
        _ => (
            "date.invalid",
            format!("\"{}\" is not a real day", cut(s, 40)),
        ),
    }
}

/// Every single-date field (due, progress dates) with its action's position.
fn visit_dates(out: &Output, f: &mut impl FnMut(At, &str)) {
    for a in &out.actions {
        if let Some(d) = &a.timescale.due {
            f(a.at, d);
        }
        for p in &a.progress {
            if let Some(d) = &p.date {
                f(a.at, d);
            }
        }
    }
}

fn visit_ranges(out: &Output, f: &mut impl FnMut(At, &super::DateRange)) {
    for a in &out.actions {
        for r in &a.timescale.dates {
            f(a.at, r);
        }
    }
}

/// Dates outside the window, not real, or ending before they start are not
/// dates: ranges are dropped, single dates become null.
fn dates(out: &mut Output, notes: &mut Notes) {
    for a in &mut out.actions {
        let at = a.at;
        let id = a.id.clone();
        let before = notes.len();
        a.timescale.dates.retain(|r| {
            if range_ok(&r.start, &r.end) {
                return true;
            }
            let bad = if !date_ok(&r.start) { &r.start } else { &r.end };
            let (code, why) = if date_ok(&r.start) && date_ok(&r.end) {
                ("date.invalid", "it ends before it starts".to_string())
            } else {
                date_problem(bad)
            };
            notes.push(
                code,
                format!(
                    "action {id}: \"{}\" is not read as a date: {why}",
                    cut(&r.text, 80)
                ),
                at,
            );
            false
        });
        if let Some(d) = a.timescale.due.take_if(|d| !date_ok(d)) {
            let (code, why) = date_problem(&d);
            notes.push(code, format!("action {id}: due date left out: {why}"), at);
        }
        for p in &mut a.progress {
            if let Some(d) = p.date.take_if(|d| !date_ok(d)) {
                let (code, why) = date_problem(&d);
                notes.push(
                    code,
                    format!("action {id}: a progress entry's date left out: {why}"),
                    at,
                );
            }
        }
        // A year the recogniser never read as one (outside its calendar)
        // is said once, unless a dropped date above said it already.
        if notes.len() == before
            && let Some(y) = a.timescale.text.as_deref().and_then(far_year)
        {
            let text = a.timescale.text.as_deref().unwrap_or_default();
            notes.push(
                "date.out_of_range",
                format!(
                    "action {id}: timescale \"{}\" names the year {y}, outside {FIRST_YEAR}-{LAST_YEAR}: not read as a date",
                    cut(text, 80)
                ),
                at,
            );
        }
    }
}

fn all_ats(out: &mut Output) -> impl Iterator<Item = &mut At> {
    let report = out.report.iter_mut().flat_map(|r| {
        let Report {
            sections,
            figures,
            people,
            priorities,
            glossary,
            budget,
            ..
        } = r;
        (sections.iter_mut().map(|x| &mut x.at))
            .chain(figures.iter_mut().map(|x| &mut x.at))
            .chain(people.iter_mut().map(|x| &mut x.at))
            .chain(priorities.iter_mut().map(|x| &mut x.at))
            .chain(glossary.iter_mut().map(|x| &mut x.at))
            .chain(budget.iter_mut().map(|x| &mut x.at))
    });
    out.findings
        .iter_mut()
        .map(|f| &mut f.at)
        .chain(out.actions.iter_mut().map(|a| &mut a.at))
        .chain(out.diagnostics.iter_mut().map(|d| &mut d.at))
        .chain(report)
}

fn count_zero_positions(out: &Output) -> usize {
    let report = out.report.iter().flat_map(|r| {
        (r.sections.iter().map(|x| x.at))
            .chain(r.figures.iter().map(|x| x.at))
            .chain(r.people.iter().map(|x| x.at))
            .chain(r.priorities.iter().map(|x| x.at))
            .chain(r.glossary.iter().map(|x| x.at))
            .chain(r.budget.iter().map(|x| x.at))
    });
    let ats = (out.findings.iter().map(|f| f.at))
        .chain(out.actions.iter().map(|a| a.at))
        .chain(out.diagnostics.iter().map(|d| d.at))
        .chain(report);
    ats.map(|at| usize::from(at.page == Some(0)) + usize::from(at.line == Some(0)))
        .sum()
}

/// A position of 0 is unknown, not a place: null, counted in one diagnostic.
fn positions(out: &mut Output, notes: &mut Notes) {
    let mut zeros = 0;
    for at in all_ats(out) {
        if at.page == Some(0) {
            at.page = None;
            zeros += 1;
        }
        if at.line == Some(0) {
            at.line = None;
            zeros += 1;
        }
    }
    if zeros > 0 {
        notes.push(
            "contract.bad_position",
            format!("{zeros} positions were 0 (not a page or line) and are given as null"),
            At::default(),
        );
    }
}

/// Every text field of the document (not `source`, whose file name and hash
/// identify the input) with the position of the item holding it.
fn visit_texts(out: &Output, f: &mut impl FnMut(At, &str)) {
    let none = At::default();
    let opt = |at: At, s: &Option<String>, f: &mut dyn FnMut(At, &str)| {
        if let Some(s) = s {
            f(at, s);
        }
    };
    let f: &mut dyn FnMut(At, &str) = f;
    opt(none, &out.title, f);
    for x in &out.findings {
        opt(x.at, &x.ref_, f);
        opt(x.at, &x.section, f);
        f(x.at, &x.text);
    }
    for a in &out.actions {
        opt(a.at, &a.ref_, f);
        opt(a.at, &a.section, f);
        f(a.at, &a.text);
        opt(a.at, &a.timescale.text, f);
        for r in &a.timescale.dates {
            f(a.at, &r.text);
        }
        for l in &a.leads {
            lead_texts(a.at, l, f);
        }
        opt(a.at, &a.outcome, f);
        opt(a.at, &a.status.text, f);
        for p in &a.progress {
            f(a.at, &p.text);
        }
    }
    for d in &out.diagnostics {
        f(d.at, &d.message);
    }
    if let Some(r) = &out.report {
        opt(none, &r.period, f);
        opt(none, &r.organisation, f);
        for s in &r.sections {
            f(none, &s.number);
            f(none, &s.title);
        }
        for x in &r.figures {
            f(none, &x.text);
            f(none, &x.label);
        }
        for p in &r.people {
            f(none, &p.name);
            opt(none, &p.role, f);
            opt(none, &p.organisation, f);
        }
        for p in &r.priorities {
            f(none, &p.title);
            for l in &p.leads {
                lead_texts(none, l, f);
            }
        }
        for g in &r.glossary {
            f(none, &g.abbreviation);
            f(none, &g.expansion);
        }
        for b in &r.budget {
            opt(none, &b.period, f);
            f(none, &b.item);
            f(none, &b.text);
        }
    }
}

fn lead_texts(at: At, l: &super::Lead, f: &mut dyn FnMut(At, &str)) {
    f(at, &l.text);
    for s in [&l.name, &l.role, &l.organisation].into_iter().flatten() {
        f(at, s);
    }
}

/// Cut every text field longer than [`MAX_TEXT_BYTES`]. Done on the JSON
/// value so that no field, present or future, escapes; `source` is exempt.
fn texts(out: &mut Output, notes: &mut Notes) {
    let mut long = false;
    visit_texts(out, &mut |_, s| long |= s.len() > MAX_TEXT_BYTES);
    if !long {
        return;
    }
    // Item by item, in the order a JSON value of the whole document walks
    // its keys (sorted): a value of the whole document cost some eight
    // times the document (issue 20).
    let mut cut_at = Vec::new();
    bound_items(&mut out.actions, "/actions", &mut cut_at);
    bound_items(&mut out.diagnostics, "/diagnostics", &mut cut_at);
    bound_items(&mut out.findings, "/findings", &mut cut_at);
    if let Some(r) = &mut out.report {
        bound_item(r, &mut "/report".to_string(), &mut cut_at);
    }
    if let Some(t) = &mut out.title {
        bound_item(t, &mut "/title".to_string(), &mut cut_at);
    }
    for (path, len) in cut_at {
        notes.push(
            "text.truncated",
            format!("{path}: text of {len} bytes cut to {MAX_TEXT_BYTES}"),
            At::default(),
        );
    }
}

/// [`bound_item`] on each element of a document array.
fn bound_items<T>(items: &mut [T], key: &str, cut_at: &mut Vec<(String, usize)>)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    for (i, item) in items.iter_mut().enumerate() {
        bound_item(item, &mut format!("{key}/{i}"), cut_at);
    }
}

/// Cut the long strings of one part of the document, through a JSON value
/// of that part alone; a part with none is left as it is.
fn bound_item<T>(item: &mut T, path: &mut String, cut_at: &mut Vec<(String, usize)>)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let Ok(mut value) = serde_json::to_value(&*item) else {
        return;
    };
    let before = cut_at.len();
    bound_strings(&mut value, path, cut_at);
    if cut_at.len() == before {
        return;
    }
    match serde_json::from_value::<T>(value) {
        Ok(back) => *item = back,
        Err(_) => cut_at.truncate(before),
    }
}

fn bound_strings(v: &mut serde_json::Value, path: &mut String, cut_at: &mut Vec<(String, usize)>) {
    match v {
        serde_json::Value::String(s) if s.len() > MAX_TEXT_BYTES => {
            cut_at.push((path.clone(), s.len()));
            let end = floor_char_boundary(s, MAX_TEXT_BYTES);
            s.truncate(end);
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                bound_strings(item, path, cut_at);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let len = path.len();
                path.push('/');
                path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                bound_strings(item, path, cut_at);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The first `max` characters of `s`, for messages.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// An action naming a finding the document does not have (its finding was
/// dropped, or never there) names none.
fn dangling_findings(out: &mut Output, notes: &mut Notes) {
    let ids: HashSet<String> = out.findings.iter().map(|f| f.id.clone()).collect();
    for a in &mut out.actions {
        if let Some(f) = a.finding.take_if(|f| !ids.contains(f.as_str())) {
            notes.push(
                "contract.field_dropped",
                format!(
                    "action {}: finding \"{}\" is not in the document, left out",
                    a.id,
                    cut(&f, 20)
                ),
                a.at,
            );
        }
    }
}

/// Leave out, one at a time, each field the schema still rejects: null where
/// null is allowed, else the array element that holds it.
fn repair(value: &mut serde_json::Value, notes: &mut Notes) -> Result<(), ContractError> {
    for _ in 0..MAX_REPAIRS {
        let Some((path, message)) = first_error(value) else {
            return Ok(());
        };
        let at = position_near(value, &path);
        let what = leave_out(value, &path).ok_or_else(|| ContractError::Invalid {
            path: path.clone(),
            message: message.clone(),
        })?;
        notes.push(
            "contract.field_dropped",
            format!(
                "{what} left out: it broke the contract ({})",
                cut(&message, 120)
            ),
            at,
        );
    }
    super::validate_value(value)
}

/// Every schema error (pointer, message), as deep as it can be placed: an
/// error in the report object is reported by the schema's `oneOf` (null or
/// a report) at `/report` itself, so the report is checked again on its own
/// to find the field inside it.
fn deep_errors(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for e in validator().iter_errors(value) {
        let path = e.instance_path().to_string();
        if path == "/report"
            && let Some(report) = value.get("report").filter(|r| r.is_object())
        {
            let inner: Vec<(String, String)> = report_validator()
                .iter_errors(report)
                .map(|e| (format!("/report{}", e.instance_path()), e.to_string()))
                .collect();
            if !inner.is_empty() {
                found.extend(inner);
                continue;
            }
        }
        found.push((path, e.to_string()));
    }
    found
}

fn first_error(value: &serde_json::Value) -> Option<(String, String)> {
    deep_errors(value).into_iter().next()
}

/// The docket/1 schema's report definition as a schema of its own.
fn report_validator() -> &'static jsonschema::Validator {
    static V: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let mut schema: serde_json::Value =
            serde_json::from_str(super::SCHEMA_JSON).expect("shipped schema is JSON");
        let defs = schema["$defs"].take();
        let report = serde_json::json!({
            "$schema": schema["$schema"].take(),
            "$defs": defs,
            "$ref": "#/$defs/report",
        });
        jsonschema::validator_for(&report).expect("report schema compiles")
    })
}

/// Leave out the field at `path`; say what was left out, or None when
/// nothing can be (the error is at the top, or in `source`/`schema`).
fn leave_out(value: &mut serde_json::Value, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    if parts.is_empty() || matches!(parts[0], "schema" | "source" | "kind") {
        return None;
    }
    // First try null in place.
    if let Some(slot) = value.pointer_mut(path)
        && !slot.is_null()
        && !slot.is_array()
    {
        let old = std::mem::replace(slot, serde_json::Value::Null);
        if !errors_at_or_below(value, path) {
            return Some(path.to_string());
        }
        if let Some(slot) = value.pointer_mut(path) {
            *slot = old;
        }
    }
    // Else drop the nearest array element holding it.
    for end in (1..=parts.len()).rev() {
        let Ok(index) = parts[end - 1].parse::<usize>() else {
            continue;
        };
        let parent = format!("/{}", parts[..end - 1].join("/"));
        if let Some(serde_json::Value::Array(items)) = value.pointer_mut(&parent)
            && index < items.len()
        {
            items.remove(index);
            return Some(format!("{parent}/{index}"));
        }
    }
    None
}

fn errors_at_or_below(value: &serde_json::Value, path: &str) -> bool {
    deep_errors(value)
        .iter()
        .any(|(p, _)| p == path || p.starts_with(&format!("{path}/")))
}

/// The position of the finding or action a path points into, if any.
fn position_near(value: &serde_json::Value, path: &str) -> At {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    if parts.len() >= 2 && matches!(parts[0], "findings" | "actions") {
        let at = value.pointer(&format!("/{}/{}/at", parts[0], parts[1]));
        if let Some(at) = at {
            let num = |k: &str| {
                at.get(k)
                    .and_then(|v| v.as_u64())
                    .and_then(|n| u32::try_from(n).ok())
            };
            return At {
                page: num("page"),
                line: num("line"),
            };
        }
    }
    At::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{
        Action, DateRange, Figure, Finding, Kind, Report, SCHEMA_ID, Section, Source, Timescale,
    };

    fn doc() -> Output {
        Output {
            schema: SCHEMA_ID.into(),
            source: Source {
                file: "plan.txt".into(),
                format: "text".into(),
                sha256: "ab".repeat(32),
                pages: None,
            },
            kind: Kind::ActionPlan,
            title: Some("An invented plan".into()),
            findings: vec![Finding {
                id: "f1".into(),
                key: None,
                ref_: Some("1".into()),
                section: None,
                text: "Practice is not reviewed".into(),
                at: At {
                    page: None,
                    line: Some(3),
                },
            }],
            actions: vec![action("a1", 5), action("a2", 9)],
            report: None,
            diagnostics: vec![],
        }
    }

    fn action(id: &str, line: u32) -> Action {
        Action {
            id: id.into(),
            finding: Some("f1".into()),
            text: format!("Audit the files ({id})"),
            timescale: Timescale {
                text: Some("March 2031".into()),
                dates: vec![range("March 2031", "2031-03-01", "2031-03-31")],
                due: Some("2031-03-31".into()),
            },
            at: At {
                page: None,
                line: Some(line),
            },
            ..Action::default()
        }
    }

    fn range(text: &str, start: &str, end: &str) -> DateRange {
        DateRange {
            text: text.into(),
            start: start.into(),
            end: end.into(),
        }
    }

    fn codes(out: &Output) -> Vec<&str> {
        out.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn a_clean_document_is_left_alone() {
        let mut out = doc();
        assert!(looks_safe(&out));
        make_safe(&mut out).unwrap();
        assert_eq!(out, doc());
    }

    #[test]
    fn a_year_past_the_window_is_not_a_date_and_costs_only_itself() {
        let mut out = doc();
        let t = &mut out.actions[1].timescale;
        t.text = Some("Q4 8888/89".into());
        t.dates = vec![range("Q4 8888/89", "8889-01-01", "10000-03-31")];
        t.due = Some("10000-03-31".into());
        assert!(crate::contract::validate_output(&out).is_err());
        assert!(!looks_safe(&out));
        make_safe(&mut out).unwrap();
        assert_eq!(out.actions.len(), 2);
        assert_eq!(out.actions[0], doc().actions[0]);
        let t = &out.actions[1].timescale;
        assert!(t.dates.is_empty() && t.due.is_none(), "{t:?}");
        assert_eq!(t.text.as_deref(), Some("Q4 8888/89"));
        assert_eq!(codes(&out), ["date.out_of_range", "date.out_of_range"]);
        assert!(out.diagnostics[0].message.contains("year 8889"));
        assert_eq!(out.diagnostics[0].at.line, Some(9));
    }

    #[test]
    fn a_year_before_the_window_is_not_a_date() {
        let mut out = doc();
        out.actions[0].timescale.dates = vec![range("Spring 1850", "1850-03-01", "1850-05-31")];
        out.actions[0].progress = vec![crate::contract::Progress {
            text: "1.1.1850 started".into(),
            date: Some("1850-01-01".into()),
        }];
        make_safe(&mut out).unwrap();
        assert!(out.actions[0].timescale.dates.is_empty());
        assert_eq!(out.actions[0].progress[0].date, None);
        assert_eq!(out.actions[0].progress[0].text, "1.1.1850 started");
        assert!(codes(&out).iter().all(|c| *c == "date.out_of_range"));
        assert_eq!(out.diagnostics.len(), 2);
    }

    #[test]
    fn impossible_and_reversed_ranges_are_not_dates() {
        let mut out = doc();
        out.actions[0].timescale.dates = vec![
            range("30 Feb 2031", "2031-02-30", "2031-02-30"),
            range("May to April 2031", "2031-05-01", "2031-04-30"),
        ];
        make_safe(&mut out).unwrap();
        assert!(out.actions[0].timescale.dates.is_empty());
        assert_eq!(codes(&out), ["date.invalid", "date.invalid"]);
    }

    #[test]
    fn a_timescale_naming_a_far_year_says_so() {
        let mut out = doc();
        out.actions[0].timescale = Timescale {
            text: Some("Review 0930, then Q2 7777/78".into()),
            dates: vec![],
            due: None,
        };
        out.actions[1].timescale.text = Some("Term 2 of 2031 (ref 12345)".into());
        assert!(!looks_safe(&out));
        make_safe(&mut out).unwrap();
        assert_eq!(codes(&out), ["date.out_of_range"]);
        assert!(out.diagnostics[0].message.contains("the year 7777"));
        assert_eq!(out.diagnostics[0].at.line, Some(5));
    }

    #[test]
    fn a_position_of_zero_becomes_null() {
        let mut out = doc();
        out.actions[0].at.line = Some(0);
        out.findings[0].at.page = Some(0);
        make_safe(&mut out).unwrap();
        assert_eq!(out.actions[0].at.line, None);
        assert_eq!(out.findings[0].at.page, None);
        assert_eq!(codes(&out), ["contract.bad_position"]);
        assert!(out.diagnostics[0].message.starts_with("2 positions"));
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let mut out = doc();
        out.actions[1].text = "é".repeat(MAX_TEXT_BYTES);
        make_safe(&mut out).unwrap();
        let text = &out.actions[1].text;
        assert!(text.len() <= MAX_TEXT_BYTES && text.len() > MAX_TEXT_BYTES - 4);
        assert!(text.chars().all(|c| c == 'é'));
        assert_eq!(codes(&out), ["text.truncated"]);
        assert!(out.diagnostics[0].message.starts_with("/actions/1/text"));
    }

    #[test]
    fn a_field_the_schema_rejects_is_left_out_and_named() {
        let mut out = doc();
        out.kind = Kind::AnnualReport;
        out.report = Some(Report {
            sections: vec![
                Section {
                    number: "".into(),
                    title: "Untitled".into(),
                    level: 0,
                    at: At::default(),
                },
                Section {
                    number: "2".into(),
                    title: "Training".into(),
                    level: 1,
                    at: At {
                        page: Some(0),
                        line: Some(4),
                    },
                },
            ],
            figures: vec![Figure {
                value: f64::NAN,
                text: "n/a".into(),
                label: "Referrals".into(),
                at: At::default(),
            }],
            ..Report::default()
        });
        make_safe(&mut out).unwrap();
        let report = out.report.as_ref().unwrap();
        assert_eq!(report.sections.len(), 1);
        assert_eq!(report.sections[0].title, "Training");
        assert!(report.figures.is_empty());
        assert_eq!(
            codes(&out),
            [
                "contract.bad_position",
                "contract.field_dropped",
                "contract.field_dropped"
            ]
        );
        assert_eq!(
            report.sections[0].at,
            At {
                page: None,
                line: Some(4)
            }
        );
        let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("/report/sections/0 left out")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("/report/figures/0 left out")),
            "{messages:?}"
        );
        assert_eq!(out.actions, doc().actions);
    }

    #[test]
    fn an_action_naming_a_missing_finding_names_none() {
        let mut out = doc();
        out.actions[0].finding = Some("f7".into());
        make_safe(&mut out).unwrap();
        assert_eq!(out.actions[0].finding, None);
        assert_eq!(out.actions[1].finding.as_deref(), Some("f1"));
        assert_eq!(codes(&out), ["contract.field_dropped"]);
    }

    #[test]
    fn repairs_past_the_limit_are_counted_in_one_diagnostic() {
        let mut out = doc();
        out.actions = (1..=150)
            .map(|i| {
                let mut a = action(&format!("a{i}"), i);
                a.timescale.due = Some("12345-01-01".into());
                a
            })
            .collect();
        make_safe(&mut out).unwrap();
        assert_eq!(out.diagnostics.len(), MAX_NOTES + 1);
        let last = out.diagnostics.last().unwrap();
        assert_eq!(last.code, "contract.more_repairs");
        assert!(last.message.starts_with("50 more"));
    }

    #[test]
    fn to_validated_json_writes_the_repaired_document() {
        let mut out = doc();
        out.actions[0].timescale.due = Some("99999-01-01".into());
        let bytes = crate::contract::to_validated_json(&out).unwrap();
        let back: Output = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.actions.len(), 2);
        assert_eq!(back.actions[0].timescale.due, None);
        assert_eq!(codes(&back), ["date.out_of_range"]);
    }
}
