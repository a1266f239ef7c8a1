//! Score candidate containers and choose the article's root(s).
//!
//! Readability's scoring, on our side tables: every block with its own text
//! gives points (one, plus its commas, plus one per 100 characters up to
//! three) to its parent, half to its grandparent and less further up. A
//! container's points are then weighted by its tag and class/id evidence and
//! scaled by `1 - link density`. The best container wins; we then climb to
//! an ancestor when several strong candidates share it (split articles,
//! forum threads) and merge siblings that look like they belong.

use crate::cues::ClassCues;
use crate::dom::{Dom, Tag};
use crate::options::Leaning;
use crate::prepare::Features;

/// The chosen article: one or more sibling subtrees, in document order.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    pub roots: Vec<usize>,
    /// The best-scoring container (one of `roots`, or their parent's child).
    pub top: usize,
    pub top_score: f32,
    /// The best score among candidates neither inside nor around the first
    /// choice: how close the runner-up came (0 when there is none).
    pub runner_up: f32,
}

/// What the selection decided and why, filled only for explanations.
#[derive(Debug, Default)]
pub(crate) struct SelectLog {
    /// The best candidates, best first: node, final score, paragraph points.
    pub candidates: Vec<(usize, f32, f32)>,
    /// The steps from the best candidate to the chosen container.
    pub steps: Vec<String>,
    /// Each root beside the chosen container, with why it was merged.
    pub merged: Vec<(usize, String)>,
}

/// How many candidates an explanation lists.
const LOGGED_CANDIDATES: usize = 12;

/// Paragraphs shorter than this give no points.
const MIN_PARAGRAPH_CHARS: u32 = 25;

/// A container whose text outside its comment thread is shorter than this
/// is the thread (a link with its discussion).
const THREAD_ONLY_OTHER_CHARS: u32 = 250;

/// How far above the best candidate a thread's post box may be.
const POST_LEVELS: usize = 6;

/// A sibling post with less text than this is not counted.
const MIN_POST_CHARS: u32 = 20;

/// How many ancestors a paragraph's points reach.
const SCORE_ANCESTORS: usize = 5;

/// What the page's markup says it is, known before its body is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageShape {
    /// A discussion thread: the selection takes the list of posts.
    Thread,
    /// A page with one body (an article, a landing page): its container
    /// grows only when an ancestor adds much reading text, as teasers,
    /// bios and notes sit close by.
    Article,
    /// A product page (its description, specifications and reviews sit in
    /// separate boxes), or a reading of the page's main region.
    Other,
}

