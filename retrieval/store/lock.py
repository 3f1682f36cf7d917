"""One writer per data folder across processes, any number of readers (filelock on `writer.lock`).

Every change to a folder — ingest, delete, repair — runs while holding the writer lock; reading never takes it.
A process that finds the lock held knows another live process is writing (an OS lock dies with its process,
so a lock left by a killed writer is free again), and does not touch the documents that writer has in
`indexing`. The holder's pid and task are written beside the lock, so that a waiting CLI can say whom it
waits for.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = "writer.lock"
HOLDER_NAME = "writer.json"


class WriterLock:
    """A reentrant cross-process writer lock on one data folder (reentrant within one thread)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._lock = FileLock(home / LOCK_NAME)
        self._depth = threading.local()

    @contextmanager
    def hold(self, task: str, on_wait: Callable[[dict], None] | None = None) -> Iterator[None]:
        """Hold the lock for `task`, waiting for another writer to finish; `on_wait(holder)` is called once
        when the lock is busy."""
        if not self._try_acquire():
            if on_wait is not None:
                on_wait(self.holder())
            self._lock.acquire()
        try:
            self._enter(task)
            yield
        finally:
            self._exit()
            self._lock.release()

    @contextmanager
    def try_hold(self, task: str) -> Iterator[bool]:
        """Hold the lock if no other process (or thread) writes now; yields whether it is held."""
        if not self._try_acquire():
            yield False
            return
        try:
            self._enter(task)
            yield True
        finally:
            self._exit()
            self._lock.release()

    def busy(self) -> bool:
        """Whether another process or thread holds the lock now."""
        with self.try_hold("probe") as held:
            return not held

    def holder(self) -> dict:
        """The pid and task of the process that last took the lock (`{}` when unknown)."""
        try:
            return json.loads((self.home / HOLDER_NAME).read_text())
        except (OSError, ValueError):
            return {}

    def _try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def _enter(self, task: str) -> None:
        depth = getattr(self._depth, "n", 0)
        if depth == 0 and task != "probe":
            (self.home / HOLDER_NAME).write_text(json.dumps({"pid": os.getpid(), "task": task}))
        self._depth.n = depth + 1

    def _exit(self) -> None:
        self._depth.n -= 1
