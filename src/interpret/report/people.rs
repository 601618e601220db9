//! People: membership tables (a NAME column and a TITLE / ORGANISATION
//! column) and signatories (a name line over a post line), in document
//! order, one entry per printed occurrence.
//!
//! Why header cells rather than positions: the same table comes as a DOCX
//! table with a repeating header, a PDF table split by a page (header
//! printed again, a cell carried over), or a text export cut into several
//! tables by blank lines. Its header words say what each column holds; the
//! tables that follow it with the same width and no header continue it. A
//! membership table printed one cell per paragraph reaches this reader as a
//! table too (the rebuild stage, `crate::rebuild::report`, puts it back).

use crate::contract::{At, Person};
use crate::model::{Cell, Paragraph, Provenance, Row, Table};

use super::flow::{Item, cell_at, row_at};
use super::sections::Sections;
use super::text::{clean_name, looks_like_name, norm, split_post, strip_tenure};
use super::vocab::{Vocab, phrase_key};
use crate::recognise::phrase::Phrases;

/// What each column of a people table holds.
#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    name: usize,
    post: Option<usize>,
    org: Option<usize>,
    /// The post column holds "title, organisation" together.
    post_has_org: bool,
    width: usize,
}

pub fn find(items: &[Item<'_>], secs: &Sections, v: &Vocab) -> Vec<Person> {
    let mut out = Vec::new();
    let mut current: Option<Columns> = None;
    // The last member read: a page break may carry their post over.
    let mut last: Option<Last> = None;
    // Stream items already read as part of a run of signatures.
    let mut skip_to = 0;
    for (i, it) in items.iter().enumerate() {
        match it {
            Item::Table(t) => {
                if let Some((cols, header_row)) = header(t, v) {
                    read_rows(t, cols, Some(header_row), v, &mut out, &mut last);
                    current = Some(cols);
                } else if let Some(cols) = current.filter(|c| c.width == width(t)) {
                    read_rows(t, cols, None, v, &mut out, &mut last);
                } else {
                    current = None;
                    last = None;
                    out.extend(signature_table(t, v));
                }
            }
            Item::Line(l) => {
                // The header printed again between two pages' tables, as
                // a line of its own: the table goes on.
                if current.is_some() && is_header_line(&l.text, v) {
                    continue;
                }
                // Rows a reader left as "Name<tab>Post" lines after the
                // table, and a post's wrapped end as a line before one.
                if let Some(cols) = current {
                    if let Some(row) = line_row(l, cols, v) {
                        read_rows(&row, cols, None, v, &mut out, &mut last);
                        continue;
                    }
                    let row_next = items
                        .get(i + 1)
                        .and_then(Item::line)
                        .is_some_and(|n| line_row(n, cols, v).is_some());
                    if row_next
                        && last.is_some()
                        && l.lines.len() == 1
                        && l.text.split_whitespace().count() <= 4
                        && let Some(post) = cols.post
                    {
                        let carried = one_row(&[(post, l.text.as_str())]);
                        read_rows(&carried, cols, None, v, &mut out, &mut last);
                        continue;
                    }
                }
                current = None;
                last = None;
                if i < skip_to {
                    continue;
                }
                if let Some((run, end)) =
                    signatures(items, i, secs, v).or_else(|| name_run_then_posts(items, i, secs, v))
                {
                    out.extend(run);
                    skip_to = end;
                }
            }
        }
    }
    out
}

/// A one-row table with the given (column, text) cells.
fn one_row(cells: &[(usize, &str)]) -> Table {
    Table {
        rows: vec![Row {
            cells: cells
                .iter()
                .map(|(c, t)| Cell::new(*c, vec![Paragraph::new(*t, Provenance::default())]))
                .collect(),
            ..Default::default()
        }],
        columns: cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0),
        ..Default::default()
    }
}

