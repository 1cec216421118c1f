"""TUI timings: launch → first paint and → first score of a real ``dcrdraft tui`` process in a
pseudo-terminal, cold and warm, beside a minimal Textual app; and edit → updated score.

    .venv/bin/python bench/tui_bench.py [--runs N] [--example chatbot]

Launch runs ``python -m dcrdraft tui EXAMPLE.yaml`` on a pty (120×36) and reads what it draws
until the checklist's score line appears: the first frame shows ``Score --/100`` (or a score),
the review then fills in ``Score NN/100``. *Cold* is the first run from a fresh copy of the
package as ``pip install`` leaves it (sources and the bytecode pip compiles at install) with
empty cache and state folders; *warm* is the second run of the same copy. (Until 2026-12-06
the copy had no bytecode; with ``PYTHONDONTWRITEBYTECODE`` set, as on the development
machine, every run then compiled dcrdraft's sources, which no install does: about 0.15 s of
the cold first score.) *No bytecode* goes further than any install leaves it:
``PYTHONPYCACHEPREFIX`` points at an empty folder, so every module (the standard library,
Textual, pydantic and dcrdraft) is compiled from source, as after ``pip install --no-compile``. The baseline, measured the same way in the same run, is a Textual app that
shows one line: on a loaded machine compare the ratio, not the seconds. Edit → score is
measured in the app from setting a field's value to the checklist showing that edit's review.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (36, 120)
TIMEOUT = 60.0
"""Seconds after which a launch that drew nothing counts as failed (a hang, not slowness)."""

BASELINE = r"""
from textual.app import App
from textual.widgets import Static

class One(App[None]):
    def compose(self):
        yield Static("Score --/100")

One().run()
"""

_ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<=>$]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-_])")
_PAINT = re.compile(rb"Score (?:--|\d+)/100")
_SCORE = re.compile(rb"Score \d+/100")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used so far (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def on_pty(cmd: list[str], env: dict[str, str], cwd: Path,
           marks: dict[str, re.Pattern[bytes]]) -> dict[str, float]:
    """Run ``cmd`` on a pty and return, per mark, the seconds from spawn until the screen
    text first matched it (and as ``cpu_<mark>``, the CPU seconds the process had used by
    then); then quit the app (ctrl+q, then SIGTERM if it lingers)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                            start_new_session=True)
    os.close(slave)
    seen: dict[str, float] = {}
    text = b""
    try:
        while set(marks) - set(seen) and time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            text += chunk
            plain = _ESCAPE.sub(b"", text)
            for name, pattern in marks.items():
                if name not in seen and pattern.search(plain):
                    seen[name] = now - start
                    seen[f"cpu_{name}"] = cpu_seconds(proc.pid)
        missing = set(marks) - set(seen)
        if missing:
            tail = _ESCAPE.sub(b"", text)[-400:].decode(errors="replace")
            raise SystemExit(f"{' '.join(cmd)}: never showed {sorted(missing)}; last text: {tail}")
    finally:
        _quit(proc, master)
    return seen


def _quit(proc: subprocess.Popen[bytes], master: int) -> None:
    """Ask the app to quit, drain its output so it can, and end it if it does not."""
    try:
        os.write(master, b"\x11")
    except OSError:
        pass
    deadline = time.perf_counter() + 10
    while proc.poll() is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
    os.close(master)


