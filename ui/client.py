"""HTTP client of the planassist API for the console: one method per endpoint, JSON in and out.

The console never opens the stores itself; every failure comes back as `ApiError` carrying the API's
{"error": {"code", "message"}}, or code "unreachable" when the API cannot be reached.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

DEFAULT_API_URL = "http://127.0.0.1:8000"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


class ApiClient:
    def __init__(self, base_url: str = DEFAULT_API_URL, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout)

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(0, "unreachable", f"无法连接 / cannot reach {self.base_url}: {exc}") from exc
        if response.is_success:
            return response.json()
        try:
            error = response.json()["error"]
            raise ApiError(response.status_code, error["code"], error["message"])
        except (ValueError, KeyError, TypeError):
            raise ApiError(response.status_code, "http_error", response.text[:300]) from None

    def health(self) -> dict[str, Any]:
        return self._request("GET", "/healthz")

    def search(self, query: str, k: int = 5, **filters: Any) -> dict[str, Any]:
        body = {"query": query, "k": k, **{key: v for key, v in filters.items() if v}}
        return self._request("POST", "/v1/search", json=body)

    def ask(self, question: str, task: str = "lookup", **options: Any) -> dict[str, Any]:
        return self._request("POST", "/v1/ask", json={"question": question, "task": task, "options": options})

    def documents(self) -> list[dict[str, Any]]:
        return self._request("GET", "/v1/documents")

    def upload(self, files: list[tuple[str, bytes]], **form: str | None) -> list[dict[str, Any]]:
        """Upload (name, content) pairs; `form` carries doc_type, access_level, title, password."""
        data = {key: value for key, value in form.items() if value}
        # ingesting large PDFs (OCR) takes minutes, not seconds
        return self._request("POST", "/v1/documents", files=[("files", f) for f in files], data=data, timeout=900)

    def delete(self, doc_id: str) -> dict[str, Any]:
        return self._request("DELETE", f"/v1/documents/{quote(doc_id, safe='')}")

    def chunk(self, chunk_id: str) -> dict[str, Any]:
        return self._request("GET", f"/v1/chunks/{quote(chunk_id, safe=':')}")

    def file_url(self, doc_id: str) -> str:
        return f"{self.base_url}/v1/documents/{quote(doc_id, safe='')}/file"
