"""One section's form: its scalar fields and tables, built from ``fields.FORMS``; the inputs
overview and executive summary sections show text instead of fields."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from dcrdraft.analysis.completeness import SECTIONS
from dcrdraft.editing.session import get_path
from dcrdraft.errors import Problem
from dcrdraft.tui.fields import Table, items_of
from dcrdraft.tui.widgets.field_input import FieldInput
from dcrdraft.tui.widgets.table import EditableTable

SUMMARY_NOTE = (
    "The executive summary is written from the other sections: the template engine states "
    "what they say, gaps included.\n\nPress ctrl+l to have the LLM draft its five paragraphs "
    "and the risk entries; the Preview tab shows the result as it streams. Fields you typed "
    "are never replaced without asking.")


class SectionForm(VerticalScroll):
    """The form of section ``key`` over the session's current data."""

    def __init__(self, key: str, data: dict[str, Any]) -> None:
        super().__init__(id=f"section-{key}", classes="section-form")
        self.key = key
        self._data = data

    def compose(self) -> ComposeResult:
        info = next(s for s in SECTIONS if s.key == self.key)
        title = f"{info.number}. {info.title}" if info.number else info.title
        yield Static(title, classes="section-title")
        if self.key == "inputs":
            yield Static("", id="overview-text")
        elif self.key == "summary":
            yield Static(SUMMARY_NOTE, classes="note")
        for item in items_of(self.key):
            if isinstance(item, Table):
                yield EditableTable(item, get_path(self._data, item.path))
            else:
                yield FieldInput(item, get_path(self._data, item.path))

    def field_widget(self, path: str) -> FieldInput | EditableTable | None:
        """The field or table bound to ``path`` (or the nearest one holding it)."""
        best: FieldInput | EditableTable | None = None
        for w in self.query(".field, .table-field"):
            wp = getattr(w, "path", "")
            if wp == path:
                return w  # type: ignore[return-value]
            if best is None and (path.startswith(wp + ".") or wp.startswith(path + ".")):
                best = w  # type: ignore[assignment]
        return best

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each validation message under the field (or table) it is about."""
        fields = list(self.query(".field, .table-field"))
        messages: dict[int, list[str]] = {}
        for p in problems:
            for i, w in enumerate(fields):
                wp = getattr(w, "path", "")
                if isinstance(w, EditableTable) and p.field.startswith(wp + "["):
                    rest = p.field[len(wp):]
                    row = rest[1:rest.index("]")]
                    where = rest[rest.index("]") + 2:] or "row"
                    messages.setdefault(i, []).append(f"row {int(row) + 1} {where}: {p.message}")
                    break
                if isinstance(w, FieldInput) and (p.field == wp or wp.startswith(p.field + ".")):
                    messages.setdefault(i, []).append(p.message)
                    break
        for i, w in enumerate(fields):
            w.set_error("\n".join(messages.get(i, [])))  # type: ignore[attr-defined]

    def show_overview(self, text: str) -> None:
        if self.key == "inputs":
            self.query_one("#overview-text", Static).update(text)
