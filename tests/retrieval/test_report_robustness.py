"""An officer's report is read whatever numerals it runs together: 「十四点二十三十二点六五米」 (a clock time run into a
level, dev ans-2052) and 「百分之百」 (inc-4421) had crashed the briefing and the checklist, and runs such as 「万万」 the
fact reader."""

from __future__ import annotations

import random

import pytest

from retrieval.plan.facts import parse_incident_facts, percent_words

_PIECES = [*"零〇一二两三四五六七八九十百千万亿点成半", "百分之", "户", "户均", "人", "米", "时", "点", "分", "，", "。", "度", "级",
           "万元", "亩", "公顷", "%", "1", "2", "3.5", "日", "月", "凌晨", "到", "至", "死亡", "失踪", "受伤", "转移", "小时",
           "天", "前天", "今天"]


def test_reports_that_had_crashed_the_reader_are_read():
    readings = parse_incident_facts("溱湾水位站今天十三点水位三十二点一米，十四点二十三十二点六五米，十五点整三十三点二米。")
    assert readings.values["水位涨率"] == pytest.approx(0.55)
    assert percent_words("土壤含水量已达田间持水量的百分之百") == "土壤含水量已达田间持水量的100%"
    assert "直接经济损失" not in parse_incident_facts("损失万万元，另有三人受伤。").values  # 「万万」 is no figure


def test_any_run_of_numerals_and_units_is_read_without_an_error():
    rng = random.Random(7)  # a fixed sample: the same strings every run
    for _ in range(3000):
        parse_incident_facts("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 16))))
