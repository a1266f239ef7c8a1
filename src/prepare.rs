//! Drop what is never content and compute every per-node feature the later
//! stages use, in one forward and one backward pass over the arena.

use std::collections::{HashMap, HashSet};

use crate::cues::{ClassCues, class_cues, class_pattern_bits};
use crate::dom::{AttrSet, Dom, Kind, Tag};
use crate::sink::Element;

/// Why a node (and its subtree) is not part of any candidate article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removal {
    Kept,
    /// An ancestor was removed.
    Inherited,
    /// script, style, form controls, embeds, ...
    NeverContent,
    /// `hidden`, `aria-hidden`, `display:none`, screen-reader-only classes.
    Hidden(HiddenBy),
    /// Class/id or ARIA role names page furniture (menus, footers, sidebars).
    Unlikely(UnlikelyBy),
    /// `<nav>` and friends.
    NavigationTag,
}

/// What marked an element hidden (kept for explanations; costs nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HiddenBy {
    Attribute,
    AriaHidden,
    DisplayNone,
    VisibilityHidden,
    Class,
}

impl HiddenBy {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            HiddenBy::Attribute => "hidden: `hidden` attribute",
            HiddenBy::AriaHidden => "hidden: aria-hidden=true",
            HiddenBy::DisplayNone => "hidden: display:none",
            HiddenBy::VisibilityHidden => "hidden: visibility:hidden",
            HiddenBy::Class => "hidden: class names a hidden or screen-reader-only box",
        }
    }
}

/// What made an element look like page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnlikelyBy {
    /// The ARIA role (its index in `UNLIKELY_ROLES`).
    Role(u8),
    /// Class/id words (menu, sidebar, footer, ...).
    ClassCue,
    /// `<footer>` or `<aside>`.
    Tag,
    /// Footer, cookie banner or overlay: out even on the looser passes.
    Furniture,
}

/// Knobs of one preparation pass; the select stage retries with looser ones.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrepareFlags {
    pub strip_unlikely: bool,
    /// Keep elements marked hidden: streaming server renderers (React,
    /// Next.js) ship the whole page in a `hidden` box that script reveals.
    pub keep_hidden: bool,
}

impl PrepareFlags {
    /// The ladder of passes, strictest first (Readability's flag ladder).
    pub(crate) const LADDER: [PrepareFlags; 3] = [
        PrepareFlags {
            strip_unlikely: true,
            keep_hidden: false,
        },
        PrepareFlags {
            strip_unlikely: false,
            keep_hidden: false,
        },
        PrepareFlags {
            strip_unlikely: false,
            keep_hidden: true,
        },
    ];
}

pub(crate) struct Features {
    pub removal: Vec<Removal>,
    /// Visible characters in the kept subtree (whitespace runs count as one).
    pub text_len: Vec<u32>,
    /// Of which inside `<a href>`.
    pub link_len: Vec<u32>,
    /// Commas (and CJK/Arabic commas) in the kept subtree.
    pub commas: Vec<u32>,
    /// Text whose nearest block ancestor is this node ("its own paragraph").
    pub own_text_len: Vec<u32>,
    pub own_commas: Vec<u32>,
    /// `<p>`-like descendants and form fields.
    pub paragraphs: Vec<u32>,
    pub controls: Vec<u32>,
}

impl Features {
    pub(crate) fn link_density(&self, i: usize) -> f32 {
        let text = self.text_len[i];
        if text == 0 {
            0.0
        } else {
            self.link_len[i] as f32 / text as f32
        }
    }

    pub(crate) fn is_kept(&self, i: usize) -> bool {
        self.removal[i] == Removal::Kept
    }
}

