"""Files shipped to a Dask cluster (``acplans run --dask ADDRESS``).

Only the per-file stage runs on the cluster; results come back to this
process, which runs the cross-document stages and writes the output, so a
run on Dask gives the same tables as a local one. Workers read the input
paths themselves: on several machines the inputs must be on storage they
all see, under the same paths.

Long PDFs are shared out in page ranges as on local workers
(``chunks.run_files``). Per-file limits on a cluster are Dask's: ``--dask
local`` starts a ``LocalCluster`` whose nannies restart a worker past the
per-worker memory limit, and a task that keeps killing workers comes back
as an error row.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

from acplans.batch import Failed, Limits, available_cores


class DaskPool:
    """``fn(arg)`` on the cluster at ``address`` ("local" for a
    ``LocalCluster`` of ``workers`` processes), for tasks submitted at any
    time, as ``batch.Pool`` runs them locally; tasks start as the cluster
    sees fit, so there is no start to report and no order to ask for."""

    def __init__(self, address: str, fn: Callable[[Any], Any], *, workers: int, limits: Limits):
        from distributed import Client, LocalCluster, as_completed

        if address == "local":
            memory = f"{limits.memory_mb}MiB" if limits.memory_mb else None
            self._cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                         processes=True, memory_limit=memory, dashboard_address=None,
                                         preload=["acplans.worker_start"])
            self._client = Client(self._cluster)
        else:
            self._cluster, self._client = None, Client(address)
        self._fn = fn
        self._running = as_completed()
        self._groups: dict[Any, tuple[Hashable, Hashable]] = {}  # future -> (task key, group)

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def submit(self, key: Hashable, arg: Any, group: Hashable | None = None, *, first: bool = False) -> None:
        # pure=False: two runs over the same file must each read it, as a local run does.
        future = self._client.submit(self._fn, arg, pure=False, priority=1 if first else 0)
        self._groups[future] = (key, key if group is None else group)
        self._running.add(future)

    def cancel(self, group: Hashable) -> None:
        for future, (_, owner) in list(self._groups.items()):
            if owner == group:
                del self._groups[future]
                future.cancel()

    def completed(self, on_start: Callable[[Hashable], None] | None = None) -> Iterator[tuple[Hashable, Any]]:
        for future in self._running:
            if future not in self._groups:
                continue  # cancelled with its group
            key, _ = self._groups.pop(future)
            try:
                value = future.result()
            except Exception as exc:  # the task's error, or KilledWorker after repeated worker deaths
                value = Failed(f"failed on the Dask cluster ({type(exc).__name__}: {exc})")
            yield key, value
