//! Judge the result: what kind of page this is, and how likely the
//! extraction is good. Both are small functions of evidence the pipeline has
//! already computed ([`Signals`]); nothing here walks the tree again.

use serde::Serialize;

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

impl Signals {
    fn has_ld(&self, names: &[&str]) -> bool {
        self.ld_types.iter().any(|t| names.contains(&t.as_str()))
    }

    fn path_has(&self, words: &[&str]) -> bool {
        self.path
            .split(|c: char| !c.is_alphanumeric())
            .any(|segment| words.contains(&segment))
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

/// schema.org types of the page types (lower case).
const LD_PRODUCT: &[&str] = &["product", "offer", "aggregateoffer", "productgroup"];
const LD_FORUM: &[&str] = &["discussionforumposting", "qapage", "question", "answer"];
const LD_DOCS: &[&str] = &["techarticle", "apireference", "softwaresourcecode"];
const LD_ARTICLE: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "opinionnewsarticle",
    "analysisnewsarticle",
    "scholarlyarticle",
    "recipe",
    "review",
    "liveblogposting",
];
const LD_COLLECTION: &[&str] = &["collectionpage", "itemlist", "searchresultspage"];
const LD_SERVICE: &[&str] = &[
    "service",
    "localbusiness",
    "professionalservice",
    "aboutpage",
    "contactpage",
];

/// URL path words of documentation sites and of threads.
const PATH_DOCS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "manual",
    "reference",
    "api",
    "guide",
    "guides",
    "tutorial",
    "handbook",
];
const PATH_FORUM: &[&str] = &[
    "forum",
    "forums",
    "thread",
    "threads",
    "topic",
    "topics",
    "questions",
    "discussion",
    "community",
    "showthread",
    "viewtopic",
];
const PATH_PRODUCT: &[&str] = &["product", "products", "item", "dp", "shop", "p"];
const PATH_COLLECTION: &[&str] = &[
    "category",
    "categories",
    "collections",
    "collection",
    "tag",
    "c",
];

/// The page type, when the evidence is clear.
pub(crate) fn page_type(s: &Signals) -> Option<PageType> {
    if s.has_ld(LD_PRODUCT) || s.product_microdata > 0 || s.prices > 0 {
        return Some(PageType::Product);
    }
    if s.has_ld(LD_FORUM) || s.post_microdata >= 3 || s.path_has(PATH_FORUM) {
        return Some(PageType::Forum);
    }
    if s.has_ld(LD_DOCS) || s.path_has(PATH_DOCS) || (s.pre >= 3 && !s.has_date) {
        return Some(PageType::Documentation);
    }
    if s.has_ld(LD_COLLECTION) || s.path_has(PATH_COLLECTION) {
        return Some(PageType::Collection);
    }
    if s.listing {
        return Some(PageType::Listing);
    }
    if s.path_has(PATH_PRODUCT) {
        return Some(PageType::Product);
    }
    if s.has_ld(LD_SERVICE) {
        return Some(PageType::Service);
    }
    if s.has_ld(LD_ARTICLE) || (s.has_date && s.text_chars >= 1000) {
        return Some(PageType::Article);
    }
    None
}

/// How likely the extraction is good, 0..1: a logistic function of the
/// evidence (length, links, margin over the runner-up, ladder step,
/// listing reading, title found in the text).
pub(crate) fn confidence(s: &Signals) -> f32 {
    if s.text_chars == 0 {
        return 0.0;
    }
    let length = ((s.text_chars as f32).ln() - 7.0).clamp(-3.0, 3.0);
    let mut z = 0.2 + 0.8 * length;
    z -= 4.0 * s.link_density;
    z += 1.0 * s.margin();
    z -= 0.6 * f32::from(s.ladder_step);
    if s.listing {
        z -= 1.0;
    }
    if s.title_in_text {
        z += 0.5;
    }
    1.0 / (1.0 + (-z).exp())
}
