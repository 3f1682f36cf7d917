"""`planassist ingest` on a terminal: a progress bar per batch (files) and one for the current file's pages
read, pages OCR'd or chunks embedded. Not drawn when the output is not a terminal or is JSON."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from retrieval.progress import ProgressSink, Stage, Step, nothing


@contextmanager
def ingest_progress(enabled: bool) -> Iterator[ProgressSink]:
    """A sink drawing the steps on stderr's terminal while the block runs (or ignoring them)."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield nothing
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bars:
        files = bars.add_task("文件 files", total=None)
        current = bars.add_task("", total=None)

        def show(step: Step) -> None:
            bars.update(files, total=step.files_total, completed=step.file_index + (step.stage is Stage.DONE))
            bars.update(current, description=step.label(), total=step.total or None, completed=step.done)

        yield show
