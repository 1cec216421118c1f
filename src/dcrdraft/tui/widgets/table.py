"""An editable table of rows (datasets, risks, sign-offs ...): add, edit, delete and reorder
from the keyboard; the row editor is a modal; changes go up as one ``Changed`` message."""

from __future__ import annotations

import copy
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from dcrdraft.tui.fields import Table, grid_cells, grid_header, help_for, table_columns
from dcrdraft.tui.screens.row_editor import RowEditor
from dcrdraft.tui.widgets.field_input import widget_id


class RowsTable(DataTable[str]):
    """The grid; its keys act on the highlighted row."""

    BINDINGS = [
        Binding("a", "add", "Add row"),
        Binding("enter", "edit", "Edit row"),
        Binding("d,delete", "delete", "Delete row"),
        Binding("ctrl+up", "move(-1)", "Move up"),
        Binding("ctrl+down", "move(1)", "Move down"),
    ]

    def action_add(self) -> None:
        self._owner.edit_row(None)

    def action_edit(self) -> None:
        if self.row_count:
            self._owner.edit_row(self.cursor_row)
        else:
            self._owner.edit_row(None)

    def action_delete(self) -> None:
        if self.row_count:
            self._owner.delete_row(self.cursor_row)

    def action_move(self, step: int) -> None:
        if self.row_count:
            self._owner.move_row(self.cursor_row, step)

    @property
    def _owner(self) -> EditableTable:
        return self.query_ancestor(EditableTable)


class EditableTable(Vertical):
    """Rows of ``table.path``; posts ``Changed(path, rows)`` after every edit."""

    class Changed(Message):
        def __init__(self, path: str, rows: list[Any]) -> None:
            super().__init__()
            self.path = path
            self.rows = rows

    def __init__(self, table: Table, rows: list[Any] | None) -> None:
        super().__init__(id=widget_id(table.path), classes="table-field")
        self.table = table
        self.path = table.path
        self.rows: list[Any] = copy.deepcopy(rows or [])
        self.states: list[str] = []
        """Each row's sign-off state (current, stale ...), when the owner knows them."""

    def compose(self) -> ComposeResult:
        yield Label(f"{self.table.title}", classes="field-label")
        doc = help_for(self.table.path)
        if doc:
            yield Static(doc, classes="field-help")
        grid = RowsTable(cursor_type="row", zebra_stripes=True, classes="rows")
        grid.set_class(bool(self.table.stacked), "stacked")
        yield grid
        yield Static("a add · enter edit · d delete · ctrl+↑/↓ move", classes="table-hint")
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, cursor: int | None = None) -> None:
        grid = self.query_one(RowsTable)
        grid.clear(columns=True)
        cols = table_columns(self.table, self.rows)
        grid.add_columns(*grid_header(self.table, cols))
        states = self.states if len(self.states) == len(self.rows) else []
        for i, row in enumerate(self.rows):
            state = states[i] if states else None
            grid.add_row(*grid_cells(self.table, row, cols, state),
                         height=None if self.table.stacked else 1)
        if cursor is not None and self.rows:
            grid.move_cursor(row=max(0, min(cursor, len(self.rows) - 1)))

    def set_rows(self, rows: list[Any] | None) -> None:
        """Replace the rows shown (e.g. after the LLM filled fields)."""
        self.rows = copy.deepcopy(rows or [])
        self._fill(self.query_one(RowsTable).cursor_row)

    def show_states(self, states: list[str]) -> None:
        """Show each row's sign-off state (one per row; an empty list shows none)."""
        if states != self.states:
            self.states = list(states)
            self._fill(self.query_one(RowsTable).cursor_row)

    def focus_editor(self) -> None:
        self.query_one(RowsTable).focus()

    def set_error(self, message: str) -> None:
        self.query_one(".field-error", Static).update(message)
        self.set_class(bool(message), "invalid")

    def edit_row(self, index: int | None) -> None:
        """Open the row editor on row ``index`` (None: a new row at the end)."""
        row = copy.deepcopy(self.rows[index]) if index is not None else {}

        def done(result: dict[str, Any] | None) -> None:
            if result is None:
                return
            if index is None:
                self.rows.append(result)
                self._changed(len(self.rows) - 1)
            else:
                self.rows[index] = result
                self._changed(index)

        self.app.push_screen(RowEditor(self.table, row, new=index is None), done)

    def delete_row(self, index: int) -> None:
        del self.rows[index]
        self._changed(index)

    def move_row(self, index: int, step: int) -> None:
        target = index + step
        if 0 <= target < len(self.rows):
            self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
            self._changed(target)

    def _changed(self, cursor: int) -> None:
        self._fill(cursor)
        self.post_message(self.Changed(self.path, copy.deepcopy(self.rows)))
