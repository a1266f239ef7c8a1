//! Markdown round trip: the Markdown decant writes must carry the same
//! structure as the clean article HTML it returns.
//!
//! For every fixture page (`fixtures/*/page.html` or `page.html.gz`) the
//! article is extracted once with `Markdown::WithTitle`, as the fixture
//! harness does; `article.markdown` is parsed with
//! pulldown-cmark (CommonMark plus GFM tables and strikethrough) and
//! `article.html` with scraper, the same structures are collected from both,
//! and each test below compares one of them across all fixtures, naming every
//! fixture that differs.
//!
//! The rules, where the two formats cannot be compared one to one:
//!
//! - Title: the Markdown opens with `# {title}`, which is the renderer's own
//!   addition; when the first block is an h1 with exactly the article title
//!   it is dropped before anything is collected. When `article.html` itself
//!   holds a heading (any level) with the title (the page's headline kept in
//!   the article), the renderer may keep it or fold it into its leading
//!   heading: each test accepts a match with `article.html` either as it is
//!   or without the first such heading (and what it holds).
//! - Text is compared with all whitespace removed: the Markdown's text (text
//!   and inline code, not image alt text) must hold exactly the characters of
//!   the HTML's text, in order. A metacharacter that was not escaped and
//!   became markup (or an escape that shows) breaks this.
//! - Headings: level and whitespace-collapsed text.
//! - List items: depth (number of enclosing lists), the item's number in an
//!   ordered list (`start` + position) or none for a bullet, and the item's
//!   own text (everything in it outside nested lists), collapsed.
//! - Block quotes: depth (number of enclosing quotes) and own text (outside
//!   nested quotes), collapsed.
//! - Tables: row by row with spans expanded. A slot covered by another cell's
//!   colspan or rowspan must be empty in the Markdown or repeat that cell's
//!   text; missing trailing cells count as empty; rows with no text are
//!   dropped on both sides (so a header-less table may get an empty Markdown
//!   header row); an HTML first row of only `th` must be the Markdown header.
//!   Captions are not table cells (their text is covered by the text test).
//! - Code blocks: language (`language-x` class on `pre` or its `code`; the
//!   first word of the fence's info string) and content exactly, less one
//!   trailing newline on each side.
//! - Links: target and collapsed text, for links with text outside headings
//!   (a heading may be written as plain text) and not wrapping blocks (a
//!   card link around a heading and a paragraph is written as text). Images: source and alt text,
//!   for images with a source.
//! - Inline marks: the number of em/i, strong/b, del/s and inline code
//!   elements with text (outside `pre`) equals the number of Emphasis,
//!   Strong, Strikethrough and Code events; the Markdown may also set every
//!   figcaption in emphasis, so its Emphasis count may instead be the HTML's
//!   plus its number of figcaptions with text.
//! - Safety: pulldown-cmark's HTML renderer copies `Html` and `InlineHtml`
//!   events through unescaped (text, code and URLs are escaped), so the
//!   rendered HTML holds a raw `<script` exactly when one of those events
//!   does; none may.

use std::fmt::Debug;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use decant::{Extractor, Markdown, Options};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use scraper::{Html, Node};
use serde_json::Value;

/// One fixture page: the structures of its Markdown and of its HTML.
struct Case {
    name: String,
    md: Structure,
    html: Structure,
    /// The HTML less its first heading holding the title, when it has one.
    html_untitled: Option<Structure>,
}

