"""The checklist's first line states the level with the part of the criterion that was met: an officer reads three
lines, and 「…暴雨红色预警信号，或 3 个以上县市区启动Ⅳ级应急响应」 met by its second half should not make him look for a red
warning."""

from __future__ import annotations

from assistant.tasks.checklist import met_part
from retrieval.plan.levels import read_conditions
from retrieval.plan.models import Trigger


def _trigger(text: str) -> Trigger:
    conditions, thresholds = read_conditions(text)
    return Trigger(text=text, thresholds=thresholds, chunk_id="c", locator="5.4.1", conditions=conditions)


def test_the_met_alternative_of_a_criterion_is_what_the_first_line_states():
    trigger = _trigger("当气象部门发布 3 个以上县市区暴雨红色预警信号，或 3 个以上县市区启动Ⅳ级应急响应")
    started = [th for th in trigger.thresholds if th.quantity.startswith("启动")]
    assert met_part(trigger, [(trigger, th) for th in started]) == "3 个以上县市区启动Ⅳ级应急响应"
    everything = [(trigger, th) for th in trigger.thresholds]
    assert met_part(trigger, everything) == trigger.text  # both halves met: the whole criterion


def test_a_criterion_met_by_its_words_is_stated_whole():
    trigger = _trigger("湘江干流Ⅲ级以上堤防发生危及堤防安全的险情，存在垮堤危险")
    assert met_part(trigger, []) == trigger.text
