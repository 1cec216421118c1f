"""Golden files of the export formats live in tests/export/golden (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import UPDATE_GOLDEN

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_export_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden {name} was missing and has been written; check it in")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 to accept)"
