//! The batch stage: many files in parallel, one coded line per failure,
//! atomic output.
//!
//! Why each file is isolated: bulk loads are hundreds of files nobody has
//! looked at. One bad file must cost one line in the log and nothing else, so
//! every file runs behind `catch_unwind` (the last line of defence; panics
//! found are fixed at their source) and every output is written to a temp
//! file in the output folder and renamed into place.

pub mod budget;
mod escape;
mod inputs;
mod live;
pub mod manifest;
mod output;
pub mod signals;
mod summary;

pub use escape::escape_name;
pub use inputs::{Collected, FOLDER_EXTENSIONS, Input, Skipped, collect};
pub use live::{Live, Verbosity, one_line};
pub use output::{output_name, sweep_temp_files, write_atomic, write_atomic_with};
pub use summary::{Done, FileOutcome, Summary};

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::contract::{self, ContractError, Output, SCHEMA_ID, Source};
use crate::read::{self, Limits, ReadError};
use crate::recognise::Grammars;
use crate::work;

/// Why one file failed. Every variant has a stable dotted code.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read input: {0}")]
    Input(std::io::Error),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("output failed validation: {0}")]
    Contract(#[from] ContractError),
    #[error("cannot write output: {0}")]
    Write(std::io::Error),
    #[error("internal error while processing (a bug; please report it): {0}")]
    Panic(String),
    #[error("not processed: the batch was interrupted")]
    Interrupted,
    #[error("stopped: the file's work took more than its {0:.1} s budget")]
    TooSlow(f64),
    #[error("stopped: the file's work held more than its {} MiB memory cap", .0 / (1024 * 1024))]
    MemoryLimit(u64),
    #[error("nothing found: no findings, actions or report content (--strict)")]
    NothingFound,
    #[error("not read: {0}")]
    NameClash(String),
    /// `--incremental`: the same bytes failed the same way in the last run
    /// (its manifest's code and message), so they were not read again.
    #[error("{message} (unchanged since the last run)")]
    Unchanged { code: &'static str, message: String },
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Input(_) => "input.io",
            FileError::Read(e) => e.code(),
            FileError::Contract(e) => e.code(),
            FileError::Write(_) => "output.io",
            FileError::Panic(_) => "internal.panic",
            FileError::Interrupted => "batch.interrupted",
            FileError::TooSlow(_) => "input.too_slow",
            FileError::MemoryLimit(_) => "input.memory_limit",
            FileError::NothingFound => "extract.nothing_found",
            FileError::NameClash(_) => "output.name_clash",
            FileError::Unchanged { code, .. } => code,
        }
    }
}

/// Settings for a batch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub grammars: Grammars,
    pub limits: Limits,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// Set (e.g. by a Ctrl-C handler) to stop the batch: files not yet started
    /// are skipped, files in flight finish their atomic write, so an
    /// interrupted batch leaves no partial or temp files.
    pub stop: Option<Arc<AtomicBool>>,
    /// Wall-clock budget per file (`--timeout`); `None` is
    /// [`budget::DEFAULT_TIMEOUT_SECS`]. The stop flag above also cancels
    /// files in flight.
    pub timeout: Option<std::time::Duration>,
}

