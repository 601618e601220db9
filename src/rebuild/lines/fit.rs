//! How well a printed line fits each column: the costs the row reader
//! minimises.
//!
//! Why costs and not rules: with one line per cell paragraph, a row's lines
//! can be cut into cells in many ways that all give the right cell count
//! (a two-paragraph date cell or a one-paragraph date cell and a
//! two-paragraph lead cell). What a line looks like settles it: a date
//! belongs in a timescale column, a person or post in a lead column, a
//! bare number in a ref column, "2.1 Do…" opens an action. The recognisers
//! in `recognise` tell what a line looks like; the numbers below say how
//! unlikely each kind of line is in each column (0 = typical).

use crate::recognise::grammar::ColumnMeaning as Meaning;
use crate::recognise::{Grammars, date, lead, reference, status};

use super::tokens::Token;

/// Who a line names, as the lead recogniser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Names {
    Nothing,
    Organisation,
    Post,
    Person,
}

/// What one line looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub blank: bool,
    pub words: usize,
    /// Only a ref ("7", "2.1").
    pub whole_ref: bool,
    /// Opens with a dotted ref ("2.1 Do…"); a bare "1." list number is
    /// [`Look::enumerated`] instead.
    pub opens_ref: bool,
    /// Opens with a list mark ("i)", "(ii)", "a.", "1.").
    pub enumerated: bool,
    pub list: bool,
    pub dated: bool,
    pub names: Names,
    /// A short lead-in ending with a colon ("Exploitation Leadership:"):
    /// the first paragraph of a cell.
    pub label: bool,
    pub rag: bool,
    /// Nothing but a status word ("RED", "Amber"): a rating, or a rating
    /// key's label, never an action, a person or a date.
    pub rating: bool,
    /// Says done or not done ("Completed", "in progress").
    pub state: bool,
    pub ends_with_stop: bool,
    pub digits: bool,
    /// A short capitalised label with no stop ("Exploitation"): a section
    /// row or a heading, seldom a further paragraph of a cell.
    pub short_label: bool,
}

/// Lines longer than this are prose, whatever they mention.
const MAX_LEAD_WORDS: usize = 40;
/// A lead line of more words must be title-like: names and posts are
/// capitalised, a sentence is not ("… is currently being reviewed by Force
/// Lead …" names a post but is a sentence).
const MAX_SHORT_LEAD_WORDS: usize = 6;
const MIN_TITLED_SHARE: f32 = 0.8;

/// Share of the words outside parentheses that are capitalised, carry no
/// letters ("–", "0"),
/// or are function words (`cells.toml`).
fn titled_share(text: &str, g: &Grammars) -> f32 {
    let mut all = 0usize;
    let mut titled = 0usize;
    let mut depth = 0i32;
    for w in text.split_whitespace() {
        // A parenthesised aside ("(LSCB independent chair)") is a post or
        // an agency: it neither makes nor spoils a lead line.
        let opens = w.starts_with('(');
        depth += i32::from(opens);
        let inside = depth > 0;
        depth -= i32::from(w.ends_with(')') && depth > 0);
        if inside {
            continue;
        }
        all += 1;
        let first = w.chars().find(|c| c.is_alphabetic());
        let ok = match first {
            None => true,
            Some(c) if c.is_uppercase() => true,
            Some(_) => {
                let bare: String = w
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '&')
                    .collect::<String>()
                    .to_lowercase();
                g.cells.function_words.contains(&bare)
            }
        };
        titled += usize::from(ok);
    }
    if all == 0 {
        0.0
    } else {
        titled as f32 / all as f32
    }
}
const MAX_LABEL_WORDS: usize = 6;
const MAX_SHORT_LABEL_WORDS: usize = 4;
/// A short label as a further paragraph of a text cell.
const LABEL_INSIDE: f32 = 2.5;

