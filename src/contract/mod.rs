//! The contract stage: docket/1 serde types, the shipped JSON Schema, and
//! validation of every document before it is written.
//!
//! Why validate our own output: downstream trackers load these files without
//! hand repair, so a document that breaks the contract must never reach disk.
//! The schema file is the published truth; `tests/contract_schema.rs` keeps
//! the types in step with it (same fields, same nullability, same enums).

mod checks;
mod key;
mod norm;
mod safety;
mod types;

use std::sync::OnceLock;

pub use checks::{Problem, is_real_day, problems};
pub use key::assign_keys;
pub use norm::norm;
pub use safety::{FIRST_YEAR, LAST_YEAR, MAX_TEXT_BYTES, looks_safe, make_safe};
pub use types::*;

/// The JSON Schema for docket/1, as shipped in `schema/docket-1.schema.json`.
pub const SCHEMA_JSON: &str = include_str!("../../schema/docket-1.schema.json");

#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    /// The document does not satisfy the schema.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// The file is not JSON at all.
    #[error("not JSON: {0}")]
    NotJson(String),
}

impl ContractError {
    pub fn code(&self) -> &'static str {
        match self {
            ContractError::Invalid { .. } => "contract.invalid",
            ContractError::NotJson(_) => "contract.not_json",
        }
    }
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(SCHEMA_JSON).expect("shipped schema is JSON");
        jsonschema::validator_for(&schema).expect("shipped schema compiles")
    })
}

/// Validate a JSON value against the docket/1 schema, reporting every error
/// (one per line) so a user can fix a file in one pass.
pub fn validate_value(value: &serde_json::Value) -> Result<(), ContractError> {
    validate_with(validator(), value)
}

/// Validate a JSON value against a compiled schema (docket/1 or another the
/// project ships, such as docket-diff/1): the first error with its path, and
/// how many more there are.
pub fn validate_with(
    validator: &jsonschema::Validator,
    value: &serde_json::Value,
) -> Result<(), ContractError> {
    let errors: Vec<_> = validator.iter_errors(value).collect();
    if errors.is_empty() {
        return Ok(());
    }
    let first = &errors[0];
    let path = first.instance_path().to_string();
    let mut message = first.to_string();
    if errors.len() > 1 {
        message.push_str(&format!(" (and {} more)", errors.len() - 1));
    }
    Err(ContractError::Invalid {
        path: if path.is_empty() { "/".into() } else { path },
        message,
    })
}

/// Validate JSON text (for `docket validate`).
pub fn validate_str(text: &str) -> Result<(), ContractError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ContractError::NotJson(e.to_string()))?;
    validate_value(&value)
}

/// The top-level arrays of a docket/1 document, validated one item at a
/// time (the schema puts no constraint on an array as a whole, only
/// `items`).
const ITEM_ARRAYS: [&str; 3] = ["findings", "actions", "diagnostics"];

/// One validator per [`ITEM_ARRAYS`] entry: the array's `items` schema with
/// the shipped `$defs` beside it, so its `$ref`s resolve.
fn item_validators() -> &'static [jsonschema::Validator; 3] {
    static V: OnceLock<[jsonschema::Validator; 3]> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(SCHEMA_JSON).expect("shipped schema is JSON");
        ITEM_ARRAYS.map(|name| {
            let mut item = schema["properties"][name]["items"].clone();
            item["$defs"] = schema["$defs"].clone();
            item["$schema"] = schema["$schema"].clone();
            jsonschema::validator_for(&item).expect("shipped item schema compiles")
        })
    })
}

