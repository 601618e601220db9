//! `word/numbering.xml`: which list references are real lists, and the
//! numbers Word prints in front of numbered paragraphs.
//!
//! Why read it at all: `w:numId="0"` and ids with no `w:num` definition are how
//! Word switches numbering *off* for a paragraph whose style would number it;
//! such paragraphs are not list items. And many plans number their findings
//! and actions ("1.", "1.1") with Word's automatic numbering: the number is
//! not in the text runs, only in the list definition, yet it is what every
//! reader of the plan (and the PDF) sees. So numbered paragraphs get their
//! rendered label in front of their text; bullets do not (the list flag says
//! it, and a bullet glyph is not text).

use std::collections::{HashMap, HashSet};

use super::xml::Element;

/// Word's levels are 0..=8.
const LEVELS: usize = 9;

/// One list level's definition (`w:lvl`).
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    /// `w:numFmt`: decimal, lowerLetter, upperRoman, bullet, none, ...
    format: String,
    /// `w:lvlText`: "%1.%2." with placeholders for the levels' numbers.
    text: String,
    /// `w:isLgl`: every placeholder shown as a decimal number.
    legal: bool,
    /// `w:suff` is "nothing": no gap after the label.
    no_suffix: bool,
}

impl Level {
    fn parse(lvl: &Element) -> Level {
        let val = |name: &str| lvl.child_w(name).and_then(|e| e.val());
        Level {
            start: val("start")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1),
            format: val("numFmt").unwrap_or("decimal").to_string(),
            text: val("lvlText").unwrap_or("").to_string(),
            legal: lvl.child_w("isLgl").is_some_and(Element::on_off),
            no_suffix: val("suff") == Some("nothing"),
        }
    }
}

type Levels = HashMap<u8, Level>;

/// Running counters per list, advanced as numbered paragraphs are met in
/// document order.
#[derive(Debug, Default)]
pub struct Counters {
    by_num: HashMap<String, [Option<u32>; LEVELS]>,
}

#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `None` when the package has no numbering part: then every non-zero
    /// numId is taken at its word.
    defined: Option<HashSet<String>>,
    /// numId → its levels (the abstract definition with overrides applied).
    levels: HashMap<String, Levels>,
}

