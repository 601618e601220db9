//! Command-line interface: argument handling over the library API.
//!
//! Exit status: 0 all good, 1 some file failed, 2 usage error. Errors go to
//! stderr one per line as `docket: error: <input>: <code>: <message>`;
//! a progress bar appears only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::batch::{self, Options};
use crate::contract;
use crate::read::Limits;
use crate::recognise::Grammars;

#[derive(Parser, Debug)]
#[command(
    name = "docket",
    version,
    about = "Inspection action plans and annual reports into validated docket/1 JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract docket/1 JSON from files and folders (recursively).
    Extract {
        /// Files or folders to read. Formats are sniffed from the bytes.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output folder; DIR/<input file name>.json per input.
        #[arg(long, short)]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Folder of grammar TOML files extending or replacing the defaults.
        #[arg(long)]
        grammars: Option<PathBuf>,
        /// Wall-clock budget per file in seconds; a file over it fails with
        /// input.too_slow and the batch goes on.
        #[arg(long, default_value_t = batch::budget::DEFAULT_TIMEOUT_SECS,
              value_parser = parse_timeout)]
        timeout: f64,
    },
    /// Check existing docket/1 files against the schema.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the docket/1 JSON Schema.
    Schema,
    /// What changed between two versions of a plan: each side any input
    /// docket reads or a docket/1 JSON file, in any mix of formats.
    Diff {
        /// The earlier version.
        old: PathBuf,
        /// The later version.
        new: PathBuf,
        /// What to print: a text summary, Markdown, or the docket-diff/1 JSON.
        #[arg(long, value_enum, default_value = "text")]
        format: crate::diff::command::Format,
        /// Also write the docket-diff/1 JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Folder of grammar TOML files extending or replacing the defaults.
        #[arg(long)]
        grammars: Option<PathBuf>,
    },
    /// Print the tables found on one page of a PDF as JSON (lists of rows of
    /// cell strings; a spanning cell's text in its top-left position, null in
    /// the positions it covers).
    Tables {
        file: PathBuf,
        /// 1-based page number.
        #[arg(long)]
        page: u32,
    },
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Extract {
            paths,
            out,
            jobs,
            grammars,
            timeout,
        } => extract(paths, out, jobs, grammars, timeout),
        Command::Validate { files } => validate(files),
        Command::Schema => {
            let _ = std::io::stdout().write_all(contract::SCHEMA_JSON.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Tables { file, page } => tables(file, page),
        Command::Diff {
            old,
            new,
            format,
            json,
            grammars,
        } => crate::diff::command::run(crate::diff::command::Args {
            old,
            new,
            format,
            json,
            grammars,
        }),
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("docket: error: {msg}");
    ExitCode::from(2)
}

fn extract(
    paths: Vec<PathBuf>,
    out: PathBuf,
    jobs: Option<usize>,
    grammars: Option<PathBuf>,
    timeout: f64,
) -> ExitCode {
    let grammars = match Grammars::load(grammars.as_deref()) {
        Ok(g) => g,
        Err(e) => return usage_error(format!("{}: {e}", e.code())),
    };
    let inputs = match batch::collect_inputs(&paths) {
        Ok(i) => i,
        Err(e) => return usage_error(format!("input.io: {e}")),
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        return usage_error(format!("{}: output.io: {e}", out.display()));
    }
    batch::sweep_temp_files(&out);
    let stop = batch::signals::cancel_flag();
    let opts = Options {
        grammars,
        limits: Limits::default(),
        progress: std::io::stderr().is_terminal(),
        stop: Some(stop),
        timeout: Some(std::time::Duration::from_secs_f64(timeout)),
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        builder = builder.num_threads(j.max(1));
    }
    let pool = match builder.build() {
        Ok(p) => p,
        Err(e) => return usage_error(e),
    };
    let summary = pool.install(|| batch::run(&inputs, &out, &opts));
    for o in &summary.outcomes {
        if let Err(e) = &o.result {
            if matches!(e, batch::FileError::Interrupted) {
                continue;
            }
            eprintln!(
                "docket: error: {}: {}: {}",
                batch::escape_name(&o.input),
                e.code(),
                one_line(&e.to_string())
            );
        }
    }
    if summary.interrupted() {
        let skipped = summary
            .outcomes
            .iter()
            .filter(|o| matches!(o.result, Err(batch::FileError::Interrupted)))
            .count();
        eprintln!(
            "docket: interrupted: {} written, {} failed, {} not processed, {:.2} s",
            summary.written(),
            summary.failed() - skipped,
            skipped,
            summary.seconds
        );
        return ExitCode::from(130);
    }
    eprintln!(
        "docket: {} written, {} failed, {:.2} s",
        summary.written(),
        summary.failed(),
        summary.seconds
    );
    if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Print a line to stdout; a closed pipe (`docket tables … | head`) is not
/// an error worth a panic.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

/// `--timeout`: a positive number of seconds, at most a day.
fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number of seconds in (0, 86400]")),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn validate(files: Vec<PathBuf>) -> ExitCode {
    let mut failed = 0;
    for f in &files {
        let result = std::fs::read_to_string(f)
            .map_err(|e| ("input.io", e.to_string()))
            .and_then(|text| contract::validate_str(&text).map_err(|e| (e.code(), e.to_string())));
        match result {
            Ok(()) => say(&format!("{}: ok", f.display())),
            Err((code, msg)) => {
                failed += 1;
                eprintln!("docket: error: {}: {code}: {}", f.display(), one_line(&msg));
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn tables(file: PathBuf, page: u32) -> ExitCode {
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return usage_error(format!("{}: input.io: {e}", file.display())),
    };
    match crate::read::pdf::page_tables(&bytes, page, &Limits::default()) {
        Ok(grids) => {
            say(&serde_json::to_string(&grids).unwrap_or_else(|_| "[]".into()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "docket: error: {}: {}: {}",
                file.display(),
                e.code(),
                one_line(&e.to_string())
            );
            ExitCode::from(1)
        }
    }
}
