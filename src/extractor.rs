//! The pipeline, end to end: decode → parse → prepare → select → clean →
//! render, with metadata read beside it.

use scraper::Html;
use url::Url;

use crate::clean::{CleanMode, Cut, clean};
use crate::cues::ClassCues;
use crate::dom::{Dom, Tag};
use crate::prepare::{Features, PrepareFlags, class_cue_table, prepare};
use crate::render::markdown::{MarkdownOptions, MarkdownRenderer};
use crate::render::{html::HtmlRenderer, text::TextRenderer, walk};
use crate::select::{Selection, main_region, select};
use crate::{Article, Error, Markdown, Options, comments, decode, guard, metadata};

/// A reusable, thread-safe extractor. Build it once and share it (`&self`
/// methods, `Send + Sync`); token matchers are compiled once per process.
///
/// ```
/// let extractor = decant::Extractor::new(decant::Options::default());
/// let html = "<html><head><title>Hello | Site</title></head><body><article>\
///     <h1>Hello</h1><p>This is the body of a short article, long enough to count, \
///     with a comma or two, and more words to pass the threshold.</p></article></body></html>";
/// let article = extractor.extract(html, Some("https://example.com/hello"))?;
/// assert!(article.text.contains("body of a short article"));
/// # Ok::<(), decant::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    options: Options,
}

/// Below this many characters a result is retried with looser settings
/// (Readability's flag ladder).
const RETRY_BELOW_CHARS: usize = 250;

/// Below this many characters of reading text, the page may be a listing
/// rather than an article: its main region is tried as well.
const LISTING_BELOW_CHARS: usize = 1500;
/// The listing reading must give this many times the article reading's
/// text to win.
const LISTING_MIN_GAIN: usize = 2;

struct Pass {
    features: Features,
    selection: Selection,
    cut: Vec<Option<Cut>>,
    text: String,
    mode: CleanMode,
}

/// Runs the flag ladder, then the listing reading when the article reading
/// is short; returns the pass whose output is used.
fn choose_pass(dom: &Dom, cues: &[ClassCues]) -> Pass {
    let [strictest, looser @ ..] = PrepareFlags::LADDER;
    let mut best = run_pass(dom, cues, strictest, CleanMode::Article);
    for flags in looser {
        if best.text.chars().count() >= RETRY_BELOW_CHARS {
            break;
        }
        let pass = run_pass(dom, cues, flags, CleanMode::Article);
        if pass.text.len() > best.text.len() {
            best = pass;
        }
    }
    let article_chars = best.text.chars().count();
    if article_chars >= LISTING_BELOW_CHARS {
        return best;
    }
    let listing = run_pass(dom, cues, PrepareFlags::LADDER[0], CleanMode::Listing);
    if listing.text.chars().count() >= LISTING_MIN_GAIN * article_chars.max(1) {
        listing
    } else {
        best
    }
}

impl Extractor {
    /// An extractor with these options.
    pub fn new(options: Options) -> Self {
        Extractor { options }
    }

