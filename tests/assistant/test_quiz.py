"""Drill papers worth answering, over the sample plans of 示例区: clauses with drill value spread over documents,
complete stems, typed distractors that are not synonyms, every question passing the automatic checks, a new
paper for a new seed, and fair grading of fill-in answers (punctuation, width, short forms the documents define).
The fixture documents written below (示例区/示例市, our own wording) show the faults a blind review found: stems
copied with article numbers, list markers, trailing 「；」 or OCR errors; off-level or cueing distractors; stock
government levels blanked; level spellings not accepted; ordered blanks graded as a set; unshown lists; review
proposals as rules; the same rule asked twice."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from assistant.models import QuizKind, QuizPayload, QuizQuestion
from assistant.tasks.quiz import (
    _listed_among_many,
    grade,
    make_question,
    outdated_penalty,
    paper,
    penalty_rules,
)
from assistant.tasks.quiz_checks import BLANK, failed_checks
from assistant.tasks.quiz_clauses import Clause, clauses
from assistant.tasks.quiz_grading import accepted_forms, defined_aliases
from assistant.tasks.quiz_terms import Term, TermPool, distractors, find_terms, near_synonym, siblings
from retrieval.models import Chunk, DocType

SAMPLES = Path(__file__).resolve().parents[2] / "plans_corpus"


def fill_in(key: str, accepted: list[str]) -> QuizPayload:
    return QuizPayload(seed=0, questions=[QuizQuestion(id="q1", kind=QuizKind.FILL_BLANK, stem="（____）统一指挥。",
                                                       answer=[key], accepted=accepted, explanation="", citation=1,
                                                       category="unit")])


def test_a_fill_in_counts_in_any_width_or_punctuation_and_in_a_short_form_the_plan_defines():
    aliases = defined_aliases([(SAMPLES / "示例区防汛应急预案.md").read_text(encoding="utf-8")])
    key = "示例区防汛抗旱指挥部"
    paper = fill_in(key, accepted_forms(key, aliases))
    for given in ("区防指", "区防汛抗旱指挥部。", " 示例区防汛抗旱指挥部 ", "示例区防汛抗旱指挥部；"):
        assert grade(paper, {"q1": given})["correct"] == 1, given
    assert grade(paper, {"q1": "区防汛指挥部"})["correct"] == 0
    assert grade(paper, {"q1": "市防指"})["correct"] == 0


def test_a_law_is_also_known_by_its_short_title_and_width_does_not_matter():
    law = fill_in("中华人民共和国突发事件应对法", accepted_forms("中华人民共和国突发事件应对法", []))
    assert all(grade(law, {"q1": g})["correct"] == 1 for g in ("突发事件应对法", "《应对法》", "应对法"))
    deadline = fill_in("30分钟内", accepted_forms("30分钟内", []))
    assert grade(deadline, {"q1": "３０分钟内"})["correct"] == 1
    assert grade(deadline, {"q1": "1小时内"})["correct"] == 0


def test_distractors_have_the_answers_type_and_are_not_its_synonyms():
    assert near_synonym("县级以上人民政府", "县级以上地方各级人民政府")
    assert near_synonym("县级以上各级人民政府", "县级以上地方人民政府")
    term = find_terms("由县级以上人民政府决定。")[0]
    pool = {term.kind: {"县级以上地方各级人民政府", "县级以上各级人民政府", "设区的市级人民政府", "省级人民政府"}}
    assert sorted(distractors(term, pool, "由县级以上人民政府决定。", random.Random(0), 3)) == ["省级人民政府",
                                                                                           "设区的市级人民政府"]
    limit = Term("30分钟内", "time_limit", "分钟", "内", "30")
    options = distractors(limit, {}, "应在30分钟内报告。", random.Random(0), 3)
    assert len(options) == 3 and all(o.endswith("分钟内") and o != "30分钟内" for o in options)
    area = find_terms("需疏散转移周边群众1000人以上的")[0]
    assert all("人以上" in o for o in distractors(area, {area.kind: {"1200.6亿元"}}, "", random.Random(0), 3))


@pytest.fixture(scope="module")
def papers(sample_assistant):
    return {seed: sample_assistant.ask("", task="quiz", n=20, seed=seed) for seed in (1, 2, 3)}


def test_every_question_passes_the_checks_and_draws_on_clauses_worth_asking(papers):
    for answer in papers.values():
        questions = [QuizQuestion.model_validate(q) for q in answer.payload["questions"]]
        assert len(questions) == 20
        assert all(not failed_checks(q) for q in questions), [(q.stem, failed_checks(q)) for q in questions]
        for q in questions:
            assert not q.stem.rstrip().endswith(("：", ":")), q.stem
            assert not any(w in q.explanation for w in ("总面积", "常住人口", "负责解释", "起施行")), q.explanation
        documents = {answer.citation(q.citation).doc_title for q in questions}
        assert len(documents) >= 6


def test_a_new_seed_gives_a_new_paper_and_the_same_seed_the_same(papers, sample_assistant):
    # eight papers (28 pairs): the share of clauses two papers have in common is a mean, not one pair's luck; with
    # about 110 clauses worth asking, a uniform draw shares 3.6 of 20 on average (sd 1.7) and one pair in 28 shares
    # 9 in about one set of seeds in ten, 10 or more in about one in two hundred
    more = {seed: sample_assistant.ask("", task="quiz", n=20, seed=seed) for seed in range(4, 9)}
    clauses = {seed: {a.citation(q["citation"]).chunk_id for q in a.payload["questions"]}
               for seed, a in {**papers, **more}.items()}
    shared = [len(clauses[one] & clauses[other]) / len(clauses[one]) for one in clauses for other in clauses if one < other]
    assert sum(shared) / len(shared) <= 0.2 and max(shared) <= 0.5, shared
    again = sample_assistant.ask("", task="quiz", n=20, seed=1)
    assert again.payload == papers[1].payload


def chunk(doc: str, n: int, text: str, doc_type: DocType = DocType.PLAN, heading: str = "四、应急响应") -> Chunk:
    return Chunk(chunk_id=f"{doc}:{n}", doc_id=doc, doc_title=doc, doc_type=doc_type, source_path=f"{doc}.md",
                 locator=f"{heading} {n}", heading_path=[heading, str(n)], page_start=1, page_end=1, text=text)


def questions_of(chunks: list[Chunk], kinds: list[QuizKind], n: int = 10, seed: int = 1) -> list[QuizQuestion]:
    return [q for q, _ in paper(chunks, chunks, n, seed, kinds)]


def test_a_stem_carries_no_article_number_list_marker_or_trailing_semicolon_and_the_key_cites_the_verbatim():
    chunks = [chunk("示例区山洪灾害应急预案", 1, "第十二条　区水务局应当在接到山洪预警后2小时内完成巡查；"),
              chunk("示例区山洪灾害应急预案", 2, "（2）区应急管理局接报后30分钟内向区人民政府报告。"),
              chunk("示例区山洪灾害应急预案", 3, "4. 区消防救援支队应在接到指令后1小时内到达现场；"),
              chunk("示例区山洪灾害应急预案", 4, "村委会发现险情后应在 15 分钟内报告镇防汛办公室。")]
    made = questions_of(chunks, [QuizKind.FILL_BLANK, QuizKind.TRUE_FALSE])
    assert len(made) == 4 and not any(" " in q.stem or " " in "".join(q.answer) for q in made)
    for q in made:
        body = q.stem.split("》，", 1)[1]
        assert not body.startswith(("第十二条", "（2）", "4.")) and not body.endswith("；"), q.stem
        assert q.explanation.startswith("原文：") and q.explanation[3:] in {c.text for c in chunks}


def test_a_sentence_with_an_ocr_error_a_list_it_does_not_show_or_a_missing_antecedent_is_not_asked():
    found = clauses([chunk("示例区河道管理办法", 1, "在河道内倾倒垃圾的，可以处l万元以上5万元以下罚款。"),
                     chunk("示例区河道管理办法", 2, "管理人员有下列行为之一的，由区水务局责令改正，处5000元以上罚款。"),
                     chunk("示例区河道管理办法", 3, "区水务局应当在汛前15日内完成河道清障。"),
                     chunk("示例区河道管理办法", 4, "拒不改正的，处二万元以上十万元以下的罚款。")])
    assert [c.chunk.chunk_id for c in found] == ["示例区河道管理办法:3"]


def test_how_to_appeal_a_penalty_is_no_drill_but_the_deadline_to_report_is():
    found = clauses([chunk("示例区防汛办法", 1, "当事人对复议决定不服的，可以在接到复议决定之日起15日内向人民法院起诉。",
                           DocType.REGULATION),
                     chunk("示例区防汛办法", 2, "区水务局应当在接到险情报告后30分钟内向区防指报告。", DocType.REGULATION)])
    assert [c.chunk.chunk_id for c in found] == ["示例区防汛办法:2"]
    appeal = chunk("示例区防汛办法", 3, "当事人对处罚决定不服的，可以在接到处罚通知之日起15日内向上一级机关申请复议。",
                   DocType.REGULATION)
    assert clauses([appeal]) == []


def test_a_fill_in_amount_is_accepted_as_people_write_it():
    assert "1000000元以上" in accepted_forms("100万元以上", []) and not any("e+" in f for f in accepted_forms("100万元以上", []))


def test_an_item_of_a_list_of_acts_is_asked_with_the_penalty_its_opening_line_sets():
    """「有下列行为之一的，…处罚款：（一）…」: each act with the penalty is a whole rule worth a drill (a fine in 元
    as much as in 万元); the opening line alone is not (it does not show the acts)."""
    text = ("第三十条　经营单位有下列行为之一的，责令限期改正，处五千元以上二万元以下的罚款：\n"
            "（一）未按照规定配备应急救援器材的；\n（二）未按照规定组织应急演练的。")
    found = clauses([chunk("示例区安全管理条例", 1, text, DocType.REGULATION)])
    assert {c.text for c in found} == {"经营单位未按照规定配备应急救援器材的，责令限期改正，处五千元以上二万元以下的罚款。",
                                       "经营单位未按照规定组织应急演练的，责令限期改正，处五千元以上二万元以下的罚款。"}
    assert all(c.sentence in text and {t.text for t in c.terms} == {"五千元以上", "二万元以下"} for c in found)


def test_an_item_under_an_opening_line_that_narrows_its_scope_is_not_asked_without_it():
    """「事故灾难发生后，……按照下列规定指挥：（二）较大事件发生后，由市指挥部指挥；」 stated alone would hold for every
    较大事件, which the article does not say; an item of an unscoped list is still asked."""
    scoped = ("第四十条　事故灾难或者公共卫生事件发生后，市和区人民政府按照下列规定指挥协调处置工作：\n"
              "（一）一般事件发生后，由区应急委员会指挥协调处置工作；\n（二）较大事件发生后，由市专项指挥部指挥协调处置工作。")
    plain = "第四十一条　区应急管理局履行下列职责：\n（一）区应急管理局应当在接报后30分钟内向区人民政府报告。"
    found = clauses([chunk("示例市应急办法", 1, scoped, DocType.REGULATION),
                     chunk("示例市应急办法", 2, plain, DocType.REGULATION)])
    assert [c.chunk.chunk_id for c in found] == ["示例市应急办法:2"]


def test_an_act_keeps_the_subject_its_opening_line_names_and_a_later_part_of_an_item_is_not_asked():
    """「单位违反本条例规定，有下列行为之一的，…」: the item is asked of 单位 (a person is fined differently), unless it names
    its own (「（二）危险物品仓储单位的主要负责人未按照规定…」); 「（二）在堤防
    范围内，放牧的，处…；开渠、打井的，处…；」: the part after the first 「；」 lost the item's and the list's scope."""
    acts = ("第五十条　单位违反本条例规定，有下列行为之一的，责令改正，处五千元以上五万元以下罚款：\n"
            "（一）损坏应急避难场所标志的；\n（二）占用应急避难场所通道的。")
    found = clauses([chunk("示例市避难场所条例", 1, acts, DocType.REGULATION)])
    assert {c.text for c in found} == {
        "单位违反本条例规定，损坏应急避难场所标志的，责令改正，处五千元以上五万元以下罚款。",
        "单位违反本条例规定，占用应急避难场所通道的，责令改正，处五千元以上五万元以下罚款。"}
    own = ("第五十二条　经营单位有下列行为之一的，责令限期改正，处二万元以下的罚款：\n"
           "（一）未按照规定配备应急救援器材的；\n（二）危险物品仓储单位的主要负责人未按照规定经考核合格的。")
    found = clauses([chunk("示例市避难场所条例", 2, own, DocType.REGULATION)])
    assert {c.text for c in found} == {  # blind review round 9, r37: 「经营单位危险物品仓储单位…」 is broken Chinese
        "经营单位未按照规定配备应急救援器材的，责令限期改正，处二万元以下的罚款。",
        "危险物品仓储单位的主要负责人未按照规定经考核合格的，责令限期改正，处二万元以下的罚款。"}
    scoped = ("第五十一条　在河道管理范围内从事下列行为的，由区水务局给予处罚：\n"
              "（一）在堤防范围内，放牧的，可以处500元以下罚款；开渠、打井的，可以处1000元以上5000元以下罚款。")
    plain = "区水务局应当在汛前15日内完成河道清障；区城管委应当在汛前10日内完成排水设施检查。"
    found = clauses([chunk("示例市河道条例", 1, scoped, DocType.REGULATION), chunk("示例市河道条例", 2, plain)])
    assert not any("开渠" in c.text for c in found) and any("区城管委" in c.text for c in found)


def test_a_fine_is_offered_beside_round_fines_and_a_rule_set_by_another_laws_article_is_not_asked():
    key = find_terms("处5000元以下罚款")[0]
    options = distractors(key, TermPool.of([]), "处5000元以下罚款", random.Random(0), 3)
    assert len(options) == 3 and all(re.fullmatch(r"(?:1000|2000|3000|10000|1万)元以下", o) for o in options), options
    found = clauses([chunk("示例办法", 1, "生产经营单位未按照规定编制应急预案的，依照《示例法》第九十四条的规定，"
                                        "责令限期改正，可以处5万元以下罚款。", DocType.REGULATION)])
    assert found == []


def test_a_false_statement_moves_a_grade_by_one_step():
    """「一般事故」 made false reads 「较大事故」, never 「特别重大事故」: a statement false at a glance drills nothing."""
    chunks = [chunk("示例区事故预案", 1, "发生一般事故后，区应急管理局应当立即启动Ⅳ级应急响应并报告区人民政府。")]
    clause = clauses(chunks)[0]
    pool = TermPool.of([(c.doc_id, str(c.doc_type), c.text) for c in chunks])
    shown = [make_question("q1", QuizKind.TRUE_FALSE, clause, pool, [], random.Random(seed)) for seed in range(20)]
    false = [q.stem for q in shown if q is not None and q.answer == ["错误"]]
    assert false and all("较大事故" in stem or "Ⅲ级应急响应" in stem for stem in false), false


def false_statements(chunks: list[Chunk], sentence_mark: str) -> list[str]:
    clause = next(c for c in clauses(chunks) if sentence_mark in c.sentence)
    pool = TermPool.of([(c.doc_id, str(c.doc_type), c.text) for c in chunks])
    shown = [make_question("q1", QuizKind.TRUE_FALSE, clause, pool, [], random.Random(seed)) for seed in range(30)]
    return [q.stem for q in shown if q is not None and q.answer == ["错误"]]


def test_a_false_statement_is_not_what_the_plan_says_of_the_level_it_moves_to():
    """Blind review round 9 (r28): a Ⅳ级 duty moved to Ⅲ级 read, but for 「主任或副主任」, as the plan's own Ⅲ级 duty,
    so an officer who knows the Ⅲ级 text could defend 「正确」. When the plan's Ⅲ级 sentence gives another figure,
    the moved statement is plainly false and may be asked."""
    alike = [chunk("示例区防汛预案", 1, "区防指启动Ⅳ级应急响应后，区防办主任或副主任在区应急指挥中心值班，统筹调度防范应对工作。"),
             chunk("示例区防汛预案", 2, "区防指启动Ⅲ级应急响应后，区防指副总指挥或区防办主任在区应急指挥中心值班，统筹调度防范应对工作。")]
    moved = false_statements(alike, "Ⅳ级")
    assert not any("Ⅲ级" in stem for stem in moved), moved
    unlike = [chunk("示例区防汛预案", 1, "区防指启动Ⅳ级应急响应后，区防办每6小时向区政府报告一次汛情和处置进展。"),
              chunk("示例区防汛预案", 2, "区防指启动Ⅲ级应急响应后，区防办每4小时向区政府报告一次汛情和处置进展。")]
    assert any("Ⅲ级" in stem and "6小时" in stem for stem in false_statements(unlike, "Ⅳ级"))


def test_a_fine_a_later_law_changed_is_not_drilled():
    """The 2007 条例 fines a principal who leaves his post 40%至80% of a year's income; the 2021 law in the same
    library says 百分之六十至百分之一百: the old figure is not asked, the new one is."""
    def dated(text: str, doc: str, year: int) -> Chunk:
        made = chunk(doc, 1, text, DocType.REGULATION, "第六章 法律责任")
        made.metadata["year"] = year
        return made

    old = dated("事故发生单位主要负责人在事故调查处理期间擅离职守的，处上一年年收入40%至80%的罚款。", "示例旧条例", 2007)
    new = dated("生产经营单位的主要负责人在事故调查处理期间擅离职守的，处上一年年收入百分之六十至百分之一百的罚款。",
                "示例新法", 2021)
    fines = penalty_rules([old, new])
    assert outdated_penalty(clauses([old])[0], fines)
    assert not outdated_penalty(clauses([dated(old.text, "示例旧条例", 2007)])[0], penalty_rules([old]))


def test_a_stock_government_level_is_never_the_blank():
    chunks = [chunk("示例法", 1, "县级以上地方人民政府应当在汛前30日内组织防汛检查。", DocType.REGULATION),
              chunk("示例法", 2, "国务院其他有关部门应当在3日内通报灾情信息。", DocType.REGULATION)]
    for q in questions_of(chunks, [QuizKind.FILL_BLANK, QuizKind.SINGLE]):
        assert q.answer[0] not in ("县级以上地方人民政府", "国务院其他有关部门"), q.stem


def test_a_department_of_a_government_is_one_body_and_a_catch_all_is_neither_key_nor_distractor():
    assert [t.text for t in find_terms("县级以上人民政府应急管理部门负责指导应急预案管理工作。")] == ["县级以上人民政府应急管理部门"]
    assert [t.text for t in find_terms("国务院应急管理部门会同国务院财政部门制定。")] == ["国务院应急管理部门", "国务院财政部门"]
    law = [chunk("示例法", n, text, DocType.REGULATION) for n, text in enumerate([
        "国务院应急管理部门统筹提出安全生产强制性国家标准的立项计划。", "县级以上地方人民政府有关部门应当开展安全检查。",
        "国务院财政部门负责安排应急救援资金。", "国务院公安部门负责指导消防监督工作。", "国务院水行政主管部门负责防汛调度。",
        "国务院林业主管部门负责森林防火监督。"])]
    made = questions_of(law, [QuizKind.SINGLE], n=6)
    assert made and not any(q.answer[0].endswith("有关部门") for q in made), [q.stem for q in made]
    assert not any("有关" in option for q in made for option in q.options), [q.options for q in made]


def test_a_stem_that_applies_this_articles_rule_without_stating_it_is_not_shown():
    stem = f"依据《示例消防条例》，依照本条规定经认证合格的消防产品，{BLANK}应当予以公布。"
    q = choice(stem, ["国务院应急管理部门", "国务院公安部门", "国务院财政部门", "国务院林业主管部门"], ["国务院应急管理部门"],
               category="body")
    assert "complete_stem" in failed_checks(q)
    named = q.model_copy(update={"stem": f"依据《示例消防条例》，未按照本条例第十二条规定配置灭火器材的，由{BLANK}责令改正。"})
    assert "complete_stem" not in failed_checks(named)  # 本条例 is the regulation itself


def test_distractors_come_from_the_clauses_own_document_and_level_and_the_stem_does_not_cue_the_key():
    city = [chunk("示例市防汛预案", i, text) for i, text in enumerate([
        "市公安局负责维护灾区社会治安，保障抢险道路畅通。", "市交通运输局负责组织抢险物资运输车辆。",
        "市民政局负责受灾群众基本生活救助。", "市水务局负责河道堤防巡查。",
        "市县气象局负责降雨监测预报。", "县自然资源局负责地质灾害隐患排查。"])]
    law = [chunk("示例外事法", 0, "国务院外交部门负责领事保护工作。", DocType.REGULATION)]
    pool = TermPool.of([(c.doc_id, str(c.doc_type), c.text) for c in city + law])
    key = find_terms("市公安局负责维护灾区社会治安")[0]
    options = distractors(key, pool, "市公安局负责维护灾区社会治安。", random.Random(0), 3, ("示例市防汛预案", "plan"))
    assert sorted(options) == ["市交通运输局", "市民政局", "市水务局"]
    cued = QuizQuestion(id="q1", kind=QuizKind.SINGLE, stem=f"依据《示例法》，地震预测意见应当向{BLANK}书面报告，"
                        "由负责管理地震工作的部门汇总。", options=["国务院地震工作主管部门", "国务院财政部门",
                        "国务院民政部门", "国务院水行政主管部门"], answer=["国务院地震工作主管部门"], explanation="",
                        citation=1, category="body")
    assert failed_checks(cued) == ["no_cue"]
    fair = cued.model_copy(update={"options": ["国务院地震工作主管部门", "省级地震工作主管部门", "国务院民政部门",
                                               "国务院水行政主管部门"]})
    assert failed_checks(fair) == []


def test_every_spelling_of_a_level_counts_and_ordered_blanks_are_graded_in_order():
    level = fill_in("Ⅳ级应急响应", accepted_forms("Ⅳ级应急响应", []))
    for given in ("Ⅳ级应急响应", "IV级", "四级", "4级", "Ⅳ级响应", "四级应急响应"):
        assert grade(level, {"q1": given})["correct"] == 1, given
    assert grade(level, {"q1": "Ⅲ级"})["correct"] == 0
    warning = fill_in("Ⅱ级预警", accepted_forms("Ⅱ级预警", []))  # review round 22, r38
    for given in ("Ⅱ级预警", "Ⅱ级", "II级", "二级预警", "2级"):
        assert grade(warning, {"q1": given})["correct"] == 1, given
    assert grade(warning, {"q1": "Ⅱ级响应"})["correct"] == 0 and grade(warning, {"q1": "Ⅲ级预警"})["correct"] == 0
    grade_of_event = fill_in("特别重大突发事件", accepted_forms("特别重大突发事件", []))
    for given in ("特别重大突发事件", "特别重大事件", "特别重大"):
        assert grade(grade_of_event, {"q1": given})["correct"] == 1, given
    assert grade(grade_of_event, {"q1": "重大事件"})["correct"] == 0
    chunks = [chunk("示例区值守规定", 1, "值班员接报后应在10分钟内电话报告，30分钟内书面报告。")]
    q = questions_of(chunks, [QuizKind.MULTIPLE])[0]
    assert q.ordered and q.answer == ["10分钟内", "30分钟内"] and q.stem.count(BLANK) == 2
    multiple = QuizPayload(seed=0, questions=[q])
    assert grade(multiple, {q.id: ["10分钟内", "30分钟内"]})["correct"] == 1
    assert grade(multiple, {q.id: ["30分钟内", "10分钟内"]})["correct"] == 0


def test_a_stem_names_who_acts_and_never_asks_whose_duty_paragraph_it_is():
    plan = [chunk("示例区燃气事故预案", 1, "造成人员死亡的，应在接报后15分钟内电话报告、30分钟内书面报告。"),
            chunk("示例区燃气事故预案", 2, "区城市管理委：负责组织燃气管网抢修，督促燃气企业在2小时内恢复供气。"),
            chunk("示例区燃气事故预案", 3, "区城市管理委接到燃气泄漏报告的，应当在20分钟内通知燃气企业到场处置。")]
    stems = [q.stem for q in questions_of(plan, [QuizKind.SINGLE, QuizKind.FILL_BLANK, QuizKind.MULTIPLE])]
    assert stems and not any("造成人员死亡的" in s for s in stems), stems  # who reports, to whom?
    assert not any(s.split("，", 1)[-1].startswith(f"{BLANK}：") for s in stems), stems
    assert any("接到燃气泄漏报告的" in s for s in stems), stems  # a condition naming its body has its subject


def test_a_line_of_a_duty_list_is_not_asked_whose_line_it_is():
    """Blind review 13: 「（____）负责防汛抗旱救灾资金的安排和拨付」 is the finance bureau's by its remit alone."""
    duties = [("区商务局", "协调生活必需品市场供应，会同有关部门做好重要物资的调运和储备，确保灾区群众生活必需品不断档"),
              ("区交通委", "组织运力转移受困群众"), ("区财政局", "保障应急处置所需经费"), ("区统计局", "核实灾情统计数据"),
              ("区民政局", "做好受灾群众基本生活救助")]
    plan = [chunk("示例区地震应急预案", i, f"{unit}：负责{duty}。") for i, (unit, duty) in enumerate(duties)]
    assert questions_of(plan, [QuizKind.SINGLE], n=5) == []


