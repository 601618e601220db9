//! Checks beyond the schema, for `docket validate`: a JSON Schema cannot say
//! that a finding id an action names exists, that ids are unique, that an
//! ISO date is a real day, or that a range does not end before it starts.
//! Hand-edited files and other tools' outputs break these, and a tracker
//! loading them would silently drop rows.

use std::collections::HashSet;

use super::Output;

/// One problem found in a document: a stable dotted code, a JSON pointer to
/// the place, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub path: String,
    pub message: String,
}

impl Problem {
    fn new(code: &'static str, path: String, message: String) -> Self {
        Problem {
            code,
            path,
            message,
        }
    }
}

/// Every schema error, then (when the schema holds) every semantic error.
pub fn problems(value: &serde_json::Value) -> Vec<Problem> {
    let schema: Vec<Problem> = super::validator()
        .iter_errors(value)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() { "/".into() } else { path };
            Problem::new("contract.invalid", path, e.to_string())
        })
        .collect();
    if !schema.is_empty() {
        return schema;
    }
    match serde_json::from_value::<Output>(value.clone()) {
        Ok(out) => semantic(&out),
        Err(e) => vec![Problem::new("contract.invalid", "/".into(), e.to_string())],
    }
}

/// The checks a schema cannot express, on a document that satisfies it.
pub fn semantic(out: &Output) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut ids = HashSet::new();
    for (i, f) in out.findings.iter().enumerate() {
        if !ids.insert(f.id.as_str()) {
            found.push(duplicate(&format!("/findings/{i}/id"), &f.id));
        }
    }
    let finding_ids = ids.clone();
    for (i, a) in out.actions.iter().enumerate() {
        let here = format!("/actions/{i}");
        if !ids.insert(a.id.as_str()) {
            found.push(duplicate(&format!("{here}/id"), &a.id));
        }
        if let Some(f) = &a.finding
            && !finding_ids.contains(f.as_str())
        {
            found.push(Problem::new(
                "contract.dangling_finding",
                format!("{here}/finding"),
                format!(
                    "action {} names finding \"{f}\", which the document does not have",
                    a.id
                ),
            ));
        }
        if let Some(d) = &a.timescale.due {
            check_date(&mut found, &format!("{here}/timescale/due"), d);
        }
        for (j, r) in a.timescale.dates.iter().enumerate() {
            let at = format!("{here}/timescale/dates/{j}");
            let start_ok = check_date(&mut found, &format!("{at}/start"), &r.start);
            let end_ok = check_date(&mut found, &format!("{at}/end"), &r.end);
            if start_ok && end_ok && r.start > r.end {
                found.push(Problem::new(
                    "contract.date_order",
                    at,
                    format!(
                        "range \"{}\" starts {} after it ends {}",
                        r.text, r.start, r.end
                    ),
                ));
            }
        }
        for (j, p) in a.progress.iter().enumerate() {
            if let Some(d) = &p.date {
                check_date(&mut found, &format!("{here}/progress/{j}/date"), d);
            }
        }
    }
    found
}

fn duplicate(path: &str, id: &str) -> Problem {
    Problem::new(
        "contract.duplicate_id",
        path.into(),
        format!("id \"{id}\" is used more than once"),
    )
}

/// Push a problem unless `s` is a real `YYYY-MM-DD` day; say whether it was.
fn check_date(found: &mut Vec<Problem>, path: &str, s: &str) -> bool {
    if is_real_day(s) {
        return true;
    }
    found.push(Problem::new(
        "contract.bad_date",
        path.into(),
        format!("\"{s}\" is not a real YYYY-MM-DD date"),
    ));
    false
}

/// `YYYY-MM-DD` naming a day that exists (leap years included).
pub fn is_real_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_only() {
        assert!(is_real_day("2024-02-29"));
        assert!(!is_real_day("2023-02-29"));
        assert!(!is_real_day("2024-13-45"));
        assert!(!is_real_day("2024-04-31"));
        assert!(!is_real_day("2024-4-1"));
        assert!(!is_real_day("２０２４-01-01"));
        assert!(is_real_day("2000-02-29"));
        assert!(!is_real_day("1900-02-29"));
    }
}
