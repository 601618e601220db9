//! RTF reader: Rich Text Format (Word, WordPad, LibreOffice exports) into the
//! document model.
//!
//! What is read: paragraphs (`\par`), headings (an outline level, or a style
//! whose stylesheet name is "heading N" or "Title"), list items (`\ls`, with
//! the printed number from `\listtext`), bold runs, and tables: rows from
//! `\trowd … \cellx` definitions and `\intbl … \cell … \row` content, the
//! grid rebuilt from the union of the rows' cell edges, vertical merges
//! (`\clvmgf`/`\clvmrg`), horizontal merges (`\clmgf`/`\clmrg`), header rows
//! (`\trhdr`) and cell shading (`\clcbpat`, or `\clcfpat` at full shading).
//! Text: `\'hh` bytes in the document's code page (`\ansicpg`) or the font's
//! charset, `\uN` with its `\ucN` fallback skipped, Symbol-font bytes as the
//! private-use characters Word gives them, field results (not instructions).
//! Not read: headers, footers, footnotes, annotations, pictures, objects,
//! hidden text and tracked deletions.
//!
//! The reader never fails on content: RTF has no structure to be malformed
//! beyond unbalanced braces, which are tolerated as Word tolerates them.

mod lex;
mod state;

use crate::model::{Document, Format};

use super::Limits;

/// Read an RTF file. Infallible past the sniffer's `{\rtf` check.
pub fn read(bytes: &[u8], _limits: &Limits) -> Document {
    let mut st = state::Reader::new();
    st.run(bytes);
    let (blocks, info_title) = st.finish();
    let mut doc = Document::new(Format::Rtf);
    doc.title = super::blocks::title_of(&blocks).or(info_title);
    doc.blocks = blocks;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Rgb};

    fn doc(src: &str) -> Document {
        read(src.as_bytes(), &Limits::default())
    }

    #[test]
    fn paragraphs_escapes_code_pages_and_unicode() {
        let d = doc(
            r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset204 Cyr;}}{\info{\title My plan}}
\pard Caf\'e9 \u8211?\uc2\u8212\'3f\'3f x\par
{\f1 \'cf\'f0\'e8}\par
{\*\unknowndest hidden}{\field{\*\fldinst HYPERLINK x}{\fldrslt link}}\par
{\pict\bin3 {}}}a\par
}",
        );
        let texts: Vec<String> = doc_texts(&d);
        assert_eq!(texts, vec!["Café \u{2013}\u{2014} x", "При", "link", "a"]);
        assert_eq!(d.title.as_deref(), Some("My plan"));
    }

    fn doc_texts(d: &Document) -> Vec<String> {
        crate::read::blocks::block_texts(d)
    }

    #[test]
    fn headings_lists_and_bold_labels() {
        let d = doc(
            r"{\rtf1{\stylesheet{\s0 Normal;}{\s1 heading 1;}{\s2 Title;}}
\pard\s2 Action plan\par
\pard\s1 Leadership\par
\pard\outlinelevel1 Second\par
\pard{\listtext 1.\tab}\ls1\ilvl0 First item\par
\pard{\listtext\f1 \u61623?\tab}\ls2\ilvl1 Bullet\par
\pard{\b Lead:} Jo\par}",
        );
        assert_eq!(
            doc_texts(&d),
            vec![
                "#0 Action plan",
                "#1 Leadership",
                "#2 Second",
                "1. First item",
                "Bullet",
                "Lead: Jo"
            ]
        );
        let Block::Paragraph(b) = &d.blocks[4] else {
            panic!()
        };
        assert_eq!(b.list, Some(1));
        let Block::Paragraph(l) = &d.blocks[5] else {
            panic!()
        };
        assert_eq!(&l.text[..l.style.bold_prefix], "Lead:");
    }

    #[test]
    fn tables_with_merges_spans_headers_and_shading() {
        let d = doc(
            r"{\rtf1{\colortbl;\red255\green0\blue0;\red255\green255\blue255;}
\trowd\trhdr\cellx1000\cellx3000\pard\intbl Ref\cell Action\cell\row
\trowd\clvmgf\cellx1000\clcbpat1\cellx2000\clcbpat2\cellx3000\pard\intbl 1\cell a\cell b\cell\row
\trowd\clvmrg\cellx1000\cellx2000\cellx3000\pard\intbl\cell c\par c2\cell d\cell\row
\pard After\par}",
        );
        let Block::Table(t) = &d.blocks[0] else {
            panic!("{:?}", d.blocks)
        };
        assert_eq!(t.columns, 3);
        assert!(t.rows[0].header && !t.rows[1].header);
        assert_eq!(t.rows[0].cells[1].col_span, 2);
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        assert_eq!(t.rows[1].cells[1].fill, Some(Rgb::new(255, 0, 0)));
        assert_eq!(t.rows[1].cells[2].fill, None);
        assert_eq!(t.rows[2].cells.len(), 2);
        assert_eq!(t.rows[2].cells[0].text(), "c\nc2");
        assert_eq!(doc_texts(&d)[1], "After");
    }

    #[test]
    fn hostile_input_is_bounded() {
        let deep = "{".repeat(100_000) + r"\rtf1 x" + &"}".repeat(10);
        let _ = read(deep.as_bytes(), &Limits::default());
        let _ = read(
            br"{\rtf1\u-70000?\uc999999999 \'zz\bin999999999",
            &Limits::default(),
        );
        let _ = read(
            br"{\rtf1\intbl\cell\cell\row\cellx-5\row}",
            &Limits::default(),
        );
    }
}
