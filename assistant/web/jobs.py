"""Background ingest jobs: uploads are ingested one file at a time on a worker thread, with progress.

`GET /v1/jobs/{id}` reports files done, the file being read with its stage (pages read, pages OCR'd, chunks
embedded), chunks, warnings and errors while the job runs. With a `JobStore` (the API's) every change is saved
in the data folder, so a restarted server still answers for its jobs, and marks those it left unfinished as
`interrupted`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from retrieval.models import IngestResult
from retrieval.progress import ProgressSink, Stage, Step

if TYPE_CHECKING:
    from assistant.web.job_store import JobStore

MAX_KEPT = 200


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # the server stopped before the job finished


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
    # The file being ingested and its stage: pages read / OCR'd (pages_*), chunks embedded (chunks_*).
    current_file: str | None = None
    stage: Stage | None = None
    pages_done: int = 0
    pages_total: int = 0
    chunks_embedded: int = 0
    chunks_total: int = 0
    message: str | None = None

    def step(self, step: Step) -> None:
        self.current_file, self.stage = step.file, step.stage
        if step.stage in (Stage.LOADING, Stage.OCR):
            self.pages_done, self.pages_total = step.done, step.total
        elif step.stage is Stage.EMBEDDING:
            self.chunks_embedded, self.chunks_total = step.done, step.total
        if step.stage is Stage.LOADING and step.done == 0:
            self.chunks_embedded = self.chunks_total = 0

    def record(self, result: IngestResult) -> None:
        self.files_done += 1
        self.chunks += result.chunks
        self.results.append(result)
        self.warnings += [f"{result.title or result.source_path}: {w}" for w in result.warnings]
        if result.error:
            self.errors.append(f"{result.source_path.rsplit('/', 1)[-1]}: {result.error}")


class JobRegistry:
    """Runs ingest jobs one after another (ingest is serialised per data folder anyway)."""

    def __init__(self, store: JobStore | None = None) -> None:
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-job")
        self._store = store
        self.interrupted = store.interrupt_unfinished() if store is not None else []

    def _save(self, job: IngestJob) -> None:
        if self._store is not None:
            self._store.save(job)

    def submit(self, user: str, files_total: int,
               work: Callable[[Callable[[IngestResult], None], ProgressSink], object]) -> IngestJob:
        """Queue `work(record, progress)`: it calls `record` with each file's result, `progress` with each step."""
        job = IngestJob(id=uuid.uuid4().hex[:12], created_by=user, files_total=files_total,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"))
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-MAX_KEPT]:
                del self._jobs[old]
        self._save(job)
        self._executor.submit(self._run, job, work)
        return job

    def _run(self, job: IngestJob, work: Callable[[Callable[[IngestResult], None], ProgressSink], object]) -> None:
        job.status = JobStatus.RUNNING
        self._save(job)

        def record(result: IngestResult) -> None:
            job.record(result)
            self._save(job)

        def progress(step: Step) -> None:
            job.step(step)
            self._save(job)

        try:
            work(record, progress)
        except Exception as exc:
            job.errors.append(f"{type(exc).__name__}: {exc}")
            job.status = JobStatus.FAILED
        else:
            job.status = JobStatus.DONE
        self._save(job)

    def get(self, job_id: str) -> IngestJob | None:
        """A job of this server, else one a previous server saved (finished, or marked interrupted)."""
        job = self._jobs.get(job_id)
        return job if job is not None or self._store is None else self._store.get(job_id)
