//! The pipeline, end to end: decode → parse → prepare → select → clean →
//! render, with metadata read beside it.

use std::borrow::Cow;
use std::rc::Rc;

use url::Url;

use crate::assess::{self, PageMarkup, Signals};
use crate::clean::{CleanMode, Cut, clean};
use crate::cues::ClassCues;
use crate::dom::{Dom, Tag};
use crate::explain::{self, Explanation};
use crate::metadata::Metadata;
use crate::options::Leaning;
use crate::prepare::{Features, PrepareFlags, class_cue_table, prepare};
use crate::render::markdown::{MarkdownOptions, MarkdownRenderer};
use crate::render::{html::HtmlRenderer, text::TextRenderer, walk};
use crate::select::{PageShape, SelectLog, Selection, main_region, select};
use crate::{Article, Error, Focus, Markdown, Options, comments, decode, guard, metadata, sink};

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

/// The last step reads text hidden by the page (an article revealed by a
/// script). It must find at least this much to be believed: on an app
/// shell with no article the hidden text is a skip link or a search box.
const HIDDEN_RESCUE_MIN_CHARS: usize = 200;

/// Below this many characters of reading text, the page may be a listing
/// rather than an article: its main region is tried as well. A dated page
/// with at most a few `<article>` elements is a news or blog article: its
/// readings are trusted down to the lower bound.
const LISTING_BELOW_CHARS: usize = 5000;
const LISTING_BELOW_CHARS_DATED: usize = 1500;
/// A page with this many `<article>` elements is a list of teasers even
/// when dated.
const TEASER_ARTICLES: u32 = 10;
/// The listing reading must give this many times the article reading's
/// text to win.
const LISTING_MIN_GAIN: usize = 2;
/// The main region read without unlikely cues, or with hidden text, must
/// give this many times.
const LOOSE_MAIN_MIN_GAIN: usize = 4;

pub(crate) struct Pass {
    /// Shared between passes run with the same flags (the strict article
    /// reading and the listing reading measure the tree alike).
    pub features: Rc<Features>,
    pub selection: Selection,
    pub cut: Vec<Option<Cut>>,
    pub text: String,
    pub mode: CleanMode,
    /// The flag-ladder step (0 = strictest).
    pub step: u8,
    /// What the selection decided, when recording.
    pub log: Option<SelectLog>,
}

/// One pass `choose_pass` ran, for explanations.
pub(crate) struct PassNote {
    pub mode: CleanMode,
    pub step: u8,
    pub text_chars: usize,
}

/// What the page's metadata says about it, read before its body is
/// chosen: how the passes are run.
#[derive(Debug, Clone, Copy)]
struct PageHints {
    /// How the article readings clean (documentation keeps link lists).
    article_mode: CleanMode,
    /// Below this many characters of article text the listing reading is
    /// tried as well.
    listing_below: usize,
    /// An undated page that declares neither an article nor a product nor
    /// a thread (a landing, service or category page): its main region may
    /// be read once more without unlikely cues.
    landing: bool,
    /// What the markup says the page is (a thread's posts are its content).
    shape: PageShape,
    /// The thresholds the caller's focus moves.
    leaning: Leaning,
    /// A thread or a Q&A page: the posts' chrome is cut on every pass.
    discussion: bool,
}

impl PageHints {
    fn of(meta: &Metadata, markup: &PageMarkup, focus: Focus) -> PageHints {
        let dated_article = meta.date.is_some() && meta.counts.articles < TEASER_ARTICLES;
        let landing =
            meta.date.is_none() && !markup.declares_article && !markup.product && !markup.thread;
        PageHints {
            article_mode: if markup.documentation {
                CleanMode::Documentation
            } else {
                CleanMode::Article
            },
            // A landing page's long SEO block or FAQ does not make it an
            // article: its main region is always tried as well.
            listing_below: if dated_article {
                LISTING_BELOW_CHARS_DATED
            } else if landing {
                usize::MAX
            } else {
                LISTING_BELOW_CHARS
            },
            landing,
            shape: if markup.thread {
                PageShape::Thread
            } else if !markup.product {
                PageShape::Article
            } else {
                PageShape::Other
            },
            leaning: focus.leaning(),
            discussion: markup.discussion,
        }
    }
}

