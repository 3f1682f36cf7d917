"""Who is calling: API keys, users and roles, the access levels a role may read, and per-key rate limits.

Keys are random (`secrets`), shown once, and stored only as a salted SHA-256 in the data folder's SQLite file
(component "auth"): `pa_<key id>_<secret>`, the public key id finds the row, the secret is checked in constant
time. Roles map to readable access levels by configuration (`Settings.role_access`). Until a first key is
created the API runs open — every caller is the admin "anonymous" — but only for loopback clients reached directly
(no proxy headers); anyone else gets a 401 that says how to create a key.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from assistant.web.audit import note
from assistant.web.routes.errors import ApiError
from retrieval.models import AccessLevel
from retrieval.store.db import Database

KEY_PREFIX = "pa"
MIGRATIONS = [
    """
    CREATE TABLE api_users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, key_id TEXT NOT NULL UNIQUE, salt TEXT NOT NULL,
        key_hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT
    )
    """,
]
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_KEY = re.compile(rf"^{KEY_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{20,100}})$")


class Role(StrEnum):
    ADMIN = "admin"
    DUTY_OFFICER = "duty_officer"
    TRAINER = "trainer"
    STAFF = "staff"


class Principal(BaseModel):
    """The caller of one request: who, in which role, and which document access levels they may read."""

    user: str
    role: Role
    access_levels: list[AccessLevel]


class ApiUser(BaseModel):
    name: str
    role: Role
    key_id: str
    created_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def database_path(home: Path) -> Path:
    """The data folder's SQLite file (the same one `retrieval.index.Index` opens)."""
    return Path(home) / "planassist.sqlite"


def access_levels(role: Role | str, role_access: dict[str, list[str]]) -> list[AccessLevel]:
    """The access levels `role` may read under `role_access` (Settings.role_access); unknown roles read none."""
    return [AccessLevel(level) for level in role_access.get(Role(role).value, [])]


def check_role_access(role_access: dict[str, list[str]]) -> None:
    """Fail at start-up, with a clear message, on a role or access level that does not exist."""
    for role, levels in role_access.items():
        if role not in Role._value2member_map_:
            raise ValueError(f"role_access: unknown role {role!r}; roles are {', '.join(r.value for r in Role)}")
        for level in levels:
            if level not in AccessLevel._value2member_map_:
                known = ", ".join(a.value for a in AccessLevel)
                raise ValueError(f"role_access[{role}]: unknown access level {level!r}; levels are {known}")


class KeyStore:
    """API users and their hashed keys in SQLite; the CLI writes, the API reads (so revocation is immediate)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("auth", MIGRATIONS)

    def add(self, name: str, role: Role | str) -> str:
        """Create (or re-key a revoked) user; returns the key, which is stored only as a salted hash."""
        if not _NAME.match(name):
            raise ValueError(f"invalid user name {name!r}: 1–64 letters, digits, . _ @ -")
        role = Role(role)
        key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction() as conn:
            row = conn.execute("SELECT revoked_at FROM api_users WHERE name=?", (name,)).fetchone()
            if row is not None and row[0] is None:
                raise ValueError(f"user {name!r} already has an active key; revoke it first")
            conn.execute("DELETE FROM api_users WHERE name=?", (name,))
            conn.execute(
                "INSERT INTO api_users (name, role, key_id, salt, key_hash, created_at) VALUES (?,?,?,?,?,?)",
                (name, role.value, key_id, salt, _hash(salt, secret), now),
            )
        return f"{KEY_PREFIX}_{key_id}_{secret}"

    def users(self) -> list[ApiUser]:
        rows = self.db.conn.execute("SELECT name, role, key_id, created_at, revoked_at FROM api_users ORDER BY name")
        return [ApiUser(**dict(row)) for row in rows]

    def revoke(self, name: str) -> bool:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        cursor = self.db.conn.execute(
            "UPDATE api_users SET revoked_at=? WHERE name=? AND revoked_at IS NULL", (now, name))
        return cursor.rowcount > 0

    def has_active_keys(self) -> bool:
        return self.db.conn.execute("SELECT 1 FROM api_users WHERE revoked_at IS NULL LIMIT 1").fetchone() is not None

    def configured(self) -> bool:
        """Whether any key was ever created: revoking the last key locks the API, it does not reopen it."""
        return self.db.conn.execute("SELECT 1 FROM api_users LIMIT 1").fetchone() is not None

    def authenticate(self, key: str) -> ApiUser | None:
        """The active user holding `key`, or None."""
        match = _KEY.match(key)
        if match is None:
            return None
        key_id, secret = match.groups()
        row = self.db.conn.execute(
            "SELECT name, role, key_id, created_at, revoked_at, salt, key_hash FROM api_users WHERE key_id=?",
            (key_id,),
        ).fetchone()
        if row is None or row["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(_hash(row["salt"], secret), row["key_hash"]):
            return None
        return ApiUser(name=row["name"], role=row["role"], key_id=row["key_id"], created_at=row["created_at"])


    def describe(self, key: str) -> str:
        """Who a refused key names, for the audit log (never the key): the user of a genuine but revoked key, the
        public key id of any other well-formed key, else "anonymous"."""
        match = _KEY.match(key)
        if match is None:
            return _ANONYMOUS
        key_id, secret = match.groups()
        row = self.db.conn.execute(
            "SELECT name, salt, key_hash, revoked_at FROM api_users WHERE key_id=?", (key_id,)).fetchone()
        if row is not None and hmac.compare_digest(_hash(row["salt"], secret), row["key_hash"]):
            return f"{row['name']} (revoked)" if row["revoked_at"] else row["name"]
        return f"{KEY_PREFIX}_{key_id}"


def _hash(salt: str, secret: str) -> str:
    # Keys are 256-bit random secrets, so a salted SHA-256 is enough (no password stretching needed) and keeps
    # authentication cheap on every request.
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()


class RateLimiter:
    """A token bucket per caller: `per_minute` requests, refilled continuously; 0 disables the limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, caller: str) -> float:
        """0 when the request may proceed, else the seconds until a token is available."""
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(caller, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[caller] = (tokens, now)
                return (1.0 - tokens) / rate
            self._buckets[caller] = (tokens - 1.0, now)
            return 0.0


# -- FastAPI dependencies ---------------------------------------------------------------------------
_ANONYMOUS = "anonymous"
_FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


_BEARER = HTTPBearer(auto_error=False, description="API key from `planassist users add` (not needed in open mode)")


def current_principal(
    request: Request, _: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)] = None
) -> Principal:
    """The caller from `Authorization: Bearer KEY` (or the open-mode admin); 401 / 429 with the error shape.

    The second parameter only declares the scheme in OpenAPI (the "Authorize" button of /docs); the header
    is read here, so that every failure has the API's error shape.
    """
    state = request.app.state
    keys: KeyStore = state.keys
    role_access = state.assistant.settings.role_access
    if not keys.configured():
        # Open mode ignores any key sent (OpenAI clients always send one) but serves loopback callers only.
        if not is_direct_loopback(request):
            raise _unauthorized("未配置 API 密钥，仅允许本机访问 / no API keys configured: open access is for "
                                "loopback clients only; create a key with `planassist users add NAME --role ROLE`")
        principal = Principal(user=_ANONYMOUS, role=Role.ADMIN, access_levels=access_levels(Role.ADMIN, role_access))
        request.state.principal = principal
    else:
        principal = _authenticate(request, keys, role_access)
        request.state.principal = principal  # a rate-limited request is audited under its user too
        _limit(state.limiter, principal.user)  # per key; the open mode has no key and one local caller
    return principal


