//! The lead grammar: a cell split into units, each unit parsed against a
//! small ordered set of patterns over classified parts, the best parse
//! chosen by score. See the module doc of `lead` for the grammar itself.

use super::LeadParts;
use super::words::{
    ACR, CAP, HEAD, Lex, MODI, ORGNAME, ORGW, PARTICLE, PLACE, RANK, SUBJ, Tok, tokenise,
};

/// A byte range of the cell.
type Range = (usize, usize);

/// The longest person's name, in words (after ranks and titles): four
/// name words in a row are two people with no separator between them.
const MAX_NAME_WORDS: usize = 3;
/// Name words of two people of two words each.
const TWO_NAMES: usize = 4;

/// Most words a person is read from, ranks and titles included ("Detective
/// Chief Superintendent Dr Ann Bee Poe" is 7). Why a cap: every split of a
/// phrase into a body and a person is tried, and without one a lead cell of
/// thousands of words cost thousands of scans of itself (issue 20).
const MAX_PERSON_WORDS: usize = 8;

/// Most words of one unit read against the patterns (a lead is a person,
/// a post and a body: a few dozen words at most); a longer unit fits none
/// and the cell goes to the run-on reader. Why a cap: a segment is tried
/// at each of its joiners ("and", "&"), both sides read whole, so a lead
/// cell of thousands of words joined by "and" cost its length squared
/// (issue 20).
const MAX_UNIT_WORDS: usize = 64;

/// Most bytes of one unit read against the patterns: [`MAX_UNIT_WORDS`]
/// words of a generous length. Why bytes as well as words: a mutated or
/// binary line can be one "word" of a megabyte, and counting its words
/// scans it whole at every joiner.
const MAX_UNIT_BYTES: usize = 1024;

/// Most bytes of a cell the grammar reads. A lead cell is a few lines (the
/// longest in the corpora is under 400 bytes); a longer one is prose in a
/// column taken for leads, or a damaged save, and goes to the run-on
/// reader, whose cost is linear. Why a cap: wrapped lines are joined by
/// looking at the joined line so far and every segment is tried at each of
/// its joiners, so the grammar's cost grows faster than the cell.
pub(super) const MAX_CELL_BYTES: usize = 4 * 1024;

/// Most parts a unit is read in: beyond this the enumeration of readings
/// is not tried (a run-on cell goes to the run-on reader).
const MAX_PARTS: usize = 7;

/// Scores of part readings: how sure a reading is from the words alone.
/// A parse's score is the sum over its parts; the best valid parse wins.
mod score {
    /// Ranks or titles and two or three name words ("DS Petra Nowak").
    pub const PERSON: i32 = 4;
    /// A phrase with a post's head word ("Head", "Manager", "Lead").
    pub const POST: i32 = 4;
    /// A phrase with an agency word or acronym ("Dunlow Police", "KCC").
    pub const AGENCY: i32 = 3;
    /// A name and an agency run together ("Al Bee LSCB").
    pub const PERSON_AGENCY: i32 = 3;
    /// Ranks alone ("DCI"): read with the name after them.
    pub const RANK: i32 = 1;
    /// Any other phrase: a service in a post ("Child Protection") or, as a
    /// heading before a person, a body ("Health – Ann Poe").
    pub const OTHER: i32 = 1;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// A person: ranks and name words; `name` is the range of the name.
    Person { name: Range },
    /// A person with an agency after the name, no separator.
    PersonOrg { name: Range, org: Range },
    /// A body, then a person, no separator ("ESCC Ann Poe").
    OrgPerson { name: Range, org: Range },
    /// Ranks only.
    Rank,
    /// A post; `role` is the range of the post without a leading agency
    /// acronym, `org` that acronym ("TSCP Partnership Manager"), `after`
    /// agency acronyms printed after it ("Head of Quality ABC CCG").
    Post {
        role: Range,
        org: Option<Range>,
        after: Option<Range>,
        /// It opens with two name words: a post only in a unit that names
        /// its person elsewhere.
        suspect: bool,
    },
    /// An agency.
    Agency,
    /// Neither: a service inside a post, or a weak heading body.
    Other,
}

/// A part of a unit: between top-level commas and spaced dashes, with the
/// bracket group printed after it.
#[derive(Debug, Clone)]
struct Part {
    main: Range,
    bracket: Option<Range>,
}

/// What one unit says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Parsed {
    pub(super) text: Range,
    pub(super) name: Option<Range>,
    pub(super) role: Option<Range>,
    /// The organisation; `org_text` when it is not one range of the cell.
    pub(super) org: Option<Range>,
    /// The organisation was printed before the person or post.
    pub(super) org_first: bool,
    /// It was printed as a heading of its own ("ESCC – Ann Poe", "Kent
    /// Police DCI Al Bee"): it covers the leads below it in the cell that
    /// name no body. An acronym inside a post ("ABC Partnership Manager")
    /// is not one.
    pub(super) heading: bool,
    /// The unit names a person or a post (not only a body).
    pub(super) who: bool,
    /// The unit's post is more than one word.
    pub(super) full_post: bool,
    /// The unit's only part is a body whose last word is an agency word,
    /// an organisation word or an acronym ("Anyplace Youth Service").
    pub(super) whole_body: bool,
    /// The unit ends with a person and a bracket holding a post ("Bo Roe
    /// (Co-Chairs)"): printed once after several names, it is each one's.
    pub(super) bracket_post: bool,
}

