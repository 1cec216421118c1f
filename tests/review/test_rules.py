"""Every rule runs over its own examples; a rule without examples fails the meta-test."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document
from dcrdraft.review.checks import CHECKS

RUBRIC = load_rubric()
CASES = [(r.code, kind, i, text) for r in RUBRIC.rules
         for kind, texts in (("fire", r.fire), ("quiet", r.quiet)) for i, text in enumerate(texts)]


def _fires(code: str, text: str) -> tuple[bool, object]:
    rule = RUBRIC.get(code)
    assert rule is not None
    report = review_document(read_text(text, "<example>", "markdown"), RUBRIC)
    if rule.kind == "item":
        item = report.item(code)
        assert item is not None
        return item.status != "pass", item
    found = [f for f in report.findings if f.code == code]
    return bool(found), found


@pytest.mark.parametrize(("code", "kind", "index", "text"), CASES,
                         ids=[f"{c}-{k}{i}" for c, k, i, _ in CASES])
def test_rule_examples(code: str, kind: str, index: int, text: str) -> None:
    fired, detail = _fires(code, text)
    assert fired == (kind == "fire"), detail


def test_every_rule_has_examples_both_ways() -> None:
    lacking = [r.code for r in RUBRIC.rules if not r.fire or not r.quiet]
    assert not lacking, f"rules without fire/quiet examples: {lacking}"


def test_codes_and_names_are_unique_and_complete() -> None:
    codes = [r.code for r in RUBRIC.rules]
    names = [r.name for r in RUBRIC.rules]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert [r.code for r in RUBRIC.items][:20] == [f"C{i:02d}" for i in range(1, 21)]
    assert {f"M0{i}" for i in range(1, 6)} <= set(codes)
    for r in RUBRIC.rules:
        assert r.check in CHECKS and r.rationale and r.title
        if r.kind == "item":
            assert {"pass", "weak", "missing"} <= set(r.messages), r.code
        else:
            assert r.suggestion, r.code


def test_rubric_file_extends_and_overrides(tmp_path) -> None:
    extra = tmp_path / "org.yaml"
    extra.write_text(
        "family: checklist\nrules:\n"
        "  - code: C16\n    severity: error\n"
        "  - code: ORG01\n    name: model-registry\n    title: Model registered\n"
        "    check: evidence\n    params: {pass: [['model registry']]}\n"
        "    message: {pass: ok, weak: weak, missing: Register the model.}\n"
        "    rationale: Audit.\n"
        "    examples: {fire: ['# X\\n\\nnothing\\n'], quiet: ['# X\\n\\nIn the model registry.\\n']}\n"
        "  - code: X04\n    enabled: false\n")
    rub = load_rubric([extra])
    assert rub.get("C16").severity == "error" and rub.get("C16").check == "graded"
    assert rub.get("model-registry").code == "ORG01" and rub.get("X04") is None
    rep = review_document(read_text("# X\n\nIn the model registry.\n", "<t>"), rub)
    assert rep.item("ORG01").status == "pass"


def test_bad_rubric_is_a_located_config_error(tmp_path) -> None:
    from dcrdraft.errors import ConfigError

    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - code: Z1\n    name: z\n    check: nope\n")
    with pytest.raises(ConfigError, match="bad.yaml:2.*unknown check type"):
        load_rubric([bad])
