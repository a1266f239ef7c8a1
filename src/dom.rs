//! The parsed tree as a flat arena in document (pre-)order, plus the tag
//! classification every later stage uses.
//!
//! The parser's sink (`sink.rs`) links nodes in creation order; we walk its
//! tree once (iteratively: nesting depth is attacker-controlled) and lay the
//! nodes out in pre-order. That gives every stage cheap side tables
//! (`Vec<T>` indexed by node index) and subtree ranges: the descendants of
//! node `i` are exactly `i + 1 .. nodes[i].end`.

use html5ever::Attribute;

use crate::Error;
use crate::sink::{Content, Element, Tree};

/// Marks "no node" in parent links.
pub(crate) const NONE: u32 = u32::MAX;

/// The element names the pipeline distinguishes; everything else is `Other`
/// (treated as an inline or generic container).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    A,
    P,
    Div,
    Span,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Pre,
    Code,
    Blockquote,
    Figure,
    Figcaption,
    Img,
    Picture,
    Br,
    Hr,
    Em,
    Strong,
    B,
    I,
    U,
    S,
    Sub,
    Sup,
    Mark,
    Small,
    Q,
    Cite,
    Abbr,
    Time,
    Address,
    Details,
    Summary,
    Form,
    Fieldset,
    Label,
    Input,
    Button,
    Select,
    Option,
    Textarea,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Embed,
    Canvas,
    Video,
    Audio,
    Source,
    Dialog,
    Center,
    Font,
    /// `<rt>`/`<rp>`: a ruby annotation (a reading above its base text)
    /// and its fallback parentheses.
    RubyText,
    Other,
}

impl Tag {
    pub(crate) fn from_name(name: &str) -> Tag {
        use Tag::*;
        match name {
            "html" => Html,
            "head" => Head,
            "body" => Body,
            "title" => Title,
            "meta" => Meta,
            "link" => Link,
            "a" => A,
            "p" => P,
            "div" => Div,
            "span" => Span,
            "section" => Section,
            "article" => Article,
            "main" => Main,
            "header" => Header,
            "footer" => Footer,
            "nav" => Nav,
            "aside" => Aside,
            "h1" => H1,
            "h2" => H2,
            "h3" => H3,
            "h4" => H4,
            "h5" => H5,
            "h6" => H6,
            "ul" => Ul,
            "ol" => Ol,
            "li" => Li,
            "dl" => Dl,
            "dt" => Dt,
            "dd" => Dd,
            "table" => Table,
            "thead" => Thead,
            "tbody" => Tbody,
            "tfoot" => Tfoot,
            "tr" => Tr,
            "td" => Td,
            "th" => Th,
            "caption" => Caption,
            "pre" | "xmp" | "listing" | "plaintext" => Pre,
            "code" | "kbd" | "samp" | "tt" => Code,
            "blockquote" => Blockquote,
            "figure" => Figure,
            "figcaption" => Figcaption,
            "img" => Img,
            "picture" => Picture,
            "br" => Br,
            "hr" => Hr,
            "em" => Em,
            "strong" => Strong,
            "b" => B,
            "i" => I,
            "u" => U,
            "s" | "del" | "strike" => S,
            "sub" => Sub,
            "sup" => Sup,
            "mark" => Mark,
            "small" => Small,
            "q" => Q,
            "cite" => Cite,
            "abbr" => Abbr,
            "time" => Time,
            "address" => Address,
            "details" => Details,
            "summary" => Summary,
            "form" => Form,
            "fieldset" => Fieldset,
            "label" => Label,
            "input" => Input,
            "button" => Button,
            "select" | "datalist" => Select,
            "option" | "optgroup" => Option,
            "textarea" => Textarea,
            "script" => Script,
            "style" => Style,
            "noscript" => Noscript,
            "template" => Template,
            "svg" => Svg,
            "math" => Math,
            "iframe" | "frame" | "frameset" => Iframe,
            "object" | "applet" => Object,
            "embed" => Embed,
            "canvas" => Canvas,
            "video" => Video,
            "audio" => Audio,
            "source" | "track" => Source,
            "dialog" => Dialog,
            "center" => Center,
            "font" => Font,
            "rt" | "rp" => RubyText,
            _ => Other,
        }
    }

