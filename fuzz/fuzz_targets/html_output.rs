//! Any page: the clean HTML output holds only allow-listed elements and
//! attributes, and no script-capable URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ALLOWED_ELEMENTS: &[&str] = &[
    "html", "head", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
    "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "code",
    "blockquote", "figure", "figcaption", "img", "br", "hr", "em", "strong", "del", "sub", "sup",
    "mark", "q", "abbr", "time", "a", "details", "summary",
];
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "colspan", "rowspan", "start", "class", "datetime",
];

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let Ok(article) = decant::extract(&page, Some("https://fuzz.example/a/b")) else {
        return;
    };
    let fragment = scraper::Html::parse_fragment(&article.html);
    for node in fragment.tree.nodes() {
        let Some(element) = node.value().as_element() else { continue };
        assert!(
            ALLOWED_ELEMENTS.contains(&element.name()),
            "element <{}> in {:?}",
            element.name(),
            article.html
        );
        for (name, value) in element.attrs() {
            assert!(ALLOWED_ATTRIBUTES.contains(&name), "attribute {name} in {:?}", article.html);
            if name == "href" || name == "src" {
                let lower = value.trim().to_ascii_lowercase();
                assert!(
                    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"),
                    "unsafe URL {value:?}"
                );
            }
        }
    }
});
