"""Request bodies are bounded as they stream in, and task options are typed (issue 14, item 8).

The size cap used to read only Content-Length, so a chunked body (no Content-Length) was read whole, and
`options` was an open dict passed on to the tasks: a staff key could make the server hold any amount of JSON.
"""

from __future__ import annotations

import json

import httpx
import pytest

pytestmark = pytest.mark.slow

MiB = 1024 * 1024


def _chunked(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_chunked_body_over_the_limit_is_refused_as_it_streams(keyed):
    url, headers, _ = keyed
    body = json.dumps({"question": "防汛", "options": {"history": [{"role": "user", "content": "洪" * 1000}] * 1200}})
    assert len(body.encode()) > 3 * MiB
    with httpx.Client(base_url=url, headers=headers["staff"], timeout=120) as client:
        response = client.post("/v1/ask", content=_chunked(body.encode()),
                               headers={"Content-Type": "application/json"})
        assert "content-length" not in response.request.headers  # sent chunked
        assert response.status_code == 413, response.text[:300]
        assert response.json()["error"]["code"] == "too_large"
        declared = client.post("/v1/ask", content=body.encode(), headers={"Content-Type": "application/json"})
        assert declared.status_code == 413
        assert client.get("/healthz").status_code == 200


def test_uploads_keep_their_larger_limit(keyed):
    url, headers, _ = keyed
    files = {"files": ("数据.bin", b"\0" * (3 * MiB), "application/octet-stream")}
    with httpx.Client(base_url=url, headers=headers["admin"], timeout=120) as client:
        response = client.post("/v1/documents", files=files)
    assert response.status_code == 415, response.text[:300]  # read whole and judged by type, not refused by size


@pytest.mark.parametrize("task, options, field", [
    ("quiz", {"kinds": ["poem"]}, "options.kinds.0"),
    ("quiz", {"doc_ids": ["d"] * 101}, "options.doc_ids"),
    ("quiz", {"n": 10 ** 9}, "options.n"),
    ("lookup", {"junk": list(range(1000))}, "options.junk"),
    ("lookup", {"filters": {"doc_type": "plan", "secret": 1}}, "options.filters.secret"),
    ("lookup", {"history": [{"role": "user", "content": "防汛"}]}, "options.history"),
    ("chat", {"history": [{"role": "user", "content": "防汛"}] * 51}, "options.history"),
    ("checklist", {"hazard": "防" * 101}, "options.hazard"),
    ("checklist", {"facts": {"降雨量": ["x"] * 10}}, "options.facts"),
])
def test_malformed_options_are_a_422_naming_the_field(keyed, task, options, field):
    url, headers, _ = keyed
    response = httpx.post(f"{url}/v1/ask", json={"question": "防汛", "task": task, "options": options},
                          headers=headers["staff"], timeout=120)
    assert response.status_code == 422, response.text[:300]
    error = response.json()["error"]
    assert any(d["field"].startswith(field) for d in error.get("details", [])), error
    assert field.split(".")[1] in error["message"]


def test_well_formed_options_still_reach_the_task(keyed):
    url, headers, _ = keyed
    body = {"question": "信息报告", "task": "quiz", "options": {"n": 2, "kinds": ["fill_blank"], "seed": 3,
                                                                "filters": {"doc_type": "plan"}}}
    response = httpx.post(f"{url}/v1/ask", json=body, headers=headers["staff"], timeout=120)
    assert response.status_code == 200, response.text[:300]
    questions = response.json()["payload"]["questions"]
    assert questions and all(q["kind"] == "fill_blank" for q in questions)
