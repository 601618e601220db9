//! A port of the shared action-plan scorer (`score.py`'s `score()`): a
//! docket/1 extraction against a hand-checked gold file. Kept faithful so
//! that `cargo test` in a fresh clone (no Python, no ../shared) measures
//! what the project's scoreboard measures; the scoreboard test checks the
//! two agree on every corpus document.
//!
//! Alignment is one-to-one: predicted actions are first paired with gold
//! actions of the same normalised ref whose texts reach token-F1 0.3, then
//! the rest greedily by text token-F1 >= 0.5 (best pairs first, ties in
//! document order). The headline `score` is the mean of the annotated field
//! figures, each (but action and findings detection) weighted by action
//! recall, so that leaving hard actions out cannot raise it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::text::{Bag, f1_counts, key, norm, token_f1, tokens};

const REF_MIN_F1: f64 = 0.3;
const TEXT_MIN_F1: f64 = 0.5;
const FINDING_MIN_F1: f64 = 0.8;
const ROLE_MIN_F1: f64 = 0.8;
const FINDING_DET_F1: f64 = 0.5;

/// What `score.py --json` reports (less the unmatched listing).
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub gold_actions: usize,
    pub pred_actions: usize,
    pub matched: usize,
    pub matched_by_ref: usize,
    pub matched_by_text: usize,
    pub gold_findings: usize,
    pub pred_findings: usize,
    pub metrics: BTreeMap<&'static str, f64>,
    /// The fields in the score (the gold annotates them), in score.py's order.
    pub parts: Vec<&'static str>,
    pub skipped: Vec<&'static str>,
    /// Mean of the parts over matched pairs, unweighted (informational).
    pub per_pair: f64,
    pub score: f64,
    pub warnings: Vec<String>,
}

impl Score {
    pub fn metric(&self, name: &str) -> f64 {
        self.metrics.get(name).copied().unwrap_or(0.0)
    }
}

// ------------------------------------------------------------ normalising

/// score.py's `norm`: strings and numbers (not booleans) as text.
fn norm_v(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => norm(s),
        Value::Number(n) => norm(&n.to_string()),
        _ => None,
    }
}

fn key_v(v: Option<&Value>) -> Option<String> {
    norm_v(v).and_then(|s| key(&s))
}

fn norm_ref(v: Option<&Value>) -> Option<String> {
    let s = key_v(v)?.replace(' ', "");
    let s = s.trim_end_matches('.');
    (!s.is_empty()).then(|| s.to_string())
}

