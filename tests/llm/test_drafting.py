"""The drafting loop with the scripted fake: grounding, re-asks, fallback, self-review, strict."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from dcrdraft.errors import ExitCode
from dcrdraft.llm import BackendError, Cancelled, draft_parts
from dcrdraft.llm.fake import FakeBackend
from dcrdraft.llm.summary import LEADINS, split_summary

from .conftest import RISK, RISK2, SUMMARY, risk_reply

SUM = "executive summary"
EXPAND = "Expand risk"


def test_happy_path_fills_summary_and_both_risks(chatbot, settings):
    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(risk_reply, risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert out.summary is not None and len(out.summary) == 5
    assert [p.split("**")[1] for p in out.summary] == list(LEADINS)
    assert set(out.risks) == {"Risk 1", "Risk 2"}
    r1 = out.risks["Risk 1"]
    assert r1.mitigations == RISK["mitigations"] and r1.residual_risk == "low"
    assert r1.evidence == chatbot.inputs.risks[0].evidence  # given fields stand
    assert [p.engine for p in out.parts] == ["llm", "llm", "llm"]
    assert out.meta["requests"] == 3 and not out.warnings[:-1]
    assert out.exit_code(strict=True) == ExitCode.OK


def test_summary_keeps_the_computed_gap_lines(chatbot, settings):
    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(risk_reply, risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert "> **Gap:** no rollback triggers defined" in out.summary[3]


def test_invented_figure_is_reasked_with_the_claim_then_accepted(chatbot, settings):
    bad = dict(RISK, escalation="When the factual error rate exceeds 7.5%, escalate to the support lead.")
    fake = FakeBackend().enqueue(SUMMARY, match=SUM)
    fake.enqueue(bad, RISK, match="Expand risk Risk 1").enqueue(RISK2, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = next(p for p in out.parts if p.part == "Risk 1")
    assert rep.engine == "llm" and rep.attempts == 2 and rep.violations == ["figure 7.5"]
    reask = [c for c in fake.history if "Expand risk Risk 1" in c.prompt][1]
    assert reask.messages[-1].role == "user" and "figure 7.5" in reask.messages[-1].content
    assert reask.messages[-2].role == "assistant"


def test_persistent_invention_falls_back_with_a_warning_and_strict_fails(chatbot, settings):
    bad = dict(RISK, escalation="Escalate to Jane Doe within 48 hours.")
    fake = FakeBackend().enqueue(SUMMARY, match=SUM)
    fake.enqueue(bad, bad, bad, match="Expand risk Risk 1").enqueue(RISK2, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert "Risk 1" not in out.risks and "Risk 2" in out.risks
    rep = next(p for p in out.parts if p.part == "Risk 1")
    assert rep.engine == "template" and rep.attempts == 3
    assert set(rep.violations) == {"figure 48 hours", "name Jane Doe"}
    assert any("Risk 1" in w and "Jane Doe" in w and "48" in w for w in out.warnings)
    assert out.exit_code(strict=False) == ExitCode.OK
    assert out.exit_code(strict=True) == ExitCode.STRICT_FAILED


def test_malformed_reply_is_reasked(chatbot, settings):
    fake = FakeBackend().enqueue(SUMMARY, match=SUM)
    fake.enqueue("{not json", {"description": "too short"}, RISK, match="Expand risk Risk 1")
    fake.enqueue(RISK2, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = next(p for p in out.parts if p.part == "Risk 1")
    assert rep.engine == "llm" and rep.attempts == 3
    assert "not valid JSON" in rep.problems[0] and "schema" in rep.problems[1]


def test_endpoint_failure_falls_back_and_fails_strict(chatbot, settings):
    fake = FakeBackend().enqueue(BackendError("HTTP 500: boom", "http-500"), match=SUM)
    fake.enqueue(risk_reply, risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert out.summary is None and out.parts[0].fallback_reason == "endpoint failed: HTTP 500: boom"
    assert not out.parts[0].rejected  # the text was never seen, so nothing was refused ...
    assert out.exit_code(strict=False) == ExitCode.OK
    assert out.exit_code(strict=True) == ExitCode.STRICT_FAILED  # ... but --strict still fails


def test_summary_missing_a_failing_segment_is_reasked(segmented, settings):
    fixed = """**What the system is.** Triage Bot routes incoming requests.

