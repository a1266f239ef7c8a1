//! WARC archives: a streaming record reader (plain or gzip, one gzip member
//! per record as Common Crawl writes them) that recovers after a corrupt
//! record, and the step from a record to the HTML page it carries.
//!
//! Hand-written rather than the `warc` crate: that crate decodes a `.warc.gz`
//! as one multi-member stream (a corrupt member ends the archive) and reads
//! record bodies without a size limit. Here every record is bounded by
//! [`WarcReader::max_record_bytes`], a corrupt or truncated gzip member is
//! reported and skipped (the reader resumes at the next gzip header), and a
//! malformed record is reported and skipped (the reader resumes at the next
//! `WARC/` line).
//!
//! ```
//! use decant::warc::{Page, WarcReader};
//! let body = "<html><body><article><p>A short article with enough words in it, \
//!     and a comma or two, to be taken for the body of a page.</p></article></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
//! let warc = format!(
//!     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
//!      WARC-Target-URI: https://example.com/a\r\nContent-Type: application/http; msgtype=response\r\n\
//!      Content-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let mut pages = 0;
//! for record in WarcReader::new(warc.as_bytes()) {
//!     let record = record?;
//!     if let Page::Html(page) = record.page()? {
//!         let article = decant::extract_bytes(&page.body, record.target_uri.as_deref(), page.content_type.as_deref())?;
//!         assert!(article.text.contains("short article"));
//!         pages += 1;
//!     }
//! }
//! assert_eq!(pages, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::GzDecoder;

use crate::{Article, Extractor};

/// Longest WARC or HTTP header line accepted.
const MAX_LINE: usize = 64 * 1024;
/// Most header bytes accepted in one WARC record header.
const MAX_HEADER_BYTES: usize = 1024 * 1024;
/// The gzip member magic: ID1, ID2 and CM = deflate.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Why a WARC record could not be read. The reader goes on with the next
/// record after every error but [`WarcError::Io`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// Reading the input failed; the reader stops.
    #[error("cannot read the archive: {0}")]
    Io(#[source] io::Error),
    /// A gzip member is corrupt or truncated; the reader skipped to the next
    /// gzip member.
    #[error(
        "corrupt or truncated gzip member in record #{index}: {message}; skipped to the next member"
    )]
    Gzip {
        /// Position of the record in the archive (counting from 1).
        index: u64,
        /// The record's `WARC-Record-ID`, when its header was read.
        record_id: Option<String>,
        /// What the decompressor said.
        message: String,
    },
    /// The record is not well-formed WARC; the reader skipped to the next
    /// `WARC/` line.
    #[error("malformed record #{index}: {reason}")]
    Malformed {
        /// Position of the record in the archive (counting from 1).
        index: u64,
        /// The record's `WARC-Record-ID`, when its header was read.
        record_id: Option<String>,
        /// What is wrong with it.
        reason: String,
    },
    /// The input ends inside the record.
    #[error("record #{index} is truncated: {expected} bytes declared, {got} present")]
    Truncated {
        /// Position of the record in the archive (counting from 1).
        index: u64,
        /// The record's `WARC-Record-ID`.
        record_id: Option<String>,
        /// The declared `Content-Length`.
        expected: u64,
        /// The bytes present.
        got: u64,
    },
    /// The record's block is larger than [`WarcReader::max_record_bytes`];
    /// it was skipped without being held in memory.
    #[error("record #{index} is {size} bytes, over the limit of {limit} bytes (raise the limit)")]
    TooLarge {
        /// Position of the record in the archive (counting from 1).
        index: u64,
        /// The record's `WARC-Record-ID`.
        record_id: Option<String>,
        /// The record's `WARC-Target-URI`.
        target_uri: Option<String>,
        /// The declared `Content-Length`.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The page could not be extracted.
    #[error("{source}")]
    Extract {
        /// The record's `WARC-Record-ID`.
        record_id: Option<String>,
        /// The record's `WARC-Target-URI`.
        target_uri: Option<String>,
        /// Why extraction failed.
        source: crate::Error,
    },
    /// The record's HTTP response cannot be parsed or decoded.
    #[error("bad HTTP response in record {record_id:?}: {reason}")]
    Http {
        /// The record's `WARC-Record-ID`.
        record_id: Option<String>,
        /// What is wrong with it.
        reason: String,
    },
}

impl WarcError {
    /// The `WARC-Record-ID` of the record the error is about, when known.
    pub fn record_id(&self) -> Option<&str> {
        match self {
            WarcError::Io(_) => None,
            WarcError::Gzip { record_id, .. }
            | WarcError::Malformed { record_id, .. }
            | WarcError::Truncated { record_id, .. }
            | WarcError::TooLarge { record_id, .. }
            | WarcError::Http { record_id, .. }
            | WarcError::Extract { record_id, .. } => record_id.as_deref(),
        }
    }

