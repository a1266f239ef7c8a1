//! Fields the page did not declare, read from the extracted article: the
//! language of its text, its lead paragraph as the description, its first
//! image as the lead image.

use url::Url;

use crate::dom::{Dom, Kind, Tag};
use crate::render::{text::TextRenderer, walk};

use super::{Metadata, Source, collapse, resolve};

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

/// The first kept node of the article, in document order, for which
/// `found` gives a value; cut subtrees are skipped whole.
fn first_kept<T>(
    dom: &Dom,
    roots: &[usize],
    kept: impl Fn(usize) -> bool,
    mut found: impl FnMut(usize) -> Option<T>,
) -> Option<T> {
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let mut i = root;
        while i < end {
            if !kept(i) {
                i = (dom.nodes[i].end as usize).max(i + 1);
                continue;
            }
            if let Some(value) = found(i) {
                return Some(value);
            }
            i += 1;
        }
    }
    None
}

/// The article's first paragraph with text, whitespace collapsed: the
/// description when the page declares none (Readability's excerpt rule).
/// `kept` says which nodes the extraction kept.
fn lead_paragraph(
    dom: &Dom,
    roots: &[usize],
    kept: impl Fn(usize) -> bool + Copy,
) -> Option<String> {
    first_kept(dom, roots, kept, |i| {
        if dom.tag(i) != Some(Tag::P) {
            return None;
        }
        // Rendered through the same filter as the article, so text cut
        // from inside the paragraph stays out.
        let mut renderer = TextRenderer::new(256);
        walk(dom, &[i], |j| !kept(j), &mut renderer);
        Some(collapse(&renderer.finish())).filter(|text| !text.is_empty())
    })
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
    first_kept(dom, roots, kept, |i| {
        let Kind::Element(el, Tag::Img, _) = dom.nodes[i].kind else {
            return None;
        };
        ["src", "data-src", "data-lazy-src"]
            .iter()
            .filter_map(|a| el.attr(a))
            .find_map(|raw| resolve(raw, page_url))
    })
}