def test_a_condition_of_an_all_of_level_or_a_pointer_back_is_not_asked_and_a_scoped_sentence_keeps_its_scope():
    """Blind review 13: one of the conditions that must all hold (「同时满足下列条件的，启动Ⅰ级应急响应」) asked as enough
    for Ⅰ级; 「对该场所进行检查」 with the 场所 in another paragraph; 「带班领导应当在接报后10分钟内作出处置安排」 stated
    without the 「夜间、节假日」 that opens its paragraph."""
    all_of = chunk("示例区防汛预案", 1, "同时满足下列条件的，启动Ⅰ级应急响应：\n（1）全区平均降雨量超过150毫米；\n"
                                  "（2）清水河示例站水位超过保证水位（34.00米）；\n（3）需紧急转移群众3万人以上。")
    any_of = chunk("示例区防汛预案", 2, "符合下列条件之一的，启动Ⅱ级应急响应：\n（1）全区平均降雨量超过100毫米；")
    pointer = chunk("示例区消防办法", 3, "申请人选择不采用告知承诺方式办理的，消防救援机构应当自受理申请之日起十个工作日内，对该场所进行检查。")
    scoped = chunk("示例区值守规定", 4, "第二十条　夜间、节假日接报较大以上突发事件信息的，值班人员应当在5分钟内电话报告带班领导。"
                                  "带班领导应当在接报后10分钟内作出处置安排。")
    named = chunk("示例区值守规定", 5, "发现重大事故隐患的单位应当在2小时内向区应急管理局报告，该单位主要负责人应当到场组织处置。")
    found = [(c.chunk.chunk_id, c.text) for c in clauses([all_of, any_of, pointer, scoped, named])]
    assert {chunk_id for chunk_id, _ in found} == {"示例区防汛预案:2", "示例区值守规定:4", "示例区值守规定:5"}, found
    texts = [text for _, text in found]
    assert "全区平均降雨量超过100毫米的，启动Ⅱ级应急响应。" in texts
    assert "夜间、节假日接报较大以上突发事件信息的，带班领导应当在接报后10分钟内作出处置安排。" in texts
    assert not any(text.startswith("带班领导") for text in texts)


