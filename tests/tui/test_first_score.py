"""The first frame's score: an earlier run's review of the same text shows at once, marked as
cached, until this run's review replaces it; a child process's review of the file as opened
shows before the in-process one; neither shows for text that has changed since."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from dcrdraft.editing import firstscore, live
from dcrdraft.editing.session import EditSession
from dcrdraft.review.models import FileReport
from dcrdraft.tui.app import DcrApp
from dcrdraft.tui.screens.draft import DraftScreen, FirstReviewDone
from dcrdraft.tui.widgets.checklist import ChecklistPanel

from .conftest import reviewed, score_of, wait_for

pytestmark = pytest.mark.anyio

REVIEW = live.review_inputs
"""The live review itself (the ``held`` fixture replaces the module's name)."""


@pytest.fixture
async def held(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[threading.Event]:
    """Holds the in-process review until the test sets the event (so the state before it
    lands can be looked at); set on teardown so no worker is left waiting. An async fixture
    on purpose: its teardown runs before anyio closes the event loop, and closing the loop
    joins the review's thread, so a test failing before it set the event (a sync fixture's
    teardown comes after that join) hung the suite instead of failing."""
    gate = threading.Event()

    def review_inputs(*args: Any, **kwargs: Any) -> live.LiveReview:
        gate.wait()
        return REVIEW(*args, **kwargs)

    monkeypatch.setattr(live, "review_inputs", review_inputs)
    yield gate
    gate.set()


def _true_report(path: Path) -> FileReport:
    session = EditSession.open(path)
    assert session.inputs is not None
    return REVIEW(session.inputs, str(session.path)).report


def _key(path: Path) -> str:
    return firstscore.score_key(EditSession.open(path).text)


def _drafting(app: DcrApp) -> bool:
    return isinstance(app.screen, DraftScreen) and app.screen.is_mounted


async def test_a_cached_score_is_in_the_first_frame_marked_until_the_review_replaces_it(
        radiology: Path, held: threading.Event) -> None:
    true = _true_report(radiology)
    # an entry that differs from the true review, so the test sees which one is shown
    firstscore.store(_key(radiology), dataclasses.replace(true, score=true.score // 2))
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: _drafting(app))
        panel = app.screen.query_one(ChecklistPanel)
        assert score_of(app) == f"Score {true.score // 2}/100 · cached, rechecking"
        assert panel.cached and panel.has_class("stale")
        held.set()
        await reviewed(pilot)
        assert score_of(app) == f"Score {true.score}/100"
        assert not panel.cached and not panel.has_class("stale")


async def test_a_review_of_the_opened_text_is_kept_for_the_next_launch(
        radiology: Path, held: threading.Event) -> None:
    assert firstscore.cached_report(_key(radiology)) is None
    held.set()
    async with DcrApp(radiology, llm=None).run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        score = pilot.app.screen.live.report.score
    kept = firstscore.cached_report(_key(radiology))
    assert kept is not None and kept.to_dict() == _true_report(radiology).to_dict()
    held.clear()
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: _drafting(app))
        assert score_of(app) == f"Score {score}/100 · cached, rechecking"
        held.set()
        await reviewed(pilot)


async def test_an_edited_text_is_not_kept(radiology: Path, held: threading.Event) -> None:
    held.set()
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        key = _key(radiology)
        assert firstscore.cached_report(key) is not None
        firstscore._file(key).unlink()
        app.screen.session.set("safety.regulatory", "Not regulated.")
        app.screen.request_review(now=True)
        await reviewed(pilot)
        assert firstscore.cached_report(key) is None  # the edit is unsaved: nothing to key


async def test_the_child_processes_score_shows_before_the_in_process_review(
        radiology: Path, held: threading.Event) -> None:
    first = firstscore.FirstReview.start(radiology, spare_core_only=False)
    assert first is not None
    true = _true_report(radiology)
    app = DcrApp(radiology, llm=None, first=first)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: _drafting(app))
        screen = app.screen
        await wait_for(pilot, lambda: score_of(app) != "Score --/100"
                       and "cached" not in score_of(app), timeout=60)
        assert screen.live is None  # the in-process review is still held
        assert score_of(app) == f"Score {true.score}/100"
        assert screen.query_one(ChecklistPanel).report.to_dict() == true.to_dict()
        held.set()
        await reviewed(pilot)
        assert score_of(app) == f"Score {true.score}/100"


async def test_a_childs_score_of_other_text_is_not_shown(radiology: Path,
                                                           held: threading.Event) -> None:
    true = _true_report(radiology)
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: _drafting(app))
        screen = app.screen
        screen.post_message(FirstReviewDone("0" * 40, true))
        await pilot.pause()
        assert score_of(app) == "Score --/100"
        screen.session.set("safety.regulatory", "Not regulated.")  # now edited: too late
        screen.post_message(FirstReviewDone(screen.first_key, true))
        await pilot.pause()
        assert score_of(app) == "Score --/100"
        held.set()
        screen.request_review(now=True)
        await reviewed(pilot)


