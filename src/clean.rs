//! Remove boilerplate inside the chosen article: the inserts, boxes and
//! prompts that sit between or after the paragraphs ("See also" lines,
//! newsletter boxes, share bars, author bios, comment threads, link lists).
//!
//! The result is a side table: for each node, why it was cut (or nothing).
//! Nothing is copied or re-parsed; the renderers skip cut subtrees.

use crate::cues::{self, ClassCues};
use crate::dom::{Dom, Tag};
use crate::options::Leaning;
use crate::prepare::Features;
use crate::select::{Selection, class_weight};

/// Why the clean stage cut a subtree. The payloads are what an
/// explanation shows: small numbers (the side table stays 8 bytes a node),
/// never strings, on the normal path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cut {
    /// Class/id names a boilerplate box (`share`, `related`, ...).
    ClassCue(ClassCues),
    /// `<nav>`, `<aside>`, `<footer>`.
    Tag,
    /// A form (or form-like box): its fields outnumber its paragraphs.
    Form { fields: u32 },
    /// A heading that opens a boilerplate section, and that section.
    SectionHeading,
    /// A table of contents' title ("Table of contents", "In this
    /// article"), and the list of links it heads.
    Contents,
    /// A heading over other products ("Similar items", "Customers also
    /// bought"), and the block it opens.
    Recommendations,
    /// A short line opening with "See also", "Lesen Sie auch", ... (the
    /// opener's index in the cue list).
    SeeAlso(u16),
    /// A short promotion, prompt or label line (the phrase's index).
    Promo(u16),
    /// A short image credit line.
    Credit,
    /// A figure's caption: it belongs with its image, so the HTML and
    /// Markdown keep it when they keep images; the plain text does not.
    Caption,
    /// A short line that is only a call to action.
    CallToAction,
    /// A forum member's statistics or presence ("1,204 posts", "Offline").
    MemberStats,
    /// On a discussion page, a post's action bar, a thread's counters or
    /// a reply's repeated title ("Reply", "12 views 3 replies", "Re: ...").
    ThreadChrome,
    /// A link list: most of its text is links.
    /// Densities in thousandths.
    LinkDensity { density: u16, limit: u16 },
    /// A byline/date line (`byline`, `meta` classes): metadata, not body.
    MetaLine,
    /// A box named for the article's author: its byline or bio.
    AuthorBox,
    /// A paragraph repeating one kept earlier (responsive layouts ship the
    /// same block twice, one copy per screen size; carousels clone slides).
    Repeat,
    /// A short line trailing the article after its last paragraph (a
    /// credit, a source label, a date, a sign-off prompt).
    Trailing,
}

const _: () = assert!(std::mem::size_of::<Option<Cut>>() <= 8);

impl Cut {
    /// The rule or cue, for explanations.
    pub(crate) fn describe(self) -> String {
        match self {
            Cut::ClassCue(cue) => format!("cue: {} (class/id)", cue.boilerplate_name()),
            Cut::Tag => "tag: nav/aside/footer inside the article".to_owned(),
            Cut::Form { fields } => format!("form: {fields} field(s)"),
            Cut::SectionHeading => "section opened by a boilerplate heading".to_owned(),
            Cut::Contents => "table of contents: its title and its list".to_owned(),
            Cut::Recommendations => "block of other products opened by its heading".to_owned(),
            Cut::SeeAlso(opener) => {
                format!("cue: see-also (\"{}\")", cues::see_also_text(opener))
            }
            Cut::Promo(phrase) => format!("cue: promo (\"{}\")", cues::promo_text(phrase)),
            Cut::Credit => "cue: image credit line".to_owned(),
            Cut::Caption => "figure caption (kept with images in HTML/Markdown)".to_owned(),
            Cut::CallToAction => "cue: call to action".to_owned(),
            Cut::MemberStats => "cue: forum member statistics".to_owned(),
            Cut::ThreadChrome => {
                "cue: a thread's chrome (action bar, counters, reply title)".to_owned()
            }
            Cut::LinkDensity { density, limit } => format!(
                "link density {:.2} > {:.2}",
                f32::from(density) / 1000.0,
                f32::from(limit) / 1000.0
            ),
            Cut::MetaLine => "cue: byline/date line (class/id)".to_owned(),
            Cut::AuthorBox => "cue: box named for the author (byline or bio)".to_owned(),
            Cut::Repeat => "repeats a paragraph kept above".to_owned(),
            Cut::Trailing => "short line after the article's last paragraph".to_owned(),
        }
    }
}

