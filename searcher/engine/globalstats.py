"""Scoring one part of a collection as if it were the whole: the statistics BM25 needs, summed
over every part, and a searcher that scores with them.

A collection split into shards scores differently in each shard when each uses its own counts: a
word common in one shard and rare in another gets two idfs, and the same article two scores. The
statistics BM25 reads are few — how many documents there are, how many hold each query word, and
each field's total length — so a query first gathers them from every shard (Elasticsearch's
``dfs_query_then_fetch``) and each shard then scores with the sums. Scores are then those of one
index over the same articles: the same formula (`scoring.robertson_idf`, Whoosh's average field
length) on the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh.searching import Searcher

from .scoring import robertson_idf


@dataclass(frozen=True, slots=True)
class Statistics:
    """What BM25 counts, over a whole collection.

    `documents` is every document, deleted ones not yet merged away included (as Whoosh's idf and
    average field length count them); `lengths` each field's total length; `frequencies` how many
    documents hold each (field, term bytes) of the query."""

    documents: int
    lengths: Mapping[str, int] = field(default_factory=dict)
    frequencies: Mapping[tuple[str, bytes], int] = field(default_factory=dict)

    def idf(self, fieldname: str, term: bytes) -> float:
        return robertson_idf(self.documents, self.frequencies[(fieldname, term)])

    def average_length(self, fieldname: str) -> float:
        return self.lengths.get(fieldname, 0) / (self.documents or 1)


def gather(readers: Iterable, terms: Iterable[tuple[str, bytes]]) -> Statistics:
    """The sums of every reader's counts, for these query terms (field, term bytes)."""
    readers = list(readers)
    wanted = set(terms)
    documents = 0
    lengths: dict[str, int] = {}
    frequencies = dict.fromkeys(wanted, 0)
    for reader in readers:
        documents += reader.doc_count_all()
        for fieldname in reader.schema.scorable_names():
            lengths[fieldname] = lengths.get(fieldname, 0) + reader.field_length(fieldname)
        for fieldname, term in wanted:
            if fieldname in reader.schema:
                frequencies[(fieldname, term)] += reader.doc_frequency(fieldname, term)
    return Statistics(documents, lengths, frequencies)


def query_terms(query, schema) -> set[tuple[str, bytes]]:
    """The (field, term bytes) a query scores, as `gather` takes them."""
    found = set()
    for fieldname, text in query.iter_all_terms():
        if fieldname in schema:
            fieldobj = schema[fieldname]
            found.add((fieldname, text if isinstance(text, bytes) else fieldobj.to_bytes(text)))
    return found


class StatisticsCache:
    """`gather` for one reader over every shard, query after query: the document count and field
    lengths are read once per reader (a commit brings a new one), and each term's frequency once
    (Solr's statistics caches), up to `size` terms."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self._reader: Any = None
        self._base: Statistics | None = None
        self._frequencies: dict[tuple[str, bytes], int] = {}
        self.asked = self.found = 0  # terms asked for, and found here: what the cache saves

    def statistics(self, reader, query) -> Statistics:
        if reader is not self._reader or self._base is None:
            self._reader = reader
            self._base = gather([reader], ())
            self._frequencies = {}
        terms = query_terms(query, reader.schema)
        missing = [term for term in terms if term not in self._frequencies]
        self.asked += len(terms)
        self.found += len(terms) - len(missing)
        if missing:
            if len(self._frequencies) + len(missing) > self.size:
                self._frequencies = {}
            self._frequencies.update(gather([reader], missing).frequencies)
        wanted = {term: self._frequencies[term] for term in terms}
        return Statistics(self._base.documents, self._base.lengths, wanted)


class GlobalSearcher(Searcher):
    """A Whoosh searcher over one shard that scores with the whole collection's `Statistics`:
    its idf and average field lengths (what `matching` and Whoosh's BM25F scorer ask the top
    searcher for) come from them; everything else is the shard's own."""

    def __init__(self, reader, statistics: Statistics | None = None, **kwargs) -> None:
        super().__init__(reader, **kwargs)
        self.statistics = statistics

    def idf(self, fieldname, text) -> float:
        if self.statistics is None:
            return super().idf(fieldname, text)
        term = text if isinstance(text, bytes) else self.schema[fieldname].to_bytes(text)
        if (fieldname, term) not in self.statistics.frequencies:
            raise KeyError(f"no gathered statistics for {fieldname}:{term!r}")
        return self.statistics.idf(fieldname, term)

    def avg_field_length(self, fieldname, default=None):
        if self.statistics is None:
            return super().avg_field_length(fieldname, default)
        if not self.schema[fieldname].scorable:
            return default
        return self.statistics.average_length(fieldname)


def scoring_searcher(reader, weighting, statistics: Statistics | None) -> GlobalSearcher:
    """A searcher over `reader` (left open when it closes) that scores with `statistics` (None:
    the reader's own, as a searcher of that index alone would)."""
    return GlobalSearcher(reader, statistics, weighting=weighting, closereader=False)
