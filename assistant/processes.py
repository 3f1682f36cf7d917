"""Child processes of `planassist up`: ports checked before anything starts, each child in its own process
group, and all of them stopped — terminated, waited for, then killed — when `up` is told to stop.

A child in its own group does not see the terminal's Ctrl-C, so `up` forwards SIGINT, SIGTERM and SIGHUP to
every group it started; nothing is left holding a port for the next start.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 10.0


@dataclass
class Child:
    """A named child process started in its own session (its PID is its process group)."""

    name: str
    process: subprocess.Popen

    @classmethod
    def start(cls, name: str, command: Sequence[str], env: dict[str, str]) -> Child:
        return cls(name, subprocess.Popen(list(command), env=env, start_new_session=True))

    def running(self) -> bool:
        return self.process.poll() is None

    def signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port (a port only in TIME_WAIT counts as free, as for uvicorn)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def taken_ports(addresses: Sequence[tuple[str, str, int]]) -> list[str]:
    """Bilingual lines naming each (what, host, port) already in use."""
    return [f"端口已被占用 / port already in use: {what} {host}:{port}"
            for what, host, port in addresses if port_in_use(host, port)]


def stop_all(children: Sequence[Child], grace: float = GRACE_SECONDS) -> None:
    """SIGTERM every child's group, wait up to `grace` seconds for each, then SIGKILL what is left."""
    for child in children:
        if child.running():
            child.signal(signal.SIGTERM)
    for child in children:
        try:
            child.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            child.signal(signal.SIGKILL)
            child.process.wait()
        child.signal(signal.SIGKILL)  # anything the child itself left behind in its group


def supervise(children: Sequence[Child], poll_seconds: float = 0.5) -> Child | None:
    """Block until a stop signal arrives or a child exits; then stop them all. Returns the child that exited by
    itself (None when `up` was told to stop)."""
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in STOP_SIGNALS}
    try:
        while not stop.is_set():
            if exited := next((c for c in children if not c.running()), None):
                return exited
            stop.wait(poll_seconds)
        return None
    finally:
        stop_all(children)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
