//! Input guard: bounds what the HTML parser sees, so hostile markup cannot
//! make parsing quadratic.
//!
//! html5ever is linear on ordinary pages, but two shapes make it slow: very
//! deep nesting (each start tag scans the stack of open elements, so 200,000
//! nested `<div>`s take minutes) and huge attribute lists (each attribute is
//! checked against the ones before it). One linear scan over the tags
//! finds such spots; only then is the document rewritten, dropping the tags
//! nested deeper than [`MAX_DEPTH`] (their text stays) and the attributes
//! past [`MAX_ATTRIBUTES`]. Ordinary pages come back borrowed, untouched.

use std::borrow::Cow;

/// Deeper elements lose their tags (not their text). Real pages stay far
/// below; browsers themselves flatten beyond a few hundred levels.
pub(crate) const MAX_DEPTH: usize = 512;
/// Attributes kept per tag.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Elements that never have content, or whose end tag is usually implied:
/// they do not count towards nesting.
fn is_uncounted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// A lower-cased tag name, inline (no allocation per tag). Names longer
/// than the buffer are cut: two such custom elements sharing a long prefix
/// count as one name, which only loosens the depth estimate.
#[derive(Clone, Copy, PartialEq, Eq)]
struct TagName {
    bytes: [u8; 24],
    len: u8,
}

impl TagName {
    fn new(raw: &[u8]) -> TagName {
        let mut bytes = [0u8; 24];
        let len = raw.len().min(bytes.len());
        for (to, from) in bytes.iter_mut().zip(&raw[..len]) {
            *to = from.to_ascii_lowercase();
        }
        TagName {
            bytes,
            len: len as u8,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// What the guard changed, for warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Report {
    pub dropped_tags: usize,
    pub dropped_attributes: usize,
    /// Start tags seen: a lower bound on the elements the parser will make.
    pub start_tags: usize,
}

/// A tag found by the scanner.
struct TagSpan {
    /// Byte range of the whole tag, `<` to `>` inclusive.
    start: usize,
    end: usize,
    is_end_tag: bool,
    self_closing: bool,
    name: TagName,
    /// Where attributes past the limit begin (byte offset), if any.
    cut_attributes_at: Option<usize>,
    attributes: usize,
}

pub(crate) fn guard(html: &str) -> (Cow<'_, str>, Report) {
    let bytes = html.as_bytes();
    let mut report = Report::default();
    // Open counted elements, by name.
    let mut open: Vec<TagName> = Vec::new();
    // Start tags dropped per name, so their end tags go too.
    let mut dropped_open: Vec<(TagName, usize)> = Vec::new();
    let mut out: Option<String> = None;
    // Bytes of `html` already copied to `out` (when rewriting).
    let mut copied = 0;
    let mut pos = 0;

    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + offset;
        let Some(tag) = scan_tag(bytes, lt) else {
            // Comment, doctype, stray '<': skip past it.
            pos = skip_markup(bytes, lt);
            continue;
        };
        pos = tag.end;
        if !tag.is_end_tag {
            report.start_tags += 1;
        }
        let mut drop_tag = false;
        let mut cut = tag.cut_attributes_at;
        if tag.is_end_tag {
            if let Some(entry) = dropped_open.iter_mut().find(|(n, _)| *n == tag.name)
                && entry.1 > 0
                && !open.contains(&tag.name)
            {
                entry.1 -= 1;
                drop_tag = true;
            } else if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
                open.truncate(at);
            }
            cut = None;
        } else if !tag.self_closing && !is_uncounted(tag.name.as_bytes()) {
            if open.len() >= MAX_DEPTH {
                drop_tag = true;
                match dropped_open.iter_mut().find(|(n, _)| *n == tag.name) {
                    Some(entry) => entry.1 += 1,
                    None => dropped_open.push((tag.name, 1)),
                }
            } else {
                open.push(tag.name);
            }
        }
        if drop_tag || cut.is_some() {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..tag.start]);
            if drop_tag {
                report.dropped_tags += 1;
            } else if let Some(at) = cut {
                buffer.push_str(&html[tag.start..at]);
                buffer.push('>');
                report.dropped_attributes += tag.attributes.saturating_sub(MAX_ATTRIBUTES);
            }
            copied = tag.end;
        }
        // Raw text: jump to its end tag without reading tags inside.
        if !tag.is_end_tag && !tag.self_closing && RAW_TEXT.contains(&tag.name.as_bytes()) {
            pos = find_end_tag(bytes, pos, tag.name.as_bytes());
            if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
                open.truncate(at);
            }
        }
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            (Cow::Owned(buffer), report)
        }
        None => (Cow::Borrowed(html), report),
    }
}

