//! The metadata pass: one walk over the page collecting the raw evidence
//! (meta tags, JSON-LD scripts, `<title>`, headings, byline and date
//! candidates, `<time>`, page-type counts) that `metadata::extract`
//! reconciles into fields.

use crate::cues::ClassCues;
use crate::dom::{AttrSet, Dom, Kind, Tag};
use crate::sink::Element;

use super::PageCounts;

/// Raw evidence gathered in one pass.
#[derive(Default)]
pub(super) struct Evidence<'a> {
    pub(super) html_lang: Option<&'a str>,
    pub(super) document_title: Option<String>,
    pub(super) metas: Vec<MetaEntry<'a>>,
    pub(super) canonical: Option<&'a str>,
    pub(super) image_src: Option<&'a str>,
    pub(super) json_ld: Vec<&'a str>,
    pub(super) h1s: Vec<String>,
    pub(super) headings: Vec<String>,
    pub(super) byline_candidates: Vec<String>,
    pub(super) time_published: Option<&'a str>,
    /// `<time datetime>` values in page order (the first plausible wins:
    /// an advert's countdown comes first on some pages).
    pub(super) times: Vec<&'a str>,
    /// Short visible texts of date-like elements, for written dates.
    pub(super) date_texts: Vec<String>,
    pub(super) counts: PageCounts,
}

pub(super) struct MetaEntry<'a> {
    /// Lower-cased name/property/itemprop/http-equiv, Dublin Core prefixes
    /// unified (`DC.title`, `dc:title`, `dcterms.title` → `dc:title`).
    pub(super) key: String,
    pub(super) content: &'a str,
    pub(super) from_property: bool,
}

fn normalize_meta_key(key: &str) -> String {
    let lower = key.trim().to_ascii_lowercase();
    for prefix in ["dcterms.", "dcterms:", "dcterm.", "dcterm:", "dc."] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return format!("dc:{rest}");
        }
    }
    lower
}

/// How many headings and byline candidates we keep.
const MAX_KEPT: usize = 16;

pub(super) fn collect<'a>(dom: &Dom<'a>, cues: &[ClassCues]) -> Evidence<'a> {
    let mut ev = Evidence::default();
    // End of the comment or review box we are inside: the names there are
    // commenters', not the author's.
    let mut comments_end = 0usize;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Kind::Element(el, tag, set) = node.kind else {
            continue;
        };
        let attrs = MicroAttrs::of(el, set);
        count(&mut ev.counts, attrs, tag, cues[i]);
        // Not when the "box" holds most of the page (WordPress puts slugs
        // like `category-product-reviews` on the `<article>` itself).
        let subtree = node.end as usize - i;
        if i >= comments_end
            && cues[i].has(ClassCues::COMMENTS)
            && !matches!(tag, Tag::Article | Tag::Main | Tag::Body | Tag::Html)
            && subtree * 2 < dom.nodes.len()
        {
            comments_end = node.end as usize;
        }
        let in_comments = i < comments_end;
        match tag {
            Tag::Html if ev.html_lang.is_none() => {
                ev.html_lang = el.attr("lang").or(el.attr("xml:lang"))
            }
            Tag::Title if ev.document_title.is_none() => {
                ev.document_title = Some(dom.collapsed_text(i)).filter(|t| !t.is_empty());
            }
            Tag::Meta => {
                // `property` (RDFa, Open Graph) beats `name` for the same key;
                // both may list several space-separated keys.
                let content = el.attr("content").map(str::trim).unwrap_or("");
                if !content.is_empty() && ev.metas.len() < 512 {
                    let sources = [
                        (el.attr("property"), true),
                        (el.attr("name"), false),
                        (el.attr("itemprop"), false),
                        (el.attr("http-equiv"), false),
                    ];
                    for (keys, from_property) in sources {
                        for key in keys.unwrap_or("").split_whitespace() {
                            ev.metas.push(MetaEntry {
                                key: normalize_meta_key(key),
                                content,
                                from_property,
                            });
                        }
                    }
                }
            }
            Tag::Link => {
                let rel = el.attr("rel").unwrap_or("");
                if ev.canonical.is_none()
                    && rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    ev.canonical = el.attr("href");
                }
                if ev.image_src.is_none()
                    && rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("image_src"))
                {
                    ev.image_src = el.attr("href");
                }
            }
            Tag::Script => {
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && let Some(child) = dom.children(i).next()
                    && let Kind::Text(text) = dom.nodes[child].kind
                {
                    ev.json_ld.push(text);
                }
            }
            Tag::H1 | Tag::H2 if ev.headings.len() < MAX_KEPT => {
                let text = dom.collapsed_text(i);
                if tag == Tag::H1 {
                    ev.h1s.push(text.clone());
                }
                ev.headings.push(text);
            }
            Tag::Time => {
                if let Some(datetime) = el.attr("datetime") {
                    let published = el
                        .attr("itemprop")
                        .is_some_and(|p| p.contains("datePublished"))
                        || el.attr("pubdate").is_some()
                        || el.attr("class").is_some_and(|c| c.contains("publish"));
                    if published && ev.time_published.is_none() {
                        ev.time_published = Some(datetime);
                    }
                    if ev.times.len() < MAX_KEPT {
                        ev.times.push(datetime);
                    }
                } else if !in_comments && ev.date_texts.len() < MAX_KEPT {
                    ev.date_texts.push(dom.collapsed_text(i));
                }
            }
            _ => {}
        }
        if !in_comments
            && ev.date_texts.len() < MAX_KEPT
            && cues[i].has(ClassCues::DATE)
            && let Some(text) = dom.short_collapsed_text(i, 120)
            && !text.is_empty()
        {
            ev.date_texts.push(text);
        }
        if !in_comments
            && ev.byline_candidates.len() < MAX_KEPT
            && is_byline_element(attrs, cues[i])
            && let Some(text) = dom.short_collapsed_text(i, 100)
            && !text.is_empty()
        {
            ev.byline_candidates.push(text);
        }
        if tag == Tag::Meta
            && el.attr("itemprop").is_some_and(|p| p == "datePublished")
            && ev.time_published.is_none()
        {
            ev.time_published = el.attr("content");
        }
    }
    ev
}

