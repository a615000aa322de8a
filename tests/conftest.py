"""Shared fixtures: the development data in ../shared (or STORYLINE_SHARED) and one spaCy pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = Path(os.environ.get("STORYLINE_SHARED") or REPO.parent / "shared")
    if not path.is_dir():
        pytest.fail(f"shared data folder not found at {path}; set STORYLINE_SHARED")
    return path


@pytest.fixture(scope="session")
def sample_page_path(shared_dir: Path) -> Path:
    return shared_dir / "samples" / "daily-guardian-ceasefire.txt"


@pytest.fixture(scope="session")
def nlp():
    from storyline.analyze.nlp import load_nlp
    from storyline.config import Settings

    return load_nlp(Settings().spacy_model)


BROWSER_FIXTURES = {"browser", "live_server", "page"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test needs from its fixtures: `pg` for a real Postgres, `browser` for Chromium,
    and both `slow` (a fresh database or browser tab each), so `-m "not slow"` and `-m "not pg"`
    pick tests without a list to keep up to date."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgres_server" in fixtures or "postgres" in params.values():
            item.add_marker(pytest.mark.pg)
            item.add_marker(pytest.mark.slow)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
