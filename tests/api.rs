//! The library's public API on small inline pages: metadata sources, `None`
//! for what a page does not give, charset precedence, limits, URL handling,
//! thread safety, serialisation and the safety of the article HTML.

use decant::{Article, Error, Extractor, Options};

/// Body paragraphs long enough to be taken as an article by any pass.
const LEAD_PARAGRAPH: &str = "The council voted 7 to 2 on Tuesday to approve the expansion of the port, \
ending a debate that had lasted three years, and clearing the way for construction.";

const BODY: &str = "\
<p>The council voted 7 to 2 on Tuesday to approve the expansion of the port, \
ending a debate that had lasted three years, and clearing the way for construction.</p>\
<p>Work is expected to start in the spring, according to the harbour master, \
who said the first berth would open within eighteen months of the groundbreaking.</p>\
<p>Residents of the nearby streets, who had collected signatures against the plan, \
said they would keep pressing for noise limits and for air monitors near the rail yard.</p>";

/// A page with `head` inside `<head>` and `body` inside `<article>`, plus a
/// nav and a footer around it.
fn page(html_attrs: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html{html_attrs}><head>{head}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
         <article>{body}</article>\
         <footer>Copyright The Ledger. All rights reserved.</footer></body></html>"
    )
}

fn extract(html: &str, url: Option<&str>) -> Article {
    decant::extract(html, url).expect("extraction succeeds")
}

#[test]
fn metadata_from_json_ld() {
    let head = r#"<title>Something else entirely | Site</title>
        <script type="application/ld+json">{
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Port expansion wins final approval",
            "author": [{"@type": "Person", "name": "Dana Whitfield"}],
            "datePublished": "2024-05-02",
            "dateModified": "2024-05-03",
            "inLanguage": "en-GB",
            "publisher": {"@type": "Organization", "name": "Harbor Ledger"}
        }</script>"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(
        article.title.as_deref(),
        Some("Port expansion wins final approval")
    );
    assert_eq!(article.byline.as_deref(), Some("Dana Whitfield"));
    assert_eq!(article.date.as_deref(), Some("2024-05-02"));
    assert_eq!(article.modified.as_deref(), Some("2024-05-03"));
    assert_eq!(article.lang.as_deref(), Some("en-GB"));
    assert_eq!(article.site_name.as_deref(), Some("Harbor Ledger"));
    assert!(article.text.contains("voted 7 to 2 on Tuesday"));
}

#[test]
fn json_ld_date_time_keeps_its_offset() {
    let head = r#"<script type="application/ld+json">{"@type": "Article",
        "headline": "A headline", "datePublished": "2022-11-08T09:30:00+01:00"}</script>"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(article.date.as_deref(), Some("2022-11-08T09:30:00+01:00"));
}

#[test]
fn metadata_from_open_graph_and_meta() {
    let head = r#"<title>Ignored title text for this page | Other</title>
        <meta property="og:title" content="Reservoir levels fall to lowest point in a decade">
        <meta property="og:site_name" content="Meridian Post">
        <meta property="article:published_time" content="2024-04-18T06:00:00Z">
        <meta name="author" content="Priya Raman">
        <meta name="description" content="  Dry spring   leaves reservoirs low. ">"#;
    let article = extract(&page(" lang=\"en\"", head, BODY), None);
    assert_eq!(
        article.title.as_deref(),
        Some("Reservoir levels fall to lowest point in a decade")
    );
    assert_eq!(article.site_name.as_deref(), Some("Meridian Post"));
    assert_eq!(article.byline.as_deref(), Some("Priya Raman"));
    assert!(
        article
            .date
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-04-18")),
        "date: {:?}",
        article.date
    );
    assert_eq!(article.lang.as_deref(), Some("en"));
    assert_eq!(
        article.description.as_deref(),
        Some("Dry spring leaves reservoirs low.")
    );
}

