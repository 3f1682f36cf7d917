"""A plan's exclusions (「…伤人，…，不适用本预案」): an incident of an excluded kind starts no response under the plan,
and the checklist says so in the plan's own cited words; an incident of the plan's own kind that only mentions such a
kind in an aside keeps its level."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.plan.exclusions import excluded_incident, excluded_part, excluded_sentences, read_exclusions
from retrieval.plan.models import Trigger

WILDLIFE_PLAN = Path(__file__).resolve().parent / "fixtures" / "wildlife_plan.md"
EXCLUSION = ("（2）家养动物、人工繁育动物和流浪犬猫伤人，蛇、蜂、\n蜱虫咬伤叮咬，以及野生动物疫源疫病引发的事件，不适用本预案，"
             "县级不启动野生动物致害事件应急响应")


def test_an_exclusion_is_read_as_its_verbatim_sentence_and_a_conditional_one_is_left_to_a_person():
    text = f"4.4 不启动情形\n{EXCLUSION}。\n（3）单纯由野猪毁损农作物、未造成人员伤亡的事件，不适用本预案。"
    found = read_exclusions(text, "c1", "4.4")
    assert [t.text for t in found] == [EXCLUSION]  # across the hard line break, without the heading above
    assert excluded_part(found[0].text).startswith("家养动物、人工繁育动物和流浪犬猫伤人")
    assert read_exclusions("线路类别以附件1为准；企业专用线不适用本预案。", "c2", "4.1")[0].text == "企业专用线不适用本预案"


def test_an_exclusion_keeps_its_unconditional_clauses_and_listed_items_share_their_tail():
    """Blind dev inc-4117: 「本市管辖海域以外的赤潮（漂入…的除外），水库、河道和湖泊等淡水水体发生的水华，…不适用本预案」 had
    been left whole to a person for its first clause; a reservoir's bloom is 「水库…淡水水体发生的水华」 and excluded."""
    sentence = ("（2）本市管辖海域以外的赤潮（漂入本市管辖海域的除外），水库、河道和湖泊等淡水水体发生的水华，"
                "溢油、排污造成的海水变色，不适用本预案，市级不启动赤潮灾害应急响应")
    [exclusion] = read_exclusions(f"4.4 不启动情形\n{sentence}。", "c3", "4.4")
    report = "鸲溪水库近三天出现大面积蓝藻水华，水面像绿油漆一样。库区网箱养的鱼死亡，损失约六十万元。"
    assert excluded_sentences(exclusion, report, frozenset({"赤潮", "面积"})) == ["鸲溪水库近三天出现大面积蓝藻水华，水面像绿油漆一样"]
    assert excluded_sentences(exclusion, "本市管辖海域以外出现赤潮，面积六十平方公里。", frozenset({"赤潮", "面积"})) == []


def test_a_shop_is_the_retail_premises_an_exclusion_names():
    """Blind dev inc-4107: 「烟花爆竹零售经营场所…发生的事故…不适用本预案」 covers an explosion in a 零售店; a wholesaler's
    warehouse is no retail premises."""
    sentence = "2．烟花爆竹零售经营场所和燃放活动中发生的事故，不适用本预案，县级不启动烟花爆竹生产安全事故应急响应"
    [exclusion] = read_exclusions(f"（七）不启动情形\n{sentence}。", "c4", "四（七）")
    scope = frozenset({"烟花爆竹", "生产", "安全", "爆炸", "死亡"})
    shop = "傍晚六点五十，城北街一家烟花爆竹零售店发生爆炸，店主夫妇两人死亡。"
    assert excluded_sentences(exclusion, shop, scope) == ["傍晚六点五十，城北街一家烟花爆竹零售店发生爆炸，店主夫妇两人死亡"]
    assert excluded_sentences(exclusion, "花炮批发公司成品库发生爆炸，两人死亡。", scope) == []


def _excluded(report: str, level_without: int | None = None) -> Trigger | None:
    exclusion = Trigger(text=EXCLUSION, chunk_id="c1", locator="4.4")
    return excluded_incident([exclusion], report, frozenset({"野生动物", "受伤", "住院", "转移"}), lambda rest: level_without)


def test_a_report_of_an_excluded_kind_falls_under_the_exclusion_unless_it_denies_it_or_sets_it_aside():
    report = "镇上养殖场里人工繁育的三头野猪跑出来撞伤三名村民，两人收住镇卫生院。镇里认为够Ⅳ级，请县里启动。"
    assert _excluded(report) is not None
    assert _excluded("撞人的野猪不是人工繁育的，是山上下来的，两人收住镇卫生院。") is None
    assert _excluded(report, level_without=4) is None, "without the excluded kind's sentences the plan's criteria still hold"
    aside = "黑熊进村伤人两名，收住院；另有一人被流浪犬猫咬伤，门诊处理。"
    assert excluded_sentences(Trigger(text=EXCLUSION, chunk_id="c1"), aside, frozenset()) == []


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.service import Assistant

    docs = tmp_path_factory.mktemp("wildlife-docs")
    shutil.copy(WILDLIFE_PLAN, docs / "示例岭县野生动物致害事件应急预案.md")
    (docs / "示例岭县野生动物致害事件应急预案.meta.toml").write_text('doc_type = "plan"\nhazard_types = ["野生动物致害"]\n',
                                                             encoding="utf-8")
    assistant = Assistant(home=tmp_path_factory.mktemp("wildlife-home"))
    assert all(r.ok for r in assistant.ingest([docs]))
    return assistant


def test_the_checklist_of_an_excluded_incident_quotes_the_exclusion_and_lists_no_duties(assistant):
    report = ("示例镇人民政府15时50分报：镇上一家养殖场的围栏被冲垮，场里人工繁育的三头野猪跑到附近村里，撞伤三名村民，"
              "两人收住镇卫生院。镇里认为有两人住院，够Ⅳ级，请县里启动。")
    answer = assistant.ask(report, task="checklist")
    assert answer.payload["level"] is None and answer.payload["items"] == []
    assert "不适用的范围" in answer.payload["level_reason"] and answer.payload["missing_facts"] == []
    first = answer.sentences[0]
    assert "不适用本预案" in first.text and "\n" not in first.text
    assert answer.citation(first.citations[0]).quote.startswith("（2）家养动物")
    briefing = assistant.ask(report, task="briefing")
    assert briefing.payload["level"] is None
    assert any("不适用本预案" in s.text for s in briefing.sentences)


def test_an_incident_of_the_plans_own_kind_keeps_its_level(assistant):
    answer = assistant.ask("示例镇报：一头黑熊进村伤人，两名村民受伤收住县医院；另有一人被流浪犬咬伤，门诊处理。", task="checklist")
    assert answer.payload["level"] == 4
    assert answer.sentences[0].text.startswith("符合Ⅳ级")
