"""Ingest at lower CPU priority, so that the queries a server answers meanwhile are not starved.

By default the API ingests uploads on one dedicated thread whose scheduling priority is lowered once
(`os.setpriority` on the thread's native id, Linux; `PLANASSIST_INGEST_NICE`). With `PLANASSIST_INGEST_WORKER=1`
each upload goes to one long-lived worker process instead (spawned on the first upload, with its own `Assistant`
on the same folder, niced as a whole): no GIL shared with the queries, but an embedded Chroma that another
process writes can fail the API's own queries ("Error finding id") until it is reopened, so it stays opt-in.
A worker that dies (killed, out of memory) fails that file's result and is started afresh for the next one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from assistant.config import Settings
from retrieval.models import IngestResult

_worker_assistant: Any = None


def lower_priority(nice: int) -> None:
    """Make this process yield the CPU to the ones serving queries (no-op where `os.nice` is missing)."""
    if nice > 0 and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)


def _lower_thread_priority(nice: int) -> None:
    """Lower the priority of the calling thread only (Linux schedules threads; elsewhere a no-op)."""
    if nice > 0 and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))


class IngestThread:
    """One thread, at lower priority for its whole life, that runs every ingest handed to it."""

    def __init__(self, nice: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-low-priority",
                                            initializer=_lower_thread_priority, initargs=(nice,))

    def run(self, work: Callable[[], Any]) -> Any:
        return self._executor.submit(work).result()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _start(settings: Settings) -> None:
    global _worker_assistant
    lower_priority(settings.ingest_nice)
    from assistant.service import Assistant

    _worker_assistant = Assistant(settings=settings.model_copy(update={"ingest_worker": False}))


def _ingest(paths: list[str], options: dict[str, Any]) -> list[dict[str, Any]]:
    return [r.model_dump() for r in _worker_assistant.ingest([Path(p) for p in paths], **options)]


class IngestWorker:
    """One worker process for a data folder, started on first use; `ingest` blocks until the file is done."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def ingest(self, paths: list[Path], **options: Any) -> list[IngestResult]:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start, initargs=(self.settings,))
            pool = self._pool
        try:
            return [IngestResult.model_validate(r) for r in pool.submit(_ingest, [str(p) for p in paths],
                                                                         options).result()]
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            return [IngestResult(source_path=str(Path(p).resolve()), status="failed",
                                 error=f"入库进程意外退出 / the ingest worker died ({exc}); upload the file again")
                    for p in paths]

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
