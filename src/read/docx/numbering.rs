//! `word/numbering.xml`: which list references are real lists.
//!
//! Why read it at all: `w:numId="0"` and ids with no `w:num` definition are how
//! Word switches numbering *off* for a paragraph whose style would number it.
//! Such paragraphs are not list items.

use std::collections::{HashMap, HashSet};

use super::xml::Element;

#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `None` when the package has no numbering part: then every non-zero
    /// numId is taken at its word.
    defined: Option<HashSet<String>>,
    /// numId → the abstract definition's level formats (`w:numFmt`), by level.
    formats: HashMap<String, HashMap<u8, String>>,
}

impl Numbering {
    pub fn parse(root: &Element) -> Numbering {
        let mut abstract_formats: HashMap<String, HashMap<u8, String>> = HashMap::new();
        for a in root.elements().filter(|e| e.is_w("abstractNum")) {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = HashMap::new();
            for lvl in a.elements().filter(|e| e.is_w("lvl")) {
                let Some(ilvl) = lvl.attr("ilvl").and_then(|v| v.trim().parse::<u8>().ok()) else {
                    continue;
                };
                if let Some(fmt) = lvl.child_w("numFmt").and_then(|f| f.val()) {
                    levels.insert(ilvl, fmt.to_string());
                }
            }
            abstract_formats.insert(id.trim().to_string(), levels);
        }
        let mut defined = HashSet::new();
        let mut formats = HashMap::new();
        for n in root.elements().filter(|e| e.is_w("num")) {
            let Some(id) = n.attr("numId") else {
                continue;
            };
            let id = id.trim().to_string();
            if let Some(levels) = n
                .child_w("abstractNumId")
                .and_then(|a| a.val())
                .and_then(|a| abstract_formats.get(a.trim()))
            {
                formats.insert(id.clone(), levels.clone());
            }
            defined.insert(id);
        }
        Numbering {
            defined: Some(defined),
            formats,
        }
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
        self.formats
            .get(num_id)
            .and_then(|l| l.get(&ilvl))
            .is_none_or(|f| f != "none")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse;

    #[test]
    fn zero_undefined_and_none_are_not_lists() {
        let src = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            </w:numbering>"#;
        let n = Numbering::parse(&parse(src, 64).unwrap());
        assert!(n.is_list("1", 0));
        assert!(!n.is_list("1", 1));
        assert!(!n.is_list("0", 0));
        assert!(!n.is_list("7", 0));
        assert!(Numbering::default().is_list("7", 0));
    }
}