    /// The `WARC-Target-URI` of the record the error is about, when known.
    pub fn target_uri(&self) -> Option<&str> {
        match self {
            WarcError::TooLarge { target_uri, .. } | WarcError::Extract { target_uri, .. } => {
                target_uri.as_deref()
            }
            _ => None,
        }
    }
}

/// One WARC record: the named header fields, all header fields, the block.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WarcRecord {
    /// `WARC-Type` (`response`, `resource`, `request`, `warcinfo`, ...).
    pub warc_type: String,
    /// `WARC-Record-ID`, e.g. `<urn:uuid:...>`.
    pub record_id: Option<String>,
    /// `WARC-Target-URI`: the page's URL.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when it was captured (ISO 8601).
    pub date: Option<String>,
    /// The record's `Content-Type` (for a response, `application/http`).
    pub content_type: Option<String>,
    /// Every header field as given, in order (names as written).
    pub headers: Vec<(String, String)>,
    /// The record block (for a response, the HTTP response with its headers).
    pub block: Vec<u8>,
}

/// What a record holds, for an article extractor.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Page<'a> {
    /// An HTML page (a `200` HTTP response, or a `resource` record).
    Html(HtmlPage<'a>),
    /// Nothing to extract from, and why.
    Skipped(Skip),
}

/// An HTML page carried by a record.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HtmlPage<'a> {
    /// The body, de-chunked and decompressed when the HTTP headers say so.
    pub body: Cow<'a, [u8]>,
    /// The HTTP `Content-Type` (its charset beats `<meta>`), or the record's
    /// `Content-Type` for a `resource` record.
    pub content_type: Option<String>,
}

/// Why a record holds no page to extract. Skips are normal in an archive,
/// not errors.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// Not a `response` or `resource` record (`request`, `warcinfo`,
    /// `metadata`, `revisit`, ...).
    NotResponse(String),
    /// An HTTP status other than 200.
    Status(u16),
    /// Not HTML (the media type, or empty when none was given).
    NotHtml(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NotResponse(t) => write!(f, "{t} record"),
            Skip::Status(s) => write!(f, "HTTP status {s}"),
            Skip::NotHtml(t) if t.is_empty() => write!(f, "not HTML"),
            Skip::NotHtml(t) => write!(f, "not HTML ({t})"),
        }
    }
}

impl WarcRecord {
    /// The value of a header field (case-insensitive name), first occurrence.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }

    /// The HTML page this record carries, if any. `response` records must be
    /// HTTP responses with status 200 and an HTML media type (or no media
    /// type and a body that starts like HTML); `resource` records must have
    /// an HTML `Content-Type`. A chunked or gzip/deflate-encoded body is
    /// decoded (within `max_bytes`, the record's own size when called
    /// through [`WarcRecord::page`]).
    pub fn page(&self) -> Result<Page<'_>, WarcError> {
        self.page_within(self.block.len().saturating_mul(20).max(1 << 20))
    }

    /// [`WarcRecord::page`] with an explicit limit on the decoded body size.
    pub fn page_within(&self, max_bytes: usize) -> Result<Page<'_>, WarcError> {
        match self.warc_type.to_ascii_lowercase().as_str() {
            "response" => self.http_page(max_bytes),
            "resource" => {
                let ct = self.content_type.clone();
                if is_html(ct.as_deref(), &self.block) {
                    Ok(Page::Html(HtmlPage {
                        body: Cow::Borrowed(&self.block),
                        content_type: ct,
                    }))
                } else {
                    Ok(Page::Skipped(Skip::NotHtml(media_type(ct.as_deref()))))
                }
            }
            other => Ok(Page::Skipped(Skip::NotResponse(other.to_owned()))),
        }
    }

    fn http_page(&self, max_bytes: usize) -> Result<Page<'_>, WarcError> {
        let bad = |reason: &str| WarcError::Http {
            record_id: self.record_id.clone(),
            reason: reason.to_owned(),
        };
        let block = &self.block[..];
        let (status_line, mut rest) = split_line(block).ok_or_else(|| bad("no status line"))?;
        let status_line = String::from_utf8_lossy(status_line);
        let mut parts = status_line.split_whitespace();
        let version = parts.next().unwrap_or_default();
        if !version.starts_with("HTTP/") {
            return Err(bad("the block is not an HTTP response"));
        }
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status code"))?;
        let mut headers = Vec::new();
        loop {
            let (line, after) = split_line(rest).ok_or_else(|| bad("headers do not end"))?;
            rest = after;
            if line.is_empty() {
                break;
            }
            if line.len() > MAX_LINE {
                return Err(bad("header line too long"));
            }
            if let Some((name, value)) = split_field(line) {
                headers.push((name, value));
            }
        }
        if status != 200 {
            return Ok(Page::Skipped(Skip::Status(status)));
        }
        let content_type = header_value(&headers, "content-type").map(str::to_owned);
        let mut body: Cow<'_, [u8]> = Cow::Borrowed(rest);
        if header_value(&headers, "transfer-encoding")
            .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"))
        {
            body = Cow::Owned(dechunk(&body).ok_or_else(|| bad("bad chunked encoding"))?);
        }
        if let Some(encoding) = header_value(&headers, "content-encoding") {
            let encoding = encoding.trim().to_ascii_lowercase();
            let limit = max_bytes as u64 + 1;
            let mut decoded = Vec::new();
            let result = match encoding.as_str() {
                "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..])
                    .take(limit)
                    .read_to_end(&mut decoded),
                "deflate" => flate2::read::ZlibDecoder::new(&body[..])
                    .take(limit)
                    .read_to_end(&mut decoded),
                "" | "identity" => Ok(0),
                _ => {
                    return Err(bad(&format!("unsupported Content-Encoding {encoding:?}")));
                }
            };
            if !matches!(encoding.as_str(), "" | "identity") {
                result.map_err(|e| bad(&format!("cannot decode {encoding} body: {e}")))?;
                if decoded.len() > max_bytes {
                    return Err(bad("decoded body over the size limit"));
                }
                body = Cow::Owned(decoded);
            }
        }
        if !is_html(content_type.as_deref(), &body) {
            return Ok(Page::Skipped(Skip::NotHtml(media_type(
                content_type.as_deref(),
            ))));
        }
        Ok(Page::Html(HtmlPage { body, content_type }))
    }
}