/// How hard to clean. Listing pages (category pages, search results, shop
/// grids) are made of link blocks, so link density says nothing there.
/// Documentation is read as an article, but its link lists (an API's
/// members, a page's contents), its repeated blocks (the same parameter
/// described under each method) and its code samples with a language
/// picker are content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CleanMode {
    Article,
    Documentation,
    Listing,
}

impl CleanMode {
    /// The article readings (a chosen container rather than a region).
    pub(crate) fn reads_article(self) -> bool {
        matches!(self, CleanMode::Article | CleanMode::Documentation)
    }
}

/// A table of contents' title is at most this long.
const CONTENTS_TITLE_CHARS: u32 = 40;
/// A paragraph or box this short may title a block of other products.
const RECOMMENDATION_TITLE_CHARS: u32 = 60;
/// Blocks at most this long are checked for "see also" openers.
const SHORT_BLOCK_CHARS: u32 = 250;
/// Characters read from a longer block: enough for every opener cue.
const OPENER_CHARS: u32 = 64;
/// Blocks at most this long are checked for calls to action.
const CTA_BLOCK_CHARS: u32 = 40;
/// Blocks at most this long are checked for forum member statistics.
const MEMBER_STAT_CHARS: u32 = 60;
/// Blocks at most this long are checked for a thread's chrome.
const THREAD_CHROME_CHARS: u32 = 100;
/// Blocks at most this long are checked for image credit labels.
const CREDIT_BLOCK_CHARS: u32 = 100;
/// A link-dense block with this much text outside its links is kept.
const LINK_BOX_MAX_UNLINKED_CHARS: u32 = 150;
/// Blocks at most this long are checked for promo phrases.
const PROMO_BLOCK_CHARS: u32 = 160;

pub(crate) fn clean(
    dom: &Dom,
    features: &Features,
    cues: &[ClassCues],
    selection: &Selection,
    mode: CleanMode,
    leaning: Leaning,
    discussion: bool,
) -> Vec<Option<Cut>> {
    let mut cleaner = Cleaner {
        dom,
        features,
        mode,
        link_limit: leaning.link_limit,
        cut: vec![None; dom.len()],
        scratch: String::with_capacity(256),
        scratch_bytes: Vec::new(),
        in_thread: false,
        discussion,
        cut_author_boxes: false,
    };
    cleaner.cut_author_boxes = mode == CleanMode::Article
        && (1..=MAX_AUTHOR_BOXES).contains(&cleaner.count_author_boxes(cues, &selection.roots));
    let top_text = features.text_len[selection.top].max(1);
    for &root in &selection.roots {
        cleaner.in_thread = inside_thread(dom, cues, root);
        // A merged sibling is judged whole first: it may itself be a box
        // (a sign-in prompt beside the thread).
        if root != selection.top
            && let Some(tag) = dom.tag(root)
            && let Some(reason) = cleaner.judge(cues[root], root, tag, top_text)
        {
            cleaner.cut[root] = Some(reason);
            continue;
        }
        cleaner.clean_subtree(cues, root);
    }
    if mode != CleanMode::Documentation {
        cleaner.cut_repeats(&selection.roots);
    }
    if mode.reads_article() && leaning.tail_cuts {
        cleaner.cut_trailing_lines(&selection.roots);
    }
    cleaner.cut
}

/// An article has one or two boxes named for its author (a byline, a bio);
/// more are the authors of cards or posts, which keep them.
const MAX_AUTHOR_BOXES: usize = 2;

/// Whether `root` is, or sits inside, a box named for comments.
fn inside_thread(dom: &Dom, cues: &[ClassCues], root: usize) -> bool {
    let mut ancestor = Some(root);
    while let Some(a) = ancestor {
        if cues[a].has(ClassCues::COMMENTS) {
            return true;
        }
        ancestor = dom.parent(a);
    }
    false
}

