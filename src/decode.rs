//! Bytes → UTF-8 text.
//!
//! Order of evidence, strongest first (as browsers do): a byte-order mark,
//! the HTTP `Content-Type` charset, a `<meta charset>` / `http-equiv`
//! declaration in the first bytes, then statistical detection (`chardetng`).
//! One deliberate deviation: when only `<meta>` names a legacy charset but
//! the bytes are valid UTF-8 with non-ASCII text, we decode as UTF-8. Saved
//! and re-encoded pages very often keep a stale `<meta>`; valid multi-byte
//! UTF-8 almost never happens by chance in a legacy encoding.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Where the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Bom,
    Http,
    Meta,
    Detected,
}

pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub source: Source,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// How far into the document a `<meta>` charset declaration is looked for.
/// The HTML standard says 1024 bytes; real pages put it later.
const META_SCAN_BYTES: usize = 16 * 1024;

pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding,
            source: Source::Bom,
            had_errors,
        };
    }
    if let Some(encoding) = content_type.and_then(charset_from_content_type) {
        return finish(bytes, encoding, Source::Http);
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_SCAN_BYTES)]) {
        if encoding != UTF_8 && has_utf8_multibyte(bytes) {
            return finish(bytes, UTF_8, Source::Detected);
        }
        return finish(bytes, encoding, Source::Meta);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(bytes, UTF_8, Source::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let encoding = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    finish(bytes, encoding, Source::Detected)
}

fn finish<'a>(bytes: &'a [u8], encoding: &'static Encoding, source: Source) -> Decoded<'a> {
    // A document that declares UTF-16 in ASCII-compatible bytes is not
    // UTF-16 (the HTML standard maps such a declaration to UTF-8).
    let encoding = if source == Source::Meta && (encoding == UTF_16LE || encoding == UTF_16BE) {
        UTF_8
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        source,
        had_errors,
    }
}

/// True when `bytes` is valid UTF-8 and holds at least one multi-byte
/// sequence.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The encoding named by a `charset=` parameter, if it is one we know.
pub(crate) fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace() || c == '>')
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// Finds a charset declared in a `<meta>` tag within `head`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(found) = find_ascii_ci(&head[pos..], b"<meta") {
        let start = pos + found + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&head[start..end]);
        let lower = tag.to_ascii_lowercase();
        if lower.contains("charset") {
            // Covers both `charset="x"` and `content="text/html; charset=x"`.
            if let Some(encoding) = charset_from_content_type(&lower) {
                return Some(encoding);
            }
        }
        pos = end.max(start);
    }
    None
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn top_level_domain(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())).then(|| tld.to_owned())
}

/// The label we report for an encoding in warnings.
pub(crate) fn label(encoding: &'static Encoding) -> &'static str {
    if encoding == WINDOWS_1252 {
        "windows-1252"
    } else {
        encoding.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], content_type: Option<&str>) -> String {
        decode(bytes, content_type, None).text.into_owned()
    }

    #[test]
    fn bom_beats_everything() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>héllo</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            text(&bytes, Some("text/html; charset=iso-8859-1")),
            "<p>héllo</p>"
        );
    }

    #[test]
    fn http_charset_then_meta() {
        let latin1 = b"<meta charset=\"utf-8\"><p>caf\xe9</p>";
        assert!(text(latin1, Some("text/html; charset=ISO-8859-1")).contains("café"));
        let declared = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xe9</p>";
        assert!(text(declared, None).contains("café"));
    }

    #[test]
    fn stale_meta_on_utf8_bytes() {
        let bytes = "<meta charset=\"iso-8859-1\"><p>café</p>".as_bytes();
        assert!(text(bytes, None).contains("café"));
    }

    #[test]
    fn legacy_encodings_by_meta() {
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=\"Shift_JIS\"><p>日本語の記事</p>");
        assert!(text(&sjis, None).contains("日本語の記事"));
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("<meta charset=koi8-r><p>Привет, мир</p>");
        assert!(text(&koi8, None).contains("Привет, мир"));
        let (gb, _, _) = encoding_rs::GB18030.encode("<meta charset=gb18030><p>中文文章</p>");
        assert!(text(&gb, None).contains("中文文章"));
    }

    #[test]
    fn detection_without_declaration() {
        let (bytes, _, _) = WINDOWS_1252
            .encode("<p>Die Straße war „voll“ – überall Menschen, große Freude, schöne Grüße.</p>");
        assert!(text(&bytes, None).contains("Straße war „voll“ – überall"));
    }

    #[test]
    fn unknown_label_falls_back() {
        let bytes = b"<meta charset=\"x-nonsense\"><p>plain</p>";
        assert!(text(bytes, None).contains("plain"));
    }
}
