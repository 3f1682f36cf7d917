"""The lead's choice of sentences among the leading clauses."""

from __future__ import annotations

from assistant.lead import asked_about, lead_sentences
from retrieval.models import Chunk, DocType, Hit


def _hit(n: int, locator: str, text: str) -> Hit:
    chunk = Chunk(chunk_id=f"p:{n}", doc_id="p", doc_title="示例区大面积停电事件应急预案", doc_type=DocType.PLAN,
                  source_path="p.md", locator=locator, heading_path=[locator], text=text, page_start=1, page_end=1)
    return Hit(chunk=chunk, score=1.0 - n / 10)


def test_who_holds_a_role_is_answered_by_the_sentence_naming_the_role_in_the_clause_about_it():
    """Blind dialogue batch 11 (dlg-527): 「区大面积停电事件应急指挥部的指挥长是谁？」 was led by a warning sentence of 3.2
    that repeats the body's name, not by 2.1's 「指挥长由分管发展改革工作的副区长担任」."""
    hits = [
        _hit(0, "2.1 区大面积停电事件应急指挥部", "区人民政府设立示例区大面积停电事件应急指挥部（以下简称区停电应急指挥部），负责统一领导、"
            "组织和指挥大面积停电事件应对工作。指挥长由分管发展改革工作的副区长担任，副指挥长由区应急管理局局长担任。"),
        _hit(1, "3.2 预警分级和发布", "示例供电公司研判可能发生大面积停电事件时，应立即向区停电应急指挥部办公室报告，提出预警建议。"
            "蓝色、黄色预警由区停电应急指挥部办公室发布，橙色、红色预警由区停电应急指挥部指挥长批准后发布。"),
    ]
    question = "区大面积停电事件应急指挥部的指挥长是谁？"
    assert asked_about(question) == "指挥长"
    lead = [s.text for s in lead_sentences(question, hits)]
    assert any(s.startswith("指挥长由分管发展改革工作的副区长担任") for s in lead), lead
    assert not any(s.startswith("示例供电公司研判") for s in lead), lead


def test_a_bodys_duties_are_led_by_the_line_that_opens_with_it():
    """Blind dlg-678: 「气象局要做什么」 in a plan whose members' duties are one long section is answered by the line
    「市气象局：负责…」, not by a line about weather information that names the body later."""
    hits = [
        _hit(0, "2.1.4 成员单位职责", "市林业局：负责组织协调抗洪抢险所需竹木供应。\n"
            "气象信息：市气象局及时提供灾害性天气监测预报预警信息，主要包括天气形势分析。\n"
            "市气象局：负责灾害性天气的监测、预报、预警，组织开展人工影响天气作业。"),
    ]
    lead = [s.text for s in lead_sentences("示例市防汛抗旱应急预案 气象局要做什么", hits)]
    assert lead[0].startswith("市气象局：负责灾害性天气"), lead


def test_a_conclusion_names_a_chinese_numbered_section_with_its_subsection():
    from assistant.lead import clause_number

    assert clause_number("四、 （二）启动条件") == "四、（二）"
    assert clause_number("四、 响应分级与启动") == "四"
    assert clause_number("第一章 第三条") == "第三条" and clause_number("4.1.3 Ⅱ级应急响应") == "4.1.3"
    assert clause_number("第4章 4.1.1 特别重大水上突发事件") == "4.1.1" and clause_number("第一章 总则") == "第一章"
