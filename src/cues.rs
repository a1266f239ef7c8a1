//! Every token list the pipeline uses, in one place, each compiled once.
//!
//! Two kinds of evidence:
//! - class/id words (`ClassCues`): what page authors and CMSs call their
//!   boxes. Matched with one Aho-Corasick automaton over the lower-cased
//!   `class` + `id` string, with word-boundary rules per pattern so that
//!   `ad` does not fire inside `head`.
//! - phrases in the visible text (`phrase_*`): the labels readers see on
//!   boilerplate ("See also", "Lesen Sie auch", "Leave a Reply"), in the
//!   languages we support: en, de, fr, es, pt, it, pl (and a few more where
//!   they were free).

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use once_cell::sync::Lazy;

/// Bit set of class/id evidence on one element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ClassCues(pub u32);

impl ClassCues {
    /// Readability's "unlikely candidate" words: page furniture that is
    /// almost never the article container.
    pub const UNLIKELY: u32 = 1 << 0;
    /// Words that rescue an unlikely element ("main-sidebar-content").
    pub const MAYBE_CONTENT: u32 = 1 << 1;
    /// Negative weight when scoring a container.
    pub const NEGATIVE: u32 = 1 << 2;
    /// Positive weight when scoring a container.
    pub const POSITIVE: u32 = 1 << 3;
    /// Boilerplate even inside the article: the categories below.
    pub const SHARE: u32 = 1 << 4;
    pub const RELATED: u32 = 1 << 5;
    pub const NEWSLETTER: u32 = 1 << 6;
    pub const COMMENTS: u32 = 1 << 7;
    pub const AUTHOR_BIO: u32 = 1 << 8;
    pub const TAGS: u32 = 1 << 9;
    pub const NAVIGATION: u32 = 1 << 10;
    pub const COOKIE: u32 = 1 << 11;
    pub const ADVERT: u32 = 1 << 12;
    pub const FOOTER: u32 = 1 << 13;
    pub const SIDEBAR: u32 = 1 << 14;
    /// Visually hidden helper text ("sr-only", "screen-reader-text").
    pub const HIDDEN: u32 = 1 << 15;
    /// Strong signs of the article body itself ("entry-content",
    /// "articleBody"): never removed by class cues.
    pub const ARTICLE_BODY: u32 = 1 << 16;
    /// Meta lines around the headline: byline, dateline.
    pub const META: u32 = 1 << 17;
    /// A byline or author name box (metadata reads it; "author-bio" boxes
    /// are told apart by [`ClassCues::AUTHOR_BIO`]).
    pub const BYLINE: u32 = 1 << 18;
    /// A date line ("post-date", "published", German/Dutch "datum",
    /// Spanish "fecha", "publié", "pubblicato"): metadata reads written
    /// dates there.
    pub const DATE: u32 = 1 << 19;
    /// A collapsible panel (accordion, tab, FAQ answer): content a reader
    /// opens with one click, so hiding it does not make it boilerplate.
    pub const DISCLOSURE: u32 = 1 << 20;
    /// The standfirst under a headline (dek, lead, teaser, perex): part of
    /// the article, though often placed in its header.
    pub const LEAD: u32 = 1 << 21;
    /// A box laid over the page (a shop's slide-in mini cart): it holds a
    /// widget, never the article. Not "modal" or "popup": pages put such
    /// state classes on the wrappers of their content.
    pub const OVERLAY: u32 = 1 << 22;
    /// A box named for reviews: on a product page, the customers' reviews
    /// (on a review site, the review itself: read only by page type).
    pub const REVIEW: u32 = 1 << 23;
    /// Legal small print: disclaimers, affiliate and advertising
    /// disclosures.
    pub const DISCLAIMER: u32 = 1 << 24;
    /// On a discussion thread, a box named for comments or replies: it
    /// holds posts (set in place of [`ClassCues::COMMENTS`]).
    pub const THREAD_POSTS: u32 = 1 << 25;
    /// A box named for the author ("author", "post-author", "autor"): the
    /// byline when short, the author's bio and links when longer. Its
    /// name is read into metadata; in an article's body it is chrome.
    pub const AUTHOR_BOX: u32 = 1 << 26;
    /// A box named for an image's caption or credit ("wp-caption-text",
    /// "photo-credit", "Bildunterschrift").
    pub const CAPTION: u32 = 1 << 27;
    /// A box named for search-engine copy ("seo-text", "seoFooterCopy",
    /// "category-seo-content"): a shop's or category page's descriptive
    /// text, wherever the layout puts it, so a furniture word in the same
    /// name ("footer", "bottom") does not make it page furniture.
    pub const SEO_COPY: u32 = 1 << 28;

    pub const BOILERPLATE: u32 = Self::SHARE
        | Self::RELATED
        | Self::NEWSLETTER
        | Self::COMMENTS
        | Self::AUTHOR_BIO
        | Self::TAGS
        | Self::NAVIGATION
        | Self::COOKIE
        | Self::ADVERT
        | Self::FOOTER
        | Self::SIDEBAR
        | Self::DISCLAIMER;

    pub fn has(self, bits: u32) -> bool {
        self.0 & bits != 0
    }

    /// The cues of a box on a discussion thread: a box named for comments
    /// or replies holds posts, so it is neither unlikely nor boilerplate.
    pub fn as_thread_post(self) -> ClassCues {
        if self.has(Self::COMMENTS) {
            ClassCues(
                self.0 & !(Self::COMMENTS | Self::UNLIKELY | Self::NEGATIVE) | Self::THREAD_POSTS,
            )
        } else {
            self
        }
    }

    /// The cues of a box on a product page: a box named for reviews holds
    /// the customers' reviews, comments on the product rather than its
    /// description.
    pub fn as_product_review(self) -> ClassCues {
        if self.has(Self::REVIEW) {
            ClassCues(self.0 | Self::COMMENTS | Self::UNLIKELY | Self::NEGATIVE)
        } else {
            self
        }
    }

    /// A short name of the first boilerplate category set, for explanations.
    pub fn boilerplate_name(self) -> &'static str {
        const NAMES: [(u32, &str); 12] = [
            (ClassCues::SHARE, "share"),
            (ClassCues::RELATED, "related"),
            (ClassCues::NEWSLETTER, "newsletter"),
            (ClassCues::COMMENTS, "comments"),
            (ClassCues::AUTHOR_BIO, "author-bio"),
            (ClassCues::TAGS, "tags"),
            (ClassCues::NAVIGATION, "navigation"),
            (ClassCues::COOKIE, "cookie"),
            (ClassCues::ADVERT, "advert"),
            (ClassCues::FOOTER, "footer"),
            (ClassCues::SIDEBAR, "sidebar"),
            (ClassCues::DISCLAIMER, "disclaimer"),
        ];
        NAMES
            .iter()
            .find(|(bit, _)| self.0 & bit != 0)
            .map(|(_, name)| *name)
            .unwrap_or("boilerplate")
    }
}

/// How a class/id pattern must sit in the string.
#[derive(Clone, Copy)]
enum Bound {
    /// Anywhere ("sidebar" in "rightsidebar").
    Any,
    /// Starts at a word start ("comment" in "comment-list", "comments").
    Start,
    /// A whole word between separators ("ad" in "ad-slot", not in "head").
    Word,
    /// At the start of a class name or id ("header" in "header-inner", not
    /// in "card-header": a component's own header is part of it).
    Token,
}

use Bound::{Any, Start, Token, Word};

