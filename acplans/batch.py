"""A small process pool for per-file work that a single file must not be able to sink.

``concurrent.futures`` cannot stop one stuck task (``future.result(timeout)``
returns but the worker keeps running) and a crashed worker breaks the whole
pool with every task in flight. Here each worker is one process with its own
pipe: a task past its deadline gets its worker killed and replaced, a worker
that dies costs only the task it held, and the address space of each worker
is capped with ``RLIMIT_AS`` so a runaway file raises ``MemoryError`` in its
own process instead of taking the machine. ``Pool`` takes tasks while
results come in (a long file's page ranges, once it is known to be long) and
bounds the tasks of one file by one time budget; ``run_tasks`` gives results
in input order so a run's output does not depend on which worker finished
first.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

# The address space a worker may map, by default: a few times what the
# longest sample needs (about 500 MiB with every reader loaded), well under
# what two inputs reached before there was a cap.
DEFAULT_MEMORY_MB = 2048
DEFAULT_FILE_TIMEOUT = 300.0
# A worker's word that it has a task in hand: its file's clock starts then,
# not while a fresh worker is still starting on a loaded machine.
_STARTED = "started"


@dataclass(frozen=True)
class Limits:
    """Per-file limits; None lifts one."""

    file_timeout: float | None = DEFAULT_FILE_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB


@dataclass(frozen=True)
class Failed:
    """A task that gave no result, and why, in words for the user."""

    reason: str


def tune_collector() -> None:
    """Run Python's cycle collector less often. Reading a long PDF makes
    hundreds of thousands of short-lived objects (words, lines, cells) that
    reference counting frees, no cycles among them; at the default
    threshold of 700 allocations the collector still walks them, and every
    module loaded, thousands of times a file: about 4% of a 520-page run."""
    gc.set_threshold(10_000, 10, 10)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def start_fork_server() -> None:
    """Start the fork server now, where there is one: it imports every stage
    and builds spaCy (about a second) while this process goes on with its
    own start-up, instead of after it, when the first worker is wanted."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver
        forkserver.ensure_running()


def _context():
    # A fork server forks workers from a clean process that has already
    # imported the pipeline, so a worker replaced after a timeout starts in
    # milliseconds; where there is none, spawn is the portable choice.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["acplans.worker_start"])
        return ctx
    return multiprocessing.get_context("spawn")


def _cap_memory(memory_mb: int | None) -> None:
    if memory_mb is None:
        return
    import resource
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_mb: int | None) -> None:
    # The parent owns Ctrl-C: it stops the batch and kills the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cap_memory(memory_mb)
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(_STARTED)
        try:
            conn.send((True, fn(task)))
        except MemoryError:
            # The process may be left in a poor state: report, then make way for a fresh one.
            conn.send((False, f"ran out of memory (over the {memory_mb} MiB per-worker limit)"))
            return
        except Exception as exc:  # a bug in one file must not stop the batch
            conn.send((False, f"internal error ({type(exc).__name__}: {exc}); please report it with this file"))


@dataclass(frozen=True)
class _Task:
    key: Hashable
    arg: Any
    group: Hashable


