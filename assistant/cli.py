"""`planassist …` — the command line, a thin layer over `assistant.service.Assistant`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli_doctor import doctor
from assistant.cli_users import users_app

app = typer.Typer(help="planassist: citation-first assistant for contingency plans, laws and reviews.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
HomeOption = Annotated[Path | None, typer.Option("--home", help="data folder (default: $PLANASSIST_HOME)")]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON")]
app.add_typer(users_app, name="users")
app.command()(doctor)


def _assistant(home: Path | None):
    from assistant.service import Assistant

    assistant = Assistant(home=home)
    assistant.index.on_wait = lambda holder: typer.echo(
        f"等待另一个写入进程结束 / waiting for the writer pid {holder.get('pid')} ({holder.get('task')})", err=True)
    return assistant


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files or folders")],
    home: HomeOption = None,
    password: Annotated[str | None, typer.Option(help="password of encrypted PDFs")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="plan|regulation|review|other")] = None,
    access_level: Annotated[str | None, typer.Option("--access", help="public|internal|restricted")] = None,
    allow_downgrade: Annotated[bool, typer.Option(
        "--allow-downgrade", help="let a re-ingest lower a document's access level")] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest files or folders; unchanged files are skipped, changed ones replaced. On a terminal a progress bar
    shows the pages read and OCR'd and the chunks embedded."""
    from assistant.cli_progress import ingest_progress

    missing = [str(p) for p in paths if not p.exists()]
    from assistant.config import get_settings
    from assistant.ingest_worker import lower_priority

    lower_priority(get_settings().ingest_nice)  # queries served meanwhile (the API) come first
    assistant = _assistant(home)
    with ingest_progress(enabled=not as_json) as progress:
        existing = [p for p in paths if p.exists()]
        results = assistant.ingest(existing, password=password, doc_type=doc_type, access_level=access_level,
                                   allow_downgrade=allow_downgrade, progress=progress) if existing else []
    if as_json:
        _echo_json([r.model_dump() for r in results] + [{"source_path": m, "status": "failed",
                    "error": "文件不存在 / no such file"} for m in missing])
    else:
        for r in results:
            line = f"{r.status:10s} {r.chunks:5d} chunks  {r.title or ''}  ({Path(r.source_path).name})"
            typer.echo(line if r.ok else f"FAILED     {Path(r.source_path).name}: {r.error}")
            for warning in r.warnings:
                typer.echo(f"           ⚠ {warning}")
        for m in missing:
            typer.echo(f"FAILED     {m}: 文件不存在 / no such file")
    if missing or any(not r.ok for r in results):
        raise typer.Exit(code=1)


