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
  (p50/p95 ms, warm), beside the one index: the shards read as one index, searched one by one
  in this process (`read.fanout`), and on a LocalCluster of the largest worker count
  (`clusterindex`), checking that every page equals one index's; then where a search on the
  cluster spends its time (statistics pass, slowest shard per phase, merge, Dask's share), and
  what the statistics cache saves.
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
    latency(corpus, work, args.shards, max(args.workers))


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


def latency(corpus: Path, work: Path, counts: list[int], workers: int) -> None:
    from distributed import Client, LocalCluster

    from searcher import Index
    from searcher.clusterindex import ClusterIndex
    from searcher.read.fanout import FanOut, local_runner
    from searcher.shards import ShardedIndex

    with Index.create(work / "one") as one:
        one.update([corpus])
    single = Index.open(work / "one")
    reference = {q: _page(single.search(q, limit=10)) for q in QUERIES}
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    client.wait_for_workers(workers)
    print(
        "\nquery time (library, warm, limit 10), p50/p95 ms: the shards read as one index here; searched one"
        "\nby one in this process (the fan-out, no cluster); and on a LocalCluster of"
        f" {workers} workers. 'same': every page"
        "\nequals one index's (ids in order, scores to 1e-9), all three ways."
    )
    print(f"{'shards':>6} {'as one':>13} {'fan-out here':>13} {'on cluster':>13} {'same':>5}")
    print(f"{'one':>6} {_pair(_timed(lambda q: single.search(q, limit=10))):>13}")
    breakdowns = {}
    for n in counts:
        with ShardedIndex.create(work / f"shards-{n}", n) as made:
            made.update([corpus])
        index = ShardedIndex.open(work / f"shards-{n}")
        here = FanOut(index, local_runner(index.shards))
        remote = ClusterIndex.open_on(work / f"shards-{n}", client)
        same = all(
            _page(index.search(q, limit=10))
            == _page(here.search(index._request(q, limit=10)))
            == _page(remote.search(q, limit=10))
            == reference[q]
            for q in QUERIES
        )
        as_one = _timed(lambda q, index=index: index.search(q, limit=10))
        fanned = _timed(lambda q, here=here, index=index: here.search(index._request(q, limit=10)))
        spent: list = []

        def on_cluster(q, remote=remote, spent=spent):
            found = remote.search(q, limit=10)
            spent.append(remote.timings)
            return found

        clustered = _timed(on_cluster)
        breakdowns[n] = spent
        print(
            f"{n:>6} {_pair(as_one):>13} {_pair(fanned):>13} {_pair(clustered):>13} {('yes' if same else 'NO'):>5}"
        )
        if n == 4:
            cache_effect(remote)
        remote.close()
        index.close()
    print("\nwhere a search on the cluster spends its time (mean ms per search):")
    print(
        f"{'shards':>6} {'statistics':>11} {'shard search':>13} {'merge':>6} {'fetch':>6} {'tasks':>6} {'total':>6}"
    )
    for n, spent in breakdowns.items():
        mean = {part: statistics.fmean(getattr(t, part) for t in spent) for part in PARTS}
        print(
            f"{n:>6} {mean['statistics']:>11.2f} {mean['shard_search']:>13.2f} {mean['merge']:>6.2f}"
            f" {mean['fetch']:>6.2f} {mean['overhead']:>6.2f} {mean['total']:>6.2f}"
        )
    print(
        "statistics: parsing and gathering the query's counts from every shard's words (here);"
        "\nshard search and fetch: the busiest worker's time in each phase (its shards, in turn);"
        "\nmerge: ordering the shards' tops here; tasks: the rest, Dask carrying the tasks and answers."
    )
    client.close()
    cluster.close()
    single.close()


PARTS = ("statistics", "shard_search", "merge", "fetch", "overhead", "total")


def cache_effect(remote) -> None:
    """The statistics pass with the cache kept between searches, and with a cold one each time."""
    from searcher.engine.globalstats import StatisticsCache
    from searcher.read.search import parse_request

    searcher = remote._get_searcher()
    requests = [remote._request(q, limit=10) for q in QUERIES]
    parsed = [parse_request(searcher, remote._builder, r.text, r) for r in requests]
    kept = remote.statistics_cache
    warm = [t for q in parsed for t in times_ms(lambda q=q: kept.statistics(searcher.reader(), q), 5)]
    cold = [
        t for q in parsed for t in times_ms(lambda q=q: StatisticsCache().statistics(searcher.reader(), q), 5)
    ]
    print(
        f"{'':>6} statistics cache (4 shards): gathering a query's counts takes {statistics.median(cold):.3f} ms"
        f" cold, {statistics.median(warm):.3f} ms kept (median)"
    )


def _page(results) -> list[tuple[str, float]]:
    return [(h.id, round(h.score, 9)) for h in results]


def _pair(times: tuple[float, float]) -> str:
    return f"{times[0]:.1f}/{times[1]:.1f}"


def _timed(search, rounds: int = 5) -> tuple[float, float]:
    times = [t for q in QUERIES for t in times_ms(lambda q=q: search(q), rounds)]
    return statistics.median(times), p95(times)


if __name__ == "__main__":
    main()
