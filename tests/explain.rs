//! `Extractor::explain` and `decant explain`: the pinned explanation of a
//! fixture page, the report's safety, and the CLI.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use decant::{Explanation, Extractor, PageType, Stage};
use scraper::{Html, Selector};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

const FIXTURE: &str = "fixtures/explain-blog-post/page.html";
const URL: &str = "https://coastline-notes.example/blog/lighthouse-keepers-time";

fn explain_fixture() -> Explanation {
    let html = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    Extractor::default().explain(&html, Some(URL)).unwrap()
}

fn removed<'e>(e: &'e Explanation, first_words: &str) -> &'e decant::Removed {
    e.removed
        .iter()
        .find(|r| r.first_words.starts_with(first_words))
        .unwrap_or_else(|| panic!("no removal starting {first_words:?}: {:#?}", e.removed))
}

#[test]
fn see_also_insert_is_dropped_by_its_cue() {
    let e = explain_fixture();
    let r = removed(&e, "See also: How fog signals");
    assert_eq!(r.stage, Stage::Clean);
    assert_eq!(r.reason, r#"cue: see-also ("see also")"#);
    assert_eq!(r.path, "main > article.post > div.entry-content > p");
}

#[test]
fn related_grid_is_dropped_by_link_density() {
    let e = explain_fixture();
    let r = removed(&e, "The keepers' wives");
    assert_eq!(r.stage, Stage::Clean);
    assert_eq!(r.reason, "link density 1.00 > 0.33");
    assert_eq!(
        r.path,
        "main > article.post > div.entry-content > div.cards"
    );
}

#[test]
fn hidden_element_is_dropped_as_hidden() {
    let e = explain_fixture();
    let r = removed(&e, "Subscribe to our print edition");
    assert_eq!(r.stage, Stage::Prepare);
    assert_eq!(r.reason, "hidden: display:none");
}

#[test]
fn comment_form_is_dropped() {
    let e = explain_fixture();
    let r = removed(&e, "Your thoughts on this story");
    assert_eq!(r.stage, Stage::Clean);
    assert_eq!(r.reason, "form: 3 field(s)");
    assert_eq!(r.path, "main > article.post > div.entry-content > form");
}

#[test]
fn main_container_is_chosen_and_explained() {
    let e = explain_fixture();
    assert_eq!(
        e.chosen.path,
        "body > main > article.post > div.entry-content"
    );
    let best = &e.candidates[0];
    assert_eq!(best.path, e.chosen.path);
    assert!(
        best.score > 1.5 * e.candidates[1].score,
        "{:#?}",
        e.candidates
    );
    assert_eq!(best.tag_weight, 5.0);
    // "entry-content": a content word (+25) and an article-body name (+25).
    assert_eq!(best.class_weight, 50.0);
    assert!(best.commas >= 10 && best.paragraphs >= 5);
    assert!(best.link_density > 0.0 && best.link_density < 0.3);
    // A short article on a page holding little else: the listing reading
    // could not give twice its text, so it was not run.
    let passes: Vec<(&str, u8, bool)> = e
        .passes
        .iter()
        .map(|p| (p.reading, p.step, p.chosen))
        .collect();
    assert_eq!(passes, [("article", 0, true)]);
    // Every kept block is inside the container; the footer is dropped.
    assert!(e.blocks.iter().filter(|b| b.kept).all(|b| b.in_chosen));
    let footer = removed(&e, "Coastline Notes, stories");
    assert_eq!(footer.stage, Stage::Prepare);
    assert!(footer.reason.contains("site-footer"), "{}", footer.reason);
}

#[test]
fn explain_gives_the_same_article_as_extract() {
    let html = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    let extractor = Extractor::default();
    let article = extractor.extract(&html, Some(URL)).unwrap();
    let e = extractor.explain(&html, Some(URL)).unwrap();
    assert_eq!(e.article, article);
    assert_eq!(article.page_type, Some(PageType::Article));
    assert!(article.confidence > 0.5, "{}", article.confidence);
    let kept: String = e
        .blocks
        .iter()
        .filter(|b| b.kept)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(kept, article.text);
}

#[test]
fn metadata_sources_are_named() {
    let e = explain_fixture();
    let source = |field: &str| {
        e.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.source.clone())
            .unwrap_or_default()
    };
    assert_eq!(source("title"), "JSON-LD headline");
    assert_eq!(source("byline"), "JSON-LD author");
    assert_eq!(source("date"), "JSON-LD datePublished");
    assert_eq!(source("site_name"), "meta og:site_name");
    assert_eq!(source("lang"), "markup <html lang>");
}