pub(crate) fn select(
    dom: &Dom,
    features: &Features,
    cues: &[ClassCues],
    shape: PageShape,
    leaning: Leaning,
    mut log: Option<&mut SelectLog>,
) -> Option<Selection> {
    let thread = shape == PageShape::Thread;
    let n = dom.len();
    let body = dom.find_tag(Tag::Body).unwrap_or(0);
    let mut score = vec![0f32; n];
    let mut is_candidate = vec![false; n];
    let mut candidates: Vec<usize> = Vec::new();

    for i in 0..n {
        if !features.is_kept(i) || features.own_text_len[i] < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let Some(tag) = dom.tag(i) else { continue };
        if matches!(tag, Tag::H1 | Tag::Html | Tag::Body) {
            continue;
        }
        let own = features.own_text_len[i];
        // Commas in code separate arguments, not clauses: no points.
        let commas = if tag == Tag::Pre {
            0
        } else {
            features.own_commas[i]
        };
        let points = 1.0 + commas as f32 + (own as f32 / 100.0).floor().min(3.0);
        let mut ancestor = dom.parent(i);
        for level in 0..SCORE_ANCESTORS {
            let Some(a) = ancestor else { break };
            if dom.tag(a).is_none() {
                break;
            }
            if !is_candidate[a] {
                is_candidate[a] = true;
                score[a] = initial_score(dom.tag(a).unwrap_or(Tag::Other), cues[a]);
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += points / divider;
            ancestor = dom.parent(a);
        }
    }

    let points: Vec<f32> = if log.is_some() {
        candidates.iter().map(|&c| score[c]).collect()
    } else {
        Vec::new()
    };
    for &c in &candidates {
        score[c] *= 1.0 - features.link_density(c);
    }
    if let Some(log) = log.as_deref_mut() {
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&a, &b| {
            score[candidates[b]]
                .total_cmp(&score[candidates[a]])
                .then(candidates[a].cmp(&candidates[b]))
        });
        log.candidates = order
            .into_iter()
            .take(LOGGED_CANDIDATES)
            .map(|k| (candidates[k], score[candidates[k]], points[k]))
            .collect();
    }
    candidates.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    let first = *candidates.first()?;
    let runner_up = candidates
        .iter()
        .skip(1)
        .find(|&&c| !dom.contains(c, first) && !dom.contains(first, c))
        .map_or(0.0, |&c| score[c].max(0.0));
    let mut top = first;
    if matches!(dom.tag(top), Some(Tag::Html)) {
        top = body;
    }
    let mut step = |text: &dyn Fn() -> String| {
        if let Some(log) = log.as_deref_mut() {
            log.steps.push(text());
        }
    };
    step(&|| "best-scoring candidate".to_owned());

    // Several strong candidates inside one ancestor: the article is split
    // (or is a thread of posts); take the ancestor.
    let top_score = score[top];
    let alternatives: Vec<usize> = candidates
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&c| score[c] / top_score >= 0.75)
        .collect();
    if alternatives.len() >= 2 {
        let mut ancestor = dom.parent(top);
        while let Some(a) = ancestor {
            if a == body || dom.tag(a).is_none() {
                break;
            }
            let inside = alternatives.iter().filter(|&&c| dom.contains(a, c)).count();
            if inside >= 2 {
                top = a;
                step(&|| {
                    format!(
                        "climbed to the ancestor of {inside} candidates scoring >= 75% of the best (split article or thread)"
                    )
                });
                break;
            }
            ancestor = dom.parent(a);
        }
    }
    // On a thread the best post stands among its like: take their list
    // (a thread of two or three posts has too few strong candidates for
    // the climb above).
    if thread && top == first {
        if let Some(list) = post_list_around(dom, features, cues, top) {
            top = list;
            step(&|| "climbed to the list of posts like the best one (a thread)".to_owned());
        }
    }
    if !is_candidate[top] {
        is_candidate[top] = true;
        score[top] = initial_score(dom.tag(top).unwrap_or(Tag::Other), cues[top]);
    }

    // Climb while the parent scores better than the child (the child was a
    // fragment of the real container).
    let mut last_score = score[top];
    let threshold = last_score / 3.0;
    let mut parent = dom.parent(top);
    while let Some(p) = parent {
        if p == body || dom.tag(p).is_none() {
            break;
        }
        if !is_candidate[p] {
            parent = dom.parent(p);
            continue;
        }
        if score[p] < threshold {
            break;
        }
        if score[p] > last_score {
            top = p;
            step(&|| "climbed to a parent scoring better than its child".to_owned());
            break;
        }
        last_score = score[p];
        parent = dom.parent(p);
    }

    // A lone child carries no information about the container: climb.
    while let Some(p) = dom.parent(top) {
        if p == body || dom.tag(p).is_none() || element_children(dom, features, p) != 1 {
            break;
        }
        top = p;
        step(&|| "climbed through a wrapper with one child".to_owned());
    }

    // A post inside a box named for comments, when nothing else on the
    // page was content (the looser passes): the whole thread is the
    // content, not its longest reply.
    let mut outermost_thread = None;
    let mut ancestor = dom.parent(top);
    while let Some(a) = ancestor {
        if a == body || dom.tag(a).is_none() {
            break;
        }
        if cues[a].has(ClassCues::COMMENTS) {
            outermost_thread = Some(a);
        }
        ancestor = dom.parent(a);
    }
    // ... or a container holding such a thread and next to nothing else.
    let thread_within = || {
        let top_end = dom.nodes[top].end as usize;
        (top + 1..top_end).find(|&d| {
            cues[d].has(ClassCues::COMMENTS)
                && features.is_kept(d)
                && features.text_len[top].saturating_sub(features.text_len[d])
                    < THREAD_ONLY_OTHER_CHARS
        })
    };
    if let Some(thread) = outermost_thread {
        top = thread;
        step(&|| "climbed to the outermost box named for comments (a thread)".to_owned());
    } else if let Some(thread) = thread_within() {
        top = thread;
        step(&|| {
            "narrowed to the box named for comments holding all but the page's title".to_owned()
        });
    }

    // An answer marked up as one (schema.org microdata): the question with
    // all its answers is the content, not the best answer alone.
    if let Some(question) = question_around_answer(dom, top) {
        top = question;
        step(&|| "climbed from an answer to its question (schema.org Question)".to_owned());
    }

    let top_score = score[top];
    let base_gain = if shape == PageShape::Article {
        EXPAND_MIN_GAIN_ARTICLE
    } else {
        EXPAND_MIN_GAIN
    };
    let min_gain = 1.0 + (base_gain - 1.0) * leaning.expand_gain;
    // A thread is read as it is: around it are the story and the page.
    let expanded = if outermost_thread.is_some() {
        top
    } else {
        expand(dom, features, top, body, min_gain)
    };
    let roots = if expanded != top {
        step(&|| {
            format!(
                "expanded to an ancestor adding >= {:.0}% reading text at link density <= {EXPAND_MAX_LINK_DENSITY:.2}",
                (min_gain - 1.0) * 100.0
            )
        });
        vec![expanded]
    } else {
        merge_siblings(
            dom,
            features,
            &score,
            &is_candidate,
            top,
            leaning.sibling_share,
            log.as_deref_mut(),
        )
    };
    let top = expanded;
    let mut lead = lead_before(dom, features, cues, roots[0], body);
    lead.retain(|&l| !roots.iter().any(|&r| dom.contains(r, l)));
    let roots = if lead.is_empty() {
        roots
    } else {
        if let Some(log) = log {
            log.steps.push(format!(
                "took {} lead paragraph(s) from the article's header",
                lead.len()
            ));
        }
        lead.into_iter().chain(roots).collect()
    };
    Some(Selection {
        roots,
        top,
        top_score,
        runner_up,
    })
}

