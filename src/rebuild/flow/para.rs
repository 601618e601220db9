//! The flow's paragraphs: read from the document's text blocks, and split
//! where pdftotext glued a row's first line to the box before it (the refs
//! in sequence show where).

use super::cues::join;
use crate::model::{Block, Document};
use crate::recognise::reference;

/// One paragraph of the flow, as lines.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub(super) lines: Vec<String>,
    pub(super) line: u32,
    pub(super) list: bool,
    /// The page the paragraph starts on, where the reader knows pages (a
    /// dump's form feeds).
    pub(super) page: Option<u32>,
}

impl Para {
    pub(super) fn first(&self) -> &str {
        self.lines.first().map(String::as_str).unwrap_or("")
    }
    pub(super) fn width(&self) -> usize {
        self.lines.iter().map(|l| width(l)).max().unwrap_or(0)
    }
    pub(super) fn joined(&self) -> String {
        join(&self.lines)
    }
}

pub(super) fn width(line: &str) -> usize {
    // A line's length: the unit the growth tests count.
    crate::work::step(1 + line.len() as u64 / 64);
    line.trim().chars().count()
}

/// What a line opening with a number continues the sequence with.
#[derive(Default)]
pub(super) struct Sequence {
    pub(super) finding: Option<u32>,
    pub(super) action: Option<(u32, u32)>,
}

impl Sequence {
    /// Does `line` open with the next ref in sequence ("2.3" after "2.2",
    /// "3.1" or "3" after "2.x") followed by a capitalised word?
    /// A paragraph's `last` line may also be a bare dotted ref ("2.3", or
    /// any later one): a ref cell printed straight after the cell above it
    /// (a narrow page set-up leaves no gap between the boxes).
    pub(super) fn continues_at(&self, line: &str, last: bool) -> bool {
        let Some((r, rest)) = reference::split_ref(line) else {
            return false;
        };
        let bare = last && rest.is_empty() && r.contains('.');
        if !bare && !rest.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        let parts: Vec<u32> = r.split('.').filter_map(|p| p.parse().ok()).collect();
        let group = self.action.map(|(m, _)| m).max(self.finding).unwrap_or(0);
        match parts[..] {
            // A bare ref may skip numbers (a plan answers some of a report's
            // recommendations): alone on a cell's last line, any ref after
            // the last one opens the next row.
            [m, n] if bare => self.action.is_some_and(|last| (m, n) > last),
            [m, n] => match self.action {
                Some((am, an)) => (m == am && n == an + 1) || (m == group + 1 && n == 1),
                None => n == 1 && (m == group.max(1) || m == group + 1),
            },
            [n] => self.finding.is_some() && n == group + 1,
            _ => false,
        }
    }

    pub(super) fn note(&mut self, line: &str) {
        if let Some((r, _)) = reference::split_ref(line) {
            let parts: Vec<u32> = r.split('.').filter_map(|p| p.parse().ok()).collect();
            match parts[..] {
                [m, n] => self.action = Some((m, n)),
                [n] if self.finding.is_none_or(|f| n == f + 1) => self.finding = Some(n),
                _ => {}
            }
        }
    }
}

/// Split paragraphs where a line inside opens with the next ref in sequence:
/// pdftotext glues a row's first line to the previous box when no blank line
/// falls between them.
pub(super) fn split_glued(paras: Vec<Para>) -> Vec<Para> {
    let mut seq = Sequence::default();
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        seq.note(p.first());
        let mut start = 0;
        for k in 1..p.lines.len() {
            let line = p.lines[k].trim();
            if seq.continues_at(line, k + 1 == p.lines.len()) {
                out.push(Para {
                    lines: p.lines[start..k].to_vec(),
                    line: p.line + start as u32,
                    list: p.list && start == 0,
                    page: p.page,
                });
                start = k;
                seq.note(line);
            }
        }
        out.push(Para {
            lines: p.lines[start..].to_vec(),
            line: p.line + start as u32,
            list: p.list && start == 0,
            page: p.page,
        });
    }
    out
}

/// The document's paragraphs (tables are the table interpreter's).
pub(super) fn paragraphs(doc: &Document) -> Vec<Para> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.at, p.list.is_some())),
            Block::Heading(h) => Some((h.text.as_str(), h.at, false)),
            Block::Table(_) => None,
        })
        .filter(|(t, _, _)| !t.trim().is_empty())
        .map(|(t, at, list)| Para {
            lines: t
                .lines()
                .map(|l| l.trim_end().to_string())
                .filter(|l| !l.trim().is_empty())
                .collect(),
            line: at.line.unwrap_or(0),
            list,
            page: at.page,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(lines: &[&str], line: u32) -> Para {
        Para {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            line,
            list: false,
            page: None,
        }
    }

    #[test]
    fn a_next_ref_printed_as_a_cell_s_last_line_is_split_off() {
        let paras = vec![
            para(&["2.2"], 1),
            para(&["review and detail with", "regard to progress.", "2.3"], 3),
            // Not the next ref, and a bare number in mid-paragraph: kept.
            para(&["Autumn", "2016"], 7),
            para(&["see 4.1", "4.1", "of the plan"], 9),
            // A later ref that skips numbers, and an earlier one (kept).
            para(&["for children and families.", "5.4"], 13),
            para(&["as in", "2.1"], 16),
        ];
        let out = split_glued(paras);
        let texts: Vec<String> = out.iter().map(|p| p.lines.join("|")).collect();
        assert_eq!(
            texts,
            vec![
                "2.2",
                "review and detail with|regard to progress.",
                "2.3",
                "Autumn|2016",
                "see 4.1|4.1|of the plan",
                "for children and families.",
                "5.4",
                "as in|2.1"
            ]
        );
        assert_eq!(out.get(2).map(|p| p.line), Some(5));
    }
}
