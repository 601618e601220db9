//! The shipped schema (`schema/docket-1.schema.json`) and the serde types in
//! `src/contract/types.rs` are two hand-kept copies of the contract; this test
//! keeps them in step.
//!
//! Two outputs are built with every list holding one item: one with every
//! optional field set, one with every optional field null. Walking each
//! beside the schema checks, object by object, that the schema names exactly
//! the fields the type serialises and requires all of them, that a field is
//! nullable in the schema exactly when it is an `Option` in the types, and
//! that every enum variant of the types is one of the schema's enum values
//! and the other way round.

use std::collections::{BTreeMap, BTreeSet};

use docket::contract::{
    Action, At, BudgetLine, DateRange, Diagnostic, Direction, Figure, Finding, GlossaryEntry, Kind,
    Lead, Level, Output, Person, Priority, Progress, Rag, Report, SCHEMA_ID, SCHEMA_JSON, Section,
    Source, Status, Timescale, validate_value,
};
use docket::model::Format;
use serde_json::Value;

/// Every variant of each contract enum. The matches have no wildcard, so a
/// new variant does not compile until it is listed here too.
fn kinds() -> Vec<Kind> {
    let all = vec![Kind::ActionPlan, Kind::AnnualReport, Kind::Unknown];
    for k in &all {
        match k {
            Kind::ActionPlan | Kind::AnnualReport | Kind::Unknown => {}
        }
    }
    all
}

fn rags() -> Vec<Rag> {
    let all = vec![Rag::Red, Rag::Amber, Rag::Green, Rag::Blue, Rag::Grey];
    for r in &all {
        match r {
            Rag::Red | Rag::Amber | Rag::Green | Rag::Blue | Rag::Grey => {}
        }
    }
    all
}

fn levels() -> Vec<Level> {
    let all = vec![Level::Warning, Level::Error];
    for l in &all {
        match l {
            Level::Warning | Level::Error => {}
        }
    }
    all
}

fn directions() -> Vec<Direction> {
    let all = vec![Direction::Income, Direction::Expenditure];
    for d in &all {
        match d {
            Direction::Income | Direction::Expenditure => {}
        }
    }
    all
}

fn formats() -> Vec<Format> {
    let all = vec![
        Format::Pdf,
        Format::Docx,
        Format::Text,
        Format::Doc,
        Format::Odt,
        Format::Rtf,
        Format::Xlsx,
        Format::Xls,
        Format::Ods,
        Format::Html,
    ];
    for f in &all {
        match f {
            Format::Pdf
            | Format::Docx
            | Format::Text
            | Format::Doc
            | Format::Odt
            | Format::Rtf
            | Format::Xlsx
            | Format::Xls
            | Format::Ods
            | Format::Html => {}
        }
    }
    all
}

/// Fields the serde types leave out when they have no value (optional in
/// the schema, never required).
const OPTIONAL: &[&str] = &["key"];

fn opt(some: bool, s: &str) -> Option<String> {
    some.then(|| s.to_string())
}

fn lead(some: bool) -> Lead {
    Lead {
        text: "Jo Bloggs, Head of Service".into(),
        name: opt(some, "Jo Bloggs"),
        role: opt(some, "Head of Service"),
        organisation: opt(some, "Council"),
    }
}

fn at(some: bool) -> At {
    At {
        page: some.then_some(1),
        line: some.then_some(2),
    }
}

