"""One query over several indexes (the shards of one collection), ranked as one index would rank it.

The query's statistics are gathered from every shard first (`globalstats.gather`), each shard
evaluates the query scoring with them, and the shards' best hits are merged by score, equal scores
by shard, then document (Lucene's ``TopDocs.merge``), so the merged page is the same on every run.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from ..engine.globalstats import Statistics, gather, query_terms, scoring_searcher
from ..engine.scoring import weighting
from .query import QueryBuilder
from .search import evaluate


def statistics_for(readers: Sequence, queries: Sequence) -> Statistics:
    """The collection's statistics for the terms of the shards' queries."""
    terms: set = set()
    for reader, query in zip(readers, queries, strict=True):
        terms |= query_terms(query, reader.schema)
    return gather(readers, terms)


def ranked_across(
    readers: Sequence, builder: QueryBuilder, text: str, limit: int, *, statistics: bool = True
) -> list[tuple[float, int, int]]:
    """(score, shard, document number) of the best `limit` hits for `text` over every shard,
    scored with the whole collection's statistics (`statistics=False`: each shard's own, as a
    control). Evaluated by `matching`; a query it does not evaluate raises `Unsupported`."""
    from ..engine.matching import Unsupported

    queries = [builder.parse(text, reader=reader) for reader in readers]
    shared = statistics_for(readers, queries) if statistics else None
    found: list[tuple[float, int, int]] = []
    for shard, (reader, query) in enumerate(zip(readers, queries, strict=True)):
        searcher = scoring_searcher(reader, weighting(), shared)
        evaluation = evaluate(searcher, query, None)
        if evaluation is None:
            raise Unsupported(type(query).__name__)
        found += [(score, shard, docnum) for score, docnum in evaluation.ranked(limit)]
    return heapq.nsmallest(limit, found, key=lambda hit: (-hit[0], hit[1], hit[2]))
