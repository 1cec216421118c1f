"""The drafting screen: section navigator, section forms and preview, and the checklist panel,
over one ``EditSession``. Reviews and LLM drafts run in thread workers that post messages."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, OptionList, Static, TabPane, TabbedContent

from dcrdraft.analysis.completeness import SECTIONS, section_completeness, target_of
from dcrdraft.editing import firstscore
from dcrdraft.editing.session import EditSession
from dcrdraft.errors import DcrError
from dcrdraft.inputs.signing import signoff_states
from dcrdraft.inputs.yamledit import backup_path
from dcrdraft.tui.saving import save as save_session
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.widgets.checklist import ChecklistPanel
from dcrdraft.tui.widgets.field_input import FieldInput
from dcrdraft.tui.widgets.navigator import Navigator
from dcrdraft.tui.widgets.preview import Preview
from dcrdraft.tui.widgets.section_form import SectionForm
from dcrdraft.tui.widgets.table import EditableTable

if TYPE_CHECKING:
    from dcrdraft.draft import DraftParts
    from dcrdraft.editing.live import LiveReview
    from dcrdraft.llm import LLMDraftOutcome
    from dcrdraft.review.models import FileReport

LLM_SETUP = (
    "No LLM endpoint is configured, so drafting uses the template engine.\n\n"
    "To draft with an LLM, set one of these before starting dcrdraft:\n"
    "  • OPENAI_API_KEY=sk-...                 (OpenAI)\n"
    "  • OPENAI_BASE_URL=http://localhost:11434/v1   (Ollama, llama.cpp, vLLM ...)\n"
    "  • DCRDRAFT_MODEL=llama3.1:8b            (the model name, optional)\n"
    "or put base-url and model in the \\[llm] table of the dcrdraft config file.")


class ReviewDone(Message):
    def __init__(self, result: LiveReview | None, error: str = "") -> None:
        super().__init__()
        self.result = result
        self.error = error


class FirstReviewDone(Message):
    """The child process's review of the file as opened (``key``: the text it read), or
    None for both when it gave none."""

    def __init__(self, key: str | None, report: FileReport | None) -> None:
        super().__init__()
        self.key = key
        self.report = report


class LLMToken(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class LLMFinished(Message):
    def __init__(self, outcome: LLMDraftOutcome | None, status: str) -> None:
        super().__init__()
        self.outcome = outcome
        self.status = status


class DraftScreen(Screen[None]):
    """Edit an inputs file section by section with a live checklist."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+e", "export", "Export"),
        Binding("ctrl+r", "review", "Review now"),
        Binding("ctrl+l", "llm", "Draft with LLM"),
        Binding("escape", "cancel_llm", "Cancel LLM", priority=True),
    ]
    REVIEW_DELAY = 0.01
    """Seconds of quiet after an edit before a review starts (keeps typing fluid)."""
    JOURNAL_DELAY = 0.3

    def __init__(self, session: EditSession,
                 first: firstscore.FirstReview | None = None) -> None:
        super().__init__()
        self.session = session
        self.first = first
        """A child process reviewing the file as opened, whose score shows until ours."""
        self.first_key = firstscore.score_key(session.text) if not session.dirty else None
        """The score key of the text as opened (None once recovered edits changed it)."""
        self.live: LiveReview | None = None
        self.llm_parts: DraftParts | None = None
        self.llm_notice = ""
        """What the last LLM draft changed, as the toast said it."""
        self.section = "inputs"
        self._review_timer: Timer | None = None
        self._journal_timer: Timer | None = None
        self._reviewing = False
        self._review_again = False
        self._preview_stale = True
        self._llm_cancel: threading.Event | None = None

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="file-bar")
        with Horizontal(id="main"):
            yield Navigator()
            with TabbedContent(initial="edit", id="tabs"):
                with TabPane("Edit", id="edit"):
                    yield ContentSwitcher(id="forms")
                with TabPane("Preview", id="preview-tab"):
                    yield Preview()
            yield ChecklistPanel()
        yield Footer()

    async def on_mount(self) -> None:
        self._update_bar()
        await self.open_section("inputs")
        cached = firstscore.cached_report(self.first_key) if self.first_key else None
        if cached is not None:  # painted in the first frame, marked, until the review below
            self.query_one(ChecklistPanel).show(cached, cached=True)
        if self.first is not None:  # our own review waits for the child's: one at a time
            self._first_worker(self.first)
        else:
            # the first review (and the reviewer's import) starts once the screen is painted:
            # begun now, its thread would hold the interpreter while the first frame is drawn
            self.call_after_refresh(self.request_review, True)

    def _update_bar(self) -> None:
        s = self.session
        state = "● unsaved" if s.dirty else "saved"
        problems = f" · {len(s.problems)} problem(s)" if s.problems else ""
        self.query_one("#file-bar", Static).update(f" dcrdraft · {s.path} · {state}{problems}")

    def form(self, key: str | None = None) -> SectionForm | None:
        found = self.query(f"#section-{key or self.section}")
        return found.first(SectionForm) if found else None

    async def open_section(self, key: str, focus: str | None = None, switch: bool = True) -> None:
        """Show section ``key`` on the Edit tab, focusing the field at ``focus`` if given;
        with ``switch`` false the tab shown stays (the LLM's warnings on Preview stay visible)."""
        switcher = self.query_one("#forms", ContentSwitcher)
        form = self.form(key)
        if form is None:
            form = SectionForm(key, self.session.data)
            await switcher.mount(form)
        switcher.current = form.id
        self.section = key
        if switch:
            self.query_one(TabbedContent).active = "edit"
        self.query_one(Navigator).select(key)
        form.show_problems(self.session.problems)
        self._fill_overview()
        self._show_signoff_states()
        if focus:
            target = form.field_widget(focus)
            if target is not None:
                target.focus_editor()
                form.scroll_to_widget(target, top=True, animate=False)

    async def rebuild_forms(self, switch: bool = True) -> None:
        """Rebuild the forms from the session's data (after a restore or an LLM merge)."""
        await self.query_one("#forms", ContentSwitcher).remove_children()
        await self.open_section(self.section, switch=switch)

    # -- edits --------------------------------------------------------------------------

    def on_field_input_edited(self, event: FieldInput.Edited) -> None:
        self.session.set(event.path, event.value)
        self._after_edit()

    def on_editable_table_changed(self, event: EditableTable.Changed) -> None:
        self.session.set(event.path, event.rows)
        self._after_edit()

    def _after_edit(self) -> None:
        form = self.form()
        if form is not None:
            form.show_problems(self.session.problems)
        self._show_signoff_states()
        self._update_bar()
        self.request_review()
        self.schedule_journal()

    def _show_signoff_states(self) -> None:
        """Mark each sign-off current or stale against the content as edited so far (none
        while the data does not validate: the last valid model may hold other sign-offs)."""
        form = self.form("signoff")
        table = form.field_widget("signoffs") if form is not None else None
        if not isinstance(table, EditableTable):
            return
        inputs = self.session.inputs
        valid = inputs is not None and not self.session.problems
        table.show_states([s.status for s in signoff_states(inputs)] if inputs and valid else [])

    def schedule_journal(self) -> None:
        """Journal the edits within ``JOURNAL_DELAY`` (at most once per delay while typing)."""
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(self.JOURNAL_DELAY, self._write_journal)

    def _write_journal(self) -> None:
        self._journal_timer = None
        if self.session.dirty:
            try:
                self.session.journal()
            except OSError as exc:
                self.notify(f"Cannot write the recovery journal: {exc}", severity="warning")

    def on_unmount(self) -> None:
        if self.first is not None:
            self.first.stop()

    # -- review -------------------------------------------------------------------------

    @work(thread=True, group="first")
    def _first_worker(self, first: firstscore.FirstReview) -> None:
        got = first.result()
        self.post_message(FirstReviewDone(*got) if got else FirstReviewDone(None, None))
        first.finish()

    def on_first_review_done(self, message: FirstReviewDone) -> None:
        """Show the child's score of the file as opened, unless ours came first; then start
        ours (for the preview and the overview), unless an edit has started it already."""
        if (message.report is not None and self.live is None and message.key == self.first_key
                and self.session.generation == 0):
            self.query_one(ChecklistPanel).show(message.report)
        if self.live is None and not self._reviewing and self._review_timer is None:
            self.request_review(now=True)

    def _remember(self) -> None:
        """Keep the score of the saved text for the next launch's first frame."""
        live = self.live
        session = self.session
        if live is not None and live.generation == session.generation and not session.dirty:
            firstscore.store(firstscore.score_key(session.text), live.report)

    def request_review(self, now: bool = False) -> None:
        """Review after a short quiet period (or now)."""
        if self._review_timer is not None:
            self._review_timer.stop()
        self._review_timer = self.set_timer(0.001 if now else self.REVIEW_DELAY, self._start_review)

    def _start_review(self) -> None:
        self._review_timer = None
        if self._reviewing:
            self._review_again = True
            return
        inputs = self.session.inputs
        if inputs is None:
            return
        self._reviewing = True
        self._review_worker(inputs, self.llm_parts, self.session.generation)

    @work(thread=True, group="review")
    def _review_worker(self, inputs: Any, parts: DraftParts | None, generation: int) -> None:
        try:
            # lazy: drafting and the reviewer load in this worker, after the first paint
            from dcrdraft.review.regexcache import install

            install()  # patterns compiled by earlier runs are reused (never changes a result)
            # lazy: as above; called through the module: tests pin it
            from dcrdraft.editing import live as live_review

            result = live_review.review_inputs(inputs, str(self.session.path), parts, generation)
        except Exception as exc:  # noqa: BLE001 - a reviewer bug must not kill the editor
            self.post_message(ReviewDone(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(ReviewDone(result))

    def on_review_done(self, message: ReviewDone) -> None:
        self._reviewing = False
        if message.result is None:
            self.notify(f"Review failed: {message.error}", severity="error")
        else:
            self.live = message.result
            stale = message.result.generation != self.session.generation
            self.query_one(ChecklistPanel).show(message.result.report, stale)
            self._remember()
            shares = section_completeness(message.result.analysis.inputs)
            self.query_one(Navigator).show_completeness(shares)
            self._fill_overview()
            self._preview_stale = True
            if self.query_one(TabbedContent).active == "preview-tab":
                self._refresh_preview()
        if self._review_again:
            self._review_again = False
            self._start_review()

    def _fill_overview(self) -> None:
        form = self.form("inputs")
        if form is None:
            return
        lines = [f"File: {self.session.path}", ""]
        if self.live is not None:
            shares = section_completeness(self.live.analysis.inputs)
            lines.append("Completeness by section:")
            for s in SECTIONS[1:]:
                lines.append(f"  {s.number}. {s.title:<30} {round(shares[s.key] * 100):>3}%")
            lines += ["", f"Open gaps: {len(self.live.analysis.gaps)}"]
            lines += [f"  • {g.what}" for g in self.live.analysis.gaps[:12]]
        if self.session.problems:
            lines += ["", "Problems (the checklist shows the last valid state):"]
            lines += [f"  • {p.field}: {p.message}" for p in self.session.problems]
        lines += ["", "Choose a section on the left; ctrl+s saves, F1 shows every key."]
        form.show_overview("\n".join(lines))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview-tab":
            self._refresh_preview()
            # while the LLM drafts, the preview shows its progress panel at the top
            self.query_one(Preview).follow(0 if self._llm_cancel else _number(self.section))

    def _refresh_preview(self) -> None:
        if self.live is not None and self._preview_stale:
            self._preview_stale = False
            self.query_one(Preview).show(self.live.markdown, self.live.analysis)

    # -- navigation ---------------------------------------------------------------------

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "navigator" and event.option.id:
            event.stop()
            on_preview = self.query_one(TabbedContent).active == "preview-tab"
            await self.open_section(event.option.id, switch=not on_preview)
            self.query_one(Preview).follow(_number(event.option.id))

    async def on_checklist_panel_jump(self, event: ChecklistPanel.Jump) -> None:
        markdown = self.live.markdown if self.live else ""
        section, path = target_of(event.code, event.line, markdown)
        await self.open_section(section, path)

    # -- actions ------------------------------------------------------------------------

    def action_save(self) -> None:
        def saved() -> None:
            self._update_bar()
            self._remember()
            self.notify(f"Saved {self.session.path.name} (previous version in "
                        f"{backup_path(self.session.path).name})")

        save_session(self.app, self.session, saved)

    def action_review(self) -> None:
        self.request_review(now=True)
        self.notify("Reviewing…", timeout=1)

    def action_export(self) -> None:
        if self.session.inputs is None:
            self.app.push_screen(ConfirmScreen("Cannot export", "Fix the problems first."))
            return
        from dcrdraft.tui.screens.export import ExportScreen  # lazy: opened on demand

        self.app.push_screen(ExportScreen(self.session.path), self._export)

    def _export(self, choice: tuple[str, str] | None) -> None:
        if choice is None or self.session.inputs is None:
            return
        target, fmt = choice
        # lazy: the renderers load when an export is asked for
        from dcrdraft.draft import draft
        from dcrdraft.io import write_atomic  # lazy: as above

        try:
            result = draft(self.session.inputs, fmt=fmt, parts=self.llm_parts)  # type: ignore[arg-type]
            write_atomic(target, result.text, force=True, inputs=[self.session.path])
        except (DcrError, OSError) as exc:
            self.app.push_screen(ConfirmScreen("Cannot export", str(exc)))
            return
        self.notify(f"Exported {target} ({result.analysis.gaps_phrase})")

    # -- LLM drafting -------------------------------------------------------------------

    def action_llm(self) -> None:
        if self._llm_cancel is not None:
            self.notify("An LLM draft is already running (Esc cancels it).")
            return
        try:
            settings = self.app.llm_settings()  # type: ignore[attr-defined]
        except DcrError as exc:
            self.app.push_screen(ConfirmScreen("LLM settings", exc.message))
            return
        if settings is None:
            self.app.push_screen(ConfirmScreen("No LLM endpoint", LLM_SETUP))
            return
        inputs = self.session.inputs
        if inputs is None:
            self.app.push_screen(ConfirmScreen("Cannot draft", "Fix the problems first."))
            return
        self._llm_cancel = threading.Event()
        self.refresh_bindings()
        self.query_one(TabbedContent).active = "preview-tab"
        self.query_one(Preview).llm.start(1 + len(inputs.risks))
        self._llm_worker(inputs, settings, self._llm_cancel)

    @work(thread=True, group="llm")
    def _llm_worker(self, inputs: Any, settings: Any, cancel: threading.Event) -> None:
        # lazy: the LLM package loads in this worker when a draft is asked for
        from dcrdraft.analysis.core import analyse
        from dcrdraft.llm import Cancelled, draft_parts  # lazy: as above

        def on_token(text: str) -> None:
            self.post_message(LLMToken(text))

        try:
            outcome = draft_parts(analyse(inputs), settings, on_token=on_token, cancel=cancel)
        except Cancelled:
            self.post_message(LLMFinished(None, "LLM draft cancelled; nothing was changed."))
        except DcrError as exc:
            self.post_message(LLMFinished(None, f"LLM draft failed: {exc.message}"))
        except Exception as exc:  # noqa: BLE001 - shown, never a crash
            self.post_message(LLMFinished(None, f"LLM draft failed: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(LLMFinished(outcome, "LLM draft finished."))

    def on_llmtoken(self, message: LLMToken) -> None:
        self.query_one(Preview).llm.token(message.text)

    def on_llmfinished(self, message: LLMFinished) -> None:
        self._llm_cancel = None
        self.refresh_bindings()
        out = message.outcome
        parts = 1 + (len(self.session.inputs.risks) if self.session.inputs else 0)
        warnings = out.warnings if out else []
        self.query_one(Preview).llm.finish(message.status, warnings, parts)
        if out is None:
            return

        from dcrdraft.draft import DraftParts  # lazy: loaded by the review worker by now

        self.llm_parts = DraftParts(summary=out.summary)
        self._merge_risks(out)

    def _merge_risks(self, out: LLMDraftOutcome) -> None:
        from dcrdraft.editing import merge  # lazy: needed once an LLM draft is back

        rows = copy.deepcopy(self.session.get("risks") or [])
        fills, conflicts = merge.plan(rows, out.risks)
        merge.apply(rows, fills)

        def finish(answer: str | None = None) -> None:
            if answer == "replace":
                merge.apply(rows, conflicts)
            if fills or answer == "replace":
                self.session.set("risks", rows)
                self.run_worker(self.rebuild_forms(switch=False))
                self._after_edit()
            else:
                self.request_review()  # the summary may have changed; the inputs did not
            warned = f"; {len(out.warnings)} LLM warning(s) shown in Preview" if out.warnings else ""
            self.llm_notice = (f"LLM filled {len(fills)} empty risk field(s)"
                               + (f"; replaced {len(conflicts)}" if answer == "replace" else "")
                               + warned)
            self.notify(self.llm_notice, severity="warning" if out.warnings else "information")

        if not conflicts:
            finish()
            return
        listing = "\n".join(f"• {c.label} {c.field}:\n    yours: {c.old!s:.80}\n    LLM:   {c.new!s:.80}"
                            for c in conflicts)
        self.app.push_screen(ConfirmScreen(
            "Replace fields you typed?",
            f"The LLM drafted different text for {len(conflicts)} field(s) you typed:\n\n{listing}",
            [("keep", "Keep mine"), ("replace", "Replace")]), finish)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc belongs to the focused widget unless an LLM draft is running."""
        if action == "cancel_llm":
            return self._llm_cancel is not None
        return True

    def action_cancel_llm(self) -> None:
        if self._llm_cancel is not None:
            self._llm_cancel.set()
            self.query_one("#llm-status", Static).update("Cancelling…")


def _number(key: str) -> int:
    """The DCR section number of section ``key`` (0: the inputs overview)."""
    return next((s.number for s in SECTIONS if s.key == key), 0)
