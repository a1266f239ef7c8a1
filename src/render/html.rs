//! Clean article HTML: an allow-list of structural tags and attributes,
//! everything else unwrapped; URLs resolved against the page URL and only
//! `http`, `https` and `mailto` links kept, so page content never becomes
//! active content (no scripts, handlers, `javascript:` or `data:` URLs).

use std::fmt::Write;

use url::Url;

use super::Visitor;
use crate::dom::{Dom, Tag};

pub(crate) struct HtmlRenderer<'u> {
    out: String,
    base: Option<&'u Url>,
    /// Keep `<a href>` (else links become their text).
    links: bool,
    /// For each open element: whether we wrote a tag for it.
    written: Vec<Option<&'static str>>,
}

impl<'u> HtmlRenderer<'u> {
    pub(crate) fn new(base: Option<&'u Url>, links: bool, capacity: usize) -> Self {
        HtmlRenderer {
            out: String::with_capacity(capacity),
            base,
            links,
            written: Vec::new(),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// The output name of an allowed tag.
fn allowed(tag: Tag) -> Option<&'static str> {
    use Tag::*;
    Some(match tag {
        P => "p",
        Div | Section | Article | Main | Center => "div",
        H1 => "h1",
        H2 => "h2",
        H3 => "h3",
        H4 => "h4",
        H5 => "h5",
        H6 => "h6",
        Ul => "ul",
        Ol => "ol",
        Li => "li",
        Dl => "dl",
        Dt => "dt",
        Dd => "dd",
        Table => "table",
        Thead => "thead",
        Tbody => "tbody",
        Tfoot => "tfoot",
        Tr => "tr",
        Td => "td",
        Th => "th",
        Caption => "caption",
        Pre => "pre",
        Code => "code",
        Blockquote => "blockquote",
        Figure => "figure",
        Figcaption => "figcaption",
        Img => "img",
        Br => "br",
        Hr => "hr",
        Em | I | Cite => "em",
        Strong | B => "strong",
        S => "del",
        Sub => "sub",
        Sup => "sup",
        Mark => "mark",
        Q => "q",
        Abbr => "abbr",
        Time => "time",
        A => "a",
        Details => "details",
        Summary => "summary",
        _ => return None,
    })
}

fn is_void(name: &str) -> bool {
    matches!(name, "img" | "br" | "hr")
}

/// Resolves `raw` against `base`, keeping only safe schemes.
pub(crate) fn safe_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let resolved = match base {
        Some(base) => base.join(raw).ok()?,
        None => match Url::parse(raw) {
            Ok(url) => url,
            // Relative link without a page URL: keep it if it cannot carry
            // a scheme.
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                let has_scheme = raw
                    .split(['/', '?', '#'])
                    .next()
                    .is_some_and(|s| s.contains(':'));
                return (!has_scheme).then(|| raw.to_owned());
            }
            Err(_) => return None,
        },
    };
    matches!(resolved.scheme(), "http" | "https" | "mailto").then(|| resolved.into())
}

pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    // Copy runs of plain text whole; only the few special bytes (all ASCII,
    // so never inside a multi-byte character) are replaced.
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\0' => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(replacement);
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// The image URL, including lazy-loading attributes.
pub(crate) fn image_source<'a>(dom: &Dom<'a>, i: usize) -> Option<&'a str> {
    let src = dom.attr(i, "src").filter(|s| !s.starts_with("data:"));
    src.or_else(|| dom.attr(i, "data-src"))
        .or_else(|| dom.attr(i, "data-lazy-src"))
        .or_else(|| dom.attr(i, "data-original"))
        .or_else(|| {
            dom.attr(i, "srcset")
                .or_else(|| dom.attr(i, "data-srcset"))
                .and_then(|set| set.split(',').next())
                .and_then(|first| first.split_whitespace().next())
        })
}

impl<'a> Visitor<'a> for HtmlRenderer<'_> {
    fn open(&mut self, dom: &Dom<'a>, i: usize) {
        let name = dom
            .tag(i)
            .and_then(allowed)
            .filter(|&name| self.links || name != "a");
        self.written.push(name);
        let Some(name) = name else { return };
        self.out.push('<');
        self.out.push_str(name);
        match name {
            "a" => {
                if let Some(href) = dom.attr(i, "href").and_then(|h| safe_url(h, self.base)) {
                    self.out.push_str(" href=\"");
                    escape_into(&mut self.out, &href, true);
                    self.out.push('"');
                }
            }
            "img" => {
                if let Some(src) = image_source(dom, i).and_then(|s| safe_url(s, self.base)) {
                    self.out.push_str(" src=\"");
                    escape_into(&mut self.out, &src, true);
                    self.out.push('"');
                }
                if let Some(alt) = dom.attr(i, "alt") {
                    self.out.push_str(" alt=\"");
                    escape_into(&mut self.out, alt, true);
                    self.out.push('"');
                }
            }
            "td" | "th" => {
                for attr in ["colspan", "rowspan"] {
                    if let Some(v) = dom.attr(i, attr).and_then(|v| v.trim().parse::<u16>().ok()) {
                        let _ = write!(self.out, " {attr}=\"{v}\"");
                    }
                }
            }
            "ol" => {
                if let Some(v) = dom
                    .attr(i, "start")
                    .and_then(|v| v.trim().parse::<i32>().ok())
                {
                    let _ = write!(self.out, " start=\"{v}\"");
                }
            }
            "code" | "pre" => {
                let language = dom
                    .attr(i, "class")
                    .and_then(|c| c.split_whitespace().find(|w| w.starts_with("language-")))
                    .filter(|w| {
                        w.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-_+#".contains(&b))
                    });
                if let Some(language) = language {
                    let _ = write!(self.out, " class=\"{language}\"");
                }
            }
            "time" => {
                if let Some(dt) = dom.attr(i, "datetime") {
                    self.out.push_str(" datetime=\"");
                    escape_into(&mut self.out, dt, true);
                    self.out.push('"');
                }
            }
            _ => {}
        }
        self.out.push('>');
    }

    fn close(&mut self, _dom: &Dom<'a>, _i: usize) {
        if let Some(Some(name)) = self.written.pop()
            && !is_void(name)
        {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    fn text(&mut self, _dom: &Dom<'a>, _i: usize, text: &'a str) {
        escape_into(&mut self.out, text, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls_are_dropped() {
        let base = Url::parse("https://example.com/a/b").unwrap();
        assert_eq!(safe_url("javascript:alert(1)", Some(&base)), None);
        assert_eq!(safe_url("data:text/html,x", Some(&base)), None);
        assert_eq!(
            safe_url("../c", Some(&base)).as_deref(),
            Some("https://example.com/c")
        );
        assert_eq!(safe_url("JaVaScRiPt:x", None), None);
        assert_eq!(safe_url("/rel", None).as_deref(), Some("/rel"));
    }
}
