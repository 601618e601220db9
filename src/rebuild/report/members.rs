//! Membership tables printed one cell per paragraph.
//!
//! The shape: a name header (or a paragraph ending with one) and a post
//! header as two paragraphs, then each member's name and post paragraphs in
//! turn, the header pair printed again where a page broke the table. The
//! report vocabulary (`grammars/report.toml`) names the headers; a name is
//! told by the report reader's own name test.

use crate::interpret::report::cues::{is_person_name, phrase_key};
use crate::model::{Cell, Paragraph, Row, Table};
use crate::recognise::grammar::ReportWords as Vocab;
use crate::recognise::phrase::Phrases;

use super::{Printed, provenance};

/// The membership table whose name header ends box `i`: the two-column
/// table (the header row first) and the index of the box after it. None
/// where no such header pair stands at `i` or no member follows it.
pub(super) fn table(boxes: &[Printed<'_>], i: usize, v: &Vocab) -> Option<(Table, usize)> {
    let is_header = |t: &str, list: &Phrases<()>| {
        let key = phrase_key(t);
        key.split([',', '/', '&'])
            .map(str::trim)
            .any(|p| list.whole(p).is_some())
    };
    let first = boxes.get(i)?;
    let name_header = first.lines.as_ref()?.last()?;
    let post_box = boxes.get(i + 1)?;
    let post_header = post_box.text()?;
    let names = &v.phrases().person_name_headers;
    let posts = &v.phrases().person_post_headers;
    if !is_header(name_header, names) || !is_header(&post_header, posts) {
        return None;
    }
    let cell = |col: usize, t: &str, b: &Printed<'_>| {
        Cell::new(col, vec![Paragraph::new(t, provenance(b.block))])
    };
    let mut rows = vec![Row {
        cells: vec![cell(0, name_header, first), cell(1, &post_header, post_box)],
        ..Default::default()
    }];
    let mut k = i + 2;
    while let (Some(a), Some(b)) = (boxes.get(k), boxes.get(k + 1)) {
        let (Some(a_lines), Some(b_lines)) = (&a.lines, &b.lines) else {
            break;
        };
        let a_text = a_lines.join(" ");
        let b_text = b_lines.join(" ");
        let b_first = b_lines.first().map_or("", String::as_str);
        if is_header(&a_text, names) && is_header(b_first, posts) {
            // The header printed again at a page break, the post cell's
            // end run on under it: that end finishes the post above.
            if let Some(rest) = b_lines.get(1..).filter(|r| !r.is_empty()) {
                carry_on(&mut rows, &rest.join(" "));
            }
            k += 2;
            continue;
        }
        // A post's wrapped end run into the next name's paragraph: the
        // lines before the name finish the post above.
        let (carried, name) = match a_lines.split_last() {
            Some((last, before)) if !before.is_empty() && rows.len() > 1 => {
                (before.join(" "), last.clone())
            }
            _ => (String::new(), a_text.clone()),
        };
        if (carried.is_empty() && a_lines.len() > 1) || !is_person_name(&name, v) {
            break;
        }
        if !carried.is_empty() {
            carry_on(&mut rows, &carried);
        }
        rows.push(Row {
            cells: vec![cell(0, &name, a), cell(1, &b_text, b)],
            ..Default::default()
        });
        k += 2;
    }
    (rows.len() > 2).then(|| {
        (
            Table {
                rows,
                columns: 2,
                ..Default::default()
            },
            k,
        )
    })
}

/// Add a post's wrapped end to the post cell of the last member row.
fn carry_on(rows: &mut [Row], end: &str) {
    if rows.len() < 2 {
        return;
    }
    let Some(p) = rows
        .last_mut()
        .and_then(|r| r.cells.get_mut(1))
        .and_then(|c| c.paragraphs.first_mut())
    else {
        return;
    };
    p.text = format!("{} {end}", p.text);
}

#[cfg(test)]
mod tests {
    use crate::contract::Person;
    use crate::model::{Block, Document, Format, Paragraph, Provenance};
    use crate::rebuild::report::tests::read;
    use crate::recognise::Grammars;

    /// A membership table's header, a first member and the name of a
    /// second, whose post follows.
    const TWO_MEMBERS: &[&str] = &[
        "Board Membership\nNAME",
        "TITLE, ORGANISATION",
        "Ann Smith",
        "Lay Member, Anytown SCP",
        "Bo Li",
    ];

    fn people(paras: &[&str]) -> Vec<Person> {
        read(paras).people
    }

    #[test]
    fn membership_table_printed_cell_by_cell() {
        let p = people(&[
            "9.B: Board Membership\nNAME",
            "TITLE, ORGANISATION",
            "Ann Smith (Chair)",
            "Independent Chair, Anytown SCP",
            "NAME",
            "TITLE, ORGANISATION",
            "Cy Dee",
            "Head of Service, Anytown Council",
            "The board met six times in the year.",
        ]);
        let names: Vec<&str> = p.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Smith", "Cy Dee"]);
        assert_eq!(p[1].organisation.as_deref(), Some("Anytown Council"));
        // Each member is where the name was printed.
        assert_eq!(p[1].at.line, Some(13));
    }

    #[test]
    fn a_post_finished_under_the_repeated_header() {
        let p = people(
            &[
                TWO_MEMBERS,
                &[
                    "Senior Manager, Inclusion,",
                    "NAME",
                    "TITLE, ORGANISATION\nAnytown Council",
                    "Cy Dee",
                    "Head Teacher, Anytown School",
                ],
            ]
            .concat(),
        );
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].organisation.as_deref(), Some("Anytown Council"));
        assert_eq!(p[1].role.as_deref(), Some("Senior Manager, Inclusion"));
    }

    #[test]
    fn a_post_run_into_the_next_name_box() {
        let p = people(
            &[
                TWO_MEMBERS,
                &[
                    "Head of Safety, Anytown Fire &",
                    "Rescue Service\nCy Dee",
                    "Head Teacher, Anytown School",
                ],
            ]
            .concat(),
        );
        let got: Vec<String> = p
            .iter()
            .map(|x| format!("{} of {}", x.name, x.organisation.as_deref().unwrap_or("?")))
            .collect();
        assert_eq!(
            got,
            [
                "Ann Smith of Anytown SCP",
                "Bo Li of Anytown Fire & Rescue Service",
                "Cy Dee of Anytown School"
            ]
        );
    }

    #[test]
    fn a_header_pair_with_no_member_under_it_stays_text() {
        let mut doc = Document::new(Format::Text);
        for t in ["NAME", "TITLE, ORGANISATION", "The board met twice."] {
            doc.blocks
                .push(Block::Paragraph(Paragraph::new(t, Provenance::default())));
        }
        let rebuilt = super::super::rebuild(&doc, &Grammars::builtin());
        assert!(matches!(rebuilt, std::borrow::Cow::Borrowed(_)));
        assert_eq!(rebuilt.blocks, doc.blocks);
    }
}
