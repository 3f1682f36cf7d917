"""Soak: one data folder shared by a killed-and-restarted ingest, a CLI, and an API serving 20 clients.

    python evals/soak.py [--kills 20] [--baseline DIR] [--seed 7] [--smoke]

For each system (this checkout, and with `--baseline DIR` another checkout such as `git worktree add --detach
/tmp/base main`, run from its own code), on a fresh data folder:

1. a restricted report is ingested (sidecar `access_level = "restricted"`) and the API starts with 20 clients
   polling `/healthz`, `POST /v1/search` and `GET /v1/documents` (one request a second each); 20 s idle;
2. rounds until `--kills` kills: `planassist ingest` of a folder (small regulations, one large one, and a copy of
   the restricted report without its sidecar) is SIGKILLed at a random
   point — half at a random delay, half a random moment after a document turns `indexing`; every third round a
   second ingest runs alongside, every fourth a `planassist delete`; a CLI process keeps listing and searching;
3. the ingest is run once more to its end, then a mixed bad batch (the six hostile files of
   evals/hostile_files.py and a good DOCX), then a large regulation alone; the folder is measured *before* any planassist process opens it
   again (the API stays up): SQLite and Chroma are read directly, so the repair under test cannot hide faults.

Reported: documents lost (good files not searchable after the final ingest, or reported indexed and gone),
vectors orphaned (in Chroma, not searchable in the registry), folder unopenable (a CLI run failing with a
traceback; the final open), `/healthz` failures, API and CLI errors, files of the final batch without a result,
silent downgrades of the restricted report, and search latency while an ingest runs vs idle (p50/p95).
Writes evals/results/soak.md and soak.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from evals.hostile_files import bad_batch, good_docx  # noqa: E402

RESULTS = REPO / "evals" / "results"
CLIENTS = 20
QUERIES = ["第三类第五项突发事件由谁处置", "组织人员转移安置", "区水务局 报告", "化工厂爆炸 调查", "发布预警信息",
           "伤员救治 时限", "设置警戒区域", "第十二条"]
UNITS = ["区应急管理局", "区水务局", "区公安分局", "区卫生健康委", "区消防救援大队", "区交通运输局", "街道办事处"]
ACTIONS = ["组织人员转移安置", "设置警戒区域并疏导交通", "调集抢险队伍和物资", "开展伤员救治", "核实并报告灾情",
           "发布预警信息", "做好善后处置"]
REPORT = ("# 示例区化工厂爆炸事故调查报告\n\n一、事故经过\n\n2026年3月5日，示例区某化工厂发生爆炸，区应急管理局于15分钟内"
          "到达现场。\n\n二、责任认定\n\n企业负责人未落实安全生产责任制，厂区值班人员未按规定巡查。\n")
def regulation(n: int, clauses: int) -> str:
    lines = [f"# 示例区第{n}号突发事件处置规定", ""]
    for i in range(1, clauses + 1):
        lines += [f"第{i}条 发生第{n}类第{i}项突发事件时，{UNITS[(n + i) % 7]}应当在{(n + i) % 50 + 10}分钟内"
                  f"{ACTIONS[(n * 3 + i) % 7]}，并于{i % 5 + 1}小时内书面报告，编号SK{n:02d}{i:04d}。", ""]
    return "\n".join(lines)


def make_corpus(root: Path, small: int, large_clauses: int) -> tuple[Path, Path, Path, set[str]]:
    """The batch folder, a second small folder, the restricted report (with sidecar) and the good titles."""
    batch, extra, report_dir = root / "batch", root / "extra", root / "report"
    for folder in (batch, extra, report_dir):
        folder.mkdir(parents=True)
    titles = set()
    for n in range(1, small + 1):
        (batch / f"规定{n:02d}.md").write_text(regulation(n, 30), encoding="utf-8")
        titles.add(f"示例区第{n}号突发事件处置规定")
    (batch / "规定50大.md").write_text(regulation(50, large_clauses), encoding="utf-8")
    titles.add("示例区第50号突发事件处置规定")
    bad_batch(root / "hostile")  # the mixed bad batch of the final phase: six hostile files and a good one
    good_docx(root / "hostile" / "防汛值班.docx", "示例区防汛值班规定")
    titles.add("示例区防汛值班规定")
    (batch / "调查报告副本.md").write_text(REPORT, encoding="utf-8")  # same text, no sidecar: must stay restricted
    for n in (61, 62):
        (extra / f"补充{n}.md").write_text(regulation(n, 10), encoding="utf-8")
        titles.add(f"示例区第{n}号突发事件处置规定")
    (root / "large").mkdir()
    (root / "large" / "规定70大.md").write_text(regulation(70, large_clauses), encoding="utf-8")
    titles.add("示例区第70号突发事件处置规定")
    (report_dir / "调查报告.md").write_text(REPORT, encoding="utf-8")
    (report_dir / "调查报告.meta.toml").write_text('access_level = "restricted"\n', encoding="utf-8")
    titles.add("示例区化工厂爆炸事故调查报告")
    return batch, extra, report_dir, titles


@dataclass
class Log:
    samples: list[tuple[float, str, int, float]] = field(default_factory=list)  # time, endpoint, status, ms
    ingesting: list[tuple[float, float]] = field(default_factory=list)  # intervals with an ingest alive
    cli_runs: int = 0
    cli_failures: list[str] = field(default_factory=list)
    kills: int = 0
    crashes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class System:
    """One checkout's code run against one data folder: CLI commands and a uvicorn server."""

    def __init__(self, name: str, code: Path, home: Path) -> None:
        self.name, self.code, self.home = name, code, home
        self.env = {**os.environ, "PLANASSIST_HOME": str(home), "PYTHONPATH": str(code), "PYTHONUNBUFFERED": "1",
                    "PLANASSIST_RATE_LIMIT_PER_MINUTE": "0"}

    def cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "assistant.cli", *args]

    def popen(self, *args: str, log: Path | None = None) -> subprocess.Popen:
        out = log.open("ab") if log else subprocess.DEVNULL
        return subprocess.Popen(self.cli(*args), cwd=self.code, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def run(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        return subprocess.run(self.cli(*args), cwd=self.code, env=self.env, capture_output=True, timeout=timeout)

    def serve(self, log: Path) -> tuple[str, subprocess.Popen]:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with log.open("wb") as out:
            server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "assistant.web.api:create_app",
                                       "--port", str(port)], cwd=self.code, env=self.env, stdout=out,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    return url, server
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}: the API did not start; see {log}")


