"""Edit an inputs file without losing what the author wrote around the values: parse it
round-trip (ruamel keeps comments, key order and flow style), update the parsed tree in place
from edited plain data, and write it back atomically beside a backup of the previous version.
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dcrdraft.errors import OutputError
from dcrdraft.inputs.loader import parse_text, rejoin_flow_commas, round_trip_yaml, to_plain
from dcrdraft.io import Stamp, current_stamp, write_atomic


def parse(text: str, path: str = "<inputs>") -> Any:
    """The round-trip tree of ``text`` (a CommentedMap); raises InputError on bad YAML."""
    tree = parse_text(text, path)
    rejoin_flow_commas(tree, text.splitlines())
    return tree


def plain(node: Any) -> Any:
    """Round-trip containers → plain dicts, lists and scalars (what the editor holds)."""
    return to_plain(node)


def update(node: Any, data: Any) -> Any:
    """``node`` changed in place to equal ``data``, keeping comments, order and styles where the
    value is unchanged; returns the node to store (a new one only for scalars or new types)."""
    if isinstance(data, dict) and isinstance(node, dict):
        for key in [k for k in node if k not in data]:
            del node[key]
        for key, value in data.items():
            if key in node:
                new = update(node[key], value)
                if new is not node[key]:
                    node[key] = new
            else:
                tail = _take_tail(node)
                node[key] = _fresh(node, value)
                _give_tail(node, key, tail)
        return node
    if isinstance(data, list) and isinstance(node, list):
        for i, value in enumerate(data):
            if i < len(node):
                new = update(node[i], value)
                if new is not node[i]:
                    node[i] = new
            else:
                tail = _take_tail(node)
                node.append(_fresh(node, value))
                _give_tail(node, len(node) - 1, tail)
        del node[len(data):]
        return node
    if _same_scalar(node, data):
        return node
    return data


def _is_block(value: Any) -> bool:
    fa = getattr(value, "fa", None)
    return isinstance(value, dict | list) and bool(value) and not (fa and fa.flow_style())


def _tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment lines that follow ``node``'s last entry."""
    if not isinstance(node, dict | list) or not node:
        return None
    key: Any = list(node)[-1] if isinstance(node, dict) else len(node) - 1
    if _is_block(node[key]):
        return _tail_slot(node[key])
    return node, key, 2 if isinstance(node, dict) else 0


def _take_tail(node: Any) -> Any:
    """Detach the blank lines and comments after ``node``'s last entry, so that an entry added
    after it goes above them (its end-of-line comment stays)."""
    slot = _tail_slot(node)
    if slot is None:
        return None
    owner, key, index = slot
    entry = owner.ca.items.get(key)
    token = entry[index] if entry and len(entry) > index else None
    if token is None or not isinstance(getattr(token, "value", None), str):
        return None
    first, sep, rest = token.value.partition("\n")
    if not rest:
        return None
    moved = copy.copy(token)
    moved.value = "\n" + rest  # the first newline ends the new entry's own line
    token.value = first + sep
    return moved


def _give_tail(node: Any, key: Any, token: Any) -> None:
    if token is None:
        return
    slot = _tail_slot(node) if _is_block(node[key]) else (node, key, 2 if isinstance(node, dict) else 0)
    if slot is None:
        return
    owner, k, index = slot
    entry = owner.ca.items.setdefault(k, [None, None, None, None])
    if entry[index] is None:
        entry[index] = token


def _same_scalar(node: Any, data: Any) -> bool:
    if isinstance(node, dict | list) or isinstance(data, dict | list):
        return False
    return bool(plain(node) == data and type(plain(node)) is type(data))


def _fresh(parent: Any, value: Any) -> Any:
    """A new value for ``parent``; mappings and lists inside flow-style parents stay flow."""
    if isinstance(value, dict):
        out: Any = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(out, v)
    elif isinstance(value, list):
        out = CommentedSeq()
        out.extend(_fresh(out, v) for v in value)
    else:
        return value
    fa = getattr(parent, "fa", None)
    if isinstance(value, dict) and fa is not None and isinstance(parent, list):
        # rows of a table are short: write them as {key: value} like the examples do
        out.fa.set_flow_style()
    elif fa is not None and fa.flow_style():
        out.fa.set_flow_style()
    return out


_DASH = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:\s*(#.*)?$")


def sequence_offset(text: str) -> int:
    """How far the author indents a list's dashes under its key (0 or 2, as first written)."""
    previous: re.Match[str] | None = None
    for line in text.splitlines():
        dash = _DASH.match(line)
        if dash and previous is not None:
            return max(0, len(dash.group(1)) - len(previous.group(1)))
        if line.strip() and not line.lstrip().startswith("#"):
            previous = _KEY.match(line)
    return 2


def dump(tree: Any, offset: int = 2) -> str:
    """The YAML text of a round-trip tree, list dashes ``offset`` columns under their key."""
    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    yaml.width = 4096  # never re-wrap long lines the author wrote on one line
    yaml.preserve_quotes = True
    buf = io.StringIO()
    yaml.dump(tree, buf)
    return buf.getvalue()


def render(original: str, data: dict[str, Any], path: str = "<inputs>") -> str:
    """``original`` YAML text updated to hold ``data``, comments and key order kept."""
    tree = parse(original, path)
    if not isinstance(tree, dict):
        tree = CommentedMap()
    update(tree, data)
    return dump(tree, sequence_offset(original))


def backup_path(path: str | Path) -> Path:
    """Where the previous version of ``path`` is kept on save."""
    p = Path(path)
    return p.with_name(p.name + ".bak")


def save(path: str | Path, text: str, *, unchanged: Stamp | None = None,
         create: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically, first copying the current file to its backup.

    ``unchanged``: replace the file only while it holds that version (checked before the
    backup and again at the write); ``create``: the file must not exist yet (O_EXCL).
    A symlink's real file is the one written and backed up.
    """
    if create:
        return write_atomic(path, text, force=False)
    p = Path(os.path.realpath(path))
    if unchanged is not None and current_stamp(p) != unchanged:
        raise OutputError(f"{path}: changed on disk since it was opened; not saved (reopen it "
                          "to see the new version)")
    if p.is_file():
        bak = backup_path(p)
        tmp = bak.with_name(bak.name + ".tmp")
        shutil.copy2(p, tmp)
        tmp.replace(bak)
    return write_atomic(p, text, force=True, unchanged=unchanged)
