"""The body a question asks about, and the passage that gives that body a line of its own (`ranking.actors`)."""

from __future__ import annotations

import pytest

from retrieval.ranking.actors import asked_body, gives_body_a_line


@pytest.mark.parametrize(("question", "body"), [
    ("气象局要做什么", "气象局"),
    ("那公安分局呢", "公安分局"),
    ("到Ⅱ级了，供电公司干什么", "供电公司"),
    ("区应急管理局在Ⅲ级响应时多久到场", "区应急管理局"),
    ("示例区森林火灾应急预案 医疗救治组要做什么", "医疗救治组"),  # a resolved follow-up starts with its plan's title
    ("哪些部门管交通管制", None),  # asks for a body, names none
    ("过火面积多大算较大火灾", None),
    ("区大面积停电事件应急指挥部的指挥长是谁？", None),  # the body owns the role asked
    ("镇里接到火情几分钟内要电话报区森防指办公室？", None),  # the body receives the report asked about
])
def test_the_body_a_question_names(question, body):
    assert asked_body(question) == body


def test_a_line_that_opens_with_the_body_by_any_tail_of_its_name_gives_it_a_duty():
    duties = "2.1.4 成员单位职责\n市林业局：负责组织协调抗洪抢险所需竹木。\n市气象局：负责灾害性天气监测预报。"
    assert gives_body_a_line("莳溪县气象局", duties)  # the plan writes its own place: 市气象局
    assert gives_body_a_line("气象部门", "第三十条 县级以上人民政府气象主管机构，应当无偿提供森林火险天气预报。")
    assert gives_body_a_line("公安分局", "（2）区公安分局：负责火场警戒和交通管制。")
    # a body named inside a sentence about something else has no line of its own
    assert not gives_body_a_line("公安分局", "人员密集场所突发事件应急预案由区公安分局牵头。")
    assert not gives_body_a_line("水务局", duties)
    assert not gives_body_a_line(None, duties)
