"""LLM drafting benchmark: the chatbot example against a local 1 s-latency OpenAI-compatible
server, cold and cached, with requests and tokens per draft.

    .venv/bin/python bench/llm_bench.py [--latency 1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "llm"))

from oaiserver import OpenAIServer, Reply  # noqa: E402

from dcrdraft.analysis.core import analyse  # noqa: E402
from dcrdraft.llm import draft_parts  # noqa: E402
from dcrdraft.llm.settings import LLMSettings  # noqa: E402
from dcrdraft.inputs.loader import load  # noqa: E402

SUMMARY = (ROOT / "tests" / "llm" / "conftest.py").read_text()


def _replies() -> tuple[str, dict[str, Any]]:
    ns: dict[str, Any] = {}
    src = SUMMARY.split("SEGMENTED =")[0]
    exec(compile(src.split('HERE = ')[0].split("import pytest")[0] + src[src.index("SUMMARY ="):],
                 "conftest", "exec"), ns)
    return ns["SUMMARY"], ns["RISK"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=1.0)
    args = ap.parse_args()
    summary, risk = _replies()

    def model(body: dict[str, Any]) -> Reply:
        words = sum(len(str(m.get("content", ""))) for m in body["messages"]) // 4
        if body.get("stream"):
            return Reply(summary, usage=(words, len(summary) // 4))
        text = json.dumps(risk)
        return Reply(text, args=risk, usage=(words, len(text) // 4))

    analysis = analyse(load(ROOT / "fixtures" / "chatbot.yaml"))
    rows = []
    with tempfile.TemporaryDirectory() as cache, OpenAIServer(latency=args.latency, responder=model) as srv:
        settings = LLMSettings(base_url=srv.base_url, model="gpt-4.1-mini", cache_dir=Path(cache) / "a")
        fresh = settings.with_(cache_dir=Path(cache) / "b")
        for label, s in (("fresh process, empty cache", settings),
                         ("warm process, empty cache", fresh),
                         ("cached rerun", fresh),
                         ("no cache, concurrency 1", settings.with_(cache=False, max_concurrency=1))):
            before = len(srv.requests)
            t0 = time.perf_counter()
            out = draft_parts(analysis, s)
            wall = time.perf_counter() - t0
            rows.append((label, wall, len(srv.requests) - before, out.meta["cache_hits"],
                         out.meta["tokens_in"], out.meta["tokens_out"],
                         [p.engine for p in out.parts]))
    print("(the fresh process pays one-off imports of LangChain/OpenAI and the reviewer's rubric)")
    print(f"chatbot example, endpoint latency {args.latency:.1f} s per request, "
          f"{len(analysis.risks)} risks + summary")
    print(f"{'run':28} {'wall s':>7} {'requests':>8} {'cache hits':>10} {'tokens in':>9} {'tokens out':>10}  engines")
    for label, wall, req, hits, tin, tout, engines in rows:
        print(f"{label:28} {wall:7.2f} {req:8d} {hits:10d} {tin:9d} {tout:10d}  {','.join(engines)}")


if __name__ == "__main__":
    main()
