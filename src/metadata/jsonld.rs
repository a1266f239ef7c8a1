//! schema.org JSON-LD: the article object (headline, author, dates,
//! description, language) and the publisher's name.

use serde_json::Value;

#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    pub headline: Option<String>,
    pub name: Option<String>,
    pub authors: Vec<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub website_name: Option<String>,
    pub in_language: Option<String>,
    pub image: Option<String>,
    pub keywords: Vec<String>,
    pub sections: Vec<String>,
    /// Every `@type` seen (lower case, at most `MAX_TYPES`): page-type evidence.
    pub types: Vec<String>,
    /// Authors given only as a reference to a node elsewhere in the graph
    /// (`"author": {"@id": "…#author"}`, as Yoast SEO writes them),
    /// resolved once every script is read.
    author_ids: Vec<String>,
}

/// schema.org types whose objects describe the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "liveblogposting",
    "opinionnewsarticle",
    "analysisnewsarticle",
    "reportagenewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "advertisertcontentarticle",
    "satiricalarticle",
    "medicalscholarlyarticle",
    "review",
    "recipe",
    "howto",
    "qapage",
    "discussionforumposting",
];

/// How many distinct `@type`s we keep.
const MAX_TYPES: usize = 32;

/// How deep we look into one JSON-LD document (`@graph`, nesting).
const MAX_DEPTH: usize = 8;

/// How many named nodes with an `@id` we keep to resolve author references.
const MAX_NAMED_NODES: usize = 64;

fn type_names(object: &serde_json::Map<String, Value>) -> Vec<String> {
    match object.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn string_of(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Array(items) => return items.iter().find_map(|v| string_of(Some(v))),
        Value::Object(o) => return string_of(o.get("name").or_else(|| o.get("@value"))),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Author names into `out`; nodes given only by `@id` into `ids`.
fn collect_authors(value: &Value, out: &mut Vec<String>, ids: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s.to_owned());
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(20) {
                collect_authors(item, out, ids);
            }
        }
        Value::Object(o) => {
            if let Some(name) = string_of(o.get("name")) {
                out.push(name);
            } else if let Some(Value::String(id)) = o.get("@id") {
                ids.push(id.clone());
            }
        }
        _ => {}
    }
}

/// Removes a `<![CDATA[ ... ]]>` wrapper (bare or inside JS comments).
fn strip_cdata(script: &str) -> &str {
    let mut s = script.trim();
    for prefix in ["//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    for suffix in ["//]]>", "/*]]>*/", "]]>"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            break;
        }
    }
    s
}

impl JsonLd {
    /// Reads every JSON-LD script of the page. Unparseable ones are skipped.
    pub(crate) fn from_scripts<'a>(scripts: impl Iterator<Item = &'a str>) -> JsonLd {
        let mut found = JsonLd::default();
        let mut have_article = false;
        let mut names_by_id: Vec<(String, String)> = Vec::new();
        for script in scripts {
            let Ok(value) = serde_json::from_str::<Value>(strip_cdata(script)) else {
                continue;
            };
            let mut stack: Vec<(&Value, usize)> = vec![(&value, 0)];
            while let Some((value, depth)) = stack.pop() {
                if depth > MAX_DEPTH {
                    continue;
                }
                match value {
                    Value::Array(items) => {
                        stack.extend(items.iter().rev().map(|v| (v, depth + 1)));
                    }
                    Value::Object(object) => {
                        let types = type_names(object);
                        for t in &types {
                            if found.types.len() < MAX_TYPES && !found.types.contains(t) {
                                found.types.push(t.clone());
                            }
                        }
                        let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
                        if is_article && !have_article {
                            have_article = true;
                            found.read_article(object);
                        }
                        if names_by_id.len() < MAX_NAMED_NODES
                            && let Some(Value::String(id)) = object.get("@id")
                            && let Some(name) = string_of(object.get("name"))
                        {
                            names_by_id.push((id.clone(), name));
                        }
                        if types.iter().any(|t| t == "website") && found.website_name.is_none() {
                            found.website_name = string_of(object.get("name"));
                        }
                        if let Some(graph) = object.get("@graph") {
                            stack.push((graph, depth + 1));
                        }
                        if !is_article && let Some(main) = object.get("mainEntity") {
                            stack.push((main, depth + 1));
                        }
                    }
                    _ => {}
                }
            }
        }
        for id in std::mem::take(&mut found.author_ids) {
            if let Some((_, name)) = names_by_id.iter().find(|(known, _)| *known == id)
                && !found.authors.contains(name)
            {
                found.authors.push(name.clone());
            }
        }
        found
    }

    fn read_article(&mut self, object: &serde_json::Map<String, Value>) {
        self.headline = string_of(object.get("headline"));
        self.name = string_of(object.get("name"));
        if let Some(author) = object.get("author").or_else(|| object.get("creator")) {
            collect_authors(author, &mut self.authors, &mut self.author_ids);
        }
        self.date_published =
            string_of(object.get("datePublished")).or_else(|| string_of(object.get("dateCreated")));
        self.date_modified = string_of(object.get("dateModified"));
        self.description = string_of(object.get("description"));
        self.publisher = object.get("publisher").and_then(|p| string_of(Some(p)));
        self.in_language = string_of(object.get("inLanguage"));
        self.image = object.get("image").and_then(image_url);
        self.keywords = string_list(object.get("keywords"));
        self.sections = string_list(object.get("articleSection"));
    }
}