/// Computes class cues once per document; they do not depend on flags.
/// Elements without a class or id are not read at all.
pub(crate) fn class_cue_table(dom: &Dom) -> Vec<ClassCues> {
    let mut scratch = Vec::new();
    // Pages repeat a few class lists over thousands of elements (every
    // card, every comment): each distinct list is matched once. No class
    // pattern spans a space, so a class list and an id are read apart.
    let mut by_class: HashMap<&str, u32> = HashMap::new();
    let mut cues: Vec<ClassCues> = dom
        .nodes
        .iter()
        .map(|node| match node.kind {
            Kind::Element(el, _, set) if set.has(AttrSet::CLASS | AttrSet::ID) => {
                // One scan for both (`Element::id` would also write its
                // cache into the element); the first of each, as there.
                let (mut class, mut id) = (None, None);
                for (name, value) in el.attrs() {
                    match name {
                        "class" => class = class.or(Some(value)),
                        "id" => id = id.or(Some(value)),
                        _ => {}
                    }
                }
                let from_class = class.map_or(0, |class| {
                    *by_class
                        .entry(class)
                        .or_insert_with(|| class_pattern_bits(Some(class), None, &mut scratch))
                });
                let bits = from_class | class_pattern_bits(None, id, &mut scratch);
                if bits & ClassCues::SEO_COPY != 0 {
                    // Rare: the SEO rule reads both names together.
                    class_cues(class, id, &mut scratch)
                } else {
                    ClassCues(bits)
                }
            }
            _ => ClassCues::default(),
        })
        .collect();
    believe_unlikely_only_on_minor_boxes(dom, &mut cues);
    cues
}

/// A box whose class names page furniture ("sidebar-container",
/// "header-wrapper") but which holds most of the page's reading text is a
/// layout wrapper around the content: its "unlikely" cue is dropped, so the
/// strictest pass does not strip the article with it. Reading text is
/// counted here in bytes outside links, scripts and styles, once per page.
fn believe_unlikely_only_on_minor_boxes(dom: &Dom, cues: &mut [ClassCues]) {
    if !cues.iter().any(|c| c.has(ClassCues::UNLIKELY)) {
        return;
    }
    // One backward pass: children come after their parent, so each subtree
    // is summed before its root; a link, script or style drops its sum.
    let mut reading = vec![0u32; dom.len()];
    for i in (1..dom.len()).rev() {
        match dom.nodes[i].kind {
            Kind::Text(text) => reading[i] = text.trim().len() as u32,
            Kind::Element(_, tag, set) => {
                let unread = (tag == Tag::A && set.has(AttrSet::HREF))
                    || matches!(
                        tag,
                        Tag::Head | Tag::Script | Tag::Style | Tag::Noscript | Tag::Template
                    );
                if unread {
                    reading[i] = 0;
                }
            }
            Kind::Other => {}
        }
        let parent = dom.nodes[i].parent as usize;
        reading[parent] = reading[parent].saturating_add(reading[i]);
    }
    let page = reading[dom.find_tag(Tag::Body).unwrap_or(0)];
    for (cue, &text) in cues.iter_mut().zip(&reading) {
        // Consent banners and overlays are never layout wrappers: on an
        // app shell they hold all the page's text and must still go.
        let wrapper_name = !cue.has(ClassCues::COOKIE | ClassCues::OVERLAY);
        if cue.has(ClassCues::UNLIKELY) && wrapper_name && u64::from(text) * 2 > u64::from(page) {
            cue.0 &= !ClassCues::UNLIKELY;
        }
    }
    // ... except a footer named so twice, by its class and by a `<footer>`
    // or contentinfo around it: on an app shell whose content is rendered
    // by scripts, the page footer holds all the text there is.
    for (i, cue) in cues.iter_mut().enumerate() {
        if cue.has(ClassCues::FOOTER) && !cue.has(ClassCues::UNLIKELY) && in_page_footer(dom, i) {
            cue.0 |= ClassCues::UNLIKELY;
        }
    }
}

/// Whether `i` is, or sits inside, a `<footer>` element or a contentinfo
/// landmark.
fn in_page_footer(dom: &Dom, mut i: usize) -> bool {
    loop {
        if dom.tag(i) == Some(Tag::Footer) || dom.attr(i, "role") == Some("contentinfo") {
            return true;
        }
        match dom.parent(i) {
            Some(parent) => i = parent,
            None => return false,
        }
    }
}

