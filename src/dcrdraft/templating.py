"""The one strict Jinja2 environment used for drafts (and, with its own loader, for prompts).

``StrictUndefined`` turns a misspelt variable into an error at render time instead of an
empty string in a DCR.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import (BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader,
                    StrictUndefined)

from dcrdraft import figures


def sentence(text: str | None) -> str:
    """Text as a sentence: stripped, ending with terminal punctuation."""
    if not text:
        return ""
    text = " ".join(text.split())
    return text if text[-1] in ".!?" else text + "."


def cell(text: object) -> str:
    """A value safe inside a Markdown table cell (pipes escaped, newlines folded)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def upper(text: str | None) -> str:
    return (text or "").upper()


def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates cached under the user cache dir: compiling them is most of a cold
    draft's time. None (compile every time) when the folder cannot be created."""
    # lazy: platformdirs is needed only when the bytecode cache is first set up
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("dcrdraft")) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def environment(folder: Path, **options: Any) -> Environment:
    """A strict environment over ``folder`` with the figure filters registered."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        **options,
    )
    env.filters.update(
        pct=figures.pct,
        pct1=figures.pct1,
        points=figures.points,
        count=figures.count,
        figure=figures.figure,
        sentence=sentence,
        cell=cell,
        up=upper,
    )
    return env