fn trim(cell: &str, (a, b): Range) -> Range {
    let s = &cell[a..b];
    let lead = s.len() - s.trim_start().len();
    let tail = s.len() - s.trim_end().len();
    if lead >= s.len() {
        return (a, a);
    }
    (a + lead, b - tail)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑')
}

/// Top-level parts of `r`: split at commas and spaced dashes outside
/// brackets; a bracket group belongs to the part before it.
fn parts(cell: &str, r: Range) -> Option<Vec<Part>> {
    let s = &cell[r.0..r.1];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut main_end: Option<usize> = None;
    let mut bracket: Option<Range> = None;
    let mut open_at = 0usize;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let push = |out: &mut Vec<Part>, a: usize, me: Option<usize>, e: usize, br: Option<Range>| {
        let main = trim(cell, (r.0 + a, r.0 + me.unwrap_or(e)));
        if main.0 < main.1 || br.is_some() {
            out.push(Part { main, bracket: br });
        }
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    if bracket.is_some() {
                        return None;
                    }
                    main_end.get_or_insert(i);
                    open_at = i + 1;
                }
                depth += 1;
            }
            ')' | ']' => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
                if depth == 0 {
                    bracket = Some(trim(cell, (r.0 + open_at, r.0 + i)));
                }
            }
            _ if depth > 0 => {}
            ',' | ';' => {
                push(&mut out, start, main_end, i, bracket.take());
                main_end = None;
                start = i + 1;
            }
            _ if is_dash(c) => {
                let before = k == 0 || chars[k - 1].1.is_whitespace();
                let after = chars.get(k + 1).is_none_or(|x| x.1.is_whitespace());
                if before && after {
                    push(&mut out, start, main_end, i, bracket.take());
                    main_end = None;
                    start = i + c.len_utf8();
                }
            }
            _ if bracket.is_some() && !c.is_whitespace() => {
                // Words after a closing bracket: not a form of the grammar.
                return None;
            }
            _ => {}
        }
    }
    if depth > 0 {
        return None;
    }
    push(&mut out, start, main_end, s.len(), bracket.take());
    Some(out)
}

/// The words of a range with their lexicon flags (separators dropped),
/// offsets made cell offsets.
fn words(cell: &str, r: Range, lex: &Lex) -> Vec<Tok> {
    tokenise(&cell[r.0..r.1], lex)
        .into_iter()
        .filter(|t| t.sep.is_none())
        .map(|mut t| {
            t.start += r.0;
            t.end += r.0;
            t
        })
        .collect()
}

/// A name word: capitalised and in no lexicon, a particle between two such
/// words ("Anna de Wit"), or an initial ("J.").
fn name_word(t: &Tok) -> bool {
    t.flags == CAP
        || (t.word.len() == 2 && t.word.ends_with('.') && t.word.starts_with(char::is_uppercase))
}

/// Ranks, then two or three name words (one after a rank: "DCI Smith").
fn person(ws: &[Tok]) -> Option<Range> {
    if ws.len() > MAX_PERSON_WORDS {
        return None;
    }
    crate::work::step(ws.len() as u64);
    let ranks = ws.iter().take_while(|t| t.has(RANK)).count();
    let names = &ws[ranks..];
    let n = names.len();
    let ok_len = (2..=MAX_NAME_WORDS).contains(&n) || (n == 1 && ranks > 0);
    let ok_words = names.iter().enumerate().all(|(k, t)| {
        name_word(t) || (t.flags == PARTICLE && k > 0 && k + 1 < n && name_word(&names[k + 1]))
    });
    (ok_len && ok_words && names.first().is_some_and(name_word))
        .then(|| (names[0].start, names[n - 1].end))
}

/// An agency phrase: an agency word or an acronym that is not a team's.
fn agency(ws: &[Tok], lex: &Lex) -> bool {
    crate::work::step(ws.len() as u64);
    !ws.is_empty()
        && !ws.iter().any(|t| t.has(HEAD))
        && ws
            .iter()
            .any(|t| lex.is_agency_word(&t.word) || (t.has(ACR) && !lex.is_team(&t.word)))
}

/// Is a phrase run together with a name a body's name only: acronyms,
/// places, organisation and agency words, connectors and words of no
/// lexicon ("Anyplace Police", "ABC"), but no post subject, modifier or
/// head ("Family Assessment ABC" is the end of a post)?
fn plain_body(ws: &[Tok], lex: &Lex) -> bool {
    ws.iter().all(|t| {
        t.has(ACR)
            || t.has(PLACE)
            || t.has(ORGW)
            || t.has(ORGNAME)
            || t.has(super::words::CONN)
            || lex.is_agency_word(&t.word)
            || !(t.has(SUBJ) || t.has(MODI) || t.has(HEAD))
    })
}

/// Does the phrase end like a whole body ("… Service", "… Hospital", an
/// acronym)?
fn ends_as_body(ws: &[Tok], lex: &Lex) -> bool {
    ws.last()
        .is_some_and(|t| t.has(ORGW) || t.has(ACR) || lex.is_agency_word(&t.word))
}

