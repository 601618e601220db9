//! Lead cells into people and posts.
//!
//! A lead cell names one or more leads, each some of: an organisation
//! ("ESCC", "Sussex Police"), a rank or title ("DCI", "Dr"), a name and a
//! post ("Head of Specialist Services"). Nothing here knows any person or
//! body: words are classified from the general lexicons in `grammars/`, and
//! the cell is read by a small grammar over those classes (`grammar.rs`).
//!
//! # Tokens
//!
//! Each word carries every class it earns (`words.rs`): rank or title
//! (`ranks.toml`, abbreviated or spelled out: "DS", "Detective Sergeant",
//! "Dr"), post head ("Head", "Manager", "Lead", "Chair"), post modifier or
//! subject ("Interim", "Safeguarding", "Early Help"), organisation word
//! ("Council", "Trust", "Service"), agency word ("Police", "Council", "NHS"
//! — the bodies a lead works for, as against services inside them),
//! acronym (any capitalised word of two or more capitals, split into agency
//! acronyms, "KCC", "TSCP", "ICB", and team or post acronyms, "MASH",
//! "HoS"), known place ("Essex", "North"), connector ("of", "and", "&"),
//! and name word: a capitalised word in no lexicon ("Ann", "Calderbrook").
//! Brackets, commas, spaced dashes, ";", " / " and line breaks are the
//! punctuation the grammar reads.
//!
//! # Units
//!
//! A cell splits into units, one lead each:
//!
//! 1. at line breaks (paragraphs), except where a line ends or the next
//!    begins mid-phrase (a connector, comma, dash or open bracket at the
//!    end; lower case or a closing bracket at the start);
//! 2. at ";" and at a spaced "/" outside brackets;
//! 3. at " and ", " & " and an unspaced "/" (not inside a rank, "T/DCI")
//!    only where both sides parse as whole leads: a person or a post of
//!    more than one word on the left, a person or a post on the right
//!    (two bodies may also be split: "Anyplace Youth Service and Anyplace
//!    General Hospital"). Otherwise the joiner is inside a post or a
//!    body ("Head of Access and Inclusion", "NHS Anyplace and Elsewhere
//!    ICB"), and a post after a person's post is that person's second post.
//!
//! # Parts and their readings
//!
//! A unit splits at top-level commas and spaced dashes into parts; a
//! bracket group belongs to the part before it. Each part gets every
//! reading its words allow, each with a score (`grammar::score`):
//!
//! | reading | words | score |
//! |---|---|---|
//! | person | ranks, then two or three name words (one after a rank) | 4 |
//! | post | a post head word, optionally an agency acronym before it ("TSCP Partnership Manager") or after it ("Head of Quality ABC CCG") | 4 |
//! | agency | an agency word or acronym, or a listed whole body ("Public Health") | 3 |
//! | person + body | a name then a body with a known place or an acronym ("Al Bee Kent Police"), or a body then a name ("ESCC Ann Poe") | 3 |
//! | ranks | ranks alone ("DCI") | 1 |
//! | other | any other phrase: a service inside a post, or a heading body | 1 |
//!
//! A phrase that hides a person where a post or body should be (two name
//! words after a post word with no connector, "Named Nurse Bo Roe"; a rank
//! inside a post) has no post, agency or other reading.
//!
//! # Patterns
//!
//! A unit's parts, each with one of its readings, must fit
//!
//! ```text
//! unit    = [heading] core [tail]
//! heading = agency | other            "ESCC – Ann Poe, Head of X", "Health – …"
//! core    = person [bracket] [post {service}]
//!                                     "Ann Poe (Head of X, Anyplace Council)"
//!         | post {service} [bracket]  "Head of Service, Court Work (KCC)"
//!         | person service agency     "DS Ann Poe – Public Protection Unit – Anyplace Police"
//!         | ranks person              "DCI – Ann Poe"
//!         | ranks {service}           "Detective Chief Inspector, Safeguarding Unit"
//!         | person+body | body+person "Al Bee LSCB", "ESCC Ann Poe"
//!         | agency | other            a body only, or a post the lexicon
//!                                     does not know ("Safeguarding")
//! tail    = agency                    ", Anyplace Police" (last part only)
//! bracket = post | agency | post "," agency    after a person
//!         | anything                            after a post: its body
//! ```
//!
//! Every combination of readings is tried (at most seven parts); among the
//! combinations that fit, the one with the highest total score wins (the
//! first in reading order on a tie). So "Service Manager, Child Protection"
//! keeps the service in the role (an "other" part after a post), while
//! "Head of X, Anyplace Council" ends with its agency, and "Ann Poe,
//! Service Manager" is a person and a post rather than two bodies.
//!
//! # Across units
//!
//! - An organisation printed once after several people of one segment
//!   belongs to each ("DS A & DC B (Anyplace Police)"); it stays in the
//!   text of the lead it is printed with.
//! - A body alone on its line before leads that name none is their heading;
//!   a body heading a unit ("ESCC – Ann Poe") covers the units below it
//!   that name no body. A body alone at the end is the body of the lead
//!   before it.
//! - A cell that says only "as above" (`plan.toml`'s `as_above`) names no
//!   lead: the plan builder carries the leads of the row above.
//!
//! # Run-on cells
//!
//! When some unit fits no pattern (leads run together with no separator:
//! "ESCC Jane Doe, Head of X John Roe, HOS"), the cell is read word by
//! word instead (`units.rs`, `assemble.rs`): tagged words are grouped into
//! names, organisation phrases, post phrases and separators, and a new
//! name, a post after "/" or "and", or a heading organisation starts a new
//! lead.

