//! Reading each rendered corpus DOCX into the document model.
//!
//! Why per file: the plans differ in what costs (000 is one long merged table,
//! 002 a long report with styles and many small tables), and a regression in
//! one path shows up as one file slowing down.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docket::read::{Limits, docx};

fn read_rendered(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("read_docx");
    for name in ["000", "001", "002", "004"] {
        let path = format!("{}/corpus/rendered/{name}.docx", env!("CARGO_MANIFEST_DIR"));
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping {path}: not found");
            continue;
        };
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| docx::read(black_box(&bytes), &limits).map(|d| d.blocks.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, read_rendered);
criterion_main!(benches);
