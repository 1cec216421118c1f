"""The executive summary: five paragraphs under the guide's lead-ins, streamed, checked one
paragraph at a time, and kept paragraph by paragraph.

A lead-in may be written bold, as a heading or as "Lead-in:"; a paragraph that is missing,
or keeps making unsupported claims, is filled from the template's summary while the grounded
paragraphs stand (the report lists which were filled).
"""

from __future__ import annotations

import re
from typing import Any

from dcrdraft.analysis.core import Analysis
from dcrdraft.llm import facts, prompts
from dcrdraft.llm.backend import Message, OutputInvalid, Usage
from dcrdraft.llm.parts import Context, OnToken, PartReport, gap_lines, run_part
from dcrdraft.llm.selfreview import paragraph_problems

LEADINS = ("What the system is.", "How well it works.", "What could go wrong.",
           "What must be true.", "Recommendation.")
"""The executive summary's five paragraphs, as the template heads them."""

SUMMARY_GAPS: tuple[tuple[str, ...], ...] = (
    ("overview.purpose", "overview.users", "overview.business_case"),
    ("evaluation.primary", "evaluation.baseline", "evaluation.threshold"),
    ("risks.none", "risks.segments"),
    ("deployment.monitoring", "deployment.rollback_triggers"),
    ("recommendation",),
)
"""The gaps shown under each summary paragraph, as in the template."""


def _leadin_patterns() -> list[re.Pattern[str]]:
    out = []
    for leadin in LEADINS:
        words = r"\s+".join(re.escape(w) for w in leadin.rstrip(".").split())
        bold = rf"(?:\*\*|__)\s*(?:\d+[.)]\s*)?{words}\s*[.:]?\s*(?:\*\*|__)[ \t]*[.:—–-]?"
        heading = rf"^[ \t]*#{{1,6}}[ \t]*(?:\d+[.)][ \t]*)?{words}[ \t]*[.:]?[ \t]*#*[ \t]*$"
        plain = (rf"^[ \t>]*(?:[-*][ \t]+)?(?:\d+[.)][ \t]*)?(?:[*_][ \t]*)?{words}[ \t]*"
                 rf"(?:[*_][ \t]*)?(?:[.:—–-]|$)")
        out.append(re.compile(f"{bold}|{heading}|{plain}", re.I | re.M))
    return out


_PATTERNS = _leadin_patterns()


def locate(text: str) -> list[tuple[int, int, int] | None]:
    """Per lead-in, (start of its lead-in, start of its body, end of its body) or None."""
    found: list[tuple[int, int, int]] = []
    for k, pattern in enumerate(_PATTERNS):
        m = pattern.search(text)
        if m is not None:
            found.append((k, m.start(), m.end()))
    found.sort(key=lambda f: f[1])
    out: list[tuple[int, int, int] | None] = [None] * len(LEADINS)
    for n, (k, start, body) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else len(text)
        out[k] = (start, body, end)
    return out


def split_summary(text: str) -> list[str | None]:
    """The five paragraphs of a reply, each as ``**Lead-in.** body``; None where absent."""
    spans = locate(text)
    if all(s is None for s in spans):
        raise OutputInvalid("none of the five lead-ins (" + ", ".join(f"**{x}**" for x in LEADINS)
                            + ") is in the reply", text)
    out: list[str | None] = []
    for k, span in enumerate(spans):
        body = " ".join(text[span[1]:span[2]].split()) if span else ""
        out.append(f"**{LEADINS[k]}** {body}" if body else None)
    return out


def template_paragraphs(a: Analysis) -> list[str]:
    """The template's five summary paragraphs, each with its gap lines, as Markdown."""
    # lazy: the template engine loads while the requests are out (drafting's warm-up), not before
    from dcrdraft.draft import render_markdown

    md = render_markdown(a)
    start = md.index("\n", md.index("## 2. Executive Summary"))
    end = md.find("\n## ", start)
    section = md[start:end if end >= 0 else len(md)]
    spans = locate(section)
    return [section[s[0]:s[2]].strip() if s else f"**{LEADINS[k]}**"
            for k, s in enumerate(spans)]


