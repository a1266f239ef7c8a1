//! Our html5ever tree sink: the parsed document as compact linked nodes in
//! one vector, built for a single pre-order walk by [`Dom::build`].
//!
//! A general DOM (scraper's `ego_tree`) spends 128 bytes on every node,
//! text included (40 of links, 88 of value with id and class caches no stage
//! reads). Here a node is 28 bytes of `u32` links and a tag; element names
//! and attributes (40 bytes), and texts (16), live in side vectors. Comments, doctypes and processing instructions keep
//! no content: no stage reads it. The tag and the tracked attribute set of
//! each element are read while its attributes are hot, at creation.
//!
//! The tree builder is fed attacker-controlled markup, so every operation is
//! O(1) or O(children moved), and nothing recurses.
//!
//! [`Dom::build`]: crate::dom::Dom::build

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::collections::{HashMap, HashSet};

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, local_name, ns};

use crate::dom::{AttrSet, Kind, Tag};

/// Marks "no node" in links.
const NONE: u32 = u32::MAX;

/// The last index a node may take: `NONE` stays free.
const MAX_INDEX: u32 = NONE - 1;

/// What a node holds. Eight bytes: the payloads are indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Data {
    Document,
    /// A template's contents, created as its first child.
    Fragment,
    /// Doctype, comment or processing instruction.
    Other,
    /// Index into [`Content::texts`].
    Text(u32),
    Element {
        /// Index into [`Content::elements`].
        index: u32,
        tag: Tag,
        attrs: AttrSet,
        /// A MathML `annotation-xml` whose content is HTML.
        integration_point: bool,
    },
}

#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev_sibling: u32,
    next_sibling: u32,
    data: Data,
}

const _: () = assert!(std::mem::size_of::<Node>() == 28);

/// An element's name and attributes.
#[derive(Debug)]
pub(crate) struct Element {
    ns: Namespace,
    local: LocalName,
    /// In source order when none has a namespace (the names are then
    /// unique); otherwise sorted by qualified name, which puts the plain
    /// `href` before `xlink:href` as scraper's sorted attributes did. The
    /// lookups below take the first match, so either order answers alike.
    attrs: Vec<Attribute>,
}

impl Element {
    fn new(name: QualName, mut attrs: Vec<Attribute>) -> Element {
        order_attributes(&mut attrs);
        Element {
            ns: name.ns,
            local: name.local,
            attrs,
        }
    }

    /// The local name (`div`, `svg`, `annotation-xml`).
    pub(crate) fn name(&self) -> &str {
        &self.local
    }

    /// The attributes as (local name, value), namespaced ones included.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }

    /// The attribute named `name` without a namespace.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns == ns!() && a.name.prefix.is_none() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// The first `id`, namespaced or not.
    pub(crate) fn id(&self) -> Option<&str> {
        self.attrs()
            .find_map(|(name, value)| (name == "id").then_some(value))
    }
}

/// See [`Element::attrs`]: only foreign (SVG, MathML) elements carry
/// namespaced attributes, so the sort is rare.
fn order_attributes(attrs: &mut [Attribute]) {
    if attrs.iter().any(|a| a.name.ns != ns!()) {
        attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    }
}

/// The links, read once by [`Dom::build`](crate::dom::Dom::build) and then
/// dropped: the arena replaces them.
pub(crate) struct Tree {
    nodes: Vec<Node>,
    /// Set once the index space is exhausted: every later node is this one,
    /// never linked (see [`Parts::inert`]).
    inert: u32,
}

/// What the arena's nodes point into; lives as long as the arena.
pub(crate) struct Content {
    elements: Vec<Element>,
    texts: Vec<StrTendril>,
}

/// The parse result.
pub(crate) struct Document {
    pub tree: Tree,
    pub content: Content,
}

impl Tree {
    /// The document node.
    pub(crate) const ROOT: u32 = 0;

