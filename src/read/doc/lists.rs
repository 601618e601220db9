//! The list tables of a `.doc` ([MS-DOC] PlfLst, LVL, PlfLfo): the level
//! definitions behind Word's automatic numbers, as a [`Numbering`].
//!
//! Why: plans number their findings and actions with Word's lists; a
//! `.doc` stores only the list a paragraph belongs to (`sprmPIlfo`, a
//! 1-based index into the LFO table) and its level (`sprmPIlvl`), never the
//! number. The LFO names a list (LSTF, by `lsid`) whose nine (or, for a
//! simple list, one) LVLs follow the PlfLst in the table stream; an LFO may
//! override a level's start or the whole level.
//!
//! Counting: paragraphs of LFOs that share a list and override nothing
//! count on together (their id is the list's); an LFO with overrides counts
//! on its own. Every read is bounds-checked: a damaged table gives fewer
//! lists, never an error, since the text reads without numbers.

use std::collections::HashMap;

use crate::read::lists::{LEVELS, Level, Levels, Numbering};

use super::props::{u16_at, u32_at};

/// Most lists and list overrides read (a document has a few dozen).
const MAX_LISTS: usize = 4_096;
/// An LSTF record's size.
const LSTF_LEN: usize = 28;
/// An LVLF record's size (the fixed part of an LVL).
const LVLF_LEN: usize = 28;
/// An LFO record's size.
const LFO_LEN: usize = 16;

/// The lists of a `.doc`: `table` is the table stream, `lst` and `lfo`
/// the (fc, lcb) of PlfLst and PlfLfo. The ids are LFO indexes as
/// [`list_id`] gives them.
pub fn read(table: &[u8], lst: (usize, usize), lfo: (usize, usize)) -> (Numbering, Vec<String>) {
    let lists = read_lists(table, lst);
    let mut levels: HashMap<String, Levels> = HashMap::new();
    let mut ids = Vec::new();
    for (k, o) in read_lfos(table, lfo).into_iter().enumerate() {
        let Some(base) = lists.get(&o.lsid) else {
            ids.push(String::new());
            continue;
        };
        let id = if o.overrides.is_empty() {
            format!("lst{}", o.lsid)
        } else {
            format!("lfo{}", k + 1)
        };
        let mut lv = base.clone();
        for (ilvl, start, level) in o.overrides {
            if let Some(l) = level {
                lv.insert(ilvl, l);
            }
            if let (Some(s), Some(l)) = (start, lv.get_mut(&ilvl)) {
                l.start = s;
            }
        }
        levels.insert(id.clone(), lv);
        ids.push(id);
    }
    (Numbering::new(levels), ids)
}

/// The list id of a paragraph's `sprmPIlfo` value (1-based; 0 and the
/// 0xF801 "no list" mark are none).
pub fn list_id(ids: &[String], ilfo: u16) -> Option<&str> {
    let k = usize::from(ilfo).checked_sub(1)?;
    ids.get(k).map(String::as_str).filter(|s| !s.is_empty())
}

/// lsid → its levels.
fn read_lists(table: &[u8], (fc, lcb): (usize, usize)) -> HashMap<i32, Levels> {
    let mut out = HashMap::new();
    if lcb < 2 {
        return out;
    }
    let Some(count) = u16_at(table, fc) else {
        return out;
    };
    let count = usize::from(count).min(MAX_LISTS);
    // The LVLs of every list follow the PlfLst, list by list.
    let mut at = fc + 2 + count * LSTF_LEN;
    for i in 0..count {
        let rec = fc + 2 + i * LSTF_LEN;
        let (Some(lsid), Some(flags)) = (u32_at(table, rec), table.get(rec + 26)) else {
            break;
        };
        let n = if flags & 1 != 0 { 1 } else { LEVELS };
        let mut levels = Levels::new();
        for ilvl in 0..n {
            let Some((level, next)) = read_lvl(table, at) else {
                return out;
            };
            levels.insert(ilvl as u8, level);
            at = next;
        }
        out.insert(lsid as i32, levels);
    }
    out
}