/// One clean-stage run: the inputs, the side table being filled, and a
/// reusable text buffer for the cue tests.
struct Cleaner<'d, 'a> {
    dom: &'d Dom<'a>,
    features: &'d Features,
    mode: CleanMode,
    /// Multiplies the link-density limits (the focus's leaning).
    link_limit: f32,
    cut: Vec<Option<Cut>>,
    scratch: String,
    /// A whole block's text for the repeat cut, as bytes.
    scratch_bytes: Vec<u8>,
    /// The article is itself a comment thread (a forum topic whose posts
    /// are marked up as comments): comment boxes inside it are content.
    in_thread: bool,
    /// The page is a discussion (a forum thread or a Q&A page): its posts'
    /// action bars, counters and reply titles are chrome.
    discussion: bool,
    /// Boxes named for the author are the article's byline or bio (one or
    /// two of them in an article reading), cut as chrome.
    cut_author_boxes: bool,
}

impl Cleaner<'_, '_> {
    /// Visits the kept, not yet cut elements of `from..end` in document
    /// order; `visit` says whether to go into the element or past it.
    fn walk_live(
        &mut self,
        from: usize,
        end: usize,
        mut visit: impl FnMut(&mut Self, usize, Tag) -> Step,
    ) {
        let mut i = from;
        while i < end {
            let subtree_end = (self.dom.nodes[i].end as usize).max(i + 1);
            if !self.features.is_kept(i) || self.cut[i].is_some() {
                i = subtree_end;
                continue;
            }
            let Some(tag) = self.dom.tag(i) else {
                i += 1;
                continue;
            };
            i = match visit(self, i, tag) {
                Step::Into => i + 1,
                Step::Past => subtree_end,
            };
        }
    }

    /// Kept boxes named for the author under `roots` (not counting boxes
    /// inside one).
    fn count_author_boxes(&mut self, cues: &[ClassCues], roots: &[usize]) -> usize {
        let mut count = 0;
        for &root in roots {
            let end = self.dom.nodes[root].end as usize;
            self.walk_live(root, end, |_, i, _| {
                if cues[i].has(ClassCues::AUTHOR_BOX) {
                    count += 1;
                    Step::Past
                } else {
                    Step::Into
                }
            });
        }
        count
    }

    fn clean_subtree(&mut self, cues: &[ClassCues], root: usize) {
        let root_text = self.features.text_len[root].max(1);
        let end = self.dom.nodes[root].end as usize;
        self.walk_live(root + 1, end, |cleaner, i, tag| {
            let Some(reason) = cleaner.judge(cues[i], i, tag, root_text) else {
                return Step::Into;
            };
            cleaner.cut[i] = Some(reason);
            if matches!(reason, Cut::SectionHeading | Cut::Contents) {
                let (dom, features) = (cleaner.dom, cleaner.features);
                cut_section_around_heading(dom, features, i, root, reason, &mut cleaner.cut);
            }
            if reason == Cut::Recommendations {
                let (dom, features) = (cleaner.dom, cleaner.features);
                let block = block_opened_by(dom, features, &cleaner.cut, i, root);
                cleaner.cut[block] = Some(Cut::Recommendations);
            }
            Step::Past
        });
    }