    /// Elements that start a new block of text when rendered.
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Body
                | P
                | Div
                | Section
                | Article
                | Main
                | Header
                | Footer
                | Nav
                | Aside
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Ul
                | Ol
                | Li
                | Dl
                | Dt
                | Dd
                | Table
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Td
                | Th
                | Caption
                | Pre
                | Blockquote
                | Figure
                | Figcaption
                | Address
                | Details
                | Summary
                | Form
                | Fieldset
                | Dialog
                | Center
                | Hr
        )
    }

    pub(crate) fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

/// Which of the attributes the per-node passes ask for an element carries,
/// read once while the arena is built. A pass asking for one the element
/// lacks (most elements carry none of them) then leaves the parsed element
/// untouched: on a page of tens of megabytes each such visit is a cache miss,
/// and the cue, prepare and metadata passes would each pay one per element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AttrSet(u16);

impl AttrSet {
    /// The element has at least one attribute.
    pub const ANY: u16 = 1 << 0;
    pub const CLASS: u16 = 1 << 1;
    pub const ID: u16 = 1 << 2;
    pub const HREF: u16 = 1 << 3;
    /// `hidden`, or `popover` (hidden until opened).
    pub const HIDDEN: u16 = 1 << 4;
    pub const ARIA_HIDDEN: u16 = 1 << 5;
    pub const STYLE: u16 = 1 << 6;
    pub const ROLE: u16 = 1 << 7;
    pub const TYPE: u16 = 1 << 8;
    pub const REL: u16 = 1 << 9;
    pub const ITEMPROP: u16 = 1 << 10;
    pub const ITEMTYPE: u16 = 1 << 11;
    pub const ARIA_CONTROLS: u16 = 1 << 12;
    pub const ARIA_EXPANDED: u16 = 1 << 13;

    /// The attributes of an element this set tracks (by local name,
    /// whatever the namespace, as [`Dom::attr`] matches them). Compares
    /// interned names: no string is read.
    pub(crate) fn of(attrs: &[Attribute]) -> AttrSet {
        use html5ever::local_name;
        let mut bits = 0;
        for Attribute { name, .. } in attrs {
            bits |= Self::ANY
                | match name.local {
                    local_name!("class") => Self::CLASS,
                    local_name!("id") => Self::ID,
                    local_name!("href") => Self::HREF,
                    // A popover is hidden until opened, as `hidden` is.
                    local_name!("hidden") | local_name!("popover") => Self::HIDDEN,
                    local_name!("aria-hidden") => Self::ARIA_HIDDEN,
                    local_name!("style") => Self::STYLE,
                    local_name!("role") => Self::ROLE,
                    local_name!("type") => Self::TYPE,
                    local_name!("rel") => Self::REL,
                    local_name!("itemprop") => Self::ITEMPROP,
                    local_name!("itemtype") => Self::ITEMTYPE,
                    local_name!("aria-controls") => Self::ARIA_CONTROLS,
                    local_name!("aria-expanded") => Self::ARIA_EXPANDED,
                    _ => 0,
                };
        }
        AttrSet(bits)
    }

    /// Whether the element carries any of `bits`.
    pub(crate) fn has(self, bits: u16) -> bool {
        self.0 & bits != 0
    }

    /// Whether an attribute called `name` may be present: false only when
    /// it is known to be absent.
    fn may_have(self, name: &str) -> bool {
        let bit = match name {
            "class" => Self::CLASS,
            "id" => Self::ID,
            "href" => Self::HREF,
            "hidden" => Self::HIDDEN,
            "aria-hidden" => Self::ARIA_HIDDEN,
            "style" => Self::STYLE,
            "role" => Self::ROLE,
            "type" => Self::TYPE,
            "rel" => Self::REL,
            "itemprop" => Self::ITEMPROP,
            "itemtype" => Self::ITEMTYPE,
            "aria-controls" => Self::ARIA_CONTROLS,
            "aria-expanded" => Self::ARIA_EXPANDED,
            _ => Self::ANY,
        };
        self.has(bit)
    }
}

impl std::ops::BitOrAssign for AttrSet {
    fn bitor_assign(&mut self, other: AttrSet) {
        self.0 |= other.0;
    }
}

/// What a node holds.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    Element(&'a Element, Tag, AttrSet),
    Text(&'a str),
    /// Document, doctype, comment, processing instruction.
    Other,
}

