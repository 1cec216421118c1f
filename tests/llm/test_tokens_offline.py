"""tiktoken offline: the encoding is looked for once per cache dir, the fallback said once."""

from __future__ import annotations

from typing import Any

import pytest

from dcrdraft.llm import tokens
from dcrdraft.llm.backend import Message


def test_a_missing_encoding_is_tried_once_per_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tk"))
    tries: list[str] = []

    def offline(name: str) -> Any:
        tries.append(name)
        raise ConnectionError("offline")

    import tiktoken

    monkeypatch.setattr(tiktoken, "get_encoding", offline)
    first = tokens.TokenCounter("gpt-4.1-mini")
    assert first.count("a" * 30) == 10 and len(tries) == 1
    assert len(first.warnings) == 1 and "TIKTOKEN_CACHE_DIR" in first.warnings[0]
    tokens.reset()  # as in a new process
    again = tokens.TokenCounter("gpt-4.1-mini")
    assert again.count("a" * 30) == 10
    assert len(tries) == 1 and again.warnings == []  # not tried, not said again
    tokens.reset()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "other"))
    tokens.TokenCounter("gpt-4.1-mini").count("x")
    assert len(tries) == 2  # another cache dir is looked in once too


def test_an_encoding_put_in_the_cache_dir_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    import tiktoken

    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: (_ for _ in ()).throw(OSError()))
    tokens.TokenCounter("gpt-4.1-mini").count("x")
    tokens.reset()
    path = tokens.encoding_file("o200k_base")
    assert path is not None and path.parent == tmp_path
    path.write_bytes(b"")  # the file is there now: tiktoken is asked again

    class Enc:
        def encode(self, text: str, disallowed_special: Any = ()) -> list[int]:
            return [1] * len(text.split())

    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: Enc())
    counter = tokens.TokenCounter("gpt-4.1-mini")
    assert counter.count("three short words") == 3 and counter.exact and counter.warnings == []


def test_fits_needs_no_encoding_for_a_short_prompt(monkeypatch: pytest.MonkeyPatch):
    import tiktoken

    calls: list[str] = []
    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: calls.append(name))
    assert tokens.TokenCounter("gpt-4.1-mini").fits([Message("user", "hello")])
    assert calls == []
