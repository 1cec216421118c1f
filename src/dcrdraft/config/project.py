"""Project configuration: discover ``.dcrdraft.toml``, ``dcrdraft.toml`` or ``[tool.dcrdraft]``
in ``pyproject.toml`` from a folder up to the repository root, validate it, and remember where
every effective setting came from (default, a file, or a command-line option).

The nearest config file wins whole (no merging up the tree), as in ruff; ``--config PATH``
replaces discovery and ``--isolated`` ignores every file.
"""

from __future__ import annotations

import copy
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dcrdraft.errors import ConfigError

if TYPE_CHECKING:
    from dcrdraft.config.schema import Settings

FailOn = Literal["error", "warning", "never"]
"""Lowest severity of a reported finding that fails the gate (``never``: only --fail-under)."""
SeverityName = Literal["error", "warning", "info"]

CONFIG_NAMES = (".dcrdraft.toml", "dcrdraft.toml", "pyproject.toml")
"""Files looked for in each folder, in order of precedence."""

SETTING_KEYS: dict[str, str] = {
    "paths": "paths", "select": "select", "ignore": "ignore", "severity": "severity",
    "fail_on": "fail-on", "fail_under": "fail-under", "rubrics": "rubrics",
    "inline_suppressions": "inline-suppressions",
    "report_unused_suppressions": "report-unused-suppressions", "ignores": "ignores",
    "llm": "llm",
}
"""Field name -> TOML key (kept equal to ``config_model.Settings``; a test checks)."""


@dataclass
class Defaults:
    """The settings when no config file applies: ``Settings``' defaults without pydantic."""

    paths: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, SeverityName] = field(default_factory=dict)
    fail_on: FailOn | None = None
    fail_under: int | None = None
    rubrics: list[str] = field(default_factory=list)
    inline_suppressions: bool = True
    report_unused_suppressions: bool = True
    ignores: list[Any] = field(default_factory=list)
    llm: dict[str, Any] = field(default_factory=dict)


def __getattr__(name: str) -> Any:
    if name in ("Settings", "IgnoreEntry"):
        from dcrdraft.config import schema as config_model  # lazy: the schema pulls in pydantic

        return getattr(config_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Config:
    """Effective settings with the file they came from and the source of each value."""

    settings: Settings | Defaults = field(default_factory=Defaults)
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
        data = copy.copy(self.settings)
        sources = dict(self.sources)
        for name, (value, origin) in values.items():
            if value is None:
                continue
            setattr(data, name, value)
            sources[name] = origin
        return Config(data, self.path, sources)


MAX_CONFIG_BYTES = 1024 * 1024


def _read_config_text(path: Path) -> str:
    """The text of a config file: a regular UTF-8 file within 1 MB, else one ConfigError
    (folders, FIFOs and devices are refused before they are opened)."""
    st = path.stat()
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(f"{path}: is a folder, not a config file")
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(f"{path}: not a regular file (a pipe, socket or device), so not a "
                          "config file")
    if st.st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than the 1 MB limit for a config file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                          f"{exc.start}); save it as UTF-8") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The dcrdraft table of ``path``, or None for a pyproject.toml without one."""
    try:
        raw = tomllib.loads(_read_config_text(path))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from exc
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
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
    from pydantic import ValidationError  # lazy: pydantic is needed only when a config file exists

    from dcrdraft.config.schema import Settings  # lazy: the schema pulls in pydantic

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
    if not p.exists():
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