/// Output number `n` of a set; `some` sets every optional field.
fn output(some: bool, n: usize) -> Output {
    let pick = |len: usize| n % len;
    let kind = kinds()[pick(3)];
    let action = Action {
        key: opt(some, "k0123456789abcdef"),
        id: "a1".into(),
        ref_: opt(some, "1.1"),
        finding: opt(some, "f1"),
        section: opt(some, "Health"),
        text: "Audit the referrals".into(),
        timescale: Timescale {
            text: opt(some, "June 2021"),
            dates: vec![DateRange {
                text: "June 2021".into(),
                start: "2021-06-01".into(),
                end: "2021-06-30".into(),
            }],
            due: opt(some, "2021-06-30"),
        },
        leads: vec![lead(some)],
        leads_inherited: some,
        outcome: opt(some, "Fewer re-referrals"),
        status: Status {
            text: opt(some, "Green"),
            rag: some.then(|| rags()[pick(5)]),
            complete: some.then_some(true),
        },
        progress: vec![Progress {
            text: "Started".into(),
            date: opt(some, "2021-01-04"),
        }],
        at: at(some),
    };
    let report = Report {
        period: opt(some, "2020/21"),
        organisation: opt(some, "Partnership"),
        sections: vec![Section {
            number: "1".into(),
            title: "Introduction".into(),
            level: 1,
            at: at(some),
        }],
        figures: vec![Figure {
            value: 12.0,
            text: "12".into(),
            label: "referrals".into(),
            at: at(some),
        }],
        people: vec![Person {
            name: "Jo Bloggs".into(),
            role: opt(some, "Chair"),
            organisation: opt(some, "Council"),
            at: at(some),
        }],
        priorities: vec![Priority {
            title: "Neglect".into(),
            leads: vec![lead(some)],
            at: at(some),
        }],
        glossary: vec![GlossaryEntry {
            abbreviation: "LA".into(),
            expansion: "Local authority".into(),
            at: at(some),
        }],
        budget: vec![BudgetLine {
            period: opt(some, "2020/21"),
            direction: directions()[pick(2)],
            item: "Training".into(),
            amount: 1500.5,
            text: "1,500.50".into(),
            at: at(some),
        }],
    };
    Output {
        schema: SCHEMA_ID.into(),
        source: Source {
            file: "plan.docx".into(),
            format: formats()[pick(10)].as_str().into(),
            sha256: "0".repeat(64),
            pages: some.then_some(3),
        },
        kind,
        title: opt(some, "Action plan"),
        findings: vec![Finding {
            id: "f1".into(),
            ref_: opt(some, "1"),
            section: opt(some, "Health"),
            text: "Referrals are late".into(),
            at: at(some),
            key: opt(some, "kfedcba9876543210"),
        }],
        actions: vec![action],
        report: some.then_some(report),
        diagnostics: vec![Diagnostic {
            level: levels()[pick(2)],
            code: "plan.no_table".into(),
            message: "no action table".into(),
            at: at(some),
        }],
    }
}

fn schema() -> Value {
    serde_json::from_str(SCHEMA_JSON).unwrap()
}

/// The schema node with `$ref` followed and, for a `oneOf`/`anyOf` with a
/// null branch, the non-null branch when the value is not null.
fn resolve<'s>(root: &'s Value, node: &'s Value, value: &Value) -> &'s Value {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return resolve(root, &root["$defs"][name], value);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            let pick = branches.iter().find(|b| {
                let null = b.get("type") == Some(&Value::from("null"));
                null == value.is_null()
            });
            if let Some(b) = pick {
                return resolve(root, b, value);
            }
        }
    }
    node
}

fn allows_null(root: &Value, node: &Value) -> bool {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return allows_null(root, &root["$defs"][name]);
    }
    let in_list = |v: Option<&Value>| {
        v.and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|t| t.is_null() || t == "null"))
    };
    node.get("type") == Some(&Value::from("null"))
        || in_list(node.get("type"))
        || in_list(node.get("enum"))
        || ["oneOf", "anyOf"].iter().any(|k| {
            node.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|bs| bs.iter().any(|b| allows_null(root, b)))
        })
}

