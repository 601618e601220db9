//! What became of each input and of the whole batch, and the manifest made
//! from it.

use std::path::{Path, PathBuf};

use super::FileError;
use super::manifest::{self, Counts, Entry, ErrorEntry, Manifest, Status};
use crate::contract::{Diagnostic, Output, SCHEMA_ID};

/// A file that went through.
#[derive(Debug)]
pub struct Done {
    pub status: Status,
    /// Passed over by `--incremental`: same bytes, same docket, output there.
    pub unchanged: bool,
    /// The output written ([`super::Sink::Folder`]).
    pub written: Option<PathBuf>,
    /// The document ([`super::Sink::Collect`]).
    pub output: Option<Output>,
    pub sha256: String,
    pub findings: usize,
    pub actions: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Done {
    pub(super) fn of(output: &Output, nothing_found: bool) -> Done {
        Done {
            status: if nothing_found {
                Status::NothingFound
            } else {
                Status::Written
            },
            unchanged: false,
            written: None,
            output: None,
            sha256: output.source.sha256.clone(),
            findings: output.findings.len(),
            actions: output.actions.len(),
            diagnostics: output.diagnostics.clone(),
        }
    }

    /// A previous run's result for the same bytes, when its output is still
    /// in `dir`.
    pub(super) fn reuse(prev: &Entry, sha256: &str, dir: &Path) -> Option<Done> {
        let out = prev.output.as_ref()?;
        if prev.sha256.as_deref() != Some(sha256) || !dir.join(out).is_file() {
            return None;
        }
        Some(Done {
            status: prev.status.clone(),
            unchanged: true,
            written: Some(dir.join(out)),
            output: None,
            sha256: sha256.to_string(),
            findings: prev.findings,
            actions: prev.actions,
            diagnostics: prev.diagnostics.clone(),
        })
    }
}

/// What happened to one input.
#[derive(Debug)]
pub struct FileOutcome {
    pub input: PathBuf,
    /// The input's output name (None for a path the walk could not take).
    pub name: Option<PathBuf>,
    /// Hex SHA-256 of the input's bytes, when they could be read.
    pub sha256: Option<String>,
    pub result: Result<Done, FileError>,
}

/// What happened to a whole batch.
#[derive(Debug)]
pub struct Summary {
    pub outcomes: Vec<FileOutcome>,
    pub seconds: f64,
}

impl Summary {
    fn count(&self, f: impl Fn(&FileOutcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o)).count()
    }
    pub fn failed(&self) -> usize {
        self.count(|o| o.result.is_err())
    }
    /// Written with something found (unchanged ones included).
    pub fn written(&self) -> usize {
        self.count(|o| matches!(&o.result, Ok(d) if d.status == Status::Written))
    }
    pub fn nothing_found(&self) -> usize {
        self.count(|o| matches!(&o.result, Ok(d) if d.status == Status::NothingFound))
    }
    pub fn unchanged(&self) -> usize {
        self.count(|o| match &o.result {
            Ok(d) => d.unchanged,
            Err(e) => matches!(e, FileError::Unchanged { .. }),
        })
    }
    pub fn interrupted(&self) -> bool {
        self.outcomes
            .iter()
            .any(|o| matches!(o.result, Err(FileError::Interrupted)))
    }

    /// The documents kept by a [`super::Sink::Collect`] batch, in input order.
    pub fn outputs(&self) -> impl Iterator<Item = &Output> {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok()?.output.as_ref())
    }

    /// The manifest of this batch; `root` is the output folder that
    /// written paths are made relative to.
    pub fn manifest(&self, root: Option<&Path>) -> Manifest {
        let inputs: Vec<Entry> = self.outcomes.iter().map(|o| entry(o, root)).collect();
        Manifest {
            docket: manifest::DOCKET_VERSION.to_string(),
            schema: SCHEMA_ID.to_string(),
            counts: Counts {
                written: self.written(),
                nothing_found: self.nothing_found(),
                failed: self.failed(),
                unchanged: self.unchanged(),
            },
            inputs,
        }
    }
}

fn entry(o: &FileOutcome, root: Option<&Path>) -> Entry {
    let input = o.input.to_string_lossy().into_owned();
    match &o.result {
        Ok(d) => Entry {
            input,
            status: d.status.clone(),
            output: d.written.as_ref().map(|w| {
                root.and_then(|r| w.strip_prefix(r).ok())
                    .unwrap_or(w)
                    .to_string_lossy()
                    .into_owned()
            }),
            sha256: Some(d.sha256.clone()),
            findings: d.findings,
            actions: d.actions,
            error: None,
            diagnostics: d.diagnostics.clone(),
        },
        Err(e) => Entry {
            input,
            status: Status::Failed,
            output: None,
            sha256: o.sha256.clone(),
            findings: 0,
            actions: 0,
            error: Some(ErrorEntry {
                code: e.code().to_string(),
                message: match e {
                    FileError::Unchanged { message, .. } => message.clone(),
                    e => super::one_line(&e.to_string()),
                },
            }),
            diagnostics: Vec::new(),
        },
    }
}