    /// Nodes created, attached or not (as scraper's tree counted them).
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn first_child(&self, i: u32) -> Option<u32> {
        let c = self.nodes[i as usize].first_child;
        (c != NONE).then_some(c)
    }

    pub(crate) fn next_sibling(&self, i: u32) -> Option<u32> {
        let s = self.nodes[i as usize].next_sibling;
        (s != NONE).then_some(s)
    }

    pub(crate) fn parent(&self, i: u32) -> Option<u32> {
        let p = self.nodes[i as usize].parent;
        (p != NONE).then_some(p)
    }

    pub(crate) fn kind<'a>(&self, i: u32, content: &'a Content) -> Kind<'a> {
        match self.nodes[i as usize].data {
            Data::Element {
                index, tag, attrs, ..
            } => Kind::Element(&content.elements[index as usize], tag, attrs),
            Data::Text(t) => Kind::Text(&content.texts[t as usize]),
            // Document, template contents, doctype, comment, processing
            // instruction.
            Data::Document | Data::Fragment | Data::Other => Kind::Other,
        }
    }

    fn node(&mut self, i: u32) -> &mut Node {
        &mut self.nodes[i as usize]
    }

    /// Links detached `child` as the last child of `parent`.
    fn append(&mut self, parent: u32, child: u32) {
        let last = self.nodes[parent as usize].last_child;
        let c = self.node(child);
        c.parent = parent;
        c.prev_sibling = last;
        c.next_sibling = NONE;
        if last == NONE {
            self.node(parent).first_child = child;
        } else {
            self.node(last).next_sibling = child;
        }
        self.node(parent).last_child = child;
    }

    /// Links detached `node` just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: u32, node: u32) {
        let Node {
            parent,
            prev_sibling: prev,
            ..
        } = self.nodes[sibling as usize];
        let n = self.node(node);
        n.parent = parent;
        n.prev_sibling = prev;
        n.next_sibling = sibling;
        self.node(sibling).prev_sibling = node;
        if prev == NONE {
            self.node(parent).first_child = node;
        } else {
            self.node(prev).next_sibling = node;
        }
    }

    fn detach(&mut self, node: u32) {
        let Node {
            parent,
            prev_sibling: prev,
            next_sibling: next,
            ..
        } = self.nodes[node as usize];
        if parent == NONE {
            return;
        }
        if prev == NONE {
            self.node(parent).first_child = next;
        } else {
            self.node(prev).next_sibling = next;
        }
        if next == NONE {
            self.node(parent).last_child = prev;
        } else {
            self.node(next).prev_sibling = prev;
        }
        let n = self.node(node);
        n.parent = NONE;
        n.prev_sibling = NONE;
        n.next_sibling = NONE;
    }

    /// Moves all of `from`'s children, in order, after `to`'s last child:
    /// one pass over the moved children (their parent link), the chain
    /// itself spliced whole.
    fn reparent_children(&mut self, from: u32, to: u32) {
        let Node {
            first_child: first,
            last_child: last,
            ..
        } = self.nodes[from as usize];
        if first == NONE || from == to {
            return;
        }
        let mut c = first;
        while c != NONE {
            let n = self.node(c);
            n.parent = to;
            c = n.next_sibling;
        }
        let old_last = self.nodes[to as usize].last_child;
        self.node(first).prev_sibling = old_last;
        if old_last == NONE {
            self.node(to).first_child = first;
        } else {
            self.node(old_last).next_sibling = first;
        }
        self.node(to).last_child = last;
        let f = self.node(from);
        f.first_child = NONE;
        f.last_child = NONE;
    }

    fn text_index(&self, node: u32) -> Option<u32> {
        match self.nodes.get(node as usize)?.data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }
}

struct Parts {
    tree: Tree,
    content: Content,
    /// The name given for a handle that is no element, which the tree
    /// builder never asks for.
    no_element: Element,
    /// The attribute names of the elements given more attributes later
    /// (`<html>` and `<body>` repeated), built on the first addition: a
    /// page repeating `<html a1>`, `<html a2>`... stays linear.
    names: HashMap<u32, HashSet<QualName>>,
}

