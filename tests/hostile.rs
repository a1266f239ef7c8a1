//! Hostile input, generated at test time: deep nesting, huge attribute
//! lists and text nodes, bad bytes, gzip bombs, XSS vectors, random token
//! soup. Every case must give an article, an empty result or one clear
//! error — never a panic — and the HTML output must stay inert.
//!
//! Times are not asserted (machines differ); the CLI cases run under a
//! generous watchdog so a runaway shows up as a failure, not a hang.

use std::io::Write;
use std::time::Duration;

use assert_cmd::Command;
use decant::{Article, Error, Extractor, Markdown, Options};
use proptest::prelude::*;
use serde_json::Value;

fn extractor() -> Extractor {
    Extractor::new(
        Options::default()
            .markdown(Markdown::WithTitle)
            .comments(true),
    )
}

fn extract_bytes(bytes: &[u8], content_type: Option<&str>) -> Result<Article, Error> {
    extractor().extract_bytes(bytes, Some("https://hostile.example/a/b"), content_type)
}

/// Elements and attributes the HTML output may contain.
const ALLOWED_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "pre",
    "code",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "em",
    "strong",
    "del",
    "sub",
    "sup",
    "mark",
    "q",
    "abbr",
    "time",
    "a",
    "details",
    "summary",
];
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "colspan", "rowspan", "start", "class", "datetime",
];

/// The safety property of the HTML output, checked by parsing it back.
fn assert_inert_html(html: &str) {
    let fragment = scraper::Html::parse_fragment(html);
    for node in fragment.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        assert!(
            ALLOWED_ELEMENTS.contains(&element.name()),
            "element <{}> in {html}",
            element.name()
        );
        for (name, value) in element.attrs() {
            assert!(
                ALLOWED_ATTRIBUTES.contains(&name),
                "attribute {name} in {html}"
            );
            if name == "href" || name == "src" {
                let lower = value.trim().to_ascii_lowercase();
                assert!(
                    lower.starts_with("https://")
                        || lower.starts_with("http://")
                        || lower.starts_with("mailto:"),
                    "unsafe URL {value:?} in {html}"
                );
            }
            if name == "class" {
                assert!(value.starts_with("language-"), "class {value:?}");
            }
        }
    }
}

/// Markdown must not carry raw HTML or unsafe link targets.
fn assert_inert_markdown(markdown: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::all()) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => panic!("raw HTML {raw:?} in {markdown}"),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let lower = dest_url.to_ascii_lowercase();
                assert!(
                    lower.starts_with("https://")
                        || lower.starts_with("http://")
                        || lower.starts_with("mailto:"),
                    "unsafe link {dest_url:?}"
                );
            }
            _ => {}
        }
    }
}

fn check(article: &Article) {
    assert_inert_html(&article.html);
    if let Some(markdown) = &article.markdown {
        assert_inert_markdown(markdown);
    }
}

const PARAGRAPH: &str = "The council voted on Tuesday to approve the expansion of the port, \
    ending a debate that had lasted three years, and clearing the way for construction.";

/// The article paragraph wrapped in `depth` levels of `open` … `close`:
/// it must come out whole, and the output stay inert.
fn nested(open: &str, close: &str, depth: usize) -> Article {
    let page = format!(
        "<html><body>{}<p>{PARAGRAPH}</p>{}</body></html>",
        open.repeat(depth),
        close.repeat(depth)
    );
    let article = extract_bytes(page.as_bytes(), None).unwrap();
    assert!(
        article.text.contains("voted on Tuesday"),
        "{}",
        article.text
    );
    check(&article);
    article
}

#[test]
fn two_hundred_thousand_nested_divs() {
    let article = nested("<div>", "</div>", 200_000);
    assert!(article.warnings.iter().any(|w| w.contains("nested deeper")));
}

#[test]
fn fifty_thousand_nested_inline_tags() {
    nested("<b><i>", "</i></b>", 25_000);
}

#[test]
fn twenty_thousand_nested_tables() {
    nested("<table><tr><td>", "</td></tr></table>", 20_000);
}

