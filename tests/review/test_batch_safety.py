"""A batch review survives its worst file and a damaged cache: one bad file is that file's
``error`` (the rest reviewed, JSON still written), and a damaged compiled-pattern cache is
rebuilt instead of breaking every review."""

from __future__ import annotations

import array
import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dcrdraft.review import regexcache

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def _review(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dcrdraft", "review", *args],
                          capture_output=True, text=True, env=env, cwd=cwd)


def test_one_bad_file_is_its_own_error_and_the_rest_are_reviewed(tmp_path: Path) -> None:
    good = [tmp_path / "chatbot.yaml", tmp_path / "radiology.yaml"]
    for g in good:
        shutil.copy(FIXTURES / g.name, g)
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "chatbot.yaml").read_text().replace("n: 420}", "n: " + "9" * 4300 + "}", 1))
    proc = _review(str(good[0]), str(bad), str(good[1]), "--format", "json", "--no-cache")
    assert proc.returncode == 2  # a file that could not be reviewed (docs/ci.md)
    files = json.loads(proc.stdout)["files"]
    assert [f["path"] for f in files] == [str(good[0]), str(bad), str(good[1])]
    assert files[0].get("error") is None and files[2].get("error") is None
    assert files[0]["checklist"] and files[2]["checklist"]
    assert "too large" in files[1]["error"] and f"{bad}:" in files[1]["error"]
    assert "internal error" not in proc.stderr


def _cache_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}


def _regex_cache(tmp_path: Path) -> Path:
    found = list((tmp_path / "cache").rglob("regex-*.bin"))
    assert len(found) == 1
    return found[0]


def _framed(payload: bytes) -> bytes:
    """A cache file with a valid header and checksum around ``payload``: only the entries'
    own checks stand between it and ``re``."""
    return regexcache._MAGIC + hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("damage", [
    "flipped-byte", "truncated", "garbage", "no-header", "huge-ints", "ragged-code", "wrong-shape",
    "not-marshal"])
