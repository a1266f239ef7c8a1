//! Time and memory per MB against page size: decant's extraction and the
//! parse floor on graded generated pages from 10 KB to 30 MB, of two kinds
//! (`common::synthetic_page`, articles of long paragraphs, and
//! `common::dense_page`, five times as many elements per MB), printed as the
//! README's Markdown tables.
//!
//! Each size is run to about 3 MB of work per round (at least once); every
//! round times decant then the floor on the same bytes, and the table gives
//! the best round of each (the noise on a shared machine only ever adds
//! time). Peak heap is the most bytes live at once during one extraction (or
//! one floor parse), above what was live before it, from a counting
//! allocator: exact and the same on every run.
//!
//! ```sh
//! cargo bench --bench growth                       # the table, 3 rounds
//! cargo bench --bench growth -- --rounds 5
//! cargo bench --bench growth -- --kind dense       # one kind of page
//! cargo bench --bench growth -- --stages           # and each stage's s/MB
//! cargo bench --bench growth -- --write-pages DIR  # the pages, for callgrind
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use decant::stages::{Stage, time_stage};
use decant::{Extractor, Options};

mod common;
use common::{BOILERPLATE, dense_page, parse_floor, synthetic_page};

/// The system allocator, counting the bytes live and the most live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        new
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most heap bytes live at once while `run` ran, above those live
/// before it.
fn peak_heap(run: impl FnOnce()) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    run();
    PEAK.load(Ordering::Relaxed) - before
}

/// The graded sizes of the growth table: label and target bytes.
const SIZES: &[(&str, usize)] = &[
    ("10 KB", 10_000),
    ("100 KB", 100_000),
    ("1 MB", 1_000_000),
    ("10 MB", 10_000_000),
    ("30 MB", 30_000_000),
];

/// Work per size and round: small pages are repeated to about this many bytes.
const WORK_BYTES: usize = 3_000_000;

const URL: Option<&str> = Some("https://harbor-ledger.example/2024/05/port-expansion");

struct Args {
    rounds: usize,
    stages: bool,
    kind: Option<String>,
    write_pages: Option<String>,
}

fn args() -> Args {
    let mut args = Args {
        rounds: 3,
        stages: false,
        kind: None,
        write_pages: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => {
                args.rounds = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--rounds takes a positive number");
            }
            "--stages" => args.stages = true,
            "--kind" => args.kind = Some(it.next().expect("--kind takes article or dense")),
            "--write-pages" => {
                args.write_pages = Some(it.next().expect("--write-pages takes a directory"));
            }
            // `cargo bench` passes `--bench`; nothing else is expected.
            _ => {}
        }
    }
    args
}

/// One run's cost per MB of page: wall seconds, system seconds (the kernel
/// mapping in fresh memory, mostly) and minor page faults.
#[derive(Clone, Copy)]
struct Cost {
    seconds: f64,
    sys: f64,
    faults: f64,
}

impl Cost {
    const WORST: Cost = Cost {
        seconds: f64::INFINITY,
        sys: 0.0,
        faults: 0.0,
    };

    fn best(self, other: Cost) -> Cost {
        if other.seconds < self.seconds {
            other
        } else {
            self
        }
    }
}

/// System seconds and minor page faults of this process so far.
fn usage() -> (f64, f64) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let sys = usage.ru_stime.tv_sec as f64 + usage.ru_stime.tv_usec as f64 / 1e6;
    (sys, usage.ru_minflt as f64)
}

/// The cost per MB of `page` of running `run` on it `reps` times.
fn cost_per_mb(page: &[u8], reps: usize, mut run: impl FnMut(&[u8])) -> Cost {
    let (sys_before, faults_before) = usage();
    let started = Instant::now();
    for _ in 0..reps {
        run(black_box(page));
    }
    let seconds = started.elapsed().as_secs_f64();
    let (sys_after, faults_after) = usage();
    let mb = (reps * page.len()) as f64 / 1e6;
    Cost {
        seconds: seconds / mb,
        sys: (sys_after - sys_before) / mb,
        faults: (faults_after - faults_before) / mb,
    }
}

/// A kind of generated page: its name and generator.
struct Kind {
    name: &'static str,
    about: &'static str,
    generate: fn(usize) -> String,
    /// Boilerplate that must not reach the article text.
    boilerplate: &'static [&'static str],
}

const KINDS: &[Kind] = &[
    Kind {
        name: "article",
        about: "article pages (`synthetic_page`: paragraphs of 40 to 120 words, boxes inside and around)",
        generate: synthetic_page,
        boilerplate: BOILERPLATE,
    },
    Kind {
        name: "dense",
        about: "dense pages (`dense_page`: one short paragraph, a share bar and a list per section)",
        generate: dense_page,
        boilerplate: &["All rights reserved", "Popular"],
    },
];

