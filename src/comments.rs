//! Reader comments, on request: found beside the article, never in it.
//!
//! A comment thread is an element whose class/id names comments
//! (`comments`, `comment-list`, `disqus`...). Inside it, each comment has an
//! author element (`comment-author`, `fn`, `username`, `itemprop=author`);
//! a comment is the largest box around one author element that holds no
//! other author. Its text is that box's text without the author, date,
//! avatar and reply links.

use crate::article::Comment;
use crate::cues::ClassCues;
use crate::dom::{Dom, Kind, Tag};
use crate::render::{text::TextRenderer, walk};

/// Comments kept per page: a bound for pathological threads.
const MAX_COMMENTS: usize = 2_000;

/// Class/id words of the parts of a comment that are not its text.
const NOT_TEXT_WORDS: &[&str] = &[
    "meta",
    "metadata",
    "reply",
    "says",
    "avatar",
    "actions",
    "vcard",
    "author",
    "fn",
    "edit",
    "moderation",
    "permalink",
    "date",
    "time",
    "votes",
    "like",
    "likes",
    "share",
    "report",
];

pub(crate) fn extract(dom: &Dom, cues: &[ClassCues]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut i = 0;
    while i < dom.len() {
        let end = dom.nodes[i].end as usize;
        if cues[i].has(ClassCues::COMMENTS) && !is_never_content(dom, i) {
            read_thread(dom, i, &mut comments);
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    comments.truncate(MAX_COMMENTS);
    comments
}

fn is_never_content(dom: &Dom, i: usize) -> bool {
    matches!(
        dom.tag(i),
        Some(Tag::Script | Tag::Style | Tag::Template | Tag::Head | Tag::Form | Tag::Textarea)
    )
}

fn class_words(dom: &Dom, i: usize) -> impl Iterator<Item = String> {
    let class = dom.attr(i, "class").unwrap_or("");
    let id = dom.attr(i, "id").unwrap_or("");
    class
        .split([' ', '-', '_'])
        .chain(id.split([' ', '-', '_']))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .into_iter()
}

fn is_author_element(dom: &Dom, i: usize) -> bool {
    if dom
        .attr(i, "itemprop")
        .is_some_and(|p| p.contains("author"))
    {
        return true;
    }
    // Whole class names: `comment-author`, `fn`, `username`; not
    // WordPress's per-user `comment-author-jane` on the comment itself.
    dom.attr(i, "class")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .any(|c| {
            c == "author"
                || c.ends_with("-author")
                || c.ends_with("_author")
                || c == "fn"
                || c.contains("username")
                || c == "nickname"
                || c.ends_with("commenter")
                || c == "poster"
        })
}

fn read_thread(dom: &Dom, container: usize, comments: &mut Vec<Comment>) {
    let end = dom.nodes[container].end as usize;
    // Outermost author elements, in document order.
    let mut authors = Vec::new();
    let mut i = container + 1;
    while i < end {
        if dom.tag(i).is_some() && !is_never_content(dom, i) && is_author_element(dom, i) {
            authors.push(i);
            i = (dom.nodes[i].end as usize).max(i + 1);
            continue;
        }
        if is_never_content(dom, i) {
            i = (dom.nodes[i].end as usize).max(i + 1);
            continue;
        }
        i += 1;
    }
    let authors_in = |node: usize| {
        let node_end = dom.nodes[node].end as usize;
        let from = authors.partition_point(|&a| a < node);
        let to = authors.partition_point(|&a| a < node_end);
        to - from
    };
    let mut items: Vec<(usize, usize)> = Vec::new();
    for &author in &authors {
        let mut item = author;
        while let Some(parent) = dom.parent(item) {
            // A list item is a comment's natural edge.
            if parent == container || authors_in(parent) > 1 || dom.tag(item) == Some(Tag::Li) {
                break;
            }
            item = parent;
        }
        if item != author && items.last().is_none_or(|&(last, _)| last != item) {
            items.push((item, author));
        }
    }
    for (item, author) in items {
        let text = comment_text(dom, item, &authors);
        if text.is_empty() {
            continue;
        }
        comments.push(Comment {
            author: author_name(dom, author),
            date: comment_date(dom, item, &authors),
            text,
        });
        if comments.len() >= MAX_COMMENTS {
            return;
        }
    }
}

fn comment_text(dom: &Dom, item: usize, authors: &[usize]) -> String {
    let mut renderer = TextRenderer::new(256);
    // The item's children: a list item's own marker is not comment text.
    let parts: Vec<usize> = dom.children(item).collect();
    walk(
        dom,
        &parts,
        |i| {
            let Some(tag) = dom.tag(i) else { return false };
            if i == item {
                return false;
            }
            matches!(
                tag,
                Tag::Script
                    | Tag::Style
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Time
                    | Tag::Button
                    | Tag::Form
                    | Tag::Img
                    | Tag::Svg
            ) || authors.binary_search(&i).is_ok()
                || class_words(dom, i).any(|w| NOT_TEXT_WORDS.contains(&w.as_str()))
        },
        &mut renderer,
    );
    renderer.finish()
}

fn author_name(dom: &Dom, author: usize) -> Option<String> {
    let end = dom.nodes[author].end as usize;
    // Prefer the name inside an author box ("<b class=fn>Ana</b> says:").
    let inner = (author + 1..end).find(|&i| {
        dom.tag(i).is_some()
            && (dom.attr(i, "itemprop") == Some("name")
                || class_words(dom, i).any(|w| w == "fn" || w == "name" || w == "username"))
    });
    let text = dom.collapsed_text(inner.unwrap_or(author));
    let lower = text.to_lowercase();
    let mut name = text.as_str();
    for suffix in [" says:", " says", " said:", " wrote:", ":"] {
        if lower.ends_with(suffix) {
            name = &text[..text.len() - suffix.len()];
            break;
        }
    }
    let name = name.trim();
    (!name.is_empty() && name.chars().count() <= 80).then(|| name.to_owned())
}

fn comment_date(dom: &Dom, item: usize, authors: &[usize]) -> Option<String> {
    let end = dom.nodes[item].end as usize;
    // Only this comment's own date: stop at a nested comment's author.
    let own_end = authors
        .iter()
        .copied()
        .filter(|&a| a > item && a < end)
        .nth(1)
        .unwrap_or(end);
    for i in item..own_end {
        let Kind::Element(el, tag, _) = dom.nodes[i].kind else {
            continue;
        };
        if tag == Tag::Time {
            if let Some(found) = el.attr("datetime").and_then(crate::metadata::parse_iso) {
                return Some(found.to_iso());
            }
            let text = dom.collapsed_text(i);
            if !text.is_empty() {
                return Some(text);
            }
        }
    }
    None
}
