"""Start and stop the real servers tests run against — uvicorn (the API), Streamlit (the console), a Chroma
server — each in its own process group on a free loopback port, waited for by its health URL, stopped by PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], health_url: str, log: Path, env: dict[str, str], timeout: float = 180) -> subprocess.Popen:
    """Start `command` in its own process group and wait until `health_url` answers 200."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"{' '.join(command[:3])} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(health_url, timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            stop(process)
            pytest.fail(f"{health_url} did not answer:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """Terminate the process group this fixture started (by its PID), then kill it if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def serve_api(home: Path, log: Path, env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PLANASSIST_HOME": str(home), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.api:create_app", "--host", "127.0.0.1",
               "--port", str(port)]
    return url, start(command, f"{url}/healthz", log, env)


def serve_console(api_url: str, log: Path) -> tuple[str, subprocess.Popen]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer", "--", "--api", api_url]
    return url, start(command, f"{url}/_stcore/health", log, {**os.environ})
