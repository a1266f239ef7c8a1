//! Fetching pages over HTTP(S) (feature `fetch`): one pooled `reqwest`
//! client, redirects with a limit and loop detection, streamed bodies under
//! a size limit, content-type checks and typed errors. Decoding stays with
//! the extractor: the response's `Content-Type` is handed on so its charset
//! beats `<meta>` (a BOM beats both).

use std::time::{Duration, SystemTime};

use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use reqwest::redirect;

use crate::{Article, Error, Extractor};

/// Settings for a [`Fetcher`].
///
/// ```
/// use std::time::Duration;
/// let options = decant::FetchOptions::default()
///     .timeout(Duration::from_secs(10))
///     .max_body_bytes(5 << 20)
///     .retries(2);
/// # let _ = options;
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FetchOptions {
    /// Longest wait for a connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Longest time for the whole exchange, from connecting to the last
    /// body byte (per attempt). Default 30 s.
    pub timeout: Duration,
    /// Largest body accepted, counted after content decoding while it
    /// streams in; never buffered beyond this. Default 50 MiB.
    pub max_body_bytes: usize,
    /// Redirects followed before giving up. Default 10.
    pub max_redirects: usize,
    /// The `User-Agent` header. Default `decant/<version>`.
    pub user_agent: String,
    /// Extra attempts after a 429 or 503 answer. Default 0: no retries.
    pub retries: u32,
    /// Longest wait before a retry; a `Retry-After` asking for longer ends
    /// the retries. Default 30 s.
    pub max_retry_wait: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body_bytes: 50 * 1024 * 1024,
            max_redirects: 10,
            user_agent: default_user_agent(),
            retries: 0,
            max_retry_wait: Duration::from_secs(30),
        }
    }
}

/// `decant/<version> (+repository)`: names the tool so site owners can tell.
pub fn default_user_agent() -> String {
    format!(
        "decant/{} (+https://crates.io/crates/decant)",
        env!("CARGO_PKG_VERSION")
    )
}

impl FetchOptions {
    /// Sets [`FetchOptions::connect_timeout`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
    /// Sets [`FetchOptions::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Sets [`FetchOptions::max_body_bytes`].
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }
    /// Sets [`FetchOptions::max_redirects`].
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }
    /// Sets [`FetchOptions::user_agent`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }
    /// Sets [`FetchOptions::retries`].
    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }
    /// Sets [`FetchOptions::max_retry_wait`].
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.max_retry_wait = wait;
        self
    }
}

/// A fetched HTML page.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Fetched {
    /// The URL after redirects: use it for relative links and metadata.
    pub url: String,
    /// The HTTP status (always a success here).
    pub status: u16,
    /// The response's `Content-Type`, if it sent one.
    pub content_type: Option<String>,
    /// The body after content decoding (gzip, deflate, br), still in the
    /// page's own character encoding.
    pub body: Vec<u8>,
}

/// Why a page could not be fetched (or, for
/// [`Fetcher::fetch_and_extract`], extracted).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// Not an absolute `http`/`https` URL.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with an error status (after any retries).
    #[error("HTTP {status} from {url}")]
    Status {
        /// The URL that answered.
        url: String,
        /// The status code, e.g. 404.
        status: u16,
    },
    /// Connecting or the whole exchange took longer than allowed.
    #[error("timed out fetching {url} (limit {limit:?})")]
    Timeout {
        /// The URL being fetched.
        url: String,
        /// The configured total timeout.
        limit: Duration,
    },
    /// The body grew past [`FetchOptions::max_body_bytes`].
    #[error("body of {url} is over the limit of {limit} bytes")]
    TooLarge {
        /// The URL being fetched.
        url: String,
        /// The configured limit.
        limit: usize,
    },
    /// More redirects than [`FetchOptions::max_redirects`].
    #[error("more than {limit} redirects from {url}")]
    TooManyRedirects {
        /// The URL first asked for.
        url: String,
        /// The configured limit.
        limit: usize,
    },
    /// A redirect led back to a URL already visited.
    #[error("redirect loop from {url} back to {looped_to}")]
    RedirectLoop {
        /// The URL first asked for.
        url: String,
        /// The URL visited twice.
        looped_to: String,
    },
    /// The response is not HTML (a PDF, an image, JSON …).
    #[error("{url} is {content_type}, not HTML")]
    NotHtml {
        /// The final URL.
        url: String,
        /// The `Content-Type` it was served with.
        content_type: String,
    },
    /// Could not connect (refused, DNS, TLS).
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL being fetched.
        url: String,
        /// The transport's explanation.
        reason: String,
    },
    /// Any other transport failure (a reset connection, a bad encoding).
    #[error("fetching {url} failed: {reason}")]
    Http {
        /// The URL being fetched.
        url: String,
        /// The transport's explanation.
        reason: String,
    },
    /// The page was fetched but extraction refused it.
    #[error(transparent)]
    Extract(#[from] Error),
}

