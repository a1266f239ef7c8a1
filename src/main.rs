//! The `decant` command line: argument parsing, input discovery, parallel
//! extraction with ordered output, progress. All extraction is the library's.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use decant::{Article, Comment, Extractor, Focus, Markdown, Options};
use rayon::prelude::*;
use serde::Serialize;

mod cmd {
    pub mod explain;
    pub mod fetch;
    pub mod ordered;
    #[cfg(feature = "warc")]
    pub mod warc;
}
use cmd::fetch::{FetchSettings, Page, UrlFetcher, is_url};

/// Turns web pages into their articles: title, byline, date and clean text.
#[derive(Parser)]
#[command(name = "decant", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from HTML files, directories, URLs or stdin.
    ///
    /// Exit status: 0 when every input gave an article, 1 when some input
    /// failed or had no article, 2 on a usage error.
    Extract(ExtractArgs),
    /// Extract the article from every HTML page in WARC archives (plain or
    /// .warc.gz, or `-` for stdin), as JSON Lines in archive order.
    ///
    /// Non-HTML and non-200 records are skipped and counted; a corrupt,
    /// truncated or oversized record is reported and skipped. A summary
    /// line goes to stderr. Exit status: 0 when every record was read and
    /// extracted, 1 when some failed, 2 on a usage error.
    #[cfg(feature = "warc")]
    Warc(cmd::warc::WarcArgs),
    /// Show why: every block of a page kept or dropped, and the reason, as
    /// a self-contained HTML report (or the explanation as JSON).
    Explain(cmd::explain::ExplainArgs),
}

#[derive(Parser)]
struct ExtractArgs {
    /// Files (.html, .htm, .xhtml, optionally .gz), directories (walked
    /// recursively in sorted order), http(s):// URLs, or `-` for stdin
    /// (the default when no input is given).
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,

    /// Read inputs (paths or URLs), one per line, from FILE (`-`: stdin).
    /// Blank lines and lines starting with `#` are skipped.
    #[arg(short = 'i', long, value_name = "FILE")]
    input_file: Option<String>,

    /// Output format. Default: text for one input, jsonl for several.
    #[arg(short, long, value_enum)]
    format: Option<Format>,

    /// The page's URL (one input only): resolves links, gives the URL field.
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// HTTP Content-Type of the input (one input only), e.g.
    /// "text/html; charset=iso-8859-1": its charset beats <meta>.
    #[arg(long, value_name = "TYPE")]
    content_type: Option<String>,

    /// Pages extracted in parallel (default: number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// Largest input accepted, in bytes (after gunzip, or after content
    /// decoding of a fetched body, which is cut off when it passes this).
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_input_bytes)]
    max_bytes: usize,

    /// URL inputs: total time allowed per fetch, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,

    /// URL inputs: time allowed to connect, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    connect_timeout: f64,

    /// URL inputs: the User-Agent header (default: decant/VERSION).
    #[arg(long, value_name = "AGENT")]
    user_agent: Option<String>,

    /// URL inputs: fetches in flight at once.
    #[arg(long, value_name = "N", default_value_t = 8)]
    concurrency: usize,

    /// URL inputs: fetches in flight at once to any one host.
    #[arg(long, value_name = "N", default_value_t = 2)]
    per_host: usize,

    /// URL inputs: retries after a 429 or 503 answer, honouring
    /// Retry-After (up to 30 s), else with backoff from 0.5 s.
    #[arg(long, value_name = "N", default_value_t = 0)]
    retries: u32,

    #[command(flatten)]
    content: ContentArgs,

    /// HTML as a complete document rather than a fragment.
    #[arg(long)]
    standalone: bool,
}

/// What goes into the article and the record: flags shared by `extract`
/// and `warc`.
#[derive(clap::Args)]
struct ContentArgs {
    /// Extra fields in JSON output (comma-separated): markdown, html.
    #[arg(long, value_name = "FIELDS", value_delimiter = ',')]
    with: Vec<ExtraField>,

    /// Collect reader comments into a separate `comments` field (json,
    /// jsonl) or section (text, markdown); never mixed into the article.
    #[arg(long)]
    comments: bool,

