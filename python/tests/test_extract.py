import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import decant
from decant.datatrove import Decant
from warcgen import mixed_archive, page

FIELDS = [
    "url", "title", "byline", "date", "modified", "site_name", "lang", "description",
    "image", "tags", "categories", "text", "page_type", "confidence", "warnings",
]


def test_extract_str_gives_the_cli_fields():
    article = decant.extract(page(1), url="https://ledger.example/news/1")
    assert list(article) == FIELDS
    assert article["title"] == "Council report 1: library hours"
    assert article["lang"] == "en"
    assert article["url"] == "https://ledger.example/news/1"
    assert "item 1 on a long agenda" in article["text"]
    assert "All rights reserved" not in article["text"]
    assert "See also" not in article["text"]


def test_extract_bytes_uses_the_http_charset():
    html = page(2).replace('<meta charset="utf-8">', "").replace("long agenda", "caf\u00e9 agenda")
    raw = html.encode("latin-1")
    article = decant.extract(raw, content_type="text/html; charset=ISO-8859-1")
    assert "caf\u00e9 agenda" in article["text"]


def test_options_and_extra_fields():
    article = decant.extract(page(3), markdown=True, with_html=True, comments=True, links=False)
    assert article["markdown"].startswith("# Council report 3")
    assert "<p>" in article["html"]
    assert article["comments"] == []
    body_only = decant.Extractor(markdown="body_only").extract(page(3))
    assert "item 3 on a long agenda" in body_only["markdown"]
    assert "html" not in decant.extract(page(3))


def test_unknown_option_is_a_type_error():
    with pytest.raises(TypeError, match="unknown option"):
        decant.Extractor(favour_precision=True)
    with pytest.raises(TypeError):
        decant.extract(page(1), nope=1)
    with pytest.raises(ValueError):
        decant.Extractor(markdown="sideways")
    with pytest.raises(ValueError, match="focus"):
        decant.Extractor(focus="everything")


def test_focus_leans_towards_precision_or_recall():
    words = {
        focus: len(decant.Extractor(focus=focus).extract(page(3))["text"].split())
        for focus in ("precision", "balanced", "recall")
    }
    assert 0 < words["precision"] <= words["balanced"] <= words["recall"]
    with pytest.raises(TypeError):
        decant.extract(12345)


def test_errors_are_decant_errors_with_a_kind():
    with pytest.raises(decant.DecantError) as info:
        decant.extract(page(1), max_input_bytes=100)
    assert info.value.kind == "too_large"
    with pytest.raises(decant.DecantError) as info:
        decant.extract(page(1), url="not a url")
    assert info.value.kind == "invalid_url"


def test_extractor_is_shared_across_threads():
    extractor = decant.Extractor()
    pages = [page(n) for n in range(40)]
    serial = [extractor.extract(p)["text"] for p in pages]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda p: extractor.extract(p)["text"], pages))
    assert threaded == serial


def test_extract_warc_yields_lines_and_counts(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(mixed_archive())
    it = decant.Extractor().extract_warc(str(path))
    lines = list(it)
    ok = [line for line in lines if "error" not in line]
    errors = [line for line in lines if "error" in line]
    assert len(ok) == 28
    assert [e["warc_record_id"] for e in errors] == ["<urn:uuid:gen-0018>", "<urn:uuid:gen-0026>"]
    first = ok[0]
    assert first["warc_record_id"] == "<urn:uuid:gen-0001>"
    assert first["url"] == "https://ledger.example/news/1"
    assert first["warc_date"] == "2024-05-02T12:00:00Z"
    assert "item 1 on a long agenda" in first["text"]
    latin1 = next(line for line in ok if line["warc_record_id"] == "<urn:uuid:gen-0031>")
    assert "caf\u00e9 cr\u00e8me" in latin1["text"]
    assert it.stats == {"records": 41, "html": 28, "extracted": 28, "failed": 2, "skipped": 11}


def test_datatrove_extractor():
    step = Decant()
    text = step.extract(page(5))
    assert "item 5 on a long agenda" in text
    assert step.extract("") == ""
    clone = pickle.loads(pickle.dumps(step))
    assert clone.extract(page(5)) == text
    with pytest.raises(TypeError):
        Decant(favour_precision=True)
