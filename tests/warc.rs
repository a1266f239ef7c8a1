//! `decant warc`, run as a process on archives built here: plain and gzip,
//! stdin, skips and their counts, failures reported while the rest goes on,
//! archive order with several workers, the charset from the HTTP header.
#![cfg(feature = "warc")]

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// A page with an article that names `n`.
fn page(n: usize) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Report number {n} | The Ledger</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Report number {n}</h1>\
         <p>The council met on Tuesday to discuss item {n}, a proposal that had waited for months, \
         and after a long debate it voted to send the plan back for another review.</p>\
         <p>Residents who spoke at the meeting said item {n} would change the harbour front, \
         while the mayor said the city could not afford to wait another year.</p></article>\
         <footer>All rights reserved</footer></body></html>"
    )
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn record(kind: &str, id: usize, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:test-{id}>\r\n\
         WARC-Date: 2024-03-0{}T10:00:00Z\r\nWARC-Target-URI: https://ledger.example/r/{id}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        id % 9 + 1,
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn html_response(id: usize) -> Vec<u8> {
    record(
        "response",
        id,
        "application/http; msgtype=response",
        &http("200 OK", "text/html; charset=utf-8", page(id).as_bytes()),
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Records 1..=8: 4 HTML pages and 4 skips (a request, an image, a 404, a
/// warcinfo), plus a `resource` HTML record (9).
fn mixed_records() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            1,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        html_response(2),
        record(
            "request",
            3,
            "application/http; msgtype=request",
            b"GET /r/3 HTTP/1.1\r\nHost: ledger.example\r\n\r\n",
        ),
        html_response(4),
        record(
            "response",
            5,
            "application/http; msgtype=response",
            &http("200 OK", "image/png", b"\x89PNG\r\n\x1a\nnot really"),
        ),
        record(
            "response",
            6,
            "application/http; msgtype=response",
            &http("404 Not Found", "text/html", page(6).as_bytes()),
        ),
        html_response(7),
        html_response(8),
        record("resource", 9, "text/html", page(9).as_bytes()),
    ]
}

fn warc_cmd(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("decant").unwrap();
    cmd.current_dir(dir).arg("warc");
    cmd.timeout(Duration::from_secs(120));
    cmd
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ids(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["warc_record_id"].as_str().unwrap_or("-").to_owned())
        .collect()
}

#[test]
fn plain_warc_skips_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.warc"), mixed_records().concat()).unwrap();
    let out = warc_cmd(dir.path()).arg("a.warc").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out.stdout);
    assert_eq!(
        ids(&got),
        [
            "<urn:uuid:test-2>",
            "<urn:uuid:test-4>",
            "<urn:uuid:test-7>",
            "<urn:uuid:test-8>",
            "<urn:uuid:test-9>"
        ]
    );
    let first = &got[0];
    assert_eq!(first["url"], "https://ledger.example/r/2");
    assert_eq!(first["warc_date"], "2024-03-03T10:00:00Z");
    assert_eq!(first["source"], "a.warc");
    assert_eq!(first["title"], "Report number 2");
    assert!(first["text"].as_str().unwrap().contains("discuss item 2"));
    assert!(
        !first["text"]
            .as_str()
            .unwrap()
            .contains("All rights reserved")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "9 records, 5 html, 5 extracted, 0 failed, 4 skipped \
             (2 not response/resource, 1 not HTML, 1 not status 200)"
        ),
        "{stderr}"
    );
}

#[test]
fn gzip_members_and_stdin_match_plain() {
    let dir = tempfile::tempdir().unwrap();
    let records = mixed_records();
    std::fs::write(dir.path().join("a.warc"), records.concat()).unwrap();
    let members: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    std::fs::write(dir.path().join("a.warc.gz"), &members).unwrap();
    let plain = warc_cmd(dir.path()).arg("a.warc").output().unwrap();
    let gzipped = warc_cmd(dir.path()).arg("a.warc.gz").output().unwrap();
    let stdin = warc_cmd(dir.path())
        .arg("-")
        .write_stdin(members)
        .output()
        .unwrap();
    let strip = |out: &[u8]| -> Vec<Value> {
        lines(out)
            .into_iter()
            .map(|mut l| {
                l.as_object_mut().unwrap().remove("source");
                l
            })
            .collect()
    };
    assert_eq!(strip(&plain.stdout).len(), 5);
    assert_eq!(strip(&plain.stdout), strip(&gzipped.stdout));
    assert_eq!(strip(&plain.stdout), strip(&stdin.stdout));
    assert_eq!(lines(&stdin.stdout)[0]["source"], "-");
    // One gzip stream for the whole archive reads the same.
    let one = warc_cmd(dir.path())
        .arg("-")
        .write_stdin(gz(&records.concat()))
        .output()
        .unwrap();
    assert_eq!(strip(&plain.stdout), strip(&one.stdout));
}

