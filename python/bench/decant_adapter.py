#!/usr/bin/env python3
"""score.py adapter for the Python binding: `decant_adapter.py PAGE...` prints one
JSON line per page (the score.py / peers protocol) using `decant.extract` on the
raw bytes, and `EXTRACT_SECONDS s PAGES n BYTES b` on stderr.

    python3 ../shared/eval/score.py run trafilatura ../shared/datasets/trafilatura \\
        -- VENV/bin/python python/bench/decant_adapter.py
"""
import gzip
import json
import sys
import time

import decant


def main() -> None:
    extractor = decant.Extractor()
    seconds = 0.0
    total = 0
    out = sys.stdout
    for path in sys.argv[1:]:
        try:
            with open(path, "rb") as f:
                raw = f.read()
            if path.endswith(".gz"):
                raw = gzip.decompress(raw)
            total += len(raw)
            start = time.perf_counter()
            try:
                article = extractor.extract(raw)
            finally:
                seconds += time.perf_counter() - start
            line = {"source": path}
            line.update({k: article[k] for k in
                         ("text", "title", "byline", "date", "site_name", "lang", "description", "url")})
        except Exception as e:  # noqa: BLE001 - reported per page, as the protocol asks
            line = {"source": path, "error": f"{type(e).__name__}: {e}"}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"EXTRACT_SECONDS {seconds:.6f} PAGES {len(sys.argv) - 1} BYTES {total}", file=sys.stderr)


if __name__ == "__main__":
    main()
