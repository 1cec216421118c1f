"""Malformed and hostile inputs files, built on demand: shared by the parametrised suite
(tests/test_hostile_inputs.py) and the time-bound benchmark (bench/hostile_inputs.py).

Each case is (id, builder, what the one line must say); a builder writes the file into a
folder and returns its path.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

Builder = Callable[[Path], Path]

GOOD_HEAD = "system:\n  name: Hostile bot\n"


def _write(name: str, text: str | bytes) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return build


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return GOOD_HEAD + "\n".join(lines) + "\nnotes: *a8\n"


def cyclic_alias() -> str:
    return GOOD_HEAD + "loop: &l [1, *l]\n"


def deep_block(depth: int = 400) -> str:
    return GOOD_HEAD + "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "x\n"


def deep_flow(depth: int = 5000) -> str:
    return GOOD_HEAD + "notes: " + "[" * depth + "]" * depth + "\n"


def deep_flow_map(depth: int = 5000) -> str:
    return GOOD_HEAD + "notes: " + "{a: " * depth + "1" + "}" * depth + "\n"


def deep_json_array(depth: int = 100_000) -> str:
    return '{"system": {"name": "x"}, "notes": ' + "[" * depth + "]" * depth + "}\n"


def deep_json_object(depth: int = 100_000) -> str:
    return '{"system": {"name": "x"}, "notes": ' + '{"a": ' * depth + "1" + "}" * depth + "}\n"


def huge_int(digits: int) -> str:
    return (GOOD_HEAD + "evaluation:\n  primary_metric:\n    name: Recall\n    results:\n"
            f"      - {{dataset: Test, value: 90%, n: {'9' * digits}}}\n")


def huge_int_json(digits: int) -> str:
    return ('{"system": {"name": "x"}, "evaluation": {"datasets": '
            f'[{{"name": "Test", "size": {"9" * digits}}}]}}}}\n')


def impossible_date() -> str:
    return GOOD_HEAD + "document:\n  eval_period: {start: 2026-13-45, end: 2026-10-21}\n"


def bare_secondary_rate() -> str:
    return (GOOD_HEAD + "evaluation:\n  secondary_metrics:\n"
            "    - {name: Escalation accuracy, value: 94, n: 420}\n")


def fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def directory(folder: Path) -> Path:
    path = folder / "folder.yaml"
    path.mkdir()
    return path


def oversized(folder: Path) -> Path:
    path = folder / "big.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(GOOD_HEAD + "notes: |\n")
        line = "  " + "x" * 78 + "\n"
        fh.write(line * (3 * 1024 * 1024 // len(line)))
    return path


def dev_zero(_folder: Path) -> Path:
    return Path("/dev/zero")


CASES: list[tuple[str, Builder, str]] = [
    ("alias-bomb", _write("bomb.yaml", alias_bomb()), "aliases expand to more than"),
    ("cyclic-alias", _write("cycle.yaml", cyclic_alias()), "contains it"),
    ("deep-block", _write("deep-block.yaml", deep_block()), "nested more than"),
    ("deep-flow-seq", _write("deep-flow.yaml", deep_flow()), "nested more than"),
    ("deep-flow-map", _write("deep-map.yaml", deep_flow_map()), "nested more than"),
    ("deep-json-array", _write("deep.json", deep_json_array()), "nested more than"),
    ("deep-json-object", _write("deep-obj.json", deep_json_object()), "nested more than"),
    ("int-5000-digits", _write("int5000.yaml", huge_int(5000)), "too large"),
    ("int-over-float", _write("int400.yaml", huge_int(400)), "too large"),
    ("json-int-5000-digits", _write("int.json", huge_int_json(5000)), "too large"),
    ("impossible-date", _write("date.yaml", impossible_date()), "document.eval_period.start"),
    ("bare-secondary-rate", _write("rate.yaml", bare_secondary_rate()), "94 is ambiguous"),
    ("fifo", fifo, "not a regular file"),
    ("directory", directory, "is a folder"),
    ("dev-zero", dev_zero, "not a regular file"),
    ("oversized", oversized, "limit for an inputs file"),
    ("binary", _write("binary.yaml", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8),
     "binary file"),
    ("latin-1", _write("latin.yaml", "system:\n  name: Caf\xe9\n".encode("latin-1")),
     "not UTF-8"),
]
