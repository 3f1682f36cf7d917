"""值班台 through AppTest against the real API: open an incident from the form, tick checklist items (stored
by the API, so a new session sees them), keep the duty log, export, close."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
FACTS = "24小时降雨量250毫米，主要河道水位超过保证水位并持续上涨"


def open_incident(app: AppTest, place: str) -> int:
    app.switch_page("views/desk.py").run()
    assert not app.exception, app.exception
    app.selectbox(key="incident_hazard").set_value("防汛")
    app.text_input(key="incident_place").input(place)
    app.text_area(key="incident_facts").input(FACTS)
    app.button(key="incident_submit").click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return int(app.selectbox(key="incident").value)


def test_the_officer_can_name_the_plan_to_apply(app, api_url):
    app.switch_page("views/desk.py").run()
    plans = app.selectbox(key="incident_plan")
    assert plans.value is None and plans.options  # chosen automatically unless the officer names one
    forest = next(d["doc_id"] for d in httpx.get(f"{api_url}/v1/documents").json() if "森林火灾" in d["title"])
    plans.set_value(forest)  # not the plan a flood report would get
    app.selectbox(key="incident_hazard").set_value("防汛")
    app.text_area(key="incident_facts").input(FACTS)
    app.button(key="incident_submit").click().run()
    assert not app.exception, app.exception
    stored = httpx.get(f"{api_url}/v1/incidents/{int(app.selectbox(key='incident').value)}").json()
    assert stored["checklist"]["payload"]["plan_title"] == "示例区森林火灾应急预案"


def item_box(app: AppTest, incident_id: int, index: int):
    return next(c for c in app.checkbox if c.key.startswith(f"item_{incident_id}_{index}_"))


def test_an_incident_opens_with_its_level_checklist_and_briefing(app, api_url):
    incident_id = open_incident(app, "示例区河西街道")
    assert app.subheader[0].value.startswith(f"#{incident_id} 防汛 · 示例区河西街道 · ")
    # two items: the reporting sentence is one duty, not three more items cut from it
    assert [m.value for m in app.metric][:2] == ["Ⅰ级应急响应", "0/2"]
    labels = [c.label for c in app.checkbox if c.key.startswith(f"item_{incident_id}_")]
    assert any("区水务局应当在30分钟内" in label and "（30分钟内）" in label for label in labels)
    text = "\n".join(m.value for m in app.markdown)
    assert "**信息报送要求**" in text and "#src-inc" in text  # briefing sections with their [n] markers
    assert app.button(key=f"inc{incident_id}cl_item_1").label == "[2]"


def test_ticks_are_kept_by_the_api_and_seen_by_a_new_session(app, api_url, monkeypatch):
    incident_id = open_incident(app, "示例区东湖街道")
    item_box(app, incident_id, 1).check().run()
    assert not app.exception, app.exception
    stored = httpx.get(f"{api_url}/v1/incidents/{incident_id}").json()
    assert stored["items"][1]["done"] and stored["items"][1]["by"] == "anonymous"
    assert any(c.value.startswith("✔ anonymous 于 ") for c in app.caption)

    # a reload is a new session; the address keeps ?incident=N
    reloaded = AppTest.from_file(str(APP), default_timeout=60)
    reloaded.query_params["incident"] = str(incident_id)
    reloaded.run()
    reloaded.switch_page("views/desk.py").run()
    assert int(reloaded.selectbox(key="incident").value) == incident_id
    assert item_box(reloaded, incident_id, 1).value is True
    assert item_box(reloaded, incident_id, 0).value is False

    item_box(reloaded, incident_id, 1).uncheck().run()
    assert not httpx.get(f"{api_url}/v1/incidents/{incident_id}").json()["items"][1]["done"]


def test_the_duty_log_export_and_closing(app, api_url):
    incident_id = open_incident(app, "示例区西山镇")
    app.radio(key=f"log_kind_{incident_id}").set_value("续报")
    app.text_area(key=f"log_text_{incident_id}").input("西山镇转移群众320人，无人员伤亡。")
    app.button(key=f"log_add_{incident_id}").click().run()
    assert not app.exception, app.exception
    log = next(d.value for d in app.dataframe if "类型" in d.value.columns)  # the duty log
    assert list(log["类型"]) == ["续报"] and list(log["内容"]) == ["西山镇转移群众320人，无人员伤亡。"]
    item_box(app, incident_id, 0).check().run()

    assert app.get("download_button")  # DOCX and Markdown; the files come from the export endpoint
    markdown = httpx.get(f"{api_url}/v1/incidents/{incident_id}/export", params={"format": "md"}).text
    assert "## 处置清单" in markdown and "- [x] 【处置】" in markdown and "已完成：anonymous" in markdown
    assert "【续报】anonymous：西山镇转移群众320人" in markdown and "#### 简报来源" in markdown
    docx = httpx.get(f"{api_url}/v1/incidents/{incident_id}/export", params={"format": "docx"})
    assert docx.content[:2] == b"PK" and "attachment" in docx.headers["content-disposition"]

    app.checkbox(key=f"close_confirm_{incident_id}").check().run()
    app.button(key=f"close_{incident_id}").click().run()
    assert not app.exception, app.exception
    assert any("只读" in i.value for i in app.info)
    assert item_box(app, incident_id, 0).disabled
    assert httpx.get(f"{api_url}/v1/incidents", params={"status": "closed"}).json()[0]["id"] == incident_id


def test_the_form_asks_for_a_hazard(app):
    app.switch_page("views/desk.py").run()
    app.button(key="incident_submit").click().run()
    assert any(w.value == "请填写灾种。" for w in app.warning)


def test_the_facts_as_read_are_shown_and_an_edit_decides_the_level_again(app, api_url):
    incident_id = open_incident(app, "示例区西岭街道")
    assert [m.value for m in app.metric][0] == "Ⅰ级应急响应"
    facts = next(d.value for d in app.dataframe if "事实" in d.value.columns)  # the facts as read
    assert dict(zip(facts["事实"], facts["数值"], strict=True))["24小时降雨量"] == "250"

    app.text_area(key=f"facts_text_{incident_id}").input("24小时降雨量80毫米，河道水位低于警戒水位")
    app.button(key=f"facts_submit_{incident_id}").click().run()
    assert not app.exception, app.exception
    assert [m.value for m in app.metric][0] == "待定"
    # the level is open (超保证水位 and 持续上涨 not yet known): only the first report with its deadline, which the
    # plan asks at every level, never a duty of one level
    labels = [c.label for c in app.checkbox if c.key.startswith(f"item_{incident_id}_")]
    assert labels and all("30分钟内" in label for label in labels), labels
    assert not any(re.search(r"[ⅠⅡⅢⅣ]级", label) for label in labels), labels
    stored = httpx.get(f"{api_url}/v1/incidents/{incident_id}").json()
    assert stored["facts"].startswith("24小时降雨量80毫米") and stored["log"][-1]["kind"] == "级别调整"
