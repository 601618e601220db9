//! Where `extract --out` sends a batch's outputs, decided from the format,
//! the path and how many inputs there are.

use std::path::{Path, PathBuf};

use super::OutFormat;

/// File name of a JSON Lines export when `--out` is a folder.
pub const JSONL_IN_FOLDER: &str = "docket.jsonl";
/// File name of the workbook when `--out` is a folder.
pub const XLSX_IN_FOLDER: &str = "tracker.xlsx";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `--out -`.
    Stdout,
    /// One file: FILE.json for a single input, or the JSON Lines / XLSX file.
    File(PathBuf),
    /// A folder: per-input JSON files, or the CSV files; with a manifest.
    Folder(PathBuf),
}

impl Target {
    /// Where the manifest goes: OUT/manifest.json for a folder,
    /// `<file>.manifest.json` beside a JSON Lines or XLSX file, none for
    /// stdout or a single JSON file.
    pub fn manifest_path(&self, format: OutFormat) -> Option<PathBuf> {
        match self {
            Target::Folder(d) => Some(d.join(crate::batch::manifest::MANIFEST_NAME)),
            Target::File(f) if format != OutFormat::Json => {
                let mut name = f.clone().into_os_string();
                name.push(".manifest.json");
                Some(PathBuf::from(name))
            }
            _ => None,
        }
    }
}

/// Decide the target; `Err` is a usage message (exit 2) naming the path.
pub fn resolve(out: &Path, format: OutFormat, inputs: usize) -> Result<Target, String> {
    if out.as_os_str() == "-" {
        return match format {
            OutFormat::Csv => Err(
                "-: output.not_a_folder: --format csv writes four files; give --out a folder"
                    .into(),
            ),
            _ => Ok(Target::Stdout),
        };
    }
    let is_dir = out.is_dir();
    let exists = out.exists();
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match format {
        OutFormat::Json if is_dir => Ok(Target::Folder(out.to_path_buf())),
        OutFormat::Json if ext.as_deref() == Some("json") => {
            if inputs == 1 {
                Ok(Target::File(out.to_path_buf()))
            } else {
                Err(format!(
                    "{}: output.one_file: an output file takes one input, and {inputs} were given; give --out a folder, or `-` for JSON Lines on stdout",
                    out.display()
                ))
            }
        }
        OutFormat::Json | OutFormat::Csv if exists && !is_dir => Err(format!(
            "{}: output.not_a_folder: --out names an existing file; give a folder (or FILE.json for one input, or `-` for stdout)",
            out.display()
        )),
        OutFormat::Json | OutFormat::Csv => Ok(Target::Folder(out.to_path_buf())),
        OutFormat::Jsonl if is_dir => Ok(Target::File(out.join(JSONL_IN_FOLDER))),
        OutFormat::Xlsx if is_dir => Ok(Target::File(out.join(XLSX_IN_FOLDER))),
        OutFormat::Jsonl | OutFormat::Xlsx => Ok(Target::File(out.to_path_buf())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("x.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            resolve(Path::new("-"), OutFormat::Json, 3),
            Ok(Target::Stdout)
        );
        assert!(resolve(Path::new("-"), OutFormat::Csv, 1).is_err());
        assert_eq!(
            resolve(d.path(), OutFormat::Json, 3),
            Ok(Target::Folder(d.path().into()))
        );
        let one = d.path().join("one.json");
        assert_eq!(
            resolve(&one, OutFormat::Json, 1),
            Ok(Target::File(one.clone()))
        );
        assert!(
            resolve(&one, OutFormat::Json, 2)
                .unwrap_err()
                .contains("output.one_file")
        );
        assert!(
            resolve(&file, OutFormat::Json, 2)
                .unwrap_err()
                .contains("output.not_a_folder")
        );
        assert_eq!(
            resolve(d.path(), OutFormat::Xlsx, 2),
            Ok(Target::File(d.path().join(XLSX_IN_FOLDER)))
        );
    }
}
