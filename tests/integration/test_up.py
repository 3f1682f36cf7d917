"""`planassist up` as an operator runs it: real API and console processes, stopped by SIGTERM or Ctrl-C (SIGINT)
with nothing left holding their ports, and a clear message — before anything starts — when a port is taken."""

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
from servers import free_port

from assistant.processes import port_in_use

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def start_up(home: Path, port: int, ui_port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "assistant.cli", "up", "--home", str(home), "--port", str(port),
               "--ui-port", str(ui_port)]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_until_serving(process: subprocess.Popen, urls: list[str], log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending:
        assert process.poll() is None, log.read_text(errors="replace")
        assert time.monotonic() < deadline, f"{pending} never answered:\n{log.read_text(errors='replace')}"
        try:
            if httpx.get(pending[0], timeout=2).status_code == 200:
                pending.pop(0)
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.3)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_up_stops_the_api_and_the_console_when_told_to_stop(tmp_path, signum):
    port, ui_port = free_port(), free_port()
    log = tmp_path / "up.log"
    up = start_up(tmp_path / "home", port, ui_port, log)
    try:
        wait_until_serving(up, [f"http://127.0.0.1:{port}/healthz", f"http://127.0.0.1:{ui_port}/_stcore/health"],
                           log)
        up.send_signal(signum)
        assert up.wait(timeout=60) == 0, log.read_text(errors="replace")
    finally:
        if up.poll() is None:
            os.killpg(up.pid, signal.SIGKILL)
    assert "stopped" in log.read_text(errors="replace")
    assert not port_in_use("127.0.0.1", port) and not port_in_use("127.0.0.1", ui_port)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)


@pytest.mark.parametrize("which", ["--port", "--ui-port"])
def test_a_taken_port_is_named_before_anything_starts(tmp_path, which):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        other = free_port()
        ports = {"--port": taken, "--ui-port": other} if which == "--port" else {"--port": other, "--ui-port": taken}
        run = subprocess.run(
            [sys.executable, "-m", "assistant.cli", "up", "--home", str(tmp_path / "home"), "--seed",
             str(REPO / "plans_corpus"), *(str(x) for kv in ports.items() for x in kv)],
            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"port already in use: {'API' if which == '--port' else 'console'} 127.0.0.1:{taken}" in run.stderr
    assert "Console:" not in run.stdout and "ingesting" not in run.stdout  # nothing started, nothing seeded
    assert not port_in_use("127.0.0.1", other)
