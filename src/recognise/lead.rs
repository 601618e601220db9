//! Lead cells into people and posts.
//!
//! A lead cell names one or more leads, each some of: an organisation
//! ("ESCC", "Sussex Police"), a rank or title ("DCI", "Dr"), a name and a
//! post ("Head of Specialist Services"). Cells print them in every order and
//! often run several leads together on one line ("ESCC Jane Doe, Head of X
//! John Roe, HOS, Y Police DCI Ann Poe"). Nothing here knows any person:
//!
//! 1. words are tagged from the general lexicons in `grammars/` (ranks and
//!    titles, organisation acronyms and words, role heads, modifiers and
//!    subject words); a capitalised word in none of them is a name word;
//! 2. tagged words are grouped into units: a name (optional ranks, then two
//!    or three name words), an organisation phrase, a role phrase (a post
//!    with a head word such as Head, Manager, Nurse, Lead) or a bare subject
//!    phrase, and separators (comma, dash, line break, "/", "and");
//! 3. units are assembled into leads: a new name, a post after "/" or
//!    "and", or an organisation printed as a heading before a name starts a
//!    new lead. An organisation printed before the names (a heading) covers
//!    the leads under it in the same cell that name no organisation of their
//!    own.

use std::collections::HashSet;

use super::Grammars;

/// One named lead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadParts {
    pub text: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

/// Split a lead cell (paragraphs as lines) into leads.
pub fn split_leads(cell: &str, g: &Grammars) -> Vec<LeadParts> {
    let lex = g.lead_lexicon();
    let toks = tokenise(cell, lex);
    let units = units(&toks, lex);
    assemble(cell, &units)
}

// ---------------------------------------------------------------- lexicon

const RANK: u16 = 1;
const HEAD: u16 = 1 << 1;
const ACR: u16 = 1 << 2;
const MODI: u16 = 1 << 3;
const SUBJ: u16 = 1 << 4;
const ORGW: u16 = 1 << 5;
const PLACE: u16 = 1 << 6;
const CONN: u16 = 1 << 7;
const NUM: u16 = 1 << 8;
const LOWER: u16 = 1 << 9;
const CAP: u16 = 1 << 10;
const ORGNAME: u16 = 1 << 11;
const AND: u16 = 1 << 12;
const PARTICLE: u16 = 1 << 13;

const CONNECTORS: &[&str] = &[
    "of", "for", "in", "and", "&", "the", "with", "at", "on", "to", "+",
];

/// The lead vocabulary, lower-cased for lookup.
pub(crate) struct Lex {
    ranks: Vec<Vec<String>>,
    acting: Vec<String>,
    particles: HashSet<String>,
    acronyms: HashSet<String>,
    not_acronyms: HashSet<String>,
    multi: Vec<(Vec<String>, u16)>,
    single: Vec<(HashSet<String>, u16)>,
}

fn split_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

impl Lex {
    pub(crate) fn new(g: &Grammars) -> Lex {
        let mut ranks: Vec<Vec<String>> = g
            .ranks
            .ranks
            .iter()
            .chain(&g.ranks.titles)
            .map(|r| r.split_whitespace().map(str::to_string).collect())
            .filter(|v: &Vec<String>| !v.is_empty())
            .collect();
        ranks.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let mut multi: Vec<(Vec<String>, u16)> = Vec::new();
        let mut single = Vec::new();
        let lists: [(&[String], u16); 7] = [
            (&g.roles.heads, HEAD),
            (&g.roles.modifiers, MODI),
            (&g.roles.subjects, SUBJ),
            (&g.organisations.words, ORGW),
            (&g.organisations.places, PLACE),
            (&g.organisations.names, ORGNAME),
            (&[], 0),
        ];
        for (list, flag) in lists {
            let mut set = HashSet::new();
            for w in list {
                let ws = split_words(w);
                if ws.len() > 1 || flag == ORGNAME {
                    multi.push((ws.iter().map(|w| strip_possessive(w)).collect(), flag));
                } else if let Some(w) = ws.first() {
                    set.insert(strip_possessive(w));
                }
            }
            single.push((set, flag));
        }
        multi.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        Lex {
            ranks,
            acting: g.ranks.acting_prefixes.clone(),
            particles: g
                .ranks
                .name_particles
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            acronyms: g
                .organisations
                .acronyms
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            not_acronyms: g
                .organisations
                .not_acronyms
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            multi,
            single,
        }
    }