    /// The options this extractor was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Extracts the article from raw bytes: the encoding is taken from a
    /// byte-order mark, the HTTP `content_type` charset, a `<meta>`
    /// declaration, or detected, in that order.
    pub fn extract_bytes(
        &self,
        bytes: &[u8],
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> Result<Article, Error> {
        self.check_size(bytes.len())?;
        let decoded = decode::decode(bytes, content_type, url);
        let mut article = self.extract(&decoded.text, url)?;
        if decoded.source == decode::Source::Detected && decoded.encoding != encoding_rs::UTF_8 {
            article.warnings.push(format!(
                "no charset declared; decoded as {} by detection",
                decode::label(decoded.encoding)
            ));
        }
        if decoded.had_errors {
            article.warnings.push(format!(
                "input had byte sequences invalid in {} (replaced with U+FFFD)",
                decode::label(decoded.encoding)
            ));
        }
        Ok(article)
    }

    /// Extracts the article from a page already decoded to text. `url` is
    /// the page's address, used to resolve links and the canonical URL.
    pub fn extract(&self, html: &str, url: Option<&str>) -> Result<Article, Error> {
        self.check_size(html.len())?;
        let page_url = match url {
            Some(raw) => Some(Url::parse(raw).map_err(|e| Error::InvalidUrl {
                url: raw.to_owned(),
                reason: e.to_string(),
            })?),
            None => None,
        };
        let (guarded, guard_report) = guard::guard(html);
        if guard_report.start_tags > self.options.max_nodes {
            // Refused before parsing: the tree would be larger still.
            return Err(Error::TooManyNodes {
                nodes: guard_report.start_tags,
                limit: self.options.max_nodes,
            });
        }
        let document = parse(&guarded);
        let dom = Dom::build(&document, self.options.max_nodes)?;
        let cues = class_cue_table(&dom);
        let meta = metadata::extract(&dom, &cues, page_url.as_ref());

        let best = choose_pass(&dom, &cues);
        let mut warnings = Vec::new();
        if guard_report.dropped_tags > 0 {
            warnings.push(format!(
                "{} tags nested deeper than {} levels were dropped (their text is kept)",
                guard_report.dropped_tags,
                guard::MAX_DEPTH
            ));
        }
        if guard_report.dropped_attributes > 0 {
            warnings.push(format!(
                "{} attributes past {} on one element were dropped",
                guard_report.dropped_attributes,
                guard::MAX_ATTRIBUTES
            ));
        }
        let keep = |i: usize| {
            best.features.is_kept(i)
                && best.cut[i].is_none()
                && (self.options.tables || dom.tag(i) != Some(Tag::Table))
                && (self.options.images || dom.tag(i) != Some(Tag::Img))
        };
        let html_out = if self.options.html {
            let mut renderer =
                HtmlRenderer::new(page_url.as_ref(), self.options.links, best.text.len() * 2);
            walk(&dom, &best.selection.roots, |i| !keep(i), &mut renderer);
            renderer.finish()
        } else {
            String::new()
        };
        let markdown = (self.options.markdown != Markdown::Off).then(|| {
            // The title is written on top; a heading repeating it is left out.
            let title_heading = meta.title.as_deref().and_then(|title| {
                best.selection.roots.iter().find_map(|&root| {
                    let end = dom.nodes[root].end as usize;
                    (root..end).find(|&i| {
                        keep(i)
                            && dom.tag(i).is_some_and(Tag::is_heading)
                            && dom.collapsed_text(i).eq_ignore_ascii_case(title)
                    })
                })
            });
            let top_title = match self.options.markdown {
                Markdown::WithTitle => meta.title.as_deref(),
                _ => None,
            };
            let mut renderer = MarkdownRenderer::new(
                top_title,
                page_url.as_ref(),
                MarkdownOptions {
                    links: self.options.links,
                    images: self.options.images,
                },
                best.text.len() + best.text.len() / 4,
            );
            let skip_heading = title_heading.filter(|_| top_title.is_some());
            walk(
                &dom,
                &best.selection.roots,
                |i| !keep(i) || Some(i) == skip_heading,
                &mut renderer,
            );
            renderer.finish()
        });
        let comments = self
            .options
            .comments
            .then(|| comments::extract(&dom, &cues));
        let text = if self.options.tables {
            best.text
        } else {
            let mut renderer = TextRenderer::new(best.text.len());
            walk(&dom, &best.selection.roots, |i| !keep(i), &mut renderer);
            renderer.finish()
        };
        if text.is_empty() {
            warnings.push("no article found: the page has no block of running text".to_owned());
        }
        Ok(Article {
            title: meta.title,
            byline: meta.byline,
            date: meta.date,
            modified: meta.modified,
            site_name: meta.site_name,
            lang: meta.lang.or_else(|| metadata::detect_lang(&text)),
            description: meta
                .description
                .or_else(|| metadata::lead_paragraph(&dom, &best.selection.roots, keep)),
            url: meta.url,
            image: meta.image.or_else(|| {
                metadata::first_image(&dom, &best.selection.roots, keep, page_url.as_ref())
            }),
            tags: meta.tags,
            categories: meta.categories,
            text,
            html: html_out,
            markdown,
            comments,
            warnings,
        })
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        if size > self.options.max_input_bytes {
            return Err(Error::TooLarge {
                size,
                limit: self.options.max_input_bytes,
            });
        }
        Ok(())
    }
}

/// Parses as a browser with scripting off would: `<noscript>` content is
/// markup, not raw text. Some sites (forums especially) serve their whole
/// content there; the last ladder pass reads it.
fn parse(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let options = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), options)
        .one(html)
}