fn enumerated(t: &str) -> bool {
    let t = t.trim_start();
    let t = t.strip_prefix('(').unwrap_or(t);
    let mark: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = t.get(mark.len()..).unwrap_or("");
    let closes = rest.starts_with(") ") || rest.starts_with(". ");
    let roman = !mark.is_empty() && mark.chars().all(|c| "ivxIVX".contains(c)) && mark.len() <= 4;
    let letter = mark.chars().count() == 1 && mark.chars().all(char::is_alphabetic);
    let number = !mark.is_empty() && mark.len() <= 2 && mark.chars().all(|c| c.is_ascii_digit());
    closes && (roman || letter || number)
}

impl Look {
    pub fn of(t: &Token, g: &Grammars) -> Look {
        let text = t.text.trim();
        let words = text.split_whitespace().count();
        if text.is_empty() {
            return Look {
                blank: true,
                words: 0,
                whole_ref: false,
                opens_ref: false,
                enumerated: false,
                list: false,
                dated: false,
                names: Names::Nothing,
                label: false,
                rag: false,
                rating: false,
                state: false,
                ends_with_stop: false,
                digits: false,
                short_label: false,
            };
        }
        let whole_ref = reference::whole_ref(text).is_some();
        let enumerated = enumerated(text);
        let opens_ref = !whole_ref
            && reference::split_ref(text).is_some_and(|(r, _)| r.contains('.'))
            && !enumerated;
        let dated = !date::find_dates(text, g).is_empty();
        // A sentence is not a lead, whatever words it has.
        let sentence = words > 3 && text.ends_with('.');
        let lead_shaped = !sentence
            && (words <= MAX_SHORT_LEAD_WORDS
                || (words <= MAX_LEAD_WORDS && titled_share(text, g) >= MIN_TITLED_SHARE));
        let names = if lead_shaped && !dated && !whole_ref && !opens_ref {
            lead::split_leads(text, g)
                .iter()
                .map(|l| {
                    if l.name.is_some() {
                        Names::Person
                    } else if l.role.is_some() {
                        Names::Post
                    } else if l.organisation.is_some() {
                        Names::Organisation
                    } else {
                        Names::Nothing
                    }
                })
                .max()
                .unwrap_or(Names::Nothing)
        } else {
            Names::Nothing
        };
        let st = if words <= MAX_LABEL_WORDS {
            status::status(text, g)
        } else {
            status::StatusFacts::default()
        };
        Look {
            blank: false,
            words,
            whole_ref,
            opens_ref,
            enumerated,
            list: t.list,
            dated,
            names,
            label: words <= MAX_LABEL_WORDS && text.ends_with(':'),
            rag: st.rag.is_some(),
            rating: st.rag.is_some() && words <= 2,
            state: st.complete.is_some(),
            ends_with_stop: text.ends_with('.'),
            digits: text.chars().any(|c| c.is_ascii_digit()),
            short_label: words <= MAX_SHORT_LABEL_WORDS
                && text.chars().next().is_some_and(char::is_uppercase)
                && !text.ends_with(['.', ':', ';', ','])
                && !dated
                && !enumerated
                && !t.list
                && st.rag.is_none()
                && st.complete.is_none()
                && names != Names::Person,
        }
    }

    /// A section row: one short label across the table ("Health"); a
    /// longer label ("Priority 2: …") costs more.
    pub fn section_cost(&self) -> Option<f32> {
        let ok = !self.blank
            && self.words <= MAX_SECTION_WORDS
            && !self.dated
            && !self.whole_ref
            && !self.opens_ref
            && !self.enumerated
            && !self.list
            && !self.ends_with_stop
            && !self.label;
        let long = self.words.saturating_sub(SHORT_SECTION_WORDS) as f32;
        ok.then_some(SECTION + SECTION_WORD * long)
    }

    /// A ref the ref recogniser does not read ("R1", "1a", "Rec 3"): short
    /// and numbered.
    fn ref_like(&self) -> bool {
        self.words <= 2 && self.digits
    }
}

