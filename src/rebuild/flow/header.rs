//! Column headers in a flow of paragraphs: which columns the plan has and in
//! what order, and which paragraphs are (repeated) header text to drop.
//!
//! Why a run of paragraphs: a dump breaks a header row into text boxes
//! ("Completion date" / "and key" / "milestones"), so a header is matched
//! over consecutive paragraphs, each wholly made of column aliases from
//! `grammars/columns.toml` (longest alias first).

use crate::recognise::grammar::Columns;
use crate::recognise::phrase::{self, Phrases};

/// Paragraphs a header run may have: a header broken into text boxes
/// prints a few per column, and no plan has this many.
const MAX_HEADER_PARAGRAPHS: usize = 64;

/// A parse of header words so far (see [`Aliases::parse_more`]).
#[derive(Debug, Default)]
struct Parse {
    segs: Vec<Seg>,
}

/// One alias read (or a failure to read one, `col` None) at word `start`.
#[derive(Debug)]
struct Seg {
    start: usize,
    len: usize,
    col: Option<Column>,
    /// More words after these cannot change this answer.
    settled: bool,
}

/// What a column holds (the keys of `columns.toml`).
pub use crate::recognise::grammar::ColumnMeaning as Column;

/// Header aliases: the one column-header matcher
/// (`recognise::phrase::column_aliases`).
pub struct Aliases {
    phrases: Phrases<Column>,
}

/// The matching form of header text and aliases alike, as words
/// ("Lead/s" → ["lead", "s"]).
pub fn norm_words(text: &str) -> Vec<String> {
    phrase::words(text)
}

impl Aliases {
    pub fn new(c: &Columns) -> Self {
        Aliases {
            phrases: phrase::column_aliases(c),
        }
    }

    /// Parse `words` wholly into aliases, longest match first (a narrow
    /// header cell breaks its words mid-word, so an alias may span words:
    /// "numbe" "r"); None when a word is left over.
    pub fn parse(&self, words: &[String]) -> Option<Vec<Column>> {
        let mut p = Parse::default();
        self.parse_more(&mut p, words)
    }

    /// [`Self::parse`] of `words`, which extend the words `p` last read:
    /// the aliases read before whose answer more words cannot change (they
    /// read all they could, [`Phrases::glued_window_full`]) are kept, the
    /// rest read again. Why: a header run is parsed again at each of its
    /// paragraphs, and parsing it whole each time cost its length squared
    /// per run.
    fn parse_more(&self, p: &mut Parse, words: &[String]) -> Option<Vec<Column>> {
        let keep = p
            .segs
            .iter()
            .position(|s| !s.settled)
            .unwrap_or(p.segs.len());
        p.segs.truncate(keep);
        if p.segs.last().is_some_and(|s| s.col.is_none()) {
            return None;
        }
        let mut i = p.segs.last().map_or(0, |s| s.start + s.len);
        while i < words.len() {
            crate::work::step(1);
            let rest = &words[i..];
            let settled = self.phrases.glued_window_full(rest);
            let Some((col, _, n)) = self.phrases.glued_prefix(rest) else {
                // A failure may be undone by more words unless settled.
                p.segs.push(Seg {
                    start: i,
                    len: 0,
                    col: None,
                    settled,
                });
                return None;
            };
            p.segs.push(Seg {
                start: i,
                len: n,
                col: Some(col),
                settled,
            });
            i += n;
        }
        p.segs.iter().map(|s| s.col).collect()
    }

