//! End-to-end extraction speed (`Extractor::extract_bytes`), in bytes/s.
//!
//! - `fixtures/<name>`: each fixture page as-is.
//! - `graded/{extract,parse_floor}/<size>`: one synthetic page per size
//!   (~10 KB to ~5 MB: article paragraphs with boilerplate boxes inside and
//!   around them). `parse_floor` is html5ever (via `scraper`) parsing the same
//!   bytes plus one walk over all text nodes: no extractor can be faster, so
//!   `extract / parse_floor` is the cost of everything decant adds, read off
//!   one run.
//!
//! `cargo bench --bench extract` (about a minute after the build); add
//! `-- graded` or `-- fixtures` to run one group, `-- --quick` for a rougher,
//! faster run.

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use decant::{Extractor, Options};

mod common;
use common::{BOILERPLATE, SIZES, parse_floor, synthetic_page};

/// One page to extract.
struct Page {
    name: String,
    bytes: Vec<u8>,
    url: Option<String>,
    content_type: Option<String>,
}

/// Every fixture's page, decompressed, with its case's URL and content type.
fn fixture_pages() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let case: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join("case.json")).expect("case.json is readable"),
            )
            .expect("case.json is JSON");
            let bytes = match std::fs::read(dir.join("page.html")) {
                Ok(bytes) => bytes,
                Err(_) => {
                    let gz = std::fs::read(dir.join("page.html.gz")).expect("a page file");
                    let mut out = Vec::new();
                    flate2::read::MultiGzDecoder::new(&gz[..])
                        .read_to_end(&mut out)
                        .expect("page.html.gz is gzip");
                    out
                }
            };
            Page {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                bytes,
                url: case["url"].as_str().map(str::to_owned),
                content_type: case["content_type"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

fn bench_fixtures(c: &mut Criterion) {
    let extractor = Extractor::new(Options::default());
    let mut group = c.benchmark_group("fixtures");
    group.measurement_time(Duration::from_secs(1));
    group.warm_up_time(Duration::from_millis(300));
    for page in fixture_pages() {
        // Guard: benchmark real extraction, not an error path.
        let article = extractor
            .extract_bytes(
                &page.bytes,
                page.url.as_deref(),
                page.content_type.as_deref(),
            )
            .unwrap_or_else(|e| panic!("{}: {e}", page.name));
        if page.name != "listing-no-article" {
            assert!(!article.text.is_empty(), "{}: no article", page.name);
        }
        group.throughput(Throughput::Bytes(page.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&page.name), &page, |b, page| {
            b.iter(|| {
                extractor.extract_bytes(
                    black_box(&page.bytes),
                    page.url.as_deref(),
                    page.content_type.as_deref(),
                )
            })
        });
    }
    group.finish();
}

fn bench_graded(c: &mut Criterion) {
    let extractor = Extractor::new(Options::default());
    let url = Some("https://harbor-ledger.example/2024/05/port-expansion");
    let mut group = c.benchmark_group("graded");
    // Large pages take tens of milliseconds each: flat sampling keeps the
    // iteration count (and the run time) bounded.
    group.sampling_mode(SamplingMode::Flat);
    for &(label, size) in SIZES {
        let page = synthetic_page(size).into_bytes();
        let article = extractor
            .extract_bytes(&page, url, None)
            .expect("synthetic page extracts");
        assert!(
            article.text.len() > page.len() / 4,
            "{label}: article text is only {} of {} bytes",
            article.text.len(),
            page.len()
        );
        for boilerplate in BOILERPLATE {
            assert!(
                !article.text.contains(boilerplate),
                "{label}: boilerplate {boilerplate:?} was kept"
            );
        }
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract", label), &page, |b, page| {
            b.iter(|| extractor.extract_bytes(black_box(page), url, None))
        });
        group.bench_with_input(BenchmarkId::new("parse_floor", label), &page, |b, page| {
            b.iter(|| parse_floor(black_box(page)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench_fixtures, bench_graded
}
criterion_main!(benches);
