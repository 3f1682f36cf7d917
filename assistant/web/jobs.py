"""Background ingest jobs: uploads are ingested one file at a time on a worker thread, with progress.

`GET /v1/jobs/{id}` reports files done, chunks, warnings and errors while the job runs. Jobs live in the API
process (a restarted server forgets finished jobs; the documents themselves are in the data folder).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from retrieval.models import IngestResult

MAX_KEPT = 200


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class IngestJob(BaseModel):
    id: str
    status: JobStatus = JobStatus.QUEUED
    created_by: str
    created_at: str
    files_total: int
    files_done: int = 0
    chunks: int = 0
    warnings: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    results: list[IngestResult] = Field(default_factory=list)

    def record(self, result: IngestResult) -> None:
        self.files_done += 1
        self.chunks += result.chunks
        self.results.append(result)
        self.warnings += [f"{result.title or result.source_path}: {w}" for w in result.warnings]
        if result.error:
            self.errors.append(f"{result.source_path.rsplit('/', 1)[-1]}: {result.error}")


class JobRegistry:
    """Runs ingest jobs one after another (ingest is serialised per data folder anyway)."""

    def __init__(self) -> None:
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-job")

    def submit(self, user: str, files_total: int,
               work: Callable[[Callable[[IngestResult], None]], object]) -> IngestJob:
        job = IngestJob(id=uuid.uuid4().hex[:12], created_by=user, files_total=files_total,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"))
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-MAX_KEPT]:
                del self._jobs[old]
        self._executor.submit(self._run, job, work)
        return job

    def _run(self, job: IngestJob, work: Callable[[Callable[[IngestResult], None]], object]) -> None:
        job.status = JobStatus.RUNNING
        try:
            work(job.record)
        except Exception as exc:
            job.errors.append(f"{type(exc).__name__}: {exc}")
            job.status = JobStatus.FAILED
            return
        job.status = JobStatus.DONE

    def get(self, job_id: str) -> IngestJob | None:
        return self._jobs.get(job_id)