#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub kind: Kind<'a>,
    pub parent: u32,
    /// One past the last descendant, in pre-order.
    pub end: u32,
}

/// The arena. Index 0 is the document node.
pub(crate) struct Dom<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    /// Lays out the parsed tree in pre-order: one walk down first children
    /// and along next siblings, with a stack of the open ancestors. Fails
    /// when the parser created more than `max_nodes` nodes (detached ones
    /// included). The arena borrows `content`; `tree` may go afterwards.
    pub(crate) fn build(
        tree: &Tree,
        content: &'a Content,
        max_nodes: usize,
    ) -> Result<Dom<'a>, Error> {
        let len = tree.len();
        if len > max_nodes {
            return Err(Error::TooManyNodes {
                nodes: len,
                limit: max_nodes,
            });
        }
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(len);
        // Arena indices of the ancestors of the node at `at`.
        let mut open: Vec<u32> = Vec::with_capacity(64);
        let mut at = Tree::ROOT;
        loop {
            let index = nodes.len() as u32;
            nodes.push(Node {
                kind: tree.kind(at, content),
                parent: open.last().copied().unwrap_or(NONE),
                end: index + 1,
            });
            if let Some(child) = tree.first_child(at) {
                open.push(index);
                at = child;
                continue;
            }
            // A leaf: close ancestors until one has a next sibling.
            loop {
                if let Some(next) = tree.next_sibling(at) {
                    at = next;
                    break;
                }
                let (Some(done), Some(parent)) = (open.pop(), tree.parent(at)) else {
                    return Ok(Dom { nodes });
                };
                nodes[done as usize].end = nodes.len() as u32;
                at = parent;
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn tag(&self, i: usize) -> Option<Tag> {
        match self.nodes[i].kind {
            Kind::Element(_, tag, _) => Some(tag),
            _ => None,
        }
    }

    pub(crate) fn element(&self, i: usize) -> Option<&'a Element> {
        match self.nodes[i].kind {
            Kind::Element(el, _, _) => Some(el),
            _ => None,
        }
    }

    /// The tracked attributes element `i` carries (none for other nodes).
    pub(crate) fn attr_set(&self, i: usize) -> AttrSet {
        match self.nodes[i].kind {
            Kind::Element(_, _, set) => set,
            _ => AttrSet::default(),
        }
    }

    /// An attribute by local name, whatever its namespace (unlike
    /// [`Element::attr`]); not read at all when the element's [`AttrSet`]
    /// says the attribute is absent.
    pub(crate) fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        let Kind::Element(el, _, set) = self.nodes[i].kind else {
            return None;
        };
        if !set.may_have(name) {
            return None;
        }
        el.attrs()
            .find_map(|(n, value)| (n == name).then_some(value))
    }

    pub(crate) fn parent(&self, i: usize) -> Option<usize> {
        let p = self.nodes[i].parent;
        (p != NONE).then_some(p as usize)
    }

    /// Direct children of `i`, in order.
    pub(crate) fn children(&self, i: usize) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: i + 1,
            end: self.nodes[i].end as usize,
        }
    }

    /// Whether `descendant` lies in the subtree of `ancestor` (or is it).
    pub(crate) fn contains(&self, ancestor: usize, descendant: usize) -> bool {
        descendant >= ancestor && descendant < self.nodes[ancestor].end as usize
    }

    /// The first element with `tag` in document order.
    pub(crate) fn find_tag(&self, tag: Tag) -> Option<usize> {
        (0..self.len()).find(|&i| self.tag(i) == Some(tag))
    }

    /// All text under `i`, whitespace collapsed to single spaces and trimmed.
    pub(crate) fn collapsed_text(&self, i: usize) -> String {
        self.collapsed_text_within(i, usize::MAX)
            .unwrap_or_default()
    }

    /// [`collapsed_text`](Self::collapsed_text) when it is shorter than
    /// `below_chars` characters; `None` (read no further) when it is not.
    /// Date and byline boxes are wanted short, and a box so named may hold
    /// a whole post.
    pub(crate) fn short_collapsed_text(&self, i: usize, below_chars: usize) -> Option<String> {
        // A character takes at most four bytes (and one trailing space is
        // trimmed): past this, it has too many.
        let max_bytes = below_chars.saturating_mul(4).saturating_add(1);
        self.collapsed_text_within(i, max_bytes)
            .filter(|text| text.chars().count() < below_chars)
    }

    /// The collapsed text, or `None` as soon as it grows past `max_bytes`.
    fn collapsed_text_within(&self, i: usize, max_bytes: usize) -> Option<String> {
        let mut out = String::new();
        let end = self.nodes[i].end as usize;
        for node in &self.nodes[i..end.max(i + 1)] {
            if let Kind::Text(t) = node.kind {
                push_collapsed(&mut out, t);
                if out.len() > max_bytes {
                    return None;
                }
            }
        }
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        Some(out)
    }
}