def test_no_child_starts_for_a_cached_text(radiology: Path) -> None:
    first = firstscore.FirstReview.start(radiology, spare_core_only=False)
    assert first is not None
    got = first.result()
    assert got is not None and got[0] == _key(radiology)
    assert got[1].to_dict() == _true_report(radiology).to_dict()
    # cached: the first frame has it
    assert firstscore.FirstReview.start(radiology, spare_core_only=False) is None
    assert firstscore.review_file(str(radiology)) is None  # (a child started meanwhile)


async def test_a_child_that_gives_nothing_leaves_the_score_to_the_live_review(
        radiology: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"], stdout=subprocess.PIPE)
    app = DcrApp(radiology, llm=None, first=firstscore.FirstReview(proc))
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        assert score_of(app) == f"Score {_true_report(radiology).score}/100"


def test_no_child_starts_without_a_spare_core(radiology: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(firstscore, "cpu_waited", lambda: None)  # no PSI: the load average
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (1.5, 1.0, 1.0))
    assert not firstscore.spare_core()
    assert firstscore.FirstReview.start(radiology) is None
    monkeypatch.setattr("os.getloadavg", lambda: (0.5, 1.0, 1.0))
    assert firstscore.spare_core()


def test_the_key_follows_text_and_date(radiology: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = EditSession.open(radiology).text
    key = firstscore.score_key(text)
    assert firstscore.score_key(text + "\n# a comment\n") != key
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-11-02")
    assert firstscore.score_key(text) != key


def test_a_damaged_entry_is_a_miss(radiology: Path) -> None:
    key = _key(radiology)
    firstscore.store(key, _true_report(radiology))
    path = firstscore._file(key)
    path.write_text(path.read_text()[:40])
    assert firstscore.cached_report(key) is None


def test_stop_ends_a_running_child() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                            stdout=subprocess.PIPE)
    first = firstscore.FirstReview(proc)
    first.stop()
    assert proc.returncode is not None
    assert first.result() is None


def test_the_score_is_read_while_the_child_still_saves_its_caches(radiology: Path,
                                                                   tmp_path: Path) -> None:
    """The child's line is taken as soon as it is written, not when the child ends (it goes
    on saving its pattern caches): here the child never ends until it is stopped."""
    report = _true_report(radiology)
    line = tmp_path / "line.json"
    line.write_text(json.dumps({"key": "k" * 40, "report": report.to_dict()}))
    script = ("import sys, time; sys.stdout.write(open(sys.argv[1]).read() + '\\n'); "
              "sys.stdout.flush(); time.sleep(600)")
    proc = subprocess.Popen([sys.executable, "-c", script, str(line)], stdout=subprocess.PIPE)
    first = firstscore.FirstReview(proc)
    try:
        got = first.result()
        assert proc.poll() is None  # still "saving": the score did not wait for the exit
        assert got is not None and got[0] == "k" * 40
        assert got[1].to_dict() == report.to_dict()
    finally:
        first.stop()
    first.finish()
    assert proc.returncode is not None and proc.stdout is not None and proc.stdout.closed


def test_finish_waits_for_a_child_that_ends_on_its_own() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "print('not json')"], stdout=subprocess.PIPE)
    first = firstscore.FirstReview(proc)
    assert first.result() is None
    first.finish()
    assert proc.returncode == 0


@pytest.mark.parametrize(("text", "waited", "spare"), [
    ("some avg10=0.06 avg60=2.49 avg300=3.48 total=23815730654\n"
     "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", 0.06, True),
    ("some avg10=97.50 avg60=80.00 avg300=20.00 total=1\n", 97.5, False),
    ("some avg10=9.99 avg60=0 avg300=0 total=1\n", 9.99, True),
    ("full avg10=0.00\n", None, None),
    ("some avg60=1.00\n", None, None),
    ("garbage\n", None, None),
    ("", None, None),
])
def test_cpu_pressure_decides_when_the_kernel_reports_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, waited: float | None,
        spare: bool | None) -> None:
    """The last 10 s of CPU pressure, not the one-minute load average (which still counts a
    test run that ended a minute ago), says whether a core is idle; no readable figure falls
    back to the load average."""
    path = tmp_path / "cpu"
    path.write_text(text)
    assert firstscore.cpu_waited(path) == waited
    monkeypatch.setattr(firstscore, "PRESSURE", path)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (1.9, 1.9, 1.9))  # busy a minute ago
    assert firstscore.spare_core() is (False if spare is None else spare)


def test_no_pressure_file_is_no_figure(tmp_path: Path) -> None:
    assert firstscore.cpu_waited(tmp_path / "absent") is None
