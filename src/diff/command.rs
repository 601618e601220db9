//! `docket diff OLD NEW`: the command's body, kept here so the CLI shell
//! only parses arguments.
//!
//! Exit status: 0 when the diff was made (whatever it found), 1 when a side
//! cannot be read or the JSON cannot be written (one coded line naming the
//! file), 2 for a broken `--grammars` folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::batch::{self, Options};
use crate::recognise::Grammars;

use super::render::{self, Style};
use super::{Diff, load, schema};

/// What goes to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The plain-text summary.
    Text,
    /// The summary as Markdown.
    Md,
    /// The docket-diff/1 JSON document.
    Json,
}

/// Arguments of `docket diff`.
#[derive(Debug, Clone)]
pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: Format,
    /// Also write the docket-diff/1 JSON to this file.
    pub json: Option<PathBuf>,
    pub grammars: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let grammars = match Grammars::load(args.grammars.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("docket: error: {}: {e}", e.code());
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        grammars,
        ..Options::default()
    };
    let sides = load(&args.old, &opts).and_then(|o| Ok((o, load(&args.new, &opts)?)));
    let (old, new) = match sides {
        Ok(s) => s,
        Err(e) => return fail(e.file(), e.code(), &e.to_string()),
    };
    let diff = super::diff(&old, &new);
    if let Some(path) = &args.json
        && let Err((code, msg)) = write_json(&diff, path)
    {
        return fail(&path.to_string_lossy(), code, &msg);
    }
    let body = match args.format {
        Format::Text => render::render(&diff, Style::Text),
        Format::Md => render::render(&diff, Style::Markdown),
        Format::Json => match schema::to_validated_json(&diff) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => return fail("<stdout>", e.code(), &e.to_string()),
        },
    };
    // A closed pipe (`docket diff … | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(body.as_bytes());
    ExitCode::SUCCESS
}

fn fail(file: &str, code: &str, msg: &str) -> ExitCode {
    let msg = msg.split_whitespace().collect::<Vec<_>>().join(" ");
    eprintln!("docket: error: {file}: {code}: {msg}");
    ExitCode::from(1)
}

/// Validate and write the JSON atomically (temp file in the same folder,
/// then renamed).
fn write_json(diff: &Diff, path: &Path) -> Result<(), (&'static str, String)> {
    let bytes = schema::to_validated_json(diff).map_err(|e| (e.code(), e.to_string()))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or(("output.io", "not a file name".to_string()))?;
    batch::write_atomic(dir, Path::new(&name), &bytes)
        .map(|_| ())
        .map_err(|e| ("output.io", e.to_string()))
}