#[derive(Debug, Default)]
struct Structure {
    headings: Vec<(u8, String)>,
    items: Vec<Item>,
    quotes: Vec<Quote>,
    tables: Vec<Vec<Row>>,
    code_blocks: Vec<CodeBlock>,
    links: Vec<(String, String)>,
    images: Vec<(String, String)>,
    marks: Marks,
    /// All text with whitespace removed.
    text: String,
    /// `Html` and `InlineHtml` events (Markdown only).
    raw_html: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct Item {
    depth: usize,
    number: Option<u64>,
    text: String,
}

#[derive(Debug, PartialEq)]
struct Quote {
    depth: usize,
    text: String,
}

#[derive(Debug, PartialEq)]
struct CodeBlock {
    language: Option<String>,
    content: String,
}

#[derive(Debug, Default, PartialEq)]
struct Marks {
    emphasis: usize,
    strong: usize,
    strikethrough: usize,
    code: usize,
    /// Figcaptions with text (HTML only).
    figcaptions: usize,
}

impl Marks {
    /// Whether the Markdown's marks (`self`) match the HTML's.
    fn match_html(&self, html: &Marks) -> bool {
        (self.strong, self.strikethrough, self.code) == (html.strong, html.strikethrough, html.code)
            && (self.emphasis == html.emphasis || self.emphasis == html.emphasis + html.figcaptions)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Emphasis,
    Strong,
    Strikethrough,
    Code,
    Figcaption,
}

/// A table row with spans expanded.
#[derive(Debug)]
struct Row {
    header: bool,
    slots: Vec<Slot>,
}

#[derive(Debug, Clone)]
enum Slot {
    Cell(String),
    /// Covered by the colspan or rowspan of a cell with this text.
    Spanned(String),
}

struct RawCell {
    header: bool,
    colspan: usize,
    rowspan: usize,
    text: String,
}

struct OpenTable {
    index: usize,
    /// Per column: rows still covered by a rowspan, and the spanning text.
    carry: Vec<Option<(usize, String)>>,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
}

/// Collects a [`Structure`] from open/close/text calls, so that the
/// Markdown events and the HTML tree are read by the same rules.
#[derive(Default)]
struct Builder {
    s: Structure,
    heading: Option<(u8, String)>,
    /// Open lists: the next item number for ordered lists.
    lists: Vec<Option<u64>>,
    /// Open items: index into `s.items` and depth.
    items: Vec<(usize, usize)>,
    /// Open quotes: index into `s.quotes`.
    quotes: Vec<usize>,
    tables: Vec<OpenTable>,
    code: Option<CodeBlock>,
    links: Vec<(String, String)>,
    image: Option<(String, String)>,
    marks: Vec<(Mark, String)>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Builder {
    fn text(&mut self, t: &str) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(t);
            return;
        }
        self.s.text.extend(t.chars().filter(|c| !c.is_whitespace()));
        if let Some((_, h)) = &mut self.heading {
            h.push_str(t);
        }
        if let Some(&(index, depth)) = self.items.last()
            && self.lists.len() == depth
        {
            self.s.items[index].text.push_str(t);
        }
        if let Some(&index) = self.quotes.last() {
            self.s.quotes[index].text.push_str(t);
        }
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.text.push_str(t);
        }
        if let Some(code) = &mut self.code {
            code.content.push_str(t);
        }
        for (_, text) in &mut self.links {
            text.push_str(t);
        }
        for (_, text) in &mut self.marks {
            text.push_str(t);
        }
    }

    /// A block starts or ends: words on either side are apart (a space in
    /// every text being collected except code).
    fn boundary(&mut self) {
        if self.image.is_some() {
            return;
        }
        let code = self.code.take();
        self.text(" ");
        self.code = code;
    }

    fn heading_open(&mut self, level: u8) {
        self.heading = Some((level, String::new()));
    }

    fn heading_close(&mut self) {
        if let Some((level, text)) = self.heading.take() {
            self.s.headings.push((level, collapse(&text)));
        }
    }

    fn list_open(&mut self, start: Option<u64>) {
        self.lists.push(start);
    }

    fn list_close(&mut self) {
        self.lists.pop();
    }

    fn item_open(&mut self) {
        let depth = self.lists.len();
        let number = match self.lists.last_mut() {
            Some(Some(next)) => {
                *next += 1;
                Some(*next - 1)
            }
            _ => None,
        };
        self.items.push((self.s.items.len(), depth));
        self.s.items.push(Item {
            depth,
            number,
            text: String::new(),
        });
    }

    fn item_close(&mut self) {
        if let Some((index, _)) = self.items.pop() {
            let item = &mut self.s.items[index];
            item.text = collapse(&item.text);
        }
    }

