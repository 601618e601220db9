//! Stable keys for findings and actions.
//!
//! Why: ids (`f1`, `a1`) follow position and `ref` is often null, so a
//! tracker cannot line one run up with the next. A key is a short hash of
//! the input's sha256 and what identifies the item in the document: its ref
//! (an action's ref qualified by its finding's ref, as plans often restart
//! numbering per finding), or its normalised text where it has no ref. An
//! item whose basis repeats in the document gets its occurrence number too,
//! so keys are unique within a document and the same on every run.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::Output;

/// Hex digits of the hash kept in a key (`k` + 16 hex = 64 bits: collisions
/// within one document are negligible).
const KEY_HEX_DIGITS: usize = 16;

/// Set `key` on every finding and action of `out` from `out.source.sha256`.
pub fn assign_keys(out: &mut Output) {
    let sha = out.source.sha256.clone();
    // Sized once: a table doubling as it fills holds its old and new
    // buckets together.
    let mut seen = Seen::with_capacity(out.findings.len() + out.actions.len());
    for f in &mut out.findings {
        let basis = match &f.ref_ {
            Some(r) => format!("finding ref {}", fold(r)),
            None => format!("finding text {}", fold(&f.text)),
        };
        f.key = Some(key_for(&sha, &basis, &mut seen));
    }
    // Borrowed, not copied: a plan of 100,000 findings held a second copy
    // of every id and ref here.
    let finding_refs: HashMap<&str, &str> = out
        .findings
        .iter()
        .filter_map(|f| Some((f.id.as_str(), f.ref_.as_deref()?)))
        .collect();
    for a in &mut out.actions {
        let parent = a
            .finding
            .as_deref()
            .and_then(|id| finding_refs.get(id))
            .map(|r| fold(r))
            .unwrap_or_default();
        let basis = match &a.ref_ {
            Some(r) => format!("action ref {parent}/{}", fold(r)),
            None => format!("action text {}", fold(&a.text)),
        };
        a.key = Some(key_for(&sha, &basis, &mut seen));
    }
}

/// How often each basis has been met, counted by the first 64 bits of its
/// first key's digest (as many as a key keeps) rather than by the basis:
/// a refless action's basis is its whole text, and a map of bases held a
/// second copy of every such action's text.
type Seen = HashMap<u64, u32>;

fn key_for(sha: &str, basis: &str, seen: &mut Seen) -> String {
    let mut h = Sha256::new();
    h.update(sha.as_bytes());
    h.update([0]);
    h.update(basis.as_bytes());
    let first = h.clone().finalize();
    let mut prefix = [0u8; 8];
    prefix.copy_from_slice(&first[..8]);
    let n = seen.entry(u64::from_be_bytes(prefix)).or_insert(0);
    *n += 1;
    let digest = if *n > 1 {
        h.update(format!("#{n}").as_bytes());
        h.finalize()
    } else {
        first
    };
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("k{}", &hex[..KEY_HEX_DIGITS])
}

/// Key normalisation, coarser than the contract's text normalisation: NFKC,
/// lower case, every run of non-alphanumerics one space. A re-typeset
/// document (other quotes, dashes, line breaks) keeps its text keys.
fn fold(s: &str) -> String {
    let lowered: String = s.nfkc().flat_map(char::to_lowercase).collect();
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Action, Finding, Kind, SCHEMA_ID, Source};

    fn doc(sha: &str) -> Output {
        let finding = |id: &str, r: Option<&str>, text: &str| Finding {
            id: id.into(),
            key: None,
            ref_: r.map(Into::into),
            section: None,
            text: text.into(),
            at: Default::default(),
        };
        let action = |id: &str, f: &str, r: Option<&str>, text: &str| Action {
            id: id.into(),
            finding: Some(f.into()),
            ref_: r.map(Into::into),
            text: text.into(),
            ..Default::default()
        };
        Output {
            schema: SCHEMA_ID.into(),
            source: Source {
                file: "x".into(),
                format: "text".into(),
                sha256: sha.into(),
                pages: None,
            },
            kind: Kind::ActionPlan,
            title: None,
            findings: vec![
                finding("f1", Some("1."), "Improve the thing"),
                finding("f2", Some("2"), "Other"),
            ],
            actions: vec![
                action("a1", "f1", Some("1"), "Do it"),
                action("a2", "f2", Some("1"), "Do it"),
                action("a3", "f2", None, "Write the “new” policy"),
                action("a4", "f2", None, "write the \"new\"\npolicy"),
            ],
            report: None,
            diagnostics: vec![],
        }
    }

    fn keys(o: &Output) -> Vec<String> {
        let mut v: Vec<String> = o.findings.iter().filter_map(|f| f.key.clone()).collect();
        v.extend(o.actions.iter().filter_map(|a| a.key.clone()));
        v
    }

    #[test]
    fn keys_are_stable_unique_and_depend_on_the_source() {
        let (mut a, mut b, mut c) = (doc("aa"), doc("aa"), doc("bb"));
        assign_keys(&mut a);
        assign_keys(&mut b);
        assign_keys(&mut c);
        assert_eq!(keys(&a), keys(&b));
        assert_ne!(keys(&a), keys(&c));
        let mut k = keys(&a);
        assert_eq!(k.len(), 6);
        k.sort();
        k.dedup();
        assert_eq!(k.len(), 6, "keys unique within a document");
        assert!(keys(&a).iter().all(|k| k.len() == 17 && k.starts_with('k')));
    }

    #[test]
    fn a_key_survives_renumbering_of_ids_and_retypesetting() {
        let mut a = doc("aa");
        let mut b = doc("aa");
        b.actions.remove(0);
        for (i, x) in b.actions.iter_mut().enumerate() {
            x.id = format!("a{}", i + 1);
        }
        b.actions[1].text = "Write the \"new\" policy".into();
        assign_keys(&mut a);
        assign_keys(&mut b);
        assert_eq!(a.actions[1].key, b.actions[0].key);
        assert_eq!(a.actions[2].key, b.actions[1].key);
    }
}
