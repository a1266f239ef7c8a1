//! `decant warc`: WARC archives in, JSON Lines out.
//!
//! A reader thread streams records, one at a time, from the archive; the
//! workers take the next record as soon as they are free, and the main
//! thread writes the results in archive order (`cmd::ordered`). Memory is
//! bounded by a few records per worker × the record size limit.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::sync::mpsc;

use anyhow::Result;
use clap::Parser;
use decant::warc::{Extraction, Skip, WarcError, WarcReader, WarcRecord, extract_record};
use decant::{Extractor, Options};
use serde::Serialize;

use crate::cmd::ordered::map_in_order;
use crate::{ContentArgs, ErrorRecord, Record};

/// Arguments of `decant warc`.
#[derive(Parser)]
pub(crate) struct WarcArgs {
    /// WARC files (plain or .warc.gz, one gzip member per record or one
    /// stream), or `-` for stdin. Read one after another.
    #[arg(value_name = "FILE", default_value = "-")]
    inputs: Vec<String>,

    /// Records extracted in parallel (default: number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// Largest record (and page) accepted, in bytes; larger records are
    /// reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_input_bytes)]
    max_bytes: usize,

    #[command(flatten)]
    content: ContentArgs,

    /// No progress bar, no summary line.
    #[arg(short, long)]
    quiet: bool,
}

/// One output line for an extracted record: the WARC fields, then the
/// article fields of `decant extract`'s JSON (`url` is WARC-Target-URI,
/// `source` the archive).
#[derive(Serialize)]
struct WarcLine<'a> {
    warc_record_id: Option<&'a str>,
    warc_date: Option<&'a str>,
    #[serde(flatten)]
    record: Record<'a>,
}

/// One output line for a record that failed.
#[derive(Serialize)]
struct WarcErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    warc_record_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(flatten)]
    error: ErrorRecord<'a>,
}

/// What the reader hands to the workers.
enum Item {
    Record(usize, WarcRecord),
    Failed(usize, WarcError),
    /// The archive could not be opened.
    Unreadable(usize, String),
}

/// What the workers hand to the writer.
enum Outcome {
    /// A JSON line with an article.
    Extracted(String),
    /// A JSON error line and its stderr message; `html` when the record
    /// was an HTML page, `record` when it was a record at all (not an
    /// archive that could not be opened).
    Failed {
        line: String,
        message: String,
        html: bool,
        record: bool,
    },
    Skipped(Skip),
}

#[derive(Default)]
struct Summary {
    records: u64,
    html: u64,
    extracted: u64,
    failed: u64,
    skipped: u64,
    not_response: u64,
    not_html: u64,
    not_ok: u64,
}

/// Runs `decant warc`; returns whether every record was read and extracted
/// (skips are not failures).
pub(crate) fn run(args: WarcArgs) -> Result<bool> {
    let options = args.content.options(args.max_bytes, false, false);
    let extractor = Extractor::new(options);
    let jobs = crate::job_count(args.jobs);

    let progress = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let total: u64 = args
            .inputs
            .iter()
            .filter(|i| *i != "-")
            .filter_map(|i| std::fs::metadata(i).ok())
            .map(|m| m.len())
            .sum();
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });

    // The reader stays at most a few records per worker ahead.
    let (sender, receiver) = mpsc::sync_channel::<Item>(jobs * 4);
    let inputs = args.inputs.clone();
    let max_bytes = args.max_bytes as u64;
    let reader_bar = progress.clone();
    let reader = std::thread::spawn(move || read_archives(&inputs, max_bytes, sender, reader_bar));

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Summary::default();
    // A write error drops the receiver: the reader sees the closed channel.
    let result = map_in_order(
        receiver.into_iter(),
        jobs,
        |item| process(&extractor, &args, item),
        |outcome| write_outcome(&mut out, outcome, &mut summary),
    );
    let _ = reader.join();
    result?;
    out.flush()?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!(
            "decant warc: {} records, {} html, {} extracted, {} failed, {} skipped \
             ({} not response/resource, {} not HTML, {} not status 200)",
            summary.records,
            summary.html,
            summary.extracted,
            summary.failed,
            summary.skipped,
            summary.not_response,
            summary.not_html,
            summary.not_ok
        );
    }
    Ok(summary.failed == 0)
}