/// The html5ever sink building a [`Document`].
pub(crate) struct Sink {
    parts: RefCell<Parts>,
}

impl Default for Sink {
    fn default() -> Sink {
        let root = Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            data: Data::Document,
        };
        Sink {
            parts: RefCell::new(Parts {
                tree: Tree {
                    nodes: vec![root],
                    inert: NONE,
                },
                content: Content {
                    elements: Vec::new(),
                    texts: Vec::new(),
                },
                no_element: Element {
                    ns: ns!(),
                    local: local_name!(""),
                    attrs: Vec::new(),
                },
                names: HashMap::new(),
            }),
        }
    }
}

impl Parts {
    /// Adds a detached node.
    fn push(&mut self, data: Data) -> u32 {
        let index = self.tree.nodes.len();
        if index >= MAX_INDEX as usize {
            return self.inert();
        }
        self.tree.nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            data,
        });
        index as u32
    }

    /// Past `MAX_INDEX` nodes (over 100 GB of them) the index space is
    /// spent: every later node is one inert element, which the link
    /// operations ignore, so the tree stays a tree.
    #[cold]
    fn inert(&mut self) -> u32 {
        if self.tree.inert == NONE {
            let index = self.content.elements.len() as u32;
            self.content.elements.push(Element::new(
                QualName::new(None, ns!(html), local_name!("div")),
                Vec::new(),
            ));
            self.tree.inert = self.tree.nodes.len() as u32;
            self.tree.nodes.push(Node {
                parent: NONE,
                first_child: NONE,
                last_child: NONE,
                prev_sibling: NONE,
                next_sibling: NONE,
                data: Data::Element {
                    index,
                    tag: Tag::Div,
                    attrs: AttrSet::default(),
                    integration_point: false,
                },
            });
        }
        self.tree.inert
    }

    fn push_text(&mut self, text: StrTendril) -> u32 {
        let t = self.content.texts.len() as u32;
        let node = self.push(Data::Text(t));
        if node != self.tree.inert {
            self.content.texts.push(text);
        }
        node
    }

    fn is_inert(&self, node: u32) -> bool {
        node == self.tree.inert
    }

    /// Appends text to `node` when it is a text node.
    fn merge_text(&mut self, node: u32, text: &StrTendril) -> bool {
        match self.tree.text_index(node) {
            Some(t) => {
                self.content.texts[t as usize].push_tendril(text);
                true
            }
            None => false,
        }
    }

    fn append(&mut self, parent: u32, child: NodeOrText<u32>) {
        if self.is_inert(parent) {
            return;
        }
        match child {
            NodeOrText::AppendNode(node) => {
                // Detached already, the tree builder promises; a node
                // appended to itself would make a cycle.
                if !self.is_inert(node) && node != parent {
                    self.tree.detach(node);
                    self.tree.append(parent, node);
                }
            }
            NodeOrText::AppendText(text) => {
                // Adjacent text merges: the last child link makes it O(1).
                let last = self.tree.nodes[parent as usize].last_child;
                if !self.merge_text(last, &text) {
                    let node = self.push_text(text);
                    if !self.is_inert(node) {
                        self.tree.append(parent, node);
                    }
                }
            }
        }
    }

    fn append_before_sibling(&mut self, sibling: u32, new: NodeOrText<u32>) {
        if let NodeOrText::AppendNode(node) = new
            && !self.is_inert(node)
        {
            self.tree.detach(node);
        }
        if self.is_inert(sibling) || self.tree.nodes[sibling as usize].parent == NONE {
            return;
        }
        match new {
            NodeOrText::AppendNode(node) => {
                if !self.is_inert(node) && node != sibling {
                    self.tree.insert_before(sibling, node);
                }
            }
            NodeOrText::AppendText(text) => {
                let prev = self.tree.nodes[sibling as usize].prev_sibling;
                if !self.merge_text(prev, &text) {
                    let node = self.push_text(text);
                    if !self.is_inert(node) {
                        self.tree.insert_before(sibling, node);
                    }
                }
            }
        }
    }

    /// The handle of a node already made.
    fn handle(&self, node: u32) -> Handle {
        let element = match self.tree.nodes.get(node as usize).map(|n| n.data) {
            Some(Data::Element { index, .. }) => index,
            _ => NONE,
        };
        Handle { node, element }
    }
}

