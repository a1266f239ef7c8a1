//! `decant extract` with URL inputs, against a loopback server the tests
//! start: output order, error lines, limits, input lists.
#![cfg(feature = "fetch")]

mod support;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use support::http_server::{ARTICLE_SENTENCE, ARTICLE_TITLE, TestServer, article_html};

fn decant() -> Command {
    let mut cmd = Command::cargo_bin("decant").unwrap();
    cmd.timeout(Duration::from_secs(120));
    cmd
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn url_input_gives_its_article() {
    let server = TestServer::start();
    let output = decant()
        .args(["extract", &server.url("/article")])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(ARTICLE_SENTENCE));
    assert!(!text.contains("All rights reserved"));
}

#[test]
fn mixed_batch_keeps_input_order_and_reports_each_failure() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("local.html");
    std::fs::write(&file, article_html("Read from disk.")).unwrap();
    let inputs = [
        server.url("/hop/2"),
        file.to_string_lossy().into_owned(),
        server.url("/missing"),
        server.url("/pdf"),
        server.url("/broken"),
        server.url("/loop/a"),
        server.url("/latin1"),
        server.url("/gzip"),
    ];
    let output = decant()
        .args(["extract", "--format", "jsonl"])
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed fetch makes exit code 1"
    );
    let lines = json_lines(&output.stdout);
    assert_eq!(lines.len(), inputs.len());
    for (line, input) in lines.iter().zip(&inputs) {
        assert_eq!(line["source"], input.as_str());
    }
    // The redirect chain: the article, with the final URL.
    assert_eq!(lines[0]["title"], ARTICLE_TITLE);
    assert_eq!(lines[0]["url"], server.url("/article"));
    assert!(
        lines[1]["text"]
            .as_str()
            .unwrap()
            .contains("Read from disk.")
    );
    let error = |i: usize| lines[i]["error"].as_str().unwrap_or_default().to_owned();
    assert!(error(2).contains("HTTP 404"), "{}", error(2));
    assert!(
        error(3).contains("application/pdf, not HTML"),
        "{}",
        error(3)
    );
    assert!(error(4).contains("HTTP 500"), "{}", error(4));
    assert!(error(5).contains("redirect loop"), "{}", error(5));
    assert!(
        lines[6]["text"]
            .as_str()
            .unwrap()
            .contains("Café crème brûlée")
    );
    assert!(
        lines[7]["text"]
            .as_str()
            .unwrap()
            .contains("Served compressed.")
    );
    // One diagnostic per failure on stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("decant: http"))
            .count(),
        4,
        "{stderr}"
    );
}

#[test]
fn timeout_flag_ends_a_trickling_fetch() {
    let server = TestServer::start();
    let started = Instant::now();
    let output = decant()
        .args(["extract", "--format", "jsonl", "--timeout", "1.5"])
        .arg(server.url("/trickle"))
        .arg(server.url("/article"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output.stdout);
    assert!(
        lines[0]["error"].as_str().unwrap().contains("timed out"),
        "{:?}",
        lines[0]
    );
    assert_eq!(lines[1]["title"], ARTICLE_TITLE);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}

fn children_max_rss_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a full rusage struct into the pointer.
    unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init().ru_maxrss
    }
}

#[test]
fn endless_body_is_cut_at_max_bytes_in_small_memory() {
    let server = TestServer::start();
    let output = decant()
        .args(["extract", "--format", "jsonl", "--max-bytes", "2000000"])
        .arg(server.url("/endless"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output.stdout);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("over the limit of 2000000 bytes"),
        "{:?}",
        lines[0]
    );
    // Peak RSS of any child so far (all small runs): the endless body was
    // never buffered beyond the limit.
    let rss_mib = children_max_rss_kib() / 1024;
    assert!(rss_mib < 300, "peak child RSS {rss_mib} MiB");
}

#[test]
fn input_file_lists_paths_and_urls_from_a_file_or_stdin() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("local.html");
    std::fs::write(&file, article_html("Read from disk.")).unwrap();
    let list = format!(
        "# pages to extract\n{}\n\n{}\n{}\n",
        server.url("/article"),
        file.display(),
        server.url("/json")
    );
    let list_path = dir.path().join("inputs.txt");
    std::fs::write(&list_path, &list).unwrap();

    let from_file = decant()
        .args(["extract", "--format", "jsonl", "--input-file"])
        .arg(&list_path)
        .output()
        .unwrap();
    let from_stdin = decant()
        .args(["extract", "--format", "jsonl", "-i", "-"])
        .write_stdin(list)
        .output()
        .unwrap();
    for output in [from_file, from_stdin] {
        assert_eq!(output.status.code(), Some(1));
        let lines = json_lines(&output.stdout);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["title"], ARTICLE_TITLE);
        assert!(
            lines[1]["text"]
                .as_str()
                .unwrap()
                .contains("Read from disk.")
        );
        assert!(
            lines[2]["error"]
                .as_str()
                .unwrap()
                .contains("application/json, not HTML")
        );
    }
}

#[test]
fn user_agent_flag_is_sent() {
    let server = TestServer::start();
    let output = decant()
        .args(["extract", "--user-agent", "harbour-bot/2"])
        .arg(server.url("/agent"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("Visitor agent: harbour-bot/2."));
}

#[test]
fn retries_flag_waits_out_a_busy_server() {
    let server = TestServer::start();
    let output = decant()
        .args(["extract", "--retries", "2"])
        .arg(server.url("/busy"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Back after a pause."));
}

#[test]
fn one_host_gets_at_most_per_host_fetches_at_once() {
    let server = TestServer::start();
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/slow/{i}"))).collect();
    let output = decant()
        .args([
            "extract",
            "--format",
            "jsonl",
            "--concurrency",
            "8",
            "--per-host",
            "2",
        ])
        .args(&urls)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = json_lines(&output.stdout);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["source"], urls[i].as_str());
    }
    let most = server.max_slow_in_flight();
    assert!(
        (1..=2).contains(&most),
        "{most} fetches at once to one host"
    );
}

#[test]
fn bad_fetch_flags_are_usage_errors() {
    let output = decant()
        .args(["extract", "--timeout", "0", "http://127.0.0.1:9/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--timeout must be a positive number")
    );
}
