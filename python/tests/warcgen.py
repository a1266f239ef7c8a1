"""Builds small WARC archives for the tests: pages written here, never copied."""

import gzip
import io

TOPICS = [
    "harbour dredging", "library hours", "bridge repairs", "school lunches", "bus routes",
    "park benches", "river cleanup", "market stalls", "cycle lanes", "street lighting",
]


def page(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Council report {n}: {topic} | The Ledger</title>"
        f'<meta name="author" content="Reporter {n % 4}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>'
        f"<article><h1>Council report {n}: {topic}</h1>"
        f"<p>The council met on Tuesday evening to discuss {topic}, item {n} on a long agenda, "
        f"and after two hours of debate it voted to ask for a fuller study of the costs.</p>"
        f"<p>Residents who spoke said that {topic} had been neglected for years, while the "
        f"treasurer warned that the budget for item {n} would have to come from reserves.</p>"
        f"<p>A final decision is expected next month, when the study is due.</p></article>"
        f'<aside><h3>See also</h3><ul><li><a href="/x">Other news</a></li></ul></aside>'
        f"<footer>Copyright The Ledger. All rights reserved.</footer></body></html>"
    )


def http(status: str, content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def record(kind: str, n: int, content_type: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:gen-{n:04d}>\r\n"
        f"WARC-Date: 2024-05-{n % 28 + 1:02d}T12:00:00Z\r\n"
        f"WARC-Target-URI: https://ledger.example/news/{n}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def member(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def mixed_archive() -> bytes:
    """About forty records, one gzip member each: HTML pages, non-HTML
    responses, a 404, a request, warcinfo, a corrupt record, a truncated member."""
    out = [member(record("warcinfo", 0, "application/warc-fields", b"software: warcgen\r\n"))]
    for n in range(1, 41):
        if n % 10 == 3:
            rec = record("response", n, "application/http; msgtype=response",
                         http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))))
        elif n % 10 == 5:
            rec = record("request", n, "application/http; msgtype=request",
                         f"GET /news/{n} HTTP/1.1\r\nHost: ledger.example\r\n\r\n".encode())
        elif n == 7:
            rec = record("response", n, "application/http; msgtype=response",
                         http("404 Not Found", "text/html", page(n).encode()))
        elif n == 12:
            rec = record("response", n, "application/http; msgtype=response",
                         http("200 OK", "application/json", b'{"a": 1}'))
        elif n == 18:
            # Corrupt: a header line without a colon, no Content-Length.
            rec = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:gen-{n:04d}>\r\n"
                   f"this line is broken\r\n\r\n").encode()
        elif n == 26:
            whole = member(record("response", n, "application/http; msgtype=response",
                                  http("200 OK", "text/html", page(n).encode())))
            out.append(whole[: len(whole) * 2 // 3])  # truncated member
            continue
        elif n == 31:
            latin1 = page(n).replace('<meta charset="utf-8">', "").replace(
                "long agenda", "long agenda at the caf\u00e9 cr\u00e8me").encode("latin-1")
            rec = record("response", n, "application/http; msgtype=response",
                         http("200 OK", "text/html; charset=ISO-8859-1", latin1))
        else:
            rec = record("response", n, "application/http; msgtype=response",
                         http("200 OK", "text/html; charset=utf-8", page(n).encode()))
        out.append(member(rec))
    return b"".join(out)