class _Worker:
    def __init__(self, ctx, fn: Callable[[Any], Any], limits: Limits):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, fn, limits.memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.started: float | None = None  # when the worker took the task in hand

    def give(self, task: _Task) -> None:
        self.task = task
        self.started = None
        self.conn.send(task.arg)

    def stop(self) -> None:
        if self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def _death_reason(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode == signal.SIGKILL:
            return f"worker killed ({name}), perhaps by the system for lack of memory"
        return f"worker crashed ({name})" + (
            f"; perhaps out of memory (limit {limits.memory_mb} MiB per worker)" if limits.memory_mb else "")
    return f"worker exited unexpectedly (exit code {exitcode})"


class Pool:
    """``fn(arg)`` in ``workers`` processes for tasks submitted at any time,
    also while results come in.

    Tasks of one ``group`` (one file's parts) share one time budget,
    ``limits.file_timeout`` seconds of work summed over the group's tasks
    (the time each spent in a worker), so a file split into parts is bounded
    as it was in one piece; a group over its budget has its running tasks
    killed, each reported as timed out. Use as a context manager: leaving
    it stops the workers.
    """

    def __init__(self, fn: Callable[[Any], Any], *, workers: int, limits: Limits = Limits()):
        self._ctx = _context()
        self._fn, self._size, self._limits = fn, max(1, workers), limits
        self._queue: deque[_Task] = deque()
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []
        self._done: deque[tuple[_Task, Any]] = deque()
        self._spent: dict[Hashable, float] = defaultdict(float)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        for worker in self._busy:
            worker.kill()
        for worker in self._idle:
            worker.stop()
        self._busy, self._idle = [], []

    def submit(self, key: Hashable, arg: Any, group: Hashable | None = None, *, first: bool = False) -> None:
        """Queue ``fn(arg)``, its result to come back under ``key``; ``first``
        puts it before the tasks already waiting."""
        task = _Task(key, arg, key if group is None else group)
        if first:
            self._queue.appendleft(task)
        else:
            self._queue.append(task)

    def cancel(self, group: Hashable) -> None:
        """Drop the group's waiting tasks and unreported results, and kill its running ones."""
        self._queue = deque(t for t in self._queue if t.group != group)
        self._done = deque(d for d in self._done if d[0].group != group)
        for worker in [w for w in self._busy if w.task.group == group]:
            self._busy.remove(worker)
            worker.kill()

    def completed(self, on_start: Callable[[Hashable], None] | None = None) -> Iterator[tuple[Hashable, Any]]:
        """``(key, value)`` as tasks finish, until none is left; a task that
        failed, timed out or lost its worker gives a ``Failed``.
        ``on_start(key)`` is called as a task is handed to a worker."""
        while self._queue or self._busy or self._done:
            if self._done:
                task, value = self._done.popleft()
                yield task.key, value
                continue
            while self._queue and len(self._busy) < self._size:
                worker = self._idle.pop() if self._idle else _Worker(self._ctx, self._fn, self._limits)
                task = self._queue.popleft()
                if on_start:
                    on_start(task.key)
                worker.give(task)
                self._busy.append(worker)
            self._collect()

    def _collect(self) -> None:
        deadline = self._next_deadline(time.monotonic())
        timeout = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        ready = set(wait([w.conn for w in self._busy] + [w.process.sentinel for w in self._busy], timeout))
        for worker in list(self._busy):
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    pass  # the worker died: its sentinel says how, below
                else:
                    if message == _STARTED:
                        worker.started = time.monotonic()
                        continue
                    succeeded, value = message
                    self._finish(worker, value if succeeded else Failed(value))
                    if succeeded and worker.process.is_alive():
                        self._idle.append(worker)
                    else:
                        worker.stop()
                    continue
            if worker.process.sentinel in ready or worker.conn in ready:
                worker.process.join()
                self._finish(worker, Failed(_death_reason(worker.process.exitcode, self._limits)))
                worker.conn.close()
        self._stop_groups_over_budget(time.monotonic())

    def _finish(self, worker: _Worker, value: Any) -> None:
        self._busy.remove(worker)
        if worker.started is not None:
            self._spent[worker.task.group] += time.monotonic() - worker.started
        self._done.append((worker.task, value))

    def _running_groups(self) -> dict[Hashable, list[_Worker]]:
        groups: dict[Hashable, list[_Worker]] = defaultdict(list)
        for worker in self._busy:
            if worker.started is not None:
                groups[worker.task.group].append(worker)
        return groups

    def _next_deadline(self, now: float) -> float:
        """When the first group runs out of time, its running tasks spending it together."""
        budget = self._limits.file_timeout
        if not budget:
            return float("inf")
        return min((now + (budget - self._spent_by(group, running, now)) / len(running)
                    for group, running in self._running_groups().items()), default=float("inf"))

    def _spent_by(self, group: Hashable, running: list[_Worker], now: float) -> float:
        return self._spent[group] + sum(now - w.started for w in running)

    def _stop_groups_over_budget(self, now: float) -> None:
        budget = self._limits.file_timeout
        if not budget:
            return
        for group, running in self._running_groups().items():
            if self._spent_by(group, running, now) >= budget:
                for worker in running:
                    worker.kill()
                    self._finish(worker, Failed(f"timed out after {budget:g} s (--file-timeout)"))


def run_tasks(args: Sequence[Any], fn: Callable[[Any], Any], *, workers: int, limits: Limits = Limits(),
              on_result: Callable[[int, Any], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> list[Any]:
    """``fn(arg)`` for every arg in ``workers`` processes, as a list in the
    order of ``args``; a task that failed, timed out or lost its worker gives
    a ``Failed``. ``fn`` must be picklable (a module-level function or a
    partial of one). ``on_start(i)`` and ``on_result(i, value)`` are called
    in this process as tasks start and finish."""
    results: list[Any] = [None] * len(args)
    with Pool(fn, workers=workers, limits=limits) as pool:
        for index, arg in enumerate(args):
            pool.submit(index, arg)
        for index, value in pool.completed(on_start):
            results[index] = value
            if on_result:
                on_result(index, value)
    return results