def test_a_paper_does_not_ask_the_same_key_twice():
    plan = [chunk("示例区危化品预案", i, f"{what}的，为特别重大事故，由区应急管理局在{i + 1}小时内报告。")
            for i, what in enumerate(["造成30人以上死亡", "造成100人以上重伤", "造成1亿元以上直接经济损失"])]
    keys = [tuple(q.answer) for q in questions_of(plan, [QuizKind.SINGLE], n=6)]
    assert keys and len(keys) == len(set(keys)), keys


def test_no_option_is_a_figure_the_stem_itself_states():
    text = "街道防汛分指挥部应当在20分钟内电话报告区防指办公室（书面报告最迟不得晚于事发后30分钟），不得迟报、漏报。"
    plan = [chunk("示例区防汛预案", n, text) for n in range(1, 3)]
    asked = [q for q in questions_of(plan, [QuizKind.SINGLE, QuizKind.TRUE_FALSE]) if q.answer != ["30分钟"]]
    assert asked
    for q in asked:
        shown = q.options if q.kind is QuizKind.SINGLE else [q.stem]
        assert not any("30分钟内" in option for option in shown), q


def test_a_review_is_asked_only_the_rule_it_quotes_never_what_happened_around_it():
    review = chunk("示例区内涝复盘报告", 1, "直到18时气象台发布第3次橙色预警，街道才组织巡查，也没有按预案要求在"
                   "30分钟内转移地下空间人员。", DocType.REVIEW, "二、存在问题")
    asked = [q.answer for q in questions_of([review], [QuizKind.SINGLE, QuizKind.FILL_BLANK])]
    assert asked and all(answer == ["30分钟内"] for answer in asked), asked


