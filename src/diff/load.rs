//! Reading one side of a diff: a docket/1 JSON file, or any input docket
//! reads (extracted on the fly).
//!
//! JSON is known by its content: after an optional UTF-8 BOM and white
//! space, a document that opens with `{`. No plan docket reads opens that
//! way (DOCX and PDF have magic bytes; a text plan opens with words), and a
//! file that does but is broken JSON is reported as such rather than read
//! as an empty text plan.

use std::path::Path;

use crate::batch::{self, FileError, Options};
use crate::contract::{self, ContractError, Output};

use super::Version;

/// Why a side could not be read. Codes are the batch's and the contract's,
/// so a side fails `diff` with the same code it fails `extract` or
/// `validate` with.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{source}")]
    Extract {
        file: String,
        #[source]
        source: FileError,
    },
    #[error("not a docket/1 document: {source}")]
    Json {
        file: String,
        #[source]
        source: ContractError,
    },
}

impl DiffError {
    pub fn code(&self) -> &'static str {
        match self {
            DiffError::Extract { source, .. } => source.code(),
            DiffError::Json { source, .. } => source.code(),
        }
    }

    /// The side that failed, as given.
    pub fn file(&self) -> &str {
        match self {
            DiffError::Extract { file, .. } | DiffError::Json { file, .. } => file,
        }
    }
}

/// Read one side.
pub fn load(path: &Path, opts: &Options) -> Result<Version, DiffError> {
    let file = path.to_string_lossy().into_owned();
    let extract_err = |source| DiffError::Extract {
        file: file.clone(),
        source,
    };
    let bytes = batch::read_input(path, &opts.limits).map_err(extract_err)?;
    if looks_like_json(&bytes) {
        let doc = parse_docket(&bytes).map_err(|source| DiffError::Json {
            file: file.clone(),
            source,
        })?;
        return Ok(Version {
            file,
            format: "json".into(),
            doc,
        });
    }
    let doc = batch::extract_read_bytes(&bytes, path, opts).map_err(extract_err)?;
    Ok(Version {
        format: doc.source.format.clone(),
        file,
        doc,
    })
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// A docket/1 document: JSON that the schema accepts.
fn parse_docket(bytes: &[u8]) -> Result<Output, ContractError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ContractError::NotJson(e.to_string()))?;
    contract::validate_value(&value)?;
    serde_json::from_value(value).map_err(|e| ContractError::NotJson(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_known_by_its_first_character() {
        assert!(looks_like_json(b"\xEF\xBB\xBF \n {\"schema\": 1}"));
        assert!(!looks_like_json(b"Action plan {draft}"));
        assert!(!looks_like_json(b""));
        assert!(!looks_like_json(b"%PDF-1.7"));
    }

    #[test]
    fn broken_or_foreign_json_is_a_coded_error() {
        assert_eq!(
            parse_docket(b"{ \"a\": ").unwrap_err().code(),
            "contract.not_json"
        );
        assert_eq!(
            parse_docket(b"{\"schema\": \"other/1\"}")
                .unwrap_err()
                .code(),
            "contract.invalid"
        );
    }
}
