//! Prints decant's selection trace for one page: `cargo run --example trace -- page.html[.gz]`.
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: trace PAGE");
    let raw = std::fs::read(&path).expect("readable file");
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .expect("gzip");
        out
    } else {
        raw
    };
    print!("{}", decant::debug_trace(&String::from_utf8_lossy(&bytes)));
}
