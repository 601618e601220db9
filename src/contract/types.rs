//! The docket/1 output types. Field names and meanings are the contract's
//! (`spec/output-contract.md`, shipped as `schema/docket-1.schema.json`);
//! doc comments quote it. Change them only with a new `schema` value.

use serde::{Deserialize, Serialize};

pub const SCHEMA_ID: &str = "docket/1";

/// One JSON document per input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Contract version, always `"docket/1"`.
    pub schema: String,
    pub source: Source,
    /// What the document was recognised as.
    pub kind: Kind,
    /// The document's own title where it states one.
    pub title: Option<String>,
    /// The areas for development / recommendations that actions answer.
    pub findings: Vec<Finding>,
    /// One entry per action, in document order.
    pub actions: Vec<Action>,
    /// Annual-report content; null for action plans.
    pub report: Option<Report>,
    /// What the extractor could not do cleanly.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path as given on the command line.
    pub file: String,
    /// `"pdf"`, `"docx"`, `"text"`, `"doc"`, `"odt"`, `"rtf"`, `"xlsx"`,
    /// `"xls"`, `"ods"` or `"html"`.
    pub format: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Page count for paged inputs, else null.
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ActionPlan,
    AnnualReport,
    Unknown,
}

/// Where an item starts: 1-based page for paged inputs, 1-based line for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct At {
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// `f1`, `f2`, … in document order.
    pub id: String,
    /// Stable key (optional in docket/1): the same finding of the same input
    /// gets the same key on every run; see [`crate::contract::assign_keys`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The finding's number as printed, trailing dot removed.
    #[serde(rename = "ref")]
    pub ref_: Option<String>,
    /// The nearest enclosing group heading.
    pub section: Option<String>,
    /// The finding's full text, cell paragraphs joined.
    pub text: String,
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// `a1`, `a2`, … in document order.
    pub id: String,
    /// Stable key (optional in docket/1), as for [`Finding::key`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The action's number as printed, trailing dot removed; null where none.
    #[serde(rename = "ref")]
    pub ref_: Option<String>,
    /// `id` of the finding it answers.
    pub finding: Option<String>,
    pub section: Option<String>,
    /// The action's full text without its ref number.
    pub text: String,
    pub timescale: Timescale,
    /// One entry per named lead.
    pub leads: Vec<Lead>,
    /// True when the row printed no lead and the leads were carried down
    /// from the row above within the same finding.
    pub leads_inherited: bool,
    pub outcome: Option<String>,
    pub status: Status,
    pub progress: Vec<Progress>,
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timescale {
    /// The raw timescale / completion-date / by-when cell.
    pub text: Option<String>,
    /// Every date expression found in it.
    pub dates: Vec<DateRange>,
    /// ISO date by which the action is to be done.
    pub due: Option<String>,
}

/// A date expression as a closed ISO range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    pub text: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// The lead exactly as printed (normalised).
    pub text: String,
    /// A person's name without rank or title.
    pub name: Option<String>,
    /// The post.
    pub role: Option<String>,
    /// The agency or body.
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// Raw status / RAG / progress cell.
    pub text: Option<String>,
    pub rag: Option<Rag>,
    /// True when the document says complete/implemented, false when it says
    /// not started / in progress, else null.
    pub complete: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub text: String,
    /// Start of the date that opens the entry (ISO), or null.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    pub level: Level,
    /// Dotted, stable, e.g. `date.unparsed`.
    pub code: String,
    pub message: String,
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Reporting period as printed, e.g. `"2021/22"`.
    pub period: Option<String>,
    /// The body reporting.
    pub organisation: Option<String>,
    pub sections: Vec<Section>,
    pub figures: Vec<Figure>,
    pub people: Vec<Person>,
    pub priorities: Vec<Priority>,
    pub glossary: Vec<GlossaryEntry>,
    pub budget: Vec<BudgetLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// As printed, without trailing dot or colon (`"4.2"`, `"9.B"`).
    pub number: String,
    pub title: String,
    /// Number of components in `number`.
    pub level: u8,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(serialize_with = "whole_as_integer")]
    pub value: f64,
    /// As printed, e.g. `"19,383"`, `"98%"`.
    pub text: String,
    pub label: String,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub title: String,
    pub leads: Vec<Lead>,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub abbreviation: String,
    pub expansion: String,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Income,
    Expenditure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub period: Option<String>,
    pub direction: Direction,
    pub item: String,
    /// Pounds.
    #[serde(serialize_with = "whole_as_integer")]
    pub amount: f64,
    pub text: String,
    /// Where it starts (docket's addition to the contract's report
    /// fields: a tracker row can point back at the page it came from).
    #[serde(default)]
    pub at: At,
}

/// Numbers such as `19,383` or `£35,000` are whole: write them as JSON
/// integers (`19383`, not `19383.0`) so trackers that type columns as integers
/// accept them.
fn whole_as_integer<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}
