"""Incidents of the duty desk (值班台): one run of a plan, kept in the data folder's SQLite.

An incident holds the facts a duty officer entered, the briefing and checklist answers computed when it was
opened, every tick of a checklist item (who, when; the latest tick of an item is its state) and the log of
接报/续报 entries. Ticks and log entries are only ever appended, so the table is also the incident's record.
Exports of an incident (Markdown, DOCX) are in `assistant/web/incident_export.py`.

The quotes keep the access level of their source (`assistant/web/records.py`), so that deleting a document
never makes its quotes readable to a role that could not read it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Answer
from assistant.web.options import DocId
from assistant.web.records import LevelOf, Readable, anyone, now, quoted, stored_cited
from retrieval.store.db import Database

MIGRATIONS = [
    """
    CREATE TABLE incidents (
        incident_id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, hazard TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '', occurred_at TEXT NOT NULL DEFAULT '', facts TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open', created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        closed_by TEXT, closed_at TEXT, briefing TEXT NOT NULL, checklist TEXT NOT NULL,
        cited_docs TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX incidents_status ON incidents(status, incident_id);
    CREATE TABLE incident_ticks (
        tick_id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents(incident_id) ON DELETE CASCADE,
        item INTEGER NOT NULL, done INTEGER NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE INDEX incident_ticks_incident ON incident_ticks(incident_id, item, tick_id);
    CREATE TABLE incident_log (
        entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents(incident_id) ON DELETE CASCADE,
        kind TEXT NOT NULL, text TEXT NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE INDEX incident_log_incident ON incident_log(incident_id, entry_id)
    """,
]


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class LogKind(StrEnum):
    REPORT = "接报"
    UPDATE = "续报"
    OTHER = "其他"
    REGRADE = "级别调整"


class IncidentNotFoundError(LookupError):
    pass


class IncidentClosedError(Exception):
    pass


class NewIncident(BaseModel):
    """What the duty officer enters to open an incident."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    hazard: str = Field(min_length=1, max_length=50, examples=["防汛"])
    place: str = Field("", max_length=200, examples=["示例区河西街道"])
    time: str = Field("", max_length=50, examples=["2025-07-01 14:30"])
    facts: str = Field("", max_length=4000, examples=["24小时降雨量250毫米，主要河道水位超过保证水位"])
    title: str = Field("", max_length=200)
    doc_id: DocId | None = Field(None, description="the plan to apply (a document id); none: the plan is chosen by the "
                                 "incident's kind, hazard and place")

    def question(self) -> str:
        """The question the briefing and checklist tasks are asked."""
        where = f"{self.place}发生" if self.place else "发生"
        return f"{where}{self.hazard}突发事件" + (f"：{self.facts}" if self.facts else "")

    def default_title(self) -> str:
        return self.title or " · ".join(p for p in (self.hazard, self.place, self.time) if p)


class ItemState(BaseModel):
    index: int
    done: bool = False
    by: str | None = None
    at: str | None = None


class LogEntry(BaseModel):
    id: int
    kind: LogKind
    text: str
    by: str
    at: str


class IncidentSummary(BaseModel):
    id: int
    title: str
    hazard: str
    place: str
    time: str
    status: IncidentStatus
    created_by: str
    created_at: str
    closed_by: str | None = None
    closed_at: str | None = None
    level_label: str | None = None
    items_done: int = 0
    items_total: int = 0


class Incident(IncidentSummary):
    facts: str
    briefing: Answer
    checklist: Answer
    items: list[ItemState]
    log: list[LogEntry]


class IncidentStore:
    """Incidents, checklist ticks and log entries in the `incidents` tables of a data folder's database.

    `readable(cited)` (given to the readers) says whether a caller may read every document an incident quotes,
    at the level it had when quoted; incidents that quote documents above the caller's access levels look
    missing to them.
    """

    def __init__(self, db: Database, clock: Callable[[], str] = now) -> None:
        self.db, self.clock = db, clock
        db.migrate("incidents", MIGRATIONS)

    def create(self, new: NewIncident, *, briefing: Answer, checklist: Answer, by: str,
               level_of: LevelOf = lambda _: None) -> Incident:
        """Store the incident with each quoted document's access level (`level_of(doc_id)`, read now)."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO incidents (title, hazard, place, occurred_at, facts, created_by, created_at, briefing,"
                " checklist, cited_docs) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (new.default_title(), new.hazard, new.place, new.time, new.facts, by, self.clock(),
                 briefing.model_dump_json(), checklist.model_dump_json(),
                 quoted(briefing, checklist, level_of=level_of)),
            )
        return self.get(cursor.lastrowid)

    def summaries(self, status: IncidentStatus | None = None, readable: Readable = anyone) -> list[IncidentSummary]:
        """Newest first; open and closed alike unless `status` is given."""
        sql, args = "SELECT * FROM incidents", ()
        if status is not None:
            sql, args = sql + " WHERE status=?", (IncidentStatus(status).value,)
        rows = self.db.conn.execute(sql + " ORDER BY incident_id DESC", args).fetchall()
        return [IncidentSummary(**_summary(row, self._items(row))) for row in rows
                if readable(stored_cited(row))]

    def get(self, incident_id: int, readable: Readable = anyone) -> Incident:
        row = self._row(incident_id, readable)
        items = self._items(row)
        checklist = Answer.model_validate_json(row["checklist"])
        for item, state in zip(checklist.payload.get("items", []), items, strict=False):
            item["done"] = state.done
        log = [LogEntry(id=r["entry_id"], kind=r["kind"], text=r["text"], by=r["by_user"], at=r["at"])
               for r in self.db.conn.execute(
                   "SELECT * FROM incident_log WHERE incident_id=? ORDER BY entry_id", (incident_id,))]
        return Incident(**_summary(row, items), facts=row["facts"], checklist=checklist, items=items, log=log,
                        briefing=Answer.model_validate_json(row["briefing"]))

    def set_item(self, incident_id: int, index: int, done: bool, by: str, readable: Readable = anyone) -> Incident:
        """Tick (or untick) checklist item `index` (0-based) of an open incident."""
        row = self._open_row(incident_id, readable)
        total = len(json.loads(row["checklist"]).get("payload", {}).get("items", []))
        if not 0 <= index < total:
            raise IndexError(f"清单没有第 {index + 1} 项 / no checklist item {index} (items 0–{total - 1})")
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO incident_ticks (incident_id, item, done, by_user, at) VALUES (?,?,?,?,?)",
                         (incident_id, index, int(done), by, self.clock()))
        return self.get(incident_id)

    def add_log(self, incident_id: int, kind: LogKind, text: str, by: str, readable: Readable = anyone) -> Incident:
        self._open_row(incident_id, readable)
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO incident_log (incident_id, kind, text, by_user, at) VALUES (?,?,?,?,?)",
                         (incident_id, kind.value, text, by, self.clock()))
        return self.get(incident_id)

    def regrade(self, incident_id: int, facts: str, *, briefing: Answer, checklist: Answer, by: str,
                readable: Readable = anyone, level_of: LevelOf = lambda _: None) -> Incident:
        """New facts (an edit or a 续报) for an open incident: its answers are replaced, ticks follow their
        items by action, and a change of level is logged with its reason and citation. The documents quoted
        before stay among the quoted ones (the log still quotes them)."""
        row = self._open_row(incident_id, readable)
        old = json.loads(row["checklist"]).get("payload", {})
        done = {i["action"]: s for i, s in zip(old.get("items", []), self._items(row), strict=False) if s.done}
        with self.db.transaction() as conn:
            conn.execute("UPDATE incidents SET facts=?, briefing=?, checklist=?, cited_docs=? WHERE incident_id=?",
                         (facts, briefing.model_dump_json(), checklist.model_dump_json(),
                          quoted(briefing, checklist, level_of=level_of, before=stored_cited(row)), incident_id))
            conn.execute("DELETE FROM incident_ticks WHERE incident_id=?", (incident_id,))
            for index, item in enumerate(checklist.payload.get("items", [])):
                if (state := done.get(item["action"])) is not None:
                    conn.execute("INSERT INTO incident_ticks (incident_id, item, done, by_user, at) VALUES (?,?,?,?,?)",
                                 (incident_id, index, 1, state.by, state.at))
            if (change := level_change(old, checklist)) is not None:
                conn.execute("INSERT INTO incident_log (incident_id, kind, text, by_user, at) VALUES (?,?,?,?,?)",
                             (incident_id, LogKind.REGRADE.value, change, by, self.clock()))
        return self.get(incident_id)

    def close(self, incident_id: int, by: str, readable: Readable = anyone) -> Incident:
        self._open_row(incident_id, readable)
        with self.db.transaction() as conn:
            conn.execute("UPDATE incidents SET status='closed', closed_by=?, closed_at=? WHERE incident_id=?",
                         (by, self.clock(), incident_id))
        return self.get(incident_id)

    def _row(self, incident_id: int, readable: Readable = anyone):
        row = self.db.conn.execute("SELECT * FROM incidents WHERE incident_id=?", (incident_id,)).fetchone()
        if row is None or not readable(stored_cited(row)):
            raise IncidentNotFoundError(f"事件不存在 / no such incident: {incident_id}")
        return row

    def _open_row(self, incident_id: int, readable: Readable):
        row = self._row(incident_id, readable)
        if row["status"] != IncidentStatus.OPEN:
            raise IncidentClosedError(f"事件已关闭 / incident {incident_id} is closed")
        return row

    def _items(self, row) -> list[ItemState]:
        total = len(json.loads(row["checklist"]).get("payload", {}).get("items", []))
        states = [ItemState(index=i) for i in range(total)]
        ticks = self.db.conn.execute(
            "SELECT item, done, by_user, at FROM incident_ticks WHERE incident_id=? ORDER BY tick_id",
            (row["incident_id"],))
        for tick in ticks:  # later ticks overwrite earlier ones: the latest is the state
            if tick["item"] < total:
                states[tick["item"]] = ItemState(index=tick["item"], done=bool(tick["done"]), by=tick["by_user"],
                                                 at=tick["at"])
        return states


def level_change(old: dict, checklist: Answer) -> str | None:
    """「响应级别：Ⅳ级应急响应 → Ⅲ级应急响应。依据：…（《预案》5.5.1 启动条件）」, or None when unchanged."""
    new = checklist.payload
    if old.get("level") == new.get("level"):
        return None
    before = old.get("level_label") or "待定 / undecided"
    after = new.get("level_label") or "待定 / undecided"
    cited = [checklist.citation(n) for n in new.get("level_citations", [])[:1]]
    source = f"（《{cited[0].doc_title}》{cited[0].locator}：{cited[0].quote[:80]}）" if cited else ""
    reason = (new.get("level_reason") or "")[:200]
    return f"响应级别：{before} → {after}。依据：{reason}{source}"


def _summary(row, items: list[ItemState]) -> dict:
    checklist = json.loads(row["checklist"])
    return dict(id=row["incident_id"], title=row["title"], hazard=row["hazard"], place=row["place"],
                time=row["occurred_at"], status=row["status"], created_by=row["created_by"],
                created_at=row["created_at"], closed_by=row["closed_by"], closed_at=row["closed_at"],
                level_label=checklist.get("payload", {}).get("level_label"),
                items_done=sum(s.done for s in items), items_total=len(items))