/// (pattern, boundary, cue bits). Lower case; separators are `-`, `_`,
/// space, or a case change already folded away.
const CLASS_PATTERNS: &[(&str, Bound, u32)] = &[
    // Readability.js unlikelyCandidates, kept because they hold up on the web.
    ("banner", Any, ClassCues::UNLIKELY),
    (
        "breadcrumb",
        Any,
        ClassCues::UNLIKELY | ClassCues::NAVIGATION,
    ),
    ("combx", Any, ClassCues::UNLIKELY | ClassCues::NEGATIVE),
    (
        "comment",
        Start,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::COMMENTS,
    ),
    ("community", Any, ClassCues::UNLIKELY),
    ("disqus", Any, ClassCues::UNLIKELY | ClassCues::COMMENTS),
    ("extra", Start, ClassCues::UNLIKELY),
    (
        "footer",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::FOOTER,
    ),
    // The page's own header under its common compound names.
    ("site-header", Any, ClassCues::UNLIKELY),
    ("page-header", Any, ClassCues::UNLIKELY),
    ("global-header", Any, ClassCues::UNLIKELY),
    ("main-header", Any, ClassCues::UNLIKELY),
    (
        "gdpr",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::COOKIE,
    ),
    ("header", Token, ClassCues::UNLIKELY),
    ("menu", Any, ClassCues::UNLIKELY | ClassCues::NAVIGATION),
    (
        "related",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::RELATED,
    ),
    ("remark", Any, ClassCues::UNLIKELY),
    ("replies", Any, ClassCues::UNLIKELY | ClassCues::COMMENTS),
    ("rss", Word, ClassCues::UNLIKELY),
    ("shoutbox", Any, ClassCues::UNLIKELY | ClassCues::NEGATIVE),
    (
        "sidebar",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::SIDEBAR,
    ),
    (
        "skyscraper",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::ADVERT,
    ),
    ("social", Any, ClassCues::UNLIKELY | ClassCues::SHARE),
    (
        "sponsor",
        Any,
        ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::ADVERT,
    ),
    ("supplemental", Any, ClassCues::UNLIKELY),
    ("agegate", Any, ClassCues::UNLIKELY),
    (
        "pagination",
        Any,
        ClassCues::UNLIKELY | ClassCues::NAVIGATION,
    ),
    ("pager", Word, ClassCues::UNLIKELY | ClassCues::NAVIGATION),
    // Not an overlay cue: pages put "modal-open", "popup-ready" state
    // classes on the wrappers of their content.
    ("popup", Any, ClassCues::UNLIKELY),
    ("modal", Word, ClassCues::UNLIKELY),
    // Shops' slide-in carts (Magento's "minicart", Shopify themes'
    // "cart-drawer").
    ("minicart", Any, ClassCues::UNLIKELY | ClassCues::OVERLAY),
    ("mini-cart", Any, ClassCues::UNLIKELY | ClassCues::OVERLAY),
    ("cart-drawer", Any, ClassCues::UNLIKELY | ClassCues::OVERLAY),
    ("seo", Start, ClassCues::SEO_COPY),
    // Rescue words (Readability.js okMaybeItsACandidate).
    ("and", Word, ClassCues::MAYBE_CONTENT),
    (
        "article",
        Any,
        ClassCues::MAYBE_CONTENT | ClassCues::POSITIVE,
    ),
    ("body", Any, ClassCues::MAYBE_CONTENT | ClassCues::POSITIVE),
    ("column", Any, ClassCues::MAYBE_CONTENT),
    (
        "content",
        Any,
        ClassCues::MAYBE_CONTENT | ClassCues::POSITIVE,
    ),
    ("main", Any, ClassCues::MAYBE_CONTENT | ClassCues::POSITIVE),
    ("shadow", Any, ClassCues::MAYBE_CONTENT),
    // Weights (Readability.js positive / negative class words).
    ("entry", Start, ClassCues::POSITIVE),
    ("hentry", Word, ClassCues::POSITIVE),
    ("post", Start, ClassCues::POSITIVE),
    ("text", Start, ClassCues::POSITIVE),
    ("blog", Start, ClassCues::POSITIVE),
    ("story", Start, ClassCues::POSITIVE),
    ("page", Word, ClassCues::POSITIVE),
    ("contact", Start, ClassCues::NEGATIVE),
    ("masthead", Any, ClassCues::NEGATIVE),
    ("meta", Word, ClassCues::NEGATIVE | ClassCues::META),
    ("outbrain", Any, ClassCues::NEGATIVE | ClassCues::RELATED),
    ("taboola", Any, ClassCues::NEGATIVE | ClassCues::RELATED),
    ("promo", Start, ClassCues::NEGATIVE | ClassCues::ADVERT),
    ("shopping", Any, ClassCues::NEGATIVE),
    ("widget", Any, ClassCues::NEGATIVE),
    // Boilerplate inside the article (trafilatura-style cleaning).
    // "share" as a word, and the share widgets' run-together names; not
    // any word starting "share": "shared-styles" names shared CSS.
    ("share", Word, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("shares", Word, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharebar", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharebox", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharebuttons", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("shareicons", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharelinks", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharethis", Any, ClassCues::SHARE),
    ("shareaholic", Any, ClassCues::SHARE),
    ("shared-counts", Any, ClassCues::SHARE),
    ("sharing", Any, ClassCues::NEGATIVE | ClassCues::SHARE),
    ("sharedaddy", Any, ClassCues::SHARE),
    ("addtoany", Any, ClassCues::SHARE),
    ("a2a", Word, ClassCues::SHARE),
    ("sociable", Any, ClassCues::SHARE),
    ("follow-us", Any, ClassCues::SHARE),
    (
        "newsletter",
        Any,
        ClassCues::NEGATIVE | ClassCues::NEWSLETTER,
    ),
    (
        "subscribe",
        Any,
        ClassCues::NEGATIVE | ClassCues::NEWSLETTER,
    ),
    ("subscription", Any, ClassCues::NEWSLETTER),
    ("signup", Any, ClassCues::NEWSLETTER),
    ("sign-up", Any, ClassCues::NEWSLETTER),
    ("mailchimp", Any, ClassCues::NEWSLETTER),
    ("mc4wp", Any, ClassCues::NEWSLETTER),
    ("optin", Any, ClassCues::NEWSLETTER),
    ("respond", Word, ClassCues::COMMENTS),
    ("discussion", Any, ClassCues::COMMENTS),
    // Shop pages: the customers' reviews are comments, not the product text.
    (
        "reviews",
        Word,
        ClassCues::NEGATIVE | ClassCues::COMMENTS | ClassCues::REVIEW,
    ),
    ("review", Word, ClassCues::REVIEW),
    ("user-review", Any, ClassCues::COMMENTS),
    ("customer-review", Any, ClassCues::COMMENTS),
    ("disclaimer", Any, ClassCues::DISCLAIMER),
    ("affiliate-disclosure", Any, ClassCues::DISCLAIMER),
    ("ad-disclosure", Any, ClassCues::DISCLAIMER),
    ("author-bio", Any, ClassCues::AUTHOR_BIO),
    ("authorbio", Any, ClassCues::AUTHOR_BIO),
    ("author-box", Any, ClassCues::AUTHOR_BIO),
    ("authorbox", Any, ClassCues::AUTHOR_BIO),
    ("about-author", Any, ClassCues::AUTHOR_BIO),
    ("about-the-author", Any, ClassCues::AUTHOR_BIO),
    ("author-info", Any, ClassCues::AUTHOR_BIO),
    ("author-description", Any, ClassCues::AUTHOR_BIO),
    ("author-profile", Any, ClassCues::AUTHOR_BIO),
    ("bio-box", Any, ClassCues::AUTHOR_BIO),
    // Forum signatures (phpBB, vBulletin, XenForo): a personal blurb under
    // every post.
    ("signature", Start, ClassCues::AUTHOR_BIO),
    // Forum user cards beside each post: rank titles and join/post counts
    // (vBulletin `usertitle`, `userinfo_extra`; XenForo `userTitle`,
    // `message-userExtras`). The poster's name stays.
    ("user-title", Any, ClassCues::AUTHOR_BIO),
    ("usertitle", Any, ClassCues::AUTHOR_BIO),
    ("user-extras", Any, ClassCues::AUTHOR_BIO),
    ("userinfo-extra", Any, ClassCues::AUTHOR_BIO),
    ("user-stats", Any, ClassCues::AUTHOR_BIO),
    ("userstats", Any, ClassCues::AUTHOR_BIO),
    // phpBB's post profile rows (rank, post count, join date, custom fields).
    ("profile-rank", Any, ClassCues::AUTHOR_BIO),
    ("profile-posts", Any, ClassCues::AUTHOR_BIO),
    ("profile-joined", Any, ClassCues::AUTHOR_BIO),
    ("profile-custom-field", Any, ClassCues::AUTHOR_BIO),
    ("tags", Word, ClassCues::NEGATIVE | ClassCues::TAGS),
    ("tag-list", Any, ClassCues::TAGS),
    ("taglist", Any, ClassCues::TAGS),
    ("tag-cloud", Any, ClassCues::TAGS),
    ("tagcloud", Any, ClassCues::TAGS),
    ("post-tags", Any, ClassCues::TAGS),
    ("entry-tags", Any, ClassCues::TAGS),
    ("cat-links", Any, ClassCues::TAGS),
    ("tags-links", Any, ClassCues::TAGS),
    ("categories", Word, ClassCues::TAGS),
    ("post-navigation", Any, ClassCues::NAVIGATION),
    ("nav-links", Any, ClassCues::NAVIGATION),
    ("nav-previous", Any, ClassCues::NAVIGATION),
    ("nav-next", Any, ClassCues::NAVIGATION),
    ("navbar", Any, ClassCues::NAVIGATION | ClassCues::UNLIKELY),
    (
        "navigation",
        Any,
        ClassCues::NAVIGATION | ClassCues::UNLIKELY,
    ),
    ("nav", Word, ClassCues::NAVIGATION | ClassCues::UNLIKELY),
    ("skip-link", Any, ClassCues::NAVIGATION),
    ("skip-to", Any, ClassCues::NAVIGATION),
    ("back-to-top", Any, ClassCues::NAVIGATION),
    ("backtotop", Any, ClassCues::NAVIGATION),
    ("toolbar", Any, ClassCues::NAVIGATION),
    ("cookie", Any, ClassCues::UNLIKELY | ClassCues::COOKIE),
    ("consent", Any, ClassCues::UNLIKELY | ClassCues::COOKIE),
    // Consent-manager boxes ("cmpbox", "cmpwrapper"). Not a bare "cmp"
    // word: Adobe Experience Manager prefixes every component with "cmp-"
    // ("cmp-container", "cmp-text"), the content included.
    ("cmpbox", Any, ClassCues::COOKIE),
    ("cmpwrapper", Any, ClassCues::COOKIE),
    ("onetrust", Any, ClassCues::COOKIE),
    ("ad", Word, ClassCues::NEGATIVE | ClassCues::ADVERT),
    ("ads", Word, ClassCues::NEGATIVE | ClassCues::ADVERT),
    ("advert", Start, ClassCues::NEGATIVE | ClassCues::ADVERT),
    ("adslot", Any, ClassCues::ADVERT),
    ("ad-slot", Any, ClassCues::ADVERT),
    ("ad-container", Any, ClassCues::ADVERT),
    ("ad-wrapper", Any, ClassCues::ADVERT),
    ("adsbygoogle", Any, ClassCues::ADVERT),
    ("dfp", Word, ClassCues::ADVERT),
    ("sponsored", Any, ClassCues::ADVERT),
    ("recommended", Any, ClassCues::RELATED),
    ("recommendations", Any, ClassCues::RELATED),
    ("more-stories", Any, ClassCues::RELATED),
    ("read-more", Any, ClassCues::RELATED),
    ("readmore", Any, ClassCues::RELATED),
    ("read-next", Any, ClassCues::RELATED),
    ("popular", Start, ClassCues::RELATED),
    ("trending", Any, ClassCues::RELATED),
    ("jp-relatedposts", Any, ClassCues::RELATED),
    ("yarpp", Any, ClassCues::RELATED),
    ("crp_related", Any, ClassCues::RELATED),
    ("sr-only", Any, ClassCues::HIDDEN),
    ("screen-reader", Any, ClassCues::HIDDEN),
    ("visually-hidden", Any, ClassCues::HIDDEN),
    ("visuallyhidden", Any, ClassCues::HIDDEN),
    ("print-only", Any, ClassCues::HIDDEN),
    ("standfirst", Any, ClassCues::LEAD),
    ("dek", Word, ClassCues::LEAD),
    ("deck", Word, ClassCues::LEAD),
    ("lede", Word, ClassCues::LEAD),
    ("lead", Word, ClassCues::LEAD),
    ("subtitle", Word, ClassCues::LEAD),
    ("subheadline", Any, ClassCues::LEAD),
    ("excerpt", Word, ClassCues::LEAD),
    ("intro", Word, ClassCues::LEAD),
    ("teaser", Word, ClassCues::LEAD),
    ("perex", Any, ClassCues::LEAD),
    ("vorspann", Any, ClassCues::LEAD),
    ("preface", Any, ClassCues::LEAD),
    ("chapo", Word, ClassCues::LEAD),
    ("chapeau", Word, ClassCues::LEAD),
    ("sapo", Word, ClassCues::LEAD),
    ("entradilla", Any, ClassCues::LEAD),
    ("bajada", Word, ClassCues::LEAD),
    ("abstract", Word, ClassCues::LEAD),
    ("accordion", Any, ClassCues::DISCLOSURE),
    ("collapse", Start, ClassCues::DISCLOSURE),
    ("tab-pane", Any, ClassCues::DISCLOSURE),
    ("tabpanel", Any, ClassCues::DISCLOSURE),
    ("tab-content", Any, ClassCues::DISCLOSURE),
    ("faq", Start, ClassCues::DISCLOSURE),
    ("answer", Start, ClassCues::DISCLOSURE),
    ("expand", Start, ClassCues::DISCLOSURE),
    ("toggle-content", Any, ClassCues::DISCLOSURE),
    ("spoiler", Any, ClassCues::DISCLOSURE),
    // The article body itself, as the big CMSs and schema.org name it.
    (
        "entry-content",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "post-content",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "post-body",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "article-body",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "articlebody",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "article-content",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "story-body",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "field-name-body",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    (
        "mw-parser-output",
        Any,
        ClassCues::ARTICLE_BODY | ClassCues::POSITIVE,
    ),
    ("byline", Any, ClassCues::META | ClassCues::BYLINE),
    ("date", Any, ClassCues::DATE),
    ("datum", Any, ClassCues::DATE),
    ("fecha", Any, ClassCues::DATE),
    ("publi", Any, ClassCues::DATE),
    ("posted", Any, ClassCues::DATE),
    ("author", Word, ClassCues::BYLINE | ClassCues::AUTHOR_BOX),
    ("authors", Word, ClassCues::AUTHOR_BOX),
    ("autor", Word, ClassCues::BYLINE | ClassCues::AUTHOR_BOX),
    ("auteur", Word, ClassCues::BYLINE | ClassCues::AUTHOR_BOX),
    ("autore", Word, ClassCues::BYLINE | ClassCues::AUTHOR_BOX),
    ("dateline", Any, ClassCues::META),
    ("caption", Any, ClassCues::CAPTION),
    ("legend", Word, ClassCues::CAPTION),
    ("bildunterschrift", Any, ClassCues::CAPTION),
    ("imagedescription", Any, ClassCues::CAPTION),
    ("credit", Word, ClassCues::CAPTION),
    ("credits", Word, ClassCues::CAPTION),
    ("photocredit", Any, ClassCues::CAPTION),
    ("fotocredit", Any, ClassCues::CAPTION),
    ("bildnachweis", Any, ClassCues::CAPTION),
];

/// Compiles constant phrases, searched anywhere in a short block.
fn automaton<'p>(patterns: impl IntoIterator<Item = &'p str>, kind: MatchKind) -> AhoCorasick {
    build(
        patterns,
        kind,
        StartKind::Unanchored,
        AhoCorasickKind::ContiguousNFA,
    )
}

/// An automaton for phrases that must open the text (anchored searches).
fn anchored_automaton<'p>(
    patterns: impl IntoIterator<Item = &'p str>,
    kind: MatchKind,
) -> AhoCorasick {
    build(
        patterns,
        kind,
        StartKind::Anchored,
        AhoCorasickKind::ContiguousNFA,
    )
}

/// Building can only fail on a programming error, which the first test
/// that runs catches. The phrase lists are searched in a few short blocks
/// per page: a contiguous NFA, quick to build, keeps start-up low. The
/// class-name matcher runs on every class attribute: a DFA, slower to
/// build and fastest to search.
#[allow(clippy::expect_used)]
fn build<'p>(
    patterns: impl IntoIterator<Item = &'p str>,
    kind: MatchKind,
    start: StartKind,
    automaton: AhoCorasickKind,
) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .start_kind(start)
        .kind(Some(automaton))
        .build(patterns)
        .expect("constant patterns compile")
}

