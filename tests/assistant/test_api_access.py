"""Access levels over every endpoint: role × access level, asserting that no forbidden text ever leaves.

The library holds one document per access level, each clause of which carries markers unique to that level
(its title included). Every role calls every endpoint — search, ask with each task, ask/stream, the OpenAI
chat endpoint (JSON and SSE), documents, files, chunks — also with requests aimed straight at the forbidden
documents, and no response body may contain a marker of a level the role may not read. Admins must see the
restricted markers, which shows that the check can catch a leak.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web.api import create_app
from assistant.web.auth import KeyStore

pytestmark = pytest.mark.slow

PUBLIC_PLAN = "示例区防汛应急预案"
INTERNAL_PLAN = "示例区白鹭湖森林防火内部工作方案"
RESTRICTED_PLAN = "示例区青鸾水库防洪抢险应急预案"
# Text found only inside the documents (never in a request, whose question an answer may echo).
MARKERS = {"internal": ["白鹭湖森林防火内部", "BL4402"], "restricted": ["青鸾水库防洪抢险", "QL7731"]}
FORBIDDEN = {"admin": [], "duty_officer": [], "trainer": MARKERS["restricted"],
             "staff": MARKERS["restricted"] + MARKERS["internal"]}

LIBRARY = {
    f"{PUBLIC_PLAN}.md": """# 示例区防汛应急预案

## 1 总则

### 1.1 编制目的

为了做好示例区防汛抗洪工作，规范洪涝灾害的应急处置程序，最大限度减少人员伤亡和财产损失，制定本预案。

## 4 应急响应

### 4.1 分级响应

24小时降雨量超过200毫米，或者主要河道水位超过保证水位时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应。

### 4.2 信息报告

区水务局应当在30分钟内向区防汛指挥部报告险情和灾情，此后每2小时续报一次。
""",
    f"{PUBLIC_PLAN}.meta.toml": 'doc_type = "plan"\nhazard_types = ["防汛"]\naccess_level = "public"\n',
    f"{INTERNAL_PLAN}.md": """# 示例区白鹭湖森林防火内部工作方案

## 1 总则

### 1.1 编制目的

为了做好白鹭湖林区（代号BL4402）森林防火工作，保护白鹭湖森林资源，制定本方案。

## 4 应急响应

### 4.1 分级响应

白鹭湖林区（代号BL4402）过火面积超过100公顷时，由区森林防灭火指挥部决定启动Ⅰ级应急响应。

### 4.2 信息报告

白鹭湖管护站（代号BL4402）应当在20分钟内向区森林防灭火指挥部报告火场位置和过火面积。
""",
    f"{INTERNAL_PLAN}.meta.toml": 'doc_type = "plan"\nhazard_types = ["森林火灾"]\naccess_level = "internal"\n',
    f"{RESTRICTED_PLAN}.md": """# 示例区青鸾水库防洪抢险应急预案

## 1 总则

### 1.1 编制目的

为了做好青鸾水库（代号QL7731）防洪抢险工作，确保青鸾水库大坝安全，防范洪涝灾害，制定本预案。

## 4 应急响应

### 4.1 分级响应

青鸾水库（代号QL7731）24小时降雨量超过150毫米，或者库水位超过校核洪水位时，由区防汛指挥部总指挥决定启动Ⅰ级应急响应。

### 4.2 信息报告

青鸾水库管理处（代号QL7731）应当在15分钟内向区防汛指挥部报告险情和灾情，此后每1小时续报一次。

### 4.3 处置措施