#[test]
fn og_title_loses_a_known_site_name_suffix() {
    let head = r#"<meta property="og:title" content="Reservoir levels fall to lowest point in a decade | Meridian Post">
        <meta property="og:site_name" content="Meridian Post">"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(
        article.title.as_deref(),
        Some("Reservoir levels fall to lowest point in a decade")
    );
}

#[test]
fn document_title_suffix_is_stripped() {
    for title in [
        "Port expansion wins final approval after long debate | The Harbor Ledger",
        "Port expansion wins final approval after long debate - The Harbor Ledger",
        "Port expansion wins final approval after long debate – The Harbor Ledger",
    ] {
        let head = format!("<title>{title}</title>");
        let article = extract(&page("", &head, BODY), None);
        assert_eq!(
            article.title.as_deref(),
            Some("Port expansion wins final approval after long debate"),
            "from <title>{title}</title>"
        );
    }
}

#[test]
fn document_title_prefers_matching_heading() {
    let head = "<title>Port expansion wins final approval | The Harbor Ledger</title>";
    let body = format!("<h1>Port expansion wins final approval</h1>{BODY}");
    let article = extract(&page("", head, &body), None);
    assert_eq!(
        article.title.as_deref(),
        Some("Port expansion wins final approval")
    );
}

#[test]
fn absent_metadata_is_none_not_empty() {
    let article = extract(&page("", "", BODY), None);
    assert_eq!(article.title, None);
    assert_eq!(article.byline, None);
    assert_eq!(article.date, None);
    assert_eq!(article.modified, None);
    assert_eq!(article.site_name, None);
    assert_eq!(article.image, None);
    assert_eq!(article.tags, None);
    assert_eq!(article.categories, None);
    // No language in the markup: told from the text.
    assert_eq!(article.lang.as_deref(), Some("en"));
    // No declared description: the article's lead paragraph stands in.
    assert_eq!(article.description.as_deref(), Some(LEAD_PARAGRAPH));
    assert_eq!(article.url, None);
    assert!(article.text.contains("harbour master"));
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);
}

#[test]
fn blank_metadata_values_are_none() {
    let head = r#"<title>   </title>
        <meta property="og:title" content="  ">
        <meta name="author" content="">
        <meta name="description" content="   ">
        <meta property="og:site_name" content="">
        <script type="application/ld+json">{"@type": "Article", "headline": " ", "author": ""}</script>"#;
    let article = extract(&page(" lang=\"\"", head, BODY), None);
    assert_eq!(article.title, None);
    assert_eq!(article.byline, None);
    assert_eq!(article.site_name, None);
    assert_eq!(article.lang.as_deref(), Some("en"));
    assert_eq!(article.description.as_deref(), Some(LEAD_PARAGRAPH));
}

#[test]
fn declared_description_beats_the_lead_paragraph() {
    let head = r#"<meta property="og:description" content="Teaser from og">
        <meta name="dc.description" content="Summary &amp;amp; more">
        <script type="application/ld+json">{"@type": "NewsArticle", "description": "The article's own summary"}</script>"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(
        article.description.as_deref(),
        Some("The article's own summary")
    );
    let head = r#"<meta property="og:description" content="Teaser from og">
        <meta name="dc.description" content="Summary &amp;amp; more">"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(article.description.as_deref(), Some("Summary & more"));
}

#[test]
fn url_is_the_canonical_resolved_else_the_page_url() {
    let article = extract(
        &page("", "", BODY),
        Some("https://ledger.example/news/port?utm=x"),
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example/news/port?utm=x")
    );
    let head = r#"<link rel="canonical" href="/2024/05/port-expansion">"#;
    let article = extract(
        &page("", head, BODY),
        Some("https://ledger.example/amp/port"),
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example/2024/05/port-expansion")
    );
}

