"""How well near-duplicate detection separates copies from distinct documents on ../shared/corpus.

Every pair of the corpus's documents (Markdown, Word, PDF with a text layer, and — with OCR installed — the
scanned PDF) is scored by the MinHash estimate that ingest uses (`retrieval.duplicates`). The table lists the
closest pairs, whether each is a copy (the same file name once copy marks and a version suffix
are removed, and no two different versions) and whether the
threshold flags it. Baseline: before this check, no pair was flagged. Writes evals/results/duplicates.md.

    python evals/duplicates.py [--no-ocr]
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from evals.run_retrieval import shared_corpus
from retrieval import loaders
from retrieval.duplicates import SIMILARITY_THRESHOLD, signature
from retrieval.metadata import _NAME_VERSION, without_copy_marks

RESULTS = Path(__file__).resolve().parent / "results" / "duplicates.md"


def documents(corpus: Path, ocr: bool) -> dict[str, tuple[str, str | None, object]]:
    found = {}
    for path in sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".docx", ".pdf") and p.name != "README.md"):
        try:
            doc = loaders.load(path, ocr=ocr)
        except loaders.LoadError:
            continue  # the encrypted and the damaged PDF
        if doc.blocks:
            stem = without_copy_marks(path.stem)
            version = match[1] if (match := _NAME_VERSION.search(stem)) else None
            found[str(path.relative_to(corpus))] = (_NAME_VERSION.sub("", stem), version, signature(doc.text))
    return found


def main(ocr: bool = True) -> list[str]:
    docs = documents(shared_corpus(), ocr)
    pairs = sorted(((a[2].jaccard(b[2]), x, y, a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1]))
                    for (x, a), (y, b) in itertools.combinations(docs.items(), 2)), reverse=True)
    copies = [p for p in pairs if p[3]]
    distinct = [p for p in pairs if not p[3]]
    flagged = [p for p in pairs if p[0] >= SIMILARITY_THRESHOLD]
    lines = [
        "# Near-duplicate detection on ../shared/corpus", "",
        f"{len(docs)} documents, {len(pairs)} pairs; threshold {SIMILARITY_THRESHOLD} (MinHash Jaccard of "
        "4-character shingles).", "",
        "| | baseline (no check) | planassist |", "|---|---|---|",
        f"| copies flagged | 0 / {len(copies)} | {sum(p[3] for p in flagged)} / {len(copies)} |",
        f"| distinct documents flagged | 0 / {len(distinct)} | {sum(not p[3] for p in flagged)} / {len(distinct)} |",
        f"| lowest similarity of a copy | | {min((p[0] for p in copies), default=0):.3f} |",
        f"| highest similarity of distinct documents | | {max((p[0] for p in distinct), default=0):.3f} |",
        "", "Closest pairs:", "", "| similarity | a | b | copy | flagged |", "|---|---|---|---|---|",
    ]
    lines += [f"| {s:.3f} | {a} | {b} | {'yes' if c else 'no'} | {'yes' if s >= SIMILARITY_THRESHOLD else 'no'} |"
              for s, a, b, c in pairs[:12]]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return lines


if __name__ == "__main__":
    main(ocr="--no-ocr" not in sys.argv)