fn ilvl_of(e: &Element) -> Option<u8> {
    e.attr("ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|l| (*l as usize) < LEVELS)
}

impl Numbering {
    pub fn parse(root: &Element) -> Numbering {
        let mut abstracts: HashMap<String, Levels> = HashMap::new();
        for a in root.elements().filter(|e| e.is_w("abstractNum")) {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let levels = a
                .elements()
                .filter(|e| e.is_w("lvl"))
                .filter_map(|lvl| Some((ilvl_of(lvl)?, Level::parse(lvl))))
                .collect();
            abstracts.insert(id.trim().to_string(), levels);
        }
        let mut defined = HashSet::new();
        let mut levels = HashMap::new();
        for n in root.elements().filter(|e| e.is_w("num")) {
            let Some(id) = n.attr("numId") else {
                continue;
            };
            let id = id.trim().to_string();
            let mut lv: Levels = n
                .child_w("abstractNumId")
                .and_then(|a| a.val())
                .and_then(|a| abstracts.get(a.trim()))
                .cloned()
                .unwrap_or_default();
            // Overrides: a whole new level, or just a new start number.
            for o in n.elements().filter(|e| e.is_w("lvlOverride")) {
                let Some(ilvl) = ilvl_of(o) else {
                    continue;
                };
                if let Some(lvl) = o.child_w("lvl") {
                    lv.insert(ilvl, Level::parse(lvl));
                }
                if let Some(start) = o
                    .child_w("startOverride")
                    .and_then(|s| s.val())
                    .and_then(|v| v.trim().parse().ok())
                    && let Some(l) = lv.get_mut(&ilvl)
                {
                    l.start = start;
                }
            }
            levels.insert(id.clone(), lv);
            defined.insert(id);
        }
        Numbering {
            defined: Some(defined),
            levels,
        }
    }

    fn level(&self, num_id: &str, ilvl: u8) -> Option<&Level> {
        self.levels.get(num_id).and_then(|l| l.get(&ilvl))
    }

    /// Is a paragraph with this numId at this level a list item?
    pub fn is_list(&self, num_id: &str, ilvl: u8) -> bool {
        if num_id == "0" || num_id.is_empty() {
            return false;
        }
        if let Some(defined) = &self.defined
            && !defined.contains(num_id)
        {
            return false;
        }
        // A level formatted "none" shows no number or bullet: not a list item.
        self.level(num_id, ilvl).is_none_or(|l| l.format != "none")
    }

    /// Count a list paragraph and return the label Word prints before it
    /// ("3.", "2.1", "b)"), with its trailing gap; `None` for bullets, for
    /// lists with no definition, and for empty labels.
    pub fn label(&self, counters: &mut Counters, num_id: &str, ilvl: u8) -> Option<String> {
        let lv = self.levels.get(num_id)?;
        let level = lv.get(&ilvl)?;
        let slot = ilvl as usize;
        let c = counters
            .by_num
            .entry(num_id.to_string())
            .or_insert([None; LEVELS]);
        let next = match c.get(slot).copied().flatten() {
            Some(n) => n.saturating_add(1),
            None => level.start,
        };
        if let Some(s) = c.get_mut(slot) {
            *s = Some(next);
        }
        // A higher level restarts every level below it.
        for deeper in c.iter_mut().skip(slot + 1) {
            *deeper = None;
        }
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(d @ 1..=9) if ch == '%' => {
                    chars.next();
                    let k = (d - 1) as usize;
                    let def = lv.get(&(k as u8));
                    let n = c
                        .get(k)
                        .copied()
                        .flatten()
                        .or(def.map(|l| l.start))
                        .unwrap_or(1);
                    let fmt = match def {
                        Some(l) if !(level.legal) => l.format.as_str(),
                        _ => "decimal",
                    };
                    out.push_str(&format_number(n, fmt));
                }
                _ => out.push(ch),
            }
        }
        let out = out.trim().to_string();
        if out.is_empty() {
            return None;
        }
        Some(if level.no_suffix { out } else { out + " " })
    }
}

/// A counter in a `w:numFmt` (unknown formats print as decimals).
fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: A..Z, then AA..ZZ, AAA.. (the letter repeated).
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    let idx = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    let ch = char::from(b'A' + idx as u8);
    std::iter::repeat_n(ch, times).collect()
}

fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse;

    const SRC: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:suff w:val="nothing"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
        </w:numbering>"#;

    #[test]
    fn zero_undefined_and_none_are_not_lists() {
        let n = Numbering::parse(&parse(SRC, 64).unwrap());
        assert!(n.is_list("1", 0));
        assert!(!n.is_list("1", 1));
        assert!(!n.is_list("0", 0));
        assert!(!n.is_list("7", 0));
        assert!(Numbering::default().is_list("7", 0));
    }

    #[test]
    fn labels_count_in_order_and_restart_below() {
        let n = Numbering::parse(&parse(SRC, 64).unwrap());
        let mut c = Counters::default();
        let mut l = |id: &str, lvl: u8| n.label(&mut c, id, lvl);
        assert_eq!(l("1", 0), None, "bullets have no label");
        assert_eq!(l("2", 0).as_deref(), Some("1. "));
        assert_eq!(l("2", 1).as_deref(), Some("1.1 "));
        assert_eq!(l("2", 1).as_deref(), Some("1.2 "));
        assert_eq!(l("2", 2).as_deref(), Some("a)"));
        assert_eq!(l("2", 2).as_deref(), Some("b)"));
        assert_eq!(l("2", 0).as_deref(), Some("2. "));
        assert_eq!(l("2", 1).as_deref(), Some("2.1 "));
        assert_eq!(l("3", 0).as_deref(), Some("IX "), "startOverride");
        assert_eq!(l("3", 0).as_deref(), Some("X "));
        assert_eq!(l("9", 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(3, "ordinal"), "3");
        assert_eq!(format_number(u32::MAX, "upperLetter").len(), 50);
    }
}