/// A people table's row printed as a line with its cells tab-separated,
/// a name first: as a one-row table of the table's columns.
fn line_row(l: &super::flow::Line, cols: Columns, v: &Vocab) -> Option<Table> {
    let cells = &l.cells;
    let name = cells.first()?;
    if !(2..=cols.width.max(2)).contains(&cells.len()) || !looks_like_name(&clean_name(name, v), v)
    {
        return None;
    }
    let placed: Vec<(usize, &str)> = cells
        .iter()
        .enumerate()
        .map(|(c, t)| (c, t.as_str()))
        .collect();
    Some(one_row(&placed))
}

/// A line made only of a people table's header words ("NAME TITLE,
/// ORGANISATION"), with a name header among them.
fn is_header_line(text: &str, v: &Vocab) -> bool {
    let key = phrase_key(text);
    let words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&'))
        .filter(|w| !w.is_empty())
        .collect();
    let lex = v.phrases();
    let known = |w: &&str, list: &Phrases<()>| list.whole(w).is_some();
    !words.is_empty()
        && words.len() <= 8
        && words.iter().any(|w| known(w, &lex.person_name_headers))
        && words.iter().all(|w| {
            known(w, &lex.person_name_headers)
                || known(w, &lex.person_post_headers)
                || known(w, &lex.person_organisation_headers)
        })
}

fn width(t: &Table) -> usize {
    t.slots().first().map_or(t.columns, Vec::len).max(t.columns)
}

