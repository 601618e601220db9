//! Output names and atomic writes.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Prefix of temp files in the output folder, so leftovers of a killed run
/// are recognisable (and swept by the next run).
pub const TEMP_PREFIX: &str = ".docket-tmp-";

/// `DIR/<input file name>.json` for each input. When two inputs share a file
/// name (from different folders), the later ones get a short hash of their
/// full path (`name~1a2b3c4d.json`) so nothing is overwritten. Only the file
/// name is used, so no input name can make docket write outside DIR.
pub fn output_names(inputs: &[PathBuf]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    inputs
        .iter()
        .map(|p| {
            let base = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "input".into());
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{base}.json")
            } else {
                // The raw bytes: names differing only in a byte that is not
                // UTF-8 read the same lossily and must not share a name.
                let h = Sha256::digest(p.as_os_str().as_encoded_bytes());
                format!(
                    "{base}~{:02x}{:02x}{:02x}{:02x}.json",
                    h[0], h[1], h[2], h[3]
                )
            }
        })
        .collect()
}

/// Write `bytes` to `dir/name` through a temp file in the same folder and a
/// rename, so a reader never sees a half-written file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}

/// Remove temp files a killed earlier run left in `dir`: the prefix and
/// then only the temp file's random letters and digits. An output always
/// ends in `.json`, so the output of an input that happens to be named
/// `.docket-tmp-…` is never taken for a temp file.
pub fn sweep_temp_files(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if is_temp_name(&e.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_names_do_not_collide() {
        let names = output_names(&[
            PathBuf::from("a/plan.pdf"),
            PathBuf::from("b/plan.pdf"),
            PathBuf::from("c.txt"),
        ]);
        assert_eq!(names[0], "plan.pdf.json");
        assert!(names[1].starts_with("plan.pdf~") && names[1].ends_with(".json"));
        assert_eq!(names[2], "c.txt.json");
    }

    #[test]
    fn atomic_write_leaves_no_temp() {
        let d = tempfile::tempdir().unwrap();
        write_atomic(d.path(), "x.json", b"{}").unwrap();
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.json")]);
    }

    #[test]
    fn only_temp_files_are_swept() {
        assert!(is_temp_name(".docket-tmp-a1B2c3"));
        assert!(!is_temp_name(".docket-tmp-plan.txt.json"));
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(".docket-tmp-x.txt.json"), "{}").unwrap();
        std::fs::write(d.path().join(".docket-tmp-Ab12Cd"), "").unwrap();
        sweep_temp_files(d.path());
        assert!(d.path().join(".docket-tmp-x.txt.json").exists());
        assert!(!d.path().join(".docket-tmp-Ab12Cd").exists());
    }

    #[cfg(unix)]
    #[test]
    fn names_differing_in_a_bad_byte_get_distinct_outputs() {
        use std::os::unix::ffi::OsStrExt;
        let p = |b: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(b));
        let names = output_names(&[p(b"d/a\xfd.txt"), p(b"d/a\xfe.txt"), p(b"d/a\xff.txt")]);
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), 3, "{names:?}");
    }
}