    /// Drop links (HTML and Markdown keep their text).
    #[arg(long)]
    no_links: bool,

    /// Drop images (HTML and Markdown).
    #[arg(long)]
    no_images: bool,

    /// Drop tables (every format).
    #[arg(long)]
    no_tables: bool,

    /// Markdown without the `# title` line on top.
    #[arg(long)]
    no_title: bool,

    /// Lean towards precision (less boilerplate, some text lost) or
    /// recall (more text, some boilerplate kept) where evidence is close.
    #[arg(long, value_enum, default_value_t = FocusArg::Balanced)]
    focus: FocusArg,
}

/// `--focus`: the CLI's spelling of [`Focus`].
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FocusArg {
    Balanced,
    Precision,
    Recall,
}

impl From<FocusArg> for Focus {
    fn from(focus: FocusArg) -> Focus {
        match focus {
            FocusArg::Balanced => Focus::Balanced,
            FocusArg::Precision => Focus::Precision,
            FocusArg::Recall => Focus::Recall,
        }
    }
}

impl ContentArgs {
    /// The extractor's options; Markdown and HTML are rendered when a field
    /// or the output format (`markdown_format`, `html_format`) asks for them.
    fn options(&self, max_bytes: usize, markdown_format: bool, html_format: bool) -> Options {
        let wants_markdown = markdown_format || self.with.contains(&ExtraField::Markdown);
        let markdown = match (wants_markdown, self.no_title) {
            (false, _) => Markdown::Off,
            (true, false) => Markdown::WithTitle,
            (true, true) => Markdown::BodyOnly,
        };
        Options::default()
            .max_input_bytes(max_bytes)
            .html(html_format || self.with.contains(&ExtraField::Html))
            .links(!self.no_links)
            .images(!self.no_images)
            .tables(!self.no_tables)
            .markdown(markdown)
            .comments(self.comments)
            .focus(self.focus.into())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtraField {
    Markdown,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
    Markdown,
    Html,
}

/// One JSON output record.
#[derive(Serialize)]
struct Record<'a> {
    source: &'a str,
    url: &'a Option<String>,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    date: &'a Option<String>,
    modified: &'a Option<String>,
    site_name: &'a Option<String>,
    lang: &'a Option<String>,
    description: &'a Option<String>,
    image: &'a Option<String>,
    tags: &'a Option<Vec<String>>,
    categories: &'a Option<Vec<String>>,
    text: &'a str,
    page_type: Option<decant::PageType>,
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<&'a [Comment]>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

impl<'a> Record<'a> {
    /// The record of one article; `url` is the article's (or the archive
    /// record's) address; `with` adds the renderings asked for.
    fn new(
        source: &'a str,
        url: &'a Option<String>,
        article: &'a Article,
        with: &[ExtraField],
    ) -> Self {
        Record {
            source,
            url,
            title: &article.title,
            byline: &article.byline,
            date: &article.date,
            modified: &article.modified,
            site_name: &article.site_name,
            lang: &article.lang,
            description: &article.description,
            image: &article.image,
            tags: &article.tags,
            categories: &article.categories,
            text: &article.text,
            page_type: article.page_type,
            // Three decimals: enough to rank pages, and stable in diffs.
            confidence: (article.confidence * 1000.0).round() / 1000.0,
            markdown: article
                .markdown
                .as_deref()
                .filter(|_| with.contains(&ExtraField::Markdown)),
            html: with
                .contains(&ExtraField::Html)
                .then_some(article.html.as_str()),
            comments: article.comments.as_deref(),
            warnings: &article.warnings,
        }
    }
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    source: &'a str,
    error: &'a str,
}

/// Extensions a directory walk picks up.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        #[cfg(feature = "warc")]
        Command::Warc(args) => match cmd::warc::run(args) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("decant: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Explain(args) => cmd::explain::main(args),
        Command::Extract(args) => match run_extract(args) {
            Ok(all_ok) => {
                if all_ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                if is_broken_pipe(&e) {
                    return ExitCode::SUCCESS;
                }
                eprintln!("decant: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// The number of workers for `--jobs` (default: every core).
fn job_count(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// A rayon pool of `jobs` threads.
fn worker_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start worker threads")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

/// Returns whether every input gave an article.
fn run_extract(args: ExtractArgs) -> Result<bool> {
    let inputs = discover_inputs(&gather_inputs(&args)?)?;
    if inputs.len() != 1 && (args.url.is_some() || args.content_type.is_some()) {
        bail!(
            "--url and --content-type apply to a single input; got {}",
            inputs.len()
        );
    }
    if let Some(url) = &args.url {
        url::Url::parse(url).with_context(|| format!("--url {url:?} is not an absolute URL"))?;
    }
    let format = args.format.unwrap_or(if inputs.len() == 1 {
        Format::Text
    } else {
        Format::Jsonl
    });
    let options = args.content.options(
        args.max_bytes,
        format == Format::Markdown,
        format == Format::Html,
    );
    let extractor = Extractor::new(options);
    let jobs = crate::job_count(args.jobs);

    let has_urls = inputs.iter().any(|input| is_url(input));
    let fetcher = if has_urls {
        Some(UrlFetcher::new(&fetch_settings(&args)?)?)
    } else {
        None
    };

    let progress = (io::stderr().is_terminal() && inputs.len() > 5).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} pages {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut all_ok = true;
    // Several inputs in `json` format make one JSON array.
    let json_array = format == Format::Json && inputs.len() > 1;
    if json_array {
        out.write_all(b"[\n")?;
    }
    let mut written = 0usize;
    let mut emit = |(input, result): (&String, Result<Article>)| -> Result<()> {
        if json_array && written > 0 {
            out.write_all(b",\n")?;
        }
        written += 1;
        all_ok &= write_result(&mut out, &args, format, input, inputs.len(), result)?;
        // Line by line for pipelines reading as pages come.
        out.flush()?;
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Ok(())
    };
    if let Some(fetcher) = &fetcher {
        // A chunk holds enough URLs to keep every fetch slot busy; its
        // pages are extracted together once fetched.
        let pool = crate::worker_pool(jobs)?;
        for chunk in inputs.chunks((jobs * 8).max(args.concurrency * 4)) {
            let mut fetched = fetch_urls(fetcher, chunk);
            let results: Vec<Result<Article>> = pool.install(|| {
                chunk
                    .par_iter()
                    .zip(fetched.par_iter_mut())
                    .map(|(input, page)| extract_one(&extractor, input, page.take(), &args))
                    .collect()
            });
            for page in chunk.iter().zip(results) {
                emit(page)?;
            }
        }
    } else {
        cmd::ordered::map_in_order(
            inputs.iter(),
            jobs,
            |input| (input, extract_one(&extractor, input, None, &args)),
            &mut emit,
        )?;
    }
    if json_array {
        out.write_all(b"\n]\n")?;
        out.flush()?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if std::env::var_os("DECANT_TIMINGS").is_some() {
        eprintln!(
            "EXTRACT_SECONDS {:.6} PAGES {} BYTES {}",
            EXTRACT_NANOS.load(Ordering::Relaxed) as f64 / 1e9,
            inputs.len(),
            EXTRACT_BYTES.load(Ordering::Relaxed)
        );
    }
    Ok(all_ok)
}

/// Time spent inside the library and bytes it was given, summed over all
/// workers, for `DECANT_TIMINGS` (the peers' benchmark protocol: reading,
/// gunzip, output and start-up excluded).
static EXTRACT_NANOS: AtomicU64 = AtomicU64::new(0);
static EXTRACT_BYTES: AtomicU64 = AtomicU64::new(0);

/// Extracts one input: a page fetched beforehand (URL inputs) or a file
/// read here. `--url` and `--content-type` beat what the server said.
fn extract_one(
    extractor: &Extractor,
    input: &str,
    fetched: Option<Result<Page>>,
    args: &ExtractArgs,
) -> Result<Article> {
    let page = match fetched {
        Some(page) => page?,
        None => Page {
            bytes: read_input(input, args.max_bytes)?,
            url: None,
            content_type: None,
        },
    };
    let url = args.url.as_deref().or(page.url.as_deref());
    let content_type = args
        .content_type
        .as_deref()
        .or(page.content_type.as_deref());
    let started = Instant::now();
    let article = extractor.extract_bytes(&page.bytes, url, content_type);
    EXTRACT_NANOS.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    EXTRACT_BYTES.fetch_add(page.bytes.len() as u64, Ordering::Relaxed);
    Ok(article?)
}

/// Fetches the chunk's URL inputs together; `None` for file inputs.
fn fetch_urls(fetcher: &UrlFetcher, chunk: &[String]) -> Vec<Option<Result<Page>>> {
    let mut pages: Vec<Option<Result<Page>>> = chunk.iter().map(|_| None).collect();
    let (positions, urls): (Vec<usize>, Vec<&str>) = chunk
        .iter()
        .enumerate()
        .filter(|(_, input)| is_url(input))
        .map(|(i, input)| (i, input.as_str()))
        .unzip();
    for (i, page) in positions.into_iter().zip(fetcher.fetch_all(&urls)) {
        pages[i] = Some(page);
    }
    pages
}

fn fetch_settings(args: &ExtractArgs) -> Result<FetchSettings> {
    let seconds = |value: f64, flag: &str| -> Result<std::time::Duration> {
        if !(value.is_finite() && value > 0.0 && value < 1e9) {
            bail!("{flag} must be a positive number of seconds, got {value}");
        }
        Ok(std::time::Duration::from_secs_f64(value))
    };
    Ok(FetchSettings {
        timeout: seconds(args.timeout, "--timeout")?,
        connect_timeout: seconds(args.connect_timeout, "--connect-timeout")?,
        max_bytes: args.max_bytes,
        user_agent: args.user_agent.clone(),
        retries: args.retries,
        concurrency: args.concurrency,
        per_host: args.per_host,
    })
}

/// The positional inputs plus the lines of `--input-file`; stdin when
/// there are none.
fn gather_inputs(args: &ExtractArgs) -> Result<Vec<String>> {
    let mut inputs = args.inputs.clone();
    if let Some(list) = &args.input_file {
        let text = if list == "-" {
            if inputs.iter().any(|i| i == "-") {
                bail!("--input-file - reads stdin, so `-` cannot also be an input");
            }
            io::read_to_string(io::stdin().lock()).context("cannot read the input list")?
        } else {
            std::fs::read_to_string(list)
                .with_context(|| format!("cannot read the input list {list}"))?
        };
        inputs.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_owned),
        );
    } else if inputs.is_empty() {
        inputs.push("-".to_owned());
    }
    Ok(inputs)
}

/// Writes one input's result; returns whether it gave an article.
fn write_result(
    out: &mut impl Write,
    args: &ExtractArgs,
    format: Format,
    source: &str,
    total: usize,
    result: Result<Article>,
) -> Result<bool> {
    let article = match result {
        Ok(article) => article,
        Err(e) => {
            let message = format!("{e:#}");
            eprintln!("decant: {source}: {message}");
            if matches!(format, Format::Json | Format::Jsonl) {
                serde_json::to_writer(
                    &mut *out,
                    &ErrorRecord {
                        source,
                        error: &message,
                    },
                )?;
                out.write_all(b"\n")?;
            }
            return Ok(false);
        }
    };
    let has_article = !article.text.is_empty();
    if !has_article {
        eprintln!("decant: {source}: no article found");
    }
    let record = Record::new(source, &article.url, &article, &args.content.with);
    let header = |out: &mut dyn Write| -> io::Result<()> {
        if total > 1 {
            writeln!(out, "==> {source} <==")?;
        }
        Ok(())
    };
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &record)?;
        }
        Format::Text => {
            header(out)?;
            if !article.text.is_empty() {
                writeln!(out, "{}", article.text)?;
            }
            write_comments(out, &article, "---\nComments\n", false)?;
        }
        Format::Markdown => {
            header(out)?;
            write!(out, "{}", article.markdown.as_deref().unwrap_or_default())?;
            write_comments(out, &article, "\n---\n\n## Comments\n", true)?;
        }
        Format::Html if args.standalone => {
            header(out)?;
            write!(out, "{}", article.html_document())?;
        }
        Format::Html => {
            header(out)?;
            writeln!(out, "{}", article.html)?;
        }
    }
    if format == Format::Json && total == 1 {
        out.write_all(b"\n")?;
    }
    Ok(has_article)
}

/// Comments after the article in the text formats, under a heading.
fn write_comments(
    out: &mut dyn Write,
    article: &Article,
    heading: &str,
    markdown: bool,
) -> io::Result<()> {
    let escape = |s: &str| -> String {
        if !markdown {
            return s.to_owned();
        }
        let mut escaped = String::with_capacity(s.len());
        for ch in s.chars() {
            if "\\`*_[]<>#~|".contains(ch) {
                escaped.push('\\');
            }
            escaped.push(ch);
        }
        escaped
    };
    let Some(comments) = article.comments.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    write!(out, "\n{heading}")?;
    for comment in comments {
        let who = escape(comment.author.as_deref().unwrap_or("(anonymous)"));
        match &comment.date {
            Some(date) => writeln!(out, "\n{who}, {}:", escape(date))?,
            None => writeln!(out, "\n{who}:")?,
        }
        writeln!(out, "{}", escape(&comment.text))?;
    }
    Ok(())
}

/// Expands directories (recursively, sorted) and keeps files and `-` as given.
fn discover_inputs(raw: &[String]) -> Result<Vec<String>> {
    let mut inputs = Vec::new();
    for input in raw {
        let path = Path::new(input);
        if input != "-" && !is_url(input) && path.is_dir() {
            let mut found = Vec::new();
            walk_dir(path, &mut found);
            if found.is_empty() {
                // Reported as this input's error; the batch goes on.
                found.push(path.to_path_buf());
            }
            found.sort();
            inputs.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            inputs.push(input.clone());
        }
    }
    Ok(inputs)
}

/// Iterative directory walk: collects HTML files (and their `.gz`). A
/// directory that cannot be read is kept as an input of its own, so that
/// reading it fails with one error record while the batch goes on.
fn walk_dir(root: &Path, found: &mut Vec<PathBuf>) {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            found.push(dir);
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => pending.push(path),
                _ if is_html_name(&path) => found.push(path),
                _ => {}
            }
        }
    }
}

