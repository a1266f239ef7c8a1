//! Each pipeline stage on its own, in bytes/s of page: decode, guard,
//! parse, dom, cues, metadata, prepare, select, clean and the three
//! renderers, on the graded synthetic pages (`common/`). A stage's inputs are
//! built before its clock starts (`decant::stages::time_stage`), so the
//! figures add up to roughly one strict-pass extraction; the ladder's extra
//! passes on hard pages are in `benches/extract.rs`'s end-to-end figures.
//!
//! `cargo bench --bench stages` (add `-- parse` for one stage, `-- --quick`
//! for a rougher run).

use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use decant::stages::{Stage, time_stage};

mod common;
use common::{SIZES, synthetic_page};

fn bench_stages(c: &mut Criterion) {
    let pages: Vec<(&str, Vec<u8>)> = SIZES
        .iter()
        .map(|&(label, size)| (label, synthetic_page(size).into_bytes()))
        .collect();
    for stage in Stage::ALL {
        let mut group = c.benchmark_group(stage.name());
        group.sampling_mode(SamplingMode::Flat);
        for (label, page) in &pages {
            group.throughput(Throughput::Bytes(page.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(label), page, |b, page| {
                b.iter_custom(|iters| {
                    time_stage(page, stage, iters).expect("synthetic page parses")
                })
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = bench_stages
}
criterion_main!(benches);