fn arr(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

// ------------------------------------------------------------ loading

/// score.py's `load` checks on an already parsed document.
pub fn check(doc: &Value, what: &str) -> Result<(), String> {
    let Some(map) = doc.as_object() else {
        return Err(format!("{what} must be a JSON object (docket/1 document)"));
    };
    for field in ["actions", "findings"] {
        let Some(v) = map.get(field) else {
            return Err(format!("{what} has no '{field}' array"));
        };
        let Some(items) = v.as_array() else {
            return Err(format!("{what} field '{field}' must be an array"));
        };
        if let Some(i) = items.iter().position(|x| !x.is_object()) {
            return Err(format!("{what} {field}[{i}] is not an object"));
        }
    }
    Ok(())
}

struct Finding {
    ref_: Option<String>,
    text: Option<String>,
}

struct Action {
    ref_: Option<String>,
    text: Option<String>,
    tok: Bag,
    finding: Option<String>,
    section: Option<String>,
    due: Option<String>,
    dates: BTreeSet<(Option<String>, Option<String>)>,
    names: BTreeSet<String>,
    orgs: BTreeSet<String>,
    roles: Vec<String>,
    inherited: bool,
    complete: Option<bool>,
    rag: Option<String>,
    outcome: Option<String>,
    progress: usize,
}

struct Doc {
    findings: Vec<Finding>,
    actions: Vec<Action>,
    warnings: Vec<String>,
}

impl Doc {
    fn new(raw: &Value) -> Doc {
        let mut warnings = Vec::new();
        if raw.get("schema").and_then(Value::as_str) != Some("docket/1") {
            warnings.push(format!(
                "schema is {}, expected 'docket/1'",
                raw.get("schema").unwrap_or(&Value::Null)
            ));
        }
        let mut findings = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for f in arr(raw.get("findings")) {
            findings.push(Finding {
                ref_: norm_ref(f.get("ref")),
                text: norm_v(f.get("text")),
            });
            if let Some(id) = f.get("id").and_then(Value::as_str) {
                by_id.entry(id).or_insert(findings.len() - 1);
            }
        }
        let mut actions = Vec::new();
        for a in arr(raw.get("actions")) {
            let ts = a.get("timescale");
            let st = a.get("status");
            let fid = a.get("finding").and_then(Value::as_str);
            let finding = fid
                .and_then(|id| by_id.get(id))
                .and_then(|&i| findings.get(i));
            if let (Some(id), None) = (fid, &finding) {
                warnings.push(format!(
                    "action {} links to unknown finding '{id}'",
                    a.get("id").unwrap_or(&Value::Null)
                ));
            }
            let leads = arr(a.get("leads"));
            let dates = arr(ts.and_then(|t| t.get("dates")))
                .iter()
                .map(|d| (norm_v(d.get("start")), norm_v(d.get("end"))))
                .filter(|(s, e)| s.is_some() || e.is_some())
                .collect();
            // score.py keeps `complete` when it is `in (True, False)`, which
            // in Python also admits the numbers 1 and 0 (equal to True/False).
            let complete = match st.and_then(|s| s.get("complete")) {
                Some(Value::Bool(b)) => Some(*b),
                Some(Value::Number(n)) => match n.as_f64() {
                    Some(1.0) => Some(true),
                    Some(0.0) => Some(false),
                    _ => None,
                },
                _ => None,
            };
            actions.push(Action {
                ref_: norm_ref(a.get("ref")),
                text: norm_v(a.get("text")),
                tok: tokens(norm_v(a.get("text")).as_deref()),
                finding: finding.and_then(|f| f.text.clone()),
                section: key_v(a.get("section")),
                due: norm_v(ts.and_then(|t| t.get("due"))),
                dates,
                names: leads.iter().filter_map(|l| key_v(l.get("name"))).collect(),
                orgs: leads
                    .iter()
                    .filter_map(|l| key_v(l.get("organisation")))
                    .collect(),
                roles: leads.iter().filter_map(|l| norm_v(l.get("role"))).collect(),
                inherited: a.get("leads_inherited") == Some(&Value::Bool(true)),
                complete,
                rag: key_v(st.and_then(|s| s.get("rag"))),
                outcome: norm_v(a.get("outcome")),
                progress: arr(a.get("progress")).len(),
            });
        }
        Doc {
            findings,
            actions,
            warnings,
        }
    }
}

// ------------------------------------------------------------ alignment

#[derive(Clone, Copy, PartialEq)]
enum How {
    Ref,
    Text,
}

/// Candidates `(f, gi, pi)` taken best first (ties: gold order, then
/// predicted order), each index at most once.
fn greedy(
    mut cands: Vec<(f64, usize, usize)>,
    used_g: &mut BTreeSet<usize>,
    used_p: &mut BTreeSet<usize>,
) -> Vec<(usize, usize)> {
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    for (_, gi, pi) in cands {
        if !used_g.contains(&gi) && !used_p.contains(&pi) {
            used_g.insert(gi);
            used_p.insert(pi);
            out.push((gi, pi));
        }
    }
    out
}

fn align(gold: &[Action], pred: &[Action]) -> Vec<(usize, usize, How)> {
    let (mut used_g, mut used_p) = (BTreeSet::new(), BTreeSet::new());
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if g.ref_.is_none() {
            continue;
        }
        for (pi, p) in pred.iter().enumerate() {
            if p.ref_ == g.ref_ {
                let f = f1_counts(&g.tok, &p.tok);
                if f >= REF_MIN_F1 {
                    cands.push((f, gi, pi));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize, How)> = greedy(cands, &mut used_g, &mut used_p)
        .into_iter()
        .map(|(g, p)| (g, p, How::Ref))
        .collect();
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if used_g.contains(&gi) {
            continue;
        }
        for (pi, p) in pred.iter().enumerate() {
            if used_p.contains(&pi) {
                continue;
            }
            let f = f1_counts(&g.tok, &p.tok);
            if f >= TEXT_MIN_F1 {
                cands.push((f, gi, pi));
            }
        }
    }
    pairs.extend(
        greedy(cands, &mut used_g, &mut used_p)
            .into_iter()
            .map(|(g, p)| (g, p, How::Text)),
    );
    pairs.sort_by_key(|&(g, p, _)| (g, p));
    pairs
}

/// score.py's `prf(tp, npred, ngold)`: an empty side agrees with an empty side.
fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else if npred == 0 {
        1.0
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn match_roles(groles: &[String], proles: &[String]) -> usize {
    let mut cands = Vec::new();
    for (i, g) in groles.iter().enumerate() {
        for (j, p) in proles.iter().enumerate() {
            let f = token_f1(Some(g), Some(p));
            if f >= ROLE_MIN_F1 {
                cands.push((f, i, j));
            }
        }
    }
    greedy(cands, &mut BTreeSet::new(), &mut BTreeSet::new()).len()
}

fn findings_detection(gold: &[Finding], pred: &[Finding]) -> (f64, f64, f64) {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let gt = tokens(g.text.as_deref());
        for (pi, p) in pred.iter().enumerate() {
            if g.ref_ != p.ref_ {
                continue;
            }
            let f = f1_counts(&gt, &tokens(p.text.as_deref()));
            if f >= FINDING_DET_F1 {
                cands.push((f, gi, pi));
            }
        }
    }
    let tp = greedy(cands, &mut BTreeSet::new(), &mut BTreeSet::new()).len();
    prf(tp, pred.len(), gold.len())
}

/// Set-F1 micro-averaged over the matched pairs (0 without pairs).
fn set_f1<T: Ord>(
    pairs: &[(usize, usize, How)],
    ga: &[Action],
    pa: &[Action],
    field: impl Fn(&Action) -> &BTreeSet<T>,
) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for &(g, p, _) in pairs {
        let (gs, ps) = (field(&ga[g]), field(&pa[p]));
        tp += gs.intersection(ps).count();
        np += ps.len();
        ng += gs.len();
    }
    prf(tp, np, ng).2
}

// ------------------------------------------------------------ scoring

/// Score a prediction against a gold document (both docket/1 JSON values).
/// Errors are score.py's input errors (exit status 2 there).
pub fn score(gold_raw: &Value, pred_raw: &Value) -> Result<Score, String> {
    check(gold_raw, "GOLD")?;
    check(pred_raw, "PRED")?;
    let (gd, pd) = (Doc::new(gold_raw), Doc::new(pred_raw));
    let (ga, pa) = (&gd.actions, &pd.actions);
    let pairs = align(ga, pa);
    let n = pairs.len();
    let nf = n as f64;
    let mut m: BTreeMap<&'static str, f64> = BTreeMap::new();
    let (ap, ar, af) = prf(n, pa.len(), ga.len());
    m.insert("action_precision", ap);
    m.insert("action_recall", ar);
    m.insert("action_f1", af);

    let pair_refs = || pairs.iter().map(|&(g, p, _)| (&ga[g], &pa[p]));
    let acc = |f: &dyn Fn(&Action, &Action) -> bool| {
        if n == 0 {
            0.0
        } else {
            pair_refs().filter(|(g, p)| f(g, p)).count() as f64 / nf
        }
    };
    let mean = |f: &dyn Fn(&Action, &Action) -> f64| {
        if n == 0 {
            0.0
        } else {
            pair_refs().map(|(g, p)| f(g, p)).sum::<f64>() / nf
        }
    };
    let finding_ok = |g: &Action, p: &Action| match (&g.finding, &p.finding) {
        (Some(a), Some(b)) => token_f1(Some(a), Some(b)) >= FINDING_MIN_F1,
        (a, b) => a.is_none() && b.is_none(),
    };

    m.insert("ref_acc", acc(&|g, p| g.ref_ == p.ref_));
    m.insert("text_f1", mean(&|g, p| f1_counts(&g.tok, &p.tok)));
    m.insert("text_exact", acc(&|g, p| g.text == p.text));
    m.insert("finding_acc", acc(&finding_ok));
    m.insert("section_acc", acc(&|g, p| g.section == p.section));
    m.insert("due_acc", acc(&|g, p| g.due == p.due));
    m.insert("dates_f1", set_f1(&pairs, ga, pa, |a| &a.dates));
    m.insert("lead_name_f1", set_f1(&pairs, ga, pa, |a| &a.names));
    m.insert("org_f1", set_f1(&pairs, ga, pa, |a| &a.orgs));
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (g, p) in pair_refs() {
        tp += match_roles(&g.roles, &p.roles);
        np += p.roles.len();
        ng += g.roles.len();
    }
    m.insert("role_f1", if n > 0 { prf(tp, np, ng).2 } else { 0.0 });
    m.insert("inherited_acc", acc(&|g, p| g.inherited == p.inherited));
    m.insert("complete_acc", acc(&|g, p| g.complete == p.complete));
    m.insert("rag_acc", acc(&|g, p| g.rag == p.rag));
    m.insert(
        "outcome_f1",
        mean(&|g, p| token_f1(g.outcome.as_deref(), p.outcome.as_deref())),
    );
    m.insert("progress_count_acc", acc(&|g, p| g.progress == p.progress));
    let (fp, fr, ff) = findings_detection(&gd.findings, &pd.findings);
    m.insert("findings_precision", fp);
    m.insert("findings_recall", fr);
    m.insert("findings_f1", ff);

    // Which fields the gold annotates in this document.
    let any = |f: &dyn Fn(&Action) -> bool| ga.iter().any(f);
    let has: [(&'static str, bool); 10] = [
        ("action_f1", true),
        ("ref_acc", any(&|a| a.ref_.is_some())),
        ("text_exact", true),
        ("finding_acc", any(&|a| a.finding.is_some())),
        ("due_acc", any(&|a| a.due.is_some())),
        ("dates_f1", any(&|a| !a.dates.is_empty())),
        ("lead_name_f1", any(&|a| !a.names.is_empty())),
        ("org_f1", any(&|a| !a.orgs.is_empty())),
        ("role_f1", any(&|a| !a.roles.is_empty())),
        ("findings_f1", !gd.findings.is_empty()),
    ];
    let parts: Vec<&'static str> = has.iter().filter(|h| h.1).map(|h| h.0).collect();
    let skipped: Vec<&'static str> = has.iter().filter(|h| !h.1).map(|h| h.0).collect();
    let get = |k: &str| m.get(k).copied().unwrap_or(0.0);
    let len = parts.len() as f64;
    let per_pair = parts.iter().map(|k| get(k)).sum::<f64>() / len;
    let weighted = parts
        .iter()
        .map(|&k| {
            if k == "action_f1" || k == "findings_f1" {
                get(k)
            } else {
                get(k) * ar
            }
        })
        .sum::<f64>()
        / len;
    let by = |how: How| pairs.iter().filter(|p| p.2 == how).count();
    Ok(Score {
        gold_actions: ga.len(),
        pred_actions: pa.len(),
        matched: n,
        matched_by_ref: by(How::Ref),
        matched_by_text: by(How::Text),
        gold_findings: gd.findings.len(),
        pred_findings: pd.findings.len(),
        metrics: m,
        parts,
        skipped,
        per_pair,
        score: weighted,
        warnings: pd.warnings,
    })
}