/// One LVL at `at`: the level and where the next record starts.
fn read_lvl(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let f = table.get(at..at.checked_add(LVLF_LEN)?)?;
    let start = u32_at(f, 0)?;
    let (nfc, flags, follow) = (f[4], f[5], f[15]);
    let (cb_chpx, cb_papx) = (usize::from(f[24]), usize::from(f[25]));
    let xst = at + LVLF_LEN + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(table, xst)?);
    let units: Vec<u16> = (0..cch)
        .map(|k| u16_at(table, xst + 2 + k * 2))
        .collect::<Option<_>>()?;
    let level = Level {
        // iStartAt is signed; a negative start is damage.
        start: if (start as i32) < 0 { 1 } else { start },
        format: format_name(nfc).to_string(),
        text: template(&units),
        legal: flags & 0b100 != 0,
        no_suffix: follow == 2,
    };
    Some((level, xst + 2 + cch * 2))
}

/// The label template: the number text with its level placeholders (the
/// characters 0-8) as "%1".."%9".
fn template(units: &[u16]) -> String {
    let mut out = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) if (c as u32) < LEVELS as u32 => {
                out.push('%');
                out.push(char::from(b'1' + c as u8));
            }
            Ok(c) => out.push(c),
            Err(_) => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The OOXML name of an MSONFC number format (unknown ones print as
/// decimals).
fn format_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        5 => "ordinal",
        22 => "decimalZero",
        23 => "bullet",
        255 => "none",
        _ => "decimal",
    }
}

/// One LFO: its list and its level overrides (level, new start, new
/// level).
struct Lfo {
    lsid: i32,
    overrides: Vec<(u8, Option<u32>, Option<Level>)>,
}

