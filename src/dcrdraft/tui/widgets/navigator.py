"""The section navigator: the nine DCR sections and the inputs overview, with completeness."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dcrdraft.analysis.completeness import SECTIONS


def _bar(share: float) -> Text:
    pct = round(share * 100)
    style = "green" if pct >= 100 else "yellow" if pct >= 50 else "red"
    return Text(f"{pct:>3}%", style=style)


class Navigator(OptionList):
    """Sections as options (id = section key); selecting one posts ``OptionSelected``."""

    def __init__(self) -> None:
        super().__init__(*[Option(self._prompt(s.key, None), id=s.key) for s in SECTIONS],
                         id="navigator")
        self.border_title = "Sections"

    @staticmethod
    def _prompt(key: str, share: float | None) -> Text:
        info = next(s for s in SECTIONS if s.key == key)
        label = f"{info.number}. {info.title}" if info.number else info.title
        text = Text(label.ljust(25)[:25])
        if share is not None:
            text.append(" ").append_text(_bar(share))
        return text

    def show_completeness(self, shares: dict[str, float]) -> None:
        """Update every section's completeness figure."""
        for s in SECTIONS:
            self.replace_option_prompt(s.key, self._prompt(s.key, shares.get(s.key)))

    def select(self, key: str) -> None:
        """Highlight section ``key``."""
        self.highlighted = self.get_option_index(key)