青鸾水库（代号QL7731）出现溃坝险情时，区水务局应当立即组织下游群众转移，区应急管理局负责调度抢险队伍。
""",
    f"{RESTRICTED_PLAN}.meta.toml": 'doc_type = "plan"\nhazard_types = ["防汛"]\naccess_level = "restricted"\n',
}

QUESTIONS = ["防汛 应急响应 报告险情 多少分钟内", "青鸾水库溃坝险情怎么处置", "白鹭湖森林火灾 报告", "青鸾水库 代号",
             "《青鸾水库应急预案》4.2", "水库库水位超过校核洪水位启动几级响应"]


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> dict:
    docs = tmp_path_factory.mktemp("access-docs")
    for name, text in LIBRARY.items():
        (docs / name).write_text(text, encoding="utf-8")
    home = tmp_path_factory.mktemp("access-home")
    assistant = Assistant(home=home)
    results = assistant.ingest([docs])
    assert all(r.ok for r in results), [r.error for r in results]
    ids = {d.title: d.doc_id for d in assistant.documents()}
    keys = KeyStore(assistant.index.db)
    headers = {role: {"Authorization": f"Bearer {keys.add(f'user-{role}', role)}"} for role in FORBIDDEN}
    with TestClient(create_app(assistant)) as client:
        yield {"client": client, "headers": headers, "ids": ids, "assistant": assistant}


def leaks(role: str, body: str) -> list[str]:
    assert not any(m in "".join(QUESTIONS) for ms in MARKERS.values() for m in ms)
    return [marker for marker in FORBIDDEN[role] if marker in body]


def calls(ids: dict[str, str], chunk_ids: dict[str, str]) -> list[tuple[str, str, dict | None]]:
    """Every endpoint, with bodies aimed at each document; (method, path, json)."""
    restricted, internal = ids[RESTRICTED_PLAN], ids[INTERNAL_PLAN]
    requests: list[tuple[str, str, dict | None]] = [("GET", "/v1/documents", None)]
    for question in QUESTIONS:
        requests.append(("POST", "/v1/search", {"query": question, "k": 20}))
        for task in ("lookup", "chat", "briefing", "checklist", "quiz"):
            requests.append(("POST", "/v1/ask", {"question": question, "task": task}))
        requests.append(("POST", "/v1/ask/stream", {"question": question, "task": "lookup"}))
        for model in ("planassist", "planassist-lookup", "planassist-checklist"):
            for stream in (False, True):
                messages = [{"role": "user", "content": question}]
                requests.append(("POST", "/v1/chat/completions",
                                 {"model": model, "messages": messages, "stream": stream}))
    for doc_id in (restricted, internal):
        requests += [
            ("POST", "/v1/ask", {"question": "防汛", "task": "checklist", "options": {"doc_id": doc_id}}),
            ("POST", "/v1/ask", {"question": "防汛", "task": "briefing", "options": {"doc_id": doc_id}}),
            ("POST", "/v1/ask", {"question": "出题", "task": "quiz", "options": {"doc_ids": [doc_id], "n": 5}}),
            ("POST", "/v1/ask", {"question": "应急响应", "task": "quiz", "options": {"n": 10}}),
            ("POST", "/v1/ask", {"question": "报告", "task": "lookup",
                                 "options": {"filters": {"access_levels": ["restricted", "internal"],
                                                         "doc_ids": [doc_id]}}}),
            ("POST", "/v1/ask", {"question": "那处置措施呢？", "task": "chat",
                                 "options": {"history": [{"role": "user", "content": "青鸾水库险情"}]}}),
            ("POST", "/v1/ask/stream", {"question": "报告", "task": "checklist", "options": {"doc_id": doc_id}}),
            ("GET", f"/v1/documents/{doc_id}", None),
            ("GET", f"/v1/documents/{doc_id}/file", None),
            ("GET", f"/v1/documents/{doc_id}/chunks", None),
            ("GET", f"/v1/chunks/{chunk_ids[doc_id]}", None),
        ]
    return requests


def _chunk_ids(library: dict) -> dict[str, str]:
    return {doc_id: library["assistant"].chunks(doc_id)[0].chunk_id for doc_id in library["ids"].values()}


@pytest.mark.parametrize("role", list(FORBIDDEN))
def test_no_endpoint_leaks_a_document_above_the_callers_access_level(library, role):
    client, headers = library["client"], library["headers"][role]
    seen, found = [], []
    for method, path, body in calls(library["ids"], _chunk_ids(library)):
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code in (200, 404), (role, method, path, body, response.text)
        text = response.content.decode("utf-8", errors="replace")
        if leaked := leaks(role, text):
            found.append((method, path, body, leaked))
        seen.append(text)
    assert found == [], f"{role} received forbidden text: {found[:5]}"
    everything = "\n".join(seen)
    if role in ("admin", "duty_officer"):  # the markers are reachable, so the check above can fail
        assert all(marker in everything for markers in MARKERS.values() for marker in markers)
    if role == "trainer":
        assert all(marker in everything for marker in MARKERS["internal"])


@pytest.mark.parametrize("role", ["trainer", "staff"])
def test_a_forbidden_document_is_as_missing_as_an_unknown_one(library, role):
    client, headers = library["client"], library["headers"][role]
    forbidden, unknown = library["ids"][RESTRICTED_PLAN], "0" * len(library["ids"][RESTRICTED_PLAN])
    for suffix in ("", "/file", "/chunks"):
        a = client.get(f"/v1/documents/{forbidden}{suffix}", headers=headers)
        b = client.get(f"/v1/documents/{unknown}{suffix}", headers=headers)
        assert a.status_code == b.status_code == 404
        assert a.json() == {"error": {**b.json()["error"],
                                      "message": b.json()["error"]["message"].replace(unknown, forbidden)}}
    chunk = library["assistant"].chunks(forbidden)[0].chunk_id
    a = client.get(f"/v1/chunks/{chunk}", headers=headers)
    assert a.status_code == 404 and a.json()["error"]["code"] == "not_found"


def test_documents_list_shows_each_role_its_levels(library):
    client = library["client"]
    titles = {role: {d["title"] for d in client.get("/v1/documents", headers=h).json()}
              for role, h in library["headers"].items()}
    assert titles["admin"] == titles["duty_officer"] == {PUBLIC_PLAN, INTERNAL_PLAN, RESTRICTED_PLAN}
    assert titles["trainer"] == {PUBLIC_PLAN, INTERNAL_PLAN}
    assert titles["staff"] == {PUBLIC_PLAN}


def test_search_filters_inside_the_store_query(library):
    """Forbidden chunks are never candidates: staff still gets k public hits, not k minus the forbidden ones."""
    client = library["client"]
    body = {"query": "青鸾水库 溃坝 处置", "k": 3}
    staff = client.post("/v1/search", json=body, headers=library["headers"]["staff"]).json()
    admin = client.post("/v1/search", json=body, headers=library["headers"]["admin"]).json()
    assert admin["hits"][0]["doc_title"] == RESTRICTED_PLAN
    assert staff["hits"] and {h["doc_title"] for h in staff["hits"]} == {PUBLIC_PLAN}


def test_only_admins_upload_and_delete(library, tmp_path):
    client, ids = library["client"], library["ids"]
    files = {"files": ("说明.md", "# 说明\n\n第一条 本说明用于测试上传权限控制。\n".encode(), "text/markdown")}
    for role in ("duty_officer", "trainer", "staff"):
        headers = library["headers"][role]
        response = client.post("/v1/documents", files=files, headers=headers)
        assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
        assert client.delete(f"/v1/documents/{ids[PUBLIC_PLAN]}", headers=headers).status_code == 403
    assert library["assistant"].document(ids[PUBLIC_PLAN]) is not None


def test_an_upload_without_a_level_gets_the_default_and_the_form_field_wins(library):
    client, admin = library["client"], library["headers"]["admin"]
    text = "# 上传级别测试\n\n第一条 本文件用于测试上传文件的默认访问级别 UPL5566。\n"
    plain = client.post("/v1/documents", files={"files": ("级别测试.md", text.encode(), "text/markdown")},
                        headers=admin).json()[0]
    assert library["assistant"].document(plain["doc_id"]).access_level.value == "public"
    marked = client.post("/v1/documents", data={"access_level": "restricted"},
                         files={"files": ("级别测试二.md", (text + "第二条 另一份。\n").encode(), "text/markdown")},
                         headers=admin).json()[0]
    assert library["assistant"].document(marked["doc_id"]).access_level.value == "restricted"
    staff = client.post("/v1/search", json={"query": "UPL5566 默认访问级别", "k": 10},
                        headers=library["headers"]["staff"]).json()
    assert marked["doc_id"] not in {h["chunk_id"].split(":")[0] for h in staff["hits"]}
    for doc_id in (plain["doc_id"], marked["doc_id"]):
        assert client.delete(f"/v1/documents/{doc_id}", headers=admin).status_code == 200


def test_the_access_matrix_is_configuration(tmp_path):
    """`role_access` decides: a staff role widened to internal reads the internal plan."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (f"{INTERNAL_PLAN}.md", f"{INTERNAL_PLAN}.meta.toml"):
        (docs / name).write_text(LIBRARY[name], encoding="utf-8")
    role_access = {"admin": ["public", "internal", "restricted"], "duty_officer": ["public"],
                   "trainer": ["public"], "staff": ["public", "internal"]}
    assistant = Assistant(home=tmp_path / "home", role_access=role_access)
    assistant.ingest([docs])
    key = KeyStore(assistant.index.db).add("wide-staff", "staff")
    with TestClient(create_app(assistant)) as client:
        listed = client.get("/v1/documents", headers={"Authorization": f"Bearer {key}"}).json()
    assert [d["title"] for d in listed] == [INTERNAL_PLAN]


def test_unknown_roles_or_levels_in_the_configuration_fail_at_start(tmp_path):
    assistant = Assistant(home=tmp_path, role_access={"chief": ["public"]})
    with pytest.raises(ValueError, match="unknown role 'chief'"):
        create_app(assistant)
    assistant.settings.role_access = {"staff": ["secret"]}
    with pytest.raises(ValueError, match="unknown access level 'secret'"):
        create_app(assistant)