/// Lead paragraphs are this long (characters)...
const LEAD_CHARS: std::ops::RangeInclusive<u32> = 40..=800;
/// ...and mostly not links.
const LEAD_MAX_LINK_DENSITY: f32 = 0.3;
/// The lead is looked for this many levels above the container...
const LEAD_LEVELS: usize = 5;
/// ...among this many element siblings before each.
const LEAD_SIBLINGS: usize = 6;

/// The standfirst placed before the chosen container, in the article's
/// header or a box named for it (dek, lead, teaser, perex): the
/// element siblings just before the container and before its ancestors
/// (a few levels up; past an `<article>`, as pages wrap the headline block
/// and the body in separate ones), never above `<main>` or `<body>`.
/// Inside a `<header>` its paragraphs count; elsewhere only boxes whose
/// class names a lead.
fn lead_before(
    dom: &Dom,
    features: &Features,
    cues: &[ClassCues],
    first: usize,
    body: usize,
) -> Vec<usize> {
    let is_lead = |i: usize, in_header: bool| {
        let text = features.text_len[i];
        let tag = dom.tag(i);
        let named = cues[i].has(ClassCues::LEAD) && !cues[i].has(ClassCues::META);
        let header_paragraph = in_header && tag == Some(Tag::P) && !cues[i].has(ClassCues::META);
        (named || header_paragraph)
            && tag != Some(Tag::H1)
            && LEAD_CHARS.contains(&text)
            && features.link_density(i) <= LEAD_MAX_LINK_DENSITY
    };
    let mut found = Vec::new();
    let mut node = first;
    for _ in 0..LEAD_LEVELS {
        let Some(parent) = dom.parent(node) else {
            break;
        };
        if parent == body || matches!(dom.tag(parent), None | Some(Tag::Main | Tag::Body)) {
            break;
        }
        let before: Vec<usize> = dom
            .children(parent)
            .take_while(|&c| c != node)
            .filter(|&c| dom.tag(c).is_some() && features.is_kept(c))
            .collect();
        for &sibling in before.iter().rev().take(LEAD_SIBLINGS).rev() {
            let in_header = dom.tag(sibling) == Some(Tag::Header);
            let end = dom.nodes[sibling].end as usize;
            let mut i = sibling;
            while i < end {
                let boxed = cues[i].has(ClassCues::BOILERPLATE | ClassCues::BYLINE);
                if !features.is_kept(i) || boxed {
                    i = dom.nodes[i].end as usize;
                    continue;
                }
                if dom.tag(i).is_some() && is_lead(i, in_header) {
                    found.push(i);
                    i = dom.nodes[i].end as usize;
                    continue;
                }
                i += 1;
            }
        }
        if !found.is_empty() {
            break;
        }
        node = parent;
    }
    found
}

/// Text that is not link text: what readers read.
fn reading_text(features: &Features, i: usize) -> u32 {
    features.text_len[i].saturating_sub(features.link_len[i])
}

