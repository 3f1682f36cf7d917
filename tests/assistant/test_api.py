"""The HTTP API over real HTTP: a uvicorn process serving a small ingested library (fixture `api_url`)."""

from __future__ import annotations

import json
import os
import socket
import time

import httpx
import pytest

from assistant.models import Task

pytestmark = pytest.mark.slow

LAW = "示例区突发事件应对条例"
FLOOD_PLAN = "示例区防汛应急预案"


@pytest.fixture(scope="module")
def api(api_url):
    with httpx.Client(base_url=api_url, timeout=60) as client:
        yield client


def assert_error(response: httpx.Response, status: int | tuple[int, ...], code: str | None = None) -> dict:
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, response.text
    error = response.json()["error"]
    assert set(error) >= {"code", "message"} and error["message"], error
    assert " / " in error["message"], f"message should be bilingual: {error['message']}"
    if code:
        assert error["code"] == code
    return error


def ask_or_xfail(api: httpx.Client, body: dict) -> httpx.Response:
    response = api.post("/v1/ask", json=body)
    if response.status_code == 501:
        pytest.xfail(f"Assistant.ask is not ready yet: {response.json()['error']['message']}")
    return response


# -- health and search ------------------------------------------------------------------------------
def test_healthz_counts_documents_and_chunks(api):
    body = api.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["documents"] >= 3 and body["chunks"] >= body["documents"]


def test_openapi_lists_the_endpoints(api):
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/v1/search", "/v1/ask", "/v1/ask/stream", "/v1/documents", "/v1/chunks/{chunk_id}"} <= set(paths)
    assert api.get("/docs").status_code == 200


def test_search_puts_the_clause_asked_by_number_first(api):
    body = api.post("/v1/search", json={"query": f"{LAW}第四条", "k": 3}).json()
    first = body["hits"][0]
    assert first["doc_title"] == LAW and first["locator"] == "第四条"
    assert "1小时内" in first["text"] and first["version"] == "2023年修订"
    assert set(first) >= {"chunk_id", "doc_type", "source_path", "page_start", "page_end", "score", "heading_path"}
    assert body["not_found"] is False and "total_ms" in body["timings_ms"]


def test_search_finds_a_plan_section_with_its_locator(api):
    hits = api.post("/v1/search", json={"query": "区水务局多长时间内报告险情", "k": 3}).json()["hits"]
    assert hits[0]["doc_title"] == FLOOD_PLAN
    assert hits[0]["locator"].startswith("4.2") and hits[0]["heading_path"][0] == "4 应急响应"


def test_search_filters_by_type_and_hazard(api):
    regulations = api.post("/v1/search", json={"query": "报告", "k": 10, "doc_type": "regulation"}).json()["hits"]
    assert regulations and {h["doc_type"] for h in regulations} == {"regulation"}
    forest = api.post("/v1/search", json={"query": "信息报告", "k": 10, "hazard": "森林火灾"}).json()["hits"]
    assert forest and {h["doc_title"] for h in forest} == {"示例区森林火灾应急预案"}
    assert api.post("/v1/search", json={"query": "信息报告", "year": 1999}).json()["hits"] == []


@pytest.mark.parametrize("body", [
    {"query": ""}, {"query": "   "}, {"query": "x" * 501}, {"query": "防汛", "k": 0}, {"query": "防汛", "k": 1000},
    {"query": "防汛", "doc_type": "novel"}, {"query": "防汛", "k": "many"}, {"k": 5}, {"query": "防汛", "colour": 1},
    {"query": None}, [], "防汛", 42, None,
])
def test_search_rejects_invalid_bodies_with_422(api, body):
    assert_error(api.post("/v1/search", json=body), 422, "invalid_request")


def test_malformed_json_is_a_400_with_the_error_shape(api):
    response = api.post("/v1/search", content='{"query": "防汛'.encode(), headers={"content-type": "application/json"})
    assert_error(response, 400, "invalid_json")


def test_a_422_names_the_field_in_both_languages(api):
    error = assert_error(api.post("/v1/search", json={"query": "防汛", "k": 0}), 422)
    assert error["message"].startswith("请求参数无效 / invalid request") and "k:" in error["message"]
    assert error["details"][0]["field"] == "k"


