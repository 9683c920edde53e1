"""Running on a Dask cluster (the ``cluster`` extra): files parsed as tasks on its workers.

`connect("local")` starts a `LocalCluster` of this machine's cores; any other address joins a
running scheduler. `Index.update(paths, cluster=client)` then hands the cluster chunks of a few
dozen files each (`ingest.CHUNK_FILES`; a large JSON Lines file in parts), never one task per
article: a Dask task costs 0.2-1 ms and about 10 kB of the scheduler's memory. Results come back
in order, so the index is the same whichever worker parsed what; a task lost with its worker is run
again elsewhere. The rest of searcher never imports this module.
"""

from __future__ import annotations

import os
from typing import Any

from .errors import SearcherError

RETRIES = 3  # a task that fails (not one whose worker died: Dask reruns those) is tried again


def connect(address: str):
    """A client of the scheduler at `address`, or with "local" of a new `LocalCluster` (one
    single-threaded worker process per core: parsing holds the GIL). Closing the client closes
    a local cluster too."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
        client._searcher_cluster = cluster  # closed with the client (`close`)
        return client
    try:
        return Client(address, timeout=10)
    except OSError as error:
        raise SearcherError(f"cannot reach the Dask scheduler at {address}: {error}") from None


def close(client) -> None:
    """Close a client from `connect`, and the local cluster it started."""
    cluster = getattr(client, "_searcher_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


class _Submitter:
    """`ingest.Submitter` over a Dask client: each chunk one task, its result fetched in order."""

    def __init__(self, client) -> None:
        self.client = client
        self.jobs = max(1, sum(client.nthreads().values()))

    def __call__(self, fn, *args: Any):
        return self.client.submit(fn, *args, pure=False, retries=RETRIES)


def submitter(client) -> _Submitter:
    return _Submitter(client)