/// Number of name words in a row from `k`.
fn name_run(ws: &[Tok], k: usize) -> usize {
    ws[k.min(ws.len())..]
        .iter()
        .take_while(|t| name_word(t))
        .count()
}

/// Does the phrase carry a person's name where a post or body should be?
/// A rank inside it, or two name words right before a post word, an
/// acronym or the end ("Chris Jackson Head of Service", "ESCC Ann Poe"):
/// such a phrase is a run-on, not one of the grammar's forms.
fn hides_person(ws: &[Tok]) -> bool {
    ws.iter().any(|t| t.has(RANK)) || name_before_post(ws) || name_after(ws)
}

/// Two name words at the start, right before a post word or an acronym:
/// a person ("Ann Poe Head of Service") or a subject the lexicon does not
/// know ("Neighbourhood Policing Lead"). Only a unit that names its person
/// elsewhere settles which.
fn name_before_post(ws: &[Tok]) -> bool {
    let run = name_run(ws, 0);
    // A head word that opens a post ("Head of …", "HOS Specialist …"),
    // not one that ends it ("Tenancy Sustainment Manager").
    let opens = |t: &Tok| t.has(HEAD) && ws.len() > run + 1;
    run >= 2 && ws.get(run).is_some_and(|t| opens(t) || t.has(ACR))
}

/// Two name words after a body or post word with no connector before them
/// ("ESCC Ann Poe", "Named Nurse Bo Roe") or after "and" at the end
/// ("Head of Service and Bo Roe"), or an agency acronym inside a
/// post ("School Health Service ABC Head of Service"): a run-on.
fn name_after(ws: &[Tok]) -> bool {
    let mut k = 1;
    while k < ws.len() {
        let run = name_run(ws, k);
        if run >= 2 {
            let prev = &ws[k - 1];
            let next = ws.get(k + run);
            if !prev.has(super::words::CONN)
                && next.is_none_or(|t| t.has(HEAD) || t.has(ACR) || t.has(RANK))
            {
                return true;
            }
            // "Head of Service and Ann Poe": a person after "and" at the end.
            if prev.has(super::words::AND) && next.is_none() {
                return true;
            }
        }
        k += run.max(1);
    }
    let head_after = |k: usize| ws[k + 1..].iter().any(|t| t.has(HEAD));
    (1..ws.len()).any(|k| {
        ws[k].has(ACR) && !ws[k - 1].has(ACR) && head_after(k) && !ws[k - 1].has(super::words::CONN)
    })
}

/// Four or more name words before a known place ("Al Bee Cy Dee Kent
/// Police"): two people run together before a body. A body's own name
/// puts at most a word or two of its own before a place ("Royal Kent
/// Hospital"); one person before it is the person + body reading.
fn names_before_place(ws: &[Tok]) -> bool {
    let run = name_run(ws, 0);
    run >= TWO_NAMES && ws.get(run).is_some_and(|t| t.has(PLACE))
}

/// Does a phrase end with "and" and two name words ("ABC and Ann Poe"),
/// or start with two name words, "and" and an acronym or known place
/// ("Ann Poe and ABC") or another name and "and" ("Ann Poe and Bo Roe and
/// Kent Police")? A body joined by "and" ends with its organisation
/// word, acronym or place ("NHS Anyplace and Elsewhere ICB"), and its
/// sides are alike ("Anyplace Parent and Carer Voice"); such a phrase
/// hides a person, so it is neither a body nor a service.
fn ends_in_name(ws: &[Tok]) -> bool {
    let and = |k: usize| ws.get(k).is_some_and(|t| t.has(super::words::AND));
    let tail = ws.iter().rev().take_while(|t| name_word(t)).count();
    let head = name_run(ws, 0);
    let body_after = |k: usize| ws.get(k).is_some_and(|t| t.has(ACR) || t.has(PLACE));
    // "Ann Poe and Bo Roe and ABC": people listed before the body.
    let names_listed = |k: usize| {
        let next = name_run(ws, k);
        next >= 2 && and(k + next)
    };
    (tail >= 2 && ws.len() > tail && and(ws.len() - tail - 1))
        || (head >= 2 && and(head) && (body_after(head + 1) || names_listed(head + 1)))
}

/// Acronyms of agencies printed after a post with no separator ("Head of
/// Quality ABC CCG"): where they start, if the post ends with them.
fn trailing_agency(ws: &[Tok], lex: &Lex) -> Option<usize> {
    let mut k = ws.len();
    while k > 0 && ws[k - 1].has(ACR) && !lex.is_team(&ws[k - 1].word) {
        k -= 1;
    }
    let before = ws.get(k.checked_sub(1)?)?;
    (k < ws.len()
        && k >= 2
        && !before.has(super::words::CONN)
        && ws[..k].iter().any(|t| t.has(HEAD)))
    .then_some(k)
}