/// Marker errors raised inside the redirect policy, recognised again when
/// the request fails.
#[derive(Debug, thiserror::Error)]
enum RedirectStop {
    #[error("too many redirects")]
    TooMany,
    #[error("redirect loop to {0}")]
    Loop(String),
}

/// An HTTP client for pages: build once, share (it is `Clone`, `Send` and
/// `Sync`, and pools connections), fetch many.
///
/// ```no_run
/// # async fn crawl() -> Result<(), decant::FetchError> {
/// let fetcher = decant::Fetcher::new(decant::FetchOptions::default())?;
/// let extractor = decant::Extractor::default();
/// let article = fetcher
///     .fetch_and_extract(&extractor, "https://example.com/news/1")
///     .await?;
/// println!("{:?}: {} words", article.title, article.text.split_whitespace().count());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
}

impl Fetcher {
    /// Builds the client: rustls, the redirect policy, timeouts, user agent.
    pub fn new(options: FetchOptions) -> Result<Self, FetchError> {
        let max_redirects = options.max_redirects;
        let policy = redirect::Policy::custom(move |attempt| {
            let next = attempt.url().to_string();
            if attempt.previous().iter().any(|seen| seen.as_str() == next) {
                attempt.error(RedirectStop::Loop(next))
            } else if attempt.previous().len() > max_redirects {
                attempt.error(RedirectStop::TooMany)
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(policy)
            .build()
            .map_err(|e| FetchError::Http {
                url: String::new(),
                reason: error_chain(&e),
            })?;
        Ok(Fetcher { client, options })
    }

    /// The settings this fetcher was built with.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches one page: follows redirects, retries 429/503 when asked to,
    /// refuses what is not HTML, streams the body under the size limit.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = parse_http_url(url)?;
        let mut attempt = 0u32;
        loop {
            let response = self
                .client
                .get(parsed.clone())
                .send()
                .await
                .map_err(|e| self.transport_error(url, e))?;
            let status = response.status();
            if status.is_success() {
                return self.read_page(url, response).await;
            }
            let retryable = status.as_u16() == 429 || status.as_u16() == 503;
            if retryable && attempt < self.options.retries {
                if let Some(wait) = self.retry_wait(response.headers(), attempt) {
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            return Err(FetchError::Status {
                url: response.url().to_string(),
                status: status.as_u16(),
            });
        }
    }

    /// Fetches a page and extracts its article, with the final URL and the
    /// response's `Content-Type` given to the extractor. Extraction is CPU
    /// work: a crawler with many pages in flight may prefer [`Fetcher::fetch`]
    /// and extracting on a blocking pool.
    pub async fn fetch_and_extract(
        &self,
        extractor: &Extractor,
        url: &str,
    ) -> Result<Article, FetchError> {
        let page = self.fetch(url).await?;
        Ok(extractor.extract_bytes(&page.body, Some(&page.url), page.content_type.as_deref())?)
    }

    async fn read_page(
        &self,
        url: &str,
        mut response: reqwest::Response,
    ) -> Result<Fetched, FetchError> {
        let final_url = response.url().to_string();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let kind = content_type
            .as_deref()
            .map_or(TypeKind::Sniff, classify_content_type);
        let not_html = || FetchError::NotHtml {
            url: final_url.clone(),
            content_type: content_type.clone().unwrap_or_default(),
        };
        if kind == TypeKind::Refuse {
            return Err(not_html());
        }
        let limit = self.options.max_body_bytes;
        let too_large = || FetchError::TooLarge {
            url: final_url.clone(),
            limit,
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        let mut sniffed = kind == TypeKind::Html;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(url, e))?
        {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
            if !sniffed && body.len() >= SNIFF_BYTES {
                if !looks_like_html(&body) {
                    return Err(not_html());
                }
                sniffed = true;
            }
        }
        if !sniffed && !looks_like_html(&body) {
            return Err(not_html());
        }
        Ok(Fetched {
            url: final_url,
            status: response.status().as_u16(),
            content_type,
            body,
        })
    }

    /// How long to wait before retry number `attempt + 1`: the server's
    /// `Retry-After` (seconds or an HTTP date) or exponential backoff from
    /// 0.5 s; `None` when the server asks for longer than allowed.
    fn retry_wait(&self, headers: &HeaderMap, attempt: u32) -> Option<Duration> {
        let backoff = Duration::from_millis(500u64.saturating_mul(1 << attempt.min(16)));
        let asked = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        match asked {
            Some(wait) if wait > self.options.max_retry_wait => None,
            Some(wait) => Some(wait),
            None => Some(backoff.min(self.options.max_retry_wait)),
        }
    }

    fn transport_error(&self, url: &str, e: reqwest::Error) -> FetchError {
        let url = url.to_owned();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(err) = source {
            if let Some(stop) = err.downcast_ref::<RedirectStop>() {
                return match stop {
                    RedirectStop::TooMany => FetchError::TooManyRedirects {
                        url,
                        limit: self.options.max_redirects,
                    },
                    RedirectStop::Loop(to) => FetchError::RedirectLoop {
                        url,
                        looped_to: to.clone(),
                    },
                };
            }
            source = err.source();
        }
        if e.is_timeout() {
            FetchError::Timeout {
                url,
                limit: self.options.timeout,
            }
        } else if e.is_connect() {
            FetchError::Connect {
                url,
                reason: error_chain(&e),
            }
        } else {
            FetchError::Http {
                url,
                reason: error_chain(&e),
            }
        }
    }
}

/// Bytes looked at to decide whether an unlabelled body is HTML.
const SNIFF_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TypeKind {
    Html,
    /// Might be HTML served under a generic or wrong type: look at the body.
    Sniff,
    Refuse,
}

fn classify_content_type(content_type: &str) -> TypeKind {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" | "application/vnd.wap.xhtml+xml" => TypeKind::Html,
        // Servers label HTML with these by mistake often enough to look.
        ""
        | "text/plain"
        | "application/octet-stream"
        | "text/xml"
        | "application/xml"
        | "application/json"
        | "binary/octet-stream" => TypeKind::Sniff,
        _ => TypeKind::Refuse,
    }
}

/// Whether a body starts like an HTML document (after a BOM, whitespace and
/// comments), as browsers sniff it.
fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.trim_start();
    // Skip leading comments and an XML declaration.
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|start| rest.starts_with(start))
}

fn parse_http_url(url: &str) -> Result<url::Url, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl {
            url: url.to_owned(),
            reason: format!("scheme {:?} is not http or https", parsed.scheme()),
        });
    }
    Ok(parsed)
}

