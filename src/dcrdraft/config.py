"""Project configuration: discover ``.dcrdraft.toml``, ``dcrdraft.toml`` or ``[tool.dcrdraft]``
in ``pyproject.toml`` from a folder up to the repository root, validate it, and remember where
every effective setting came from (default, a file, or a command-line option).

The nearest config file wins whole (no merging up the tree), as in ruff; ``--config PATH``
replaces discovery and ``--isolated`` ignores every file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

FailOn = Literal["error", "warning", "never"]
"""Lowest severity of a reported finding that fails the gate (``never``: only --fail-under)."""
SeverityName = Literal["error", "warning", "info"]

CONFIG_NAMES = (".dcrdraft.toml", "dcrdraft.toml", "pyproject.toml")
"""Files looked for in each folder, in order of precedence."""


class IgnoreEntry(BaseModel):
    """One ``[[ignores]]`` entry: codes waived for files matching a glob, with a reason."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    path: str
    """Glob relative to the config file's folder (``reports/*.docx``, ``legacy/**``)."""
    codes: list[str] = Field(min_length=1)
    """Codes or names waived (``C17``, ``vague-risk``); at least one."""
    reason: str
    """Why the waiver is acceptable; required and shown in every report."""

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required")
        return value.strip()


class Settings(BaseModel):
    """The ``[tool.dcrdraft]`` table (or the top level of ``.dcrdraft.toml``)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True,
                              populate_by_name=True)

    paths: list[str] = Field(default_factory=list)
    """Files, folders or globs reviewed when the command line names none."""
    select: list[str] = Field(default_factory=list)
    """Rules to run: codes, prefixes (``M``, ``C1``) or names; empty means all."""
    ignore: list[str] = Field(default_factory=list)
    """Rules never run, in the same forms as ``select``."""
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    """Severity overrides by code or name, e.g. ``{ X06 = "error" }``."""
    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    """Lowest reported severity that fails the gate; unset: any M-finding fails."""
    fail_under: int | None = Field(default=None, ge=0, le=100, alias="fail-under")
    """Fail when any file scores below this."""
    rubrics: list[str] = Field(default_factory=list)
    """Extra rubric YAML files, relative to the config file."""
    inline_suppressions: bool = Field(default=True, alias="inline-suppressions")
    """Whether ``<!-- dcrdraft-disable ... -->`` comments are honoured; false reports them."""
    report_unused_suppressions: bool = Field(default=True, alias="report-unused-suppressions")
    """Whether a suppression that silences nothing is reported (X90)."""
    ignores: list[IgnoreEntry] = Field(default_factory=list)
    """Per-file waivers for formats without comments (Word, PDF) or any file."""
    llm: dict[str, Any] = Field(default_factory=dict)
    """The ``[llm]`` table, read by the LLM settings."""


SETTING_KEYS: dict[str, str] = {
    name: (f.alias or name) for name, f in Settings.model_fields.items()
}
"""Field name -> TOML key."""


@dataclass
class Config:
    """Effective settings with the file they came from and the source of each value."""

    settings: Settings = field(default_factory=Settings)
    path: Path | None = None
    """The config file read, or None (defaults only)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Field name -> ``default``, the config file path, or the option that set it."""

    @property
    def root(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.parent if self.path else Path.cwd()

    @property
    def llm(self) -> dict[str, Any]:
        """The raw ``[llm]`` table."""
        return self.settings.llm

    def source(self, name: str) -> str:
        return self.sources.get(name, "default")

    def override(self, **values: tuple[Any, str]) -> Config:
        """A copy with ``name=(value, source)`` applied; a None value leaves the setting."""
        data = self.settings.model_copy()
        sources = dict(self.sources)
        for name, (value, origin) in values.items():
            if value is None:
                continue
            setattr(data, name, value)
            sources[name] = origin
        return Config(data, self.path, sources)


def _table(path: Path) -> dict[str, Any] | None:
    """The dcrdraft table of ``path``, or None for a pyproject.toml without one."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    if path.name == "pyproject.toml":
        table = raw.get("tool", {}).get("dcrdraft")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.dcrdraft] must be a table")
        return table
    return raw


def _line_of(text: str, key: str) -> int | None:
    rx = re.compile(rf'^[ \t]*(?:\[+[^\]]*\b{re.escape(key)}\]+|"?{re.escape(key)}"?\s*=)', re.M)
    m = rx.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _validate(path: Path, table: dict[str, Any]) -> Settings:
    try:
        return Settings.model_validate(table)
    except ValidationError as exc:
        text = path.read_text(encoding="utf-8")
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            key = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
            line = _line_of(text, key) if key else None
            where = f"{path}:{line}" if line else str(path)
            problems.append(f"{where}: {loc}: {err['msg']}")
        raise ConfigError("\n".join(problems)) from exc


def read_config(path: str | Path) -> Config:
    """Read one config file (``--config PATH``); a pyproject.toml must have [tool.dcrdraft]."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: config file not found")
    table = _table(p)
    if table is None:
        raise ConfigError(f"{p}: no [tool.dcrdraft] table")
    settings = _validate(p, table)
    origin = str(p)
    sources = {name: origin for name, key in SETTING_KEYS.items() if key in table or name in table}
    return Config(settings, p, sources)


def repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git``, if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_config(start_dir: str | Path) -> Path | None:
    """The nearest config file from ``start_dir`` up to the repository root."""
    start = Path(start_dir).resolve()
    if start.is_file():
        start = start.parent
    top = repo_root(start)
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
        if top is not None and folder == top:
            break
    return None


def load_config(start_dir: str | Path = ".", *, explicit: str | Path | None = None,
                isolated: bool = False) -> Config:
    """The effective config for files under ``start_dir``: ``explicit`` if given, none when
    ``isolated``, else the nearest discovered file, else defaults."""
    if explicit is not None:
        return read_config(explicit)
    if isolated:
        return Config()
    found = find_config(start_dir)
    return read_config(found) if found else Config()


class ConfigResolver:
    """The config for each reviewed file (nearest to its folder), cached per folder."""

    def __init__(self, explicit: str | Path | None = None, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self._fixed = read_config(explicit) if explicit is not None else \
            Config() if isolated else None
        self._by_dir: dict[Path, Config] = {}

    def for_file(self, path: str | Path) -> Config:
        """The config governing ``path``."""
        if self._fixed is not None:
            return self._fixed
        folder = Path(path).resolve().parent
        if folder not in self._by_dir:
            self._by_dir[folder] = load_config(folder)
        return self._by_dir[folder]


def describe(config: Config) -> list[tuple[str, Any, str]]:
    """``(toml key, value, source)`` for every setting, for ``dcrdraft config``."""
    rows = []
    for name, key in SETTING_KEYS.items():
        value = getattr(config.settings, name)
        if name == "ignores":
            value = [e.model_dump() for e in value]
        rows.append((key, value, config.source(name)))
    return rows
