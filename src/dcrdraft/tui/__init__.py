"""The Textual front end: ``dcrdraft tui [INPUTS]`` drafts with a live checklist and
``dcrdraft tui --review DCR.md`` reviews a document. Only this package imports textual; it
calls the same core functions as the CLI (session, live review, draft, review, llm)."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.editing.firstscore import FirstReview
from dcrdraft.tui.app import DcrApp


def run(inputs: str | Path | None = None, review: str | Path | None = None,
        first: FirstReview | None = None) -> None:
    """Run the app until the author quits (``first``: a child process reviewing ``inputs``)."""
    try:
        DcrApp(inputs, review=review, first=first).run()
    finally:
        if first is not None:
            first.stop()
