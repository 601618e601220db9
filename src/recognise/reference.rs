//! Item numbers ("1", "2.1", "2.2." → "2.2", "15.23").

/// Split a leading ref off `text`: `("2.2", "Improve the …")`.
/// A ref is digits with optional dotted digit parts, then an optional dot,
/// then white space or the end.
pub fn split_ref(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut last_digit_end = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 3 {
            return None;
        }
        last_digit_end = i;
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            if i < bytes.len() && bytes[i].is_ascii_digit() {
                continue;
            }
        }
        break;
    }
    let rest = &t[i..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((t[..last_digit_end].to_string(), rest.trim_start()))
}

/// A cell that is only a ref: `"2.2."` → `"2.2"`.
pub fn whole_ref(cell: &str) -> Option<String> {
    match split_ref(cell) {
        Some((r, "")) => Some(r),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(split_ref("2.2. Improve"), Some(("2.2".into(), "Improve")));
        assert_eq!(split_ref("15.23 Assess"), Some(("15.23".into(), "Assess")));
        assert_eq!(whole_ref("7"), Some("7".into()));
        assert_eq!(split_ref("2020 was"), None);
        assert_eq!(split_ref("3rd June"), None);
        assert_eq!(split_ref("Improve"), None);
    }
}