def test_a_review_gives_no_true_false_and_no_proposal_and_a_paper_asks_a_rule_once():
    review = chunk("示例区暴雨复盘报告", 1, "明确红色预警发布后区防指办公室应在15分钟内叫应各街道负责人。"
                   "预案规定，区防指应在启动Ⅱ级应急响应后1小时内发布简要信息。", DocType.REVIEW, "五、整改建议")
    assert [c.text for c in clauses([review])] == ["预案规定，区防指应在启动Ⅱ级应急响应后1小时内发布简要信息。"]
    assert questions_of([review], [QuizKind.TRUE_FALSE]) == []
    twins = [chunk("示例区防汛预案", 1, "启动Ⅱ级以上应急响应的，最迟在5小时内发布权威信息，24小时内举行新闻发布会。"),
             chunk("示例区停电预案", 1, "启动Ⅱ级以上应急响应的，最迟在5小时内发布权威信息，在24小时内举行新闻发布会。")]
    assert len(questions_of(twins, [QuizKind.SINGLE, QuizKind.FILL_BLANK, QuizKind.MULTIPLE])) == 1


def choice(stem: str, options: list[str], answer: list[str], category: str = "unit", **extra) -> QuizQuestion:
    kind = QuizKind.MULTIPLE if len(answer) > 1 else QuizKind.SINGLE
    return QuizQuestion(id="q1", kind=kind, stem=stem, options=options, answer=answer, explanation="", citation=1,
                        category=category, **extra)


