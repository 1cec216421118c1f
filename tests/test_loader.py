"""Reading inputs: the canonical examples unchanged, and one located line per problem."""

from __future__ import annotations

import hashlib

import pytest

from dcrdraft.errors import InputError
from dcrdraft.inputs.loader import load, load_text

from .conftest import FIXTURES, shared

CANONICAL_SHA256 = {
    "chatbot": "8a28b3717b446cc40f861be66a4973abdaae49fc5564c581f605144e3f5658e4",
    "radiology": "4297b869c5d85d771ad0859c7df141c78c1ad6452061c9ddbf39fb4f3f269c76",
}
"""SHA-256 of the canonical examples in shared/examples, which fixtures/ holds copies of."""


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_canonical_examples_load(name: str) -> None:
    inputs = load(FIXTURES / f"{name}.yaml")
    assert inputs.system.name
    assert inputs.evaluation.primary_metric is not None


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_fixture_copies_match_shared(name: str) -> None:
    copy = (FIXTURES / f"{name}.yaml").read_bytes()
    assert hashlib.sha256(copy).hexdigest() == CANONICAL_SHA256[name]
    canonical = shared("examples", f"{name}.yaml")
    if canonical is not None:  # the recorded digest is the canonical file's
        assert copy == canonical.read_bytes()


def test_rates_as_percent_or_fraction() -> None:
    a = load_text("system: {name: X}\nevaluation:\n  primary_metric:\n    name: acc\n"
                  "    threshold: 85%\n    results: [{dataset: t, value: 0.89, n: 10}]\n")
    pm = a.evaluation.primary_metric
    assert pm is not None and pm.threshold == pytest.approx(0.85)
    assert pm.results[0].value == pytest.approx(0.89)


def test_comma_inside_flow_mapping_text_is_rejoined() -> None:
    inputs = load(FIXTURES / "chatbot.yaml")
    assert inputs.evaluation.datasets[1].description == (
        "Shadow-mode traffic, 2026-10-14 to 2026-10-20")


def test_explicit_null_key_in_flow_mapping_is_still_an_unknown_key() -> None:
    with pytest.raises(InputError, match="unknown key 'colour'"):
        load_text("system: {name: X, colour: }\n", "f.yaml")


def problems(text: str, path: str = "in.yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        load_text(text, path)
    return [str(p) for p in info.value.problems]


def test_unknown_key_with_suggestion_and_line() -> None:
    assert problems("system:\n  name: X\n  versoin: 1\n") == [
        "in.yaml:3: system.versoin: unknown key 'versoin'; did you mean 'version'?"]


def test_nested_unknown_key_in_list() -> None:
    out = problems("system: {name: X}\nrisks:\n  - title: a\n    severty: high\n")
    assert out == ["in.yaml:4: risks[0].severty: unknown key 'severty'; did you mean 'severity'?"]


def test_out_of_range_and_ambiguous_values() -> None:
    out = problems("system: {name: X}\nevaluation:\n  primary_metric:\n    name: a\n"
                   "    threshold: 89\n    results:\n      - {dataset: d, value: 120%}\n")
    assert "in.yaml:5: evaluation.primary_metric.threshold: 89 is ambiguous: write 89% or 0.89" in out
    assert "in.yaml:7: evaluation.primary_metric.results[0].value: 120% is outside 0%-100%" in out


def test_wrong_type_and_bad_enum() -> None:
    out = problems("system: {name: X}\nrisks:\n  - {title: a, severity: huge}\n"
                   "signoffs:\n  - {role: CMO, date: yesterday}\n")
    assert any(p.startswith("in.yaml:3: risks[0].severity:") and "'huge'" in p for p in out)
    assert any(p.startswith("in.yaml:5: signoffs[0].date:") for p in out)


def test_missing_required_field() -> None:
    assert problems("system:\n  version: 1\n") == ["in.yaml:1: system.name: required field is missing"]


def test_yaml_syntax_error_names_line() -> None:
    out = problems("system:\n  name: [unclosed\n  version: 2\n")
    assert len(out) == 1 and out[0].startswith("in.yaml:") and "YAML syntax error" in out[0]


def test_json_inputs_and_json_syntax_error() -> None:
    assert load_text('{"system": {"name": "X"}}', "a.json").system.name == "X"
    out = problems('{"system": {"name": "X",}}', "a.json")
    assert out[0].startswith("a.json:1: JSON syntax error")


def test_empty_and_non_mapping_files() -> None:
    assert "empty" in problems("")[0]
    assert "mapping" in problems("- a\n- b\n")[0]


def test_period_order_checked() -> None:
    out = problems("system: {name: X}\ndocument:\n  eval_period: {start: 2026-10-21, end: 2026-10-01}\n")
    assert out == ["in.yaml:3: document.eval_period: end is before start"]


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        load("/nonexistent/x.yaml")
