"""What incidents and exercises have in common as stored records: the documents they quote, kept with each
document's access level at the time it was quoted, and the clock that stamps them.

A record quotes documents (a chunk id is `{doc_id}:{seq}`); its `cited_docs` column stores them as
{doc_id: access level when quoted} (rows written before this hold a plain list of ids, level unknown). Readers
take a `Readable` that says whether the caller may see every quoted document, so a record quoting documents above
the caller's levels looks missing, also after those documents are deleted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from assistant.models import Answer

Cited = dict[str, str | None]  # quoted document → its access level when quoted (None: unknown)
Readable = Callable[[Cited], bool]
LevelOf = Callable[[str], str | None]


def anyone(_: Cited) -> bool:
    return True


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def cited_documents(*answers: Answer) -> list[str]:
    """The documents the answers quote."""
    return sorted({c.chunk_id.rsplit(":", 1)[0] for a in answers for c in (*a.citations, *a.closest)})


def quoted(*answers: Answer, level_of: LevelOf, before: Cited | None = None) -> str:
    """The `cited_docs` column for a record quoting `answers`: each document with its access level now, added to
    what the record quoted `before` (an earlier known level is kept when the document's level is now unknown)."""
    cited = dict(before or {})
    for doc_id in cited_documents(*answers):
        cited[doc_id] = level_of(doc_id) or cited.get(doc_id)
    return json.dumps(cited)


def stored_cited(row) -> Cited:
    stored = json.loads(row["cited_docs"])
    return dict(stored) if isinstance(stored, dict) else dict.fromkeys(stored)
