"""A small process pool for per-file work that a single file must not be able to sink.

``concurrent.futures`` cannot stop one stuck task (``future.result(timeout)``
returns but the worker keeps running) and a crashed worker breaks the whole
pool with every task in flight. Here each worker is one process with its own
pipe: a task past its deadline gets its worker killed and replaced, a worker
that dies costs only the task it held, and the address space of each worker
is capped with ``RLIMIT_AS`` so a runaway file raises ``MemoryError`` in its
own process instead of taking the machine. Results come back in input order
so a run's output does not depend on which worker finished first.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
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


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context():
    # A fork server forks workers from a clean process that has already
    # imported the pipeline, so a worker replaced after a timeout starts in
    # milliseconds; where there is none, spawn is the portable choice.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["acplans.pipeline"])
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


class _Worker:
    def __init__(self, ctx, fn: Callable[[Any], Any], limits: Limits):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, fn, limits.memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline = float("inf")

    def give(self, index: int, arg: Any) -> None:
        self.task = index
        self.deadline = float("inf")
        self.conn.send(arg)

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


def run_tasks(args: Sequence[Any], fn: Callable[[Any], Any], *, workers: int, limits: Limits = Limits(),
              on_result: Callable[[int, Any], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> list[Any]:
    """``fn(arg)`` for every arg in ``workers`` processes, as a list in the
    order of ``args``; a task that failed, timed out or lost its worker gives
    a ``Failed``. ``fn`` must be picklable (a module-level function or a
    partial of one). ``on_start(i)`` and ``on_result(i, value)`` are called
    in this process as tasks start and finish."""
    results: list[Any] = [None] * len(args)
    if not args:
        return results
    ctx = _context()
    todo = deque(range(len(args)))
    idle: list[_Worker] = []
    busy: list[_Worker] = []

    def finish(index: int, value: Any) -> None:
        results[index] = value
        if on_result:
            on_result(index, value)

    try:
        while todo or busy:
            while todo and len(busy) < workers:
                worker = idle.pop() if idle else _Worker(ctx, fn, limits)
                index = todo.popleft()
                if on_start:
                    on_start(index)
                worker.give(index, args[index])
                busy.append(worker)
            nearest = min(w.deadline for w in busy)
            timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            for worker in list(busy):
                if worker.conn in ready:
                    try:
                        message = worker.conn.recv()
                    except (EOFError, OSError):
                        pass  # the worker died: its sentinel says how, below
                    else:
                        if message == _STARTED:
                            if limits.file_timeout:
                                worker.deadline = time.monotonic() + limits.file_timeout
                            continue
                        succeeded, value = message
                        busy.remove(worker)
                        finish(worker.task, value if succeeded else Failed(value))
                        if succeeded and worker.process.is_alive():
                            idle.append(worker)
                        else:
                            worker.stop()
                        continue
                if worker.process.sentinel in ready or worker.conn in ready:
                    busy.remove(worker)
                    worker.process.join()
                    finish(worker.task, Failed(_death_reason(worker.process.exitcode, limits)))
                    worker.conn.close()
                elif time.monotonic() >= worker.deadline:
                    busy.remove(worker)
                    worker.kill()
                    finish(worker.task, Failed(f"timed out after {limits.file_timeout:g} s (--file-timeout)"))
    finally:
        for worker in busy:
            worker.kill()
        for worker in idle:
            worker.stop()
    return results
