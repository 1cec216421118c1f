"""The Textual front end: ``dcrdraft tui [INPUTS]`` drafts with a live checklist and
``dcrdraft tui --review DCR.md`` reviews a document. Only this package imports textual; it
calls the same core functions as the CLI (session, live review, draft, review, llm)."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.tui.app import DcrApp


def run(inputs: str | Path | None = None, review: str | Path | None = None) -> None:
    """Run the app until the author quits."""
    DcrApp(inputs, review=review).run()