    fn quote_open(&mut self) {
        self.quotes.push(self.s.quotes.len());
        self.s.quotes.push(Quote {
            depth: self.quotes.len(),
            text: String::new(),
        });
    }

    fn quote_close(&mut self) {
        if let Some(index) = self.quotes.pop() {
            let quote = &mut self.s.quotes[index];
            quote.text = collapse(&quote.text);
        }
    }

    fn table_open(&mut self) {
        self.tables.push(OpenTable {
            index: self.s.tables.len(),
            carry: Vec::new(),
            row: None,
            cell: None,
        });
        self.s.tables.push(Vec::new());
    }

    fn table_close(&mut self) {
        self.tables.pop();
    }

    fn row_open(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(Vec::new());
        }
    }

    fn cell_open(&mut self, header: bool, colspan: usize, rowspan: usize) {
        if let Some(table) = self.tables.last_mut() {
            table.cell = Some(RawCell {
                header,
                colspan: colspan.clamp(1, 1000),
                rowspan: rowspan.clamp(1, 1000),
                text: String::new(),
            });
        }
    }

    fn cell_close(&mut self) {
        if let Some(table) = self.tables.last_mut()
            && let Some(mut cell) = table.cell.take()
        {
            cell.text = collapse(&cell.text);
            table.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn row_close(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(cells) = table.row.take() else {
            return;
        };
        let header = !cells.is_empty() && cells.iter().all(|c| c.header);
        let mut slots = Vec::new();
        let mut cells = cells.into_iter();
        loop {
            let col = slots.len();
            if let Some(Some((left, text))) = table.carry.get_mut(col) {
                slots.push(Slot::Spanned(text.clone()));
                *left -= 1;
                if *left == 0 {
                    table.carry[col] = None;
                }
                continue;
            }
            if let Some(cell) = cells.next() {
                for k in 0..cell.colspan {
                    let col = slots.len();
                    slots.push(if k == 0 {
                        Slot::Cell(cell.text.clone())
                    } else {
                        Slot::Spanned(cell.text.clone())
                    });
                    if cell.rowspan > 1 {
                        if table.carry.len() <= col {
                            table.carry.resize(col + 1, None);
                        }
                        table.carry[col] = Some((cell.rowspan - 1, cell.text.clone()));
                    }
                }
                continue;
            }
            if table.carry.iter().skip(col).any(Option::is_some) {
                slots.push(Slot::Cell(String::new()));
                continue;
            }
            break;
        }
        self.s.tables[table.index].push(Row { header, slots });
    }

    fn code_open(&mut self, language: Option<String>) {
        self.code = Some(CodeBlock {
            language,
            content: String::new(),
        });
    }

    fn code_close(&mut self) {
        if let Some(code) = self.code.take() {
            self.s.code_blocks.push(code);
        }
    }

    fn link_open(&mut self, href: &str) {
        self.links.push((href.to_owned(), String::new()));
    }

    fn link_close(&mut self) {
        if let Some((href, text)) = self.links.pop() {
            let text = collapse(&text);
            if !text.is_empty() && self.heading.is_none() {
                self.s.links.push((href, text));
            }
        }
    }

    fn image_open(&mut self, src: &str) {
        self.image = Some((src.to_owned(), String::new()));
    }

    fn image_close(&mut self) {
        if let Some((src, alt)) = self.image.take() {
            self.s.images.push((src, collapse(&alt)));
        }
    }

    fn mark_open(&mut self, mark: Mark) {
        self.marks.push((mark, String::new()));
    }

    fn mark_close(&mut self) {
        let Some((mark, text)) = self.marks.pop() else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        let marks = &mut self.s.marks;
        match mark {
            Mark::Emphasis => marks.emphasis += 1,
            Mark::Strong => marks.strong += 1,
            Mark::Strikethrough => marks.strikethrough += 1,
            Mark::Code => marks.code += 1,
            Mark::Figcaption => marks.figcaptions += 1,
        }
    }
}

/// The events of the Markdown, less a leading `# {title}` heading.
fn without_title<'e, 'a>(events: &'e [Event<'a>], title: Option<&str>) -> &'e [Event<'a>] {
    let (
        Some(title),
        Some(Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })),
    ) = (title, events.first())
    else {
        return events;
    };
    let Some(end) = events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
    else {
        return events;
    };
    let text: String = events[1..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect();
    if collapse(&text) == collapse(title) {
        &events[end + 1..]
    } else {
        events
    }
}

