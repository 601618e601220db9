//! `docket extract`: walk the inputs, run the batch, deliver the outputs
//! (files, stdout or an export), write the manifest, print the summary.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use sha2::{Digest, Sha256};

use super::target::{self, Target};
use super::{ExtractArgs, OutFormat, usage_error};
use crate::batch::manifest::{Manifest, Status};
use crate::batch::{self, Collected, Options, Plan, Sink, Summary, Verbosity};
use crate::export::{self, ProblemRow};
use crate::read::Limits;
use crate::recognise::Grammars;

pub fn run(a: ExtractArgs) -> ExitCode {
    let grammars = match Grammars::load(a.grammars.as_deref()) {
        Ok(g) => g,
        Err(e) => return usage_error(format!("{}: {e}", e.code())),
    };
    let collected = batch::collect(&a.paths, a.follow);
    let count = collected.inputs.len() + collected.errors.len();
    let target = match target::resolve(&a.out, a.format, count) {
        Ok(t) => t,
        Err(msg) => return usage_error(msg),
    };
    if let Err(msg) = prepare(&target) {
        return usage_error(msg);
    }
    let verbosity = match (a.quiet, a.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    if verbosity == Verbosity::Verbose {
        for l in &collected.links_skipped {
            eprintln!(
                "docket: skipped symbolic link {} (use -L to follow)",
                l.display()
            );
        }
    }
    let manifest_path = target.manifest_path(a.format);
    let previous = a
        .incremental
        .then(|| manifest_path.as_deref().and_then(Manifest::load))
        .flatten();
    if let (Target::File(f), Some(prev)) = (&target, &previous)
        && f.is_file()
        && batch_unchanged(&collected, prev)
    {
        eprintln!(
            "docket: nothing to do: {count} inputs unchanged since {} was made",
            f.display()
        );
        return ExitCode::SUCCESS;
    }
    let sink = match (&target, a.format) {
        (Target::Folder(d), OutFormat::Json) => Sink::Folder(d.clone()),
        _ => Sink::Collect,
    };
    let mut plan = Plan::new(sink);
    plan.strict = a.strict;
    plan.verbosity = verbosity;
    if let (Sink::Folder(_), Some(prev)) = (&plan.sink, &previous) {
        plan.previous = prev.reusable();
    }
    let opts = Options {
        grammars,
        limits: Limits::default(),
        progress: std::io::stderr().is_terminal(),
        stop: Some(batch::signals::cancel_flag()),
        timeout: Some(std::time::Duration::from_secs_f64(a.timeout)),
    };
    // `--jobs 0`, like no --jobs, is one thread per core (rayon's default).
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(a.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => return usage_error(e),
    };
    let Collected { inputs, errors, .. } = collected;
    let summary = pool.install(|| batch::run(&inputs, errors, &opts, &plan));
    if summary.interrupted() {
        let skipped = summary
            .outcomes
            .iter()
            .filter(|o| matches!(o.result, Err(batch::FileError::Interrupted)))
            .count();
        eprintln!(
            "docket: interrupted: {} written, {} with nothing found, {} failed, {} not processed, {:.2} s",
            summary.written(),
            summary.nothing_found(),
            summary.failed() - skipped,
            skipped,
            summary.seconds
        );
        return ExitCode::from(130);
    }
    let mut code = finish(&summary, &target, a.format, manifest_path.as_deref());
    let mut line = format!(
        "docket: {} written, {} with nothing found, {} failed",
        summary.written(),
        summary.nothing_found(),
        summary.failed()
    );
    if a.incremental {
        line.push_str(&format!(
            " ({} unchanged since the last run)",
            summary.unchanged()
        ));
    }
    eprintln!("{line}, {:.2} s", summary.seconds);
    if a.incremental && summary.unchanged() == count && count > 0 {
        eprintln!("docket: nothing to do: {count} inputs unchanged since the last run");
    }
    if summary.failed() > 0 {
        code = ExitCode::from(1);
    }
    code
}

/// Make the output folder (or the output file's folder) and sweep stale
/// temp files from it. `Err` is a usage message.
fn prepare(target: &Target) -> Result<(), String> {
    let dir = match target {
        Target::Stdout => return Ok(()),
        Target::Folder(d) => d.clone(),
        Target::File(f) => match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => ".".into(),
        },
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: output.io: {e}", dir.display()))?;
    batch::sweep_temp_files(&dir, matches!(target, Target::Folder(_)));
    Ok(())
}

/// True when every input's bytes hash as the manifest recorded, by this
/// docket version, and the batch has the same inputs.
fn batch_unchanged(c: &Collected, prev: &Manifest) -> bool {
    let reusable = prev.reusable();
    if !c.errors.is_empty()
        || prev.inputs.len() != c.inputs.len()
        || reusable.len() != c.inputs.len()
    {
        return false;
    }
    c.inputs.iter().all(|i| {
        let key = i.path.to_string_lossy();
        i.path.as_os_str() != "-"
            && reusable.get(key.as_ref()).is_some_and(|e| {
                std::fs::read(&i.path).is_ok_and(|b| Some(hex(&Sha256::digest(&b))) == e.sha256)
            })
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Deliver kept outputs and write the manifest; exit 1 if that fails.
fn finish(
    summary: &Summary,
    target: &Target,
    format: OutFormat,
    manifest: Option<&Path>,
) -> ExitCode {
    if let Err(e) = deliver(summary, target, format) {
        eprintln!(
            "docket: error: {}: {}: {}",
            where_to(target),
            e.code(),
            batch::one_line(&e.to_string())
        );
        return ExitCode::from(1);
    }
    if let Some(m) = manifest {
        let root = match target {
            Target::Folder(d) => Some(d.as_path()),
            _ => None,
        };
        let bytes = summary.manifest(root).to_json();
        if let Err(e) = write_file(m, &bytes) {
            eprintln!("docket: error: {}: output.io: {e}", m.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

fn where_to(t: &Target) -> String {
    match t {
        Target::Stdout => "-".into(),
        Target::File(p) | Target::Folder(p) => p.display().to_string(),
    }
}

/// Write what a [`Sink::Collect`] batch kept to its target.
fn deliver(
    summary: &Summary,
    target: &Target,
    format: OutFormat,
) -> Result<(), export::ExportError> {
    let docs: Vec<_> = summary.outputs().collect();
    let bytes = match (target, format) {
        (Target::Folder(_), OutFormat::Json) => return Ok(()),
        (Target::Folder(d), _) => {
            export::write_csv(d, &docs, &problems(summary))?;
            return Ok(());
        }
        (_, OutFormat::Xlsx) => export::xlsx_bytes(&docs, &problems(summary))?,
        (Target::Stdout, OutFormat::Json) if docs.len() == 1 => pretty(docs[0])?,
        (Target::File(_), OutFormat::Json) => match docs.first() {
            Some(d) => pretty(d)?,
            None => return Ok(()),
        },
        _ => export::json_lines(docs.iter().copied())?,
    };
    match target {
        Target::File(f) => write_file(f, &bytes)?,
        _ => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                _ => {}
            }
        }
    }
    Ok(())
}

fn pretty(d: &crate::contract::Output) -> Result<Vec<u8>, export::ExportError> {
    crate::contract::to_validated_json(d).map_err(|e| export::ExportError::Json(e.to_string()))
}

/// Write one file atomically into its folder.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(Path::new).unwrap_or(Path::new("out"));
    batch::write_atomic(dir, name, bytes).map(|_| ())
}

/// The Problems rows: inputs that failed or gave nothing.
fn problems(summary: &Summary) -> Vec<ProblemRow> {
    let mut rows = Vec::new();
    for o in &summary.outcomes {
        let file = o.input.to_string_lossy().into_owned();
        match &o.result {
            Err(e) => rows.push(ProblemRow {
                file,
                status: "failed".into(),
                code: e.code().into(),
                message: batch::one_line(&e.to_string()),
            }),
            Ok(d) if d.status == Status::NothingFound => rows.push(ProblemRow {
                file,
                status: "nothing found".into(),
                code: "extract.nothing_found".into(),
                message: "no findings, actions or report content".into(),
            }),
            Ok(_) => {}
        }
    }
    rows
}
