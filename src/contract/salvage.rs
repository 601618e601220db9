//! One bad field never costs a whole document.
//!
//! Why: a document is refused when it breaks the contract, so one field a
//! stage got wrong (a provenance line of 0, a date that is no real day)
//! used to lose every finding and action of the file. Before it is
//! validated, each field that breaks the schema, or names an impossible day
//! or a range that ends before it starts, is cleared: set to null where
//! the contract allows null, else the smallest list entry holding it (one
//! date of a timescale, one lead) is dropped. Each repair is reported as a
//! `contract.field_dropped` warning with the field's JSON pointer, so the
//! output stays honest about what it could not keep.

use std::collections::HashSet;

use serde_json::Value;

use super::{At, Diagnostic, Level, Output};

/// Repairs tried before giving up (the document is then refused as before).
const MAX_REPAIRS: usize = 64;

/// Top-level fields that identify the document: never cleared.
const KEPT: [&str; 3] = ["/schema", "/source", "/kind"];

/// Semantic problems a repair may clear (not duplicate ids or dangling
/// links, which would drop whole actions).
const CLEARABLE: [&str; 2] = ["contract.bad_date", "contract.date_order"];

/// Clear every field of `output` that breaks the contract, and report each.
/// A document that already holds is left untouched; one that cannot be
/// repaired is left as it was, to be refused by validation.
pub fn salvage(output: &mut Output) {
    let Ok(mut value) = serde_json::to_value(&*output) else {
        return;
    };
    let mut repairs: Vec<(String, String)> = Vec::new();
    let mut nulled: HashSet<String> = HashSet::new();
    for _ in 0..MAX_REPAIRS {
        let Some((path, message)) = first_problem(&value) else {
            break;
        };
        if !repair(&mut value, &path, &mut nulled) {
            return;
        }
        if !repairs.iter().any(|(p, _)| *p == path) {
            repairs.push((path, message));
        }
    }
    if repairs.is_empty() || first_problem(&value).is_some() {
        return;
    }
    let Ok(mut fixed) = serde_json::from_value::<Output>(value) else {
        return;
    };
    for (path, message) in repairs {
        fixed.diagnostics.push(Diagnostic {
            level: Level::Warning,
            code: "contract.field_dropped".into(),
            message: format!("{path}: {message}; the field is left out"),
            at: At {
                page: None,
                line: None,
            },
        });
    }
    *output = fixed;
}

/// The first schema error, else the first clearable semantic problem.
fn first_problem(value: &Value) -> Option<(String, String)> {
    if let Some(e) = super::validator().iter_errors(value).next() {
        return Some((e.instance_path().to_string(), e.to_string()));
    }
    let out = serde_json::from_value::<Output>(value.clone()).ok()?;
    super::checks::semantic(&out)
        .into_iter()
        .find(|p| CLEARABLE.contains(&p.code))
        .map(|p| (p.path, p.message))
}

/// Clear the field at `path`: null it once; a field still wrong when null
/// (or one that is null already) is removed with the list entry that holds
/// it, going up the path. False when nothing may be cleared.
fn repair(value: &mut Value, path: &str, nulled: &mut HashSet<String>) -> bool {
    let mut p = path.to_string();
    loop {
        if p.is_empty()
            || KEPT
                .iter()
                .any(|k| p == *k || p.starts_with(&format!("{k}/")))
        {
            return false;
        }
        let (parent, last) = match p.rsplit_once('/') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => return false,
        };
        let parent_is_list = value.pointer(&parent).is_some_and(Value::is_array);
        if parent_is_list {
            if let (Some(Value::Array(list)), Ok(i)) =
                (value.pointer_mut(&parent), last.parse::<usize>())
                && i < list.len()
            {
                list.remove(i);
                // Later entries moved up: what was nulled there is another field now.
                nulled.clear();
                return true;
            }
            return false;
        }
        let here = value.pointer_mut(&p);
        match here {
            Some(v) if !v.is_null() && !nulled.contains(&p) => {
                *v = Value::Null;
                nulled.insert(p);
                return true;
            }
            _ => p = parent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Value {
        json!({
            "schema": "docket/1",
            "source": {"file": "carers.docx", "format": "docx", "sha256": "0".repeat(64), "pages": null},
            "kind": "action_plan",
            "title": null,
            "findings": [],
            "actions": [{
                "id": "a1", "ref": "C1", "finding": null, "section": null,
                "text": "Run a young carers' week in every secondary school",
                "timescale": {"text": "30 Feb 2027 and March 2027", "dates": [
                    {"text": "30 Feb 2027", "start": "2027-02-30", "end": "2027-02-30"},
                    {"text": "March 2027", "start": "2027-03-01", "end": "2027-03-31"}
                ], "due": "2027-03-31"},
                "leads": [], "leads_inherited": false, "outcome": null,
                "status": {"text": null, "rag": null, "complete": null},
                "progress": [],
                "at": {"page": 0, "line": 0}
            }],
            "report": null,
            "diagnostics": []
        })
    }

    #[test]
    fn bad_fields_are_cleared_and_the_action_is_kept() {
        let mut out: Output = serde_json::from_value(plan()).unwrap();
        assert!(super::super::validate_output(&out).is_err());
        salvage(&mut out);
        super::super::validate_output(&out).unwrap();
        let a = &out.actions[0];
        assert_eq!(a.text, "Run a young carers' week in every secondary school");
        assert_eq!((a.at.page, a.at.line), (None, None));
        // The impossible day goes; the real month stays.
        assert_eq!(a.timescale.dates.len(), 1);
        assert_eq!(a.timescale.dates[0].text, "March 2027");
        assert_eq!(out.diagnostics.len(), 3);
        assert!(
            out.diagnostics
                .iter()
                .all(|d| d.code == "contract.field_dropped")
        );
        assert!(
            out.diagnostics
                .iter()
                .any(|d| d.message.starts_with("/actions/0/at/line"))
        );
    }

    #[test]
    fn a_valid_document_is_untouched() {
        let mut v = plan();
        v["actions"][0]["at"] = json!({"page": 2, "line": 14});
        v["actions"][0]["timescale"]["dates"]
            .as_array_mut()
            .unwrap()
            .remove(0);
        let mut out: Output = serde_json::from_value(v).unwrap();
        let before = out.clone();
        salvage(&mut out);
        assert_eq!(out, before);
    }
}
