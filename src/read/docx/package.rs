//! The OPC package: a zip of parts, found through relationships, inflated
//! under a budget.
//!
//! Why a budget while inflating: a zip's declared sizes are the attacker's to
//! choose. Each part is read through a reader that stops one byte past what it
//! may still produce, so a bomb is caught after at most the budget is spent,
//! whatever the headers claim. Two caps: the total over all parts, and each
//! part's inflated/compressed ratio (past a small floor, since a tiny part
//! of repetitive XML can legitimately compress very well).

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::DocxError;
use super::xml::{self, Element};
use crate::read::Limits;

/// Parts smaller than this are never refused on ratio alone.
const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

/// Relationship type suffixes (transitional and strict URIs end the same).
pub const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
pub const REL_STYLES: &str = "/styles";
pub const REL_NUMBERING: &str = "/numbering";

pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    /// Bytes inflated so far, over all parts.
    spent: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocxError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
                DocxError::Encrypted
            }
            other => DocxError::NotZip(other.to_string()),
        })?;
        Ok(Package {
            zip,
            limits,
            spent: 0,
        })
    }

    /// The archive's name for `path`: exact, else ignoring case and a
    /// Windows-style separator (some producers write `Word\document.xml`).
    fn find(&self, path: &str) -> Option<String> {
        let want = path.trim_start_matches('/');
        if self.zip.index_for_name(want).is_some() {
            return Some(want.to_string());
        }
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .find(|n| {
                n.replace('\\', "/")
                    .trim_start_matches('/')
                    .eq_ignore_ascii_case(want)
            })
            .map(|n| n.into_owned())
    }

    /// Read a part as bytes, or `Ok(None)` when the package has no such part.
    pub fn read_bytes(&mut self, path: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(name) = self.find(path) else {
            return Ok(None);
        };
        let total_left = self
            .limits
            .max_decompressed_bytes
            .saturating_sub(self.spent);
        let mut file = self.zip.by_name(&name).map_err(|e| match e {
            ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
                DocxError::Encrypted
            }
            ZipError::InvalidPassword => DocxError::Encrypted,
            ZipError::FileNotFound => DocxError::MissingPart(path.to_string()),
            other => DocxError::NotZip(format!("{path}: {other}")),
        })?;
        if file.encrypted() {
            return Err(DocxError::Encrypted);
        }
        let by_ratio = file
            .compressed_size()
            .saturating_mul(self.limits.max_compression_ratio)
            .max(RATIO_FLOOR_BYTES);
        let allowed = total_left.min(by_ratio);
        // Sized from the declared size (within the allowance) so a large
        // part is not grown by doubling to twice its size.
        let mut out = Vec::with_capacity(file.size().min(allowed).saturating_add(1) as usize);
        // One byte more than allowed tells "exactly at the cap" from "over it".
        let read = (&mut file)
            .take(allowed.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| DocxError::NotZip(format!("{path}: damaged part: {e}")))?;
        let read = read as u64;
        if read > allowed {
            return Err(DocxError::TooLarge(
                if allowed == by_ratio && by_ratio < total_left {
                    format!(
                        "{path} inflates more than {} times its compressed size",
                        self.limits.max_compression_ratio
                    )
                } else {
                    format!(
                        "parts inflate to more than {} bytes",
                        self.limits.max_decompressed_bytes
                    )
                },
            ));
        }
        self.spent += read;
        crate::work::grant_input(read);
        Ok(Some(out))
    }

    /// Read and parse an XML part, or `Ok(None)` when absent.
    pub fn read_xml(&mut self, path: &str) -> Result<Option<Element>, DocxError> {
        self.read_xml_skipping(path, &[])
    }

    /// [`Self::read_xml`] without the subtrees of the `w:` elements in `skip`.
    pub fn read_xml_skipping(
        &mut self,
        path: &str,
        skip: &[&str],
    ) -> Result<Option<Element>, DocxError> {
        let Some(bytes) = self.read_bytes(path)? else {
            return Ok(None);
        };
        let text = decode(&bytes);
        let root =
            xml::parse_skipping(&text, self.limits.max_xml_depth, skip).map_err(|e| match e {
                xml::XmlError::Malformed(m) => DocxError::Malformed(format!("{path}: {m}")),
                xml::XmlError::TooDeep(d) => DocxError::TooDeep(format!("{path}: deeper than {d}")),
                xml::XmlError::TooManyElements(n) => {
                    DocxError::TooLarge(format!("{path}: more than {n} XML elements"))
                }
            })?;
        Ok(Some(root))
    }

    /// Relationships of `part` (from its `_rels/<name>.rels`): (type, target
    /// resolved to a package path). Missing or unreadable rels mean none: they
    /// only tell where optional parts are, and the caller has defaults.
    pub fn relationships(&mut self, part: &str) -> Vec<(String, String)> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_path = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Ok(Some(root)) = self.read_xml(&rels_path) else {
            return Vec::new();
        };
        root.elements()
            .filter(|e| &*e.name == "Relationship")
            .filter(|e| e.attr("TargetMode") != Some("External"))
            .filter_map(|e| {
                let ty = e.attr("Type")?;
                let target = e.attr("Target")?;
                Some((ty.to_string(), resolve_target(dir, target)))
            })
            .collect()
    }
}

/// A relationship target relative to the source part's folder, normalised
/// (`..` and `.` folded, leading `/` meaning the package root).
fn resolve_target(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        parts.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Part bytes as text: UTF-8 (with or without BOM), or UTF-16 with a BOM,
/// which XML allows and a few producers write. Invalid sequences become
/// U+FFFD rather than failing the document.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let (text, _, _) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc.decode(bytes),
        None => encoding_rs::UTF_8.decode(bytes),
    };
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("word", "/word/numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(
            resolve_target("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve_target("word", "..\\..\\..\\x.xml"), "x.xml");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "<a/>".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b), "<a/>");
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>"), "<a/>");
    }
}
