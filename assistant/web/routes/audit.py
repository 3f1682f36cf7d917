"""`GET /v1/audit` (admins): the audit trail, newest first, filtered by user, endpoint and time; JSON or CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from assistant.web.audit import AuditEntry, AuditLog, to_csv
from assistant.web.auth import Role, require_role
from assistant.web.routes.errors import ApiError

router = APIRouter(tags=["audit"], dependencies=[Depends(require_role(Role.ADMIN))])


@router.get("/v1/audit", response_model=list[AuditEntry],
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}})
def audit_entries(
    request: Request,
    user: Annotated[str | None, Query(max_length=64)] = None,
    endpoint: Annotated[str | None, Query(max_length=200, examples=["/v1/ask"])] = None,
    since: Annotated[str | None, Query(description="ISO-8601, e.g. 2025-01-31T08:00:00+00:00")] = None,
    until: Annotated[str | None, Query(description="ISO-8601, exclusive")] = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 100,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> list[AuditEntry] | Response:
    log: AuditLog = request.app.state.audit
    entries = log.entries(user=user, endpoint=endpoint, since=_utc(since, "since"), until=_utc(until, "until"),
                          limit=limit)
    if format == "csv":
        return Response(to_csv(entries), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="planassist-audit.csv"'})
    return entries


def _utc(value: str | None, name: str) -> str | None:
    """An ISO-8601 time as the UTC text the log stores (naive times are taken as UTC)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(422, "invalid_request",
                       f"{name}: 时间格式无效 / not an ISO-8601 time: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="milliseconds")
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first representable UTC time
        raise ApiError(422, "invalid_request",
                       f"{name}: 时间超出范围 / time out of range: {value!r}") from None