fn is_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// HTML elements that start a new block of text.
const HTML_BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

fn markdown_structure(markdown: &str, title: Option<&str>) -> Structure {
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let mut b = Builder::default();
    let mut in_table_head = false;
    for event in without_title(&events, title) {
        let block = match event {
            Event::Start(tag) => is_block(&tag.to_end()),
            Event::End(tag) => is_block(tag),
            _ => false,
        };
        if block {
            b.boundary();
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => b.heading_open(*level as u8),
                Tag::List(start) => b.list_open(*start),
                Tag::Item => b.item_open(),
                Tag::BlockQuote(_) => b.quote_open(),
                Tag::Table(_) => b.table_open(),
                Tag::TableHead => {
                    in_table_head = true;
                    b.row_open();
                }
                Tag::TableRow => b.row_open(),
                Tag::TableCell => b.cell_open(in_table_head, 1, 1),
                Tag::CodeBlock(kind) => b.code_open(match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                }),
                Tag::Link { dest_url, .. } => b.link_open(dest_url),
                Tag::Image { dest_url, .. } => b.image_open(dest_url),
                Tag::Emphasis => b.mark_open(Mark::Emphasis),
                Tag::Strong => b.mark_open(Mark::Strong),
                Tag::Strikethrough => b.mark_open(Mark::Strikethrough),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => b.heading_close(),
                TagEnd::List(_) => b.list_close(),
                TagEnd::Item => b.item_close(),
                TagEnd::BlockQuote(_) => b.quote_close(),
                TagEnd::Table => b.table_close(),
                TagEnd::TableHead => {
                    b.row_close();
                    in_table_head = false;
                }
                TagEnd::TableRow => b.row_close(),
                TagEnd::TableCell => b.cell_close(),
                TagEnd::CodeBlock => b.code_close(),
                TagEnd::Link => b.link_close(),
                TagEnd::Image => b.image_close(),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => b.mark_close(),
                _ => {}
            },
            Event::Text(t) => b.text(t),
            Event::Code(t) => {
                b.mark_open(Mark::Code);
                b.text(t);
                b.mark_close();
            }
            Event::SoftBreak | Event::HardBreak => b.text(" "),
            Event::Html(h) | Event::InlineHtml(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    b.text(" ");
                }
                b.s.raw_html.push(h.to_string());
            }
            _ => {}
        }
    }
    b.s
}

fn html_language(class: Option<&str>) -> Option<String> {
    class?
        .split_whitespace()
        .find_map(|c| c.strip_prefix("language-"))
        .map(str::to_owned)
}

/// The first heading whose text is the title, ASCII case aside.
fn title_heading(doc: &Html, title: Option<&str>) -> Option<NodeId> {
    let title = collapse(title?);
    doc.tree
        .root()
        .descendants()
        .find(|n| {
            let heading = n
                .value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
            if !heading {
                return false;
            }
            let text: String = n
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| &**t))
                .collect();
            collapse(&text).eq_ignore_ascii_case(&title)
        })
        .map(|heading| heading.id())
}

