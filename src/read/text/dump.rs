//! pdftotext-style dumps: one column of wrapped lines, no tabs, blank lines
//! between text boxes. Without geometry there are no tables to rebuild here;
//! each blank-line-separated group of lines becomes one paragraph (lines
//! joined by `\n`, so the interpreter still sees where lines broke) and the
//! interpreter reads the plan from that flow.

use crate::model::{Block, Paragraph, Provenance};

use super::markup;

/// A dump has no tabs and short lines: a wrapped page, not a paragraph per
/// line. (An export keeps each paragraph on one long line.)
pub fn looks_like_dump(lines: &[&str]) -> bool {
    let nonblank: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().count())
        .collect();
    if nonblank.len() < 5 || lines.iter().any(|l| l.contains('\t')) {
        return false;
    }
    let long = nonblank.iter().filter(|&&n| n > 160).count();
    long * 50 < nonblank.len()
}

pub fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut group: Vec<String> = Vec::new();
    let mut group_start = 0usize;
    let mut list = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            flush(&mut out, &mut group, group_start, list);
            continue;
        }
        if starts_fresh_run(line, group.last()) {
            flush(&mut out, &mut group, group_start, list);
        }
        if group.is_empty() {
            group_start = i;
            let (_, bullet) = markup::strip_bullet(line);
            list = bullet;
        }
        let (text, _) = markup::strip_bullet(line);
        group.push(text.trim_end().to_string());
    }
    flush(&mut out, &mut group, group_start, list);
    out
}

/// Does `line` open a new text run although no blank line precedes it?
///
/// Why: pdftotext trims every wrapped line, so white space at the start of a
/// line never comes from wrapping; it marks a text box that pdftotext glued
/// to the one before (typically the first box of a new page, emitted right
/// after the previous page's last cell). The one exception is the baseline
/// text that resumes after a raised fragment (a superscript ordinal such as
/// "rd" printed on its own line), which keeps its leading space.
fn starts_fresh_run(line: &str, previous: Option<&String>) -> bool {
    let Some(prev) = previous else {
        return false;
    };
    if !line.starts_with(char::is_whitespace) {
        return false;
    }
    let prev = prev.trim();
    let raised = !prev.is_empty()
        && prev.chars().count() <= 2
        && prev.chars().all(|c| c.is_ascii_lowercase());
    !raised
}

fn flush(out: &mut Vec<Block>, group: &mut Vec<String>, start: usize, list: bool) {
    if group.is_empty() {
        return;
    }
    let mut p = Paragraph::new(group.join("\n"), Provenance::line(start as u32 + 1));
    p.list = list.then_some(0);
    out.push(Block::Paragraph(p));
    group.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_wrapped_lines() {
        let src = "1 For some children, there are \ndifficulties \n\n1.1 Undertake an audit \n\n\u{f0b7} bullet item\nmore\nx\ny\n";
        let lines: Vec<&str> = src.lines().collect();
        assert!(looks_like_dump(&lines));
        let b = blocks(&lines);
        assert_eq!(b.len(), 3);
        match &b[2] {
            Block::Paragraph(p) => {
                assert_eq!(p.list, Some(0));
                assert!(p.text.starts_with("bullet item\nmore"));
                assert_eq!(p.at.line, Some(6));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn leading_space_starts_a_new_run_except_after_a_superscript() {
        let src = "Police\nDCI A Person\n 4 When children are at risk\nof harm\n\non 20\nth\n April 2020\n";
        let lines: Vec<&str> = src.lines().collect();
        let texts: Vec<String> = blocks(&lines)
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "Police\nDCI A Person".to_string(),
                " 4 When children are at risk\nof harm".to_string(),
                "on 20\nth\n April 2020".to_string(),
            ]
        );
    }
}
