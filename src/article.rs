//! The extraction result.

use serde::Serialize;

/// A page's article: metadata, text and clean HTML.
///
/// Every metadata field is `None` when the page does not give it; decant
/// never fills a field with a guess or an empty string.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Article {
    /// The headline, without the site name.
    pub title: Option<String>,
    /// Author name(s), joined with ", ".
    pub byline: Option<String>,
    /// Publication date, ISO 8601: `YYYY-MM-DD`, or a date-time with offset
    /// when the page gives one.
    pub date: Option<String>,
    /// Last modification date, ISO 8601, when the page declares one.
    pub modified: Option<String>,
    /// The publication or site name.
    pub site_name: Option<String>,
    /// Language tag from the markup (`en`, `de-AT`).
    pub lang: Option<String>,
    /// The page's own summary (meta description).
    pub description: Option<String>,
    /// Canonical URL, resolved against the page URL; else the page URL.
    pub url: Option<String>,
    /// The article text: paragraphs separated by a blank line; headings,
    /// list items and table rows on their own lines; `<pre>` verbatim.
    /// Empty when no article was found.
    pub text: String,
    /// The clean article HTML fragment (allow-listed tags, safe URLs).
    pub html: String,
    /// Things the caller may want to know (replaced bytes, no article).
    pub warnings: Vec<String>,
}

impl Article {
    /// Markdown: the title as a `# ` heading, then the text.
    pub fn markdown(&self) -> String {
        crate::render::markdown::from_text(self.title.as_deref(), &self.text)
    }
}
