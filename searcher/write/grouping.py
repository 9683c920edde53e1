"""Assigning each new article to its story: the group of a near-duplicate already indexed or
written in this run, else a group of its own (named by the article's id)."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import duplicates
from ..engine.schema import DUP_GROUP, ID, SKETCH

# A key shared by more articles than this is boilerplate ("Reporting by ..."), not a sign of a
# copy: it is not looked up, so grouping stays linear in the number of articles.
MAX_PER_KEY = 32


class StoryGrouper:
    """Finds the group of an article being written, looking at a searcher over the index as it was
    before this write and at the articles written since."""

    def __init__(self, searcher=None) -> None:
        self._searcher = searcher if searcher is not None and searcher.doc_count() else None
        self._recent: dict[int, list[tuple[Sequence[int], str]]] = {}
        self._keys: dict[int, list[int]] | None = None

    def group(self, article_id: str, signature: Sequence[int]) -> str:
        """The group for an article with this sketch; remembers it for the articles after it."""
        if not signature:
            return article_id
        found = self._in_recent(signature) or self._in_index(signature) or article_id
        for key in duplicates.keys(signature):
            known = self._recent.setdefault(key, [])
            if len(known) <= MAX_PER_KEY:
                known.append((signature, found))
        return found

    def _in_recent(self, signature: Sequence[int]) -> str | None:
        tried: set[int] = set()
        for key in duplicates.keys(signature):
            known = self._recent.get(key, ())
            if len(known) > MAX_PER_KEY:
                continue
            for other, group in known:
                if id(other) not in tried:
                    tried.add(id(other))
                    if duplicates.same_story(signature, other):
                        return group
        return None

    def _in_index(self, signature: Sequence[int]) -> str | None:
        if self._searcher is None:
            return None
        reader = self._searcher.reader()
        by_key = self._index_keys(reader)
        sketches = reader.column_reader(SKETCH)
        tried: set[int] = set()
        for key in duplicates.keys(signature):
            docnums = by_key.get(key, ())
            if len(docnums) > MAX_PER_KEY:
                continue
            for docnum in docnums:
                if docnum in tried or reader.is_deleted(docnum):
                    continue
                tried.add(docnum)
                if duplicates.same_story(signature, sketches[docnum]):
                    return reader.column_reader(DUP_GROUP)[docnum] or reader.column_reader(ID)[docnum]
        return None

    def _index_keys(self, reader) -> dict[int, list[int]]:
        """Which indexed articles have each key, read once from the sketch column."""
        if self._keys is None:
            self._keys = {}
            if reader.has_column(SKETCH):
                for docnum, sketch in enumerate(reader.column_reader(SKETCH)):
                    for key in duplicates.keys(sketch):
                        self._keys.setdefault(key, []).append(docnum)
        return self._keys
