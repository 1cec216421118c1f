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


def test_a_key_given_twice_names_file_and_line(tmp_path: Path) -> None:
    # YAML keeps the second value of a repeated key: a second "quiet:" list silently dropped the
    # first list's examples, so they were never tested. A repeat is an error, not a merge.
    path = tmp_path / "team.yaml"
    path.write_text("family: extra\nrules:\n  - code: M04\n    examples:\n      quiet: [a]\n"
                    "      quiet: [b]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:6: invalid YAML \(found duplicate key "
                                          r'"quiet"'):
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


def _graded(tmp_path: Path, params: str) -> Path:
    """A team rubric overriding C14 as a graded check with ``params``."""
    path = tmp_path / "team.yaml"
    path.write_text("family: checklist\nrules:\n  - code: C14\n    check: graded\n"
                    f"    params: {params}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("params, line, key, bad, hint", [
    ("{family: readiness, pass: [redy], weak: [planned]}", 5, "pass", "redy", "ready"),
    ("{family: fairness, pass: [by_group], demote: [not_assesed]}", 5, "demote", "not_assesed",
     "not_assessed"),
    ("\n      family: privacy\n      weak: [reviwe]", 7, "weak", "reviwe", "review"),
])
def test_a_misspelt_grade_names_file_line_and_field(tmp_path: Path, params: str, line: int,
                                                    key: str, bad: str, hint: str) -> None:
    path = _graded(tmp_path, params)
    with pytest.raises(ConfigError, match=rf"{path}:{line}: C14.params.{key}: unknown value "
                                          rf"'{bad}'; did you mean '{hint}'"):
        load_rubric([path])


def test_a_grade_of_another_family_is_an_error(tmp_path: Path) -> None:
    path = _graded(tmp_path, "{family: readiness, pass: [by_group]}")
    with pytest.raises(ConfigError, match=rf"{path}:5: C14.params.pass: unknown value "
                                          r"'by_group'.*known: ready, "):
        load_rubric([path])


@pytest.mark.parametrize("code, params, key, bad", [
    ("C18", "{min: 2, require: [nmae], one_of: [date]}", "require", "nmae"),
    ("C18", "{require: [name], one_of: [date, descision]}", "one_of", "descision"),
    ("X07", "{require: [name, dates]}", "require", "dates"),
])
def test_a_misspelt_signoff_field_names_file_line_and_field(tmp_path: Path, code: str,
                                                            params: str, key: str,
                                                            bad: str) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(f"family: extra\nrules:\n  - code: {code}\n    params: {params}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:4: {code}.params.{key}: unknown value "
                                          rf"'{bad}'; did you mean"):
        load_rubric([path])


def test_a_misspelt_grade_is_one_line_and_exit_2_on_the_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    rubric = _graded(tmp_path, "{family: readiness, pass: [redy]}")
    doc = tmp_path / "dcr.md"
    doc.write_text("# Summary\n\nA tool.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "dcrdraft", "review", "--no-cache",
                          "--rubric", str(rubric), str(doc)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{rubric}:5" in lines[0] and "'redy'" in lines[0], run.stderr
    assert "Traceback" not in run.stderr


def _opening(tmp_path: Path, inner: str) -> Path:
    """A team rubric overriding C01's ``opening`` mapping with ``inner`` lines."""
    path = tmp_path / "team.yaml"
    path.write_text("family: checklist\nrules:\n  - code: C01\n    params:\n"
                    "      answers:\n        words: 8\n      opening:\n" + inner, encoding="utf-8")
    return path


def test_a_misspelt_key_inside_a_mapping_parameter_names_its_own_line(tmp_path: Path) -> None:
    # Before, an inner key was never checked: 'wrods' was ignored and the default used.
    path = _opening(tmp_path, "        units: 6\n        wrods: 12\n")
    with pytest.raises(ConfigError, match=rf"{path}:9: C01.params.opening: unknown key 'wrods'; "
                                          r"did you mean 'words'\?"):
        load_rubric([path])


def test_a_count_inside_a_mapping_parameter_must_be_a_whole_number(tmp_path: Path) -> None:
    # 'words' appears under both mappings: the line named is the one under 'opening'.
    path = _opening(tmp_path, "        words: twelve\n")
    with pytest.raises(ConfigError, match=rf"{path}:8: C01.params.opening.words: expected a "
                                          r"whole number of 0 or more, got 'twelve'"):
        load_rubric([path])


def test_a_mapping_parameter_given_as_a_list_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("family: checklist\nrules:\n  - code: C01\n    params:\n"
                    "      opening: [6, 12]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:5: C01.params.opening: expected a mapping"):
        load_rubric([path])


def test_a_flow_mapping_parameter_is_read_key_by_key(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("family: checklist\nrules:\n  - code: C01\n    params:\n"
                    "      opening: {units: 6, word: 12}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:5: C01.params.opening: unknown key 'word'"):
        load_rubric([path])


@pytest.mark.parametrize("code, key, value", [
    ("X08", "high", "wide"), ("X08", "low", "true"), ("C08", "share", "most")])
def test_a_numeric_parameter_given_a_word_is_a_located_error(
        tmp_path: Path, code: str, key: str, value: str) -> None:
    # Before, the rubric loaded and every document's review stopped with an internal error.
    path = tmp_path / "team.yaml"
    path.write_text(f"rules:\n  - code: {code}\n    params:\n      {key}: {value}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:4: {code}.params.{key}: expected a number"):
        load_rubric([path])
