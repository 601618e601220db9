//! Command-line interface: argument handling over the library API.
//!
//! Exit status: 0 all good, 1 some file failed, 2 usage error, 130
//! interrupted. Errors go to stderr one per line as
//! `docket: error: <input>: <code>: <message>`, warnings as
//! `docket: warning: …`; a progress bar appears only when stderr is a
//! terminal. The extract flow lives in [`extract`], the output targets in
//! [`target`].

mod extract;
mod target;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::batch::one_line;
use crate::contract;
use crate::read::Limits;

const AFTER_HELP: &str = "\
Exit status:
  0    every input written
  1    some input failed (every good input is still written)
  2    usage error (bad flag, unreadable --grammars, --out that cannot be used)
  130  interrupted by Ctrl-C (files in flight finish; the rest are skipped)

Examples:
  docket extract plans/ --out out/             one JSON file per input, out/<path under plans>.json
  docket extract plan.pdf -o plan.json         one input, one file
  docket extract plans/ --out - | jq -c .      JSON Lines on stdout
  cat plan.docx | docket extract - --out -     stdin to stdout
  docket extract corpus --format xlsx --out tracker.xlsx
  docket validate out/*.json";

#[derive(Parser, Debug)]
#[command(
    name = "docket",
    version,
    propagate_version = true,
    about = "Inspection action plans and annual reports into validated docket/1 JSON",
    after_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `extract --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// One pretty JSON file per input (default).
    Json,
    /// JSON Lines: one compact document per line, to a file or stdout.
    Jsonl,
    /// plans.csv, findings.csv, actions.csv, problems.csv in the --out folder.
    Csv,
    /// One workbook (Plans, Findings, Actions, Problems) for the batch.
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders to read (folders recursively); `-` reads stdin.
    /// Formats are sniffed from the bytes.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where outputs go: a folder (OUT/<path under the input folder>.json per
    /// input, plus OUT/manifest.json), FILE.json for a single input, `-` for
    /// stdout (one JSON document, or JSON Lines for several), or the file
    /// of --format jsonl/xlsx.
    #[arg(long, short = 'o', value_name = "OUT")]
    out: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutFormat::Json)]
    format: OutFormat,
    /// Worker threads (default, or 0: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Folder of grammar TOML files extending or replacing the defaults.
    #[arg(long)]
    grammars: Option<PathBuf>,
    /// Wall-clock budget per file in seconds; a file over it fails with
    /// input.too_slow and the batch goes on.
    #[arg(long, default_value_t = crate::batch::budget::DEFAULT_TIMEOUT_SECS,
          value_parser = parse_timeout)]
    timeout: f64,
    /// Files with nothing found (no findings, actions or report) fail
    /// (exit 1) instead of being written with a warning.
    #[arg(long)]
    strict: bool,
    /// Pass over inputs whose bytes (sha256) and docket version are the
    /// same as in the last run's manifest and whose output is still there.
    #[arg(long)]
    incremental: bool,
    /// Follow symbolic links inside folders (links named on the command
    /// line are always followed).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Errors and the summary only: no warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also one line per file written or passed over.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract docket/1 JSON (or a tracker) from files and folders.
    Extract(ExtractArgs),
    /// Check docket/1 files: the schema, then ids, finding links and dates.
    /// Prints every problem, one line each.
    Validate {
        /// docket/1 JSON files to check.
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
    /// Print the tables found on a PDF's pages as JSON (lists of rows of
    /// cell strings; a spanning cell's text in its top-left position, null in
    /// the positions it covers).
    Tables {
        /// The PDF to read.
        file: PathBuf,
        /// 1-based page number; without it, every page as
        /// `[{"page": N, "tables": [...]}, ...]`.
        #[arg(long)]
        page: Option<u32>,
    },
    /// Print a shell completion script (e.g. `docket completions bash >
    /// /etc/bash_completion.d/docket`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `docket man > docket.1`.
    Man,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Validate { files } => validate(files),
        Command::Schema => {
            let _ = std::io::stdout().write_all(contract::SCHEMA_JSON.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Tables { file, page } => tables(file, page),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "docket", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => usage_error(format!("output.io: {e}")),
            }
        }
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

/// Help and version go to stdout as clap prints them; errors get the
/// `docket: error:` prefix every other error line has, and exit 2.
fn clap_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    eprint!("docket: error: {text}");
    ExitCode::from(2)
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("docket: error: {}", one_line(&msg.to_string()));
    ExitCode::from(2)
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

fn validate(files: Vec<PathBuf>) -> ExitCode {
    let mut failed = 0;
    for f in &files {
        let problems = match std::fs::read_to_string(f) {
            Err(e) => vec![("input.io", String::new(), e.to_string())],
            Ok(text) => match serde_json::from_str::<serde_json::Value>(&text) {
                Err(e) => vec![("contract.not_json", String::new(), e.to_string())],
                Ok(v) => contract::problems(&v)
                    .into_iter()
                    .map(|p| (p.code, p.path, p.message))
                    .collect(),
            },
        };
        if problems.is_empty() {
            say(&format!("{}: ok", f.display()));
            continue;
        }
        failed += 1;
        for (code, path, msg) in problems {
            let path = if path.is_empty() {
                path
            } else {
                format!("{path}: ")
            };
            eprintln!(
                "docket: error: {}: {code}: {path}{}",
                f.display(),
                one_line(&msg)
            );
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn tables(file: PathBuf, page: Option<u32>) -> ExitCode {
    let fail = |code: &str, msg: &str| {
        eprintln!(
            "docket: error: {}: {code}: {}",
            file.display(),
            one_line(msg)
        );
        ExitCode::from(1)
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return usage_error(format!("{}: input.io: {e}", file.display())),
    };
    let limits = Limits::default();
    let pages = match crate::read::read(&bytes, &limits) {
        Ok(doc) if doc.pages.is_some() => doc.pages.unwrap_or(0),
        Ok(_) => return fail("tables.not_pdf", "`tables` reads PDF files only"),
        Err(e) => return fail(e.code(), &e.to_string()),
    };
    let wanted: Vec<u32> = match page {
        Some(p) if p == 0 || p > pages => {
            return usage_error(format!(
                "{}: tables.no_page: page {p} is not in the file (it has {pages} page{})",
                file.display(),
                if pages == 1 { "" } else { "s" }
            ));
        }
        Some(p) => vec![p],
        None => (1..=pages).collect(),
    };
    let mut all = Vec::new();
    for p in &wanted {
        match crate::read::pdf::page_tables(&bytes, *p, &limits) {
            Ok(grids) => all.push(serde_json::json!({ "page": p, "tables": grids })),
            Err(e) => return fail(e.code(), &e.to_string()),
        }
    }
    let value = match page {
        Some(_) => all.pop().map(|v| v["tables"].clone()).unwrap_or_default(),
        None => serde_json::Value::Array(all),
    };
    say(&serde_json::to_string(&value).unwrap_or_else(|_| "[]".into()));
    ExitCode::SUCCESS
}