static CLASS_MATCHER: Lazy<AhoCorasick> = Lazy::new(|| {
    build(
        CLASS_PATTERNS.iter().map(|(p, _, _)| *p),
        MatchKind::Standard,
        StartKind::Unanchored,
        AhoCorasickKind::DFA,
    )
});

fn is_separator(b: u8) -> bool {
    !b.is_ascii_alphanumeric()
}

/// Words that, beside "seo", name a box of text rather than of links.
const SEO_PROSE_WORDS: [&str; 4] = ["copy", "text", "desc", "content"];

/// Classifies an element's `class` and `id` attributes. `scratch` is a
/// reusable buffer to avoid an allocation per element.
pub(crate) fn class_cues(
    class: Option<&str>,
    id: Option<&str>,
    scratch: &mut Vec<u8>,
) -> ClassCues {
    let bits = class_pattern_bits(class, id, scratch);
    ClassCues(settle_seo_copy(bits, scratch))
}

/// The cues of the class patterns found in `class` and `id`, before
/// [`settle_seo_copy`]; `scratch` is left holding the names as matched. No
/// pattern spans the space between the two names, so the bits of both are
/// the bits of each, or-ed.
pub(crate) fn class_pattern_bits(
    class: Option<&str>,
    id: Option<&str>,
    scratch: &mut Vec<u8>,
) -> u32 {
    scratch.clear();
    if class.is_none() && id.is_none() {
        return 0;
    }
    scratch.clear();
    for part in [class, id].into_iter().flatten() {
        // Lower-case byte by byte (class names are ASCII in practice; other
        // bytes pass through), with camelCase boundaries as separators:
        // "articleBody" and "article-body" are one convention.
        let mut prev_lower = false;
        for &byte in part.as_bytes() {
            if byte.is_ascii_uppercase() && prev_lower {
                scratch.push(b'-');
            }
            prev_lower = byte.is_ascii_lowercase();
            scratch.push(match byte {
                b'_' => b'-',
                b => b.to_ascii_lowercase(),
            });
        }
        scratch.push(b' ');
    }
    let bytes = scratch.as_slice();
    let mut bits = 0u32;
    for m in CLASS_MATCHER.find_overlapping_iter(bytes) {
        let (_, bound, cue) = CLASS_PATTERNS[m.pattern().as_usize()];
        let starts_word = m.start() == 0 || is_separator(bytes[m.start() - 1]);
        let ends_word = m.end() >= bytes.len() || is_separator(bytes[m.end()]);
        let ok = match bound {
            Any => true,
            Start => starts_word,
            Word => starts_word && ends_word,
            Token => m.start() == 0 || bytes[m.start() - 1] == b' ',
        };
        if ok {
            bits |= cue;
        }
    }
    bits
}

