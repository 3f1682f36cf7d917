"""A county relief plan's start criteria in an HTML table with a two-row header (「响应级别」 spanning both rows, a
group header spanning four columns over 死亡（含失踪）人数 / 紧急转移安置… / 倒塌和严重损坏房屋 / …), as OCR'd plans embed
them; and relief reports as officers write them (「房屋倒塌１１间、严重损坏２６间」, 「请示启动救助响应」)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.loaders.html import html_blocks
from retrieval.plan.decision import determine_level
from retrieval.plan.digital_plan import Ladder
from retrieval.plan.event_types import types_in
from retrieval.plan.facts import comparable_values, fact_values
from retrieval.plan.incident_facts import parse_incident_facts
from retrieval.plan.thresholds import parse_thresholds

TABLE = ('<table><tr><td rowspan="2">响应级别</td><td colspan="3">一次灾害过程造成下列后果之一的</td></tr>'
         '<tr><td>死亡（含失踪）人数</td><td>紧急转移安置人数</td><td>倒塌和严重损坏房屋</td></tr>'
         '<tr><td>Ⅳ级</td><td>1人以上、3人以下</td><td>1000人以上、5000人以下</td><td>50间以上、300间以下</td></tr>'
         '<tr><td>Ⅲ级</td><td>3人以上、10人以下</td><td>5000人以上、1万人以下</td><td>300间以上、1000间以下</td></tr>'
         '<tr><td colspan="4">注：经县减灾委研判认为需要启动的，按相应级别启动。</td></tr></table>')


def test_a_spanning_header_gives_every_column_its_whole_header():
    rows = [b.text for b in html_blocks(TABLE)]
    assert rows[0] == ("响应级别 | 一次灾害过程造成下列后果之一的 死亡（含失踪）人数 | 一次灾害过程造成下列后果之一的 紧急转移安置人数"
                       " | 一次灾害过程造成下列后果之一的 倒塌和严重损坏房屋")
    assert rows[1] == "Ⅳ级 | 1人以上、3人以下 | 1000人以上、5000人以下 | 50间以上、300间以下"
    assert rows[-1] == "注：经县减灾委研判认为需要启动的，按相应级别启动。", "a note across the table is one cell"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("relief") / "relief.md"
    path.write_text("# 芦溪县自然灾害救助应急预案\n\n## 5 应急响应\n\n### 5.1 响应启动条件\n\n"
                    f"表5-1　县级自然灾害救助应急响应启动条件\n\n{TABLE}\n\n### 5.2 Ⅳ级响应措施\n\n"
                    "县应急管理局牵头，派出工作组赶赴灾区，核查灾情。\n\n### 5.3 Ⅲ级响应措施\n\n"
                    "县财政局牵头，紧急预拨县级自然灾害救助资金。\n", encoding="utf-8")
    return plan_of(path, "芦溪县自然灾害救助应急预案", "relief")


def test_each_column_of_the_table_is_a_criterion_of_its_level(plan):
    levels = {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}
    measured = {t.quantity for trigger in levels[3].triggers for t in trigger.thresholds}
    assert {"死亡失踪", "转移人员", "倒塌和严重损坏房屋"} <= measured


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("下冰雹夹大风，紧急转移安置１２４０人；房屋倒塌１１间、严重损坏２６间。无人员伤亡。", 4),
        ("全县倒塌房屋２８０间、严重损坏１２０间；紧急转移安置４３００人；死亡１人。", 3),  # 400 houses: Ⅲ
        ("山洪冲了沟边几户人家，转移安置４６０人，无人员伤亡，倒塌房屋３间。", None),
    ],
)
def test_relief_reports_as_officers_write_them(plan, report, level):
    assert "灾害救助" in types_in(report + "请示启动救助响应")
    assert determine_level(plan, parse_incident_facts(report)).level == level


def test_a_share_of_the_farming_population_is_read_on_both_sides():
    found = [(t.quantity, t.value) for t in parse_thresholds("需政府救助人数占农业人口8%以上、15%以下")]
    assert found == [("占农业人口比例", 8), ("占农业人口比例", 15)]
    assert fact_values("需政府救助的群众３.９６万人，按去年末农业人口算正好占１５%")["占农业人口比例"] == 15


def test_collapsed_and_badly_damaged_houses_are_counted_together():
    values = fact_values("房屋倒塌１１间、严重损坏２６间，一般损坏三百多间")
    assert values["倒塌房屋"] == 11 and values["严重损坏房屋"] == 26
    assert comparable_values(values)["倒塌和严重损坏房屋"] == 37
