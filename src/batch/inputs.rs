//! Which files a batch reads.

use std::path::{Path, PathBuf};

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

/// Expand files and folders (recursively) into a sorted, de-duplicated list.
pub fn collect_inputs(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        let ft = e.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if ft.is_file() && wanted(&path) {
            out.push(path);
        }
    }
    Ok(())
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
}