/// A page whose only non-ASCII text is "café" in the given raw bytes, with an
/// optional `<meta charset>` declaration.
fn cafe_page(meta_charset: Option<&str>, cafe: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"<html><head>");
    if let Some(charset) = meta_charset {
        bytes.extend_from_slice(format!("<meta charset=\"{charset}\">").as_bytes());
    }
    bytes.extend_from_slice(b"</head><body><article><p>We met at the ");
    bytes.extend_from_slice(cafe);
    bytes.extend_from_slice(
        b" on the corner, where the tables are small, the coffee is strong, \
          and the owner, who has run it for thirty years, knows every regular by name.</p>\
          <p>It opens at seven in the morning and closes when the last customer leaves, \
          which on a warm evening in summer can be well after midnight.</p></article>\
          </body></html>",
    );
    bytes
}

#[test]
fn charset_from_meta_is_used() {
    // 0xE9 is "é" in ISO-8859-1 and "й" in windows-1251.
    let latin1 = cafe_page(Some("iso-8859-1"), b"caf\xe9");
    let article = decant::extract_bytes(&latin1, None, None).unwrap();
    assert!(article.text.contains("at the café on"), "{}", article.text);
    let cyrillic = cafe_page(Some("windows-1251"), b"caf\xe9");
    let article = decant::extract_bytes(&cyrillic, None, None).unwrap();
    assert!(article.text.contains("at the cafй on"), "{}", article.text);
}

#[test]
fn http_charset_beats_meta() {
    let bytes = cafe_page(Some("windows-1251"), b"caf\xe9");
    let article =
        decant::extract_bytes(&bytes, None, Some("text/html; charset=ISO-8859-1")).unwrap();
    assert!(article.text.contains("at the café on"), "{}", article.text);
    let article =
        decant::extract_bytes(&bytes, None, Some("text/html;charset=\"windows-1251\"")).unwrap();
    assert!(article.text.contains("at the cafй on"), "{}", article.text);
}

#[test]
fn bom_beats_http_charset_and_meta() {
    // UTF-8 BOM, then "café" as UTF-8 (C3 A9); both declarations lie.
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(cafe_page(Some("windows-1251"), b"caf\xc3\xa9"));
    let article =
        decant::extract_bytes(&bytes, None, Some("text/html; charset=iso-8859-1")).unwrap();
    assert!(article.text.contains("at the café on"), "{}", article.text);
    assert!(!article.text.contains('\u{feff}'));
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);

    // UTF-16LE BOM: the whole page is UTF-16, whatever the header says.
    let utf16_source = String::from_utf8(cafe_page(None, "café".as_bytes())).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for unit in utf16_source.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let article =
        decant::extract_bytes(&utf16, None, Some("text/html; charset=iso-8859-1")).unwrap();
    assert!(article.text.contains("at the café on"), "{}", article.text);
}

#[test]
fn invalid_bytes_are_replaced_with_a_warning() {
    // Declared UTF-8, but 0xFF can never occur in UTF-8.
    let bytes = cafe_page(Some("utf-8"), b"caf\xff");
    let article = decant::extract_bytes(&bytes, None, None).unwrap();
    assert!(article.text.contains("caf\u{fffd}"), "{}", article.text);
    assert!(
        article.warnings.iter().any(|w| w.contains("U+FFFD")),
        "{:?}",
        article.warnings
    );
}

#[test]
fn input_over_max_bytes_is_too_large() {
    let extractor = Extractor::new(Options::default().max_input_bytes(10));
    let html = page("", "", BODY);
    match extractor.extract(&html, None) {
        Err(Error::TooLarge { size, limit }) => {
            assert_eq!(size, html.len());
            assert_eq!(limit, 10);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let err = extractor
        .extract_bytes(html.as_bytes(), None, None)
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge { limit: 10, .. }), "{err:?}");
    assert!(err.to_string().contains("max_input_bytes"), "{err}");
    // At the limit is fine.
    let exact = Extractor::new(Options::default().max_input_bytes(html.len()));
    assert!(exact.extract(&html, None).is_ok());
}

