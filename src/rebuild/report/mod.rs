//! Annual-report tables that lost their grid, back into model tables.
//!
//! Why here and not in the report reader: a report saved as flat text may
//! print a table one cell per paragraph, row by row (a membership table:
//! the name header, the post header, then each member's name and post).
//! Telling that run of paragraphs is a table is rebuilding the grid, as
//! [`crate::rebuild::lines`] does for plans; once it is a model table, the
//! report reader reads it exactly as it reads a DOCX or PDF table.
//!
//! - [`members`]: membership tables printed one cell per paragraph;
//! - [`statement`]: side-by-side income and expenditure statements
//!   printed one cell per paragraph.

mod members;
mod statement;

use std::borrow::Cow;

use crate::contract::norm;
use crate::model::{Block, Document, Provenance};
use crate::recognise::Grammars;

/// `doc` with every membership table and side-by-side statement printed
/// one cell per paragraph made a table; every other block as it was. The
/// document itself where there is no such table (most documents).
pub fn rebuild<'d>(doc: &'d Document, g: &Grammars) -> Cow<'d, Document> {
    // The blocks that print something, each with its lines (None: a
    // table); a paragraph without text is no box.
    let boxes: Vec<Printed<'_>> = doc
        .blocks
        .iter()
        .filter_map(|b| match lines(b) {
            Some(l) if l.is_empty() => None,
            lines => Some(Printed { block: b, lines }),
        })
        .collect();
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    let mut at = 0;
    let mut i = 0;
    while let Some(b) = boxes.get(i) {
        let found = members::table(&boxes, i, &g.report).or_else(|| statement::table(&boxes, i, g));
        let Some((table, end)) = found else {
            i += 1;
            continue;
        };
        // Everything before the table as it was, blocks without text too.
        let start = index_of(doc, b.block);
        blocks.extend(
            doc.blocks
                .get(at..start)
                .unwrap_or_default()
                .iter()
                .cloned(),
        );
        // Lines above the header in its paragraph (a caption, the
        // section's heading) stay a paragraph of their own.
        if let Some(above) = b.lines.as_ref().filter(|l| l.len() > 1) {
            blocks.push(with_text(b.block, &above[..above.len() - 1].join("\n")));
        }
        blocks.push(Block::Table(table));
        at = boxes
            .get(end)
            .map_or(doc.blocks.len(), |e| index_of(doc, e.block));
        i = end;
    }
    if blocks.is_empty() {
        return Cow::Borrowed(doc);
    }
    blocks.extend(doc.blocks.get(at..).unwrap_or_default().iter().cloned());
    Cow::Owned(Document {
        format: doc.format,
        pages: doc.pages,
        title: doc.title.clone(),
        blocks,
        warnings: doc.warnings.clone(),
    })
}

/// A block that prints something, with its lines (None for a table).
struct Printed<'a> {
    block: &'a Block,
    lines: Option<Vec<String>>,
}

impl Printed<'_> {
    /// The lines joined into one line.
    fn text(&self) -> Option<String> {
        self.lines.as_ref().map(|l| l.join(" "))
    }
}

/// Where a block stands in the document.
fn index_of(doc: &Document, b: &Block) -> usize {
    doc.blocks
        .iter()
        .position(|x| std::ptr::eq(x, b))
        .unwrap_or(doc.blocks.len())
}

/// Where a paragraph or heading was read.
fn provenance(b: &Block) -> Provenance {
    match b {
        Block::Heading(h) => h.at,
        Block::Paragraph(p) => p.at,
        Block::Table(t) => t.at,
    }
}

/// A paragraph's or heading's lines, normalised, empty ones dropped; None
/// for a table.
fn lines(b: &Block) -> Option<Vec<String>> {
    let text = match b {
        Block::Heading(h) => &h.text,
        Block::Paragraph(p) => &p.text,
        Block::Table(_) => return None,
    };
    Some(text.lines().map(norm).filter(|l| !l.is_empty()).collect())
}

/// A paragraph or heading with other text.
fn with_text(b: &Block, text: &str) -> Block {
    let mut b = b.clone();
    match &mut b {
        Block::Heading(h) => h.text = text.to_string(),
        Block::Paragraph(p) => p.text = text.to_string(),
        Block::Table(_) => {}
    }
    b
}

#[cfg(test)]
pub(super) mod tests {
    use crate::contract::Report;
    use crate::interpret::report;
    use crate::model::{Block, Document, Format, Paragraph, Provenance};
    use crate::recognise::Grammars;

    /// The report the report reader finds in a document of paragraphs
    /// (`\n` a line break inside one, paragraph k on line 2k+1) once its
    /// tables are rebuilt.
    pub(in crate::rebuild::report) fn read(paras: &[&str]) -> Report {
        let mut doc = Document::new(Format::Text);
        for (i, t) in paras.iter().enumerate() {
            let at = Provenance::line(2 * i as u32 + 1);
            doc.blocks.push(Block::Paragraph(Paragraph::new(*t, at)));
        }
        let g = Grammars::builtin();
        report::extract(&super::rebuild(&doc, &g), &g).report
    }
}