/// Validate an output against the schema.
///
/// Why piece by piece: a JSON value of a whole document costs some 75 bytes
/// per input byte (issue 20: a 50 MB export held gigabytes here), while the
/// document's shell (its arrays empty) and each finding, action and
/// diagnostic alone are small. The result is the same as validating the
/// whole value, error paths included.
pub fn validate_output(output: &Output) -> Result<(), ContractError> {
    let json = |v: Result<serde_json::Value, serde_json::Error>| {
        v.map_err(|e| ContractError::NotJson(e.to_string()))
    };
    let shell = serde_json::json!({
        "schema": output.schema,
        "source": json(serde_json::to_value(&output.source))?,
        "kind": json(serde_json::to_value(output.kind))?,
        "title": output.title,
        "findings": [],
        "actions": [],
        "report": json(serde_json::to_value(&output.report))?,
        "diagnostics": [],
    });
    // In the order a whole value reports its errors (its keys sorted).
    let mut errors = Errors::default();
    let [findings, actions, diagnostics] = item_validators();
    for (i, a) in output.actions.iter().enumerate() {
        errors.add(
            &format!("/actions/{i}"),
            actions,
            &json(serde_json::to_value(a))?,
        );
    }
    for (i, d) in output.diagnostics.iter().enumerate() {
        errors.add(
            &format!("/diagnostics/{i}"),
            diagnostics,
            &json(serde_json::to_value(d))?,
        );
    }
    for (i, f) in output.findings.iter().enumerate() {
        errors.add(
            &format!("/findings/{i}"),
            findings,
            &json(serde_json::to_value(f))?,
        );
    }
    errors.add("", validator(), &shell);
    errors.result()
}

/// The first schema error of a document validated in pieces, and how many
/// there were, reported as [`validate_with`] reports a whole document.
#[derive(Default)]
struct Errors {
    first: Option<(String, String)>,
    count: usize,
}

impl Errors {
    fn add(&mut self, prefix: &str, validator: &jsonschema::Validator, value: &serde_json::Value) {
        for e in validator.iter_errors(value) {
            self.count += 1;
            if self.first.is_none() {
                let path = format!("{prefix}{}", e.instance_path());
                self.first = Some((path, e.to_string()));
            }
        }
    }

    fn result(self) -> Result<(), ContractError> {
        let Some((path, mut message)) = self.first else {
            return Ok(());
        };
        if self.count > 1 {
            message.push_str(&format!(" (and {} more)", self.count - 1));
        }
        Err(ContractError::Invalid {
            path: if path.is_empty() { "/".into() } else { path },
            message,
        })
    }
}

/// The document to write for `output`: itself when it is safe and valid,
/// else a copy made safe by [`make_safe`] (bad fields left out, each named
/// by a diagnostic). Fails only when the document cannot be repaired.
pub fn checked(output: &Output) -> Result<std::borrow::Cow<'_, Output>, ContractError> {
    if looks_safe(output) && validate_output(output).is_ok() {
        return Ok(std::borrow::Cow::Borrowed(output));
    }
    let mut safe = output.clone();
    make_safe(&mut safe)?;
    Ok(std::borrow::Cow::Owned(safe))
}

/// [`checked`] for an output the caller owns: made safe in place, never
/// copied. Why: the copy [`checked`] makes of a document that needs
/// repair doubled the peak of a large one (a 17 MB document with cut
/// fields held twice).
pub fn into_checked(mut output: Output) -> Result<Output, ContractError> {
    if looks_safe(&output) && validate_output(&output).is_ok() {
        return Ok(output);
    }
    make_safe(&mut output)?;
    Ok(output)
}

/// Write a checked output as pretty JSON, newline ended, straight to `w`:
/// the document's text is never held whole in memory (it is some 16 bytes
/// per input byte).
pub fn write_pretty(output: &Output, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, output)?;
    w.write_all(b"\n")
}

/// Serialise an output, validate it, and return the pretty JSON bytes. Keys
/// come in the contract's order (schema, source, kind, title, findings,
/// actions, report, diagnostics), as the struct declares them, not sorted.
///
/// A document that would break the contract on data (a date outside the
/// year window, a position 0, an unbounded text, any field the schema
/// rejects) is first made safe by [`make_safe`]: the bad fields are left out
/// with a diagnostic each, so one field never costs the whole document.
pub fn to_validated_json(output: &Output) -> Result<Vec<u8>, ContractError> {
    to_pretty(&*checked(output)?)
}

