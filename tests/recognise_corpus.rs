//! The recognisers against the gold answers, cell by cell.
//!
//! Why a harness of its own: the interpreter (rows → actions) is built
//! separately, so this test pairs table rows with gold actions by their
//! first line (`at.line`), takes the timescale, lead, status and progress
//! cells by their header (through `grammars/columns.toml`) and scores only
//! what the recognisers decide. Rows whose lead cell is empty inherit their
//! leads (the interpreter's job) and are skipped for leads; so are the three
//! "merged lead cells" of 000 (NOTES.md), where the gold gives a row the
//! names printed in the rows below it.
//!
//! Run with `--nocapture` to see the figures. The thresholds sit above the
//! issue's acceptance figures (0.95 / 0.90): they guard what the
//! recognisers reach today.

use std::collections::BTreeMap;

use docket::model::{Block, Table};
use docket::read::{Limits, read};
use docket::recognise::{Grammars, date, lead, status};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn norm(s: &str) -> String {
    let s: String = s
        .nfkc()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(s: &str) -> String {
    norm(s).to_lowercase()
}

fn tokens(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut cur = String::new();
    for c in key(s).chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.push(c);
        } else if !cur.is_empty() {
            v.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        v.push(cur);
    }
    v
}

fn token_f1(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return if ta == tb { 1.0 } else { 0.0 };
    }
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for t in &ta {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in &tb {
        if let Some(c) = counts.get_mut(t.as_str())
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / tb.len() as f64;
    let r = common as f64 / ta.len() as f64;
    2.0 * p * r / (p + r)
}

/// Micro-averaged set-F1 counts.
#[derive(Default, Debug, Clone, Copy)]
struct Prf {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Prf {
    fn add_sets<T: Ord + Clone>(&mut self, g: &[T], p: &[T]) {
        let gs: std::collections::BTreeSet<T> = g.iter().cloned().collect();
        let ps: std::collections::BTreeSet<T> = p.iter().cloned().collect();
        self.tp += gs.intersection(&ps).count();
        self.pred += ps.len();
        self.gold += gs.len();
    }
    fn add_roles(&mut self, g: &[String], p: &[String]) {
        let mut used = vec![false; p.len()];
        for gr in g {
            if let Some(j) = (0..p.len()).find(|&j| !used[j] && token_f1(gr, &p[j]) >= 0.8) {
                used[j] = true;
                self.tp += 1;
            }
        }
        self.pred += p.len();
        self.gold += g.len();
    }
    fn f1(&self) -> f64 {
        if self.pred + self.gold == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (self.pred + self.gold) as f64
    }
}

#[derive(Default, Debug)]
struct Score {
    dates: Prf,
    due_ok: usize,
    due_n: usize,
    names: Prf,
    orgs: Prf,
    roles: Prf,
    complete_ok: usize,
    complete_n: usize,
    progress_ok: usize,
    progress_n: usize,
    misses: Vec<String>,
}

impl Score {
    fn due(&self) -> f64 {
        if self.due_n == 0 {
            1.0
        } else {
            self.due_ok as f64 / self.due_n as f64
        }
    }
    fn complete(&self) -> f64 {
        if self.complete_n == 0 {
            1.0
        } else {
            self.complete_ok as f64 / self.complete_n as f64
        }
    }
    fn print(&self, doc: &str) {
        println!(
            "{doc}: dates F1 {:.3} ({}/{}/{}) | due {:.3} ({}/{}) | name F1 {:.3} ({}/{}/{}) | org F1 {:.3} ({}/{}/{}) | role F1 {:.3} ({}/{}/{}) | complete {:.3} ({}/{}) | progress {}/{} (tp/pred/gold)",
            self.dates.f1(),
            self.dates.tp,
            self.dates.pred,
            self.dates.gold,
            self.due(),
            self.due_ok,
            self.due_n,
            self.names.f1(),
            self.names.tp,
            self.names.pred,
            self.names.gold,
            self.orgs.f1(),
            self.orgs.tp,
            self.orgs.pred,
            self.orgs.gold,
            self.roles.f1(),
            self.roles.tp,
            self.roles.pred,
            self.roles.gold,
            self.complete(),
            self.complete_ok,
            self.complete_n,
            self.progress_ok,
            self.progress_n,
        );
        for m in &self.misses {
            println!("  {m}");
        }
    }
}

fn gold(doc: &str) -> Value {
    let path = format!("tests/gold/{doc}.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("gold")).expect("json")
}

fn seed(prefix: &str) -> Vec<u8> {
    let dir = std::fs::read_dir("corpus/seeds").expect("seeds");
    for e in dir.flatten() {
        if e.file_name().to_string_lossy().starts_with(prefix) {
            return std::fs::read(e.path()).expect("read seed");
        }
    }
    panic!("no seed {prefix}");
}

/// Column meaning of a header cell, by the longest alias it starts with.
fn column_of(header: &str, g: &Grammars) -> Option<&'static str> {
    let h = key(header);
    let c = &g.columns;
    let lists: [(&'static str, &Vec<String>); 8] = [
        ("ref", &c.ref_),
        ("finding", &c.finding),
        ("action", &c.action),
        ("timescale", &c.timescale),
        ("lead", &c.lead),
        ("outcome", &c.outcome),
        ("status", &c.status),
        ("progress", &c.progress),
    ];
    let mut best: Option<(usize, &'static str)> = None;
    for (name, aliases) in lists {
        for a in aliases {
            if h.starts_with(a.as_str()) && best.is_none_or(|(l, _)| a.len() > l) {
                best = Some((a.len(), name));
            }
        }
    }
    if best.is_none() && h.split_whitespace().count() <= 4 {
        // A short header that holds an alias as whole words names its column
        // ("Current progress"), as the plan interpreter reads it.
        let padded = format!(" {h} ");
        for (name, aliases) in lists {
            for a in aliases {
                if padded.contains(&format!(" {a} ")) && best.is_none_or(|(l, _)| a.len() > l) {
                    best = Some((a.len(), name));
                }
            }
        }
    }
    best.map(|(_, n)| n)
}

/// Cells of each data row, by column meaning: line → meaning → paragraphs.
type RowCells = BTreeMap<u32, BTreeMap<&'static str, Vec<Vec<String>>>>;

fn rows(doc: &str, g: &Grammars) -> RowCells {
    let d = read(&seed(doc), &Limits::default()).expect("read");
    let mut out = RowCells::new();
    // A table with no header row of its own continues the one before.
    let mut cols: BTreeMap<usize, &'static str> = BTreeMap::new();
    for b in &d.blocks {
        let Block::Table(t) = b else { continue };
        collect(t, g, &mut cols, &mut out);
    }
    out
}

fn collect(t: &Table, g: &Grammars, cols: &mut BTreeMap<usize, &'static str>, out: &mut RowCells) {
    for row in &t.rows {
        let found: BTreeMap<usize, &'static str> = row
            .cells
            .iter()
            .filter_map(|c| column_of(&c.text(), g).map(|m| (c.col, m)))
            .collect();
        let short = row.cells.iter().all(|c| c.text().chars().count() <= 120);
        if found.len() >= 3 && short {
            *cols = found;
            continue;
        }
        let Some(line) = row.at.line else { continue };
        let entry = out.entry(line).or_default();
        for c in &row.cells {
            if let Some(m) = cols.get(&c.col) {
                let paras: Vec<String> = c
                    .paragraphs
                    .iter()
                    .map(|p| p.text.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                entry.entry(m).or_default().push(paras);
            }
        }
    }
}

fn joined(cells: Option<&Vec<Vec<String>>>) -> String {
    cells
        .and_then(|v| v.first())
        .map(|p| p.join("\n"))
        .unwrap_or_default()
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The three "merged lead cells" of NOTES.md: the gold gives the first row
/// leads printed in later rows of the text export.
const MERGED_LEAD_ROWS: &[&str] = &["6.1", "11.1", "13.11"];

fn score_doc(doc: &str) -> Score {
    let g = Grammars::builtin();
    let gd = gold(doc);
    let rows = rows(doc, &g);
    let mut sc = Score::default();
    let actions = gd["actions"].as_array().cloned().unwrap_or_default();
    for a in &actions {
        let Some(line) = a["at"]["line"].as_u64() else {
            continue;
        };
        let Some(row) = rows.get(&(line as u32)) else {
            sc.misses.push(format!("no row at line {line}"));
            continue;
        };
        let rf = a["ref"].as_str().unwrap_or("-").to_string();
        // Timescale.
        let ts = joined(row.get("timescale"));
        if !ts.is_empty() {
            let gdates: Vec<(String, String)> = a["timescale"]["dates"]
                .as_array()
                .map(|v| {
                    v.iter()
                        .map(|d| {
                            (
                                d["start"].as_str().unwrap_or("").to_string(),
                                d["end"].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let pdates: Vec<(String, String)> = date::find_dates(&ts, &g)
                .into_iter()
                .map(|d| (d.start.to_string(), d.end.to_string()))
                .collect();
            sc.dates.add_sets(&gdates, &pdates);
            let gdue = s(&a["timescale"]["due"]);
            let pdue = date::due(&ts, &g).map(|d| d.to_string());
            sc.due_n += 1;
            if gdue == pdue {
                sc.due_ok += 1;
            } else {
                sc.misses
                    .push(format!("{rf} due {gdue:?} got {pdue:?} in {ts:?}"));
            }
            if gdates.len() != pdates.len() || gdates.iter().any(|d| !pdates.contains(d)) {
                sc.misses
                    .push(format!("{rf} dates {gdates:?} got {pdates:?}"));
            }
        }
        // Leads.
        let lc = joined(row.get("lead"));
        let inherited = a["leads_inherited"].as_bool().unwrap_or(false);
        let merged = doc != "001" && doc != "004" && MERGED_LEAD_ROWS.contains(&rf.as_str());
        if !lc.is_empty() && !inherited && !merged {
            let gl = a["leads"].as_array().cloned().unwrap_or_default();
            let pl = lead::split_leads(&lc, &g);
            let gn: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["name"]))
                .map(|x| key(&x))
                .collect();
            let pn: Vec<String> = pl
                .iter()
                .filter_map(|l| l.name.clone())
                .map(|x| key(&x))
                .collect();
            let go: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["organisation"]))
                .map(|x| key(&x))
                .collect();
            let po: Vec<String> = pl
                .iter()
                .filter_map(|l| l.organisation.clone())
                .map(|x| key(&x))
                .collect();
            let gr: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["role"]))
                .map(|x| norm(&x))
                .collect();
            let pr: Vec<String> = pl
                .iter()
                .filter_map(|l| l.role.clone())
                .map(|x| norm(&x))
                .collect();
            sc.names.add_sets(&gn, &pn);
            sc.orgs.add_sets(&go, &po);
            sc.roles.add_roles(&gr, &pr);
            let mut gs = gn.clone();
            gs.sort();
            let mut ps = pn.clone();
            ps.sort();
            let mut gos = go.clone();
            gos.sort();
            gos.dedup();
            let mut pos = po.clone();
            pos.sort();
            pos.dedup();
            let roles_ok = {
                let mut p = Prf::default();
                p.add_roles(&gr, &pr);
                p.tp == gr.len() && pr.len() == gr.len()
            };
            if gs != ps || gos != pos || !roles_ok {
                sc.misses.push(format!(
                    "{rf} leads {lc:?}\n      gold {:?}\n      got  {:?}",
                    gl.iter()
                        .map(|l| (s(&l["name"]), s(&l["role"]), s(&l["organisation"])))
                        .collect::<Vec<_>>(),
                    pl.iter()
                        .map(|l| (l.name.clone(), l.role.clone(), l.organisation.clone()))
                        .collect::<Vec<_>>()
                ));
            }
        }
        // Status: the timescale, status and progress cells, first word wins.
        let mut texts = vec![ts.clone(), joined(row.get("status"))];
        let progress_cells: Vec<Vec<String>> = row.get("progress").cloned().unwrap_or_default();
        for c in &progress_cells {
            texts.push(c.join("\n"));
        }
        let complete = texts.iter().find_map(|t| status::status(t, &g).complete);
        let gc = a["status"]["complete"].as_bool();
        sc.complete_n += 1;
        if complete == gc {
            sc.complete_ok += 1;
        } else {
            sc.misses
                .push(format!("{rf} complete {gc:?} got {complete:?}"));
        }
        // Progress entries, "Progress Report / Date" before "Current progress".
        let entries: Vec<(String, Option<String>)> = progress_cells
            .iter()
            .flat_map(|c| status::progress_entries(c, &g))
            .map(|e| (key(&e.text), e.date.map(|d| d.to_string())))
            .collect();
        let gp: Vec<(String, Option<String>)> = a["progress"]
            .as_array()
            .map(|v| {
                v.iter()
                    .map(|p| (key(p["text"].as_str().unwrap_or("")), s(&p["date"])))
                    .collect()
            })
            .unwrap_or_default();
        sc.progress_n += 1;
        let dates_ok =
            entries.len() == gp.len() && entries.iter().zip(&gp).all(|(e, g)| e.1 == g.1);
        if dates_ok {
            sc.progress_ok += 1;
        } else {
            sc.misses.push(format!(
                "{rf} progress gold {:?} got {:?}",
                gp.iter().map(|x| &x.1).collect::<Vec<_>>(),
                entries.iter().map(|x| &x.1).collect::<Vec<_>>()
            ));
        }
    }
    sc
}

#[test]
fn export_000() {
    let sc = score_doc("000");
    sc.print("000");
    assert!(sc.names.gold >= 40 && sc.dates.gold >= 70, "cells found");
    assert!(sc.dates.f1() >= 0.98, "dates");
    assert!(sc.due() >= 0.98, "due");
    assert!(sc.names.f1() >= 0.98, "names");
    assert!(sc.orgs.f1() >= 0.98, "orgs");
    assert!(sc.roles.f1() >= 0.98, "roles");
    assert!(sc.complete() >= 0.98, "complete");
}

#[test]
fn export_001() {
    let sc = score_doc("001");
    sc.print("001");
    assert!(sc.roles.gold >= 15 && sc.dates.gold >= 10, "cells found");
    assert!(sc.dates.f1() >= 0.98, "dates");
    assert!(sc.due() >= 0.98, "due");
    assert!(sc.names.f1() >= 0.98, "names");
    assert!(sc.orgs.f1() >= 0.98, "orgs");
    assert!(sc.roles.f1() >= 0.98, "roles");
    assert!(sc.complete() >= 0.98, "complete");
    assert_eq!(sc.progress_ok, sc.progress_n, "progress");
}

#[test]
fn export_004() {
    let sc = score_doc("004");
    sc.print("004");
    assert!(sc.names.gold >= 30, "lead cells found");
    assert!(sc.names.f1() >= 0.98, "names");
    assert!(sc.orgs.f1() >= 0.98, "orgs");
    assert!(sc.roles.f1() >= 0.98, "roles");
}

/// 003 is a pdftotext dump whose layout the interpreter reconstructs; here
/// its gold timescale texts (with the dump's "3 rd" spacing) and lead texts
/// go through the recognisers directly.
#[test]
fn dump_003_phrases() {
    let g = Grammars::builtin();
    let gd = gold("003");
    let mut sc = Score::default();
    for a in gd["actions"].as_array().cloned().unwrap_or_default() {
        let rf = a["ref"].as_str().unwrap_or("-").to_string();
        if let Some(ts) = a["timescale"]["text"].as_str() {
            let gdates: Vec<(String, String)> = a["timescale"]["dates"]
                .as_array()
                .map(|v| {
                    v.iter()
                        .map(|d| {
                            (
                                d["start"].as_str().unwrap_or("").to_string(),
                                d["end"].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let pdates: Vec<(String, String)> = date::find_dates(ts, &g)
                .into_iter()
                .map(|d| (d.start.to_string(), d.end.to_string()))
                .collect();
            sc.dates.add_sets(&gdates, &pdates);
            sc.due_n += 1;
            let gdue = s(&a["timescale"]["due"]);
            let pdue = date::due(ts, &g).map(|d| d.to_string());
            if gdue == pdue {
                sc.due_ok += 1;
            } else {
                sc.misses.push(format!("{rf} due {gdue:?} got {pdue:?}"));
            }
        }
        if a["leads_inherited"].as_bool() == Some(false) {
            // The leads of the action, one per line as the dump prints them.
            let gl = a["leads"].as_array().cloned().unwrap_or_default();
            let cell = gl
                .iter()
                .filter_map(|l| l["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let pl = lead::split_leads(&cell, &g);
            let gn: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["name"]))
                .map(|x| key(&x))
                .collect();
            let pn: Vec<String> = pl
                .iter()
                .filter_map(|l| l.name.clone())
                .map(|x| key(&x))
                .collect();
            let go: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["organisation"]))
                .map(|x| key(&x))
                .collect();
            let po: Vec<String> = pl
                .iter()
                .filter_map(|l| l.organisation.clone())
                .map(|x| key(&x))
                .collect();
            let gr: Vec<String> = gl
                .iter()
                .filter_map(|l| s(&l["role"]))
                .map(|x| norm(&x))
                .collect();
            let pr: Vec<String> = pl
                .iter()
                .filter_map(|l| l.role.clone())
                .map(|x| norm(&x))
                .collect();
            sc.names.add_sets(&gn, &pn);
            sc.orgs.add_sets(&go, &po);
            sc.roles.add_roles(&gr, &pr);
            if gn.len() != pn.len() || gn.iter().any(|n| !pn.contains(n)) {
                sc.misses.push(format!("{rf} leads {cell:?} got {pn:?}"));
            }
        }
    }
    sc.print("003 phrases");
    assert!(sc.dates.f1() >= 0.95, "dates");
    assert!(sc.due() >= 0.95, "due");
    assert!(sc.names.f1() >= 0.95, "names");
    assert!(sc.orgs.f1() >= 0.95, "orgs");
    assert!(sc.roles.f1() >= 0.95, "roles");
}

/// 002's priority leads (annual report, section 4.6): each printed lead
/// through the splitter, against its gold post and body.
#[test]
fn report_002_priority_leads() {
    let g = Grammars::builtin();
    let gd = gold("002");
    let mut sc = Score::default();
    let priorities = gd["report"]["priorities"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for p in &priorities {
        for l in p["leads"].as_array().cloned().unwrap_or_default() {
            let Some(t) = l["text"].as_str() else {
                continue;
            };
            let pl = lead::split_leads(t, &g);
            let go: Vec<String> = s(&l["organisation"]).map(|x| key(&x)).into_iter().collect();
            let po: Vec<String> = pl
                .iter()
                .filter_map(|l| l.organisation.clone())
                .map(|x| key(&x))
                .collect();
            let gr: Vec<String> = s(&l["role"]).map(|x| norm(&x)).into_iter().collect();
            let pr: Vec<String> = pl
                .iter()
                .filter_map(|l| l.role.clone())
                .map(|x| norm(&x))
                .collect();
            sc.orgs.add_sets(&go, &po);
            sc.roles.add_roles(&gr, &pr);
            if pl.len() != 1 || go != po {
                sc.misses.push(format!("{t:?} got {pl:?}"));
            }
        }
    }
    sc.print("002 priority leads");
    assert!(sc.roles.gold >= 6);
    assert!(sc.orgs.f1() >= 0.9, "orgs");
    assert!(sc.roles.f1() >= 0.9, "roles");
}
