"""The dense side: a Chroma collection (cosine) per embedding model, embedded or on a Chroma server.

Vectors are computed by our own LangChain `Embeddings` backend and passed in, so Chroma never tries to fetch
its default model. `PLANASSIST_CHROMA_URL` (http://host:port) switches to `chromadb.HttpClient`.

Up to `EXACT_SEARCH_LIMIT` vectors (a district's plans and laws: a few thousand clauses), a query is answered
exactly from the collection's vectors held in memory; above it, by Chroma's HNSW index. Chroma may rebuild its
HNSW graph when a process opens the collection, and the graph is built at random, so the approximate top 50
differed between processes (a candidate at similarity 0.28 present in one run, missing in the next) and
evaluation rows moved by a question from run to run.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import chromadb.errors
import numpy as np
from chromadb.config import Settings

EXACT_SEARCH_LIMIT = 20_000
log = logging.getLogger(__name__)

# Similarities are rounded and ties ordered by chunk id, so that candidates the model cannot tell apart come in
# one order whichever way they were found (exact search, Chroma's index, another platform's float arithmetic):
# a swap at rank 40 moves a chunk's fused score by 1/(60+40) − 1/(60+41), enough to flip a near-tie at the top.
SIMILARITY_DECIMALS = 4


def collection_name(embedding: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9_-]+", "-", embedding).strip("-_")[:40] or "default"
    return f"chunks-{slug}"


def _client(folder: Path, chroma_url: str | None) -> Any:
    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https", settings=settings
        )
    folder.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(folder), settings=settings)


@dataclass(frozen=True)
class _Matrix:
    """The collection's vectors, unit length, in memory for exact search; `key` tells when to reload them."""

    key: tuple[str | None, int]
    ids: np.ndarray
    doc_ids: np.ndarray
    vectors: np.ndarray


class VectorStore:
    def __init__(self, folder: Path, embedding: str, *, chroma_url: str | None = None) -> None:
        self.client = _client(folder, chroma_url)
        self.collection = self.client.get_or_create_collection(
            collection_name(embedding), metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        self._matrix: _Matrix | None = None
        self._matrix_lock = threading.Lock()

    def probe(self) -> None:
        """Read the collection once (count, a vector, a query), raising if Chroma cannot: after a SIGKILL
        mid-write its HNSW segment can fail to load ("Failed to apply logs to the hnsw segment writer")."""
        if self.collection.count():
            first = self.collection.get(limit=1, include=["embeddings"])
            self.collection.query(query_embeddings=[list(first["embeddings"][0])], n_results=1, include=[])

    @staticmethod
    def release(folder: Path) -> None:
        """Stop this process's Chroma system for `folder`, so that the folder can be replaced and reopened."""
        from chromadb.api.shared_system_client import SharedSystemClient

        for identifier in [i for i in SharedSystemClient._identifier_to_system if i == str(folder)]:
            SharedSystemClient._identifier_to_refcount.pop(identifier, None)
            system = SharedSystemClient._identifier_to_system.pop(identifier)
            try:
                system.stop()
            except Exception as exc:  # a broken system may fail to stop; it is dropped all the same
                log.info("stopping the Chroma system of %s: %s", folder, exc)

    def upsert(self, ids: list[str], vectors: list[list[float]], metadatas: list[dict[str, Any]]) -> None:
        self.collection.upsert(ids=ids, embeddings=vectors, metadatas=metadatas)
        self._matrix = None

    def delete_document(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})
        self._matrix = None

    def delete_ids(self, ids: list[str]) -> None:
        self.collection.delete(ids=ids)
        self._matrix = None

    def count(self) -> int:
        return self.collection.count()

    def unreadable(self, ids: list[str], batch: int = 1000) -> set[str]:
        """The ids whose vectors Chroma cannot return ("Error finding id"), probed in batches that are split
        until the broken ids are found."""
        broken: set[str] = set()
        for start in range(0, len(ids), batch):
            part = ids[start : start + batch]
            try:
                self.collection.get(ids=part, include=["embeddings"])
            except chromadb.errors.ChromaError:
                if len(part) == 1:
                    broken.update(part)
                else:
                    broken |= self.unreadable(part, batch=max(1, len(part) // 8))
        return broken

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def query(self, vector: list[float], k: int, doc_ids: list[str] | None = None,
              generation: str | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, cosine similarity), restricted to `doc_ids` when given. `generation` names the state
        of the index (it changes with every ingest or deletion, in any process), so that vectors held in memory
        are reloaded when another process changed the collection."""
        if doc_ids is not None and not doc_ids:
            return []
        cached = self._matrix
        total = len(cached.ids) if cached is not None and generation and cached.key[0] == generation else self.count()
        if total == 0:
            return []
        similarities = None
        if total <= EXACT_SEARCH_LIMIT:
            try:
                similarities = self._exact(vector, k, doc_ids, (generation, total))
            except chromadb.errors.ChromaError as error:  # repaired when the folder is next opened
                log.warning("exact dense search unavailable (%s); using Chroma's approximate index", error)
        if similarities is None:
            similarities = self._approximate(vector, min(k, total), doc_ids)
        return sorted(((cid, round(sim, SIMILARITY_DECIMALS)) for cid, sim in similarities),
                      key=lambda pair: (-pair[1], pair[0]))[:k]

    def _approximate(self, vector: list[float], k: int, doc_ids: list[str] | None) -> list[tuple[str, float]]:
        where = {"doc_id": {"$in": doc_ids}} if doc_ids is not None else None
        result = self.collection.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [(cid, 1.0 - dist) for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True)]

    def _exact(self, vector: list[float], k: int, doc_ids: list[str] | None,
               key: tuple[str | None, int]) -> list[tuple[str, float]]:
        matrix = self._loaded_matrix(key)
        query = np.asarray(vector, dtype=np.float32)
        scores = matrix.vectors @ (query / (np.linalg.norm(query) or 1.0))
        if doc_ids is not None:
            scores = np.where(np.isin(matrix.doc_ids, doc_ids), scores, -np.inf)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(str(matrix.ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]

    def _loaded_matrix(self, key: tuple[str | None, int]) -> _Matrix:
        with self._matrix_lock:
            if self._matrix is None or self._matrix.key != key or key[0] is None:
                data = self.collection.get(include=["embeddings", "metadatas"])
                vectors = np.asarray(data["embeddings"], dtype=np.float32).reshape(len(data["ids"]), -1)
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                self._matrix = _Matrix(key, np.asarray(data["ids"]),
                                       np.asarray([m.get("doc_id", "") for m in data["metadatas"]]),
                                       vectors / np.where(norms == 0, 1.0, norms))
            return self._matrix
