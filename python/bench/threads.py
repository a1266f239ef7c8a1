#!/usr/bin/env python3
"""Does decant.extract scale with threads (the GIL is released)? pages/s with 1
and N threads over the same pages, in one run.

    VENV/bin/python python/bench/threads.py 2 ../shared/datasets/wcxb-dev/html/*.html.gz
"""
import gzip
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import decant


def run(extractor, pages, threads):
    def one(raw):
        try:
            return len(extractor.extract(raw)["text"])
        except decant.DecantError:
            return 0

    start, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(threads) as pool:
        total = sum(pool.map(one, pages))
    wall = time.perf_counter() - start
    # CPU seconds per wall second: above 1 only if threads ran at once.
    print(f"  {threads} thread(s): {(time.process_time() - cpu) / wall:.2f} cores busy")
    return wall, total


def main() -> None:
    threads = int(sys.argv[1])
    pages = [gzip.decompress(open(p, "rb").read()) if p.endswith(".gz") else open(p, "rb").read()
             for p in sys.argv[2:]]
    extractor = decant.Extractor()
    t1, n1 = run(extractor, pages, 1)
    tn, nn = run(extractor, pages, threads)
    assert n1 == nn
    print(f"1 thread  {len(pages) / t1:7.1f} pages/s")
    print(f"{threads} threads {len(pages) / tn:7.1f} pages/s  speed-up {t1 / tn:.2f}x")


if __name__ == "__main__":
    main()
