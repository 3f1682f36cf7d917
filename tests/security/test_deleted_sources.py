"""Quotes keep the access level of their source (issue 14, item 9).

An incident quotes the plans it was opened from, an exercise the plan it was built from. Records quoting a
restricted plan are invisible to a duty officer or trainer who may not read restricted documents — and they must
stay so once that plan is deleted: the quotes are copies of its text.
"""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow

MARKER = "BH5520"
PLAN = f"""# 示例区白鹭化工园区危化品泄漏应急预案

## 4 应急响应

### 4.1 分级响应

危化品泄漏量超过10吨时，由区应急指挥部总指挥决定启动Ⅰ级应急响应。

危化品泄漏量超过1吨时，由区应急管理局局长决定启动Ⅱ级应急响应。

### 4.2 先期处置

白鹭化工园区管委会（代号{MARKER}）应当立即组织疏散下风向500米内人员，并封闭园区道路。

### 4.3 信息报告

白鹭化工园区管委会（代号{MARKER}）应当在15分钟内向区应急管理局报告泄漏物质、泄漏量和人员伤亡情况。
"""
SIDECAR = 'doc_type = "plan"\nhazard_types = ["危化品泄漏"]\n'


def test_an_incident_quoting_a_deleted_restricted_plan_stays_hidden(keyed):
    url, headers, _ = keyed
    admin = httpx.Client(base_url=url, headers=headers["admin"], timeout=180)
    officer = httpx.Client(base_url=url, headers=headers["duty_officer"], timeout=180)
    files = [("files", ("示例区白鹭化工园区危化品泄漏应急预案.md", PLAN.encode(), "text/markdown")),
             ("files", ("示例区白鹭化工园区危化品泄漏应急预案.meta.toml", SIDECAR.encode(), "text/plain"))]
    uploaded = admin.post("/v1/documents", files=files, data={"access_level": "restricted"})
    assert uploaded.status_code == 200 and uploaded.json()[0]["ok"], uploaded.text
    doc_id = uploaded.json()[0]["doc_id"]
    incident = admin.post("/v1/incidents", json={"hazard": "危化品泄漏", "place": "白鹭化工园区",
                                                 "facts": "危化品泄漏量12吨"})
    assert incident.status_code == 200 and MARKER in incident.text, incident.text[:500]
    incident_id = incident.json()["id"]

    def hidden_from_the_officer() -> None:
        assert officer.get(f"/v1/incidents/{incident_id}").status_code == 404
        assert officer.get(f"/v1/incidents/{incident_id}/export").status_code == 404
        assert incident_id not in {i["id"] for i in officer.get("/v1/incidents").json()}
        assert officer.post(f"/v1/incidents/{incident_id}/log", json={"text": "续报"}).status_code == 404

    hidden_from_the_officer()
    assert admin.delete(f"/v1/documents/{doc_id}").status_code == 200
    hidden_from_the_officer()
    assert MARKER in admin.get(f"/v1/incidents/{incident_id}").text  # the record itself is kept


def test_an_exercise_built_on_a_deleted_restricted_plan_stays_hidden(keyed):
    url, headers, _ = keyed
    admin = httpx.Client(base_url=url, headers=headers["admin"], timeout=180)
    trainer = httpx.Client(base_url=url, headers=headers["trainer"], timeout=180)
    stem = "示例区白鹭化工园区危化品泄漏应急预案-推演"
    files = [("files", (f"{stem}.md", PLAN.encode(), "text/markdown")),
             ("files", (f"{stem}.meta.toml", SIDECAR.encode(), "text/plain"))]
    uploaded = admin.post("/v1/documents", files=files, data={"access_level": "restricted"})
    assert uploaded.status_code == 200 and uploaded.json()[0]["ok"], uploaded.text
    doc_id = uploaded.json()[0]["doc_id"]
    built = admin.post("/v1/exercises", json={"hazard": "危化品泄漏", "place": "白鹭化工园区", "doc_id": doc_id})
    assert built.status_code == 200 and MARKER in built.text, built.text[:500]
    exercise_id = built.json()["id"]

    def hidden_from_the_trainer() -> None:
        assert trainer.get(f"/v1/exercises/{exercise_id}").status_code == 404
        assert trainer.get(f"/v1/exercises/{exercise_id}/export").status_code == 404
        assert exercise_id not in {e["id"] for e in trainer.get("/v1/exercises").json()}
        assert trainer.post(f"/v1/exercises/{exercise_id}/finish").status_code == 404

    hidden_from_the_trainer()
    assert admin.delete(f"/v1/documents/{doc_id}").status_code == 200
    hidden_from_the_trainer()
    assert MARKER in admin.get(f"/v1/exercises/{exercise_id}").text  # the record itself is kept
    assert admin.get(f"/v1/exercises/{2**63}").status_code == 422  # an id SQLite cannot hold is a request error
