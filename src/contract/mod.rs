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

/// Validate an output against the schema.
pub fn validate_output(output: &Output) -> Result<(), ContractError> {
    let value = serde_json::to_value(output).map_err(|e| ContractError::NotJson(e.to_string()))?;
    validate_value(&value)
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
    if !(looks_safe(output) && validate_output(output).is_ok()) {
        let mut safe = output.clone();
        make_safe(&mut safe)?;
        return to_pretty(&safe);
    }
    to_pretty(output)
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

    #[test]
    fn broken_document_is_rejected_with_path() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["kind"] = serde_json::json!("shopping_list");
        let err = validate_value(&v).unwrap_err();
        assert!(err.to_string().contains("/kind"), "{err}");
    }
}
