"""The digital plan on real plans: levels, triggers and thresholds, measures, report rules, and the response
level an incident's facts call for; plus the phrase grammar (以上 vs 超过, 万, Chinese numerals)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.chunking import chunk_sections
from retrieval.models import Block, Chunk, DocType, DocumentMeta
from retrieval.plan.digital_plan import (
    Comparator,
    DigitalPlan,
    Ladder,
    Mode,
    Phase,
    canonical_quantity,
    find_time_limit,
    parse_digital_plan,
    parse_thresholds,
    responsible_units,
)
from retrieval.plan.incident_facts import determine_level, parse_incident_facts
from retrieval.structure import parse_sections

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "plans_corpus"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def _blocks(path: Path) -> list[Block]:
    try:
        from retrieval.loaders import load

        return load(path).blocks
    except ImportError:  # the loader package is still being built: read the Markdown lines directly
        lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
        return [
            Block(
                text=re.sub(r"^#+\s*", "", line).replace("**", ""),
                heading_level=1 if line.startswith("#") else None,
            )
            for line in lines
            if line and not re.fullmatch(r"\|?[\s:|-]+\|?", line)
        ]


def _chunks(path: Path, doc_id: str = "d1") -> list[Chunk]:
    meta = DocumentMeta(title=path.stem, doc_type=DocType.PLAN)
    return chunk_sections(parse_sections(_blocks(path)), doc_id=doc_id, meta=meta, source_path=str(path))


@pytest.fixture(scope="module")
def flood_chunks() -> list[Chunk]:
    return _chunks(SAMPLE / "示例区防汛应急预案.md")


@pytest.fixture(scope="module")
def flood(flood_chunks) -> DigitalPlan:
    return parse_digital_plan("d1", "示例区防汛应急预案", flood_chunks)


def _chunk(chunks: list[Chunk], chunk_id: str) -> Chunk:
    return next(c for c in chunks if c.chunk_id == chunk_id)


def _response_levels(plan: DigitalPlan) -> dict[int, object]:
    return {lv.level: lv for lv in plan.levels if lv.ladder is Ladder.RESPONSE}


# --- the sample flood plan ---------------------------------------------------------------------------


def test_sample_plan_has_four_levels_with_triggers_and_deciders(flood, flood_chunks):
    levels = _response_levels(flood)
    assert sorted(levels) == [1, 2, 3, 4]
    for number, level in levels.items():
        assert ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"][number - 1] in level.label
        assert len(level.triggers) >= 3
        assert level.decided_by and level.decided_by_chunk
        assert level.decided_by in _chunk(flood_chunks, level.decided_by_chunk).text
        for trigger in level.triggers:
            assert trigger.text in _chunk(flood_chunks, trigger.chunk_id).text, (
                "a trigger is a verbatim quote"
            )
            assert all(t.text in trigger.text for t in trigger.thresholds)
    intro = _chunk(flood_chunks, levels[1].triggers[0].chunk_id).text.split("\n")[0]
    assert levels[1].mode is (Mode.ALL if "同时满足" in intro else Mode.ANY)
    assert levels[2].mode is Mode.ANY
    assert levels[4].decided_by == "区防指办公室主任"


def test_sample_plan_thresholds_carry_value_unit_and_comparator(flood):
    thresholds = [t for trigger in _response_levels(flood)[2].triggers for t in trigger.thresholds]
    by_quantity = {t.quantity: t for t in thresholds}
    rain = by_quantity["24小时降雨量"]
    assert (rain.comparator, rain.value, rain.unit) == (Comparator.GT, 100, "毫米"), (
        "「超过」 excludes the number"
    )
    deaths = by_quantity["死亡失踪"]  # 「死亡（含失踪）」 counts the missing too
    assert (deaths.comparator, deaths.value, deaths.unit) == (Comparator.GE, 10, "人"), "「以上」 includes it"
    evacuated = by_quantity["转移人员"]
    assert (evacuated.value, evacuated.unit, evacuated.text) == (10000, "人", "1万人以上")
    assert by_quantity["超警戒水位"].value == 0.5
    parsed = [t for lv in _response_levels(flood).values() for t in lv.triggers if t.thresholds]
    assert len(parsed) >= 10


def test_sample_plan_warning_levels_are_a_separate_ladder(flood):
    warnings = {lv.level: lv for lv in flood.levels if lv.ladder is Ladder.WARNING}
    assert sorted(warnings) == [1, 2, 3, 4]
    assert "蓝色" in warnings[4].label and warnings[4].triggers


def test_facts_meeting_level_two_give_level_two_with_the_met_trigger(flood, flood_chunks):
    facts = parse_incident_facts(
        "示例区清水河示例站水位超过警戒水位0.6米，已造成2人死亡，需紧急转移群众1.2万人"
    )
    decision = determine_level(flood, facts)
    assert decision.level == 2 and "Ⅱ级" in decision.label
    assert decision.met
    for trigger, threshold in decision.met:
        chunk = _chunk(flood_chunks, trigger.chunk_id)
        assert any("Ⅱ级" in h for h in chunk.heading_path)
        assert threshold.text in chunk.text
    assert {t.quantity for _, t in decision.met} == {"超警戒水位", "转移人员"}
    assert "Ⅱ级" in decision.explanation


def test_facts_meeting_nothing_report_the_missing_quantities(flood):
    decision = determine_level(flood, parse_incident_facts("预计未来24小时全区平均降雨量30毫米"))
    assert decision.level is None
    assert {"死亡失踪", "转移人员", "超警戒水位"} <= set(decision.missing)
    assert "24小时降雨量" not in decision.missing
    assert decision.undecidable_triggers, "conditions without numbers are shown for a person to judge"
    assert "需补充" in decision.explanation


def test_a_lower_level_met_still_names_what_could_raise_it(flood):
    decision = determine_level(flood, parse_incident_facts("因灾死亡三人"))
    assert decision.level == 3
    assert "转移人员" in decision.missing


def test_all_of_level_needs_every_trigger(flood):
    facts = parse_incident_facts("24小时降雨量200毫米，因灾死亡12人，需转移群众4万人")
    decision = determine_level(flood, facts)
    assert decision.level == 2, "Ⅰ级 needs all its triggers; the water level is not known"
    assert "超保证水位" in decision.missing


def test_level_two_measures_have_units_and_time_limits(flood):
    measures = [m for m in flood.measures if m.level == 2]
    assert len(measures) >= 5
    assert all(m.lead_units for m in measures)
    assert sum(bool(m.time_limit) for m in measures) >= len(measures) - 1
    rescue = next(m for m in measures if "区消防救援支队" in m.support_units)
    assert rescue.lead_units == ["区应急管理局"]
    assert rescue.time_limit == "接到指令后30分钟内"
    assert "牵头单位" not in rescue.action
    reporting = [m for m in measures if m.phase is Phase.REPORTING]
    assert reporting and reporting[0].time_limit == "每2小时续报一次"
    assert _response_levels(flood)[2].builds_on == 3
    assert {4, 3, 2} <= {m.level for m in flood.measures_for(2)}


def test_phases_follow_headings_and_verbs(flood):
    phases = {m.phase for m in flood.measures}
    assert {Phase.WARNING, Phase.ACTIVATION, Phase.OPERATION, Phase.REPORTING, Phase.TERMINATION} <= phases


def test_report_rules_have_deadlines_and_recipients(flood, flood_chunks):
    rules = flood.report_rules
    assert rules and all(r.deadline or r.recipient for r in rules)
    assert all(r.text in _chunk(flood_chunks, r.chunk_id).text for r in rules)
    first = next(r for r in rules if "事发地街道（镇）" in r.text)
    assert (first.deadline, first.recipient) == ("30分钟内", "区防指办公室")
    assert any(r.deadline == "1小时内" and r.recipient == "区防指领导" for r in rules)


def test_digital_plan_round_trips_through_json(flood):
    assert DigitalPlan.from_json(flood.to_json()) == flood


# --- other plans: the parser is not keyed on one document -------------------------------------------------


def test_event_classes_feed_response_triggers():
    plan = parse_digital_plan(
        "d2", "示例区危险化学品事故应急预案", _chunks(SAMPLE / "示例区危险化学品事故应急预案.md")
    )
    events = {lv.level for lv in plan.levels if lv.ladder is Ladder.EVENT}
    assert events == {1, 2, 3, 4}
    decision = determine_level(plan, parse_incident_facts("危险化学品泄漏事故已造成4人死亡"))
    assert decision.level == 2, decision.explanation
    assert "较大事故" in decision.explanation


@pytest.mark.corpus
@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="shared corpus not found")
def test_hengyang_plan_levels_and_measures():
    path = SHARED_CORPUS / "plans" / "衡阳市防汛抗旱应急预案.md"
    plan = parse_digital_plan("hy", "衡阳市防汛抗旱应急预案", _chunks(path, "hy"))
    levels = _response_levels(plan)
    assert sorted(levels) == [1, 2, 3, 4]
    assert all(len(lv.triggers) >= 1 and lv.decided_by for lv in levels.values())
    assert levels[1].decided_by.startswith("市防指总指挥")
    rain = [t for t in levels[3].triggers[0].thresholds if t.quantity == "24小时降雨量"]
    assert rain and rain[0].value == 100 and rain[0].comparator is Comparator.GE
    area = [t for t in levels[3].triggers[0].thresholds if t.quantity == "笼罩面积"]
    assert sorted(t.value for t in area) == [2000, 4000], "「0.2～0.4万（含0.4万）平方公里」"
    measures = [m for m in plan.measures if m.level in (1, 2, 3, 4)]
    assert len(measures) >= 40
    assert sum(bool(m.lead_units) for m in measures) >= len(measures) * 0.6
    assert any(m.lead_units == ["市水利局"] for m in measures)
    assert any(r.deadline and "20" in r.deadline and r.recipient for r in plan.report_rules)


def test_report_rules_from_a_law_clause():
    text = (
        "第九条 事故发生后，事故现场有关人员应当立即向本单位负责人报告；"
        "单位负责人接到报告后，应当于1小时内向事故"
        "发生地县级以上人民政府安全生产监督管理部门和负有安全生产监督管理职责的有关部门报告。"
    )
    chunk = Chunk(
        chunk_id="law:9",
        doc_id="law",
        doc_title="生产安全事故报告和调查处理条例",
        doc_type=DocType.REGULATION,
        source_path="",
        locator="第二章 第九条",
        heading_path=["第二章 事故报告", "第九条"],
        page_start=1,
        page_end=1,
        text=text,
    )
    rules = parse_digital_plan("law", "条例", [chunk]).report_rules
    assert [(r.deadline, r.recipient) for r in rules] == [
        ("立即", "本单位负责人"),
        ("1小时内", "事故发生地县级以上人民政府安全生产监督管理部门和负有安全生产监督管理职责的有关部门"),
    ]


# --- phrase grammar -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("因灾死亡（含失踪）3人以上", [("死亡失踪", "≥", 3, "人")]),
        ("24小时降雨量超过50毫米", [("24小时降雨量", ">", 50, "毫米")]),
        ("需紧急转移群众1万人以上", [("转移人员", "≥", 10000, "人")]),
        ("造成1亿元以上直接经济损失", [("直接经济损失", "≥", 1e8, "元")]),
        ("受害森林面积不足1公顷", [("过火面积", "<", 1, "公顷")]),
        ("积水深度达到30厘米", [("积水深度", "≥", 0.3, "米")]),
        ("发生6.0级以上地震", [("震级", "≥", 6, "级")]),
        ("本区电网减供负荷20%以上", [("减供负荷比例", "≥", 20, "%")]),
        (
            "饮水困难人口达到3～5万人",
            [("饮水困难人口", "≥", 30000, "人"), ("饮水困难人口", "≤", 50000, "人")],
        ),
        ("水位超过警戒水位0.3米", [("超警戒水位", "≥", 0.3, "米")]),
        ("水位达到保证水位（34.00米）", [("超保证水位", "≥", 0, "米")]),
        ("区气象台发布暴雨橙色预警", [("暴雨预警级别", "≤", 2, "级")]),
        ("发生较大以上事故", [("事件等级", "≤", 3, "级")]),
    ],
)
def test_thresholds(text, expected):
    found = [(t.quantity, t.comparator.value, t.value, t.unit) for t in parse_thresholds(text)]
    assert found == expected


def test_below_follows_the_plans_own_convention():
    assert parse_thresholds("造成3人以下死亡")[0].comparator is Comparator.LE, "legal default: 以下 includes"
    ranged = parse_thresholds("造成3人以上10人以下死亡", below_exclusive=True)
    assert [(t.comparator, t.value) for t in ranged] == [(Comparator.GE, 3), (Comparator.LT, 10)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "示例区清水河水位超警戒0.6米，24小时降雨量180毫米，已造成2人死亡，需转移群众1.2万人",
            {"超警戒水位": 0.6, "24小时降雨量": 180, "死亡": 2, "转移人员": 12000},
        ),
        ("三人遇难，五人受伤，疏散群众两千人", {"死亡": 3, "受伤": 5, "转移人员": 2000}),
        ("紧急转移安置一万二千人，直接经济损失3000万元", {"转移人员": 12000, "直接经济损失": 3e7}),
        ("发生4.6级地震，过火面积15亩", {"震级": 4.6, "过火面积": 1}),
        ("21:40老城区发生M3.8地震，无伤亡", {"震级": 3.8, "死亡": 0}),
        ("洣水衡东站洪峰约20年一遇", {"重现期": 20}),
        ("耒阳站洪峰重现期约30年", {"重现期": 30}),
    ],
)
def test_incident_fact_values(text, values):
    assert parse_incident_facts(text).values == pytest.approx(values)


def test_incident_fields_and_context():
    facts = parse_incident_facts(
        "7月20日8时，示例区青山镇发生暴雨，已造成3人死亡", fields={"转移群众": "1.2万人", "受伤人数": 4}
    )
    assert (facts.hazard, facts.place, facts.time) == ("暴雨", "示例区青山镇", "7月20日8时")
    assert facts.values == {"死亡": 3, "转移人员": 12000, "受伤": 4}


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("遇难", "死亡"),
        ("死亡失踪", "死亡失踪"),
        ("因灾死亡（含失踪）", "死亡失踪"),
        ("疏散人员", "转移人员"),
        ("日降雨量", "24小时降雨量"),
        ("过去6小时降水量", "6小时降雨量"),
        ("超保证水位", "超保证水位"),
        ("受害森林面积", "过火面积"),
    ],
)
def test_canonical_quantities(phrase, key):
    assert canonical_quantity(phrase) == key


def test_units_and_time_limits_of_an_action():
    action = "区应急管理局会同区民政局开放应急避难场所，在开放后4小时内保障转移群众的食品、饮用水和临时住所。"
    assert responsible_units(action) == (["区应急管理局"], ["区民政局"])
    assert responsible_units(
        "（4）巡查。各街道（镇）组织巡查。牵头单位：各街道办事处、镇人民政府；配合单位：区城管委。"
    ) == (["各街道办事处", "镇人民政府"], ["区城管委"])
    assert find_time_limit(action) == "开放后4小时内"
    assert find_time_limit("区水务局在接到指令后30分钟内启动排水泵站") == "接到指令后30分钟内"
    assert find_time_limit("各街道（镇）每2小时续报一次") == "每2小时续报一次"
    assert find_time_limit("立即组织人员撤离") == "立即"
