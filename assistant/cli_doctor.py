"""`planassist doctor` — check a data folder and mend it, saying what was done (or, with --check, what is wrong).

Mending waits for a live writer (another `ingest`, the API ingesting an upload) to finish, then removes what a
killed writer left behind, deletes orphaned vectors and originals, stores missing vectors again, rebuilds the
BM25 index, and rebuilds an unreadable Chroma folder from the registry (retrieval/repair.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from retrieval.repair import FolderReport, VectorStoreUnreadableError

HomeOption = Annotated[Path | None, typer.Option("--home", help="data folder (default: $PLANASSIST_HOME)")]


def doctor(
    home: HomeOption = None,
    check_only: Annotated[bool, typer.Option("--check", help="only check; change nothing")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Check the data folder and mend it: half-ingested documents, orphaned or missing vectors, BM25, Chroma."""
    from assistant.config import get_settings
    from retrieval.embeddings import get_embeddings
    from retrieval.index import Index

    settings = get_settings(home=home)
    folder = Path(home or settings.home).expanduser()
    embeddings = get_embeddings(settings.embed_model)
    try:
        index = Index(folder, embeddings, chroma_url=settings.chroma_url, repair_on_open=not check_only)
    except VectorStoreUnreadableError as exc:
        _finish(FolderReport(home=str(folder), vector_store_unreadable=str(exc)), [], as_json)
        return
    index.on_wait = lambda holder: typer.echo(
        f"等待另一个写入进程结束 / waiting for the writer pid {holder.get('pid')} ({holder.get('task')})", err=True)
    at_open = index.last_repair
    report = index.doctor(mend=not check_only)
    _finish(report, at_open.actions() if at_open and at_open.mended else [], as_json)


def _finish(report: FolderReport, done_at_open: list[str], as_json: bool) -> None:
    actions = done_at_open + report.actions()
    if as_json:
        typer.echo(json.dumps({**report.model_dump(), "actions": actions, "healthy": report.healthy},
                              ensure_ascii=False, indent=2))
    else:
        typer.echo(f"数据目录 / data folder: {report.home}")
        if report.vector_store_unreadable:
            typer.echo(f"  向量库无法读取 / vector store unreadable: {report.vector_store_unreadable}"
                       " — run `planassist doctor` without --check to rebuild it")
        if report.writer:
            typer.echo(f"  另一进程正在写入 / another process is writing: pid {report.writer.get('pid')} "
                       f"({report.writer.get('task')}); its documents in progress: {', '.join(report.indexing) or '-'}")
        for line in actions:
            typer.echo(f"  {line}")
        if not actions and not report.vector_store_unreadable:
            typer.echo("  无需修复 / nothing to mend")
        typer.echo(f"  {report.documents} documents, {report.chunks} searchable chunks, {report.vectors} vectors")
    if not report.healthy or report.vector_store_unreadable:
        raise typer.Exit(code=1)
