//! What a list bullet is, once for every reader and interpreter.
//!
//! Why in the model: readers mark list paragraphs from the glyph that opens
//! them (text exports, PDF words) and the report reader strips what a reader
//! left at a line's start; one definition keeps them agreeing.

/// Glyphs that are always a bullet where they open a line or stand alone:
/// bullets, middle dot, squares, circles, triangles and arrows, and the
/// Symbol and Wingdings private-use bullets PDF and Word exports print.
pub const BULLET_GLYPHS: &[char] = &[
    '\u{2022}', '\u{b7}', '\u{25aa}', '\u{25a0}', '\u{25cf}', '\u{25cb}', '\u{25e6}', '\u{2023}',
    '\u{2043}', '\u{27a2}', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}', '\u{f076}',
];

/// Marks that are a bullet only before a space at a line's start: they are
/// also real text (a dash in "0 – 19", the letter "o"), so only a reader of
/// loose lines may take them, and never a word on its own.
pub const MARKS_USED_AS_BULLETS: &[char] = &['\u{2013}', '-', '*', 'o'];

/// Is `c` a bullet glyph?
pub fn is_bullet_glyph(c: char) -> bool {
    BULLET_GLYPHS.contains(&c)
}

/// Is the word `w` a bullet glyph alone?
pub fn is_bullet_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(is_bullet_glyph) && cs.next().is_none()
}

/// Remove a leading bullet (a glyph, or a mark used as
/// one) followed by white space.
pub fn strip_bullet(line: &str) -> (&str, bool) {
    let t = line.trim_start();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(b), Some(sp))
            if (is_bullet_glyph(b) || MARKS_USED_AS_BULLETS.contains(&b)) && sp.is_whitespace() =>
        {
            (&t[b.len_utf8()..], true)
        }
        _ => (line, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_and_marks() {
        assert!(is_bullet_word("\u{2022}"));
        assert!(is_bullet_word("\u{f0b7}"));
        assert!(!is_bullet_word("\u{2022}\u{2022}"));
        assert!(!is_bullet_word("-"));
        assert!(!is_bullet_word(""));
        assert!(MARKS_USED_AS_BULLETS.contains(&'-'));
        assert!(!is_bullet_glyph('o'));
    }
}
