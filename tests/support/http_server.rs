//! A loopback HTTP/1.1 server started by the tests themselves: one thread
//! per connection, `Connection: close`, routes for every fetch behaviour
//! decant must get right. No network beyond 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// The article every HTML route serves (in UTF-8 unless said otherwise).
pub const ARTICLE_TITLE: &str = "Harbour ferry returns after winter repairs";
pub const ARTICLE_SENTENCE: &str =
    "The ferry carried its first passengers across the bay on Monday";

pub fn article_html(extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{ARTICLE_TITLE} | Bay Courier</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{ARTICLE_TITLE}</h1>\
         <p>{ARTICLE_SENTENCE}, after four months in the dry dock where its hull was repainted \
         and both engines were rebuilt by the shipyard's crew.</p>\
         <p>Timetables are unchanged, the operator said, and season tickets bought before the \
         repairs remain valid until the end of the year. {extra}</p>\
         <p><a href=\"/timetable\">See the timetable</a> for the crossing times.</p></article>\
         <footer>All rights reserved</footer></body></html>"
    )
}

pub struct TestServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
}

/// What the server saw, for tests of retries and politeness.
#[derive(Default)]
struct Counters {
    busy_hits: AtomicUsize,
    slow_in_flight: AtomicUsize,
    slow_max_in_flight: AtomicUsize,
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let counters = Arc::new(Counters::default());
        let shared = counters.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counters = shared.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &counters);
                });
            }
        });
        TestServer { addr, counters }
    }

    /// The most `/slow/...` requests the server was answering at once.
    pub fn max_slow_in_flight(&self) -> usize {
        self.counters.slow_max_in_flight.load(Ordering::SeqCst)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

struct Request {
    path: String,
    user_agent: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut user_agent = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("user-agent") {
                user_agent = value.trim().to_owned();
            }
        }
    }
    Ok(Request { path, user_agent })
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn redirect(stream: &mut TcpStream, to: &str) -> std::io::Result<()> {
    respond(stream, "302 Found", &[("Location", to)], b"")
}

const HTML: (&str, &str) = ("Content-Type", "text/html; charset=utf-8");

fn handle(mut stream: TcpStream, counters: &Counters) -> std::io::Result<()> {
    let request = read_request(&stream)?;
    let path = request.path.as_str();
    match path {
        "/article" => respond(&mut stream, "200 OK", &[HTML], article_html("").as_bytes()),
        "/agent" => {
            let body = article_html(&format!("Visitor agent: {}.", request.user_agent));
            respond(&mut stream, "200 OK", &[HTML], body.as_bytes())
        }
        "/latin1" => {
            // The charset is only in the header; the bytes are ISO-8859-1.
            let text = article_html("Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e on board.");
            let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
            respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", "text/html; charset=iso-8859-1")],
                &latin1,
            )
        }
        "/gzip" => {
            use flate2::{Compression, write::GzEncoder};
            let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
            encoder.write_all(article_html("Served compressed.").as_bytes())?;
            let body = encoder.finish()?;
            respond(
                &mut stream,
                "200 OK",
                &[HTML, ("Content-Encoding", "gzip")],
                &body,
            )
        }
        "/loop/a" => redirect(&mut stream, "/loop/b"),
        "/loop/b" => redirect(&mut stream, "/loop/a"),
        "/pdf" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        ),
        "/image" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n",
        ),
        "/json" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "application/json")],
            b"{\"title\": \"not a page\"}",
        ),
        "/html-as-json" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "application/json")],
            article_html("").as_bytes(),
        ),
        "/missing" => respond(&mut stream, "404 Not Found", &[HTML], b"<h1>Not found</h1>"),
        "/broken" => respond(
            &mut stream,
            "500 Internal Server Error",
            &[HTML],
            b"<h1>Oops</h1>",
        ),
        "/busy" => {
            if counters.busy_hits.fetch_add(1, Ordering::SeqCst) == 0 {
                respond(
                    &mut stream,
                    "503 Service Unavailable",
                    &[("Retry-After", "1")],
                    b"",
                )
            } else {
                respond(
                    &mut stream,
                    "200 OK",
                    &[HTML],
                    article_html("Back after a pause.").as_bytes(),
                )
            }
        }
        "/always-busy" => respond(
            &mut stream,
            "429 Too Many Requests",
            &[("Retry-After", "1")],
            b"",
        ),
        "/trickle" => {
            // Headers at once, then one byte a second: only a total timeout ends it.
            stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")?;
            for _ in 0..120 {
                stream.write_all(b"<")?;
                stream.flush()?;
                thread::sleep(Duration::from_secs(1));
            }
            Ok(())
        }
        "/endless" => {
            // No length, never ends: only a size limit ends it.
            stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html><body>")?;
            let chunk = "<p>more and more text, without end</p>".repeat(1024);
            loop {
                stream.write_all(chunk.as_bytes())?;
            }
        }
        _ => {
            if path.starts_with("/slow/") {
                // Held open a while, counting how many are open at once.
                let now = counters.slow_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                counters.slow_max_in_flight.fetch_max(now, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(300));
                counters.slow_in_flight.fetch_sub(1, Ordering::SeqCst);
                respond(
                    &mut stream,
                    "200 OK",
                    &[HTML],
                    article_html(path).as_bytes(),
                )
            } else if let Some(n) = path
                .strip_prefix("/hop/")
                .and_then(|n| n.parse::<u32>().ok())
            {
                let next = if n == 0 {
                    "/article".to_owned()
                } else {
                    format!("/hop/{}", n - 1)
                };
                redirect(&mut stream, &next)
            } else {
                respond(&mut stream, "404 Not Found", &[], b"")
            }
        }
    }
}