    fn judge(&mut self, cue: ClassCues, i: usize, tag: Tag, root_text: u32) -> Option<Cut> {
        let (dom, features, mode) = (self.dom, self.features, self.mode);
        let scratch = &mut self.scratch;
        let text = features.text_len[i];
        // Never cut what holds most of the article: a class cue on the
        // article's own wrapper ("post has-comments") must not empty it.
        let minor = text * 2 < root_text;

        if tag == Tag::Figcaption {
            return Some(Cut::Caption);
        }
        // A short caption box beside an image whose text is its credit.
        if minor
            && mode == CleanMode::Article
            && cue.has(ClassCues::CAPTION)
            && !cue.has(ClassCues::ARTICLE_BODY)
            && (1..=CAPTION_CREDIT_CHARS).contains(&text)
            && near_media(dom, i)
        {
            dom.lower_text_prefix(
                i,
                CAPTION_CREDIT_CHARS as usize,
                |j| !features.is_kept(j),
                scratch,
            );
            if cues::looks_like_credit(scratch) {
                return Some(Cut::Credit);
            }
        }
        if minor && matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer) {
            return Some(Cut::Tag);
        }
        if minor && matches!(tag, Tag::Form | Tag::Fieldset) && features.controls[i] > 0 {
            return Some(Cut::Form {
                fields: features.controls[i],
            });
        }
        // Class names are weak evidence on their own (page builders call every
        // box a "widget"); a boilerplate box is also short or mostly links.
        let boilerplate = if self.in_thread {
            cue.0 & ClassCues::BOILERPLATE & !ClassCues::COMMENTS != 0
        } else {
            cue.has(ClassCues::BOILERPLATE)
        };
        // Bios and forum signatures are chrome at any length.
        let boxy = (cue.has(ClassCues::COMMENTS) && !self.in_thread)
            || cue.has(ClassCues::AUTHOR_BIO)
            || text < 600
            || features.link_density(i) > 0.3;
        // A paragraph of unlinked prose is not navigation, whatever its
        // class says ("contextmenu" on every paragraph of a story).
        let prose_paragraph = tag == Tag::P && text >= 100 && features.link_len[i] == 0;
        let only_navigation = cue.0 & ClassCues::BOILERPLATE == ClassCues::NAVIGATION;
        if minor
            && boxy
            && boilerplate
            && !cue.has(ClassCues::ARTICLE_BODY)
            && !(prose_paragraph && only_navigation)
        {
            return Some(Cut::ClassCue(cue));
        }
        // A box named for the author in an article is its byline or the
        // author's bio; a thread's posts and a listing's cards name their
        // authors too, and keep them. An inline name is part of its line.
        if minor
            && self.cut_author_boxes
            && tag.is_block()
            && !self.in_thread
            && cue.has(ClassCues::AUTHOR_BOX)
            && !cue.has(ClassCues::ARTICLE_BODY)
        {
            return Some(Cut::AuthorBox);
        }
        // A box holding a heading is a card or a section, whatever its
        // class says ("meta-block-section"), not a byline line.
        if minor
            && cue.has(ClassCues::META)
            && text < 200
            && !cue.has(ClassCues::ARTICLE_BODY)
            && !holds_heading(dom, i)
        {
            return Some(Cut::MetaLine);
        }
        // Titles: a heading naming a boilerplate section, a reply's "Re:"
        // title, a table of contents' title (its list often goes as links
        // or as `<nav>`, leaving the title behind; documentation keeps its
        // contents), or a title over other products (shop themes title that
        // block as often with a paragraph or a `<div>` as with a heading).
        // Their text is read once.
        let heading_title = tag.is_heading() && text < 80;
        let contents_title = minor
            && mode == CleanMode::Article
            && (1..=CONTENTS_TITLE_CHARS).contains(&text)
            && (tag.is_heading()
                || matches!(
                    tag,
                    Tag::P | Tag::Div | Tag::Span | Tag::Strong | Tag::B | Tag::Summary
                ));
        let shop_title = minor
            && matches!(tag, Tag::P | Tag::Div | Tag::Span | Tag::Strong | Tag::B)
            && (1..=RECOMMENDATION_TITLE_CHARS).contains(&text)
            && features.own_text_len[i] == text;
        if heading_title || contents_title || shop_title {
            dom.lower_text_prefix(i, 80, |j| !features.is_kept(j), scratch);
            let title = scratch.as_str();
            if heading_title && cues::is_boilerplate_heading(title) {
                return Some(Cut::SectionHeading);
            }
            if heading_title && self.discussion && cues::is_reply_title(title) {
                return Some(Cut::ThreadChrome);
            }
            if contents_title && cues::is_contents_title(title) {
                return Some(Cut::Contents);
            }
            if (heading_title && minor || shop_title) && cues::is_recommendation_heading(title) {
                return Some(Cut::Recommendations);
            }
        }
        if tag.is_block() && text > 0 && text <= SHORT_BLOCK_CHARS && !matches!(tag, Tag::Pre) {
            // Promo phrases may sit anywhere in a short line; the other cues
            // open the line, so a longer block is read only at its start.
            let wanted = if text <= PROMO_BLOCK_CHARS {
                PROMO_BLOCK_CHARS
            } else {
                OPENER_CHARS
            };
            dom.lower_text_prefix(i, wanted as usize, |j| !features.is_kept(j), scratch);
            let lower = scratch.as_str();
            if let Some(opener) = cues::see_also_opener(lower)
                && (features.link_len[i] > 0 || text < 120)
            {
                return Some(Cut::SeeAlso(opener));
            }
            if text <= PROMO_BLOCK_CHARS
                && let Some(phrase) = cues::promo_phrase(lower)
            {
                return Some(Cut::Promo(phrase));
            }
            if text <= CREDIT_BLOCK_CHARS && cues::is_credit_line(lower) {
                return Some(Cut::Credit);
            }
            if text <= CTA_BLOCK_CHARS && cues::is_call_to_action(lower) {
                return Some(Cut::CallToAction);
            }
            if text <= MEMBER_STAT_CHARS && cues::is_member_stat_line(lower) {
                return Some(Cut::MemberStats);
            }
            if self.discussion && text <= THREAD_CHROME_CHARS && cues::is_thread_chrome_line(lower)
            {
                return Some(Cut::ThreadChrome);
            }
        }
        if mode == CleanMode::Article
            && matches!(
                tag,
                Tag::Div | Tag::Section | Tag::Ul | Tag::Ol | Tag::Dl | Tag::Header | Tag::Table
            )
            && minor
            && features.commas[i] < 10
        {
            let density = features.link_density(i);
            let weight = class_weight(cue);
            let limit = if weight >= 25.0 { 0.5 } else { 0.33 } * self.link_limit;
            // Text outside the links is what a link box lacks: with this
            // much, the block carries prose of its own (an item's
            // description, a row of figures), whatever its links weigh.
            let unlinked = text.saturating_sub(features.link_len[i]);
            if text > 0 && density > limit && unlinked < LINK_BOX_MAX_UNLINKED_CHARS {
                return Some(Cut::LinkDensity {
                    density: (density * 1000.0).round() as u16,
                    limit: (limit * 1000.0).round() as u16,
                });
            }
            if features.controls[i] > 0 && features.controls[i] * 3 > features.paragraphs[i] + 1 {
                return Some(Cut::Form {
                    fields: features.controls[i],
                });
            }
        }
        None
    }
}

