"""What ``dcrdraft draft`` calls for the LLM engine: pick the engine, draft, report, exit code.

Kept here so the command stays a thin front end:

    plan = plan_engine(engine, model=..., base_url=..., no_cache=..., config=cfg.llm,
                       timeout=..., max_concurrency=..., structured_output=...)
    if plan.notice: click.echo(plan.notice, err=True)
    outcome = plan.draft_parts(inputs_model, on_token=..., notify=...)  # None: template engine
    result = draft(inputs_model, fmt=..., parts=outcome.draft_parts if outcome else None,
                   engine=plan.engine)
    for w in (outcome.warnings if outcome else []): click.echo(f"dcrdraft: warning: {w}", err=True)
    if report: write_report(report, outcome, plan)
    code = outcome.exit_code(strict) if outcome else ExitCode.OK
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from dcrdraft.analysis.core import analyse
from dcrdraft.errors import LLMError
from dcrdraft.inputs.model import Inputs
from dcrdraft.io import write_atomic
from dcrdraft.llm.drafting import LLMDraftOutcome, draft_parts
from dcrdraft.llm.parts import OnToken
from dcrdraft.llm.selfreview import prepare as prepare_self_review
from dcrdraft.llm.settings import LLMSettings, engine_notice, resolve_settings


@dataclass
class EnginePlan:
    """Which engine drafts, with what settings, and the stderr line that says so."""

    engine: Literal["template", "llm"]
    settings: LLMSettings | None
    notice: str | None

    def draft_parts(self, inputs: Inputs, *, on_token: OnToken | None = None,
                    notify: Callable[[str], None] | None = None,
                    meanwhile: Callable[[], object] | None = None) -> LLMDraftOutcome | None:
        """The LLM's parts for ``inputs``; None when the template engine drafts."""
        if self.engine != "llm" or self.settings is None:
            return None

        return draft_parts(analyse(inputs), self.settings, on_token=on_token, notify=notify,
                           meanwhile=meanwhile)


def plan_engine(engine: str, *, model: str | None = None, base_url: str | None = None,
                no_cache: bool = False, config: Mapping[str, Any] | None = None,
                env: Mapping[str, str] | None = None, **flags: Any) -> EnginePlan:
    """Resolve ``--engine auto|template|llm`` with the LLM flags and the ``[llm]`` table.

    ``flags`` are further settings given on the command line (timeout, max_concurrency,
    structured_output); None means "not given".
    """
    if engine == "template":
        return EnginePlan("template", None, None)
    settings = resolve_settings({"model": model, "base_url": base_url, "no_cache": no_cache,
                                 **flags}, {"llm": dict(config or {})}, env)
    if settings is None and engine == "llm":
        raise LLMError("no LLM is configured: set OPENAI_API_KEY or OPENAI_BASE_URL, or "
                       "base_url in the [llm] table; or use --engine template")
    if settings is not None and not llm_installed():
        if engine == "llm":
            raise LLMError("the LLM engine's libraries are missing from this install: pip install dcrdraft")
        return EnginePlan("template", None, "dcrdraft: an LLM is configured but its libraries "
                          "are missing from this install (pip install dcrdraft); drafting with the "
                          "template engine")
    notice = engine_notice(settings) if engine == "auto" else None
    return EnginePlan("llm" if settings else "template", settings, notice)


def warm_up(inputs: Inputs, fmt: Literal["md", "html"]) -> None:
    """What the drafting would otherwise do after the first reply, done while it is awaited:
    the template engine's render and what self-review loads (the reviewer's M01 rule, the
    section rules and vocabularies its facts read, compiled from the reviewer's pattern cache
    where earlier runs left them)."""
    # The package before any module of it, the order self-review imports in: another order
    # can deadlock with a drafting thread that reaches self-review meanwhile (each would
    # hold an import lock the other waits for).
    # lazy: the reviewer loads here, while the requests are out
    import dcrdraft.review  # noqa: F401
    from dcrdraft.draft import draft  # lazy: the template engine loads while the requests are out
    from dcrdraft.review.regexcache import install  # lazy: as above

    draft(inputs, fmt=fmt)
    install()  # never changes a result; saves this run's new patterns at exit
    prepare_self_review(analyse(inputs))


def llm_installed() -> bool:
    """Whether LangChain's OpenAI client can be imported (without importing it)."""
    return all(find_spec(name) is not None for name in ("openai", "langchain_openai"))


def stream_target() -> OnToken | None:
    """Where the summary streams: stderr when it is a terminal, else nowhere."""
    if not sys.stderr.isatty():
        return None

    def echo(chunk: str) -> None:
        sys.stderr.write(chunk)
        sys.stderr.flush()

    return echo


def strict_message(outcome: LLMDraftOutcome) -> str:
    """The stderr line for ``--strict`` when parts fell back: which, and why."""
    why = "; ".join(f"{p.part}: {p.fallback_reason or 'fell back'}" for p in outcome.fell_back)
    return (f"dcrdraft: --strict: {len(outcome.fell_back)} part(s) fell back to the template's "
            f"text ({why}); no draft written")


def report_data(outcome: LLMDraftOutcome | None, plan: EnginePlan) -> dict[str, Any]:
    """The ``--report`` JSON: per part the engine, attempts, tokens, violations, fallback."""
    if outcome is None:
        return {"engine": "template", "parts": [], "warnings": []}
    return outcome.report()


def write_report(path: str | Path, outcome: LLMDraftOutcome | None, plan: EnginePlan, *,
                 force: bool = False, inputs: Sequence[str | Path] = ()) -> Path:
    """Write the report atomically through the no-clobber check (it never holds the API key)."""
    text = json.dumps(report_data(outcome, plan), indent=2, ensure_ascii=False) + "\n"
    return write_atomic(path, text, force=force, inputs=inputs)