/// Search-engine copy is prose only when named so ("seo-text",
/// "seoFooterCopy"): then it is no page furniture, whatever else its names
/// say; "seo-breadcrumbs" and "seo-related-search" are link boxes like any
/// other. `bytes` are the names as matched.
fn settle_seo_copy(mut bits: u32, bytes: &[u8]) -> u32 {
    if bits & ClassCues::SEO_COPY != 0 {
        let prose = SEO_PROSE_WORDS
            .iter()
            .any(|w| bytes.windows(w.len()).any(|win| win == w.as_bytes()));
        if prose && bits & (ClassCues::NAVIGATION | ClassCues::RELATED) == 0 {
            bits &= !(ClassCues::UNLIKELY | ClassCues::NEGATIVE | ClassCues::FOOTER);
        } else {
            bits &= !ClassCues::SEO_COPY;
        }
    }
    bits
}

/// Labels that open a "see also" insert: a short line pointing at other
/// articles, placed inside the body by newsrooms and CMS plugins.
const SEE_ALSO_OPENERS: &[&str] = &[
    // en
    "see also",
    "read more",
    "read also",
    "also read",
    "read next",
    "related:",
    "related stories",
    "related articles",
    "related posts",
    "related reading",
    "related content",
    "more:",
    "more on this",
    "recommended:",
    "recommended reading",
    "you may also like",
    "you might also like",
    "don't miss",
    "don’t miss",
    "must read",
    "watch:",
    "listen:",
    "click here to read",
    "related coverage",
    "more news:",
    "most read:",
    "recommended for you",
    "keep reading:",
    // de
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "mehr zum thema",
    "auch interessant",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "siehe auch",
    "zum thema:",
    "schon gelesen",
    "auch lesen:",
    "lesen sie dazu",
    "passend dazu:",
    "mehr dazu:",
    "zum weiterlesen",
    "weiterlesen:",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "die redaktion empfiehlt",
    "empfehlungen aus der redaktion",
    "ähnliche beiträge",
    "weitere beiträge",
    "mehr themen:",
    "meistgelesen",
    // fr
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "à lire également",
    "à voir aussi",
    "voir aussi",
    "sur le même sujet",
    "lire la suite",
    "lire:",
    "à lire:",
    "dans la même rubrique",
    "sur le même thème",
    "les plus lus",
    // es
    "ver también",
    "lea también",
    "lee también",
    "lea más",
    "leer más",
    "te puede interesar",
    "puede interesarte",
    "también te puede interesar",
    "noticia relacionada",
    "noticias relacionadas",
    "relacionado:",
    "lea:",
    "lee:",
    "lea además",
    "lee además",
    "mire:",
    "mira:",
    "vea:",
    "vea también",
    "le puede interesar",
    "te podría interesar",
    "le podría interesar",
    "también le puede interesar",
    "puedes ver:",
    "puede ver:",
    "escucha esta nota",
    "te recomendamos",
    // pt
    "leia também",
    "leia mais",
    "veja também",
    "saiba mais",
    "confira também",
    "leia:",
    "veja:",
    "veja mais",
    "assista:",
    "mais lidas",
    // it
    "leggi anche",
    "leggi pure",
    "potrebbe interessarti",
    "vedi anche",
    "leggi:",
    "guarda anche",
    "ti potrebbe interessare",
    "da non perdere",
    "leggi di più",
    // pl
    "czytaj także",
    "czytaj też",
    "czytaj również",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "zobacz również",
    "przeczytaj również",
    "przeczytaj też",
    "polecamy",
    // nl
    "lees ook",
    "zie ook",
    "lees meer",
    "bekijk ook",
];

