"""The checklist panel: score, the 20 items with ✓ / ~ / ✗ and the open common mistakes;
choosing one posts ``Jump`` so the screen can open the section that fixes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from dcrdraft.review.models import FileReport

_STYLE = {"pass": "green", "weak": "yellow", "missing": "red"}


class ChecklistPanel(Vertical):
    """Shows a ``FileReport``; the report is set from outside with ``show``."""

    class Jump(Message):
        """The author chose item or finding ``code`` (at draft ``line``, if known)."""

        def __init__(self, code: str, line: int | None) -> None:
            super().__init__()
            self.code = code
            self.line = line

    def __init__(self) -> None:
        super().__init__(id="checklist")
        self.report: FileReport | None = None
        self.cached = False
        """True while the report shown is an earlier run's, not yet rechecked."""
        self._lines: dict[str, int | None] = {}
        self.border_title = "Checklist"

    def compose(self) -> ComposeResult:
        yield Static("Score --/100", id="score")
        yield OptionList(id="items")
        yield Static("Mistakes and blocking findings", id="mistakes-title")
        yield OptionList(id="mistakes")

    @property
    def score_text(self) -> str:
        return str(self.query_one("#score", Static).content)

    def show(self, report: FileReport, stale: bool = False, cached: bool = False) -> None:
        """Display ``report``; ``stale`` marks it as older than the latest edit, ``cached``
        as an earlier run's review of the same text, shown until this run's own."""
        # lazy: the reviewer is loaded by the review that made ``report``, after the first paint
        from dcrdraft.review.models import STATUS_MARK
        from dcrdraft.review.score import blocks  # lazy: as above

        self.report = report
        self.cached = cached
        ready = " · ready" if report.ready else ""
        note = " · cached, rechecking" if cached else ""
        self.query_one("#score", Static).update(f"Score {report.score}/100{ready}{note}")
        self.set_class(stale or cached, "stale")
        items = self.query_one("#items", OptionList)
        keep = items.highlighted
        items.clear_options()
        self._lines = {}
        for i in report.checklist:
            text = Text(STATUS_MARK[i.status], style=_STYLE[i.status])
            text.append(f" {i.code} {i.name}")
            items.add_option(Option(text, id=i.code))
            self._lines[i.code] = i.line
        if keep is not None and keep < items.option_count:
            items.highlighted = keep
        mistakes = self.query_one("#mistakes", OptionList)
        mistakes.clear_options()
        seen: set[str] = set()
        for f in report.findings:
            # The guide's mistakes at any severity (they are warnings unless a team raises
            # them), and whatever blocks: stale sign-offs, overdue conditions, errors.
            blocking = blocks(f)
            if not (blocking or f.code.startswith("M")) or f.code in seen:
                continue
            seen.add(f.code)
            mark = Text("✗ ", style="red") if blocking else Text("! ", style="yellow")
            text = mark.append(f"{f.code} {f.name}")
            mistakes.add_option(Option(text, id=f.code))
            self._lines[f.code] = f.line
        if not seen:
            mistakes.add_option(Option(Text("none", style="dim"), id="-", disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        if code and code != "-":
            self.post_message(self.Jump(code, self._lines.get(code)))
