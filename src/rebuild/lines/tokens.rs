//! The document as a stream of printed lines, blank lines included.
//!
//! Why the blanks matter: a word processor saving a table as plain text
//! prints every cell paragraph on a line of its own and an empty cell as an
//! empty line. The text reader drops blank lines, but every paragraph keeps
//! the line it started on, so the gaps between line numbers give the empty
//! cells back.

use crate::model::{Block, Document, Paragraph};

/// One printed line: a paragraph, or a blank line (an empty cell or an empty
/// paragraph).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The paragraph's text; empty for a blank line.
    pub text: String,
    /// The paragraph is a list item (a bullet the reader stripped).
    pub list: bool,
    /// 1-based line in the input.
    pub line: u32,
}

impl Token {
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn paragraph(&self) -> Paragraph {
        Paragraph {
            list: self.list.then_some(0),
            ..Paragraph::new(
                self.text.trim_end(),
                crate::model::Provenance::line(self.line),
            )
        }
    }
}

/// A reader may have joined consecutive lines into one paragraph (a file
/// with few long lines looks like a wrapped dump to it). That is harmless
/// when every line is a whole paragraph, but a dump wrapped at a column
/// width (pdftotext) is a different layout, for the flow reader: there many
/// lines go on a sentence, starting lower case. One join in this many may.
const MAX_WRAPPED_SHARE: usize = 8;

/// The lines of `doc`, or None when the document is not a paragraph-per-line
/// text (tables already rebuilt, paragraphs without line numbers, or lines
/// wrapped at a width).
pub fn tokens(doc: &Document) -> Option<Vec<Token>> {
    let mut out: Vec<Token> = Vec::new();
    let mut joins = 0usize;
    let mut wrapped = 0usize;
    let mut last: Option<u32> = None;
    for block in &doc.blocks {
        let (text, list, at) = match block {
            Block::Paragraph(p) => (&p.text, p.list.is_some(), p.at.line?),
            Block::Heading(h) => (&h.text, false, h.at.line?),
            Block::Table(_) => return None,
        };
        let parts: Vec<&str> = text.split('\n').collect();
        for part in parts.iter().skip(1) {
            joins += 1;
            let goes_on = part
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            wrapped += usize::from(goes_on);
        }
        if let Some(prev) = last {
            for line in prev.saturating_add(1)..at {
                out.push(Token {
                    text: String::new(),
                    list: false,
                    line,
                });
            }
        }
        for (k, part) in parts.iter().enumerate() {
            out.push(Token {
                text: part.trim_end().to_string(),
                // A reader that joined lines marks the paragraph by its
                // first line only.
                list: list && k == 0,
                line: at.saturating_add(k as u32),
            });
        }
        last = Some(at.saturating_add(parts.len().saturating_sub(1) as u32));
    }
    (!out.is_empty() && wrapped * MAX_WRAPPED_SHARE <= joins).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Provenance};

    fn doc(lines: &[(u32, &str)]) -> Document {
        let mut d = Document::new(Format::Text);
        for (l, t) in lines {
            d.blocks
                .push(Block::Paragraph(Paragraph::new(*t, Provenance::line(*l))));
        }
        d
    }

    #[test]
    fn gaps_in_line_numbers_are_blank_lines() {
        let t = tokens(&doc(&[(1, "Ref"), (2, "Action"), (5, "1.1 Do")])).unwrap_or_default();
        let shape: Vec<bool> = t.iter().map(Token::blank).collect();
        assert_eq!(shape, vec![false, false, true, true, false]);
        assert_eq!(t[4].line, 5);
    }

    #[test]
    fn wrapped_paragraphs_are_not_this_layout() {
        let wrapped = doc(&[(1, "Review the\npathway"), (4, "Audit the\ncases")]);
        assert!(tokens(&wrapped).is_none());
        // Whole paragraphs a reader joined keep their lines.
        let joined = doc(&[(1, "Ref\nActions"), (4, "1.1 Do\nMay 2020")]);
        let t = tokens(&joined).unwrap_or_default();
        assert_eq!(t.len(), 5);
        assert!(t[2].blank() && !t[3].blank());
        assert_eq!(t[4].line, 5);
    }
}