/// Walk `value` beside `node`; enum values seen are gathered by path.
fn walk(
    root: &Value,
    node: &Value,
    value: &Value,
    path: &str,
    some: bool,
    seen: &mut BTreeMap<String, BTreeSet<String>>,
) {
    if some {
        assert!(!value.is_null(), "{path}: null in the all-set output");
    } else if allows_null(root, node) {
        assert!(
            value.is_null(),
            "{path}: the schema allows null but the type is not an Option"
        );
    }
    if value.is_null() {
        assert!(
            allows_null(root, node),
            "{path}: null not allowed by the schema"
        );
        return;
    }
    let node = resolve(root, node, value);
    if node.get("enum").is_some() {
        seen.entry(path.to_string())
            .or_default()
            .insert(value.to_string());
    }
    match value {
        Value::Object(map) => {
            let props = node["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{path}: schema has no properties"));
            // Optional fields are left out when empty: the schema has them
            // but does not require them; every other field is required.
            let names: BTreeSet<&str> = map.keys().map(String::as_str).collect();
            let schema_names: BTreeSet<&str> = props
                .keys()
                .map(String::as_str)
                .filter(|k| names.contains(k) || !OPTIONAL.contains(k))
                .collect();
            assert_eq!(names, schema_names, "{path}: fields differ");
            let required: BTreeSet<&str> = node["required"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let all: BTreeSet<&str> = names
                .iter()
                .copied()
                .filter(|k| !OPTIONAL.contains(k))
                .collect();
            assert_eq!(required, all, "{path}: required differs from the fields");
            assert_eq!(node["additionalProperties"], Value::Bool(false), "{path}");
            for (k, v) in map {
                walk(root, &props[k], v, &format!("{path}/{k}"), some, seen);
            }
        }
        Value::Array(items) => {
            assert!(!items.is_empty(), "{path}: the test fills every list");
            for v in items {
                walk(root, &node["items"], v, &format!("{path}[]"), some, seen);
            }
        }
        _ => {}
    }
}

/// The schema's enum values at each path the walk met one.
fn schema_enums(
    root: &Value,
    node: &Value,
    value: &Value,
    path: &str,
    out: &mut BTreeMap<String, BTreeSet<String>>,
) {
    if value.is_null() {
        return;
    }
    let node = resolve(root, node, value);
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        out.insert(
            path.to_string(),
            e.iter()
                .filter(|v| !v.is_null())
                .map(Value::to_string)
                .collect(),
        );
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                schema_enums(root, &node["properties"][k], v, &format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for v in items {
                schema_enums(root, &node["items"], v, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_and_types_agree() {
    let root = schema();
    let mut seen = BTreeMap::new();
    let mut enums = BTreeMap::new();
    // Enough outputs that every variant of every enum appears (5 RAGs).
    for n in 0..30 {
        for some in [true, false] {
            let value = serde_json::to_value(output(some, n)).unwrap();
            validate_value(&value).unwrap_or_else(|e| panic!("{some} {n}: {e}"));
            let back: Output = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(serde_json::to_value(back).unwrap(), value);
            walk(&root, &root, &value, "", some, &mut seen);
            schema_enums(&root, &root, &value, "", &mut enums);
        }
    }
    // `schema` is a const in the schema, not an enum; everything else with
    // an enum is one of the types' enums (or `Format` for source.format).
    assert_eq!(
        seen.keys().collect::<Vec<_>>(),
        enums.keys().collect::<Vec<_>>()
    );
    for (path, values) in &enums {
        assert_eq!(&seen[path], values, "{path}: enum values differ");
    }
    let expected = [
        "/actions[]/status/rag",
        "/diagnostics[]/level",
        "/kind",
        "/report/budget[]/direction",
        "/source/format",
    ];
    assert_eq!(
        enums.keys().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
}

/// The walk itself must catch a drift: a field the schema lacks.
#[test]
fn a_field_missing_from_the_schema_is_caught() {
    let mut root = schema();
    root["$defs"]["lead"]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("role");
    let value = serde_json::to_value(output(true, 0)).unwrap();
    let caught = std::panic::catch_unwind(|| {
        walk(&root, &root, &value, "", true, &mut BTreeMap::new());
    });
    assert!(caught.is_err());
}
