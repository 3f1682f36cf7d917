"""Distances a forest-fire plan grades by what they are to: a criterion listing its facilities after the level
(「火线距下列设施不足3公里的，启动Ⅲ级应急响应：蛟潭水电站、…」), a village, the county town. A report that states
several distances (450 m to a house, 3.2 km to a substation) is read per target, not by its nearest figure."""

from __future__ import annotations

import pytest
from plan_fixtures import plan_of

from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.plan.qualitative import qualitative_state

PLAN = """# 示例县森林火灾应急预案

## 4 应急响应

### 4.1 响应条件

（一）村庄
1．火线距有人居住的村庄（含自然村、林区居民点）不足 500 米，且火势向村庄蔓延的，启动Ⅳ级应急响应。

（二）重要设施
1．火线距下列设施不足 3 公里的，启动Ⅲ级应急响应：青岗水电站、110千伏石门变电站、青岗至石门天然气支线管道。

（三）县城
1．火线距县城规划区边界不足 10 公里的，启动Ⅱ级应急响应。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("distances") / "示例县森林火灾应急预案.md"
    path.write_text(PLAN, encoding="utf-8")
    return plan_of(path, "示例县森林火灾应急预案", "fire")


@pytest.mark.parametrize(("report", "level"), [
    ("火线向东北缓慢蔓延，距青岗水电站约2.5公里。", 3),  # a listed facility, within 3 km
    ("火线离石门变电站还有3.2公里，暂无威胁。", None),  # a listed facility by its short name, beyond 3 km
    # the nearest distance is to a house, the substation is 3.2 km off: Ⅳ, not Ⅲ
    ("火线离最近的房子大约四百五十米，火正往居民点方向烧。火线离石门变电站还有3.2公里。", 4),
    ("火线距离县城规划区边界不到两公里，还在往城区方向推。", 2),
    ("火线离村子约800米，火在往村里烧。", None),  # beyond 500 m of the village, and no facility named
])
def test_a_distance_is_compared_with_the_criterion_for_its_own_target(plan, report, level):
    assert determine_level(plan, parse_incident_facts(report)).level == level


@pytest.mark.parametrize(("condition", "report", "state"), [
    # blind dev reports: what an officer writes for a fire the county cannot hold, or one that will reach the town
    ("县内扑火力量不足", "县专业队和乡镇扑火队全压上去了还是不够，要请邻县派两支队伍过来。", "met"),
    ("县内扑火力量不足", "县专业队正在扑打，火头基本压住了。", "open"),
    ("火势威胁县城安全", "前线指挥部研判火头三四个小时就能烧到县城边上。", "met"),
    ("火场跨乡镇蔓延", "火正往居民点方向烧，火线离最近的房子四百五十米。", "open"),
])
def test_officers_words_for_a_fire_beyond_the_county_or_near_the_town(condition, report, state):
    assert qualitative_state(condition, report)[0] == state


def test_a_criteria_table_cut_across_chunks_keeps_its_level_column(tmp_path):
    """Blind dev 篁岙: 「| 序号 | 类别 | 启动条件 | 响应级别 |」 with the level last; the rows a later chunk holds (no header
    of their own) are criteria of their level too, and a distance to a named place needs that place named."""
    rows = "\n".join(f"| {i} | 受害面积 | 受害森林面积达到 {i} 0 0 公顷 | 四级 |" for i in range(1, 40))
    text = ("# 示例县森林火灾应急预案\n\n## 四、分级响应\n\n### （三）启动条件\n\n| 序号 | 类别 | 启动条件 | 响应级别 |\n"
            f"| --- | --- | --- | --- |\n{rows}\n| 40 | 县城 | 火线距示例镇建成区边缘不满 3 公里 | 一级 |\n"
            "| 41 | 重要目标 | 火线距县民用爆炸物品储存库不满 5 0 0 米 | 二级 |\n")
    path = tmp_path / "示例县森林火灾应急预案.md"
    path.write_text(text, encoding="utf-8")
    plan = plan_of(path, "示例县森林火灾应急预案", "fire")
    assert any("建成区" in t.text for lv in plan.levels if lv.level == 1 for t in lv.triggers)
    assert determine_level(plan, parse_incident_facts("火线离村子七百来米，暂无伤亡。")).level is None
    assert determine_level(plan, parse_incident_facts("火线离民爆器材仓库围墙四百米左右。")).level == 2
