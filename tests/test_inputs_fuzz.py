"""Random YAML-ish and JSON inputs files never end in "internal error": whatever the text,
reading it gives a model or located problems, and ``draft`` and ``review`` of the file exit
0, 1 or 2 with their own messages, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.cli import cli
from dcrdraft.errors import InputError, ReadError
from dcrdraft.ingest.inputs import parse_inputs
from dcrdraft.inputs.loader import load_text

KEYS = st.sampled_from([
    "system", "name", "version", "summary", "risk_tier", "document", "eval_period", "start",
    "end", "approval_date", "evaluation", "primary_metric", "results", "dataset", "value", "n",
    "ci", "threshold", "baseline", "higher_is_better", "secondary_metrics", "segments", "note",
    "datasets", "size", "risks", "title", "severity", "likelihood", "owner", "role",
    "mitigations", "residual_risk", "deployment", "monitoring", "window", "rollback_triggers",
    "type", "condition", "recommendation", "decision", "conditions", "due", "signoffs", "date",
    "content_hash", "appendices", "typo", "Fraud recall", "task completion rate", "? odd",
])
SCALARS = st.sampled_from([
    "89%", "0.89", "89", "94", "1e400", "-1e400", ".inf", ".nan", "2026-13-45", "2026-02-29",
    "2026-10-01", "2026-10-01T25:61:00", "9" * 30, "9" * 5000, "0x" + "f" * 40, "-1", "0", "1",
    "null", "~", "true", "yes", "no", '"quoted: x"', "'single'", "[a, b]", "{a: 1}", "*a",
    "&a 1", "*b", "&b [1, 2]", "!!binary AAAA", "!!python/object:os.system", "!custom x",
    "|\n  block text", ">-\n  folded", "TBD", "approve", "reject", "disapprove",
    "approve-with-conditions", "high", "critical", "medium", "low", "'%'", "x" * 300, "é ü",
    "\t", "-", "?", ":", "#c", "[", "{", "}", "]", '"unterminated', "@", "`", "%YAML 1.2",
    "---", "...", "<<: *a", "0o17", "1_000", "+.5", "[89%, 95%]", "[0.9, 0.8]", "3 s",
])

Node = Any
NODES: st.SearchStrategy[Node] = st.recursive(
    SCALARS,
    lambda children: st.lists(st.tuples(KEYS, children), max_size=5)
    | st.lists(children, max_size=4).map(lambda xs: ("seq", xs)),
    max_leaves=25,
)


def _flow(node: Node) -> str:
    if isinstance(node, str):
        return node.replace("\n", " ")
    if isinstance(node, tuple):
        return "[" + ", ".join(_flow(x) for x in node[1]) + "]"
    return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in node) + "}"


def _block(node: Node, indent: int, flow: bool) -> str:
    pad = " " * indent
    if isinstance(node, str):
        return f"{pad}{node}\n"
    if flow:
        return f"{pad}{_flow(node)}\n"
    if isinstance(node, tuple):
        return "".join(f"{pad}- {_flow(x)}\n" for x in node[1]) or f"{pad}[]\n"
    out = ""
    for key, value in node:
        if isinstance(value, str):
            out += f"{pad}{key}: {value}\n"
        else:
            out += f"{pad}{key}:\n{_block(value, indent + 2, flow)}"
    return out or f"{pad}{{}}\n"


@st.composite
def yamlish(draw: Any) -> str:
    """A YAML-ish inputs file: usually a ``system:`` head, then random keys and values in
    block or flow style, sometimes with a line cut or duplicated."""
    head = draw(st.sampled_from(["system:\n  name: Fuzz bot\n", "system: {name: X}\n", ""]))
    body = draw(st.lists(st.tuples(KEYS, NODES, st.booleans()), max_size=6))
    text = head
    for key, value, flow in body:
        text += f"{key}: {value}\n" if isinstance(value, str) else \
            f"{key}:\n{_block(value, 2, flow)}"
    lines = text.splitlines(keepends=True)
    if lines and draw(st.booleans()):
        i = draw(st.integers(0, len(lines) - 1))
        cut = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:cut] + draw(st.sampled_from(["", "\n", ":", "  ", "- ", "&a "]))
    return "".join(lines)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)


@st.composite
def jsonish(draw: Any) -> str:
    data = draw(st.dictionaries(KEYS, JSON_VALUES, max_size=6))
    if draw(st.booleans()):
        data["system"] = {"name": "Fuzz bot", **draw(st.dictionaries(KEYS, JSON_VALUES, max_size=3))}
    return json.dumps(data)


def _check(text: str, suffix: str) -> None:
    path = f"fuzz{suffix}"
    try:
        load_text(text, path)
    except InputError as err:
        assert err.problems and all(str(p).startswith(path) for p in err.problems)
    try:
        parse_inputs(text, path)
    except ReadError:
        pass
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / path
        file.write_text(text, encoding="utf-8", errors="surrogatepass")
        runner = CliRunner()
        for args in (["draft", "--engine", "template", str(file)],
                     ["review", str(file), "--no-cache"]):
            result = runner.invoke(cli, args)
            assert result.exit_code in (0, 1, 2), (args, result.output)
            assert "internal error" not in result.stderr, result.stderr
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                repr(result.exception)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish())
def test_random_yaml_inputs_never_crash(text: str) -> None:
    _check(text, ".yaml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jsonish())
def test_random_json_inputs_never_crash(text: str) -> None:
    _check(text, ".json")
