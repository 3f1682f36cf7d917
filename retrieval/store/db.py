"""SQLite access shared by every store in the data folder: one connection per thread, append-only migrations.

Each component (registry, audit, incidents …) owns an ordered list of migrations; each is applied once and
recorded in `_migrations`, so a data folder written by an older version is brought up to date on open.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


class Database:
    """A SQLite file in WAL mode, with a connection per thread and a transaction helper."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def migrate(self, component: str, migrations: Sequence[str]) -> None:
        """Apply the component's migrations that this file has not seen yet, in order."""
        with self.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (component TEXT, step INTEGER, "
                "applied_at TEXT DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (component, step))"
            )
            done = {r[0] for r in conn.execute("SELECT step FROM _migrations WHERE component=?", (component,))}
            for step, sql in enumerate(migrations):
                if step not in done:
                    for statement in _statements(sql):
                        conn.execute(statement)
                    conn.execute("INSERT INTO _migrations (component, step) VALUES (?, ?)", (component, step))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