#[test]
fn document_over_max_nodes_is_too_many_nodes() {
    let items: String = (0..200)
        .map(|i| format!("<p>Paragraph number {i} of a long list.</p>"))
        .collect();
    let html = page("", "", &items);
    let extractor = Extractor::new(Options::default().max_nodes(50));
    match extractor.extract(&html, None) {
        Err(Error::TooManyNodes { nodes, limit }) => {
            assert!(nodes > 50, "nodes = {nodes}");
            assert_eq!(limit, 50);
        }
        other => panic!("expected TooManyNodes, got {other:?}"),
    }
    assert!(Extractor::default().extract(&html, None).is_ok());
}

#[test]
fn invalid_url_is_an_error() {
    let html = page("", "", BODY);
    for bad in ["not a url", "/relative/path", "http://", ""] {
        match decant::extract(&html, Some(bad)) {
            Err(Error::InvalidUrl { url, reason }) => {
                assert_eq!(url, bad);
                assert!(!reason.is_empty());
            }
            other => panic!("expected InvalidUrl for {bad:?}, got {other:?}"),
        }
    }
    let err = decant::extract_bytes(html.as_bytes(), Some("::"), None).unwrap_err();
    assert!(matches!(err, Error::InvalidUrl { .. }), "{err:?}");
}

const fn assert_send_sync<T: Send + Sync>() {}
const _: () = assert_send_sync::<Extractor>();
const _: () = assert_send_sync::<Article>();
const _: () = assert_send_sync::<Error>();

#[test]
fn extractor_is_shared_across_threads() {
    let authors = [
        "Ada Lovelace",
        "Grace Hopper",
        "Alan Turing",
        "Edsger Dijkstra",
        "Barbara Liskov",
        "Donald Knuth",
        "Frances Allen",
        "John Backus",
    ];
    let pages: Vec<String> = (0..8)
        .map(|i| {
            let author = authors[i];
            let head = format!(
                "<title>Story number {i} of the day in this town | Site</title>\
                 <meta name=\"author\" content=\"{author}\">"
            );
            page(" lang=\"en\"", &head, &format!("<p>Story {i}.</p>{BODY}"))
        })
        .collect();
    let extractor = Extractor::new(Options::default());
    let expected: Vec<Article> = pages
        .iter()
        .map(|p| extractor.extract(p, Some("https://site.example/")).unwrap())
        .collect();
    let results: Vec<Vec<Article>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    pages
                        .iter()
                        .map(|p| extractor.extract(p, Some("https://site.example/")).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for result in results {
        assert_eq!(result, expected);
    }
    assert_eq!(expected[3].byline.as_deref(), Some("Edsger Dijkstra"));
    assert!(expected[5].text.contains("Story 5."));
}

#[test]
fn article_serialises_with_null_for_missing_fields() {
    let head = "<meta property=\"og:title\" content=\"Port expansion wins final approval\">";
    let article = extract(&page("", head, BODY), None);
    let value = serde_json::to_value(&article).unwrap();
    let object = value.as_object().unwrap();
    for field in [
        "title",
        "byline",
        "date",
        "modified",
        "site_name",
        "lang",
        "description",
        "url",
        "text",
        "html",
        "warnings",
    ] {
        assert!(object.contains_key(field), "missing {field}: {value}");
    }
    assert_eq!(value["title"], "Port expansion wins final approval");
    for missing in [
        "byline",
        "date",
        "modified",
        "site_name",
        "url",
        "image",
        "tags",
        "categories",
    ] {
        assert!(value[missing].is_null(), "{missing} = {}", value[missing]);
    }
    assert!(value["text"].as_str().unwrap().contains("voted 7 to 2"));
    assert_eq!(value["warnings"], serde_json::json!([]));
}

#[test]
fn article_html_is_inert() {
    let body = "<h1 onclick=\"steal()\">Port expansion approved</h1>\
         <script>document.write('injected')</script>\
         <p onclick=\"steal()\" onmouseover=\"steal()\">The council voted 7 to 2 on Tuesday to \
         approve the expansion, <a href=\"javascript:alert(1)\">ending a debate</a> that had \
         lasted three years, and <a href=\"JaVaScRiPt:alert(2)\">clearing the way</a> for construction.</p>\
         <p>Work is expected to start in the spring <img src=\"x.png\" onerror=\"steal()\"> \
         <a href=\"data:text/html,<script>alert(3)</script>\">according to</a> the harbour master, \
         who said the first berth would open within eighteen months.</p>\
         <style>p { color: red }</style>\
         <iframe src=\"https://evil.example/\"></iframe>\
         <form action=\"/x\"><input name=\"q\"><button>Go</button></form>\
         <p>Residents of the nearby streets <svg onload=\"steal()\"><script>alert(4)</script></svg> \
         said they would keep pressing for noise limits and for air monitors near the rail yard.</p>";
    let article = extract(&page("", "", body), Some("https://ledger.example/port"));
    let html = article.html.to_ascii_lowercase();
    assert!(html.contains("voted 7 to 2"), "{html}");
    assert!(html.contains("<p>") || html.contains("<p "), "{html}");
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "onmouseover",
        "onload",
        "javascript:",
        "data:text",
        "<iframe",
        "<style",
        "<form",
        "<input",
        "<svg",
    ] {
        assert!(!html.contains(bad), "article html contains {bad}: {html}");
    }
    assert!(!article.text.contains("injected"), "{}", article.text);
    assert!(!article.text.contains("alert("), "{}", article.text);
}