fn is_html_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    HTML_EXTENSIONS
        .iter()
        .any(|ext| name.ends_with(&format!(".{ext}")))
}

/// Reads a file or stdin, gunzipping `.gz` files (and gzip-magic stdin),
/// refusing more than `max_bytes` after decompression.
pub(crate) fn read_input(input: &str, max_bytes: usize) -> Result<Vec<u8>> {
    if Path::new(input).is_dir() {
        match std::fs::read_dir(input) {
            Ok(_) => bail!("directory holds no .html, .htm or .xhtml files (or their .gz)"),
            Err(e) => bail!("cannot read directory: {e}"),
        }
    }
    let (reader, gz_name): (Box<dyn Read>, bool) = if input == "-" {
        (Box::new(io::stdin().lock()), false)
    } else {
        let file = File::open(input).with_context(|| format!("cannot open {input}"))?;
        (Box::new(file), input.to_ascii_lowercase().ends_with(".gz"))
    };
    let mut reader = io::BufReader::new(reader);
    let is_gzip = {
        use std::io::BufRead;
        let head = reader.fill_buf()?;
        head.starts_with(&[0x1f, 0x8b])
    };
    let limit = max_bytes as u64 + 1;
    let mut bytes = Vec::new();
    if is_gzip {
        flate2::bufread::MultiGzDecoder::new(reader)
            .take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot decompress {input}"))?;
    } else {
        if gz_name {
            bail!("{input} is named .gz but is not gzip data");
        }
        reader.take(limit).read_to_end(&mut bytes)?;
    }
    if bytes.len() > max_bytes {
        bail!("input is over the limit of {max_bytes} bytes (raise --max-bytes)");
    }
    Ok(bytes)
}