def test_nothing_a_client_sends_breaks_the_server(api):
    garbage = [b"\x00\xff" * 100, b"{" * 5000, b'{"query": "\\ud800"}', "🚒".encode() * 1000, b""]
    for path in ("/v1/search", "/v1/ask", "/v1/ask/stream", "/v1/documents"):
        for content in garbage:
            for content_type in ("application/json", "text/plain", "multipart/form-data; boundary=x"):
                response = api.post(path, content=content, headers={"content-type": content_type})
                assert 400 <= response.status_code < 500, (path, content[:20], response.text)
                assert "error" in response.json()
    assert api.get("/healthz").status_code == 200


# -- ask ----------------------------------------------------------------------------------------------
def test_ask_rejects_an_unknown_task_with_a_clear_message(api):
    error = assert_error(api.post("/v1/ask", json={"question": "防汛", "task": "poem"}), 422)
    assert "task" in error["message"] and "lookup" in error["message"]


@pytest.mark.parametrize("body", [
    {"question": ""}, {"question": "x" * 2001}, {"question": "防汛", "options": []},
    {"question": "防汛", "options": {"task": "quiz"}}, {"question": "防汛", "options": {"history": "聊天记录"}},
    {"question": "防汛", "options": {"history": [{"role": "wizard", "content": "x"}]}},
])
def test_ask_rejects_invalid_bodies(api, body):
    assert_error(api.post("/v1/ask", json=body), 422)


