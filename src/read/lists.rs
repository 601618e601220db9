//! List numbering shared by the word-processor readers: the numbers Word
//! prints in front of numbered paragraphs, from a list's level definitions.
//!
//! Why a reader computes them: many plans number their findings and
//! actions ("1.", "1.1") with Word's automatic numbering. The number is not
//! in the text, only in the list definition (DOCX `numbering.xml`, the
//! `.doc` list tables), yet it is what every reader of the plan (and its
//! PDF) sees. Each reader parses its own format into [`Numbering`]; the
//! counting and formatting are here once.

use std::collections::{HashMap, HashSet};

use crate::model::Paragraph;

/// Word's levels are 0..=8.
pub const LEVELS: usize = 9;

/// One list level's definition.
#[derive(Debug, Clone)]
pub struct Level {
    pub start: u32,
    /// The number format, in OOXML's names (`w:numFmt`): decimal,
    /// lowerLetter, upperRoman, bullet, none, ...
    pub format: String,
    /// The label template: "%1.%2." with placeholders for the levels'
    /// numbers.
    pub text: String,
    /// Every placeholder shown as a decimal number (`w:isLgl`, `fLegal`).
    pub legal: bool,
    /// No gap after the label.
    pub no_suffix: bool,
}

pub type Levels = HashMap<u8, Level>;

/// Running counters per list, advanced as numbered paragraphs are met in
/// document order.
#[derive(Debug, Default)]
pub struct Counters {
    by_num: HashMap<String, [Option<u32>; LEVELS]>,
}

impl Counters {
    /// Start list `id` afresh: its next number at each level is the
    /// level's start (an ODF list that does not continue the one before).
    pub fn restart(&mut self, id: &str) {
        self.by_num.remove(id);
    }
}

/// Put a list item's number before its paragraph's text (a bold opening
/// grows by it).
pub fn put_label(para: &mut Paragraph, label: &str) {
    para.text.insert_str(0, label);
    if para.style.bold_prefix > 0 {
        para.style.bold_prefix += label.len();
    }
}

/// Every list of a document: its id (a DOCX numId, a `.doc` list) and
/// levels.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `None` when the document has no list definitions: then every
    /// non-zero id is taken at its word.
    defined: Option<HashSet<String>>,
    /// id → its levels (the abstract definition with overrides applied).
    levels: HashMap<String, Levels>,
}

impl Numbering {
    /// The lists a reader found, each id with its levels.
    pub fn new(levels: HashMap<String, Levels>) -> Numbering {
        Numbering {
            defined: Some(levels.keys().cloned().collect()),
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

/// Roman numerals (1..4000; other numbers as digits).
pub(crate) fn roman(n: u32) -> String {
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

    #[test]
    fn a_restarted_list_counts_from_its_start() {
        let level = Level {
            start: 3,
            format: "decimal".into(),
            text: "%1.".into(),
            legal: false,
            no_suffix: true,
        };
        let n = Numbering::new(HashMap::from([(
            "L".to_string(),
            Levels::from([(0, level)]),
        )]));
        let mut c = Counters::default();
        assert_eq!(n.label(&mut c, "L", 0).as_deref(), Some("3."));
        assert_eq!(n.label(&mut c, "L", 0).as_deref(), Some("4."));
        c.restart("L");
        assert_eq!(n.label(&mut c, "L", 0).as_deref(), Some("3."));
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
