"""One labelled form field: an input suited to its kind, its help text and its inline error."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from dcrdraft.tui.fields import Field, from_text, help_for, to_text


def widget_id(path: str) -> str:
    """A widget id for an inputs path (ids cannot hold dots or brackets)."""
    return "f-" + path.replace(".", "--").replace("[", "_").replace("]", "_")


class FieldInput(Vertical):
    """A form field bound to ``field.path``; posts ``Edited`` with the converted value."""

    class Edited(Message):
        def __init__(self, path: str, value: Any) -> None:
            super().__init__()
            self.path = path
            self.value = value

    def __init__(self, field: Field, value: Any, help_root: Any = None,
                 prefix: str = "") -> None:
        super().__init__(id=widget_id(prefix + field.path), classes="field")
        self.field = field
        self.path = prefix + field.path
        self._value = value
        self._help = help_for(field.path, help_root) if help_root else help_for(field.path)

    def compose(self) -> ComposeResult:
        f = self.field
        yield Label(f.label, classes="field-label")
        yield self._editor(f)
        if self._help:
            yield Static(self._help, classes="field-help")
        yield Static("", classes="field-error")

    def _editor(self, f: Field) -> Widget:
        text = to_text(self._value, f.kind)
        if f.kind in ("long", "lines", "metrics"):
            area = TextArea(text, soft_wrap=True, classes=f"editor {f.kind}")
            area.show_line_numbers = False
            return area
        if f.kind in ("choice", "bool"):
            options: list[tuple[str, Any]] = (
                [("yes", True), ("no", False)] if f.kind == "bool"
                else [(c, c) for c in f.choices])
            value = self._value if self._value in [o[1] for o in options] else Select.NULL
            return Select(options, value=value, allow_blank=True, prompt="(not set)",
                          classes="editor")
        placeholder = {"rate": "89% or 0.89", "figure": "90%, 0.9 or 1.2 s",
                       "date": "YYYY-MM-DD", "int": "a whole number"}.get(f.kind, "")
        return Input(text, placeholder=placeholder, classes="editor")

    def focus_editor(self) -> None:
        self.query_one(".editor").focus()

    def set_error(self, message: str) -> None:
        """Show (or clear, with "") the validation message under the field."""
        err = self.query_one(".field-error", Static)
        err.update(message)
        self.set_class(bool(message), "invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(from_text(event.value, self.field.kind))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._post(from_text(event.text_area.text, self.field.kind))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._post(None if event.value is Select.NULL else event.value)

    def _post(self, value: Any) -> None:
        if value == self._value:
            return
        self._value = value
        self.post_message(self.Edited(self.path, value))