def test_a_stem_cut_from_its_condition_or_violation_or_citing_an_unseen_section_is_not_shown():
    cut = [f"依据《示例区河道管理办法》，管理单位拒不执行的，责令停业整顿，对责任人员处{BLANK}以下的罚款。",
           f"依据《示例区河道管理办法》，可以采取补救措施的，责令限期补救，并可以处{BLANK}罚款。",
           f"依据《示例区河道管理办法》，对主要负责人和其他直接责任人员处上一年年收入{BLANK}的罚款。",
           f"依据《示例区河道管理办法》，违反本办法规定的，由区水务局责令改正，处{BLANK}以下的罚款。",
           f"依据《示例区防汛预案》，区水务局按照2.3规定的标准储备防汛物资，物资动用后{BLANK}完成补充。",
           f"依据《示例区防汛预案》，配合单位：{BLANK}、区卫生健康委、区民政局。",
           f"依据《示例市实施《示例法》办法》，可以采取补救措施的，责令限期补救，并可以处{BLANK}以下罚款。"]
    for stem in cut:
        q = QuizQuestion(id="q1", kind=QuizKind.FILL_BLANK, stem=stem, answer=["十万元"], explanation="", citation=1,
                         category="quantity")
        assert "complete_stem" in failed_checks(q), stem
    for stem in (f"依据《示例区河道管理办法》，管理单位未按规定清除河道阻水障碍的，对责任人员处{BLANK}以下的罚款。",
                 f"依据《示例区河道管理办法》，违反本办法第九条规定，在河道内倾倒垃圾的，处{BLANK}以下的罚款。"):
        whole = QuizQuestion(id="q1", kind=QuizKind.FILL_BLANK, answer=["十万元"], explanation="", citation=1,
                             category="quantity", stem=stem)
        assert failed_checks(whole) == [], stem


def test_ordered_blanks_in_the_same_words_and_a_list_of_bodies_are_not_asked():
    same = choice(f"按空格顺序选择：依据《示例区防汛预案》，副总指挥由{BLANK}局长、区应急管理局局长、{BLANK}局长担任。",
                  ["区水务局", "区气象局", "区民政局", "区交通局"], ["区水务局", "区气象局"], ordered=True)
    assert "complete_stem" in failed_checks(same)
    apart = same.model_copy(update={"stem": f"按空格顺序选择：依据《示例区防汛预案》，{BLANK}负责河道巡查，{BLANK}负责"
                                            "降雨监测预报，区应急管理局统筹协调。"})
    assert "complete_stem" not in failed_checks(apart)
    text = "区水务局、区气象局等部门负责城市道路积水监测，并及时报告积水情况。"
    units = chunk("示例区防汛预案", 1, text + "区民政局负责受灾群众救助。区商务局负责生活必需品供应。区交通局负责运输。")
    clause = Clause(text, units, find_terms(text), 3.0, text)
    pool = TermPool.of([(units.doc_id, "plan", units.text)])
    # who sits on a list is membership trivia: a body list is not asked as a multiple choice
    assert make_question("q1", QuizKind.MULTIPLE, clause, pool, [], random.Random(0)) is None


def test_a_body_in_a_list_of_three_or_more_is_never_the_blank():
    """「副指挥长由区政府办公室、区应急管理局、区公安分局、区人武部负责同志担任」: which member is blanked is trivia (blind
    review round 8, r21); one of two is still asked."""
    listed = "副指挥长由区政府办公室、区应急管理局、区公安分局、区人武部负责同志担任。"
    alone = "副指挥长由区应急管理局、区公安分局负责同志担任。"
    chunks = [chunk("示例区地震预案", 1, listed), chunk("示例区地震预案", 2, alone),
              chunk("示例区地震预案", 3, "区水务局负责河道巡查。区气象局负责降雨预报。区民政局负责受灾群众救助。")]
    pool = TermPool.of([(c.doc_id, "plan", c.text) for c in chunks])
    for kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE):
        assert make_question("q1", kind, Clause(listed, chunks[0], find_terms(listed), 3.0, listed), pool, [],
                             random.Random(0)) is None
    assert _listed_among_many(find_terms(listed)[0], listed)
    assert not _listed_among_many(find_terms(alone)[0], alone)


