"""API load benchmark: many concurrent clients against a real uvicorn over the sample corpus.

    python evals/bench_api.py [--seconds 120] [--clients 50] [--profile out.svg]

Ingests `plans_corpus/` into a temporary data folder, creates an API key, starts `uvicorn --factory
assistant.web.api:create_app` on a free loopback port (extractive composer, rate limit off) and runs `--clients`
httpx.AsyncClient clients for `--seconds`: 70 % `POST /v1/search`, 30 % `POST /v1/ask` (tasks lookup, chat,
checklist), questions from evals/datasets/plans_dev.jsonl. Prints throughput, errors, p50/p95/p99 per endpoint
and the server's resident memory (VmRSS, sampled every second). The run is bounded: clients stop at the
deadline, stragglers are cancelled after their request timeout, and the server is stopped by its PID.
`--profile FILE` runs the server under `py-spy record` (py-spy on PATH or `--py-spy`): a flame graph (.svg)
or collapsed stacks (.txt).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

from evals.metrics import percentile

REPO = Path(__file__).resolve().parents[1]
SEARCH_SHARE = 0.7
ASK_TASKS = ["lookup", "chat", "checklist"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of `pid` and its children (py-spy wraps the server), from /proc."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return round(total / 1024, 1) if total else None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and its children so far, from /proc."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    kids = [int(c) for c in found]
    return kids + [g for k in kids for g in _children(k)]


def prepare_home(home: Path) -> str:
    """Ingest the sample corpus and return an admin API key."""
    from assistant.service import Assistant
    from assistant.web.auth import KeyStore

    assistant = Assistant(home=home)
    results = assistant.ingest([REPO / "plans_corpus"])
    failed = [r.source_path for r in results if not r.ok]
    print(f"ingested {sum(r.ok for r in results)} documents ({sum(r.chunks for r in results)} chunks)"
          + (f"; failed: {failed}" if failed else ""), flush=True)
    return KeyStore(assistant.index.db).add(f"bench-{os.getpid()}", "admin")


def start_server(home: Path, port: int, log_path: Path, profile: Path | None, py_spy: str) -> subprocess.Popen:
    env = {**os.environ, "PLANASSIST_HOME": str(home), "PLANASSIST_LLM": "extractive",
           "PLANASSIST_RATE_LIMIT_PER_MINUTE": "0", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.api:create_app", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]
    if profile is not None:
        kind = "raw" if profile.suffix == ".txt" else "flamegraph"  # raw: collapsed stacks, one per line
        command = [py_spy, "record", "--rate", "50", "--subprocesses", "--format", kind, "-o", str(profile), "--",
                   *command]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become healthy")


def warm_up(url: str, key: str, questions: list[str]) -> None:
    """One request of each kind first, so that one-time loading (jieba, BM25, plans) is not timed."""
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        client.post("/v1/search", json={"query": questions[0], "k": 5}).raise_for_status()
        for task in ASK_TASKS:
            client.post("/v1/ask", json={"question": questions[0], "task": task}).raise_for_status()


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGINT)  # py-spy writes its profile on SIGINT; uvicorn shuts down cleanly
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


async def client_loop(url: str, key: str, questions: list[str], deadline: float, rng: random.Random,
                      samples: dict[str, list[float]], errors: dict[str, int], timeout: float) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout) as client:
        while time.monotonic() < deadline:
            question = rng.choice(questions)
            if rng.random() < SEARCH_SHARE:
                label, path, body = "search", "/v1/search", {"query": question[:500], "k": 5}
            else:
                task = rng.choice(ASK_TASKS)
                label, path, body = f"ask:{task}", "/v1/ask", {"question": question, "task": task}
            started = time.perf_counter()
            try:
                response = await client.post(path, json=body)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            if ok:
                samples[label].append(elapsed)
            else:
                errors[label] += 1


async def sample_rss(pid: int, stop: asyncio.Event, series: list[float]) -> None:
    while not stop.is_set():
        if (value := rss_mb(pid)) is not None:
            series.append(value)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def run_load(url: str, key: str, pid: int, questions: list[str], seconds: float, clients: int,
                   timeout: float, seed: int) -> dict:
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    rss: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, stop, rss))
    started, cpu_before = time.monotonic(), cpu_seconds(pid)
    deadline = started + seconds
    tasks = [asyncio.create_task(client_loop(url, key, questions, deadline, random.Random(seed + i), samples,
                                             errors, timeout)) for i in range(clients)]
    _, pending = await asyncio.wait(tasks, timeout=seconds + timeout + 5)
    for task in pending:  # bounded: a client stuck past its request timeout is cancelled
        task.cancel()
    elapsed = time.monotonic() - started
    stop.set()
    await sampler
    result = report(samples, errors, elapsed, rss, clients)
    cpu = cpu_seconds(pid) - cpu_before
    result["server_cpu"] = {"seconds": round(cpu, 1), "utilisation": round(cpu / elapsed, 2),
                            "ms_per_request": round(1000 * cpu / max(result["requests"], 1), 1),
                            "load_average": os.getloadavg()[0]}
    return result


def report(samples: dict[str, list[float]], errors: dict[str, int], elapsed: float, rss: list[float],
           clients: int) -> dict:
    asks = [v for label, values in samples.items() if label.startswith("ask:") for v in values]
    groups = {**dict(sorted(samples.items())), "ask (all)": asks}
    rows = {label: {"n": len(values), "rps": round(len(values) / elapsed, 2),
                    "p50_ms": round(percentile(values, 50), 1), "p95_ms": round(percentile(values, 95), 1),
                    "p99_ms": round(percentile(values, 99), 1)} for label, values in groups.items() if values}
    total = sum(len(v) for v in samples.values())
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": total,
            "throughput_rps": round(total / elapsed, 2), "errors": sum(errors.values()), "errors_by": dict(errors),
            "endpoints": rows, "server_rss_mb": {"start": rss[0] if rss else None, "peak": max(rss, default=None),
                                                 "end": rss[-1] if rss else None}}


def print_report(result: dict) -> None:
    print(f"\n{result['clients']} clients × {result['seconds']} s: {result['requests']} requests, "
          f"{result['throughput_rps']} req/s, {result['errors']} errors {result['errors_by'] or ''}")
    print(f"{'endpoint':<16}{'n':>7}{'req/s':>9}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for label, row in result["endpoints"].items():
        print(f"{label:<16}{row['n']:>7}{row['rps']:>9}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['p99_ms']:>10}")
    rss, cpu = result["server_rss_mb"], result["server_cpu"]
    print(f"server RSS MB: start {rss['start']}, peak {rss['peak']}, end {rss['end']}")
    print(f"server CPU: {cpu['seconds']} s = {cpu['utilisation']} cores, {cpu['ms_per_request']} ms per request "
          f"(machine load average {cpu['load_average']:.1f} on {os.cpu_count()} CPUs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout, seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=Path, help="write a py-spy profile of the server here (.svg flame graph, .txt stacks)")
    parser.add_argument("--py-spy", default="py-spy", help="path of the py-spy executable")
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--home", type=Path, help="data folder to use and keep (its audit log has server-side "
                                                  "latencies); default: a temporary one")
    args = parser.parse_args()
    if args.seconds <= 0 or args.clients < 1:
        parser.error("--seconds must be > 0 and --clients ≥ 1")
    rows = [json.loads(line) for line in (REPO / "evals/datasets/plans_dev.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    questions = [row["question"] for row in rows if row.get("question")]
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        home = args.home or Path(tmp) / "home"
        key = prepare_home(home)
        port, log_path = free_port(), Path(tmp) / "server.log"
        url = f"http://127.0.0.1:{port}"
        process = start_server(home, port, log_path, args.profile, args.py_spy)
        try:
            wait_healthy(url, process, log_path)
            warm_up(url, key, questions)
            print(f"server pid {process.pid} on {url}; {args.clients} clients for {args.seconds:g} s …", flush=True)
            result = asyncio.run(run_load(url, key, process.pid, questions, args.seconds, args.clients,
                                          args.timeout, args.seed))
        finally:
            stop_server(process)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
