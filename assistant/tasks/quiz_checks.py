"""Automatic quality checks every drill question passes before it is shown; a question that fails one is
replaced by another. `failed_checks` names the checks a question fails (empty: it passes)."""

from __future__ import annotations

import re

from assistant.models import QuizKind, QuizQuestion
from assistant.tasks.quiz_grading import normalise
from assistant.tasks.quiz_terms import find_terms, near_synonym

BLANK = "（____）"
MIN_CONTEXT = 10  # Chinese characters besides the blanks and the 「依据《…》」 source
CHECKS = ("complete_stem", "one_right_answer", "distractor_type", "no_answer_leak")
_DANGLING = re.compile(r"[：:，、（(“「]$|(?:下列|以下|如下)[^。；]*[：:]")
_END = re.compile(r"[。；！？]$")
_CONTINUES = re.compile(r"^(?:或者?|和|及|以及|并且?|且|但|而|同时|其中|前款|上述)")


def complete_stem(q: QuizQuestion) -> bool:
    """A whole sentence: it ends as a sentence ends, introduces no list it leaves out, and has its blank
    (or, for true/false, a statement) inside it."""
    stem = re.sub(r"^(?:判断：)?(?:依据《[^》]*》，)?", "", q.stem)
    if len(stem) < 12 or _DANGLING.search(stem) or not _END.search(stem) or _CONTINUES.match(stem.strip()):
        return False
    if len(re.findall(r"[\u4e00-\u9fff]", stem.replace(BLANK, ""))) < MIN_CONTEXT:
        return False  # 「配合单位：（____）、（____）。」 says too little to be answered
    if q.kind is QuizKind.TRUE_FALSE:
        return BLANK not in stem
    return stem.count(BLANK) == len(q.answer) if q.kind is not QuizKind.MULTIPLE or BLANK in stem else True


def one_right_answer(q: QuizQuestion) -> bool:
    """The key is among the options, and no other option means the same as a key."""
    if q.kind is QuizKind.FILL_BLANK:
        return len(q.answer) == 1
    if q.kind is QuizKind.TRUE_FALSE:
        return q.options == ["正确", "错误"] and len(q.answer) == 1 and q.answer[0] in q.options
    options = [normalise(o) for o in q.options]
    if len(set(options)) != len(options) or not all(a in q.options for a in q.answer):
        return False
    wrong = [o for o in q.options if o not in q.answer]
    keys_distinct = not any(near_synonym(a, b) for i, a in enumerate(q.answer) for b in q.answer[i + 1:])
    return bool(wrong) and keys_distinct and not any(near_synonym(normalise(w), normalise(a))
                                                     for w in wrong for a in q.answer)


def distractor_type(q: QuizQuestion) -> bool:
    """Every option is a term of the key's type (category, unit, qualifier); list items are free text."""
    if q.kind in (QuizKind.FILL_BLANK, QuizKind.TRUE_FALSE) or q.category == "list":
        return True
    kinds = set()
    for option in q.options:
        terms = [t for t in find_terms(option) if t.text == option]
        if not terms:
            return False
        kinds.add(terms[0].kind)
    return len(kinds) == 1


def no_answer_leak(q: QuizQuestion) -> bool:
    """The stem does not give the key away: no key, and no option, appears in it."""
    if q.kind is QuizKind.TRUE_FALSE:
        return True
    stem = normalise(q.stem)  # the source's title included: a title naming the key gives it away too
    shown = [*q.answer, *q.options, *q.accepted]
    return not any(normalise(s) and normalise(s) in stem for s in shown)


def failed_checks(q: QuizQuestion) -> list[str]:
    results = {"complete_stem": complete_stem(q), "one_right_answer": one_right_answer(q),
               "distractor_type": distractor_type(q), "no_answer_leak": no_answer_leak(q)}
    return [name for name, ok in results.items() if not ok]
