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
        if !in_comments && ev.date_texts.len() < MAX_KEPT && is_date_element(el) {
            let text = dom.collapsed_text(i);
            if !text.is_empty() && text.chars().count() < 120 {
                ev.date_texts.push(text);
            }
        }
        if !in_comments && ev.byline_candidates.len() < MAX_KEPT && is_byline_element(el, cues[i]) {
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
fn is_date_element(el: &scraper::node::Element) -> bool {
    let names = |attr| {
        el.attr(attr).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            ["date", "datum", "fecha", "publi", "posted"]
                .iter()
                .any(|word| v.contains(word))
        })
    };
    names("class") || names("id")
}

/// `rel=author`, `itemprop=author`, or a byline/author class (Readability's
/// byline test, plus the hCard `fn` inside an author box).
fn is_byline_element(el: &scraper::node::Element, cues: ClassCues) -> bool {
    if el.attr("rel").is_some_and(|r| r.contains("author")) {
        return true;
    }
    if el.attr("itemprop").is_some_and(|p| p.contains("author")) {
        return true;
    }
    cues.has(ClassCues::BYLINE) && !cues.has(ClassCues::AUTHOR_BIO)
}

impl<'a> Evidence<'a> {
    /// The first key (in the order given) the page declares; for one key,
    /// a `property` declaration beats a `name` one.
    fn meta(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|k| {
            let mut matching = self.metas.iter().filter(|m| m.key == *k);
            let first = matching.next()?;
            if first.from_property {
                return Some(first.content);
            }
            Some(matching.find(|m| m.from_property).unwrap_or(first).content)
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

    let site_name = ev
        .meta(&["og:site_name"])
        .map(str::to_owned)
        .or_else(|| ld.publisher.clone())
        .or_else(|| ld.website_name.clone())
        .or_else(|| ev.meta(&["application-name"]).map(str::to_owned))
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty());

    let host_label = page_url.and_then(host_label);
    let title = pick_title(&ev, &ld, site_name.as_deref(), host_label.as_deref());

    let byline = (!ld.authors.is_empty())
        .then(|| byline::clean(&ld.authors.join(", ")))
        .flatten()
        .or_else(|| {
            ev.meta(&[
                "dc:creator",
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
            ])
            .filter(|v| !v.contains("://"))
            .and_then(byline::clean)
        })
        .or_else(|| ev.byline_candidates.iter().find_map(|c| byline::clean(c)));

    let date_sources = [
        ld.date_published.as_deref(),
        ev.meta(&[
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
        ]),
        ev.time_published,
    ];
    let date = date_sources
        .iter()
        .flatten()
        .chain(ev.times.iter())
        .find_map(|raw| date::parse_iso(raw))
        .or_else(|| page_url.and_then(|u| date::from_url(u.as_str())))
        .or_else(|| ev.date_texts.iter().find_map(|t| date::parse_text(t)))
        .map(|d| d.to_iso());
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
        .or_else(|| ev.meta(&["content-language", "dc:language", "language"]))
        .or(ld.in_language.as_deref())
        .or_else(|| ev.meta(&["og:locale"]))
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| is_language_tag(l));

    // The article object's own description first (it describes this page,
    // where `og:` is often a teaser), then the declared summaries; the
    // extractor falls back on the article's lead paragraph.
    let description = ld
        .description
        .clone()
        .or_else(|| {
            ev.meta(&[
                "dc:description",
                "og:description",
                "description",
                "twitter:description",
            ])
            .map(str::to_owned)
        })
        .map(|d| collapse(&decode_entities(&d)))
        .filter(|d| !d.is_empty());

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
    }
}

fn pick_title(
    ev: &Evidence,
    ld: &JsonLd,
    site_name: Option<&str>,
    host_label: Option<&str>,
) -> Option<String> {
    let document_title = ev.document_title.as_deref();
    // JSON-LD gives both `name` and `headline` on many sites; prefer the one
    // closer to the document title (Readability does the same).
    // An article object's `name` that is the site's name is no headline.
    let site_key = site_name.map(title::site_key);
    let ld_name = ld
        .name
        .as_ref()
        .filter(|n| site_key.is_none() || Some(title::site_key(n)) != site_key);
    let ld_title = match (&ld.headline, ld_name) {
        (Some(h), Some(n)) if h != n => {
            let doc = document_title.unwrap_or("");
            if similarity(n, doc) > similarity(h, doc) {
                Some(n.clone())
            } else {
                Some(h.clone())
            }
        }
        (Some(h), _) => Some(h.clone()),
        (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    let declared = ld_title.or_else(|| {
        ev.meta(&[
            "dc:title",
            "og:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
        .map(str::to_owned)
    });
    let title = match declared {
        Some(t) => {
            let t = collapse(&decode_entities(&t));
            title::heading_in_title(&t, &ev.headings).unwrap_or(t)
        }
        None => {
            title::clean_document_title(&decode_entities(document_title?), &ev.headings, &ev.h1s)
        }
    };
    let title = title::strip_site_name(&title, site_name, host_label);
    let title = title::strip_short_tail(&title);
    (!title.is_empty()).then_some(title)
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
pub(crate) fn detect_lang(text: &str) -> Option<String> {
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
pub(crate) fn first_image(
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

/// The article's first paragraph with text, whitespace collapsed: the
/// description when the page declares none (Readability's excerpt rule).
/// `kept` says which nodes the extraction kept.
pub(crate) fn lead_paragraph(
    dom: &Dom,
    roots: &[usize],
    kept: impl Fn(usize) -> bool,
) -> Option<String> {
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
