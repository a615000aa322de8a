"""Shared fixtures: the development data in ../shared (or STORYLINE_SHARED) and one spaCy pipeline."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite store at the latest schema, made once by `open_store`. Copying it gives a
    test a new store without running every migration again (a tenth of a second a store); the
    migrations from an empty file are tested on their own (test_store.py)."""
    from storyline.store import open_store

    path = tmp_path_factory.mktemp("migrated") / "storyline.db"
    open_store(str(path)).close()
    assert not path.with_name(path.name + "-wal").exists(), "the template must be one file"
    return path


@pytest.fixture
def fresh_sqlite(tmp_path: Path, migrated_sqlite: Path) -> Path:
    """tmp_path/storyline.db: a new, empty store at the latest schema."""
    path = tmp_path / "storyline.db"
    shutil.copyfile(migrated_sqlite, path)
    return path


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
