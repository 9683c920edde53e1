#!/usr/bin/env python3
"""Time searches with facets and collapsing on an index, in the library and as whole commands.

    python scripts/bench_search.py --index DIR [--query WORDS ...] [--repeat 5]

Build the index first, e.g. for Reuters-21578 (21,577 stories):
    python ../shared/bench/corpora.py convert --out /tmp/converted --only reuters21578
    searcher index /tmp/converted/reuters21578 --index /tmp/r21k
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

DEFAULT_QUERIES = [
    "said",  # the worst case: a word in most articles
    "oil",
    "oil prices",
    "bank rates",
    "trade deficit japan",
    '"interest rates"',
    "wheat OR corn",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--query", action="append", help="repeatable; default: a fixed mix of queries")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    queries = args.query or DEFAULT_QUERIES

    from searcher import Index

    with Index.open(args.index) as index:
        print(f"{len(index)} articles in {args.index}\n")
        print(f"{'query':<24}{'matches':>8}{'stories':>8}{'plain ms':>10}{'facet+collapse ms':>19}")
        for query in queries:
            plain = _best(lambda q=query: index.search(q), args.repeat)
            results = index.search(query, facets=["year"], collapse=True)
            both = _best(lambda q=query: index.search(q, facets=["year"], collapse=True), args.repeat)
            print(
                f"{query:<24}{results.total:>8}{results.stories:>8}{plain * 1000:>10.1f}{both * 1000:>19.1f}"
            )

    walls = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "searcher",
                "search",
                "oil",
                "--facet",
                "year",
                "--collapse",
                "--index",
                args.index,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - started)
    print(
        f"\nwhole command `searcher search oil --facet year --collapse`: median {statistics.median(walls):.2f} s"
    )


def _best(call, repeat: int) -> float:
    return min(times_ms(call, repeat, warm=False)) / 1000


# Shared by the other bench_* scripts (they import them from here).


def times_ms(call, repeat: int, *, warm: bool = True) -> list[float]:
    """Milliseconds of each of `repeat` calls, after one untimed call when `warm`."""
    if warm:
        call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