fn read_lfos(table: &[u8], (fc, lcb): (usize, usize)) -> Vec<Lfo> {
    let mut out = Vec::new();
    if lcb < 4 {
        return out;
    }
    let Some(count) = u32_at(table, fc) else {
        return out;
    };
    let count = (count as usize).min(MAX_LISTS);
    let mut counts = Vec::with_capacity(count);
    for i in 0..count {
        let rec = fc + 4 + i * LFO_LEN;
        let (Some(lsid), Some(&clfolvl)) = (u32_at(table, rec), table.get(rec + 12)) else {
            break;
        };
        out.push(Lfo {
            lsid: lsid as i32,
            overrides: Vec::new(),
        });
        counts.push(usize::from(clfolvl));
    }
    // LFOData, one per LFO: a cp, then its LFOLVLs (each maybe with an LVL).
    let mut at = fc + 4 + count * LFO_LEN;
    for (o, n) in out.iter_mut().zip(counts) {
        at += 4;
        for _ in 0..n {
            let (Some(start), Some(bits)) = (u32_at(table, at), u32_at(table, at + 4)) else {
                return out;
            };
            at += 8;
            let ilvl = (bits & 0xF) as u8;
            let start = (bits & 0x10 != 0 && (start as i32) >= 0).then_some(start);
            let level = if bits & 0x20 != 0 {
                let Some((level, next)) = read_lvl(table, at) else {
                    return out;
                };
                at = next;
                Some(level)
            } else {
                None
            };
            if usize::from(ilvl) < LEVELS {
                o.overrides.push((ilvl, start, level));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::lists::Counters;

    /// An LVL: start, nfc, legal flag, follow, number text (placeholders as
    /// code units 0-8).
    fn lvl(start: u32, nfc: u8, follow: u8, text: &[u16]) -> Vec<u8> {
        let mut f = vec![0u8; LVLF_LEN];
        f[0..4].copy_from_slice(&start.to_le_bytes());
        f[4] = nfc;
        f[15] = follow;
        // two bytes of papx, one of chpx, skipped by their counts
        f[24] = 1;
        f[25] = 2;
        f.extend_from_slice(&[0xAA, 0xBB, 0xCC]);
        f.extend_from_slice(&(text.len() as u16).to_le_bytes());
        for u in text {
            f.extend_from_slice(&u.to_le_bytes());
        }
        f
    }

    fn lstf(lsid: u32, simple: bool) -> Vec<u8> {
        let mut r = vec![0u8; LSTF_LEN];
        r[0..4].copy_from_slice(&lsid.to_le_bytes());
        r[26] = u8::from(simple);
        r
    }

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// A table stream with two lists (a nine-level "1." / "1.1" / "a)" one
    /// and a simple upper-roman one) and three LFOs: the first list twice
    /// (no overrides, so one count), the roman list restarted at 4.
    fn table() -> (Vec<u8>, (usize, usize), (usize, usize)) {
        let mut t = vec![0xEEu8; 8]; // something before the PlfLst
        let lst_fc = t.len();
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend(lstf(7, false));
        t.extend(lstf(9, true));
        let lst_lcb = t.len() - lst_fc;
        for ilvl in 0..9u16 {
            let text = match ilvl {
                0 => vec![0, u16::from(b'.')],
                1 => vec![0, u16::from(b'.'), 1],
                2 => vec![2, u16::from(b')')],
                _ => vec![ilvl],
            };
            let nfc = if ilvl == 2 { 4 } else { 0 };
            t.extend(lvl(1, nfc, if ilvl == 2 { 2 } else { 0 }, &text));
        }
        let mut roman = units("Part ");
        roman.push(0);
        roman.push(u16::from(b':'));
        t.extend(lvl(1, 1, 1, &roman));
        let lfo_fc = t.len();
        t.extend_from_slice(&3u32.to_le_bytes());
        for (lsid, n) in [(7u32, 0u8), (7, 0), (9, 1)] {
            let mut r = vec![0u8; LFO_LEN];
            r[0..4].copy_from_slice(&lsid.to_le_bytes());
            r[12] = n;
            t.extend(r);
        }
        // LFOData: cp, then for the third one LFOLVL level 0 fStartAt = 4.
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(&4u32.to_le_bytes());
        t.extend_from_slice(&0x10u32.to_le_bytes());
        let lfo_lcb = t.len() - lfo_fc;
        (t, (lst_fc, lst_lcb), (lfo_fc, lfo_lcb))
    }

    #[test]
    fn lists_and_overrides_give_words_numbers() {
        let (t, lst, lfo) = table();
        let (n, ids) = read(&t, lst, lfo);
        let mut c = Counters::default();
        let mut label = |ilfo: u16, ilvl: u8| {
            let id = list_id(&ids, ilfo)?;
            n.label(&mut c, id, ilvl)
        };
        assert_eq!(label(1, 0).as_deref(), Some("1. "));
        assert_eq!(label(1, 1).as_deref(), Some("1.1 "));
        // Another LFO of the same list with no overrides counts on.
        assert_eq!(label(2, 1).as_deref(), Some("1.2 "));
        assert_eq!(label(1, 2).as_deref(), Some("a)"));
        assert_eq!(label(2, 0).as_deref(), Some("2. "));
        assert_eq!(label(1, 1).as_deref(), Some("2.1 "));
        assert_eq!(label(3, 0).as_deref(), Some("Part IV: "));
        assert_eq!(label(3, 0).as_deref(), Some("Part V: "));
        assert_eq!(label(0, 0), None);
        assert_eq!(label(4, 0), None);
        assert_eq!(label(0xF801, 0), None);
    }

    #[test]
    fn damaged_tables_give_fewer_lists_without_panicking() {
        let (t, lst, lfo) = table();
        for cut in 0..t.len() {
            let (n, ids) = read(&t[..cut], lst, lfo);
            let mut c = Counters::default();
            for (k, id) in ids.iter().enumerate() {
                let _ = n.label(&mut c, id, (k % 9) as u8);
            }
        }
        let (_, ids) = read(&t, (usize::MAX - 1, 9), (usize::MAX - 3, 9));
        assert!(ids.is_empty());
    }
}
