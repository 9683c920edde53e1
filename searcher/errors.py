"""Every error the library raises on purpose.

    SearcherError                 base class: catch this to catch them all
    ├── IndexNotFoundError        no index at the given folder
    ├── IndexLockedError          another process is writing to the index
    ├── IndexCorruptError         the folder holds something that is not a readable index
    │   └── IndexOutdatedError    an index built by an older version: rebuild it
    ├── ArticleNotFoundError      no article with the given id (or id prefix)
    ├── AmbiguousIdError          an id prefix that several articles' ids start with
    ├── QueryError                a query that cannot be understood
    │   └── QueryTimeoutError     a query that ran past the time budget (`budget.TIME_BUDGET`)
    └── ParseError                a file that cannot be read as an article
        └── SkippedFileError      a whole file that `parse_paths` left out, not one of its records

Each message is one line that names the offending folder, file or query, so a command-line tool
can print it as it is; a long query is echoed by its start (`ECHOED_CHARS`).
"""

from __future__ import annotations

__all__ = [
    "AmbiguousIdError",
    "ArticleNotFoundError",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexOutdatedError",
    "ParseError",
    "QueryError",
    "QueryTimeoutError",
    "SearcherError",
    "SkippedFileError",
]

# A query echoed in a message is cut to this many characters: a pasted page is not repeated.
ECHOED_CHARS = 80


class SearcherError(Exception):
    """Base class of the errors this library raises."""


class IndexNotFoundError(SearcherError):
    def __init__(self, path: str) -> None:
        super().__init__(f"no index at {path}")
        self.path = path


class IndexLockedError(SearcherError):
    def __init__(self, path: str) -> None:
        super().__init__(f"the index at {path} is locked: another process is writing to it")
        self.path = path


class IndexCorruptError(SearcherError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot read the index at {path}: {reason}")
        self.path = path
        self.reason = reason


class IndexOutdatedError(IndexCorruptError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "it was built by an older version; run `searcher index --rebuild`")


class ArticleNotFoundError(SearcherError):
    def __init__(self, article_id: str, path: str) -> None:
        super().__init__(f"no article with id {article_id!r} in {path}")
        self.article_id = article_id
        self.path = path


class AmbiguousIdError(SearcherError):
    """`candidates` holds a few of the ids that start with `prefix`, not necessarily all of them."""

    def __init__(self, prefix: str, candidates: list[str], more: bool) -> None:
        listed = ", ".join(candidates) + (", …" if more else "")
        super().__init__(f"id prefix {prefix!r} is ambiguous: {listed}; give more of the id")
        self.prefix = prefix
        self.candidates = candidates


class QueryError(SearcherError):
    def __init__(self, query: str, reason: str) -> None:
        super().__init__(f"cannot understand the query {echoed(query)}: {reason}")
        self.query = query
        self.reason = reason


class QueryTimeoutError(QueryError):
    """The search stopped at its deadline: the query asks for more work than the budget allows."""

    def __init__(self, query: str, seconds: float) -> None:
        reason = (
            f"took longer than its budget of {seconds:g} s; narrow it with fewer words or longer prefixes"
        )
        super().__init__(query, reason)
        self.args = (f"the query {echoed(query)} {reason}",)
        self.seconds = seconds


def echoed(query: str) -> str:
    """A query as a message quotes it: its start when it is long, in quotes."""
    if len(query) > ECHOED_CHARS:
        query = query[:ECHOED_CHARS] + "…"
    return repr(query)


class ParseError(SearcherError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        """Rebuilt from its path and reason: worker processes hand problems back pickled."""
        return type(self), (self.path, self.reason)


class SkippedFileError(ParseError):
    """A whole file left out, not only some of its records. `opened`: it was read and could not be
    parsed, rather than passed over unopened (a FIFO, a name that is not UTF-8)."""

    def __init__(self, path: str, reason: str, opened: bool = True) -> None:
        super().__init__(path, reason)
        self.opened = opened

    def __reduce__(self):
        return type(self), (self.path, self.reason, self.opened)
