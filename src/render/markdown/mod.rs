//! CommonMark/GFM output: headings at the article's levels, emphasis,
//! links and images with absolute URLs, nested lists, GFM tables, fenced
//! code with its language, block quotes; text escaped so it renders as the
//! page did.
//!
//! One walk, like the other renderers. Block structure is kept as a stack of
//! containers (quotes and list items); every new line starts with their
//! prefixes (`> `, item indentation), and a list item's first line with its
//! marker. Inline marks open lazily, right before their first text, so an
//! empty `<em>` leaves nothing behind.

use url::Url;

mod table;

use super::html::{image_source, safe_url};
use super::{ListCounter, Visitor};
use crate::dom::{Dom, Tag};
use table::Table;

/// What the Markdown includes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkdownOptions {
    pub links: bool,
    pub images: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
    Paragraph,
}

enum Container {
    Quote,
    /// A list item; `width` is its marker's width (continuation indent).
    Item {
        width: usize,
    },
}

/// Inline marks opened but not yet closed.
enum Mark {
    /// `*`, `**`, `~~`: written before the first text; closed if written.
    Delimited { mark: &'static str, written: bool },
    /// A link: `[` written before the first text; closed with the URL.
    Link { url: String, written: bool },
    /// An element that writes nothing.
    Nothing,
}

pub(crate) struct MarkdownRenderer<'u> {
    out: String,
    base: Option<&'u Url>,
    options: MarkdownOptions,
    gap: Gap,
    /// A `<br>` asks for a hard line break before the next line.
    hard_break: bool,
    /// Containers open when text was last written: a blank separator line
    /// carries only the prefixes shared with what comes before it.
    last_text_depth: usize,
    caption_depth: u32,
    containers: Vec<Container>,
    lists: Vec<ListCounter>,
    /// The marker of the innermost item, until its first line is written.
    pending_marker: Option<String>,
    /// A heading's `## ` until its text is written.
    pending_heading: Option<String>,
    /// At the start of a line (prefixes written, no text yet).
    line_start: bool,
    marks: Vec<Mark>,
    /// Inside `<pre>`: language and collected text.
    pre: Option<(Option<String>, String)>,
    pre_depth: u32,
    /// Inside inline `<code>`: collected text.
    code: Option<String>,
    code_depth: u32,
    tables: Vec<Table>,
    /// Inside a table cell: the cell's text so far.
    cell: Option<String>,
    cell_depth: u32,
    heading_depth: u32,
}

impl<'u> MarkdownRenderer<'u> {
    pub(crate) fn new(
        title: Option<&str>,
        base: Option<&'u Url>,
        options: MarkdownOptions,
        capacity: usize,
    ) -> Self {
        let mut renderer = MarkdownRenderer {
            out: String::with_capacity(capacity),
            base,
            options,
            gap: Gap::None,
            hard_break: false,
            last_text_depth: 0,
            caption_depth: 0,
            containers: Vec::new(),
            lists: Vec::new(),
            pending_marker: None,
            pending_heading: None,
            line_start: true,
            marks: Vec::new(),
            pre: None,
            pre_depth: 0,
            code: None,
            code_depth: 0,
            tables: Vec::new(),
            cell: None,
            cell_depth: 0,
            heading_depth: 0,
        };
        if let Some(title) = title {
            renderer.out.push_str("# ");
            escape_inline(&mut renderer.out, title, true);
            renderer.gap = Gap::Paragraph;
        }
        renderer
    }

    pub(crate) fn finish(mut self) -> String {
        let len = self.out.trim_end().len();
        self.out.truncate(len);
        self.out.push('\n');
        self.out
    }

    fn want(&mut self, gap: Gap) {
        // A list item's first block starts on the marker's line.
        if self.pending_marker.is_some() && self.gap <= Gap::Line && gap > Gap::Line {
            return;
        }
        if gap > self.gap {
            self.gap = gap;
        }
    }

