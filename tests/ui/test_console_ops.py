"""The console for end users: a sign-in screen in plain words, a shared incident link that survives signing in,
a page the role may not open explained, one language at a time, times in the configured zone, and an upload's
progress and password problem worded for the form — through AppTest against real APIs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import httpx
import pytest
from servers import serve_api, stop
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "ui" / "app.py"
CJK = re.compile(r"[\u3400-\u9fff（）：，。、「」]")
PLAN = "示例区防汛应急预案"


@pytest.fixture(scope="module")
def keyed_api(tmp_path_factory):
    """A real API with keys for a duty officer and a staff member, a flood plan and two incidents."""
    from assistant.service import Assistant
    from assistant.web.auth import KeyStore

    docs = tmp_path_factory.mktemp("keyed-docs")
    for name in (f"{PLAN}.md", f"{PLAN}.meta.toml"):
        shutil.copy(REPO / "plans_corpus" / name, docs / name)
    home = tmp_path_factory.mktemp("keyed-home")
    assistant = Assistant(home=home)
    assert all(r.ok for r in assistant.ingest([docs]))
    store = KeyStore(assistant.index.db)
    keys = {"zhang": store.add("zhang", "duty_officer"), "li": store.add("li", "staff")}
    url, process = serve_api(home, tmp_path_factory.mktemp("keyed-log") / "api.log")
    try:
        headers = {"Authorization": f"Bearer {keys['zhang']}"}
        ids = [httpx.post(f"{url}/v1/incidents", headers=headers, timeout=120, json={
            "hazard": "防汛", "place": place, "facts": "24小时降雨量230毫米"}).json()["id"] for place in ("河西街道", "河东街道")]
        yield url, keys, ids
    finally:
        stop(process)


def console(url: str, monkeypatch, english: bool = False) -> AppTest:
    monkeypatch.setenv("PLANASSIST_API_URL", url)
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.session_state["lang_en"] = english
    return app


def everything_shown(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "header",
                                   "subheader", "title") for e in getattr(app, kind)]
    parts += [w.label for kind in ("text_input", "button", "selectbox", "checkbox", "toggle", "expander")
              for w in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


def sign_in(app: AppTest, key: str) -> None:
    field = next(w for w in app.text_input if w.key.startswith("api_key_input"))
    field.input(key).run()
    assert not app.exception, app.exception


def test_the_sign_in_screen_speaks_to_people_not_to_http_clients(keyed_api, monkeypatch):
    url, _, _ = keyed_api
    app = console(url, monkeypatch).run()
    shown = everything_shown(app)
    assert "登录" in [h.value for h in app.header] and "访问密钥" in shown and "管理员" in shown
    assert not re.search(r"Authorization|Bearer|header|planassist users", shown), shown
    sign_in(app, "not-a-key")
    assert any("无效或已被停用" in e.value for e in app.error)
    assert not re.search(r"Authorization|Bearer|header", everything_shown(app))


def test_a_shared_incident_link_opened_signed_out_lands_on_that_incident_after_signing_in(keyed_api, monkeypatch):
    url, keys, (first, second) = keyed_api
    app = console(url, monkeypatch)
    app.query_params["incident"] = str(first)  # the older incident: the desk would otherwise open the newest
    app.run()
    sign_in(app, keys["zhang"])
    assert app.selectbox(key="incident").value == first, [s.value for s in app.subheader]
    assert app.subheader[0].value.startswith(f"#{first} ")


def test_staff_opening_the_desk_are_told_why_they_see_another_page(keyed_api, monkeypatch):
    url, keys, _ = keyed_api
    app = console(url, monkeypatch).run()
    sign_in(app, keys["li"])
    app.switch_page("views/desk.py").run()  # what a browser opening /desk asks for
    assert not app.exception, app.exception
    notice = " ".join(w.value for w in app.warning)
    assert "「值班台」仅限" in notice and "工作人员" in notice and "预案查询" in notice


def test_times_are_local_with_their_zone(keyed_api, monkeypatch):
    url, keys, _ = keyed_api
    monkeypatch.setenv("PLANASSIST_TIMEZONE", "Asia/Shanghai")
    app = console(url, monkeypatch).run()
    sign_in(app, keys["zhang"])
    # the incident the desk shows (the newest open one): the fixture's two may be opened in different minutes
    shown = app.selectbox(key="incident").value
    created = httpx.get(f"{url}/v1/incidents/{shown}", headers={"Authorization": f"Bearer {keys['zhang']}"},
                        timeout=30).json()["created_at"]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(created).astimezone(ZoneInfo("Asia/Shanghai"))
    assert f"{local:%Y-%m-%d %H:%M} (UTC+08:00)" in everything_shown(app)


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_each_page_speaks_one_language(api_url, monkeypatch, english):
    """Every label, heading, notice and table value of the console's own in the chosen language only; document
    text (titles, clauses, quotes) is what it is."""
    for page in ("search", "library", "desk", "chat"):
        app = console(api_url, monkeypatch, english)
        if page == "search":  # set before the first run: AppTest formats option labels in zh on a rerun
            app.session_state["search_query"] = "核电站事故的赔偿标准是多少？"
        app.switch_page(f"views/{page}.py").run()
        if page == "chat":
            app.chat_input[0].set_value("核电站事故的赔偿标准是多少？").run()
        assert not app.exception, (page, app.exception)
        chrome = [w.label for kind in ("text_input", "button", "selectbox", "toggle", "expander")
                  for w in getattr(app, kind) if "《" not in w.label]  # a source's 《title》 is document text
        chrome += [e.value for kind in ("header", "subheader", "info", "warning", "caption") for e in getattr(app, kind)
                   if "《" not in e.value]
        tables = [str(v) for frame in app.dataframe for column in ("Status", "Access", "状态", "密级")
                  if column in frame.value for v in frame.value[column]]
        if english:
            assert not [c for c in chrome + tables if CJK.search(c)], (page, chrome, tables)
        else:
            assert not {"indexed", "public", "internal", "restricted"} & set(tables), (page, tables)
            notices = [w.value for w in app.warning]
            assert not [n for n in notices if "not found in the documents" in n], notices


@pytest.mark.corpus
def test_an_encrypted_pdf_upload_points_at_the_forms_password_field(app, shared_corpus):
    encrypted = shared_corpus / "pdf" / "加密-生产安全事故应急条例.pdf"
    app.switch_page("views/library.py").run()
    app.file_uploader(key="upload_files").set_value((encrypted.name, encrypted.read_bytes(), "application/pdf"))
    app.button(key="upload_submit").click().run()
    assert not app.exception, app.exception
    errors = " ".join(e.value for e in app.error)
    assert "「PDF 密码」" in errors and "--password" not in errors and ".meta.toml" not in errors, errors
