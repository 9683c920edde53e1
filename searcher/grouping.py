"""Assigning each new article to its story: the group of a near-duplicate already indexed or
written in this run, else a group of its own (named by the article's id)."""

from __future__ import annotations

from whoosh import query as wq

from . import duplicates


class StoryGrouper:
    """Finds the group of an article being written, looking at a searcher over the index as it was
    before this write and at the articles written since."""

    def __init__(self, searcher=None) -> None:
        self._searcher = searcher if searcher is not None and searcher.doc_count() else None
        self._recent: dict[str, list[tuple[list[int], str]]] = {}

    def group(self, article_id: str, signature: list[int]) -> str:
        """The group for an article with this sketch; remembers it for the articles after it."""
        if not signature:
            return article_id
        found = self._in_recent(signature) or self._in_index(signature) or article_id
        for key in duplicates.keys(signature):
            self._recent.setdefault(key, []).append((signature, found))
        return found

    def _in_recent(self, signature: list[int]) -> str | None:
        for key in duplicates.keys(signature):
            for other, group in self._recent.get(key, ()):
                if duplicates.same_story(signature, other):
                    return group
        return None

    def _in_index(self, signature: list[int]) -> str | None:
        if self._searcher is None:
            return None
        candidates = wq.Or([wq.Term("dup_keys", key) for key in duplicates.keys(signature)])
        for docnum in self._searcher.docs_for_query(candidates):
            stored = self._searcher.stored_fields(docnum)
            other = stored.get("sketch")
            if other and duplicates.same_story(signature, other):
                return stored.get("dup_group") or stored["id"]
        return None