/// Calls to action that stand alone as a line: buttons drawn as links,
/// shop and account prompts. Matched against the whole (short) line.
const CALLS_TO_ACTION: &[&str] = &[
    // en
    "sign up",
    "sign up for free",
    "sign in",
    "sign in or join",
    "log in",
    "login",
    "register",
    "register now",
    "join now",
    "join",
    "add to cart",
    "add to basket",
    "add to bag",
    "buy now",
    "shop now",
    "book now",
    "order now",
    "get started",
    "learn more",
    "find out more",
    "contact us",
    "get in touch",
    "subscribe",
    "subscribe now",
    "out of stock",
    "in stock",
    "sold out",
    "notify me",
    "coming soon",
    "click to expand...",
    "click to expand",
    "ask question",
    "download",
    "download now",
    "apply now",
    "request a quote",
    "get a quote",
    "see all",
    "see all products",
    "view all",
    "show more",
    "load more",
    "more to explore",
    "free shipping",
    "back to top",
    "print",
    "share",
    "tweet",
    "email",
    "reply",
    "quote",
    "report",
    "report abuse",
    "report post",
    "report this post",
    "report comment",
    "report inappropriate content",
    "flag as inappropriate",
    // product grids' controls
    "add to compare",
    "compare",
    "compare products",
    "quick shop",
    "quick view",
    "quick add",
    "add to wishlist",
    "+ wishlist",
    "wishlist",
    "on wishlist",
    "see details",
    "view details",
    "filter",
    "filters",
    "filter by",
    "sort",
    "sort by",
    "view as",
    "remove all",
    "clear all",
    "back-order",
    "backorder",
    "calculate shipping",
    "read full article",
    // de
    "anmelden",
    "registrieren",
    "in den warenkorb",
    "jetzt kaufen",
    "mehr erfahren",
    "kontakt",
    "jetzt bestellen",
    "weiterlesen",
    "mehr anzeigen",
    "ausverkauft",
    "drucken",
    "teilen",
    // fr
    "s'inscrire",
    "se connecter",
    "ajouter au panier",
    "acheter",
    "en savoir plus",
    "contactez-nous",
    "voir plus",
    "imprimer",
    "partager",
    "épuisé",
    "trier par",
    "comparer",
    "filtrer",
    // es
    "iniciar sesión",
    "registrarse",
    "añadir al carrito",
    "agregar al carrito",
    "comprar",
    "comprar ahora",
    "más información",
    "contáctanos",
    "ver más",
    "agotado",
    "compartir",
    // pt
    "entrar",
    "cadastre-se",
    "adicionar ao carrinho",
    "comprar agora",
    "saiba mais",
    "fale conosco",
    "esgotado",
    "compartilhar",
    // it
    "accedi",
    "registrati",
    "aggiungi al carrello",
    "acquista",
    "acquista ora",
    "scopri di più",
    "contattaci",
    "esaurito",
    "condividi",
    // pl
    "zaloguj się",
    "zarejestruj się",
    "dodaj do koszyka",
    "kup teraz",
    "dowiedz się więcej",
    "kontakt",
    "wyprzedane",
    "udostępnij",
];

/// Openers of image credit lines ("Foto: Jane Doe"), in the supported
/// languages.
const CREDIT_OPENERS: &[&str] = &[
    "photo:",
    "photos:",
    "photo credit",
    "image:",
    "images:",
    "credit:",
    "credits:",
    "picture:",
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "bildquelle:",
    "crédit",
    "crédits",
    "crédito",
    "créditos",
    "fotografia:",
    "zdjęcie:",
    "fot.",
    "©",
    "photograph by",
    "photography by",
    "titelbild:",
    "beitragsbild:",
    "bild via",
    "foto via",
];

/// Short lines that are never article text: promotion, share and comment
/// prompts, ad labels. Matched against the whole (short) block, lower-cased.
const PROMO_PHRASES: &[&str] = &[
    "follow us on google news",
    "google news",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "subscribe to our channel",
    "join our newsletter",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "click to share",
    "back to top",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "cancel reply",
    "log in to comment",
    "sign in to comment",
    "register a new account",
    "you must be logged in",
    "all rights reserved",
    "advertisement",
    "sponsored content",
    "skip to content",
    "skip to main content",
    "newsletter abonnieren",
    "jetzt abonnieren",
    "schreibe einen kommentar",
    "hinterlasse einen kommentar",
    "kommentar schreiben",
    "nach oben",
    "anzeige",
    "laisser un commentaire",
    "laissez un commentaire",
    "abonnez-vous",
    "inscrivez-vous à notre newsletter",
    "retour en haut",
    "publicité",
    "deja un comentario",
    "deja una respuesta",
    "suscríbete",
    "volver arriba",
    "publicidad",
    "deixe um comentário",
    "deixe uma resposta",
    "assine nossa newsletter",
    "receba as notícias",
    "voltar ao topo",
    "publicidade",
    "lascia un commento",
    "lascia una risposta",
    "iscriviti alla newsletter",
    "torna su",
    "pubblicità",
    "zostaw komentarz",
    "dodaj komentarz",
    "zapisz się do newslettera",
    "do góry",
    "reklama",
    "comments are closed",
    "kommentare sind geschlossen",
    "jetzt teilen",
    "rezept drucken",
    "print recipe",
    "artikel bewerten",
    "síguenos en",
    "siguenos en",
    "commentaires fermés",
    // Appeals for support and membership.
    "support our journalism",
    "support independent journalism",
    "jede kleine spende",
    "unterstützen sie uns",
    "je fais un don",
    "faites un don",
    "hazte miembro",
    "hágase miembro",
    "apoya el periodismo",
    // Feedback and rating prompts.
    "was this article helpful",
    "did you find this article helpful",
    "war der artikel nützlich",
    "war dieser artikel hilfreich",
    "möchten sie den artikel teilen",
    "if you enjoyed reading this",
    "we want to hear what you think",
    "noch keine bewertungen",
    // Channel, app and login prompts.
    "canal de telegram",
    "canal de youtube",
    "never miss the latest",
    "sie müssen sich einloggen",
    "kommentare schreiben",
    // Disclosures and disclaimers.
    "advertising disclosure",
    "affiliate links",
    "affiliate-links",
    "contains references to products",
    "dieser beitrag enthält werbung",
    "alle angaben ohne gewähr",
    // Q&A sites' (Stack Exchange) prompts under the answers.
    "start asking to get answers",
    "find the answer to your question by asking",
    "explore related questions",
    "see similar questions with these tags",
    "you must log in to answer this question",
];

/// Headings that open a boilerplate section rather than a part of the
/// article.
const SECTION_HEADINGS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "discussion",
    "leave a reply",
    "leave a comment",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "more stories",
    "more from",
    "you may also like",
    "you might also like",
    "recommended",
    "popular posts",
    "recent posts",
    "latest news",
    "about the author",
    "share this",
    "share this article",
    "share this post",
    "share:",
    "share",
    "tags",
    "tags:",
    "newsletter",
    "subscribe",
    "post navigation",
    "who is online",
    "create an account",
    "sign in to comment",
    "log in to comment",
    "join the conversation",
    "users browsing this forum",
    "similar topics",
    "similar threads",
    "kommentare",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "über den autor",
    "über die autorin",
    "teilen",
    "commentaires",
    "articles similaires",
    "à propos de l'auteur",
    "partager",
    "sur le même sujet",
    "comentarios",
    "artículos relacionados",
    "sobre el autor",
    "compartir",
    "comentários",
    "artigos relacionados",
    "sobre o autor",
    "compartilhe",
    "compartilhar",
    "commenti",
    "articoli correlati",
    "sull'autore",
    "condividi",
    "komentarze",
    "podobne artykuły",
    "o autorze",
    "udostępnij",
    "zobacz też",
    "related coverage",
    "most read",
    "most popular",
    "top stories",
    "editor's picks",
    "ähnliche beiträge",
    "weitere beiträge",
    "weitere artikel",
    "meistgelesene artikel",
    "meistgelesen",
    "meistdiskutierte artikel",
    "neueste artikel",
    "neueste beiträge",
    "die redaktion empfiehlt",
    "empfehlungen aus der redaktion",
    "verwandte themen",
    "verwandte artikel",
    "mehr zum thema",
    "das könnte dich auch interessieren",
    "zum weiterlesen",
    "schon gelesen?",
    "dans la même rubrique",
    "à lire aussi",
    "les plus lus",
    "noticias relacionadas",
    "lo más leído",
    "más leídas",
    "te puede interesar",
    "le puede interesar",
    "notícias relacionadas",
    "mais lidas",
    "veja também",
    "leggi anche",
    "i più letti",
    "also in the news",
    "in other news",
    "more news",
    "more articles",
    "more like this",
    "read next",
    "what to read next",
    "up next",
    "don't miss",
    "trending",
    "trending now",
    "trending stories",
    "popular",
    "popular stories",
    "popular articles",
    "latest",
    "latest posts",
    "latest articles",
    "recent articles",
    "around the web",
    "from our partners",
    "about the reviewer",
    "autres articles",
    "plus d'articles",
    "más noticias",
    "mais notícias",
    "altre notizie",
    "mehr aus der rubrik",
];

