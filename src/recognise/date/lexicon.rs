//! The date words of `grammars/dates.toml`, prepared once per grammar set
//! (lower-cased, longest first) so that matching is a prefix test.

use super::calendar::month_number;
use crate::recognise::Grammars;

/// The date words, prepared for matching (lower-cased, longest first).
pub(crate) struct Lexicon {
    pub(super) months: Vec<(String, u8)>,
    pub(super) seasons: Vec<(String, Season)>,
    pub(super) end_cues: Vec<String>,
    pub(super) range_words: Vec<String>,
    pub(super) list_words: Vec<String>,
    pub(super) ordinals: Vec<String>,
    pub(super) quarters: Vec<String>,
    pub(super) deadline_cues: Vec<String>,
    pub(super) year_min: i32,
    pub(super) year_max: i32,
    pub(super) term_words: Vec<String>,
    pub(super) academic_year: Vec<String>,
    pub(super) week_cues: Vec<String>,
    pub(super) year_words: Vec<String>,
    /// No year outside this span is a year (`calendar` in dates.toml).
    pub(super) calendar: (i32, i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

pub(super) fn longest_first(mut v: Vec<String>) -> Vec<String> {
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

impl Lexicon {
    pub(crate) fn new(g: &Grammars) -> Lexicon {
        let d = &g.dates;
        let lower = |v: &[String]| longest_first(v.iter().map(|s| s.to_lowercase()).collect());
        let mut months: Vec<(String, u8)> = d
            .months
            .iter()
            .filter_map(|(k, v)| month_number(k).map(|m| (k, v, m)))
            .flat_map(|(_, v, m)| v.iter().map(move |a| (a.to_lowercase(), m)))
            .collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        let mut seasons: Vec<(String, Season)> = d
            .seasons
            .iter()
            .filter_map(|(k, v)| {
                let s = match k.as_str() {
                    "spring" => Season::Spring,
                    "summer" => Season::Summer,
                    "autumn" => Season::Autumn,
                    "winter" => Season::Winter,
                    _ => return None,
                };
                Some(v.iter().map(move |a| (a.to_lowercase(), s)))
            })
            .flatten()
            .collect();
        seasons.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        Lexicon {
            months,
            seasons,
            end_cues: lower(&d.end_cues),
            range_words: lower(&d.range_words),
            list_words: lower(&d.list_words),
            ordinals: lower(&d.ordinals),
            quarters: lower(&d.quarters),
            deadline_cues: lower(&d.deadline_cues),
            year_min: if d.year_min == 0 { 1990 } else { d.year_min },
            year_max: if d.year_max == 0 { 2099 } else { d.year_max },
            term_words: lower(&d.term_words),
            academic_year: lower(&d.academic_year),
            week_cues: lower(&d.week_cues),
            year_words: lower(&d.year_words),
            calendar: match d.calendar.as_slice() {
                [a, b] => (*a, *b),
                _ => (1900, 2200),
            },
        }
    }
}
