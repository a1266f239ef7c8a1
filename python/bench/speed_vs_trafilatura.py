#!/usr/bin/env python3
"""pages/s of decant.extract and trafilatura.extract on the same pages, in one run.

    VENV/bin/python python/bench/speed_vs_trafilatura.py ../shared/datasets/trafilatura/html/*.html.gz

Both get the raw bytes (each decodes them itself), one page at a time on one
thread; each page is extracted by both before the next (interleaved, so machine
noise hits both alike). Prints pages/s and MB/s for each and the ratio.
"""
import gzip
import sys
import time

import trafilatura

import decant


def main() -> None:
    pages = []
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            raw = f.read()
        pages.append(gzip.decompress(raw) if path.endswith(".gz") else raw)
    mb = sum(map(len, pages)) / 1e6
    extractor = decant.Extractor()
    t_decant = t_traf = 0.0
    for raw in pages:
        start = time.perf_counter()
        try:
            extractor.extract(raw)
        except decant.DecantError:
            pass
        t_decant += time.perf_counter() - start
        start = time.perf_counter()
        try:
            trafilatura.extract(raw)
        except Exception:  # noqa: BLE001
            pass
        t_traf += time.perf_counter() - start
    n = len(pages)
    print(f"pages {n} MB {mb:.2f}")
    print(f"decant.extract      {n / t_decant:8.1f} pages/s {mb / t_decant:7.2f} MB/s ({t_decant:.2f} s)")
    print(f"trafilatura.extract {n / t_traf:8.1f} pages/s {mb / t_traf:7.2f} MB/s ({t_traf:.2f} s)")
    print(f"ratio decant/trafilatura {t_traf / t_decant:.1f}x")


if __name__ == "__main__":
    main()
