//! Metadata read from the DOM beside the body pipeline: title, byline,
//! dates, site name, language, description, canonical URL, image, tags.
//!
//! `evidence.rs` collects the raw evidence in one pass (meta tags, JSON-LD,
//! `<title>`, headings, bylines, `<time>`); this module reconciles it field
//! by field (`title.rs`, `byline.rs`, `date.rs`, `jsonld.rs` hold the
//! parsers), each field `None` when the evidence is not there;
//! `from_article.rs` fills what the page left undeclared from the extracted
//! article.

mod byline;
mod date;
mod evidence;
mod from_article;
mod jsonld;
mod title;

use std::borrow::Cow;

use url::Url;

use crate::cues::ClassCues;
use crate::dom::Dom;
pub(crate) use date::parse_iso;
use evidence::{Evidence, collect};
pub(crate) use from_article::fill_from_article;
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
    /// Of which typed as a Q&A page, question or answer.
    pub qa_microdata: u32,
    pub prices: u32,
    pub elements: u32,
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
            "cxenseparse:author",
        ])
        .or_else(|| written_by_label(&ev).map(|v| ("twitter:data", v)))
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
        "published",
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
        // Declared dates are ISO 8601 as a rule; some pages write them out
        // ("July 17, 2025", `datetime="on Friday December 19, 2025"`).
        .find_map(|(raw, from)| {
            raw.and_then(|raw| date::parse_iso(raw).or_else(|| date::parse_text(raw)))
                .map(|d| (from, d))
        })
        .or_else(|| {
            page_url
                .and_then(|u| date::from_url(u.as_str()))
                .map(|d| (Source::new("URL", "path"), d))
        })
        .or_else(|| {
            ev.date_texts
                .iter()
                .find_map(|t| date::parse_iso(t.trim()).or_else(|| date::parse_text(t)))
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

/// Labels of the author in a page's Twitter card data (`twitter:label1`
/// "Written by", with the name in `twitter:data1`: Yoast SEO writes it),
/// lower case.
const WRITTEN_BY_LABELS: &[&str] = &[
    "written by",
    "author",
    "geschrieben von",
    "verfasst von",
    "autor",
    "écrit par",
    "auteur",
    "escrito por",
    "scritto da",
    "autore",
    "geschreven door",
    "napisane przez",
];

/// The value of the Twitter card data field labelled as the author.
fn written_by_label<'a>(ev: &Evidence<'a>) -> Option<&'a str> {
    let label = ev.metas.iter().find(|m| {
        m.key.starts_with("twitter:label")
            && WRITTEN_BY_LABELS.contains(&m.content.trim().to_lowercase().as_str())
    })?;
    let index = &label.key["twitter:label".len()..];
    ev.metas
        .iter()
        .find(|m| m.key.strip_prefix("twitter:data") == Some(index))
        .map(|m| m.content)
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
