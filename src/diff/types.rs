//! The docket-diff/1 output types, shipped as
//! `schema/docket-diff-1.schema.json`. Field names change only with a new
//! `schema` value.

use serde::{Deserialize, Serialize};

use crate::contract::{Progress, Rag};

pub const DIFF_SCHEMA_ID: &str = "docket-diff/1";

/// What changed between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diff {
    /// Always `"docket-diff/1"`.
    pub schema: String,
    pub old: Side,
    pub new: Side,
    /// The thresholds the matching used.
    pub settings: Settings,
    pub summary: Summary,
    pub actions: ActionChanges,
    pub findings: FindingChanges,
}

/// One of the two documents compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// Path as given on the command line.
    pub file: String,
    /// `"pdf"`, `"docx"`, `"text"`, or `"json"` for a docket/1 file.
    pub format: String,
    /// Hex SHA-256 of the plan's source bytes (from the docket/1 document).
    pub sha256: String,
    pub actions: usize,
    pub findings: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Token-set Jaccard at or above which two items with different refs
    /// are the same item.
    pub text_threshold: f64,
    /// Jaccard at or above which two items with the same ref are the same
    /// item (a ref kept while the text was reworded).
    pub same_ref_threshold: f64,
    /// Share of a piece's words that must come from the action it was split
    /// from (or merged into).
    pub part_containment: f64,
    /// Share of the whole's words that the pieces together must cover.
    pub whole_coverage: f64,
    /// Share of the whole's words at or above which its own pair alone
    /// keeps it (no split or merge).
    pub kept_coverage: f64,
}

/// Counts, the head of the human summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Action pairs matched across the versions.
    pub matched: usize,
    pub unchanged: usize,
    pub slipped: usize,
    pub brought_forward: usize,
    /// A due date where there was none.
    pub due_set: usize,
    /// A due date dropped.
    pub due_cleared: usize,
    /// `complete` became true.
    pub completed: usize,
    /// `complete` was true and is no longer.
    pub reopened: usize,
    pub rag_changed: usize,
    pub status_changed: usize,
    pub timescale_changed: usize,
    pub leads_changed: usize,
    /// Actions with new progress entries.
    pub progress_added: usize,
    pub reworded: usize,
    pub renumbered: usize,
    pub outcome_changed: usize,
    pub added: usize,
    pub removed: usize,
    pub split: usize,
    pub merged: usize,
    pub findings_added: usize,
    pub findings_removed: usize,
    pub findings_reworded: usize,
    pub findings_renumbered: usize,
}

/// An action or finding as printed in one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Its `id` in that version's docket/1 document.
    pub id: String,
    #[serde(rename = "ref")]
    pub ref_: Option<String>,
    pub text: String,
}

/// Why two items were taken as the same one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub by: MatchBy,
    /// Token-set Jaccard of the two texts, 0..=1, three decimals.
    pub similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchBy {
    /// Same ref in both versions.
    Ref,
    /// Similar text (refs differ or are absent).
    Text,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionChanges {
    /// Every matched pair, in the new version's order, with its changes
    /// (empty when unchanged).
    pub matched: Vec<Matched>,
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub split: Vec<Split>,
    pub merged: Vec<Merged>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matched {
    pub old: Item,
    pub new: Item,
    #[serde(rename = "match")]
    pub evidence: Evidence,
    pub changes: Vec<Change>,
}

/// One old action now printed as several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub old: Item,
    pub new: Vec<Item>,
    /// Share of the old text's words the new actions cover.
    pub coverage: f64,
}

/// Several old actions now printed as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merged {
    pub old: Vec<Item>,
    pub new: Item,
    /// Share of the new text's words the old actions cover.
    pub coverage: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingChanges {
    pub matched: Vec<Matched>,
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
}

/// Old and new value of a text field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextChange {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueMove {
    /// Later than before.
    Slipped,
    /// Earlier than before.
    BroughtForward,
    /// A due date where there was none.
    Set,
    /// The due date is gone.
    Cleared,
}

/// One change to a matched action or finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// The due date moved; `timescale` is the timescale text before and after.
    Due {
        from: Option<String>,
        to: Option<String>,
        /// New minus old, in days; null when either is missing.
        days: Option<i64>,
        direction: DueMove,
        timescale: TextChange,
    },
    /// The timescale text changed while the due date did not.
    Timescale {
        from: Option<String>,
        to: Option<String>,
    },
    /// The status text changed.
    Status {
        from: Option<String>,
        to: Option<String>,
    },
    Rag {
        from: Option<Rag>,
        to: Option<Rag>,
    },
    Complete {
        from: Option<bool>,
        to: Option<bool>,
    },
    Leads {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Progress {
        added: Vec<Progress>,
        removed: Vec<Progress>,
    },
    /// The text was reworded; `similarity` as in the match evidence.
    Text {
        from: String,
        to: String,
        similarity: f64,
    },
    /// Renumbered.
    Ref {
        from: Option<String>,
        to: Option<String>,
    },
    Outcome {
        from: Option<String>,
        to: Option<String>,
    },
}
