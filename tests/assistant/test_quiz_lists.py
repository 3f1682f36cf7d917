"""A list clause asked as a multiple choice over its items. The fixture documents are our own wording (示例市)."""

from __future__ import annotations

import random

from assistant.models import QuizKind
from assistant.tasks.quiz import _KIND_CYCLE, make_question, paper
from assistant.tasks.quiz_checks import failed_checks
from assistant.tasks.quiz_clauses import clauses
from assistant.tasks.quiz_lists import list_clauses
from assistant.tasks.quiz_terms import TermPool
from retrieval.models import Chunk, DocType

DOC = "示例市安全生产办法"
REPORT = ("第十二条　报告安全事故应当包括下列内容：\n（一）事故单位名称、地址和联系方式；\n（二）事故发生的时间、具体位置和现场概况；\n"
          "（三）已确认的伤亡人数和被困人员情况；\n（四）其他应当报告的情况。")
DUTIES = ("第八条　安全生产巡查组履行下列职责：\n（一）督促企业整改巡查中发现的重大隐患；\n（二）对企业负责人开展安全生产约谈；\n"
          "（三）向市政府报送季度巡查结果通报。")
PENALTY = ("第四十条　经营单位有下列行为之一的，处二万元以上五万元以下的罚款：\n（一）未按照规定开展应急演练的；\n"
           "（二）未按照规定配备专职安全员的；\n（三）未按照规定公示安全承诺书的。")


def chunk(n: int, text: str, doc: str = DOC, doc_type: DocType = DocType.REGULATION) -> Chunk:
    return Chunk(chunk_id=f"{doc}:{n}", doc_id=doc, doc_title=doc, doc_type=doc_type, source_path=f"{doc}.md",
                 locator=f"第二章 {n}", heading_path=["第二章", str(n)], page_start=1, page_end=1, text=text)


def _pool(*texts: str, doc: str = DOC, doc_type: str = "regulation") -> TermPool:
    return TermPool.of([(doc, doc_type, text) for text in texts])


def test_a_list_is_asked_which_items_it_holds_with_another_lists_items_as_distractors():
    contents = ("第三十条　事故调查报告应当包括下列内容：\n（一）事故造成的人员伤亡和直接经济损失；\n（二）事故发生的原因和事故性质；\n"
                "（三）事故责任的认定以及对责任者的处理建议；\n（四）事故防范和整改措施。")
    chunks = [chunk(1, REPORT), chunk(2, contents)]
    listed = next(c for c in clauses(chunks) if c.listed is not None and "报告安全事故" in c.text)
    q = make_question("q1", QuizKind.MULTIPLE, listed, _pool(REPORT, contents), [], random.Random(1))
    assert q is not None and q.category == "list" and not failed_checks(q), q
    assert q.stem == "依据《示例市安全生产办法》，报告安全事故应当包括哪些内容？"
    assert 2 <= len(q.answer) <= 3 and set(q.answer) <= set(listed.listed.items)
    wrong = [o for o in q.options if o not in q.answer]
    # a distractor is another list's item of the same kind, never the catch-all 「其他应当报告的情况」
    assert wrong and all(w in contents for w in wrong)
    assert not any(o.startswith("其他") for o in q.options)
    # only as a multiple choice: a list item is no term for a fill-in
    assert make_question("q1", QuizKind.FILL_BLANK, listed, _pool(REPORT, contents), [], random.Random(1)) is None


def test_a_list_with_no_other_list_of_its_family_in_its_document_is_not_asked():
    """Another document's measures or duties may hold for the asked subject too: distractors come from its own."""
    listed = next(c for c in clauses([chunk(1, REPORT)]) if c.listed is not None)
    other_doc = TermPool.of([(DOC, "regulation", REPORT), ("示例市消防办法", "regulation", DUTIES)])
    assert make_question("q1", QuizKind.MULTIPLE, listed, other_doc, [], random.Random(1)) is None


