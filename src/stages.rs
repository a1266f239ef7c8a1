//! Timing one pipeline stage at a time, for `benches/stages.rs`. The inputs
//! of the stage (decoded text, tree, features, selection …) are built once
//! before the clock starts; the stage then runs `iters` times. Not part of
//! the API: the stages' own types stay private to the crate.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::clean::{CleanMode, clean};
use crate::dom::Dom;
use crate::prepare::{PrepareFlags, class_cue_table, prepare};
use crate::render::markdown::{MarkdownOptions, MarkdownRenderer};
use crate::render::{html::HtmlRenderer, text::TextRenderer, walk};
use crate::select::{PageShape, main_region, select};
use crate::sink::parse;
use crate::{Error, Focus, decode, guard, metadata};

/// A stage of the pipeline, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Bytes to UTF-8 (BOM, `<meta>`, detection).
    Decode,
    /// The pre-parse guard (depth, attributes, tag count).
    Guard,
    /// html5ever into our sink (`sink.rs`): the linked tree.
    Parse,
    /// The pre-order arena and its side tables.
    Dom,
    /// Class/id cues of every element.
    Cues,
    /// Title, byline, dates and the rest.
    Metadata,
    /// Never-content, hidden and unlikely boxes; text and link features.
    Prepare,
    /// Scoring candidates and choosing the container.
    Select,
    /// Boilerplate cuts inside the container.
    Clean,
    /// The text output.
    RenderText,
    /// The Markdown output.
    RenderMarkdown,
    /// The HTML output.
    RenderHtml,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 12] = [
        Stage::Decode,
        Stage::Guard,
        Stage::Parse,
        Stage::Dom,
        Stage::Cues,
        Stage::Metadata,
        Stage::Prepare,
        Stage::Select,
        Stage::Clean,
        Stage::RenderText,
        Stage::RenderMarkdown,
        Stage::RenderHtml,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Guard => "guard",
            Stage::Parse => "parse",
            Stage::Dom => "dom",
            Stage::Cues => "cues",
            Stage::Metadata => "metadata",
            Stage::Prepare => "prepare",
            Stage::Select => "select",
            Stage::Clean => "clean",
            Stage::RenderText => "render_text",
            Stage::RenderMarkdown => "render_markdown",
            Stage::RenderHtml => "render_html",
        }
    }
}

/// Runs `stage` of the strict (first) reading of `bytes` `iters` times and
/// returns the time it took, its inputs prepared beforehand.
pub fn time_stage(bytes: &[u8], stage: Stage, iters: u64) -> Result<Duration, Error> {
    let timed = |run: &mut dyn FnMut()| {
        let started = Instant::now();
        for _ in 0..iters {
            run();
        }
        started.elapsed()
    };
    if stage == Stage::Decode {
        return Ok(timed(&mut || {
            black_box(decode::decode(black_box(bytes), None, None));
        }));
    }
    let decoded = decode::decode(bytes, None, None);
    if stage == Stage::Guard {
        return Ok(timed(&mut || {
            black_box(guard::guard(black_box(&decoded.text)));
        }));
    }
    let (guarded, _) = guard::guard(&decoded.text);
    if stage == Stage::Parse {
        return Ok(timed(&mut || {
            black_box(parse(black_box(&guarded)));
        }));
    }
    let document = parse(&guarded);
    let max_nodes = usize::MAX;
    if stage == Stage::Dom {
        let mut failed = None;
        let elapsed = timed(
            &mut || match Dom::build(&document.tree, &document.content, max_nodes) {
                Ok(dom) => {
                    black_box(dom);
                }
                Err(e) => failed = Some(e),
            },
        );
        return failed.map_or(Ok(elapsed), Err);
    }
    let dom = Dom::build(&document.tree, &document.content, max_nodes)?;
    let cues = class_cue_table(&dom);
    let flags = PrepareFlags::LADDER[0];
    let leaning = Focus::Balanced.leaning();
    let features = prepare(&dom, &cues, flags);
    // The stages as the pipeline runs them, once here and again when timed.
    let run_select = || select(&dom, &features, &cues, PageShape::Other, leaning, None);
    let selection = run_select().unwrap_or_else(|| main_region(&dom, &features));
    let run_clean = || {
        clean(
            &dom,
            &features,
            &cues,
            &selection,
            CleanMode::Article,
            leaning,
            false,
        )
    };
    let cut = run_clean();
    let skip = |i: usize| !features.is_kept(i) || cut[i].is_some();
    let capacity = features.text_len[selection.top] as usize + 64;
    Ok(match stage {
        Stage::Decode | Stage::Guard | Stage::Parse | Stage::Dom => Duration::ZERO,
        Stage::Cues => timed(&mut || {
            black_box(class_cue_table(&dom));
        }),
        Stage::Metadata => timed(&mut || {
            black_box(metadata::extract(&dom, &cues, None));
        }),
        Stage::Prepare => timed(&mut || {
            black_box(prepare(&dom, &cues, flags));
        }),
        Stage::Select => timed(&mut || {
            black_box(run_select());
        }),
        Stage::Clean => timed(&mut || {
            black_box(run_clean());
        }),
        Stage::RenderText => timed(&mut || {
            let mut renderer = TextRenderer::new(capacity);
            walk(&dom, &selection.roots, skip, &mut renderer);
            black_box(renderer.finish());
        }),
        Stage::RenderMarkdown => timed(&mut || {
            let options = MarkdownOptions {
                links: true,
                images: true,
            };
            let mut renderer = MarkdownRenderer::new(None, None, options, capacity);
            walk(&dom, &selection.roots, skip, &mut renderer);
            black_box(renderer.finish());
        }),
        Stage::RenderHtml => timed(&mut || {
            let mut renderer = HtmlRenderer::new(None, true, capacity * 2);
            walk(&dom, &selection.roots, skip, &mut renderer);
            black_box(renderer.finish());
        }),
    })
}
