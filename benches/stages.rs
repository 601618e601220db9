//! Per-stage benchmarks on the real corpus: read (text / DOCX / PDF),
//! recognise, interpret, validate + serialise. Run with `cargo bench`.
//!
//! Why per stage: a regression shows up in the stage that caused it, and
//! the cost of validation (run on every output) stays visible.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use docket::batch::{self, Options};
use docket::read::{self, Limits};
use docket::recognise::{Grammars, date, lead};

fn corpus(dir: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy()[..3].to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn bench_read(c: &mut Criterion) {
    let limits = Limits::default();
    for (dir, ext) in [("seeds", "txt"), ("rendered", "docx"), ("rendered", "pdf")] {
        let mut g = c.benchmark_group(format!("read_{ext}"));
        for (name, bytes) in corpus(dir, ext) {
            g.bench_function(&name, |b| {
                b.iter(|| read::read(black_box(&bytes), &limits).ok())
            });
        }
        g.finish();
    }
}

fn bench_recognise(c: &mut Criterion) {
    let g = Grammars::builtin();
    let timescales = [
        "Include within Locality PiP 2020/2021 launched on 3rd June 2020",
        "Q1 and Q2 2020/21",
        "Programme developed - end of December 2020 Programme run January 2021 to June 2021",
        "Autumn/Winter 2020",
        "29/04/20",
    ];
    let leads = [
        "ESCC Douglas Sinclair, Head of Children's Safeguards & Quality Assurance\nPolice DCI Chris Mayle",
        "Health - Matt Stone, CAMHS Head of Service, ESCC - Vicky Finnemore, Head of Specialist Services",
    ];
    c.bench_function("recognise/dates", |b| {
        b.iter(|| {
            timescales
                .iter()
                .map(|t| date::find_dates(black_box(t), &g).len())
                .sum::<usize>()
        })
    });
    c.bench_function("recognise/leads", |b| {
        b.iter(|| {
            leads
                .iter()
                .map(|t| lead::split_leads(black_box(t), &g).len())
                .sum::<usize>()
        })
    });
}

fn bench_interpret_and_contract(c: &mut Criterion) {
    let limits = Limits::default();
    let g = Grammars::builtin();
    let opts = Options::default();
    for (name, bytes) in corpus("seeds", "txt") {
        let mut doc = read::read(&bytes, &limits).unwrap();
        docket::recognise::furniture::flag_document(&mut doc, &g);
        c.bench_function(&format!("interpret/{name}"), |b| {
            b.iter(|| docket::pipeline::interpret(black_box(&doc), &g))
        });
        let out = batch::extract_output(&bytes, "x", &opts).unwrap();
        c.bench_function(&format!("validate_serialise/{name}"), |b| {
            b.iter(|| {
                docket::contract::to_validated_json(black_box(&out))
                    .unwrap()
                    .len()
            })
        });
    }
}

criterion_group!(
    benches,
    bench_read,
    bench_recognise,
    bench_interpret_and_contract
);
criterion_main!(benches);
