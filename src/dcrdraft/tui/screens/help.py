"""F1 help: every key of the current screen and the app, and what the panels mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

ABOUT = (
    "The checklist panel re-reviews the draft after each edit: ✓ pass, ~ weak, ✗ missing. "
    "Choose an item (enter) to jump to the field that fixes it.\n"
    "Tables: a add · enter edit · d delete · ctrl+↑/↓ move a row.\n"
    "Edits are journaled within a second; after a crash the next start offers to restore them.")


class HelpScreen(ModalScreen[None]):
    """Lists ``keys`` (key, description) and the notes above."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self.keys), default=8) + 2
        lines = "\n".join(f"{k:<{width}}{d}" for k, d in self.keys)
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("dcrdraft keys", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(lines, id="help-keys")
                yield Static(ABOUT, classes="field-help")
            yield Static("esc closes", classes="table-hint")

    def action_close(self) -> None:
        self.dismiss(None)
