//! How well a printed line fits each column: the costs the row reader
//! minimises.
//!
//! Why costs and not rules: with one line per cell paragraph, a row's lines
//! can be cut into cells in many ways that all give the right cell count
//! (a two-paragraph date cell or a one-paragraph date cell and a
//! two-paragraph lead cell). What a line looks like settles it: a date
//! belongs in a timescale column, a person or post in a lead column, a
//! bare number in a ref column, "2.1 Do…" opens an action. The recognisers
//! in `recognise` tell what a line looks like; the cost table
//! ([`super::costs`]) says how unlikely each kind of line is in each column
//! (0 = typical).

use crate::recognise::grammar::ColumnMeaning as Meaning;
use crate::recognise::{Grammars, date, lead, reference, status};

use super::costs::COSTS;
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
/// A colon-ended lead-in ("Proposal:") of at most this many words is a
/// label; a status word is looked for in lines no longer.
const MAX_LABEL_WORDS: usize = 6;
/// A short label ("Exploitation") has at most this many words.
const MAX_SHORT_LABEL_WORDS: usize = 4;

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
            && self.words <= COSTS.section_words_max
            && !self.dated
            && !self.whole_ref
            && !self.opens_ref
            && !self.enumerated
            && !self.list
            && !self.ends_with_stop
            && !self.label;
        let long = self.words.saturating_sub(COSTS.section_words_short) as f32;
        ok.then_some(COSTS.section + COSTS.section_word * long)
    }

    /// A ref the ref recogniser does not read ("R1", "1a", "Rec 3"): short
    /// and numbered.
    fn ref_like(&self) -> bool {
        self.words <= 2 && self.digits
    }
}

/// An empty cell (an empty line) in a column of meaning `m`.
pub fn empty(m: Option<Meaning>) -> f32 {
    let e = &COSTS.empty;
    match m {
        Some(Meaning::Ref) | Some(Meaning::Finding) => e.merged,
        Some(Meaning::Action) => e.action,
        Some(Meaning::Timescale) | Some(Meaning::Lead) => e.timescale_or_lead,
        Some(Meaning::Status) => e.status,
        Some(Meaning::Outcome) | Some(Meaning::Progress) | None => e.other,
    }
}

/// The first paragraph of a non-empty cell.
pub fn first(m: Option<Meaning>, l: &Look) -> f32 {
    let c = &COSTS.first;
    let short = l.words <= COSTS.short_words;
    let few = l.words <= COSTS.date_words;
    let named = matches!(
        m,
        Some(
            Meaning::Ref | Meaning::Finding | Meaning::Action | Meaning::Timescale | Meaning::Lead
        )
    );
    if l.rating && named {
        return COSTS.rating_elsewhere;
    }
    match m {
        Some(Meaning::Ref) => {
            if l.whole_ref {
                c.ref_.whole_ref
            } else if l.ref_like() && !l.dated {
                c.ref_.ref_like
            } else {
                c.ref_.other
            }
        }
        Some(Meaning::Finding) => {
            if l.whole_ref {
                c.finding.whole_ref
            } else if l.opens_ref {
                c.finding.opens_ref
            } else if l.names == Names::Person && short {
                c.finding.person
            } else if l.dated && few {
                c.finding.date
            } else {
                c.finding.other
            }
        }
        Some(Meaning::Action) => {
            if l.opens_ref {
                c.action.opens_ref
            } else if l.whole_ref {
                c.action.whole_ref
            } else if l.enumerated || l.list || l.label {
                c.action.list
            } else if l.names == Names::Person && short {
                c.action.person
            } else if l.dated && few {
                c.action.date
            } else {
                c.action.other
            }
        }
        Some(Meaning::Timescale) => {
            if l.whole_ref || l.opens_ref {
                c.timescale.whole_ref
            } else if l.dated {
                if l.words > COSTS.dated_prose_words {
                    c.timescale.dated_prose
                } else {
                    c.timescale.date
                }
            } else if l.state {
                c.timescale.state
            } else if l.names == Names::Person {
                c.timescale.person
            } else if l.names != Names::Nothing || l.list || l.enumerated {
                c.timescale.post
            } else {
                c.timescale.other
                    + l.words.min(COSTS.timescale_words_cap) as f32 / c.timescale.words_per_unit
            }
        }
        Some(Meaning::Lead) => match l.names {
            _ if l.whole_ref || l.opens_ref => c.lead.whole_ref,
            _ if l.dated => c.lead.date,
            Names::Person => c.lead.person,
            Names::Post => c.lead.post,
            Names::Organisation => c.lead.organisation,
            Names::Nothing if l.words > COSTS.short_words => c.lead.prose,
            Names::Nothing => c.lead.other,
        },
        Some(Meaning::Status) => {
            if l.rag {
                c.status.rag
            } else if l.state {
                c.status.state
            } else if l.words <= COSTS.status_words {
                c.status.short
            } else {
                c.status.other
            }
        }
        Some(Meaning::Outcome) | Some(Meaning::Progress) | None => {
            if l.whole_ref || l.opens_ref {
                c.text.whole_ref
            } else if l.names == Names::Person {
                c.text.person
            } else {
                c.text.other
            }
        }
    }
}

/// A further paragraph (or an empty paragraph) of a cell already started.
pub fn next(m: Option<Meaning>, l: &Look) -> f32 {
    let c = &COSTS.next;
    if l.blank {
        return match m {
            Some(Meaning::Lead) => c.blank_lead,
            Some(Meaning::Finding) | Some(Meaning::Timescale) => c.blank_finding_or_timescale,
            _ => c.blank_other,
        };
    }
    let label = if l.label { c.label } else { 0.0 };
    let text_cell = matches!(
        m,
        None | Some(Meaning::Action | Meaning::Finding | Meaning::Outcome | Meaning::Progress)
    );
    if l.short_label && text_cell {
        return COSTS.label_inside + label;
    }
    label
        + match m {
            Some(Meaning::Ref) | Some(Meaning::Status) => c.ref_or_status,
            Some(Meaning::Finding) => {
                if l.whole_ref {
                    c.finding.whole_ref
                } else if l.opens_ref {
                    c.finding.opens_ref
                } else if l.list || l.enumerated {
                    c.finding.list
                } else {
                    c.finding.other
                }
            }
            Some(Meaning::Action) => {
                if l.whole_ref {
                    c.action.whole_ref
                } else if l.opens_ref {
                    c.action.opens_ref
                } else if l.list || l.enumerated {
                    c.action.list
                } else if l.names == Names::Person {
                    c.action.person
                } else if l.dated {
                    c.action.date
                } else {
                    c.action.other
                }
            }
            Some(Meaning::Timescale) => {
                if l.whole_ref || l.opens_ref {
                    c.timescale.whole_ref
                } else if l.dated {
                    c.timescale.date
                } else if l.names == Names::Person {
                    c.timescale.person
                } else {
                    c.timescale.other
                }
            }
            Some(Meaning::Lead) => match l.names {
                _ if l.whole_ref || l.opens_ref => c.lead.whole_ref,
                Names::Person => c.lead.person,
                Names::Post => c.lead.post,
                Names::Organisation => c.lead.organisation,
                Names::Nothing => c.lead.other,
            },
            Some(Meaning::Outcome) | Some(Meaning::Progress) | None => {
                if l.whole_ref {
                    c.text.whole_ref
                } else if l.opens_ref {
                    c.text.opens_ref
                } else if l.names == Names::Person {
                    c.text.person
                } else {
                    c.text.other
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