static SEE_ALSO_MATCHER: Lazy<AhoCorasick> =
    Lazy::new(|| anchored_automaton(SEE_ALSO_OPENERS.iter().copied(), MatchKind::LeftmostLongest));
static CREDIT_MATCHER: Lazy<AhoCorasick> =
    Lazy::new(|| anchored_automaton(CREDIT_OPENERS.iter().copied(), MatchKind::Standard));

static CTA_MATCHER: Lazy<AhoCorasick> =
    Lazy::new(|| anchored_automaton(CALLS_TO_ACTION.iter().copied(), MatchKind::LeftmostLongest));

/// Labels that open a forum member's statistics line ("Posts: 1,204",
/// "Join Date: Aug 2019"), lower case.
const MEMBER_STAT_LABELS: &[&str] = &[
    "posts:",
    "messages:",
    "joined:",
    "join date:",
    "registered:",
    "member since",
    "reputation:",
    "reaction score:",
    "likes received:",
    "beiträge:",
    "mitglied seit",
    "registriert seit",
    "dabei seit",
    "inscrit le",
    "inscription :",
    "mensajes:",
    "registrado:",
    "miembro desde",
    "membro desde",
    "iscritto il",
    "posty:",
    "dołączył",
];

/// Counted things on a forum member card ("1,204 posts", "12 likes").
const MEMBER_STAT_UNITS: &[&str] = &[
    "posts",
    "post",
    "messages",
    "likes",
    "like",
    "reactions",
    "helpful votes",
    "points",
    "replies",
    "reply",
    "beiträge",
    "antworten",
    "mensajes",
    "messages postés",
];

/// Whether a short line is a forum member's statistics ("1,204 posts ·
/// Joined 2019", "Join Date: Aug 2019") or presence ("Offline"): the user
/// card beside a post, not the post.
pub(crate) fn is_member_stat_line(lower: &str) -> bool {
    let line = lower.trim();
    if matches!(line, "offline" | "online" | "original poster") {
        return true;
    }
    if MEMBER_STAT_LABELS
        .iter()
        .any(|label| line.starts_with(label))
    {
        return true;
    }
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    if rest.len() == line.len() {
        return false;
    }
    let rest = rest.trim_start();
    MEMBER_STAT_UNITS.iter().any(|unit| {
        rest.strip_prefix(unit).is_some_and(|after| {
            let after = after.trim_start();
            after.is_empty() || after.starts_with(['·', '|', ','])
        })
    })
}

/// A post's action bar and a thread's counters, as whole lines once the
/// counts are set aside ("0 Reply", "- [ 3 ] Thanks", "Like x 2", "Replies
/// 154"): forum software (vBulletin, XenForo, phpBB, SMF, Discourse, IPS)
/// and Q&A sites print them under or beside every post. Lower case.
const THREAD_ACTIONS: &[&str] = &[
    // en
    "reply",
    "replies",
    "quote",
    "reply with quote",
    "multi-quote",
    "multiquote",
    "report",
    "report post",
    "share",
    "like",
    "likes",
    "thanks",
    "logged",
    "permalink",
    "views",
    "click to shrink...",
    "click to shrink",
    "code: select all",
    "select all",
    "show more replies",
    "scroll to see replies",
    "top posters in this topic",
    "status",
    "not open for further replies.",
    // de
    "antworten",
    "zitieren",
    "melden",
    "danke",
    "gefällt mir",
    // fr
    "répondre",
    "citer",
    "signaler",
    "j'aime",
    // es, pt
    "responder",
    "citar",
    "reportar",
    "me gusta",
    "curtir",
    // it
    "rispondi",
    "cita",
    "segnala",
    "mi piace",
    // pl
    "odpowiedz",
    "cytuj",
    "zgłoś",
    "lubię to",
];

/// What a thread's counter line counts ("6.5K views 5 replies 5
/// participants", "23 Posts 3 Posters 928 Views").
const THREAD_COUNTER_UNITS: &[&str] = &[
    "views",
    "replies",
    "participants",
    "posts",
    "posters",
    "answers",
    "antworten",
    "aufrufe",
    "réponses",
    "vues",
    "respuestas",
    "visitas",
    "risposte",
    "visite",
    "odpowiedzi",
];

/// Whether a short line on a discussion page is its chrome rather than a
/// post: an action bar ("Reply", "Quote", "Report"), a counter line ("1.3K
/// views 15 replies 6 participants"), a code box's "Select all" label, a
/// "Not open for further replies" notice, or a mobile client's signature
/// ("Sent from my Pixel 7 using Tapatalk").
pub(crate) fn is_thread_chrome_line(lower: &str) -> bool {
    let line = lower.trim();
    if let Some(device) = line.strip_prefix("sent from my ") {
        return device.len() <= 80;
    }
    // Counts, bullets and brackets around the words are set aside.
    let is_count = |word: &str| {
        word == "x"
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || ",.+-#[]()·•|km".contains(c))
    };
    let mut words = line.split_whitespace().filter(|word| !is_count(word));
    let Some(first) = words.next() else {
        return false;
    };
    let second = words.next();
    if THREAD_COUNTER_UNITS.contains(&first)
        && second.is_some_and(|word| THREAD_COUNTER_UNITS.contains(&word))
    {
        return true;
    }
    // The remaining words, compared without building a string.
    THREAD_ACTIONS.iter().any(|action| {
        let mut want = action.split_whitespace();
        let mut have = line.split_whitespace().filter(|word| !is_count(word));
        loop {
            match (want.next(), have.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a == b => {}
                _ => return false,
            }
        }
    })
}

/// Whether a heading only titles a reply ("Re: Turning off all LEDs"):
/// forum software heads every reply with the topic's title again.
pub(crate) fn is_reply_title(lower: &str) -> bool {
    let line = lower.trim_start();
    ["re:", "aw:", "odp:", "rif:", "sv:"]
        .iter()
        .any(|prefix| line.starts_with(prefix))
}

/// Whether a short line is nothing but a call to action.
pub(crate) fn is_call_to_action(lower: &str) -> bool {
    let line = lower.trim_matches(|c: char| c.is_whitespace() || "!›»→>.:".contains(c));
    CTA_MATCHER
        .find(Input::new(line).anchored(Anchored::Yes))
        .is_some_and(|m| m.end() == line.len())
}

/// Whether a short line opens with an image credit label.
pub(crate) fn is_credit_line(lower: &str) -> bool {
    CREDIT_MATCHER.is_match(Input::new(lower).anchored(Anchored::Yes))
}

static PROMO_MATCHER: Lazy<AhoCorasick> =
    Lazy::new(|| automaton(PROMO_PHRASES.iter().copied(), MatchKind::LeftmostFirst));

/// Whether a short block begins with a "see also" label (as a whole word).
#[cfg(test)]
pub(crate) fn is_see_also_opener(lower: &str) -> bool {
    see_also_opener(lower).is_some()
}

/// The "see also" label a short block begins with (as a whole word): its
/// index, for [`see_also_text`].
pub(crate) fn see_also_opener(lower: &str) -> Option<u16> {
    let input = Input::new(lower).anchored(Anchored::Yes);
    let m = SEE_ALSO_MATCHER.find(input)?;
    let whole_word = lower[m.end()..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    whole_word.then(|| m.pattern().as_usize() as u16)
}

/// The text of a "see also" label found by [`see_also_opener`].
pub(crate) fn see_also_text(index: u16) -> &'static str {
    SEE_ALSO_OPENERS
        .get(usize::from(index))
        .copied()
        .unwrap_or("")
}

/// Whether a short block is a promotion, prompt or label line.
#[cfg(test)]
pub(crate) fn is_promo_line(lower: &str) -> bool {
    promo_phrase(lower).is_some()
}