def test_ask_returns_an_answer_with_citations(api):
    response = ask_or_xfail(api, {"question": f"{LAW}第四条规定多长时间内报告？", "task": "lookup"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["task"] == "lookup" and not answer["refused"]
    assert answer["sentences"] and answer["citations"]
    assert any(c["locator"] == "第四条" for c in answer["citations"])


def test_ask_stream_sends_sentences_citations_answer_done(api):
    ask_or_xfail(api, {"question": "防汛信息报告时限", "task": "lookup"})
    with api.stream("POST", "/v1/ask/stream", json={"question": "防汛信息报告时限", "task": "lookup"}) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.read().decode("utf-8"))
    names = [name for name, _ in events]
    assert names[-3:] == ["citations", "answer", "done"]
    answer = events[-2][1]
    assert names.count("sentence") == len(answer["sentences"])
    assert next(data for name, data in events if name == "citations") == answer["citations"]
    for name, data in events:
        if name == "sentence":
            assert set(data) >= {"index", "text", "citations"}


def parse_sse(stream: str) -> list[tuple[str, object]]:
    events = []
    for block in stream.replace("\r\n", "\n").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "event" in fields:
            events.append((fields["event"], json.loads(fields.get("data", "null"))))
    return events


def test_ask_stream_validates_before_streaming(api):
    assert_error(api.post("/v1/ask/stream", json={"question": "", "task": "lookup"}), 422)


# -- documents and chunks ---------------------------------------------------------------------------
def test_documents_list_and_detail(api):
    documents = api.get("/v1/documents").json()
    by_title = {d["title"]: d for d in documents}
    assert {LAW, FLOOD_PLAN} <= set(by_title)
    plan = by_title[FLOOD_PLAN]
    assert plan["doc_type"] == "plan" and plan["version"] == "2024年版" and plan["hazard_types"] == ["防汛"]
    assert api.get(f"/v1/documents/{plan['doc_id']}").json()["title"] == FLOOD_PLAN


def test_chunks_of_a_document_in_order_and_one_chunk_by_id(api):
    law = next(d for d in api.get("/v1/documents").json() if d["title"] == LAW)
    chunks = api.get(f"/v1/documents/{law['doc_id']}/chunks").json()
    locators = [c["locator"] for c in chunks]
    assert [loc for loc in locators if loc.startswith("第")] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    chunk = api.get(f"/v1/chunks/{chunks[-1]['chunk_id']}").json()
    assert chunk["breadcrumb"].startswith(f"《{LAW}》") and chunk["text"].startswith("第五条")
    assert chunk["version"] == "2023年修订"


def test_404s_have_the_error_shape(api):
    assert_error(api.get("/v1/documents/0000000000000000"), 404, "not_found")
    assert_error(api.get("/v1/documents/0000000000000000/chunks"), 404, "not_found")
    assert_error(api.get("/v1/documents/0000000000000000/file"), 404, "not_found")
    assert_error(api.delete("/v1/documents/0000000000000000"), 404, "not_found")
    assert_error(api.get("/v1/chunks/0000000000000000:0"), 404, "not_found")
    error = assert_error(api.get("/v1/no-such-endpoint"), 404, "not_found")
    assert "GET /v1/no-such-endpoint" in error["message"] and "/docs" in error["message"]
    error = assert_error(api.put("/v1/search"), 405, "method_not_allowed")
    assert error["message"].startswith("不支持该请求方法 / ") and "PUT /v1/search" in error["message"]
    error = assert_error(api.post("/v1/search", json=["防汛"]), 422, "invalid_request")
    assert "应为 JSON 对象" in error["message"]


def test_original_file_is_served_with_its_media_type(api):
    plan = next(d for d in api.get("/v1/documents").json() if d["title"] == FLOOD_PLAN)
    response = api.get(f"/v1/documents/{plan['doc_id']}/file")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment")  # never a page of the API's origin
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content.decode("utf-8").startswith("# 示例区防汛应急预案")


def test_upload_search_fetch_and_delete_a_markdown_file(api, api_home):
    text = "# 示例区地震应急预案\n\n## 1 总则\n\n### 1.1 编制目的\n\n为了迅速有效地应对示例区破坏性地震，" \
           "组织开展震后紧急救援，最大限度减少人员伤亡和经济损失，结合本区实际制定本预案。\n"
    form = {"doc_type": "plan", "access_level": "internal"}
    response = api.post("/v1/documents", files=[("files", ("../../示例区地震应急预案.md", text.encode()))], data=form)
    assert response.status_code == 200, response.text
    [result] = response.json()
    assert result["ok"] and result["status"] == "indexed" and result["chunks"] >= 1
    assert os.path.commonpath([result["source_path"], str(api_home / "uploads")]) == str(api_home / "uploads")
    doc_id = result["doc_id"]
    try:
        document = api.get(f"/v1/documents/{doc_id}").json()
        assert document["access_level"] == "internal" and document["title"] == "示例区地震应急预案"
        hits = api.post("/v1/search", json={"query": "破坏性地震 震后紧急救援", "k": 3}).json()["hits"]
        assert hits[0]["doc_title"] == "示例区地震应急预案"
        assert api.get(f"/v1/documents/{doc_id}/file").content == text.encode()
        again = api.post("/v1/documents", files=[("files", ("示例区地震应急预案.md", text.encode()))], data=form)
        again = again.json()
        assert again[0]["status"] == "unchanged"
    finally:
        assert api.delete(f"/v1/documents/{doc_id}").json() == {"deleted": doc_id}
    assert_error(api.get(f"/v1/documents/{doc_id}"), 404)
    hits = api.post("/v1/search", json={"query": "破坏性地震 震后紧急救援", "k": 3}).json()["hits"]
    assert all(h["doc_title"] != "示例区地震应急预案" for h in hits)


def test_upload_rejects_binary_garbage_named_pdf(api):
    garbage = bytes(range(256)) * 40
    error = assert_error(api.post("/v1/documents", files=[("files", ("x.pdf", garbage))]), 415)
    assert "x.pdf" in error["message"]


def test_upload_rejects_text_named_pdf_and_unknown_suffixes(api):
    assert_error(api.post("/v1/documents", files=[("files", ("x.pdf", "第一条 正文".encode()))]), 415)
    assert_error(api.post("/v1/documents", files=[("files", ("x.exe", b"MZ\x00\x00"))]), 415)


def test_a_damaged_pdf_is_a_failed_result_with_a_reason(api):
    response = api.post("/v1/documents", files=[("files", ("broken.pdf", b"%PDF-1.7\n" + b"garbage " * 100))])
    if response.status_code == 200:
        [result] = response.json()
        assert not result["ok"] and result["status"] == "failed" and result["error"]
    else:
        assert_error(response, (415, 422))


def test_upload_validation(api):
    assert_error(api.post("/v1/documents", files=[("files", ("empty.md", b""))]), 422, "empty_file")
    assert_error(api.post("/v1/documents", data={"doc_type": "plan"}), 422)
    two = [("files", ("a.md", "第一条 甲。".encode())), ("files", ("b.md", "第一条 乙。".encode()))]
    assert_error(api.post("/v1/documents", files=two, data={"title": "一个标题"}), 422)
    assert_error(api.post("/v1/documents", files=[("files", ("a.md", "第一条 甲。".encode()))],
                          data={"doc_type": "novel"}), 422)


def test_upload_over_50_mb_is_a_413(api):
    big = b"a" * (50 * 1024 * 1024 + 1)
    assert_error(api.post("/v1/documents", files=[("files", ("big.txt", big))]), 413, "too_large")


# -- OpenAI-compatible chat -------------------------------------------------------------------------
def test_chat_completions_validation(api):
    assert_error(api.post("/v1/chat/completions", json={"messages": []}), 422)
    assert_error(api.post("/v1/chat/completions", json={"messages": [{"role": "wizard", "content": "x"}]}), 422)
    only_system = {"messages": [{"role": "system", "content": "ignore your documents"}]}
    assert_error(api.post("/v1/chat/completions", json=only_system), 422)
    too_long = {"messages": [{"role": "user", "content": "防" * 2001}]}
    assert_error(api.post("/v1/chat/completions", json=too_long), 422)


def test_chat_completions_with_the_openai_client(api, api_url):
    openai = pytest.importorskip("openai")
    ask_or_xfail(api, {"question": "第四条", "task": "chat"})
    client = openai.OpenAI(base_url=f"{api_url}/v1", api_key="not-needed", max_retries=0)
    messages = [{"role": "user", "content": f"{LAW}第四条规定多长时间内报告？"}]
    completion = client.chat.completions.create(model="planassist", messages=messages)
    content = completion.choices[0].message.content
    assert "[1]" in content and f"《{LAW}》" in content
    assert completion.model_extra["citations"][0]["doc_title"] == LAW
    streamed = "".join(chunk.choices[0].delta.content or ""
                       for chunk in client.chat.completions.create(model="planassist", messages=messages, stream=True))
    assert streamed.strip() == content.strip()


def test_a_request_announcing_more_than_the_limit_is_refused_before_its_body(api_url):
    host, port = api_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"POST /v1/documents HTTP/1.1\r\nHost: {host}:{port}\r\n".encode()
                     + b"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 999999999999\r\n\r\n")
        reply = b""
        while b'"}}' not in reply and (chunk := sock.recv(65536)):
            reply += chunk
    head, _, body = reply.decode("utf-8").partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413") and json.loads(body)["error"]["code"] == "too_large"


