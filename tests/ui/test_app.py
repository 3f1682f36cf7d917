"""The console against the real API of the `api_url` fixture, through Streamlit's AppTest: the sidebar,
预案查询 (search, its filters, the passage viewer) and 文档库 (list, structure tree, upload, delete)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

UI = Path(__file__).resolve().parents[2] / "ui"
LAW = "示例区突发事件应对条例"
FLOOD = "示例区防汛应急预案"


def markdown_text(at) -> str:
    """Every Markdown element of the page, an open dialog's included."""
    return "\n".join(str(m.value) for m in at.markdown)


def test_the_sidebar_shows_the_api_the_library_and_the_caller(app, api_url):
    captions = [c.value for c in app.sidebar.caption]
    assert any(api_url in c for c in captions)
    assert any("份文档" in c for c in captions)
    assert "当前用户：anonymous（管理员）" in captions  # open mode: loopback callers are admin
    assert not [w for w in app.text_input if w.key.startswith("api_key_input")]  # nobody has to sign in


def test_an_admin_sees_every_page(app):
    for page in ("desk", "search", "chat", "drill", "exercise", "library", "evaluation"):
        app.switch_page(f"views/{page}.py").run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])


def test_every_page_renders_in_english(api_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLANASSIST_API_URL", api_url)
    for page, title in (("desk", "Duty desk"), ("chat", "Ask the rules"), ("drill", "Drill builder"),
                        ("exercise", "Tabletop exercise"), ("library", "Library"), ("evaluation", "Evaluation")):
        # one fresh run per page: AppTest formats option labels in the test's own (zh) context on a rerun
        app = AppTest.from_file(str(UI / "app.py"), default_timeout=60)
        app.session_state["lang_en"] = True
        app.switch_page(f"views/{page}.py").run()
        assert not app.exception, (page, app.exception)
        assert app.header[0].value == title


def test_search_page_renders_hits_with_locator_and_marked_terms(app):
    assert app.header[0].value == "预案查询"
    app.text_input(key="search_query").input(f"{LAW}第四条").run()
    assert not app.exception, app.exception
    text = markdown_text(app)
    assert f"《{LAW}》（2023年修订） 第四条" in text
    assert "<mark>" in text and "1小时内" in text


def test_a_search_hit_opens_the_passage_viewer(app):
    app.text_input(key="search_query").input(f"{LAW}第四条").run()
    next(b for b in app.button if b.key.startswith("source_1_")).click().run()
    assert not app.exception, app.exception
    assert any(m.value.startswith(f"**《{LAW}》") and "2023年修订" in m.value for m in app.markdown)
    assert any(c.value.startswith("第四条") for c in app.caption)
    assert any("<mark>" in m.value and "1小时内" in m.value for m in app.markdown)


def test_search_filters_by_type(app):
    app.text_input(key="search_query").input("信息报告").run()
    app.selectbox(key="search_type").set_value("regulation").run()
    text = markdown_text(app)
    assert f"《{LAW}》" in text and "防汛应急预案》" not in text


def test_search_filters_by_issuer_year_and_version(app):
    assert "示例区人民政府" in app.selectbox(key="search_issuer").options
    app.text_input(key="search_query").input("信息报告").run()
    app.selectbox(key="search_issuer").set_value("示例区人民政府").run()
    text = markdown_text(app)
    assert f"《{FLOOD}》" in text and "森林火灾应急预案》" not in text

    app.selectbox(key="search_issuer").set_value("").run()
    app.selectbox(key="search_version").set_value("2023年版").run()
    text = markdown_text(app)
    assert "《示例区森林火灾应急预案》" in text and f"《{FLOOD}》" not in text and f"《{LAW}》" not in text


def test_english_toggle_switches_the_strings(app):
    app.toggle(key="lang_en").set_value(True).run()
    assert app.header[0].value == "Search"
    assert app.text_input(key="search_query").label == "Query"
    assert app.selectbox(key="search_issuer").label == "Issuer"


def test_library_page_lists_the_documents(app):
    app.switch_page("views/library.py").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert {LAW, FLOOD} <= set(table["标题"])
    row = table[table["标题"] == FLOOD].iloc[0]
    assert row["类型"] == "应急预案" and row["版本"] == "2024年版" and row["状态"] == "已入库"


def test_library_page_shows_a_documents_structure_tree(app, api_url):
    doc_id = next(d["doc_id"] for d in httpx.get(f"{api_url}/v1/documents").json() if d["title"] == FLOOD)
    app.switch_page("views/library.py").run()
    app.selectbox(key="structure_doc").set_value(doc_id).run()
    tree = next(m.value for m in app.markdown if "总则" in m.value and "应急响应" in m.value)
    assert re.search(r"^- \*\*1 总则\*\*$", tree, re.MULTILINE)
    assert re.search(r"^ {4}- 4\\\.2 信息报告$", tree, re.MULTILINE)
    chunks = httpx.get(f"{api_url}/v1/documents/{doc_id}/chunks").json()
    clause = next(c["chunk_id"] for c in chunks if c["locator"] == "4.2 信息报告")
    app.selectbox(key="structure_clause").set_value(clause).run()
    assert not app.exception, app.exception
    assert any("30分钟内" in m.value for m in app.markdown)


def test_library_page_uploads_with_progress_and_deletes_a_document(app, api_url):
    app.switch_page("views/library.py").run()
    text = "# 示例区雪灾应急预案\n\n## 1 总则\n\n### 1.1 编制目的\n\n为了有效应对示例区暴雪和低温冰冻灾害，" \
           "保障道路交通、电力供应和群众生活，最大限度减少灾害损失，制定本预案。\n"
    app.file_uploader(key="upload_files").set_value(("示例区雪灾应急预案.md", text.encode(), "text/markdown"))
    app.button(key="upload_submit").click().run()
    assert not app.exception, app.exception
    assert any("示例区雪灾应急预案" in s.value for s in app.success), [e.value for e in app.error]
    documents = httpx.get(f"{api_url}/v1/documents").json()
    doc_id = next(d["doc_id"] for d in documents if d["title"] == "示例区雪灾应急预案")

    app.selectbox(key="delete_choice").set_value(doc_id).run()
    app.checkbox(key="delete_confirm").check().run()
    app.button(key="delete_submit").click().run()
    assert not app.exception, app.exception
    assert any("已删除" in s.value for s in app.success)
    assert httpx.get(f"{api_url}/v1/documents/{doc_id}").status_code == 404


def test_api_url_comes_from_the_command_line_then_the_environment():
    from ui.components import api_url_from

    env = {"PLANASSIST_API_URL": "http://b:2"}
    assert api_url_from(["app.py", "--api", "http://a:1"], env) == "http://a:1"
    assert api_url_from(["app.py", "--api=http://a:1"], {}) == "http://a:1"
    assert api_url_from(["app.py"], env) == "http://b:2"
    assert api_url_from([], {}) == "http://127.0.0.1:8000"


def test_the_console_never_imports_the_stores():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in UI.rglob("*.py"))
    assert not re.search(r"^\s*(from|import)\s+(assistant|retrieval)\b", sources, re.MULTILINE)
