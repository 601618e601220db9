//! Tagged words grouped into units: names, posts, bodies, subject
//! phrases and separators.

use super::words::{
    ACR, AND, CAP, CONN, HEAD, LOWER, Lex, MODI, NUM, ORGNAME, ORGW, PARTICLE, PLACE, RANK, SUBJ,
    Sep, Tok,
};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Name(String),
    Role,
    Domain,
    Org,
    Sep(Sep),
    And,
}

#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

fn word_at(toks: &[Tok], i: usize) -> Option<&Tok> {
    toks.get(i).filter(|t| t.sep.is_none())
}

/// Longest run of name words worth counting: no name is longer, and the
/// bound keeps a cell of thousands of capitalised words linear.
const MAX_RUN: usize = 8;

/// Number of unknown capitalised words in a row from `i` (at most `MAX_RUN`).
fn cap_run(toks: &[Tok], i: usize) -> usize {
    let mut n = 0;
    while n < MAX_RUN {
        match word_at(toks, i + n) {
            Some(t) if t.flags == CAP => n += 1,
            // "de" in "Anna de Wit": only between two name words.
            Some(t)
                if t.flags == PARTICLE
                    && n >= 1
                    && word_at(toks, i + n + 1).is_some_and(|x| x.flags == CAP) =>
            {
                n += 1
            }
            _ => break,
        }
    }
    n
}

/// The word before `j`, looking past line breaks.
fn prev_word(toks: &[Tok], j: usize) -> Option<&Tok> {
    toks.get(..j)?
        .iter()
        .rev()
        .find(|t| t.sep != Some(Sep::Newline))
        .filter(|t| t.sep.is_none())
}

/// A two-word name broken over a line ("Jane" / "Smith" in a PDF dump):
/// one name word at the end of a line and one alone after it.
fn wrapped_name(toks: &[Tok], i: usize) -> bool {
    cap_run(toks, i) == 1
        && toks.get(i + 1).is_some_and(|t| t.sep == Some(Sep::Newline))
        && cap_run(toks, i + 2) == 1
}

/// Does a name (optionally after a dash) start at `i`?
fn name_starts(toks: &[Tok], i: usize) -> bool {
    let i = if toks.get(i).is_some_and(|t| t.sep == Some(Sep::Dash)) {
        i + 1
    } else {
        i
    };
    word_at(toks, i).is_some_and(|t| t.has(RANK)) || cap_run(toks, i) >= 2 || wrapped_name(toks, i)
}

/// Name words after optional ranks at `i`: (end token, name).
fn scan_name(toks: &[Tok], i: usize) -> Option<(usize, String)> {
    let mut j = i;
    let mut ranked = false;
    while let Some(t) = word_at(toks, j).filter(|_| j - i < MAX_RUN) {
        if t.has(RANK) {
            ranked = true;
            j += 1;
            if toks
                .get(j)
                .is_some_and(|t| matches!(t.sep, Some(Sep::Dash) | Some(Sep::Newline)))
                && cap_run(toks, j + 1) >= 1
            {
                j += 1;
            }
        } else {
            break;
        }
    }
    let n = cap_run(toks, j);
    if n == 1 && wrapped_name(toks, j) {
        let name = format!("{} {}", toks[j].word, toks[j + 2].word);
        return Some((j + 3, name));
    }
    if n == 0 || (!ranked && n < 2) {
        return None;
    }
    let after = word_at(toks, j + n);
    // Two words make a name; three may ("Mary Ann Doe"); four or more are
    // names run together. Words between a name and an organisation word
    // belong to the organisation ("Jane Doe Southend CCG").
    let take = if (after.is_some_and(|t| t.has(ACR | ORGW)) && n >= 3) || n >= 4 {
        2
    } else {
        n
    };
    if !ranked && n == 2 && after.is_some_and(|t| t.has(ORGW) && !t.has(ACR)) {
        // "Crawley Hospital": a place and an organisation word.
        return None;
    }
    let name = toks[j..j + take]
        .iter()
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some((j + take, name))
}