#[test]
fn explanation_serialises() {
    let e = explain_fixture();
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["article"]["page_type"], "article");
    assert_eq!(json["removed"][3]["stage"], "clean");
    assert!(json["signals"]["link_density"].is_number());
    assert!(json["candidates"][0]["link_density"].is_number());
}

fn parse(report: &str) -> Html {
    Html::parse_document(report)
}

fn select<'h>(doc: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn report_shows_blocks_reasons_and_summary() {
    let e = explain_fixture();
    let doc = parse(&e.report_html());
    let kept = select(&doc, ".block.kept");
    let dropped = select(&doc, ".block.dropped");
    assert_eq!(kept.len(), 5);
    assert!(dropped.len() >= 6);
    let titles: Vec<&str> = dropped.iter().filter_map(|d| d.attr("title")).collect();
    assert!(titles.contains(&r#"dropped by clean: cue: see-also ("see also")"#));
    assert!(titles.contains(&"dropped by prepare: hidden: display:none"));
    assert!(titles.contains(&"dropped by clean: link density 1.00 > 0.33"));
    assert_eq!(
        select(&doc, ".chosen").len(),
        2,
        "the outline and the legend"
    );
    let summary = select(&doc, "#summary")[0].text().collect::<String>();
    assert!(summary.contains("page type: article"), "{summary}");
    assert!(summary.contains("confidence: 0."), "{summary}");
    assert!(summary.contains("words kept"), "{summary}");
    let metadata = select(&doc, "#metadata")[0].text().collect::<String>();
    assert!(metadata.contains("JSON-LD headline"));
}

/// Every attribute name in the report, and no script anywhere.
fn assert_inert(report: &str) {
    let doc = parse(report);
    assert!(select(&doc, "script, iframe, object, embed, img, a, link").is_empty());
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "handler {name}={value}");
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{value}"
            );
            assert!(
                [
                    "class",
                    "title",
                    "id",
                    "lang",
                    "charset",
                    "http-equiv",
                    "content"
                ]
                .contains(&name),
                "unexpected attribute {name}"
            );
        }
    }
}

#[test]
fn hostile_page_gives_an_inert_report() {
    let hostile = r#"<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
<script>alert(1)</script></head><body><article>
<h1 onclick="alert(2)">Title <img src=x onerror="alert(3)"></h1>
<p>Text with &lt;script&gt;alert(4)&lt;/script&gt; and "quotes" and 'apostrophes', long enough to count as a paragraph of running text.</p>
<p class="x&quot; onmouseover=&quot;alert(5)">A second paragraph, <a href="javascript:alert(6)">a link</a>, <svg onload="alert(7)"></svg> and more words.</p>
<div id="&quot;><script>alert(8)</script>" style="display:none">hidden &lt;img src=x onerror=alert(9)&gt;</div>
<iframe src="javascript:alert(10)"></iframe><style>body{background:url(javascript:alert(11))}</style>
</article></body></html>"#;
    let e = Extractor::default().explain(hostile, None).unwrap();
    let report = e.report_html();
    assert_inert(&report);
    assert!(report.contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(report.contains("Content-Security-Policy"));
}

#[test]
fn cli_explain_writes_a_report_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    Command::cargo_bin("decant")
        .unwrap()
        .args(["explain", FIXTURE, "--url", URL, "-o"])
        .arg(&out)
        .current_dir(root())
        .assert()
        .success();
    let report = std::fs::read_to_string(&out).unwrap();
    assert_inert(&report);
    assert!(report.contains("cue: see-also"));

    let output = Command::cargo_bin("decant")
        .unwrap()
        .args(["explain", "--format", "json", FIXTURE])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["article"]["page_type"], "article");
    assert_eq!(
        json["chosen"]["path"],
        "body > main > article.post > div.entry-content"
    );
}

