"""The core under the TUI: round-trip YAML edits, the recovery journal, the LLM merge plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dcrdraft.editing import recovery
from dcrdraft.inputs import yamledit
from dcrdraft.editing.merge import plan
from dcrdraft.inputs.model import Risk
from dcrdraft.editing.session import EditSession
from dcrdraft.inputs.starter import starter_text


def test_round_trip_keeps_comments_order_and_blank_lines(radiology: Path) -> None:
    text = radiology.read_text()
    data = yamledit.plain(yamledit.parse(text))
    data["risks"][2]["mitigations"] = ["Second reader audit", "Weekly calibration"]
    data["signoffs"].append({"role": "Head of Radiology"})
    out = yamledit.render(text, data)
    assert out.splitlines()[:2] == text.splitlines()[:2]
    assert "    evidence: 7% false positive rate on the test set\n    mitigations:\n" \
           "      - Second reader audit\n" in out
    assert "  - {role: Privacy Officer}\n  - {role: Head of Radiology}\n\nrecommendation:" in out


def test_starter_comments_survive_filling_fields() -> None:
    text = starter_text()
    data = yamledit.plain(yamledit.parse(text))
    data["system"]["version"] = "2.0.0"
    data["risks"] = [{"title": "Wrong answers"}]
    out = yamledit.render(text, data)
    assert "  version: 2.0.0      # e.g. 2.0.0" in out
    assert "#   title: What can go wrong, in one line" in out


def test_journal_round_trips_dates(tmp_path: Path, radiology: Path) -> None:
    session = EditSession.open(radiology)
    session.set("document.approval_date", dt.date(2026, 11, 2))
    session.journal()
    assert str(recovery.journal_path(radiology)).startswith(str(tmp_path / "state" / "dcrdraft"))
    fresh = EditSession.open(radiology)
    entry = fresh.pending_recovery().entry
    assert entry is not None
    fresh.restore(entry)
    assert fresh.inputs is not None and fresh.inputs.document.approval_date == dt.date(2026, 11, 2)


def test_merge_fills_empty_fields_and_flags_typed_ones() -> None:
    rows = [{"title": "A", "description": "typed by the author"}]
    llm = Risk(title="A", description="LLM text", mitigations=["m1", "m2"])
    fills, conflicts = plan(rows, {"Risk 1": llm})
    assert [(c.field, c.new) for c in fills] == [("mitigations", ["m1", "m2"])]
    assert [(c.field, c.old) for c in conflicts] == [("description", "typed by the author")]