#[test]
fn two_hundred_thousand_attributes() {
    let attributes: String = (0..200_000)
        .map(|i| format!(" data-a{i}=\"{i}\""))
        .collect();
    let page =
        format!("<html><body><article{attributes}><p>{PARAGRAPH}</p></article></body></html>");
    let article = extract_bytes(page.as_bytes(), None).unwrap();
    assert!(article.text.contains("voted on Tuesday"));
    assert!(article.warnings.iter().any(|w| w.contains("attributes")));
    check(&article);
}

#[test]
fn forty_megabyte_text_node_without_spaces() {
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        "x".repeat(40_000_000)
    );
    let article = extract_bytes(page.as_bytes(), None).unwrap();
    assert_eq!(article.text.len(), 40_000_000);
    check(&article);
}

#[test]
fn bad_bytes_never_break_extraction() {
    let mut garbage = Vec::with_capacity(1 << 20);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..(1 << 20) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        garbage.push(state as u8);
    }
    let utf16 = |bom: [u8; 2], unit_bytes: fn(u16) -> [u8; 2]| -> Vec<u8> {
        let page = format!("<html><body><p>{PARAGRAPH} Grüße.</p></body></html>");
        std::iter::once(bom)
            .chain(page.encode_utf16().map(unit_bytes))
            .flatten()
            .collect()
    };
    let utf16le = utf16([0xFF, 0xFE], u16::to_le_bytes);
    let utf16be = utf16([0xFE, 0xFF], u16::to_be_bytes);
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("empty", Vec::new(), None),
        ("whitespace", b" \n\t \r\n ".to_vec(), None),
        (
            "invalid utf-8",
            format!("<p>{PARAGRAPH}</p>").into_bytes().into_iter().chain([0xC3, 0x28, 0xFF, 0xFE, 0x80]).collect(),
            Some("text/html; charset=utf-8"),
        ),
        ("nul bytes", format!("<p>{PARAGRAPH}\0\0 and\0more</p>").into_bytes(), None),
        ("binary garbage", garbage, None),
        ("utf-16le bom", utf16le, None),
        ("utf-16be bom", utf16be, None),
        ("unknown charset", format!("<meta charset=\"x-klingon\"><p>{PARAGRAPH}</p>").into_bytes(), Some("text/html; charset=x-klingon")),
        ("no body", format!("<html><head><title>t</title></head>{PARAGRAPH}").into_bytes(), None),
        ("frameset", b"<html><frameset cols=\"50%,50%\"><frame src=\"a.html\"><frame src=\"b.html\"></frameset></html>".to_vec(), None),
        ("unclosed everything", format!("<html><body><div><table><tr><td><p><b><i><ul><li>{PARAGRAPH}<select><option>x<textarea>y").into_bytes(), None),
        ("only a comment", b"<!-- <p>hidden</p> -->".to_vec(), None),
        ("truncated tag", b"<html><body><p class=\"a".to_vec(), None),
    ];
    for (name, bytes, content_type) in cases {
        match extract_bytes(&bytes, content_type) {
            Ok(article) => {
                check(&article);
                if name.starts_with("utf-16") {
                    assert!(article.text.contains("Grüße"), "{name}: {}", article.text);
                }
                if name == "nul bytes" {
                    assert!(!article.text.contains('\0'), "{name}");
                }
                if name == "invalid utf-8" {
                    assert!(article.text.contains("voted on Tuesday"), "{name}");
                    assert!(
                        !article.warnings.is_empty(),
                        "{name}: replaced bytes are reported"
                    );
                }
            }
            Err(e) => assert!(!e.to_string().is_empty(), "{name}"),
        }
    }
}

#[test]
fn xss_vectors_stay_inert() {
    let vectors = [
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">case</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
        "<form action=\"https://evil.example\"><input name=q><button>go</button></form>",
        "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\" onclick=\"alert(1)\">overlay</p>",
        "<img srcset=\"javascript:alert(1) 1x\" alt=\"srcset\">",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; as text</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>",
        "<a href=\"https://ok.example/\" onmouseover=\"alert(1)\">ok link</a>",
        "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
        "<base href=\"javascript:/\"><a href=\"/x\">based</a>",
        "<p>[click](javascript:alert(1)) and <b>*bold*</b> ![x](javascript:y)</p>",
    ];
    let body: String = vectors
        .iter()
        .map(|v| format!("<p>{PARAGRAPH}</p>{v}"))
        .collect();
    let page = format!("<html><body><article>{body}</article></body></html>");
    let article = extract_bytes(page.as_bytes(), None).unwrap();
    assert!(article.text.contains("voted on Tuesday"));
    check(&article);
    let lower = article.html.to_ascii_lowercase();
    // (`javascript:` may appear as visible text; as a URL it is caught by
    // the attribute check above.)
    for forbidden in [
        "<script",
        " onerror",
        " onclick",
        "=\"javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        " style=",
    ] {
        assert!(
            !lower.contains(forbidden),
            "{forbidden} in {}",
            article.html
        );
    }
    // Escaped markup in the page stays text in the output.
    assert!(
        article
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; as text")
    );
}

