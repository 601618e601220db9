//! File names in one-line messages.
//!
//! Why escape: every failure is one line, `docket: error: <path>: <code>:
//! <message>`, and logs are parsed line by line. A newline in a file name
//! would end the line early and could forge a line for another file, and a
//! name that is not UTF-8 would print as `�` and hide which file it was. So
//! control characters, backslashes and bytes that are not UTF-8 are written
//! as escapes (`\n`, `\\`, `\xff`), and the escaped form names exactly one
//! file.

use std::path::Path;

/// `path` as one printable line naming exactly that path.
pub fn escape_name(path: &Path) -> String {
    escape_bytes(path.as_os_str().as_encoded_bytes())
}

fn escape_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                push_escaped(&mut out, s);
                break;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                push_escaped(&mut out, std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len()).max(1);
                for b in rest.iter().take(bad) {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                bytes = rest.get(bad..).unwrap_or_default();
            }
        }
    }
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_cannot_start_a_new_line() {
        let e = escape_name(Path::new("a\ndocket: error: b.pdf: x.y: forged"));
        assert!(!e.contains('\n'));
        assert!(e.starts_with("a\\ndocket"));
    }

    #[test]
    fn plain_names_are_unchanged() {
        assert_eq!(
            escape_name(Path::new("dir/plan 1 – final.pdf")),
            "dir/plan 1 – final.pdf"
        );
    }

    #[test]
    fn escapes_are_unambiguous() {
        assert_ne!(
            escape_name(Path::new("a\\n")),
            escape_name(Path::new("a\n"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_differing_in_a_bad_byte_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = escape_name(Path::new(std::ffi::OsStr::from_bytes(b"plan\xff.txt")));
        let b = escape_name(Path::new(std::ffi::OsStr::from_bytes(b"plan\xfe.txt")));
        assert_eq!(a, "plan\\xff.txt");
        assert_ne!(a, b);
    }
}
