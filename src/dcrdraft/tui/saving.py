"""Saving from any screen: a file that would not validate is written only after the author
confirms, and a refused save (changed on disk, no permission) is shown, never lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from dcrdraft.editing.session import EditSession, InvalidSave
from dcrdraft.errors import DcrError
from dcrdraft.tui.screens.confirm import ConfirmScreen


def save(app: App[Any], session: EditSession, on_saved: Callable[[], None],
         *, confirmed: bool = False) -> None:
    """Save ``session``; ask first when it does not validate; call ``on_saved`` once written."""
    try:
        session.save(confirmed=confirmed)
    except InvalidSave as exc:
        def answer(choice: str | None) -> None:
            if choice == "save":
                save(app, session, on_saved, confirmed=True)

        app.push_screen(ConfirmScreen(exc.title, f"{exc.message}. Save it anyway?",
                                      [("save", "Save anyway"), ("cancel", "Cancel")]), answer)
        return
    except (DcrError, OSError) as exc:
        app.push_screen(ConfirmScreen("Cannot save", str(exc)))
        return
    on_saved()