/// A section row costs about what a lead line naming only an organisation
/// costs as a lead paragraph: the two are told apart by what follows.
pub const SECTION: f32 = 2.0;
/// Section labels are a few words; each word past this many costs more.
const SHORT_SECTION_WORDS: usize = 6;
const SECTION_WORD: f32 = 0.3;
const MAX_SECTION_WORDS: usize = 12;
/// A cell that ends in an empty paragraph, on top of that paragraph's cost.
pub const TRAILING_BLANK: f32 = 1.5;
/// A non-empty cell in a column that at most one row of the plan's tables
/// fills (a rating key read as one more row fills them all).
pub const RARE_FILL: f32 = 4.0;
/// A cell the text ends before (trailing blank lines dropped by a reader),
/// on top of an empty cell's cost: rarer than a row printed whole.
pub const MISSING_CELL: f32 = 1.0;
/// Each line of a cell past what the column's other cells hold.
pub const LONG_CELL: f32 = 1.0;
/// A status word alone where no status column is.
const RATING_ELSEWHERE: f32 = 5.0;
/// A text line left out of every table (text after the table): about what
/// a plain line costs inside one, so prose after the table is not made into
/// rows.
pub const OUT_TEXT: f32 = 0.6;
/// A blank line left out: blank lines are the table's own mark (its empty
/// cells); text after a table has few. So a table does not end early where
/// its empty cells cost something.
pub const OUT_BLANK: f32 = 1.5;

/// An empty cell (an empty line) in a column of meaning `m`. Ref and
/// finding cells are empty under every vertical merge; an empty action is
/// rare.
pub fn empty(m: Option<Meaning>) -> f32 {
    match m {
        Some(Meaning::Ref) | Some(Meaning::Finding) => 0.2,
        Some(Meaning::Action) => 6.0,
        Some(Meaning::Timescale) | Some(Meaning::Lead) => 1.0,
        Some(Meaning::Status) => 0.3,
        Some(Meaning::Outcome) | Some(Meaning::Progress) | None => 0.5,
    }
}

/// The first paragraph of a non-empty cell.
pub fn first(m: Option<Meaning>, l: &Look) -> f32 {
    let short = l.words <= 8;
    let named = matches!(
        m,
        Some(
            Meaning::Ref | Meaning::Finding | Meaning::Action | Meaning::Timescale | Meaning::Lead
        )
    );
    if l.rating && named {
        return RATING_ELSEWHERE;
    }
    match m {
        Some(Meaning::Ref) => {
            if l.whole_ref {
                0.0
            } else if l.ref_like() && !l.dated {
                1.0
            } else {
                6.0
            }
        }
        Some(Meaning::Finding) => {
            if l.whole_ref {
                6.0
            } else if l.opens_ref {
                3.0
            } else if l.names == Names::Person && short {
                2.5
            } else if l.dated && l.words <= 6 {
                2.0
            } else {
                0.5
            }
        }
        Some(Meaning::Action) => {
            if l.opens_ref {
                0.0
            } else if l.whole_ref {
                5.0
            } else if l.enumerated || l.list || l.label {
                0.2
            } else if l.names == Names::Person && short {
                2.5
            } else if l.dated && l.words <= 6 {
                2.0
            } else {
                0.5
            }
        }
        Some(Meaning::Timescale) => {
            if l.whole_ref || l.opens_ref {
                6.0
            } else if l.dated {
                if l.words > 30 { 2.5 } else { 0.0 }
            } else if l.state {
                0.3
            } else if l.names == Names::Person {
                4.0
            } else if l.names != Names::Nothing || l.list || l.enumerated {
                3.0
            } else {
                1.5 + l.words.min(40) as f32 / 20.0
            }
        }
        Some(Meaning::Lead) => match l.names {
            _ if l.whole_ref || l.opens_ref => 6.0,
            _ if l.dated => 4.0,
            Names::Person => 0.0,
            Names::Post => 0.3,
            Names::Organisation => 0.8,
            Names::Nothing => {
                if l.words > 8 {
                    4.0
                } else {
                    2.5
                }
            }
        },
        Some(Meaning::Status) => {
            if l.rag {
                0.0
            } else if l.state {
                0.5
            } else if l.words <= 3 {
                1.0
            } else {
                2.5
            }
        }
        Some(Meaning::Outcome) | Some(Meaning::Progress) | None => {
            if l.whole_ref || l.opens_ref {
                5.0
            } else if l.names == Names::Person {
                1.5
            } else {
                0.5
            }
        }
    }
}