/// What extracting a record gave: an article, or a reason to skip it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Extraction {
    /// The record's page and its article.
    Article(Box<Article>),
    /// The record holds no HTML page.
    Skipped(Skip),
}

/// Extracts the article from a record's HTML page: the step `decant warc`
/// and the Python binding share. The HTTP `Content-Type` gives the
/// charset; the `WARC-Target-URI` is the page URL (when it is an absolute
/// URL). Decoded bodies are bounded by the extractor's
/// [`Options::max_input_bytes`](crate::Options::max_input_bytes).
pub fn extract_record(extractor: &Extractor, record: &WarcRecord) -> Result<Extraction, WarcError> {
    let page = match record.page_within(extractor.options().max_input_bytes)? {
        Page::Html(page) => page,
        Page::Skipped(skip) => return Ok(Extraction::Skipped(skip)),
    };
    let uri = record.target_uri.as_deref();
    let base = uri.filter(|u| url::Url::parse(u).is_ok());
    extractor
        .extract_bytes(&page.body, base, page.content_type.as_deref())
        .map(|article| Extraction::Article(Box::new(article)))
        .map_err(|source| WarcError::Extract {
            record_id: record.record_id.clone(),
            target_uri: record.target_uri.clone(),
            source,
        })
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(content_type: Option<&str>) -> String {
    content_type
        .and_then(|ct| ct.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// HTML by media type; with no media type, by the body's first bytes.
fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let media = media_type(content_type);
    if media.is_empty() {
        let start = body
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(body.len());
        let head: Vec<u8> = body[start..]
            .iter()
            .take(14)
            .map(u8::to_ascii_lowercase)
            .collect();
        return head.starts_with(b"<!doctype html") || head.starts_with(b"<html");
    }
    matches!(media.as_str(), "text/html" | "application/xhtml+xml")
}

fn header_value<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Splits off one line (ended by LF, with an optional CR before it).
fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = memchr::memchr(b'\n', bytes)?;
    let line = &bytes[..end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((line, &bytes[end + 1..]))
}

/// `Name: value` → (name, value), both trimmed; `None` without a colon.
fn split_field(line: &[u8]) -> Option<(String, String)> {
    let colon = memchr::memchr(b':', line)?;
    let name = String::from_utf8_lossy(&line[..colon]).trim().to_owned();
    let value = String::from_utf8_lossy(&line[colon + 1..])
        .trim()
        .to_owned();
    Some((name, value))
}

/// Decodes an HTTP/1.1 chunked body; `None` when it is malformed.
fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    loop {
        let (line, rest) = split_line(bytes)?;
        let size = std::str::from_utf8(line).ok()?;
        let size = size.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        let chunk = rest.get(..size)?;
        out.extend_from_slice(chunk);
        let rest = rest.get(size..)?;
        bytes = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// The raw input: counts bytes read, and keeps a copy of the current gzip
/// member's bytes so that after a corrupt member the search for the next
/// gzip header can start right after the bad member's own header (a
/// truncated member's decoder may have read into the next member).
struct Raw<R> {
    inner: BufReader<R>,
    /// Bytes to serve before `inner` (replayed after a corrupt member).
    replay: Vec<u8>,
    replay_pos: usize,
    /// The current member's bytes, while recording and under `record_limit`.
    recorded: Vec<u8>,
    recording: bool,
    record_limit: usize,
    bytes_read: Arc<AtomicU64>,
    io_failed: bool,
}

impl<R: Read> Read for Raw<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Raw<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.replay_pos < self.replay.len() {
            return Ok(&self.replay[self.replay_pos..]);
        }
        match self.inner.fill_buf() {
            Ok(buf) => Ok(buf),
            Err(e) => {
                if e.kind() != io::ErrorKind::Interrupted {
                    self.io_failed = true;
                }
                Err(e)
            }
        }
    }

    fn consume(&mut self, amount: usize) {
        let replaying = self.replay_pos < self.replay.len();
        if self.recording {
            let chunk = if replaying {
                self.replay.get(self.replay_pos..self.replay_pos + amount)
            } else {
                self.inner.buffer().get(..amount)
            };
            match chunk {
                Some(chunk) if self.recorded.len() + chunk.len() <= self.record_limit => {
                    self.recorded.extend_from_slice(chunk);
                }
                _ => {
                    self.recording = false;
                    self.recorded = Vec::new();
                }
            }
        }
        if replaying {
            self.replay_pos += amount;
            if self.replay_pos >= self.replay.len() {
                self.replay.clear();
                self.replay_pos = 0;
            }
        } else {
            self.inner.consume(amount);
            self.bytes_read.fetch_add(amount as u64, Ordering::Relaxed);
        }
    }
}

impl<R: Read> Raw<R> {
    /// Starts recording a new member's bytes.
    fn start_member(&mut self) {
        self.recorded.clear();
        self.recording = true;
    }

    /// After a corrupt member: replays its bytes but the first, so the
    /// search for the next gzip header covers everything after its start.
    fn rewind_member(&mut self) {
        if self.recording && self.recorded.len() > 1 {
            let mut replay = std::mem::take(&mut self.recorded);
            replay.drain(..1);
            // Anything not yet served from an earlier replay comes after.
            replay.extend_from_slice(self.replay.get(self.replay_pos..).unwrap_or_default());
            self.replay = replay;
            self.replay_pos = 0;
        }
        self.recording = false;
        self.recorded.clear();
    }

    /// Skips to the next gzip header (or the end). Returns whether one was found.
    fn skip_to_magic(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            match memchr::memchr(GZIP_MAGIC[0], buf) {
                None => {
                    let n = buf.len();
                    self.consume(n);
                }
                Some(i) => {
                    let found = buf.len() - i >= 3 && buf[i..i + 3] == GZIP_MAGIC;
                    let short = buf.len() - i < 3;
                    if found {
                        self.consume(i);
                        return Ok(true);
                    }
                    if short {
                        // The magic may straddle the buffer end: compare byte by byte.
                        self.consume(i);
                        if self.starts_with_magic()? {
                            return Ok(true);
                        }
                        self.consume(1);
                    } else {
                        self.consume(i + 1);
                    }
                }
            }
        }
    }

    /// Whether the next bytes are a gzip header, without consuming them
    /// (reads ahead into the replay buffer when the buffer is short).
    fn starts_with_magic(&mut self) -> io::Result<bool> {
        let buf = self.fill_buf()?;
        if buf.len() >= 3 || buf.is_empty() {
            return Ok(buf.starts_with(&GZIP_MAGIC));
        }
        // Gather up to three bytes into the replay buffer.
        let mut head = buf.to_vec();
        let n = head.len();
        self.consume_without_recording(n);
        while head.len() < 3 {
            let more = self.inner.fill_buf()?;
            if more.is_empty() {
                break;
            }
            let take = (3 - head.len()).min(more.len());
            head.extend_from_slice(&more[..take]);
            self.inner.consume(take);
            self.bytes_read.fetch_add(take as u64, Ordering::Relaxed);
        }
        let found = head.starts_with(&GZIP_MAGIC);
        head.extend_from_slice(self.replay.get(self.replay_pos..).unwrap_or_default());
        self.replay = head;
        self.replay_pos = 0;
        Ok(found)
    }

    fn consume_without_recording(&mut self, amount: usize) {
        let recording = self.recording;
        self.recording = false;
        self.consume(amount);
        self.recording = recording;
    }
}