/// The structure of `doc`, leaving out the subtree at `skip`.
fn html_structure(doc: &Html, skip: Option<NodeId>) -> Structure {
    let mut b = Builder::default();
    let mut pre_depth = 0usize;
    let mut inline_code_depth = 0usize;
    let mut skipping = false;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) | Edge::Close(node) if Some(node.id()) == skip => {
                skipping = matches!(edge, Edge::Open(_));
                continue;
            }
            _ if skipping => continue,
            _ => {}
        }
        let (Edge::Open(node) | Edge::Close(node)) = edge;
        if let Some(e) = node.value().as_element()
            && HTML_BLOCKS.contains(&e.name())
        {
            b.boundary();
        }
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => b.text(t),
                Node::Element(e) => match e.name() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        b.heading_open(e.name().as_bytes()[1] - b'0');
                    }
                    "ul" => b.list_open(None),
                    "ol" => b.list_open(Some(
                        e.attr("start")
                            .and_then(|s| s.trim().parse().ok())
                            .unwrap_or(1),
                    )),
                    "li" => b.item_open(),
                    "blockquote" => b.quote_open(),
                    "table" => b.table_open(),
                    "tr" => b.row_open(),
                    "td" | "th" => {
                        let span = |name| {
                            e.attr(name)
                                .and_then(|s| s.trim().parse().ok())
                                .unwrap_or(1)
                        };
                        b.cell_open(e.name() == "th", span("colspan"), span("rowspan"));
                    }
                    "pre" => {
                        pre_depth += 1;
                        b.code_open(html_language(e.attr("class")));
                    }
                    "code" if pre_depth > 0 => {
                        if let Some(code) = &mut b.code
                            && code.language.is_none()
                        {
                            code.language = html_language(e.attr("class"));
                        }
                    }
                    "code" => {
                        if inline_code_depth == 0 {
                            b.mark_open(Mark::Code);
                        }
                        inline_code_depth += 1;
                    }
                    "em" | "i" if pre_depth == 0 && inline_code_depth == 0 => {
                        b.mark_open(Mark::Emphasis);
                    }
                    "strong" | "b" if pre_depth == 0 && inline_code_depth == 0 => {
                        b.mark_open(Mark::Strong);
                    }
                    "del" | "s" if pre_depth == 0 && inline_code_depth == 0 => {
                        b.mark_open(Mark::Strikethrough);
                    }
                    "figcaption" => b.mark_open(Mark::Figcaption),
                    "a" if !wraps_blocks(node) => {
                        if let Some(href) = e.attr("href") {
                            b.link_open(href);
                        }
                    }
                    "img" => {
                        if let Some(src) = e.attr("src") {
                            b.image_open(src);
                            b.text(e.attr("alt").unwrap_or_default());
                            b.image_close();
                        }
                    }
                    "br" => b.text(if pre_depth > 0 { "\n" } else { " " }),
                    _ => {}
                },
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                match e.name() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => b.heading_close(),
                    "ul" | "ol" => b.list_close(),
                    "li" => b.item_close(),
                    "blockquote" => b.quote_close(),
                    "table" => b.table_close(),
                    "tr" => b.row_close(),
                    "td" | "th" => b.cell_close(),
                    "pre" => {
                        pre_depth -= 1;
                        b.code_close();
                    }
                    "code" if pre_depth > 0 => {}
                    "code" => {
                        inline_code_depth -= 1;
                        if inline_code_depth == 0 {
                            b.mark_close();
                        }
                    }
                    "em" | "i" | "strong" | "b" | "del" | "s"
                        if pre_depth == 0 && inline_code_depth == 0 =>
                    {
                        b.mark_close();
                    }
                    "figcaption" => b.mark_close(),
                    "a" if e.attr("href").is_some() && !wraps_blocks(node) => b.link_close(),
                    _ => {}
                }
            }
        }
    }
    b.s
}

/// A link wrapping blocks (a whole card) is written as text in Markdown,
/// whose link text is inline only.
fn wraps_blocks(link: ego_tree::NodeRef<'_, Node>) -> bool {
    link.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| HTML_BLOCKS.contains(&e.name()))
    })
}

fn read_page(dir: &Path) -> Option<Vec<u8>> {
    if let Ok(bytes) = std::fs::read(dir.join("page.html")) {
        return Some(bytes);
    }
    let gz = std::fs::read(dir.join("page.html.gz")).ok()?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .expect("page.html.gz is gzip");
    Some(out)
}