impl Dom<'_> {
    /// Writes into `out` (cleared first) the lower-cased text under `i`,
    /// whitespace collapsed and trimmed, stopping after about `max_chars`
    /// characters: the cue tests read only a block's start, so a long block
    /// costs no more than a short one. `skip` leaves out subtrees.
    pub(crate) fn lower_text_prefix(
        &self,
        i: usize,
        max_chars: usize,
        skip: impl Fn(usize) -> bool,
        out: &mut String,
    ) {
        out.clear();
        let end = self.nodes[i].end as usize;
        let mut chars = 0;
        let mut pending_space = false;
        let mut j = i;
        while j < end && chars < max_chars {
            if j != i && skip(j) {
                j = (self.nodes[j].end as usize).max(j + 1);
                continue;
            }
            if let Kind::Text(text) = self.nodes[j].kind {
                for ch in text.chars() {
                    if ch.is_whitespace() {
                        pending_space = !out.is_empty();
                        continue;
                    }
                    if pending_space {
                        out.push(' ');
                        chars += 1;
                        pending_space = false;
                    }
                    if ch.is_ascii() {
                        out.push(ch.to_ascii_lowercase());
                    } else {
                        out.extend(ch.to_lowercase());
                    }
                    chars += 1;
                    if chars >= max_chars {
                        break;
                    }
                }
            }
            j += 1;
        }
    }

    /// The same text `lower_text_prefix` writes (lower case, whitespace runs
    /// as one space, none at the ends), as bytes and cut off once `out`
    /// holds `max_bytes` (mid-character at worst): ASCII, most of any page,
    /// is copied byte by byte without decoding characters, several times
    /// faster on long paragraphs.
    pub(crate) fn lower_text_bytes(
        &self,
        i: usize,
        max_bytes: usize,
        skip: impl Fn(usize) -> bool,
        out: &mut Vec<u8>,
    ) {
        out.clear();
        let mut pending_space = false;
        let end = self.nodes[i].end as usize;
        let mut j = i;
        while j < end {
            if j != i && skip(j) {
                j = (self.nodes[j].end as usize).max(j + 1);
                continue;
            }
            if let Kind::Text(text) = self.nodes[j].kind {
                let bytes = text.as_bytes();
                let mut at = 0;
                while at < bytes.len() {
                    let byte = bytes[at];
                    if byte.is_ascii() {
                        at += 1;
                        // `char::is_whitespace` on ASCII: space, \t to \r.
                        if matches!(byte, b' ' | b'\t'..=b'\r') {
                            pending_space = !out.is_empty();
                            continue;
                        }
                        if pending_space {
                            out.push(b' ');
                            pending_space = false;
                        }
                        out.push(byte.to_ascii_lowercase());
                        if out.len() >= max_bytes {
                            return;
                        }
                        continue;
                    }
                    let ch = text[at..].chars().next().unwrap_or(' ');
                    at += ch.len_utf8();
                    if ch.is_whitespace() {
                        pending_space = !out.is_empty();
                        continue;
                    }
                    if pending_space {
                        out.push(b' ');
                        pending_space = false;
                    }
                    let mut utf8 = [0u8; 4];
                    for lower in ch.to_lowercase() {
                        out.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
                    }
                    if out.len() >= max_bytes {
                        return;
                    }
                }
            }
            j += 1;
        }
    }
}

/// Appends `text` to `out` with whitespace runs collapsed to one space and no
/// leading space at the start of `out`.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    for (n, word) in text.split_whitespace().enumerate() {
        let starts_with_space = n > 0 || text.starts_with(char::is_whitespace);
        if starts_with_space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

pub(crate) struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        self.next = self.dom.nodes[current].end as usize;
        Some(current)
    }
}

