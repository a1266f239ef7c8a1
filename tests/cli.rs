//! The `decant` command line, run as a process: output formats, inputs
//! (files, directories, `.gz`, stdin), batch behaviour, exit codes, limits,
//! output order and broken pipes.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// The fields of a JSON record for an input that gave a result, in order.
const RECORD_FIELDS: &[&str] = &[
    "source",
    "url",
    "title",
    "byline",
    "date",
    "modified",
    "site_name",
    "lang",
    "description",
    "image",
    "tags",
    "categories",
    "text",
    "page_type",
    "confidence",
];

const WORDPRESS: &str = "fixtures/wordpress-see-also/page.html";
const GZIPPED: &str = "fixtures/gzipped-page/page.html.gz";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `decant extract`, run from the crate root so fixture paths can be given
/// relative (and come back verbatim as `source`).
fn extract_cmd() -> Command {
    let mut cmd = Command::cargo_bin("decant").unwrap();
    cmd.current_dir(root()).arg("extract");
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// A fixture's `case.json`.
fn case(name: &str) -> Value {
    let path = root().join("fixtures").join(name).join("case.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Every fixture's page, relative to the crate root, sorted by folder.
fn fixture_pages() -> Vec<String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_str().unwrap();
            let page = if dir.join("page.html").is_file() {
                "page.html"
            } else {
                "page.html.gz"
            };
            format!("fixtures/{name}/{page}")
        })
        .collect()
}

/// Parses JSON Lines output, one value per line.
fn jsonl(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("invalid JSON line {line:?}: {e}"))
        })
        .collect()
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn read_fixture(relative: &str) -> Vec<u8> {
    std::fs::read(root().join(relative)).unwrap()
}

/// Checks a result record's keys: exactly the record fields, plus
/// `warnings` only when non-empty.
fn assert_record_shape(record: &Value) {
    let object = record.as_object().expect("record is an object");
    for field in RECORD_FIELDS {
        assert!(object.contains_key(*field), "missing {field}: {record}");
    }
    for key in object.keys() {
        assert!(
            RECORD_FIELDS.contains(&key.as_str()) || key == "warnings",
            "unexpected key {key}: {record}"
        );
    }
    if let Some(warnings) = object.get("warnings") {
        assert!(
            !strings(warnings).is_empty(),
            "warnings present but empty: {record}"
        );
    }
    assert!(record["text"].is_string());
}

/// Checks an article record against a fixture's `expect`.
fn assert_matches_case(record: &Value, case_name: &str) {
    assert_record_shape(record);
    let case = case(case_name);
    let expect = &case["expect"];
    for field in ["title", "byline", "date", "lang", "site_name"] {
        let (Some(expected), actual) = (expect.get(field), &record[field]) else {
            continue;
        };
        // As in tests/fixtures.rs: a case's date is a prefix of the output
        // (which may carry a time and offset); `null` must come out null.
        let ok = match (expected, actual) {
            (Value::String(e), Value::String(a)) if field == "date" => a.starts_with(e.as_str()),
            _ => expected == actual,
        };
        assert!(ok, "{case_name}: {field}: wanted {expected}, got {actual}");
    }
    let text = record["text"].as_str().unwrap();
    for needle in strings(&expect["text_contains"]) {
        assert!(text.contains(needle), "{case_name}: text lacks {needle:?}");
    }
    for needle in strings(&expect["text_excludes"]) {
        assert!(!text.contains(needle), "{case_name}: text has {needle:?}");
    }
}

#[test]
fn text_output_has_the_body_and_not_the_boilerplate() {
    let case = case("wordpress-see-also");
    let output = extract_cmd().arg(WORDPRESS).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    let contains = strings(&case["expect"]["text_contains"]);
    let excludes = strings(&case["expect"]["text_excludes"]);
    assert!(!contains.is_empty() && !excludes.is_empty());
    for needle in contains {
        assert!(text.contains(needle), "text lacks {needle:?}:\n{text}");
    }
    for needle in excludes {
        assert!(!text.contains(needle), "text has {needle:?}:\n{text}");
    }
    // Plain text: no markup, no JSON, no "==>" header for a single input.
    assert!(!text.contains("<p>"));
    assert!(!text.starts_with('{'));
    assert!(!text.contains("==>"));
    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
}

