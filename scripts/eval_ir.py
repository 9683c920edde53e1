#!/usr/bin/env python3
"""Ranking quality on the test collections in ../shared/data/ir, beside other engines' figures.

For each collection: `searcher index` its corpus.jsonl, `searcher batch` its queries, score the run
with ../shared/bench/ir_eval.py, and print one table (nDCG@10, MAP@100, Recall@100, MRR@10).

    python scripts/eval_ir.py [--shared ../shared] [--work DIR] [--reuse] [--only NAME ...] [--expand]

--expand runs `searcher batch --expand` (pseudo-relevance feedback, RM3).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLLECTIONS = ("cranfield", "cisi", "med", "npl")
MEASURES = ("ndcg@10", "map@100", "recall@100", "mrr@10")
# Best nDCG@10 of the other engines, from ../shared/data/ir/ANCHORS.md.
BEST_OTHER = {"cranfield": 0.381, "cisi": 0.396, "med": 0.705, "npl": 0.439}


def searcher(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "searcher", *args], check=True, stdout=subprocess.DEVNULL)


def evaluate(
    name: str, data: Path, bench: Path, work: Path, reuse: bool, extra: list[str]
) -> tuple[dict, float]:
    index = work / f"{name}-index"
    seconds = 0.0
    if not (reuse and index.exists()):
        started = time.perf_counter()
        searcher("index", str(data / "corpus.jsonl"), "--index", str(index), "--rebuild", "-q")
        seconds = time.perf_counter() - started
    run = work / f"{name}.run"
    searcher(
        "batch",
        str(data / "queries.jsonl"),
        "--index",
        str(index),
        "--limit",
        "1000",
        "--output",
        str(run),
        *extra,
    )
    out = subprocess.run(
        [sys.executable, str(bench / "ir_eval.py"), str(data / "qrels.tsv"), str(run), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out[out.index("{") :]), seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--work", type=Path, help="keep indexes and runs here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="reuse indexes already in --work")
    ap.add_argument("--only", nargs="*", choices=COLLECTIONS)
    ap.add_argument("--expand", action="store_true", help="widen topics with feedback words (RM3)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="searcher-ir-"))
    work.mkdir(parents=True, exist_ok=True)
    names = args.only or COLLECTIONS
    print(f"{'collection':<11}" + "".join(f"{m:>12}" for m in MEASURES) + f"{'best other':>12}{'index s':>9}")
    extra = ["--expand"] if args.expand else []
    for name in names:
        scores, seconds = evaluate(
            name, args.shared / "data" / "ir" / name, args.shared / "bench", work, args.reuse, extra
        )
        row = scores
        cells = "".join(f"{row[m]:>12.3f}" for m in MEASURES)
        print(f"{name:<11}{cells}{BEST_OTHER[name]:>12.3f}{seconds:>9.1f}")


if __name__ == "__main__":
    main()
