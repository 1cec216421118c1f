"""HTML export: golden files for both fixtures, escaping, TOC, print CSS and inline charts."""

from __future__ import annotations

import re

import pytest

from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load, load_text
from dcrdraft.draft.export import render

from ..conftest import FIXTURES
from .conftest import check_export_golden


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_html_golden(name: str) -> None:
    check_export_golden(f"{name}.html", render(draft(load(FIXTURES / f"{name}.yaml")), "html"))


def test_draft_html_equals_export_html() -> None:
    inputs = load(FIXTURES / "radiology.yaml")
    assert draft(inputs, fmt="html").text == render(draft(inputs), "html")


def test_html_is_self_contained_and_print_friendly() -> None:
    html = render(draft(load(FIXTURES / "radiology.yaml")), "html")
    assert '<nav class="toc">' in html and html.count('<li><a href="#') == 9
    assert "page-break-before: always" in html
    assert not re.search(r"<(script|link)\b|\bsrc=", html)  # nothing fetched, nothing run
    assert html.count("<svg") == 1 and "```" not in html and "xychart-beta" not in html
    assert '<em class="gap">' in html


def test_user_text_is_escaped_everywhere() -> None:
    evil = '<script>alert("x")</script>'
    text = (FIXTURES / "radiology.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Chest X-ray Findings Assistant", f"name: '{evil}'")
    text = text.replace("{name: Hospital D,", f"{{name: '{evil}',")
    text = text.replace("title: False negatives on subtle findings", f"title: '{evil} & co'")
    html = render(draft(load_text(text, "evil.yaml")), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "&lt;script&gt;" in svg  # the segment label inside the chart


def test_condition_check_boxes_are_boxes_not_brackets() -> None:
    html_text = draft(load(FIXTURES / "inputs" / "complete-support-agent.yaml"), fmt="html").text
    assert "[x]" not in html_text and "[ ]" not in html_text
    assert "☑ Monitoring dashboards and alerts are live" in html_text


def test_risk_ids_in_table_cells_never_break_at_the_hyphen() -> None:
    html = render(draft(load(FIXTURES / "radiology.yaml")), "html")
    assert "span.id { white-space: nowrap; }" in html
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    with_ids = [c for c in cells if re.search(r"\bRAD-\d+", c)]
    assert with_ids, "the risk table shows the risk IDs"
    for cell in with_ids:
        bare = re.sub(r'<span class="id">RAD-\d+</span>', "", cell)
        assert not re.search(r"\bRAD-\d+", bare), cell
    # dates and words with hyphens stay as they are
    assert '<span class="id">20' not in html
