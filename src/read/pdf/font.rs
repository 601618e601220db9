//! Fonts: from a character code in a shown string to Unicode text and an
//! advance width.
//!
//! Why our own table per font rather than lopdf's `Encoding::bytes_to_string`
//! per string: the layout layer needs one glyph per code with its width, and
//! lopdf's decoder returns a whole string. So each font is resolved once into a
//! code table (simple fonts: 256 entries; CID fonts: a cache filled on first
//! use), and showing text is then a table lookup with no allocation.
//!
//! Precedence, as readers such as poppler apply it: a `/ToUnicode` CMap wins;
//! a simple font without one falls back on its `/Encoding` (base encoding plus
//! `/Differences`, resolved through lopdf's glyph-name list).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::ToUnicode;

/// The text one code maps to. Nearly always one `char`; ligatures and
/// decomposed glyphs give several, which the interpreter spreads over the
/// glyph's advance.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeText {
    None,
    One(char),
    Many(Box<[char]>),
}

/// A font resolved for layout.
#[derive(Debug)]
pub struct Font {
    /// Base font name without a subset prefix (`ABCDEF+`).
    /// Shared with every paragraph set in the font.
    pub name: std::sync::Arc<str>,
    pub bold: bool,
    /// Type0 fonts read two bytes per code (Identity-H and the common CMaps).
    pub two_byte: bool,
    /// Glyph-space to text-space scale (1/1000 for all but Type3 fonts).
    scale: f32,
    simple_widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Ascent and descent in text-space units of a 1-point font.
    pub ascent: f32,
    pub descent: f32,
    simple_text: Vec<CodeText>,
    cmap: Option<ToUnicode>,
    cid_text: HashMap<u32, CodeText>,
}

impl Font {
    /// A font for an unresolvable resource: text is lost but layout goes on.
    pub fn fallback() -> Font {
        Font {
            name: "".into(),
            bold: false,
            two_byte: false,
            scale: 0.001,
            simple_widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            ascent: 0.8,
            descent: -0.2,
            simple_text: Vec::new(),
            cmap: None,
            cid_text: HashMap::new(),
        }
    }

    /// Resolve a font dictionary. Never fails: what cannot be read falls
    /// back on defaults (a missing width is the standard-14 or 500 units).
    pub fn load(dict: &Dictionary, doc: &Document, max_stream: usize) -> Font {
        let mut f = Font::fallback();
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let base = name_of(dict, doc, b"BaseFont");
        f.name = strip_subset(&base).into();
        f.cmap = to_unicode(dict, doc, max_stream);
        let mut descriptor = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .ok();
        if subtype == b"Type0" {
            f.two_byte = true;
            let desc = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            if let Some(d) = desc {
                f.default_width = num(d.get(b"DW").ok(), doc).unwrap_or(1000.0);
                if let Ok(w) = d.get_deref(b"W", doc).and_then(Object::as_array) {
                    f.cid_widths = cid_widths(w, doc);
                }
                descriptor = d
                    .get_deref(b"FontDescriptor", doc)
                    .and_then(Object::as_dict)
                    .ok()
                    .or(descriptor);
            }
        } else {
            if subtype == b"Type3"
                && let Ok(m) = dict
                    .get_deref(b"FontMatrix", doc)
                    .and_then(Object::as_array)
                && let Some(a) = num(m.first(), doc)
            {
                f.scale = a;
            }
            f.simple_text = simple_table(dict, doc, f.cmap.as_ref());
            let std = standard_widths(&f.name);
            let core = core_face(&f.name);
            let first = num(dict.get(b"FirstChar").ok(), doc)
                .unwrap_or(0.0)
                .max(0.0) as usize;
            let mut widths = vec![f32::NAN; 256];
            if let Ok(ws) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (i, w) in ws.iter().enumerate() {
                    if let (Some(slot), Some(v)) = (widths.get_mut(first + i), num(Some(w), doc)) {
                        *slot = v;
                    }
                }
            }
            let missing = descriptor
                .and_then(|d| num(d.get(b"MissingWidth").ok(), doc))
                .filter(|w| *w > 0.0);
            for (code, w) in widths.iter_mut().enumerate() {
                if w.is_nan() {
                    let metric = || match (core, f.simple_text.get(code)) {
                        (Some(face), Some(CodeText::One(c))) => core_width(face, *c),
                        _ => None,
                    };
                    *w = missing.or_else(metric).unwrap_or_else(|| std(code as u8));
                }
            }
            f.simple_widths = widths;
        }
        if let Some(d) = descriptor {
            let asc = num(d.get(b"Ascent").ok(), doc).unwrap_or(0.0);
            let desc = num(d.get(b"Descent").ok(), doc).unwrap_or(0.0);
            if asc > 300.0 && asc < 1500.0 {
                f.ascent = asc / 1000.0;
            }
            if desc < -50.0 && desc > -700.0 {
                f.descent = desc / 1000.0;
            }
            let weight = num(d.get(b"FontWeight").ok(), doc).unwrap_or(0.0);
            let flags = num(d.get(b"Flags").ok(), doc).unwrap_or(0.0) as u32;
            if weight >= 600.0 || flags & (1 << 18) != 0 {
                f.bold = true;
            }
        }
        if looks_bold(&f.name) {
            f.bold = true;
        }
        f
    }

    /// Advance of a code in text-space units of a 1-point font.
    pub fn width(&self, code: u32) -> f32 {
        let w = if self.two_byte {
            self.cid_widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width)
        } else {
            self.simple_widths
                .get(code as usize)
                .copied()
                .unwrap_or(self.default_width)
        };
        w * self.scale
    }

    /// The text of a code. CID fonts resolve through the CMap once per code.
    pub fn text(&mut self, code: u32) -> CodeText {
        if !self.two_byte {
            return self
                .simple_text
                .get(code as usize)
                .cloned()
                .unwrap_or(CodeText::None);
        }
        if let Some(t) = self.cid_text.get(&code) {
            return t.clone();
        }
        let t = match &self.cmap {
            Some(m) => m.get(code),
            None => CodeText::None,
        };
        self.cid_text.insert(code, t.clone());
        t
    }
}

