"""A library of small plans written for one test."""

from __future__ import annotations

from pathlib import Path

from assistant.service import Assistant


def plan_library(tmp_path: Path, plans: dict[str, str]) -> Assistant:
    """An Assistant over small plans, each written as its title heading over `plans[title]`."""
    paths = []
    for title, body in plans.items():
        path = tmp_path / f"{title}.md"
        path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
        paths.append(path)
    assistant = Assistant(home=tmp_path / "home")
    assistant.ingest(paths, doc_type="plan")
    return assistant