    /// Is `w` a one-word rank or title ("DCI", "Dr.", "T/DCI")?
    fn is_rank_word(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        let exact = |w: &str| self.ranks.iter().any(|r| r.len() == 1 && r[0] == w);
        if exact(w) {
            return true;
        }
        if let Some((p, r)) = w.split_once('/') {
            return self.acting.iter().any(|a| a == p) && exact(r);
        }
        false
    }
}

fn strip_possessive(w: &str) -> String {
    let w = w.trim_end_matches('.');
    for s in ["'s", "’s", "s'", "s’"] {
        if let Some(stem) = w.strip_suffix(s)
            && !stem.is_empty()
        {
            return if s.starts_with('s') {
                format!("{stem}s")
            } else {
                stem.to_string()
            };
        }
    }
    w.to_string()
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Comma,
    Dash,
    Newline,
    Slash,
    Colon,
    Semi,
    LParen,
    RParen,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    /// The word as it reads in a name ("Brennan- Douglas" → "Brennan-Douglas").
    word: String,
    sep: Option<Sep>,
    flags: u16,
}

impl Tok {
    fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

fn tokenise(text: &str, lex: &Lex) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|x| x.1);
    let pos = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
    let mut toks: Vec<Tok> = Vec::new();
    let sep = |toks: &mut Vec<Tok>, s: Sep, a: usize, b: usize| {
        toks.push(Tok {
            start: a,
            end: b,
            word: String::new(),
            sep: Some(s),
            flags: 0,
        });
    };
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let (a, b) = (pos(k), pos(k + 1));
        match c {
            '\n' => {
                if !matches!(toks.last(), Some(t) if t.sep == Some(Sep::Newline)) {
                    sep(&mut toks, Sep::Newline, a, b);
                }
                k += 1;
            }
            _ if c.is_whitespace() => k += 1,
            ',' => {
                sep(&mut toks, Sep::Comma, a, b);
                k += 1;
            }
            ';' => {
                sep(&mut toks, Sep::Semi, a, b);
                k += 1;
            }
            ':' => {
                sep(&mut toks, Sep::Colon, a, b);
                k += 1;
            }
            '(' | '[' => {
                sep(&mut toks, Sep::LParen, a, b);
                k += 1;
            }
            ')' | ']' => {
                sep(&mut toks, Sep::RParen, a, b);
                k += 1;
            }
            '/' | '\\' => {
                sep(&mut toks, Sep::Slash, a, b);
                k += 1;
            }
            '–' | '—' | '-' | '‐' | '‑' => {
                sep(&mut toks, Sep::Dash, a, b);
                k += 1;
            }
            '&' | '+' => {
                toks.push(Tok {
                    start: a,
                    end: b,
                    word: c.to_string(),
                    sep: None,
                    flags: CONN | AND,
                });
                k += 1;
            }
            _ if is_word_char(c) => {
                let s = k;
                let mut word = String::new();
                while k < chars.len() {
                    let c = chars[k].1;
                    if is_word_char(c) {
                        word.push(c);
                        k += 1;
                    } else if matches!(c, '-' | '.' | '/' | '‐' | '‑')
                        && at(k + 1).is_some_and(is_word_char)
                        && k > s
                    {
                        word.push(if c == '‐' || c == '‑' { '-' } else { c });
                        k += 1;
                    } else if c == '-'
                        && at(k + 1) == Some(' ')
                        && word.chars().next().is_some_and(char::is_uppercase)
                        && !word.chars().all(|c| !c.is_lowercase())
                        && joins_name(&chars, k + 1)
                    {
                        // "Brennan- Douglas": a double-barrelled name broken
                        // after its hyphen.
                        word.push('-');
                        k += 1;
                        while at(k) == Some(' ') {
                            k += 1;
                        }
                    } else {
                        break;
                    }
                }
                // An initial keeps its full stop ("J. Smith").
                if word.chars().count() == 1
                    && word.chars().all(char::is_uppercase)
                    && at(k) == Some('.')
                {
                    word.push('.');
                    k += 1;
                }
                let (a, b) = (pos(s), pos(k));
                push_word(&mut toks, text, a, b, &word, lex);
            }
            _ => k += 1,
        }
    }
    tag_multi(&mut toks, lex);
    toks
}

