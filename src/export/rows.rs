//! Documents flattened into the tracker's four sheets, shared by CSV and
//! XLSX so both hold the same rows.

use std::collections::HashMap;

use crate::contract::{Action, Finding, Output, Progress, Rag};

/// One cell, typed so XLSX can write real dates and RAG fills and CSV can
/// write plain text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// An ISO `YYYY-MM-DD` date.
    Date(String),
    Number(f64),
    Bool(bool),
    Rag(Rag),
}

impl Cell {
    fn text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }
    fn date(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Date(s.to_string()))
    }
    fn count(n: usize) -> Cell {
        Cell::Number(n as f64)
    }
    fn opt_num(n: Option<u32>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Number(f64::from(n)))
    }

    /// The cell as CSV text: dates ISO, booleans `true`/`false`, RAG in lower case.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Rag(r) => rag_name(*r).to_string(),
        }
    }
}

pub fn rag_name(r: Rag) -> &'static str {
    match r {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
        Rag::Blue => "blue",
        Rag::Grey => "grey",
    }
}

/// A column: header and width in characters (XLSX); `wrap` for long text.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub width: f64,
    pub wrap: bool,
}

const fn col(header: &'static str, width: f64) -> Column {
    Column {
        header,
        width,
        wrap: false,
    }
}

const fn long(header: &'static str, width: f64) -> Column {
    Column {
        header,
        width,
        wrap: true,
    }
}

/// One sheet (one CSV file).
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name; the CSV file is its lower-case name + `.csv`.
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Cell>>,
}

/// A file that failed or gave nothing, for the Problems sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemRow {
    pub file: String,
    /// `failed` or `nothing found`.
    pub status: String,
    pub code: String,
    pub message: String,
}

const PLAN_COLUMNS: &[Column] = &[
    long("file", 40.0),
    col("format", 8.0),
    col("kind", 14.0),
    long("title", 50.0),
    col("pages", 7.0),
    col("findings", 9.0),
    col("actions", 9.0),
    col("complete", 10.0),
    col("diagnostics", 12.0),
    col("sha256", 20.0),
];

const FINDING_COLUMNS: &[Column] = &[
    long("file", 30.0),
    col("key", 19.0),
    col("id", 6.0),
    col("ref", 8.0),
    long("section", 24.0),
    long("text", 70.0),
    col("actions", 9.0),
    col("page", 6.0),
    col("line", 6.0),
];

const ACTION_COLUMNS: &[Column] = &[
    long("file", 30.0),
    col("key", 19.0),
    col("id", 6.0),
    col("ref", 8.0),
    col("finding_ref", 11.0),
    long("finding_text", 50.0),
    long("section", 24.0),
    long("text", 70.0),
    long("timescale", 20.0),
    col("due", 12.0),
    long("leads", 40.0),
    long("lead_names", 24.0),
    long("lead_roles", 30.0),
    long("lead_organisations", 20.0),
    long("status", 20.0),
    col("rag", 8.0),
    col("complete", 10.0),
    long("latest_progress", 60.0),
    col("latest_progress_date", 20.0),
    long("outcome", 40.0),
    col("page", 6.0),
    col("line", 6.0),
];

const PROBLEM_COLUMNS: &[Column] = &[
    long("file", 40.0),
    col("status", 14.0),
    col("code", 22.0),
    long("message", 80.0),
];

/// The four sheets of a batch: Plans, Findings, Actions, Problems.
pub fn sheets(docs: &[&Output], problems: &[ProblemRow]) -> Vec<Sheet> {
    let mut plans = Vec::new();
    let mut findings = Vec::new();
    let mut actions = Vec::new();
    for d in docs {
        plans.push(plan_row(d));
        let by_id: HashMap<&str, &Finding> =
            d.findings.iter().map(|f| (f.id.as_str(), f)).collect();
        for f in &d.findings {
            let n = d
                .actions
                .iter()
                .filter(|a| a.finding.as_deref() == Some(f.id.as_str()))
                .count();
            findings.push(finding_row(d, f, n));
        }
        for a in &d.actions {
            let f = a.finding.as_deref().and_then(|id| by_id.get(id).copied());
            actions.push(action_row(d, a, f));
        }
    }
    let problems = problems
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.file.clone()),
                Cell::Text(p.status.clone()),
                Cell::Text(p.code.clone()),
                Cell::Text(p.message.clone()),
            ]
        })
        .collect();
    vec![
        Sheet {
            name: "Plans",
            columns: PLAN_COLUMNS,
            rows: plans,
        },
        Sheet {
            name: "Findings",
            columns: FINDING_COLUMNS,
            rows: findings,
        },
        Sheet {
            name: "Actions",
            columns: ACTION_COLUMNS,
            rows: actions,
        },
        Sheet {
            name: "Problems",
            columns: PROBLEM_COLUMNS,
            rows: problems,
        },
    ]
}

