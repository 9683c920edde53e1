#!/usr/bin/env python3
"""Parsing speed in one process: saved pages and scraped records per CPU-second, best of N runs.

The extraction pages (`../shared/data/extraction/*/pages`, real sites) go through `parse_html`; the
Reuters-21578 records (converted to JSONL by `../shared/bench/corpora.py`, or any JSONL folder given)
through `parse_path`, quotes included. CPU time, not wall time, so a busy machine skews it less; to
compare two versions, run this script with each one's interpreter, alternating, on a quiet machine:

    python scripts/bench_parse.py [--shared ../shared] [--records DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Callable
from pathlib import Path

import searcher
from searcher import parse_html, parse_path

ROOT = Path(__file__).resolve().parent.parent


def best_cpu_seconds(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The least CPU time of `repeat` runs, and what one run counted."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.process_time()
        count = run()
        best = min(best, time.process_time() - started)
    return best, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--records", type=Path, default=Path("/tmp/searcher-bench/jsonl/reuters21578"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"searcher from {Path(searcher.__file__).parent}")
    pages = [
        gzip.decompress(p.read_bytes()) for p in sorted(args.shared.glob("data/extraction/*/pages/*.html.gz"))
    ]

    def parse_pages() -> int:
        for page in pages:
            parse_html(page)
        return len(pages)

    seconds, count = best_cpu_seconds(parse_pages, args.repeat)
    print(f"{count} saved pages: {count / seconds:.1f} pages per CPU-second")
    files = sorted(args.records.glob("*.jsonl"))
    if not files:
        print(f"no JSONL records in {args.records} (make them with ../shared/bench/corpora.py convert)")
        return

    def parse_records() -> int:
        return sum(1 for file in files for _ in parse_path(file))

    seconds, count = best_cpu_seconds(parse_records, args.repeat)
    print(f"{count} records: {count / seconds:,.0f} articles per CPU-second")


if __name__ == "__main__":
    main()