/// A further paragraph (or an empty paragraph) of a cell already started.
pub fn next(m: Option<Meaning>, l: &Look) -> f32 {
    if l.blank {
        return match m {
            Some(Meaning::Lead) => 0.7,
            Some(Meaning::Finding) | Some(Meaning::Timescale) => 2.0,
            _ => 1.5,
        };
    }
    let label = if l.label { 1.0 } else { 0.0 };
    let text_cell = matches!(
        m,
        None | Some(Meaning::Action | Meaning::Finding | Meaning::Outcome | Meaning::Progress)
    );
    if l.short_label && text_cell {
        return LABEL_INSIDE + label;
    }
    label
        + match m {
            Some(Meaning::Ref) | Some(Meaning::Status) => 8.0,
            Some(Meaning::Finding) => {
                if l.whole_ref {
                    8.0
                } else if l.opens_ref {
                    3.0
                } else if l.list || l.enumerated {
                    0.5
                } else {
                    1.0
                }
            }
            Some(Meaning::Action) => {
                if l.whole_ref {
                    6.0
                } else if l.opens_ref {
                    3.5
                } else if l.list || l.enumerated {
                    0.0
                } else if l.names == Names::Person {
                    2.0
                } else if l.dated {
                    1.2
                } else {
                    0.5
                }
            }
            Some(Meaning::Timescale) => {
                if l.whole_ref || l.opens_ref {
                    6.0
                } else if l.dated {
                    0.5
                } else if l.names == Names::Person {
                    4.0
                } else {
                    2.0
                }
            }
            Some(Meaning::Lead) => match l.names {
                _ if l.whole_ref || l.opens_ref => 6.0,
                Names::Person => 0.3,
                Names::Post => 0.8,
                Names::Organisation => 2.5,
                Names::Nothing => 3.5,
            },
            Some(Meaning::Outcome) | Some(Meaning::Progress) | None => {
                if l.whole_ref {
                    5.0
                } else if l.opens_ref {
                    4.0
                } else if l.names == Names::Person {
                    1.5
                } else {
                    0.5
                }
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(t: &str) -> Look {
        Look::of(
            &Token {
                text: t.to_string(),
                list: false,
                line: 1,
            },
            &Grammars::builtin(),
        )
    }

    #[test]
    fn lines_look_like_what_they_are() {
        assert!(look("7").whole_ref);
        assert!(look("2.1 Review the pathway").opens_ref);
        assert!(look("ii) Joint agency advice").enumerated);
        assert!(!look("1. IT Development").opens_ref);
        assert!(look("September 2020").dated);
        assert_eq!(look("Jane Doe, Head of Services").names, Names::Person);
        assert!(look("Health").section_cost().is_some());
        assert!(look("Proposal:").label);
    }

    #[test]
    fn a_date_fits_a_timescale_and_a_person_a_lead() {
        let d = look("October 2020");
        let p = look("Jane Doe, Head of Services");
        let ts = Some(Meaning::Timescale);
        let ld = Some(Meaning::Lead);
        assert!(first(ts, &d) < first(ld, &d));
        assert!(first(ld, &p) < first(ts, &p));
    }
}