/// The promotion, prompt or label phrase a short block holds: its index,
/// for [`promo_text`].
pub(crate) fn promo_phrase(lower: &str) -> Option<u16> {
    PROMO_MATCHER
        .find(lower)
        .map(|m| m.pattern().as_usize() as u16)
}

/// The text of a phrase found by [`promo_phrase`].
pub(crate) fn promo_text(index: u16) -> &'static str {
    PROMO_PHRASES.get(usize::from(index)).copied().unwrap_or("")
}

/// Whether a heading opens a boilerplate section. A leading count
/// ("12 Comments") and a trailing colon are ignored.
pub(crate) fn is_boilerplate_heading(lower: &str) -> bool {
    heading_names(lower, SECTION_HEADINGS)
}

/// Whether a lower-cased heading is one of `headings`, or starts with one
/// longer than 8 bytes, once a leading count, a trailing count in brackets
/// and a trailing colon are set aside.
fn heading_names(lower: &str, headings: &[&str]) -> bool {
    let trimmed = lower
        .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace());
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || "() ".contains(c));
    headings
        .iter()
        .any(|h| trimmed == *h || (h.len() > 8 && trimmed.starts_with(h)))
}

/// Titles of a table of contents, lower case, matched as the whole text
/// once a trailing colon and a show/hide toggle are set aside.
const CONTENTS_TITLES: &[&str] = &[
    // en
    "table of contents",
    "contents",
    "article contents",
    "page contents",
    "in this article",
    "in this post",
    "in this guide",
    "on this page",
    "jump to",
    "jump to section",
    "skip to section",
    // de
    "inhaltsverzeichnis",
    "inhalt",
    "in diesem artikel",
    "auf dieser seite",
    // fr
    "sommaire",
    "table des matières",
    "dans cet article",
    "sur cette page",
    // es, pt
    "índice",
    "indice",
    "tabla de contenidos",
    "contenido",
    "contenidos",
    "en este artículo",
    "sumário",
    "conteúdo",
    "neste artigo",
    // it
    "sommario",
    "in questo articolo",
    // nl
    "inhoudsopgave",
    "inhoud",
    "in dit artikel",
    // pl, ja, zh
    "spis treści",
    "目次",
    "目录",
];

/// Whether a lower-cased line is a table of contents' title ("Table of
/// Contents [hide]", "In this article:").
pub(crate) fn is_contents_title(lower: &str) -> bool {
    let mut title = lower.trim();
    for toggle in ["[hide]", "[show]", "hide", "show", "toggle"] {
        title = title.strip_suffix(toggle).unwrap_or(title).trim_end();
    }
    let title = title.trim_end_matches([':', ' ']);
    CONTENTS_TITLES.contains(&title)
}

/// Headings over a shop's recommendation block: other products shown
/// beside the one a product page is about (marketplace carousels,
/// WooCommerce "Related products", Shopify "You may also like"), lower
/// case. A leading count and a trailing colon are ignored; a phrase of
/// more than eight bytes also matches as the heading's start.
const RECOMMENDATION_HEADINGS: &[&str] = &[
    // en
    "people who viewed this item also viewed",
    "customers who viewed this item also viewed",
    "customers who bought this item also bought",
    "customers also viewed",
    "customers also bought",
    "customers also purchased",
    "others also bought",
    "others like you also bought",
    "people also bought",
    "people also viewed",
    "frequently bought together",
    "similar items",
    "similar products",
    "related products",
    "related items",
    "explore related items",
    "recently viewed",
    "recently viewed items",
    "recently viewed products",
    "more from this seller",
    "more items to explore",
    "more items to consider",
    "sponsored products",
    "related sponsored products",
    "products related to this item",
    "compare with similar items",
    "compare with similar products",
    "complete the set",
    "most popular accessories",
    "you may also like",
    "you might also like",
    "you may also be interested in",
    "complete the look",
    "pairs well with",
    "customer reviews",
    "customers say",
    "top reviews",
    "ratings & reviews",
    "ratings and reviews",
    // de
    "kundenrezensionen",
    "kundenbewertungen",
    "ähnliche artikel",
    "ähnliche produkte",
    "zuletzt angesehen",
    "zuletzt angesehene produkte",
    "das könnte dir auch gefallen",
    "das könnte ihnen auch gefallen",
    "kunden kauften auch",
    "passende artikel",
    // fr
    "avis clients",
    "avis des clients",
    "produits similaires",
    "produits associés",
    "vous aimerez aussi",
    "vous aimerez peut-être aussi",
    "récemment consultés",
    "ils vont bien ensemble",
    "pour compléter votre achat",
    // es
    "opiniones de clientes",
    "productos relacionados",
    "productos similares",
    "también te puede gustar",
    "vistos recientemente",
    // pt
    "produtos relacionados",
    "produtos semelhantes",
    "você também pode gostar",
    // it
    "prodotti correlati",
    "prodotti simili",
    "potrebbe piacerti anche",
    // nl
    "gerelateerde producten",
    "vergelijkbare producten",
];

/// Whether a heading opens a shop's block of other products
/// ([`RECOMMENDATION_HEADINGS`]).
pub(crate) fn is_recommendation_heading(lower: &str) -> bool {
    heading_names(lower, RECOMMENDATION_HEADINGS)
}

/// Short lines that open a boilerplate section at the end of an article,
/// whatever their tag (a bold paragraph as often as a heading), lower
/// case: more information and reading, sources, press contacts, most-read
/// lists, galleries and comments.
const SECTION_OPENER_LINES: &[&str] = &[
    "weitere informationen",
    "mehr informationen",
    "weitere infos",
    "mehr lesen",
    "weiterlesen",
    "auch auf",
    "interessante artikel",
    "mehr aus",
    "mehr zu",
    "quellen",
    "quellenangaben",
    "zusatzinformationen",
    "verwandte themen",
    "verwandte themenbereiche",
    "weitere meldungen",
    "weitere artikel",
    "lust auf mehr",
    "fragen an den autor",
    "ansprechpartner",
    "ansprechpartnerin",
    "pressekontakt",
    "meistgelesen",
    "meistgelesene artikel",
    "meistdiskutierte artikel",
    "anzeige",
    "kommentare",
    "bildergalerie",
    "articles les plus lus",
    "per saperne di più",
    "podobne",
    "read further",
];

/// Whether a short line opens a boilerplate section: the line is one of
/// the phrases, or opens with one and goes on after a space ("Mehr zu
/// Klima und Konsum"), or with a long one ("Weitere Informationen zum
/// Coronavirus"). Bullets, numbers and closing punctuation are ignored.
pub(crate) fn is_section_opener_line(lower: &str) -> bool {
    let line = lower.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "-*>#.".contains(c)
    });
    let line = line.trim_end_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_digit() || ":.-–—»›>|…!?()".contains(c)
    });
    !line.is_empty()
        && SECTION_OPENER_LINES.iter().any(|phrase| {
            line.strip_prefix(phrase).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(' ') || (phrase.len() > 8 && !rest.is_empty())
            })
        })
}

/// Subscription appeals and republishing notes, found anywhere in a line
/// of an article's tail, lower case.
const TAIL_APPEALS: &[&str] = &[
    "already a subscriber",
    "first-time subscribers",
    "subscribe now",
    "subscribe to our newsletter",
    "bereits abonnent",
    "copyrighted",
    "written permission",
    "not responsible for",
    "meinung des autors",
    "views expressed",
    "opinions expressed",
    "download the",
    "follow us",
    "gefällt dir",
    "lust auf mehr",
    "sie lesen gern",
    "hazte",
    "suscríbete",
    "suscribete",
    "abonnieren",
    "dieser text wurde",
    "erschienen in",
    "zuerst erschienen",
    "first published",
    "originally published",
];

/// Marks of an image credit inside a caption box: separators and
/// agency or stock names ("Foto: dpa", "Getty Images / AFP", "© imago").
const CREDIT_MARKS: &[&str] = &[
    "/",
    "|",
    "©",
    "(c)",
    "foto",
    "photo",
    "bild",
    "image",
    "getty",
    "istock",
    "shutterstock",
    "afp",
    "dpa",
    "reuters",
    "crédit",
    "credit",
    "imago",
    "picture alliance",
    "via ",
];

