//! Data-driven tests: every folder in `fixtures/` is one named test.
//!
//! A folder holds `page.html` (or `page.html.gz`), `case.json` with what
//! must hold, and optionally `expected.txt` / `expected.md` with the exact
//! output. `DECANT_BLESS=1 cargo test --test fixtures` rewrites the
//! `expected.*` files that exist from the current output (review the diff
//! before committing); a case with `"bless_text": true` gets `expected.txt`
//! created.

use std::io::Read;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    let trials = dirs
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            Trial::test(name, move || run_case(&dir))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn read_page(dir: &Path) -> Result<Vec<u8>, Failed> {
    let plain = dir.join("page.html");
    if plain.is_file() {
        return Ok(std::fs::read(plain)?);
    }
    let gz = std::fs::read(dir.join("page.html.gz"))?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..]).read_to_end(&mut out)?;
    Ok(out)
}

fn run_case(dir: &Path) -> Result<(), Failed> {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("case.json"))?)?;
    let bytes = read_page(dir)?;
    let url = case["url"].as_str();
    let content_type = case["content_type"].as_str();
    let options = decant::Options::default()
        .markdown(decant::Markdown::WithTitle)
        .comments(true);
    let article = decant::Extractor::new(options)
        .extract_bytes(&bytes, url, content_type)
        .map_err(|e| format!("extraction failed: {e}"))?;
    let mut problems = Vec::new();

    let no_article_ok = case["no_article_ok"].as_bool().unwrap_or(false);
    if article.text.is_empty() && !no_article_ok {
        problems.push("text is empty".to_owned());
    }
    let expect = &case["expect"];
    for (field, actual) in [
        ("title", &article.title),
        ("byline", &article.byline),
        ("date", &article.date),
        ("lang", &article.lang),
        ("site_name", &article.site_name),
        ("modified", &article.modified),
        ("description", &article.description),
        ("url", &article.url),
        ("image", &article.image),
    ] {
        let Some(wanted) = expect.get(field) else {
            continue;
        };
        let ok = match (wanted, actual) {
            (Value::Null, None) => true,
            (Value::String(w), Some(a)) if field == "date" => a.starts_with(w.as_str()),
            (Value::String(w), Some(a)) => a == w,
            _ => false,
        };
        if !ok {
            problems.push(format!("{field}: wanted {wanted}, got {actual:?}"));
        }
    }
    // Lists: compared whole, `null` for none.
    for (field, actual) in [("tags", &article.tags), ("categories", &article.categories)] {
        let Some(wanted) = expect.get(field) else {
            continue;
        };
        let actual = serde_json::to_value(actual).unwrap_or(Value::Null);
        if *wanted != actual {
            problems.push(format!("{field}: wanted {wanted}, got {actual}"));
        }
    }
    for needle in expect["text_contains"].as_array().into_iter().flatten() {
        let needle = needle.as_str().unwrap_or_default();
        if !article.text.contains(needle) {
            problems.push(format!("text lacks {needle:?}"));
        }
    }
    for needle in expect["text_excludes"].as_array().into_iter().flatten() {
        let needle = needle.as_str().unwrap_or_default();
        if article.text.contains(needle) {
            problems.push(format!("text holds boilerplate {needle:?}"));
        }
    }
    for needle in expect["text_once"].as_array().into_iter().flatten() {
        let needle = needle.as_str().unwrap_or_default();
        let count = article.text.matches(needle).count();
        if count != 1 {
            problems.push(format!("text holds {needle:?} {count} times, wanted once"));
        }
    }
    check_comments(&case, &article, &mut problems);
    let bless = std::env::var_os("DECANT_BLESS").is_some();
    let expected_files = [
        (
            "expected.txt",
            article.text.clone(),
            case["bless_text"].as_bool() == Some(true),
        ),
        (
            "expected.md",
            article.markdown.clone().unwrap_or_default(),
            case["bless_markdown"].as_bool() == Some(true),
        ),
    ];
    for (file, actual, create) in expected_files {
        let path = dir.join(file);
        if bless && (path.is_file() || create) {
            std::fs::write(&path, format!("{actual}\n"))?;
            continue;
        }
        if let Ok(wanted) = std::fs::read_to_string(&path)
            && wanted.trim_end() != actual.trim_end()
        {
            problems.push(format!(
                "{file} differs:\n{}",
                diff(wanted.trim_end(), actual.trim_end())
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n--- text ---\n{}", problems.join("\n"), article.text).into())
    }
}

/// `"comments": [{"author", "date", "text_contains"}]` in case.json: the
/// comments found, in order.
fn check_comments(case: &Value, article: &decant::Article, problems: &mut Vec<String>) {
    let Some(wanted) = case["comments"].as_array() else {
        return;
    };
    let found = article.comments.as_deref().unwrap_or_default();
    if found.len() != wanted.len() {
        problems.push(format!(
            "comments: wanted {}, found {}: {found:#?}",
            wanted.len(),
            found.len()
        ));
        return;
    }
    for (n, (want, got)) in wanted.iter().zip(found).enumerate() {
        if let Some(author) = want["author"].as_str()
            && got.author.as_deref() != Some(author)
        {
            problems.push(format!(
                "comment {n}: author {:?}, wanted {author:?}",
                got.author
            ));
        }
        if let Some(date) = want["date"].as_str()
            && !got.date.as_deref().is_some_and(|d| d.starts_with(date))
        {
            problems.push(format!("comment {n}: date {:?}, wanted {date:?}", got.date));
        }
        if let Some(text) = want["text_contains"].as_str()
            && !got.text.contains(text)
        {
            problems.push(format!("comment {n}: text {:?} lacks {text:?}", got.text));
        }
    }
}

/// A short line diff: the lines only in one side, marked - (wanted) and +
/// (actual), in order.
fn diff(wanted: &str, actual: &str) -> String {
    let w: Vec<&str> = wanted.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < w.len() || j < a.len() {
        if i < w.len() && j < a.len() && w[i] == a[j] {
            i += 1;
            j += 1;
        } else if i < w.len() && !a[j..].contains(&w[i]) {
            out.push_str(&format!("- {}\n", w[i]));
            i += 1;
        } else if j < a.len() {
            out.push_str(&format!("+ {}\n", a[j]));
            j += 1;
        } else {
            i += 1;
        }
    }
    out
}