#[test]
fn cli_extract_json_carries_page_type_and_confidence() {
    for format in ["json", "jsonl"] {
        let output = Command::cargo_bin("decant")
            .unwrap()
            .args(["extract", "--format", format, FIXTURE])
            .current_dir(root())
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["page_type"], "article", "{format}");
        let confidence = json["confidence"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&confidence), "{format}: {confidence}");
    }
}

#[test]
fn cli_explain_missing_file_is_an_error() {
    Command::cargo_bin("decant")
        .unwrap()
        .args(["explain", "no/such/page.html"])
        .assert()
        .code(2);
}

#[test]
fn listing_reading_is_explained() {
    // Groups of link lines: the article reading cuts each list by link
    // density and is short; the listing reading keeps them and wins.
    let mut groups = String::new();
    for (g, name) in ["Sailing boat", "Motor boat", "Rowing boat", "Dinghy"]
        .iter()
        .enumerate()
    {
        groups.push_str(&format!("<h2>{name}s</h2><ul>"));
        for i in 0..8 {
            groups.push_str(&format!(
                "<li><a href=\"/boats/{g}-{i}\">{name} number {i} for sale ({} ft from {})</a></li>",
                20 + i,
                1960 + i
            ));
        }
        groups.push_str("</ul>\n");
    }
    let page = format!(
        "<html><head><title>Boats for sale | Harbour Market</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><main><h1>Boats for sale</h1>\
         <p>Every boat listed here has been inspected by the harbour master, and the owners \
         answer questions by phone or at the quay on Saturdays.</p>{groups}</main>\
         <footer>Harbour Market</footer></body></html>"
    );
    let e = Extractor::default().explain(&page, None).unwrap();
    let passes: Vec<(&str, u8, bool)> = e
        .passes
        .iter()
        .map(|p| (p.reading, p.step, p.chosen))
        .collect();
    assert_eq!(
        passes,
        [
            ("article", 0, false),
            ("article", 1, false),
            ("article", 2, false),
            ("listing", 0, true)
        ]
    );
    assert_eq!(e.chosen.path, "body > main");
    assert!(
        e.chosen.steps[0].starts_with("listing reading"),
        "{:?}",
        e.chosen.steps
    );
    assert!(e.candidates.is_empty(), "no scoring in the listing reading");
    assert_eq!(e.article.page_type, Some(PageType::Listing));
    assert!(e.article.confidence < 0.5, "{}", e.article.confidence);
    assert!(e.article.text.contains("Dinghy number 7 for sale"));
}

#[test]
fn script_text_is_never_a_block() {
    let page = "<html><body><div class=\"promo-strip\"><p>Spring offers on every mooring</p>\
        <script>var trackingPixel = 1;</script><style>.x{color:red}</style></div>\
        <article><p>The harbour reopened on Monday after a week of dredging, and the first \
        ferries ran on time, to the relief of commuters, shop owners and the harbour master.</p>\
        <script>window.articleLoaded = true;</script></article></body></html>";
    let e = Extractor::default().explain(page, None).unwrap();
    for block in &e.blocks {
        assert!(
            !block.text.contains("trackingPixel")
                && !block.text.contains("articleLoaded")
                && !block.text.contains("color:red"),
            "{block:?}"
        );
    }
    assert!(
        e.blocks
            .iter()
            .any(|b| b.text.contains("Spring offers") && !b.kept)
    );
}

#[test]
fn block_text_keeps_adjacent_links_apart() {
    let page = "<html><body><article><p>The harbour reopened on Monday after a week of \
        dredging, and the first ferries ran on time, to the relief of commuters and shop owners.</p>\
        <p>Read the <a href=\"/a\">tide</a>, then <b>sail</b>ing.</p></article>\
        <footer><a href=\"/1\">Our newsroom</a><a href=\"/2\">Ethics policy</a></footer></body></html>";
    let e = Extractor::default().explain(page, None).unwrap();
    let texts: Vec<&str> = e.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&"Read the tide, then sailing."), "{texts:?}");
    assert!(texts.contains(&"Our newsroom Ethics policy"), "{texts:?}");
}