def test_every_damaged_pattern_cache_is_a_miss(damage: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "regex.bin"
    monkeypatch.setattr(regexcache, "cache_file", lambda: cache)
    good = _framed(marshal.dumps([regexcache._entry(r"\bpass\b", 0)]))
    cache.write_bytes(good)
    assert len(regexcache._load_entries()) == 1  # the control: a sound file loads
    mid = len(good) // 2
    cache.write_bytes({
        "flipped-byte": good[:mid] + bytes([good[mid] ^ 0xFF]) + good[mid + 1:],
        "truncated": good[: len(good) // 3],
        "garbage": b"\x00" * 100,
        "no-header": marshal.dumps([regexcache._entry(r"\bpass\b", 0)]),
        "huge-ints": _framed(marshal.dumps([("x", 0, 0, [2**40] * 4, 0, {}, ())])),
        "ragged-code": _framed(marshal.dumps([("x", 0, 0, b"\x01\x02\x03", 0, {}, ())])),
        "wrong-shape": _framed(marshal.dumps({"not": "a list"})),
        "not-marshal": _framed(b"\xff\xfe not marshal"),
    }[damage])
    assert regexcache._load_entries() == []


_BAD_CODE_PROBE = """
import re, sys
from dcrdraft.review import regexcache
regexcache.install()
print(re.compile(sys.argv[1]).search("a pass b") is not None, len(regexcache._loaded))
"""


def test_a_saved_pattern_that_does_not_build_is_compiled_afresh(tmp_path: Path) -> None:
    """Well-formed, checksummed code that ``_sre`` rejects (saved patterns are built on their
    first lookup): ``re`` compiles the pattern itself and the file is no longer trusted."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    pattern = r"\bpass\b"
    bad = (pattern, 0, 0, array.array("I", [0xFFFF] * 4).tobytes(), 0, {}, ())
    run = [sys.executable, "-c", _BAD_CODE_PROBE, pattern]
    subprocess.run(run, env=env, check=True, capture_output=True)  # writes the cache file
    kept = next(tmp_path.rglob("regex-*.bin"))
    kept.write_bytes(_framed(marshal.dumps([bad])))
    out = subprocess.run(run, env=env, check=True, capture_output=True, text=True).stdout
    assert out.split() == ["True", "0"]


@pytest.mark.parametrize("damage", ["flipped-byte", "truncated", "wrong-shape"])
def test_every_damaged_prefilter_file_is_a_miss(damage: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "regex-x.bin"
    monkeypatch.setattr(regexcache, "cache_file", lambda: cache)
    monkeypatch.setitem(regexcache._state, "literals", {})
    kept = regexcache._literals_file()
    payload = marshal.dumps({(r"\bpass\b", 0): "pass"})
    good = regexcache._LITERALS_MAGIC + hashlib.sha256(payload).digest() + payload
    kept.write_bytes(good)
    regexcache._load_literals()
    assert regexcache.saved_literals() == {(r"\bpass\b", 0): "pass"}  # the control
    monkeypatch.setitem(regexcache._state, "literals", {})
    mid = len(good) // 2
    wrong = marshal.dumps({(r"\bpass\b", 0): ["not", "a", "source"]})
    kept.write_bytes({
        "flipped-byte": good[:mid] + bytes([good[mid] ^ 0xFF]) + good[mid + 1:],
        "truncated": good[: len(good) // 3],
        "wrong-shape": regexcache._LITERALS_MAGIC + hashlib.sha256(wrong).digest() + wrong,
    }[damage])
    regexcache._load_literals()
    assert regexcache.saved_literals() == {}


@pytest.mark.parametrize("damage", ["flipped-byte", "no-header", "wrong-shape"])
def test_every_damaged_twins_file_is_a_miss(damage: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "regex-x.bin"
    monkeypatch.setattr(regexcache, "cache_file", lambda: cache)
    monkeypatch.setitem(regexcache._state, "twins", {})
    entry = {(r"\bpass\b", 0): (r"\bpass\b", r"\bpass\b", False)}
    regexcache.write_framed(regexcache._twins_file(), regexcache._TWINS_MAGIC, entry)
    regexcache._load_twins()
    assert regexcache.saved_twins() == entry  # the control
    monkeypatch.setitem(regexcache._state, "twins", {})
    good = regexcache._twins_file().read_bytes()
    mid = len(good) // 2
    wrong = marshal.dumps({(r"\bpass\b", 0): ("pass", 1, False)})
    regexcache._twins_file().write_bytes({
        "flipped-byte": good[:mid] + bytes([good[mid] ^ 0xFF]) + good[mid + 1:],
        "no-header": marshal.dumps(entry),
        "wrong-shape": regexcache._TWINS_MAGIC + hashlib.sha256(wrong).digest() + wrong,
    }[damage])
    regexcache._load_twins()
    assert regexcache.saved_twins() == {}


def test_a_damaged_pattern_cache_is_rebuilt(tmp_path: Path) -> None:
    # end to end, one damage (the kinds are all misses, above): the review is the same and
    # the file is written anew
    env = _cache_env(tmp_path)
    dcr = str(FIXTURES / "review" / "strong-guide-style.md")
    first = _review(dcr, "--no-cache", "--format", "json", env=env)
    cache = _regex_cache(tmp_path)
    good = cache.read_bytes()
    mid = len(good) // 2
    damaged = good[:mid] + bytes([good[mid] ^ 0xFF]) + good[mid + 1:]
    cache.write_bytes(damaged)
    proc = _review(dcr, "--no-cache", "--format", "json", env=env)
    assert "internal error" not in proc.stderr
    assert proc.returncode == first.returncode
    assert json.loads(proc.stdout) == json.loads(first.stdout)
    rebuilt = cache.read_bytes()
    assert rebuilt != damaged and rebuilt.startswith(regexcache._MAGIC)


def test_a_damaged_result_cache_entry_is_a_miss(tmp_path: Path) -> None:
    env = _cache_env(tmp_path)
    dcr = str(FIXTURES / "review" / "strong-guide-style.md")
    first = _review(dcr, "--format", "json", env=env)
    entries = [p for p in (tmp_path / "cache").rglob("*.json")]
    assert entries
    for entry in entries:
        entry.write_text('{"report": ' + "[" * 100_000)
    again = _review(dcr, "--format", "json", env=env)
    assert "internal error" not in again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
