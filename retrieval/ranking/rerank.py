"""The optional cross-encoder stage of search: a sentence-transformers CrossEncoder folder scores (query, clause)
pairs and reorders the head of the fused list.

Configured by `PLANASSIST_RERANKER_MODEL` (a local folder, loaded offline). None ships with planassist: a
multilingual reranker must be brought by the operator; any folder `CrossEncoder(path)` loads will do.
"""

from __future__ import annotations

from pathlib import Path


class RerankerError(RuntimeError):
    """The configured reranker folder cannot be loaded."""


class CrossEncoderReranker:
    """Scores query–passage pairs with a CrossEncoder; higher is more relevant."""

    def __init__(self, folder: str | Path, *, max_length: int = 512, batch_size: int = 16) -> None:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise RerankerError(f"重排序模型目录不存在 / reranker folder not found: {path}")
        from sentence_transformers import CrossEncoder

        try:
            self.model = CrossEncoder(str(path), max_length=max_length, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise RerankerError(f"重排序模型无法加载 / cannot load reranker {path}: {exc}") from exc
        self.name = path.name
        self.batch_size = batch_size

    def score(self, query: str, texts: list[str]) -> list[float]:
        if not texts:
            return []
        scores = self.model.predict([(query, text) for text in texts], batch_size=self.batch_size,
                                    show_progress_bar=False)
        return [float(s) for s in scores]