fn kind_name(d: &Output) -> String {
    serde_json::to_value(d.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn plan_row(d: &Output) -> Vec<Cell> {
    let complete = d
        .actions
        .iter()
        .filter(|a| a.status.complete == Some(true))
        .count();
    vec![
        Cell::Text(d.source.file.clone()),
        Cell::Text(d.source.format.clone()),
        Cell::Text(kind_name(d)),
        Cell::text(d.title.as_deref()),
        Cell::opt_num(d.source.pages),
        Cell::count(d.findings.len()),
        Cell::count(d.actions.len()),
        Cell::count(complete),
        Cell::count(d.diagnostics.len()),
        Cell::Text(d.source.sha256.clone()),
    ]
}

fn finding_row(d: &Output, f: &Finding, actions: usize) -> Vec<Cell> {
    vec![
        Cell::Text(d.source.file.clone()),
        Cell::text(f.key.as_deref()),
        Cell::Text(f.id.clone()),
        Cell::text(f.ref_.as_deref()),
        Cell::text(f.section.as_deref()),
        Cell::Text(f.text.clone()),
        Cell::count(actions),
        Cell::opt_num(f.at.page),
        Cell::opt_num(f.at.line),
    ]
}

fn action_row(d: &Output, a: &Action, f: Option<&Finding>) -> Vec<Cell> {
    let join = |get: &dyn Fn(&crate::contract::Lead) -> Option<&str>| -> Cell {
        let parts: Vec<&str> = a.leads.iter().filter_map(get).collect();
        if parts.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(parts.join("; "))
        }
    };
    let latest = latest_progress(&a.progress);
    vec![
        Cell::Text(d.source.file.clone()),
        Cell::text(a.key.as_deref()),
        Cell::Text(a.id.clone()),
        Cell::text(a.ref_.as_deref()),
        Cell::text(f.and_then(|f| f.ref_.as_deref())),
        Cell::text(f.map(|f| f.text.as_str())),
        Cell::text(a.section.as_deref()),
        Cell::Text(a.text.clone()),
        Cell::text(a.timescale.text.as_deref()),
        Cell::date(a.timescale.due.as_deref()),
        join(&|l| Some(l.text.as_str())),
        join(&|l| l.name.as_deref()),
        join(&|l| l.role.as_deref()),
        join(&|l| l.organisation.as_deref()),
        Cell::text(a.status.text.as_deref()),
        a.status.rag.map_or(Cell::Empty, Cell::Rag),
        a.status.complete.map_or(Cell::Empty, Cell::Bool),
        Cell::text(latest.map(|p| p.text.as_str())),
        Cell::date(latest.and_then(|p| p.date.as_deref())),
        Cell::text(a.outcome.as_deref()),
        Cell::opt_num(a.at.page),
        Cell::opt_num(a.at.line),
    ]
}

/// The latest progress entry: the one with the latest date, the last of
/// equals; the last entry when none is dated.
fn latest_progress(p: &[Progress]) -> Option<&Progress> {
    let dated = p
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.date.as_deref().map(|d| (d, i, e)))
        .max_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)))
        .map(|(_, _, e)| e);
    dated.or_else(|| p.last())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, date: Option<&str>) -> Progress {
        Progress {
            text: text.into(),
            date: date.map(Into::into),
        }
    }

    #[test]
    fn latest_progress_is_the_latest_dated_entry() {
        let p = [
            entry("b", Some("2021-03-01")),
            entry("a", Some("2020-01-01")),
            entry("c", None),
        ];
        assert_eq!(latest_progress(&p).unwrap().text, "b");
        let undated = [entry("x", None), entry("y", None)];
        assert_eq!(latest_progress(&undated).unwrap().text, "y");
        assert!(latest_progress(&[]).is_none());
    }

    #[test]
    fn every_sheet_row_has_one_cell_per_column() {
        let s = sheets(
            &[],
            &[ProblemRow {
                file: "x".into(),
                status: "failed".into(),
                code: "input.io".into(),
                message: "gone".into(),
            }],
        );
        assert_eq!(s.len(), 4);
        assert_eq!(s[3].rows[0].len(), s[3].columns.len());
    }
}
