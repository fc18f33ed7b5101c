"""Files shipped to a Dask cluster (``acplans run --dask ADDRESS``).

Only the per-file stage runs on the cluster; results come back to this
process, which runs the cross-document stages and writes the output, so a
run on Dask gives the same tables as a local one. Workers read the input
paths themselves: on several machines the inputs must be on storage they
all see, under the same paths.

Per-file limits on a cluster are Dask's: ``--dask local`` starts a
``LocalCluster`` whose nannies restart a worker past the per-worker memory
limit, and a task that keeps killing workers comes back as an error row.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from acplans.batch import Failed, Limits, available_cores


def run_on_dask(address: str, args: Sequence[Any], fn: Callable[[Any], Any], *, workers: int, limits: Limits,
                on_result: Callable[[int, Any], None]) -> None:
    """``fn(arg)`` for every arg on the cluster at ``address`` ("local" for a
    ``LocalCluster`` of ``workers`` processes); ``on_result(i, value)`` gets
    each value, or a ``Failed``, as it arrives."""
    from distributed import Client, LocalCluster, as_completed

    if address == "local":
        memory = f"{limits.memory_mb}MiB" if limits.memory_mb else None
        cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1, processes=True,
                               memory_limit=memory, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(address)
    try:
        # pure=False: two runs over the same file must each read it, as a local run does.
        futures = client.map(fn, list(args), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            i = index[future.key]
            try:
                value = future.result()
            except Exception as exc:  # the task's error, or KilledWorker after repeated worker deaths
                value = Failed(f"failed on the Dask cluster ({type(exc).__name__}: {exc})")
            on_result(i, value)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