/// Paragraphs shorter than this are never cut as repeats: short lines
/// ("Price", "Add to cart", table labels) legitimately recur.
const REPEAT_MIN_CHARS: u32 = 40;

impl Cleaner<'_, '_> {
    /// Cuts text blocks (blocks whose text is all their own: paragraphs,
    /// list items, headings, not wrappers) that repeat, word for word, a
    /// block kept earlier in a box not built alike: the second copy of a
    /// responsive layout, a cloned carousel slide, a forum post quoted in a
    /// reply. Preformatted text and tables are left alone: code and data
    /// repeat by nature.
    fn cut_repeats(&mut self, roots: &[usize]) {
        let (dom, features) = (self.dom, self.features);
        // First the text blocks, each with a hash of its first bytes: only
        // blocks whose start recurs can be copies, so the whole text is
        // lowered and hashed for those alone (on an article page, almost
        // none: hashing every paragraph whole cost more than parsing it).
        let mut blocks: Vec<(usize, u64)> = Vec::new();
        let mut starts = std::collections::HashMap::new();
        for &root in roots {
            let end = dom.nodes[root].end as usize;
            self.walk_live(root, end, |cleaner, i, tag| {
                if matches!(tag, Tag::Pre | Tag::Table) {
                    return Step::Past;
                }
                let text = features.text_len[i];
                let text_block = tag.is_block() && features.own_text_len[i] == text;
                if i == root || !text_block || text < REPEAT_MIN_CHARS {
                    return Step::Into;
                }
                let start = cleaner.lower_text_hash(i, REPEAT_START_BYTES);
                *starts.entry(start).or_insert(0u32) += 1;
                blocks.push((i, start));
                Step::Past
            });
        }
        // Text hash → its first copy. Cuts made here are
        // ancestors of blocks already seen, never inside a later block, so
        // reading the blocks after the walk sees what the walk saw.
        let mut seen = std::collections::HashMap::new();
        for (i, start) in blocks {
            if starts[&start] < 2 {
                continue;
            }
            let hash = self.lower_text_hash(i, usize::MAX);
            let first = *seen.entry(hash).or_insert(i);
            if first != i && !built_alike(dom, first, i) {
                // Cut the copy's wrappers with it (a quote, a slide), so
                // no empty box is left behind.
                let text = features.text_len[i];
                let mut outermost = i;
                while let Some(up) = dom.parent(outermost)
                    && !roots.contains(&up)
                    && features.text_len[up] == text
                {
                    outermost = up;
                }
                self.cut[outermost] = Some(Cut::Repeat);
            }
        }
    }

