"""Inputs files are reviewed as the Markdown they would draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dcrdraft.errors import ReadError
from dcrdraft.ingest import read_document
from dcrdraft.inputs.loader import load
from dcrdraft.paths import example_path


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_example_inputs_read_as_drafted_markdown(name: str) -> None:
    doc = read_document(example_path(name))
    assert doc.format == "inputs" and doc.path.endswith(f"{name}.yaml")
    kinds = {s.kind for s in doc.sections()}
    assert {"summary", "overview", "evaluation", "risks", "signoff"} <= kinds
    assert doc.lines and doc.lines[0].startswith("#")


def test_json_inputs(tmp_path: Path) -> None:
    data = load(example_path("chatbot")).model_dump(mode="json", exclude_none=True)
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "inputs" and any(s.kind == "risks" for s in doc.sections())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: not inputs\nitems: [1, 2]\n", "no top-level 'system:' key"),
        ("- a list\n", "no top-level 'system:' key"),
        ("system: {name: X}\nbogus_key: 1\n", "invalid dcrdraft inputs: .*cfg.yml"),
        ("system: [unclosed\n", "not a dcrdraft inputs file"),
    ],
)
def test_non_inputs_yaml_raises_read_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cfg.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError, match=message):
        read_document(path)
