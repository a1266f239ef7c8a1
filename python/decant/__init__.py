"""decant: turns a web page into its article (title, byline, date, clean text).

>>> import decant
>>> html = ("<html><head><title>Port expansion approved | The Ledger</title></head><body>"
...         "<article><h1>Port expansion approved</h1><p>The council voted 7 to 2 on Tuesday "
...         "to approve the expansion of the port, ending a debate that had lasted three "
...         "years, and clearing the way for construction.</p></article></body></html>")
>>> article = decant.extract(html, url="https://ledger.example/port")
>>> article["title"]
'Port expansion approved'

Extraction runs in Rust with the GIL released, so threads scale across cores.
"""

from ._decant import DecantError, Extractor, WarcIter, __version__, extract

__all__ = ["DecantError", "Extractor", "WarcIter", "extract", "__version__"]