def test_a_fill_in_number_counts_in_any_script_with_either_day_word_and_a_body_by_its_core():
    deadline = fill_in("15日内", accepted_forms("15日内", []))
    for given in ("15日内", "十五日内", "15天内", "15天", "十五日", "十五天以内", "１５日内"):
        assert grade(deadline, {"q1": given})["correct"] == 1, given
    amount = fill_in("5万元以上", accepted_forms("5万元以上", []))
    for given in ("五万元以上", "50000元以上"):
        assert grade(amount, {"q1": given})["correct"] == 1, given
    assert grade(amount, {"q1": "5万元"})["correct"] == 0  # a bound without 以上 is a fixed fine: not the rule
    assert grade(deadline, {"q1": "10日内"})["correct"] == 0 and grade(amount, {"q1": "三万元以上"})["correct"] == 0
    assert grade(deadline, {"q1": "15日以上"})["correct"] == 0
    body = fill_in("区发展改革委", accepted_forms("区发展改革委", []))
    for given in ("区发改委", "发改委", "发展改革委", "示例区发展改革委"):
        assert grade(body, {"q1": given})["correct"] == 1, given
    assert grade(body, {"q1": "区财政局"})["correct"] == 0
    branch = fill_in("区生态环境分局", accepted_forms("区生态环境分局", []))
    assert all(grade(branch, {"q1": g})["correct"] == 1 for g in ("区生态环境局", "生态环境分局", "生态环境局"))
    assert grade(fill_in("区交通局", accepted_forms("区交通局", [])), {"q1": "交通局"})["correct"] == 1


def test_a_body_is_asked_as_a_choice_and_filled_in_only_where_a_document_defines_its_short_form():
    aliases = defined_aliases(["区人民政府设立区供水抢修指挥部（以下简称区供水指挥部）。"])
    pool = TermPool.of([("示例区供水预案", "plan", "区教委、区卫生健康委、区城管委、区住房城乡建设委负责保障。")])

    def fill_in_of(text: str) -> QuizQuestion | None:
        clause = Clause(text, chunk("示例区供水预案", 2, text), find_terms(text), 3.0, text)
        return make_question("q1", QuizKind.FILL_BLANK, clause, pool, aliases, random.Random(0))

    asked = fill_in_of("区发展改革委负责应急物资储备和调拨。")
    assert asked.kind is QuizKind.SINGLE and "区发展改革委" in asked.options
    defined = fill_in_of("区供水抢修指挥部负责全区供水突发事件的统一指挥。")
    assert defined.answer == ["区供水抢修指挥部"] and "区供水指挥部" in defined.accepted


def test_a_stem_that_speaks_the_keys_field_more_than_any_distractors_is_cued():
    stem = f"依据《示例区人员密集场所预案》，{BLANK}负责景区游客限流，做好旅游安全提示。"
    cued = choice(stem, ["区文化旅游局", "区财政局", "区统计局", "区档案局"], ["区文化旅游局"])
    assert failed_checks(cued) == ["no_cue"]
    forest = choice(f"依据《示例市防汛预案》，{BLANK}负责林区、林场防汛安全。", ["市林业局", "市财政局", "市统计局",
                                                                       "市档案局"], ["市林业局"])
    assert failed_checks(forest) == ["no_cue"]
    fair = cued.model_copy(update={"options": ["区文化旅游局", "区旅游发展局", "区财政局", "区统计局"]})
    assert failed_checks(fair) == []


def test_body_distractors_come_from_the_clauses_own_section_first():
    section = "区水务局负责城市道路积水监测。区气象局负责降雨监测。区交通局负责地下通道积水巡查。"
    key = find_terms("区水务局负责城市道路积水监测。")[0]
    pool = TermPool.of([("示例区防汛预案", "plan", section + "区教育局负责学校安全。区卫生健康局负责医疗救治。"
                                                            "区统计局负责统计。区民政局负责救助。")])
    options = distractors(key, pool, "区水务局负责城市道路积水监测。", random.Random(0), 3, ("示例区防汛预案", "plan"),
                          near=siblings(key, section))
    assert {"区气象局", "区交通局"} <= set(options), options


def test_a_number_distractor_stays_within_a_factor_of_three():
    key = find_terms("处五万元以下的罚款")[0]
    pool = {key.kind: {"二十万元以下", "三十万元以下", "十万元以下", "二万元以下", "三万元以下"}}
    options = distractors(key, pool, "处五万元以下的罚款。", random.Random(0), 3)
    assert options and not {"二十万元以下", "三十万元以下"} & set(options), options


def test_major_as_an_ordinary_word_in_a_law_is_not_asked_as_a_grade():
    ordinary = chunk("示例安全条例", 1, "生产经营单位在重要会议、重大活动、应对重大突发事件期间，应当加强应急值守。", DocType.REGULATION)
    graded = chunk("示例安全条例", 2, "重大事故，是指造成10人以上30人以下死亡的事故，由市人民政府负责调查。", DocType.REGULATION)
    asked = questions_of([ordinary, graded], [QuizKind.TRUE_FALSE, QuizKind.FILL_BLANK])
    assert [q.explanation for q in asked if q.category == "event_class"] == [f"原文：{graded.text}"], asked


def test_a_level_named_as_a_standard_to_build_to_is_not_asked_as_a_level():
    """Blind review 14 (r16): 「按（____）要求组建应急抢险救援队伍」 has no level a situation starts."""
    plan = [chunk("示例区防汛预案", 1, "各街道应按Ⅱ级响应要求组建应急抢险队伍，做好联调联战工作。"),
            chunk("示例区防汛预案", 2, "清水河示例站水位超过警戒水位0.5米的，启动Ⅲ级应急响应。")]
    stems = [q.stem for q in questions_of(plan, [QuizKind.SINGLE, QuizKind.FILL_BLANK], n=4)]
    assert stems and not any("要求组建" in s for s in stems), stems


def test_a_part_after_a_semicolon_whose_first_part_points_back_is_not_asked():
    """Blind review 14 (r21): 「从业人员在一百人以下的，应当配备…」 lost 「前款规定以外的其他生产经营单位」, so it read as
    allowing part-time safety staff in mines too."""
    law = chunk("示例区安全条例", 1, "第二十四条　前款规定以外的其他生产经营单位，从业人员超过一百人的，应当配备专职安全生产管理人员；"
                                   "从业人员在一百人以下的，应当配备专职或者兼职的安全生产管理人员。", DocType.REGULATION)
    assert not any(c.sentence.startswith("从业人员在一百人以下") for c in clauses([law]))


def test_a_level_or_colour_key_named_in_the_stem_is_a_leak():
    """Blind review round 15: 「重大 （Ⅱ级）…其他需要启动（____）的情况」 gives Ⅱ级响应 away, and 「发布暴雨（____）信号或暴雨临灾
    橙色警报」 gives 橙色预警 away; a stem naming no level is no leak."""
    levels = ["Ⅳ级响应", "Ⅲ级响应", "Ⅱ级响应", "Ⅰ级响应"]
    leaked = choice(f"依据《示例市防汛预案》，重大（Ⅱ级）洪水灾害发生时，启动{BLANK}。", levels, ["Ⅱ级响应"], category="level")
    assert "no_answer_leak" in failed_checks(leaked)
    colours = ["红色预警", "橙色预警", "黄色预警", "蓝色预警"]
    coloured = choice(f"依据《示例市防汛预案》，市气象台发布暴雨{BLANK}信号或暴雨临灾橙色警报的，启动联动。", colours,
                      ["橙色预警"], category="colour")
    assert "no_answer_leak" in failed_checks(coloured)
    fair = choice(f"依据《示例市防汛预案》，洪水灾害造成人员死亡的，启动{BLANK}。", levels, ["Ⅱ级响应"], category="level")
    assert "no_answer_leak" not in failed_checks(fair)