#[test]
fn json_output_is_one_pretty_record() {
    let output = extract_cmd()
        .args(["--format", "json", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let record: Value = serde_json::from_str(&stdout).expect("stdout is one JSON value");
    assert!(stdout.lines().count() > 1, "json is pretty-printed");
    assert_eq!(record["source"], WORDPRESS);
    assert_eq!(
        record["url"],
        case("wordpress-see-also")["url"],
        "canonical URL of the page"
    );
    assert_matches_case(&record, "wordpress-see-also");
}

#[test]
fn jsonl_output_is_one_line_per_input() {
    let inputs = [WORDPRESS, GZIPPED, "fixtures/news-jsonld-cookie/page.html"];
    let output = extract_cmd()
        .args(["--format", "jsonl"])
        .args(inputs)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    let records = jsonl(&output.stdout);
    for (record, input) in records.iter().zip(inputs) {
        assert_eq!(record["source"], input);
    }
    assert_matches_case(&records[0], "wordpress-see-also");
    assert_matches_case(&records[1], "gzipped-page");
    assert_matches_case(&records[2], "news-jsonld-cookie");
}

#[test]
fn several_inputs_default_to_jsonl() {
    let output = extract_cmd().args([WORDPRESS, GZIPPED]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], WORDPRESS);
    assert_eq!(records[1]["source"], GZIPPED);
}

#[test]
fn text_output_of_several_inputs_has_headers() {
    let output = extract_cmd()
        .args(["--format", "text", WORDPRESS, GZIPPED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    let first = text
        .find(&format!("==> {WORDPRESS} <=="))
        .expect("header 1");
    let second = text.find(&format!("==> {GZIPPED} <==")).expect("header 2");
    assert!(first < second);
    let port = text.find("the council voted 7 to 2").unwrap();
    let monarchs = text.find("tallied 31,400 insects").unwrap();
    assert!(first < port && port < second && second < monarchs);
}

#[test]
fn markdown_output_starts_with_the_title() {
    let title = case("wordpress-see-also")["expect"]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    let output = extract_cmd()
        .args(["--format", "markdown", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let markdown = stdout_of(&output);
    assert!(
        markdown.starts_with(&format!("# {title}\n")),
        "{}",
        &markdown[..markdown.len().min(200)]
    );
    assert!(markdown.contains("the council voted 7 to 2 on Tuesday"));
    assert!(!markdown.contains("Leave a Reply"));
}

#[test]
fn html_output_is_clean_markup() {
    let output = extract_cmd()
        .args(["--format", "html", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let html = stdout_of(&output);
    assert!(html.contains("<p>"), "{html}");
    assert!(html.contains("the council voted 7 to 2 on Tuesday"));
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<style",
        "<form",
        "<nav",
        " onclick",
        "javascript:",
    ] {
        assert!(!lower.contains(bad), "html output contains {bad}");
    }
    assert!(!html.contains("Leave a Reply"));
}

#[test]
fn directory_is_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    std::fs::create_dir_all(base.join("b-nested/deeper")).unwrap();
    // Written out of order, so read_dir order is unlikely to be sorted.
    std::fs::write(
        base.join("b-nested/deeper/d-french.htm"),
        read_fixture("fixtures/french-a-lire-aussi/page.html"),
    )
    .unwrap();
    std::fs::write(
        base.join("b-nested/c-port.html.gz"),
        gzip(&read_fixture(WORDPRESS)),
    )
    .unwrap();
    std::fs::write(
        base.join("a-reservoir.html"),
        read_fixture("fixtures/news-jsonld-cookie/page.html"),
    )
    .unwrap();
    std::fs::write(base.join("notes.txt"), "not a page <p>at all</p>").unwrap();
    std::fs::write(base.join("b-nested/readme.md"), "# not a page").unwrap();
    std::fs::write(base.join("b-nested/data.json"), "{}").unwrap();

    let dir_arg = base.to_str().unwrap();
    let output = extract_cmd()
        .args(["--format", "jsonl", dir_arg])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let records = jsonl(&output.stdout);
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [
        "a-reservoir.html",
        "b-nested/c-port.html.gz",
        "b-nested/deeper/d-french.htm",
    ]
    .iter()
    .map(|rel| base.join(rel).to_string_lossy().into_owned())
    .collect();
    assert_eq!(sources, expected);
    assert_matches_case(&records[0], "news-jsonld-cookie");
    assert_matches_case(&records[1], "wordpress-see-also");
    assert_matches_case(&records[2], "french-a-lire-aussi");
}

#[test]
fn directory_defaults_to_jsonl_for_several_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.html"), read_fixture(WORDPRESS)).unwrap();
    std::fs::write(dir.path().join("two.xhtml"), read_fixture(WORDPRESS)).unwrap();
    let output = extract_cmd().arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(jsonl(&output.stdout).len(), 2);
}

#[test]
fn gz_file_input() {
    let output = extract_cmd()
        .args(["--format", "json", GZIPPED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["source"], GZIPPED);
    assert_matches_case(&record, "gzipped-page");
}

#[test]
fn file_named_gz_that_is_not_gzip_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.html.gz");
    std::fs::write(&fake, read_fixture(WORDPRESS)).unwrap();
    let fake = fake.to_str().unwrap();
    let output = extract_cmd()
        .args(["--format", "jsonl", fake])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 1);
    let object = records[0].as_object().unwrap();
    assert_eq!(object.len(), 2, "{}", records[0]);
    assert_eq!(records[0]["source"], fake);
    let error = records[0]["error"].as_str().unwrap();
    assert!(error.contains("gzip"), "{error}");
    assert!(stderr_of(&output).contains("fake.html.gz"));
}

#[test]
fn truncated_gzip_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.html.gz");
    let gz = read_fixture(GZIPPED);
    std::fs::write(&broken, &gz[..gz.len() / 2]).unwrap();
    let output = extract_cmd()
        .args(["--format", "jsonl"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 1);
    assert!(records[0]["error"].is_string(), "{}", records[0]);
}

#[test]
fn stdin_with_url() {
    let page = read_fixture("fixtures/div-soup/page.html");
    let url = "https://x.example/a/b";
    for args in [&["-"][..], &[][..]] {
        let output = extract_cmd()
            .args(["--format", "json", "--url", url])
            .args(args)
            .write_stdin(page.clone())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let record: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(record["source"], "-");
        assert_eq!(record["url"], url, "args {args:?}");
        assert!(
            record["text"]
                .as_str()
                .unwrap()
                .contains("was built in 1838 by Josiah Cooper")
        );
    }
}

#[test]
fn stdin_relative_canonical_resolves_against_url() {
    let page = "<html><head><link rel=\"canonical\" href=\"../c/d?x=1\">\
        <title>A page about the mill and its millers</title></head><body><article>\
        <p>The mill was built in 1838 by Josiah Cooper and his two brothers, who dug the race \
        by hand, and it ground grain for the valley for more than a century afterwards.</p>\
        <p>Farmers brought their wheat and corn by wagon, leaving a tenth of their grain as the \
        miller's toll, and waited on the porch while the stones turned.</p></article></body></html>";
    let output = extract_cmd()
        .args(["--format", "json", "--url", "https://x.example/a/b/page"])
        .write_stdin(page)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["url"], "https://x.example/a/c/d?x=1");
}

#[test]
fn stdin_text_and_gzip() {
    let page = read_fixture(WORDPRESS);
    let output = extract_cmd().write_stdin(page.clone()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("the council voted 7 to 2 on Tuesday"));
    // Gzip on stdin is recognised by its magic bytes.
    let output = extract_cmd().write_stdin(gzip(&page)).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("the council voted 7 to 2 on Tuesday"));
}

#[test]
fn content_type_charset_is_used() {
    let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body><article>\
        <p>We met at the caf\xe9 on the corner, where the tables are small, the coffee is strong, \
        and the owner, who has run it for thirty years, knows every regular by name.</p>\
        <p>It opens at seven in the morning and closes when the last customer leaves, which on \
        a warm evening in summer can be well after midnight.</p>"
        .to_vec();
    page.extend_from_slice(b"</article></body></html>");
    let output = extract_cmd()
        .args(["--content-type", "text/html; charset=iso-8859-1"])
        .write_stdin(page.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("at the café on the corner"));
    let output = extract_cmd().write_stdin(page).output().unwrap();
    assert!(stdout_of(&output).contains("at the cafй on the corner"));
}

#[test]
fn missing_file_in_a_batch_gives_an_error_line_and_exit_1() {
    let missing = "fixtures/no-such-fixture/page.html";
    let inputs = [WORDPRESS, missing, GZIPPED];
    let output = extract_cmd().args(inputs).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["source"], WORDPRESS);
    assert_eq!(records[1]["source"], missing);
    assert_eq!(records[2]["source"], GZIPPED);

    let error_record = records[1].as_object().unwrap();
    let mut keys: Vec<&str> = error_record.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["error", "source"]);
    let error = records[1]["error"].as_str().unwrap();
    assert!(error.contains(missing), "{error}");

    assert_matches_case(&records[0], "wordpress-see-also");
    assert_matches_case(&records[2], "gzipped-page");
    assert!(stderr_of(&output).contains(missing));
}

