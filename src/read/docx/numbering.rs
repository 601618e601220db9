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

use std::collections::HashMap;

pub use crate::read::lists::{Counters, Numbering};
use crate::read::lists::{LEVELS, Level, Levels};

use super::xml::Element;

/// One list level's definition from its `w:lvl`.
fn parse_level(lvl: &Element) -> Level {
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

fn ilvl_of(e: &Element) -> Option<u8> {
    e.attr("ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|l| (*l as usize) < LEVELS)
}

/// The lists of a `word/numbering.xml`.
pub fn parse(root: &Element) -> Numbering {
    let mut abstracts: HashMap<String, Levels> = HashMap::new();
    for a in root.elements().filter(|e| e.is_w("abstractNum")) {
        let Some(id) = a.attr("abstractNumId") else {
            continue;
        };
        let levels = a
            .elements()
            .filter(|e| e.is_w("lvl"))
            .filter_map(|lvl| Some((ilvl_of(lvl)?, parse_level(lvl))))
            .collect();
        abstracts.insert(id.trim().to_string(), levels);
    }
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
                lv.insert(ilvl, parse_level(lvl));
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
        levels.insert(id, lv);
    }
    Numbering::new(levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse as xml_parse;

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
        let n = parse(&xml_parse(SRC, 64).unwrap());
        assert!(n.is_list("1", 0));
        assert!(!n.is_list("1", 1));
        assert!(!n.is_list("0", 0));
        assert!(!n.is_list("7", 0));
        assert!(Numbering::default().is_list("7", 0));
    }

    #[test]
    fn labels_count_in_order_and_restart_below() {
        let n = parse(&xml_parse(SRC, 64).unwrap());
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
}