/// Is the organisation word at `i` a heading (followed by a name, a rank or
/// a dash and a name)?
fn heading_follows(toks: &[Tok], i: usize) -> bool {
    name_starts(toks, i + 1)
}

/// An organisation phrase from `i`: end token (exclusive), if any.
fn scan_org(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = i;
    while let Some(t) = word_at(toks, j) {
        if t.has(AND) && j > i && and_joins_org(toks, j) {
            j += 1;
            continue;
        }
        if t.has(RANK) || (t.has(CONN) && !t.has(ORGNAME)) {
            break;
        }
        if j > i && cap_run(toks, j) >= 2 {
            break;
        }
        if t.has(HEAD) && !t.has(ORGW | ORGNAME) {
            // A post starts: give back the words that lead into it.
            while j > i + 1
                && toks[j - 1].has(MODI | SUBJ | LOWER)
                && !toks[j - 1].has(ORGW | ACR | ORGNAME)
            {
                j -= 1;
            }
            break;
        }
        if t.has(ACR | ORGW | PLACE | SUBJ | MODI | LOWER | CAP | ORGNAME | NUM) {
            j += 1;
            continue;
        }
        break;
    }
    // Trailing words that are not organisation words, after an acronym,
    // stay (e.g. "SBC Integrated Commissioning team"); but never end on a
    // connector or number alone.
    (j > i).then_some(j)
}

/// Does the "and" at `j` join two places of one body's name ("NHS Kent and
/// Medway ICB")? Only place or unknown capitalised words may follow it, up
/// to an organisation word or acronym.
fn and_joins_org(toks: &[Tok], j: usize) -> bool {
    // "and Jane Doe CSP": a name follows, not a place.
    if cap_run(toks, j + 1) >= 2 {
        return false;
    }
    let mut k = j + 1;
    while word_at(toks, k).is_some_and(|t| (t.has(PLACE) || t.flags == CAP) && !t.has(ORGW)) {
        k += 1;
        if k - j > 3 {
            return false;
        }
    }
    k > j + 1 && word_at(toks, k).is_some_and(|t| t.has(ORGW | ACR) && !t.has(HEAD))
}

/// Is `i` the start of an organisation phrase?
fn org_starts(toks: &[Tok], i: usize) -> bool {
    let Some(t) = word_at(toks, i) else {
        return false;
    };
    if t.has(ACR) || (t.has(ORGNAME) && whole_org_chunk(toks, i)) {
        return true;
    }
    // "Essex Police", "Southend CCG", "NHS East Sussex CCG": place or unknown
    // capitalised words leading to an organisation word.
    if t.has(PLACE) || t.flags == CAP {
        let mut j = i;
        while word_at(toks, j).is_some_and(|t| t.has(PLACE) || t.flags == CAP) {
            j += 1;
        }
        if j - i <= 2 && word_at(toks, j).is_some_and(|t| t.has(ORGW | ACR)) {
            return true;
        }
    }
    if t.has(ORGW) && !t.has(HEAD) {
        if heading_follows(toks, i) {
            return true;
        }
        if toks.get(i + 1).is_none_or(|n| n.sep.is_some()) && chunk_start(toks, i) {
            return true;
        }
    }
    whole_org_chunk(toks, i)
}

/// Is `i` the first word after a separator (or the start)?
fn chunk_start(toks: &[Tok], i: usize) -> bool {
    i == 0
        || toks
            .get(i - 1)
            .is_some_and(|t| t.sep.is_some() || t.has(AND))
}