pub(crate) fn prepare(dom: &Dom, cues: &[ClassCues], flags: PrepareFlags) -> Features {
    let n = dom.len();
    let mut removal = vec![Removal::Kept; n];
    // The block elements that contain the current node, innermost last
    // (with their `end`): a text node's own paragraph is the last of them,
    // or the document. A stack as deep as the tree rather than a table as
    // long as it: one less per-node table to fault in and pull through the
    // cache on large pages.
    let mut open_blocks: Vec<(u32, u32)> = Vec::new();
    let mut text_len = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut own_text_len = vec![0u32; n];
    let mut own_commas = vec![0u32; n];
    let mut controls = vec![0u32; n];
    // Ids named by `aria-controls` so far: the panels of accordions and
    // tabs, whose triggers come before them. A set: a hostile page may name
    // thousands, and every hidden element is looked up.
    let mut controlled: HashSet<&str> = HashSet::new();

    // Forward pass: removal decisions flow from parents to children.
    for i in 1..n {
        let parent = dom.nodes[i].parent as usize;
        while open_blocks
            .last()
            .is_some_and(|&(_, end)| end as usize <= i)
        {
            open_blocks.pop();
        }
        if removal[parent] != Removal::Kept {
            removal[i] = Removal::Inherited;
            continue;
        }
        match dom.nodes[i].kind {
            Kind::Element(el, tag, set) => {
                let attrs = PrepareAttrs::of(el, set);
                // Buttons are everywhere (accordions, carousels, players);
                // fields a reader fills in are what make a box a form. A
                // read-only box (an embed code to copy) is not one.
                let is_field = matches!(tag, Tag::Select | Tag::Textarea)
                    || (tag == Tag::Input
                        && !attrs.input_type.is_some_and(|t| {
                            NOT_FIELD_INPUT_TYPES
                                .iter()
                                .any(|kind| t.eq_ignore_ascii_case(kind))
                        })
                        && dom.attr(i, "readonly").is_none());
                if is_field {
                    controls[parent] += 1;
                }
                if let Some(ids) = attrs.aria_controls {
                    controlled.extend(ids.split_ascii_whitespace());
                }
                let why = removal_reason(dom, i, attrs, tag, cues[i], flags, &controlled);
                removal[i] = why;
                if tag.is_block() {
                    open_blocks.push((i as u32, dom.nodes[i].end));
                }
            }
            Kind::Text(text) => {
                let (len, comma_count) = measure_text(text);
                text_len[i] = len;
                commas[i] = comma_count;
                let owner = open_blocks.last().map_or(0, |&(owner, _)| owner as usize);
                own_text_len[owner] += len;
                own_commas[owner] += comma_count;
            }
            Kind::Other => {}
        }
    }

    // Backward pass: children come after their parent in pre-order, so
    // walking backwards sums every subtree before its root is read.
    let mut link_len = vec![0u32; n];
    let mut paragraphs = vec![0u32; n];
    for i in (1..n).rev() {
        if removal[i] != Removal::Kept {
            continue;
        }
        if let Some(tag) = dom.tag(i) {
            match tag {
                Tag::A if dom.attr_set(i).has(AttrSet::HREF) => link_len[i] = text_len[i],
                Tag::P | Tag::Pre | Tag::Blockquote => paragraphs[i] += 1,
                _ => {}
            }
        }
        let p = dom.nodes[i].parent as usize;
        text_len[p] += text_len[i];
        link_len[p] += link_len[i];
        commas[p] += commas[i];
        paragraphs[p] += paragraphs[i];
        controls[p] += controls[i];
    }

    Features {
        removal,
        text_len,
        link_len,
        commas,
        own_text_len,
        own_commas,
        paragraphs,
        controls,
    }
}

/// The attributes prepare reads, found in one scan of the element's
/// attributes: a lookup by name interns the name each time, which cost more
/// than the rest of the pass on attribute-heavy pages.
#[derive(Clone, Copy, Default)]
struct PrepareAttrs<'a> {
    hidden: bool,
    aria_hidden: Option<&'a str>,
    style: Option<&'a str>,
    role: Option<&'a str>,
    input_type: Option<&'a str>,
    id: Option<&'a str>,
    aria_controls: Option<&'a str>,
    aria_expanded: bool,
}

