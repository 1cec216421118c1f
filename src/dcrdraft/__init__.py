"""dcrdraft: draft and review Deployment Clearance Reports for AI systems.

The library API (the CLI and the TUI are thin front ends over it)::

    from dcrdraft import load, analyse, review_path
    from dcrdraft.draft import draft        # (``dcrdraft.draft`` is the drafting package)
    inputs = load("chatbot.yaml")           # validated inputs, or InputError with located problems
    result = draft(inputs, fmt="md")         # DraftResult: text, analysis (figures, gaps)
    report = review_path("dcr.md")           # FileReport: score, checklist C01-C20, findings
    rules = render_rules(inputs, alert_plan(inputs), "chatbot.yaml")  # Prometheus rules YAML

Names are imported on first use so ``import dcrdraft`` stays cheap; nothing here pulls in
the TUI, the CLI or the LLM backend.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load": "dcrdraft.inputs.loader",
    "load_text": "dcrdraft.inputs.loader",
    "Inputs": "dcrdraft.inputs.model",
    "analyse": "dcrdraft.analysis.core",
    "Analysis": "dcrdraft.analysis.core",
    "draft_markdown": "dcrdraft.draft",
    "DraftResult": "dcrdraft.draft",
    "DraftParts": "dcrdraft.draft",
    "review_path": "dcrdraft.review",
    "review_paths": "dcrdraft.review",
    "review_document": "dcrdraft.review",
    "read_document": "dcrdraft.ingest",
    "alert_plan": "dcrdraft.monitoring.plan",
    "render_rules": "dcrdraft.monitoring.prometheus",
    "DcrError": "dcrdraft.errors",
    "InputError": "dcrdraft.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'dcrdraft' has no attribute {name!r}")
