"""The Host and Origin rules of `assistant/web/guards.py`, case by case (the attacks themselves run over HTTP in
test_open_mode.py)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.web.guards import host_allowed, origin_allowed, split_host

SERVER = ("127.0.0.1", 8000)


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("LOCALHOST:8000", True),
    ("127.0.0.1:8001", False), ("localhost", False), ("attacker.example:8000", False),
    ("127.0.0.1.attacker.example:8000", False), ("localhost.attacker.example:8000", False),
    ("plans.example:8000", True), ("desk.example", True), ("desk.example:9999", True),
])
def test_a_host_must_name_this_server(host, allowed):
    settings = Settings(allowed_hosts="plans.example:8000, desk.example")
    assert host_allowed(split_host(host), SERVER, settings) is allowed


def test_the_allow_list_reads_a_comma_separated_variable(monkeypatch):
    monkeypatch.setenv("PLANASSIST_ALLOWED_HOSTS", "Plans.Example:8000, desk.example")
    assert Settings().allowed_hosts == ["plans.example:8000", "desk.example"]


@pytest.mark.parametrize("origin, allowed", [
    ("http://127.0.0.1:8000", True), ("http://127.0.0.1:8000/docs", True), ("http://localhost:8000", False),
    ("http://127.0.0.1:8501", False), ("https://attacker.example", False), ("null", False), ("", False),
    ("file:///tmp/x.html", False), ("http://desk.example", True),
])
def test_a_state_changing_request_must_come_from_this_origin(origin, allowed):
    settings = Settings(allowed_hosts="desk.example")
    assert origin_allowed(origin, "127.0.0.1:8000", settings) is allowed
