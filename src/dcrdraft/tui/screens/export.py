"""The export dialog: where to write the draft and as Markdown or HTML."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static


def default_target(inputs: Path, fmt: str) -> Path:
    """``radiology.yaml`` → ``radiology.dcr.md`` (or ``.dcr.html``) beside it."""
    return inputs.with_name(f"{inputs.stem}.dcr.{fmt}")


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (path, format) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, inputs: Path) -> None:
        super().__init__()
        self.inputs = inputs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export the draft", classes="dialog-title")
            yield Select([("Markdown", "md"), ("HTML", "html")], value="md",
                         allow_blank=False, id="export-format")
            yield Input(str(default_target(self.inputs, "md")), id="export-path")
            yield Static("", id="export-note", classes="field-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self._note()
        self.query_one(Input).focus()

    def _note(self) -> None:
        path = Path(self.query_one(Input).value)
        note = "replaces the existing file" if path.exists() else ""
        self.query_one("#export-note", Static).update(note)

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one(Input)
        for fmt in ("md", "html"):
            if path.value == str(default_target(self.inputs, fmt)):
                path.value = str(default_target(self.inputs, str(event.value)))
        self._note()

    def on_input_changed(self) -> None:
        self._note()

    def on_input_submitted(self) -> None:
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._done()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _done(self) -> None:
        fmt = str(self.query_one(Select).value)
        self.dismiss((self.query_one(Input).value, fmt))
