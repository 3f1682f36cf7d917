"""A county forest-fire plan whose measures of every level sit in one matrix (| 序号 | 响应措施 | 责任单位 | 四级 | 三级 |
二级 | 一级 |, ● under each level that takes a measure), broken over a page with its header repeated and long enough to
be stored in several chunks; levels written 一级…四级; and report wording of distances and areas (「一公里半」, 「6 hm²」,
「现在要转一千二百多人」)."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of_text

from retrieval.plan.duties import duties_for
from retrieval.plan.facts import fact_values

ROWS = [("县森防办主任主持会商", "县森防办", "●___"), ("县森防指常务副指挥长主持会商", "县森防指", "_●__"),
        ("成立县级前线指挥部", "县森防指", "_●●●"), ("调派县森林消防专业队增援", "县应急管理局", "●●●●"),
        ("请求市森防指增派扑火队伍", "县人民政府", "___●"), ("开设临时安置点", "县民政局", "_○●●")]


def _row(n: int, action: str, unit: str, marks: str) -> str:
    """A row with its marks under 四级, 三级, 二级, 一级 (「_」 for none)."""
    return f"| {n} | {action} | {unit} | " + " | ".join("" if c == "_" else c for c in marks) + " |"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    header = "| 序号 | 响应措施 | 责任单位 | 四级 | 三级 | 二级 | 一级 |\n|---|---|---|---|---|---|---|"
    filler = "\n".join(_row(10 + i, f"第{i}项保障工作按既定方案落实到位并做好记录", "县林业局", "●●●●") for i in range(40))
    rows = "\n".join(_row(i, *r) for i, r in enumerate(ROWS[:3], start=1))
    later = "\n".join(_row(i, *r) for i, r in enumerate(ROWS[3:], start=4))
    text = ("# 岚溪县森林火灾应急预案\n\n## 5 应急响应\n\n### 5.1 启动条件\n\n过火面积2公顷以上的，启动四级应急响应。\n\n"
            "过火面积15公顷以上的，启动三级应急响应。\n\n过火面积60公顷以上的，启动二级应急响应。\n\n"
            "过火面积200公顷以上的，启动一级应急响应。\n\n### 5.2 分级响应措施\n\n表5-1 分级响应措施表\n\n"
            f"{header}\n{rows}\n{filler}\n\n— 10 —\n\n岚溪县森林火灾应急预案\n\n{header}\n{later}\n\n"
            "注：●表示该级响应须执行的措施，○表示视情执行。\n")
    return plan_of_text(tmp_path_factory.mktemp("matrix"), text, "岚溪县森林火灾应急预案", "matrix")


def test_the_levels_marked_in_a_matrix_are_the_levels_of_each_measure(plan):
    def actions(level):
        return {m.action for m in duties_for(plan, level)}
    assert "县森防办主任主持会商" in actions(4) and "县森防办主任主持会商" not in actions(3)
    assert "成立县级前线指挥部" in actions(1) and "成立县级前线指挥部" not in actions(4)
    assert "请求市森防指增派扑火队伍" in actions(1), "a row after the page break and the repeated header"
    assert "视情开设临时安置点" in actions(3) and "开设临时安置点" in actions(2), "○ is taken as needed"
    assert not any(a.startswith(("序号", "响应措施")) for a in actions(1))


def test_distances_areas_and_the_latest_count_as_officers_write_them():
    assert fact_values("过火约6 hm²，离220千伏变电站围墙也就一公里半。") == {"过火面积": 6.0, "距离": 1500.0}
    assert fact_values("乡里早上说转移三百来人，现在几个村加起来要转一千二百多人。")["转移人员"] == 1200


def test_a_days_window_a_service_said_to_be_normal_and_a_dam_failure_as_officers_write_them():
    from retrieval.plan.event_types import types_in
    from retrieval.plan.qualitative import qualitative_state

    assert fact_values("中心城区昨晚8点到今天8点降雨量112毫米") == {"24小时降雨量": 112.0}
    assert types_in("旱了四十多天，因旱饮水困难一万二千多人，城区供水正常。") == {"水旱气象灾害"}
    seepage = "柏塘水库主坝下游坡出现两处集中渗漏，水库管理处判断为重大险情。"
    assert qualitative_state("鹊山水库或柏塘水库出现垮坝险情", seepage)[0] == "open"


def test_the_lines_of_a_criteria_section_split_by_hazard_are_no_duties(tmp_path):
    text = ("# 澄川市防汛抗旱应急预案\n\n# 5 应急响应\n\n## 5.2 启动条件\n\n5.2.1 洪水\n\n"
            "表5-2 洪水响应启动条件\n\n| 级别 | 条件 |\n|---|---|\n| Ⅳ级 | 任一控制站水位超过警戒水位 |\n"
            "| Ⅲ级 | 任一控制站水位超警戒水位0.5米以上 |\n\n同时达到两个以上级别条件的，按最高级别启动。\n\n"
            "## 5.3 Ⅳ级应急响应\n\n（1）会商。市防办主任主持会商，研判雨情、水情。\n\n"
            "## 5.4 Ⅲ级应急响应\n\n（1）会商。市防指副指挥长主持会商。\n")
    plan = plan_of_text(tmp_path, text, "澄川市防汛抗旱应急预案", "cc")
    actions = [m.action for m in duties_for(plan, 3)]
    assert any("副指挥长主持会商" in a for a in actions)
    assert not any("按最高级别启动" in a or "控制站水位" in a for a in actions)


def test_who_ends_a_response_after_the_conditions_for_it_is_a_termination_duty():
    from retrieval.plan.measures import _phase
    from retrieval.plan.models import Phase

    action = "人员已全部救出并得到救治，现场处置完毕，次生事件风险消除后，由原启动响应的机构决定终止响应。"
    assert _phase(["第五章 应急响应"], action) is Phase.TERMINATION