    /// Writes into `scratch` the start of `i`'s text still in the article
    /// (kept and not cut), as `Dom::lower_text_prefix` does.
    fn read_live_text(&mut self, i: usize, max_chars: usize) {
        let (features, cut) = (self.features, &self.cut);
        self.dom.lower_text_prefix(
            i,
            max_chars,
            |j| !features.is_kept(j) || cut[j].is_some(),
            &mut self.scratch,
        );
    }

    /// A hash of the live text of `i` as `Dom::lower_text_bytes` writes it,
    /// up to `max_bytes`.
    fn lower_text_hash(&mut self, i: usize, max_bytes: usize) -> u64 {
        let (features, cut) = (self.features, &self.cut);
        self.dom.lower_text_bytes(
            i,
            max_bytes,
            |j| !features.is_kept(j) || cut[j].is_some(),
            &mut self.scratch_bytes,
        );
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hasher::write(&mut hasher, &self.scratch_bytes);
        std::hash::Hasher::finish(&hasher)
    }
}

/// How many levels up two copies of a text are compared by
/// [`built_alike`].
const TEMPLATE_DEPTH: usize = 12;

/// Whether two blocks with the same text sit in boxes built alike (the
/// same tags and class lists) from their common ancestor down: the text
/// itself recurring (a refrain, the same terms under each offer card of a
/// grid), not a second copy of a box (a responsive layout's other version,
/// a cloned slide, a quote), whose wrappers are named apart.
fn built_alike(dom: &Dom, first: usize, copy: usize) -> bool {
    let (mut a, mut b) = (first, copy);
    for _ in 0..TEMPLATE_DEPTH {
        let (Some(up_a), Some(up_b)) = (dom.parent(a), dom.parent(b)) else {
            return false;
        };
        if up_a == up_b {
            return true;
        }
        if dom.tag(up_a) != dom.tag(up_b) || dom.attr(up_a, "class") != dom.attr(up_b, "class") {
            return false;
        }
        (a, b) = (up_a, up_b);
    }
    false
}

/// How many bytes of a block's text sort it before whole texts are compared.
const REPEAT_START_BYTES: usize = 48;

/// A paragraph at least this long (characters) is article prose...
const PROSE_LINE_CHARS: u32 = 150;
/// ...and lines after the last one shorter than this...
const TRAILING_LINE_CHARS: u32 = 80;
/// ...are cut when there are at most this many of them.
const MAX_TRAILING_LINES: usize = 5;

impl Cleaner<'_, '_> {
    /// Cuts the few short lines left after the article's last paragraph of
    /// prose: source labels, photo credits, dates, "more information:"
    /// stubs, whose boxes carry no name to cut them by. A tail holding a
    /// list, a table, code or a longer line is left whole: it is content.
    /// First, sections opened by a boilerplate line and appeals in the
    /// tail are cut (they would otherwise hide the last paragraph).
    fn cut_trailing_lines(&mut self, roots: &[usize]) {
        let features = self.features;
        // Lines in reading order: blocks with text of their own, with their
        // length; lists, tables and code as one structured line (`None`).
        let mut lines: Vec<(usize, Option<u32>)> = Vec::new();
        for &root in roots {
            let end = self.dom.nodes[root].end as usize;
            self.walk_live(root, end, |_, i, tag| {
                if matches!(tag, Tag::Li | Tag::Table | Tag::Pre | Tag::Dl) {
                    // An empty layout table is no content in the tail.
                    if features.text_len[i] > 0 {
                        lines.push((i, None));
                    }
                    return Step::Past;
                }
                let own = features.own_text_len[i];
                if tag.is_block() && own > 0 {
                    lines.push((i, Some(own)));
                }
                Step::Into
            });
        }
        let is_prose =
            |&(_, len): &(usize, Option<u32>)| len.is_some_and(|len| len >= PROSE_LINE_CHARS);
        let Some(first_prose) = lines.iter().position(is_prose) else {
            return;
        };
        self.cut_opened_sections(&lines[first_prose + 1..]);
        self.cut_tail_appeals(&lines, first_prose);
        lines.retain(|&(i, _)| self.cut[i].is_none());
        let Some(last_prose) = lines.iter().rposition(is_prose) else {
            return;
        };
        let tail = &lines[last_prose + 1..];
        let short = tail
            .iter()
            .all(|&(_, len)| len.is_some_and(|len| len < TRAILING_LINE_CHARS));
        if tail.is_empty() || tail.len() > MAX_TRAILING_LINES || !short {
            return;
        }
        // A closing sentence ("Thanks for reading!") is the author's.
        let sentence = tail.iter().any(|&(i, _)| {
            self.read_live_text(i, TRAILING_LINE_CHARS as usize);
            self.scratch.trim_end().ends_with(['.', '!', '?', '…'])
        });
        if sentence {
            return;
        }
        for &(i, _) in tail {
            self.cut[i] = Some(Cut::Trailing);
        }
    }

