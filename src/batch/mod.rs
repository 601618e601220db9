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
mod output;
pub mod signals;

pub use escape::escape_name;
pub use inputs::collect_inputs;
pub use output::{output_names, sweep_temp_files, write_atomic};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::contract::{self, ContractError, Output, SCHEMA_ID, Source};
use crate::interpret;
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

/// What happened to one input.
#[derive(Debug)]
pub struct FileOutcome {
    pub input: PathBuf,
    pub result: Result<PathBuf, FileError>,
}

/// What happened to a whole batch.
#[derive(Debug)]
pub struct Summary {
    pub outcomes: Vec<FileOutcome>,
    pub seconds: f64,
}

impl Summary {
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.result.is_err()).count()
    }
    pub fn written(&self) -> usize {
        self.outcomes.len() - self.failed()
    }
    pub fn interrupted(&self) -> bool {
        self.outcomes
            .iter()
            .any(|o| matches!(o.result, Err(FileError::Interrupted)))
    }
}

/// Extract every input into `out_dir`, in parallel on the current rayon pool.
pub fn run(inputs: &[PathBuf], out_dir: &Path, opts: &Options) -> Summary {
    let started = Instant::now();
    let names = output_names(inputs);
    let bar = opts.progress.then(|| progress_bar(inputs.len() as u64));
    let outcomes: Vec<FileOutcome> = inputs
        .par_iter()
        .zip(names.par_iter())
        .map(|(input, name)| {
            if opts.stopped() {
                return FileOutcome {
                    input: input.clone(),
                    result: Err(FileError::Interrupted),
                };
            }
            let result = process_file(input, opts)
                .and_then(|bytes| write_atomic(out_dir, name, &bytes).map_err(FileError::Write));
            if let Some(b) = &bar {
                b.inc(1);
            }
            FileOutcome {
                input: input.clone(),
                result,
            }
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Summary {
        outcomes,
        seconds: started.elapsed().as_secs_f64(),
    }
}

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
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
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, FileError> {
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
    let doc = read::read(bytes, &opts.limits)?;
    let found = interpret::interpret(&doc, &opts.grammars);
    let mut diagnostics: Vec<contract::Diagnostic> = doc
        .warnings
        .iter()
        .map(|w| contract::Diagnostic {
            level: contract::Level::Warning,
            code: w.code.to_string(),
            message: w.message.clone(),
            at: contract::At {
                page: w.at.page,
                line: w.at.line,
            },
        })
        .collect();
    diagnostics.extend(found.diagnostics);
    Ok(Output {
        schema: SCHEMA_ID.to_string(),
        source: Source {
            file: file.to_string(),
            format: doc.format.as_str().to_string(),
            sha256: hex_sha256(bytes),
            pages: doc.pages,
        },
        kind: found.kind,
        title: found.title,
        findings: found.findings,
        actions: found.actions,
        report: found.report,
        diagnostics,
    })
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
