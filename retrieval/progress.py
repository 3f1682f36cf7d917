"""Progress of an ingest, step by step: pages read, pages OCR'd and chunks embedded, for each file of a batch.

The index reports to a `ProgressSink` (any callable taking a `Step`); the CLI draws a progress bar from the steps,
the API keeps them in the job that `GET /v1/jobs/{id}` returns, and the console shows that job's numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel


class Stage(StrEnum):
    LOADING = "loading"  # pages read from the file's text layer
    OCR = "ocr"  # image-only pages recognised
    EMBEDDING = "embedding"  # chunks embedded and stored
    DONE = "done"  # the file is indexed (or failed)


class Step(BaseModel):
    """One step of one file: `done` of `total` units (pages or chunks) of `stage`."""

    file: str
    file_index: int = 0  # 0-based position of the file in its batch
    files_total: int = 1
    stage: Stage
    done: int = 0
    total: int = 0

    def label(self) -> str:
        """「OCR 3/5页 · 应急预案.pdf」, the same words in the CLI and the console."""
        unit = {Stage.LOADING: "页 pages", Stage.OCR: "页 pages", Stage.EMBEDDING: "块 chunks"}.get(self.stage, "")
        what = {Stage.LOADING: "读取 reading", Stage.OCR: "OCR", Stage.EMBEDDING: "向量化 embedding",
                Stage.DONE: "完成 done"}[self.stage]
        count = f" {self.done}/{self.total} {unit}" if self.total else ""
        return f"{what}{count} · {self.file}"


ProgressSink = Callable[[Step], None]
PageSink = Callable[[str, int, int], None]  # (stage, done, total) from a loader


def nothing(_: Step) -> None:
    """The sink of an ingest nobody follows."""