impl Options {
    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// Where a batch's documents go.
#[derive(Debug, Clone)]
pub enum Sink {
    /// One pretty JSON file per input under this folder, written as each
    /// file is done ([`output_name`]).
    Folder(PathBuf),
    /// Kept in memory ([`Done::output`]) for the caller to write: one file,
    /// stdout, or an export (JSON Lines, CSV, XLSX).
    Collect,
}

/// How a batch runs, beside the per-file [`Options`].
#[derive(Debug, Clone)]
pub struct Plan {
    pub sink: Sink,
    pub verbosity: Verbosity,
    /// A file with nothing found fails (`extract.nothing_found`) instead of
    /// being written with a warning.
    pub strict: bool,
    /// `--incremental`: the previous manifest's reusable entries by input;
    /// an input whose bytes hash the same, and whose output is still there,
    /// is passed over.
    pub previous: HashMap<String, manifest::Entry>,
}

impl Plan {
    pub fn new(sink: Sink) -> Self {
        Plan {
            sink,
            verbosity: Verbosity::default(),
            strict: false,
            previous: HashMap::new(),
        }
    }
}

/// Extract every input, in parallel on the current rayon pool. `skipped`
/// are paths the walk could not take: each is a failed file of the batch.
/// Errors and warnings are printed as they happen (see [`Live`]).
pub fn run(inputs: &[Input], skipped: Vec<Skipped>, opts: &Options, plan: &Plan) -> Summary {
    let started = Instant::now();
    let live = Live::new(inputs.len(), opts.progress, plan.verbosity);
    let mut outcomes: Vec<FileOutcome> = skipped
        .into_iter()
        .map(|s| {
            let e = if s.error.kind() == std::io::ErrorKind::AlreadyExists {
                FileError::NameClash(s.error.to_string())
            } else {
                FileError::Input(s.error)
            };
            live.error(&s.path, e.code(), &e.to_string());
            FileOutcome {
                input: s.path,
                name: None,
                sha256: None,
                result: Err(e),
            }
        })
        .collect();
    let done: Vec<FileOutcome> = inputs
        .par_iter()
        .map(|input| {
            let (sha256, result) = if opts.stopped() {
                (None, Err(FileError::Interrupted))
            } else {
                process_input(input, opts, plan)
            };
            tell(&live, &input.path, &result);
            live.tick();
            FileOutcome {
                input: input.path.clone(),
                name: Some(input.name.clone()),
                sha256,
                result,
            }
        })
        .collect();
    live.finish();
    outcomes.extend(done);
    Summary {
        outcomes,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// Print what became of one file, as soon as it is known.
fn tell(live: &Live, input: &Path, result: &Result<Done, FileError>) {
    match result {
        Err(FileError::Interrupted) => {}
        Err(e) => live.error(input, e.code(), &e.to_string()),
        Ok(d) if d.unchanged => live.note(|| format!("unchanged: {}", escape_name(input))),
        Ok(d) => {
            live.diagnostics(input, &d.diagnostics);
            if d.status == manifest::Status::NothingFound {
                live.warning(
                    input,
                    "extract.nothing_found",
                    "nothing found: no findings, actions or report content",
                );
            }
            if let Some(w) = &d.written {
                live.note(|| format!("wrote {}", escape_name(w)));
            }
        }
    }
}

/// One input through the pipeline to its sink; with the hex SHA-256 of its
/// bytes when they could be read.
fn process_input(
    input: &Input,
    opts: &Options,
    plan: &Plan,
) -> (Option<String>, Result<Done, FileError>) {
    let bytes = match read_input(&input.path, &opts.limits) {
        Ok(b) => b,
        Err(e) => return (None, Err(e)),
    };
    let sha256 = hex_sha256(&bytes);
    let result = process_bytes(bytes, &sha256, input, opts, plan);
    (Some(sha256), result)
}

fn process_bytes(
    bytes: Vec<u8>,
    sha256: &str,
    input: &Input,
    opts: &Options,
    plan: &Plan,
) -> Result<Done, FileError> {
    let key = input.path.to_string_lossy().into_owned();
    if let (Sink::Folder(dir), Some(prev)) = (&plan.sink, plan.previous.get(&key)) {
        if let Some(e) = prev.failed_again(sha256) {
            return Err(e);
        }
        if let Some(done) = Done::reuse(prev, sha256, dir) {
            return Ok(done);
        }
    }
    let size = bytes.len() as u64;
    let (owned, file, o) = (bytes, key.clone(), opts.clone());
    let output = budgeted(size, opts, move || extract_output(&owned, &file, &o))?;
    // Validated once, and made safe (bad fields left out with a
    // diagnostic) rather than lost when a field breaks the contract.
    let output = contract::into_checked(output)?;
    let nothing =
        output.findings.is_empty() && output.actions.is_empty() && output.report.is_none();
    if nothing && plan.strict {
        return Err(FileError::NothingFound);
    }
    let mut done = Done::of(&output, nothing);
    match &plan.sink {
        Sink::Folder(dir) => {
            let path = write_atomic_with(dir, &output_name(input), |w| {
                contract::write_pretty(&output, w)
            })
            .map_err(FileError::Write)?;
            done.written = Some(path);
        }
        Sink::Collect => done.output = Some(output),
    }
    Ok(done)
}

/// Read, interpret and validate one file under its budget; return the JSON
/// bytes to write.
pub fn process_file(path: &Path, opts: &Options) -> Result<Vec<u8>, FileError> {
    let size = std::fs::metadata(path).map_err(FileError::Input)?.len();
    let owned = (path.to_path_buf(), opts.clone());
    budgeted(size, opts, move || {
        let (path, opts) = owned;
        let bytes = read_input(&path, &opts.limits)?;
        let file = path.to_string_lossy().into_owned();
        extract_bytes(&bytes, &file, &opts)
    })
}

/// Run one file's work `f` under the file budget of `opts` (time, memory,
/// cancellation), a spent budget or a panic becoming the file's coded error.
fn budgeted<T: Send + 'static>(
    size: u64,
    opts: &Options,
    f: impl FnOnce() -> Result<T, FileError> + Send + 'static,
) -> Result<T, FileError> {
    let file_budget = budget::FileBudget {
        timeout: opts
            .timeout
            .unwrap_or_else(|| budget::FileBudget::default().timeout),
        cancel: opts.stop.clone(),
    };
    match budget::run(&file_budget, size, f) {
        Ok(r) => r,
        Err(work::Stopped::Spent(work::Spent::TooSlow)) => {
            Err(FileError::TooSlow(file_budget.timeout.as_secs_f64()))
        }
        Err(work::Stopped::Spent(work::Spent::Memory)) => {
            Err(FileError::MemoryLimit(budget::memory_cap(size)))
        }
        Err(work::Stopped::Spent(work::Spent::Cancelled)) => Err(FileError::Interrupted),
        Err(work::Stopped::Panic(msg)) => Err(FileError::Panic(msg)),
    }
}

/// Bytes read from `path` (with [`read_input`]) to the docket/1 document,
/// not yet validated, under the same budget as a batch file. For callers
/// that use the document itself rather than its JSON (`docket diff`).
pub fn extract_read_bytes(bytes: &[u8], path: &Path, opts: &Options) -> Result<Output, FileError> {
    let file = path.to_string_lossy().into_owned();
    let (bytes, o) = (bytes.to_vec(), opts.clone());
    budgeted(bytes.len() as u64, opts, move || {
        extract_output(&bytes, &file, &o)
    })
}

/// Read an input, refusing files over the size limit before loading them.
/// `-` is standard input (read up to the limit).
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, FileError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_input_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(FileError::Input)?;
        if bytes.len() as u64 > limits.max_input_bytes {
            return Err(ReadError::TooLarge {
                size: bytes.len() as u64,
                limit: limits.max_input_bytes,
            }
            .into());
        }
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(FileError::Input)?;
    if meta.len() > limits.max_input_bytes {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit: limits.max_input_bytes,
        }
        .into());
    }
    std::fs::read(path).map_err(FileError::Input)
}