/// Page-type evidence: cheap tests on the tag and a few attributes.
/// The attributes the byline test and the page counts read, found in one
/// scan of the element's attributes (a lookup by name per attribute would
/// intern the name each time).
#[derive(Clone, Copy, Default)]
struct MicroAttrs<'a> {
    rel: Option<&'a str>,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
}

impl<'a> MicroAttrs<'a> {
    /// Reads the element only when `set` says it carries one of them.
    fn of(el: &'a Element, set: AttrSet) -> MicroAttrs<'a> {
        let mut found = MicroAttrs::default();
        if !set.has(AttrSet::REL | AttrSet::ITEMPROP | AttrSet::ITEMTYPE) {
            return found;
        }
        for (name, value) in el.attrs() {
            let slot = match name {
                "rel" => &mut found.rel,
                "itemprop" => &mut found.itemprop,
                "itemtype" => &mut found.itemtype,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        found
    }
}

fn count(counts: &mut PageCounts, el: MicroAttrs, tag: Tag, cues: ClassCues) {
    counts.elements += 1;
    match tag {
        Tag::Pre => counts.pre += 1,
        Tag::Code => counts.code += 1,
        Tag::Article => counts.articles += 1,
        Tag::Form => counts.forms += 1,
        Tag::Input | Tag::Textarea | Tag::Select => counts.fields += 1,
        Tag::H2 | Tag::H3 => counts.headings += 1,
        Tag::Li => counts.list_items += 1,
        Tag::Table => counts.tables += 1,
        _ => {}
    }
    if cues.has(ClassCues::COMMENTS) {
        counts.comment_boxes += 1;
    }
    if let Some(t) = el.itemtype {
        if t.contains("Product") || t.contains("Offer") {
            counts.product_microdata += 1;
        } else if t.contains("Comment") || t.contains("DiscussionForumPosting") {
            counts.post_microdata += 1;
        } else if t.contains("Answer") || t.contains("Question") || t.contains("QAPage") {
            counts.post_microdata += 1;
            counts.qa_microdata += 1;
        }
    }
    if let Some(p) = el.itemprop
        && (p == "price" || p == "priceCurrency")
    {
        counts.prices += 1;
    }
}

/// `rel=author`, `itemprop=author`, or a byline/author class (Readability's
/// byline test, plus the hCard `fn` inside an author box).
fn is_byline_element(el: MicroAttrs, cues: ClassCues) -> bool {
    if el.rel.is_some_and(|r| r.contains("author")) {
        return true;
    }
    if el.itemprop.is_some_and(|p| p.contains("author")) {
        return true;
    }
    cues.has(ClassCues::BYLINE) && !cues.has(ClassCues::AUTHOR_BIO)
}

impl<'a> Evidence<'a> {
    /// The first key (in the order given) the page declares; for one key,
    /// a `property` declaration beats a `name` one.
    pub(super) fn meta(&self, keys: &[&'static str]) -> Option<&'a str> {
        self.meta_keyed(keys).map(|(_, v)| v)
    }

    /// As `meta`, with the key that gave the value.
    pub(super) fn meta_keyed(&self, keys: &[&'static str]) -> Option<(&'static str, &'a str)> {
        keys.iter().find_map(|&k| {
            let mut matching = self.metas.iter().filter(|m| m.key == k);
            let first = matching.next()?;
            if first.from_property {
                return Some((k, first.content));
            }
            Some((
                k,
                matching.find(|m| m.from_property).unwrap_or(first).content,
            ))
        })
    }

    /// Every value of one key, in page order (`article:tag` repeats).
    pub(super) fn meta_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.metas
            .iter()
            .filter(move |m| m.key == key)
            .map(|m| m.content)
    }
}