/// The header row (among the first two rows) of a people table.
fn header(t: &Table, v: &Vocab) -> Option<(Columns, usize)> {
    for (ri, row) in t.rows.iter().enumerate().take(2) {
        let mut cols = Columns {
            width: width(t),
            ..Default::default()
        };
        let mut name = None;
        for cell in &row.cells {
            let key = phrase_key(&cell.text());
            let parts: Vec<&str> = key
                .split([',', '/', '&'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let is = |list: &Phrases<()>| parts.iter().any(|p| list.whole(p).is_some());
            if parts.is_empty() {
                continue;
            }
            let lex = v.phrases();
            if name.is_none() && parts.len() == 1 && is(&lex.person_name_headers) {
                name = Some(cell.col);
            } else if is(&lex.person_post_headers) {
                cols.post = Some(cell.col);
                cols.post_has_org = is(&lex.person_organisation_headers);
            } else if is(&lex.person_organisation_headers) {
                cols.org = Some(cell.col);
            }
        }
        if let Some(n) = name
            && (cols.post.is_some() || cols.org.is_some())
        {
            cols.name = n;
            return Some((cols, ri));
        }
    }
    None
}

/// The last member read: (index in the output, post text, organisation text).
type Last = (usize, String, String);

fn read_rows(
    t: &Table,
    cols: Columns,
    header_row: Option<usize>,
    v: &Vocab,
    out: &mut Vec<Person>,
    last: &mut Option<Last>,
) {
    let header_text: Option<Vec<String>> = header_row
        .and_then(|h| t.rows.get(h))
        .map(|r| r.cells.iter().map(|c| c.text()).collect());
    let cell_text = |ri: usize, col: Option<usize>| -> String {
        col.and_then(|c| t.cell_at(ri, c))
            .map(|c| norm(&c.text()))
            .unwrap_or_default()
    };
    for (ri, row) in t.rows.iter().enumerate() {
        if Some(ri) <= header_row {
            continue;
        }
        let texts: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
        if header_text.as_ref() == Some(&texts) || (row.header && header_row.is_some()) {
            continue; // the header printed again after a page break
        }
        let name_raw = cell_text(ri, Some(cols.name));
        let post = cell_text(ri, cols.post);
        let org = cell_text(ri, cols.org);
        if name_raw.is_empty() {
            // A post carried over a page break: it continues the row above.
            if let Some((idx, p, o)) = last.as_mut()
                && (!post.is_empty() || !org.is_empty())
            {
                p.push(' ');
                p.push_str(&post);
                o.push(' ');
                o.push_str(&org);
                let (p, o) = (norm(p), norm(o));
                if let Some(slot) = out.get_mut(*idx) {
                    *slot = person(&slot.name.clone(), &p, &o, cols, v, slot.at);
                }
            }
            continue;
        }
        let raw = |col: Option<usize>| {
            col.and_then(|c| t.cell_at(ri, c))
                .map(|c| c.text())
                .unwrap_or_default()
        };
        let name_at = t
            .cell_at(ri, cols.name)
            .map_or_else(|| row_at(row), |c| cell_at(c, row));
        let post_paras = paragraphs(&raw(cols.post));
        if let Some(names) = several_names(&raw(Some(cols.name)), post_paras.len(), v) {
            // Rows run together by the reader: one person per name, each
            // with the post paragraph beside it where the counts agree.
            let org_paras = paragraphs(&raw(cols.org));
            for (k, name) in names.iter().enumerate() {
                let pick = |paras: &[String], whole: &str| match paras.len() {
                    n if n == names.len() => paras.get(k).cloned().unwrap_or_default(),
                    _ if k == 0 => whole.to_string(),
                    _ => String::new(),
                };
                let (p, o) = (pick(&post_paras, &post), pick(&org_paras, &org));
                out.push(person(name, &p, &o, cols, v, name_at));
                *last = Some((out.len() - 1, p, o));
            }
            continue;
        }
        let name = clean_name(&name_raw, v);
        if name.is_empty() || !name.chars().any(char::is_alphabetic) {
            continue;
        }
        out.push(person(&name, &post, &org, cols, v, name_at));
        *last = Some((out.len() - 1, post, org));
    }
}

/// A cell's paragraphs, normalised, empty ones dropped.
fn paragraphs(raw: &str) -> Vec<String> {
    raw.lines().map(norm).filter(|p| !p.is_empty()).collect()
}

/// Two or more people's names in one name cell: a reader that ran rows of
/// a ruleless table together. Each paragraph is a name, or several names
/// side by side where it is no name as a whole ("Ann Lee (Chair) Bo Li")
/// or where the post cell beside it holds more paragraphs than the name
/// cell (one post per person). None unless every piece is a name.
fn several_names(raw: &str, posts: usize, v: &Vocab) -> Option<Vec<String>> {
    let paras = paragraphs(raw);
    // One name paragraph beside several post paragraphs holds one name per
    // post, where it splits so.
    let must_split = paras.len() == 1 && (2..=MAX_RUN_TOGETHER).contains(&posts);
    let mut names = Vec::new();
    for p in &paras {
        let whole = clean_name(p, v);
        let ws: Vec<&str> = p.split_whitespace().collect();
        if must_split {
            let split = split_names(&ws, posts, v)
                .or_else(|| (2..posts).rev().find_map(|k| split_names(&ws, k, v)))?;
            names.extend(split);
        } else if looks_like_name(&whole, v) {
            names.push(whole);
        } else {
            names.extend((2..=MAX_RUN_TOGETHER).find_map(|k| split_names(&ws, k, v))?);
        }
    }
    (names.len() >= 2).then_some(names)
}

/// The most names one paragraph of a name cell is split into.
const MAX_RUN_TOGETHER: usize = 4;

/// Words split into `k` consecutive names (office marks dropped), each cut
/// tried nearest an even share first.
fn split_names(ws: &[&str], k: usize, v: &Vocab) -> Option<Vec<String>> {
    // A name has at most five words: longer text holds no k names.
    if ws.len() > 6 * k {
        return None;
    }
    if k <= 1 {
        let name = clean_name(&ws.join(" "), v);
        return looks_like_name(&name, v).then(|| vec![name]);
    }
    let share = ws.len() / k;
    let mut cuts: Vec<usize> = (2..ws.len()).collect();
    cuts.sort_by_key(|&c| c.abs_diff(share));
    cuts.into_iter().find_map(|c| {
        let (a, b) = ws.split_at(c);
        let mut out = split_names(a, 1, v)?;
        out.extend(split_names(b, k - 1, v)?);
        Some(out)
    })
}

fn person(name: &str, post: &str, org: &str, cols: Columns, v: &Vocab, at: At) -> Person {
    let post = strip_tenure(post, v);
    let org = strip_tenure(org, v);
    let (role, org_from_post) = if cols.post_has_org || (cols.org.is_none() && cols.post.is_some())
    {
        split_post(&post, v)
    } else {
        ((!post.is_empty()).then(|| post.clone()), None)
    };
    let organisation = if org.is_empty() {
        org_from_post
    } else {
        Some(org)
    };
    Person {
        name: name.to_string(),
        role,
        organisation,
        at,
    }
}

/// A table of signatures: every non-empty cell is a name over a post, or
/// a row of names over a row of their posts (a reader that splits a cell
/// at its line break, or a layout that sets names and posts apart).
///
/// A small table may also carry a line of the paragraph above it (a PDF
/// reader that took the paragraph's last line for a row): rows that are
/// neither names nor posts are then passed over.
fn signature_table(t: &Table, v: &Vocab) -> Vec<Person> {
    if t.rows.len() > 4 {
        return Vec::new();
    }
    let mut by_column = Vec::new();
    let mut r = 0;
    while let (Some(names), Some(posts)) = (t.rows.get(r), t.rows.get(r + 1)) {
        let found = names_over_posts(names, posts, v);
        r += if found.is_empty() { 1 } else { 2 };
        by_column.extend(found);
    }
    if !by_column.is_empty() || t.rows.len() > 2 {
        return by_column;
    }
    let mut out = Vec::new();
    for row in &t.rows {
        for cell in &row.cells {
            let paras: Vec<String> = cell
                .paragraphs
                .iter()
                .map(|p| norm(&p.text))
                .filter(|p| !p.is_empty())
                .collect();
            if paras.is_empty() {
                continue;
            }
            let Some((name, post)) = paras.split_first() else {
                continue;
            };
            let post = post.join(" ");
            if paras.len() > 4 || !looks_like_name(name, v) || !looks_like_post(&post, v) {
                return Vec::new();
            }
            let (role, organisation) = split_post(&post, v);
            out.push(Person {
                name: clean_name(name, v),
                role,
                organisation,
                at: cell_at(cell, row),
            });
        }
    }
    out
}

/// A row of names over a row of posts, paired by column. Every non-empty
/// cell of the first row must be a one-line name, with a post under it.
fn names_over_posts(names: &Row, posts: &Row, v: &Vocab) -> Vec<Person> {
    let mut out = Vec::new();
    for cell in names.cells.iter().filter(|c| !c.is_empty()) {
        let name = norm(&cell.text());
        let post = posts
            .cells
            .iter()
            .find(|p| p.covers_col(cell.col))
            .map(|p| norm(&p.text()))
            .unwrap_or_default();
        if cell.text().trim().contains('\n')
            || !looks_like_name(&name, v)
            || !looks_like_post(&post, v)
        {
            return Vec::new();
        }
        let (role, organisation) = split_post(&post, v);
        out.push(Person {
            name: clean_name(&name, v),
            role,
            organisation,
            at: cell_at(cell, names),
        });
    }
    out
}

/// Signatures set side by side, in reading order a row at a time: two or
/// more name lines, then as many post items, closing a section. The first
/// name may be the last line of the paragraph above. Returns the people and the
/// stream index after them.
fn name_run_then_posts(
    items: &[Item<'_>],
    i: usize,
    secs: &Sections,
    v: &Vocab,
) -> Option<(Vec<Person>, usize)> {
    let first = items.get(i)?.line()?;
    let mut names = vec![(
        first.lines.last()?.clone(),
        first.at_line(first.lines.len() - 1),
    )];
    let mut k = i + 1;
    while let Some(l) = items.get(k).and_then(Item::line) {
        if l.lines.len() != 1 || secs.is_heading(k) || !looks_like_name(&l.text, v) {
            break;
        }
        names.push((l.text.clone(), l.at()));
        k += 1;
    }
    if names.len() < 2 || !names.iter().all(|(n, _)| looks_like_name(n, v)) {
        return None;
    }
    let mut out = Vec::new();
    for (name, name_at) in &names {
        let l = items.get(k).and_then(Item::line)?;
        if secs.is_heading(k) || !looks_like_post(&l.text, v) {
            return None;
        }
        let (role, organisation) = split_post(&l.text, v);
        out.push(Person {
            name: clean_name(name, v),
            role,
            organisation,
            at: *name_at,
        });
        k += 1;
    }
    let ends_section = match items.get(k) {
        None | Some(Item::Table(_)) => true,
        Some(Item::Line(_)) => secs.is_heading(k),
    };
    ends_section.then_some((out, k))
}

/// Signatures in the body: one or more names each over a post (two
/// paragraphs, or one paragraph of two or more lines), side by side or one
/// after another, closing a section (the next item is a section heading, a
/// table or the end). Returns the people and the stream index after them.
fn signatures(
    items: &[Item<'_>],
    i: usize,
    secs: &Sections,
    v: &Vocab,
) -> Option<(Vec<Person>, usize)> {
    let mut k = i;
    let mut run = Vec::new();
    if signature_at(items, k, secs, v).is_none()
        && let Some(person) = items
            .get(k)
            .and_then(Item::line)
            .and_then(|l| closing_signature(l, v))
    {
        run.push(person);
        k += 1;
    }
    while let Some((person, used)) = signature_at(items, k, secs, v) {
        run.push(person);
        k += used;
    }
    let ends_section = match items.get(k) {
        None | Some(Item::Table(_)) => true,
        Some(Item::Line(_)) => secs.is_heading(k),
    };
    (!run.is_empty() && ends_section).then_some((run, k))
}

/// A signature that ends a paragraph of several lines: the paragraph's
/// last lines are a name over a post of one or two lines.
fn closing_signature(l: &super::flow::Line, v: &Vocab) -> Option<Person> {
    let n = l.lines.len();
    (n.saturating_sub(3).max(1)..n.saturating_sub(1)).find_map(|j| {
        let name = l.lines.get(j)?;
        let post = l.lines.get(j + 1..)?.join(" ");
        (looks_like_name(name, v) && looks_like_post(&post, v)).then(|| {
            let (role, organisation) = split_post(&post, v);
            Person {
                name: clean_name(name, v),
                role,
                organisation,
                at: l.at_line(j),
            }
        })
    })
}

/// One signature starting at stream item `k`, and how many items it uses.
fn signature_at(
    items: &[Item<'_>],
    k: usize,
    secs: &Sections,
    v: &Vocab,
) -> Option<(Person, usize)> {
    let line = items.get(k)?.line()?;
    if secs.is_heading(k) {
        return None;
    }
    let two_lines = line.lines.len() >= 2 && looks_like_name(line.lines.first()?, v);
    let (name, post, used) = if two_lines {
        (
            line.lines.first()?.clone(),
            line.lines.get(1..)?.join(" "),
            1,
        )
    } else {
        let next = items.get(k + 1)?.line()?;
        if secs.is_heading(k + 1) {
            return None;
        }
        (line.text.clone(), next.text.clone(), 2)
    };
    if !looks_like_name(&name, v) || !looks_like_post(&post, v) {
        return None;
    }
    let (role, organisation) = split_post(&post, v);
    let person = Person {
        name: clean_name(&name, v),
        role,
        organisation,
        at: line.at(),
    };
    Some((person, used))
}

/// A post line: short, with a role word, not a sentence.
fn looks_like_post(s: &str, v: &Vocab) -> bool {
    let n = s.split_whitespace().count();
    (1..=24).contains(&n) && !s.ends_with('.') && s.split_whitespace().any(|w| v.is_role_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Paragraph, Provenance, Row};

    fn cell(col: usize, t: &str) -> Cell {
        Cell::new(
            col,
            t.split('\n')
                .map(|p| Paragraph::new(p, Provenance::default()))
                .collect(),
        )
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r.iter().enumerate().map(|(c, t)| cell(c, t)).collect(),
                    ..Default::default()
                })
                .collect(),
            columns: rows.iter().map(|r| r.len()).max().unwrap_or(0),
            ..Default::default()
        }
    }

    /// The table's last rows left as "Name<tab>Post" lines by the reader,
    /// the last cell's wrapped end as a line before them.
    #[test]
    fn rows_left_as_tabbed_lines_after_the_table() {
        use super::super::flow::Line;
        let t = table(&[
            &["NAME", "TITLE, ORGANISATION"],
            &["Ann Smith", "Head of Safety, Anytown Fire & Rescue"],
        ]);
        let items = vec![
            Item::Table(&t),
            Item::Line(Line::plain("Service", false)),
            Item::Line(Line::plain("Bo Li\tLay Member, Anytown SCP", false)),
            Item::Line(Line::plain("Cy Dee\tHead Teacher, Anytown School", false)),
            Item::Line(Line::plain("Our budget", false)),
        ];
        let p = find(&items, &Sections::default(), Vocab::builtin());
        let got: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|x| (x.name.as_str(), x.organisation.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ann Smith", Some("Anytown Fire & Rescue Service")),
                ("Bo Li", Some("Anytown SCP")),
                ("Cy Dee", Some("Anytown School"))
            ]
        );
    }

    #[test]
    fn membership_table_continued_and_split_by_a_page() {
        let t1 = table(&[
            &["NAME", "TITLE, ORGANISATION"],
            &[
                "Ann Smith (Chair)",
                "Independent Chair, Anytown SCP (To Feb.22)",
            ],
            &["Bob Jones, Cllr", "Lead Member for Children"],
            &["NAME", "TITLE, ORGANISATION"],
            &["", "Anytown Council"],
        ]);
        let t2 = table(&[&["Cy Dee", "Head of Service, Adult Safeguarding (To Jan. 22)"]]);
        let items = vec![Item::Table(&t1), Item::Table(&t2)];
        let p = find(&items, &Sections::default(), Vocab::builtin());
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].name, "Ann Smith");
        assert_eq!(p[0].role.as_deref(), Some("Independent Chair"));
        assert_eq!(p[0].organisation.as_deref(), Some("Anytown SCP"));
        assert_eq!(p[1].name, "Bob Jones");
        assert_eq!(p[1].organisation.as_deref(), Some("Anytown Council"));
        assert_eq!(
            p[2].role.as_deref(),
            Some("Head of Service, Adult Safeguarding")
        );
        assert_eq!(p[2].organisation, None);
    }

    #[test]
    fn post_carried_into_the_next_page_table() {
        let t1 = table(&[
            &["Name", "Role, Organisation"],
            &["Ann Smith", "Senior Manager, Inclusion,"],
        ]);
        let t2 = table(&[
            &["Name", "Role, Organisation"],
            &["", "Children's Services"],
            &["Bo Li", "Trainer, Anytown Council"],
        ]);
        let p = find(
            &[Item::Table(&t1), Item::Table(&t2)],
            &Sections::default(),
            Vocab::builtin(),
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].organisation.as_deref(), Some("Children's Services"));
        assert_eq!(p[0].role.as_deref(), Some("Senior Manager, Inclusion"));
    }

    #[test]
    fn signatures_one_after_another_close_a_section() {
        use crate::interpret::report::flow::Line;
        let multi = |t: &str| {
            let mut l = Line::plain(&t.replace('\n', " "), false);
            l.lines = t.split('\n').map(str::to_string).collect();
            l.first = l.lines[0].clone();
            Item::Line(l)
        };
        let items = vec![
            Item::Line(Line::plain("We hope you enjoy the report.", false)),
            multi("Ann Smith\nDirector of Nursing,\nAnytown NHS"),
            multi("Bob Jones\nDetective Superintendent, Anyshire Police"),
        ];
        let p = find(&items, &Sections::default(), Vocab::builtin());
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].organisation.as_deref(), Some("Anytown NHS"));
        assert_eq!(p[1].name, "Bob Jones");
    }

    /// Rows a layout reader ran together: names as paragraphs, two names
    /// on one line beside two post paragraphs, an office mark between two.
    #[test]
    fn rows_run_together_give_one_person_per_name() {
        let t = table(&[
            &["NAME", "TITLE, ORGANISATION"],
            &[
                "Ann Lee Bo Li",
                "Manager, Anytown SCP\nLay Member, Anytown SCP",
            ],
            &["Cy Dee\nDi Fox (Chair) Ed Roe", "Nurse, Anytown NHS"],
            &["Fay Gee", "Head of Service\nAnytown Council"],
        ]);
        let p = find(&[Item::Table(&t)], &Sections::default(), Vocab::builtin());
        let got: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|x| (x.name.as_str(), x.role.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ann Lee", Some("Manager")),
                ("Bo Li", Some("Lay Member")),
                ("Cy Dee", Some("Nurse")),
                ("Di Fox", None),
                ("Ed Roe", None),
                ("Fay Gee", Some("Head of Service Anytown Council"))
            ]
        );
    }

    /// The second page's table under its header printed as a line; a name
    /// line holding three names beside three post paragraphs.
    #[test]
    fn table_goes_on_past_its_header_printed_as_a_line() {
        use crate::interpret::report::flow::Line;
        let t1 = table(&[
            &["NAME", "TITLE, ORGANISATION"],
            &[
                "Ann Lee (Chair) Bo Li Cy Dee",
                "Chair, Anytown SCP\nManager, Anytown SCP\nLay Member, Anytown SCP",
            ],
        ]);
        let t2 = table(&[&["Di Fox", "Head of Service, Anytown Council"]]);
        let items = vec![
            Item::Table(&t1),
            Item::Line(Line::plain("NAME TITLE, ORGANISATION", false)),
            Item::Table(&t2),
        ];
        let p = find(&items, &Sections::default(), Vocab::builtin());
        let names: Vec<&str> = p.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Li", "Cy Dee", "Di Fox"]);
        assert_eq!(p[2].role.as_deref(), Some("Lay Member"));
        assert!(!is_header_line("Names of the members", Vocab::builtin()));
    }

    #[test]
    fn a_row_of_names_over_a_row_of_posts() {
        let t = table(&[
            &["and the end of a sentence.", "", ""],
            &["Ann Smith", "Bob Jones", "Cy Dee"],
            &[
                "Director of Nursing, Anytown NHS",
                "Director of Children's Services, Anytown Council",
                "Detective Superintendent, Anyshire Police",
            ],
        ]);
        let p = find(&[Item::Table(&t)], &Sections::default(), Vocab::builtin());
        let names: Vec<&str> = p.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Ann Smith", "Bob Jones", "Cy Dee"]);
        assert_eq!(p[2].organisation.as_deref(), Some("Anyshire Police"));
    }

    #[test]
    fn a_signature_run_on_from_the_paragraph_above() {
        use crate::interpret::report::flow::Line;
        let mut para = Line::plain("x", false);
        para.lines = vec![
            "I hope you find the report useful.".into(),
            "Ann Smith".into(),
            "Independent Chair of the Anytown Partnership".into(),
        ];
        let p = find(&[Item::Line(para)], &Sections::default(), Vocab::builtin());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Ann Smith");
        assert_eq!(p[0].organisation.as_deref(), Some("Anytown Partnership"));
    }

    #[test]
    fn names_read_across_then_their_posts() {
        use crate::interpret::report::flow::Line;
        let mut para = Line::plain("We thank everyone. Ann Smith", false);
        para.lines = vec!["We thank everyone.".into(), "Ann Smith".into()];
        let items = vec![
            Item::Line(para),
            Item::Line(Line::plain("Bob Jones", false)),
            Item::Line(Line::plain("Director of Nursing, Anytown NHS", false)),
            Item::Line(Line::plain("Chief Constable, Anyshire Police", false)),
        ];
        let p = find(&items, &Sections::default(), Vocab::builtin());
        let got: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|x| (x.name.as_str(), x.organisation.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ann Smith", Some("Anytown NHS")),
                ("Bob Jones", Some("Anyshire Police"))
            ]
        );
    }

    #[test]
    fn signature_cells() {
        let t = table(&[&[
            "Ann Smith\nDirector of Nursing, Anytown NHS",
            "Bob Jones\nDetective Superintendent - Public Protection, Anyshire Police",
        ]]);
        let p = find(&[Item::Table(&t)], &Sections::default(), Vocab::builtin());
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].organisation.as_deref(), Some("Anyshire Police"));
    }
}