def test_a_quiz_request_naming_a_document_draws_only_from_it(sample_assistant):
    """「按示例区地震应急预案出5道题」: a paper of that plan, not of whatever else the topic's words match."""
    answer = sample_assistant.ask("按示例区地震应急预案出5道题", task="quiz", n=5)
    assert not answer.refused and answer.payload["questions"]
    assert {answer.citation(q["citation"]).doc_title for q in answer.payload["questions"]} == {"示例区地震应急预案"}


def test_an_item_under_a_levels_criteria_heading_is_asked_with_that_level_even_in_the_closing_chapter():
    # the national weather plan keeps its warning standards in 「8 附则 > 8.1 … > 8.1.2 Ⅱ级预警」
    def criteria(level: str, n: int, text: str) -> Chunk:
        path = ["8 附则", "8.1 气象灾害预警标准", f"8.1.{n} {level}"]
        return Chunk(chunk_id=f"示例区气象灾害应急预案:{n}", doc_id="示例区气象灾害应急预案", doc_title="示例区气象灾害应急预案",
                     doc_type=DocType.PLAN, source_path="a.md", locator=path[-1], heading_path=path, page_start=1,
                     page_end=1, text=text)
    chunks = [criteria("Ⅱ级预警", 2, "(1)台风：预计未来 48 小时将有台风登陆或影响本区。\n\n"
                                      "(2)寒潮：预计未来 48 小时气温大幅下降并伴有 6 级及以上大风。"),
              criteria("Ⅲ级预警", 3, "(1)台风：预计未来 48 小时将有强热带风暴影响本区。")]
    qs = questions_of(chunks, [QuizKind.SINGLE], n=5)
    assert [q.answer for q in qs] == [["Ⅱ级预警"], ["Ⅲ级预警"]] or [q.answer for q in qs] == [["Ⅲ级预警"], ["Ⅱ级预警"]]
    strong = next(q for q in qs if q.answer == ["Ⅲ级预警"])
    assert strong.stem.endswith("台风：预计未来48小时将有强热带风暴影响本区的，为（____）。")
    assert set(strong.options) == {"Ⅰ级预警", "Ⅱ级预警", "Ⅲ级预警", "Ⅳ级预警"}
    assert all(not failed_checks(q) for q in qs)


def test_an_item_of_a_grading_list_is_asked_as_which_class_its_criteria_make():
    text = ("第四十条　按照受害森林面积和伤亡人数，森林火灾分为一般森林火灾、较大森林火灾、重大森林火灾和特别重大森林火灾：\n\n"
            "（一）一般森林火灾：受害森林面积在1公顷以下的，或者死亡1人以上3人以下的；\n\n"
            "（二）较大森林火灾：受害森林面积在1公顷以上100公顷以下的，或者死亡3人以上10人以下的；\n\n"
            "（三）重大森林火灾：受害森林面积在100公顷以上1000公顷以下的，或者死亡10人以上30人以下的；")
    found = {c.text for c in clauses([chunk("示例省森林防火条例", 1, text, DocType.REGULATION, "第四章")])}
    assert "受害森林面积在100公顷以上1000公顷以下的，或者死亡10人以上30人以下的，为重大森林火灾。" in found
    qs = [q for q in questions_of([chunk("示例省森林防火条例", 1, text, DocType.REGULATION, "第四章")],
                                  [QuizKind.SINGLE], n=3) if q.category == "event_class"]
    assert qs and all(q.stem.endswith("为（____）。") and len(q.options) == 4 for q in qs)


def test_an_aspect_label_is_asked_with_its_sections_subject_and_a_tier_before_gives_no_bound_away():
    """Blind review 16: 「发布标准：未来6小时内降雨量将达到100毫米」 never said which signal (the chunk merged three
    sections); 「…一万元以上十万元以下的罚款；情节严重的，并处（____）五十万元以下的罚款」 was cued by the tier before."""
    signals = chunk("示例区防汛应急预案", 1, "（一）暴雨黄色预警信号\n发布标准：未来 6 小时内降雨量将达到50 毫米以上。\n"
                                       "（二）暴雨橙色预警信号\n发布标准：未来 3 小时内降雨量将达到60 毫米以上。")
    found = {c.text for c in clauses([signals])}
    assert "暴雨橙色预警信号发布标准：未来3小时内降雨量将达到60毫米以上。" in found
    assert not any(t.startswith("发布标准") for t in found)
    fine = chunk("示例省防震条例", 2, "第八十六条　违反本条例规定，擅自从事地震监测活动的，由省地震工作主管部门责令停止违法行为，"
                                   "并处一万元以上十万元以下的罚款；情节严重的，并处十万元以上五十万元以下的罚款。",
                 DocType.REGULATION, "第八章")
    for q in questions_of([fine], [QuizKind.FILL_BLANK, QuizKind.SINGLE], n=6, seed=3):
        assert q.answer != ["十万元以上"] and q.answer != ["十万元以下"], q.stem


def test_a_body_the_clause_rules_out_or_the_key_includes_is_no_distractor():
    """Blind review 16: 国务院 bodies offered for one that 「报告上级人民政府主管部门」, and 县级以上人民政府应急管理部门
    offered beside the key 县级以上人民政府有关主管部门, which includes it."""
    pool = {("body", "部门", ""): ["国务院应急管理部门", "国务院外交部门", "县级以上人民政府应急管理部门", "设区的市级人民政府"]}
    key = next(t for t in find_terms("县级以上人民政府有关主管部门应当通报") if t.category == "body")
    clause = "（____）应当向本级人民政府相关部门通报突发事件信息，并报告上级人民政府主管部门。"
    wrong = distractors(key, pool, clause, random.Random(1), 3)
    assert not any(w.startswith("国务院") for w in wrong) and "县级以上人民政府应急管理部门" not in wrong


def test_blind_review_17_a_condition_stays_with_its_clause_a_heading_consequence_is_no_statement_and_false_moves_up():
    """r04: 「道路积水深度超过30厘米的」 was put before the next paragraph's sentence; r07/r21: 「（1）省级气象部门发布暴雨
    橙色预警…」 under 「1.启动标准」 was asked with nothing it starts; r10/r26: 「…1万人以上的，启动Ⅱ级」 made false as
    Ⅲ级, which 1万 also meets."""
    paragraph = chunk("示例区防汛应急预案", 1, "道路积水深度超过30厘米的，区公安分局实施断交，区城管委设置警示标志并组织排水；"
                                           "下凹式立交桥积水深度超过50厘米的，由区消防救援支队开展搜救排查。"
                                           "地下空间管理单位在预警发布后1小时内安装挡水板。")
    texts = {c.text for c in clauses([paragraph])}
    assert "地下空间管理单位在预警发布后1小时内安装挡水板。" in texts
    assert not any(t.startswith("道路积水深度超过30厘米的，下凹式") for t in texts)
    start = Chunk(chunk_id="s:1", doc_id="s", doc_title="示例市防汛抗旱应急预案", doc_type=DocType.PLAN, source_path="s.md",
                  locator="附件4 1.启动标准", heading_path=["附件4", "三、橙色预警联动", "1.启动标准"], page_start=1,
                  page_end=1, text="（1）省级气象部门发布暴雨橙色预警，本市处在预警区域内；")
    assert clauses([start]) == []
    levels = chunk("示例区地震应急预案", 2, "符合下列条件之一的，启动Ⅱ级应急响应：\n（3）需紧急转移安置群众1万人以上。")
    for seed in range(8):
        for q in questions_of([levels], [QuizKind.TRUE_FALSE], n=1, seed=seed):
            assert "Ⅲ级" not in q.stem and "Ⅳ级" not in q.stem, q.stem