    /// The prefixes of the first `depth` containers; a list item whose
    /// marker is about to be written gives no indentation of its own.
    fn prefix(&self, depth: usize, skip_last_item: bool) -> String {
        let mut prefix = String::new();
        let depth = depth.min(self.containers.len());
        for (n, container) in self.containers[..depth].iter().enumerate() {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::Item { width } => {
                    if !(skip_last_item && n + 1 == self.containers.len()) {
                        prefix.extend(std::iter::repeat_n(' ', *width));
                    }
                }
            }
        }
        prefix
    }

    /// Writes the owed separator, line prefixes, marker and heading mark,
    /// and opens pending inline marks: everything due before text.
    fn flush(&mut self) {
        let gap = std::mem::replace(&mut self.gap, Gap::None);
        let hard_break = std::mem::take(&mut self.hard_break);
        match gap {
            Gap::None => {}
            Gap::Space => {
                if !self.line_start && !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
            }
            Gap::Line | Gap::Paragraph if !self.out.is_empty() => {
                let len = self.out.trim_end_matches([' ', '\t']).len();
                self.out.truncate(len);
                if hard_break && gap == Gap::Line {
                    self.out.push('\\');
                }
                self.out.push('\n');
                if gap == Gap::Paragraph {
                    let shared = self.last_text_depth.min(self.containers.len());
                    let blank = self.prefix(shared, false);
                    self.out.push_str(blank.trim_end());
                    self.out.push('\n');
                }
            }
            Gap::Line | Gap::Paragraph => {}
        }
        if self.out.is_empty() || self.out.ends_with('\n') {
            let marker = self.pending_marker.take();
            let prefix = self.prefix(self.containers.len(), marker.is_some());
            self.out.push_str(&prefix);
            if let Some(marker) = marker {
                self.out.push_str(&marker);
            }
            self.line_start = true;
        }
        if let Some(heading) = self.pending_heading.take() {
            self.out.push_str(&heading);
            self.line_start = false;
        }
        for mark in &mut self.marks {
            match mark {
                Mark::Delimited { mark, written } if !*written => {
                    self.out.push_str(mark);
                    *written = true;
                    self.line_start = false;
                }
                Mark::Link { written, .. } if !*written => {
                    self.out.push('[');
                    *written = true;
                    self.line_start = false;
                }
                _ => {}
            }
        }
        self.last_text_depth = self.containers.len();
    }

    /// Where inline output goes: the current table cell, or the document.
    fn write_inline(&mut self, text: &str, escape: bool) {
        if let Some(cell) = self.cell.as_mut() {
            if escape {
                let mut escaped = String::with_capacity(text.len());
                escape_inline(&mut escaped, text, false);
                cell.push_str(&escaped.replace('|', "\\|"));
            } else {
                cell.push_str(text);
            }
            return;
        }
        self.flush();
        if escape {
            escape_inline(&mut self.out, text, self.line_start);
        } else {
            self.out.push_str(text);
        }
        self.line_start = false;
    }

    fn open_mark(&mut self, mark: Mark) {
        if self.cell.is_some() {
            // Cells are written whole; marks inside them stay plain text.
            self.marks.push(Mark::Nothing);
            return;
        }
        self.marks.push(mark);
    }

    fn close_mark(&mut self) {
        match self.marks.pop() {
            Some(Mark::Delimited {
                mark,
                written: true,
            }) => {
                self.out.push_str(mark);
            }
            Some(Mark::Link { url, written: true }) => {
                self.out.push_str("](");
                self.out.push_str(&escape_url(&url));
                self.out.push(')');
            }
            _ => {}
        }
    }

    fn open_list(&mut self, dom: &Dom, i: usize, ordered: bool) {
        self.lists.push(ListCounter::new(dom, i, ordered));
        if self
            .containers
            .iter()
            .any(|c| matches!(c, Container::Item { .. }))
        {
            self.want(Gap::Line);
        } else {
            self.want(Gap::Paragraph);
        }
    }

    fn open_item(&mut self) {
        self.want(Gap::Line);
        let marker = self
            .lists
            .last_mut()
            .map_or_else(|| "- ".to_owned(), ListCounter::next_marker);
        // A pending marker of an empty item is dropped with its item.
        self.containers.push(Container::Item {
            width: marker.len(),
        });
        self.pending_marker = Some(marker);
    }

    fn close_item(&mut self) {
        // An item without text leaves no marker behind.
        self.pending_marker = None;
        self.containers.pop();
        self.want(Gap::Line);
    }

    fn finish_pre(&mut self) {
        let Some((language, content)) = self.pre.take() else {
            return;
        };
        let content = content.strip_suffix('\n').unwrap_or(&content);
        if self.cell.is_some() {
            let flat = content.split_whitespace().collect::<Vec<_>>().join(" ");
            self.write_code_span(&flat);
            return;
        }
        self.want(Gap::Paragraph);
        self.flush();
        let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
        let prefix = self.prefix(self.containers.len(), false);
        self.out.push_str(&fence);
        if let Some(language) = language {
            self.out.push_str(&language);
        }
        for line in content.split('\n') {
            self.out.push('\n');
            if !line.is_empty() {
                self.out.push_str(&prefix);
            } else {
                self.out.push_str(prefix.trim_end());
            }
            self.out.push_str(line);
        }
        self.out.push('\n');
        self.out.push_str(&prefix);
        self.out.push_str(&fence);
        self.line_start = false;
        self.want(Gap::Paragraph);
    }

    fn write_code_span(&mut self, content: &str) {
        if content.is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(content, '`') + 1);
        let pad = content.starts_with('`') || content.ends_with('`');
        let mut span = String::with_capacity(content.len() + 4);
        span.push_str(&ticks);
        if pad {
            span.push(' ');
        }
        span.push_str(content);
        if pad {
            span.push(' ');
        }
        span.push_str(&ticks);
        if self.cell.is_some() {
            self.write_inline(&span.replace('|', "\\|"), false);
        } else {
            self.write_inline(&span, false);
        }
    }
}

