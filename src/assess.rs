//! Judge the result: what kind of page this is, and how likely the
//! extraction is good. Both are small functions of evidence the pipeline has
//! already computed ([`Signals`]); nothing here walks the tree again.

use serde::Serialize;

use crate::metadata::Metadata;

/// What kind of page the article came from.
///
/// Set on [`Article::page_type`](crate::Article::page_type) only when the
/// evidence is clear; `None` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PageType {
    /// A news story, blog post, essay, recipe, review.
    Article,
    /// A discussion thread or Q&A page: several posts by several people.
    Forum,
    /// A product page: one item for sale, with price and offer.
    Product,
    /// A category or archive page: many items of one kind.
    Collection,
    /// A list of links or results (search results, index pages).
    Listing,
    /// Software documentation or a reference page.
    Documentation,
    /// A page about a business or a service (home, about, pricing, contact).
    Service,
}

impl PageType {
    /// The lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }
}

/// The evidence behind [`PageType`] and the confidence score, as the
/// pipeline measured it. Shown in an [`Explanation`](crate::Explanation).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Signals {
    /// Characters of article text.
    pub text_chars: u32,
    /// Visible characters of the whole page (after the never-content strip).
    pub page_chars: u32,
    /// Share of the article's text inside links.
    pub link_density: f32,
    /// `<p>`, `<pre>` and `<blockquote>` blocks in the article.
    pub paragraphs: u32,
    /// The chosen container's score.
    pub top_score: f32,
    /// The best score of a candidate neither inside nor around the chosen one.
    pub runner_up: f32,
    /// Which step of the flag ladder gave the result (0 = strictest).
    pub ladder_step: u8,
    /// Whether the page was read as a listing (its main region, relaxed).
    pub listing: bool,
    /// Whether the title is found at the start of the article text.
    pub title_in_text: bool,
    /// Whether the page has a byline and a date.
    pub has_byline: bool,
    /// Whether the page has a publication date.
    pub has_date: bool,
    /// `<pre>` elements on the page.
    pub pre: u32,
    /// `<code>` elements on the page.
    pub code: u32,
    /// `<article>` elements on the page.
    pub articles: u32,
    /// Form fields on the page.
    pub fields: u32,
    /// Boxes whose class/id names comments or posts.
    pub comment_boxes: u32,
    /// `<h2>`/`<h3>` headings on the page.
    pub headings: u32,
    /// List items on the page.
    pub list_items: u32,
    /// Microdata items typed Product/Offer.
    pub product_microdata: u32,
    /// Microdata items typed as posts, comments, questions or answers.
    pub post_microdata: u32,
    /// Microdata `price` properties.
    pub prices: u32,
    /// JSON-LD `@type`s, lower case.
    pub ld_types: Vec<String>,
    /// The canonical URL's path, lower case.
    pub path: String,
}

fn ld_has(ld_types: &[String], names: &[&str]) -> bool {
    ld_types.iter().any(|t| names.contains(&t.as_str()))
}

fn path_has(path: &str, words: &[&str]) -> bool {
    // Segments and file names ("showthread.php"), not the words of a slug:
    // "/top-10-board-games/" is no board, "…-you-don-t-…" no Discourse "t".
    // The query's keys are segments already (`url_path`).
    path.split(['/', '.', ';'])
        .any(|segment| words.contains(&segment))
}

/// The lower-cased path of the page's canonical URL ("" without one).
/// The query's keys follow as extra segments: forum software names its
/// pages there too ("index.php?topic=12", "showthread.php?t=9").
fn url_path(meta: &Metadata) -> String {
    meta.url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| {
            let mut path = u.path().to_ascii_lowercase();
            for (key, _) in u.query_pairs() {
                path.push('/');
                path.push_str(&key.to_ascii_lowercase());
            }
            path
        })
        .unwrap_or_default()
}

/// What the page's markup says about its kind, read once from metadata
/// before the body is chosen (the canonical URL parsed once).
#[derive(Debug, Clone, Default)]
pub(crate) struct PageMarkup {
    /// The canonical URL's path and query keys, lower case ("" without one).
    pub path: String,
    /// A discussion thread (a forum topic): its replies are its content,
    /// not comments under an article. A Q&A page is not counted: its
    /// answers are read as body anyway, and the comments under the
    /// question and the answers stay comments.
    pub thread: bool,
    /// A discussion: a thread, or a Q&A page (a question and its answers).
    /// Both print action bars, counters and reply titles around the posts.
    pub discussion: bool,
    /// A page selling a product (JSON-LD or microdata): boxes named for
    /// reviews hold the customers' reviews. Not an article about products
    /// (a buying guide, a review: its sections are the reviews) nor a local
    /// business's page (its testimonials are part of its pitch).
    pub product: bool,
    /// Documentation: a TechArticle or API reference, a docs path, or code
    /// blocks on an undated page. Never a thread.
    pub documentation: bool,
    /// The JSON-LD declares an article (news, blog post, review, recipe,
    /// how-to).
    pub declares_article: bool,
}