/// A short chunk of subject and organisation words standing alone between
/// separators and ending in an organisation word ("Public Health",
/// "Children's Social Care").
fn whole_org_chunk(toks: &[Tok], i: usize) -> bool {
    if !chunk_start(toks, i) {
        return false;
    }
    let mut j = i;
    while let Some(t) = word_at(toks, j) {
        if j > i && (t.has(RANK) || cap_run(toks, j) >= 2) {
            // A name starts: the chunk ends here.
            break;
        }
        if t.has(HEAD | CONN | RANK | CAP | ACR) || j - i >= 6 {
            return false;
        }
        if !t.has(SUBJ | ORGW | PLACE | ORGNAME) {
            return false;
        }
        j += 1;
    }
    j > i && toks[j - 1].has(ORGW | ORGNAME)
}

/// A post or subject phrase from `i`: (end token exclusive, has a head).
fn scan_role(toks: &[Tok], i: usize) -> (usize, bool) {
    let mut j = i;
    let mut good = i;
    let mut head = false;
    let mut prev_conn = false;
    while j < toks.len() {
        let t = &toks[j];
        if let Some(s) = t.sep {
            match s {
                Sep::Dash
                    if j > i
                        && prev_word(toks, j).is_some_and(|p| p.has(NUM))
                        && word_at(toks, j + 1).is_some_and(|n| n.has(NUM)) =>
                {
                    j += 1;
                    continue;
                }
                Sep::LParen => {
                    // "(Women and Children)": a plain subject group.
                    let mut k = j + 1;
                    while word_at(toks, k)
                        .is_some_and(|w| w.has(SUBJ | CONN | LOWER | MODI | HEAD | NUM))
                    {
                        k += 1;
                    }
                    if k > j + 1 && toks.get(k).is_some_and(|t| t.sep == Some(Sep::RParen)) {
                        j = k + 1;
                        good = j;
                        prev_conn = false;
                        continue;
                    }
                    // "Learning Effectiveness Service (SLES)": the phrase's
                    // own abbreviation, after words of a post.
                    if j > i
                        && !prev_conn
                        && word_at(toks, j + 1).is_some_and(|w| w.has(ACR))
                        && toks.get(j + 2).is_some_and(|t| t.sep == Some(Sep::RParen))
                        && prev_word(toks, j).is_some_and(|p| p.has(SUBJ | HEAD | ORGW | MODI))
                    {
                        j += 3;
                        good = j;
                        continue;
                    }
                }
                Sep::Newline if j > i && wraps(toks, j, head) => {
                    j += 1;
                    continue;
                }
                _ => {}
            }
            break;
        }
        if t.has(RANK) {
            break;
        }
        if t.flags == CAP {
            let n = cap_run(toks, j);
            if n >= 2 {
                let after = word_at(toks, j + n);
                // Inside a complement ("Head of Brighton Hove Services")
                // capitalised words may go on with the post; anywhere else
                // they are a name.
                let continues = prev_conn
                    && after.is_some_and(|a| a.has(SUBJ | MODI | LOWER | NUM))
                    && !after.is_some_and(|a| a.has(HEAD | ACR));
                if continues {
                    j += n;
                    good = j;
                    prev_conn = false;
                    continue;
                }
                // The last two words are a name; any before stay in the post
                // when they complete it ("Head of Hove Jane Doe"). A run
                // straight after the post is names only.
                if n > 2 && prev_conn {
                    good = j + n - 2;
                }
                break;
            }
            let body_next = word_at(toks, j + 1)
                .is_some_and(|a| a.has(ACR) || (a.has(ORGW) && !a.has(SUBJ | MODI)));
            if (body_next && !prev_conn) || wrapped_name(toks, j) {
                break;
            }
            j += 1;
            good = j;
            prev_conn = false;
            continue;
        }
        if t.has(ACR) && !t.has(HEAD | SUBJ) {
            if prev_conn {
                j += 1;
                good = j;
                prev_conn = false;
                continue;
            }
            break;
        }
        if t.has(ORGW) && !t.has(HEAD | MODI | SUBJ) {
            if (prev_conn || j > i) && !heading_follows(toks, j) {
                j += 1;
                good = j;
                prev_conn = false;
                continue;
            }
            break;
        }
        if t.has(CONN) {
            if j == i || name_starts(toks, j + 1) {
                break;
            }
            prev_conn = true;
            j += 1;
            continue;
        }
        if t.has(HEAD | MODI | SUBJ | LOWER | NUM | ORGNAME) {
            // A subject word that can also name a body ("Service",
            // "Health") stays in the post: "Head of School Health Service -
            // Jane Doe" is a post and a name, not a heading.
            head |= t.has(HEAD);
            j += 1;
            good = j;
            prev_conn = false;
            continue;
        }
        break;
    }
    (good, head)
}