/// Non-article pages (products, services, listings, threads) spread their
/// content over many short blocks that paragraph scoring misses. Climb while
/// ancestors add a good share of reading text without turning into a link
/// farm. Wrappers that add (almost) nothing are climbed through; an
/// ancestor that adds a little is the edge of the content: stop there.
fn expand(dom: &Dom, features: &Features, top: usize, body: usize, min_gain: f32) -> usize {
    let mut accepted = top;
    let mut probe = top;
    while probe != body {
        let Some(parent) = dom.parent(probe) else {
            break;
        };
        if dom.tag(parent).is_none() || matches!(dom.tag(parent), Some(Tag::Html)) {
            break;
        }
        if features.link_density(parent) > EXPAND_MAX_LINK_DENSITY {
            break;
        }
        let gain =
            reading_text(features, parent) as f32 / reading_text(features, accepted).max(1) as f32;
        if gain >= min_gain {
            accepted = parent;
        } else if gain > EXPAND_TRANSPARENT_GAIN {
            break;
        }
        probe = parent;
    }
    accepted
}

/// A wrapper adding at most this share of reading text is climbed through.
const EXPAND_TRANSPARENT_GAIN: f32 = 1.05;
/// A parent must add this share of reading text to be taken.
const EXPAND_MIN_GAIN: f32 = 1.25;
/// ... on an article, where the text beside its body is mostly teasers,
/// bios and notes (measured: 1.5 against 1.25 lifts WCXB dev articles
/// 0.957 -> 0.959 and Readability's pages 0.955 -> 0.958).
const EXPAND_MIN_GAIN_ARTICLE: f32 = 1.5;
/// ... and stay below this link density.
const EXPAND_MAX_LINK_DENSITY: f32 = 0.4;

fn initial_score(tag: Tag, cues: ClassCues) -> f32 {
    tag_weight(tag) + class_weight(cues)
}

/// Readability's tag weight: containers up, lists and headings down.
pub(crate) fn tag_weight(tag: Tag) -> f32 {
    use Tag::*;
    match tag {
        Div | Article | Main => 5.0,
        Pre | Td | Blockquote => 3.0,
        Address | Ol | Ul | Dl | Dd | Dt | Li | Form => -3.0,
        H1 | H2 | H3 | H4 | H5 | H6 | Th => -5.0,
        _ => 0.0,
    }
}

/// Readability's class weight: +25 for content words, -25 for furniture.
pub(crate) fn class_weight(cues: ClassCues) -> f32 {
    let mut weight = 0.0;
    if cues.has(ClassCues::NEGATIVE) {
        weight -= 25.0;
    }
    if cues.has(ClassCues::POSITIVE) {
        weight += 25.0;
    }
    if cues.has(ClassCues::ARTICLE_BODY) {
        weight += 25.0;
    }
    weight
}

fn element_children(dom: &Dom, features: &Features, i: usize) -> usize {
    dom.children(i)
        .filter(|&c| {
            dom.tag(c).is_some() && features.is_kept(c)
                || (dom.tag(c).is_none() && features.text_len[c] > 0)
        })
        .count()
}