#[test]
fn missing_single_file_exits_1() {
    let output = extract_cmd()
        .arg("fixtures/no-such-fixture/page.html")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(stderr_of(&output).contains("no-such-fixture"));
}

#[test]
fn input_without_an_article_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let output = extract_cmd().arg(&empty).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("no article"));

    let output = extract_cmd()
        .write_stdin("<html><body></body></html>")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout_of(&output).trim().is_empty());

    // In a batch, the page without an article is a record with empty text
    // (and a warning), and the exit code is 1.
    let output = extract_cmd()
        .args(["--format", "jsonl", WORDPRESS])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 2);
    assert_record_shape(&records[1]);
    assert_eq!(records[1]["text"], "");
    assert!(!strings(&records[1]["warnings"]).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    // --url and --content-type need a single input.
    for flag in ["--url=https://x.example/", "--content-type=text/html"] {
        let output = extract_cmd()
            .args([flag, WORDPRESS, GZIPPED])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(output.stdout.is_empty());
        assert!(stderr_of(&output).contains("single input"), "{flag}");
    }
    // Unknown flag, bad format, bad number, no subcommand.
    for args in [
        &["extract", "--no-such-flag", WORDPRESS][..],
        &["extract", "--format", "pdf", WORDPRESS],
        &["extract", "--jobs", "many", WORDPRESS],
        &["extract", "--max-bytes", "-5", WORDPRESS],
        &["frobnicate"],
        &[],
    ] {
        let output = Command::cargo_bin("decant")
            .unwrap()
            .current_dir(root())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn invalid_url_is_reported() {
    let output = extract_cmd()
        .args(["--url", "not a url", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "a bad --url is a usage error"
    );
    assert!(output.stdout.is_empty());
    assert!(
        stderr_of(&output).contains("not a url"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn version_and_help_exit_0() {
    let output = Command::cargo_bin("decant")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_of(&output).trim(),
        format!("decant {}", env!("CARGO_PKG_VERSION"))
    );

    let output = Command::cargo_bin("decant")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout_of(&output).contains("extract"));

    let output = Command::cargo_bin("decant")
        .unwrap()
        .args(["extract", "--help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = stdout_of(&output);
    for flag in [
        "--format",
        "--url",
        "--content-type",
        "--jobs",
        "--max-bytes",
    ] {
        assert!(help.contains(flag), "extract --help lacks {flag}");
    }
}

#[test]
fn max_bytes_limits_input() {
    let output = extract_cmd()
        .args(["--format", "jsonl", "--max-bytes", "100", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = jsonl(&output.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source"], WORDPRESS);
    let error = records[0]["error"].as_str().expect("an error record");
    assert!(error.contains("100"), "{error}");
    assert!(error.contains("limit"), "{error}");

    // The limit applies after decompression: the gzipped fixture is under
    // 5000 bytes on disk but over it unpacked.
    assert!(read_fixture(GZIPPED).len() < 5000);
    let output = extract_cmd()
        .args(["--format", "jsonl", "--max-bytes", "5000", GZIPPED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = jsonl(&output.stdout);
    assert!(
        records[0]["error"].as_str().unwrap().contains("limit"),
        "{}",
        records[0]
    );

    // A limit above the size is fine.
    extract_cmd()
        .args(["--max-bytes", "1000000", WORDPRESS])
        .assert()
        .success();
}

#[test]
fn parallel_output_keeps_input_order() {
    // Reverse order, and more inputs than one internal chunk.
    let mut inputs = fixture_pages();
    inputs.reverse();
    let again = inputs.clone();
    inputs.extend(again.into_iter().step_by(3));
    assert!(inputs.len() >= 10);
    let output = extract_cmd()
        .args(["--format", "jsonl", "-j", "2"])
        .args(&inputs)
        .output()
        .unwrap();
    let records = jsonl(&output.stdout);
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, inputs);
    // The same page gives the same record wherever it sits in the batch.
    let n = fixture_pages().len();
    assert_eq!(records[0], records[n]);
    // Every fixture has an article, but those whose case allows none.
    for record in &records {
        let source = record["source"].as_str().unwrap();
        assert_record_shape(record);
        let case_path = root().join(source).with_file_name("case.json");
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(case_path).unwrap()).unwrap();
        if case["no_article_ok"].as_bool() != Some(true) {
            assert_ne!(record["text"], "", "{source}");
        }
    }
    // The single-job run gives the same bytes.
    let serial = extract_cmd()
        .args(["--format", "jsonl", "--jobs", "1"])
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(serial.stdout, output.stdout);
    assert_eq!(serial.status.code(), output.status.code());
}

/// Spawns `decant extract` over `inputs` with stdout piped, reads one line,
/// closes the pipe and waits (bounded) for the process to end. Returns its
/// exit code and stderr.
fn run_and_close_pipe_early(format: &str, inputs: &[&str]) -> (Option<i32>, String) {
    let stderr_file = tempfile::NamedTempFile::new().unwrap();
    let mut child = std::process::Command::cargo_bin("decant")
        .unwrap()
        .current_dir(root())
        .args(["extract", "--format", format])
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(stderr_file.reopen().unwrap()))
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "got a first line");
    drop(reader);

    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("decant kept running after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(stderr_file.path()).unwrap();
    (status.code(), stderr)
}

#[test]
fn broken_pipe_ends_quietly() {
    let inputs = vec![WORDPRESS; 200];
    for format in ["jsonl", "text"] {
        let (code, stderr) = run_and_close_pipe_early(format, &inputs);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            !stderr.to_ascii_lowercase().contains("broken pipe"),
            "{format}: {stderr}"
        );
        assert!(stderr.trim().is_empty(), "{format}: {stderr}");
        assert_ne!(code, Some(101), "{format}: exit code of a panic");
        assert!(code.is_some(), "{format}: killed by a signal");
    }
}

#[test]
fn deeply_nested_input_does_not_crash() {
    // Run as a process so a stack overflow would show as a signal here
    // instead of aborting the test binary. About 2000 nested elements per
    // shape: html5ever's tree builder is quadratic in nesting depth, so much
    // deeper pages would make this test slow rather than more telling.
    let paragraph = "<p>Deep text, with commas, and enough words to count as a paragraph \
        of running text in an article, written out twice. Deep text, with commas, and enough \
        words to count as a paragraph of running text in an article, written out twice.</p>";
    for (open, close, depth) in [
        ("<div>", "</div>", 2000),
        ("<ul><li>", "</li></ul>", 1000),
        ("<table><tr><td>", "</td></tr></table>", 700),
        ("<blockquote><section>", "</section></blockquote>", 1000),
        ("<b><i><span>", "", 1000),
    ] {
        let page = format!(
            "<html><body>{}{paragraph}{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        );
        let output = extract_cmd()
            .args(["--format", "json"])
            .write_stdin(page)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{open}: {}",
            stderr_of(&output)
        );
        let record: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(
            record["text"]
                .as_str()
                .unwrap()
                .contains("Deep text, with commas"),
            "{open}: {record}"
        );
    }
}

#[test]
fn json_format_with_several_inputs_is_one_array() {
    let output = extract_cmd()
        .args([
            "--format",
            "json",
            WORDPRESS,
            "fixtures/no-such-page.html",
            GZIPPED,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let array: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let items = array.as_array().expect("a JSON array");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["source"], WORDPRESS);
    assert!(items[1]["error"].is_string());
    assert_eq!(items[2]["source"], GZIPPED);
    assert!(!items[2]["text"].as_str().unwrap().is_empty());
}

#[test]
fn empty_directory_is_one_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not html").unwrap();
    let empty = dir.path().to_string_lossy().into_owned();
    let output = extract_cmd()
        .args(["--format", "jsonl", &empty, WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = jsonl(&output.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], empty.as_str());
    assert!(lines[0]["error"].as_str().unwrap().contains("no .html"));
    assert_eq!(lines[1]["source"], WORDPRESS);
    assert!(lines[1]["error"].is_null());
}

const COMMENTS_PAGE: &str = "fixtures/format-comments/page.html";
const TABLE_PAGE: &str = "fixtures/format-table-colspan/page.html";
const FIGURE_PAGE: &str = "fixtures/format-figure-quote/page.html";
const LINKS_PAGE: &str = "fixtures/format-lists-and-emphasis/page.html";

#[test]
fn with_adds_markdown_and_html_fields() {
    let output = extract_cmd()
        .args(["--format", "jsonl", "--with", "markdown,html", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let record = &jsonl(&output.stdout)[0];
    let markdown = record["markdown"].as_str().expect("markdown field");
    assert!(markdown.starts_with("# "), "{markdown}");
    let html = record["html"].as_str().expect("html field");
    assert!(html.contains("<p>"), "{html}");
    // Without --with, neither field is present.
    let plain = extract_cmd()
        .args(["--format", "jsonl", WORDPRESS])
        .output()
        .unwrap();
    let record = &jsonl(&plain.stdout)[0];
    assert!(record.get("markdown").is_none() && record.get("html").is_none());
}

#[test]
fn comments_come_separately_and_only_on_request() {
    let output = extract_cmd()
        .args(["--format", "json", "--comments", COMMENTS_PAGE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    let comments = record["comments"].as_array().expect("comments array");
    assert_eq!(comments.len(), 4, "{comments:#?}");
    assert_eq!(comments[0]["author"], "Maria Lopez");
    assert!(
        comments[0]["date"]
            .as_str()
            .unwrap()
            .starts_with("2024-03-05")
    );
    let first_text = comments[0]["text"].as_str().unwrap();
    assert!(first_text.contains("folded tea towel"));
    assert!(
        !record["text"]
            .as_str()
            .unwrap()
            .contains("folded tea towel")
    );

    let text = extract_cmd()
        .args(["--comments", COMMENTS_PAGE])
        .output()
        .unwrap();
    let text = stdout_of(&text);
    let (body, thread) = text
        .split_once("\n---\nComments\n")
        .expect("comments section");
    assert!(!body.contains("folded tea towel"));
    assert!(thread.contains("Maria Lopez, 2024-03-05"));

    let without = extract_cmd()
        .args(["--format", "json", COMMENTS_PAGE])
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&without.stdout).unwrap();
    assert!(record.get("comments").is_none());
}

#[test]
fn links_images_and_tables_can_be_dropped() {
    let run = |args: &[&str]| {
        let output = extract_cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        stdout_of(&output)
    };
    let markdown = run(&["--format", "markdown", FIGURE_PAGE]);
    assert!(markdown.contains("!["), "{markdown}");
    let no_images = run(&["--format", "markdown", "--no-images", FIGURE_PAGE]);
    assert!(!no_images.contains("!["), "{no_images}");

    let html = run(&["--format", "html", LINKS_PAGE]);
    let no_links = run(&["--format", "html", "--no-links", LINKS_PAGE]);
    assert!(html.contains("<a href="), "{html}");
    assert!(!no_links.contains("<a "), "{no_links}");

    let tables = run(&["--format", "markdown", TABLE_PAGE]);
    assert!(tables.contains("| --- |"), "{tables}");
    let no_tables = run(&["--format", "markdown", "--no-tables", TABLE_PAGE]);
    assert!(!no_tables.contains('|'), "{no_tables}");
    let text = run(&["--no-tables", TABLE_PAGE]);
    assert!(!text.contains("Nightjet |"), "{text}");
}

#[test]
fn markdown_without_title_and_standalone_html() {
    let case = case("wordpress-see-also");
    let title = case["expect"]["title"].as_str().unwrap();
    let output = extract_cmd()
        .args(["--format", "markdown", "--no-title", WORDPRESS])
        .output()
        .unwrap();
    assert!(!stdout_of(&output).starts_with("# "));
    let output = extract_cmd()
        .args(["--format", "html", "--standalone", WORDPRESS])
        .output()
        .unwrap();
    let document = stdout_of(&output);
    assert!(document.starts_with("<!DOCTYPE html>"), "{document}");
    assert!(document.contains(&format!("<h1>{title}</h1>")));
    assert!(document.trim_end().ends_with("</html>"));
}

/// `--focus` takes the three leanings; Recall keeps at least what Balanced
/// keeps on a fixture, Precision at most; an unknown value is a usage error.
#[test]
fn focus_flag_moves_the_output_length() {
    let words_with = |focus: &str| {
        let output = extract_cmd()
            .args(["--focus", focus, WORDPRESS])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        stdout_of(&output).split_whitespace().count()
    };
    let (precision, balanced, recall) = (
        words_with("precision"),
        words_with("balanced"),
        words_with("recall"),
    );
    assert!(precision > 0);
    assert!(
        precision <= balanced && balanced <= recall,
        "{precision} {balanced} {recall}"
    );

    let output = extract_cmd()
        .args(["--focus", "everything", WORDPRESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("--focus"),
        "{}",
        stderr_of(&output)
    );
}
