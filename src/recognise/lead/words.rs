//! Words of a lead cell: the lexicon lookups and the tokeniser.
//!
//! Why tags rather than word lists in the parser: a word may be several
//! things at once ("Health" is a subject of posts and the name of a body;
//! "Service" qualifies, names and ends posts), so each token carries every
//! flag it earns and the grouping in `units` decides by context.

use std::collections::HashSet;

use crate::recognise::Grammars;

pub(super) const RANK: u16 = 1;
pub(super) const HEAD: u16 = 1 << 1;
pub(super) const ACR: u16 = 1 << 2;
pub(super) const MODI: u16 = 1 << 3;
pub(super) const SUBJ: u16 = 1 << 4;
pub(super) const ORGW: u16 = 1 << 5;
pub(super) const PLACE: u16 = 1 << 6;
pub(super) const CONN: u16 = 1 << 7;
pub(super) const NUM: u16 = 1 << 8;
pub(super) const LOWER: u16 = 1 << 9;
pub(super) const CAP: u16 = 1 << 10;
pub(super) const ORGNAME: u16 = 1 << 11;
pub(super) const AND: u16 = 1 << 12;
pub(super) const PARTICLE: u16 = 1 << 13;

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
    /// Agency words (lower case): a phrase with one is a body a lead works for.
    agencies: HashSet<String>,
    /// Agency acronym endings, as printed (case matters: "CC", not "cc").
    agency_endings: Vec<String>,
    /// Team and post acronyms (lower case).
    teams: HashSet<String>,
    /// Carry markers ("as above", `plan.toml`), as lower-case word lists.
    pub(super) carry: Vec<Vec<String>>,
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
            agencies: g
                .organisations
                .agencies
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            agency_endings: g.organisations.agency_endings.clone(),
            teams: g
                .organisations
                .teams
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            carry: g.plan.as_above.iter().map(|m| plain_words(m)).collect(),
        }
    }

    /// Is `w` an agency word ("Council", "Police", "NHS")?
    pub(super) fn is_agency_word(&self, w: &str) -> bool {
        self.agencies.contains(&strip_possessive(&w.to_lowercase()))
    }

    /// Is `w` a team or post acronym ("MASH", "IRO")?
    pub(super) fn is_team(&self, w: &str) -> bool {
        self.teams.contains(&w.to_lowercase())
    }

    /// Is `w` an acronym naming an agency ("TSCP", "KCC", "ICB")?
    pub(super) fn is_agency_acronym(&self, w: &str) -> bool {
        let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        !self.is_team(w)
            && (self.is_agency_word(w)
                || caps && self.agency_endings.iter().any(|e| w.ends_with(e.as_str())))
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

/// Lower-case words of `s`, punctuation dropped ("As above." → as, above).
pub(super) fn plain_words(s: &str) -> Vec<String> {
    let w: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if w.is_empty() {
        // A marker made only of marks ("\"", "〃").
        let t = s.trim();
        return if t.is_empty() {
            vec![]
        } else {
            vec![t.to_string()]
        };
    }
    w
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
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
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The word as it reads in a name ("Ann Lee- Smith" → "Ann Lee-Smith").
    pub(super) word: String,
    pub(super) sep: Option<Sep>,
    pub(super) flags: u16,
}

impl Tok {
    pub(super) fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

pub(super) fn tokenise(text: &str, lex: &Lex) -> Vec<Tok> {
    crate::work::step(text.len() as u64);
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
                        // "Lee- Smith": a double-barrelled name broken
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

/// After "Lee- ", does a capitalised word with lower-case letters follow?
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