/// Every reading of a phrase, with its score.
fn readings(cell: &str, r: Range, lex: &Lex) -> Vec<(Label, i32)> {
    let ws = words(cell, r, lex);
    let mut out = Vec::new();
    if ws.is_empty() {
        return out;
    }
    if ws.iter().all(|t| t.has(RANK)) {
        out.push((Label::Rank, score::RANK));
        return out;
    }
    if let Some(name) = person(&ws) {
        out.push((Label::Person { name }, score::PERSON));
        return out;
    }
    // A body and a person run together: "Al Bee LSCB", "Kent Police DCI Al Bee".
    // Only splits with a person's length on one side can read.
    let near_end = ws.len().saturating_sub(MAX_PERSON_WORDS);
    for k in (1..ws.len()).filter(|&k| k <= MAX_NAME_WORDS || k >= near_end) {
        // After a name, a body that opens with a known place or ends with
        // an acronym: "Al Bee LSCB", "Al Bee Kent Police", "Al Bee Anyplace
        // CCG" (an unknown place word there would make "Harlow Vale
        // Hospitals" a person).
        if k <= MAX_NAME_WORDS
            && let Some(name) = person(&ws[..k])
            && (ws[k].has(PLACE) || ws.last().is_some_and(|t| t.has(ACR)))
            && agency(&ws[k..], lex)
            && plain_body(&ws[k..], lex)
        {
            let org = (ws[k].start, r.1);
            out.push((Label::PersonOrg { name, org }, score::PERSON_AGENCY));
        }
        if let Some(name) = person(&ws[k..])
            && agency(&ws[..k], lex)
            && plain_body(&ws[..k], lex)
            && !hides_person(&ws[..k])
            && !ws[..k]
                .iter()
                .any(|t| t.has(HEAD) || t.has(super::words::CONN))
        {
            let org = (ws[0].start, ws[k - 1].end);
            out.push((Label::OrgPerson { name, org }, score::PERSON_AGENCY));
        }
    }
    if ws.iter().any(|t| t.has(RANK)) || name_after(&ws) {
        return out;
    }
    if ws.iter().any(|t| t.has(HEAD)) {
        let suspect = name_before_post(&ws);
        let first = &ws[0];
        // An agency acronym before a post is its organisation; a team's
        // stays in the role. Agency acronyms after it are too.
        let org = (ws.len() > 1 && first.has(ACR) && lex.is_agency_acronym(&first.word))
            .then_some((first.start, first.end));
        let tail = trailing_agency(&ws, lex).filter(|_| org.is_none());
        let role = match (org, tail) {
            (Some(_), _) => (ws[1].start, r.1),
            (None, Some(k)) => (r.0, ws[k - 1].end),
            (None, None) => r,
        };
        let after = tail.map(|k| (ws[k].start, r.1));
        out.push((
            Label::Post {
                role,
                org,
                after,
                suspect,
            },
            score::POST,
        ));
        return out;
    }
    // A name run together with a body ("Ann Poe Kent Police") is not a
    // body's name as well.
    let name_then_body = out
        .iter()
        .any(|(l, _)| matches!(l, Label::PersonOrg { .. }));
    if name_before_post(&ws) || ends_in_name(&ws) || name_then_body || names_before_place(&ws) {
        return out;
    }
    // A body's whole name from the list ("Public Health") reads as an
    // agency: after a post it is the organisation.
    if agency(&ws, lex) || ws.iter().all(|t| t.has(ORGNAME)) {
        out.push((Label::Agency, score::AGENCY));
    }
    // Two name words opening a longer phrase with no agency word may be a
    // person run together with what follows ("Ann Poe Children's
    // Services"): no weak reading then (the run-on reader decides).
    let opens_with_name = name_run(&ws, 0) >= 2;
    if !ws.iter().all(name_word) && !opens_with_name {
        out.push((Label::Other, score::OTHER));
    }
    out
}

/// The bracket after a person: a post, an agency, or "Post, Agency".
fn person_bracket(cell: &str, r: Range, lex: &Lex) -> Option<(Option<Range>, Option<Range>)> {
    let mut ps = parts(cell, r)?;
    if ps.iter().any(|p| p.bracket.is_some()) {
        return None;
    }
    // The person's rank printed in the bracket ("Al Bee (DI, Anyplace
    // Police)") is not a post.
    let is_rank = |p: &Part| {
        let ws = words(cell, p.main, lex);
        !ws.is_empty() && ws.iter().all(|t| t.has(RANK))
    };
    if ps.first().is_some_and(is_rank) {
        ps.remove(0);
        if ps.is_empty() {
            return Some((None, None));
        }
    }
    let read: Vec<Vec<(Label, i32)>> = ps.iter().map(|p| readings(cell, p.main, lex)).collect();
    let is = |k: usize, f: &dyn Fn(&Label) -> bool| read[k].iter().any(|(l, _)| f(l));
    let post = |l: &Label| {
        matches!(
            l,
            Label::Post {
                org: None,
                after: None,
                suspect: false,
                ..
            }
        )
    };
    let body = |l: &Label| matches!(l, Label::Agency);
    let with_org = read[0].iter().find_map(|(l, _)| match l {
        Label::Post {
            role,
            org: Some(o),
            after: None,
            suspect: false,
        }
        | Label::Post {
            role,
            org: None,
            after: Some(o),
            suspect: false,
        } => Some((*role, *o)),
        _ => None,
    });
    match ps.len() {
        1 if with_org.is_some() => with_org.map(|(r, o)| (Some(r), Some(o))),
        1 if is(0, &post) => Some((Some(ps[0].main), None)),
        1 if is(0, &body) => Some((None, Some(ps[0].main))),
        1 => Some((Some(ps[0].main), None)),
        n if n >= 2 && is(0, &post) => {
            Some((Some((ps[0].main.0, ps[n - 2].main.1)), Some(ps[n - 1].main)))
        }
        _ => None,
    }
}