#[test]
fn relative_links_are_resolved_against_the_url() {
    let body = format!(
        "<p>Read the <a href=\"/documents/lease.pdf\">lease amendment</a>, the \
         <a href=\"minutes.html#vote\">minutes</a> and the \
         <a href=\"//cdn.ledger.example/map.png\">site map</a>.</p>\
         <figure><img src=\"../images/port.jpg\" alt=\"The port\"></figure>{BODY}"
    );
    let article = extract(
        &page("", "", &body),
        Some("https://ledger.example/news/2024/port"),
    );
    let html = &article.html;
    for expected in [
        "href=\"https://ledger.example/documents/lease.pdf\"",
        "href=\"https://ledger.example/news/2024/minutes.html#vote\"",
        "href=\"https://cdn.ledger.example/map.png\"",
        "src=\"https://ledger.example/news/images/port.jpg\"",
    ] {
        assert!(html.contains(expected), "missing {expected} in {html}");
    }
}

#[test]
fn markdown_starts_with_the_title() {
    let head = "<meta property=\"og:title\" content=\"Port expansion wins final approval\">";
    let html = page("", head, BODY);
    assert_eq!(extract(&html, None).markdown, None, "Markdown is opt-in");
    let extractor = Extractor::new(Options::default().markdown(decant::Markdown::WithTitle));
    let markdown = extractor.extract(&html, None).unwrap().markdown.unwrap();
    assert!(
        markdown.starts_with("# Port expansion wins final approval\n"),
        "{markdown}"
    );
    assert!(markdown.contains("voted 7 to 2"));
    let extractor = Extractor::new(Options::default().markdown(decant::Markdown::BodyOnly));
    let body_only = extractor.extract(&html, None).unwrap().markdown.unwrap();
    assert!(!body_only.starts_with("# Port"), "{body_only}");
}

