//! Annual reports from the document model: period, organisation, numbered
//! sections, headline figures, people, priorities with leads, glossary and
//! budget lines.
//!
//! Why one stream for every format: the same report arrives as a DOCX (with
//! heading styles and real table spans), a PDF (fonts, page furniture) or a
//! text export (neither). [`flow`] turns any of them into one reading-order
//! stream of lines and tables, without page furniture; each part of the
//! report is then read from structure (numbering, header cells, cue words)
//! with vocabulary from `grammars/report.toml`, never from the format.

mod budget;
mod figures;
mod flow;
mod glossary;
mod people;
mod period;
mod priorities;
mod sections;
mod text;
pub mod vocab;

use crate::contract::{At, Diagnostic, Level, Report};
use crate::model::{Block, Document};
use crate::recognise::Grammars;

pub use vocab::Vocab;

/// The report reader's tests the rebuild stage takes as cues when it puts
/// a report table's grid back (`crate::rebuild::report`): one explicit
/// API, so both read names and header words alike.
pub mod cues {
    pub use super::budget::{direction_of, is_total};
    pub use super::text::{money, periods};
    pub use super::vocab::phrase_key;
    use super::{Vocab, text};

    /// A person's name, once honorifics and office marks around it are
    /// dropped.
    pub fn is_person_name(s: &str, v: &Vocab) -> bool {
        text::looks_like_name(&text::clean_name(s, v), v)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReportResult {
    pub title: Option<String>,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read an annual report with the built-in vocabulary.
pub fn extract(doc: &Document, g: &Grammars) -> ReportResult {
    let v = &g.report;
    let items = flow::build(doc);
    let secs = sections::find(&items);
    let glossary = glossary::find(&items, &secs, v);
    let pairs: Vec<(String, String)> = glossary
        .iter()
        .map(|e| (e.abbreviation.clone(), e.expansion.clone()))
        .collect();
    let period = period::period(&items, &secs, g);
    let report = Report {
        organisation: period::organisation(&items, &pairs, v),
        sections: secs.list.clone(),
        figures: figures::find(&items, &secs),
        people: people::find(&items, &secs, v),
        priorities: priorities::find(&items, v),
        budget: budget::find(&items, &secs, period.as_deref(), g),
        glossary,
        period,
    };
    let mut diagnostics = Vec::new();
    if report.sections.is_empty() {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            code: "report.no_sections".into(),
            message: "no numbered section headings found; the report's structure is not recorded"
                .into(),
            at: At::default(),
        });
    }
    ReportResult {
        title: title(doc),
        report,
        diagnostics,
    }
}

/// The report's own title: a title-level heading, where the format marks
/// one. Running text that merely names the report is not a title.
fn title(doc: &Document) -> Option<String> {
    doc.blocks.iter().take(20).find_map(|b| match b {
        Block::Heading(h) if h.level == 0 => Some(text::norm(&h.text)).filter(|t| !t.is_empty()),
        _ => None,
    })
}

/// How much annual-report structure a report holds: one point for each
/// part found (three or more sections, figures, people, priorities,
/// glossary, budget). A kind decision can weigh this against the actions
/// an action-plan reading finds.
pub fn structure_points(r: &Report) -> usize {
    [
        r.sections.len() >= 3,
        !r.figures.is_empty(),
        !r.people.is_empty(),
        !r.priorities.is_empty(),
        !r.glossary.is_empty(),
        !r.budget.is_empty(),
    ]
    .into_iter()
    .filter(|&b| b)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Direction;
    use crate::model::{Cell, Format, Heading, Paragraph, Provenance, Row, Table};
    use proptest::prelude::*;

    fn p(t: &str) -> Block {
        Block::Paragraph(Paragraph::new(t, Provenance::default()))
    }

    fn h(level: u8, t: &str) -> Block {
        Block::Heading(Heading {
            furniture: false,
            level,
            text: t.to_string(),
            at: Provenance::default(),
        })
    }

    fn table(rows: &[&[&str]]) -> Block {
        Block::Table(Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r
                        .iter()
                        .enumerate()
                        .map(|(c, t)| Cell::new(c, vec![Paragraph::new(*t, Provenance::default())]))
                        .collect(),
                    ..Default::default()
                })
                .collect(),
            columns: rows.iter().map(|r| r.len()).max().unwrap_or(0),
            ..Default::default()
        })
    }

    /// A report laid out unlike the corpus one: a title heading, a
    /// separate organisation column, a stacked finance table, "Leads -"
    /// cues and a glossary of lines.
    #[test]
    fn another_report_layout() {
        let mut doc = Document::new(Format::Docx);
        doc.blocks = vec![
            h(
                0,
                "Anyshire Safeguarding Adults Board Annual Report 2019-20",
            ),
            p(
                "Welcome to this annual report of the Anyshire Safeguarding Adults Board for 2019-20.",
            ),
            h(1, "1 Introduction"),
            p("Some words."),
            h(1, "2 Our Year in Numbers"),
            p("1,250 safeguarding concerns received"),
            p("37% of enquiries were about neglect"),
            p("412 people supported to stay safe"),
            p("Our partners worked hard."),
            h(1, "3 Priorities"),
            p("Prevention"),
            p("Leads - Head of Adult Services, Anyshire County Council"),
            h(2, "3.1 Prevention in Practice"),
            h(1, "4 Board Members"),
            table(&[
                &["Name", "Role", "Organisation"],
                &["Dr Pat Low", "Independent Chair", "Anyshire SAB"],
                &[
                    "Sam Okafor",
                    "Director of Adult Services",
                    "Anyshire County Council",
                ],
            ]),
            h(1, "5 Finance"),
            table(&[
                &["", "2019/20"],
                &["Contributions", ""],
                &["County Council", "£100,000"],
                &["Police", "£20,000"],
                &["Spending", ""],
                &["Staffing", "£90,000"],
                &["Total spending", "£90,000"],
            ]),
            h(1, "6 Glossary"),
            p("SAB - Safeguarding Adults Board"),
            p("SAR: Safeguarding Adults Review"),
        ];
        let r = extract(&doc, &Grammars::builtin());
        let rep = &r.report;
        assert_eq!(
            r.title.as_deref(),
            Some("Anyshire Safeguarding Adults Board Annual Report 2019-20")
        );
        assert_eq!(rep.period.as_deref(), Some("2019-20"));
        assert_eq!(
            rep.organisation.as_deref(),
            Some("Anyshire Safeguarding Adults Board")
        );
        let numbers: Vec<&str> = rep.sections.iter().map(|s| s.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3", "3.1", "4", "5", "6"]);
        let values: Vec<f64> = rep.figures.iter().map(|f| f.value).collect();
        assert_eq!(values, [1250.0, 37.0, 412.0]);
        assert_eq!(rep.people.len(), 2);
        assert_eq!(rep.people[0].name, "Pat Low");
        assert_eq!(rep.people[0].organisation.as_deref(), Some("Anyshire SAB"));
        assert_eq!(rep.priorities.len(), 1);
        assert_eq!(
            rep.priorities[0].leads[0].organisation.as_deref(),
            Some("Anyshire County Council")
        );
        let budget: Vec<(Direction, &str)> = rep
            .budget
            .iter()
            .map(|b| (b.direction, b.item.as_str()))
            .collect();
        assert_eq!(
            budget,
            [
                (Direction::Income, "County Council"),
                (Direction::Income, "Police"),
                (Direction::Expenditure, "Staffing")
            ]
        );
        assert!(
            rep.budget
                .iter()
                .all(|b| b.period.as_deref() == Some("2019/20"))
        );
        assert_eq!(rep.glossary.len(), 2);
        assert_eq!(structure_points(rep), 6);
    }

    /// Text made of the pieces the readers care about: numbers, dots,
    /// colons, tabs, brackets, currency, cue words, odd Unicode.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("1.".to_string()),
            Just("4.2\t".to_string()),
            Just("9.B: ".to_string()),
            Just("Lead: ".to_string()),
            Just("£1,234".to_string()),
            Just("(To Feb.22)".to_string()),
            Just(", ".to_string()),
            Just(" of the ".to_string()),
            Just("Income 2021/22".to_string()),
            Just("Total".to_string()),
            Just("İ\u{130}ẞ".to_string()),
            Just("ABCC".to_string()),
            Just("\u{f0b7} ".to_string()),
            Just("annual report of the".to_string()),
            "[A-Za-z0-9 ]{0,12}",
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            (text(), 1u32..5)
                .prop_map(|(t, p)| Block::Paragraph(Paragraph::new(t, Provenance::page(p)))),
            (text(), 0u8..4).prop_map(|(t, level)| Block::Heading(Heading {
                furniture: false,
                level,
                text: t,
                at: Provenance::default()
            })),
            prop::collection::vec(prop::collection::vec((text(), 1usize..3), 0..5), 0..6).prop_map(
                |rows| {
                    let rows: Vec<Row> = rows
                        .into_iter()
                        .map(|cells| {
                            let mut col = 0;
                            let cells = cells
                                .into_iter()
                                .map(|(t, span)| {
                                    let c = Cell {
                                        col_span: span,
                                        ..Cell::new(
                                            col,
                                            vec![Paragraph::new(t, Provenance::default())],
                                        )
                                    };
                                    col += span;
                                    c
                                })
                                .collect();
                            Row {
                                cells,
                                ..Default::default()
                            }
                        })
                        .collect();
                    Block::Table(Table {
                        rows,
                        columns: 3,
                        ..Default::default()
                    })
                }
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn never_panics(blocks in prop::collection::vec(block(), 0..40)) {
            let mut doc = Document::new(Format::Pdf);
            doc.blocks = blocks;
            let r = extract(&doc, &Grammars::builtin());
            for s in &r.report.sections {
                prop_assert!(s.level >= 1);
            }
        }
    }
}