def test_blind_review_18_a_rainfall_window_is_no_deadline_and_a_sanctions_class_is_not_swapped():
    """r17: 「过去1小时、3小时、6小时、（____）降雨量分别达…」 blanked a window as a deadline; r12: 「迟报、漏报较大突发事件
    信息的，…予以通报」 made false from 一般, which a graver class meets a fortiori."""
    window = chunk("示例区防汛应急预案", 1, "橙色警报发布标准：过去1小时、3小时、6小时、12小时内降雨量分别达40毫米、60毫米、"
                                         "100毫米、150毫米以上。")
    assert all(q.category != "time_limit" for q in questions_of([window], [QuizKind.FILL_BLANK, QuizKind.SINGLE], n=4))
    sanction = chunk("示例区应急值守工作规定", 2, "第二十条　迟报、漏报一般突发事件信息的，由区委、区政府总值班室予以通报。",
                     DocType.REGULATION, "第五章")
    assert questions_of([sanction], [QuizKind.TRUE_FALSE], n=2) == []


def test_blind_review_18_a_limit_the_stem_says_was_exceeded_is_offered_only_below_the_stated_figure():
    """r15: 「…8分钟才派人到场确认，超过…规定的（____）到场核实要求」 offered 10 and 15 minutes, ruled out by logic."""
    sentence = "值班人员接到报警信号后12分钟才派人到场确认，超过商场制度规定的5分钟内到场核实要求。"
    key = next(t for t in find_terms(sentence) if t.text == "5分钟内")
    clause = Clause(sentence, chunk("示例区应急值守工作规定", 1, sentence, DocType.REGULATION, "第二章"), [key], 6.0)
    pool = {key.kind: ["1分钟内", "2分钟内", "3分钟内", "10分钟内", "15分钟内", "20分钟内"]}
    for seed in range(6):
        q = make_question("q1", QuizKind.SINGLE, clause, pool, [], random.Random(seed))
        assert q is not None and all(int(re.sub(r"\D", "", o)) < 12 for o in q.options), q and q.options


def test_an_act_named_only_by_its_article_is_not_drilled():
    """Round 18 (r03): 「违反本条例第三十七条第一款规定，未履行告知义务的」 does not say which duty is meant."""
    by_article = chunk("条例", 1, "第六十条 生产经营单位违反本条例第三十七条第一款规定，未履行告知义务的，责令限期改正，处十万元以下的罚款。",
                       DocType.REGULATION, "第七章 法律责任")
    in_words = chunk("条例", 2, "第六十一条 生产经营单位未按照规定对从业人员进行安全生产教育和培训的，责令限期改正，处五万元以下的罚款。",
                     DocType.REGULATION, "第七章 法律责任")
    assert not clauses([by_article])
    assert clauses([in_words])


def test_a_false_deadline_is_a_stricter_one():
    """Round 19 (r11): 「1小时内到达现场」 made false as 「5小时内」 is arguably true (within 1 hour is within 5): the false
    version of 「3小时内」 is 2 or 1 hour, never 4 or 24."""
    chunks = [chunk("示例区危化预案", 1, "接报后，区应急管理局应当在3小时内到达现场。"),
              chunk("示例区危化预案", 2, "较大事故发生后，区人民政府应当在2小时内向市人民政府报告，24小时内报送书面材料。"),
              chunk("示例区危化预案", 3, "救援结束后，区应急管理局应当在15日内提交总结报告。"),
              chunk("示例区危化预案", 4, "区应急管理局应当在30分钟内电话报告，5小时内通报有关部门。")]
    false = false_statements(chunks, "3小时内到达现场")
    assert false and all(re.search(r"[12]小时内到达现场|\d+分钟内到达现场", stem) for stem in false), false


def test_a_measure_names_its_level_another_actors_rule_drops_the_opening_and_a_graded_bound_is_no_blank():
    """Blind review round 22: r24 asked a Ⅲ级 measure as a rule of every level; r04 gave the 总值班室's 30-minute rule
    the opening condition of the offices' 15-minute rule; r22 blanked 「（____）以下等级事故」, where 重大事故 names the
    same accidents if 以下 counts the named grade."""
    from assistant.tasks.quiz_clauses import clauses, paragraph_scope

    measure = Chunk(chunk_id="s:1", doc_id="s", doc_title="示例区森林火灾应急预案", doc_type=DocType.PLAN,
                    source_path="s.md", locator="5.2.3 Ⅲ级应急响应措施",
                    heading_path=["5 应急响应", "5.2.3 Ⅲ级应急响应措施"], page_start=1, page_end=1,
                    text="（1）区森防指指挥长在响应启动后2小时内到达扑火前线指挥部，统一指挥扑救。")
    assert [c.text for c in clauses([measure])] == ["启动Ⅲ级应急响应后，区森防指指挥长在响应启动后2小时内到达扑火前线指挥部，统一指挥扑救。"]
    report = chunk("示例区突发事件总体应急预案", 1, "发生较大以上突发事件、造成人员死亡的，应在接报后15分钟内电话报告区委、区政府"
                   "总值班室。区委、区政府总值班室接报后，对较大以上突发事件应在30分钟内电话报告市委、市政府总值班室。")
    assert paragraph_scope("区委、区政府总值班室接报后，对较大以上突发事件应在30分钟内电话报告市委、市政府总值班室。",
                           report) == ""
    night = chunk("示例区应急值守工作规定", 2, "夜间、节假日接报突发事件信息的，值班人员应当立即报告带班领导。"
                  "带班领导应当在接报后10分钟内作出处置安排。")
    assert paragraph_scope("带班领导应当在接报后10分钟内作出处置安排。", night) == "夜间、节假日接报突发事件信息的"
    article = chunk("生产安全事故报告和调查处理条例", 3, "第二十一条 特别重大事故以下等级事故，事故发生地与事故发生单位不在同一个"
                    "县级以上行政区域的，由事故发生地人民政府负责调查，事故发生单位所在地人民政府应当派人参加。",
                    doc_type=DocType.REGULATION)
    from assistant.tasks.quiz import _askable

    (clause,) = clauses([article])
    grade = next(t for t in clause.terms if t.text == "特别重大事故")
    assert not _askable(grade, clause, QuizKind.SINGLE)
