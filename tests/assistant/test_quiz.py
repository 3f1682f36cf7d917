"""Drill papers worth answering, over the sample plans of 示例区: clauses with drill value spread over documents,
complete stems, typed distractors that are not synonyms, every question passing the automatic checks, a new
paper for a new seed, and fair grading of fill-in answers (punctuation, width, short forms the documents define)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.models import QuizKind, QuizPayload, QuizQuestion
from assistant.tasks.quiz import grade
from assistant.tasks.quiz_checks import failed_checks
from assistant.tasks.quiz_grading import accepted_forms, defined_aliases
from assistant.tasks.quiz_terms import Term, distractors, find_terms, near_synonym

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
    clauses = {seed: {a.citation(q["citation"]).chunk_id for q in a.payload["questions"]} for seed, a in papers.items()}
    shared = [len(clauses[one] & clauses[other]) / len(clauses[one]) for one, other in ((1, 2), (1, 3), (2, 3))]
    assert sum(shared) / len(shared) <= 0.2 and max(shared) <= 0.3, shared
    again = sample_assistant.ask("", task="quiz", n=20, seed=1)
    assert again.payload == papers[1].payload