mod assemble;
mod grammar;
mod units;
mod words;

pub(crate) use words::Lex;

use super::Grammars;

/// One named lead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadParts {
    pub text: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation: Option<String>,
    /// The organisation was printed before the name, as a heading
    /// ("ESCC – Jane Doe"), not after it ("Jane Doe, Head of X, ESCC").
    pub org_first: bool,
}

/// Most bytes of a cell read for leads. A longer cell is not a list of
/// people and posts (the longest lead cell in the corpora is under 400
/// bytes): it is one lead of that text, named by nothing, which the
/// contract cuts and reports like any long field. Why: the run-on reader
/// keeps a token per word and separator, and a 3 MB cell of punctuation
/// in a column taken for leads held 200 MiB of them.
pub const MAX_READ_BYTES: usize = 16 * 1024;

/// Split a lead cell (paragraphs as lines) into leads: by the grammar
/// when every unit of the cell fits it, else as a run-on cell.
pub fn split_leads(cell: &str, g: &Grammars) -> Vec<LeadParts> {
    if cell.len() > MAX_READ_BYTES {
        return vec![LeadParts {
            text: cell.trim().to_string(),
            name: None,
            role: None,
            organisation: None,
            org_first: false,
        }];
    }
    let lex = g.lead_lexicon();
    if is_carry_marker(cell, g) {
        return Vec::new();
    }
    if let Some(leads) = grammar::read_cell(cell, lex) {
        return leads;
    }
    run_on(cell, lex)
}

/// A run-on cell: several leads printed one after another with no
/// separators the grammar knows ("ESCC Jane Doe, Head of X John Roe, HOS,
/// Y Police DCI Ann Poe"), or lines wrapped mid-phrase. Read word by word.
fn run_on(cell: &str, lex: &Lex) -> Vec<LeadParts> {
    let toks = words::tokenise(cell, lex);
    let units = units::units(&toks, lex);
    assemble::assemble(cell, &units)
}

