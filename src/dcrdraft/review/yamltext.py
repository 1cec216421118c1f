"""Parse the YAML of a rubric-folder file (rules, vocabularies) with located errors.

PyYAML's C loader reads a well-formed file fast; when it is missing or the text is malformed,
ruamel reads it again so the error names the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dcrdraft.errors import ConfigError


def parse_yaml(path: Path, text: str) -> Any:
    """The YAML of ``text`` (read from ``path``), or ConfigError naming the file and line."""
    try:
        # lazy: PyYAML is needed when a rubric file is first read, not on import
        import yaml  # PyYAML's C loader is ~20x faster than ruamel on start-up

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)  # noqa: S506 - safe loader
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - reported through ruamel below, with its line
        pass
    from ruamel.yaml import YAML  # lazy: ruamel is needed only without PyYAML or for an error
    from ruamel.yaml.error import YAMLError  # lazy: as above

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
