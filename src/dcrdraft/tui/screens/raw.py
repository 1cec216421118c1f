"""The raw editor for an inputs file that does not open as data: its text exactly as on
disk, the problems found beside it; ctrl+r re-checks and opens the forms once it is valid."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from dcrdraft.editing.session import EditSession
from dcrdraft.errors import DcrError
from dcrdraft.tui.saving import save as save_session
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.screens.draft import DraftScreen


class RawScreen(Screen[None]):
    """Edit the raw text of ``session`` (nothing is dropped or reformatted)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save text"),
        Binding("ctrl+r", "check", "Check and open forms"),
    ]

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self._journal_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(f" dcrdraft · {self.session.path} · the file has problems: fix them "
                     "here, then ctrl+r", id="file-bar")
        with Horizontal(id="main"):
            yield TextArea(self.session.text, show_line_numbers=True, id="raw-text")
            with Vertical(id="raw-side"):
                yield Static("Problems", classes="section-title")
                yield OptionList(id="raw-problems")
        yield Footer()

    def on_mount(self) -> None:
        self._show_problems()
        self.query_one(TextArea).focus()

    def _show_problems(self) -> None:
        box = self.query_one("#raw-problems", OptionList)
        box.clear_options()
        for i, p in enumerate(self.session.raw_problems):
            where = f"line {p.line}: " if p.line else ""
            field = f"{p.field}: " if p.field else ""
            box.add_option(Option(f"{where}{field}{p.message}", id=f"p{i}"))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.session.text = event.text_area.text
        self.session.changed()
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(0.3, self._journal)

    def _journal(self) -> None:
        self._journal_timer = None
        self.session.journal()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int(str(event.option.id)[1:])
        line = self.session.raw_problems[index].line
        if line:
            area = self.query_one(TextArea)
            area.move_cursor((line - 1, 0), center=True)
            area.focus()

    def action_save(self) -> None:
        save_session(self.app, self.session,
             lambda: self.notify(f"Saved {self.session.path.name} as typed"))

    def action_check(self) -> None:
        self.session.apply_raw(self.query_one(TextArea).text)
        if self.session.is_raw:
            self._show_problems()
            self.notify("Still has problems; see the list on the right.", severity="warning")
            return

        self.app.switch_screen(DraftScreen(self.session))