/// Runs the flag ladder, then the listing reading when the article reading
/// is short (on landing pages, always), the loose main-region reading on
/// landing pages, and the hidden-text reading when all found next to
/// nothing; returns the pass whose output is used. With `notes`, every
/// pass records what it decided and is listed there.
fn choose_pass(
    dom: &Dom,
    cues: &[ClassCues],
    hints: PageHints,
    mut notes: Option<&mut Vec<PassNote>>,
) -> Pass {
    let page = PageContext {
        dom,
        cues,
        leaning: hints.leaning,
        discussion: hints.discussion,
        record: notes.is_some(),
    };
    let mut note = |pass: &Pass| {
        if let Some(notes) = notes.as_deref_mut() {
            notes.push(PassNote {
                mode: pass.mode,
                step: pass.step,
                text_chars: pass.text.chars().count(),
            });
        }
    };
    let [strictest, looser @ ..] = PrepareFlags::LADDER;
    let strict = Rc::new(prepare(dom, cues, strictest));
    let mut best = run_pass(
        &page,
        Rc::clone(&strict),
        hints.article_mode,
        0,
        hints.shape,
    );
    note(&best);
    for (step, flags) in (1u8..).zip(looser) {
        if best.text.chars().count() >= RETRY_BELOW_CHARS {
            break;
        }
        let features = Rc::new(prepare(dom, cues, flags));
        let pass = run_pass(&page, features, hints.article_mode, step, hints.shape);
        note(&pass);
        let believable = !flags.keep_hidden || pass.text.len() >= HIDDEN_RESCUE_MIN_CHARS;
        if believable && pass.text.len() > best.text.len() {
            best = pass;
        }
    }
    let article_chars = best.text.chars().count();
    // A thread's posts are its content: the page around them is not.
    if article_chars >= hints.listing_below
        || (hints.shape == PageShape::Thread && article_chars > 0)
    {
        return best;
    }
    // The listing reading renders the main region's text with a few
    // separators per block: when even half again as much could not reach
    // the winning margin, it is not run.
    let region_chars = strict.text_len[main_region(dom, &strict).top] as usize;
    // A wider reading must give `gain` times the article reading's text,
    // times the focus's leaning.
    let wins_by = |chars: usize, gain: usize, over: usize| {
        chars as f32 >= gain as f32 * hints.leaning.wider_gain * over as f32
    };
    let listing = wins_by(region_chars * 3 / 2, LISTING_MIN_GAIN, article_chars).then(|| {
        let pass = run_pass(&page, strict, CleanMode::Listing, 0, PageShape::Other);
        note(&pass);
        pass
    });
    let best = if let Some(listing) = listing
        && wins_by(
            listing.text.chars().count(),
            LISTING_MIN_GAIN,
            article_chars.max(1),
        ) {
        listing
    } else if hints.landing && article_chars < LISTING_BELOW_CHARS {
        // Landing pages name their content boxes like furniture ("banner",
        // "promo" heroes and panels): the main region is read once more
        // without the unlikely cues, and wins only by a wide margin (not
        // tried when the article reading found a long text already).
        let loose = run_pass(
            &page,
            Rc::new(prepare(dom, cues, PrepareFlags::LADDER[1])),
            CleanMode::Listing,
            1,
            PageShape::Other,
        );
        note(&loose);
        if wins_by(
            loose.text.chars().count(),
            LOOSE_MAIN_MIN_GAIN,
            article_chars.max(1),
        ) {
            loose
        } else {
            best
        }
    } else {
        best
    };
    if best.text.chars().count() >= RETRY_BELOW_CHARS {
        return best;
    }
    // Next to nothing visible anywhere: a page that streams its content
    // into hidden holders for a script to move into place. Its main
    // region is read with the hidden text, and believed when there is
    // enough of it and by a wide margin (not a hidden widget's line).
    let [.., keep_hidden] = PrepareFlags::LADDER;
    let hidden = run_pass(
        &page,
        Rc::new(prepare(dom, cues, keep_hidden)),
        CleanMode::Listing,
        2,
        PageShape::Other,
    );
    note(&hidden);
    if hidden.text.len() >= HIDDEN_RESCUE_MIN_CHARS
        && hidden.text.chars().count() >= LOOSE_MAIN_MIN_GAIN * best.text.chars().count().max(1)
    {
        hidden
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
        decoded_warnings(&decoded, &mut article);
        Ok(article)
    }

    /// Extracts the article from a page already decoded to text. `url` is
    /// the page's address, used to resolve links and the canonical URL.
    pub fn extract(&self, html: &str, url: Option<&str>) -> Result<Article, Error> {
        self.run(html, url, false).map(|(article, _)| article)
    }

    /// Extracts the article as [`extract`](Self::extract) does, recording
    /// every decision: the candidates and their scores, the chosen
    /// container, and each block removed with its stage and reason.
    ///
    /// ```
    /// let html = r#"<html><body><article><h1>Tides</h1>
    /// <p>The tide turns twice a day, and the harbour master posts the times,
    /// heights and the datum they are measured from on the board by the quay.</p>
    /// <p>See also: <a href="/moon">Why the moon matters</a></p>
    /// <p>Fishermen read the board at dawn, before they cast off, and again at dusk.</p>
    /// </article></body></html>"#;
    /// let extractor = decant::Extractor::default();
    /// let explanation = extractor.explain(html, None)?;
    /// assert!(explanation.article.text.contains("The tide turns"));
    /// let see_also = explanation
    ///     .removed
    ///     .iter()
    ///     .find(|r| r.first_words.starts_with("See also"))
    ///     .unwrap();
    /// assert_eq!(see_also.stage, decant::Stage::Clean);
    /// assert_eq!(see_also.reason, "cue: see-also (\"see also\")");
    /// # Ok::<(), decant::Error>(())
    /// ```
    pub fn explain(&self, html: &str, url: Option<&str>) -> Result<Explanation, Error> {
        let (article, explanation) = self.run(html, url, true)?;
        let mut explanation = explanation.unwrap_or_default();
        explanation.article = article;
        Ok(explanation)
    }

    /// [`explain`](Self::explain) for raw bytes, decoded as
    /// [`extract_bytes`](Self::extract_bytes) does.
    pub fn explain_bytes(
        &self,
        bytes: &[u8],
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> Result<Explanation, Error> {
        self.check_size(bytes.len())?;
        let decoded = decode::decode(bytes, content_type, url);
        let mut explanation = self.explain(&decoded.text, url)?;
        decoded_warnings(&decoded, &mut explanation.article);
        Ok(explanation)
    }

    /// The pipeline; `record` asks for an explanation beside the article.
    fn run(
        &self,
        html: &str,
        url: Option<&str>,
        record: bool,
    ) -> Result<(Article, Option<Explanation>), Error> {
        self.check_size(html.len())?;
        let page_url = match url {
            Some(raw) => Some(Url::parse(raw).map_err(|e| Error::InvalidUrl {
                url: raw.to_owned(),
                reason: e.to_string(),
            })?),
            None => None,
        };
        let repaired = decode::repair_double_encoding(html);
        let html = repaired.as_ref().map_or(html, |(text, _)| text.as_str());
        let (guarded, guard_report) = guard::guard(html);
        if guard_report.start_tags > self.options.max_nodes {
            // Refused before parsing: the tree would be larger still.
            return Err(Error::TooManyNodes {
                nodes: guard_report.start_tags,
                limit: self.options.max_nodes,
            });
        }
        let document = sink::parse(&guarded);
        let dom = Dom::build(&document.tree, &document.content, self.options.max_nodes)?;
        // The links are read; the arena points into the content only.
        drop(document.tree);
        let cues = class_cue_table(&dom);
        let meta = metadata::extract(&dom, &cues, page_url.as_ref());
        // On a thread the posts are the content: boxes named for comments
        // are read as body, not cut as the comments under an article.
        let markup = PageMarkup::of(&meta);
        let body_cues = if markup.thread {
            Cow::Owned(cues.iter().map(|&cue| cue.as_thread_post()).collect())
        } else if markup.product {
            Cow::Owned(cues.iter().map(|&cue| cue.as_product_review()).collect())
        } else {
            Cow::Borrowed(&cues)
        };

        let mut notes = Vec::new();
        let mut best = choose_pass(
            &dom,
            &body_cues,
            PageHints::of(&meta, &markup, self.options.focus),
            record.then_some(&mut notes),
        );
        let mut warnings = Vec::new();
        if let Some((_, repairs)) = &repaired {
            warnings.push(format!(
                "{repairs} characters were UTF-8 decoded twice (\"â€™\" for \"’\") and were repaired"
            ));
        }
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
        let keep_in_text = |i: usize| {
            best.features.is_kept(i)
                && best.cut[i].is_none()
                && (self.options.tables || dom.tag(i) != Some(Tag::Table))
        };
        // The HTML and Markdown also keep figure captions beside images.
        let keep = |i: usize| {
            let caption_with_image = self.options.images && best.cut[i] == Some(Cut::Caption);
            best.features.is_kept(i)
                && (best.cut[i].is_none() || caption_with_image)
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
            std::mem::take(&mut best.text)
        } else {
            let mut renderer = TextRenderer::new(best.text.len());
            walk(
                &dom,
                &best.selection.roots,
                |i| !keep_in_text(i),
                &mut renderer,
            );
            renderer.finish()
        };
        if text.is_empty() {
            warnings.push("no article found: the page has no block of running text".to_owned());
        }
        let mut meta = meta;
        metadata::fill_from_article(
            &mut meta,
            &dom,
            &best.selection.roots,
            keep_in_text,
            &text,
            page_url.as_ref(),
        );
        let signals = signals(&dom, &best, &meta, markup.path, &text);
        let page_type = assess::page_type(&signals);
        let confidence = assess::confidence(&signals);
        let explanation =
            record.then(|| explain::record(&dom, &body_cues, &best, &notes, &meta, signals));
        let article = Article {
            title: meta.title,
            byline: meta.byline,
            date: meta.date,
            modified: meta.modified,
            site_name: meta.site_name,
            lang: meta.lang,
            description: meta.description,
            url: meta.url,
            image: meta.image,
            tags: meta.tags,
            categories: meta.categories,
            text,
            html: html_out,
            markdown,
            comments,
            warnings,
            page_type,
            confidence,
        };
        Ok((article, explanation))
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

/// What every pass over one page shares.
#[derive(Clone, Copy)]
struct PageContext<'p, 'a> {
    dom: &'p Dom<'a>,
    cues: &'p [ClassCues],
    leaning: Leaning,
    /// A thread or a Q&A page: the posts' chrome is cut on every pass.
    discussion: bool,
    /// Whether passes keep a log of their selection, for explanations.
    record: bool,
}

fn run_pass(
    page: &PageContext,
    features: Rc<Features>,
    mode: CleanMode,
    step: u8,
    shape: PageShape,
) -> Pass {
    let PageContext {
        dom,
        cues,
        leaning,
        discussion,
        record,
    } = *page;
    let mut log = (record && mode.reads_article()).then(SelectLog::default);
    let selection = match mode {
        CleanMode::Article | CleanMode::Documentation => {
            select(dom, &features, cues, shape, leaning, log.as_mut())
        }
        CleanMode::Listing => None,
    }
    .unwrap_or_else(|| main_region(dom, &features));
    let cut = clean(dom, &features, cues, &selection, mode, leaning, discussion);
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
        step,
        log,
    }
}

fn decoded_warnings(decoded: &decode::Decoded<'_>, article: &mut Article) {
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
}

/// The evidence for the page type and the confidence, from what the
/// pipeline computed (no new walk over the tree).
fn signals(dom: &Dom, best: &Pass, meta: &Metadata, path: String, text: &str) -> Signals {
    let f = &best.features;
    let roots = &best.selection.roots;
    let sum = |table: &[u32]| roots.iter().map(|&r| table[r]).sum::<u32>();
    let (text_len, link_len) = (sum(&f.text_len), sum(&f.link_len));
    let body = dom.find_tag(Tag::Body).unwrap_or(0);
    let title_in_text = meta.title.as_deref().is_some_and(|title| {
        let head: String = text.chars().take(title.chars().count() + 200).collect();
        head.to_lowercase().contains(&title.to_lowercase())
    });
    let c = &meta.counts;
    Signals {
        text_chars: text.chars().count() as u32,
        page_chars: f.text_len[body],
        link_density: if text_len == 0 {
            0.0
        } else {
            link_len as f32 / text_len as f32
        },
        paragraphs: sum(&f.paragraphs),
        top_score: best.selection.top_score,
        runner_up: best.selection.runner_up,
        ladder_step: best.step,
        listing: best.mode == CleanMode::Listing,
        title_in_text,
        has_byline: meta.byline.is_some(),
        has_date: meta.date.is_some(),
        pre: c.pre,
        code: c.code,
        articles: c.articles,
        fields: c.fields,
        comment_boxes: c.comment_boxes,
        headings: c.headings,
        list_items: c.list_items,
        product_microdata: c.product_microdata,
        post_microdata: c.post_microdata,
        prices: c.prices,
        ld_types: meta.ld_types.clone(),
        path,
    }
}
