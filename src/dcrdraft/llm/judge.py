"""The LLM judge for ``dcrdraft review --llm``: advice on checklist items rules judge poorly.

The judge only refines: a verdict counts when its quote is found verbatim on one line of the
document; it may move an item between weak and pass, never lift a missing item, never touch a
finding. The document is delimited as untrusted data, and a document that addresses the judge
("ignore your instructions ...") gets no upgrades at all.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dcrdraft.analysis.injection import INJECTION_RE
from dcrdraft.config.project import load_config
from dcrdraft.errors import LLMError
from dcrdraft.ingest import read_document
from dcrdraft.llm import prompts
from dcrdraft.llm.backend import Backend, BackendError, Incomplete, Message, OutputInvalid
from dcrdraft.llm.cache import CachedBackend
from dcrdraft.llm.drafting import make_backend
from dcrdraft.llm.quotes import QuoteChecker
from dcrdraft.llm.schemas import JudgeVerdicts
from dcrdraft.llm.settings import LLMSettings, resolve_settings
from dcrdraft.review import load_rubric
from dcrdraft.review.models import RunReport
from dcrdraft.review.score import is_ready, score

if TYPE_CHECKING:
    from dcrdraft.ingest.document import Document
    from dcrdraft.review.models import FileReport, ItemResult

JUDGED: dict[str, str] = {
    "C01": "Can a non-technical reader understand what the system does, for whom, and why?",
    "C07": "Does the document analyse failure modes: what the system gets wrong, in which patterns?",
    "C09": "Is every mitigation concrete and measurable (what is done, how often, by whom), not vague?",
    "C19": "Are users told the system's limitations and how to reach a human or escalate?",
}
"""Items the judge advises on, with the question it answers."""


def numbered(document: Document) -> str:
    """The document's lines, numbered, with the closing delimiter neutralised."""
    return "\n".join(f"{n}: {line}".replace("</document", "<\\/document")
                     for n, line in enumerate(document.lines, 1))


def judge_messages(items: list[prompts.JudgeItem], document_text: str) -> list[Message]:
    return [
        Message("system", prompts.render("judge_system.j2", prompts.JudgeSystemPrompt())),
        Message("user", prompts.render("judge.j2", prompts.JudgePrompt(items=items,
                                                                        document=document_text))),
    ]


def apply_verdicts(document: Document, report: FileReport, verdicts: JudgeVerdicts,
                   allowed: set[str]) -> tuple[list[ItemResult], list[str]]:
    """The checklist with verified verdicts applied, and notes on those discarded.

    A quote counts only on a content line of a section the item reads that carries the
    item's substance (``quotes.QuoteChecker``); otherwise the verdict is discarded with why.
    """
    injected = any(INJECTION_RE.search(line) for line in document.lines)
    by_code = {v.code.strip().upper(): v for v in verdicts.verdicts}
    checker = QuoteChecker(document)
    rules = _rules()
    out, notes = [], []
    for item in report.checklist:
        v = by_code.get(item.code)
        if v is None or item.code not in allowed or v.verdict == item.status:
            out.append(item)
            continue
        line: int | None = None
        reason: str | None = None
        if item.status == "missing" or v.verdict == "missing":
            reason = "the judge never changes a missing item, nor makes one"
        elif not v.quote:
            reason = "it has no quote"
        else:
            line, reason = checker.accept(v.quote, item.code, rules.get(item.code), v.verdict)
        if reason is None and injected and v.verdict == "pass":
            reason = "the document addresses the judge, so no item is raised"
        if reason is not None or line is None:
            notes.append(f"{item.code}: LLM verdict {v.verdict} discarded: {reason} "
                         f"(quote: {v.quote.strip()[:80]!r})")
            out.append(item)
            continue
        out.append(dataclasses.replace(
            item, status=v.verdict, line=line, evidence=document.lines[line - 1].strip(),
            message=f"{v.reason.strip()} (LLM judge; rules said {item.status})"))
    return out, notes


