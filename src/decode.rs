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

/// Below this many repaired sequences a document is left as it is: a
/// Latin-1 letter before a symbol ("Â®") is rare, three such pairs that
/// all spell valid UTF-8 are not chance.
const MIN_MOJIBAKE_REPAIRS: usize = 3;

/// Repairs text that was UTF-8, was decoded once more as Latin-1 or
/// windows-1252 on its way to us, and was saved so ("donâ€™t", "cafÃ©"):
/// crawled pages and their copies carry it often. Each run of characters
/// that, read back as single bytes, forms one valid multi-byte UTF-8
/// sequence is replaced by the character it spells. Returns the repaired
/// text and the number of repairs, or `None` when there are too few.
pub(crate) fn repair_double_encoding(text: &str) -> Option<(String, usize)> {
    // Every lead byte of a multi-byte sequence (0xC2..=0xF4) read as
    // Latin-1 is U+00C2..=U+00F4, written in UTF-8 as 0xC3 0x82..=0xB4:
    // only those places are looked at, and nothing is copied until enough
    // of them spell something.
    let bytes = text.as_bytes();
    let mut repairs: Vec<(usize, usize, char)> = Vec::new();
    let mut resume = 0;
    for at in memchr::memchr_iter(0xC3, bytes) {
        if at < resume || !bytes.get(at + 1).is_some_and(|b| (0x82..=0xB4).contains(b)) {
            continue;
        }
        if let Some((end, spelled)) = spelled_at(text, at) {
            repairs.push((at, end, spelled));
            resume = end;
        }
    }
    if repairs.len() < MIN_MOJIBAKE_REPAIRS {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for &(at, end, spelled) in &repairs {
        out.push_str(&text[copied_to..at]);
        out.push(spelled);
        copied_to = end;
    }
    out.push_str(&text[copied_to..]);
    Some((out, repairs.len()))
}

/// The character spelled by the lead letter at byte `at` and the letters
/// after it read back as single bytes, with the byte where they end; `None`
/// when they do not form one valid UTF-8 sequence of a printable character.
fn spelled_at(text: &str, at: usize) -> Option<(usize, char)> {
    let mut chars = text[at..].char_indices();
    let (_, lead) = chars.next()?;
    let length = match lead as u32 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut sequence = [lead as u8, 0, 0, 0];
    let mut end = at + lead.len_utf8();
    for slot in sequence.iter_mut().take(length).skip(1) {
        let (offset, next) = chars.next()?;
        match single_byte(next) {
            Some(byte @ 0x80..=0xBF) => *slot = byte,
            _ => return None,
        }
        end = at + offset + next.len_utf8();
    }
    let spelled = std::str::from_utf8(&sequence[..length])
        .ok()?
        .chars()
        .next()?;
    // C1 controls are not text: their bytes were something else.
    (!spelled.is_control()).then_some((end, spelled))
}

/// The byte a character stood for when windows-1252 (or Latin-1, for the
/// C1 range) decoded it.
fn single_byte(c: char) -> Option<u8> {
    let byte = match c {
        '\u{80}'..='\u{FF}' => c as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
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
    fn repairs_double_encoded_utf8() {
        // UTF-8 read back as windows-1252 (’ as â€™) and as Latin-1 (— as
        // â + two C1 controls), with é as Ã©.
        let broken = "donâ€™t stop â\u{80}\u{94} cafÃ© and the rÃ©sumÃ©";
        let (fixed, repairs) = repair_double_encoding(broken).unwrap();
        assert_eq!(fixed, "don’t stop — café and the résumé");
        assert_eq!(repairs, 5);
    }

    #[test]
    fn leaves_real_latin1_text_alone() {
        // Letters before symbols that happen to be continuation bytes, too
        // few to be double encoding; and text with no lead letters at all.
        assert_eq!(repair_double_encoding("Ã la carte, Â£5 and Â°C"), None);
        assert_eq!(repair_double_encoding("Straße, Ünïcödé — plain text"), None);
        assert_eq!(repair_double_encoding("À bientôt, à »"), None);
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
