//! The explain report opened in a real browser (headless Chromium): the
//! rendered DOM must hold the kept and dropped blocks with their labels, and
//! a screenshot is kept in `target/explain-artifacts/` (not committed).
//!
//! Needs `/usr/bin/chromium` (Debian's `chromium`; `.ci/run` installs it).
//! Without it the test is skipped, unless `DECANT_BROWSER_TEST=1` (set by
//! `.ci/run`) makes a missing browser a failure. No network: the report is a
//! local file and its Content-Security-Policy forbids fetching anything.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

const CHROMIUM: &str = "/usr/bin/chromium";
const FIXTURE: &str = "fixtures/explain-blog-post/page.html";
const URL: &str = "https://coastline-notes.example/blog/lighthouse-keepers-time";

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("explain-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
fn report_renders_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("DECANT_BROWSER_TEST").is_none(),
            "DECANT_BROWSER_TEST is set but {CHROMIUM} is missing (apt-get install chromium)"
        );
        eprintln!("skipped: {CHROMIUM} not installed");
        return;
    }
    let html =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).unwrap();
    let explanation = decant::Extractor::default()
        .explain(&html, Some(URL))
        .unwrap();
    let dir = artifacts();
    let report = dir.join("report.html");
    std::fs::write(&report, explanation.report_html()).unwrap();
    let url = format!("file://{}", report.display());
    let profile = tempfile::tempdir().unwrap();

    let dumped = chromium(profile.path(), &["--dump-dom", &url]);
    assert!(
        dumped.status.success(),
        "{}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    let dom = Html::parse_document(&String::from_utf8_lossy(&dumped.stdout));
    let select = |css: &str| {
        dom.select(&Selector::parse(css).unwrap())
            .collect::<Vec<_>>()
    };
    let kept = select("#blocks .block.kept");
    let dropped = select("#blocks .block.dropped");
    assert_eq!(kept.len(), 5, "kept blocks in the rendered DOM");
    assert!(
        kept[0]
            .text()
            .collect::<String>()
            .contains("set the station clock by the sun")
    );
    let labels: Vec<String> = dropped
        .iter()
        .map(|d| d.text().collect::<String>())
        .collect();
    for wanted in [
        "cue: see-also (\"see also\")",
        "link density 1.00 > 0.33",
        "hidden: display:none",
        "form: 3 field(s)",
    ] {
        assert!(
            labels.iter().any(|l| l.contains(wanted)),
            "no dropped block labelled {wanted:?}: {labels:#?}"
        );
    }
    let hovers: Vec<&str> = dropped.iter().filter_map(|d| d.attr("title")).collect();
    assert!(hovers.contains(&"dropped by prepare: hidden: display:none"));
    assert_eq!(
        select("#blocks > .chosen .block").len(),
        9,
        "blocks inside the outline"
    );
    assert!(select("script").is_empty());

    let png = dir.join("report.png");
    let _ = std::fs::remove_file(&png);
    let shot = chromium(
        profile.path(),
        &[
            "--window-size=1000,1150",
            &format!("--screenshot={}", png.display()),
            &url,
        ],
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    eprintln!("screenshot: {}", png.display());
}
