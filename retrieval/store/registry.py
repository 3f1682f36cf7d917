"""The document registry in SQLite: one row per document, its chunks (verbatim text and BM25 tokens) in order.

The registry is the source of truth for chunk text; Chroma holds vectors and filterable metadata, the
lexical folder a BM25 index rebuilt from the tokens stored here. A document is `indexing` until every store
has it, so a crash mid-ingest is recognised and repaired on the next open.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from retrieval.models import Chunk, DocStatus, DocumentInfo, DocumentMeta
from retrieval.ranking.clauses import clause_bounds
from retrieval.store.db import Database

MIGRATIONS = [
    """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, source_path TEXT NOT NULL, title TEXT NOT NULL, doc_type TEXT NOT NULL,
        issuer TEXT, year INTEGER, version TEXT, hazard_types TEXT NOT NULL DEFAULT '[]',
        access_level TEXT NOT NULL DEFAULT 'public', aliases TEXT NOT NULL DEFAULT '[]',
        content_hash TEXT NOT NULL, fingerprint TEXT NOT NULL, chunk_count INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, warnings TEXT NOT NULL DEFAULT '[]',
        stored_file TEXT, ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_source ON documents(source_path);
    CREATE TABLE chunks (
        chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, data TEXT NOT NULL, tokens TEXT NOT NULL
    );
    CREATE INDEX chunks_doc ON chunks(doc_id, seq)
    """,
    """
    CREATE TABLE digital_plans (
        doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE, data TEXT NOT NULL
    )
    """,
]


def _info(row) -> DocumentInfo:
    return DocumentInfo(
        doc_id=row["doc_id"],
        title=row["title"],
        doc_type=row["doc_type"],
        version=row["version"],
        issuer=row["issuer"],
        year=row["year"],
        hazard_types=json.loads(row["hazard_types"]),
        access_level=row["access_level"],
        aliases=json.loads(row["aliases"]),
        source_path=row["source_path"],
        content_hash=row["content_hash"],
        status=row["status"],
        warnings=json.loads(row["warnings"]),
        chunk_count=row["chunk_count"],
        pages=row["pages"],
        stored_file=row["stored_file"],
        ingested_at=row["ingested_at"],
    )


class Registry:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("registry", MIGRATIONS)

    def begin_document(
        self, doc_id: str, meta: DocumentMeta, *, source_path: str, content_hash: str, fingerprint: str,
        pages: int, warnings: list[str], chunks: list[Chunk], tokens: list[list[str]], stored_file: str | None,
    ) -> None:
        """Record a document and its chunks as `indexing` (not yet searchable) in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            conn.execute(
                "INSERT INTO documents (doc_id, source_path, title, doc_type, issuer, year, version, hazard_types,"
                " access_level, aliases, content_hash, fingerprint, chunk_count, pages, status, warnings,"
                " stored_file, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc_id, source_path, meta.title, meta.doc_type.value, meta.issuer, meta.year, meta.version,
                    json.dumps(meta.hazard_types, ensure_ascii=False), meta.access_level.value,
                    json.dumps(meta.aliases, ensure_ascii=False), content_hash, fingerprint, len(chunks), pages,
                    "indexing", json.dumps(warnings, ensure_ascii=False), stored_file, now,
                ),
            )
            conn.executemany(
                "INSERT INTO chunks (chunk_id, doc_id, seq, data, tokens) VALUES (?,?,?,?,?)",
                [
                    (c.chunk_id, doc_id, c.seq, c.model_dump_json(), json.dumps(t, ensure_ascii=False))
                    for c, t in zip(chunks, tokens, strict=True)
                ],
            )

    def save_plan(self, doc_id: str, data: str) -> None:
        self.db.conn.execute("INSERT OR REPLACE INTO digital_plans (doc_id, data) VALUES (?, ?)", (doc_id, data))

    def plan_json(self, doc_id: str) -> str | None:
        row = self.db.conn.execute("SELECT data FROM digital_plans WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def finish_document(self, doc_id: str, status: DocStatus) -> None:
        self.db.conn.execute("UPDATE documents SET status=? WHERE doc_id=?", (status.value, doc_id))

    def delete(self, doc_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            conn.execute("DELETE FROM digital_plans WHERE doc_id=?", (doc_id,))
            conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    def get(self, doc_id: str) -> DocumentInfo | None:
        row = self.db.conn.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return _info(row) if row else None

    def fingerprint_of(self, doc_id: str) -> str | None:
        row = self.db.conn.execute("SELECT fingerprint FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def by_source(self, source_path: str) -> list[DocumentInfo]:
        rows = self.db.conn.execute("SELECT * FROM documents WHERE source_path=?", (source_path,))
        return [_info(r) for r in rows]

    def documents(self, *, searchable_only: bool = False) -> list[DocumentInfo]:
        sql = "SELECT * FROM documents"
        if searchable_only:
            sql += " WHERE status != 'indexing'"
        return [_info(r) for r in self.db.conn.execute(sql + " ORDER BY title, ingested_at")]

    def incomplete(self) -> list[str]:
        return [r[0] for r in self.db.conn.execute("SELECT doc_id FROM documents WHERE status='indexing'")]

    def chunk_ids(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.db.conn.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (doc_id,))]

    def add_warnings(self, doc_id: str, warnings: list[str]) -> None:
        """Append to a document's recorded warnings (such as a change of its metadata)."""
        info = self.get(doc_id)
        if info is not None and warnings:
            self.db.conn.execute("UPDATE documents SET warnings=? WHERE doc_id=?",
                                 (json.dumps(info.warnings + warnings, ensure_ascii=False), doc_id))

    def chunks(self, doc_id: str) -> list[Chunk]:
        rows = self.db.conn.execute("SELECT data FROM chunks WHERE doc_id=? ORDER BY seq", (doc_id,))
        return [Chunk.model_validate_json(r[0]) for r in rows]

    def clause_parts(self, chunk: Chunk, window: int = 40) -> list[Chunk]:
        """Every stored part of the clause `chunk` belongs to, in order (a single chunk for most clauses)."""
        rows = self.db.conn.execute(
            "SELECT seq, json_extract(data, '$.continued') FROM chunks WHERE doc_id=? AND seq BETWEEN ? AND ?"
            " ORDER BY seq",
            (chunk.doc_id, chunk.seq - window, chunk.seq + window),
        ).fetchall()
        seqs = [r[0] for r in rows]
        if chunk.seq not in seqs:
            return [chunk]
        start, end = clause_bounds([bool(r[1]) for r in rows], seqs.index(chunk.seq))
        if end - start == 1:
            return [chunk]
        parts = self.db.conn.execute(
            "SELECT data FROM chunks WHERE doc_id=? AND seq BETWEEN ? AND ? ORDER BY seq",
            (chunk.doc_id, seqs[start], seqs[end - 1]),
        )
        return [Chunk.model_validate_json(r[0]) for r in parts]

    def chunks_by_id(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        found: dict[str, Chunk] = {}
        for start in range(0, len(chunk_ids), 500):
            batch = chunk_ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            for row in self.db.conn.execute(f"SELECT chunk_id, data FROM chunks WHERE chunk_id IN ({marks})", batch):
                found[row[0]] = Chunk.model_validate_json(row[1])
        return found

    def count_searchable_chunks(self) -> int:
        return self.db.conn.execute(
            "SELECT COUNT(*) FROM chunks c JOIN documents d USING (doc_id) WHERE d.status != 'indexing'"
        ).fetchone()[0]

    def searchable_ids(self) -> list[str]:
        """Every searchable chunk id, in the order the chunks were stored (newest last)."""
        rows = self.db.conn.execute(
            "SELECT c.chunk_id FROM chunks c JOIN documents d USING (doc_id) WHERE d.status != 'indexing'"
            " ORDER BY c.rowid"
        )
        return [r[0] for r in rows]

    def searchable_tokens(self) -> tuple[list[str], list[list[str]]]:
        """Chunk ids and tokens of every searchable chunk, in a stable order, for the BM25 rebuild."""
        rows = self.db.conn.execute(
            "SELECT c.chunk_id, c.tokens FROM chunks c JOIN documents d USING (doc_id)"
            " WHERE d.status != 'indexing' ORDER BY c.doc_id, c.seq"
        ).fetchall()
        return [r[0] for r in rows], [json.loads(r[1]) for r in rows]
