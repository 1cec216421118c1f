"""A modal question with a few labelled answers (each with its key); also used for messages."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

class ConfirmScreen(ModalScreen[str]):
    """Ask ``question``; dismisses with the chosen answer's key (``escape`` → the last one)."""

    def __init__(self, title: str, question: str,
                 answers: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.answers = answers or [("ok", "OK")]
        self._keys = {key[0]: key for key, _ in self.answers}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, id="confirm-text")
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label) in enumerate(self.answers):
                    yield Button(f"{label} ({key[0]})", id=f"answer-{key}",
                                 variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id).removeprefix("answer-"))

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key == "escape":
            self.dismiss(self.answers[-1][0])
        elif key in self._keys:
            self.dismiss(self._keys[key])
