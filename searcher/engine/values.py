"""A filter on a facet's exact value: the articles whose source, bylines or speakers hold it.

The words of the value find the candidates through the index (``source:``, ``byline:``,
``speaker:`` terms); the column each facet is counted from then keeps those whose value is exactly
the one asked for, so a filter chosen from the facet counts keeps exactly the articles counted
("Reuters" alone, not "Thomson Reuters" too).
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from .schema import split_names


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

    def matcher(self, searcher, context=None):
        """The kept documents of one segment (`searcher` is a segment's when the index has several)."""
        column = searcher.reader().column_reader(self.column)
        value = self.value
        if self.many:
            kept = [d for d in self.narrow.docs(searcher) if value in split_names(column[d])]
        else:
            kept = [d for d in self.narrow.docs(searcher) if column[d] == value]
        return ListMatcher(kept) if kept else NullMatcher()
