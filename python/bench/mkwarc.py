#!/usr/bin/env python3
"""Builds a WARC (one gzip member per record, all 200 text/html responses) from HTML
files, for benchmarks: mkwarc.py OUT.warc.gz PAGE.html[.gz]... (write it outside the repo)."""
import gzip, sys, glob, os, uuid
out = sys.argv[1]; files = sorted(sys.argv[2:])
with open(out, "wb") as f:
    for i, p in enumerate(files):
        raw = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(raw) + raw
        rid = "<urn:uuid:%s>" % uuid.UUID(int=i + 1)
        url = "https://example.org/%s" % os.path.basename(p).split(".")[0]
        head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: %s\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
                "WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
                % (rid, url, len(http))).encode()
        f.write(gzip.compress(head + http + b"\r\n\r\n", 6))
