"""Near-duplicate documents: the same text indexed twice (a plan as Markdown and as Word, a scan of an indexed
PDF) is recognised at ingest, the operator is told, and search shows only the copy with the better source.

Two documents are twins when they have the same title, issuer and version, or when their texts are nearly the
same: the estimated Jaccard similarity of their character shingles (MinHash over NFKC text without whitespace
or punctuation) reaches `SIMILARITY_THRESHOLD`. Two versions of one law (2007 and 2024修订) are never twins,
however alike: the version preference of search chooses between them.

Both copies stay in the library (deleting one un-hides the other). Among twins that a query may read, search
keeps the best source (`source_rank`): a text layer over OCR, and among text layers PDF (pages to cite) over
Word, Markdown or text, over HTML; on a tie the copy indexed last (an updated copy under a new name).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from datasketch import MinHash

from retrieval.loaders.base import FileType
from retrieval.models import DocumentInfo, DocumentMeta, LoadedDocument
from retrieval.store.db import Database

SHINGLE = 4
NUM_PERM = 128
SCHEME = "affine32"
SIMILARITY_THRESHOLD = 0.6  # measured on ../shared/corpus: see evals/results/duplicates.md
# Two documents with titles of their own (「示例区第1号…规定」「示例区第2号…规定」, plans of two towns written from one
# template) are copies only when nearly all their text is shared: the copies measured there share 0.977 or more.
OTHER_TITLE_THRESHOLD = 0.9
_NOT_TEXT = re.compile(r"[\W_]+")
_RANK_BY_TYPE = {FileType.PDF.value: 4, FileType.DOCX.value: 3, FileType.MARKDOWN.value: 3, FileType.TEXT.value: 3,
                 FileType.HTML.value: 2}

MIGRATIONS = [
    """
    CREATE TABLE document_signatures (
        doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
        minhash TEXT NOT NULL, source_rank INTEGER NOT NULL
    );
    CREATE TABLE duplicate_pairs (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        twin_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        reason TEXT NOT NULL, similarity REAL NOT NULL, PRIMARY KEY (doc_id, twin_id)
    )
    """,
]


def normalised(text: str) -> str:
    """NFKC text without whitespace or punctuation: a scan's line breaks and full-width marks do not count."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text)).lower()


def signature(text: str) -> MinHash:
    flat = normalised(text)
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([flat[i : i + SHINGLE].encode() for i in range(max(1, len(flat) - SHINGLE + 1))])
    return minhash


def source_rank(doc: LoadedDocument) -> int:
    """How good a source the copy is: 0 unread scan, 1 OCR'd scan, then HTML 2, Word/Markdown/text 3, PDF 4."""
    if doc.needs_ocr:
        return 0
    if doc.metadata.get("ocr_pages"):
        return 1
    return _RANK_BY_TYPE.get(str(doc.file_type), 2)


@dataclass(frozen=True)
class Twin:
    doc: DocumentInfo
    reason: str  # "title" (same title, issuer and version) or "text" (similar text)
    similarity: float

    def warning(self) -> str:
        name = self.doc.source_path.rsplit("/", 1)[-1]
        zh, en = (("标题和版本相同", "same title and version") if self.reason == "title" else
                  (f"文字相似度 {self.similarity:.0%}", f"text similarity {self.similarity:.0%}"))
        return (f"疑似重复：与《{self.doc.title}》（{name}）{zh}，检索只显示来源较好的一份 / near-duplicate of "
                f"《{self.doc.title}》 ({name}): {en}; search shows one copy, the better source")


def _versions_differ(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


class DuplicateRegistry:
    """Signatures of every document and the twin pairs found at ingest, in the data folder's SQLite."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("duplicates", MIGRATIONS)

    def find_twins(self, doc_id: str, meta: DocumentMeta, minhash: MinHash,
                   documents: list[DocumentInfo]) -> list[Twin]:
        others = {d.doc_id: d for d in documents if d.doc_id != doc_id}
        rows = self.db.conn.execute("SELECT doc_id, minhash FROM document_signatures").fetchall()
        twins: list[Twin] = []
        for row in rows:
            other = others.get(row["doc_id"])
            if other is None or _versions_differ(meta.version, other.version):
                continue
            similarity = minhash.jaccard(MinHash(num_perm=NUM_PERM, scheme=SCHEME,
                                                 hashvalues=json.loads(row["minhash"])))
            same_title = (other.title, other.version, other.issuer) == (meta.title, meta.version, meta.issuer)
            threshold = SIMILARITY_THRESHOLD if _one_title(other.title, meta.title) else OTHER_TITLE_THRESHOLD
            if same_title or similarity >= threshold:
                twins.append(Twin(other, "title" if same_title else "text", round(similarity, 3)))
        return sorted(twins, key=lambda t: -t.similarity)

    def record(self, doc_id: str, minhash: MinHash, rank: int, twins: list[Twin]) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO document_signatures (doc_id, minhash, source_rank) VALUES (?,?,?)",
                         (doc_id, json.dumps(minhash.hashvalues.tolist()), rank))
            for twin in twins:
                conn.execute("INSERT OR REPLACE INTO duplicate_pairs (doc_id, twin_id, reason, similarity)"
                             " VALUES (?,?,?,?)", (doc_id, twin.doc.doc_id, twin.reason, twin.similarity))

    def hidden(self, documents: list[DocumentInfo]) -> set[str]:
        """The documents of `documents` that search hides: every twin but the best source among those given."""
        ids = {d.doc_id for d in documents}
        pairs = [(a, b) for a, b in self.db.conn.execute("SELECT doc_id, twin_id FROM duplicate_pairs")
                 if a in ids and b in ids]
        if not pairs:
            return set()
        ranks = dict(self.db.conn.execute("SELECT doc_id, source_rank FROM document_signatures").fetchall())
        order = {d.doc_id: (ranks.get(d.doc_id, 0), d.ingested_at, d.doc_id) for d in documents}
        hidden: set[str] = set()
        for group in _groups(pairs):
            best = max(group, key=order.__getitem__)
            hidden |= group - {best}
        return hidden

    def twins_of(self, doc_id: str) -> list[str]:
        rows = self.db.conn.execute("SELECT twin_id FROM duplicate_pairs WHERE doc_id=? UNION "
                                    "SELECT doc_id FROM duplicate_pairs WHERE twin_id=?", (doc_id, doc_id))
        return [r[0] for r in rows]


def _one_title(a: str, b: str) -> bool:
    """The same title but for its version or format note (「（2024修订）」, 「扫描件-」 is not: it needs the higher bar)."""
    def core(title: str) -> str:
        return re.sub(r"[（(][^）)]*[)）]|\s+", "", title)
    return core(a) == core(b)


def _groups(pairs: list[tuple[str, str]]) -> list[set[str]]:
    """Connected groups of twins (a Markdown, a Word and a scanned copy of one plan form one group)."""
    groups: list[set[str]] = []
    for a, b in pairs:
        joined = [g for g in groups if a in g or b in g]
        merged = {a, b}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return groups
