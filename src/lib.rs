//! # decant
//!
//! Turns a web page into its article: title, byline, date and clean body
//! text, with the boilerplate (navigation, "See also" inserts, related
//! posts, newsletter boxes, share bars, author bios, comments, cookie
//! banners, footers) stripped.
//!
//! ```
//! let html = r#"<html lang="en"><head><title>Port expansion approved | The Ledger</title></head>
//! <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
//! <article><h1>Port expansion approved</h1>
//! <p>The council voted 7 to 2 on Tuesday to approve the expansion of the port,
//! ending a debate that had lasted three years, and clearing the way for construction.</p>
//! <p>See also: <a href="/other">Harbour dredging begins</a></p>
//! <p>Work is expected to start in the spring, according to the harbour master,
//! who said the first berth would open within eighteen months.</p></article>
//! <footer>All rights reserved</footer></body></html>"#;
//! let article = decant::extract(html, Some("https://ledger.example/port"))?;
//! assert_eq!(article.title.as_deref(), Some("Port expansion approved"));
//! assert!(article.text.contains("voted 7 to 2"));
//! assert!(!article.text.contains("See also"));
//! assert!(!article.text.contains("All rights reserved"));
//! # Ok::<(), decant::Error>(())
//! ```
//!
//! For many pages, build one [`Extractor`] and share it across threads.
//!
//! Every [`Article`] says what kind of page it came from
//! ([`Article::page_type`], `None` when unsure) and how likely the extraction
//! is good ([`Article::confidence`]). To see why a page came out as it did,
//! [`Extractor::explain`] returns an [`Explanation`]: the candidates and
//! their scores, the chosen container, and every block removed with the stage
//! and the rule that removed it; [`Explanation::report_html`] renders it.
//!
//! Guarantees: no panic on any input (library code denies `unwrap`,
//! `expect` and `panic!`); bounded work (see [`Options`] for the limits);
//! the `html` output is allow-listed markup with safe URLs only.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod article;
mod assess;
mod clean;
mod comments;
mod cues;
mod decode;
mod dom;
mod error;
mod explain;
mod extractor;
#[cfg(feature = "fetch")]
mod fetch;
mod guard;
mod metadata;
mod options;
mod prepare;
mod render;
mod select;
mod sink;
#[doc(hidden)]
pub mod stages;
#[cfg(feature = "warc")]
pub mod warc;

use once_cell::sync::Lazy;

pub use article::{Article, Comment};
pub use assess::{PageType, Signals};
pub use error::Error;
pub use explain::{
    Block, Candidate, Chosen, Explanation, FieldSource, MergedRoot, PassTried, Removed, Stage,
};
pub use extractor::Extractor;
#[cfg(feature = "fetch")]
pub use fetch::{FetchError, FetchOptions, Fetched, Fetcher, default_user_agent};
pub use options::{Focus, Markdown, Options};

static DEFAULT_EXTRACTOR: Lazy<Extractor> = Lazy::new(Extractor::default);

/// Extracts the article from a decoded page with default [`Options`].
/// `url` is the page's address (for relative links and the canonical URL).
pub fn extract(html: &str, url: Option<&str>) -> Result<Article, Error> {
    DEFAULT_EXTRACTOR.extract(html, url)
}

/// Extracts the article from raw bytes with default [`Options`], decoding
/// them by BOM, the HTTP `content_type` charset, `<meta>`, or detection.
///
/// ```
/// let bytes = b"<meta charset=iso-8859-1><p>Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e, and a long sentence to make a paragraph.</p>";
/// let article = decant::extract_bytes(bytes, None, None)?;
/// assert!(article.text.contains("Café au lait, crème brûlée"));
/// # Ok::<(), decant::Error>(())
/// ```
pub fn extract_bytes(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
) -> Result<Article, Error> {
    DEFAULT_EXTRACTOR.extract_bytes(bytes, url, content_type)
}