/// Decompressed input: plain, or gzip members one after another.
///
/// A gzip member is decoded whole into `pending` before any of it is
/// served (while it is under `member_cap`), so a member that fails its CRC
/// or length check gives no record at all: a truncated member's decoder
/// reads on into the next member and can produce a plausible record before
/// the check fails. A member over the cap (a whole archive in one gzip
/// stream) is streamed unchecked.
struct Source<R: Read> {
    state: State<R>,
    pending: Vec<u8>,
    pending_pos: usize,
    member_cap: usize,
}

enum State<R: Read> {
    Plain(Raw<R>),
    /// Between members (or done).
    GzIdle(Option<Raw<R>>),
    /// Inside a member; `streaming` once it outgrew the cap.
    GzMember(GzDecoder<Raw<R>>, bool),
}

/// The marker carried by the `io::Error` a corrupt gzip member gives, so the
/// record reader can tell it from a failure of the input itself.
#[derive(Debug)]
struct CorruptMember {
    message: String,
    /// The `WARC-Record-ID` found in what the member decoded to, if any.
    record_id: Option<String>,
}

impl std::fmt::Display for CorruptMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CorruptMember {}

impl<R: Read> Source<R> {
    fn raw_mut(&mut self) -> Option<&mut Raw<R>> {
        match &mut self.state {
            State::Plain(raw) | State::GzIdle(Some(raw)) => Some(raw),
            State::GzIdle(None) => None,
            State::GzMember(decoder, _) => Some(decoder.get_mut()),
        }
    }