/// `image` as a URL string, an `ImageObject` (`url` or `contentUrl`) or a
/// list of either (the first).
fn image_url(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Object(object) => object
            .get("url")
            .or_else(|| object.get("contentUrl"))
            .and_then(image_url),
        Value::Array(items) => items.iter().find_map(image_url),
        _ => None,
    }
}

/// A comma-separated string or an array of strings, as a list.
fn string_list(value: Option<&Value>) -> Vec<String> {
    let items: Vec<&str> = match value {
        Some(Value::String(s)) => s.split(',').collect(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_with_person_array() {
        let script = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Ledger"},
            {"@type":["NewsArticle"],"headline":"Port expands","datePublished":"2024-05-02T08:00:00+02:00",
             "author":[{"@type":"Person","name":"Dana Whitfield"},{"@type":"Person","name":"Li Wei"}],
             "publisher":{"@type":"Organization","name":"Harbor Ledger"}}]}"#;
        let ld = JsonLd::from_scripts([script].into_iter());
        assert_eq!(ld.headline.as_deref(), Some("Port expands"));
        assert_eq!(ld.authors, vec!["Dana Whitfield", "Li Wei"]);
        assert_eq!(ld.publisher.as_deref(), Some("Harbor Ledger"));
        assert_eq!(ld.website_name.as_deref(), Some("The Ledger"));
        assert_eq!(
            ld.date_published.as_deref(),
            Some("2024-05-02T08:00:00+02:00")
        );
    }

    #[test]
    fn author_given_by_reference_is_resolved() {
        // Yoast SEO: the article names its author by `@id`; the Person node
        // comes later in the graph, or in another script.
        let article = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"BlogPosting","@id":"https://x.example/a/#article","headline":"Tides",
             "author":{"@id":"https://x.example/#/schema/person/42"}},
            {"@type":"WebPage","@id":"https://x.example/a/","name":"Tides - X"}]}"#;
        let person = r#"{"@type":"Person","@id":"https://x.example/#/schema/person/42",
            "name":"Mara Lind"}"#;
        let ld = JsonLd::from_scripts([article, person].into_iter());
        assert_eq!(ld.authors, vec!["Mara Lind"]);
        let unresolved = JsonLd::from_scripts([article].into_iter());
        assert!(unresolved.authors.is_empty());
    }

    #[test]
    fn garbage_is_ignored() {
        let ld = JsonLd::from_scripts(["{not json", "[[[[[[[[[[[[1]]]]]]]]]]]]"].into_iter());
        assert!(ld.headline.is_none());
    }
}