    /// After the article's first paragraph, a short line of its own text
    /// naming a boilerplate section ("Weitere Informationen", "Mehr
    /// lesen:", "Pressekontakt"), whatever its tag, opens that section: it
    /// is cut with the lines after it, up to the next paragraph of prose.
    fn cut_opened_sections(&mut self, lines: &[(usize, Option<u32>)]) {
        let features = self.features;
        let mut k = 0;
        while k < lines.len() {
            let (i, len) = lines[k];
            let own_text_only = features.text_len[i] == features.own_text_len[i];
            let opens_section = len.is_some_and(|len| len <= SECTION_OPENER_CHARS)
                && own_text_only
                && self.cut[i].is_none()
                && {
                    self.read_live_text(i, OPENER_READ_CHARS);
                    cues::is_section_opener_line(&self.scratch)
                };
            if !opens_section {
                k += 1;
                continue;
            }
            self.cut[i] = Some(Cut::SectionHeading);
            k += 1;
            // A long line of links (a `<br>`-separated list) does not end
            // the section; a paragraph of prose does.
            while k < lines.len() {
                let (j, len) = lines[k];
                if len.is_some_and(|len| len >= PROSE_LINE_CHARS) && features.link_density(j) < 0.3
                {
                    break;
                }
                self.cut[j].get_or_insert(Cut::SectionHeading);
                k += 1;
            }
        }
    }

    /// In the last two fifths of the article's lines, a line up to 300
    /// characters of its own text holding a subscription appeal or a
    /// republishing note ("Already a subscriber?", "Dieser Text wurde
    /// zuerst veröffentlicht …") is cut.
    fn cut_tail_appeals(&mut self, lines: &[(usize, Option<u32>)], first_prose: usize) {
        let features = self.features;
        let from = (lines.len() * 3).div_ceil(5).max(first_prose + 1);
        for &(i, len) in lines.iter().skip(from) {
            if len.is_none_or(|len| len > TAIL_APPEAL_CHARS)
                || features.text_len[i] != features.own_text_len[i]
                || self.cut[i].is_some()
            {
                continue;
            }
            self.read_live_text(i, TAIL_APPEAL_CHARS as usize);
            if cues::is_tail_appeal(&self.scratch) {
                self.cut[i] = Some(Cut::Trailing);
            }
        }
    }
}

/// A line opening a boilerplate section is at most this long...
const SECTION_OPENER_CHARS: u32 = 60;
/// ...and this much of it is read.
const OPENER_READ_CHARS: usize = 80;
/// A subscription appeal or republishing note in the tail is at most this
/// long.
const TAIL_APPEAL_CHARS: u32 = 300;

/// A caption box read as an image credit is at most this long.
const CAPTION_CREDIT_CHARS: u32 = 80;

/// Whether an image, picture, video, iframe or figure sits in `i` or in
/// one of its three nearest ancestors: one scan of the highest one's
/// subtree, which holds the others.
fn near_media(dom: &Dom, i: usize) -> bool {
    let mut highest = i;
    for _ in 0..3 {
        match dom.parent(highest) {
            Some(parent) => highest = parent,
            None => break,
        }
    }
    let end = dom.nodes[highest].end as usize;
    (highest..end).any(|j| {
        matches!(
            dom.tag(j),
            Some(Tag::Img | Tag::Picture | Tag::Video | Tag::Iframe | Tag::Figure)
        )
    })
}

