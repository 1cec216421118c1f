"""When a pattern's RE2 twin is compiled (``fastre.TWIN_WARMUP``) and how the twin is asked
(``linear.Twin.start``, straight to the compiled RE2 object): both change cost, never answers."""

from __future__ import annotations

import re

import pytest

from dcrdraft.review import fastre
from dcrdraft.review.linear import Twin, sources

HEAVY = "|".join(f"\\b{w}\\w*" for w in ["approv", "sign", "reject", "defer", "launch"] * 12)
"""A many-branch pattern past ``HEAVY_PATTERN`` characters (the vocabularies' shape)."""


def _fresh() -> re.Pattern[str]:
    return fastre.FastPattern(re.compile(HEAVY + "|(?:)zz", re.I))  # type: ignore[return-value]


def test_heavy_pattern_compiles_its_twin_only_after_the_warmup_on_short_texts() -> None:
    assert len(HEAVY) >= fastre.HEAVY_PATTERN
    p = _fresh()
    for i in range(fastre.TWIN_WARMUP):
        assert p.search(f"the lead approved it on day {i}") is not None
        assert p._twin is False  # type: ignore[attr-defined]
    assert p.search("the board signed it") is not None
    assert isinstance(p._twin, Twin)  # type: ignore[attr-defined]


def test_long_text_gets_the_twin_at_once() -> None:
    p = _fresh()
    text = "nothing to see here. " * 20 + "approved"
    assert len(text) >= fastre.LINEAR_MIN
    assert p.search(text) is not None
    assert isinstance(p._twin, Twin)  # type: ignore[attr-defined]


def test_warming_pattern_answers_as_re_does() -> None:
    p, plain = _fresh(), re.compile(HEAVY + "|(?:)zz", re.I)
    texts = ["Approved by the board.", "nothing", "Rejected: defer to Q3", "zz top", "ſign"]
    for text in texts * (fastre.TWIN_WARMUP + 2):
        a, b = p.search(text), plain.search(text)
        assert (a and a.span()) == (b and b.span())
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", [
    "plain ascii approved text", "naïve café: approved ≥ 0.9 — signed", "", "é" * 40 + "sign",
    "ſign İ approved \u212a", "a\u2028b approved"])
def test_twin_start_is_where_the_re2_wrapper_finds_the_match(text: str) -> None:
    re2 = pytest.importorskip("re2")
    twin = Twin(HEAVY, re.I)
    options = re2.Options()
    options.never_capture = True
    ascii_src, unicode_src, _empty = sources(HEAVY, re.I)
    wrapper = re2.compile(ascii_src if text.isascii() else unicode_src, options)
    for pos in range(len(text) + 2):
        found = wrapper.search(text, min(pos, len(text)))
        assert twin.start(text, pos) == (found.start() if found else None), pos