def test_a_graver_levels_criteria_are_no_distractor_for_a_milder_level():
    plan = ("符合下列条件之一的，启动Ⅳ级应急响应：\n（1）城区道路积水深度超过30厘米的点位达到3处以上；\n（2）示例河水位超过警戒水位；\n"
            "（3）需紧急转移群众500人以上。\n符合下列条件之一的，启动Ⅱ级应急响应：\n（1）示例河水位超过保证水位0.5米以上；\n"
            "（2）因灾死亡（含失踪）10人以上；\n（3）需紧急转移群众1万人以上。")
    found = [c for c in clauses([chunk(1, plan, "示例市防汛预案", DocType.PLAN)]) if c.listed is not None]
    pool = _pool(plan, doc="示例市防汛预案", doc_type="plan")
    by_level = {c.listed.level: c for c in found}
    assert set(by_level) == {2, 4}
    graver = make_question("q1", QuizKind.MULTIPLE, by_level[2], pool, [], random.Random(2))
    assert graver is not None and not failed_checks(graver)
    assert all(w in by_level[4].listed.items for w in graver.options if w not in graver.answer)
    # 「因灾死亡10人以上」 arguably meets Ⅳ级 too: Ⅳ级 is asked with no distractor, so not at all
    assert make_question("q1", QuizKind.MULTIPLE, by_level[4], pool, [], random.Random(2)) is None


def test_lists_of_penalties_of_rules_of_all_of_conditions_and_additions_are_not_asked():
    rules = "第九条　巡查组依照下列规定开展巡查：\n（一）每季度至少巡查一次；\n（二）巡查前三日通知企业；\n（三）巡查结果当日报送。"
    all_of = ("同时满足下列条件的，启动Ⅰ级应急响应：\n（1）全市平均降雨量超过200毫米；\n（2）示例河水位超过保证水位；\n"
              "（3）需紧急转移群众3万人以上。")
    adds = ("第九条　重点企业除履行本办法第八条规定的职责外，还应当履行下列职责：\n（一）每月开展一次全员应急疏散演练；\n"
            "（二）设置二十四小时专职值班岗位；\n（三）每年委托第三方开展安全评价。")
    assert list_clauses(PENALTY) == [] and list_clauses(rules) == [] and list_clauses(all_of) == []
    added = list_clauses(adds)
    assert added and added[0].adds  # asked, but its items are no distractor for another list of duties
    duties = next(c for c in clauses([chunk(1, DUTIES)]) if c.listed is not None)
    assert make_question("q1", QuizKind.MULTIPLE, duties, _pool(DUTIES, adds), [], random.Random(1)) is None


def test_a_paper_takes_list_questions_in_its_multiple_choice_turns():
    contents = ("第三十条　事故调查报告应当包括下列内容：\n（一）事故造成的人员伤亡和直接经济损失；\n（二）事故发生的原因和事故性质；\n"
                "（三）事故责任的认定以及对责任者的处理建议；\n（四）事故防范和整改措施。")
    deadlines = chunk(3, "第十条　事故发生后，事故单位负责人应当在1小时内向市应急管理局报告。")
    chunks = [chunk(1, REPORT), chunk(2, contents), deadlines]
    made = paper(chunks, chunks, 3, seed=4, kinds=_KIND_CYCLE)
    lists = [q for q, _ in made if q.category == "list"]
    assert lists and all(q.kind is QuizKind.MULTIPLE for q in lists)
    assert len({c.chunk.chunk_id for _, c in made}) == len(made)


def test_review_24_a_catch_all_is_never_a_key_and_one_distractor_is_not_enough():
    """Round 24: r03 keyed 「法律、行政法规和国务院规定的其他必要措施」; r31/r35 offered a single distractor."""
    measures = ("第五十条　社会安全事件发生后，区人民政府应当采取下列措施：\n（一）封锁有关场所、道路，查验现场人员身份证件；\n"
                "（二）对特定区域内的燃气、电力供应进行控制；\n（三）加强对重点单位、重要部位的保卫；\n"
                "（四）法律、行政法规和国务院规定的其他必要措施。")
    listed = list_clauses(measures)[0]
    assert len(listed.items) == 4 and len(listed.options) == 3  # the catch-all is no option
    one_other = ("第四十九条　自然灾害发生后，区人民政府应当采取下列措施：\n（一）组织营救和救治受害人员并妥善安置；\n"
                 "（二）启用本级财政预备费和储备的应急救援物资；\n（三）发布可能受到危害的警告")
    clause = next(c for c in clauses([chunk(1, measures), chunk(2, one_other)]) if c.listed and "社会安全" in c.text)
    q = make_question("q1", QuizKind.MULTIPLE, clause, _pool(measures, one_other), [], random.Random(3))
    assert q is not None and len([o for o in q.options if o not in q.answer]) == 2
    assert not any("其他必要措施" in o for o in q.options)
    short = one_other.rsplit("\n", 2)[0]  # one usable item left in the other list: too few distractors
    clause = next(c for c in clauses([chunk(1, measures), chunk(2, short)]) if c.listed and "社会安全" in c.text)
    assert make_question("q1", QuizKind.MULTIPLE, clause, _pool(measures, short), [], random.Random(3)) is None
