//! The library's fetcher against a loopback server the tests start.
#![cfg(feature = "fetch")]

mod support;

use std::time::{Duration, Instant};

use decant::{Extractor, FetchError, FetchOptions, Fetched, Fetcher};
use support::http_server::{ARTICLE_SENTENCE, ARTICLE_TITLE, TestServer};

fn run<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

fn fetch(options: FetchOptions, url: &str) -> Result<Fetched, FetchError> {
    let fetcher = Fetcher::new(options).expect("client");
    run(fetcher.fetch(url))
}

fn fetch_default(url: &str) -> Result<Fetched, FetchError> {
    fetch(FetchOptions::default(), url)
}

#[test]
fn fetches_and_extracts_an_article() {
    let server = TestServer::start();
    let fetcher = Fetcher::new(FetchOptions::default()).expect("client");
    let extractor = Extractor::default();
    let article =
        run(fetcher.fetch_and_extract(&extractor, &server.url("/article"))).expect("article");
    assert_eq!(article.title.as_deref(), Some(ARTICLE_TITLE));
    assert!(article.text.contains(ARTICLE_SENTENCE));
    assert!(!article.text.contains("All rights reserved"));
    assert_eq!(
        article.url.as_deref(),
        Some(server.url("/article").as_str())
    );
}

#[test]
fn one_fetcher_serves_many_requests_concurrently() {
    let server = TestServer::start();
    let fetcher = Fetcher::new(FetchOptions::default()).expect("client");
    let pages = run(async {
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let fetcher = fetcher.clone();
            let url = server.url("/article");
            tasks.push(tokio::spawn(async move { fetcher.fetch(&url).await }));
        }
        let mut pages = Vec::new();
        for task in tasks {
            pages.push(task.await.expect("task").expect("page"));
        }
        pages
    });
    assert_eq!(pages.len(), 6);
    assert!(pages.iter().all(|p| p.status == 200 && !p.body.is_empty()));
}

#[test]
fn charset_from_the_header_reaches_the_decoder() {
    let server = TestServer::start();
    let page = fetch_default(&server.url("/latin1")).expect("page");
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=iso-8859-1")
    );
    let article = decant::extract_bytes(&page.body, Some(&page.url), page.content_type.as_deref())
        .expect("article");
    assert!(
        article.text.contains("Café crème brûlée on board."),
        "{}",
        article.text
    );
}

#[test]
fn gzip_bodies_are_decoded() {
    let server = TestServer::start();
    let page = fetch_default(&server.url("/gzip")).expect("page");
    let text = String::from_utf8(page.body).expect("utf-8");
    assert!(text.contains("Served compressed."));
}

#[test]
fn redirect_chain_reports_the_final_url() {
    let server = TestServer::start();
    let page = fetch_default(&server.url("/hop/3")).expect("page");
    assert_eq!(page.url, server.url("/article"));
    let fetcher = Fetcher::new(FetchOptions::default()).expect("client");
    let article = run(fetcher.fetch_and_extract(&Extractor::default(), &server.url("/hop/2")))
        .expect("article");
    assert_eq!(
        article.url.as_deref(),
        Some(server.url("/article").as_str())
    );
}

#[test]
fn too_many_redirects_is_an_error() {
    let server = TestServer::start();
    let error = fetch(
        FetchOptions::default().max_redirects(2),
        &server.url("/hop/5"),
    )
    .unwrap_err();
    assert!(
        matches!(error, FetchError::TooManyRedirects { limit: 2, .. }),
        "{error}"
    );
}

#[test]
fn redirect_loop_is_an_error() {
    let server = TestServer::start();
    let error = fetch_default(&server.url("/loop/a")).unwrap_err();
    match &error {
        FetchError::RedirectLoop { looped_to, .. } => assert!(looped_to.ends_with("/loop/a")),
        other => panic!("expected a redirect loop, got {other:?}"),
    }
    assert!(error.to_string().contains("redirect loop"));
}

