"""Shared test helpers: the repository's fixtures folder and the golden-file switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def check_golden(name: str, actual: str, folder: Path = GOLDEN) -> None:
    """Compare with FOLDER/NAME (tests/golden by default); ``UPDATE_GOLDEN=1`` rewrites it."""
    path = folder / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden {name} was missing and has been written; check it in")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The review command caches results and compiled patterns under XDG_CACHE_HOME: tests use
    a folder of their own, never the user's cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin 'today' (overdue conditions, sign dates) so results do not change with the
    calendar; a test that needs another date sets DCRDRAFT_TODAY itself."""
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-11-01")