/// Every fixture with an HTML page, extracted once for all tests.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut dirs: Vec<_> = std::fs::read_dir(&root)
            .expect("fixtures/ exists")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("case.json").is_file())
            .collect();
        dirs.sort();
        let options = Options::default().markdown(Markdown::WithTitle);
        let extractor = Extractor::new(options);
        let mut cases = Vec::new();
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let Some(bytes) = read_page(&dir) else {
                continue;
            };
            let json = std::fs::read_to_string(dir.join("case.json")).unwrap();
            let case: Value = serde_json::from_str(&json).unwrap();
            let result = extractor.extract_bytes(
                &bytes,
                case["url"].as_str(),
                case["content_type"].as_str(),
            );
            let article = match result {
                Ok(article) => article,
                Err(_) if case["no_article_ok"].as_bool() == Some(true) => continue,
                Err(e) => panic!("{name}: extraction failed: {e}"),
            };
            let title = article.title.as_deref();
            let markdown = article.markdown.as_deref().expect("Markdown was asked for");
            let md = markdown_structure(markdown, title);
            let doc = Html::parse_fragment(&article.html);
            let html = html_structure(&doc, None);
            let html_untitled = title_heading(&doc, title).map(|h| html_structure(&doc, Some(h)));
            cases.push(Case {
                name,
                md,
                html,
                html_untitled,
            });
        }
        cases
    })
}