    /// After a member's decoder failed: report it, skip to the next member.
    fn member_failed(&mut self, e: io::Error, partial: &[u8]) -> io::Error {
        let State::GzMember(decoder, _) = std::mem::replace(&mut self.state, State::GzIdle(None))
        else {
            return e;
        };
        let mut raw = decoder.into_inner();
        if raw.io_failed {
            return e;
        }
        raw.rewind_member();
        match raw.skip_to_magic() {
            Ok(found) => self.state = State::GzIdle(found.then_some(raw)),
            Err(io) => return io,
        }
        io::Error::new(
            io::ErrorKind::InvalidData,
            CorruptMember {
                message: e.to_string(),
                record_id: find_record_id(partial),
            },
        )
    }
}

/// The `WARC-Record-ID` in the first header of a partial record, if any.
fn find_record_id(partial: &[u8]) -> Option<String> {
    let head = &partial[..partial.len().min(MAX_HEADER_BYTES)];
    let end = memchr::memmem::find(head, b"\r\n\r\n").unwrap_or(head.len());
    head[..end].split(|&b| b == b'\n').find_map(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let (name, value) = split_field(line)?;
        name.eq_ignore_ascii_case("WARC-Record-ID").then_some(value)
    })
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.pending_pos < self.pending.len() {
                let available = &self.pending[self.pending_pos..];
                let n = available.len().min(buf.len());
                buf[..n].copy_from_slice(&available[..n]);
                self.pending_pos += n;
                return Ok(n);
            }
            self.pending.clear();
            self.pending_pos = 0;
            match &mut self.state {
                State::Plain(raw) => return raw.read(buf),
                State::GzIdle(raw) => {
                    let Some(mut raw) = raw.take() else {
                        return Ok(0);
                    };
                    if raw.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    if !raw.starts_with_magic()? {
                        // Bytes between members that are not a member: skip
                        // them, and report them once.
                        let found = raw.skip_to_magic()?;
                        self.state = State::GzIdle(found.then_some(raw));
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            CorruptMember {
                                message: "data between gzip members is not gzip".to_owned(),
                                record_id: None,
                            },
                        ));
                    }
                    raw.start_member();
                    self.state = State::GzMember(GzDecoder::new(raw), false);
                }
                State::GzMember(decoder, true) => match decoder.read(buf) {
                    Ok(0) => {
                        if let State::GzMember(decoder, _) =
                            std::mem::replace(&mut self.state, State::GzIdle(None))
                        {
                            self.state = State::GzIdle(Some(decoder.into_inner()));
                        }
                    }
                    Ok(n) => return Ok(n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.member_failed(e, &[])),
                },
                State::GzMember(decoder, streaming @ false) => {
                    // Decode the member whole (up to the cap) before serving it.
                    let mut chunk = [0u8; 32 * 1024];
                    loop {
                        match decoder.read(&mut chunk) {
                            Ok(0) => {
                                if let State::GzMember(decoder, _) =
                                    std::mem::replace(&mut self.state, State::GzIdle(None))
                                {
                                    self.state = State::GzIdle(Some(decoder.into_inner()));
                                }
                                break;
                            }
                            Ok(n) => {
                                self.pending.extend_from_slice(&chunk[..n]);
                                if self.pending.len() > self.member_cap {
                                    *streaming = true;
                                    break;
                                }
                            }
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                            Err(e) => {
                                let partial = std::mem::take(&mut self.pending);
                                return Err(self.member_failed(e, &partial));
                            }
                        }
                    }
                }
            }
        }
    }
}

fn is_corrupt_member(e: &io::Error) -> Option<&CorruptMember> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<CorruptMember>())
}

/// A streaming WARC reader: an iterator of records, one record in memory at
/// a time. Reads plain WARC or gzip (detected by its magic bytes), one or
/// many records per gzip member.
pub struct WarcReader<R: Read> {
    input: BufReader<Source<R>>,
    max_record_bytes: u64,
    bytes_read: Arc<AtomicU64>,
    /// Records started so far (including failed ones).
    index: u64,
    /// After a malformed record: skip to the next `WARC/` line first.
    resync: bool,
    /// Whether the record being read has been counted in `index`.
    in_record: bool,
    done: bool,
}