// The arena stays at 32 bytes a node: the attribute set fits in the
// element variant's padding.
const _: () = assert!(std::mem::size_of::<Node>() == 32);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::parse;

    #[test]
    fn attribute_sets_answer_for_absent_attributes() {
        let doc = parse(
            "<p>a</p><a href=/x class=k data-x=1>b</a><div style='color:red' ROLE=main>c</div>",
        );
        let dom = Dom::build(&doc.tree, &doc.content, 1000).unwrap();
        let p = dom.find_tag(Tag::P).unwrap();
        assert_eq!(dom.attr_set(p), AttrSet::default());
        assert_eq!(dom.attr(p, "data-x"), None);
        let a = dom.find_tag(Tag::A).unwrap();
        assert!(dom.attr_set(a).has(AttrSet::HREF | AttrSet::CLASS));
        assert!(!dom.attr_set(a).has(AttrSet::ID | AttrSet::STYLE));
        assert_eq!(dom.attr(a, "href"), Some("/x"));
        assert_eq!(dom.attr(a, "data-x"), Some("1"));
        assert_eq!(dom.attr(a, "id"), None);
        let div = dom.find_tag(Tag::Div).unwrap();
        assert!(dom.attr_set(div).has(AttrSet::ROLE));
        assert_eq!(dom.attr(div, "role"), Some("main"));
        assert_eq!(dom.attr(div, "style"), Some("color:red"));
    }

    #[test]
    fn preorder_ranges_and_children() {
        let doc = parse("<p>a<b>b</b></p><div>c</div>");
        let dom = Dom::build(&doc.tree, &doc.content, 1000).unwrap();
        let body = dom.find_tag(Tag::Body).unwrap();
        let kids: Vec<_> = dom
            .children(body)
            .map(|c| dom.tag(c).unwrap_or(Tag::Other))
            .collect();
        assert_eq!(kids, vec![Tag::P, Tag::Div]);
        assert_eq!(dom.collapsed_text(body), "abc");
        let p = dom.find_tag(Tag::P).unwrap();
        let b = dom.find_tag(Tag::B).unwrap();
        assert!(dom.contains(p, b));
        assert!(!dom.contains(b, p));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html_text = "<div>".repeat(3_000) + "x";
        let doc = parse(&html_text);
        let dom = Dom::build(&doc.tree, &doc.content, 1_000_000).unwrap();
        assert!(dom.len() > 100);
    }

    #[test]
    fn lower_text_bytes_match_the_lower_text() {
        let doc =
            parse("<div> Über\u{a0} STRASSE <b>İstanbul</b>\n\t<i>ÉTÉ</i>  café\u{2003}End </div>");
        let dom = Dom::build(&doc.tree, &doc.content, 1000).unwrap();
        let div = dom.find_tag(Tag::Div).unwrap();
        let (mut text, mut bytes) = (String::new(), Vec::new());
        dom.lower_text_prefix(div, usize::MAX, |_| false, &mut text);
        dom.lower_text_bytes(div, usize::MAX, |_| false, &mut bytes);
        assert_eq!(text, "über strasse i̇stanbul été café end");
        assert_eq!(bytes, text.as_bytes());
        dom.lower_text_bytes(div, 9, |_| false, &mut bytes);
        assert_eq!(bytes, "über str".as_bytes());
    }

    #[test]
    fn short_collapsed_text_gives_up_on_long_boxes() {
        let html = format!(
            "<div> By <b>Ann</b>\n Lee </div><section>{}</section>",
            "<p>word word</p>".repeat(400)
        );
        let doc = parse(&html);
        let dom = Dom::build(&doc.tree, &doc.content, 10_000).unwrap();
        let div = dom.find_tag(Tag::Div).unwrap();
        assert_eq!(
            dom.short_collapsed_text(div, 11).as_deref(),
            Some("By Ann Lee")
        );
        assert_eq!(dom.short_collapsed_text(div, 10), None);
        let section = dom.find_tag(Tag::Section).unwrap();
        assert_eq!(dom.short_collapsed_text(section, 120), None);
        assert!(dom.collapsed_text(section).len() > 3000);
    }

    #[test]
    fn collapses_whitespace() {
        let mut s = String::new();
        push_collapsed(&mut s, "  a \n b ");
        push_collapsed(&mut s, "c");
        assert_eq!(s, "a b c");
    }
}