/// After "Brennan- ", does a capitalised word with lower-case letters follow?
fn joins_name(chars: &[(usize, char)], mut k: usize) -> bool {
    while chars.get(k).is_some_and(|x| x.1 == ' ') {
        k += 1;
    }
    let first = chars.get(k).map(|x| x.1);
    let second = chars.get(k + 1).map(|x| x.1);
    first.is_some_and(char::is_uppercase) && second.is_some_and(char::is_lowercase)
}

/// Push a word, splitting "Lead/Manager" at its slashes unless the whole is
/// a rank ("T/DCI", "D/Supt").
fn push_word(toks: &mut Vec<Tok>, text: &str, a: usize, b: usize, word: &str, lex: &Lex) {
    let raw = text.get(a..b).unwrap_or("");
    if word.contains('/') && !lex.is_rank_word(word) {
        let mut off = a;
        for (n, part) in raw.split('/').enumerate() {
            if n > 0 {
                toks.push(Tok {
                    start: off - 1,
                    end: off,
                    word: String::new(),
                    sep: Some(Sep::Slash),
                    flags: 0,
                });
            }
            if !part.is_empty() {
                let w: String = part.to_string();
                toks.push(word_tok(off, off + part.len(), &w, lex));
            }
            off += part.len() + 1;
        }
        return;
    }
    let initial = word.len() == 2 && word.ends_with('.');
    let word = if initial {
        word
    } else {
        word.trim_end_matches('.')
    };
    toks.push(word_tok(a, b, word, lex));
}

fn word_tok(a: usize, b: usize, word: &str, lex: &Lex) -> Tok {
    Tok {
        start: a,
        end: b,
        word: word.to_string(),
        sep: None,
        flags: classify(word, lex),
    }
}