/// Length of the longest run of `ch` in `s`.
fn longest_run(s: &str, ch: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in s.chars() {
        if c == ch {
            current += 1;
            longest = longest.max(current);
        } else {
            current = 0;
        }
    }
    longest
}

/// Escapes characters that Markdown would read as syntax. `line_start`:
/// the text begins a line, where `#`, `>`, list markers and `=`/`-`
/// underlines matter too.
pub(crate) fn escape_inline(out: &mut String, text: &str, line_start: bool) {
    let mut chars = text.char_indices().peekable();
    if line_start {
        let trimmed = text.trim_start();
        let first = trimmed.chars().next();
        match first {
            Some('#' | '>' | '+' | '=' | '-') => {
                let skip = text.len() - trimmed.len();
                out.push_str(&text[..skip]);
                out.push('\\');
                for _ in 0..text[..skip].chars().count() {
                    chars.next();
                }
            }
            Some(c) if c.is_ascii_digit() => {
                // "1984. That year" must not become an ordered list.
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                if digits <= 9 && matches!(trimmed[digits..].chars().next(), Some('.' | ')')) {
                    let skip = text.len() - trimmed.len() + digits;
                    out.push_str(&text[..skip]);
                    out.push('\\');
                    while chars.peek().is_some_and(|(at, _)| *at < skip) {
                        chars.next();
                    }
                }
            }
            _ => {}
        }
    }
    for (at, ch) in chars {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '&' if looks_like_entity(&text[at + 1..]) => out.push_str("\\&"),
            _ => out.push(ch),
        }
    }
}

/// Whether text after `&` would read as a character reference (`amp;`,
/// `#38;`), which Markdown would decode.
fn looks_like_entity(rest: &str) -> bool {
    let name_len = rest
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// Makes a URL safe inside `(...)`: spaces and parentheses are encoded.
fn escape_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

fn language_of(class: Option<&str>) -> Option<String> {
    class?
        .split_whitespace()
        .find_map(|w| {
            w.strip_prefix("language-")
                .or_else(|| w.strip_prefix("lang-"))
        })
        .filter(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_+#.".contains(&b))
        })
        .map(str::to_owned)
}

/// Whether an element holds block elements (paragraphs, headings, lists).
fn wraps_blocks(dom: &Dom, i: usize) -> bool {
    let end = dom.nodes[i].end as usize;
    (i + 1..end).any(|j| dom.tag(j).is_some_and(Tag::is_block))
}