**How well it works.** Task completion rate is 91% on the test set against an 80% baseline and an 85% threshold.

**What could go wrong.** Spanish queries complete only 62% of tasks.

**What must be true.** No monitoring thresholds or rollback triggers are defined yet.

**Recommendation.** We do not recommend deployment."""
    bad = fixed.replace("Spanish queries complete only 62% of tasks.", "Some queries fail.")
    risk = dict(RISK, description="On Spanish queries only 62% of tasks are completed, so users get wrong answers.",
                escalation="Escalate to the support lead.")
    fake = FakeBackend().enqueue(bad, fixed, match=SUM).enqueue(risk, match=EXPAND)
    out = draft_parts(segmented, settings, backend=fake)
    rep = out.parts[0]
    assert rep.engine == "llm" and rep.attempts == 2
    assert any("Spanish queries" in p for p in rep.problems)


def test_vague_risk_entry_is_reasked(chatbot, settings):
    vague = dict(RISK, monitoring="We will monitor closely and regularly.")
    fake = FakeBackend().enqueue(SUMMARY, match=SUM)
    fake.enqueue(vague, RISK, match="Expand risk Risk 1").enqueue(RISK2, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = next(p for p in out.parts if p.part == "Risk 1")
    assert rep.engine == "llm" and rep.attempts == 2
    assert any("vague" in p for p in rep.problems)


def test_summary_streams_to_on_token(chatbot, settings):
    seen: list[str] = []
    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(risk_reply, risk_reply, match=EXPAND)
    draft_parts(chatbot, settings, backend=fake, on_token=seen.append)
    assert len(seen) > 10 and "".join(seen).strip() == SUMMARY.strip()


def test_summary_without_any_leadin_is_invalid():
    with pytest.raises(Exception, match="none of the five lead-ins"):
        split_summary("The chatbot works well and should ship.")


def _restyle(style: str) -> str:
    out = SUMMARY
    for leadin in LEADINS:
        bare = leadin.rstrip(".")
        out = out.replace(f"**{leadin}** ", {"heading": f"## {bare}\n\n", "colon": f"{bare}: ",
                                             "bold-colon": f"**{bare}:** ",
                                             "numbered": f"### {LEADINS.index(leadin) + 1}. {bare}\n"}[style])
    return out


@pytest.mark.parametrize("style", ["heading", "colon", "bold-colon", "numbered"])
def test_leadins_in_any_common_markdown_form(style):
    honest = split_summary(SUMMARY)
    assert split_summary(_restyle(style)) == honest
    assert all(p is not None for p in honest)


def test_four_of_five_paragraphs_keep_the_four_and_fill_one(chatbot, settings):
    four = SUMMARY.split("\n\n**What must be true.**")[0] + "\n\n**Recommendation.**" + \
        SUMMARY.split("**Recommendation.**")[1]
    fake = FakeBackend().enqueue(four, four, four, match=SUM).enqueue(risk_reply, risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = out.parts[0]
    assert rep.engine == "llm" and rep.filled == ["What must be true."]
    assert rep.to_dict()["filled_from_template"] == ["What must be true."]
    assert out.summary is not None and len(out.summary) == 5
    assert out.summary[0].startswith("**What the system is.** The Customer Support Chatbot answers")
    # The template's paragraph, with its gap lines, where the LLM's was missing.
    assert out.summary[3].startswith("**What must be true.** No deployment conditions")
    assert "> **Gap:**" in out.summary[3]
    assert any("kept 4 of the LLM's five paragraphs" in w and "What must be true. (missing)" in w
               for w in out.warnings)
    assert out.exit_code(strict=True) == ExitCode.STRICT_FAILED


def test_an_ungrounded_paragraph_is_replaced_and_the_rest_kept(chatbot, settings):
    bad = SUMMARY.replace("We recommend approval with conditions", "We recommend approval by 2027-03-01")
    fake = FakeBackend().enqueue(bad, bad, bad, match=SUM).enqueue(risk_reply, risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = out.parts[0]
    assert rep.filled == ["Recommendation."] and rep.violations == ["date 2027-03-01"]
    assert "unsupported claims" in (rep.fallback_reason or "")
    assert out.summary is not None and "2027" not in "".join(out.summary)
    assert out.summary[1].startswith("**How well it works.** Task completion rate is 89%")
    assert out.exit_code(strict=True) == ExitCode.STRICT_FAILED


def test_risk_complete_in_the_inputs_costs_no_request(chatbot, settings):
    full = chatbot.inputs.risks[0].model_copy(update={k: v for k, v in RISK.items()})
    chatbot.risks[0].risk = full
    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(RISK2, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert out.parts[1].engine == "inputs" and out.meta["requests"] == 2


def test_over_budget(chatbot, settings, monkeypatch):
    from dcrdraft.llm import tokens

    monkeypatch.setattr(tokens, "DEFAULT_CONTEXT", max(tokens.REPLY_TOKENS.values()) + 50)
    fake = FakeBackend()
    out = draft_parts(chatbot, settings.with_(model="tiny-local"), backend=fake)
    assert fake.history == []
    assert all("budget" in (p.fallback_reason or "") for p in out.parts)
    assert any("estimates" in w for w in out.warnings)  # one offline-tiktoken warning
    assert sum("estimates" in w for w in out.warnings) == 1


def test_parts_run_concurrently(chatbot, settings):
    # Each request waits until all three are in flight: drafted one after another, the first
    # would wait alone and the barrier break. (The wall time is measured by bench/timing_bounds.py.)
    together = threading.Barrier(3, timeout=30)

    def meeting(reply: Any) -> Any:
        def fn(messages: Any, schema: Any) -> Any:
            together.wait()
            return reply(messages, schema) if callable(reply) else reply
        return fn

    fake = FakeBackend().enqueue(meeting(SUMMARY), match=SUM).enqueue(
        meeting(risk_reply), meeting(risk_reply), match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    assert not together.broken and out.summary is not None and len(out.risks) == 2


def test_concurrency_is_bounded(chatbot, settings):
    active, peak, lock = [0], [0], threading.Lock()

    def tracked(reply: Any) -> Any:
        def fn(messages: Any, schema: Any) -> Any:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.1)
            with lock:
                active[0] -= 1
            return reply(messages, schema) if callable(reply) else reply
        return fn

    fake = FakeBackend().enqueue(tracked(SUMMARY), match=SUM).enqueue(tracked(risk_reply), tracked(risk_reply), match=EXPAND)
    draft_parts(chatbot, settings.with_(max_concurrency=1), backend=fake)
    assert peak[0] == 1


def test_cancel_stops_the_draft(chatbot, settings):
    cancel = threading.Event()

    def interrupt(messages: Any, schema: Any) -> Any:
        cancel.set()
        return RISK

    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(interrupt, interrupt, match=EXPAND)
    with pytest.raises(Cancelled):
        draft_parts(chatbot, settings, backend=fake, cancel=cancel)


def test_over_long_prompt_is_trimmed_to_the_facts(chatbot, settings):
    from dcrdraft.llm import tokens
    from dcrdraft.llm.summary import summary_messages

    counter = tokens.TokenCounter("tiny-local")
    full = counter.count_messages(summary_messages(chatbot))
    trimmed = counter.count_messages(counter.fit(summary_messages(chatbot)))
    assert trimmed == full  # it fits the default window: nothing is cut
    window = counter.reserve + (full + 400) // 2 + 200  # too small for all of the inputs
    fake = FakeBackend().enqueue(SUMMARY, match=SUM).enqueue(RISK, RISK, match=EXPAND)
    out = draft_parts(chatbot, settings.with_(model="tiny-local", context_window=window),
                      backend=fake)
    sent = next(c for c in fake.history if c.kind == "stream").prompt
    assert tokens.OMITTED in sent
    assert "Task completion rate on Test set: 89%" in sent  # the computed facts all stay
    assert out.parts[0].engine == "llm"
    assert out.meta["context_window"] == window
