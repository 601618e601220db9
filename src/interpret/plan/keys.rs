//! Keys and legends: what a plan's ratings mean.
//!
//! Why: "B", "1" or "Not yet due" say nothing on their own; the document's
//! own key says what they mean ("B – delivered; the Board has seen
//! evidence", "1 – Achieved and closed by the Board", "On hold – paused").
//! A key is a table (token | meaning), a list under a key heading, or a
//! "Key:" line of pairs. It is never a finding or an action; it decides
//! `complete` (and `rag`, where it names a colour) for every status cell
//! that prints one of its tokens.

use crate::contract::Status;
use crate::model::{Block, Cell, Document, Rgb, Table};
use crate::recognise::{Grammars, status};

use super::columns::normalise;

/// A key token is a word or a few ("B", "3", "Not yet due").
const MAX_TOKEN_WORDS: usize = 4;
/// A key heading is a short line ("Key to progress scores").
const MAX_HEADING_WORDS: usize = 8;
/// A key has at least this many entries.
const MIN_ENTRIES: usize = 2;

/// One key entry: a token and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The token, normalised.
    token: String,
    complete: Option<bool>,
    rag: Option<status::Rag>,
}

/// The keys of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keys {
    entries: Vec<Entry>,
}

impl Keys {
    fn lookup(&self, text: &str) -> Option<&Entry> {
        let t = normalise(text);
        self.entries.iter().find(|e| e.token == t)
    }

    /// Apply the keys to a status: a status text the key defines takes the
    /// key's meaning (and its colour, or none where the key names none); a
    /// status shown only by a fill takes the colour's hue, and the key's
    /// meaning for that colour.
    pub fn apply(&self, st: &mut Status, fill: Option<Rgb>, g: &Grammars) {
        let _ = g;
        match st.text.as_deref() {
            Some(t) => {
                if let Some(e) = self.lookup(t) {
                    st.complete = e.complete;
                    st.rag = e.rag;
                }
            }
            None => {
                let Some(f) = fill else { return };
                let hex = format!("{:02X}{:02X}{:02X}", f.r, f.g, f.b);
                let Some(colour) = status::rag_from_colour(&hex) else {
                    return;
                };
                st.rag = Some(colour);
                if let Some(e) = self.entries.iter().find(|e| e.rag == Some(colour)) {
                    st.complete = e.complete;
                }
            }
        }
    }
}

/// Does `text` introduce a key ("Status key", "Key to progress scores",
/// "How to read the BRAG ratings")?
pub fn is_key_heading(text: &str, g: &Grammars) -> bool {
    let t = normalise(text);
    if t.is_empty() || t.split(' ').count() > MAX_HEADING_WORDS {
        return false;
    }
    g.status_lexicon().key_headings.contains(&t)
}

/// What a key line says about completion: not finished, neither, or done,
/// tested in that order; failing all, the status words of the token.
fn meaning(token: &str, description: &str, g: &Grammars) -> Option<bool> {
    let lex = g.status_lexicon();
    let text = format!("{token} {description}");
    if lex.key_not_complete.contains(&text) {
        return Some(false);
    }
    if lex.key_neither.contains(&text) {
        return None;
    }
    if lex.key_complete.contains(&text) {
        return Some(true);
    }
    status::status(token, g).complete
}

/// The colour a key entry names: its cell's fill, a colour word opening
/// its meaning ("Blue – delivered"), or a token that is one colour word or
/// letter. A phrase token ("Not yet due") names no colour.
fn colour(token: &str, description: &str, fill: Option<Rgb>, g: &Grammars) -> Option<status::Rag> {
    if let Some(f) = fill.filter(|f| !f.is_whiteish()) {
        let hex = format!("{:02X}{:02X}{:02X}", f.r, f.g, f.b);
        if let Some(c) = status::rag_from_colour(&hex) {
            return Some(c);
        }
    }
    let first = description
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let first_colour = status::status(first, g)
        .rag
        .filter(|_| first.chars().count() > 1);
    if first_colour.is_some() {
        return first_colour;
    }
    (token.split_whitespace().count() == 1)
        .then(|| status::status(token, g).rag)
        .flatten()
}

fn entry(token: &str, description: &str, fill: Option<Rgb>, g: &Grammars) -> Option<Entry> {
    let tok = normalise(token);
    if tok.is_empty() || tok.split(' ').count() > MAX_TOKEN_WORDS || description.trim().is_empty() {
        return None;
    }
    Some(Entry {
        token: tok,
        complete: meaning(token, description, g),
        rag: colour(token, description, fill, g),
    })
}

/// A key line "TOKEN – meaning", "TOKEN: meaning" or "TOKEN = meaning".
fn split_line(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    for sep in [" \u{2013} ", " \u{2014} ", " - ", ": ", " = ", "="] {
        if let Some(i) = t.find(sep) {
            let (a, b) = (&t[..i], &t[i + sep.len()..]);
            if !a.trim().is_empty() && a.split_whitespace().count() <= MAX_TOKEN_WORDS {
                return Some((a.trim(), b.trim()));
            }
        }
    }
    None
}

/// A key table: two or three columns, token | meaning, after a key heading
/// or with a header that names a key. Its rows as entries.
fn table_entries(t: &Table, after_heading: bool, g: &Grammars) -> Option<Vec<Entry>> {
    let width = super::columns::table_width(t);
    if !(2..=3).contains(&width) {
        return None;
    }
    let cell = |row: &crate::model::Row, c: usize| -> Option<Cell> {
        row.cells.iter().find(|x| x.col == c).cloned()
    };
    let mut rows = t.rows.iter();
    let head_names_key = t
        .rows
        .first()
        .is_some_and(|r| r.cells.iter().any(|c| is_key_heading(&c.text(), g)));
    if !(after_heading || head_names_key) {
        return None;
    }
    if head_names_key {
        rows.next();
    }
    let mut out = Vec::new();
    for r in rows {
        let (Some(a), Some(b)) = (cell(r, 0), cell(r, 1)) else {
            continue;
        };
        if let Some(e) = entry(&a.text(), &b.text().replace('\n', " "), a.fill, g) {
            out.push(e);
        }
    }
    (out.len() >= MIN_ENTRIES).then_some(out)
}