/// Runs `check(markdown, html)` on every case and fails with all the
/// fixtures it rejects (against `article.html` with and without its title
/// heading), reporting the difference from `article.html` as it is.
fn check_all(what: &str, check: impl Fn(&Structure, &Structure) -> Option<String>) {
    let failures: Vec<String> = cases()
        .iter()
        .filter_map(|case| {
            let why = check(&case.md, &case.html)?;
            let untitled = case.html_untitled.as_ref();
            if untitled.is_some_and(|html| check(&case.md, html).is_none()) {
                return None;
            }
            Some(format!("{}: {why}", case.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{what} differ in {} fixture(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The first difference between two sequences, readably.
fn first_difference<T: Debug, U: Debug>(
    md: &[T],
    html: &[U],
    same: impl Fn(&T, &U) -> bool,
) -> Option<String> {
    let at = (0..md.len().max(html.len())).find(|&i| match (md.get(i), html.get(i)) {
        (Some(m), Some(h)) => !same(m, h),
        _ => true,
    })?;
    Some(format!(
        "{} in Markdown, {} in HTML; first difference at #{at}:\n  markdown: {:?}\n  html:     {:?}",
        md.len(),
        html.len(),
        md.get(at),
        html.get(at),
    ))
}

fn row_matches(md: &Row, html: &Row) -> bool {
    let width = md.slots.len().max(html.slots.len());
    (0..width).all(|i| {
        let m = match md.slots.get(i) {
            Some(Slot::Cell(t) | Slot::Spanned(t)) => t.as_str(),
            None => "",
        };
        match html.slots.get(i) {
            None => m.is_empty(),
            Some(Slot::Cell(t)) => m == t,
            Some(Slot::Spanned(t)) => m.is_empty() || m == t,
        }
    })
}

fn has_text(row: &&Row) -> bool {
    row.slots
        .iter()
        .any(|s| matches!(s, Slot::Cell(t) if !t.is_empty()))
}

fn table_difference(md: &[Row], html: &[Row]) -> Option<String> {
    let md: Vec<&Row> = md.iter().filter(has_text).collect();
    let html: Vec<&Row> = html.iter().filter(has_text).collect();
    if let (Some(m), Some(h)) = (md.first(), html.first())
        && h.header
        && !m.header
    {
        return Some(format!("HTML header row is not the Markdown header: {m:?}"));
    }
    first_difference(&md, &html, |m, h| row_matches(m, h))
}

#[test]
fn format_fixtures_exercise_their_structures() {
    let find = |name: &str| {
        cases()
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("fixture {name} is missing or has no article"))
    };
    let lists = &find("format-lists-and-emphasis").html;
    let levels: Vec<u8> = lists.headings.iter().map(|h| h.0).collect();
    assert!([2, 3, 4].iter().all(|l| levels.contains(l)), "{levels:?}");
    assert!(lists.items.iter().any(|i| i.depth == 3));
    assert_eq!(lists.items.iter().find_map(|i| i.number), Some(3));
    assert!(lists.marks.emphasis > 0 && lists.marks.strong > 0 && lists.marks.code > 0);
    assert!(
        lists
            .links
            .iter()
            .any(|(href, _)| href == "https://compost-and-crumb.example/guides/soil")
    );

    let tables = &find("format-table-colspan").html;
    assert_eq!(tables.tables.len(), 2);
    assert!(tables.tables[0].iter().any(|r| r.header));
    assert!(!tables.tables[1].iter().any(|r| r.header));

    let code = &find("format-code-block").html;
    assert_eq!(code.code_blocks.len(), 2);
    assert_eq!(code.code_blocks[0].language.as_deref(), Some("python"));
    assert!(code.code_blocks[0].content.contains("\"```\""));
    assert!(code.code_blocks[0].content.lines().any(|l| l == "```"));
    assert_eq!(code.code_blocks[1].language, None);

    let figures = &find("format-figure-quote").html;
    assert_eq!(figures.images.len(), 3);
    assert!(figures.quotes.iter().any(|q| q.depth == 2));

    assert!(!find("format-comments").html.text.is_empty());
}

#[test]
fn markdown_text_matches_article_html() {
    check_all("texts", |md, html| {
        let (md, html) = (&md.text, &html.text);
        if md == html {
            return None;
        }
        let md: Vec<char> = md.chars().collect();
        let html: Vec<char> = html.chars().collect();
        let at = md.iter().zip(&html).take_while(|(m, h)| m == h).count();
        let around = |s: &[char]| -> String {
            s[at.saturating_sub(30)..(at + 30).min(s.len())]
                .iter()
                .collect()
        };
        Some(format!(
            "text (whitespace removed) differs at char {at}:\n  markdown: …{}…\n  html:     …{}…",
            around(&md),
            around(&html)
        ))
    });
}

#[test]
fn headings_match() {
    check_all("headings", |md, html| {
        first_difference(&md.headings, &html.headings, PartialEq::eq)
    });
}

#[test]
fn list_items_match() {
    check_all("list items", |md, html| {
        first_difference(&md.items, &html.items, PartialEq::eq)
    });
}

#[test]
fn block_quotes_match() {
    check_all("block quotes", |md, html| {
        first_difference(&md.quotes, &html.quotes, PartialEq::eq)
    });
}

#[test]
fn tables_match() {
    check_all("tables", |md, html| {
        if md.tables.len() != html.tables.len() {
            return Some(format!(
                "{} tables in Markdown, {} in HTML",
                md.tables.len(),
                html.tables.len()
            ));
        }
        md.tables
            .iter()
            .zip(&html.tables)
            .enumerate()
            .find_map(|(i, (md, html))| {
                table_difference(md, html).map(|why| format!("table #{i}: rows: {why}"))
            })
    });
}

#[test]
fn code_blocks_are_verbatim() {
    fn trimmed(code: &CodeBlock) -> (Option<&str>, &str) {
        let content = code.content.strip_suffix('\n').unwrap_or(&code.content);
        (code.language.as_deref(), content)
    }
    check_all("code blocks", |md, html| {
        first_difference(&md.code_blocks, &html.code_blocks, |m, h| {
            trimmed(m) == trimmed(h)
        })
    });
}

#[test]
fn links_match() {
    check_all("links", |md, html| {
        first_difference(&md.links, &html.links, PartialEq::eq)
    });
}

#[test]
fn images_match() {
    check_all("images", |md, html| {
        first_difference(&md.images, &html.images, PartialEq::eq)
    });
}

#[test]
fn inline_marks_match() {
    check_all("inline mark counts", |md, html| {
        (!md.marks.match_html(&html.marks))
            .then(|| format!("\n  markdown: {:?}\n  html:     {:?}", md.marks, html.marks))
    });
}

#[test]
fn markdown_renders_no_raw_script() {
    check_all("raw HTML", |md, _| {
        let script = md
            .raw_html
            .iter()
            .find(|h| h.to_ascii_lowercase().contains("<script"))?;
        Some(format!("raw HTML event {script:?}"))
    });
}