fn merge_siblings(
    dom: &Dom,
    features: &Features,
    score: &[f32],
    is_candidate: &[bool],
    top: usize,
    sibling_share: f32,
    mut log: Option<&mut SelectLog>,
) -> Vec<usize> {
    let top_score = score[top];
    let mut merged = |sibling: usize, why: &dyn Fn() -> String| {
        if let Some(log) = log.as_deref_mut() {
            log.merged.push((sibling, why()));
        }
    };
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    if dom.tag(parent).is_none() {
        return vec![top];
    }
    let threshold = (top_score * sibling_share).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for sibling in dom.children(parent) {
        if sibling == top {
            roots.push(sibling);
            continue;
        }
        if !features.is_kept(sibling) || dom.tag(sibling).is_none() {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(sibling, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        if is_candidate[sibling] && score[sibling] + bonus >= threshold {
            roots.push(sibling);
            merged(sibling, &|| {
                format!(
                    "sibling scoring {:.1}{} >= {threshold:.1}",
                    score[sibling],
                    if bonus > 0.0 {
                        " + same-class bonus"
                    } else {
                        ""
                    }
                )
            });
            continue;
        }
        if dom.tag(sibling) == Some(Tag::P) {
            let len = features.text_len[sibling];
            let density = features.link_density(sibling);
            if len > 80 && density < 0.25 {
                roots.push(sibling);
                merged(sibling, &|| {
                    format!("sibling paragraph of {len} chars at link density {density:.2} < 0.25")
                });
            } else if len > 0 && len < 80 && density == 0.0 {
                let text = dom.collapsed_text(sibling);
                if text.ends_with('.') || text.contains(". ") {
                    roots.push(sibling);
                    merged(sibling, &|| {
                        "short sibling paragraph ending a sentence".to_owned()
                    });
                }
            }
        }
    }
    roots
}

/// The list of posts around `top` on a thread: the parent of the nearest
/// ancestor-or-self (a few levels up) that has a sibling element of the
/// same tag and first class name holding text, or a later sibling named for
/// comments holding text (the replies beside the opening post). Posts are
/// rendered from one template, so they repeat their tag and class; a box
/// without a class is not evidence (except `<article>`).
fn post_list_around(
    dom: &Dom,
    features: &Features,
    cues: &[ClassCues],
    top: usize,
) -> Option<usize> {
    let first_class = |i: usize| {
        dom.attr(i, "class")
            .and_then(|class| class.split_ascii_whitespace().next())
    };
    let mut post = top;
    for _ in 0..POST_LEVELS {
        let parent = dom.parent(post)?;
        let tag = dom.tag(post)?;
        if matches!(dom.tag(parent), None | Some(Tag::Body | Tag::Html)) {
            return None;
        }
        let class = first_class(post);
        if class.is_some() || tag == Tag::Article {
            let is_twin = |c: usize| {
                c != post
                    && dom.tag(c) == Some(tag)
                    && first_class(c) == class
                    && features.is_kept(c)
                    && features.text_len[c] >= MIN_POST_CHARS
            };
            if dom.children(parent).any(is_twin) {
                return Some(parent);
            }
        }
        let is_reply_box = |c: usize| {
            c > post
                && cues[c].has(ClassCues::THREAD_POSTS)
                && features.is_kept(c)
                && features.text_len[c] >= MIN_POST_CHARS
        };
        if dom.children(parent).any(is_reply_box) {
            return Some(parent);
        }
        post = parent;
    }
    None
}

/// The nearest schema.org Question item around `i`, when `i` sits in one of
/// its answers (itemprop acceptedAnswer or suggestedAnswer).
fn question_around_answer(dom: &Dom, i: usize) -> Option<usize> {
    let mut in_answer = false;
    let mut at = Some(i);
    while let Some(a) = at {
        let itemprop = dom.attr(a, "itemprop").unwrap_or("");
        if itemprop.contains("acceptedAnswer") || itemprop.contains("suggestedAnswer") {
            in_answer = true;
        } else if in_answer
            && dom
                .attr(a, "itemtype")
                .is_some_and(|t| t.trim_end_matches('/').ends_with("schema.org/Question"))
        {
            return Some(a);
        }
        at = dom.parent(a);
    }
    None
}

/// The page's main region for listing pages: the first `<main>` or
/// `role="main"` element, else the body.
pub(crate) fn main_region(dom: &Dom, features: &Features) -> Selection {
    let body = dom.find_tag(Tag::Body).unwrap_or(0);
    let main = (0..dom.len()).find(|&i| {
        features.is_kept(i)
            && (dom.tag(i) == Some(Tag::Main)
                || dom
                    .attr(i, "role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main")))
    });
    let root = main.unwrap_or(body);
    Selection {
        roots: vec![root],
        top: root,
        top_score: 0.0,
        runner_up: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::{PrepareFlags, class_cue_table, prepare};
    use crate::sink::parse;

    #[test]
    fn a_reply_in_a_comment_thread_brings_the_whole_thread() {
        let reply = |who: &str| {
            format!(
                "<li class='comments_subtree'><div class='comment'><p class='byline'>{who}</p>\
                 <div class='comment_text'><p>We saw the same thing, and after a week of logs, \
                 traces and guesses we found the cache key held the checkout path, so nothing \
                 was ever reused, although the dashboard said otherwise.</p></div></div></li>"
            )
        };
        let html = format!(
            "<body><div id='page'><ol class='stories'><li><a href='/s/1'>A story</a></li></ol>\
             <ol id='thread' class='comments'>{}{}<li class='comments_subtree'>\
             <div class='comment'><div class='comment_text'><p>{}</p></div></div></li></ol>\
             </div></body>",
            reply("marta"),
            reply("jonas"),
            "The longest reply, with more to say, more clauses, more commas, more asides, \
             and more examples, than any other reply in the thread, by a wide margin, \
             which makes it the best-scoring candidate on its own."
        );
        let doc = parse(&html);
        let dom = Dom::build(&doc.tree, &doc.content, 10_000).unwrap();
        let cues = class_cue_table(&dom);
        // The looser pass: the strict one strips boxes named for comments.
        let features = prepare(&dom, &cues, PrepareFlags::LADDER[1]);
        let selection = select(
            &dom,
            &features,
            &cues,
            PageShape::Other,
            crate::Focus::Balanced.leaning(),
            None,
        )
        .unwrap();
        assert_eq!(dom.attr(selection.top, "id"), Some("thread"));
        assert_eq!(selection.roots, vec![selection.top]);
    }
}
