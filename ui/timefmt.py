"""Times as people on duty read them: in the configured zone (`PLANASSIST_TIMEZONE`, default Asia/Shanghai),
with the zone named — 「2025-07-01 14:32 (UTC+08:00)」 — whatever zone the server writes its timestamps in."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"


def zone() -> ZoneInfo:
    try:
        return ZoneInfo(os.environ.get("PLANASSIST_TIMEZONE") or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_stamp(iso: str | None) -> str:
    """An ISO timestamp (with its offset; none means UTC) in the configured zone, to the minute, zone named."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    local = moment.astimezone(zone())
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"
