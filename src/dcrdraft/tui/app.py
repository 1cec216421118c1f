"""The app: opens the right screen (drafting, raw editor or review), offers recovery of a
journaled session, and asks before quitting with unsaved changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from dcrdraft.editing.firstscore import FirstReview
from dcrdraft.editing.session import EditSession
from dcrdraft.errors import DcrError
from dcrdraft.tui.saving import save as save_session
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.screens.draft import DraftScreen
from dcrdraft.tui.screens.help import HelpScreen

DEFAULT_INPUTS = "dcr-inputs.yaml"


class DcrApp(App[None]):
    """``path``: inputs file to draft (created from the starter if missing); ``review``: a
    document to review instead; ``llm``: settings to use, or "auto" to resolve them;
    ``first``: a child process already reviewing ``path``, whose score shows first."""

    CSS_PATH = "app.tcss"
    TITLE = "dcrdraft"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, path: str | Path | None = None, *, review: str | Path | None = None,
                 llm: Any = "auto", first: FirstReview | None = None) -> None:
        super().__init__()
        self.first = first
        self.path = Path(path or DEFAULT_INPUTS)
        self.review = review
        self._llm = llm
        self.session: EditSession | None = None

    def llm_settings(self) -> Any:
        """The LLM settings to draft with, or None when no endpoint is configured."""
        if self._llm != "auto":
            return self._llm
        # lazy: config and the LLM package load when a draft is asked for, not at launch
        from dcrdraft.config.project import load_config
        from dcrdraft.llm import resolve_settings  # lazy: as above

        try:
            table = load_config(self.path.resolve().parent).llm
        except DcrError:
            table = {}  # a broken config file must not stop the author drafting
        return resolve_settings(None, {"llm": table})

    def on_mount(self) -> None:
        if self.review is not None:
            # lazy: the review screen (and the reviewer) load only in review mode
            from dcrdraft.tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.review))
            return

        try:
            session = EditSession.open(self.path)
        except (DcrError, OSError) as exc:
            self.push_screen(ConfirmScreen("Cannot open", str(exc)), lambda _: self.exit())
            return
        found = session.pending_recovery()
        if found.notice:
            self.notify(found.notice, severity="warning", timeout=10)
        entry = found.entry
        if entry is None:
            self._start(session)
            return
        question = (f"{session.path} has unsaved changes from {entry.saved_at} (the editor "
                    "did not exit cleanly). Restore them?")

        def answer(choice: str | None) -> None:
            if choice == "restore":
                session.restore(entry)
            else:
                session.discard_journal()
            self._start(session)

        self.push_screen(ConfirmScreen("Recover unsaved changes", question,
                                       [("restore", "Restore"), ("discard", "Discard")]), answer)

    def _start(self, session: EditSession) -> None:
        self.session = session
        if session.is_raw:
            from dcrdraft.tui.screens.raw import RawScreen  # lazy: only for unparsable files

            self.push_screen(RawScreen(session))
        else:
            self.push_screen(DraftScreen(session, self.first))

    def action_help(self) -> None:
        keys = [(b.key_display or b.key, b.description)
                for b in [*self.screen.BINDINGS, *self.BINDINGS]
                if isinstance(b, Binding) and b.description]
        keys.append(("ctrl+p", "Command palette"))
        self.push_screen(HelpScreen(keys))

    async def action_quit(self) -> None:
        session = self.session
        if session is None or not session.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                save_session(self, session, self.exit)
            elif choice == "discard":
                session.discard_journal()
                self.exit()

        self.push_screen(ConfirmScreen(
            "Unsaved changes", f"Save the changes to {session.path.name} before quitting?",
            [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")]), answer)
