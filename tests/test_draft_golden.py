"""Golden files: both canonical examples drafted by the template engine, byte for byte.

Regenerate after an intended template change with ``UPDATE_GOLDEN=1 pytest tests/test_draft_golden.py``
and read the diff. ``check_golden`` (tests/conftest.py) is the suite's one golden-file helper.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load

from . import conftest
from .conftest import FIXTURES, check_golden


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_markdown_golden(name: str) -> None:
    check_golden(f"{name}.md", draft(load(FIXTURES / f"{name}.yaml")).text)


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_nine_sections_in_order(name: str) -> None:
    text = draft(load(FIXTURES / f"{name}.yaml")).text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 1. Title Page and Metadata",
        "## 2. Executive Summary",
        "## 3. System Overview",
        "## 4. Evaluation Summary",
        "## 5. Risk Register",
        "## 6. Deployment Conditions",
        "## 7. Safety and Fairness Analysis",
        "## 8. Stakeholder Sign-Off",
        "## 9. Appendices",
    ]


def test_golden_helper_fails_on_a_missing_or_different_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "UPDATE_GOLDEN", False)
    with pytest.raises(pytest.fail.Exception, match="missing"):
        check_golden("absent.md", "text", tmp_path)
    assert not (tmp_path / "absent.md").exists()  # never written without UPDATE_GOLDEN=1
    (tmp_path / "present.md").write_text("other", encoding="utf-8")
    with pytest.raises(AssertionError, match="differs"):
        check_golden("present.md", "text", tmp_path)
    monkeypatch.setattr(conftest, "UPDATE_GOLDEN", True)
    check_golden("absent.md", "text", tmp_path)
    assert (tmp_path / "absent.md").read_text(encoding="utf-8") == "text"
