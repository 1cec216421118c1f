"""The row editor: a modal form for one table row, validated by the row's model before it
closes, so a table never holds a row that cannot be saved."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from dcrdraft.editing.session import get_path, set_path
from dcrdraft.inputs.loader import problems_from
from dcrdraft.tui.fields import ROW_FIXED, Table, row_metrics
from dcrdraft.tui.widgets.field_input import FieldInput


class RowEditor(ModalScreen[dict[str, Any] | None]):
    """Edit one row of ``table``; dismisses with the new row, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "save", "Save row", priority=True)]

    def __init__(self, table: Table, row: dict[str, Any], new: bool = False) -> None:
        super().__init__()
        self.table = table
        self.row = copy.deepcopy(row)
        self.new = new

    def compose(self) -> ComposeResult:
        with Vertical(id="row-dialog", classes="dialog"):
            verb = "New" if self.new else "Edit"
            yield Label(f"{verb} row: {self.table.title}", classes="dialog-title")
            with VerticalScroll(id="row-fields"):
                for f in self.table.fields:
                    value = row_metrics(self.row) if f.kind == "metrics" else get_path(self.row, f.path)
                    yield FieldInput(f, value, help_root=self.table.row_model)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(FieldInput).first().focus_editor()

    def on_field_input_edited(self, event: FieldInput.Edited) -> None:
        event.stop()
        if event.path == "metrics":
            for key in [k for k in self.row if k not in ROW_FIXED]:
                del self.row[key]
            self.row.update(event.value or {})
        else:
            set_path(self.row, event.path, event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        row = {k: v for k, v in self.row.items() if v is not None and v != {}}
        for f in self.query(FieldInput):
            f.set_error("")
        try:
            self.table.row_model.model_validate(row)
        except ValidationError as exc:
            self._show(exc)
            return
        self.dismiss(row)

    def _show(self, exc: ValidationError) -> None:
        fields = {f.path: f for f in self.query(FieldInput)}
        for p in problems_from(exc, {}, ""):
            target = fields.get(p.field) or next(
                (f for path, f in fields.items() if path.startswith(p.field)), None)
            if target is None:
                target = fields.get("metrics") or next(iter(fields.values()))
            target.set_error(p.message)
