//! The synthetic pages both benches read: article paragraphs with
//! boilerplate boxes inside and around them, in graded sizes, generated
//! deterministically so every run measures the same bytes.
#![allow(dead_code)] // each bench uses part of this

/// Words for the synthetic article text.
pub const WORDS: &[&str] = &[
    "the",
    "council",
    "harbour",
    "voted",
    "on",
    "Tuesday",
    "to",
    "approve",
    "expansion",
    "of",
    "port",
    "after",
    "three",
    "years",
    "debate",
    "residents",
    "said",
    "they",
    "would",
    "keep",
    "pressing",
    "for",
    "noise",
    "limits",
    "and",
    "air",
    "monitors",
    "near",
    "rail",
    "yard",
    "work",
    "is",
    "expected",
    "start",
    "in",
    "spring",
    "according",
    "master",
    "who",
    "first",
    "berth",
    "open",
    "within",
    "eighteen",
    "months",
    "engineers",
    "moving",
    "water",
    "between",
    "reservoirs",
    "through",
    "network",
    "aqueducts",
    "farmers",
    "delayed",
    "planting",
    "fields",
    "a",
    "with",
    "which",
    "by",
    "from",
    "that",
    "was",
    "were",
    "had",
    "been",
    "their",
    "more",
    "than",
];

/// Deterministic pseudo-random numbers (an LCG), so every run benchmarks the
/// same bytes.
pub struct Lcg(u64);