impl PageMarkup {
    pub(crate) fn of(meta: &Metadata) -> PageMarkup {
        let ld = |names: &[&str]| ld_has(&meta.ld_types, names);
        let path = url_path(meta);
        let question = ld(&["qapage"]) || meta.counts.qa_microdata > 0;
        // A forum path outweighs Q&A markup: forum software marks topics up
        // as QAPage while their replies sit in boxes named for comments.
        let forum_path = path_has(&path, PATH_FORUM) && !path_has(&path, &["questions"]);
        let thread = forum_path
            || (!question && (ld(&["discussionforumposting"]) || meta.counts.post_microdata >= 3));
        let declares_article = ld(LD_ARTICLE);
        let product = (ld(&["product", "productgroup"])
            || meta.counts.product_microdata > 0
            || (path_has(&path, PATH_PRODUCT) && !thread))
            && !declares_article
            && !ld(&["localbusiness"]);
        let documentation = !thread
            && (ld(LD_DOCS)
                || path_has(&path, PATH_DOCS)
                || (meta.counts.pre >= 3 && meta.date.is_none()));
        PageMarkup {
            path,
            discussion: thread || question,
            thread,
            product,
            documentation,
            declares_article,
        }
    }
}

impl Signals {
    fn has_ld(&self, names: &[&str]) -> bool {
        ld_has(&self.ld_types, names)
    }

    fn path_has(&self, words: &[&str]) -> bool {
        path_has(&self.path, words)
    }

    /// How far ahead of the runner-up the chosen container scored, 0..1.
    pub fn margin(&self) -> f32 {
        if self.top_score <= 0.0 {
            0.0
        } else {
            (1.0 - self.runner_up / self.top_score).clamp(0.0, 1.0)
        }
    }
}

/// schema.org types of the page types (lower case). `Question`/`Answer`
/// are left out: FAQ blocks on any page carry them.
const LD_FORUM: &[&str] = &["discussionforumposting", "qapage"];
const LD_PRODUCT: &[&str] = &["product", "offer", "aggregateoffer", "productgroup"];
const LD_COLLECTION: &[&str] = &["collectionpage"];
const LD_DOCS: &[&str] = &["techarticle", "apireference"];
const LD_SERVICE: &[&str] = &["service", "softwareapplication"];
const LD_ARTICLE: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "opinionnewsarticle",
    "scholarlyarticle",
    "recipe",
    "review",
    "howto",
    "person",
];

/// URL path segments (of the canonical URL) that name a page's kind on
/// most sites: forum software, shops, documentation generators, blogs.
const PATH_FORUM: &[&str] = &[
    "forum",
    "forums",
    "board",
    "boards",
    "thread",
    "threads",
    "topic",
    "t",
    "questions",
    "discussion",
    "showthread",
    "viewtopic",
    "comments",
];
const PATH_COLLECTION: &[&str] = &["collections", "category", "categories", "c"];
const PATH_PRODUCT: &[&str] = &["product", "products", "dp", "item"];
const PATH_DOCS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "reference",
    "api",
    "tutorial",
    "manual",
];
const PATH_SERVICE: &[&str] = &["services"];
const PATH_ARTICLE: &[&str] = &["blog", "article", "articles", "post", "posts", "news"];

/// The page type, when the evidence is clear: a decision list, strongest
/// evidence first (fitted on WCXB dev; see the README for its accuracy).
pub(crate) fn page_type(s: &Signals) -> Option<PageType> {
    if s.has_ld(LD_FORUM) || s.path_has(PATH_FORUM) || s.post_microdata >= 3 {
        return Some(PageType::Forum);
    }
    let product = s.has_ld(LD_PRODUCT) || s.product_microdata > 0 || s.prices > 0;
    // Many products read as a listing: a shop's category page.
    if s.has_ld(LD_COLLECTION) || s.path_has(PATH_COLLECTION) || (product && s.listing) {
        return Some(PageType::Collection);
    }
    if product || s.path_has(PATH_PRODUCT) {
        return Some(PageType::Product);
    }
    // Code blocks on an undated page: documentation, not a blog post.
    if s.has_ld(LD_DOCS) || s.path_has(PATH_DOCS) || (s.pre >= 3 && !s.has_date) {
        return Some(PageType::Documentation);
    }
    if s.has_ld(LD_SERVICE) || s.path_has(PATH_SERVICE) {
        return Some(PageType::Service);
    }
    if s.listing {
        return Some(PageType::Listing);
    }
    if s.has_ld(LD_ARTICLE)
        || s.path_has(PATH_ARTICLE)
        || s.has_date
        || s.has_byline
        || s.articles == 1
    {
        return Some(PageType::Article);
    }
    None
}

