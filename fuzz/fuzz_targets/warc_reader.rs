//! Any bytes as a WARC archive (plain, or gzip when the input starts with
//! the gzip magic, or gzipped here when the first byte says so): the reader
//! returns, never panics, never loops, and never holds a record over its
//! limit; every record's page step returns too.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input: Vec<u8> = if mode % 4 == 0 {
        // Gzip the input in members cut at every 0xFF byte, then corrupt
        // nothing: exercises the member path with valid gzip.
        let mut out = Vec::new();
        for part in rest.split(|&b| b == 0xff) {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = e.write_all(part);
            if let Ok(member) = e.finish() {
                out.extend(member);
            }
        }
        if mode % 8 == 4 && out.len() > 10 {
            // Truncate the last member.
            out.truncate(out.len() - 5);
        }
        out
    } else {
        rest.to_vec()
    };
    let extractor = decant::Extractor::new(decant::Options::default().max_input_bytes(LIMIT as usize));
    let mut records = 0usize;
    for record in decant::warc::WarcReader::new(&input[..]).max_record_bytes(LIMIT) {
        records += 1;
        assert!(records <= input.len() + 1, "more records than input bytes");
        if let Ok(record) = record {
            assert!(record.block.len() as u64 <= LIMIT);
            let _ = decant::warc::extract_record(&extractor, &record);
        }
    }
});
