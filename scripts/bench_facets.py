#!/usr/bin/env python3
"""Time whole-result-set facets and collapsing on a warm index: counted through Whoosh's column
readers (the old path, forced) and from the column tables `Index.warm` builds.

    python scripts/bench_facets.py --index DIR [--query WORDS ...] [--repeat 11]

Each query runs `search(q, limit=20, facets=[year, month, source, byline, speaker], collapse=True)`
`--repeat` times each way, after one untimed run; it prints the median and 95th percentile in ms,
the plain search's median beside them (no facets, no collapse: what the page costs anyway), and the
one-off time to build the tables. Both ways must give the same results; a difference is reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import DEFAULT_QUERIES, p95, times_ms

from searcher.read.facets import FACETS

RARE_QUERIES = ["volcano", "saffron", "zzqx"]  # a few matches, and none


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--query", action="append", help="repeatable; default: bench_search's mix and rare words")
    ap.add_argument("--repeat", type=int, default=11)
    args = ap.parse_args()
    queries = args.query or [*DEFAULT_QUERIES, *RARE_QUERIES]

    from searcher import Index
    from searcher.read import search as search_module

    def page(index: Index, query: str):
        return index.search(query, limit=20, facets=FACETS, collapse=True)

    with Index.open(args.index) as index:
        print(f"{len(index)} articles in {args.index}\n")
        for query in queries:  # every file read into memory and every query's words cached once
            index.search(query, limit=20)
        tables_for = search_module.tables_for
        search_module.tables_for = lambda *_args, **_kwargs: None  # the old path: no tables
        try:
            before = {query: times_ms(lambda q=query: page(index, q), args.repeat) for query in queries}
            old = {query: page(index, query) for query in queries}
        finally:
            search_module.tables_for = tables_for
        started = time.perf_counter()
        warmed = index.warm()
        built = time.perf_counter() - started
        if not warmed:
            sys.exit("numpy is not installed: no tables to time")
        after = {query: times_ms(lambda q=query: page(index, q), args.repeat) for query in queries}
        plain = {query: times_ms(lambda q=query: index.search(q, limit=20), args.repeat) for query in queries}
        print(f"table build (Index.warm, once per reader): {built * 1000:.0f} ms\n")
        print(
            f"{'query':<24}{'matches':>8}{'stories':>8}{'plain med':>11}"
            f"{'before med':>12}{'p95':>8}{'after med':>11}{'p95':>8}  same"
        )
        for query in queries:
            new = page(index, query)
            same = "yes" if new == old[query] else "NO"
            print(
                f"{query:<24}{new.total:>8}{new.stories:>8}{statistics.median(plain[query]):>11.1f}"
                f"{statistics.median(before[query]):>12.1f}{p95(before[query]):>8.1f}"
                f"{statistics.median(after[query]):>11.1f}{p95(after[query]):>8.1f}  {same}"
            )
        print("\nms per search(q, limit=20, facets=all five, collapse=True); plain: search(q, limit=20)")


if __name__ == "__main__":
    main()
