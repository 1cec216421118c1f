"""An editing session on one inputs file: the author's data as plain values, validated after
every change into located problems, saved round-trip with a backup, journaled for recovery.

Front ends (the TUI) hold one session and translate widget events into ``set`` calls; the
session never imports a UI toolkit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dcrdraft.editing import recovery
from dcrdraft.errors import InputError, OutputError, Problem
from dcrdraft.inputs import yamledit
from dcrdraft.inputs.loader import decode_inputs, load_text, problems_from, read_inputs_bytes
from dcrdraft.inputs.model import Inputs
from dcrdraft.inputs.starter import starter_text
from dcrdraft.io import Stamp

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """``risks[2].owner.name`` → ``["risks", 2, "owner", "name"]``."""
    return [int(i) if i else k for k, i in _PART.findall(path)]


def get_path(data: Any, path: str) -> Any:
    """The value at ``path`` in plain data, or None where the path does not exist."""
    node = data
    for part in split_path(path):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in plain data, creating mappings on the way; a mapping left holding only
    empty values collapses to empty itself (so a cleared baseline is no baseline)."""
    parts = split_path(path)
    chain: list[tuple[Any, str | int]] = []
    node: Any = data
    for part in parts[:-1]:
        nxt = node[part] if isinstance(part, int) else node.get(part)
        if nxt is None:
            nxt = {}
            node[part] = nxt
        chain.append((node, part))
        node = nxt
    node[parts[-1]] = value
    if value is not None:
        return
    for parent, key in reversed(chain[1:]):
        child = parent[key]
        if isinstance(child, dict) and all(v is None or v == [] for v in child.values()):
            parent[key] = None
        else:
            break


class InvalidSave(OutputError):
    """Saving would write a file that does not validate; the front end asks first."""

    title = "Save a file with problems?"


class EditSession:
    """The state of one inputs file being edited."""

    def __init__(self, path: str | Path, text: str, *, base: Stamp | None = None,
                 exists: bool = True) -> None:
        self.path = Path(path)
        self.text = text
        """The file's text as last read or saved (the base the data is written into)."""
        self.base = base
        """What the file held when read or last saved: a save replaces only that version."""
        self.exists = exists
        """False for a file not created yet (the first save creates it, never replacing one)."""
        self.data: dict[str, Any] = {}
        self.inputs: Inputs | None = None
        """The last valid model of ``data`` (what review and drafting use)."""
        self.problems: list[Problem] = []
        self.raw_problems: list[Problem] = []
        """Why ``text`` could not be opened as data (then the raw text is edited instead)."""
        self.dirty = False
        self.generation = 0
        """Counts edits, so a review started before the latest edit is known to be stale."""
        self._parse(text)

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> EditSession:
        """A session on ``path``; a missing file starts from the starter text when ``create``
        (nothing is written until the author saves)."""
        p = Path(path)
        if not p.exists() and not p.is_symlink() and create:
            return cls(p, starter_text(), exists=False)
        raw = read_inputs_bytes(p)
        return cls(p, decode_inputs(raw, str(p)), base=Stamp.of(raw))

    def _parse(self, text: str) -> None:
        try:
            load_text(text, str(self.path))
            tree = yamledit.parse(text, str(self.path))
        except InputError as err:
            self.raw_problems = err.problems
            self.data = {}
            self.inputs = None
            return
        self.raw_problems = []
        self.data = yamledit.plain(tree)
        self.validate()

    @property
    def is_raw(self) -> bool:
        """True when the file did not open as valid data and its raw text is being edited."""
        return bool(self.raw_problems)

    def apply_raw(self, text: str) -> list[Problem]:
        """Adopt edited raw text (unsaved); returns the problems still in it, if any."""
        self.text = text
        self._parse(text)
        self.changed()
        return self.raw_problems

    # -- editing ----------------------------------------------------------------------

    def get(self, path: str) -> Any:
        return get_path(self.data, path)

    def set(self, path: str, value: Any) -> None:
        """Change one field (or a whole table) and revalidate."""
        if get_path(self.data, path) == value:
            return
        set_path(self.data, path, value)
        self.validate()
        self.changed()

    def changed(self) -> None:
        self.dirty = True
        self.generation += 1

    def validate(self) -> None:
        """Revalidate ``data``: on success ``inputs`` is the new model, else it stays the last
        valid one and ``problems`` say what is wrong, by field path."""
        try:
            self.inputs = Inputs.model_validate(self.data)
            self.problems = []
        except ValidationError as exc:
            self.problems = problems_from(exc, self.data, str(self.path))

    def problems_at(self, prefix: str) -> list[Problem]:
        """Problems on ``prefix`` or under it."""
        return [p for p in self.problems
                if p.field == prefix or p.field.startswith((prefix + ".", prefix + "["))]

    # -- saving and recovery ----------------------------------------------------------

    def render(self) -> str:
        """The file text that saving would write."""
        if self.is_raw:
            return self.text
        return yamledit.render(self.text, self.data, str(self.path))

    @property
    def valid(self) -> bool:
        """True when saving now would write a file that validates."""
        return not self.is_raw and not self.problems

    def save(self, *, confirmed: bool = False) -> Path:
        """Write the file atomically (previous version kept as ``.bak``) and clear the journal.

        Refuses (``InvalidSave``) to write a file that does not validate unless ``confirmed``,
        and (``OutputError``) to replace a file changed on disk since it was read or saved.
        """
        if not self.valid and not confirmed:
            count = len(self.raw_problems or self.problems)
            raise InvalidSave(f"{self.path.name} has {count} problem(s) and would not validate "
                              "after saving")
        text = self.render()
        yamledit.save(self.path, text, unchanged=self.base if self.exists else None,
                      create=not self.exists)
        self.text = text
        self.base = Stamp.of(text.encode("utf-8"))
        self.exists = True
        self.dirty = False
        recovery.clear(self.path)
        return self.path

    def journal(self) -> None:
        """Record the unsaved state in the recovery journal, with the version it was made on."""
        base = self.base.sha256 if self.base else None
        if self.is_raw:
            recovery.write(self.path, "raw", self.text, base)
        else:
            recovery.write(self.path, "data", self.data, base)

    def pending_recovery(self) -> recovery.Recovered:
        """A journal left by an editor that did not exit cleanly, offered only when it was made
        on the version of the file read now and differs from it; a journal that cannot be
        used is set aside and ``notice`` says so."""
        found = recovery.recover(self.path, self.base.sha256 if self.base else None,
                                 check_base=True)
        entry = found.entry
        if entry is None:
            return found
        if entry.payload == (self.text if entry.kind == "raw" else self.data):
            recovery.clear(self.path)
            return recovery.Recovered()
        return found

    def restore(self, entry: recovery.Entry) -> None:
        """Adopt a journaled state (unsaved until the author saves; validated like any edit)."""
        if entry.kind == "raw":
            self.apply_raw(str(entry.payload))
        else:
            self.raw_problems = []
            self.data = entry.payload
            self.validate()
            self.changed()

    def discard_journal(self) -> None:
        recovery.clear(self.path)