/// How likely the extraction is good, 0..1: a logistic function of the
/// evidence, fitted on WCXB dev by rank correlation with word F1. Links in
/// the result weigh most; then the margin over the runner-up, the fallbacks
/// taken (ladder steps, listing reading), a date, and the page type (article
/// pages are extracted best; product, collection, listing and service pages
/// worst).
pub(crate) fn confidence(s: &Signals) -> f32 {
    if s.text_chars == 0 {
        return 0.0;
    }
    let mut z = 1.2 - 9.0 * s.link_density + 0.75 * s.margin();
    z -= 0.35 * f32::from(s.ladder_step);
    if s.listing {
        z -= 1.0;
    }
    if s.has_date {
        z += 0.25;
    }
    z += match page_type(s) {
        Some(PageType::Article) => 0.75,
        None => 0.5,
        Some(PageType::Forum | PageType::Documentation) => 0.0,
        Some(_) => -0.5,
    };
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals() -> Signals {
        Signals {
            text_chars: 3000,
            paragraphs: 10,
            top_score: 100.0,
            runner_up: 20.0,
            link_density: 0.02,
            ..Signals::default()
        }
    }

    #[test]
    fn page_types_from_evidence() {
        let with = |f: &dyn Fn(&mut Signals)| {
            let mut s = signals();
            f(&mut s);
            page_type(&s)
        };
        assert_eq!(with(&|_| {}), None, "no evidence: unsure");
        assert_eq!(with(&|s| s.has_date = true), Some(PageType::Article));
        assert_eq!(
            with(&|s| s.ld_types = vec!["discussionforumposting".into()]),
            Some(PageType::Forum)
        );
        assert_eq!(
            with(&|s| s.path = "/community/threads/tide-tables.1234/".into()),
            Some(PageType::Forum)
        );
        assert_eq!(with(&|s| s.prices = 1), Some(PageType::Product));
        assert_eq!(
            with(&|s| {
                s.product_microdata = 12;
                s.listing = true;
            }),
            Some(PageType::Collection)
        );
        assert_eq!(with(&|s| s.pre = 4), Some(PageType::Documentation));
        assert_eq!(
            with(&|s| {
                s.pre = 4;
                s.has_date = true;
            }),
            Some(PageType::Article),
            "a dated post with code is a blog post"
        );
        assert_eq!(with(&|s| s.listing = true), Some(PageType::Listing));
        assert_eq!(
            with(&|s| s.ld_types = vec!["question".into(), "faqpage".into()]),
            None,
            "an FAQ block says nothing about the page"
        );
    }

    #[test]
    fn path_words_are_segments_and_file_names_not_slug_words() {
        assert!(path_has("/t/starter-smells/8812", PATH_FORUM));
        assert!(path_has("/showthread.php", PATH_FORUM));
        assert!(path_has("/boards/412-handheld/77012345", PATH_FORUM));
        assert!(path_has(
            "/r/bikes/comments/abc123/why_spokes_snap/",
            PATH_FORUM
        ));
        assert!(!path_has("/top-10-board-games-of-2025/", PATH_FORUM));
        assert!(!path_has("/why-you-don-t-need-it-1690268064", PATH_FORUM));
    }

    #[test]
    fn query_keys_count_as_path_segments() {
        let meta = Metadata {
            url: Some("https://forum.example/index.php?topic=1234.0&PHPSESSID=x".into()),
            ..Metadata::default()
        };
        let path = url_path(&meta);
        assert_eq!(path, "/index.php/topic/phpsessid");
        assert!(path_has(&path, PATH_FORUM));
    }

    #[test]
    fn confidence_falls_with_links_fallbacks_and_no_text() {
        let good = confidence(&signals());
        assert!(good > 0.5 && good <= 1.0, "{good}");
        let mut linky = signals();
        linky.link_density = 0.4;
        assert!(confidence(&linky) < 0.5);
        let mut fallback = signals();
        fallback.ladder_step = 2;
        fallback.listing = true;
        assert!(confidence(&fallback) < good);
        let mut close = signals();
        close.runner_up = 95.0;
        assert!(confidence(&close) < good);
        assert_eq!(confidence(&Signals::default()), 0.0);
    }
}
