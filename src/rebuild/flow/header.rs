//! Column headers in a flow of paragraphs: which columns the plan has and in
//! what order, and which paragraphs are (repeated) header text to drop.
//!
//! Why a run of paragraphs: a dump breaks a header row into text boxes
//! ("Completion date" / "and key" / "milestones"), so a header is matched
//! over consecutive paragraphs, each wholly made of column aliases from
//! `grammars/columns.toml` (longest alias first).

use crate::recognise::grammar::Columns;

/// What a column holds (the keys of `columns.toml`).
pub use crate::recognise::grammar::ColumnMeaning as Column;

/// Header aliases as word lists, longest first.
pub struct Aliases {
    list: Vec<(Vec<String>, Column)>,
}

/// Lower case, punctuation to spaces, split: the matching form of header
/// text and aliases alike ("Lead/s" → ["lead", "s"]).
pub fn norm_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// How many of `words` spell `alias` once spaces are ignored ("numbe" "r"
/// for "number", "rag" "ratin" "g" for "rag rating"): a narrow header cell
/// breaks its words mid-word, so the dump prints them as separate words.
/// The match must end on a word boundary; None when it does not match.
fn glued_match(words: &[String], alias: &[String]) -> Option<usize> {
    if words.len() >= alias.len() && words[..alias.len()] == alias[..] {
        return Some(alias.len());
    }
    // The alias's letters run together, walked against the words' letters
    // (no allocation: this runs for every alias at every word).
    let mut target = alias.iter().flat_map(|a| a.bytes());
    for (n, w) in words.iter().enumerate() {
        for b in w.bytes() {
            if target.next() != Some(b) {
                return None;
            }
        }
        if target.clone().next().is_none() {
            return Some(n + 1);
        }
    }
    None
}

impl Aliases {
    pub fn new(c: &Columns) -> Self {
        let mut list: Vec<(Vec<String>, Column)> = c
            .by_meaning()
            .into_iter()
            .flat_map(|(col, aliases)| aliases.iter().map(move |a| (norm_words(a), col)))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Aliases { list }
    }

    /// Parse `words` wholly into aliases, longest match first; None when a
    /// word is left over.
    pub fn parse(&self, words: &[String]) -> Option<Vec<Column>> {
        let mut cols = Vec::new();
        let mut i = 0;
        'outer: while i < words.len() {
            for (alias, col) in &self.list {
                if let Some(n) = glued_match(&words[i..], alias) {
                    cols.push(*col);
                    i += n;
                    continue 'outer;
                }
            }
            return None;
        }
        Some(cols)
    }

    /// The column whose alias `words` start with (longest alias first): a
    /// header cell that adds an explanation after its alias ("Outcomes How
    /// will we know…").
    pub fn prefix(&self, words: &[String]) -> Option<Column> {
        self.list
            .iter()
            .find(|(alias, _)| glued_match(words, alias).is_some())
            .map(|(_, c)| *c)
    }

    /// Header words as the table interpreter can read them: an alias
    /// broken mid-word ("ra g rat ing") spelled whole ("rag rating"), the
    /// words after it kept.
    pub fn spelled(&self, words: &[String]) -> Vec<String> {
        self.list
            .iter()
            .find_map(|(alias, _)| {
                let n = glued_match(words, alias)?;
                Some(alias.iter().chain(words.get(n..)?).cloned().collect())
            })
            .unwrap_or_else(|| words.to_vec())
    }

    /// Do `words` contain an alias as whole words ("Current SCT Progress")?
    pub fn contains(&self, words: &[String]) -> bool {
        self.list
            .iter()
            .any(|(alias, _)| words.windows(alias.len()).any(|w| w == &alias[..]))
    }

    /// The header run starting at paragraph `start` of `texts`: how many
    /// paragraphs it covers and the columns in order. A run must name at
    /// least `min_columns` different columns. One paragraph that does not
    /// parse alone is allowed when the next one completes it.
    pub fn run_at(
        &self,
        texts: &[&str],
        start: usize,
        min_columns: usize,
    ) -> Option<(usize, Vec<Column>)> {
        let mut words: Vec<String> = Vec::new();
        let mut best: Option<(usize, Vec<Column>)> = None;
        let mut pending = 0;
        for (k, text) in texts.iter().enumerate().skip(start) {
            let w = norm_words(text);
            if w.is_empty() || w.len() > 12 {
                break;
            }
            words.extend(w);
            match self.parse(&words) {
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
        let (n, cols) = best?;
        let mut distinct = cols.clone();
        distinct.dedup();
        let kinds = {
            let mut d = distinct.clone();
            d.sort_by_key(|c| *c as u8);
            d.dedup();
            d.len()
        };
        (kinds >= min_columns).then_some((n, cols))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
