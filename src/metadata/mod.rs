//! Metadata read from the DOM beside the body pipeline: title, byline,
//! dates, site name, language, description, canonical URL.
//!
//! One pass collects the raw evidence (meta tags, JSON-LD, `<title>`,
//! headings, bylines, `<time>`); small functions then reconcile it, each
//! field `None` when the evidence is not there.

mod byline;
mod date;
mod jsonld;
mod title;

use std::borrow::Cow;

use url::Url;

use crate::cues::ClassCues;
use crate::dom::{Dom, Kind, Tag};
use crate::render::{text::TextRenderer, walk};
pub(crate) use date::parse_iso;
use jsonld::JsonLd;

/// The metadata of one page.
#[derive(Debug, Default, Clone)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub tags: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
    /// Where each field came from, for explanations.
    pub sources: Sources,
    /// Counts of telling elements over the whole page (page-type evidence).
    pub counts: PageCounts,
    /// The JSON-LD `@type`s on the page, lower case.
    pub ld_types: Vec<String>,
}

/// Where the metadata fields came from (`"JSON-LD headline"`, `"meta og:title"`,
/// `"<title>"`, `"<h1>"`, `"visible text"`, ...). Static labels: no cost.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Sources {
    pub title: Option<Source>,
    pub byline: Option<Source>,
    pub date: Option<Source>,
    pub site_name: Option<Source>,
    pub description: Option<Source>,
    pub lang: Option<Source>,
}

/// Counts gathered in the metadata pass, over every element of the page.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PageCounts {
    pub pre: u32,
    pub code: u32,
    pub articles: u32,
    pub forms: u32,
    pub fields: u32,
    pub comment_boxes: u32,
    pub headings: u32,
    pub list_items: u32,
    pub tables: u32,
    pub product_microdata: u32,
    pub post_microdata: u32,
    pub prices: u32,
    pub elements: u32,
}

/// Raw evidence gathered in one pass.
#[derive(Default)]
struct Evidence<'a> {
    html_lang: Option<&'a str>,
    document_title: Option<String>,
    metas: Vec<MetaEntry<'a>>,
    canonical: Option<&'a str>,
    image_src: Option<&'a str>,
    json_ld: Vec<&'a str>,
    h1s: Vec<String>,
    headings: Vec<String>,
    byline_candidates: Vec<String>,
    time_published: Option<&'a str>,
    /// `<time datetime>` values in page order (the first plausible wins:
    /// an advert's countdown comes first on some pages).
    times: Vec<&'a str>,
    /// Short visible texts of date-like elements, for written dates.
    date_texts: Vec<String>,
    counts: PageCounts,
}

struct MetaEntry<'a> {
    /// Lower-cased name/property/itemprop/http-equiv, Dublin Core prefixes
    /// unified (`DC.title`, `dc:title`, `dcterms.title` → `dc:title`).
    key: String,
    content: &'a str,
    from_property: bool,
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

fn collect<'a>(dom: &Dom<'a>, cues: &[ClassCues]) -> Evidence<'a> {
    let mut ev = Evidence::default();
    // End of the comment or review box we are inside: the names there are
    // commenters', not the author's.
    let mut comments_end = 0usize;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Kind::Element(el, tag) = node.kind else {
            continue;
        };
        let attrs = MicroAttrs::of(el);
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
        if !in_comments && ev.date_texts.len() < MAX_KEPT && is_date_element(attrs) {
            let text = dom.collapsed_text(i);
            if !text.is_empty() && text.chars().count() < 120 {
                ev.date_texts.push(text);
            }
        }
        if !in_comments
            && ev.byline_candidates.len() < MAX_KEPT
            && is_byline_element(attrs, cues[i])
        {
            let text = dom.collapsed_text(i);
            if !text.is_empty() && text.chars().count() < 100 {
                ev.byline_candidates.push(text);
            }
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

/// An element whose class or id names a date ("post-date", "published",
/// "dateline", German/Dutch "datum", Spanish "fecha", "publié",
/// "pubblicato"): its text may hold a written date.
fn is_date_element(attrs: MicroAttrs) -> bool {
    [attrs.class, attrs.id].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        ["date", "datum", "fecha", "publi", "posted"]
            .iter()
            .any(|word| v.contains(word))
    })
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
    class: Option<&'a str>,
    id: Option<&'a str>,
}