/// A node as the tree builder holds it: its index and, for an element, the
/// element's, so that `elem_name` (asked over and over for the open
/// elements) reads the name without going through the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Handle {
    node: u32,
    element: u32,
}

/// The name html5ever asks for, borrowed from the element.
#[derive(Debug)]
pub(crate) struct ElementName<'a>(Ref<'a, Element>);

impl ElemName for ElementName<'_> {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Document;
    type ElemName<'a> = ElementName<'a>;

    fn finish(self) -> Document {
        let Parts { tree, content, .. } = self.parts.into_inner();
        Document { tree, content }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn get_document(&self) -> Handle {
        Handle {
            node: Tree::ROOT,
            element: NONE,
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.node == y.node
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ElementName<'a> {
        ElementName(Ref::map(self.parts.borrow(), |parts| {
            parts
                .content
                .elements
                .get(target.element as usize)
                .unwrap_or(&parts.no_element)
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let mut parts = self.parts.borrow_mut();
        let tag = Tag::from_name(&name.local);
        let element = Element::new(name, attrs);
        let index = parts.content.elements.len() as u32;
        let data = Data::Element {
            index,
            tag,
            attrs: AttrSet::of(&element.attrs),
            integration_point: flags.mathml_annotation_xml_integration_point,
        };
        let node = parts.push(data);
        if parts.is_inert(node) {
            return parts.handle(node);
        }
        parts.content.elements.push(element);
        if flags.template {
            // The contents are the node right after the template (see
            // `get_template_contents`), and its first child, as in scraper's
            // tree: the stages see them as the template's subtree.
            let contents = parts.push(Data::Fragment);
            if !parts.is_inert(contents) {
                parts.tree.append(node, contents);
            }
        }
        Handle {
            node,
            element: index,
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        let mut parts = self.parts.borrow_mut();
        let node = parts.push(Data::Other);
        parts.handle(node)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        let mut parts = self.parts.borrow_mut();
        let node = parts.push(Data::Other);
        parts.handle(node)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.parts.borrow_mut().append(parent.node, nodes(child));
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let mut parts = self.parts.borrow_mut();
        let has_parent = parts
            .tree
            .nodes
            .get(element.node as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            parts.append_before_sibling(element.node, nodes(child));
        } else {
            parts.append(prev_element.node, nodes(child));
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
        let mut parts = self.parts.borrow_mut();
        let node = parts.push(Data::Other);
        parts.append(Tree::ROOT, NodeOrText::AppendNode(node));
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let parts = self.parts.borrow();
        let contents = target.node.saturating_add(1);
        match parts.tree.nodes.get(contents as usize) {
            Some(n) if n.data == Data::Fragment => parts.handle(contents),
            // Only when the index space ran out (the inert node).
            _ => parts.handle(parts.tree.inert),
        }
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.parts
            .borrow_mut()
            .append_before_sibling(sibling.node, nodes(new_node));
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut parts = self.parts.borrow_mut();
        let Parts {
            tree,
            content,
            names,
            ..
        } = &mut *parts;
        let Some(element) = content.elements.get_mut(target.element as usize) else {
            return;
        };
        let names = names
            .entry(target.element)
            .or_insert_with(|| element.attrs.iter().map(|a| a.name.clone()).collect());
        let old = element.attrs.len();
        for attr in attrs {
            if names.insert(attr.name.clone()) {
                element.attrs.push(attr);
            }
        }
        let added = &element.attrs[old..];
        let set = AttrSet::of(added);
        // Only foreign elements carry namespaced attributes; the tree
        // builder adds to `<html>` and `<body>` only.
        if added.iter().any(|a| a.name.ns != ns!()) {
            order_attributes(&mut element.attrs);
        }
        if let Some(Node {
            data: Data::Element { attrs, .. },
            ..
        }) = tree.nodes.get_mut(target.node as usize)
        {
            *attrs |= set;
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        let mut parts = self.parts.borrow_mut();
        if !parts.is_inert(target.node) {
            parts.tree.detach(target.node);
        }
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut parts = self.parts.borrow_mut();
        if !parts.is_inert(node.node) && !parts.is_inert(new_parent.node) {
            parts.tree.reparent_children(node.node, new_parent.node);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.parts
            .borrow()
            .tree
            .nodes
            .get(handle.node as usize)
            .is_some_and(|n| {
                matches!(
                    n.data,
                    Data::Element {
                        integration_point: true,
                        ..
                    }
                )
            })
    }
}

/// The node indices in what the tree builder hands over.
fn nodes(child: NodeOrText<Handle>) -> NodeOrText<u32> {
    match child {
        NodeOrText::AppendNode(h) => NodeOrText::AppendNode(h.node),
        NodeOrText::AppendText(text) => NodeOrText::AppendText(text),
    }
}

/// Parses as a browser with scripting off would: `<noscript>` content is
/// markup, not raw text. Some sites (forums especially) serve their whole
/// content there; the last ladder pass reads it.
pub(crate) fn parse(html: &str) -> Document {
    use html5ever::tendril::TendrilSink;
    let options = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(Sink::default(), options).one(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Dom;
    use ego_tree::iter::Edge;
    use proptest::prelude::*;

    /// The pre-order tree as lines (depth, node), attributes as a sorted
    /// list with the lookups the stages make, from our sink.
    fn ours(html: &str) -> (usize, Vec<String>) {
        let doc = parse(html);
        let dom = Dom::build(&doc.tree, &doc.content, usize::MAX).unwrap();
        let mut lines = Vec::new();
        let mut depth = vec![0usize; dom.len()];
        for i in 0..dom.len() {
            if let Some(p) = dom.parent(i) {
                depth[i] = depth[p] + 1;
            }
            assert!(dom.nodes[i].end as usize > i);
            let line = match dom.nodes[i].kind {
                Kind::Element(el, ..) => {
                    let mut attrs: Vec<_> = el.attrs().collect();
                    attrs.sort();
                    let firsts: Vec<_> = attrs
                        .iter()
                        .map(|(n, _)| (dom.attr(i, n), el.attr(n)))
                        .collect();
                    format!("<{}> {attrs:?} {firsts:?} id={:?}", el.name(), el.id())
                }
                Kind::Text(t) => format!("{t:?}"),
                Kind::Other => "-".to_owned(),
            };
            lines.push(format!("{} {line}", depth[i]));
        }
        (doc.tree.len(), lines)
    }

    /// The same from scraper's tree, parsed with the same options.
    fn scrapers(html: &str) -> (usize, Vec<String>) {
        use html5ever::tendril::TendrilSink;
        use scraper::{Html, HtmlTreeSink, Node as S};
        let options = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        let doc =
            html5ever::driver::parse_document(HtmlTreeSink::new(Html::new_document()), options)
                .one(html);
        let mut lines = Vec::new();
        let mut depth = 0usize;
        for edge in doc.tree.root().traverse() {
            let Edge::Open(node) = edge else {
                depth -= 1;
                continue;
            };
            let line = match node.value() {
                S::Element(el) => {
                    let mut attrs: Vec<_> = el.attrs().collect();
                    attrs.sort();
                    let firsts: Vec<_> = attrs
                        .iter()
                        .map(|(n, _)| {
                            let first = el.attrs().find_map(|(m, v)| (m == *n).then_some(v));
                            (first, el.attr(n))
                        })
                        .collect();
                    format!("<{}> {attrs:?} {firsts:?} id={:?}", el.name(), el.id())
                }
                S::Text(t) => format!("{:?}", &**t),
                _ => "-".to_owned(),
            };
            lines.push(format!("{depth} {line}"));
            depth += 1;
        }
        (doc.tree.nodes().len(), lines)
    }

    fn same_as_scraper(html: &str) {
        assert_eq!(ours(html), scrapers(html), "{html}");
    }

    #[test]
    fn trees_match_scrapers() {
        for html in [
            "",
            "plain text",
            "<!DOCTYPE html><!-- c --><html><head><title>T</title></head><body>a<!--x-->b</body></html>",
            "<p>a<b>b<i>c</b>d</i>e</p>",
            // Adoption agency: reparenting and clones.
            "<a href=1><p>x<a href=2>y</a>z</p></a><b><div><i>q</b>r</i></div>",
            "<b>1<p>2</b>3</p><table><tr><td><b>x</td></tr></table>",
            // Foster parenting: text and elements before the table, merging.
            "<table>a<tr>b<td>c</td>d</tr>e<div>f</div>g</table>",
            "<div>x<table> y <b>z</b><tr><td>w</table>",
            // Templates: contents as the first child.
            "<template><p>in</p>t</template><p>out</p><template id=t><template>n</template></template>",
            "<table><template><tr><td>c</td></tr></template></table>",
            // Attributes added to html and body, duplicates, namespaces.
            "<html lang=en><body class=a><html lang=de data-x=1><body id=b class=c>",
            "<p id=a ID=b class=x class=y>dup</p>",
            "<svg viewBox='0 0 1 1' xlink:href=x href=y xml:lang=fr lang=de><a xlink:href=#a href=#b>l</a><title>t</title></svg>",
            "<math><mi>x</mi><annotation-xml><svg><desc>d</desc></svg></annotation-xml></math>",
            "<noscript><p>markup</p></noscript><select><option>a<option>b</select>",
            "<frameset><frame></frameset>",
            "<?pi x?><p>after pi</p>",
            "<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl><pre>\nx</pre><textarea>\ny</textarea>",
            "<table><caption>c</caption><colgroup><col></colgroup><tbody><tr><th>h</table>",
            "<p>a</p>\u{0}<script>if (a < b) {}</script><style>p{}</style>",
        ] {
            same_as_scraper(html);
        }
    }

    #[test]
    fn fixture_pages_match_scrapers() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut pages = 0;
        for case in std::fs::read_dir(dir).unwrap() {
            let path = case.unwrap().path().join("page.html");
            if let Ok(html) = std::fs::read_to_string(&path) {
                same_as_scraper(&html);
                pages += 1;
            }
        }
        assert!(pages > 10);
    }

    /// The development sets, when `DECANT_SINK_CORPUS` names their
    /// directories (`:`-separated, `.html.gz` pages):
    /// `cargo test --release --lib -- --ignored corpus`.
    #[test]
    #[ignore]
    fn corpus_matches_scrapers() {
        use std::io::Read;
        let dirs = std::env::var("DECANT_SINK_CORPUS").unwrap();
        let mut pages = 0;
        for dir in dirs.split(':') {
            for page in std::fs::read_dir(dir).unwrap() {
                let path = page.unwrap().path();
                let mut bytes = Vec::new();
                flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                    .read_to_end(&mut bytes)
                    .unwrap();
                let decoded = crate::decode::decode(&bytes, None, None);
                let (guarded, _) = crate::guard::guard(&decoded.text);
                assert_eq!(ours(&guarded), scrapers(&guarded), "{}", path.display());
                pages += 1;
            }
        }
        eprintln!("{pages} pages alike");
    }

    /// `annotation-xml` with HTML content is an integration point (a start
    /// tag inside stays there): scraper's sink said no, browsers say yes.
    #[test]
    fn annotation_xml_with_html_content_keeps_its_markup() {
        let html =
            "<math><annotation-xml encoding='text/html'><div>in</div></annotation-xml></math>";
        let (_, lines) = ours(html);
        let div = lines.iter().position(|l| l.contains("<div>")).unwrap();
        let annotation = lines
            .iter()
            .position(|l| l.contains("<annotation-xml>"))
            .unwrap();
        assert!(div > annotation);
        let depth = |l: &str| l.split(' ').next().unwrap().parse::<usize>().unwrap();
        assert_eq!(depth(&lines[div]), depth(&lines[annotation]) + 1);
    }

    #[test]
    fn adjacent_text_merges_in_one_node() {
        let doc = parse("<p>a&amp;b<!---->c</p>");
        let dom = Dom::build(&doc.tree, &doc.content, 100).unwrap();
        let texts: Vec<_> = dom
            .nodes
            .iter()
            .filter_map(|n| match n.kind {
                Kind::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a&b", "c"]);
    }

    #[test]
    fn many_children_and_deep_nesting_stay_linear() {
        // Reparenting a huge child list and foster-parenting text before
        // a table: each O(1) or O(children), no recursion.
        let html = format!(
            "<b><div>{}</b>{}<table>{}<tr><td>x</table>",
            "<i></i>t".repeat(50_000),
            "<span>".repeat(20_000),
            "y".repeat(100_000),
        );
        let doc = parse(&html);
        let dom = Dom::build(&doc.tree, &doc.content, usize::MAX).unwrap();
        assert!(dom.len() > 120_000);
    }

    #[test]
    fn repeated_html_and_body_attributes_stay_linear() {
        let html = (0..30_000)
            .map(|i| format!("<html a{i}=1><body b{i}=2 class=c{i}><p>x</p>"))
            .collect::<String>();
        let doc = parse(&html);
        let dom = Dom::build(&doc.tree, &doc.content, usize::MAX).unwrap();
        let html_el = dom.element(dom.find_tag(Tag::Html).unwrap()).unwrap();
        assert_eq!(html_el.attrs().count(), 30_000);
        let body = dom.find_tag(Tag::Body).unwrap();
        assert_eq!(dom.element(body).unwrap().attrs().count(), 30_001);
        // The first `class` stays; the set learnt it.
        assert_eq!(dom.attr(body, "class"), Some("c0"));
        assert!(dom.attr_set(body).has(AttrSet::CLASS));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Tag soup: our tree is scraper's, node for node.
        #[test]
        fn tag_soup_matches_scrapers(parts in prop::collection::vec(prop::sample::select(vec![
            "<a href=x>", "</a>", "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<div>", "</div>",
            "<table>", "</table>", "<tr>", "<td>", "</td>", "<tbody>", "<caption>", "<template>",
            "</template>", "<svg>", "</svg>", "<math>", "<mi>", "<select>", "<option>", "<li>",
            "<ul>", "<html lang=x>", "<body id=y>", "<head>", "<title>", "</title>", "<br>",
            "</br>", "</p>", "<nobr>", "<form>", "</form>", "<!--c-->", "t", " ", "u\n", "<frameset>",
            "<noscript>", "</noscript>", "<textarea>", "<plaintext>", "<h1>", "<h2>", "</h1>",
            "<button>", "<input>", "<col>", "<colgroup>", "<foreignObject>", "<desc>", "<font color=1>",
            "<ruby>", "<rt>", "<image>", "<isindex>", "<marquee>", "<object>", "<applet>", "<dd>",
        ]), 0..60)) {
            let html = parts.concat();
            prop_assert_eq!(ours(&html), scrapers(&html), "{}", html);
        }
    }
}
