"""The LLM engine: drafted executive summaries and risk entries, grounded in the inputs, and
the advisory judge for ``dcrdraft review --llm``.

Importing this package never imports LangChain or OpenAI; only ``openai_backend`` does, when
a real endpoint is used.

    resolve_settings(cli_overrides, config) -> LLMSettings | None
    draft_parts(analysis, settings, *, on_token=None, cancel=None) -> LLMDraftOutcome
    judge(document, file_report, settings) -> FileReport
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dcrdraft.llm.backend import Backend, BackendError, Cancelled, Completion, Message, OutputInvalid, Usage
from dcrdraft.llm.drafting import LLMDraftOutcome, draft_parts
from dcrdraft.llm.parts import PartReport
from dcrdraft.llm.settings import LLMSettings, engine_notice, resolve_settings

if TYPE_CHECKING:
    from dcrdraft.ingest.document import Document
    from dcrdraft.review.models import FileReport


def judge(document: Document, file_report: FileReport, settings: LLMSettings,
          **kwargs: Any) -> FileReport:
    """The rule-based ``file_report`` refined by the LLM judge (see ``dcrdraft.llm.judge``)."""
    # lazy: the judge pulls in the reviewer, which drafting does not need
    from dcrdraft.llm.judge import judge as _judge

    return _judge(document, file_report, settings, **kwargs)


__all__ = [
    "Backend", "BackendError", "Cancelled", "Completion", "LLMDraftOutcome", "LLMSettings",
    "Message", "OutputInvalid", "PartReport", "Usage", "draft_parts", "engine_notice", "judge",
    "resolve_settings",
]