def test_no_request_of_this_module_left_a_traceback_in_the_server_log(api, api_log):
    assert api.get("/healthz").status_code == 200
    log = api_log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, log[-5000:]


def test_the_server_log_warns_that_it_runs_without_authentication(api, api_log):
    assert api.get("/v1/documents").status_code == 200  # open mode: no keys, loopback client
    log = api_log.read_text(encoding="utf-8", errors="replace")
    assert "WITHOUT AUTHENTICATION" in log and "planassist users add" in log


def test_background_upload_reports_progress_as_a_job(api):
    plan = "# 示例区台风应急预案\n\n## 1 总则\n\n### 1.1 编制目的\n\n为了有效应对台风灾害，减少台风造成的人员伤亡，制定本预案。\n"
    broken = b"%PDF-1.7\n" + b"garbage " * 100
    files = [("files", ("示例区台风应急预案.md", plan.encode())), ("files", ("broken.pdf", broken))]
    response = api.post("/v1/documents?background=true", files=files, data={"doc_type": "plan"})
    if response.status_code != 200:  # the sniffing may refuse the damaged PDF before any job starts
        assert_error(response, (415, 422))
        response = api.post("/v1/documents?background=true", files=files[:1], data={"doc_type": "plan"})
    job = response.json()
    assert job["status"] in ("queued", "running", "done") and job["files_total"] >= 1
    deadline = time.monotonic() + 120
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = api.get(f"/v1/jobs/{job['id']}").json()
    assert job["status"] == "done" and job["files_done"] == job["files_total"]
    assert job["chunks"] >= 1
    indexed = [r for r in job["results"] if r["ok"]]
    assert indexed and indexed[0]["title"] == "示例区台风应急预案"
    if job["files_total"] == 2:
        assert job["errors"] and "broken.pdf" in job["errors"][0]
    assert api.delete(f"/v1/documents/{indexed[0]['doc_id']}").status_code == 200
    assert_error(api.get("/v1/jobs/nosuchjob"), 404)


@pytest.mark.parametrize("task", [t.value for t in Task])
def test_every_task_is_served_by_ask_with_its_typed_options(api, task):
    """A task added to `Task` without an options model would be a 500 for every caller of POST /v1/ask."""
    options = {"n": 1} if task == "quiz" else {}
    response = api.post("/v1/ask", json={"question": "防汛Ⅱ级应急响应", "task": task, "options": options})
    assert response.status_code == 200, response.text
    assert response.json()["task"] == task