#[test]
fn trickling_server_times_out_within_the_limit() {
    let server = TestServer::start();
    let started = Instant::now();
    let error = fetch(
        FetchOptions::default().timeout(Duration::from_secs(2)),
        &server.url("/trickle"),
    )
    .unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    // A behaviour bound, not a benchmark: the 2 s limit must end it, not
    // the server's two minutes of trickling.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn endless_body_stops_at_the_size_limit() {
    let server = TestServer::start();
    let error = fetch(
        FetchOptions::default().max_body_bytes(1 << 20),
        &server.url("/endless"),
    )
    .unwrap_err();
    assert!(
        matches!(error, FetchError::TooLarge { limit, .. } if limit == 1 << 20),
        "{error:?}"
    );
}

#[test]
fn non_html_types_are_refused_by_name() {
    let server = TestServer::start();
    for (path, content_type) in [
        ("/pdf", "application/pdf"),
        ("/image", "image/png"),
        ("/json", "application/json"),
    ] {
        match fetch_default(&server.url(path)).unwrap_err() {
            FetchError::NotHtml {
                content_type: got, ..
            } => assert_eq!(got, content_type),
            other => panic!("{path}: expected NotHtml, got {other:?}"),
        }
    }
    // HTML served under a wrong generic type is still HTML.
    let page = fetch_default(&server.url("/html-as-json")).expect("html body under a JSON label");
    assert!(String::from_utf8_lossy(&page.body).contains(ARTICLE_SENTENCE));
}

#[test]
fn http_errors_carry_the_status() {
    let server = TestServer::start();
    for (path, status) in [("/missing", 404), ("/broken", 500), ("/always-busy", 429)] {
        match fetch_default(&server.url(path)).unwrap_err() {
            FetchError::Status { status: got, .. } => assert_eq!(got, status, "{path}"),
            other => panic!("{path}: expected a status error, got {other:?}"),
        }
    }
}

#[test]
fn retry_after_is_honoured_when_retries_are_asked_for() {
    let server = TestServer::start();
    // Default: no retries, the 503 is the answer.
    let error = fetch_default(&server.url("/busy")).unwrap_err();
    assert!(
        matches!(error, FetchError::Status { status: 503, .. }),
        "{error:?}"
    );
    // The server's counter has moved on, so use a fresh server.
    let server = TestServer::start();
    let started = Instant::now();
    let page = fetch(FetchOptions::default().retries(2), &server.url("/busy"))
        .expect("page after a retry");
    assert!(String::from_utf8_lossy(&page.body).contains("Back after a pause."));
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 was not waited for"
    );
    // A Retry-After longer than allowed ends the retries at once.
    let error = fetch(
        FetchOptions::default()
            .retries(3)
            .max_retry_wait(Duration::from_millis(100)),
        &server.url("/always-busy"),
    )
    .unwrap_err();
    assert!(
        matches!(error, FetchError::Status { status: 429, .. }),
        "{error:?}"
    );
}

#[test]
fn user_agent_names_decant_and_can_be_replaced() {
    let server = TestServer::start();
    let page = fetch_default(&server.url("/agent")).expect("page");
    let body = String::from_utf8(page.body).expect("utf-8");
    assert!(
        body.contains(&format!("decant/{}", env!("CARGO_PKG_VERSION"))),
        "{body}"
    );
    let page = fetch(
        FetchOptions::default().user_agent("harbour-bot/2"),
        &server.url("/agent"),
    )
    .expect("page");
    assert!(String::from_utf8_lossy(&page.body).contains("Visitor agent: harbour-bot/2."));
}

#[test]
fn refused_connections_and_bad_urls_are_typed() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = fetch_default(&format!("http://127.0.0.1:{port}/")).unwrap_err();
    assert!(matches!(error, FetchError::Connect { .. }), "{error:?}");
    assert!(matches!(
        fetch_default("file:///etc/passwd").unwrap_err(),
        FetchError::InvalidUrl { .. }
    ));
    assert!(matches!(
        fetch_default("not a url").unwrap_err(),
        FetchError::InvalidUrl { .. }
    ));
}