def fresh_copy(tmp: Path) -> Path:
    """A copy of the package as ``pip install`` leaves it: the sources and their bytecode,
    which pip compiles at install (its data folders beside it, where a source checkout keeps
    them). No ``__pycache__`` is copied; the bytecode is compiled here, as pip would."""
    target = tmp / "src"
    shutil.copytree(ROOT / "src", target,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    compileall.compile_dir(target, quiet=1)
    for data in ("rubrics", "prompts", "fixtures"):
        (tmp / data).symlink_to(ROOT / data)
    return target


RUNS = ("raw", "cold", "warm")
LABELS = {"raw": "no bytecode", "cold": "cold", "warm": "warm"}
TARGETS = {"raw": 1.5, "cold": 1.5, "warm": 1.0}
"""Issue #13: the first paint, with the score, within 1.5 s cold and 1 s warm."""


def launches(example: str, runs: int) -> dict[str, list[float]]:
    """Per run: cold and warm paint and score of ``dcrdraft tui``, and the baseline's paint."""
    keys = ["base"] + [f"{run}_{mark}" for run in RUNS for mark in ("paint", "score")]
    out: dict[str, list[float]] = {k: [] for k in keys + [f"cpu_{k}" for k in keys]}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            env = {**os.environ, "PYTHONPATH": str(fresh_copy(tmp)), "TERM": "xterm-256color",
                   "XDG_CACHE_HOME": str(tmp / "cache"), "XDG_STATE_HOME": str(tmp / "state"),
                   "XDG_CONFIG_HOME": str(tmp / "config"), "COLUMNS": str(SIZE[1]),
                   "LINES": str(SIZE[0])}
            for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DCRDRAFT_MODEL", "TEXTUAL"):
                env.pop(var, None)
            base = on_pty([sys.executable, "-c", BASELINE], env, tmp, {"paint": _PAINT})
            out["base"].append(base["paint"])
            out["cpu_base"].append(base["cpu_paint"])
            work = tmp / "work"
            work.mkdir()
            shutil.copy(ROOT / "fixtures" / f"{example}.yaml", work / f"{example}.yaml")
            cmd = [sys.executable, "-m", "dcrdraft", "tui", f"{example}.yaml"]
            for run in RUNS:  # "raw" first: its bytecode and caches go to folders of its own,
                # so "cold" starts with no __pycache__ and empty cache and state folders
                run_env = {**env, "PYTHONPYCACHEPREFIX": str(tmp / "pyc"),
                           "XDG_CACHE_HOME": str(tmp / "raw-cache"),
                           "XDG_STATE_HOME": str(tmp / "raw-state")} if run == "raw" else env
                got = on_pty(cmd, run_env, work, {"paint": _PAINT, "score": _SCORE})
                for mark in ("paint", "score"):
                    out[f"{run}_{mark}"].append(got[mark])
                    out[f"cpu_{run}_{mark}"].append(got[f"cpu_{mark}"])
    return out


def report(times: dict[str, list[float]]) -> None:
    base = statistics.median(times["base"])
    n = len(times["base"])
    print(f"launch, medians of {n} fresh copies on a {SIZE[1]}x{SIZE[0]} pty "
          f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    cpu_base = statistics.median(times["cpu_base"])
    print(f"  baseline: a one-line Textual app, first paint  {base * 1000:6.0f} ms  "
          f"(CPU {cpu_base * 1000:.0f} ms)")
    for run in RUNS:
        for mark in ("paint", "score"):
            key = f"{run}_{mark}"
            med = statistics.median(times[key])
            target = f"  target <= {TARGETS[run] * 1000:.0f} ms"
            cpu = statistics.median(times[f"cpu_{key}"])
            label = f"{LABELS[run]}: first {mark}"
            print(f"  dcrdraft tui, {label:<24} {med * 1000:6.0f} ms  ({med / base:.2f}x baseline; "
                  f"min {min(times[key]) * 1000:.0f}, max {max(times[key]) * 1000:.0f}; "
                  f"CPU {cpu * 1000:.0f} ms, {cpu / cpu_base:.2f}x){target}")


async def edit_to_score(path: Path, runs: int) -> list[float]:
    """Seconds from a field edit to the checklist showing its review, ``runs`` times."""
    from dcrdraft.tui.app import DcrApp
    from dcrdraft.tui.screens.draft import DraftScreen
    from dcrdraft.tui.widgets.field_input import FieldInput

    app = DcrApp(path, llm=None)
    times: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, DraftScreen) and app.screen.live is not None):
            await asyncio.sleep(0.01)
        screen = app.screen
        await screen.open_section("safety")
        await pilot.pause()
        field = screen.query_one("#f-safety--regulatory", FieldInput)
        texts = ["Regulated as a medical device (EU MDR class IIa); CE marking obtained.", ""]
        for i in range(runs):
            await pilot.pause(0.2)
            start = time.perf_counter()
            field.post_message(FieldInput.Edited(field.path, texts[i % 2] or None))
            target = screen.session.generation + 1
            while not (screen.live is not None and screen.live.generation >= target):
                await asyncio.sleep(0.001)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--example", default="chatbot", choices=("chatbot", "radiology"))
    parser.add_argument("--launch-only", action="store_true", help="skip edit → score")
    args = parser.parse_args()
    report(launches(args.example, args.runs))
    if args.launch_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        path = Path(tmp) / "radiology.yaml"
        shutil.copy(ROOT / "fixtures" / "radiology.yaml", path)
        edits = asyncio.run(edit_to_score(path, args.runs * 4))
    print(f"edit → updated score (radiology): median {statistics.median(edits) * 1000:.0f} ms "
          f"(min {min(edits) * 1000:.0f}, max {max(edits) * 1000:.0f}, n={len(edits)})  "
          "target ≤ 100 ms")


if __name__ == "__main__":
    main()