def clients(url: str, log: Log, stop: threading.Event, rng: random.Random) -> list[threading.Thread]:
    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            while not stop.is_set():
                kind = ("healthz", "search", "search", "documents")[n % 4]
                started = time.perf_counter()
                try:
                    if kind == "search":
                        status = http.post("/v1/search", json={"query": rng.choice(QUERIES), "k": 5}).status_code
                    else:
                        status = http.get("/healthz" if kind == "healthz" else "/v1/documents").status_code
                except httpx.HTTPError:
                    status = 0
                with log.lock:
                    log.samples.append((time.monotonic(), kind, status, (time.perf_counter() - started) * 1000))
                stop.wait(1.0)
                n += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    return threads


def cli_reader(system: System, log: Log, stop: threading.Event, rng: random.Random) -> None:
    """Another process opening the folder again and again: list, search; killed now and then."""
    while not stop.is_set():
        args = rng.choice([("documents", "--json"), ("search", rng.choice(QUERIES), "--json")])
        process = subprocess.Popen(system.cli(*args), cwd=system.code, env=system.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, start_new_session=True)
        killed = False
        if rng.random() < 0.2:
            time.sleep(rng.uniform(1, 6))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
        _, err = process.communicate(timeout=900)
        with log.lock:
            log.cli_runs += 1
            log.kills += killed
            if not killed and process.returncode != 0:
                log.cli_failures.append(err.decode(errors="replace").strip().splitlines()[-1:][0][:300]
                                        if err.strip() else f"exit {process.returncode}")
        stop.wait(rng.uniform(1, 3))


