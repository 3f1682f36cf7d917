"""API keys, roles and the open loopback mode (`assistant/web/auth.py`), the `planassist users` CLI, rate limits."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.cli import app as cli_app
from assistant.service import Assistant
from assistant.web.api import create_app
from assistant.web.auth import KeyStore, RateLimiter, Role, access_levels, database_path
from assistant.web.guards import OpenBindError
from retrieval.models import AccessLevel
from retrieval.store.db import Database

LOCAL = ("127.0.0.1", 50123)


@pytest.fixture
def assistant(tmp_path) -> Assistant:
    return Assistant(home=tmp_path / "home")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and " / " in error["message"], error
    return error


# -- the key store ----------------------------------------------------------------------------------
def test_keys_are_random_shown_once_and_stored_salted_and_hashed(tmp_path):
    keys = KeyStore(Database(tmp_path / "planassist.sqlite"))
    first, second = keys.add("alice", "trainer"), keys.add("bob", Role.TRAINER)
    assert first != second and first.startswith("pa_") and len(first) > 50
    rows = keys.db.conn.execute("SELECT * FROM api_users").fetchall()
    stored = " ".join(str(value) for row in rows for value in tuple(row))
    assert first.split("_", 2)[2] not in stored and second.split("_", 2)[2] not in stored
    assert len({row["salt"] for row in rows}) == 2
    user = keys.authenticate(first)
    assert user is not None and (user.name, user.role) == ("alice", Role.TRAINER)


def test_wrong_malformed_and_revoked_keys_are_refused(tmp_path):
    keys = KeyStore(Database(tmp_path / "planassist.sqlite"))
    key = keys.add("alice", "staff")
    key_id = key.split("_")[1]
    for wrong in ("", "pa_", key[:-1] + ("A" if key[-1] != "A" else "B"), f"pa_{key_id}_" + "x" * 43,
                  key.upper(), "Bearer " + key, key + " "):
        assert keys.authenticate(wrong) is None, wrong
    assert keys.revoke("alice") and not keys.revoke("alice") and not keys.revoke("nobody")
    assert keys.authenticate(key) is None and keys.configured()
    new_key = keys.add("alice", "admin")  # a revoked user may be given a new key
    assert keys.authenticate(new_key).role == Role.ADMIN and keys.authenticate(key) is None


def test_names_are_checked_and_an_active_user_is_not_silently_rekeyed(tmp_path):
    keys = KeyStore(Database(tmp_path / "planassist.sqlite"))
    keys.add("张三", "duty_officer")
    with pytest.raises(ValueError, match="already has an active key"):
        keys.add("张三", "admin")
    for bad in ("", "has space", "x" * 65, "semi;colon"):
        with pytest.raises(ValueError, match="invalid user name"):
            keys.add(bad, "staff")
    with pytest.raises(ValueError):
        keys.add("carol", "root")


def test_roles_map_to_access_levels_by_configuration(assistant):
    role_access = assistant.settings.role_access
    assert access_levels("admin", role_access) == list(AccessLevel)
    assert access_levels("duty_officer", role_access) == list(AccessLevel)
    assert access_levels("trainer", role_access) == [AccessLevel.PUBLIC, AccessLevel.INTERNAL]
    assert access_levels("staff", role_access) == [AccessLevel.PUBLIC]
    assert access_levels("staff", {"staff": []}) == []


def test_the_token_bucket_refills_continuously():
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("a") == pytest.approx(20.0)
    assert limiter.acquire("b") == 0.0  # each caller has their own bucket
    now[0] = 20.0
    assert limiter.acquire("a") == 0.0 and limiter.acquire("a") > 0
    assert RateLimiter(0).acquire("a") == 0.0  # 0 = unlimited


# -- HTTP -------------------------------------------------------------------------------------------
def test_with_keys_every_v1_call_needs_a_valid_key(assistant):
    keys = KeyStore(assistant.index.db)
    key = keys.add("alice", "staff")
    with TestClient(create_app(assistant), base_url="http://127.0.0.1", client=LOCAL) as client:
        assert client.get("/healthz").status_code == 200  # health stays open for load balancers
        error = assert_error(client.get("/v1/documents"), 401, "unauthorized")
        assert "Bearer" in error["message"]
        assert client.get("/v1/documents").headers["www-authenticate"] == "Bearer"
        assert_error(client.get("/v1/documents", headers={"Authorization": f"Basic {key}"}), 401, "unauthorized")
        assert_error(client.get("/v1/documents", headers={"Authorization": "Bearer"}), 401, "unauthorized")
        assert_error(client.get("/v1/documents", headers=bearer(key + "x")), 401, "unauthorized")
        assert_error(client.post("/v1/search", json={"query": "防汛"}), 401, "unauthorized")
        assert client.get("/v1/documents", headers=bearer(key)).status_code == 200
        keys.revoke("alice")  # as `planassist users revoke` does from another process
        assert_error(client.get("/v1/documents", headers=bearer(key)), 401, "unauthorized")
        # revoking the last key locks the API: it does not fall back to the open loopback mode
        assert_error(client.get("/v1/documents"), 401, "unauthorized")


def test_admin_only_endpoints_answer_403_to_other_roles(assistant):
    keys = KeyStore(assistant.index.db)
    with TestClient(create_app(assistant)) as client:
        for role in ("duty_officer", "trainer", "staff"):
            headers = bearer(keys.add(f"u-{role}", role))
            assert_error(client.get("/v1/audit", headers=headers), 403, "forbidden")
            assert_error(client.delete("/v1/documents/abc", headers=headers), 403, "forbidden")
        admin = bearer(keys.add("root", "admin"))
        assert client.get("/v1/audit", headers=admin).status_code == 200
        assert_error(client.delete("/v1/documents/abc", headers=admin), 404, "not_found")


def test_without_keys_the_api_is_open_to_loopback_clients_only(assistant, caplog):
    with caplog.at_level(logging.WARNING, logger="assistant.web.api"):
        app = create_app(assistant)
    assert "WITHOUT AUTHENTICATION" in caplog.text and "planassist users add" in caplog.text
    with TestClient(app, base_url="http://127.0.0.1", client=LOCAL) as local:
        assert local.get("/v1/documents").status_code == 200
        assert local.get("/v1/audit").status_code == 200  # the open-mode caller is an admin
        assert local.get("/v1/documents", headers=bearer("anything")).status_code == 200  # OpenAI clients send one
        forwarded = local.get("/v1/documents", headers={"X-Forwarded-For": "203.0.113.9"})
        assert_error(forwarded, 401, "unauthorized")
    with TestClient(app, base_url="http://192.0.2.10", client=("192.0.2.77", 40000)) as remote:
        error = assert_error(remote.get("/v1/documents"), 401, "unauthorized")
        assert "loopback" in error["message"] and "planassist users add" in error["message"]
        assert remote.get("/healthz").status_code == 200
    with TestClient(app, base_url="http://192.0.2.10", client=LOCAL) as wrong_interface:
        assert_error(wrong_interface.get("/v1/documents"), 401, "unauthorized")


def test_an_open_api_refuses_a_non_loopback_host_unless_overridden(tmp_path, caplog):
    with pytest.raises(OpenBindError, match="PLANASSIST_ALLOW_OPEN_REMOTE"):
        create_app(Assistant(home=tmp_path, api_host="0.0.0.0"))
    assistant = Assistant(home=tmp_path, api_host="0.0.0.0", allow_open_remote=True)
    with caplog.at_level(logging.WARNING, logger="assistant.web.api"):
        create_app(assistant)
    assert "0.0.0.0 is not loopback" in caplog.text


def test_no_warning_once_keys_exist(assistant, caplog):
    KeyStore(assistant.index.db).add("alice", "admin")
    with caplog.at_level(logging.WARNING, logger="assistant.web.api"):
        create_app(assistant)
    assert "WITHOUT AUTHENTICATION" not in caplog.text


def test_rate_limit_per_key_is_a_429_with_retry_after(tmp_path):
    assistant = Assistant(home=tmp_path, rate_limit_per_minute=3)
    keys = KeyStore(assistant.index.db)
    alice, bob = bearer(keys.add("alice", "staff")), bearer(keys.add("bob", "staff"))
    with TestClient(create_app(assistant)) as client:
        assert [client.get("/v1/documents", headers=alice).status_code for _ in range(3)] == [200] * 3
        response = client.get("/v1/documents", headers=alice)
        error = assert_error(response, 429, "too_many_requests")
        assert "3 requests per minute" in error["message"] and "请求过于频繁" in error["message"]
        assert int(response.headers["retry-after"]) >= 1
        assert client.get("/v1/documents", headers=bob).status_code == 200
        assert client.get("/healthz").status_code == 200  # health is not rate limited


def test_guessing_keys_is_rate_limited_too(tmp_path):
    assistant = Assistant(home=tmp_path, rate_limit_per_minute=2)
    KeyStore(assistant.index.db).add("alice", "staff")
    with TestClient(create_app(assistant)) as client:
        statuses = [client.get("/v1/documents", headers=bearer(f"pa_{i:012x}_{'x' * 43}")).status_code
                    for i in range(4)]
    assert statuses[:2] == [401, 401] and statuses[-1] == 429


# -- CLI --------------------------------------------------------------------------------------------
def test_users_cli_adds_lists_and_revokes(tmp_path):
    runner, home = CliRunner(), str(tmp_path)
    added = runner.invoke(cli_app, ["users", "add", "duty1", "--role", "duty_officer", "--home", home])
    assert added.exit_code == 0, added.output
    key = added.stdout.strip().splitlines()[-1]
    assert key.startswith("pa_")
    keys = KeyStore(Database(database_path(tmp_path)))
    assert keys.authenticate(key).role == Role.DUTY_OFFICER
    listed = runner.invoke(cli_app, ["users", "list", "--home", home])
    assert "duty1" in listed.stdout and "duty_officer" in listed.stdout and "active" in listed.stdout
    assert key.split("_", 2)[2] not in listed.stdout
    assert runner.invoke(cli_app, ["users", "add", "duty1", "--home", home]).exit_code == 1
    assert runner.invoke(cli_app, ["users", "add", "x", "--role", "root", "--home", home]).exit_code != 0
    assert runner.invoke(cli_app, ["users", "revoke", "duty1", "--home", home]).exit_code == 0
    assert keys.authenticate(key) is None
    assert "revoked" in runner.invoke(cli_app, ["users", "list", "--home", home]).stdout
    assert runner.invoke(cli_app, ["users", "revoke", "duty1", "--home", home]).exit_code == 1


def test_the_open_mode_is_not_rate_limited(tmp_path):
    """Rate limits are per key; the open mode has none (and only local callers)."""
    assistant = Assistant(home=tmp_path, rate_limit_per_minute=1)
    with TestClient(create_app(assistant), base_url="http://127.0.0.1", client=LOCAL) as client:
        assert [client.get("/v1/documents").status_code for _ in range(3)] == [200] * 3