impl Lcg {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// Appends one paragraph of 40 to 120 words, with commas and a link.
pub fn paragraph(out: &mut String, rng: &mut Lcg) {
    out.push_str("<p>");
    let words = 40 + rng.next(80);
    for i in 0..words {
        if i > 0 {
            out.push(if rng.next(9) == 0 { ',' } else { ' ' });
            if out.ends_with(',') {
                out.push(' ');
            }
        }
        let word = WORDS[rng.next(WORDS.len())];
        if i == words / 2 && rng.next(3) == 0 {
            out.push_str("<a href=\"/news/");
            out.push_str(word);
            out.push_str("\">");
            out.push_str(word);
            out.push_str("</a>");
        } else if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
    out.push_str(".</p>\n");
}

/// Boilerplate boxes of the kinds decant removes inside an article.
pub const INLINE_BOXES: &[&str] = &[
    "<aside class=\"related-inline\"><p>See also: <a href=\"/a\">Dredging contract sparks \
     questions over bidding process</a></p></aside>\n",
    "<div class=\"newsletter-signup\"><h3>Sign up for The Morning Brief</h3><form action=\"/s\">\
     <input type=\"email\" name=\"e\" placeholder=\"Email\"><button>Subscribe</button></form>\
     <p>By signing up you agree to our privacy notice.</p></div>\n",
    "<div class=\"share-bar\"><a href=\"https://facebook.example/share\">Facebook</a> \
     <a href=\"https://x.example/share\">X</a> <a href=\"mailto:?subject=x\">Email</a> \
     <button onclick=\"copy()\">Copy link</button></div>\n",
    "<div class=\"ad-slot\"><span>Advertisement</span><script>loadAd('slot-3')</script></div>\n",
];

/// A sidebar widget repeated beside the article.
pub const SIDEBAR_BOX: &str = "<section class=\"widget widget-recent-posts\"><h3>Recent Posts</h3><ul>\
    <li><a href=\"/1\">Oyster growers report strong spring set</a></li>\
    <li><a href=\"/2\">Eastgate tenants push for air monitors near rail yard</a></li>\
    <li><a href=\"/3\">Ferry schedule changes for the summer season</a></li>\
    <li><a href=\"/4\">Library branch reopens after renovation</a></li></ul></section>\n";

/// A news page of about `target` bytes: header and nav, one article of
/// paragraphs with subheadings and boilerplate boxes inside it, a sidebar,
/// comments and a footer.
pub fn synthetic_page(target: usize) -> String {
    let mut rng = Lcg(0x5eed ^ target as u64);
    let mut out = String::with_capacity(target + 4096);
    out.push_str(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Port expansion wins final approval | The Harbor Ledger</title>\
         <meta property=\"og:site_name\" content=\"The Harbor Ledger\">\
         <meta name=\"author\" content=\"Dana Whitfield\">\
         <meta property=\"article:published_time\" content=\"2024-05-02T09:20:00-07:00\">\
         <script>window.dataLayer = [];</script><style>body { margin: 0 }</style></head><body>\
         <div class=\"cookie-banner\">We use cookies to improve your experience. \
         <button>Accept</button> <a href=\"/privacy\">Manage preferences</a></div>\
         <header class=\"site-header\"><nav class=\"main-nav\"><ul><li><a href=\"/\">Home</a></li>\
         <li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li>\
         <li><a href=\"/opinion\">Opinion</a></li><li><a href=\"/obituaries\">Obituaries</a></li>\
         </ul></nav></header>\n<div class=\"layout\"><main><article class=\"post\">\
         <h1>Port expansion wins final approval</h1>\
         <p class=\"byline\">By <a rel=\"author\" href=\"/dana\">Dana Whitfield</a></p>\n",
    );
    let footer = "</article>\n<section class=\"comments\" id=\"comments\"><h2>Leave a Reply</h2>\
        <form action=\"/comment\"><textarea name=\"c\"></textarea><button>Post Comment</button>\
        </form></section></main>\n<aside class=\"sidebar\">";
    let end = "</aside></div>\n<footer class=\"site-footer\"><p>Copyright The Harbor Ledger. \
        All rights reserved.</p><a href=\"#top\">Back to top</a></footer></body></html>\n";
    // Leave room for the sidebar (one box per ~20 KB) and the end.
    let body_target = target.saturating_sub(footer.len() + end.len() + target / 20);
    let mut unit = 0usize;
    while out.len() < body_target {
        paragraph(&mut out, &mut rng);
        paragraph(&mut out, &mut rng);
        paragraph(&mut out, &mut rng);
        match unit % 4 {
            0 => out.push_str(INLINE_BOXES[(unit / 4) % INLINE_BOXES.len()]),
            2 => {
                out.push_str("<h2>");
                out.push_str(WORDS[rng.next(WORDS.len())]);
                out.push(' ');
                out.push_str(WORDS[rng.next(WORDS.len())]);
                out.push_str("</h2>\n");
            }
            _ => {}
        }
        unit += 1;
    }
    out.push_str(footer);
    while out.len() + end.len() < target {
        out.push_str(SIDEBAR_BOX);
    }
    out.push_str(end);
    out
}

/// A node-dense page of about `target` bytes: short sections of a heading,
/// one paragraph, a share bar and a two-item list, about 26,000 elements per
/// MB (five times `synthetic_page`'s), where the per-node costs (side tables,
/// the tree's memory) weigh most.
pub fn dense_page(target: usize) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(target + 512);
    out.push_str(
        "<html><head><title>Page | Site</title></head><body><nav><a href=/>Home</a> \
         <a href=/n>News</a></nav><article><h1>Page</h1>",
    );
    let mut section = 0usize;
    while out.len() < target {
        let _ = writeln!(
            out,
            "<h2>Section {section}</h2><p>The council voted on Tuesday to approve the expansion \
             of the port, ending a debate that had lasted three years, and clearing the way for \
             construction. <a href=\"/n/{section}\">more</a>, item {section}.</p>\
             <div class=\"share-bar\"><a href=\"/s\">Share</a></div>\
             <ul><li>one {section}</li><li>two</li></ul>"
        );
        section += 1;
    }
    out.push_str(
        "</article><aside class=\"sidebar\"><h3>Popular</h3><ul><li><a href=/a>A</a></li></ul>\
         </aside><footer>All rights reserved</footer></body></html>",
    );
    out
}

/// Strings from the synthetic page's boilerplate, none of which may reach
/// the article text (checked once per size, outside the timing).
pub const BOILERPLATE: &[&str] = &[
    "We use cookies",
    "See also",
    "Sign up for The Morning Brief",
    "Copy link",
    "Advertisement",
    "Leave a Reply",
    "Recent Posts",
    "All rights reserved",
];

/// The graded sizes: label and target bytes.
pub const SIZES: &[(&str, usize)] = &[
    ("10KB", 10_000),
    ("100KB", 100_000),
    ("1MB", 1_000_000),
    ("5MB", 5_000_000),
];

/// The parse floor: decode check, html5ever parse into scraper's tree, and
/// one walk over every text node.
pub fn parse_floor(bytes: &[u8]) -> usize {
    let html = std::str::from_utf8(bytes).expect("synthetic pages are UTF-8");
    let document = scraper::Html::parse_document(html);
    document
        .tree
        .nodes()
        .filter_map(|node| node.value().as_text().map(|text| text.len()))
        .sum()
}