/// The reader thread: streams every archive's records.
fn read_archives(
    inputs: &[String],
    max_bytes: u64,
    sender: mpsc::SyncSender<Item>,
    progress: Option<indicatif::ProgressBar>,
) {
    let mut done_bytes = 0u64;
    for (source, input) in inputs.iter().enumerate() {
        let reader: Box<dyn Read + Send> = if input == "-" {
            Box::new(io::stdin())
        } else {
            match File::open(input) {
                Ok(file) => Box::new(file),
                Err(e) => {
                    let message = format!("cannot open {input}: {e}");
                    if sender.send(Item::Unreadable(source, message)).is_err() {
                        return;
                    }
                    continue;
                }
            }
        };
        let records = WarcReader::new(reader).max_record_bytes(max_bytes);
        let counter = records.bytes_read_counter();
        for record in records {
            let item = match record {
                Ok(record) => Item::Record(source, record),
                Err(e) => Item::Failed(source, e),
            };
            if sender.send(item).is_err() {
                return;
            }
            if let Some(bar) = &progress {
                bar.set_position(done_bytes + counter.load(std::sync::atomic::Ordering::Relaxed));
            }
        }
        done_bytes += counter.load(std::sync::atomic::Ordering::Relaxed);
    }
}

/// A worker: one record to one outcome.
fn process(extractor: &Extractor, args: &WarcArgs, item: Item) -> Outcome {
    let (source, record) = match item {
        Item::Record(source, record) => (source, record),
        Item::Failed(source, e) => {
            return failed(
                &args.inputs[source],
                e.record_id(),
                e.target_uri(),
                &e.to_string(),
            )
            .on(false, true);
        }
        Item::Unreadable(source, message) => {
            return failed(&args.inputs[source], None, None, &message).on(false, false);
        }
    };
    let source = &args.inputs[source];
    let id = record.record_id.as_deref();
    let article = match extract_record(extractor, &record) {
        Ok(Extraction::Article(article)) => article,
        Ok(Extraction::Skipped(skip)) => return Outcome::Skipped(skip),
        Ok(_) => return Outcome::Skipped(Skip::NotHtml(String::new())),
        Err(e @ WarcError::Extract { .. }) => {
            return failed(source, id, e.target_uri(), &e.to_string());
        }
        Err(e) => {
            return failed(source, id, record.target_uri.as_deref(), &e.to_string())
                .on(false, true);
        }
    };
    let url = record.target_uri.clone();
    let line = WarcLine {
        warc_record_id: id,
        warc_date: record.date.as_deref(),
        record: Record::new(source, &url, &article, &args.content.with),
    };
    match serde_json::to_string(&line) {
        Ok(line) => Outcome::Extracted(line),
        Err(e) => failed(source, id, url.as_deref(), &e.to_string()),
    }
}

fn failed(source: &str, id: Option<&str>, uri: Option<&str>, message: &str) -> Outcome {
    let line = WarcErrorLine {
        warc_record_id: id,
        url: uri,
        error: ErrorRecord {
            source,
            error: message,
        },
    };
    let line = serde_json::to_string(&line).unwrap_or_default();
    let message = match id {
        Some(id) => format!("{source}: {id}: {message}"),
        None => format!("{source}: {message}"),
    };
    Outcome::Failed {
        line,
        message,
        html: true,
        record: true,
    }
}

impl Outcome {
    /// Sets what a failure was about (see [`Outcome::Failed`]).
    fn on(self, page: bool, is_record: bool) -> Self {
        match self {
            Outcome::Failed { line, message, .. } => Outcome::Failed {
                line,
                message,
                html: page,
                record: is_record,
            },
            other => other,
        }
    }
}

/// Writes one record's outcome and counts it.
fn write_outcome(out: &mut impl Write, outcome: Outcome, summary: &mut Summary) -> Result<()> {
    match outcome {
        Outcome::Extracted(line) => {
            summary.records += 1;
            summary.html += 1;
            summary.extracted += 1;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Outcome::Failed {
            line,
            message,
            html,
            record,
        } => {
            summary.records += u64::from(record);
            summary.html += u64::from(html);
            summary.failed += 1;
            eprintln!("decant: {message}");
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Outcome::Skipped(skip) => {
            summary.records += 1;
            summary.skipped += 1;
            match skip {
                Skip::NotResponse(_) => summary.not_response += 1,
                Skip::Status(_) => summary.not_ok += 1,
                _ => summary.not_html += 1,
            }
        }
    }
    out.flush()?;
    Ok(())
}
