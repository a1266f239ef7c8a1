//! Renderers: the article subtree → text, Markdown, HTML. All share one
//! iterative walk over the arena that skips what prepare and clean cut.

pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod text;

use crate::dom::{Dom, Kind};

/// An open list and the number of its next item.
pub(crate) struct ListCounter {
    ordered: bool,
    next: u64,
}

impl ListCounter {
    /// For the `<ul>`/`<ol>` at `i`, honouring `start`.
    pub(crate) fn new(dom: &Dom, i: usize, ordered: bool) -> Self {
        let next = dom
            .attr(i, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        ListCounter { ordered, next }
    }

    /// The marker of the next item: `- ` or `N. `.
    pub(crate) fn next_marker(&mut self) -> String {
        if self.ordered {
            let n = self.next;
            self.next += 1;
            format!("{n}. ")
        } else {
            "- ".to_owned()
        }
    }
}

/// What a renderer does at each step of the walk.
pub(crate) trait Visitor<'a> {
    fn open(&mut self, dom: &Dom<'a>, i: usize);
    fn close(&mut self, dom: &Dom<'a>, i: usize);
    fn text(&mut self, dom: &Dom<'a>, i: usize, text: &'a str);
}

/// Walks the subtrees at `roots` in document order, skipping nodes for which
/// `skip` is true (with their subtrees). Iterative: pre-order indices plus a
/// stack of open elements, so nesting depth costs no call stack.
pub(crate) fn walk<'a, V: Visitor<'a>>(
    dom: &Dom<'a>,
    roots: &[usize],
    skip: impl Fn(usize) -> bool,
    visitor: &mut V,
) {
    let mut open: Vec<usize> = Vec::with_capacity(64);
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let mut i = root;
        while i < end {
            while let Some(&top) = open.last() {
                if (dom.nodes[top].end as usize) <= i {
                    open.pop();
                    visitor.close(dom, top);
                } else {
                    break;
                }
            }
            if skip(i) {
                i = (dom.nodes[i].end as usize).max(i + 1);
                continue;
            }
            match dom.nodes[i].kind {
                Kind::Element(..) => {
                    visitor.open(dom, i);
                    open.push(i);
                }
                Kind::Text(t) => visitor.text(dom, i, t),
                Kind::Other => {}
            }
            i += 1;
        }
        while let Some(top) = open.pop() {
            visitor.close(dom, top);
        }
    }
}
