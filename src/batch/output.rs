//! Output names and atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::inputs::Input;

/// Prefix of temp files in the output folder, so leftovers of a killed run
/// are recognisable (and swept by a later run). The process id follows, so a
/// run knows its own: `.docket-tmp-<pid>-<random>`.
pub const TEMP_PREFIX: &str = ".docket-tmp-";

/// A temp file of another process is swept only when it is older than this:
/// a run writing into the same folder at the same time keeps its in-flight
/// files (no output takes this long to write), a killed run's are removed.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(15 * 60);

/// The output path under an output folder for each input:
/// `OUT/<input name>.json`, where the input name is the path under the folder
/// named on the command line (`OUT/seeds/001.txt.json`) or the file name of
/// a file named directly. `Input::name` is always relative with no `..`, so
/// no input can make docket write outside OUT.
pub fn output_name(input: &Input) -> PathBuf {
    let mut name = input.name.clone().into_os_string();
    name.push(".json");
    PathBuf::from(name)
}

fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Write `bytes` to `dir/name` through a temp file in the same folder and a
/// rename, so a reader never sees a half-written file. The file gets the
/// usual mode (0666 less the umask), as `cp` or a shell redirect would give,
/// not tempfile's private 0600. Parent folders of `name` are created.
pub fn write_atomic(dir: &Path, name: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    write_atomic_with(dir, name, |w| w.write_all(bytes))
}

/// [`write_atomic`] for content written by `write` as it is made (a large
/// document's JSON is streamed to the temp file, never held whole).
pub fn write_atomic_with(
    dir: &Path,
    name: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    let target = dir.join(name);
    let parent = target.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent)?;
    let mut builder = tempfile::Builder::new();
    let prefix = temp_prefix();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode is given to open(2), so the kernel applies the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(parent)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_data()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}

/// Remove temp files under `dir` (outputs keep their path under the input
/// folder, so temp files may be in subfolders) that this process left, or
/// that are older than [`STALE_TEMP_AGE`] (a killed run's); another run's
/// fresh ones stay. Only temp names are touched: the prefix, then only the
/// temp file's process id, dash and random letters and digits. An output
/// always ends in `.json`, so the output of an input that happens to be
/// named `.docket-tmp-…` is never taken for a temp file. `below`: also
/// subfolders (an output folder; not the folder an output file is in).
pub fn sweep_temp_files(dir: &Path, below: bool) {
    let mine = temp_prefix();
    let depth = if below { usize::MAX } else { 1 };
    let walk = walkdir::WalkDir::new(dir).min_depth(1).max_depth(depth);
    for e in walk.into_iter().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !e.file_type().is_file() || !is_temp_name(&name) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if name.starts_with(&mine) || stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX).is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_relative_path() {
        let i = Input {
            path: "in/a/plan.pdf".into(),
            name: "a/plan.pdf".into(),
        };
        assert_eq!(output_name(&i), PathBuf::from("a/plan.pdf.json"));
    }

    #[test]
    fn atomic_write_leaves_no_temp() {
        let d = tempfile::tempdir().unwrap();
        write_atomic(d.path(), Path::new("x.json"), b"{}").unwrap();
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.json")]);
    }

    #[test]
    fn sweep_keeps_another_runs_fresh_temp_files() {
        let d = tempfile::tempdir().unwrap();
        let other = d.path().join(format!("{TEMP_PREFIX}1-abc"));
        let own = d.path().join(format!("{}xyz", temp_prefix()));
        std::fs::create_dir(d.path().join("sub")).unwrap();
        let own_below = d.path().join("sub").join(format!("{}uvw", temp_prefix()));
        std::fs::write(&other, b"").unwrap();
        std::fs::write(&own, b"").unwrap();
        std::fs::write(&own_below, b"").unwrap();
        sweep_temp_files(d.path(), true);
        assert!(other.exists());
        assert!(!own.exists());
        assert!(!own_below.exists());
    }

    #[test]
    fn only_temp_files_are_swept() {
        assert!(is_temp_name(".docket-tmp-a1B2c3"));
        assert!(is_temp_name(".docket-tmp-123-a1B2c3"));
        assert!(!is_temp_name(".docket-tmp-plan.txt.json"));
        let d = tempfile::tempdir().unwrap();
        let output = format!("{}x.txt.json", temp_prefix());
        std::fs::write(d.path().join(&output), "{}").unwrap();
        sweep_temp_files(d.path(), true);
        assert!(d.path().join(&output).exists());
    }

    #[cfg(unix)]
    #[test]
    fn names_differing_in_a_bad_byte_get_distinct_outputs() {
        use std::os::unix::ffi::OsStrExt;
        let p = |b: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(b));
        let names: std::collections::HashSet<_> = [&b"a\xfd.txt"[..], b"a\xfe.txt", b"a\xff.txt"]
            .iter()
            .map(|b| {
                output_name(&Input {
                    path: p(b),
                    name: p(b),
                })
            })
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }
}