#[test]
fn empty_and_blank_inputs_do_not_panic() {
    let inputs: [&[u8]; 8] = [
        b"",
        b" ",
        b"\n\t\r\n   \n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"<html><body></body></html>",
        b"<html><head><title>Only a title</title></head><body>   </body></html>",
        b"\0\0\0",
    ];
    for bytes in inputs {
        match decant::extract_bytes(bytes, Some("https://x.example/"), None) {
            Ok(article) => {
                assert!(
                    article.text.trim().is_empty(),
                    "{bytes:?}: {:?}",
                    article.text
                );
                assert!(
                    article.warnings.iter().any(|w| w.contains("no article")),
                    "{bytes:?}: {:?}",
                    article.warnings
                );
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            match decant::extract(text, None) {
                Ok(article) => assert!(article.text.trim().is_empty()),
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn no_article_gives_empty_text_not_an_error() {
    let article = extract("<html><body></body></html>", None);
    assert_eq!(article.text, "");
    assert_eq!(article.html, "");
    assert!(!article.warnings.is_empty());
}

/// Two boxes of links beside the article's prose: one mostly links
/// (density about 0.45), one mostly prose (about 0.27). Balanced cuts the
/// first and keeps the second; Precision cuts both; Recall keeps both.
#[test]
fn focus_moves_the_link_density_cut() {
    use decant::Focus;
    let body = format!(
        "{BODY}<div><a href=\"/minutes\">Minutes of the March council meeting</a> \
         documents filed with the harbour board</div>\
         <div>The full text of the <a href=\"/plan\">approved harbour plan</a> \
         runs to ninety pages and is public now</div>"
    );
    let html = page("", "<title>Port expansion</title>", &body);
    let text_with = |focus: Focus| {
        Extractor::new(Options::default().focus(focus))
            .extract(&html, None)
            .expect("extraction succeeds")
            .text
    };
    let (mostly_links, mostly_prose) = ("Minutes of the March", "runs to ninety pages");

    let balanced = text_with(Focus::Balanced);
    assert!(balanced.contains(LEAD_PARAGRAPH), "{balanced}");
    assert!(!balanced.contains(mostly_links), "{balanced}");
    assert!(balanced.contains(mostly_prose), "{balanced}");

    let precision = text_with(Focus::Precision);
    assert!(precision.contains(LEAD_PARAGRAPH), "{precision}");
    assert!(!precision.contains(mostly_links), "{precision}");
    assert!(!precision.contains(mostly_prose), "{precision}");

    let recall = text_with(Focus::Recall);
    assert!(recall.contains(LEAD_PARAGRAPH), "{recall}");
    assert!(recall.contains(mostly_links), "{recall}");
    assert!(recall.contains(mostly_prose), "{recall}");

    assert_eq!(Options::default().focus, Focus::Balanced);
}

/// A page whose only author record is its Twitter card data ("Written
/// by" in `twitter:label1`, the name in `twitter:data1`, as Yoast SEO
/// writes them); the reading-time pair beside it is not a byline.
#[test]
fn byline_from_twitter_card_label() {
    let head = r#"<title>Port expansion</title>
        <meta name="twitter:label1" content="Est. reading time">
        <meta name="twitter:data1" content="4 minutes">
        <meta name="twitter:label2" content="Written by">
        <meta name="twitter:data2" content="Dana Whitfield">"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(article.byline.as_deref(), Some("Dana Whitfield"));

    let no_author = r#"<title>Port expansion</title>
        <meta name="twitter:label1" content="Est. reading time">
        <meta name="twitter:data1" content="4 minutes">"#;
    let article = extract(&page("", no_author, BODY), None);
    assert_eq!(article.byline, None);
}

/// A declared date written out rather than in ISO 8601 (a `published`
/// meta, a `<time datetime>` holding words) is read as a written date; an
/// ISO date written as a date element's text is read too.
#[test]
fn declared_dates_written_out() {
    let head = r#"<title>Port expansion</title><meta name="published" content="July 17, 2025">"#;
    let article = extract(&page("", head, BODY), None);
    assert_eq!(article.date.as_deref(), Some("2025-07-17"));

    let body = format!(
        "<p><time datetime=\"on Friday December 19, 2025 @08:00PM\">Friday</time></p>{BODY}"
    );
    let article = extract(&page("", "<title>Port expansion</title>", &body), None);
    assert_eq!(article.date.as_deref(), Some("2025-12-19"));

    // An ISO date as the visible text of a date-named element.
    let body = format!("<p class=\"publication-time\">2022-11-23T08:10+02:00</p>{BODY}");
    let article = extract(&page("", "<title>Port expansion</title>", &body), None);
    assert_eq!(article.date.as_deref(), Some("2022-11-23T08:10:00+02:00"));
}