#[test]
fn failures_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Vec::new();
    archive.extend(gz(&html_response(1)));
    // A corrupt record: no Content-Length, a broken header.
    archive.extend(gz(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:test-2>\r\nnot a header\r\n\r\n",
    ));
    archive.extend(gz(&html_response(3)));
    // A truncated gzip member.
    let member = gz(&html_response(4));
    archive.extend(&member[..member.len() * 2 / 3]);
    archive.extend(gz(&html_response(5)));
    // A record over the limit.
    let big = "x".repeat(200_000);
    archive.extend(gz(&record(
        "response",
        6,
        "application/http; msgtype=response",
        &http("200 OK", "text/html", big.as_bytes()),
    )));
    archive.extend(gz(&html_response(7)));
    std::fs::write(dir.path().join("bad.warc.gz"), &archive).unwrap();
    let out = warc_cmd(dir.path())
        .args(["--max-bytes", "100000", "bad.warc.gz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    let ok: Vec<&str> = got
        .iter()
        .filter(|l| l.get("error").is_none())
        .map(|l| l["warc_record_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ok,
        [
            "<urn:uuid:test-1>",
            "<urn:uuid:test-3>",
            "<urn:uuid:test-5>",
            "<urn:uuid:test-7>"
        ]
    );
    let errors: Vec<&Value> = got.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 3, "{got:?}");
    let messages: Vec<&str> = errors
        .iter()
        .map(|e| e["error"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("malformed"), "{messages:?}");
    assert!(messages[1].contains("gzip"), "{messages:?}");
    assert!(messages[2].contains("over the limit"), "{messages:?}");
    assert_eq!(errors[0]["warc_record_id"], "<urn:uuid:test-2>");
    // Found in what the truncated member decoded to.
    assert_eq!(errors[1]["warc_record_id"], "<urn:uuid:test-4>");
    assert_eq!(errors[2]["warc_record_id"], "<urn:uuid:test-6>");
    assert_eq!(errors[2]["source"], "bad.warc.gz");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("7 records, 4 html, 4 extracted, 3 failed, 0 skipped"),
        "{stderr}"
    );
}

#[test]
fn output_in_archive_order_with_two_workers() {
    let dir = tempfile::tempdir().unwrap();
    // Pages of very different sizes, so workers finish out of order.
    let mut archive = Vec::new();
    for id in 0..100 {
        let mut body = page(id);
        if id % 7 == 0 {
            let filler =
                "<p>A long paragraph of filler text, with commas, to slow this one down.</p>"
                    .repeat(400);
            body = body.replace("</article>", &format!("{filler}</article>"));
        }
        archive.extend(gz(&record(
            "response",
            id,
            "application/http; msgtype=response",
            &http("200 OK", "text/html", body.as_bytes()),
        )));
    }
    std::fs::write(dir.path().join("many.warc.gz"), &archive).unwrap();
    let out = warc_cmd(dir.path())
        .args(["-j", "2", "many.warc.gz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let expected: Vec<String> = (0..100).map(|id| format!("<urn:uuid:test-{id}>")).collect();
    assert_eq!(ids(&lines(&out.stdout)), expected);
}

#[test]
fn charset_from_the_http_header() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 bytes, no <meta charset>: only the HTTP header says so.
    let body = page(1).replace(
        "a proposal that had waited for months",
        "a caf\u{e9} cr\u{e8}me proposal",
    );
    let latin1: Vec<u8> = body.chars().map(|c| c as u32 as u8).collect();
    let archive = record(
        "response",
        1,
        "application/http; msgtype=response",
        &http("200 OK", "text/html; charset=ISO-8859-1", &latin1),
    );
    std::fs::write(dir.path().join("latin1.warc"), archive).unwrap();
    let out = warc_cmd(dir.path()).arg("latin1.warc").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out.stdout);
    assert!(
        got[0]["text"]
            .as_str()
            .unwrap()
            .contains("a café crème proposal"),
        "{:?}",
        got[0]["text"]
    );
}

#[test]
fn missing_archive_is_reported_and_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.warc"), html_response(1)).unwrap();
    let out = warc_cmd(dir.path())
        .args(["missing.warc.gz", "a.warc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2);
    assert!(got[0]["error"].as_str().unwrap().contains("cannot open"));
    assert_eq!(got[1]["warc_record_id"], "<urn:uuid:test-1>");
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let archive: Vec<u8> = (0..400).flat_map(|id| gz(&html_response(id))).collect();
    std::fs::write(dir.path().join("many.warc.gz"), archive).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("decant"))
        .current_dir(dir.path())
        .args(["warc", "-j", "2", "many.warc.gz"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("<urn:uuid:test-0>"));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}