/// Peak resident memory of finished child processes, in KiB.
fn children_max_rss_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a full rusage struct into the pointer.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss
}

fn decant() -> Command {
    let mut cmd = Command::cargo_bin("decant").unwrap();
    cmd.timeout(Duration::from_secs(300));
    cmd
}

#[test]
fn thirty_megabyte_page_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(file, "<html><head><title>Big page | Site</title></head><body><nav><a href=/>Home</a></nav><article>").unwrap();
    let mut written = 0;
    let mut n = 0;
    while written < 30_000_000 {
        let chunk = format!(
            "<h2>Section {n}</h2><p>{PARAGRAPH} <a href=\"/n/{n}\">more</a>, item {n}.</p>\
             <div class=\"share-bar\"><a href=\"/s\">Share</a></div><ul><li>one {n}</li><li>two</li></ul>\n"
        );
        written += chunk.len();
        n += 1;
        file.write_all(chunk.as_bytes()).unwrap();
    }
    write!(
        file,
        "</article><footer>All rights reserved</footer></body></html>"
    )
    .unwrap();
    drop(file);
    let output = decant()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = record["text"].as_str().unwrap();
    assert!(text.contains("Section 0") && text.contains(&format!("item {}", n - 1)));
    assert!(!text.contains("All rights reserved"));
    // Peak RSS within 40x the input plus 50 MB (the target for one page).
    let peak_mib = children_max_rss_kib() / 1024;
    assert!(peak_mib < 40 * 30 + 50, "peak RSS {peak_mib} MiB");
}

#[test]
fn gzip_bomb_is_refused_early() {
    use flate2::{Compression, write::GzEncoder};
    // One gzip member of 1 MiB of zeros, repeated: 4 GiB once inflated.
    let mut member = GzEncoder::new(Vec::new(), Compression::best());
    member.write_all(&vec![0u8; 1 << 20]).unwrap();
    let member = member.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.html.gz");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for _ in 0..4096 {
        file.write_all(&member).unwrap();
    }
    drop(file);
    let output = decant()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        record["error"].as_str().unwrap().contains("over the limit"),
        "{record}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Random token soup: never a panic, always inert output.
    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(
        prop_oneof![
            Just("<div>".to_owned()), Just("</div>".to_owned()), Just("<p>".to_owned()),
            Just("<table><tr><td>".to_owned()), Just("</td></tr></table>".to_owned()),
            Just("<a href=\"javascript:x\">".to_owned()), Just("</a>".to_owned()),
            Just("<script>".to_owned()), Just("</script>".to_owned()), Just("<!--".to_owned()),
            Just("<pre>".to_owned()), Just("<ul><li>".to_owned()), Just("<img src=x onerror=y>".to_owned()),
            Just("<noscript>".to_owned()), Just("<svg>".to_owned()), Just("<template>".to_owned()),
            Just(format!("<p>{PARAGRAPH}</p>")), Just("See also: ".to_owned()),
            "[a-z ,.]{0,40}", "[\\x00-\\x7f]{0,20}", "\\PC{0,20}",
        ],
        0..80,
    )) {
        let page: String = tokens.concat();
        if let Ok(article) = extract_bytes(page.as_bytes(), None) {
            check(&article);
        }
    }

    /// Arbitrary bytes with any declared charset.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096), charset in 0usize..4) {
        let content_type = ["text/html", "text/html; charset=shift_jis", "text/html; charset=utf-16le", "text/html; charset=koi8-r"][charset];
        if let Ok(article) = extract_bytes(&bytes, Some(content_type)) {
            check(&article);
        }
    }
}
