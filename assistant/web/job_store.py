"""Background ingest jobs kept in the data folder's SQLite, so that a restarted API can say what became of them.

A job is saved whenever it changes. When the API starts, a job that a previous server left queued or running
cannot finish any more: it is marked `interrupted`, with a message saying which files were indexed before the
stop (those stay in the library) and that the others must be uploaded again.
"""

from __future__ import annotations

from assistant.web.jobs import MAX_KEPT, IngestJob, JobStatus
from retrieval.store.db import Database

MIGRATIONS = [
    "CREATE TABLE ingest_jobs (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL)",
]
INTERRUPTED = ("服务器在任务完成前停止：已入库 {done}/{total} 个文件，其余文件请重新上传 / the server stopped before "
               "this job finished: {done} of {total} files were indexed and stay in the library; upload the others "
               "again")


class JobStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("ingest_jobs", MIGRATIONS)

    def save(self, job: IngestJob) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO ingest_jobs (id, status, created_at, data) VALUES (?,?,?,?)",
                         (job.id, job.status.value, job.created_at, job.model_dump_json()))
            conn.execute("DELETE FROM ingest_jobs WHERE id NOT IN "
                         "(SELECT id FROM ingest_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?)", (MAX_KEPT,))

    def get(self, job_id: str) -> IngestJob | None:
        row = self.db.conn.execute("SELECT data FROM ingest_jobs WHERE id=?", (job_id,)).fetchone()
        return IngestJob.model_validate_json(row[0]) if row else None

    def interrupt_unfinished(self) -> list[IngestJob]:
        """Mark the jobs a stopped server left queued or running as interrupted; returns them."""
        rows = self.db.conn.execute("SELECT data FROM ingest_jobs WHERE status IN (?, ?)",
                                    (JobStatus.QUEUED.value, JobStatus.RUNNING.value)).fetchall()
        interrupted = []
        for row in rows:
            job = IngestJob.model_validate_json(row[0])
            job.status = JobStatus.INTERRUPTED
            job.message = INTERRUPTED.format(done=job.files_done, total=job.files_total)
            job.errors.append(job.message)
            self.save(job)
            interrupted.append(job)
        return interrupted
