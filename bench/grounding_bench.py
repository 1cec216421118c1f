"""Grounding and self-review stay linear in the number of risks.

    .venv/bin/python bench/grounding_bench.py            # 300, 1000 and 3000 risks
    .venv/bin/python bench/grounding_bench.py 3000       # one size

For inputs with N risks (the chatbot's system and metrics, each risk with its own evidence
rate), prints the time to build the guard once, to check one drafted entry per risk (the
claims of its text, bound to its own subjects) and to self-review each entry against the
reviewer's M01 as a one-risk draft; per-risk times that stay flat as N grows are linear.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dcrdraft.analysis.core import analyse
from dcrdraft.analysis.guard import Guard
from dcrdraft.inputs.loader import load
from dcrdraft.inputs.model import Risk
from dcrdraft.llm.selfreview import risk_problems

ROOT = Path(__file__).resolve().parents[1]
REVIEWED = 200
"""Entries self-reviewed per size (each is a one-risk draft, so a sample shows the rate)."""


def entry(k: int) -> Risk:
    rate = f"{(k % 97) / 10 + 0.1:.1f}%"
    return Risk(
        title=f"Failure pattern {k} on queue {k}",
        evidence=f"{rate} of sampled queue-{k} replies were wrong",
        description=f"In {rate} of sampled queue-{k} replies the answer is wrong and customers act on it.",
        mitigations=[f"Agents grade a weekly sample of 50 queue-{k} replies",
                     "The knowledge base is rebuilt from the documentation on every release"],
        residual_risk="low",
        residual_note="Wrong answers remain possible between releases.",
        monitoring=f"Error rate on the weekly sample of queue {k}; alert above {rate}.",
        escalation="Escalate to the support lead when the alert fires.",
        review_cadence="Monthly.",
    )


def run(n: int) -> None:
    base = load(ROOT / "fixtures" / "chatbot.yaml")
    inputs = base.model_copy(update={"risks": [entry(k) for k in range(n)]})
    a = analyse(inputs)
    t0 = time.perf_counter()
    guard = Guard(a)
    t1 = time.perf_counter()
    found = 0
    for rv in a.risks:
        r = rv.risk
        text = "\n".join([r.description or "", *r.mitigations, r.residual_note or "",
                          r.monitoring or "", r.escalation or "", r.review_cadence or ""])
        found += len(guard.claims(text, guard.own_subjects(rv)))
    t2 = time.perf_counter()
    problems = 0
    for rv in a.risks[:REVIEWED]:
        problems += len(risk_problems(a, rv.label, rv.risk))
    t3 = time.perf_counter()
    reviewed = min(n, REVIEWED)
    print(f"{n:>5} risks  guard {t1 - t0:6.2f} s  claims {t2 - t1:6.2f} s "
          f"({(t2 - t1) / n * 1000:5.2f} ms/risk, {found} claims)  self-review "
          f"{(t3 - t2) / reviewed * 1000:6.1f} ms/risk ({problems} problems)")


if __name__ == "__main__":
    for size in [int(x) for x in sys.argv[1:]] or [300, 1000, 3000]:
        run(size)