impl<R: Read> WarcReader<R> {
    /// A reader over `input` (a file, stdin, a byte slice), plain or gzip.
    /// The default record limit is 50 MiB, as `Options::max_input_bytes`.
    pub fn new(input: R) -> Self {
        let bytes_read = Arc::new(AtomicU64::new(0));
        let mut raw = Raw {
            inner: BufReader::with_capacity(1 << 16, input),
            replay: Vec::new(),
            replay_pos: 0,
            recorded: Vec::new(),
            recording: false,
            record_limit: 64 << 20,
            bytes_read: Arc::clone(&bytes_read),
            io_failed: false,
        };
        let gzip = matches!(raw.fill_buf(), Ok(head) if head.starts_with(&GZIP_MAGIC[..2]));
        let state = if gzip {
            State::GzIdle(Some(raw))
        } else {
            State::Plain(raw)
        };
        let source = Source {
            state,
            pending: Vec::new(),
            pending_pos: 0,
            member_cap: 50 * 1024 * 1024 + (1 << 20),
        };
        WarcReader {
            input: BufReader::with_capacity(1 << 16, source),
            max_record_bytes: 50 * 1024 * 1024,
            bytes_read,
            index: 0,
            resync: false,
            in_record: false,
            done: false,
        }
    }

    /// Sets the largest record block accepted, in bytes; larger records are
    /// skipped with [`WarcError::TooLarge`].
    pub fn max_record_bytes(mut self, bytes: u64) -> Self {
        self.max_record_bytes = bytes;
        // A gzip member is kept for recovery while it is under the limit
        // (plus room for the header and compression overhead).
        let limit = usize::try_from(bytes.saturating_add(1 << 20)).unwrap_or(usize::MAX);
        let source = self.input.get_mut();
        source.member_cap = limit;
        if let Some(raw) = source.raw_mut() {
            raw.record_limit = limit;
        }
        self
    }

