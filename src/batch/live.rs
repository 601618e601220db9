//! What a batch tells the terminal while it runs: errors and warnings as
//! they happen (above the progress bar, which shows the failure count), one
//! line each on stderr.
//!
//! Why here and not at the end: in a batch of hundreds a user wants to see
//! the first broken file at once, and warnings that live only inside the
//! JSON are never read.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

use crate::contract::Diagnostic;

/// How much the batch prints besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// `-q`: errors and the summary only.
    Quiet,
    /// Errors, warnings (diagnostics, files with nothing found) and the summary.
    #[default]
    Normal,
    /// `-v`: also one line per file written or skipped, and links passed over.
    Verbose,
}

/// The live reporter of one batch.
pub struct Live {
    bar: Option<ProgressBar>,
    verbosity: Verbosity,
    failures: AtomicUsize,
}

impl Live {
    pub fn new(files: usize, progress: bool, verbosity: Verbosity) -> Self {
        let bar = progress.then(|| {
            let bar = ProgressBar::new(files as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files, {msg} {elapsed_precise} eta {eta}",
            ) {
                bar.set_style(style);
            }
            bar.set_message("0 failed");
            bar
        });
        Live {
            bar,
            verbosity,
            failures: AtomicUsize::new(0),
        }
    }

    /// Print one line on stderr, above the bar when there is one.
    fn line(&self, text: String) {
        match &self.bar {
            Some(b) => b.println(text),
            None => eprintln!("{text}"),
        }
    }

    /// A file failed: `docket: error: <input>: <code>: <message>`.
    pub fn error(&self, input: &Path, code: &str, message: &str) {
        let n = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(b) = &self.bar {
            b.set_message(format!("{n} failed"));
        }
        self.line(format!(
            "docket: error: {}: {code}: {}",
            super::escape_name(input),
            one_line(message)
        ));
    }

    /// A warning about a file: `docket: warning: <input>: <code>: <message>`.
    pub fn warning(&self, input: &Path, code: &str, message: &str) {
        if self.verbosity != Verbosity::Quiet {
            self.line(format!(
                "docket: warning: {}: {code}: {}",
                super::escape_name(input),
                one_line(message)
            ));
        }
    }

    /// A document's diagnostics, one warning line each, with where.
    pub fn diagnostics(&self, input: &Path, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let place = match (d.at.page, d.at.line) {
                (Some(p), _) => format!(" (page {p})"),
                (None, Some(l)) => format!(" (line {l})"),
                (None, None) => String::new(),
            };
            self.warning(input, &d.code, &format!("{}{place}", d.message));
        }
    }

    /// A note shown only with `-v`.
    pub fn note(&self, text: impl FnOnce() -> String) {
        if self.verbosity == Verbosity::Verbose {
            self.line(format!("docket: {}", text()));
        }
    }

    pub fn tick(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Collapse a message to one line (reader errors may quote several).
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_failure_count() {
        let live = Live::new(3, true, Verbosity::Quiet);
        let bar = live.bar.clone().unwrap();
        assert_eq!(bar.message(), "0 failed");
        live.error(Path::new("a.pdf"), "input.io", "gone");
        live.error(Path::new("b.pdf"), "input.io", "gone");
        assert_eq!(bar.message(), "2 failed");
    }
}
