//! Finding numbers printed apart from their texts.
//!
//! Why: pdftotext without -layout reads a page column by column where the
//! columns do not share baselines, so the ref column of a page comes out as
//! one run of bare numbers ("1", "2", "3"), often under the section row that
//! heads it ("Health" / "10"), while the finding texts come elsewhere. The
//! run still says which numbers the page's finding texts take, in order,
//! and which section they sit under.

use super::cues::{date_spans, join, mentions_month, words};
use super::lexicon::Lexicon;
use super::para::Para;

/// The ref column of a page: an optional section row, then bare numbers.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NumberRun {
    pub(super) section: Option<String>,
    pub(super) numbers: Vec<u32>,
}

/// A line that is only a small number ("7"): a finding's ref cell. Years
/// and other long numbers are not refs.
fn bare_number(line: &str) -> Option<u32> {
    let t = line.trim();
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|&n| n >= 1)
}

/// A short capitalised line that is no date and no label: what a section
/// row prints ("East Sussex County Council").
fn section_like(text: &str, lex: &Lexicon) -> bool {
    let n = words(text).len();
    (1..=8).contains(&n)
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.trim_end().ends_with(':')
        && date_spans(text, lex).is_empty()
        && !mentions_month(text, lex)
}

/// The paragraph as a number run: bare numbers rising by one, under at
/// most two section lines; `None` for anything else.
pub(super) fn number_run(p: &Para, lex: &Lexicon) -> Option<NumberRun> {
    let k = p.lines.iter().position(|l| bare_number(l).is_some())?;
    let numbers: Vec<u32> = p
        .lines
        .get(k..)?
        .iter()
        .map(|l| bare_number(l))
        .collect::<Option<_>>()?;
    if numbers
        .windows(2)
        .any(|w| w.get(1) != w.first().map(|n| n + 1).as_ref())
    {
        return None;
    }
    let head = p.lines.get(..k)?;
    let section = match head {
        [] => None,
        [_] | [_, _] => {
            let text = join(head);
            if !section_like(&text, lex) {
                return None;
            }
            Some(text)
        }
        _ => return None,
    };
    Some(NumberRun { section, numbers })
}

/// Paragraphs whose last lines are a run of bare numbers printed straight
/// after the text above them (a finding cell's page-break tail, then the
/// page's ref column) are split in two, so that the run is read as one.
pub(super) fn split_trailing_runs(paras: Vec<Para>, lex: &Lexicon) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let tail = p
            .lines
            .iter()
            .rev()
            .take_while(|l| bare_number(l).is_some())
            .count();
        let k = p.lines.len() - tail;
        if tail == 0 || k == 0 || number_run(&p, lex).is_some() {
            out.push(p);
            continue;
        }
        let (head, run) = p.lines.split_at(k);
        out.push(Para {
            lines: head.to_vec(),
            line: p.line,
            list: p.list,
            page: p.page,
        });
        out.push(Para {
            lines: run.to_vec(),
            line: p.line + u32::try_from(k).unwrap_or(0),
            list: false,
            page: p.page,
        });
    }
    out
}

/// Is the paragraph only bare numbers (a ref cell left between the boxes
/// of a repeated header row)?
pub(super) fn only_numbers(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| bare_number(l).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rebuild::flow::lexicon::builtin as lexicon;

    fn para(text: &str) -> Para {
        Para {
            lines: text.lines().map(str::to_string).collect(),
            line: 1,
            list: false,
            page: None,
        }
    }

    #[test]
    fn reads_runs_under_a_section_row() {
        let lex = lexicon();
        let run = number_run(&para("Partnership areas\n4"), lex);
        assert_eq!(
            run,
            Some(NumberRun {
                section: Some("Partnership areas".into()),
                numbers: vec![4]
            })
        );
        assert_eq!(
            number_run(&para("12"), lex).map(|r| r.numbers),
            Some(vec![12])
        );
        assert_eq!(
            number_run(&para("3\n4"), lex).map(|r| r.numbers),
            Some(vec![3, 4])
        );
    }

    #[test]
    fn rejects_what_is_no_ref_column() {
        let lex = lexicon();
        for text in [
            "2020",
            "Review by\nMarch\n2021",
            "3\n5",
            "Partnership areas",
            "Outcome:\n4",
            "One two three four five six seven eight nine\n4",
            "October\n2",
        ] {
            assert_eq!(number_run(&para(text), lex), None, "{text}");
        }
        assert!(only_numbers("13"));
        assert!(!only_numbers("13 Text"));
        assert!(!only_numbers(""));
    }

    #[test]
    fn splits_a_run_printed_after_text() {
        let lex = lexicon();
        let paras = vec![
            para("the end of a finding that broke\nacross the page.\n4\n5"),
            para("Health\n10"),
            para("Some text"),
        ];
        let out: Vec<Vec<String>> = split_trailing_runs(paras, lex)
            .into_iter()
            .map(|p| p.lines)
            .collect();
        assert_eq!(
            out,
            vec![
                vec![
                    "the end of a finding that broke".to_string(),
                    "across the page.".to_string()
                ],
                vec!["4".to_string(), "5".to_string()],
                vec!["Health".to_string(), "10".to_string()],
                vec!["Some text".to_string()],
            ]
        );
    }
}
