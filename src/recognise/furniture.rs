//! Page furniture: running heads and feet, and page numbers, flagged once
//! on the model right after reading (`Paragraph::furniture`,
//! `Heading::furniture`), so that no interpreter detects it again.
//!
//! Why on the model: whether a line is printed by the page rather than the
//! author shows only across pages (the same line at the same place on page
//! after page), which no single block, and no single interpreter, sees.
//! The readers of paged formats that must drop such lines before they
//! build paragraphs and tables (PDF margins, form-fed text layouts) do so
//! themselves; this pass catches what reaches the model.
//!
//! A running line: a short line with a word in it, among the first or last
//! lines of a page, whose shape (digits as `#`, so "3 | Annual Report" and
//! "4 | Annual Report" agree) is printed there on several pages. Every line
//! of that shape on a page is furniture. A page number: "12", "Page 12",
//! "Page 12 of 41", "- 12 -", the page word from `report.toml`
//! (`page_words`). Only blocks with a page can be running lines; a page
//! number is one wherever it stands.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::contract::norm;
use crate::model::{Block, Document, bullets};

/// Tolerances of the furniture pass.
#[derive(Debug, Clone, Copy)]
pub struct FurnitureSettings {
    /// A shape printed at a page edge on at least this many pages is
    /// running: two pages can share a line by chance (a heading at the top
    /// of both), three rarely do.
    pub min_pages: usize,
    /// How many lines at the top and at the bottom of a page count as its
    /// edge: a head and a subhead, a footer over a page number.
    pub edge_lines: usize,
    /// Longer lines are body text, never running lines.
    pub max_chars: usize,
    /// The most digits a page number has ("1234"); a longer number is a
    /// figure.
    pub max_page_digits: usize,
}

/// The settings docket uses.
pub const FURNITURE: FurnitureSettings = FurnitureSettings {
    min_pages: 3,
    edge_lines: 2,
    max_chars: 120,
    max_page_digits: 4,
};

/// The words of a page number line, from the grammar (`report.toml`):
/// `page` names a page ("Page"), `of` joins its number to the count ("of").
pub struct PageWords<'a> {
    pub page: &'a dyn Fn(&str) -> bool,
    pub of: &'a dyn Fn(&str) -> bool,
}

/// Flag the page furniture of `doc` with the grammar's page words: the
/// pass run after every reader.
pub fn flag_document(doc: &mut Document, g: &crate::recognise::Grammars) {
    let lex = g.report.phrases();
    let page = |w: &str| lex.page_words.whole(w).is_some();
    let of = |w: &str| lex.page_of_words.whole(w).is_some();
    flag(
        doc,
        &FURNITURE,
        &PageWords {
            page: &page,
            of: &of,
        },
    );
}

/// Flag the page furniture of `doc`.
pub fn flag(doc: &mut Document, s: &FurnitureSettings, words: &PageWords<'_>) {
    let texts: Vec<Option<(String, Option<u32>)>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => line_text(&h.text).map(|t| (t, h.at.page)),
            Block::Paragraph(p) => line_text(&p.text).map(|t| (t, p.at.page)),
            Block::Table(_) => None,
        })
        .collect();
    let running = running_shapes(&texts, s);
    for (b, t) in doc.blocks.iter_mut().zip(&texts) {
        let Some((text, page)) = t else { continue };
        let furniture =
            (page.is_some() && running.contains(&shape(text))) || is_page_number(text, s, words);
        match b {
            Block::Heading(h) => h.furniture |= furniture,
            Block::Paragraph(p) => p.furniture |= furniture,
            Block::Table(_) => {}
        }
    }
}