def indexing(db: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT 1 FROM documents WHERE status='indexing' LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False


def kill_round(system: System, batch: Path, extra: Path, log: Log, rng: random.Random, n: int, logs: Path,
               keep: str | None = None) -> bool:
    """One round; whether the writer was still running when its kill came."""
    started = time.monotonic()
    writer = system.popen("ingest", str(batch), log=logs / "ingest.log")
    second = system.popen("ingest", str(extra), log=logs / "ingest2.log") if n % 3 == 2 else None
    if n % 2:
        deadline = time.monotonic() + 60
        while not indexing(system.home / "planassist.sqlite") and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 2))
    else:
        time.sleep(rng.uniform(2, 10))
    killed_writer = writer.poll() is None
    for process in (writer, second):
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            with log.lock:
                log.kills += 1
        if process is not None:
            process.wait()
    log.ingesting.append((started, time.monotonic()))
    if n % 4 == 3:
        docs = system.run("documents", "--json")
        # never the restricted report: deleting it would make its public copy a new document, not a downgrade
        if docs.returncode == 0 and (ids := [d["doc_id"] for d in json.loads(docs.stdout or "[]") if d["doc_id"] != keep]):
            system.run("delete", rng.choice(ids))
    return killed_writer


def measure_folder(home: Path) -> dict:
    """Registry and Chroma read directly (no planassist code), before anything repairs the folder."""
    import chromadb
    from chromadb.config import Settings

    with sqlite3.connect(f"file:{home / 'planassist.sqlite'}?mode=ro", uri=True) as conn:
        docs = conn.execute("SELECT doc_id, title, status, access_level FROM documents").fetchall()
        searchable = {r[0] for r in conn.execute(
            "SELECT c.chunk_id FROM chunks c JOIN documents d USING (doc_id) WHERE d.status != 'indexing'")}
    try:
        client = chromadb.PersistentClient(path=str(home / "chroma"), settings=Settings(anonymized_telemetry=False))
        collection = client.get_collection(client.list_collections()[0].name)
        vectors = set(collection.get(include=[])["ids"])
        chroma_error = None
    except Exception as exc:
        vectors, chroma_error = set(), f"{type(exc).__name__}: {exc}"[:300]
    return {"documents": docs, "orphaned": len(vectors - searchable), "missing": len(searchable - vectors),
            "left_indexing": sum(d[2] == "indexing" for d in docs), "chroma_error": chroma_error}


