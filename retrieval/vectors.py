"""The dense side: a Chroma collection (cosine) per embedding model, embedded or on a Chroma server.

Vectors are computed by our own LangChain `Embeddings` backend and passed in, so Chroma never tries to fetch
its default model. `PLANASSIST_CHROMA_URL` (http://host:port) switches to `chromadb.HttpClient`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings

# Similarities are rounded and ties ordered by chunk id: the last bits of a distance differ between processes
# (thread scheduling in the embedding model and in HNSW), which flipped the order of near-equal candidates and
# moved evaluation rows by a question from run to run.
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


class VectorStore:
    def __init__(self, folder: Path, embedding: str, *, chroma_url: str | None = None) -> None:
        self.client = _client(folder, chroma_url)
        self.collection = self.client.get_or_create_collection(
            collection_name(embedding), metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    def upsert(self, ids: list[str], vectors: list[list[float]], metadatas: list[dict[str, Any]]) -> None:
        self.collection.upsert(ids=ids, embeddings=vectors, metadatas=metadatas)

    def delete_document(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def count(self) -> int:
        return self.collection.count()

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def query(self, vector: list[float], k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, cosine similarity), restricted to `doc_ids` when given."""
        if doc_ids is not None and not doc_ids:
            return []
        total = self.count()
        if total == 0:
            return []
        where = {"doc_id": {"$in": doc_ids}} if doc_ids is not None else None
        result = self.collection.query(
            query_embeddings=[vector], n_results=min(k, total), where=where, include=["distances"]
        )
        similarities = [(cid, round(1.0 - dist, SIMILARITY_DECIMALS))
                        for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True)]
        return sorted(similarities, key=lambda pair: (-pair[1], pair[0]))
