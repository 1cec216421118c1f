"""Nothing the author wrote is lost by the editor: recovery only over the version the journal
was made on, unreadable journals set aside with one message, no save of a file that does not
validate without confirmation, no save over a file changed outside, no file created unasked,
and no TUI at all without a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dcrdraft.editing import recovery
from dcrdraft.editing.session import EditSession, InvalidSave
from dcrdraft.errors import OutputError
from dcrdraft.tui.app import DcrApp
from dcrdraft.tui.screens.confirm import ConfirmScreen

from .conftest import reviewed, wait_for


def _journal_edit(path: Path) -> None:
    session = EditSession.open(path)
    session.set("system.users", "Night-shift radiologists")
    session.journal()


def test_recovery_is_offered_over_the_version_it_was_made_on(radiology: Path) -> None:
    _journal_edit(radiology)
    found = EditSession.open(radiology).pending_recovery()
    assert found.entry is not None and found.notice is None


def test_recovery_is_not_offered_over_a_file_changed_outside(radiology: Path) -> None:
    _journal_edit(radiology)
    radiology.write_text(radiology.read_text() + "# a sign-off added outside the editor\n")
    found = EditSession.open(radiology).pending_recovery()
    assert found.entry is None
    assert found.notice is not None and "changed outside the editor" in found.notice
    assert recovery.read(radiology) is None  # set aside, not offered again
    kept = list(recovery.journal_path(radiology).parent.glob("*.other-version-*"))
    assert len(kept) == 1 and "Night-shift" in kept[0].read_text()
    assert radiology.read_text().endswith("# a sign-off added outside the editor\n")


@pytest.mark.parametrize("content", [
    b"{not json",
    json.dumps({"kind": "data", "payload": "text where data belongs", "path": "x",
                "saved_at": "now"}).encode(),
    b'{"kind": "data", "path": "x", "saved_at": "now", "payload": {"a": '
    + b"[" * 50_000 + b"]" * 50_000 + b"}}",
    b'{"kind": "data", "path": "x", "saved_at": "now", "payload": {"a": '
    + b"[" * 500 + b"]" * 500 + b"}}",
    b"\xff\xfe{",
], ids=["syntax", "wrong-type", "nested-50000", "nested-500", "not-utf8"])
def test_an_unreadable_journal_is_set_aside_with_one_message(radiology: Path,
                                                             content: bytes) -> None:
    target = recovery.journal_path(radiology)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    found = EditSession.open(radiology).pending_recovery()
    assert found.entry is None
    assert found.notice is not None and "\n" not in found.notice
    assert "not restored" in found.notice
    assert not target.exists()
    assert list(target.parent.glob("*.damaged-*"))


@pytest.mark.anyio
async def test_the_app_starts_despite_a_damaged_journal(radiology: Path) -> None:
    target = recovery.journal_path(radiology)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"kind": "raw", "payload": ' + "[" * 100_000)
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        assert any("not restored" in str(n.message) for n in app._notifications)


def test_saving_what_does_not_validate_needs_confirmation(radiology: Path) -> None:
    before = radiology.read_text()
    session = EditSession.open(radiology)
    session.set("risks", [{"severity": "medium"}])  # a risk without a title
    assert session.problems
    with pytest.raises(InvalidSave):
        session.save()
    assert radiology.read_text() == before
    session.save(confirmed=True)
    assert radiology.read_text() != before


def test_a_restored_damaged_journal_is_not_saved_silently(radiology: Path) -> None:
    session = EditSession.open(radiology)
    session.journal()
    entry_path = recovery.journal_path(radiology)
    entry = json.loads(entry_path.read_text())
    entry["payload"] = {"system": {"name": "x"}, "risks": "not a list"}
    entry_path.write_text(json.dumps(entry))
    fresh = EditSession.open(radiology)
    found = fresh.pending_recovery()
    assert found.entry is not None
    fresh.restore(found.entry)
    with pytest.raises(InvalidSave):
        fresh.save()


def test_save_never_replaces_a_file_changed_outside(radiology: Path) -> None:
    session = EditSession.open(radiology)
    session.set("system.version", "9.9.9")
    radiology.write_text(radiology.read_text() + "# saved elsewhere\n")
    with pytest.raises(OutputError, match="changed on disk since it was opened"):
        session.save()
    assert radiology.read_text().endswith("# saved elsewhere\n")


def test_a_new_file_is_created_only_on_save_and_never_over_another(tmp_path: Path) -> None:
    session = EditSession.open("new.yaml")
    assert not Path("new.yaml").exists()
    Path("new.yaml").write_text("someone else's file\n")
    session.set("system.name", "Bot")
    with pytest.raises(OutputError, match="already exists"):
        session.save()
    assert Path("new.yaml").read_text() == "someone else's file\n"


@pytest.mark.anyio
async def test_ctrl_s_on_an_invalid_form_asks_first(radiology: Path) -> None:
    before = radiology.read_text()
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        app.screen.session.set("risks", [{"severity": "medium"}])
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Save it anyway?" in str(app.screen.query_one("#confirm-text").content)
        await pilot.press("c")
        await pilot.pause()
        assert radiology.read_text() == before


def test_no_terminal_means_one_line_exit_2_and_no_file(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "dcrdraft", "tui"], cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "dcrdraft: the TUI needs a terminal (stdin and stdout are not one); use "
        "`dcrdraft draft` or `dcrdraft review` in scripts"]
    assert list(tmp_path.iterdir()) == []