fn run_pass(dom: &Dom, cues: &[ClassCues], flags: PrepareFlags, mode: CleanMode) -> Pass {
    let features = prepare(dom, cues, flags);
    let selection = match mode {
        CleanMode::Article => select(dom, &features, cues),
        CleanMode::Listing => None,
    }
    .unwrap_or_else(|| main_region(dom, &features));
    let cut = clean(dom, &features, cues, &selection, mode);
    let mut renderer = TextRenderer::new(features.text_len[selection.top] as usize + 64);
    walk(
        dom,
        &selection.roots,
        |i| !features.is_kept(i) || cut[i].is_some(),
        &mut renderer,
    );
    let text = renderer.finish();
    Pass {
        features,
        selection,
        cut,
        text,
        mode,
    }
}

/// A human-readable trace of one extraction (selection path, cuts), for
/// error analysis while `explain` is not built yet.
#[doc(hidden)]
pub fn debug_trace(html: &str) -> String {
    use std::fmt::Write;
    let (guarded, _) = guard::guard(html);
    let document = parse(&guarded);
    let Ok(dom) = Dom::build(&document, usize::MAX) else {
        return String::new();
    };
    let cues = class_cue_table(&dom);
    let mut out = String::new();
    let passes = PrepareFlags::LADDER
        .iter()
        .map(|&flags| {
            (
                format!("{flags:?}"),
                run_pass(&dom, &cues, flags, CleanMode::Article),
            )
        })
        .chain(std::iter::once((
            "listing".to_owned(),
            run_pass(&dom, &cues, PrepareFlags::LADDER[0], CleanMode::Listing),
        )))
        .chain(std::iter::once((
            "chosen".to_owned(),
            choose_pass(&dom, &cues),
        )));
    for (name, pass) in passes {
        let _ = writeln!(
            out,
            "== {name} mode={:?} text_chars={}",
            pass.mode,
            pass.text.chars().count()
        );
        for &root in &pass.selection.roots {
            let _ = writeln!(
                out,
                "root {} text={} ld={:.2}",
                describe(&dom, root),
                pass.features.text_len[root],
                pass.features.link_density(root)
            );
        }
        let _ = writeln!(
            out,
            "top {} score={:.1}",
            describe(&dom, pass.selection.top),
            pass.selection.top_score
        );
        for (i, cut) in pass.cut.iter().enumerate() {
            if let Some(cut) = cut {
                let _ = writeln!(
                    out,
                    "  cut {:?} {} text={} {:?}",
                    cut,
                    describe(&dom, i),
                    pass.features.text_len[i],
                    dom.collapsed_text(i).chars().take(60).collect::<String>()
                );
            }
        }
        let body = dom.find_tag(Tag::Body).unwrap_or(0);
        let _ = writeln!(out, "body kept text={}", pass.features.text_len[body]);
    }
    out
}

fn describe(dom: &Dom, i: usize) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(i);
    while let Some(c) = cur {
        if let Some(el) = dom.element(c) {
            let mut s = el.name().to_owned();
            if let Some(id) = el.id() {
                s.push('#');
                s.push_str(id);
            }
            if let Some(class) = el.attr("class") {
                for c in class.split_whitespace().take(2) {
                    s.push('.');
                    s.push_str(c);
                }
            }
            parts.push(s);
        }
        cur = dom.parent(c);
        if parts.len() > 6 {
            break;
        }
    }
    parts.reverse();
    parts.join(" > ")
}