@app.command()
def search(
    query: str,
    k: Annotated[int, typer.Option("-k", min=1, max=100)] = 5,
    doc_type: Annotated[str | None, typer.Option("--type", help="plan|regulation|review")] = None,
    hazard: Annotated[str | None, typer.Option(help="hazard type, e.g. 防汛")] = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hybrid search; prints each hit's title, locator, page and text."""
    hits = _assistant(home).search(query, k=k, filters={"doc_type": doc_type, "hazard": hazard})
    if as_json:
        _echo_json([hit_json(h) for h in hits])
        return
    for n, hit in enumerate(hits, start=1):
        c = hit.chunk
        version = f"（{c.metadata['version']}）" if c.metadata.get("version") else ""
        page = f"  p.{c.page_start}" if c.paged else ""
        typer.echo(f"[{n}] 《{c.doc_title}》{version} {c.locator}{page}  score={hit.score:.4f}")
        typer.echo("    " + c.text[:300].replace("\n", "\n    "))


def hit_json(hit) -> dict[str, Any]:
    c = hit.chunk
    return {
        "chunk_id": c.chunk_id, "doc_title": c.doc_title, "doc_type": c.doc_type.value, "source_path": c.source_path,
        "locator": c.locator, "page_start": c.page_start, "page_end": c.page_end, "score": hit.score,
        "text": c.text, "version": c.metadata.get("version"), "heading_path": c.heading_path,
    }


@app.command()
def ask(
    question: str,
    task: Annotated[str, typer.Option(help="lookup|checklist|briefing|quiz|chat|exercise")] = "lookup",
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Answer with citations (extractive by default; an LLM when PLANASSIST_LLM is set)."""
    answer = _assistant(home).ask(question, task=task)
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(answer.to_markdown())


@app.command()
def documents(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """List the documents of the data folder."""
    docs = _assistant(home).documents()
    if as_json:
        _echo_json([d.model_dump(mode="json") for d in docs])
        return
    for d in docs:
        typer.echo(f"{d.doc_id}  {d.doc_type.value:10s} {d.chunk_count:5d}  {d.title}  {d.version or ''}  [{d.status}]")


@app.command()
def delete(doc_id: str, home: HomeOption = None) -> None:
    """Delete a document and its chunks."""
    if not _assistant(home).delete(doc_id):
        typer.echo(f"no such document: {doc_id}", err=True)
        raise typer.Exit(code=1)


def _env(home: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if home is not None:
        env["PLANASSIST_HOME"] = str(home)
    return env


@app.command()
def serve(
    host: str = "127.0.0.1", port: int = 8000, home: HomeOption = None,
) -> None:
    """Run the HTTP API (FastAPI + uvicorn)."""
    import uvicorn

    if home is not None:
        os.environ["PLANASSIST_HOME"] = str(home)
    os.environ["PLANASSIST_API_HOST"] = host  # the app refuses a non-loopback bind without keys (web/guards.py)
    # X-Forwarded-For is believed only from the proxies PLANASSIST_TRUSTED_PROXIES names (web/auth.py)
    from assistant.config import get_settings

    proxies = get_settings().trusted_proxies
    uvicorn.run("assistant.web.api:create_app", factory=True, host=host, port=port, log_level="info",
                proxy_headers=bool(proxies), forwarded_allow_ips=",".join(proxies) or None)


def _streamlit_command(port: int, api_url: str) -> list[str]:
    app_path = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    return [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer", "--", "--api", api_url]


@app.command()
def ui(port: int = 8501, api: str = "http://127.0.0.1:8000", home: HomeOption = None) -> None:
    """Run the Streamlit console (a client of the API)."""
    raise typer.Exit(subprocess.call(_streamlit_command(port, api), env=_env(home)))


@app.command()
def up(
    host: str = "127.0.0.1", port: int = 8000, ui_port: int = 8501, home: HomeOption = None,
    seed: Annotated[Path | None, typer.Option(help="ingest this folder first when the data folder is empty")] = None,
) -> None:
    """Run the API and the console together; Ctrl-C or SIGTERM stops both."""
    from assistant.processes import Child, supervise, taken_ports

    if taken := taken_ports([("API", host, port), ("console", "127.0.0.1", ui_port)]):
        typer.echo("\n".join(taken) + "\n请先停止占用端口的进程，或用 --port / --ui-port 换一个端口 / "
                   "stop what holds the port, or choose another with --port / --ui-port", err=True)
        raise typer.Exit(code=1)
    if seed is not None:
        _seed(home, seed)
    api_url = f"http://{host}:{port}"
    children = [
        Child.start("API", [sys.executable, "-m", "assistant.cli", "serve", "--host", host, "--port", str(port)],
                    _env(home)),
        Child.start("console", _streamlit_command(ui_port, api_url), _env(home)),
    ]
    typer.echo(f"API:     {api_url}/docs\nConsole: http://127.0.0.1:{ui_port}\n"
               "停止 / stop: Ctrl-C, or kill -TERM " + str(os.getpid()))
    exited = supervise(children)
    if exited is not None:
        typer.echo(f"{exited.name} 已退出（代码 {exited.process.returncode}），其余进程已停止 / "
                   f"{exited.name} exited with code {exited.process.returncode}; stopped the others", err=True)
        raise typer.Exit(code=1)
    typer.echo("已停止 / stopped")


def _seed(home: Path | None, seed: Path) -> None:
    assistant = _assistant(home)
    if not assistant.documents():
        typer.echo(f"首次运行：导入示例文档 / first run: ingesting {seed} into {assistant.home}")
        for r in assistant.ingest([seed]):
            typer.echo(f"  {r.status:10s} {r.title or r.source_path} {r.error or ''}")


@app.command(name="eval")
def evaluate(
    corpus: Annotated[str, typer.Option(help="shared|plans|both")] = "both",
    split: Annotated[str, typer.Option(help="dev|test|both")] = "both",
    answers: Annotated[bool, typer.Option(help="also evaluate answers")] = True,
) -> None:
    """Run the retrieval (and answer) evaluation and write evals/results/."""
    from evals.run_retrieval import main as run_retrieval

    run_retrieval(corpus=corpus, split=split)
    if answers:
        from evals.run_answers import main as run_answers

        run_answers(corpus=corpus, split=split)


if __name__ == "__main__":
    app()