def percentiles(values: list[float]) -> tuple[float, float]:
    if not values:
        return float("nan"), float("nan")
    values = sorted(values)
    return round(values[len(values) // 2], 1), round(values[min(len(values) - 1, int(len(values) * 0.95))], 1)


def soak(name: str, code: Path, kills: int, seed: int, small: int, large: int, idle_s: float) -> dict:
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix=f"soak-{name}-"))
    system = System(name, code, root / "home")
    batch, extra, report_dir, titles = make_corpus(root, small, large)
    logs = root
    setup = system.run("ingest", str(report_dir), "--json")
    report_id = json.loads(setup.stdout)[0]["doc_id"] if setup.returncode == 0 else None
    url, server = system.serve(root / "api.log")
    httpx.post(f"{url}/v1/search", json={"query": QUERIES[0], "k": 5}, timeout=300)  # warm-up: model, indexes
    log, stop = Log(), threading.Event()
    threads = clients(url, log, stop, rng)
    time.sleep(idle_s)
    idle_until = time.monotonic()
    reader_stop = threading.Event()
    reader = threading.Thread(target=cli_reader, args=(system, log, reader_stop, random.Random(seed + 1)),
                              daemon=True)
    reader.start()
    rounds = 0
    while log.kills < kills and rounds < 2 * kills:
        log.crashes += not kill_round(system, batch, extra, log, rng, rounds, logs, keep=report_id)
        rounds += 1
    final_started = time.monotonic()
    final = system.run("ingest", str(batch), "--json", timeout=1800)
    extra_final = system.run("ingest", str(extra), "--json", timeout=900)
    hostile_final = system.run("ingest", str(root / "hostile"), "--json", timeout=900)
    log.ingesting.append((final_started, time.monotonic()))
    reader_stop.set()
    reader.join(timeout=900)
    large_window = (time.monotonic(), 0.0)
    large_final = system.run("ingest", str(root / "large"), "--json", timeout=1800)  # alone: a large ingest
    large_window = (large_window[0], time.monotonic())
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    folder = measure_folder(system.home)
    try:
        results = json.loads(final.stdout) + json.loads(extra_final.stdout) + json.loads(large_final.stdout)
    except json.JSONDecodeError:
        results = []
    with contextlib.suppress(json.JSONDecodeError):  # else the batch aborted with a traceback
        results += json.loads(hostile_final.stdout)
    reopened = system.run("documents", "--json")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)

    searchable_titles = {d[1] for d in folder["documents"] if d[2] != "indexing"}
    reported = {Path(r["source_path"]).name for r in results}
    all_files = {p.name for folder in (batch, extra, root / "hostile", root / "large") for p in folder.iterdir()}
    hostile = {p.name for p in (root / "hostile").iterdir()} - {"防汛值班.docx"}
    good_results = [r for r in results if Path(r["source_path"]).name not in hostile]
    report_level = next((d[3] for d in folder["documents"] if d[0] == report_id), None)

    def during(t: float) -> bool:
        return any(a <= t <= b for a, b in log.ingesting)

    search_idle = [ms for t, k, s, ms in log.samples if k == "search" and s == 200 and t < idle_until]
    search_busy = [ms for t, k, s, ms in log.samples if k == "search" and s == 200 and t > idle_until and during(t)]
    search_large = [ms for t, k, s, ms in log.samples
                    if k == "search" and s == 200 and large_window[0] <= t <= large_window[1]]
    return {
        "system": name, "kills": log.kills, "rounds": rounds, "cli_runs": log.cli_runs,
        "documents_lost": len(titles - searchable_titles),
        "lost_titles": sorted(titles - searchable_titles),
        "vectors_orphaned": folder["orphaned"], "vectors_missing": folder["missing"],
        "left_indexing": folder["left_indexing"], "chroma_error": folder["chroma_error"],
        "folder_unopenable": len([f for f in log.cli_failures if "Error" in f]) + (reopened.returncode != 0),
        "final_open_ok": reopened.returncode == 0,
        "healthz_failures": sum(1 for _, k, s, _ in log.samples if k == "healthz" and s != 200),
        "api_errors": sum(1 for _, _, s, _ in log.samples if s != 200),
        "api_requests": len(log.samples),
        "cli_failures": log.cli_failures[:10], "cli_failure_count": len(log.cli_failures),
        "final_ingest_exit": hostile_final.returncode, "kill_rounds_without_kill": log.crashes, "files_without_result": sorted(all_files - reported),
        "good_files_failed": sorted(Path(r["source_path"]).name for r in good_results if not r.get("ok", False)),
        "silent_downgrades": int(report_level not in ("restricted", None)), "report_access_level": report_level,
        "search_idle_ms": percentiles(search_idle), "search_during_ingest_ms": percentiles(search_busy),
        "search_during_large_ingest_ms": percentiles(search_large),
        "search_samples": [len(search_idle), len(search_busy), len(search_large)], "folder": str(root),
    }


