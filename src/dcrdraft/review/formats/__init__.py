"""Output formats of ``dcrdraft review``: a registry from format name to a renderer taking the
whole ``CiRun`` and returning text. Modules load lazily so ``import dcrdraft.review`` stays
light; text and json are the reviewer's own renderers (``dcrdraft.review.render``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun

FormatName = Literal["text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html"]
FORMATS: tuple[str, ...] = get_args(FormatName)
Renderer = Callable[["CiRun"], str]

_MODULES: dict[str, str] = {
    "text": "classic", "json": "classic", "jsonl": "jsonl", "sarif": "sarif",
    "github": "github", "junit": "junit", "markdown": "markdown", "html": "html",
}


def renderer(name: str) -> Renderer:
    """The renderer for format ``name`` (KeyError for an unknown one)."""
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    fn: Renderer = getattr(module, f"render_{name}")
    return fn


def render(run: CiRun, name: str) -> str:
    """``run`` in format ``name``."""
    return renderer(name)(run)
