//! A page line and its text blocks: the unit every later step measures.
//! Blocks (text separated by a gutter) are what tells an aligned table line
//! from prose.

use crate::read::text::markup;

/// One line of a page: its characters and 1-based line number in the input.
#[derive(Debug, Clone)]
pub(super) struct PLine {
    pub(super) chars: Vec<char>,
    pub(super) no: u32,
}

impl PLine {
    pub(super) fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }
}

/// Text blocks of a line: (start, end) character ranges of text separated by
/// at least `gutter` spaces.
pub(super) fn blocks_of(chars: &[char], gutter: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if !chars[i].is_whitespace() {
                end = i + 1;
                i += 1;
                continue;
            }
            let run = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
            if run >= gutter || i + run >= chars.len() {
                break;
            }
            i += run;
        }
        // A bullet glyph and its item are one block, however far apart.
        let lone_bullet = end == start + 1
            && chars
                .get(start)
                .is_some_and(|c| markup::strip_bullet(&c.to_string()).1);
        match out.last_mut() {
            Some(last) if last.1 == usize::MAX => *last = (last.0, end),
            _ => out.push((start, if lone_bullet { usize::MAX } else { end })),
        }
        i = end;
    }
    if let Some(last) = out.last_mut()
        && last.1 == usize::MAX
    {
        last.1 = last.0 + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_at_gutters() {
        let c: Vec<char> = "ab cd   ef  g".chars().collect();
        assert_eq!(blocks_of(&c, 2), vec![(0, 5), (8, 10), (12, 13)]);
        let b: Vec<char> = "\u{f0b7}   item text".chars().collect();
        assert_eq!(blocks_of(&b, 2), vec![(0, 13)]);
    }
}
