"""LLM drafting stays linear in the number of risks (issue 12): the whole LLM path, from the
analysis to the rendered draft, against the local OpenAI-compatible test server.

    .venv/bin/python bench/llm_scale_bench.py              # 750, 1500 and 3000 risks
    .venv/bin/python bench/llm_scale_bench.py 3000         # one size

For inputs with N risks (the chatbot's system and metrics; each risk a title, its own
evidence rate and a description, so the LLM fills the rest of the register entry), prints the
seconds to analyse, to draft the parts (one request per risk plus the summary, through the
real adapter, the grounding guard and self-review, no cache, no latency), to render the
Markdown draft, and the peak memory. Per-risk times that stay flat as N doubles are linear.
Each size runs in a fresh process, so the peak memory is that size's own.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "llm"))

from oaiserver import OpenAIServer, Reply, prompt_of  # noqa: E402

from dcrdraft.analysis.core import analyse  # noqa: E402
from dcrdraft.draft import draft  # noqa: E402
from dcrdraft.inputs.loader import load  # noqa: E402
from dcrdraft.inputs.model import Risk  # noqa: E402
from dcrdraft.llm import draft_parts  # noqa: E402
from dcrdraft.llm.settings import LLMSettings  # noqa: E402

SUMMARY = (ROOT / "tests" / "llm" / "conftest.py").read_text(encoding="utf-8").split(
    'SUMMARY = """')[1].split('"""')[0]
"""The scripted summary the LLM tests use (its figures are the chatbot's own)."""
_LABEL = re.compile(r"Expand risk (Risk \d+)")


def entry(k: int) -> Risk:
    """Risk ``k``: what an inputs file gives before the LLM fills the register entry."""
    rate = f"{(k % 97) / 10 + 0.1:.1f}%"
    return Risk(title=f"Failure pattern {k} on queue {k}",
                evidence=f"{rate} of sampled queue-{k} replies were wrong",
                description=f"In {rate} of sampled queue-{k} replies the answer is wrong.")


def reply(body: dict[str, Any]) -> Reply:
    """A register entry for the risk the prompt names (figure-free, so grounding keeps it),
    or the summary."""
    if body.get("stream"):
        return Reply(SUMMARY)
    found = _LABEL.search(prompt_of(body))
    who = found.group(1) if found else "the risk"
    args = {"description": f"Customers act on a wrong answer for {who}.",
            "mitigations": [f"Agents grade a weekly sample of replies for {who}",
                            "The knowledge base is rebuilt on every release"],
            "residual_risk": "low",
            "residual_note": "Wrong answers remain possible between releases.",
            "monitoring": "Error rate on the weekly graded sample; the alert threshold is not "
                          "yet defined.",
            "escalation": "Escalate to the support lead when the sample shows errors.",
            "review_cadence": "Monthly."}
    return Reply(json.dumps(args), args=args)


def run(n: int) -> dict[str, float]:
    base = load(ROOT / "fixtures" / "chatbot.yaml")
    inputs = base.model_copy(update={"risks": [entry(k) for k in range(n)]})
    t0 = time.perf_counter()
    analysis = analyse(inputs)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, OpenAIServer(responder=reply) as srv:
        settings = LLMSettings(base_url=srv.base_url, model="gpt-4.1-mini",
                               cache_dir=Path(tmp), cache=False)
        out = draft_parts(analysis, settings)
        t2 = time.perf_counter()
        requests = len(srv.requests)
    text = draft(inputs, parts=out.draft_parts, engine="llm").text
    t3 = time.perf_counter()
    filled = sum(1 for p in out.parts if p.engine == "llm")
    return {"n": n, "analyse": t1 - t0, "parts": t2 - t1, "render": t3 - t2,
            "requests": requests, "llm_parts": filled, "chars": len(text),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    sizes = [int(x) for x in sys.argv[1:] if x != "--one"] or [750, 1500, 3000]
    if "--one" in sys.argv:
        print(json.dumps(run(sizes[0])))
        return 0
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    print(f"{'risks':>6} {'analyse s':>9} {'parts s':>8} {'ms/risk':>8} {'render s':>8} "
          f"{'ms/risk':>8} {'requests':>8} {'llm parts':>9} {'peak MB':>8}")
    for n in sizes:
        got = subprocess.run([sys.executable, __file__, str(n), "--one"], env=env, text=True,
                             capture_output=True, check=False)
        if got.returncode != 0:
            print(f"{n:>6} failed: {got.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(got.stdout.strip().splitlines()[-1])
        print(f"{n:>6} {r['analyse']:9.2f} {r['parts']:8.2f} {r['parts'] / n * 1000:8.2f} "
              f"{r['render']:8.2f} {r['render'] / n * 1000:8.2f} {r['requests']:8d} "
              f"{r['llm_parts']:9d} {r['peak_mb']:8.0f}")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
