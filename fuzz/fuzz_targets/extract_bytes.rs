//! Any bytes, any content type: extraction returns, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a declared charset, so the decoder paths are
    // exercised too.
    let (content_type, page) = match data.split_first() {
        Some((selector, rest)) => {
            let content_type = match selector % 6 {
                0 => None,
                1 => Some("text/html; charset=utf-8"),
                2 => Some("text/html; charset=windows-1252"),
                3 => Some("text/html; charset=shift_jis"),
                4 => Some("text/html; charset=utf-16le"),
                _ => Some("text/html; charset=x-unknown"),
            };
            (content_type, rest)
        }
        None => (None, data),
    };
    let options = decant::Options::default()
        .markdown(decant::Markdown::WithTitle)
        .comments(true);
    let extractor = decant::Extractor::new(options);
    let _ = extractor.extract_bytes(page, Some("https://fuzz.example/a/b"), content_type);
});
