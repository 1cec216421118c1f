"""Rule parameters are validated per check type, and ``dcrdraft rules CODE`` explains the
check in plain words from the same table."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.errors import ConfigError
from dcrdraft.review import load_rubric
from dcrdraft.review.checks import CHECKS
from dcrdraft.review.checks.params import DOCS
from dcrdraft.review.render import render_rule


def test_a_misspelt_parameter_names_file_line_and_the_likely_key(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("family: extra\nrules:\n  - code: M04\n    params:\n      gap_pionts: 5\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:5: M04.params: unknown key 'gap_pionts'.*"
                                          r"did you mean 'gap_points'"):
        load_rubric([path])


def test_every_builtin_rule_uses_only_documented_parameters() -> None:
    for rule in load_rubric().rules:
        assert set(rule.params) <= set(DOCS[rule.check].params), rule.code


def test_every_check_type_is_explained() -> None:
    assert set(CHECKS) <= set(DOCS)


def test_rules_explains_what_passes_and_what_it_reads() -> None:
    text = render_rule(load_rubric().get("C04"))  # type: ignore[arg-type]
    assert "How it is judged: passes when the headline metric has a comparator figure" in text
    assert "Reads: the metric facts" in text
