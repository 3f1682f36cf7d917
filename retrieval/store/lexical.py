"""BM25 over jieba search-mode tokens, persisted with bm25s and rebuilt from stored tokens after each ingest.

`jieba.lcut_for_search` also emits the sub-words of long compounds (应急管理局 → 应急, 管理, 应急管理局),
which is what paraphrased questions need. Tokens are stored per chunk in the registry, so a rebuild after an
ingest never re-tokenises the corpus.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
import unicodedata
from collections.abc import Collection
from functools import cache
from pathlib import Path

import bm25s
import jieba
import jieba.posseg
import numpy as np

jieba.setLogLevel(logging.WARNING)

_STOPWORDS = frozenset(
    ["的", "了", "和", "与", "及", "或", "是", "在", "为", "对", "由", "从", "把", "被", "等", "其", "之", "并", "也", "就", "都", "而", "要", "应", "应当", "可以", "有", "个", "中", "上", "下", "这", "那", "什么", "怎么", "怎样", "如何", "哪些", "哪个", "多少", "吗", "呢", "吧", "啊", "请问", "一下", "需要", "规定", "的话", "是否", "时候"]
)
_KEEP = re.compile(r"[\w\u4e00-\u9fff]")
_ids_lock = threading.Lock()


def tokenize(text: str) -> list[str]:
    """Normalised jieba search-mode tokens without punctuation or stop words."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [t for t in jieba.lcut_for_search(text) if _KEEP.search(t) and t.strip() and t not in _STOPWORDS]


@cache
def word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tag of each word (n noun, ns place, v verb, …)."""
    return jieba.posseg.dt.word_tag_tab


class LexicalIndex:
    """A bm25s index over chunk ids, stored in one folder and swapped in atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._bm25: bm25s.BM25 | None = None
        self._chunk_ids: list[str] = []
        self._loaded_generation: str | None = None
        self._manifest_signature: tuple[int, int, int] | None = None

    @property
    def chunk_ids(self) -> list[str]:
        return self._chunk_ids

    def indexed_ids(self) -> list[str]:
        """The chunk ids in the index on disk (which another process may have rebuilt)."""
        self._ensure_loaded()
        return self._chunk_ids

    @property
    def generation(self) -> str | None:
        """Changes with every rebuild, which follows every ingest and deletion (in any process)."""
        self._ensure_loaded()
        return self._loaded_generation

    def rebuild(self, chunk_ids: list[str], tokens: list[list[str]]) -> None:
        staging = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if chunk_ids:
            bm25 = bm25s.BM25(k1=1.2, b=0.75)
            bm25.index([t or ["∅"] for t in tokens], show_progress=False)
            bm25.save(str(staging / "bm25"), show_progress=False)
        generation = f"{len(chunk_ids)}-{np.random.default_rng().integers(1 << 62)}"
        (staging / "chunk_ids.json").write_text(json.dumps({"generation": generation, "ids": chunk_ids}))
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            self.folder.rename(old)
        staging.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)
        self._loaded_generation = self._manifest_signature = None

    def _ensure_loaded(self) -> None:
        manifest = self.folder / "chunk_ids.json"
        try:
            stat = manifest.stat()
        except FileNotFoundError:
            self._bm25, self._chunk_ids, self._manifest_signature = None, [], None
            return
        # A rebuild swaps in a new folder: a manifest with the same inode, size and time is the one loaded, and
        # is not parsed again (it lists every chunk id).
        signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if signature == self._manifest_signature:
            return
        with _ids_lock:
            data = json.loads(manifest.read_text())
            if data["generation"] != self._loaded_generation:
                ids = data["ids"]
                bm25 = bm25s.BM25.load(str(self.folder / "bm25"), show_progress=False) if ids else None
                self._bm25, self._chunk_ids, self._loaded_generation = bm25, ids, data["generation"]
            self._manifest_signature = signature

    def idf(self, words: Collection[str]) -> dict[str, float]:
        """Inverse chunk frequency of each word, max(1, log((N + 1) / (df + 0.5))): a word no chunk contains
        weighs most, as it is the likeliest sign that the corpus does not cover the question; the floor of 1
        keeps common words from weighing nothing, and a corpus of a few chunks from weighting at random."""
        self._ensure_loaded()
        if self._bm25 is None:
            return dict.fromkeys(words, 1.0)
        total = self._bm25.scores["num_docs"]
        return {w: max(1.0, float(np.log((total + 1) / (df + 0.5))))
                for w, df in self.document_frequency(words).items()}

    def document_frequency(self, words: Collection[str], allowed_doc_ids: set[str] | None = None) -> dict[str, int]:
        """How many chunks contain each word (0 for a word no chunk contains, or when nothing is indexed); only
        chunks of `allowed_doc_ids` count when it is given."""
        self._ensure_loaded()
        if self._bm25 is None:
            return dict.fromkeys(words, 0)
        indptr, vocab = self._bm25.scores["indptr"], self._bm25.vocab_dict
        if allowed_doc_ids is None:
            return {w: int(indptr[vocab[w] + 1] - indptr[vocab[w]]) if w in vocab else 0 for w in words}
        rows = self._bm25.scores["indices"]  # the chunks holding each word, word by word (CSC)
        allowed = np.fromiter((cid.split(":", 1)[0] in allowed_doc_ids for cid in self._chunk_ids), bool)
        return {w: int(allowed[rows[indptr[vocab[w]]:indptr[vocab[w] + 1]]].sum()) if w in vocab else 0
                for w in words}

    def search(self, query: str, k: int, allowed_doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, score) with score > 0, only from `allowed_doc_ids` when given."""
        self._ensure_loaded()
        if self._bm25 is None:
            return []
        tokens = [t for t in tokenize(query) if t in self._bm25.vocab_dict]
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        if allowed_doc_ids is not None:
            allowed = np.fromiter((cid.split(":", 1)[0] in allowed_doc_ids for cid in self._chunk_ids), bool)
            scores = np.where(allowed, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self._chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]
