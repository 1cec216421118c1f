"""Read an inputs file (YAML or JSON) into the model, turning every problem into file:line: field.

ruamel.yaml keeps the line of every key and item, so a pydantic error path maps back to the
line the author must fix.
"""

from __future__ import annotations

import difflib
import json
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarfloat import ScalarFloat

from dcrdraft.errors import InputError, Problem, ReadError
from dcrdraft.io import read_regular
from dcrdraft.inputs.model import Inputs
from dcrdraft.inputs.safeyaml import BoundError
from dcrdraft.inputs.safeyaml import loader as bounded_loader

INPUT_SUFFIXES = (".yaml", ".yml", ".json")


MAX_INPUT_BYTES = 2 * 1024 * 1024
"""Largest inputs file read (2 MB): real inputs are tens of KB. Reading and drafting are
linear in the size; the round-trip YAML reader (which keeps every line for messages) takes
about 10 s of CPU time for the densest 2 MB file."""

MAX_PROBLEMS = 50
"""Problems listed for one file; the rest are counted in one more line."""


def round_trip_yaml() -> Any:
    """A ruamel round-trip reader (comments, key order and lines kept) that refuses duplicate
    keys and stays within the bounds of ``safeyaml`` (depth, aliases, integers)."""
    return bounded_loader()


def parse_text(text: str, path: str) -> Any:
    """Parse YAML or JSON text into ruamel's commented containers (which remember lines)."""
    try:
        return round_trip_yaml().load(text)
    except RecursionError:  # bounded by safeyaml.MAX_DEPTH; a last resort, never a crash
        raise InputError([Problem(path, None, "", "YAML error: nested too deeply")]) from None
    except BoundError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputError([Problem(path, line, "", f"refused: {exc.problem}")]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem:
            # "expected ']'" at the end of the file means little without where it opened.
            what = f"{exc.problem} ({exc.context} on line {exc.context_mark.line + 1})"
        raise InputError([Problem(path, line, "", f"YAML syntax error: {what}")]) from None
    except YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise InputError([Problem(path, None, "", f"YAML error: {first}")]) from None


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based source line of the deepest node on ``loc`` that the file has."""
    line: int | None = None
    node = data
    for part in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(part, int) and isinstance(node, list):
                if lc is not None and part in lc.data:
                    line = lc.item(part)[0] + 1
                node = node[part]
            elif isinstance(node, dict) and part in node:
                if lc is not None:
                    line = lc.key(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return line


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (for did-you-mean suggestions)."""
    model: Any = Inputs
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        field = model.model_fields.get(part) if is_model else None
        if field is None:
            return None
        ann = field.annotation
        for _ in range(3):  # unwrap Optional[...] and list[...]
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                break
            if not args:
                break
            ann = args[0]
        model = ann
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _message(err: Any) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc)
        key = str(loc[-1])
        hint = ""
        if model is not None:
            close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean '{close[0]}'?"
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if kind == "literal_error":
        return f"{msg}, got {err.get('input')!r}"
    return msg


def problems_from(exc: ValidationError, data: Any, path: str,
                  limit: int | None = None) -> list[Problem]:
    """Turn a pydantic ValidationError into located problems, one per error; with ``limit``,
    the first ``limit`` and one line counting the rest (so 100,000 typos cost 50 messages)."""
    out = []
    errors = exc.errors()
    for err in errors if limit is None else errors[:limit]:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        out.append(Problem(path, line_of(data, loc), _field_path(loc), _message(err)))
    if limit is not None and len(errors) > limit:
        out.append(Problem(path, None, "", f"... and {len(errors) - limit:,} more problems"))
    return out


def capped(problems: list[Problem], path: str, limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first ``limit`` problems and one line counting the rest."""
    if len(problems) <= limit + 1:  # a list already capped ends in its count line
        return problems
    more = len(problems) - limit
    return [*problems[:limit], Problem(path, None, "", f"... and {more:,} more problems")]


def _check_json(text: str, path: str) -> None:
    """JSON syntax errors by line; numbers stay text here (the YAML reader bounds them) and a
    nesting too deep for this check is left to the YAML reader, which reports its line."""
    try:
        json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(path, exc.lineno, "", f"JSON syntax error: {exc.msg}")]) from None
    except RecursionError:
        return


def load_text(text: str, path: str = "<inputs>") -> Inputs:
    """Validate inputs given as YAML or JSON text."""
    if path.endswith(".json"):
        _check_json(text, path)
    data = parse_text(text, path)
    if data is None:
        raise InputError([Problem(path, 1, "", "the file is empty; `dcrdraft init` writes a starter")])
    if not isinstance(data, dict):
        raise InputError([Problem(path, 1, "", "expected a mapping with a 'system' key at the top")])
    rejoin_flow_commas(data, text.splitlines())
    try:
        return Inputs.model_validate(to_plain(data))
    except ValidationError as exc:
        raise InputError(problems_from(exc, data, path, MAX_PROBLEMS)) from None


def read_inputs_bytes(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the inputs file at ``path``: a regular file within ``max_bytes``
    (folders, FIFOs, devices and larger files are one problem, found before reading)."""
    try:
        return read_regular(path, max_bytes, "inputs file")
    except ReadError as err:
        raise InputError([Problem(str(path), None, "",
                                  err.message.removeprefix(f"{path}: "))]) from None


def decode_inputs(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM allowed); binary data and other encodings are one problem."""
    if b"\x00" in data[:8192]:
        raise InputError([Problem(path, None, "", "looks like a binary file, not YAML or JSON")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(path, None, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x} "
                                  f"at offset {exc.start}); save it as UTF-8")]) from None


def read_inputs_text(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The text of the inputs file at ``path`` (see ``read_inputs_bytes``, ``decode_inputs``)."""
    return decode_inputs(read_inputs_bytes(path, max_bytes), str(path))


def load(path: str | Path) -> Inputs:
    """Read and validate an inputs file."""
    return load_text(read_inputs_text(path), str(path))


def fa_lines(node: Any, key: Any) -> tuple[int, int]:
    """0-based (line, column) of ``key`` in a ruamel mapping."""
    line, col = node.lc.key(key)
    return int(line), int(col)


def rejoin_flow_commas(node: Any, lines: list[str]) -> None:
    """Re-attach text split off by a comma inside a flow mapping.

    In ``{description: Shadow traffic, 2026-10-14 to 2026-10-20}`` YAML reads the part after
    the comma as a key with no value; the author meant one description. A bare key (written
    without a colon) that follows a text value is joined back onto that value.
    """
    if isinstance(node, list):
        for item in node:
            rejoin_flow_commas(item, lines)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        rejoin_flow_commas(value, lines)
    fa = getattr(node, "fa", None)
    if fa is None or not fa.flow_style():
        return
    previous: Any = None
    for key in list(node):
        if node[key] is None and previous is not None and isinstance(node[previous], str):
            line, col = fa_lines(node, key)
            rest = lines[line][col + len(str(key)) :] if line < len(lines) else ""
            if not rest.lstrip().startswith(":"):
                node[previous] = f"{node[previous]}, {key}"
                del node[key]
                continue
        previous = key


def to_plain(node: Any) -> Any:
    """ruamel containers → plain dicts/lists (scalars keep their parsed type)."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, ScalarFloat):
        return float(node)
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, str):
        return str(node)
    return node