fn to_pretty(output: &Output) -> Result<Vec<u8>, ContractError> {
    let mut bytes =
        serde_json::to_vec_pretty(output).map_err(|e| ContractError::NotJson(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One compact line of JSON (JSON Lines), newline included, for an output
/// already validated.
pub fn to_json_line(output: &Output) -> Result<Vec<u8>, ContractError> {
    let mut bytes =
        serde_json::to_vec(output).map_err(|e| ContractError::NotJson(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Output {
        Output {
            schema: SCHEMA_ID.into(),
            source: Source {
                file: "x.txt".into(),
                format: "text".into(),
                sha256: "0".repeat(64),
                pages: None,
            },
            kind: Kind::ActionPlan,
            title: None,
            findings: vec![],
            actions: vec![],
            report: None,
            diagnostics: vec![],
        }
    }

    #[test]
    fn sample_validates() {
        to_validated_json(&sample()).unwrap();
    }

    #[test]
    fn keys_come_in_the_contract_order() {
        let text = String::from_utf8(to_validated_json(&sample()).unwrap()).unwrap();
        let order = [
            "\"schema\"",
            "\"source\"",
            "\"kind\"",
            "\"title\"",
            "\"findings\"",
            "\"actions\"",
            "\"report\"",
            "\"diagnostics\"",
        ];
        let pos: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    fn with_actions(n: u32) -> Output {
        let mut out = sample();
        out.actions = (1..=n)
            .map(|i| Action {
                id: format!("a{i}"),
                text: format!("Audit the visit records of team {i}"),
                at: At {
                    page: None,
                    line: Some(i),
                },
                ..Action::default()
            })
            .collect();
        out
    }

    #[test]
    fn validating_in_pieces_finds_what_the_whole_value_finds() {
        let mut out = with_actions(5);
        out.actions[3].at.line = Some(0);
        out.actions[4].at.line = Some(0);
        out.source.sha256 = "x".into();
        let whole = validate_value(&serde_json::to_value(&out).unwrap()).unwrap_err();
        let pieces = validate_output(&out).unwrap_err();
        assert!(pieces.to_string().contains("(and 2 more)"), "{pieces}");
        assert_eq!(pieces.to_string(), whole.to_string());
        out.actions[3].at.line = Some(4);
        out.actions[4].at.line = Some(5);
        let pieces = validate_output(&out).unwrap_err();
        assert_eq!(
            pieces.to_string(),
            "/source/sha256: \"x\" does not match \"^[0-9a-f]{64}$\""
        );
        out.actions[3].at.line = Some(0);
        out.actions[4].at.line = Some(0);
        out.source.sha256 = "0".repeat(64);
        let pieces = validate_output(&out).unwrap_err();
        assert!(
            pieces.to_string().starts_with("/actions/3/at/line: "),
            "{pieces}"
        );
        assert_eq!(
            pieces.to_string(),
            validate_value(&serde_json::to_value(&out).unwrap())
                .unwrap_err()
                .to_string()
        );
    }

    #[test]
    fn validation_holds_no_copy_of_the_whole_document() {
        // Issue 20: validating a JSON value of the whole document cost
        // more heap than the document's own JSON text.
        let out = with_actions(4_000);
        let text = to_pretty(&out).unwrap().len() as i64;
        let before = crate::work::live_bytes();
        crate::work::reset_peak();
        validate_output(&out).unwrap();
        let used = crate::work::peak_bytes() - before;
        assert!(used > 0, "the test binary counts allocations");
        assert!(
            used < text / 20,
            "{used} bytes to validate {text} bytes of JSON"
        );
    }

    /// A document with a field to cut is repaired where it lies: the heap
    /// grows by far less than the document (a copy doubled it), and the
    /// result is what [`checked`] makes.
    #[test]
    fn a_document_to_repair_is_repaired_in_place() {
        let mut out = with_actions(4_000);
        out.actions[0].text = "x".repeat(MAX_TEXT_BYTES + 10);
        let expected = checked(&out).unwrap().into_owned();
        let text = to_pretty(&out).unwrap().len() as i64;
        let before = crate::work::live_bytes();
        crate::work::reset_peak();
        let safe = into_checked(out).unwrap();
        let used = crate::work::peak_bytes() - before;
        assert!(
            used < text / 4,
            "{used} bytes to repair {text} bytes of JSON"
        );
        assert_eq!(safe, expected);
        assert_eq!(safe.actions[0].text.len(), MAX_TEXT_BYTES);
    }

    #[test]
    fn write_pretty_writes_what_to_validated_json_returns() {
        let out = with_actions(3);
        let mut streamed = Vec::new();
        write_pretty(&checked(&out).unwrap(), &mut streamed).unwrap();
        assert_eq!(streamed, to_validated_json(&out).unwrap());
    }

    #[test]
    fn broken_document_is_rejected_with_path() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["kind"] = serde_json::json!("shopping_list");
        let err = validate_value(&v).unwrap_err();
        assert!(err.to_string().contains("/kind"), "{err}");
    }
}