ROWS = [
    ("kills (SIGKILL)", "kills", "≥ 20"),
    ("kill rounds whose ingest had already ended", "kill_rounds_without_kill", ""),
    ("documents lost", "documents_lost", "0"),
    ("vectors orphaned", "vectors_orphaned", "0"),
    ("vectors missing", "vectors_missing", "0"),
    ("documents left `indexing`", "left_indexing", "0"),
    ("folder unopenable (CLI runs failing, final open)", "folder_unopenable", "0"),
    ("`/healthz` not 200", "healthz_failures", "0"),
    ("API errors / requests", None, "0"),
    ("CLI failures / runs", None, "0"),
    ("files of the final batch without a result", None, "0"),
    ("good files failed in the final batch", None, "0"),
    ("silent downgrades", "silent_downgrades", "0"),
    ("search p50 / p95 ms idle", "search_idle_ms", ""),
    ("search p50 / p95 ms while killed ingests and the CLI run", "search_during_ingest_ms", ""),
    ("search p50 / p95 ms during a large ingest (alone)", "search_during_large_ingest_ms", "p95 ≤ 3 × idle"),
]


def cell(run: dict, key: str | None, label: str) -> str:
    if key is None:
        if label.startswith("API"):
            return f"{run['api_errors']} / {run['api_requests']}"
        if label.startswith("CLI"):
            return f"{run['cli_failure_count']} / {run['cli_runs']}"
        if "without" in label:
            return str(len(run["files_without_result"])) if run["final_ingest_exit"] in (0, 1) else "batch aborted"
        return str(len(run["good_files_failed"]))
    value = run[key]
    return f"{value[0]} / {value[1]}" if isinstance(value, list | tuple) else str(value)


def write_report(runs: list[dict], args: argparse.Namespace) -> str:
    header = "| metric | " + " | ".join(r["system"] for r in runs) + " | target |"
    lines = ["# Soak: one data folder, a killed ingest, a CLI and an API with 20 clients", "",
             f"`python evals/soak.py --kills {args.kills} --seed {args.seed}"
             + (f" --baseline {args.baseline}`" if args.baseline else "`")
             + f" — {args.small} small regulations, one of {args.large} clauses, 6 hostile files, a restricted report "
             "re-ingested without its sidecar; 2 cores shared with other work, so latencies are noisy.", "",
             header, "|---" * (len(runs) + 2) + "|"]
    for label, key, target in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(r, key, label) for r in runs) + f" | {target} |")
    for run in runs:
        idle, busy = run["search_idle_ms"], run["search_during_large_ingest_ms"]
        ratio = busy[1] / idle[1] if idle[1] and idle[1] == idle[1] and busy[1] == busy[1] else float("nan")
        samples = run["search_samples"]
        lines += ["", f"**{run['system']}**: search p95 during a large ingest / idle = {ratio:.2f} "
                  f"({samples[0]} idle, {samples[1]} kill-phase and {samples[2]} large-ingest samples); "
                  f"lost: {', '.join(run['lost_titles']) or 'none'}; Chroma read error: {run['chroma_error'] or 'none'}; "
                  f"CLI failures: {'; '.join(run['cli_failures'][:3]) or 'none'}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="another checkout (e.g. main) run the same way first")
    parser.add_argument("--small", type=int, default=8)
    parser.add_argument("--large", type=int, default=1500)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle traffic before the first ingest")
    parser.add_argument("--smoke", action="store_true", help="3 kills, a small corpus, no report written")
    parser.add_argument("--out", type=Path, default=RESULTS / "soak.md")
    args = parser.parse_args()
    if args.smoke:
        args.kills, args.small, args.large, args.idle = 3, 3, 200, 5.0
    systems = ([("baseline", args.baseline.resolve())] if args.baseline else []) + [("planassist", REPO)]
    runs = []
    for name, code in systems:
        print(f"== {name} ({code})", flush=True)
        runs.append(soak(name, code, args.kills, args.seed, args.small, args.large, args.idle))
        print(json.dumps(runs[-1], ensure_ascii=False, indent=1), flush=True)
    report = write_report(runs, args)
    print(report)
    if not args.smoke:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