/// `Retry-After` as delta-seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// An error and its causes on one line: reqwest's top-level message alone
/// ("error sending request") hides the reason.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(
            classify_content_type("text/html; charset=utf-8"),
            TypeKind::Html
        );
        assert_eq!(
            classify_content_type("Application/XHTML+XML"),
            TypeKind::Html
        );
        assert_eq!(classify_content_type("application/pdf"), TypeKind::Refuse);
        assert_eq!(classify_content_type("image/png"), TypeKind::Refuse);
        assert_eq!(classify_content_type("video/mp4"), TypeKind::Refuse);
        assert_eq!(classify_content_type("application/json"), TypeKind::Sniff);
        assert_eq!(classify_content_type("text/plain"), TypeKind::Sniff);
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<!-- generated --> <html lang=en>"));
        assert!(looks_like_html(b"<?xml version=\"1.0\"?>\n<html xmlns>"));
        assert!(!looks_like_html(b"{\"title\": \"<html>\"}"));
        assert!(!looks_like_html(b"%PDF-1.7"));
        assert!(!looks_like_html(b"<!-- never closed"));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn urls_must_be_http() {
        assert!(parse_http_url("https://example.com/a").is_ok());
        assert!(matches!(
            parse_http_url("ftp://example.com/a"),
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            parse_http_url("/relative"),
            Err(FetchError::InvalidUrl { .. })
        ));
    }
}
