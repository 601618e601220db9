//! Text reader: table exports and pdftotext-style dumps into the model.

mod decode;
mod dump;
mod export;
mod grid_tables;
mod layout;
mod markup;

pub use layout::LayoutSettings;

pub use decode::decode;

use crate::model::{Block, Document, Format, Provenance};

use super::Limits;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("binary data, not a text export ({0})")]
    Binary(String),
    #[error("undecodable text: {0}")]
    Encoding(String),
}

impl TextError {
    pub fn code(&self) -> &'static str {
        match self {
            TextError::Binary(_) => "text.binary",
            TextError::Encoding(_) => "text.encoding",
        }
    }
}

/// Read a text export. Tab-separated exports (a Word table copied out as
/// text: one row per line, or one cell per line) become tables; a dump with
/// no tabs and wrapped lines (pdftotext without -layout) becomes paragraphs,
/// one per blank-line-separated group of lines; a dump drawn with spaces
/// (pdftotext -layout: aligned blocks, form feeds between pages) has its
/// tables rebuilt from the character grid; tables drawn with ASCII rules
/// (pandoc's grid and pipe tables, or HTML tables in Markdown) are read from
/// their rules.
pub fn read(bytes: &[u8], _limits: &Limits) -> Result<Document, TextError> {
    let text = decode(bytes)?;
    {
        let lines: Vec<&str> = text.lines().collect();
        if grid_tables::looks_like_tables(&lines) {
            let mut doc = Document::new(Format::Text);
            doc.blocks = grid_tables::blocks(&lines);
            return Ok(doc);
        }
    }
    let settings = LayoutSettings::default();
    if layout::looks_like_layout(&text, &settings) {
        let mut doc = Document::new(Format::Text);
        doc.blocks = layout::blocks(&text, &settings);
        return Ok(doc);
    }
    // A form feed ends a page: the line readers take it as a line break
    // (pdftotext ends each page with one, glued to the next page's first
    // line), and the page it opens is kept on every block after it. Lines
    // are the input's own (a form feed is no line of the file): each
    // block's line is mapped back.
    let places = line_places(&text);
    let form_feeds = text.contains('\u{c}');
    let text = text.replace('\u{c}', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::new(Format::Text);
    doc.blocks = if dump::looks_like_dump(&lines) {
        dump::blocks(&lines)
    } else {
        export::blocks(&lines)
    };
    if form_feeds {
        let paged = places.last().is_some_and(|&(p, _)| p > 1);
        for b in &mut doc.blocks {
            mark_place(b, &places, paged);
        }
    }
    Ok(doc)
}

/// For each line of `text` once its form feeds are read as line breaks (a
/// form feed starts a new page and a new line): its 1-based page and the
/// 1-based line of the input it is on.
fn line_places(text: &str) -> Vec<(u32, u32)> {
    let mut places = Vec::new();
    let mut page = 1u32;
    for (n, line) in text.lines().enumerate() {
        let input = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let mut pieces = line.split('\u{c}');
        pieces.next();
        places.push((page, input));
        for _ in pieces {
            page += 1;
            places.push((page, input));
        }
    }
    places
}

/// Set the line of a block (and of a table's rows and cells) back to the
/// input's line, and its page where the input has several, from the line
/// it starts on.
fn mark_place(b: &mut Block, places: &[(u32, u32)], paged: bool) {
    let page_of = |at: &mut Provenance| {
        let place = at
            .line
            .and_then(|l| places.get((l as usize).checked_sub(1)?));
        if let Some(&(page, input)) = place {
            at.line = Some(input);
            if paged {
                at.page = Some(page);
            }
        }
    };
    match b {
        Block::Heading(h) => page_of(&mut h.at),
        Block::Paragraph(p) => page_of(&mut p.at),
        Block::Table(t) => {
            page_of(&mut t.at);
            for r in &mut t.rows {
                page_of(&mut r.at);
                for c in &mut r.cells {
                    page_of(&mut c.at);
                    for p in &mut c.paragraphs {
                        page_of(&mut p.at);
                    }
                }
            }
            let mut seen: Vec<u32> = t.rows.iter().filter_map(|r| r.at.page).collect();
            seen.dedup();
            t.pages = seen;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feeds_are_page_breaks_in_the_model() {
        let text = "Intro line one\nintro line two\nthird\nfourth\nfifth\n\u{c}Second page text\nmore of it\n\n\u{c}\u{c}Fourth page\n";
        let doc = read(text.as_bytes(), &Limits::default()).unwrap();
        let pages: Vec<Option<u32>> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.at.page,
                _ => None,
            })
            .collect();
        assert_eq!(pages.first(), Some(&Some(1)));
        assert_eq!(pages.last(), Some(&Some(4)));
        assert!(pages.contains(&Some(2)));
    }

    #[test]
    fn without_form_feeds_no_pages_are_claimed() {
        let text = "one\ntwo\nthree\nfour\nfive\nsix\n";
        let doc = read(text.as_bytes(), &Limits::default()).unwrap();
        assert!(doc.blocks.iter().all(|b| match b {
            Block::Paragraph(p) => p.at.page.is_none(),
            _ => true,
        }));
    }

    #[test]
    fn line_places_count_form_feeds_as_pages_not_lines() {
        assert_eq!(
            line_places("a\n\u{c}b\nc\u{c}d"),
            vec![(1, 1), (1, 2), (2, 2), (2, 3), (3, 3)]
        );
    }

    #[test]
    fn a_block_after_form_feeds_points_at_its_own_input_line() {
        let text =
            "Heading words here\n\nfirst body para\n\u{c}\u{c}Third page opens\nand goes on\n";
        let doc = read(text.as_bytes(), &Limits::default()).unwrap();
        let third = doc.blocks.iter().find_map(|b| match b {
            Block::Paragraph(p) if p.text.starts_with("Third page opens") => Some(p),
            _ => None,
        });
        let p = third.expect("the third page's paragraph");
        assert_eq!((p.at.page, p.at.line), (Some(3), Some(4)));
    }
}