impl<'a> Visitor<'a> for MarkdownRenderer<'_> {
    fn open(&mut self, dom: &Dom<'a>, i: usize) {
        let Some(tag) = dom.tag(i) else { return };
        if self.pre.is_some() {
            return;
        }
        if self.code.is_some() {
            self.code_depth += 1;
            return;
        }
        match tag {
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                self.heading_depth += 1;
                if self.cell.is_none() {
                    self.want(Gap::Paragraph);
                    let level = match tag {
                        Tag::H1 => 1,
                        Tag::H2 => 2,
                        Tag::H3 => 3,
                        Tag::H4 => 4,
                        Tag::H5 => 5,
                        _ => 6,
                    };
                    self.pending_heading = Some(format!("{} ", "#".repeat(level)));
                }
                self.marks.push(Mark::Nothing);
            }
            Tag::P
            | Tag::Div
            | Tag::Section
            | Tag::Article
            | Tag::Main
            | Tag::Header
            | Tag::Footer
            | Tag::Address
            | Tag::Center
            | Tag::Details
            | Tag::Summary
            | Tag::Figure
            | Tag::Dl
            | Tag::Dd
            | Tag::Aside
            | Tag::Nav
            | Tag::Form
            | Tag::Fieldset => {
                if self.cell.is_some() {
                    self.want(Gap::Space);
                } else if tag == Tag::Dd || tag == Tag::Summary {
                    self.want(Gap::Line);
                } else {
                    self.want(Gap::Paragraph);
                }
            }
            Tag::Dt => self.want(if self.cell.is_some() {
                Gap::Space
            } else {
                Gap::Paragraph
            }),
            Tag::Figcaption => {
                self.want(Gap::Paragraph);
                self.open_mark(Mark::Delimited {
                    mark: "*",
                    written: false,
                });
            }
            Tag::Blockquote => {
                if self.cell.is_some() {
                    self.want(Gap::Space);
                } else {
                    self.want(Gap::Paragraph);
                    self.containers.push(Container::Quote);
                }
            }
            Tag::Ul | Tag::Ol => {
                if self.cell.is_some() {
                    self.want(Gap::Space);
                } else {
                    self.open_list(dom, i, tag == Tag::Ol);
                }
            }
            Tag::Li => {
                if self.cell.is_some() {
                    self.want(Gap::Space);
                } else {
                    self.open_item();
                }
            }
            Tag::Pre => {
                self.pre_depth += 1;
                let language = language_of(dom.attr(i, "class")).or_else(|| {
                    dom.children(i)
                        .find(|&c| dom.tag(c) == Some(Tag::Code))
                        .and_then(|c| language_of(dom.attr(c, "class")))
                });
                self.pre = Some((language, String::new()));
            }
            Tag::Code => {
                self.code = Some(String::new());
                self.code_depth = 1;
            }
            Tag::Em | Tag::I | Tag::Cite => self.open_mark(Mark::Delimited {
                mark: "*",
                written: false,
            }),
            Tag::Strong | Tag::B => self.open_mark(Mark::Delimited {
                mark: "**",
                written: false,
            }),
            Tag::S => self.open_mark(Mark::Delimited {
                mark: "~~",
                written: false,
            }),
            Tag::A => {
                // Links without a safe URL, links in headings and links
                // wrapping blocks (a whole card: heading and description)
                // are text: Markdown link text is inline only.
                let url = dom
                    .attr(i, "href")
                    .and_then(|h| safe_url(h, self.base))
                    .filter(|_| self.options.links && self.heading_depth == 0)
                    .filter(|_| !wraps_blocks(dom, i));
                match url {
                    Some(url) => self.open_mark(Mark::Link {
                        url,
                        written: false,
                    }),
                    None => self.marks.push(Mark::Nothing),
                }
            }
            Tag::Img => {
                if self.options.images
                    && let Some(src) = image_source(dom, i).and_then(|s| safe_url(s, self.base))
                {
                    let mut image = String::from("![");
                    escape_inline(&mut image, dom.attr(i, "alt").unwrap_or("").trim(), false);
                    image.push_str("](");
                    image.push_str(&escape_url(&src));
                    image.push(')');
                    self.write_inline(&image, false);
                }
            }
            Tag::Br => {
                if self.cell.is_some() || self.heading_depth > 0 {
                    self.want(Gap::Space);
                } else {
                    self.want(Gap::Line);
                    self.hard_break = true;
                }
            }
            Tag::Hr if self.cell.is_none() => {
                self.want(Gap::Paragraph);
                self.flush();
                self.out.push_str("---");
                self.line_start = false;
                self.want(Gap::Paragraph);
            }
            Tag::Table => self.open_table(),
            Tag::Tr => self.open_row(),
            Tag::Td | Tag::Th => self.open_cell(),
            Tag::Caption => self.caption_depth += 1,
            _ => {}
        }
    }

    fn close(&mut self, dom: &Dom<'a>, i: usize) {
        let Some(tag) = dom.tag(i) else { return };
        if self.pre.is_some() {
            if tag == Tag::Pre {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                if self.pre_depth == 0 {
                    self.finish_pre();
                }
            }
            return;
        }
        if let Some(code) = self.code.as_ref() {
            self.code_depth = self.code_depth.saturating_sub(1);
            if self.code_depth == 0 {
                let content = code.split_whitespace().collect::<Vec<_>>().join(" ");
                self.code = None;
                self.write_code_span(&content);
            }
            return;
        }
        match tag {
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                self.heading_depth = self.heading_depth.saturating_sub(1);
                self.close_mark();
                self.pending_heading = None;
                if self.cell.is_none() {
                    self.want(Gap::Paragraph);
                }
            }
            Tag::Figcaption => {
                self.close_mark();
                self.want(Gap::Paragraph);
            }
            Tag::Blockquote if self.cell.is_none() => {
                self.pending_marker = None;
                if matches!(self.containers.last(), Some(Container::Quote)) {
                    self.containers.pop();
                }
                self.want(Gap::Paragraph);
            }
            Tag::Ul | Tag::Ol if self.cell.is_none() => {
                self.lists.pop();
                let nested = matches!(self.containers.last(), Some(Container::Item { .. }));
                self.want(if nested { Gap::Line } else { Gap::Paragraph });
            }
            Tag::Li if self.cell.is_none() => {
                self.close_item();
            }
            Tag::Em | Tag::I | Tag::Cite | Tag::Strong | Tag::B | Tag::S | Tag::A => {
                self.close_mark()
            }
            Tag::Table => self.close_table(),
            Tag::Td | Tag::Th => self.close_cell(dom, i),
            Tag::Caption => self.caption_depth = self.caption_depth.saturating_sub(1),
            t if t.is_block() => {
                if self.cell.is_some() {
                    self.want(Gap::Space);
                } else {
                    self.want(Gap::Paragraph);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, _dom: &Dom<'a>, _i: usize, text: &'a str) {
        if let Some((_, content)) = self.pre.as_mut() {
            content.push_str(text);
            return;
        }
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        // Caption text of the innermost table goes above it.
        if self.cell.is_none()
            && let Some(table) = self.tables.last_mut()
        {
            if self.caption_depth > 0 {
                table.caption.push(' ');
                table.caption.push_str(text);
            }
            return;
        }
        if text.split_whitespace().next().is_none() {
            if !text.is_empty() {
                self.want(Gap::Space);
            }
            return;
        }
        if text.starts_with(char::is_whitespace) {
            self.want(Gap::Space);
        }
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.cell.is_some() && text.starts_with(char::is_whitespace) {
            if let Some(cell) = self.cell.as_mut() {
                cell.push(' ');
            }
        }
        self.write_inline(&collapsed, true);
        if text.ends_with(char::is_whitespace) {
            if let Some(cell) = self.cell.as_mut() {
                cell.push(' ');
            } else {
                self.want(Gap::Space);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_metacharacters() {
        let mut out = String::new();
        escape_inline(&mut out, "2*3*4 and snake_case [x] <b>", false);
        assert_eq!(out, "2\\*3\\*4 and snake\\_case \\[x\\] \\<b\\>");
        let mut out = String::new();
        escape_inline(&mut out, "1984. That year", true);
        assert_eq!(out, "1984\\. That year");
        let mut out = String::new();
        escape_inline(&mut out, "# not a heading", true);
        assert_eq!(out, "\\# not a heading");
        let mut out = String::new();
        escape_inline(&mut out, "Q&A &amp; more", false);
        assert_eq!(out, "Q&A \\&amp; more");
    }

    #[test]
    fn fences_outgrow_backtick_runs() {
        assert_eq!(longest_run("a ``` b", '`'), 3);
    }
}