/// Reads a start or end tag at `lt` (which holds `<`).
fn scan_tag(bytes: &[u8], lt: usize) -> Option<TagSpan> {
    let mut i = lt + 1;
    let is_end_tag = bytes.get(i) == Some(&b'/');
    if is_end_tag {
        i += 1;
    }
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = TagName::new(&bytes[name_start..i]);
    let mut attributes = 0;
    let mut cut_attributes_at = None;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        let span = |end| TagSpan {
            start: lt,
            end,
            is_end_tag,
            self_closing,
            name,
            cut_attributes_at,
            attributes,
        };
        match bytes.get(i) {
            None => return Some(span(bytes.len())),
            Some(b'>') => return Some(span(i + 1)),
            Some(_) => {}
        }
        self_closing = false;
        attributes += 1;
        if attributes == MAX_ATTRIBUTES + 1 {
            cut_attributes_at = Some(i);
        }
        // Attribute name.
        let name_begin = i;
        while i < bytes.len()
            && !is_space(bytes[i])
            && bytes[i] != b'>'
            && bytes[i] != b'/'
            && (bytes[i] != b'=' || i == name_begin)
        {
            i += 1;
        }
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    i += 1;
                    i = memchr::memchr(quote, &bytes[i..]).map_or(bytes.len(), |q| i + q + 1);
                }
                _ => {
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Skips a comment, doctype or a `<` that opens nothing.
fn skip_markup(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        return memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return memchr::memchr(b'>', rest).map_or(bytes.len(), |e| lt + e + 1);
    }
    lt + 1
}

/// The position after `</name>` (case-insensitive), or the end.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut pos = from;
    while let Some(offset) = memchr::memmem::find(&bytes[pos..], b"</") {
        let at = pos + offset + 2;
        let candidate = bytes.get(at..at + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            let after = at + name.len();
            if bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'>' || b == b'/')
            {
                return pos + offset;
            }
        }
        pos = at;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_borrowed() {
        let page =
            "<html><body><div class=a><p>x<p>y</div><script>if (a<b) {}</script></body></html>";
        let (out, report) = guard(page);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!((report.dropped_tags, report.dropped_attributes), (0, 0));
        assert_eq!(report.start_tags, 6);
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let depth = MAX_DEPTH + 100;
        let page = "<div>".repeat(depth) + "deep text" + &"</div>".repeat(depth) + "<p>after</p>";
        let (out, report) = guard(&page);
        assert_eq!(report.dropped_tags, 200);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep text") && out.ends_with("<p>after</p>"));
    }

    #[test]
    fn attributes_are_capped() {
        let attrs: Vec<String> = (0..1000).map(|i| format!("a{i}=\"v>{i}\"")).collect();
        let page = format!("<div {}>text</div>", attrs.join(" "));
        let (out, report) = guard(&page);
        assert_eq!(report.dropped_attributes, 1000 - MAX_ATTRIBUTES);
        assert!(out.contains("a255=") && !out.contains("a256="));
        assert!(out.ends_with(">text</div>"));
    }

    #[test]
    fn raw_text_is_not_scanned() {
        let inner = "<div>".repeat(MAX_DEPTH * 2);
        let page = format!("<script>{inner}</script><p>x</p>");
        let (out, _) = guard(&page);
        assert!(matches!(out, Cow::Borrowed(_)));
    }
}