fn to_unicode(dict: &Dictionary, doc: &Document, max_stream: usize) -> Option<ToUnicode> {
    let stream = dict.get_deref(b"ToUnicode", doc).ok()?.as_stream().ok()?;
    let data = if stream.filters().map(|f| f.is_empty()).unwrap_or(true) {
        stream.content.clone()
    } else {
        stream.decompressed_content_with_limit(max_stream).ok()?
    };
    Some(ToUnicode::parse(&data)).filter(|m| !m.is_empty())
}

/// The 256-entry code table of a simple font: the ToUnicode entry where there
/// is one, else the font's encoding as lopdf resolves it.
fn simple_table(dict: &Dictionary, doc: &Document, cmap: Option<&ToUnicode>) -> Vec<CodeText> {
    // lopdf sees the font without its /ToUnicode: its own CMap parser (used
    // when a font has no /Encoding, or an Identity one) expands every range
    // it declares, and one 884-byte font declaring a huge range ran for
    // minutes in gigabytes. The map is ours to read (`cmap.rs`, capped).
    let mut plain = dict.clone();
    plain.remove(b"ToUnicode");
    let enc = plain.get_font_encoding(doc).ok();
    let mut buf = String::new();
    (0u32..256)
        .map(|code| {
            if let Some(m) = cmap {
                let t = m.get(code);
                if t != CodeText::None {
                    return t;
                }
            }
            buf.clear();
            if let Some(e) = &enc
                && e.write_to_string(&[code as u8], &mut buf).is_ok()
            {
                let mut it = buf.chars();
                return match (it.next(), it.next()) {
                    (None, _) => CodeText::None,
                    (Some(c), None) => CodeText::One(c),
                    _ => CodeText::Many(buf.chars().collect()),
                };
            }
            // No usable encoding: Latin-1 is the least surprising guess.
            char::from_u32(code).map_or(CodeText::None, CodeText::One)
        })
        .collect()
}

fn name_of(dict: &Dictionary, doc: &Document, key: &[u8]) -> String {
    dict.get_deref(key, doc)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// `ABCDEF+Arial-BoldMT` → `Arial-BoldMT`: the prefix only marks a subset.
fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((p, rest)) if p.len() == 6 && p.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn looks_bold(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| l.contains(w))
}

