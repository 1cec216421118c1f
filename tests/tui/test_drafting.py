"""Pilot tests of the drafting screen: edits move the score, tables clear mistakes, saving
keeps comments, a killed session is recovered, a malformed file opens raw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from dcrdraft.editing import recovery
from dcrdraft.inputs.loader import load
from dcrdraft.tui.app import DcrApp
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.screens.draft import DraftScreen
from dcrdraft.tui.screens.export import ExportScreen
from dcrdraft.tui.screens.raw import RawScreen
from dcrdraft.tui.screens.row_editor import RowEditor
from dcrdraft.tui.widgets.checklist import ChecklistPanel

from .conftest import reviewed, score_of, wait_for

pytestmark = pytest.mark.anyio

REGULATORY = ("Regulated as a medical device (EU MDR class IIa); CE marking obtained and "
              "conformity assessed by a notified body.")


async def test_editing_a_field_updates_the_score(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        before = screen.live.report.score
        assert score_of(app).startswith(f"Score {before}/100")
        assert screen.live.report.item("C17").status != "pass"
        await screen.open_section("safety")
        await pilot.pause()
        area = screen.query_one("#f-safety--regulatory TextArea", TextArea)
        area.focus()
        area.insert(REGULATORY)
        # the field reaches the session through a Changed message: wait for that state, or
        # `reviewed` can see the review of the old text as the latest and return at once
        await wait_for(pilot, lambda: REGULATORY in str(screen.session.get("safety.regulatory")))
        await reviewed(pilot)
        after = screen.live.report.score
        assert after > before and score_of(app).startswith(f"Score {after}/100")
        assert screen.query_one(ChecklistPanel).report.item("C17").status == "pass"
        assert screen.session.dirty


async def test_typing_an_invalid_rate_shows_the_error_inline(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        await screen.open_section("evaluation")
        await pilot.pause()
        box = screen.query_one("#f-evaluation--primary_metric--threshold Input", Input)
        box.focus()
        box.value = ""
        await pilot.press(*"ninety")

        def error_text() -> str:
            return str(screen.query_one("#f-evaluation--primary_metric--threshold .field-error")
                       .content)

        await wait_for(pilot, lambda: "expected a percentage" in error_text())
        error = screen.query_one("#f-evaluation--primary_metric--threshold .field-error")
        assert "expected a percentage like 89%" in str(error.content)
        assert screen.session.inputs is not None  # the last valid model keeps the checklist going
        box.value = ""
        await pilot.press(*"92%")
        await wait_for(pilot, lambda: error_text() == "")
        assert str(error.content) == ""


async def test_adding_a_rollback_trigger_clears_m03(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "fixtures" / "radiology.yaml").read_text()
    start = text.index("  rollback_triggers:")
    end = text.index("\nsignoffs:")
    Path("no-rollback.yaml").write_text(text[:start] + text[end:])
    app = DcrApp("no-rollback.yaml", llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        assert any(f.code == "M03" for f in screen.live.report.findings)
        # A mistake is listed though it is a warning (it blocks only when raised to error).
        panel = screen.query_one("#mistakes")
        listed = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert "! M03 no-rollback-criteria" in listed, listed
        await screen.open_section("deployment")
        await pilot.pause()
        screen.query_one("#f-deployment--rollback_triggers DataTable").focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RowEditor))
        editor = app.screen
        editor.query_one("#f-type Select").value = "automatic"
        condition = editor.query_one("#f-condition TextArea", TextArea)
        condition.focus()
        condition.insert("Sensitivity below 88% on the monthly audit sample")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
        await reviewed(pilot)
        assert screen.session.get("deployment.rollback_triggers") == [
            {"type": "automatic", "condition": "Sensitivity below 88% on the monthly audit sample"}]
        assert not any(f.code == "M03" for f in screen.live.report.findings)
        assert "M03" not in str(screen.query_one("#mistakes").get_option_at_index(0).prompt)


async def test_table_rows_reorder_and_delete_from_the_keyboard(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        await screen.open_section("signoff")
        await pilot.pause()
        screen.query_one("#f-signoffs DataTable").focus()

        def roles() -> list[str]:
            return [r["role"] for r in screen.session.get("signoffs")]

        await pilot.press("ctrl+down")
        await wait_for(pilot, lambda: roles()[0] == "Chief Medical Officer")
        assert roles()[:2] == ["Chief Medical Officer", "Clinical AI Lead"]
        await pilot.press("d")
        await wait_for(pilot, lambda: len(roles()) == 3)
        assert roles() == ["Chief Medical Officer", "Legal and Compliance", "Privacy Officer"]


async def test_save_keeps_comments_and_a_backup(radiology: Path) -> None:
    original = radiology.read_text()
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        await screen.open_section("title")
        await pilot.pause()
        box = screen.query_one("#f-system--version Input", Input)
        box.value = "1.1.0"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.session.dirty)
        assert not screen.session.dirty
    saved = radiology.read_text()
    assert saved.startswith("# Structured inputs for a Deployment Clearance Report (DCR).\n"
                            "# Source: \"Practice Exercise 2")
    assert "  version: 1.1.0\n" in saved
    assert saved.replace("version: 1.1.0", "version: 1.0.0").splitlines()[:18] == \
        original.splitlines()[:18]
    assert Path("radiology.yaml.bak").read_text() == original
    assert load(radiology).system.version == "1.1.0"
    assert recovery.read(radiology) is None


async def test_recovery_after_a_simulated_kill(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        await screen.open_section("system")
        await pilot.pause()
        area = screen.query_one("#f-system--users TextArea", TextArea)
        area.focus()
        area.insert("Night-shift ")
        # the journal is written within a second of the change; the wait is for that state
        await wait_for(pilot, lambda: recovery.read(radiology) is not None, timeout=20)
        app.exit()  # no quit dialog, no save: as if the process were killed
    assert "Night-shift" not in radiology.read_text()

    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "unsaved changes" in str(app.screen.query_one("#confirm-text").content)
        await pilot.press("r")
        await reviewed(pilot)
        session = app.screen.session
        assert session.get("system.users").startswith("Night-shift Radiologists")
        assert session.dirty


async def test_quit_asks_when_there_are_unsaved_changes(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        app.screen.session.set("system.version", "9")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("d")  # discard
        await wait_for(pilot, lambda: not app.is_running)
    assert "version: 1.0.0" in radiology.read_text()
    assert recovery.read(radiology) is None


async def test_malformed_file_opens_raw_and_keeps_the_text() -> None:
    broken = "system:\n  name: Broken bot\n  version: [1.0\n# a comment that must survive\n"
    Path("broken.yaml").write_text(broken)
    app = DcrApp("broken.yaml", llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RawScreen))
        area = app.screen.query_one("#raw-text", TextArea)
        assert area.text == broken
        assert "YAML syntax error" in str(app.screen.query_one("#raw-problems").get_option_at_index(0).prompt)
        area.text = broken.replace("[1.0", "'1.0'")
        await pilot.press("ctrl+r")
        await reviewed(pilot)
        assert app.screen.session.get("system.name") == "Broken bot"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "'1.0'" in Path("broken.yaml").read_text())
    assert "# a comment that must survive" in Path("broken.yaml").read_text()


async def test_a_missing_file_starts_from_the_starter() -> None:
    app = DcrApp("new.yaml", llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        assert app.screen.session.get("system.name") == "Replace with the system's name"
        assert not Path("new.yaml").exists()  # nothing is written until the author saves
    assert not Path("new.yaml").exists()


async def test_checklist_item_jumps_to_the_field_that_fixes_it(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        items = screen.query_one("#items")
        items.focus()
        items.highlighted = 16  # C17 regulatory-compliance
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.section == "safety"
                       and app.focused is screen.query_one("#f-safety--regulatory TextArea"))
        assert screen.section == "safety"
        assert app.focused is screen.query_one("#f-safety--regulatory TextArea")


async def test_export_writes_markdown(radiology: Path) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: Path("radiology.dcr.md").exists()
                       and not isinstance(app.screen, ExportScreen))
    assert Path("radiology.dcr.md").read_text().startswith(
        "# Deployment Clearance Report: Chest X-ray Findings Assistant")


async def test_signoff_table_shows_decision_date_and_stale_mark_without_scrolling(
        radiology: Path) -> None:
    import datetime as dt

    from textual.widgets import DataTable

    from dcrdraft.inputs.signing import record_signoff

    record_signoff(str(radiology), role="Clinical AI Lead", name="Dr. Amara Osei",
                   decision="approve-with-conditions", on=dt.date(2026, 3, 1))
    text = radiology.read_text()
    radiology.write_text(text.replace("    threshold: 90%", "    threshold: 88%", 1))
    record_signoff(str(radiology), role="Chief Medical Officer", name="Dr. Lena Park",
                   decision="approve", on=dt.date(2026, 3, 2))
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        await screen.open_section("signoff")
        await pilot.pause()
        grid = screen.query_one("#section-signoff").query_one(DataTable)
        rows = [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]
        assert rows[0] == ["Clinical AI Lead\nDr. Amara Osei",
                           "approve-with-conditions\n2026-03-01 ⚠ stale"]
        assert rows[1] == ["Chief Medical\nOfficer\nDr. Lena Park",
                           "approve\n2026-03-02 ✓ current"]
        assert rows[2] == ["Legal and\nCompliance", "· pending"]
        # every column fits: nothing hides behind a horizontal scroll
        assert grid.virtual_size.width <= grid.scrollable_content_region.width
        assert grid.max_scroll_x == 0
        # an edit that restores the signed content makes the first sign-off current again
        screen.session.set("evaluation.primary_metric.threshold", 0.9)
        screen._after_edit()
        await pilot.pause()
        assert str(grid.get_row_at(0)[1]).endswith("✓ current")
        assert str(grid.get_row_at(1)[1]).endswith("⚠ stale")


async def test_preview_follows_the_section_selected_in_the_navigator(radiology: Path) -> None:
    from textual.widgets import Markdown, OptionList, TabbedContent

    from dcrdraft.tui.widgets.preview import Preview

    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        screen = app.screen
        tabs = screen.query_one(TabbedContent)
        tabs.active = "preview-tab"
        preview = screen.query_one(Preview)
        # the Markdown widget is made when the preview first shows a draft
        await wait_for(pilot, lambda: preview.query(Markdown))
        markdown = preview.query_one(Markdown)
        await wait_for(pilot, lambda: len(markdown.query("MarkdownH2")) == 9)
        assert preview.scroll_y == 0 and preview.followed is None

        def heading(label: str) -> Any:
            return next(h for h in markdown.query("MarkdownH2")
                        if getattr(h, "source", "").strip() == f"## {label}")

        navigator = screen.query_one("#navigator", OptionList)
        for key, label in (("risks", "5. Risk Register"), ("signoff", "8. Stakeholder Sign-Off"),
                           ("system", "3. System Overview")):
            navigator.focus()
            navigator.highlighted = navigator.get_option_index(key)
            await pilot.press("enter")
            await wait_for(pilot, lambda: preview.followed == label)
            assert tabs.active == "preview-tab"  # selecting keeps the preview showing
            assert screen.section == key
            # the heading (above it only its own margin) is what the preview shows first
            h = heading(label)
            await wait_for(pilot, lambda: h.region.y - h.styles.margin.top
                           == preview.content_region.y)
            assert preview.scroll_y > 0
