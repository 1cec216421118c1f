"""The one exception tree of dcrdraft; front ends print ``str(err)`` in one line and exit 2.

    DcrError                 base: a message and a short title
    ├── InputError           an inputs file that cannot be read or validated (many problems)
    ├── ReadError            a document the reviewer cannot read
    ├── ConfigError          a bad config file, rubric or option value
    ├── OutputError          an output path that cannot be written (or would be clobbered)
    └── LLMError             the LLM engine is unavailable or failed
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    GATE_FAILED = 1
    USAGE = 2
    STRICT_FAILED = 3


class DcrError(Exception):
    """Base error: ``message`` is one line for a terminal, ``title`` names the area."""

    title = "dcrdraft error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One problem in an inputs file, located by file, line and field path."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class InputError(DcrError):
    """An inputs file failed to parse or validate; carries every problem found."""

    title = "Invalid inputs"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ReadError(DcrError):
    """A document could not be read for review."""

    title = "Unreadable document"


class ConfigError(DcrError):
    """A config file, rubric file or option value is invalid."""

    title = "Invalid configuration"


class OutputError(DcrError):
    """An output file cannot be written, or exists and --force was not given."""

    title = "Cannot write output"


class LLMError(DcrError):
    """The LLM engine is not configured or failed beyond recovery."""

    title = "LLM unavailable"
