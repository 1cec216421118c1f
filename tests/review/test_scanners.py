"""The literal scan of the prefilter (``review.scanners``): RE2 for long scanners once they
are busy, ``re`` otherwise, the same answer either way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcrdraft.review import scanners
from dcrdraft.review.fastre import trie_pattern

WORDS = ["approved", "approver", "sign-off", "signed", "go/no-go", "≥", "±", "naïve", "ok", "a",
         "(", "[x]", "k", "\u212a", "ß", "rollback", "roll back", "ab", "b"]
_TEXT = st.lists(st.sampled_from(WORDS + [" ", ".", "x", "é", "\n", "\ud800", "A", "Ok"]),
                 max_size=40).map("".join)


def _absent(source: str) -> Callable[[str], bool]:
    find = scanners.finder(source)
    return lambda text: find(text) is None


def _busy(source: str) -> Callable[[str], bool]:
    absent = _absent(source)
    for _ in range(scanners.WARMUP + 1):  # past the warm-up: RE2 from here on
        absent("warm-up text")
    return absent


@settings(max_examples=300, deadline=None)
@given(st.sets(st.sampled_from(WORDS), min_size=1), _TEXT)
def test_scan_finds_what_the_word_list_finds(words: set[str], text: str) -> None:
    source = trie_pattern(frozenset(words))
    for absent in (_absent(source), _busy(source)):
        assert absent(text) == (not any(w in text for w in words)), (source, text)


def test_a_long_scanner_is_compiled_for_re2_once_busy_and_a_short_one_never(
        monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = scanners._re2_match  # noqa: SLF001
    monkeypatch.setattr(scanners, "_re2_match", lambda s: compiled.append(s) or real(s))
    long_source, short = trie_pattern(frozenset(WORDS)), trie_pattern(frozenset({"ok"}))
    assert len(long_source) >= scanners.SHORT > len(short)
    absent, absent_short = _absent(long_source), _absent(short)
    for _ in range(scanners.WARMUP // 2):  # two texts a round
        assert absent("nothing here") and not absent("signed")
        assert absent_short("nothing") and not absent_short("ok")
    assert compiled == []
    assert not absent("rollback") and absent("zzz") and absent_short("zzz")
    assert compiled == [long_source]


@pytest.mark.parametrize("source", [r"a+", r"\bx", r"[a-z]", r"x{2}", r"a|[^b]"])
def test_rewrite_refuses_what_a_trie_never_holds(source: str) -> None:
    assert scanners.rewrite(source) is None