/// Parse one unit against the patterns:
///
/// ```text
/// unit   = [head] core [tail]
/// head   = body                       (before a person or post: "ESCC – …")
/// core   = person [post {service}]    ("Ann Poe, Head of X, Court Work")
///        | post {service} [person]    ("Assistant Director, Early Help – Al Bee")
///        | person service agency      ("DS Al Bee, Missing Persons Unit, Anyplace Police")
///        | ranks [person]             ("DCI – Ann Poe")
///        | body                       (body only)
/// tail   = agency                     (", Dunlow Police", "(KCC)")
/// ```
pub(super) fn parse_unit(cell: &str, r: Range, lex: &Lex) -> Option<Parsed> {
    let r = trim(cell, r);
    if r.0 >= r.1
        || r.1 - r.0 > MAX_UNIT_BYTES
        || cell[r.0..r.1]
            .split_whitespace()
            .nth(MAX_UNIT_WORDS)
            .is_some()
    {
        return None;
    }
    let ps = parts(cell, r)?;
    if ps.is_empty() || ps.len() > MAX_PARTS {
        return None;
    }
    let read: Vec<Vec<(Label, i32)>> = ps
        .iter()
        .map(|p| {
            if p.main.0 < p.main.1 {
                readings(cell, p.main, lex)
            } else {
                vec![(Label::Other, 0)]
            }
        })
        .collect();
    if read.iter().any(Vec::is_empty) {
        return None;
    }
    let mut best: Option<(i32, Parsed)> = None;
    let mut pick = vec![0usize; ps.len()];
    loop {
        let labels: Vec<Label> = pick
            .iter()
            .enumerate()
            .map(|(k, &j)| read[k][j].0)
            .collect();
        let sc: i32 = pick.iter().enumerate().map(|(k, &j)| read[k][j].1).sum();
        if let Some(p) = fit(cell, r, &ps, &labels, lex)
            && best.as_ref().is_none_or(|(b, _)| sc > *b)
        {
            best = Some((sc, p));
        }
        // Next combination.
        let mut k = 0;
        while k < pick.len() {
            pick[k] += 1;
            if pick[k] < read[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
        if k == pick.len() {
            break;
        }
    }
    best.map(|(_, p)| p)
}

/// Does a sequence of labels fit the patterns? Its parse if so.
fn fit(cell: &str, r: Range, ps: &[Part], labels: &[Label], lex: &Lex) -> Option<Parsed> {
    let n = labels.len();
    let mut out = Parsed {
        text: r,
        ..Parsed::default()
    };
    let mut i = 0;
    // A body before a person or post: the heading form ("ESCC – Ann Poe").
    let core_start = |l: &Label| {
        matches!(
            l,
            Label::Person { .. } | Label::Rank | Label::Post { .. } | Label::PersonOrg { .. }
        )
    };
    let is_person = |l: &Label| {
        matches!(
            l,
            Label::Person { .. } | Label::PersonOrg { .. } | Label::OrgPerson { .. }
        )
    };
    if n > 1
        && matches!(labels[0], Label::Agency | Label::Other)
        && core_start(&labels[1])
        && ps[0].bracket.is_none()
    {
        out.org = Some(ps[0].main);
        out.org_first = true;
        out.heading = true;
        i = 1;
    }
    let mut role: Option<Range> = None;
    let extend_role = |role: &mut Option<Range>, x: Range| {
        *role = Some(match *role {
            Some((a, _)) => (a, x.1),
            None => x,
        });
    };
    let mut person_seen = false;
    let mut post_seen = false;
    let mut last_role_part: Option<usize> = None;
    while i < n {
        match labels[i] {
            Label::Rank if matches!(labels.get(i + 1), Some(Label::Person { .. })) => {
                // "DCI – Ann Poe": the ranks of the name that follows.
            }
            Label::Rank if !post_seen && !labels.iter().any(is_person) => {
                // Ranks with no name: the only post the lead has.
                extend_role(&mut role, ps[i].main);
                post_seen = true;
                last_role_part = Some(i);
            }
            Label::Person { name } if !person_seen => {
                out.name = Some(name);
                person_seen = true;
            }
            Label::PersonOrg { name, org } if !person_seen && out.org.is_none() && i + 1 == n => {
                out.name = Some(name);
                out.org = Some(org);
                person_seen = true;
            }
            Label::OrgPerson { name, org } if !person_seen && out.org.is_none() && i == 0 => {
                out.name = Some(name);
                out.org = Some(org);
                out.org_first = true;
                out.heading = true;
                person_seen = true;
            }
            Label::Post {
                role: pr,
                org,
                after,
                suspect,
            } if !post_seen && (!suspect || labels.iter().any(is_person)) => {
                if let Some(o) = org {
                    if out.org.is_some() {
                        return None;
                    }
                    out.org = Some(o);
                    out.org_first = true;
                }
                if let Some(o) = after {
                    if out.org.is_some() || i + 1 != n {
                        return None;
                    }
                    out.org = Some(o);
                }
                extend_role(&mut role, pr);
                post_seen = true;
                last_role_part = Some(i);
            }
            Label::Other | Label::Agency
                if post_seen
                    && last_role_part == Some(i - 1)
                    && ps[i - 1].bracket.is_none()
                    && !(labels[i] == Label::Agency && (i + 1 == n)) =>
            {
                // A service inside the post ("Service Manager, Child Protection").
                extend_role(&mut role, ps[i].main);
                last_role_part = Some(i);
            }
            Label::Other
                if person_seen
                    && !post_seen
                    && i + 2 == n
                    && labels[n - 1] == Label::Agency
                    && ps[i - 1].bracket.is_none()
                    && ps[i].bracket.is_none() =>
            {
                // A person's service or unit before the agency: the role
                // ("Sgt Al Bee, Missing Persons Unit, Anyplace Police").
                extend_role(&mut role, ps[i].main);
                post_seen = true;
                last_role_part = Some(i);
            }
            Label::Agency
                if i + 1 == n && (person_seen || post_seen) && ps[i].bracket.is_none() =>
            {
                if out.org.is_some() {
                    return None;
                }
                out.org = Some(ps[i].main);
            }
            Label::Agency | Label::Other if n == 1 => {
                out.org = Some(ps[i].main);
                let ws = words(cell, ps[i].main, lex);
                out.whole_body = ends_as_body(&ws, lex);
                if labels[i] == Label::Other && !out.whole_body && ps[i].bracket.is_none() {
                    // A phrase with no post, person or body word: a post
                    // the lexicon does not know ("Safeguarding").
                    out.org = None;
                    out.role = Some(ps[i].main);
                    out.who = true;
                    return Some(out);
                }
                if ps[i].bracket.is_some() {
                    out.org = Some((ps[i].main.0, r.1));
                }
                return Some(out);
            }
            _ => return None,
        }
        // The bracket after this part.
        if let Some(b) = ps[i].bracket {
            match labels[i] {
                Label::Person { .. } => {
                    let (br_role, br_org) = person_bracket(cell, b, lex)?;
                    if br_role.is_some() && role.is_some() {
                        return None;
                    }
                    if let Some(x) = br_role {
                        role = Some(x);
                        post_seen = true;
                        out.bracket_post = i + 1 == n;
                    }
                    if let Some(o) = br_org {
                        if out.org.is_some() {
                            return None;
                        }
                        out.org = Some(o);
                    }
                }
                Label::Post { .. } | Label::Other | Label::Agency | Label::Rank
                    if last_role_part == Some(i) =>
                {
                    // A bracket never replaces a heading body ("ABC –
                    // Ann Poe, Head of X (Elsewhere Council)" is two leads).
                    if out.org.is_some() && (!out.org_first || out.heading) || i + 1 != n {
                        return None;
                    }
                    out.org = Some(b);
                    out.org_first = false;
                }
                _ => return None,
            }
        }
        i += 1;
    }
    if !person_seen && !post_seen {
        return None;
    }
    out.role = role;
    out.who = true;
    out.full_post = role.is_some_and(|(a, b)| cell[a..b].split_whitespace().count() > 1);
    Some(out)
}

/// Top-level positions in `r` where " and ", " & " or an unspaced "/"
/// between words stand: (start of the joiner, end of it).
fn joiners(cell: &str, r: Range, lex: &Lex) -> Vec<Range> {
    let s = &cell[r.0..r.1];
    crate::work::step(s.len() as u64);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let c = b[i];
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            _ if depth > 0 => {}
            b' ' => {
                let rest = &s[i..];
                for j in [" and ", " & ", " And "] {
                    if rest.starts_with(j) {
                        out.push((r.0 + i, r.0 + i + j.len()));
                    }
                }
            }
            b'/' => {
                let before = i > 0 && (b[i - 1] as char).is_alphanumeric();
                let after = b.get(i + 1).is_some_and(|x| (*x as char).is_alphabetic());
                // Not inside a rank ("T/DCI", "D/Supt").
                let w0 = s[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(k, c)| k + c.len_utf8());
                let w1 = s[i..].find(char::is_whitespace).map_or(s.len(), |k| i + k);
                let rank = tokenise(&s[w0..w1], lex).iter().any(|t| t.has(RANK));
                if before && after && !rank {
                    out.push((r.0 + i, r.0 + i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Does a side of a joiner read as a lead on its own: a person, a post of
/// more than one word, or a whole body?
fn complete_left(p: &Parsed) -> bool {
    p.name.is_some() || p.full_post || p.whole_body
}

/// Does the right side of a joiner start a new lead: a person or post, or
/// a whole body opening with a name of its own ("Anyplace General
/// Hospital"), not the rest of a post's subject ("Families Service")?
fn starts_lead(cell: &str, p: &Parsed, lex: &Lex) -> bool {
    if p.name.is_some() || p.full_post {
        return true;
    }
    if !p.whole_body {
        return false;
    }
    let ws = words(cell, p.text, lex);
    ws.first().is_some_and(|t| {
        t.flags == CAP || t.has(PLACE) || t.has(ACR) || lex.is_agency_word(&t.word)
    }) && agency(&ws, lex)
}

/// Split a segment at joiners where both sides are whole leads: two
/// people or posts, or two bodies ("Anyplace Youth Service and Anyplace
/// General Hospital"); a body after a person or post is never split off
/// ("Designated Nurse, NHS Anyplace and Elsewhere ICB").
pub(super) fn split_joined(cell: &str, r: Range, lex: &Lex) -> Vec<Range> {
    // A loop, not a recursion per split: a segment of many short joined
    // leads would recurse once per lead.
    let mut out = Vec::new();
    let mut r = r;
    'segment: loop {
        for (a, b) in joiners(cell, r, lex) {
            let left = (r.0, a);
            let right = (b, r.1);
            let (Some(lp), Some(rp)) = (parse_unit(cell, left, lex), parse_unit(cell, right, lex))
            else {
                continue;
            };
            let bodies = lp.whole_body && rp.whole_body;
            let people = lp.role.is_some() || lp.name.is_some();
            // Posts after a person's post are that person's ("Ann Poe, Head
            // of X & Lead for Y"), unless another person follows or both
            // sides name their own bodies ("Ann Poe, Head of X, ABC and Head
            // of Y (DEF)").
            let own_bodies = lp.org.is_some() && rp.org.is_some();
            let right_who =
                rp.name.is_some() || (rp.full_post && (lp.name.is_none() || own_bodies));
            if complete_left(&lp) && starts_lead(cell, &rp, lex) && (bodies || people && right_who)
            {
                out.push(left);
                r = right;
                continue 'segment;
            }
        }
        out.push(r);
        return out;
    }
}

/// Lines of the cell with wrapped lines joined back: a line that ends
/// mid-phrase (a connector, a comma, a dash, a rank, an open bracket) or
/// is followed by one that starts mid-phrase (lower case, a closing
/// bracket, a dash) continues.
pub(super) fn lines(cell: &str, lex: &Lex) -> Vec<Range> {
    let mut raw: Vec<Range> = Vec::new();
    let mut start = 0;
    for (i, c) in cell.char_indices() {
        if c == '\n' {
            raw.push((start, i));
            start = i + 1;
        }
    }
    raw.push((start, cell.len()));
    let raw: Vec<Range> = raw
        .into_iter()
        .map(|r| trim(cell, r))
        .filter(|r| r.0 < r.1)
        .collect();
    let mut out: Vec<Range> = Vec::new();
    for r in raw {
        let joins = out.last().is_some_and(|&last| {
            let prev = &cell[last.0..last.1];
            let next = &cell[r.0..r.1];
            ends_open(prev, lex)
                || starts_open(next)
                || unbalanced(prev)
                || post_tail(prev, next, lex)
        });
        match out.last_mut() {
            Some(last) if joins => last.1 = r.1,
            _ => out.push(r),
        }
    }
    out
}

const OPEN_ENDS: &[&str] = &[
    "of", "and", "for", "in", "the", "with", "to", "at", "on", "&",
];

fn ends_open(prev: &str, lex: &Lex) -> bool {
    let last = prev.split_whitespace().last().unwrap_or("");
    if prev.ends_with([',', '(', '/', ':', '&', '+']) || prev.ends_with(is_dash) {
        return true;
    }
    if OPEN_ENDS.iter().any(|w| last.eq_ignore_ascii_case(w)) {
        return true;
    }
    tokenise(last, lex).last().is_some_and(|t| t.has(RANK))
}

/// Most words a line may have to be read as the wrapped end of the post
/// on the line above.
const MAX_TAIL_WORDS: usize = 3;

/// Is `next` the wrapped end of the post that `prev` holds ("Named Nurse
/// Children Looked" / "After")? A short line that cannot stand as a lead
/// of its own: no post head, body, place or rank word, no punctuation, and
/// not two name words (a person), under a line that is one post phrase
/// (a post head word, no punctuation).
fn post_tail(prev: &str, next: &str, lex: &Lex) -> bool {
    let above = tokenise(prev, lex);
    let below = tokenise(next, lex);
    let words = below.iter().filter(|t| t.sep.is_none()).count();
    let names = below
        .iter()
        .filter(|t| t.sep.is_none() && t.flags == CAP)
        .count();
    above.iter().any(|t| t.has(HEAD))
        && above.iter().all(|t| t.sep.is_none())
        && (1..=MAX_TAIL_WORDS).contains(&words)
        && names < 2
        && below
            .iter()
            .all(|t| t.sep.is_none() && !t.has(HEAD | ORGW | ORGNAME | PLACE | RANK))
}

fn starts_open(next: &str) -> bool {
    next.starts_with(|c: char| c.is_lowercase() || matches!(c, ')' | ']' | ',' | '&' | '/'))
        || next.starts_with(is_dash)
}

fn unbalanced(s: &str) -> bool {
    crate::work::step(s.len() as u64);
    s.matches(['(', '[']).count() > s.matches([')', ']']).count()
}

/// Split a line at top-level ";" and spaced "/".
pub(super) fn hard_splits(cell: &str, r: Range) -> Vec<Range> {
    let s = &cell[r.0..r.1];
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ';' if depth == 0 => {
                out.push(trim(cell, (r.0 + start, r.0 + i)));
                start = i + 1;
            }
            '/' if depth == 0 => {
                let sp_before = i > 0 && b[i - 1] == b' ';
                let sp_after = b.get(i + 1) == Some(&b' ');
                if sp_before || sp_after {
                    out.push(trim(cell, (r.0 + start, r.0 + i)));
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    out.push(trim(cell, (r.0 + start, r.1)));
    out.into_iter().filter(|x| x.0 < x.1).collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(cell: &str, r: Option<Range>) -> Option<String> {
    r.map(|(a, b)| squeeze(&cell[a..b]))
        .filter(|s| !s.is_empty())
}

/// A field's words: as `text_of`, with a word broken over a line at its
/// hyphen made whole again ("Sub\n-group" is "Sub-group").
fn field_of(cell: &str, r: Option<Range>) -> Option<String> {
    r.map(|(a, b)| {
        let s = &cell[a..b];
        let mut out = String::new();
        let mut rest = s;
        while let Some(k) = rest.find('\n') {
            let (head, tail) = rest.split_at(k);
            let tail = tail[1..].trim_start();
            out.push_str(head.trim_end());
            let glued = tail.starts_with(['-', '\u{2010}'])
                && tail[1..].starts_with(char::is_alphabetic)
                && head.ends_with(char::is_alphabetic);
            if !glued {
                out.push(' ');
            }
            rest = tail;
        }
        out.push_str(rest);
        squeeze(&out)
    })
    .filter(|s| !s.is_empty())
}

/// The whole cell read by the grammar, or None when some unit fits no
/// pattern (the caller then reads it as a run-on cell).
pub(super) fn read_cell(cell: &str, lex: &Lex) -> Option<Vec<LeadParts>> {
    if cell.len() > MAX_CELL_BYTES {
        return None;
    }
    // Units, grouped by the segment ("DS A & DC B (Org)") they came from.
    let mut units: Vec<(usize, Parsed)> = Vec::new();
    for (seg_no, seg) in lines(cell, lex)
        .into_iter()
        .flat_map(|l| hard_splits(cell, l))
        .enumerate()
    {
        for u in split_joined(cell, seg, lex) {
            units.push((seg_no, parse_unit(cell, u, lex)?));
        }
    }
    if units.is_empty() {
        return None;
    }
    // An organisation printed once after several people of one segment
    // belongs to each of them ("DS A & DC B (Dunlow Police)").
    // So does a post in a bracket after the last of several bare names
    // ("Al Bee & Bo Roe (Co-Chairs)").
    for k in (1..units.len()).rev() {
        let (seg, ref last) = units[k];
        let org = last.org.filter(|_| !last.org_first);
        let role = last.role.filter(|_| last.bracket_post);
        if org.is_none() && role.is_none() {
            continue;
        }
        for j in (0..k).rev() {
            let (s, u) = &mut units[j];
            if *s != seg || u.org.is_some() || u.name.is_none() {
                break;
            }
            u.org = org;
            if u.role.is_none() {
                u.role = role;
            }
        }
    }
    // A body alone on its line before other leads is their heading; alone
    // at the end, it is the organisation of the lead before it.
    let mut out: Vec<LeadParts> = Vec::new();
    let mut heading: Option<String> = None;
    let n = units.len();
    for (k, (_, p)) in units.iter().enumerate() {
        let body_only = |p: &Parsed| p.name.is_none() && p.role.is_none() && p.org.is_some();
        let next_needs_body = units
            .get(k + 1)
            .is_some_and(|(_, q)| !body_only(q) && q.org.is_none());
        let body_only = body_only(p);
        if body_only && next_needs_body {
            heading = text_of(cell, p.org);
            continue;
        }
        if body_only
            && k + 1 == n
            && n > 1
            && let Some(prev) = out.last_mut()
            && prev.organisation.is_none()
        {
            prev.organisation = text_of(cell, p.org);
            if let Some(t) = text_of(cell, Some(p.text)) {
                prev.text = format!("{}\n{t}", prev.text);
            }
            continue;
        }
        let own = field_of(cell, p.org);
        if p.heading && own.is_some() {
            // Printed before the person or post: a heading for the leads
            // below it that name no body.
            heading = own.clone();
        }
        let org_first = (p.org_first && own.is_some()) || (own.is_none() && heading.is_some());
        out.push(LeadParts {
            text: text_of(cell, Some(p.text)).unwrap_or_default(),
            name: p.name.map(|r| {
                words(cell, r, lex)
                    .iter()
                    .map(|t| t.word.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
            role: field_of(cell, p.role),
            organisation: own.or_else(|| heading.clone()),
            org_first,
        });
    }
    for l in &mut out {
        l.text = squeeze(&l.text);
    }
    Some(out)
}

/// Does the cell say only that it carries the leads above ("As above")?
pub(super) fn is_carry(cell: &str, lex: &Lex) -> bool {
    let w = super::words::plain_words(cell);
    !w.is_empty() && lex.carry.contains(&w)
}
