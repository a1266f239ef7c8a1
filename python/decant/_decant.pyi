from typing import Any, Dict, Iterator, List, Literal, Optional, TypedDict, Union

__version__: str

class Comment(TypedDict):
    author: Optional[str]
    date: Optional[str]
    text: str

class Article(TypedDict, total=False):
    url: Optional[str]
    title: Optional[str]
    byline: Optional[str]
    date: Optional[str]
    modified: Optional[str]
    site_name: Optional[str]
    lang: Optional[str]
    description: Optional[str]
    image: Optional[str]
    tags: Optional[List[str]]
    categories: Optional[List[str]]
    text: str
    page_type: Optional[str]  # article, forum, product, collection, listing, documentation, service
    confidence: float
    markdown: Optional[str]  # with markdown=True / "with_title" / "body_only"
    html: str  # with with_html=True
    comments: List[Comment]  # with comments=True
    warnings: List[str]

class WarcLine(Article, total=False):
    warc_record_id: Optional[str]
    warc_date: Optional[str]
    source: str
    error: str  # present on a record that could not be read or extracted

class DecantError(Exception):
    """Extraction failed; `kind` is 'too_large', 'too_many_nodes', 'invalid_url' or 'other'."""

    kind: str

class Extractor:
    """A configured extractor: build once, share across threads.

    Options (all keyword-only): max_input_bytes: int, max_nodes: int,
    with_html: bool (default False: no `html` field), links: bool, images: bool, tables: bool,
    comments: bool, markdown: bool | "off" | "with_title" | "body_only",
    focus: "balanced" | "precision" | "recall" (where to lean when a block could go either way).
    Unknown options raise TypeError.
    """

    def __init__(
        self,
        *,
        max_input_bytes: int = ...,
        max_nodes: int = ...,
        with_html: bool = ...,
        links: bool = ...,
        images: bool = ...,
        tables: bool = ...,
        comments: bool = ...,
        markdown: Union[bool, Literal["off", "with_title", "body_only"]] = ...,
        focus: Literal["balanced", "precision", "recall"] = ...,
    ) -> None: ...
    def extract(
        self,
        html: Union[str, bytes],
        url: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> Article: ...
    def extract_warc(self, path: str, max_record_bytes: Optional[int] = None) -> WarcIter: ...

class WarcIter(Iterator[WarcLine]):
    def __iter__(self) -> "WarcIter": ...
    def __next__(self) -> WarcLine: ...
    @property
    def stats(self) -> Dict[str, int]: ...

def extract(
    html: Union[str, bytes],
    url: Optional[str] = None,
    content_type: Optional[str] = None,
    *,
    max_input_bytes: int = ...,
    max_nodes: int = ...,
    **options: Any,
) -> Article: ...