/// An inline key, "Key: R = not started, A = in progress, G = complete".
fn inline_entries(text: &str, g: &Grammars) -> Vec<Entry> {
    let Some((head, rest)) = text.split_once(':') else {
        return Vec::new();
    };
    if !is_key_heading(head, g) {
        return Vec::new();
    }
    rest.split([',', ';'])
        .filter_map(|part| split_line(part).and_then(|(a, b)| entry(a, b, None, g)))
        .collect()
}

/// The document's keys, and the indices of the blocks they occupy (the
/// heading and its entries), which are not plan content.
pub fn find(doc: &Document, g: &Grammars) -> (Keys, Vec<usize>) {
    let mut keys = Keys::default();
    let mut used = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        let text = block_text(&doc.blocks[i]);
        match &doc.blocks[i] {
            Block::Table(t) => {
                let after =
                    i > 0 && block_text(&doc.blocks[i - 1]).is_some_and(|h| is_key_heading(h, g));
                if let Some(es) = table_entries(t, after, g) {
                    keys.entries.extend(es);
                    used.push(i);
                }
            }
            _ => {
                let Some(text) = text else {
                    i += 1;
                    continue;
                };
                let inline = inline_entries(text, g);
                if inline.len() >= MIN_ENTRIES {
                    keys.entries.extend(inline);
                    used.push(i);
                } else if is_key_heading(text, g) {
                    let mut j = i + 1;
                    let mut es = Vec::new();
                    while let Some(t) = doc.blocks.get(j).and_then(block_text) {
                        match split_line(t).and_then(|(a, b)| entry(a, b, None, g)) {
                            Some(e) => es.push(e),
                            None => break,
                        }
                        j += 1;
                    }
                    if es.len() >= MIN_ENTRIES {
                        keys.entries.extend(es);
                        used.extend(i..j);
                        i = j;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    (keys, used)
}

fn block_text(b: &Block) -> Option<&str> {
    match b {
        Block::Heading(h) => Some(&h.text),
        Block::Paragraph(p) => Some(&p.text),
        Block::Table(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Paragraph, Provenance};

    fn doc(lines: &[&str]) -> Document {
        let mut d = Document::new(Format::Text);
        for l in lines {
            d.blocks
                .push(Block::Paragraph(Paragraph::new(*l, Provenance::line(1))));
        }
        d
    }

    fn st(text: &str) -> Status {
        Status {
            text: Some(text.into()),
            ..Status::default()
        }
    }

    #[test]
    fn key_words_are_whole_words_any_case_punctuation_as_space() {
        let g = Grammars::builtin();
        assert!(is_key_heading("STATUS-KEY:", &g));
        assert!(is_key_heading("Legend for the lighthouse rota", &g));
        // Word boundaries: "keyholders" and "legendary" name no key.
        assert!(!is_key_heading("Keyholders", &g));
        assert!(!is_key_heading("A legendary harbour", &g));
        // Not finished before neither before done, each as whole words.
        assert_eq!(meaning("Q", "Being rebuilt - the pier", &g), Some(false));
        assert_eq!(meaning("Q", "On-hold until the tide turns", &g), None);
        assert_eq!(meaning("Q", "Delivered; the ferry runs", &g), Some(true));
        assert_eq!(meaning("Q", "Undelivered parcels", &g), None);
    }

    #[test]
    fn a_key_list_decides_complete() {
        let g = Grammars::builtin();
        let d = doc(&[
            "Rating key",
            "Done – signed off by the Steering Group",
            "Started – work begun but not finished",
            "Parked – on hold until the review reports",
            "The plan follows.",
        ]);
        let (keys, used) = find(&d, &g);
        assert_eq!(used, vec![0, 1, 2, 3]);
        let mut s = st("Done");
        keys.apply(&mut s, None, &g);
        assert_eq!(s.complete, Some(true));
        let mut s = st("started");
        keys.apply(&mut s, None, &g);
        assert_eq!(s.complete, Some(false));
        let mut s = st("Parked");
        keys.apply(&mut s, None, &g);
        assert_eq!(s.complete, None);
    }

    #[test]
    fn an_inline_key_of_digits_names_no_colour() {
        let g = Grammars::builtin();
        let d = doc(&["Key: 1 = fully met; 2 = partly met; 3 = not met"]);
        let (keys, _) = find(&d, &g);
        let mut s = st("1");
        keys.apply(&mut s, None, &g);
        assert_eq!((s.complete, s.rag), (Some(true), None));
        let mut s = st("3");
        keys.apply(&mut s, None, &g);
        assert_eq!(s.complete, Some(false));
    }

    #[test]
    fn a_fill_only_status_takes_its_hue_and_the_keys_colour_meaning() {
        let g = Grammars::builtin();
        let d = doc(&[
            "Key to colours",
            "Purple – complete and evidenced",
            "Green – on track",
        ]);
        let (keys, _) = find(&d, &g);
        let mut s = Status::default();
        keys.apply(&mut s, Some(Rgb::new(0x2E, 0x9E, 0x44)), &g);
        assert_eq!(s.rag, Some(crate::contract::Rag::Green));
        assert_eq!(s.complete, Some(false));
        assert_eq!(s.text, None);
    }
}
