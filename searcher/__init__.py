"""searcher: full-text search for collections of news articles.

    >>> import searcher
    >>> with searcher.Index.open_or_create("index") as index:
    ...     report = index.update(["corpus"])
    ...     results = index.search('"progressive prosecutors"', limit=5)
    ...     for hit in results:
    ...         print(hit.rank, hit.title, hit.date)

Parsing (`parse_path`, `parse_paths`, `parse_html`, `parse_text`, `parse_record`) and searching
(`Index`, `Results`, `Hit`) load their dependencies on first use, so importing this package is cheap.
`parse_paths` parses many files and folders on every core, as `searcher parse` does.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .article import Article, Quote
from .errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexOutdatedError,
    ParseError,
    QueryError,
    QueryTimeoutError,
    SearcherError,
    SkippedFileError,
)

if TYPE_CHECKING:
    from .index import Index
    from .parse import parse_html, parse_path, parse_record, parse_text
    from .read.quotesearch import QuoteHit, QuoteResults
    from .read.search import Hit, Results
    from .reports import IndexStats, Progress, Skip, Timeline, UpdateReport
    from .shards import ShardedIndex
    from .write.ingest import parse_paths

__version__ = "0.1.0"

__all__ = [
    "AmbiguousIdError",
    "Article",
    "ArticleNotFoundError",
    "Hit",
    "Index",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexOutdatedError",
    "IndexStats",
    "ParseError",
    "Progress",
    "QueryError",
    "QueryTimeoutError",
    "Quote",
    "QuoteHit",
    "QuoteResults",
    "Results",
    "SearcherError",
    "ShardedIndex",
    "Skip",
    "SkippedFileError",
    "Timeline",
    "UpdateReport",
    "__version__",
    "parse_html",
    "parse_path",
    "parse_paths",
    "parse_record",
    "parse_text",
]

_LAZY = {
    "Index": ".index",
    "ShardedIndex": ".shards",
    "IndexStats": ".reports",
    "Progress": ".reports",
    "Skip": ".reports",
    "Timeline": ".reports",
    "UpdateReport": ".reports",
    "Hit": ".read.search",
    "QuoteHit": ".read.quotesearch",
    "QuoteResults": ".read.quotesearch",
    "Results": ".read.search",
    "parse_html": ".parse",
    "parse_path": ".parse",
    "parse_paths": ".write.ingest",
    "parse_record": ".parse",
    "parse_text": ".parse",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'searcher' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