/// The block a heading opens: its highest ancestor below `root` that starts
/// with it (no kept text before the heading), holds no later heading of
/// the same or a higher rank (the next section) and less than half of
/// `root`'s text; the heading itself when its parent already fails.
fn block_opened_by(
    dom: &Dom,
    features: &Features,
    cut: &[Option<Cut>],
    heading: usize,
    root: usize,
) -> usize {
    let root_text = features.text_len[root];
    let mut block = heading;
    while let Some(parent) = dom.parent(block) {
        if parent == root
            || !dom.contains(root, parent)
            || features.text_len[parent] * 2 >= root_text
            || text_before(dom, features, cut, parent, heading)
            || next_section_within(dom, features, parent, heading)
        {
            break;
        }
        block = parent;
    }
    block
}

/// Heading rank: 1 for `<h1>` to 6 for `<h6>`, 7 for anything else.
fn heading_rank(tag: Option<Tag>) -> u8 {
    match tag {
        Some(Tag::H1) => 1,
        Some(Tag::H2) => 2,
        Some(Tag::H3) => 3,
        Some(Tag::H4) => 4,
        Some(Tag::H5) => 5,
        Some(Tag::H6) => 6,
        _ => 7,
    }
}

/// Whether a kept heading of `heading`'s rank or higher follows it inside
/// `ancestor` (any heading, when `heading` is a paragraph or box titling
/// its block).
fn next_section_within(dom: &Dom, features: &Features, ancestor: usize, heading: usize) -> bool {
    let rank = heading_rank(dom.tag(heading));
    let after = (dom.nodes[heading].end as usize).max(heading + 1);
    let end = dom.nodes[ancestor].end as usize;
    (after..end).any(|j| {
        dom.tag(j).is_some_and(Tag::is_heading)
            && heading_rank(dom.tag(j)) <= rank
            && features.is_kept(j)
    })
}

/// Whether kept, uncut text lies in `ancestor` before `at`.
fn text_before(
    dom: &Dom,
    features: &Features,
    cut: &[Option<Cut>],
    ancestor: usize,
    at: usize,
) -> bool {
    let mut j = ancestor + 1;
    while j < at {
        let subtree_end = (dom.nodes[j].end as usize).max(j + 1);
        if dom.tag(j).is_some() {
            if !features.is_kept(j) || cut[j].is_some() {
                if subtree_end > at {
                    // An ancestor of `at` cut or removed: nothing to read.
                    return false;
                }
                j = subtree_end;
                continue;
            }
        } else if let crate::dom::Kind::Text(text) = dom.nodes[j].kind
            && !text.trim().is_empty()
        {
            return true;
        }
        j += 1;
    }
    false
}

/// Whether an element is or holds a heading.
fn holds_heading(dom: &Dom, i: usize) -> bool {
    let end = dom.nodes[i].end as usize;
    (i..end).any(|j| dom.tag(j).is_some_and(Tag::is_heading))
}

/// What [`Cleaner::walk_live`] does after visiting an element.
enum Step {
    Into,
    Past,
}

/// A boilerplate heading ("Related posts", "3 Comments") usually opens a
/// box: cut the box when the heading's parent is small or mostly links;
/// otherwise cut the list or box right after the heading. Both are cut
/// for `reason`.
fn cut_section_around_heading(
    dom: &Dom,
    features: &Features,
    heading: usize,
    root: usize,
    reason: Cut,
    cut: &mut [Option<Cut>],
) {
    if let Some(parent) = dom.parent(heading)
        && parent != root
        && dom.contains(root, parent)
    {
        let extra = features.text_len[parent].saturating_sub(features.text_len[heading]);
        if extra < 400 || features.link_density(parent) > 0.4 {
            cut[parent] = Some(reason);
            return;
        }
    }
    let Some(parent) = dom.parent(heading) else {
        return;
    };
    let following = dom
        .children(parent)
        .skip_while(|&c| c != heading)
        .skip(1)
        .find(|&c| dom.tag(c).is_some() && features.is_kept(c));
    if let Some(next) = following {
        let is_box = matches!(
            dom.tag(next),
            Some(Tag::Ul | Tag::Ol | Tag::Div | Tag::Section)
        );
        // A list under a contents title is the contents, links or not (a
        // script may make its items clickable).
        let contents_list =
            reason == Cut::Contents && matches!(dom.tag(next), Some(Tag::Ul | Tag::Ol | Tag::Nav));
        if contents_list
            || is_box && (features.link_density(next) > 0.3 || features.controls[next] > 0)
        {
            cut[next] = Some(reason);
        }
    }
}