/// Does a lead cell say only that it carries the leads of the row above
/// ("As above", "Same as above", "Ditto")? Such a cell names no lead.
pub fn is_carry_marker(cell: &str, g: &Grammars) -> bool {
    grammar::is_carry(cell, g.lead_lexicon())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        split_leads(cell, &Grammars::builtin())
            .into_iter()
            .map(|l| (l.name, l.role, l.organisation))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn a_long_lead_costs_work_in_proportion_to_its_words() {
        // Issue 20: every split of a phrase into a body and a person was
        // tried, each scanning its side: a lead of n words cost n^2 steps.
        // Work is counted as steps (the grammar's word scans) plus heap
        // bytes allocated (each reading copies its words).
        let g = Grammars::builtin();
        let work = |cell: String| {
            let before = crate::work::allocated_bytes();
            let (leads, steps) = crate::work::count(|| split_leads(&cell, &g));
            assert!(!leads.is_empty());
            steps + (crate::work::allocated_bytes() - before)
        };
        let growth = |make: &dyn Fn(usize) -> String| {
            let (small, large) = (work(make(1_000)), work(make(4_000)));
            large as f64 / small as f64
        };
        let run = |n: usize| "Anyplace Police Records Team ".repeat(n / 4) + "Al Bee";
        let ratio = growth(&run);
        assert!(ratio < 6.0, "4x the words cost {ratio:.1}x the work");
        // Posts joined by "and": each joiner was tried with both sides
        // read whole.
        let joined = |n: usize| {
            "Head of Service for Children and Families, Anyplace Council and ".repeat(n / 10)
                + "Team Manager"
        };
        let ratio = growth(&joined);
        assert!(ratio < 6.0, "4x the joined words cost {ratio:.1}x the work");
        // Invented damaged saves: one "word" of slashes (each "/" was a
        // joiner whose word was found by scanning back to the line's
        // start), short leads joined by "and" on one line (each split
        // re-read the rest), and lines that each leave a bracket open (the
        // joined line so far was rescanned per line).
        let slashes = |n: usize| "Ab/Cd/".repeat(n);
        let ratio = growth(&slashes);
        assert!(ratio < 6.0, "4x the slashes cost {ratio:.1}x the work");
        let people = |n: usize| "Al Bee and ".repeat(n / 3) + "Bo Roe";
        let ratio = growth(&people);
        assert!(
            ratio < 6.0,
            "4x the joined people cost {ratio:.1}x the work"
        );
        let open = |n: usize| "Team (North\n".repeat(n / 2);
        let ratio = growth(&open);
        assert!(ratio < 6.0, "4x the open lines cost {ratio:.1}x the work");
    }

    #[test]
    fn a_cell_longer_than_a_field_is_one_lead_named_by_nothing() {
        // Invented: a column of prose taken for leads, or a damaged save.
        let cell = "Ann Poe, Head of Service; ".repeat(MAX_READ_BYTES / 20);
        let leads = split_leads(&cell, &Grammars::builtin());
        assert_eq!(leads.len(), 1);
        assert_eq!(leads[0].text, cell.trim());
        assert!(leads[0].name.is_none() && leads[0].role.is_none());
        assert!(leads[0].organisation.is_none());
    }

    #[test]
    fn a_cell_too_long_for_the_grammar_is_still_read() {
        // Past the grammar's cap a cell is read word by word: its people
        // are still found.
        let cell = "Ann Poe, Head of Service, Anyplace Council\n".repeat(200);
        let leads = split_leads(&cell, &Grammars::builtin());
        assert!(leads.iter().any(|l| l.name.as_deref() == Some("Ann Poe")));
    }

    #[test]
    fn prefix_org_name_role() {
        assert_eq!(
            one("Agency – Jane Doe, Head of Specialist Services"),
            vec![(s("Jane Doe"), s("Head of Specialist Services"), s("Agency"))]
        );
    }

    #[test]
    fn ranks_are_stripped() {
        assert_eq!(
            one("T/DCI Ann Poe – Child Protection Lead"),
            vec![(s("Ann Poe"), s("Child Protection Lead"), None)]
        );
        assert_eq!(one("Dr Ann Poe"), vec![(s("Ann Poe"), None, None)]);
        assert_eq!(
            one("Police DCI\nAnn Poe"),
            vec![(s("Ann Poe"), None, s("Police"))]
        );
        assert_eq!(
            one("Detective Chief Inspector, Safeguarding Investigation Unit, Sussex Police"),
            vec![(
                None,
                s("Detective Chief Inspector, Safeguarding Investigation Unit"),
                s("Sussex Police")
            )]
        );
        assert_eq!(
            one("Dr Anna de Wit, Named Doctor"),
            vec![(s("Anna de Wit"), s("Named Doctor"), None)]
        );
    }

    #[test]
    fn a_short_line_that_cannot_stand_alone_ends_the_post_above() {
        // Invented: a post wrapped before its last words.
        assert_eq!(
            one("Specialist Nurse Looked\nAfter Children"),
            vec![(None, s("Specialist Nurse Looked After Children"), None)]
        );
        // A person, a body or a post on the next line is a lead of its own.
        assert_eq!(
            one("Quality Lead\nBo Roe").len(),
            2,
            "a person under a post"
        );
        assert_eq!(one("Head of Quality\nSafeguarding Manager").len(), 2);
    }

    #[test]
    fn wrapped_lines_and_headings() {
        assert_eq!(
            one(
                "Agency – Ann Poe, CAMHS  Head of\nService,\nHead of Service\nBODY – Bo Roe, Head of Specialist\nServices"
            ),
            vec![
                (s("Ann Poe"), s("CAMHS Head of Service"), s("Agency")),
                (s("Bo Roe"), s("Head of Specialist Services"), s("BODY"))
            ]
        );
        assert_eq!(
            one(
                "BODY\nCy Doe, Head of Quality\nDi Eve, HOS, Locality\nPolice\nDCI Ed Foy\nDCI – Fay Gee"
            ),
            vec![
                (s("Cy Doe"), s("Head of Quality"), s("BODY")),
                (s("Di Eve"), s("HOS, Locality"), s("BODY")),
                (s("Ed Foy"), None, s("Police")),
                (s("Fay Gee"), None, s("Police"))
            ]
        );
    }

    #[test]
    fn posts_before_names_bind_forward() {
        // The cell prints a post before its first name, so a post right
        // before the second name is that name's.
        assert_eq!(
            one("BODY Named GP -Dr Ann Poe Designated Nurse Bo Roe"),
            vec![
                (s("Ann Poe"), s("Named GP"), s("BODY")),
                (s("Bo Roe"), s("Designated Nurse"), s("BODY"))
            ]
        );
        // Names first: the post after a name stays that name's.
        assert_eq!(
            one("Ann Poe, Designated Nurse Bo Roe"),
            vec![
                (s("Ann Poe"), s("Designated Nurse"), None),
                (s("Bo Roe"), None, None)
            ]
        );
    }

    #[test]
    fn pdf_line_wraps() {
        assert_eq!(
            one("BODY Head of School Heath Service – Ann\nPoe"),
            vec![(s("Ann Poe"), s("Head of School Heath Service"), s("BODY"))]
        );
        assert_eq!(
            one("BODY Named GP -Dr Bo Roe Designated\nNurse - Cy Doe"),
            vec![
                (s("Bo Roe"), s("Named GP"), s("BODY")),
                (s("Cy Doe"), s("Designated Nurse"), s("BODY"))
            ]
        );
        assert_eq!(
            one("Di Eve, Head of Early Help Services 0\n– 19"),
            vec![(s("Di Eve"), s("Head of Early Help Services 0 – 19"), None)]
        );
        assert_eq!(
            one(
                "BODY\nEd Foy, Head of Locality Social Work\nand Family Assessment\n\nTRUST\nFay Gee, Head of Safeguarding"
            ),
            vec![
                (
                    s("Ed Foy"),
                    s("Head of Locality Social Work and Family Assessment"),
                    s("BODY")
                ),
                (s("Fay Gee"), s("Head of Safeguarding"), s("TRUST"))
            ]
        );
    }

    #[test]
    fn bodies_after_posts() {
        assert_eq!(
            one("Jo Ash (Head of Safeguarding, Brighton and Hove City Council)"),
            vec![(
                s("Jo Ash"),
                s("Head of Safeguarding"),
                s("Brighton and Hove City Council")
            )]
        );
        assert_eq!(
            one("Head of Safeguarding (NHS Kent and Medway ICB)"),
            vec![(
                None,
                s("Head of Safeguarding"),
                s("NHS Kent and Medway ICB")
            )]
        );
        assert_eq!(
            one("Chief Executive, Sussex Partnership NHS Foundation Trust"),
            vec![(
                None,
                s("Chief Executive"),
                s("Sussex Partnership NHS Foundation Trust")
            )]
        );
        assert_eq!(
            one("Assistant Director, Early Help – Al Bee"),
            vec![(s("Al Bee"), s("Assistant Director, Early Help"), None)]
        );
        assert_eq!(
            one("Mrs J. Oxo, Headteacher"),
            vec![(s("J. Oxo"), s("Headteacher"), None)]
        );
        assert_eq!(
            one("Al Bee LSCB and Cy Dee CSP"),
            vec![
                (s("Al Bee"), None, s("LSCB")),
                (s("Cy Dee"), None, s("CSP"))
            ]
        );
        assert_eq!(
            one("DS Amy Cole and DC Tim Hart"),
            vec![(s("Amy Cole"), None, None), (s("Tim Hart"), None, None)]
        );
    }

    #[test]
    fn posts_split_at_slash_and_and() {
        assert_eq!(
            one("Safeguarding Lead/Service Manager"),
            vec![
                (None, s("Safeguarding Lead"), None),
                (None, s("Service Manager"), None)
            ]
        );
        assert_eq!(
            one("Lead & Designated Nurse CLA"),
            vec![(None, s("Lead & Designated Nurse CLA"), None)]
        );
    }
}
