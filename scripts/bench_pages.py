#!/usr/bin/env python3
"""Time the web page's slow kinds of search on a warm index: phrases and date-sorted searches,
the old way (forced) and the new, in the same run.

    python scripts/bench_pages.py --index DIR [--repeat 15]

Phrases: `search('"…"', limit=20)`, matched in Python (numpy hidden from `matching`: the old
path) and with numpy. Date-sorted: `search("oil prices", limit=20, sort=…)` both directions, plain
and with collapse and the five facets, through Whoosh's sorting search (`FAST_DATE_SORT` off: the
old path) and from the evaluator's matches and the date column. After `Index.warm()` and one
untimed run each; prints the median and 95th percentile in ms, and whether both ways gave the
same results.
"""

from __future__ import annotations

import argparse
import statistics

from bench_search import p95, times_ms

from searcher.read.facets import FACETS

PHRASES = [
    '"interest rates"',
    '"oil prices"',
    '"central bank"',
    '"the market"',
    '"in the"',
    '"federal reserve chairman"',
    '"we are not"',
]
DATED = [
    ("oil prices", "-date", False),
    ("oil prices", "date", False),
    ("oil prices", "-date", True),
    ("oil prices", "date", True),
    ('"interest rates"', "-date", True),
    ("bank", "date", True),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    from searcher import Index
    from searcher.engine import matching
    from searcher.read import search as search_module

    def old_phrases():
        kept = matching.numpy_module
        matching.numpy_module = lambda: None
        return lambda: setattr(matching, "numpy_module", kept)

    def old_dates():
        search_module.FAST_DATE_SORT = False
        return lambda: setattr(search_module, "FAST_DATE_SORT", True)

    cases = [(q, (lambda q=q: dict(limit=20)), old_phrases) for q in PHRASES]
    for q, sort, full in DATED:
        options = {"limit": 20, "sort": sort}
        if full:
            options.update(collapse=True, facets=FACETS)
        cases.append((q, (lambda o=options: o), old_dates))

    with Index.open(args.index) as index:
        index.warm()
        print(f"{len(index)} articles in {args.index}; ms per search, {args.repeat} runs after one untimed\n")
        print(f"{'search':<52}{'matches':>8}{'before med':>12}{'p95':>8}{'after med':>11}{'p95':>8}  same")
        for query, options, force_old in cases:
            kwargs = options()
            restore = force_old()
            try:
                before = times_ms(lambda q=query, k=kwargs: index.search(q, **k), args.repeat)
                old = index.search(query, **kwargs)
            finally:
                restore()
            after = times_ms(lambda q=query, k=kwargs: index.search(q, **k), args.repeat)
            new = index.search(query, **kwargs)
            label = query
            if "sort" in kwargs:
                label += f" sort={kwargs['sort']}" + (" collapse+5 facets" if kwargs.get("collapse") else "")
            print(
                f"{label:<52}{new.total:>8}{statistics.median(before):>12.1f}{p95(before):>8.1f}"
                f"{statistics.median(after):>11.1f}{p95(after):>8.1f}  {'yes' if new == old else 'NO'}"
            )


if __name__ == "__main__":
    main()
