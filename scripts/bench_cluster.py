#!/usr/bin/env python3
"""Sharding and the cluster, measured: indexing throughput against Dask workers, and query time
against shard count, beside one index.

    python scripts/bench_cluster.py [--articles 20000] [--workers 1 2] [--shards 1 2 4 8 16]

Reads the Reuters news corpus converted to JSON Lines (`../shared/bench/corpora.py convert`; the
script converts it into a temporary folder when `--jsonl` is not given), takes its first
`--articles` records, then:
- builds them as 4 shards on a `LocalCluster` of 1, then 2, single-threaded worker processes
  (`shards.build_on`: parsing and writing on the workers), and prints articles per second and the
  speed-up;
- indexes them as 1, 2, 4, 8 and 16 shards (locally) and times a fixed mix of queries on each
  (p50/p95 ms, warm), beside the one index, checking that every query's total and scores match.
Needs the cluster extra (pip install -e '.[cluster]').
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_search import DEFAULT_QUERIES, p95, times_ms

QUERIES = [*DEFAULT_QUERIES[1:], "said"]  # the searches' mix, its commonest word last
SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shards", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    ap.add_argument("--jsonl", type=Path, help="a folder of Reuters news JSON Lines (default: converted now)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    corpus = work / "corpus"
    corpus.mkdir()
    _sample(args.jsonl or _converted(work), corpus / "news.jsonl", args.articles)
    print(f"{args.articles} Reuters news articles, {corpus}")
    throughput(corpus, work, args.workers)
    latency(corpus, work, args.shards)


def _converted(work: Path) -> Path:
    out = work / "converted"
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "bench" / "corpora.py"),
            "convert",
            "--out",
            str(out),
            "--only",
            "reuters-news",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "reuters-news"


def _sample(folder: Path, target: Path, count: int) -> None:
    with target.open("w", encoding="utf-8") as out:
        written = 0
        for path in sorted(folder.glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    if written == count:
                        return
                    out.write(line)
                    written += 1


def throughput(corpus: Path, work: Path, workers: list[int]) -> None:
    from distributed import Client, LocalCluster

    from searcher.shards import build_on

    print("\nbuilding 4 shards on a LocalCluster (parsing and writing on the workers):")
    print(f"{'workers':>8} {'seconds':>8} {'articles/s':>11} {'speed-up':>9}")
    first = None
    for n in workers:
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
        try:
            client.wait_for_workers(n)
            began = time.perf_counter()
            report = build_on(client, work / f"workers-{n}", [corpus], 4)
            seconds = time.perf_counter() - began
        finally:
            client.close()
            cluster.close()
        first = first or seconds
        print(f"{n:>8} {seconds:>8.1f} {report.added / seconds:>11.0f} {first / seconds:>8.2f}x")


def latency(corpus: Path, work: Path, counts: list[int]) -> None:
    from searcher import Index
    from searcher.shards import ShardedIndex

    with Index.create(work / "one") as one:
        one.update([corpus])
    single = Index.open(work / "one")
    reference = {q: single.search(q, limit=10) for q in QUERIES}
    print("\nquery time (library, warm, limit 10), and whether every total and score matches one index:")
    print(f"{'shards':>8} {'p50 ms':>8} {'p95 ms':>8} {'same':>6}")
    print(f"{'one':>8} {_timed(single)[0]:>8.1f} {_timed(single)[1]:>8.1f} {'-':>6}")
    for n in counts:
        with ShardedIndex.create(work / f"shards-{n}", n) as made:
            made.update([corpus])
        index = Index.open(work / f"shards-{n}")
        same = all(
            (r.total, [round(h.score, 9) for h in r])
            == (reference[q].total, [round(h.score, 9) for h in reference[q]])
            for q in QUERIES
            for r in [index.search(q, limit=10)]
        )
        p50, p95 = _timed(index)
        print(f"{n:>8} {p50:>8.1f} {p95:>8.1f} {('yes' if same else 'NO'):>6}")
        index.close()
    single.close()


def _timed(index, rounds: int = 5) -> tuple[float, float]:
    times = [t for q in QUERIES for t in times_ms(lambda q=q: index.search(q, limit=10), rounds)]
    return statistics.median(times), p95(times)


if __name__ == "__main__":
    main()