def summary_messages(a: Analysis) -> list[Message]:
    i = a.inputs
    data = i.model_dump(mode="json", exclude={"appendices", "signoffs"}, exclude_none=True)
    user = prompts.SummaryPrompt(
        system_name=i.system.name,
        leadins=list(LEADINS),
        data=facts.delimited(data),
        primary=facts.primary_facts(a),
        secondary=facts.secondary_facts(a),
        top_risks=[facts.risk_fact(rv) for rv in a.top_risks],
        failures=facts.failure_facts(a),
        conditions=facts.condition_facts(a),
        decision=i.recommendation.decision,
        gaps=facts.gap_facts(a, *[k for keys in SUMMARY_GAPS for k in keys]),
    )
    return prompts.messages(prompts.SystemPrompt(system_name=i.system.name), user)


def _with_gaps(a: Analysis, k: int, paragraph: str) -> str:
    keys = SUMMARY_GAPS[k]
    gaps = [g for key in keys for g in a.gaps_at(key)]
    if keys[0] == "deployment.monitoring":
        gaps = a.gaps_at("deployment.monitoring")[:1] + a.gaps_at("deployment.rollback_triggers")
    return paragraph + ("\n\n" + gap_lines(gaps) if gaps else "")


def draft_summary(ctx: Context, on_token: OnToken | None) -> tuple[list[str] | None, PartReport]:
    """The summary's paragraphs (LLM where grounded, template elsewhere), or None for all template."""
    report = PartReport("summary", "summary")
    a = ctx.analysis
    kept: dict[int, str] = {}
    why: dict[int, str] = {}

    def once(messages: list[Message]) -> tuple[str, Usage, Any]:
        stream = ctx.backend.stream(messages)
        chunks = []
        for chunk in stream:
            chunks.append(chunk)
            if on_token is not None:
                on_token(chunk)
        text = "".join(chunks)
        if on_token is not None:
            on_token("\n")
        try:
            return text, stream.usage, split_summary(text)
        except OutputInvalid as exc:
            raise OutputInvalid(exc.message, text, stream.usage) from None

    def check(paragraphs: list[str | None]) -> tuple[list[str], list[str]]:
        unsupported: list[str] = []
        problems: list[str] = []
        present = "\n\n".join(p for p in paragraphs if p)
        for k, paragraph in enumerate(paragraphs):
            if paragraph is None:
                problems.append(f"the paragraph headed **{LEADINS[k]}** is missing")
                why.setdefault(k, "missing")
                continue
            claims = [str(c) for c in ctx.guard.claims(paragraph)]
            own = paragraph_problems(k, paragraph, present, a)
            if claims or own:
                unsupported += [c for c in claims if c not in unsupported]
                problems += own
                why[k] = "unsupported claims" if claims else "self-review"
            else:
                kept[k] = paragraph
                why.pop(k, None)
        return unsupported, problems

    def retry(reason: str) -> None:
        if on_token is not None:
            on_token(f"\n[dcrdraft: asking again: {reason}]\n\n")

    paragraphs = run_part(ctx, report, summary_messages(a), once, check, retry)
    if paragraphs is None and not kept:
        return None, report
    if paragraphs is not None:
        kept = dict(enumerate(paragraphs))
    template = template_paragraphs(a) if len(kept) < len(LEADINS) else []
    out = [_with_gaps(a, k, kept[k]) if k in kept else template[k] for k in range(len(LEADINS))]
    report.filled = [LEADINS[k] for k in range(len(LEADINS)) if k not in kept]
    if report.filled:
        report.engine = "llm"
        report.fallback_reason = "filled from the template: " + "; ".join(
            f"{LEADINS[k]} ({why.get(k, 'missing')})" for k in range(len(LEADINS)) if k not in kept)
    return out, report
