//! PDF reader throughput on the rendered corpus (compare with
//! `pdftotext -layout` on the same files).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use docket::read::{Limits, pdf};

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rendered");
    let limits = Limits::default();
    for name in ["000.pdf", "001.pdf", "002.pdf", "004.pdf"] {
        let Ok(bytes) = std::fs::read(dir.join(name)) else {
            continue;
        };
        c.bench_function(&format!("read_pdf/{name}"), |b| {
            b.iter(|| pdf::read(black_box(&bytes), &limits).map(|d| d.blocks.len()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
