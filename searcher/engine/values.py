"""A filter on a facet's exact value: the articles whose source, bylines or speakers hold it.

The column each facet is counted from is read whole, once per segment reader, and the documents
whose value is exactly the one asked for are kept, so a filter chosen from the facet counts keeps
exactly the articles counted ("Reuters" alone, not "Thomson Reuters" too). The words of the value
(``source:``, ``byline:``, ``speaker:`` terms) only size the filter for Whoosh's planning.
"""

from __future__ import annotations

import weakref

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from .schema import split_names

# Per segment reader: each column's value of every document, read whole the first time a filter
# needs it (one pass in C rather than a lookup per candidate), and the documents each value keeps.
_COLUMNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class HasValue(wq.Query):
    """Documents matching `narrow` whose `column` value is `value` (or, with `many`, one of whose
    names is). Unscored: it only filters."""

    def __init__(self, narrow: wq.Query, column: str, value: str, *, many: bool) -> None:
        self.narrow, self.column, self.value, self.many = narrow, column, value, many
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.column!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and (self.narrow, self.column, self.value, self.many)
            == (other.narrow, other.column, other.value, other.many)  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return hash((type(self), self.column, self.value, self.many))

    def estimate_size(self, ixreader) -> int:
        return self.narrow.estimate_size(ixreader)

    def docs(self, searcher):
        """The kept documents of one segment, from the cached list (no matcher)."""
        return iter(_holding(searcher.reader(), self.column, self.value, self.many))

    def matcher(self, searcher, context=None):
        """The kept documents of one segment (`searcher` is a segment's when the index has several)."""
        kept = _holding(searcher.reader(), self.column, self.value, self.many)
        return ListMatcher(kept) if kept else NullMatcher()


def _holding(reader, column: str, value: str, many: bool) -> list[int]:
    """The live documents of a segment whose `column` holds `value`, in order, worked out once per
    reader (a reader's deletions never change)."""
    try:
        cache = _COLUMNS.setdefault(reader, {})
    except TypeError:  # a reader that takes no weak reference
        cache = {}
    key = (column, value)
    found = cache.get(key)
    if found is None:
        values = cache.get(column)
        if values is None:
            values = cache[column] = list(reader.column_reader(column))
        if many:
            found = [d for d, names in enumerate(values) if value in split_names(names)]
        else:
            found = [d for d, own in enumerate(values) if own == value]
        if reader.has_deletions():
            found = [d for d in found if not reader.is_deleted(d)]
        cache[key] = found
    return found