/// Whether a caption box's text reads as an image credit.
pub(crate) fn looks_like_credit(lower: &str) -> bool {
    CREDIT_MARKS.iter().any(|mark| lower.contains(mark))
}

pub(crate) fn is_tail_appeal(lower: &str) -> bool {
    TAIL_APPEALS.iter().any(|phrase| lower.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `prepare::class_cue_table` matches class lists and ids apart and
    /// caches by class list, which holds only while no pattern spans the
    /// space between the two (names of SEO copy are settled together).
    #[test]
    fn class_patterns_stay_within_one_name() {
        for (pattern, _, _) in CLASS_PATTERNS {
            assert!(!pattern.contains(' '), "{pattern:?}");
        }
        let mut scratch = Vec::new();
        let both = class_pattern_bits(Some("post sidebar"), Some("comments"), &mut scratch);
        let apart = class_pattern_bits(Some("post sidebar"), None, &mut scratch)
            | class_pattern_bits(None, Some("comments"), &mut scratch);
        assert_eq!(both, apart);
    }

    fn cues(class: &str) -> ClassCues {
        class_cues(Some(class), None, &mut Vec::new())
    }

    #[test]
    fn adv_is_not_an_advert() {
        // "adv" abbreviates "advanced" as often as "advertisement"
        // (Kadence's "kt-adv-heading" blocks hold a page's headings).
        assert!(!cues("kt-adv-heading").has(ClassCues::ADVERT));
        assert!(cues("advert-slot").has(ClassCues::ADVERT));
        assert!(cues("ad-wrapper").has(ClassCues::ADVERT));
    }

    #[test]
    fn disclaimers_are_boilerplate() {
        assert!(cues("cmp-richtext--disclaimer").has(ClassCues::BOILERPLATE));
        assert_eq!(
            cues("affiliate-disclosure").boilerplate_name(),
            "disclaimer"
        );
    }

    #[test]
    fn share_is_a_word_not_a_prefix() {
        assert!(cues("post-share-buttons").has(ClassCues::SHARE));
        assert!(cues("sharebar").has(ClassCues::SHARE));
        assert!(cues("entry-shares").has(ClassCues::SHARE));
        assert!(!cues("ContentSystem-shared-styles__Body").has(ClassCues::SHARE));
    }

    #[test]
    fn seo_copy_is_prose_but_seo_links_are_not() {
        let copy = cues("field-seoFooterCopy");
        assert!(copy.has(ClassCues::SEO_COPY));
        assert!(!copy.has(ClassCues::UNLIKELY | ClassCues::FOOTER));
        assert!(cues("seo-text").has(ClassCues::SEO_COPY));
        let links = cues("x-seo-footer");
        assert!(!links.has(ClassCues::SEO_COPY));
        assert!(links.has(ClassCues::FOOTER));
        assert!(cues("seo-breadcrumbs-text").has(ClassCues::NAVIGATION));
        assert!(!cues("seo-breadcrumbs-text").has(ClassCues::SEO_COPY));
        assert!(!cues("museo-content").has(ClassCues::SEO_COPY));
    }

    #[test]
    fn recommendation_headings() {
        assert!(is_recommendation_heading(
            "people who viewed this item also viewed"
        ));
        assert!(is_recommendation_heading(
            "similar items shipping to bulgaria"
        ));
        assert!(is_recommendation_heading("related products:"));
        assert!(is_recommendation_heading("ils vont bien ensemble"));
        assert!(!is_recommendation_heading("related reading"));
        assert!(!is_recommendation_heading("product details"));
    }

    #[test]
    fn contents_titles() {
        assert!(is_contents_title("table of contents"));
        assert!(is_contents_title("table of contents [hide]"));
        assert!(is_contents_title("  in this article:"));
        assert!(is_contents_title("inhaltsverzeichnis toggle"));
        assert!(is_contents_title("目次"));
        assert!(!is_contents_title("in this article, we compare three pots"));
        assert!(!is_contents_title("contents of the kit"));
    }

    #[test]
    fn member_stat_lines() {
        assert!(is_member_stat_line("1,204 posts · joined 2019"));
        assert!(is_member_stat_line("join date: aug 2019"));
        assert!(is_member_stat_line("12 likes"));
        assert!(is_member_stat_line("offline"));
        assert!(!is_member_stat_line("12 posts later i fixed it"));
        assert!(!is_member_stat_line("posts from the archive"));
    }

    #[test]
    fn thread_chrome_lines() {
        assert!(is_thread_chrome_line("0 reply"));
        assert!(is_thread_chrome_line("- [ 3 ] thanks"));
        assert!(is_thread_chrome_line("like x 2"));
        assert!(is_thread_chrome_line("reply with quote"));
        assert!(is_thread_chrome_line(
            "6.5k views 5 replies 5 participants last post by ann"
        ));
        assert!(is_thread_chrome_line("23 posts 3 posters 928 views"));
        assert!(is_thread_chrome_line("code: select all"));
        assert!(is_thread_chrome_line("sent from my pixel 7 using tapatalk"));
        assert!(!is_thread_chrome_line("reply to the seller first"));
        assert!(!is_thread_chrome_line("12"));
        assert!(!is_thread_chrome_line("views from the summit"));
        assert!(is_reply_title("re: turning off all leds"));
        assert!(!is_reply_title("regular maintenance"));
    }

    #[test]
    fn word_boundaries() {
        assert!(cues("ad-slot top").has(ClassCues::ADVERT));
        assert!(!cues("masthead").has(ClassCues::ADVERT));
        assert!(!cues("header-downloads").has(ClassCues::ADVERT));
        assert!(!cues("cmp-container cmp-text").has(ClassCues::COOKIE));
        assert!(cues("cmpbox").has(ClassCues::COOKIE));
        assert!(cues("comments-area").has(ClassCues::COMMENTS));
        assert!(cues("articleBody").has(ClassCues::ARTICLE_BODY));
        assert!(cues("entry_content").has(ClassCues::ARTICLE_BODY));
        assert!(cues("sharedaddy sd-sharing-enabled").has(ClassCues::SHARE));
        assert!(cues("header-inner sticky").has(ClassCues::UNLIKELY));
        assert!(cues("wrap site-header").has(ClassCues::UNLIKELY));
        assert!(!cues("card-header text-center").has(ClassCues::UNLIKELY));
        assert!(!cues("accordion__header").has(ClassCues::UNLIKELY));
    }

    #[test]
    fn phrases_in_several_languages() {
        for line in [
            "see also: the port",
            "lesen sie auch: hafen",
            "à lire aussi : le port",
            "ver también: el puerto",
            "leia também: o porto",
            "leggi anche: il porto",
            "czytaj także: port",
        ] {
            assert!(is_see_also_opener(line), "{line}");
        }
        assert!(!is_see_also_opener("seesaw markets rallied"));
        assert!(is_promo_line("follow us on google news for more"));
        assert!(is_credit_line("foto: christof stache"));
        assert!(is_call_to_action("add to cart"));
        assert!(is_call_to_action("mehr erfahren ›"));
        assert!(is_call_to_action("report inappropriate content"));
        assert!(!is_call_to_action("sign up for the marathon in april"));
        assert!(is_credit_line("© reuters"));
        assert!(!is_credit_line("photography became his life"));
        assert!(is_credit_line("photograph by jane doe / agency"));
        assert!(is_promo_line("war der artikel nützlich?"));
        assert!(is_promo_line("jede kleine spende hilft uns weiter"));
        assert!(is_boilerplate_heading("12 comments"));
        assert!(is_boilerplate_heading("leave a reply"));
        assert!(!is_boilerplate_heading("the vote"));
        assert!(is_boilerplate_heading("trending now"));
        assert!(is_boilerplate_heading("also in the news"));
        assert!(is_boilerplate_heading("about the reviewer"));
        assert!(!is_boilerplate_heading("the latest findings"));
    }
}