/// Fails loudly if the extraction is not the one being measured.
fn check(kind: &Kind, label: &str, extractor: &Extractor, page: &[u8]) {
    let article = extractor
        .extract_bytes(page, URL, None)
        .expect("generated page extracts");
    assert!(
        article.text.len() > page.len() / 4,
        "{} {label}: article text is only {} of {} bytes",
        kind.name,
        article.text.len(),
        page.len()
    );
    for boilerplate in kind.boilerplate {
        assert!(
            !article.text.contains(boilerplate),
            "{} {label}: boilerplate {boilerplate:?} was kept",
            kind.name
        );
    }
}

fn main() {
    let args = args();
    let kinds: Vec<&Kind> = KINDS
        .iter()
        .filter(|k| args.kind.as_deref().is_none_or(|name| name == k.name))
        .collect();
    assert!(!kinds.is_empty(), "--kind is article or dense");
    for kind in kinds {
        let pages: Vec<(&str, Vec<u8>)> = SIZES
            .iter()
            .map(|&(label, size)| (label, (kind.generate)(size).into_bytes()))
            .collect();
        if let Some(dir) = &args.write_pages {
            std::fs::create_dir_all(dir).expect("the pages' directory can be made");
            for (label, page) in &pages {
                let path = format!("{dir}/{}-{}.html", kind.name, label.replace(' ', ""));
                std::fs::write(&path, page).expect("the page can be written");
                eprintln!("wrote {path} ({} bytes)", page.len());
            }
            continue;
        }
        growth_table(kind, &pages, args.rounds);
        if args.stages {
            stages_table(&pages, args.rounds);
        }
    }
}

/// The growth table of one kind of page.
fn growth_table(kind: &Kind, pages: &[(&str, Vec<u8>)], rounds: usize) {
    let extractor = Extractor::new(Options::default());
    let mut rows = Vec::new();
    for (label, page) in pages {
        check(kind, label, &extractor, page);
        let reps = (WORK_BYTES / page.len()).max(1);
        let (mut decant, mut floor) = (Cost::WORST, Cost::WORST);
        for _ in 0..rounds {
            decant = decant.best(cost_per_mb(page, reps, |p| {
                black_box(extractor.extract_bytes(p, URL, None).ok());
            }));
            floor = floor.best(cost_per_mb(page, reps, |p| {
                black_box(parse_floor(p));
            }));
        }
        let decant_heap = peak_heap(|| {
            black_box(extractor.extract_bytes(page, URL, None).ok());
        });
        let floor_heap = peak_heap(|| {
            black_box(parse_floor(page));
        });
        eprintln!(
            "{} {label}: decant {:.4} s/MB ({:.4} sys, {:.0} faults), floor {:.4} s/MB ({:.4} sys, {:.0} faults)",
            kind.name,
            decant.seconds,
            decant.sys,
            decant.faults,
            floor.seconds,
            floor.sys,
            floor.faults,
        );
        rows.push((label, page.len(), decant, floor, decant_heap, floor_heap));
    }

    println!();
    println!("{}, best of {rounds} rounds:", kind.about);
    println!();
    println!(
        "| page size | decant s/MB | parse floor s/MB | floor / decant | decant peak heap (× page) | floor peak heap (× page) |"
    );
    println!("|---|---|---|---|---|---|");
    for (label, len, decant, floor, decant_heap, floor_heap) in rows {
        let mb = |bytes: usize| bytes as f64 / 1e6;
        let times = |bytes: usize| bytes as f64 / len as f64;
        println!(
            "| {label} | {:.3} | {:.3} | {:.2} | {:.1} MB ({:.1}×) | {:.1} MB ({:.1}×) |",
            decant.seconds,
            floor.seconds,
            floor.seconds / decant.seconds,
            mb(decant_heap),
            times(decant_heap),
            mb(floor_heap),
            times(floor_heap),
        );
    }
}

/// Each stage's s/MB per size (its inputs built before the clock starts, as
/// in `benches/stages.rs`), best of `rounds`.
fn stages_table(pages: &[(&str, Vec<u8>)], rounds: usize) {
    println!();
    print!("| stage s/MB |");
    for (label, _) in pages {
        print!(" {label} |");
    }
    println!();
    println!("|---|{}", "---|".repeat(pages.len()));
    for stage in Stage::ALL {
        print!("| {} |", stage.name());
        for (_, page) in pages {
            let reps = (WORK_BYTES / page.len()).max(1) as u64;
            let best = (0..rounds)
                .map(|_| time_stage(page, stage, reps).expect("generated page parses"))
                .min()
                .unwrap_or(Duration::ZERO);
            let per_mb = best.as_secs_f64() / (reps as usize * page.len()) as f64 * 1e6;
            print!(" {per_mb:.4} |");
        }
        println!();
    }
}
