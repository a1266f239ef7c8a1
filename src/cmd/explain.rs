//! `decant explain PAGE`: the explanation of one page, as a self-contained
//! HTML report or as JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use decant::{Extractor, Options};

#[derive(Parser)]
pub struct ExplainArgs {
    /// The page: an .html file (optionally .gz), or `-` for stdin.
    #[arg(value_name = "PAGE", default_value = "-")]
    page: String,

    /// The page's URL: resolves links, gives the URL field.
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// HTTP Content-Type of the page: its charset beats <meta>.
    #[arg(long, value_name = "TYPE")]
    content_type: Option<String>,

    /// Output format: a self-contained HTML report, or the explanation as JSON.
    #[arg(short, long, value_enum, default_value_t = ExplainFormat::Html)]
    format: ExplainFormat,

    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<std::path::PathBuf>,

    /// Largest input accepted, in bytes (after gunzip).
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_input_bytes)]
    max_bytes: usize,

    /// Explain the extraction with this leaning (as `decant extract --focus`).
    #[arg(long, value_enum, default_value_t = crate::FocusArg::Balanced)]
    focus: crate::FocusArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Html,
    Json,
}

/// Exit status: 0 with an article, 1 when the page failed or had none, 2 on
/// a usage or I/O error.
pub fn main(args: ExplainArgs) -> ExitCode {
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            if crate::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("decant: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: ExplainArgs) -> Result<bool> {
    if let Some(url) = &args.url {
        url::Url::parse(url).with_context(|| format!("--url {url:?} is not an absolute URL"))?;
    }
    let bytes = crate::read_input(&args.page, args.max_bytes)?;
    let extractor = Extractor::new(
        Options::default()
            .max_input_bytes(args.max_bytes)
            .focus(args.focus.into()),
    );
    let explanation =
        match extractor.explain_bytes(&bytes, args.url.as_deref(), args.content_type.as_deref()) {
            Ok(explanation) => explanation,
            Err(e) => {
                eprintln!("decant: {}: {e}", args.page);
                return Ok(false);
            }
        };
    let rendered = match args.format {
        ExplainFormat::Html => explanation.report_html(),
        ExplainFormat::Json => {
            let mut json = serde_json::to_string_pretty(&explanation)?;
            json.push('\n');
            json
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(rendered.as_bytes())?;
            out.flush()?;
        }
    }
    let has_article = !explanation.article.text.is_empty();
    if !has_article {
        eprintln!("decant: {}: no article found", args.page);
    }
    Ok(has_article)
}
