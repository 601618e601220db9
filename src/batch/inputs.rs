//! Which files a batch reads.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// File endings taken when walking a folder. A file named on the command line
/// is always read, whatever its name, and sniffed from its bytes; inside a
/// folder only these are taken, so JSON and images beside the documents are
/// passed over. `md`, `html` and `htm` are here for Markdown and HTML
/// conversions of plans (pandoc, web pages);
/// a folder's own README is passed over by name (see [`wanted`]).
pub const FOLDER_EXTENSIONS: &[&str] = &[
    "pdf", "docx", "docm", "dotx", "doc", "dot", "odt", "ott", "rtf", "xlsx", "xlsm", "xls", "ods",
    "txt", "text", "tsv", "csv", "md", "html", "htm", "xhtml",
];

/// One input of a batch: where to read it and the output name it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to read; `-` is standard input.
    pub path: PathBuf,
    /// Output name without `.json`: the path relative to the folder named on
    /// the command line for files found in a folder (`seeds/001.txt`), the
    /// file name for a file named directly, `stdin` for `-`. It depends only
    /// on the input and how it was named, never on what else is in the batch.
    pub name: PathBuf,
}

/// A path that could not be taken into the batch, with why.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// What a walk over the command line's paths found.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths that failed (missing, dangling symlink, unreadable folder):
    /// each becomes one failed file of the batch, which goes on.
    pub errors: Vec<Skipped>,
    /// Symbolic links inside folders passed over (without `--follow`).
    pub links_skipped: Vec<PathBuf>,
}

/// Expand files and folders (recursively) into inputs, in command-line order
/// and sorted within each folder. A file reached twice (named twice, or
/// through a folder and by name, or by two links) is taken once. A failing
/// path or folder entry is recorded in `errors` and the walk goes on.
/// `follow`: follow symbolic links inside folders (a link named on the
/// command line is always followed).
pub fn collect(paths: &[PathBuf], follow: bool) -> Collected {
    let mut c = Collected::default();
    let mut seen = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            if seen.insert(PathBuf::from("-")) {
                c.inputs.push(Input {
                    path: p.clone(),
                    name: PathBuf::from("stdin"),
                });
            }
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, follow, &mut c, &mut seen),
            Ok(_) => {
                let name = p
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| "input".into());
                take(&mut c, &mut seen, p.clone(), name);
            }
            Err(error) => c.errors.push(Skipped {
                path: p.clone(),
                error,
            }),
        }
    }
    c
}

fn walk(root: &Path, follow: bool, c: &mut Collected, seen: &mut HashSet<PathBuf>) {
    let walker = WalkDir::new(root)
        .follow_links(follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let error = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("symbolic link loop"));
                c.errors.push(Skipped { path, error });
                continue;
            }
        };
        let ft = e.file_type();
        if ft.is_symlink() {
            if wanted(e.path()) {
                c.links_skipped.push(e.path().to_path_buf());
            }
            continue;
        }
        if !ft.is_file() || !wanted(e.path()) {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap_or(e.path())
            .to_path_buf();
        take(c, seen, e.path().to_path_buf(), rel);
    }
}

/// Add an input unless the same file (by canonical path) is already in.
/// Two inputs whose output names are the same (`a/plan.txt` and
/// `b/plan.txt` named as folders `a` and `b`): the later is not taken, so
/// neither output is overwritten; name the folder above both instead.
fn take(c: &mut Collected, seen: &mut HashSet<PathBuf>, path: PathBuf, name: PathBuf) {
    let id = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if !seen.insert(id) {
        return;
    }
    if let Some(other) = c.inputs.iter().find(|i| i.name == name) {
        let error = std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "its output name {}.json is already that of {}; name the folder above both instead",
                name.display(),
                super::escape_name(&other.path)
            ),
        );
        c.errors.push(Skipped { path, error });
        return;
    }
    c.inputs.push(Input { path, name });
}

/// A folder's README describes the folder; it is never one of its documents.
fn wanted(path: &Path) -> bool {
    let readme = path
        .file_stem()
        .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"));
    !readme
        && path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .is_some_and(|e| FOLDER_EXTENSIONS.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_taken_readme_passed_over() {
        assert!(wanted(Path::new("dir/000-pandoc-gfm.md")));
        assert!(wanted(Path::new("dir/plan.TXT")));
        assert!(!wanted(Path::new("dir/README.md")));
        assert!(!wanted(Path::new("dir/notes.json")));
    }

    #[test]
    fn names_keep_the_path_under_the_folder_and_files_are_taken_once() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("a/b")).unwrap();
        std::fs::write(d.path().join("a/b/plan.txt"), "x").unwrap();
        std::fs::write(d.path().join("top.txt"), "x").unwrap();
        let c = collect(
            &[
                d.path().to_path_buf(),
                d.path().join("top.txt"),
                d.path().join("missing.txt"),
            ],
            false,
        );
        let names: Vec<_> = c.inputs.iter().map(|i| i.name.clone()).collect();
        assert_eq!(
            names,
            vec![PathBuf::from("a/b/plan.txt"), PathBuf::from("top.txt")]
        );
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].path, d.path().join("missing.txt"));
    }

    #[test]
    fn a_second_input_with_the_same_output_name_is_not_taken() {
        let d = tempfile::tempdir().unwrap();
        for sub in ["a", "b"] {
            std::fs::create_dir_all(d.path().join(sub)).unwrap();
            std::fs::write(d.path().join(sub).join("plan.txt"), sub).unwrap();
        }
        let c = collect(&[d.path().join("a"), d.path().join("b")], false);
        assert_eq!(c.inputs.len(), 1);
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].path, d.path().join("b/plan.txt"));
        assert_eq!(c.errors[0].error.kind(), std::io::ErrorKind::AlreadyExists);
    }
}
