"""More clauses worth a drill, so that a new seed draws a new paper: a list of duties or contents asked as a
multiple choice over its items, a follow-up penalty asked with the rule it enforces, a condition of a level asked
with the level its list opens, and numbers whose distractors merely contain the key as text. The fixture
documents are our own wording (示例市/示例区)."""

from __future__ import annotations

import random

from assistant.models import QuizKind
from assistant.tasks.quiz import make_question, paper
from assistant.tasks.quiz_checks import failed_checks
from assistant.tasks.quiz_clauses import clauses
from assistant.tasks.quiz_lists import list_clauses, list_question
from assistant.tasks.quiz_terms import TermPool, distractors, find_terms
from retrieval.models import Chunk, DocType

DOC = "示例市安全生产办法"
DUTIES = ("第十条　生产经营单位的主要负责人履行下列职责：\n（一）建立健全本单位安全生产责任制；\n（二）组织制定本单位安全生产规章制度；\n"
          "（三）保证本单位安全生产投入的有效实施；\n（四）及时、如实报告生产安全事故；\n（五）其他安全生产职责。")
MANAGERS = ("第十一条　安全生产管理人员履行下列职责：\n（一）组织开展危险源辨识和评估；\n（二）检查本单位的安全生产状况；\n"
            "（三）制止和纠正违章指挥、强令冒险作业的行为；\n（四）督促落实本单位安全生产整改措施。")
MORE = ("第十二条　发布一级警报后，区人民政府除采取本办法第十条规定的措施外，还应当采取下列措施：\n（一）关闭有关公共场所；\n"
        "（二）转移受威胁人员；\n（三）启用应急避难场所。")


def chunk(n: int, text: str, doc: str = DOC, doc_type: DocType = DocType.REGULATION) -> Chunk:
    return Chunk(chunk_id=f"{doc}:{n}", doc_id=doc, doc_title=doc, doc_type=doc_type, source_path=f"{doc}.md",
                 locator=f"第二章 {n}", heading_path=["第二章", str(n)], page_start=1, page_end=1, text=text)


def test_a_list_of_duties_is_asked_over_its_items_with_another_lists_items_as_wrong_options():
    chunks = [chunk(1, DUTIES), chunk(2, MANAGERS), chunk(3, MORE)]
    found = list_clauses(chunks)
    assert [c.chunk.chunk_id for c in found] == [f"{DOC}:1", f"{DOC}:2"]  # 「除…外」: the other list's items hold too
    duties = found[0]
    for seed in range(10):
        q = list_question("q1", duties, found, random.Random(seed), f"依据《{DOC}》，")
        assert q is not None and q.kind is QuizKind.MULTIPLE and not failed_checks(q), q
        assert q.stem.endswith("以下选项中，属于这些职责的是哪几项？") and "下列职责" in q.stem
        assert 2 <= len(q.answer) <= 3 and set(q.answer) <= set(duties.items) and "其他安全生产职责" not in q.options
        wrong = set(q.options) - set(q.answer)
        assert wrong and wrong <= set(found[1].items), q.options
        assert all(line in DUTIES for line in q.explanation.removeprefix("原文：").split("\n"))


def test_a_list_with_no_other_list_of_its_kind_in_its_document_is_not_asked():
    lonely = list_clauses([chunk(1, DUTIES), chunk(2, MANAGERS, doc="示例市消防办法")])
    assert list_question("q1", lonely[0], lonely, random.Random(0), "") is None


def test_a_paper_fills_its_multiple_choice_turns_with_list_questions():
    chunks = [chunk(1, DUTIES), chunk(2, MANAGERS)]
    made = [q for q, _ in paper(chunks, chunks, 2, 1, [QuizKind.MULTIPLE])]
    assert len(made) == 2 and all(q.category == "list" for q in made)


def test_a_follow_up_penalty_is_asked_with_the_rule_it_enforces():
    text = ("第三十条　经营单位未按照规定组织应急演练的，责令限期改正，处二万元以上五万元以下的罚款；"
            "逾期未改正的，处五万元以上十万元以下的罚款。\n对其直接负责的主管人员处一万元以上二万元以下的罚款。")
    found = clauses([chunk(1, text)])
    follow_ups = [c for c in found if "主管人员" in c.sentence or c.sentence.startswith("逾期")]
    assert len(follow_ups) == 2
    for clause in follow_ups:
        assert clause.text.startswith("经营单位未按照规定组织应急演练的"), clause.text
        assert all(t.text in clause.sentence for t in clause.terms)
    pool = TermPool.of([(DOC, "regulation", text)])
    q = make_question("q1", QuizKind.FILL_BLANK, follow_ups[-1], pool, [], random.Random(0))
    assert q is not None and not failed_checks(q) and q.answer[0] in {"一万元以上", "二万元以下"}


def test_a_condition_of_a_list_opened_with_zhe_is_asked_with_the_level_it_triggers():
    text = "5.5.1 启动条件\n出现下列情况之一者，市防指启动Ⅲ级响应：\n（1）小型水库发生危及水库安全的险情，存在垮坝危险；\n（2）其他需要启动Ⅲ级响应的情况。"
    found = clauses([chunk(1, text, "示例市防汛预案", DocType.PLAN)])
    assert [c.text for c in found] == ["小型水库发生危及水库安全的险情，存在垮坝危险的，市防指启动Ⅲ级响应。"]


def test_a_number_containing_the_key_as_text_is_still_a_distractor():
    sentence = "对其直接负责的主管人员处五万元以上十万元以下的罚款。"
    upper = find_terms(sentence)[1]
    options = distractors(upper, {}, sentence, random.Random(1), 3)
    assert "二十万元以下" in options and "十万元以下" not in options, options
    assert len({o for o in options}) == len(options)
