"""The API's error shape: `ApiError` (status, stable code, bilingual message) and the JSON it becomes.

Every 4xx/5xx leaves as {"error": {"code", "message"[, "details"]}}; `assistant.web.api` installs the handlers.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse


class ApiError(Exception):
    """An error the client should see, with its HTTP status, a stable code and a bilingual message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status, headers=headers)
