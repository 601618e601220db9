//! Words a narrow column broke mid-word ("Safeguardin" / "g"), made whole.
//!
//! Why from the document itself: a word broken at a line end in one cell is
//! printed whole inside a line elsewhere in the same plan ("Named Nurse
//! Safeguarding Children"). Words inside a line were never wrapped, so they
//! are the document's own spelling list; two pieces at a line break are
//! glued when together they spell such a word and one of them alone does
//! not ("in" + "to" stay two words).

use std::collections::HashSet;

use crate::rebuild::flow::para::Para;

/// Lower-case letters and digits of a token: how words are compared.
fn bare(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Words printed inside a line (neither first nor last on it).
fn inner_words(paras: &[Para]) -> HashSet<String> {
    let mut out = HashSet::new();
    for line in paras.iter().flat_map(|p| &p.lines) {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        for t in tokens.iter().skip(1).take(tokens.len().saturating_sub(2)) {
            let b = bare(t);
            if !b.is_empty() {
                out.insert(b);
            }
        }
    }
    out
}

/// The paragraphs with every word broken over two lines glued back.
pub(super) fn mend_broken_words(paras: &[Para]) -> Vec<Para> {
    let known = inner_words(paras);
    paras
        .iter()
        .map(|p| {
            let mut lines: Vec<String> = Vec::with_capacity(p.lines.len());
            for line in &p.lines {
                let mut rest = line.trim_start();
                if let Some(prev) = lines.last_mut() {
                    let head = rest.split_whitespace().next().unwrap_or("");
                    let tail = prev.split_whitespace().last().unwrap_or("");
                    if glues(tail, head, &known) {
                        prev.push_str(head);
                        rest = rest.get(head.len()..).unwrap_or("").trim_start();
                    }
                }
                if !rest.is_empty() {
                    lines.push(rest.to_string());
                }
            }
            Para {
                lines,
                line: p.line,
                list: p.list,
                page: p.page,
            }
        })
        .collect()
}

/// Do the last token of a line and the first of the next spell one word?
/// Only letters meet at the break (no punctuation, no hyphen), the next
/// piece is lower case, the two spell a known word and one alone does not.
fn glues(tail: &str, head: &str, known: &HashSet<String>) -> bool {
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let head_word = head.trim_end_matches(|c: char| !c.is_alphanumeric());
    if !letters(tail) || !letters(head_word) || !head_word.starts_with(char::is_lowercase) {
        return false;
    }
    let whole = format!("{}{}", bare(tail), bare(head_word));
    known.contains(&whole) && !(known.contains(&bare(tail)) && known.contains(&bare(head_word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(lines: &[&str]) -> Para {
        Para {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            line: 1,
            list: false,
            page: None,
        }
    }

    #[test]
    fn glues_pieces_that_spell_a_word_printed_whole_elsewhere() {
        let paras = vec![
            para(&["Named Nurse Safeguarding Children lead", "went in to see"]),
            para(&[
                "Named Nurse",
                "Safeguardin",
                "g Children",
                "went in",
                "to the room",
            ]),
        ];
        let out = mend_broken_words(&paras);
        assert_eq!(
            out[1].lines,
            vec![
                "Named Nurse",
                "Safeguarding",
                "Children",
                "went in",
                "to the room"
            ]
        );
        assert_eq!(out[0].lines, paras[0].lines);
    }
}
