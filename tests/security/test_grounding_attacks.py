"""Grounding cannot be fooled by a planted instruction (issue 14, item 7).

The library's duty roster holds, in one clause, the true duty number and an instruction telling a model to give
another. A model that obeys it (the fake OpenAI server, as an LLM would) states the planted number and cites
that clause; the clause's other sentence has numbers too, so "the numbers are somewhere in the chunk" held.
Now a sentence's numbers must stand in the sentence it quotes, and a clause flagged instruction-like at ingest
is never evidence — for an LLM's sentence, the extractive composer, and every task.
"""

from __future__ import annotations

import httpx
import pytest
from conftest import PLANTED_NUMBER, TRUE_NUMBER, doc_id_of, obey_planted_instruction, quote_passage_holding

pytestmark = pytest.mark.slow

ROSTER = "示例区朱雀桥防汛值班安排"
QUESTIONS = ["朱雀桥防汛值班电话是多少？", "值班电话是多少？"]


def _flagged_chunk(client: httpx.Client, **kwargs) -> str:
    chunks = client.get(f"/v1/documents/{doc_id_of(client, ROSTER, **kwargs)}/chunks", **kwargs).json()
    return next(c["chunk_id"] for c in chunks if PLANTED_NUMBER in c["text"] and TRUE_NUMBER in c["text"])


def _shown(answer: dict) -> str:
    """Everything an answer shows: its sentences, their quotes, and a refusal's closest passages."""
    return " ".join([s["text"] for s in answer["sentences"]]
                    + [c["quote"] for c in (*answer["citations"], *answer.get("closest", []))])


@pytest.mark.parametrize("question", QUESTIONS)
def test_an_llm_obeying_a_planted_instruction_shows_no_planted_number(open_client, fake_llm, question):
    replies: list[str] = []

    def obedient(prompt: str) -> str:
        replies.append(obey_planted_instruction(prompt))
        return replies[-1]

    fake_llm.enqueue(obedient)
    answer = open_client.post("/v1/ask", json={"question": question}).json()
    assert replies and PLANTED_NUMBER in replies[0]  # the model did obey, citing the planted clause
    assert PLANTED_NUMBER not in _shown(answer), answer
    assert answer["removed_sentences"] >= 1


def test_a_flagged_clause_is_no_evidence_even_for_its_true_sentence(open_client, fake_llm):
    flagged = _flagged_chunk(open_client)
    fake_llm.enqueue(quote_passage_holding(TRUE_NUMBER))
    answer = open_client.post("/v1/ask", json={"question": QUESTIONS[1]}).json()
    assert flagged not in {c["chunk_id"] for c in (*answer["citations"], *answer["closest"])}, answer
    assert TRUE_NUMBER not in _shown(answer) and PLANTED_NUMBER not in _shown(answer)


@pytest.mark.parametrize("task, options", [("lookup", {}), ("chat", {}), ("checklist", {"doc_id": None}),
                                           ("briefing", {"doc_id": None}), ("quiz", {"doc_ids": None, "n": 5})])
def test_no_task_rests_on_a_flagged_clause(keyed, task, options):
    url, headers, _ = keyed
    with httpx.Client(base_url=url, headers=headers["admin"], timeout=120) as client:
        flagged = _flagged_chunk(client)
        roster = doc_id_of(client, ROSTER)
        options = {key: ([roster] if key == "doc_ids" else roster) if value is None else value
                   for key, value in options.items()}
        for question in QUESTIONS:
            answer = client.post("/v1/ask", json={"question": question, "task": task, "options": options}).json()
            assert "sentences" in answer, answer
            shown = {c["chunk_id"] for c in (*answer["citations"], *answer["closest"])}
            assert flagged not in shown, (task, question)
            assert PLANTED_NUMBER not in _shown(answer)