    /// The old whole parse, kept for the tests that compare.
    #[cfg(test)]
    fn parse_whole(&self, words: &[String]) -> Option<Vec<Column>> {
        let mut cols = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (col, _, n) = self.phrases.glued_prefix(&words[i..])?;
            cols.push(col);
            i += n;
        }
        Some(cols)
    }

    /// The column whose alias `words` start with (longest alias first): a
    /// header cell that adds an explanation after its alias ("Outcomes How
    /// will we know…").
    pub fn prefix(&self, words: &[String]) -> Option<Column> {
        self.phrases.glued_prefix(words).map(|(c, _, _)| c)
    }

    /// Header words as the table interpreter can read them: an alias
    /// broken mid-word ("ra g rat ing") spelled whole ("rag rating"), the
    /// words after it kept.
    pub fn spelled(&self, words: &[String]) -> Vec<String> {
        match self.phrases.glued_prefix(words) {
            Some((_, id, n)) => self
                .phrases
                .phrase(id)
                .split(' ')
                .map(str::to_string)
                .chain(words.get(n..).unwrap_or(&[]).iter().cloned())
                .collect(),
            None => words.to_vec(),
        }
    }

    /// Do `words` contain an alias as whole words ("Current SCT Progress")?
    pub fn contains(&self, words: &[String]) -> bool {
        !self.phrases.all(&words.join(" ")).is_empty()
    }

    /// The header run starting at paragraph `start` of `texts`: how many
    /// paragraphs it covers and the columns in order. A run must name at
    /// least `min_columns` different columns. One paragraph that does not
    /// parse alone is allowed when the next one completes it.
    #[cfg(test)]
    pub fn run_at(
        &self,
        texts: &[&str],
        start: usize,
        min_columns: usize,
    ) -> Option<(usize, Vec<Column>)> {
        self.try_run_at(texts, start, min_columns).ok()
    }

    /// [`Aliases::run_at`], or when there is no run, how many paragraphs
    /// to move on before trying again: one, except after a run that read
    /// the most paragraphs a header has ([`MAX_HEADER_PARAGRAPHS`]) and
    /// still named too few columns. That is a stretch of repeated aliases
    /// (a damaged save printing "Ref" on 20,000 lines), no plan prints a
    /// header inside one, and trying from each of its paragraphs read it
    /// 64 times over (38,000 such lines: 5 s); half a run on, the stretch
    /// costs two reads per paragraph.
    pub fn try_run_at(
        &self,
        texts: &[&str],
        start: usize,
        min_columns: usize,
    ) -> Result<(usize, Vec<Column>), usize> {
        let mut read = 0;
        let skip = |read: usize| {
            if read >= MAX_HEADER_PARAGRAPHS {
                MAX_HEADER_PARAGRAPHS / 2
            } else {
                1
            }
        };
        let mut words: Vec<String> = Vec::new();
        let mut parse = Parse::default();
        let mut best: Option<(usize, Vec<Column>)> = None;
        let mut pending = 0;
        for (k, text) in texts.iter().enumerate().skip(start) {
            // Each paragraph re-reads the run so far: a run is cut at a
            // header's most paragraphs (a save of one alias line repeated
            // thousands of times was read in cubic time).
            if k - start >= MAX_HEADER_PARAGRAPHS {
                break;
            }
            let w = norm_words(text);
            if w.is_empty() || w.len() > 12 {
                break;
            }
            read += 1;
            words.extend(w);
            match self.parse_more(&mut parse, &words) {
                Some(cols) => {
                    best = Some((k + 1 - start, cols));
                    pending = 0;
                }
                None => {
                    pending += 1;
                    if pending > 1 {
                        break;
                    }
                }
            }
        }
        let Some((n, cols)) = best else {
            return Err(skip(read));
        };
        let mut distinct = cols.clone();
        distinct.dedup();
        let kinds = {
            let mut d = distinct.clone();
            d.sort_by_key(|c| *c as u8);
            d.dedup();
            d.len()
        };
        if kinds >= min_columns {
            Ok((n, cols))
        } else {
            Err(skip(read))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Parsing word by word as a run grows gives what parsing the
        /// whole words each time gives.
        #[test]
        fn parsing_more_is_parsing_whole(
            picks in prop::collection::vec(0usize..12, 1..30)
        ) {
            let pool = [
                "ref", "action", "actions", "lead", "by", "when", "numbe", "r",
                "progress", "rag", "rating", "x",
            ];
            let a = Aliases::new(&crate::recognise::Grammars::builtin().columns);
            let mut p = Parse::default();
            let mut words: Vec<String> = Vec::new();
            for k in picks {
                words.push(pool[k].to_string());
                prop_assert_eq!(a.parse_more(&mut p, &words), a.parse_whole(&words));
            }
        }
    }
    use crate::recognise::Grammars;

    #[test]
    fn header_split_over_text_boxes() {
        let g = Grammars::builtin();
        let a = Aliases::new(&g.columns);
        let texts = [
            " Ref Areas  for development Actions \nCompletion date ",
            "and key \nmilestones ",
            "Lead/s ",
            "Multi- agency areas for development ",
        ];
        let (n, cols) = a.run_at(&texts, 0, 3).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            cols,
            vec![
                Column::Ref,
                Column::Finding,
                Column::Action,
                Column::Timescale,
                Column::Lead
            ]
        );
        assert!(a.run_at(&texts, 3, 1).is_none());
    }

    #[test]
    fn header_words_broken_mid_word() {
        let g = Grammars::builtin();
        let a = Aliases::new(&g.columns);
        let texts = ["Numbe\nr ", "Recommendation ", "Action ", "RAG\nRatin\ng "];
        let (n, cols) = a.run_at(&texts, 0, 3).unwrap();
        assert_eq!(n, 4);
        assert_eq!(
            cols,
            vec![Column::Ref, Column::Finding, Column::Action, Column::Status]
        );
        assert_eq!(
            a.spelled(&norm_words("Ra g Rat ing now")).join(" "),
            "rag rating now"
        );
        // A word is never split to make an alias: "leader" is not "lead".
        assert!(a.parse(&norm_words("leader")).is_none());
    }
}
