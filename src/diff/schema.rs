//! The docket-diff/1 JSON Schema, shipped in `schema/docket-diff-1.schema.json`,
//! and validation of every diff before it is written, as for docket/1.

use std::sync::OnceLock;

use crate::contract::{self, ContractError};

use super::Diff;

/// The JSON Schema for docket-diff/1.
pub const DIFF_SCHEMA_JSON: &str = include_str!("../../schema/docket-diff-1.schema.json");

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(DIFF_SCHEMA_JSON).expect("shipped diff schema is JSON");
        jsonschema::validator_for(&schema).expect("shipped diff schema compiles")
    })
}

/// Validate a JSON value against docket-diff/1.
pub fn validate_value(value: &serde_json::Value) -> Result<(), ContractError> {
    contract::validate_with(validator(), value)
}

/// Serialise a diff, validate it, and return the pretty JSON bytes.
pub fn to_validated_json(diff: &Diff) -> Result<Vec<u8>, ContractError> {
    let value = serde_json::to_value(diff).map_err(|e| ContractError::NotJson(e.to_string()))?;
    validate_value(&value)?;
    let mut bytes =
        serde_json::to_vec_pretty(&value).map_err(|e| ContractError::NotJson(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
