//! ToUnicode CMaps: `bfchar` and `bfrange` maps from codes to UTF-16 text.
//!
//! Why our own parser: lopdf's is private to its font-encoding code, falls
//! back silently to StandardEncoding on CMaps it rejects (common producer
//! output such as Acrobat's `Adobe-Identity-UCS` failed in testing), and a
//! font with both `/Encoding` and `/ToUnicode` never reaches it. This one
//! reads the few operators a ToUnicode CMap uses and skips everything else;
//! it cannot fail, it only finds fewer mappings.

use std::collections::HashMap;

use super::font::CodeText;

#[derive(Debug, Default)]
pub struct ToUnicode {
    chars: HashMap<u32, CodeText>,
    /// (first code, last code, destination of the first code).
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// Ranges mapped through an array of destinations.
    arrays: Vec<(u32, Vec<CodeText>)>,
    /// Items in all of `arrays`.
    array_items: usize,
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                i = start;
                while i < data.len() && data[i] != b'>' {
                    i += 1;
                }
                let hex: Vec<u8> = data[start..i.min(data.len())]
                    .iter()
                    .filter(|c| c.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("0");
                        let v = u8::from_str_radix(s, 16).unwrap_or(0);
                        if p.len() == 1 { v << 4 } else { v }
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
                i += 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Strings do not occur in the mapping sections; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b" \t\r\n\x0c<>[]()%/".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    out.push(Tok::Word(&data[start..i]));
                }
            }
        }
    }
    out
}

fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, b| (a << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    let mut units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| match p {
            [a, b] => u16::from(*a) << 8 | u16::from(*b),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect();
    if little_endian_letters(&units) {
        for u in &mut units {
            *u = u.swap_bytes();
        }
    }
    units
}

/// Is a destination of several units byte-swapped ASCII? Ghostscript's
/// pdfwrite writes a ligature's text little-endian ("ff" as `<66006600>`,
/// which read as UTF-16BE is "昀昀"). A run of two or more units each of
/// the form `XX00`, XX a printable ASCII character, is that: text of one
/// glyph spelled in CJK characters all ending in a zero byte is not a
/// mapping any font makes.
fn little_endian_letters(units: &[u16]) -> bool {
    units.len() >= 2
        && units.iter().all(|u| {
            let [hi, lo] = u.to_be_bytes();
            lo == 0 && hi.is_ascii_graphic()
        })
}

fn text(units: &[u16]) -> CodeText {
    let chars: Vec<char> = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .filter(|c| *c != '\0')
        .collect();
    match chars.as_slice() {
        [] => CodeText::None,
        [c] => CodeText::One(*c),
        _ => CodeText::Many(chars.into_boxed_slice()),
    }
}

/// Ranges wider than this are clipped (a hostile CMap could name 2^32 codes).
const MAX_RANGE: u32 = 65_535;

/// Most mappings read from one CMap (single codes, ranges and array items
/// together). A full two-byte CMap has 65,536 codes; real fonts' maps hold a
/// few hundred entries. Past the cap the rest of the map is ignored, so a
/// hostile map costs bounded time and memory.
const MAX_ENTRIES: usize = 100_000;

impl ToUnicode {
    pub fn parse(data: &[u8]) -> ToUnicode {
        let toks = tokens(data);
        let mut m = ToUnicode::default();
        let mut i = 0;
        while i < toks.len() && m.entries() < MAX_ENTRIES {
            crate::work::step(1);
            match toks[i] {
                Tok::Word(b"beginbfchar") => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if m.entries() >= MAX_ENTRIES {
                            break;
                        }
                        crate::work::step(1);
                        m.chars.insert(code(src), text(&utf16(dst)));
                        i += 2;
                    }
                }
                Tok::Word(b"beginbfrange") => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if m.entries() >= MAX_ENTRIES {
                            break;
                        }
                        crate::work::step(1);
                        let (lo, hi) = (code(lo), code(hi));
                        let hi = hi.min(lo.saturating_add(MAX_RANGE));
                        match toks.get(i + 2) {
                            Some(Tok::Hex(dst)) => {
                                if hi >= lo {
                                    m.ranges.push((lo, hi, utf16(dst)));
                                }
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                let mut j = i + 3;
                                let mut list = Vec::new();
                                while let Some(Tok::Hex(d)) = toks.get(j) {
                                    crate::work::step(1);
                                    if m.entries() + list.len() < MAX_ENTRIES {
                                        list.push(text(&utf16(d)));
                                    }
                                    j += 1;
                                }
                                m.array_items += list.len();
                                m.arrays.push((lo, list));
                                i = j + 1;
                            }
                            _ => break,
                        }
                    }
                }
                _ => i += 1,
            }
        }
        // Sorted by first code, so a lookup is a binary search and not a
        // scan of every range per glyph.
        m.ranges.sort_by_key(|r| r.0);
        m
    }

    /// Mappings read so far, for the cap.
    fn entries(&self) -> usize {
        self.chars.len() + self.ranges.len() + self.array_items
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.arrays.is_empty()
    }

    pub fn get(&self, c: u32) -> CodeText {
        if let Some(t) = self.chars.get(&c) {
            return t.clone();
        }
        let k = self.ranges.partition_point(|r| r.0 <= c);
        if let Some((lo, _, dst)) = k
            .checked_sub(1)
            .and_then(|k| self.ranges.get(k))
            .filter(|r| c <= r.1)
        {
            let mut d = dst.clone();
            if let Some(last) = d.last_mut() {
                *last = last.wrapping_add((c - lo) as u16);
            }
            return text(&d);
        }
        for (lo, list) in &self.arrays {
            if let Some(t) = c.checked_sub(*lo).and_then(|k| list.get(k as usize)) {
                return t.clone();
            }
        }
        CodeText::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_arrays() {
        let m = ToUnicode::parse(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar\n\
              2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <0079>] endbfrange end",
        );
        assert_eq!(m.get(3), CodeText::One(' '));
        assert_eq!(
            m.get(0x10),
            CodeText::Many(vec!['f', 'i'].into_boxed_slice())
        );
        assert_eq!(m.get(0x25), CodeText::One('B'));
        assert_eq!(m.get(0x31), CodeText::One('y'));
        assert_eq!(m.get(0x99), CodeText::None);
    }

    #[test]
    fn little_endian_ligatures_read_as_letters() {
        let m = ToUnicode::parse(
            b"2 beginbfchar <28> <66006600> <2b> <660069006C00> endbfchar 1 beginbfchar <30> <6600> endbfchar",
        );
        assert_eq!(
            m.get(0x28),
            CodeText::Many(vec!['f', 'f'].into_boxed_slice())
        );
        assert_eq!(
            m.get(0x2b),
            CodeText::Many(vec!['f', 'i', 'l'].into_boxed_slice())
        );
        // One unit is a character as written (U+6600 is a CJK character).
        assert_eq!(m.get(0x30), CodeText::One('\u{6600}'));
    }

    #[test]
    fn garbage_gives_an_empty_map() {
        let m = ToUnicode::parse(b"<<<[[[ beginbfrange <00> ] <zz");
        assert_eq!(m.get(0), CodeText::None);
    }

    #[test]
    fn a_huge_declared_range_is_clipped_and_cheap() {
        let m = ToUnicode::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.get(1), CodeText::One('B'));
        assert_eq!(m.get(MAX_RANGE + 1), CodeText::None);
    }

    #[test]
    fn entries_are_capped() {
        let mut data = b"beginbfchar ".to_vec();
        for c in 0..(MAX_ENTRIES as u32 + 500) {
            data.extend(format!("<{c:08x}> <0041> ").bytes());
        }
        let ((), steps) = crate::work::count(|| {
            let m = ToUnicode::parse(&data);
            assert_eq!(m.entries(), MAX_ENTRIES);
        });
        assert!(steps <= 2 * MAX_ENTRIES as u64 + 10, "{steps}");
    }
}
