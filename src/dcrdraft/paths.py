"""Where dcrdraft finds its data: prompts, rubrics and built-in examples.

Installed wheels carry them under ``dcrdraft/_data``; a source checkout uses the top-level
folders; ``DCRDRAFT_PROMPTS`` and ``DCRDRAFT_RUBRICS`` let a project override them.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent.parent


def _data_dir(name: str, env: str | None = None) -> Path:
    if env and (override := os.environ.get(env)):
        return Path(override)
    return _shipped_dir(name)


@lru_cache(maxsize=None)
def _shipped_dir(name: str) -> Path:
    """The packaged folder ``name`` or the checkout's: fixed for the process, and asked for
    once per rule and sentence by the reviewer, so looked up once."""
    packaged = _PKG / "_data" / name
    if packaged.is_dir():
        return packaged
    return _REPO / name


def prompts_dir() -> Path:
    """The folder of LLM prompt templates."""
    return _data_dir("prompts", "DCRDRAFT_PROMPTS")


def rubrics_dir() -> Path:
    """The folder of review rubrics (YAML rules)."""
    return _data_dir("rubrics", "DCRDRAFT_RUBRICS")


def builtin_rubrics_dir() -> Path:
    """The rubrics shipped with dcrdraft, whatever ``DCRDRAFT_RUBRICS`` says."""
    return _data_dir("rubrics")


def templates_dir() -> Path:
    """The Jinja2 templates of the template engine (always inside the package)."""
    return _PKG / "templates"


EXAMPLES = ("chatbot", "radiology")


def example_path(name: str) -> Path:
    """The built-in example inputs file ``name`` (chatbot or radiology)."""
    packaged = _PKG / "_data" / "examples" / f"{name}.yaml"
    return packaged if packaged.is_file() else _REPO / "fixtures" / f"{name}.yaml"