impl<'a> PrepareAttrs<'a> {
    /// Reads the element only when `set` says it carries one of them.
    fn of(el: &'a Element, set: AttrSet) -> PrepareAttrs<'a> {
        let mut found = PrepareAttrs::default();
        let wanted = AttrSet::HIDDEN
            | AttrSet::ARIA_HIDDEN
            | AttrSet::STYLE
            | AttrSet::ROLE
            | AttrSet::TYPE
            | AttrSet::ID
            | AttrSet::ARIA_CONTROLS
            | AttrSet::ARIA_EXPANDED;
        if !set.has(wanted) {
            return found;
        }
        for (name, value) in el.attrs() {
            match name {
                // The browser's own stylesheet hides a popover until it is
                // opened (a card or menu shown on hover or click).
                "hidden" | "popover" => found.hidden = true,
                "aria-hidden" => found.aria_hidden = found.aria_hidden.or(Some(value)),
                "style" => found.style = found.style.or(Some(value)),
                "role" => found.role = found.role.or(Some(value)),
                "type" => found.input_type = found.input_type.or(Some(value)),
                "id" => found.id = found.id.or(Some(value)),
                "aria-controls" => found.aria_controls = found.aria_controls.or(Some(value)),
                "aria-expanded" => found.aria_expanded = true,
                _ => {}
            }
        }
        found
    }
}

fn removal_reason(
    dom: &Dom,
    i: usize,
    el: PrepareAttrs,
    tag: Tag,
    cues: ClassCues,
    flags: PrepareFlags,
    controlled: &HashSet<&str>,
) -> Removal {
    use Tag::*;
    if tag == Noscript && flags.keep_hidden {
        return Removal::Kept;
    }
    // An accordion's trigger is a button whose label is the panel's
    // heading (a FAQ question): kept, unlike other buttons.
    if tag == Button && (el.aria_controls.is_some() || el.aria_expanded) {
        return Removal::Kept;
    }
    if matches!(
        tag,
        Head | Title
            | Meta
            | Link
            | Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Iframe
            | Object
            | Embed
            | Canvas
            | Video
            | Audio
            | Source
            | Input
            | Button
            | Select
            | Option
            | Textarea
            | Dialog
            | RubyText
    ) {
        return Removal::NeverContent;
    }
    if !flags.keep_hidden
        && let Some(by) = is_hidden(el, cues)
        && !(by != HiddenBy::Class && is_collapsed_panel(el, cues, controlled))
    {
        return Removal::Hidden(by);
    }
    if tag == Nav {
        return Removal::NavigationTag;
    }
    if flags.strip_unlikely && !matches!(tag, Html | Body | A | Article | Main) {
        let role = el.role.unwrap_or("");
        if let Some(index) = UNLIKELY_ROLES.iter().position(|&r| r == role) {
            return Removal::Unlikely(UnlikelyBy::Role(index as u8));
        }
        if cues.has(ClassCues::UNLIKELY)
            && !cues.has(ClassCues::MAYBE_CONTENT | ClassCues::ARTICLE_BODY)
            && !inside_table_or_code(dom, i)
        {
            return Removal::Unlikely(UnlikelyBy::ClassCue);
        }
        if matches!(tag, Footer | Aside) || (tag == Header && is_page_banner(dom, i)) {
            return Removal::Unlikely(UnlikelyBy::Tag);
        }
    } else if !matches!(tag, Html | Body | Main | Article)
        && (is_furniture(&el, cues) || is_page_landmark(dom, i, tag))
    {
        // The looser passes read unlikely boxes, but not the page's
        // footer, its cookie banner or a box laid over it: a page whose
        // article the strict pass missed (hidden, or only in scripts) has
        // none of its text there.
        return Removal::Unlikely(UnlikelyBy::Furniture);
    }
    Removal::Kept
}

/// Page furniture that no pass reads: the page footer, consent banners,
/// dialogs and boxes laid over the page, by role or class (a cue on a box
/// holding most of the page's text was already dropped). The `<footer>`
/// tag alone counts only as a page landmark ([`is_page_landmark`]): page
/// builders also wrap content sections in it.
fn is_furniture(el: &PrepareAttrs, cues: ClassCues) -> bool {
    let role = el.role.unwrap_or("");
    ["contentinfo", "dialog", "alertdialog"].contains(&role)
        || (cues.has(ClassCues::UNLIKELY)
            && cues.has(ClassCues::FOOTER | ClassCues::COOKIE | ClassCues::OVERLAY))
}

/// A `<header>`, `<footer>` or `<aside>` outside every article, aside,
/// main, nav and section: the page's banner, contentinfo or complementary
/// landmark, as browsers map them.
/// Not one holding an article or main element: a header left unclosed
/// wraps the whole page.
fn is_page_landmark(dom: &Dom, i: usize, tag: Tag) -> bool {
    is_page_level(dom, i, tag, &[Tag::Article, Tag::Main])
}

/// A page-level `<header>` (see [`is_page_landmark`]) without a level-one
/// heading: the site's masthead, not the article's headline block placed
/// before the article.
fn is_page_banner(dom: &Dom, i: usize) -> bool {
    is_page_level(dom, i, Tag::Header, &[Tag::Article, Tag::Main, Tag::H1])
}

/// A header, footer or aside outside every sectioning element, holding none
/// of `not_holding` (one scan of its subtree).
fn is_page_level(dom: &Dom, i: usize, tag: Tag, not_holding: &[Tag]) -> bool {
    if !matches!(tag, Tag::Header | Tag::Footer | Tag::Aside) {
        return false;
    }
    let end = dom.nodes[i].end as usize;
    if (i + 1..end).any(|d| dom.tag(d).is_some_and(|t| not_holding.contains(&t))) {
        return false;
    }
    let mut at = dom.parent(i);
    while let Some(ancestor) = at {
        if matches!(
            dom.tag(ancestor),
            Some(Tag::Article | Tag::Aside | Tag::Main | Tag::Nav | Tag::Section)
        ) {
            return false;
        }
        at = dom.parent(ancestor);
    }
    true
}

/// `<input>` types that are not fields a reader fills in.
const NOT_FIELD_INPUT_TYPES: [&str; 2] = ["hidden", "submit"];

pub(crate) const UNLIKELY_ROLES: [&str; 10] = [
    "menu",
    "menubar",
    "navigation",
    "complementary",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

fn is_hidden(el: PrepareAttrs, cues: ClassCues) -> Option<HiddenBy> {
    if el.hidden {
        return Some(HiddenBy::Attribute);
    }
    if cues.has(ClassCues::HIDDEN) {
        return Some(HiddenBy::Class);
    }
    if el.aria_hidden == Some("true") {
        return Some(HiddenBy::AriaHidden);
    }
    if let Some(style) = el.style {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if compact.contains("display:none") {
            return Some(HiddenBy::DisplayNone);
        }
        if compact.contains("visibility:hidden") {
            return Some(HiddenBy::VisibilityHidden);
        }
    }
    None
}

/// Whether a hidden element is content waiting to be shown rather than
/// removed: an accordion or tab panel (named so, given the `tabpanel` role,
/// or named by an earlier trigger's `aria-controls`), or a segment a
/// streaming React renderer sends hidden and moves into place by script
/// (`<div hidden id="S:0">`).
fn is_collapsed_panel(el: PrepareAttrs, cues: ClassCues, controlled: &HashSet<&str>) -> bool {
    if cues.has(ClassCues::DISCLOSURE) || el.role == Some("tabpanel") {
        return true;
    }
    let Some(id) = el.id else { return false };
    if el.hidden
        && id
            .strip_prefix("S:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return true;
    }
    controlled.contains(id)
}

/// Readability keeps unlikely-looking boxes that sit in a table or code
/// block: class names there are about layout, not furniture. Bounded walk.
fn inside_table_or_code(dom: &Dom, i: usize) -> bool {
    let mut current = dom.parent(i);
    for _ in 0..8 {
        let Some(p) = current else { return false };
        if matches!(dom.tag(p), Some(Tag::Table | Tag::Code | Tag::Pre)) {
            return true;
        }
        current = dom.parent(p);
    }
    false
}

/// Visible length (whitespace runs count as one character, leading and
/// trailing whitespace not at all) and comma count of a text node.
pub(crate) fn measure_text(text: &str) -> (u32, u32) {
    if text.is_ascii() {
        return measure_ascii(text.as_bytes());
    }
    let mut len = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    let mut pending_space = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most of any page, without decoding characters.
        let byte = bytes[at];
        let (is_space, is_comma) = if byte.is_ascii() {
            at += 1;
            (matches!(byte, b' ' | b'\t'..=b'\r'), byte == b',')
        } else {
            let ch = text[at..].chars().next().unwrap_or(' ');
            at += ch.len_utf8();
            (
                ch.is_whitespace(),
                matches!(ch, '，' | '、' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲'),
            )
        };
        if is_space {
            if !in_space {
                pending_space = true;
            }
            in_space = true;
            continue;
        }
        if pending_space {
            len += 1;
            pending_space = false;
        }
        in_space = false;
        len += 1;
        commas += u32::from(is_comma);
    }
    // A text node that starts or ends with space joins its neighbours with
    // one space.
    if text.starts_with(char::is_whitespace) && len > 0 {
        len += 1;
    }
    (len, commas)
}

/// [`measure_text`] on ASCII, most of any page, without a branch per
/// byte: the visible characters are the non-space bytes plus one space
/// between each two words (and one before the first when the node starts
/// with space, joining it to the text before).
fn measure_ascii(bytes: &[u8]) -> (u32, u32) {
    let (mut visible, mut words, mut commas) = (0u32, 0u32, 0u32);
    let mut after_space = true;
    for &byte in bytes {
        let space = matches!(byte, b' ' | b'\t'..=b'\r');
        visible += u32::from(!space);
        words += u32::from(after_space & !space);
        commas += u32::from(byte == b',');
        after_space = space;
    }
    if visible == 0 {
        return (0, commas);
    }
    let leading_space = u32::from(matches!(bytes[0], b' ' | b'\t'..=b'\r'));
    (visible + words - 1 + leading_space, commas)
}

// The side tables stay small: one byte of reason per node more than a
// plain enum, none for the cuts.
const _: () = assert!(std::mem::size_of::<Removal>() <= 2);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::parse;

    #[test]
    fn only_fields_a_reader_fills_in_count_as_controls() {
        let doc = parse(
            "<body><div id=a><input type=email><select></select><textarea></textarea></div>\
             <div id=b><input type=hidden><input type=submit><button>Play</button>\
             <input readonly value='<iframe src=x>'></div></body>",
        );
        let dom = Dom::build(&doc.tree, &doc.content, 10_000).unwrap();
        let cues = class_cue_table(&dom);
        let f = prepare(&dom, &cues, PrepareFlags::LADDER[0]);
        let by_id = |id| {
            (0..dom.len())
                .find(|&i| dom.attr(i, "id") == Some(id))
                .unwrap()
        };
        assert_eq!(f.controls[by_id("a")], 3);
        assert_eq!(f.controls[by_id("b")], 0);
    }

    #[test]
    fn features_sum_over_subtrees() {
        let doc = parse(
            "<body><div id=main><p>Hello, world.</p><p><a href=x>link</a> text</p>\
             <script>var x = 1;</script><nav><a href=/>Home</a></nav></div></body>",
        );
        let dom = Dom::build(&doc.tree, &doc.content, 10_000).unwrap();
        let cues = class_cue_table(&dom);
        let f = prepare(&dom, &cues, PrepareFlags::LADDER[0]);
        let div = dom.find_tag(Tag::Div).unwrap();
        assert_eq!(f.commas[div], 1);
        assert_eq!(f.paragraphs[div], 2);
        assert_eq!(f.link_len[div], 4);
        assert_eq!(
            f.text_len[div],
            "Hello, world.".len() as u32 + "link text".len() as u32
        );
        let nav = dom.find_tag(Tag::Nav).unwrap();
        assert_eq!(f.removal[nav], Removal::NavigationTag);
    }

    #[test]
    fn hidden_elements() {
        let doc = parse(
            "<div style='display: none'>a</div><div hidden>b</div><span class=sr-only>c</span><p>d</p>",
        );
        let dom = Dom::build(&doc.tree, &doc.content, 10_000).unwrap();
        let cues = class_cue_table(&dom);
        let f = prepare(&dom, &cues, PrepareFlags::LADDER[0]);
        let body = dom.find_tag(Tag::Body).unwrap();
        assert_eq!(f.text_len[body], 1);
    }

    #[test]
    fn measures_collapsed_text() {
        assert_eq!(measure_text("a  b\n c"), (5, 0));
        assert_eq!(measure_text("x, y"), (4, 1));
        assert_eq!(measure_text(" é\u{a0}\u{a0}b，c "), (6, 1));
        assert_eq!(measure_text(""), (0, 0));
        assert_eq!(measure_text(" \n "), (0, 0));
        assert_eq!(measure_text("\tone,  two ,three\n"), (16, 2));
    }
}