def _authenticate(request: Request, keys: KeyStore, role_access: dict[str, list[str]]) -> Principal:
    header = request.headers.get("authorization")
    if header is None:
        raise _unauthorized("缺少 API 密钥 / missing API key: send the header Authorization: Bearer KEY")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise _unauthorized("Authorization 头格式应为 Bearer KEY / the Authorization header must be Bearer KEY")
    user = keys.authenticate(key.strip())
    if user is None:
        note(request, user=keys.describe(key.strip()))
        trusted = request.app.state.assistant.settings.trusted_proxies
        _limit(request.app.state.limiter, f"failed:{peer_address(request, trusted)}")
        raise _unauthorized("API 密钥无效或已吊销 / invalid or revoked API key")
    return Principal(user=user.name, role=user.role, access_levels=access_levels(user.role, role_access))


def require_role(*roles: Role | str) -> Callable[..., Principal]:
    """A dependency admitting only the given roles (403 otherwise), e.g. `Depends(require_role(Role.ADMIN))`."""
    allowed = {Role(r) for r in roles}

    def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise ApiError(403, "forbidden", f"无权执行此操作 / this action requires the role {names}")
        return principal

    return dependency


def is_direct_loopback(request: Request) -> bool:
    """The client and the address it reached are both loopback, and no proxy forwarded the request."""
    if any(name in request.headers for name in _FORWARDING_HEADERS):
        return False
    server = request.scope.get("server") or ("", 0)
    return _is_loopback(_client_host(request)) and _is_loopback(str(server[0]))


def is_loopback_host(host: str) -> bool:
    return _is_loopback(host)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _client_host(request: Request) -> str:
    return request.client.host if request.client else ""


def peer_address(request: Request, trusted_proxies: list[str]) -> str:
    """The address to hold a caller to: the peer's own. uvicorn (by default) replaces the client with the
    X-Forwarded-For address when the peer is 127.0.0.1, so a request carrying forwarding headers is one caller,
    "forwarded", unless `PLANASSIST_TRUSTED_PROXIES` says a proxy in front sets them (uvicorn must then be run
    with `--forwarded-allow-ips` naming it)."""
    forwarded = any(name in request.headers for name in _FORWARDING_HEADERS)
    if forwarded and not trusted_proxies:
        return "forwarded"
    return _client_host(request)


def _limit(limiter: RateLimiter, caller: str) -> None:
    wait = limiter.acquire(caller)
    if wait > 0:
        seconds = max(1, round(wait + 0.5))
        raise ApiError(429, "too_many_requests",
                       f"请求过于频繁，请 {seconds} 秒后重试 / rate limit of {limiter.per_minute} requests per minute "
                       f"exceeded; retry in {seconds} s", headers={"Retry-After": str(seconds)})


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})