/// A block's text as one line: each line without its bullet, normalised,
/// joined by a space; None when nothing is left.
fn line_text(raw: &str) -> Option<String> {
    let lines: Vec<String> = raw
        .lines()
        .map(|l| norm(bullets::strip_bullet(l).0))
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// The shapes of running lines: short lines with a word, among the edge
/// lines of `min_pages` pages or more. A line of figures and marks alone
/// ("3.", a lone bullet glyph) is a section number or a list mark broken
/// off its text, not a running line.
fn running_shapes(
    texts: &[Option<(String, Option<u32>)>],
    s: &FurnitureSettings,
) -> BTreeSet<String> {
    let mut by_page: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for (text, page) in texts.iter().flatten() {
        if let Some(p) = page {
            by_page.entry(*p).or_default().push(text.as_str());
        }
    }
    let mut edge_pages: HashMap<String, BTreeSet<u32>> = HashMap::new();
    for (page, lines) in &by_page {
        let n = lines.len();
        for (k, text) in lines.iter().enumerate() {
            if (k < s.edge_lines || k + s.edge_lines >= n)
                && text.chars().count() <= s.max_chars
                && text.chars().any(char::is_alphabetic)
            {
                edge_pages.entry(shape(text)).or_default().insert(*page);
            }
        }
    }
    edge_pages
        .into_iter()
        .filter(|(_, p)| p.len() >= s.min_pages)
        .map(|(t, _)| t)
        .collect()
}

/// A line with its digit runs as `#`: a running footer "3 | Annual Report"
/// has the same shape on every page.
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// "12", "Page 12", "Page 12 of 41", "- 12 -": a page number, never text.
pub fn is_page_number(text: &str, s: &FurnitureSettings, page_words: &PageWords<'_>) -> bool {
    let mut words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '|')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.first().is_some_and(|w| (page_words.page)(w)) {
        words.remove(0);
    }
    let digits = |w: &str| {
        !w.is_empty() && w.len() <= s.max_page_digits && w.chars().all(|c| c.is_ascii_digit())
    };
    match words.as_slice() {
        [n] => digits(n),
        [n, of, m] => digits(n) && (page_words.of)(of) && digits(m),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Heading, Paragraph, Provenance};

    fn para(t: &str, page: u32) -> Block {
        Block::Paragraph(Paragraph::new(t, Provenance::page(page)))
    }

    /// Invented page words: "Folio 3 de 9".
    fn flagged(doc: &mut Document) -> Vec<(String, bool)> {
        let words = PageWords {
            page: &|w| w.eq_ignore_ascii_case("folio"),
            of: &|w| w == "de",
        };
        flag(doc, &FURNITURE, &words);
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.clone(), p.furniture)),
                Block::Heading(h) => Some((h.text.clone(), h.furniture)),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn running_lines_and_page_numbers_are_flagged() {
        let mut doc = Document::new(Format::Pdf);
        let words = ["ferries", "tides", "piers", "buoys"];
        for (p, w) in (1..=4).zip(words) {
            doc.blocks
                .push(para(&format!("{p} | Harbour Notes 2031"), p));
            doc.blocks.push(para(&format!("Body text about {w}"), p));
            doc.blocks.push(para("Quay Rota", p));
            doc.blocks.push(para(&format!("More text about {w}"), p));
            doc.blocks.push(para(&format!("Folio {p} de 4"), p));
            doc.blocks.push(para(&format!("- {p} -"), p));
        }
        for (text, furniture) in flagged(&mut doc) {
            let body = text.starts_with("Body") || text.starts_with("More") || text == "Quay Rota";
            assert_eq!(furniture, !body, "{text}");
        }
    }

    #[test]
    fn two_pages_a_long_line_and_a_figure_line_are_not_running() {
        let mut doc = Document::new(Format::Pdf);
        let long = "A very long line that opens every page but reads as body text, ".repeat(2);
        for p in 1..=3 {
            doc.blocks.push(para(&format!("{p}."), p));
            doc.blocks.push(para(&format!("Chapter on page {p}"), p));
            doc.blocks.push(para("Middle words", p));
            doc.blocks.push(para("More middle words", p));
            doc.blocks
                .push(para(if p < 3 { "Twice only" } else { "Once" }, p));
            doc.blocks.push(para(&long, p));
        }
        let out = flagged(&mut doc);
        assert!(out.iter().any(|(t, f)| t == "1." && !f));
        assert!(out.iter().any(|(t, f)| t == &long && !f));
        assert!(out.iter().any(|(t, f)| t == "Twice only" && !f));
        // "Chapter on page #" is at an edge of three pages: running.
        assert!(out.iter().any(|(t, f)| t == "Chapter on page 2" && *f));
        assert!(out.iter().any(|(t, f)| t == "Middle words" && !f));
    }

    #[test]
    fn page_numbers_need_the_page_words_and_short_numbers() {
        let words = PageWords {
            page: &|w| w == "folio",
            of: &|w| w == "de",
        };
        let n = |t: &str| is_page_number(t, &FURNITURE, &words);
        assert!(n("12") && n("Folio 12") && n("FOLIO 3 de 41") && n("| 7 |"));
        assert!(!n("Page 12") && !n("3 of 41") && !n("12345") && !n("Folio twelve"));
        assert!(!n("Priority 3"));
    }

    #[test]
    fn headings_and_unpaged_blocks() {
        let mut doc = Document::new(Format::Docx);
        for _ in 0..4 {
            doc.blocks.push(Block::Heading(Heading {
                level: 1,
                text: "Same heading".into(),
                at: Provenance::default(),
                furniture: false,
            }));
        }
        doc.blocks.push(Block::Heading(Heading {
            level: 2,
            text: "Folio 2".into(),
            ..Default::default()
        }));
        let out = flagged(&mut doc);
        // No pages: nothing runs; a page number is one anywhere.
        assert_eq!(out.iter().filter(|(_, f)| *f).count(), 1);
        assert!(out.last().is_some_and(|(_, f)| *f));
    }
}
