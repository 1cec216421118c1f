"""Timing bounds the test suite used to assert, measured here instead (run by hand and
reported; a loaded machine makes a wall-clock assertion flaky, never a wrong result).

    .venv/bin/python bench/timing_bounds.py [--repeat 3]

Each line: the scenario, the best of ``--repeat`` runs, the bound it should stay under, and
OK or OVER. Exits 1 when a bound is exceeded.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.llm.conftest import RISK, SUMMARY  # noqa: E402
from tests.llm.oaiserver import OpenAIServer, Reply, Status  # noqa: E402

from dcrdraft.analysis.core import analyse  # noqa: E402
from dcrdraft.errors import ReadError  # noqa: E402
from dcrdraft.ingest import read_document  # noqa: E402
from dcrdraft.inputs.loader import load  # noqa: E402
from dcrdraft.llm import BackendError, Message, draft_parts  # noqa: E402
from dcrdraft.llm.fake import FakeBackend  # noqa: E402
from dcrdraft.llm.openai_backend import OpenAIBackend  # noqa: E402
from dcrdraft.llm.schemas import RiskEntry  # noqa: E402
from dcrdraft.llm.settings import LLMSettings  # noqa: E402

MSGS = [Message("system", "rules"), Message("user", "expand the risk")]


def _backend(srv: OpenAIServer, timeout: float) -> OpenAIBackend:
    return OpenAIBackend(LLMSettings(base_url=srv.base_url, timeout=timeout, max_retries=2))


def retry_after_429() -> None:
    """A 429 with ``retry-after: 1`` is retried after about a second, not much later."""
    with OpenAIServer() as srv:
        srv.enqueue(Status(429, "slow down", {"retry-after": "1"}), Reply(json.dumps(RISK)))
        _backend(srv, 5).complete(MSGS, RiskEntry)


def timeout_of_a_slow_reply() -> None:
    """A reply slower than the 0.3 s timeout fails soon after the timeout."""
    with OpenAIServer() as srv:
        srv.enqueue(Reply(json.dumps(RISK), delay=1.5))
        try:
            _backend(srv, 0.3).complete(MSGS, RiskEntry)
        except BackendError as exc:
            assert exc.kind == "timeout", exc.kind
        else:
            raise AssertionError("no timeout")


def parts_in_parallel() -> None:
    """Three 0.3 s requests (summary and two risks) run at once, not 0.9 s in a row."""
    def slow(reply: Any) -> Any:
        def fn(messages: Any, schema: Any) -> Any:
            time.sleep(0.3)
            return reply
        return fn

    chatbot = analyse(load(ROOT / "fixtures" / "chatbot.yaml"))
    fake = FakeBackend().enqueue(slow(SUMMARY), match="executive summary") \
        .enqueue(slow(RISK), slow(RISK), match="Expand risk")
    draft_parts(chatbot, LLMSettings(cache=False, max_attempts=3), backend=fake)


def refuse_50_mb() -> None:
    """A 50 MB file is refused from its size, without reading it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.md"
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)
        try:
            read_document(path)
        except ReadError:
            return
        raise AssertionError("not refused")


def read_5000_sections() -> None:
    """A 5,000-section document within the size limit is read in linear time."""
    section = "## Risk {n}\n\nSeverity: high. Mitigation: review. Owner: Ana.\n\n- item\n\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text("# DCR\n\n" + "".join(section.format(n=n) for n in range(5000)),
                        encoding="utf-8")
        assert len(read_document(path).root.children[0].children) == 5000


SCENARIOS: list[tuple[Callable[[], None], float]] = [
    (retry_after_429, 4.0), (timeout_of_a_slow_reply, 1.4), (parts_in_parallel, 0.8),
    (refuse_50_mb, 1.0), (read_5000_sections, 10.0),
]
"""Each scenario with its bound in seconds (the bounds the tests asserted before)."""


def _offline_tokens() -> None:
    """Token counts fall back to estimates, as in the tests: tiktoken never downloads."""
    try:
        import tiktoken
    except ImportError:
        return

    def offline(name: str) -> Any:
        raise ConnectionError("offline")

    tiktoken.get_encoding = offline


def main() -> int:
    _offline_tokens()
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    over = 0
    for fn, bound in SCENARIOS:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        best = min(times)
        over += best >= bound
        print(f"{fn.__name__:26} {best:6.2f} s  (bound {bound:4.1f} s)  "
              f"{'OK' if best < bound else 'OVER'}   {(fn.__doc__ or '').strip()}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
