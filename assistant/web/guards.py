"""Guards against other web sites: the Host a request names, the origin of state-changing requests, the bind.

Open mode (no API keys) serves every loopback caller as admin, so a web page the operator opens could reach it
through the operator's browser: by DNS rebinding (a page of attacker.example whose name now resolves to
127.0.0.1 reads the API as a same-origin page) or by a cross-site form post (CSRF). `SiteGuard` closes both:

- Host: in open mode, or whenever `PLANASSIST_ALLOWED_HOSTS` is set, a request must name the address the server
  was reached at, localhost / 127.0.0.1 / [::1] with the server's port, or an allowed host; else 400.
- Origin: a POST/PUT/PATCH/DELETE whose Origin (or Referer) is another site, or which the browser marks
  `Sec-Fetch-Site: cross-site|same-site`, gets 403. Requests with none of these headers — curl, the console's
  server-side calls, SDKs — are not browsers' cross-site requests and pass.
- Every response carries `X-Content-Type-Options: nosniff`.

`BodyLimit` counts request bodies as they stream in (a chunked body has no Content-Length to check).

`check_bind` refuses to start an API without keys on a non-loopback address unless the operator sets
`PLANASSIST_ALLOW_OPEN_REMOTE=1`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.web.routes.errors import error_response

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_CROSS_SITE = frozenset({"cross-site", "same-site"})  # same-site: another port on localhost is another site
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


class OpenBindError(RuntimeError):
    """An API without keys asked to listen on a non-loopback address without the explicit override."""


def check_bind(host: str, keys_configured: bool, settings: Settings) -> None:
    """Refuse a non-loopback bind with no API keys unless `allow_open_remote` (PLANASSIST_ALLOW_OPEN_REMOTE) is set."""
    from assistant.web.auth import is_loopback_host

    if keys_configured or is_loopback_host(host) or settings.allow_open_remote:
        return
    raise OpenBindError(
        f"拒绝启动：未配置 API 密钥却监听非本机地址 {host} / refusing to start: no API keys are configured and the "
        f"API would listen on the non-loopback address {host}. Create a key first (`planassist users add NAME "
        f"--role admin`), bind to 127.0.0.1, or set PLANASSIST_ALLOW_OPEN_REMOTE=1 to run open anyway.")


def split_host(value: str, scheme: str = "http") -> tuple[str, int] | None:
    """(host name, port) of a Host header or an origin's netloc; None when it does not parse."""
    try:
        parts = urlsplit(f"//{value.strip()}")
        name, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not name:
        return None
    return name.lower(), port if port is not None else _DEFAULT_PORTS.get(scheme, 80)


def host_allowed(host: tuple[str, int], server: tuple[str, int], settings: Settings) -> bool:
    """The Host names the server's own address or loopback with its port, or an allowed host."""
    name, port = host
    own_names = LOOPBACK_NAMES | {server[0].lower().strip("[]"), settings.api_host.lower()}
    if name in own_names and port == server[1]:
        return True
    return listed(host, settings.allowed_hosts)


def listed(host: tuple[str, int], allowed: list[str]) -> bool:
    name, port = host
    for entry in allowed:
        if entry == "*" or entry == name:
            return True
        parsed = split_host(entry)
        if parsed is not None and ":" in entry.rsplit("]", 1)[-1] and parsed == (name, port):
            return True
    return False


def origin_allowed(origin: str, host_header: str, settings: Settings) -> bool:
    """Same origin as the Host the request named, or an allowed host."""
    parts = urlsplit(origin)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        return False  # "null" (sandboxed pages, file://) and anything unparsable
    source, target = split_host(parts.netloc, scheme), split_host(host_header, scheme)
    if source is None:
        return False
    return source == target or listed(source, settings.allowed_hosts)


class SiteGuard:
    """ASGI middleware: Host check (open mode or an allow-list), cross-site check of state-changing requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, scope: Scope):
        app = scope.get("app")
        assistant = getattr(app.state, "assistant", None) if app is not None else None
        keys = getattr(app.state, "keys", None) if app is not None else None
        if assistant is None or keys is None:
            return None  # not started yet: nothing to guard
        settings: Settings = assistant.settings
        headers = Headers(scope=scope)
        host_header = headers.get("host", "")
        if host_header and (settings.allowed_hosts or not keys.configured()):
            host = split_host(host_header, scope.get("scheme", "http"))
            server = scope.get("server") or ("", 0)
            if host is None or not host_allowed(host, (str(server[0]), int(server[1] or 0)), settings):
                return error_response(
                    400, "host_not_allowed",
                    f"主机名不被允许 / Host {host_header!r} is not this server: use 127.0.0.1 or localhost with "
                    f"its port, or add the name to PLANASSIST_ALLOWED_HOSTS")
        if scope["method"] in UNSAFE_METHODS and not self.same_site(headers, host_header, settings):
            return error_response(403, "cross_origin",
                                  "拒绝跨站请求 / cross-site request refused: a state-changing request must come "
                                  "from this server's own pages or from a non-browser client")
        return None

    @staticmethod
    def same_site(headers: Headers, host_header: str, settings: Settings) -> bool:
        origin = headers.get("origin") or headers.get("referer")
        if origin is not None:
            return origin_allowed(origin, host_header, settings)
        return headers.get("sec-fetch-site", "").lower() not in _CROSS_SITE


class BodyTooLarge(StarletteHTTPException):
    """Raised from `receive` once a body outgrows its limit; FastAPI passes an HTTPException through as is."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")
        self.limit = limit


class BodyLimit:
    """ASGI middleware: a request body may not exceed its limit, counted as it streams in (chunked or not).

    A declared Content-Length over the limit is refused before anything is read; a body that grows past it is
    refused as soon as the excess arrives. `limits` maps (method, path) to a larger or smaller limit than
    `default` (uploads); every refusal is a 413 in the API's error shape.
    """

    def __init__(self, app: ASGIApp, default: int, limits: dict[tuple[str, str], int] | None = None) -> None:
        self.app, self.default, self.limits = app, default, limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get((scope["method"], scope["path"]), self.default)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(limit)(scope, receive, send)


def _too_large(limit: int):
    return error_response(413, "too_large", f"请求过大 / request body larger than {limit} bytes")