pub(crate) fn num(o: Option<&Object>, doc: &Document) -> Option<f32> {
    let o = doc.dereference(o?).ok()?.1;
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

/// A CIDFont `/W` array: `c [w1 w2 …]` and `c_first c_last w` forms.
fn cid_widths(w: &[Object], doc: &Document) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(w.get(i), doc) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w
            .get(i + 1)
            .and_then(|o| doc.dereference(o).ok())
            .map(|x| x.1)
        {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = num(Some(v), doc) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(_) => {
                let last = num(w.get(i + 1), doc).unwrap_or(0.0).max(0.0) as u32;
                let v = num(w.get(i + 2), doc).unwrap_or(1000.0);
                // A hostile range could name four billion codes: cap it.
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The Core14 metrics (`std14`) of a standard-14 font named `name`, or of
/// a font that names one of their faces (Arial is Helvetica's metric
/// twin); `None` for Courier (monospaced, see [`standard_widths`]), Symbol,
/// ZapfDingbats and every other font.
fn core_face(name: &str) -> Option<&'static [u16]> {
    use super::std14::*;
    let l = name.to_ascii_lowercase();
    let bold = looks_bold(&l);
    let italic = l.contains("italic") || l.contains("oblique");
    if l.contains("times") {
        Some(match (bold, italic) {
            (false, false) => &TIMES,
            (true, false) => &TIMES_BOLD,
            (false, true) => &TIMES_ITALIC,
            (true, true) => &TIMES_BOLD_ITALIC,
        })
    } else if l.contains("helvetica") || l.contains("arial") {
        // The oblique faces share the upright widths.
        Some(if bold { &HELVETICA_BOLD } else { &HELVETICA })
    } else {
        None
    }
}

/// The advance of `c` in a Core14 face, if the face has a glyph for it.
fn core_width(face: &[u16], c: char) -> Option<f32> {
    let c = u16::try_from(u32::from(c)).ok()?;
    let i = super::std14::CHARS.binary_search(&c).ok()?;
    face.get(i).map(|w| f32::from(*w))
}

/// Helvetica's advance widths for codes 32..=126 (WinAnsi/Standard agree on
/// these), from the Adobe core-font metrics. Used for the standard 14 fonts
/// when a file leaves `/Widths` out, which the standard allows.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48-63
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64-79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80-95
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96-111
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112-126
];

/// Width function for a font without `/Widths` where the Core14 tables
/// ([`core_face`]) say nothing: Courier is monospaced; other fonts, and
/// characters the tables lack, are approximated by Helvetica's widths
/// (bold a little wider, Times a little narrower), which is close enough
/// to place words and find gaps.
fn standard_widths(name: &str) -> fn(u8) -> f32 {
    fn helv(c: u8) -> f32 {
        match c {
            32..=126 => HELVETICA[(c - 32) as usize] as f32,
            _ => 556.0,
        }
    }
    fn helv_bold(c: u8) -> f32 {
        helv(c) * 1.05
    }
    fn times(c: u8) -> f32 {
        helv(c) * 0.9
    }
    fn courier(_: u8) -> f32 {
        600.0
    }
    let l = name.to_ascii_lowercase();
    if l.contains("courier") {
        courier
    } else if l.contains("times") {
        times
    } else if looks_bold(&l) {
        helv_bold
    } else {
        helv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefix_is_stripped() {
        assert_eq!(
            strip_subset("BCDEEE+LiberationSans-Bold"),
            "LiberationSans-Bold"
        );
        assert_eq!(strip_subset("Helvetica"), "Helvetica");
    }

    #[test]
    fn standard_font_without_widths_gets_core_metrics() {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d.set("Subtype", Object::Name(b"Type1".to_vec()));
        d.set("BaseFont", Object::Name(b"Helvetica-Bold".to_vec()));
        let mut f = Font::load(&d, &Document::new(), 1 << 20);
        assert!(f.bold);
        assert!((f.width(b'W' as u32) - 0.944).abs() < 1e-3);
        assert_eq!(f.text(b'A' as u32), CodeText::One('A'));
    }

    #[test]
    fn standard_fonts_take_their_own_metrics_through_the_encoding() {
        // WinAnsi 0x92 is the right single quote; Helvetica-Bold's "m" is
        // 889 units, Times-Italic's 722, Helvetica's 833.
        let font = |base: &str| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"Font".to_vec()));
            d.set("Subtype", Object::Name(b"Type1".to_vec()));
            d.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
            d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
            Font::load(&d, &Document::new(), 1 << 20)
        };
        let bold = font("Helvetica-Bold");
        assert!((bold.width(b'm' as u32) - 0.889).abs() < 1e-3);
        assert!((bold.width(0x92) - 0.278).abs() < 1e-3);
        assert!((font("Times-Italic").width(b'm' as u32) - 0.722).abs() < 1e-3);
        assert!((font("Helvetica-Oblique").width(b'm' as u32) - 0.833).abs() < 1e-3);
        // A face the tables do not hold keeps the approximation.
        assert!((font("Courier").width(b'm' as u32) - 0.6).abs() < 1e-3);
    }
}
