//! Units assembled into leads: who starts a new lead, which organisation
//! covers which names.

use super::LeadParts;
use super::units::{Kind, Unit};
use super::words::Sep;

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

pub(super) fn assemble(text: &str, units: &[Unit]) -> Vec<LeadParts> {
    let mut done: Vec<Building> = Vec::new();
    let mut cur = Building::default();
    // Separators seen since the last content unit, as bits (a long run of
    // punctuation must stay linear).
    let mut seen: u16 = 0;
    // The cell has printed a post before its name ("Named GP - Dr Jo Doe"):
    // then a post right before a name is that name's, not the one above's.
    let mut post_first = false;
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
                post_first |= cur.name.is_none() && !cur.roles.is_empty();
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
                } else if !cur.heading && prev(Sep::Comma) && !cur.roles.is_empty() && !name_next {
                    // "Post, Unit, Body": the body is the last part; the
                    // unit before it belongs to the post.
                    if let Some(old) = cur.org.replace(org) {
                        cur.roles.push(format!(", {old}"));
                    }
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
                    && ((!between.is_empty() && only_dashes(&between))
                        || (post_first && between.is_empty()))
                {
                    // "Designated Nurse - Jane Doe" after another lead, or
                    // "Designated Nurse Jane Doe" in a cell that prints
                    // posts before names.
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
            org_first: b.heading && b.org.is_some(),
        });
    }
    out
}
