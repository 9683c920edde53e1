"""A sharded index searched on a Dask cluster (the ``cluster`` extra): each shard held open by one
worker, each search fanned out to them (`read.fanout`), only their top hits coming back.

This process (the coordinator) opens the sharded index too, to parse queries against every shard's
words and gather their statistics; the shards' postings, columns and stored fields are read only
on the workers. The shards live in one folder every worker can read (a shared file system, as for
building them: `shards.build_on`). Shard ``n`` has its home on worker ``n mod workers`` (in the
order of their addresses), where its searcher stays open between searches; a lost worker's shards
are opened again elsewhere. Everything else (quotes, articles, similar, stats) reads the shards
here, as `ShardedIndex` does.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import IndexCorruptError, SearcherError
from .read.fanout import FanOut, Runner, Timings
from .read.search import Results, SearchRequest
from .shards import REOPENS, ShardedIndex, open_shard, read_manifest

# On a worker: (folder, shard) -> (manifest as read, the open shard). One task at a time reads the
# shards (a worker with several threads): a Whoosh reader's files are shared by its searches.
_OPEN: dict[tuple[str, int], tuple[str, Any]] = {}
_READING = threading.Lock()


class ClusterIndex(ShardedIndex):
    """A `ShardedIndex` whose searches run on the workers of a Dask cluster (`client`)."""

    def __init__(self, path: str | os.PathLike[str], shards: list, client) -> None:
        super().__init__(path, shards)
        self.client = client
        self._shape = read_manifest(Path(path))  # format, shards, routing: fixed while it is open
        self._fanout = FanOut(self, _DaskRunner(client, Path(path), self._manifest_read))

    @classmethod
    def open_on(cls, path: str | os.PathLike[str], client) -> ClusterIndex:
        """The sharded index at `path`, searched on `client`'s cluster. `SearcherError` when the
        folder holds a single index: there is nothing to fan out."""
        from .index import Index, is_sharded

        if not is_sharded(Path(path)):
            Index.open(path, preload=False).close()  # none there: IndexNotFoundError says so
            raise SearcherError(f"{path} is a single index: searching on a cluster needs shards (--shards)")
        local = ShardedIndex.open(path, preload=False)
        return cls(path, local.shards, client)

    def _run_search(self, request: SearchRequest) -> Results:
        for _ in range(REOPENS - 1):
            try:
                return self._fanout.search(request)
            except IndexCorruptError:  # a commit cleared the generations read: again, at the new ones
                continue
        return self._fanout.search(request)

    def _manifest_read(self) -> str:
        """The manifest at the generations this process's searcher reads (its statistics are
        theirs), for the workers to open the shards at the same ones."""
        manifest = {**self._shape, "generations": list(self._ix.opened)}
        return json.dumps(manifest, sort_keys=True)

    @property
    def timings(self) -> Timings:
        """Where the last search spent its time (`read.fanout.Timings`)."""
        return self._fanout.timings

    @property
    def statistics_cache(self):
        return self._fanout.cache


class _DaskRunner(Runner):
    """Each worker one task for all of its shards (a Dask task costs milliseconds, a shard's
    search often less), with the manifest the coordinator reads."""

    def __init__(self, client, folder: Path, manifest_read: Callable[[], str]) -> None:
        self.client = client
        self.folder = folder
        self.manifest_read = manifest_read
        self.places = len(client.nthreads())  # known before the first search decides how to read

    def __call__(self, function, tasks):
        workers = sorted(self.client.nthreads())
        if not workers:
            raise SearcherError("the Dask cluster has no workers")
        self.places = len(workers)
        manifest = self.manifest_read()
        batches: dict[str, list[tuple[int, Any]]] = {}
        for n, payload in tasks:
            batches.setdefault(workers[n % len(workers)], []).append((n, payload))
        futures = [
            self.client.submit(
                on_worker,
                str(self.folder),
                manifest,
                function,
                batch,
                workers=[worker],
                allow_other_workers=True,
                pure=False,
            )
            for worker, batch in batches.items()
        ]
        done: dict[int, Any] = {}
        self.busiest = 0.0
        for answers, seconds in self.client.gather(futures):
            done.update(answers)
            self.busiest = max(self.busiest, seconds)
        return [done[n] for n, _payload in tasks]


def on_worker(
    folder: str, manifest: str, function, batch: list[tuple[int, Any]]
) -> tuple[dict[int, Any], float]:
    """`function(shard, payload)` for each (shard number, payload) of `batch`, on the shards of the
    index at `folder`, each opened once per worker process and again when the manifest changes;
    with the seconds they took."""
    with _READING:
        began = time.perf_counter()
        done = {n: function(_shard(folder, n, manifest), payload) for n, payload in batch}
        return done, time.perf_counter() - began


def _shard(folder: str, n: int, manifest: str):
    key = (folder, n)
    held = _OPEN.get(key)
    if held is None or held[0] != manifest:
        if held is not None:
            held[1].close()
        held = (manifest, open_shard(Path(folder), n, json.loads(manifest)))
        _OPEN[key] = held
    return held[1]