impl<'a> MicroAttrs<'a> {
    fn of(el: &'a scraper::node::Element) -> MicroAttrs<'a> {
        let mut found = MicroAttrs::default();
        for (name, value) in el.attrs() {
            let slot = match name {
                "rel" => &mut found.rel,
                "itemprop" => &mut found.itemprop,
                "itemtype" => &mut found.itemtype,
                "class" => &mut found.class,
                "id" => &mut found.id,
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
        } else if t.contains("Comment")
            || t.contains("DiscussionForumPosting")
            || t.contains("Answer")
            || t.contains("Question")
        {
            counts.post_microdata += 1;
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
    fn meta(&self, keys: &[&'static str]) -> Option<&'a str> {
        self.meta_keyed(keys).map(|(_, v)| v)
    }

    /// As `meta`, with the key that gave the value.
    fn meta_keyed(&self, keys: &[&'static str]) -> Option<(&'static str, &'a str)> {
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
    fn meta_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.metas
            .iter()
            .filter(move |m| m.key == key)
            .map(|m| m.content)
    }
}

pub(crate) fn extract(dom: &Dom, cues: &[ClassCues], page_url: Option<&Url>) -> Metadata {
    let ev = collect(dom, cues);
    let ld = JsonLd::from_scripts(ev.json_ld.iter().copied());
    let mut sources = Sources::default();

    let site_name = ev
        .meta_keyed(&["og:site_name"])
        .map(|(k, v)| (Source::meta(k), v.to_owned()))
        .or_else(|| {
            ld.publisher
                .clone()
                .map(|v| (Source::new("JSON-LD", "publisher"), v))
        })
        .or_else(|| {
            ld.website_name
                .clone()
                .map(|v| (Source::new("JSON-LD", "WebSite name"), v))
        })
        .or_else(|| {
            ev.meta_keyed(&["application-name"])
                .map(|(k, v)| (Source::meta(k), v.to_owned()))
        })
        .map(|(from, s)| (from, collapse(&s)))
        .filter(|(_, s)| !s.is_empty())
        .map(|(from, s)| {
            sources.site_name = Some(from);
            s
        });

    let host_label = page_url.and_then(host_label);
    let (title, title_source) = pick_title(&ev, &ld, site_name.as_deref(), host_label.as_deref());
    sources.title = title_source.filter(|_| title.is_some());

    let byline = if ld.authors.is_empty() {
        None
    } else {
        byline::clean(&ld.authors.join(", ")).map(|b| (Source::new("JSON-LD", "author"), b))
    }
    .or_else(|| {
        ev.meta_keyed(&[
            "dc:creator",
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|(_, v)| !v.contains("://"))
        .and_then(|(k, v)| byline::clean(v).map(|b| (Source::meta(k), b)))
    })
    .or_else(|| {
        ev.byline_candidates
            .iter()
            .find_map(|c| byline::clean(c))
            .map(|b| (Source::new("visible text", "byline element"), b))
    })
    .map(|(from, b)| {
        sources.byline = Some(from);
        b
    });

    let date_meta = ev.meta_keyed(&[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "article.published",
        "published-date",
        "publish-date",
        "publishdate",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc:date.issued",
        "dc:date",
        "dc:created",
        "date",
        "citation_publication_date",
    ]);
    let date_sources = [
        (
            ld.date_published.as_deref(),
            Source::new("JSON-LD", "datePublished"),
        ),
        (
            date_meta.map(|(_, v)| v),
            Source::meta(date_meta.map_or("", |(k, _)| k)),
        ),
        (
            ev.time_published,
            Source::new("visible text", "<time> published"),
        ),
    ];
    // Then the first plausible `<time datetime>`, the URL, and written dates
    // in date-like elements.
    let times = ev
        .times
        .iter()
        .map(|t| (Some(*t), Source::new("visible text", "<time datetime>")));
    let date = date_sources
        .into_iter()
        .chain(times)
        .find_map(|(raw, from)| raw.and_then(date::parse_iso).map(|d| (from, d)))
        .or_else(|| {
            page_url
                .and_then(|u| date::from_url(u.as_str()))
                .map(|d| (Source::new("URL", "path"), d))
        })
        .or_else(|| {
            ev.date_texts
                .iter()
                .find_map(|t| date::parse_text(t))
                .map(|d| (Source::new("visible text", "written date"), d))
        })
        .map(|(from, d)| {
            sources.date = Some(from);
            d.to_iso()
        });
    let modified = [
        ld.date_modified.as_deref(),
        ev.meta(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dc:modified",
        ]),
    ]
    .iter()
    .flatten()
    .find_map(|raw| date::parse_iso(raw))
    .map(|d| d.to_iso());

    let lang = ev
        .html_lang
        .map(|l| (Source::new("markup", "<html lang>"), l))
        .or_else(|| {
            ev.meta_keyed(&["content-language", "dc:language", "language"])
                .map(|(k, v)| (Source::meta(k), v))
        })
        .or_else(|| {
            ld.in_language
                .as_deref()
                .map(|l| (Source::new("JSON-LD", "inLanguage"), l))
        })
        .or_else(|| {
            ev.meta_keyed(&["og:locale"])
                .map(|(k, v)| (Source::meta(k), v))
        })
        .map(|(from, l)| (from, l.trim().replace('_', "-")))
        .filter(|(_, l)| is_language_tag(l))
        .map(|(from, l)| {
            sources.lang = Some(from);
            l
        });

    // The article object's own description first (it describes this page,
    // where `og:` is often a teaser), then the declared summaries; the
    // extractor falls back on the article's lead paragraph.
    let description = ld
        .description
        .clone()
        .map(|d| (Source::new("JSON-LD", "description"), d))
        .or_else(|| {
            ev.meta_keyed(&[
                "dc:description",
                "og:description",
                "description",
                "twitter:description",
            ])
            .map(|(k, v)| (Source::meta(k), v.to_owned()))
        })
        .map(|(from, d)| (from, collapse(&decode_entities(&d))))
        .filter(|(_, d)| !d.is_empty())
        .map(|(from, d)| {
            sources.description = Some(from);
            d
        });

    let url = ev
        .canonical
        .or_else(|| ev.meta(&["og:url"]))
        .and_then(|raw| resolve(raw, page_url))
        .or_else(|| page_url.map(|u| u.to_string()));

    let image = [
        ev.meta(&["og:image", "og:image:url", "og:image:secure_url"]),
        ev.meta(&["twitter:image", "twitter:image:src"]),
        ld.image.as_deref(),
        ev.image_src,
    ]
    .into_iter()
    .flatten()
    .find_map(|raw| resolve(&decode_entities(raw), page_url));

    // The first source that declares any: one page's tags, not a merge of
    // every keyword list it carries.
    let tags = [
        ev.meta_all("article:tag").map(str::to_owned).collect(),
        ld.keywords.clone(),
        split_list(ev.meta(&["news_keywords"])),
        split_list(ev.meta(&["keywords"])),
    ]
    .into_iter()
    .map(tidy_list)
    .find(|list| !list.is_empty());
    let categories = [
        ev.meta_all("article:section").map(str::to_owned).collect(),
        ld.sections.clone(),
    ]
    .into_iter()
    .map(tidy_list)
    .find(|list| !list.is_empty());

    Metadata {
        title,
        byline,
        date,
        modified,
        site_name,
        lang,
        description,
        url,
        image,
        tags,
        categories,
        sources,
        counts: ev.counts,
        ld_types: ld.types,
    }
}

/// Where one metadata field came from: a kind (`JSON-LD`, `meta`,
/// `<title>`, `visible text`, ...) and the key or element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Source {
    pub from: &'static str,
    pub key: &'static str,
}

impl Source {
    const fn new(from: &'static str, key: &'static str) -> Source {
        Source { from, key }
    }

    const fn meta(key: &'static str) -> Source {
        Source { from: "meta", key }
    }
}

fn pick_title(
    ev: &Evidence,
    ld: &JsonLd,
    site_name: Option<&str>,
    host_label: Option<&str>,
) -> (Option<String>, Option<Source>) {
    let document_title = ev.document_title.as_deref();
    // JSON-LD gives both `name` and `headline` on many sites; prefer the one
    // closer to the document title (Readability does the same).
    // An article object's `name` that is the site's name is no headline.
    let site_key = site_name.map(title::site_key);
    let ld_name = ld
        .name
        .as_ref()
        .filter(|n| site_key.is_none() || Some(title::site_key(n)) != site_key);
    let headline = Source::new("JSON-LD", "headline");
    let name = Source::new("JSON-LD", "name");
    let ld_title = match (&ld.headline, ld_name) {
        (Some(h), Some(n)) if h != n => {
            let doc = document_title.unwrap_or("");
            if similarity(n, doc) > similarity(h, doc) {
                Some((name, n.clone()))
            } else {
                Some((headline, h.clone()))
            }
        }
        (Some(h), _) => Some((headline, h.clone())),
        (None, Some(n)) => Some((name, n.clone())),
        (None, None) => None,
    };
    let declared = ld_title.or_else(|| {
        ev.meta_keyed(&[
            "dc:title",
            "og:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
        .map(|(k, v)| (Source::meta(k), v.to_owned()))
    });
    let (title, source) = match declared {
        Some((from, t)) => {
            let t = collapse(&decode_entities(&t));
            match title::heading_in_title(&t, &ev.headings) {
                Some(heading) => (
                    heading,
                    Source::new("<h1>/<h2>", "heading inside the declared title"),
                ),
                None => (t, from),
            }
        }
        None => {
            let Some(document_title) = document_title else {
                return (None, None);
            };
            (
                title::clean_document_title(
                    &decode_entities(document_title),
                    &ev.headings,
                    &ev.h1s,
                ),
                Source::new("<title>", "cleaned against the headings"),
            )
        }
    };
    let title = title::strip_site_name(&title, site_name, host_label);
    let title = title::strip_short_tail(&title);
    if title.is_empty() {
        (None, None)
    } else {
        (Some(title), Some(source))
    }
}

/// Decodes character references left in text that was escaped twice
/// (`&amp;#038;` in the source gives `&#038;` after parsing): numeric ones
/// and the named ones that show up in titles.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                // As browsers do: NUL and numbers that are no character
                // become U+FFFD.
                code.map(|c| {
                    char::from_u32(c)
                        .filter(|ch| *ch != '\0')
                        .unwrap_or(char::REPLACEMENT_CHARACTER)
                })
            } else {
                named_entity(name)
            };
            ch.map(|c| (c, end))
        });
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "middot" => '·',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

/// Share of `a`'s words found in `b` (case-insensitive).
fn similarity(a: &str, b: &str) -> f32 {
    let b_lower = b.to_lowercase();
    let b_words: Vec<&str> = b_lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let a_lower = a.to_lowercase();
    let a_words: Vec<&str> = a_lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if a_words.is_empty() {
        return 0.0;
    }
    let found = a_words.iter().filter(|w| b_words.contains(w)).count();
    found as f32 / a_words.len() as f32
}

/// The host's name without subdomain and suffix (`www.ifixit.com` →
/// `ifixit`), to recognise a site name in a title.
fn host_label(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    // Skip a second-level public suffix such as co.uk or com.au.
    let n = labels.len();
    let label = match n {
        0 => return None,
        1 => labels[0],
        _ if n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2 => labels[n - 3],
        _ => labels[n - 2],
    };
    Some(label.to_ascii_lowercase())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_list(value: Option<&str>) -> Vec<String> {
    value
        .map(|v| v.split([',', ';']).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Most tags a page gets (keyword lists can be spam-long).
const MAX_TAGS: usize = 32;

/// Trimmed, entity-decoded, de-duplicated (case-insensitively), bounded.
fn tidy_list(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = collapse(&decode_entities(&item));
        let placeholder = ["nil", "null", "none", "undefined", "uncategorized"]
            .iter()
            .any(|p| item.eq_ignore_ascii_case(p));
        if item.is_empty() || placeholder || item.chars().count() > 100 {
            continue;
        }
        if !out
            .iter()
            .any(|seen| seen.to_lowercase() == item.to_lowercase())
        {
            out.push(item);
        }
        if out.len() == MAX_TAGS {
            break;
        }
    }
    out
}

/// The language of the article text, as an ISO 639-1 code, when
/// `whatlang` is confident (markup gave none).
fn detect_lang(text: &str) -> Option<String> {
    // A couple of thousand characters decide as well as the whole text.
    let sample_end = text
        .char_indices()
        .nth(3000)
        .map_or(text.len(), |(at, _)| at);
    let sample = &text[..sample_end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 80 {
        return None;
    }
    let info = whatlang::detect(sample).filter(whatlang::Info::is_reliable)?;
    iso_639_1(info.lang().code()).map(str::to_owned)
}

/// whatlang's ISO 639-3 codes as the two-letter codes pages use.
fn iso_639_1(code: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

/// The article's first image with a usable address, absolute: the lead
/// image when the page declares none.
fn first_image(
    dom: &Dom,
    roots: &[usize],
    kept: impl Fn(usize) -> bool,
    page_url: Option<&Url>,
) -> Option<String> {
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let mut i = root;
        while i < end {
            if !kept(i) {
                i = dom.nodes[i].end as usize;
                continue;
            }
            if let Kind::Element(el, Tag::Img) = dom.nodes[i].kind
                && let Some(url) = ["src", "data-src", "data-lazy-src"]
                    .iter()
                    .filter_map(|a| el.attr(a))
                    .find_map(|raw| resolve(raw, page_url))
            {
                return Some(url);
            }
            i += 1;
        }
    }
    None
}

fn resolve(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim();
    let url = match base {
        Some(base) => base.join(raw).ok()?,
        None => Url::parse(raw).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.into())
}

/// A plausible BCP 47 tag: letters, digits and hyphens, primary subtag of
/// two or three letters.
fn is_language_tag(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Fills what the page did not declare from the extracted article: the
/// language of its text, its lead paragraph as the description, its first
/// image as the lead image. `kept` says which nodes the extraction kept.
pub(crate) fn fill_from_article(
    meta: &mut Metadata,
    dom: &Dom,
    roots: &[usize],
    kept: impl Fn(usize) -> bool + Copy,
    text: &str,
    page_url: Option<&Url>,
) {
    if meta.lang.is_none() {
        meta.lang = detect_lang(text);
        if meta.lang.is_some() {
            meta.sources.lang = Some(Source::new("article text", "language detected"));
        }
    }
    if meta.description.is_none() {
        meta.description = lead_paragraph(dom, roots, kept);
        if meta.description.is_some() {
            meta.sources.description = Some(Source::new("article text", "lead paragraph"));
        }
    }
    if meta.image.is_none() {
        meta.image = first_image(dom, roots, kept, page_url);
    }
}

/// The article's first paragraph with text, whitespace collapsed: the
/// description when the page declares none (Readability's excerpt rule).
/// `kept` says which nodes the extraction kept.
fn lead_paragraph(dom: &Dom, roots: &[usize], kept: impl Fn(usize) -> bool) -> Option<String> {
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let mut i = root;
        while i < end {
            if !kept(i) {
                i = dom.nodes[i].end as usize;
                continue;
            }
            if dom.tag(i) == Some(Tag::P) {
                // Rendered through the same filter as the article, so text
                // cut from inside the paragraph stays out.
                let mut renderer = TextRenderer::new(256);
                walk(dom, &[i], |j| !kept(j), &mut renderer);
                let text = collapse(&renderer.finish());
                if !text.is_empty() {
                    return Some(text);
                }
            }
            i += 1;
        }
    }
    None
}
