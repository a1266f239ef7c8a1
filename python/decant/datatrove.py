"""A datatrove extractor backed by decant.

In a FineWeb-style pipeline, swap trafilatura for decant in one line::

    from decant.datatrove import Decant
    pipeline = [WarcReader(...), URLFilter(), Decant(), ...]   # was: Trafilatura(favour_precision=True)

`Decant` has datatrove's `BaseExtractor` shape (`extract(text) -> str`) and
subclasses `BaseExtractor` when datatrove is installed; without datatrove it
is a plain class with the same `extract` method (usable anywhere a
`str -> str` extractor is wanted).
"""

from typing import Any, Optional

from . import DecantError, Extractor

try:  # pragma: no cover - depends on datatrove being installed
    from datatrove.pipeline.extractors.base import BaseExtractor as _Base

    _HAVE_DATATROVE = True
except ImportError:  # pragma: no cover
    _Base = object
    _HAVE_DATATROVE = False


class Decant(_Base):  # type: ignore[misc, valid-type]
    """Main-text extraction with decant: `extract(html) -> text` ('' when none)."""

    name = "⛏ Decant"
    _requires_dependencies = ["decant"]

    def __init__(self, timeout: float = 0.1, **options: Any) -> None:
        if _HAVE_DATATROVE:
            super().__init__(timeout=timeout)
        self.timeout = timeout
        self._options = options
        # Built lazily: pipeline steps are pickled to the workers.
        self._extractor: Optional[Extractor] = None
        Extractor(**options)  # unknown options fail here, not on the workers

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_extractor"] = None
        return state

    def extract(self, text: str) -> str:
        if self._extractor is None:
            self._extractor = Extractor(**self._options)
        try:
            return self._extractor.extract(text)["text"]
        except DecantError:
            return ""
