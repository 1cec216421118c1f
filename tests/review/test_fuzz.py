"""Random Markdown, text and HTML never crash the reviewer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()
PIECES = st.sampled_from([
    "# Risks\n", "## Monitoring\n", "### Rollback\n", "# Sign-off\n", "# Executive summary\n",
    "# Evaluation\n", "| a | b |\n|---|---|\n", "| Segment | Accuracy |\n|---|---|\n",
    "| Overall | 91% |\n", "| Spanish | 62% |\n", "- Bias. Mitigation: careful review.\n",
    "Rollback: TBD\n", "95% CI [89%, 92%] on 200 examples\n", "```\nStatus: PASS\n```\n",
    "Red alert if below 85%.\n", "[Name]\n", "> quote\n", "1. item\n", "\n", "<b>x</b>\n",
    "Threshold: ≥ 85% | 83% | PASS\n", "±\n", "[0.8, 0.3]\n", "%\n", "|\n",
])
DOCS = st.lists(st.one_of(PIECES, st.text(max_size=80)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, st.sampled_from(["markdown", "text", "html"]))
def test_review_never_crashes(text: str, fmt: str) -> None:
    report = review_document(read_text(text, "<fuzz>", fmt), RUBRIC)  # type: ignore[arg-type]
    assert 0 <= report.score <= 100 and len(report.checklist) == len(RUBRIC.items)
    for f in report.findings:
        assert 1 <= f.line <= f.end_line


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    review_document(read_text(text, "<bytes>", "markdown"), RUBRIC)
