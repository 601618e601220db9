//! The batch manifest: every input with what became of it, so a person (or
//! the next run) can see a batch's result without reading every output, and
//! `--incremental` can pass over inputs that have not changed.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::FileError;
use crate::contract::Diagnostic;

/// The manifest's file name in an output folder.
pub const MANIFEST_NAME: &str = "manifest.json";

/// This build's version, recorded so a newer docket redoes every input.
pub const DOCKET_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Output written, with findings, actions or report content.
    Written,
    /// Output written, but the document gave nothing (no findings, actions
    /// or report); a failure under `--strict`.
    NothingFound,
    Failed,
}

/// One input's line in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The input path as given (or found under a folder given).
    pub input: String,
    pub status: Status,
    /// The output written, relative to the output folder (folder mode).
    pub output: Option<String>,
    /// Hex SHA-256 of the input bytes (null when it could not be read).
    pub sha256: Option<String>,
    pub findings: usize,
    pub actions: usize,
    /// The error's code and message for a failed input.
    pub error: Option<ErrorEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Failure codes that depend on more than the bytes and the docket version
/// (the file system, the machine's load, an interruption, a bug): an input
/// that failed so is always done again.
const PASSING_FAILURES: &[&str] = &[
    "input.io",
    "output.io",
    "input.too_slow",
    "input.memory_limit",
    "batch.interrupted",
    "internal.panic",
];

impl Entry {
    fn failure_is_repeatable(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| !PASSING_FAILURES.contains(&e.code.as_str()))
    }

    /// The same failure again, when this entry failed repeatably on bytes
    /// that hash to `sha256`.
    pub fn failed_again(&self, sha256: &str) -> Option<FileError> {
        let e = self.error.as_ref()?;
        (self.status == Status::Failed
            && self.failure_is_repeatable()
            && self.sha256.as_deref() == Some(sha256))
        .then(|| FileError::Unchanged {
            code: intern(&e.code),
            message: e.message.clone(),
        })
    }
}

/// A code read from a manifest as the `&'static str` codes are: each
/// distinct code is kept once for the life of the process.
fn intern(code: &str) -> &'static str {
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = CODES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(c) = set.get(code) {
        return c;
    }
    let c: &'static str = Box::leak(code.to_owned().into_boxed_str());
    set.insert(c);
    c
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub written: usize,
    pub nothing_found: usize,
    pub failed: usize,
    /// Inputs passed over by `--incremental` (their entries are carried over).
    pub unchanged: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The docket version that made it.
    pub docket: String,
    /// The contract of the outputs, `docket/1`.
    pub schema: String,
    pub counts: Counts,
    pub inputs: Vec<Entry>,
}

impl Manifest {
    /// Read a manifest; None when there is none or it is not one (a
    /// damaged manifest only means every input is done again).
    pub fn load(path: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The entries that `--incremental` may reuse, by input path: made by
    /// this docket version from bytes that were read, and not failed in a
    /// way that may go differently next time ([`Entry::failed_again`]).
    pub fn reusable(&self) -> HashMap<String, Entry> {
        if self.docket != DOCKET_VERSION {
            return HashMap::new();
        }
        self.inputs
            .iter()
            .filter(|e| {
                e.sha256.is_some() && (e.status != Status::Failed || e.failure_is_repeatable())
            })
            .map(|e| (e.input.clone(), e.clone()))
            .collect()
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }
}
