#!/usr/bin/env python3
"""Score quote extraction and attribution on ../shared/data/quotes and print the scorer's table.

The issue's procedure: `from_searcher.py texts GOLD DIR` writes each article as a .txt file,
`searcher parse DIR --json` parses them (so quotes come through `parse_text`, first line = title),
`from_searcher.py quotes --prefix polnear/` converts the output and `quote_score.py` scores it.
Then the cost of quote finding: `parse_text` over the same texts, with `find_quotes` as is and
replaced by a no-op, in this process. Run from the repository root with the package installed:

    python scripts/eval_quotes.py [--shared ../shared] [--gold FILE] [--work DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("data") / "quotes" / "polnear" / "polnear_shared.jsonl.gz"


def score(gold: Path, bench: Path, work: Path, jobs: int) -> str:
    """The scorer's table for `searcher parse` run on the gold articles written as .txt files."""
    texts = work / "texts"
    parsed = work / "parsed.jsonl"
    pred = work / "pred.jsonl"
    run = [sys.executable, str(bench / "from_searcher.py")]
    subprocess.run([*run, "texts", str(gold), str(texts)], check=True, stderr=subprocess.DEVNULL)
    with open(parsed, "wb") as out:
        parse = [sys.executable, "-m", "searcher", "parse", str(texts), "--json", "--jobs", str(jobs)]
        subprocess.run(parse, stdout=out, check=True)
    with open(pred, "wb") as out:
        subprocess.run([*run, "quotes", str(parsed), "--prefix", "polnear/"], stdout=out, check=True)
    table = subprocess.run(
        [sys.executable, str(bench / "quote_score.py"), str(gold), str(pred), "--name", "searcher parse"],
        capture_output=True,
        text=True,
        check=True,
    )
    return table.stdout


def read_texts(gold: Path) -> list[str]:
    with gzip.open(gold, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def parse_seconds(texts: list[str], repeat: int) -> float:
    """Best of `repeat` CPU times for `parse_text` over all `texts`."""
    from searcher.parse.text import parse_text

    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            parse_text(text)
        best = min(best, time.process_time() - started)
    return best


def quote_cost(texts: list[str], repeat: int) -> tuple[float, float]:
    """Seconds for parse_text over `texts` with find_quotes, and with a no-op in its place."""
    import searcher.parse.text as text_module

    parse_seconds(texts[:20], 1)  # imports and first-use costs are not per article
    with_quotes = parse_seconds(texts, repeat)
    real = text_module.find_quotes
    text_module.find_quotes = lambda body: []
    try:
        without = parse_seconds(texts, repeat)
    finally:
        text_module.find_quotes = real
    return with_quotes, without


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--gold", type=Path, help=f"gold quotes (default: SHARED/{GOLD})")
    ap.add_argument("--jobs", type=int, default=0, help="parsing processes (0: one per core)")
    ap.add_argument("--repeat", type=int, default=5, help="timing runs; the best counts")
    ap.add_argument("--work", type=Path, help="keep intermediate files here (default: a temporary folder)")
    args = ap.parse_args()
    gold = args.gold or args.shared / GOLD
    bench = args.shared / "bench"
    if not gold.is_file():
        sys.exit(f"missing {gold}")
    work = args.work or Path(tempfile.mkdtemp(prefix="searcher-quotes-"))
    work.mkdir(parents=True, exist_ok=True)
    print(score(gold, bench, work, args.jobs), end="")
    texts = read_texts(gold)
    with_quotes, without = quote_cost(texts, args.repeat)
    n = len(texts)
    print(
        f"\nparse_text over {n} articles: {1000 * with_quotes / n:.3f} ms/article with find_quotes, "
        f"{1000 * without / n:.3f} without; quote finding adds {100 * (with_quotes / without - 1):.0f}%"
        f" (ratio {with_quotes / without:.2f})"
    )
    print(f"intermediate files in {work}")


if __name__ == "__main__":
    main()