    /// Bytes read from the input so far (compressed bytes for gzip): for a
    /// progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// A shared counter of [`WarcReader::bytes_read`], readable from another thread.
    pub fn bytes_read_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    /// Reads one line (without its line break) into `line`, at most
    /// `MAX_LINE` bytes; `Ok(false)` at the end of the input.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<bool> {
        line.clear();
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(!line.is_empty());
            }
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    line.extend_from_slice(&buf[..i]);
                    self.input.consume(i + 1);
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    return Ok(true);
                }
                None => {
                    let n = buf.len();
                    line.extend_from_slice(buf);
                    self.input.consume(n);
                }
            }
            if line.len() > MAX_LINE {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "header line too long",
                ));
            }
        }
    }

    /// Skips lines until one starting with `WARC/` (left unread).
    fn skip_to_record(&mut self) -> io::Result<()> {
        let mut at_line_start = true;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            if at_line_start && buf.len() < 5 && b"WARC/".starts_with(buf) {
                // Too short to tell: take it as the record start; a false
                // start is reported as one more malformed record.
                return Ok(());
            }
            if at_line_start && buf.starts_with(b"WARC/") {
                return Ok(());
            }
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    self.input.consume(i + 1);
                    at_line_start = true;
                }
                None => {
                    let n = buf.len();
                    self.input.consume(n);
                    at_line_start = false;
                }
            }
        }
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        let mut record_id = None;
        self.in_record = false;
        match self.read_record(&mut line, &mut record_id) {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(RecordError::Warc(e)) => Some(Err(e)),
            Err(RecordError::Io(e)) => {
                if let Some(corrupt) = is_corrupt_member(&e) {
                    self.resync = true;
                    if !self.in_record {
                        // The member failed before its record's first line.
                        self.index += 1;
                    }
                    return Some(Err(WarcError::Gzip {
                        index: self.index,
                        record_id: record_id.or_else(|| corrupt.record_id.clone()),
                        message: corrupt.message.clone(),
                    }));
                }
                if e.kind() == io::ErrorKind::InvalidData {
                    // An overlong header line.
                    self.resync = true;
                    return Some(Err(WarcError::Malformed {
                        index: self.index.max(1),
                        record_id,
                        reason: e.to_string(),
                    }));
                }
                self.done = true;
                Some(Err(WarcError::Io(e)))
            }
        }
    }

    fn read_record(
        &mut self,
        line: &mut Vec<u8>,
        record_id: &mut Option<String>,
    ) -> Result<Option<WarcRecord>, RecordError> {
        if self.resync {
            self.resync = false;
            self.skip_to_record()?;
        }
        // Blank lines between records are tolerated.
        loop {
            if !self.read_line(line)? {
                return Ok(None);
            }
            if !line.is_empty() {
                break;
            }
        }
        self.index += 1;
        self.in_record = true;
        let index = self.index;
        if !line.starts_with(b"WARC/") {
            self.resync = true;
            return Err(RecordError::Warc(WarcError::Malformed {
                index,
                record_id: None,
                reason: format!(
                    "expected a WARC/ version line, found {:?}",
                    String::from_utf8_lossy(&line[..line.len().min(40)])
                ),
            }));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0usize;
        loop {
            if !self.read_line(line)? {
                return Err(RecordError::Warc(WarcError::Truncated {
                    index,
                    record_id: record_id.clone(),
                    expected: 0,
                    got: 0,
                }));
            }
            if line.is_empty() {
                break;
            }
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES {
                self.resync = true;
                return Err(RecordError::Warc(WarcError::Malformed {
                    index,
                    record_id: record_id.clone(),
                    reason: "header over 1 MiB".to_owned(),
                }));
            }
            if matches!(line.first(), Some(b' ' | b'\t')) {
                // A continuation line (obsolete folding).
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(String::from_utf8_lossy(line).trim());
                }
                continue;
            }
            let Some((name, value)) = split_field(line) else {
                self.resync = true;
                return Err(RecordError::Warc(WarcError::Malformed {
                    index,
                    record_id: record_id.clone(),
                    reason: format!(
                        "header line without a colon: {:?}",
                        String::from_utf8_lossy(&line[..line.len().min(40)])
                    ),
                }));
            };
            if name.eq_ignore_ascii_case("WARC-Record-ID") {
                *record_id = Some(value.clone());
            }
            headers.push((name, value));
        }
        let field = |name: &str| header_value(&headers, name).map(str::to_owned);
        let target_uri = field("WARC-Target-URI");
        let Some(length) = header_value(&headers, "Content-Length") else {
            self.resync = true;
            return Err(RecordError::Warc(WarcError::Malformed {
                index,
                record_id: record_id.clone(),
                reason: "no Content-Length".to_owned(),
            }));
        };
        let Ok(length) = length.trim().parse::<u64>() else {
            self.resync = true;
            return Err(RecordError::Warc(WarcError::Malformed {
                index,
                record_id: record_id.clone(),
                reason: format!("bad Content-Length {length:?}"),
            }));
        };
        if length > self.max_record_bytes {
            // Streamed past, never held.
            let skipped = io::copy(&mut (&mut self.input).take(length), &mut io::sink())?;
            if skipped < length {
                return Err(RecordError::Warc(WarcError::Truncated {
                    index,
                    record_id: record_id.clone(),
                    expected: length,
                    got: skipped,
                }));
            }
            self.skip_record_end()?;
            return Err(RecordError::Warc(WarcError::TooLarge {
                index,
                record_id: record_id.clone(),
                target_uri,
                size: length,
                limit: self.max_record_bytes,
            }));
        }
        let mut block = Vec::new();
        // Grows as bytes arrive: a lying Content-Length allocates nothing.
        (&mut self.input).take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(RecordError::Warc(WarcError::Truncated {
                index,
                record_id: record_id.clone(),
                expected: length,
                got: block.len() as u64,
            }));
        }
        self.skip_record_end()?;
        Ok(Some(WarcRecord {
            warc_type: field("WARC-Type").unwrap_or_default(),
            record_id: record_id.clone(),
            target_uri,
            date: field("WARC-Date"),
            content_type: field("Content-Type"),
            headers,
            block,
        }))
    }

    /// Consumes the CRLF CRLF after a block (as much of it as is there).
    fn skip_record_end(&mut self) -> io::Result<()> {
        for _ in 0..4 {
            let buf = self.input.fill_buf()?;
            match buf.first() {
                Some(b'\r' | b'\n') => self.input.consume(1),
                _ => break,
            }
        }
        Ok(())
    }
}

enum RecordError {
    Io(io::Error),
    Warc(WarcError),
}

impl From<io::Error> for RecordError {
    fn from(e: io::Error) -> Self {
        RecordError::Io(e)
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

impl<R: Read> std::iter::FusedIterator for WarcReader<R> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, id: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
             WARC-Target-URI: https://example.com/{id}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn ids(input: &[u8]) -> Vec<String> {
        WarcReader::new(input)
            .map(|r| match r {
                Ok(r) => r.record_id.unwrap(),
                Err(e) => format!("ERR {e}"),
            })
            .collect()
    }

    #[test]
    fn plain_records() {
        let mut w = record("response", "a", b"HTTP/1.1 200 OK\r\n\r\nhello");
        w.extend(record("request", "b", b"GET / HTTP/1.1\r\n\r\n"));
        assert_eq!(ids(&w), ["<urn:uuid:a>", "<urn:uuid:b>"]);
    }