/// The pure part of the pipeline: bytes in, validated docket/1 JSON out.
pub fn extract_bytes(bytes: &[u8], file: &str, opts: &Options) -> Result<Vec<u8>, FileError> {
    let output = extract_output(bytes, file, opts)?;
    Ok(contract::to_validated_json(&output)?)
}

/// Bytes to the docket/1 document (not yet validated).
pub fn extract_output(bytes: &[u8], file: &str, opts: &Options) -> Result<Output, FileError> {
    let mut doc = read::read(bytes, &opts.limits)?;
    crate::recognise::furniture::flag_document(&mut doc, &opts.grammars);
    let found = crate::pipeline::interpret(&doc, &opts.grammars);
    let (format, pages, warnings) = (doc.format, doc.pages, std::mem::take(&mut doc.warnings));
    // The model is done with: freed before the keys are made, so that a
    // large document's model and its keys are not held together.
    drop(doc);
    let mut diagnostics: Vec<contract::Diagnostic> = warnings
        .into_iter()
        .map(|w| contract::Diagnostic {
            level: contract::Level::Warning,
            code: w.code.to_string(),
            message: w.message,
            at: contract::At {
                page: w.at.page,
                line: w.at.line,
            },
        })
        .collect();
    diagnostics.extend(found.diagnostics);
    let mut output = Output {
        schema: SCHEMA_ID.to_string(),
        source: Source {
            file: file.to_string(),
            format: format.as_str().to_string(),
            sha256: hex_sha256(bytes),
            pages,
        },
        kind: found.kind,
        title: found.title,
        findings: found.findings,
        actions: found.actions,
        report: found.report,
        diagnostics,
    };
    contract::assign_keys(&mut output);
    Ok(output)
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
