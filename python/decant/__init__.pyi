from ._decant import (
    Article as Article,
    DecantError as DecantError,
    Extractor as Extractor,
    WarcIter as WarcIter,
    WarcLine as WarcLine,
    __version__ as __version__,
    extract as extract,
)
