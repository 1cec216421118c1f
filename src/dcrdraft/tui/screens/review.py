"""Review mode: a document's findings and open checklist items beside its text; choosing
one scrolls the text to its line, ``?`` explains the rule with its examples."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from dcrdraft.ingest import read_document
from dcrdraft import review as reviewer  # called through the package: tests pin review_path
from dcrdraft.review.models import STATUS_MARK, FileReport
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.screens.rule import RuleScreen


class Reviewed(Message):
    def __init__(self, report: FileReport, text: str) -> None:
        super().__init__()
        self.report = report
        self.text = text


class ReviewScreen(Screen[None]):
    """Findings of ``path`` beside its text."""

    BINDINGS = [
        Binding("question_mark", "explain", "Explain rule"),
        Binding("ctrl+r", "review", "Review again"),
    ]

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.report: FileReport | None = None
        self._entries: list[tuple[str, int | None]] = []

    def compose(self) -> ComposeResult:
        yield Static(f" dcrdraft review · {self.path}", id="file-bar")
        with Horizontal(id="main"):
            with Vertical(id="findings-pane"):
                yield Static("Reviewing…", id="review-score")
                yield OptionList(id="findings")
            yield TextArea("", read_only=True, show_line_numbers=True, id="document")
        yield Footer()

    def on_mount(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        self._review(self.path)

    @work(thread=True, exclusive=True)
    def _review(self, path: Path) -> None:
        report = reviewer.review_path(path)
        self.post_message(Reviewed(report, _document_text(path)))

    def on_reviewed(self, message: Reviewed) -> None:
        self.report = r = message.report
        self.query_one("#document", TextArea).text = message.text
        score = self.query_one("#review-score", Static)
        if r.error:
            score.update(f"Cannot review: {r.error}")
            return
        ready = "ready" if r.ready else "not ready"
        score.update(f"Score {r.score}/100 · {ready} · {len(r.findings)} finding(s)")
        box = self.query_one("#findings", OptionList)
        box.clear_options()
        self._entries = []
        for f in r.findings:
            self._add(box, Text(f"{f.code} L{f.line} ", style="bold").append(f.message),
                      f.code, f.line)
        for i in r.checklist:
            if i.status != "pass":
                mark = Text(f"{STATUS_MARK[i.status]} {i.code} ", style="yellow" if i.status == "weak" else "red")
                line = f"L{i.line} " if i.line else ""
                self._add(box, mark.append(f"{line}{i.message}", style=""), i.code, i.line)
        box.focus()
        if self._entries:
            box.highlighted = 0

    def _add(self, box: OptionList, prompt: Text, code: str, line: int | None) -> None:
        box.add_option(Option(prompt, id=f"e{len(self._entries)}"))
        self._entries.append((code, line))

    def _current(self) -> tuple[str, int | None] | None:
        box = self.query_one("#findings", OptionList)
        if box.highlighted is None or box.highlighted >= len(self._entries):
            return None
        return self._entries[box.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.scroll_to_current()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.scroll_to_current()

    def scroll_to_current(self) -> None:
        """Scroll the document to the chosen entry's line and select that line."""
        entry = self._current()
        if entry is None or not entry[1]:
            return
        area = self.query_one("#document", TextArea)
        row = min(entry[1] - 1, max(0, area.document.line_count - 1))
        area.select_line(row)
        area.scroll_cursor_visible(center=True, animate=False)

    def action_explain(self) -> None:
        entry = self._current()
        if entry is None:
            return
        rule = reviewer.load_rubric().get(entry[0])
        if rule is None:
            self.app.push_screen(ConfirmScreen("Unknown rule", f"No rule {entry[0]}"))
            return
        self.app.push_screen(RuleScreen(rule))


def _document_text(path: Path) -> str:
    """The document as text for display (extracted text for Word and PDF files)."""
    if path.suffix.lower() in (".docx", ".pdf"):
        try:
            return "\n".join(read_document(path).lines)
        except Exception:  # noqa: BLE001 - the report already says why
            return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