/// Does the post wrap over the line break at `j` (a PDF line or a soft
/// break) rather than end there? It does after a connector ("Head of" /
/// "Service"), before a lower-case word, and when a post that already has
/// its head goes on with plain subject words ("Head of Specialist" /
/// "Services").
fn wraps(toks: &[Tok], j: usize, head: bool) -> bool {
    let prev = j.checked_sub(1).and_then(|p| word_at(toks, p));
    let next = word_at(toks, j + 1);
    if name_starts(toks, j + 1) {
        return false;
    }
    if prev.is_some_and(|p| p.has(CONN)) {
        return next.is_some();
    }
    // "0" / "– 19": an age range broken over a line.
    if prev.is_some_and(|p| p.has(NUM))
        && toks.get(j + 1).is_some_and(|t| t.sep == Some(Sep::Dash))
        && word_at(toks, j + 2).is_some_and(|t| t.has(NUM))
    {
        return true;
    }
    let Some(n) = next else { return false };
    if n.has(AND) {
        return !name_starts(toks, j + 2);
    }
    if n.has(LOWER | CONN) {
        return true;
    }
    // A post still without its head word goes on ("Designated" / "Nurse").
    if !head && n.has(HEAD | MODI | SUBJ) && !n.has(RANK | CAP | ACR) {
        return true;
    }
    head && n.has(SUBJ)
        && !n.has(HEAD | MODI | ACR | RANK | CAP)
        && !(n.has(ORGW) && heading_follows(toks, j + 1))
}

pub(super) fn units(toks: &[Tok], _lex: &Lex) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if let Some(s) = t.sep {
            out.push(Unit {
                kind: Kind::Sep(s),
                start: t.start,
                end: t.end,
            });
            i += 1;
            continue;
        }
        if t.has(AND) {
            out.push(Unit {
                kind: Kind::And,
                start: t.start,
                end: t.end,
            });
            i += 1;
            continue;
        }
        if (t.has(RANK) || t.flags == CAP)
            && let Some((j, name)) = scan_name(toks, i)
        {
            out.push(Unit {
                kind: Kind::Name(name),
                start: t.start,
                end: toks[j - 1].end,
            });
            i = j;
            continue;
        }
        if t.has(RANK) {
            // A rank with no name after it is the post itself ("Detective
            // Chief Inspector, Safeguarding Investigation Unit").
            let mut k = i;
            while word_at(toks, k).is_some_and(|w| w.has(RANK)) {
                k += 1;
            }
            let (j, _) = scan_role(toks, k);
            let end = j.max(k);
            out.push(Unit {
                kind: Kind::Role,
                start: t.start,
                end: toks[end - 1].end,
            });
            i = end;
            continue;
        }
        if org_starts(toks, i)
            && let Some(j) = scan_org(toks, i)
        {
            out.push(Unit {
                kind: Kind::Org,
                start: t.start,
                end: toks[j - 1].end,
            });
            i = j;
            continue;
        }
        let (j, head) = scan_role(toks, i);
        if j > i {
            // A phrase with no post in it that ends in an organisation word
            // names a body ("Brighton and Hove City Council").
            let body = !head && toks[j - 1].has(ORGW | ORGNAME) && !toks[j - 1].has(SUBJ | MODI);
            out.push(Unit {
                kind: if head {
                    Kind::Role
                } else if body {
                    Kind::Org
                } else {
                    Kind::Domain
                },
                start: t.start,
                end: toks[j - 1].end,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    out
}