    #[test]
    fn gzip_members_and_one_stream() {
        let a = record("response", "a", b"x");
        let b = record("response", "b", b"y");
        let mut members = gz(&a);
        members.extend(gz(&b));
        assert_eq!(ids(&members), ["<urn:uuid:a>", "<urn:uuid:b>"]);
        let mut both = a.clone();
        both.extend(&b);
        assert_eq!(ids(&gz(&both)), ["<urn:uuid:a>", "<urn:uuid:b>"]);
    }

    #[test]
    fn truncated_member_is_skipped() {
        let mut w = gz(&record("response", "a", b"x"));
        let bad = gz(&record("response", "b", &[b'z'; 5000]));
        w.extend(&bad[..bad.len() / 2]);
        w.extend(gz(&record("response", "c", b"y")));
        let got = ids(&w);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "<urn:uuid:a>");
        assert!(
            got[1].starts_with("ERR corrupt or truncated gzip"),
            "{got:?}"
        );
        assert_eq!(got[2], "<urn:uuid:c>");
    }

    #[test]
    fn corrupt_member_is_skipped() {
        let mut w = gz(&record("response", "a", b"x"));
        let mut bad = gz(&record("response", "b", b"some body text here"));
        let mid = bad.len() / 2;
        for byte in &mut bad[mid..mid + 4] {
            *byte ^= 0x55;
        }
        w.extend(&bad);
        w.extend(gz(&record("response", "c", b"y")));
        let got = ids(&w);
        assert_eq!(got.first().unwrap(), "<urn:uuid:a>");
        assert!(got.iter().any(|g| g.starts_with("ERR")), "{got:?}");
        assert_eq!(got.last().unwrap(), "<urn:uuid:c>");
    }

    #[test]
    fn one_gzip_stream_over_the_member_cap_is_streamed() {
        let mut all = Vec::new();
        for i in 0..3000 {
            all.extend(record("response", &i.to_string(), &[b'x'; 500]));
        }
        assert!(all.len() > (1 << 20) + 1000);
        let got: Vec<_> = WarcReader::new(&gz(&all)[..])
            .max_record_bytes(1000)
            .collect();
        assert_eq!(got.len(), 3000);
        assert!(got.iter().all(Result::is_ok));
    }

    #[test]
    fn garbage_between_members_is_reported_once() {
        let mut w = gz(&record("response", "a", b"x"));
        w.extend(b"not gzip at all, some junk bytes");
        w.extend(gz(&record("response", "b", b"y")));
        let got = ids(&w);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "<urn:uuid:a>");
        assert!(got[1].starts_with("ERR corrupt"), "{got:?}");
        assert_eq!(got[2], "<urn:uuid:b>");
    }

    #[test]
    fn malformed_record_resyncs() {
        let mut w = record("response", "a", b"x");
        w.extend(b"WARC/1.0\r\nthis is not a header\r\n\r\ngarbage\r\n\r\n");
        w.extend(record("response", "c", b"y"));
        let got = ids(&w);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].starts_with("ERR malformed"));
        assert_eq!(got[2], "<urn:uuid:c>");
    }

    #[test]
    fn too_large_is_skipped_streaming() {
        let mut w = record("response", "a", &[b'a'; 1000]);
        w.extend(record("response", "b", b"y"));
        let got: Vec<_> = WarcReader::new(&w[..]).max_record_bytes(100).collect();
        assert!(matches!(
            got[0],
            Err(WarcError::TooLarge { size: 1000, .. })
        ));
        assert!(got[1].is_ok());
    }

    #[test]
    fn page_classification() {
        let html =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\xe9</p>";
        let r = WarcReader::new(&record("response", "a", html)[..])
            .next()
            .unwrap()
            .unwrap();
        let Page::Html(page) = r.page().unwrap() else {
            panic!()
        };
        assert_eq!(
            page.content_type.as_deref(),
            Some("text/html; charset=iso-8859-1")
        );
        assert_eq!(&page.body[..], b"<p>caf\xe9</p>");
        let r404 = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no</p>";
        let r = WarcReader::new(&record("response", "a", r404)[..])
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(r.page().unwrap(), Page::Skipped(Skip::Status(404)));
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        let r = WarcReader::new(&record("response", "a", png)[..])
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(
            r.page().unwrap(),
            Page::Skipped(Skip::NotHtml("image/png".into()))
        );
    }

    #[test]
    fn chunked_gzip_body() {
        let body = gz(b"<html><p>hi</p></html>");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend(format!("{:x}\r\n", body.len()).as_bytes());
        http.extend(&body);
        http.extend(b"\r\n0\r\n\r\n");
        let r = WarcReader::new(&record("response", "a", &http)[..])
            .next()
            .unwrap()
            .unwrap();
        let Page::Html(page) = r.page().unwrap() else {
            panic!()
        };
        assert_eq!(&page.body[..], b"<html><p>hi</p></html>");
    }
}