fn classify(word: &str, lex: &Lex) -> u16 {
    let lower = word.to_lowercase();
    if CONNECTORS.contains(&lower.as_str()) {
        return CONN | if lower == "and" { AND } else { 0 };
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return NUM;
    }
    if lex.is_rank_word(word) {
        return RANK;
    }
    if word.starts_with(char::is_lowercase) && lex.particles.contains(word) {
        return PARTICLE;
    }
    let key = strip_possessive(&lower);
    let mut f = 0;
    for (set, flag) in &lex.single {
        if set.contains(&key) {
            f |= flag;
        }
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let upper_start = word.chars().next().is_some_and(char::is_uppercase);
    let listed = lex.acronyms.contains(&lower) && upper_start;
    if (listed || (all_caps && f & HEAD == 0)) && !lex.not_acronyms.contains(&lower) {
        return f | ACR;
    }
    if f != 0 || all_caps {
        return f;
    }
    if upper_start { CAP } else { LOWER }
}

/// Mark multi-word ranks (merged into one token) and multi-word lexicon
/// entries ("Chief Executive", "task force", "Public Health").
fn tag_multi(toks: &mut Vec<Tok>, lex: &Lex) {
    // Ranks of several words become one token.
    let mut i = 0;
    while i < toks.len() {
        for r in lex.ranks.iter().filter(|r| r.len() > 1) {
            let n = r.len();
            if i + n <= toks.len()
                && (0..n).all(|k| toks[i + k].sep.is_none() && toks[i + k].word == r[k])
            {
                let end = toks[i + n - 1].end;
                let word = r.join(" ");
                toks[i].end = end;
                toks[i].word = word;
                toks[i].flags = RANK;
                toks.drain(i + 1..i + n);
                break;
            }
        }
        i += 1;
    }
    for i in 0..toks.len() {
        for (words, flag) in &lex.multi {
            let n = words.len();
            if n == 0 || i + n > toks.len() {
                continue;
            }
            let hit = (0..n).all(|k| {
                let t = &toks[i + k];
                t.sep.is_none() && strip_possessive(&t.word.to_lowercase()) == words[k]
            });
            if hit {
                for k in 0..n {
                    let t = &mut toks[i + k];
                    t.flags |= flag;
                    if t.flags & (CAP | LOWER) != 0 {
                        t.flags &= !(CAP | LOWER);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- units

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Name(String),
    Role,
    Domain,
    Org,
    Sep(Sep),
    And,
}

#[derive(Debug, Clone)]
struct Unit {
    kind: Kind,
    start: usize,
    end: usize,
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

/// A two-word name broken over a line ("Sally" / "Pullen" in a PDF dump):
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
            if toks.get(j).is_some_and(|t| t.sep == Some(Sep::Dash)) && cap_run(toks, j + 1) >= 1 {
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
        if t.has(HEAD | CONN | RANK | CAP | ACR) || j - i >= 4 {
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

fn units(toks: &[Tok], _lex: &Lex) -> Vec<Unit> {
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

// ---------------------------------------------------------------- leads

#[derive(Debug, Default, Clone)]
struct Building {
    start: Option<usize>,
    end: usize,
    name: Option<String>,
    roles: Vec<String>,
    org: Option<String>,
    /// The organisation was printed before the name: a heading that also
    /// covers later leads in the cell.
    heading: bool,
    /// Start of an acronym folded into the next post ("CAMHS Head of Service").
    role_from: Option<usize>,
    /// A bracket opened inside this lead: its closing bracket belongs to it.
    paren: bool,
}

impl Building {
    fn empty(&self) -> bool {
        self.name.is_none() && self.roles.is_empty() && self.org.is_none()
    }
    fn touch(&mut self, u: &Unit) {
        if self.start.is_none() {
            self.start = Some(u.start);
        }
        self.end = self.end.max(u.end);
    }
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn slice(text: &str, a: usize, b: usize) -> String {
    clean(text.get(a..b).unwrap_or(""))
}

/// The next non-separator unit after `k`, with the separators in between.
fn next_content(units: &[Unit], k: usize) -> (Option<&Unit>, Vec<&Kind>) {
    let mut seps = Vec::new();
    for u in units.iter().skip(k + 1) {
        match u.kind {
            Kind::Sep(_) | Kind::And => seps.push(&u.kind),
            _ => return (Some(u), seps),
        }
    }
    (None, seps)
}

fn only_dashes(seps: &[&Kind]) -> bool {
    seps.iter()
        .all(|s| matches!(s, Kind::Sep(Sep::Dash) | Kind::Sep(Sep::Colon)))
}

fn assemble(text: &str, units: &[Unit]) -> Vec<LeadParts> {
    let mut done: Vec<Building> = Vec::new();
    let mut cur = Building::default();
    // Separators seen since the last content unit, as bits (a long run of
    // punctuation must stay linear).
    let mut seen: u16 = 0;
    let bit = |k: &Kind| -> u16 {
        match k {
            Kind::Sep(s) => 1 << (*s as u16),
            Kind::And => 1 << 15,
            _ => 0,
        }
    };
    for (k, u) in units.iter().enumerate() {
        match &u.kind {
            Kind::Sep(Sep::LParen) => {
                cur.paren |= cur.start.is_some();
                seen |= bit(&u.kind);
                continue;
            }
            Kind::Sep(Sep::RParen) => {
                if cur.paren {
                    cur.end = cur.end.max(u.end);
                }
                seen |= bit(&u.kind);
                continue;
            }
            Kind::Sep(_) | Kind::And => {
                seen |= bit(&u.kind);
                continue;
            }
            _ => {}
        }
        let prev = |s: Sep| seen & bit(&Kind::Sep(s)) != 0;
        let prev_and = seen & (bit(&Kind::And) | bit(&Kind::Sep(Sep::Slash))) != 0;
        let no_sep = seen == 0;
        match &u.kind {
            Kind::Sep(_) | Kind::And => {}
            Kind::Name(n) => {
                if cur.name.is_some() {
                    done.push(std::mem::take(&mut cur));
                }
                cur.name = Some(n.clone());
                cur.touch(u);
            }
            Kind::Org => {
                let (next, between) = next_content(units, k);
                let next_is_post =
                    matches!(next.map(|n| &n.kind), Some(Kind::Role)) && between.is_empty();
                let name_next = matches!(next.map(|n| &n.kind), Some(Kind::Name(_)));
                let role_then_name =
                    matches!(next.map(|n| &n.kind), Some(Kind::Role)) && between.is_empty() && {
                        // `between` is empty: the post is the next unit.
                        let (n2, b2) = next_content(units, k + 1);
                        matches!(n2.map(|n| &n.kind), Some(Kind::Name(_)))
                            && !b2.is_empty()
                            && only_dashes(&b2)
                    };
                let suffix_sep =
                    prev(Sep::Comma) || prev(Sep::Dash) || prev(Sep::LParen) || prev(Sep::Colon);
                let heads_next = (name_next && (between.is_empty() || only_dashes(&between)))
                    || (name_next
                        && (cur.org.is_some() || prev(Sep::Newline))
                        && between.iter().all(|s| **s == Kind::Sep(Sep::Newline)))
                    || role_then_name;
                let org = slice(text, u.start, u.end);
                if cur.empty() {
                    cur.org = Some(org);
                    cur.heading = name_next || role_then_name || next.is_some();
                    cur.touch(u);
                } else if cur.org.is_some() && next_is_post && !heads_next {
                    cur.role_from = Some(u.start);
                    cur.touch(u);
                } else if cur.org.is_none() && cur.name.is_some() && suffix_sep {
                    cur.org = Some(org);
                    cur.touch(u);
                } else if heads_next && (cur.name.is_some() || !cur.roles.is_empty()) {
                    done.push(std::mem::take(&mut cur));
                    cur.org = Some(org);
                    cur.heading = true;
                    cur.touch(u);
                } else if cur.org.is_none() {
                    cur.org = Some(org);
                    cur.touch(u);
                } else {
                    done.push(std::mem::take(&mut cur));
                    cur.org = Some(org);
                    cur.heading = true;
                    cur.touch(u);
                }
            }
            Kind::Role | Kind::Domain => {
                let from = cur.role_from.take().unwrap_or(u.start);
                let role = slice(text, from, u.end);
                let lower = role.to_lowercase();
                // Bounded: a runaway cell must not make this quadratic.
                let joined = if cur.roles.len() <= 8 {
                    cur.roles.join(" ").to_lowercase()
                } else {
                    String::new()
                };
                let (next, between) = next_content(units, k);
                let name_next = matches!(next.map(|n| &n.kind), Some(Kind::Name(_)));
                let is_post = u.kind == Kind::Role;
                if !cur.roles.is_empty() && joined.contains(&lower) {
                    // A post printed twice ("Head of Service, Head of Service").
                    seen = 0;
                    continue;
                }
                if is_post
                    && cur.name.is_some()
                    && name_next
                    && !between.is_empty()
                    && only_dashes(&between)
                {
                    // "Designated Nurse - Jane Doe" after another lead.
                    done.push(std::mem::take(&mut cur));
                } else if is_post && cur.name.is_none() && !cur.roles.is_empty() && !no_sep {
                    // Posts only: "Lead/Service Manager", "X, Y and Z".
                    if prev_and || prev(Sep::Comma) || prev(Sep::Newline) || prev(Sep::Semi) {
                        done.push(std::mem::take(&mut cur));
                    }
                } else if is_post && cur.name.is_some() && !cur.roles.is_empty() && prev_and {
                    done.push(std::mem::take(&mut cur));
                }
                if cur.roles.is_empty() {
                    cur.roles.push(role);
                } else if prev(Sep::Comma) {
                    cur.roles.push(format!(", {role}"));
                } else if prev(Sep::Colon) {
                    cur.roles.push(format!(": {role}"));
                } else {
                    cur.roles.push(format!(" {role}"));
                }
                cur.touch(&Unit {
                    kind: u.kind.clone(),
                    start: from,
                    end: u.end,
                });
            }
        }
        seen = 0;
    }
    if !cur.empty() {
        done.push(cur);
    }
    let mut heading: Option<String> = None;
    let mut out = Vec::new();
    for b in done {
        let org = match (&b.org, b.heading) {
            (Some(o), true) => {
                heading = Some(o.clone());
                Some(o.clone())
            }
            (Some(o), false) => Some(o.clone()),
            (None, _) => heading.clone(),
        };
        let role = if b.roles.is_empty() {
            None
        } else {
            Some(clean(&b.roles.concat()))
        };
        let text_span = b.start.map_or(String::new(), |s| slice(text, s, b.end));
        out.push(LeadParts {
            text: text_span,
            name: b.name,
            role,
            organisation: org,
        });
    }
    out
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
            one("Dr Anna de Wit, Named Doctor"),
            vec![(s("Anna de Wit"), s("Named Doctor"), None)]
        );
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
