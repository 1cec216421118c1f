"""Snapshot tests guarding the layout of the main screens at 120×36.

The review results are pinned to recorded reports (``data/``), so a rubric change shows up in
the reviewer's own tests, not as a layout diff here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import json

import pytest

from dcrdraft.editing import live
from dcrdraft.review import FileReport
from dcrdraft.tui.app import DcrApp

from .conftest import reviewed, wait_for

SIZE = (120, 36)
DATA = Path(__file__).parent / "data"


def _recorded(name: str) -> FileReport:
    return FileReport.from_dict(json.loads((DATA / name).read_text()))


@pytest.fixture(autouse=True)
def _pinned_reviews(monkeypatch: pytest.MonkeyPatch) -> None:
    real = live.review_inputs

    def review_inputs(*args: Any, **kwargs: Any) -> live.LiveReview:
        result = real(*args, **kwargs)
        result.report = _recorded("radiology-inputs-report.json")
        return result

    monkeypatch.setattr(live, "review_inputs", review_inputs)
    monkeypatch.setattr("dcrdraft.review.review_path",
                        lambda path: _recorded("radiology-md-report.json"))


def test_drafting_screen(snap_compare: Any, radiology: Path) -> None:
    async def ready(pilot: Any) -> None:
        await reviewed(pilot)
        await pilot.app.screen.open_section("deployment")
        await pilot.pause()

    assert snap_compare(DcrApp(radiology, llm=None), terminal_size=SIZE, run_before=ready)


def test_preview_tab_with_segment_chart(snap_compare: Any, radiology: Path) -> None:
    async def ready(pilot: Any) -> None:
        from textual.widgets import Markdown, TabbedContent

        await reviewed(pilot)
        screen = pilot.app.screen
        screen.query_one(TabbedContent).active = "preview-tab"
        await wait_for(pilot, lambda: not screen._preview_stale)
        # The draft's Markdown is parsed in a thread and mounted in batches. Updates run one
        # at a time, so awaiting an update to the same text returns once the preview's own
        # update has finished mounting.
        markdown = screen.query_one("#draft-md", Markdown)
        await markdown.update(markdown.source)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(DcrApp(radiology, llm=None), terminal_size=SIZE, run_before=ready)


def test_review_mode(snap_compare: Any, monkeypatch: Any, tmp_path: Path) -> None:
    doc = tmp_path / "radiology.md"
    # The document is pinned too (the draft the recorded report was made from), so a
    # template change does not show up as a layout diff.
    doc.write_text((DATA / "radiology.md").read_text())

    async def ready(pilot: Any) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.report is not None, timeout=10)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(DcrApp(review="radiology.md"), terminal_size=SIZE, run_before=ready)
