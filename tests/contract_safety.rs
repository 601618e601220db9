//! The contract safety net end to end: data never costs a document.
//!
//! A date outside 1900-2200 is not a date (a diagnostic says so) and costs
//! only itself, never the document; and, as a property, any mutation of any
//! corpus file either gives a document that passes the schema and the
//! semantic checks or a coded error that is not a contract failure or a
//! panic.

use std::path::{Path, PathBuf};

use docket::batch::{self, Options};
use docket::contract::{self, Output};

/// Extract through the batch's own path (budget included) and parse the
/// written JSON back.
fn extract(bytes: &[u8], name: &str) -> Result<(Output, serde_json::Value), String> {
    let opts = Options::default();
    let doc = batch::extract_read_bytes(bytes, Path::new(name), &opts)
        .map_err(|e| e.code().to_string())?;
    let json = contract::to_validated_json(&doc).map_err(|e| e.code().to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let out: Output = serde_json::from_value(value.clone()).unwrap();
    Ok((out, value))
}

/// An invented tab-separated plan whose rows carry the given timescales.
fn plan(timescales: &[&str]) -> String {
    let mut s =
        String::from("Invented improvement plan\n\nRef\tRecommendation\tAction\tLead\tTimescale\n");
    for (i, t) in timescales.iter().enumerate() {
        s.push_str(&format!(
            "{n}.1\tRecords of visits are kept up to date\tAudit the visit records in team {n}\tTeam manager\t{t}\n",
            n = i + 1
        ));
    }
    s
}

fn years(out: &Output) -> Vec<u32> {
    out.actions
        .iter()
        .flat_map(|a| {
            a.timescale
                .dates
                .iter()
                .flat_map(|r| [&r.start, &r.end])
                .chain(&a.timescale.due)
        })
        .map(|d| d[..d.find('-').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn far_years_cost_only_their_dates() {
    let text = plan(&["Q4 9999/00", "March 2031", "Winter 9999", "31/12/9999"]);
    let (out, value) = extract(text.as_bytes(), "plan.txt").unwrap();
    assert!(contract::problems(&value).is_empty());
    assert_eq!(out.actions.len(), 4, "{:#?}", out.actions);
    let dated: Vec<bool> = out
        .actions
        .iter()
        .map(|a| !a.timescale.dates.is_empty())
        .collect();
    assert_eq!(dated, [false, true, false, false]);
    assert_eq!(out.actions[1].timescale.due.as_deref(), Some("2031-03-31"));
    assert_eq!(
        out.actions[0].timescale.text.as_deref(),
        Some("Q4 9999/00"),
        "the raw timescale stays"
    );
    assert!(years(&out).iter().all(|y| (1900..=2200).contains(y)));
    let far = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "date.out_of_range")
        .count();
    assert!(far >= 3, "{:#?}", out.diagnostics);
}

#[test]
fn ordinary_dates_raise_no_diagnostic() {
    let (out, _) = extract(plan(&["March 2031", "Q1 2030/31"]).as_bytes(), "plan.txt").unwrap();
    assert!(
        out.diagnostics.iter().all(|d| !d.code.starts_with("date.")
            && !d.code.starts_with("contract.")
            && d.code != "text.truncated"),
        "{:#?}",
        out.diagnostics
    );
    assert_eq!(years(&out).len(), 6, "start, end and due of each");
}

#[test]
fn a_huge_cell_is_bounded() {
    let long = "very long action text ".repeat(2_000);
    let text = plan(&["March 2031"]).replace("Audit the visit records", &long);
    let (out, value) = extract(text.as_bytes(), "plan.txt").unwrap();
    assert!(contract::problems(&value).is_empty());
    let longest = out.actions.iter().map(|a| a.text.len()).max().unwrap();
    assert!(longest <= contract::MAX_TEXT_BYTES, "{longest}");
    assert!(out.diagnostics.iter().any(|d| d.code == "text.truncated"));
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut v = Vec::new();
    for sub in ["seeds", "rendered"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "md") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

mod mutations {
    use super::*;
    use proptest::prelude::*;

    /// Words that reach the date and table code.
    const TOKENS: &[&str] = &[
        "Q4 9999/00",
        "Winter 9999",
        "31/12/9999",
        "Spring 1066",
        "0",
        "\t",
        "\n",
        "<",
        "[",
        "|",
        "1.",
        "March 2031",
    ];

    #[derive(Debug, Clone)]
    enum Edit {
        Set(usize, u8),
        Token(usize, usize, usize),
        Delete(usize, usize),
        Truncate(usize),
    }

    fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
        for e in edits {
            if b.is_empty() {
                break;
            }
            let at = |i: &usize, b: &Vec<u8>| i % b.len();
            match e {
                Edit::Set(i, v) => {
                    let i = at(i, &b);
                    b[i] = *v;
                }
                Edit::Token(i, t, times) => {
                    let i = at(i, &b);
                    let token = TOKENS[t % TOKENS.len()].repeat(*times);
                    b.splice(i..i, token.bytes());
                }
                Edit::Delete(i, n) => {
                    let i = at(i, &b);
                    let end = (i + n).min(b.len());
                    b.drain(i..end);
                }
                Edit::Truncate(i) => {
                    let i = at(i, &b);
                    b.truncate(i)
                }
            }
        }
        b
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => (any::<usize>(), any::<u8>()).prop_map(|(i, v)| Edit::Set(i, v)),
            4 => (any::<usize>(), any::<usize>(), 1usize..40).prop_map(|(i, t, n)| Edit::Token(i, t, n)),
            2 => (any::<usize>(), 1usize..4096).prop_map(|(i, n)| Edit::Delete(i, n)),
            1 => any::<usize>().prop_map(Edit::Truncate),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        /// The pipeline writes a document that passes every check, or
        /// returns a coded error that is neither a panic nor a contract
        /// failure.
        #[test]
        fn mutated_corpus_files_give_a_valid_document_or_a_coded_error(
            which in any::<usize>(),
            edits in proptest::collection::vec(edit(), 1..6),
        ) {
            let files = corpus_files();
            let f = &files[which % files.len()];
            let bytes = apply(std::fs::read(f).unwrap(), &edits);
            match extract(&bytes, &f.display().to_string()) {
                Ok((_, value)) => {
                    let problems = contract::problems(&value);
                    prop_assert!(problems.is_empty(), "{}: {:?}", f.display(), problems);
                }
                Err(code) => {
                    prop_assert!(
                        code != "internal.panic" && !code.starts_with("contract."),
                        "{}: {code}", f.display()
                    );
                    prop_assert!(code.contains('.'), "{code}");
                }
            }
        }
    }
}
