"""HTTP client of the planassist API for the console: one method per endpoint, JSON in and out.

The console never opens the stores itself; every failure comes back as `ApiError` carrying the API's
{"error": {"code", "message"}}, or code "unreachable" when the API cannot be reached. With an API key the
client sends `Authorization: Bearer KEY` on every request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx

DEFAULT_API_URL = "http://127.0.0.1:8000"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


def _error_of(response: httpx.Response) -> ApiError:
    try:
        error = response.json()["error"]
        return ApiError(response.status_code, error["code"], error["message"])
    except (ValueError, KeyError, TypeError):
        return ApiError(response.status_code, "http_error", response.text[:300])


def _path(part: str | int) -> str:
    return quote(str(part), safe=":")


class ApiClient:
    def __init__(self, base_url: str = DEFAULT_API_URL, api_key: str | None = None, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key or None
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, headers=headers)

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(0, "unreachable", f"无法连接 / cannot reach {self.base_url}: {exc}") from exc
        if not response.is_success:
            raise _error_of(response)
        return response

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._send(method, path, **kwargs).json()

    # -- meta --------------------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self._request("GET", "/healthz")

    def me(self) -> dict[str, Any]:
        """{user, role, access_levels, open_mode}: who the API takes this client for."""
        return self._request("GET", "/v1/me")

    # -- search and answers --------------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, **filters: Any) -> dict[str, Any]:
        body = {"query": query, "k": k, **{key: v for key, v in filters.items() if v}}
        return self._request("POST", "/v1/search", json=body)

    def ask(self, question: str, task: str = "lookup", **options: Any) -> dict[str, Any]:
        return self._request("POST", "/v1/ask", json={"question": question, "task": task, "options": options})

    def ask_stream(self, question: str, task: str = "lookup", **options: Any) -> Iterator[tuple[str, Any]]:
        """(event, data) pairs of POST /v1/ask/stream: ("sentence", {...})…, ("citations", [...]), ("answer", {...})."""
        body = {"question": question, "task": task, "options": options}
        try:
            with self._http.stream("POST", "/v1/ask/stream", json=body) as response:
                if not response.is_success:
                    response.read()
                    raise _error_of(response)
                yield from _server_sent_events(response.iter_lines())
        except httpx.HTTPError as exc:
            raise ApiError(0, "unreachable", f"无法连接 / cannot reach {self.base_url}: {exc}") from exc

    # -- documents ------------------------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        return self._request("GET", "/v1/documents")

    def document_chunks(self, doc_id: str) -> list[dict[str, Any]]:
        return self._request("GET", f"/v1/documents/{_path(doc_id)}/chunks")

    def upload_job(self, files: list[tuple[str, bytes]], **form: str | None) -> dict[str, Any]:
        """Upload files as one background ingest job (POST /v1/documents?background=true); the job."""
        data = {key: value for key, value in form.items() if value}
        return self._request("POST", "/v1/documents", params={"background": "true"},
                             files=[("files", f) for f in files], data=data, timeout=300)

    def job(self, job_id: str) -> dict[str, Any]:
        """Progress of an ingest job: files done, chunks, warnings, errors, per-file results."""
        return self._request("GET", f"/v1/jobs/{_path(job_id)}")

    def delete(self, doc_id: str) -> dict[str, Any]:
        return self._request("DELETE", f"/v1/documents/{_path(doc_id)}")

    def chunk(self, chunk_id: str) -> dict[str, Any]:
        return self._request("GET", f"/v1/chunks/{_path(chunk_id)}")

    def file_bytes(self, doc_id: str) -> bytes:
        """The original file (GET /v1/documents/{id}/file), for the PDF page viewer."""
        return self._send("GET", f"/v1/documents/{_path(doc_id)}/file").content

    # -- incidents (值班台) -------------------------------------------------------------------------------
    def incidents(self, status: str | None = None) -> list[dict[str, Any]]:
        return self._request("GET", "/v1/incidents", params={"status": status} if status else None)

    def incident(self, incident_id: int) -> dict[str, Any]:
        return self._request("GET", f"/v1/incidents/{incident_id}")

    def open_incident(self, hazard: str, place: str = "", time: str = "", facts: str = "",
                      doc_id: str | None = None) -> dict[str, Any]:
        body = {"hazard": hazard, "place": place, "time": time, "facts": facts, "doc_id": doc_id}
        return self._request("POST", "/v1/incidents", json=body)

    def tick(self, incident_id: int, item: int, done: bool) -> dict[str, Any]:
        return self._request("POST", f"/v1/incidents/{incident_id}/items/{item}", json={"done": done})

    def add_log(self, incident_id: int, kind: str, text: str) -> dict[str, Any]:
        return self._request("POST", f"/v1/incidents/{incident_id}/log", json={"kind": kind, "text": text})

    def update_facts(self, incident_id: int, facts: str) -> dict[str, Any]:
        return self._request("POST", f"/v1/incidents/{incident_id}/facts", json={"facts": facts})

    def close_incident(self, incident_id: int) -> dict[str, Any]:
        return self._request("POST", f"/v1/incidents/{incident_id}/close")

    def export_incident(self, incident_id: int, fmt: str) -> bytes:
        return self._send("GET", f"/v1/incidents/{incident_id}/export", params={"format": fmt}).content

    # -- tabletop exercises (桌面推演) ----------------------------------------------------------------------
    def exercises(self) -> list[dict[str, Any]]:
        return self._request("GET", "/v1/exercises")

    def exercise(self, exercise_id: int) -> dict[str, Any]:
        return self._request("GET", f"/v1/exercises/{exercise_id}")

    def build_exercise(self, **scenario: Any) -> dict[str, Any]:
        return self._request("POST", "/v1/exercises", json=scenario)

    def add_exercise_response(self, exercise_id: int, inject: int, team: str, text: str,
                              minutes: int | None = None) -> dict[str, Any]:
        body = {"inject": inject, "team": team, "text": text, "minutes": minutes}
        return self._request("POST", f"/v1/exercises/{exercise_id}/responses", json=body)

    def finish_exercise(self, exercise_id: int) -> dict[str, Any]:
        return self._request("POST", f"/v1/exercises/{exercise_id}/finish")

    def export_exercise(self, exercise_id: int, fmt: str = "docx") -> bytes:
        return self._send("GET", f"/v1/exercises/{exercise_id}/export", params={"format": fmt}).content

    # -- drills (演练出题) -------------------------------------------------------------------------------
    def grade_quiz(self, payload: dict[str, Any], responses: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/v1/quiz/grade", json={"payload": payload, "responses": responses})

    def export_quiz(self, answer: dict[str, Any], *, key: bool, title: str, fmt: str = "docx") -> bytes:
        body = {"answer": answer, "key": key, "title": title}
        return self._send("POST", "/v1/quiz/export", params={"format": fmt}, json=body).content


def _server_sent_events(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    event, data = "message", []
    for line in lines:
        if not line:
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    if data:
        yield event, json.loads("\n".join(data))
