"""Golden files: both canonical examples drafted by the template engine, byte for byte.

Regenerate after an intended template change with ``UPDATE_GOLDEN=1 pytest tests/test_draft_golden.py``
and read the diff.
"""

from __future__ import annotations

import pytest

from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load

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