def _rules() -> dict[str, Any]:
    """The checklist rules by code (their sections and evidence patterns), or none."""
    try:
        return {r.code: r for r in load_rubric().items}
    except Exception:  # noqa: BLE001 - without the rubric, quotes are checked on lines only
        return {}


def judge(document: Document, file_report: FileReport, settings: LLMSettings, *,
          backend: Backend | None = None, items: tuple[str, ...] = tuple(JUDGED),
          notes: list[str] | None = None) -> FileReport:
    """``file_report`` with the judge's verified refinements; on any LLM failure, unchanged.

    ``notes`` collects one line per reason the judge could not be used or a verdict was
    discarded, so the caller can say so.
    """
    notes = [] if notes is None else notes
    asked = [i for i in file_report.checklist if i.code in items]
    if not asked or file_report.error:
        return file_report
    if backend is None:
        backend = make_backend(settings, threading.Event())
        if settings.cache:
            backend = CachedBackend(backend, settings.cache_params(), settings.cache_dir)
    questions = [prompts.JudgeItem(code=i.code, name=i.name, question=JUDGED.get(i.code, i.message),
                                   status=i.status) for i in asked]
    try:
        reply = backend.complete(judge_messages(questions, numbered(document)), JudgeVerdicts)
    except (BackendError, OutputInvalid, Incomplete) as exc:
        notes.append(f"{file_report.path}: the LLM judge could not be used: {exc.message}")
        return file_report
    assert isinstance(reply.value, JudgeVerdicts)
    checklist, discarded = apply_verdicts(document, file_report, reply.value, set(items))
    notes += [f"{file_report.path}: {n}" for n in discarded]
    weights = _weights(file_report)
    return dataclasses.replace(
        file_report, checklist=checklist,
        score=score(checklist, file_report.findings, weights),
        ready=is_ready(checklist, file_report.findings))


def _weights(report: FileReport) -> list[float] | None:
    try:
        rubric = load_rubric()
        w = {r.code: r.weight for r in rubric.items}
        return [w.get(i.code, 1.0) for i in report.checklist]
    except Exception:  # noqa: BLE001 - equal weights when the rubric cannot be read
        return None


def judge_run(report: Any, config: Mapping[str, Any] | None = None,
              notes: list[str] | None = None) -> Any:
    """A review ``RunReport`` with every readable file refined by the judge (``review --llm``).

    Raises ``LLMError`` when no endpoint or key is configured; ``notes`` collects what the
    judge could not do and the verdicts it had to discard.
    """
    notes = [] if notes is None else notes
    settings = resolve_settings({}, {"llm": dict(config or {})})
    if settings is None:
        raise LLMError("review --llm needs an LLM: set OPENAI_API_KEY or OPENAI_BASE_URL, "
                       "or base_url in the [llm] table")
    files = []
    for f in report.files:
        if f.error is None:
            try:
                f = judge(read_document(f.path), f, settings, notes=notes)
            except Exception as exc:  # noqa: BLE001 - advice only: the rules' report stands
                notes.append(f"{f.path}: the LLM judge could not be used: "
                             f"{getattr(exc, 'message', None) or type(exc).__name__}")
        files.append(f)
    return RunReport.of(files)


def judge_ci_run(run: Any, config_path: str | None = None, isolated: bool = False) -> list[str]:
    """Refine each file report of a review ``CiRun`` in place (what ``review --llm`` calls).

    The ``[llm]`` table comes from ``config_path`` when given (``--config``), else from the
    config discovered from the working folder; returns the notes of ``judge_run``.
    """
    table = {} if isolated else load_config(".", explicit=config_path).llm
    notes: list[str] = []
    judged = judge_run(run.report, table, notes)
    for result, report in zip(run.files, judged.files, strict=True):
        result.report = report
    return notes
