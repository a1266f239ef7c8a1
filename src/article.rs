//! The extraction result.

use serde::Serialize;

use crate::PageType;

/// A page's article: metadata, text and clean HTML.
///
/// Every metadata field is `None` when the page does not give it; decant
/// never fills a field with a guess or an empty string.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
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
    /// Language tag from the markup (`en`, `de-AT`); else the language of
    /// the article text when it can be told reliably (ISO 639-1, `whatlang`).
    pub lang: Option<String>,
    /// The page's own summary (JSON-LD, Dublin Core, `og:`, meta
    /// description); else the article's lead paragraph.
    pub description: Option<String>,
    /// Canonical URL, resolved against the page URL; else the page URL.
    pub url: Option<String>,
    /// The lead image, absolute: `og:image`, `twitter:image`, JSON-LD
    /// `image`, `<link rel=image_src>`; else the article's first image.
    pub image: Option<String>,
    /// Tags or keywords the page declares (`article:tag`, JSON-LD
    /// `keywords`, meta keywords), in page order, without duplicates.
    pub tags: Option<Vec<String>>,
    /// Sections or categories the page declares (`article:section`,
    /// JSON-LD `articleSection`).
    pub categories: Option<Vec<String>>,
    /// The article text: paragraphs separated by a blank line; headings,
    /// list items and table rows on their own lines; `<pre>` verbatim.
    /// Figure captions are left to the HTML and Markdown, beside their
    /// images. Empty when no article was found.
    pub text: String,
    /// The clean article HTML fragment (allow-listed tags, safe URLs);
    /// empty when [`Options::html`](crate::Options::html) is false.
    pub html: String,
    /// The article as CommonMark/GFM, title first as `# `, when
    /// [`Options::markdown`](crate::Options::markdown) asked for it.
    pub markdown: Option<String>,
    /// Reader comments, in page order, when
    /// [`Options::comments`](crate::Options::comments) asked for them.
    pub comments: Option<Vec<Comment>>,
    /// Things the caller may want to know (replaced bytes, no article).
    pub warnings: Vec<String>,
    /// What kind of page this is, when the evidence is clear; `None` when
    /// unsure.
    pub page_type: Option<PageType>,
    /// How likely this extraction is good, 0.0 to 1.0: a small function of
    /// the text's length and link density, the chosen container's margin over
    /// the runner-up, the fallback steps taken and the title found in the
    /// text. Below 0.5, check the result.
    pub confidence: f32,
}

impl Article {
    /// The clean HTML as a complete document: `<title>`, metadata, the
    /// title as `<h1>` and the article fragment. Page text is escaped.
    pub fn html_document(&self) -> String {
        use crate::render::html::escape_into;
        let mut out = String::with_capacity(self.html.len() + 512);
        out.push_str("<!DOCTYPE html>\n<html");
        if let Some(lang) = &self.lang {
            out.push_str(" lang=\"");
            escape_into(&mut out, lang, true);
            out.push('"');
        }
        out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
        if let Some(title) = &self.title {
            out.push_str("<title>");
            escape_into(&mut out, title, false);
            out.push_str("</title>\n");
        }
        for (name, value) in [("author", &self.byline), ("description", &self.description)] {
            if let Some(value) = value {
                out.push_str("<meta name=\"");
                out.push_str(name);
                out.push_str("\" content=\"");
                escape_into(&mut out, value, true);
                out.push_str("\">\n");
            }
        }
        if let Some(url) = &self.url {
            out.push_str("<link rel=\"canonical\" href=\"");
            escape_into(&mut out, url, true);
            out.push_str("\">\n");
        }
        out.push_str("</head>\n<body>\n<article>\n");
        if let Some(title) = &self.title {
            out.push_str("<h1>");
            escape_into(&mut out, title, false);
            out.push_str("</h1>\n");
        }
        out.push_str(&self.html);
        out.push_str("\n</article>\n</body>\n</html>\n");
        out
    }
}

/// One reader comment.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Comment {
    /// The commenter's name as shown.
    pub author: Option<String>,
    /// When it was posted: ISO 8601 when machine-readable, else as shown.
    pub date: Option<String>,
    /// The comment's text (paragraphs separated by a blank line).
    pub text: String,
}
