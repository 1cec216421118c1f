"""Time bounds for hostile and malformed inputs files (the tests assert what is said, this
script measures how long it takes), and drafting throughput on large but legal inputs.

Each hostile file (the cases of tests/hostile.py: alias bombs, deep nesting, huge integers,
FIFOs, /dev/zero, oversized, binary ...) is given to ``draft`` and ``review`` in a fresh
process; the script reports wall and CPU seconds, the exit code and the one line said.
Target: every refusal under 1.5 s of CPU time (start-up included; wall time on a shared
2-core machine varies with the load) and exit 2 with one line. Large legal inputs
(thousands of risks or segments, very long strings, 100,000 typos) report KB/s of CPU time,
which must stay flat as the size grows (linear drafting). Beside them, the same command on
the built-in example gives the floor of the same run.

    python bench/hostile_inputs.py [--timeout 120]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import CASES  # noqa: E402

TARGET_CPU_S = 1.5


def run(args: list[str], timeout: float) -> tuple[float, float, int | None, str]:
    """Wall seconds, child CPU seconds, exit code (None when killed) and stderr lines."""
    before = os.times()
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "dcrdraft", *args], capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        code, err = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        code, err = None, "killed (timeout)"
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system
                                                          - before.children_system)
    return wall, cpu, code, err


def hostile(folder: Path, timeout: float) -> bool:
    print(f"{'case':24} {'command':7} {'wall s':>7} {'cpu s':>6} {'exit':>5} lines  first line")
    ok = True
    for case, build, _needle in CASES:
        sub = folder / case
        sub.mkdir()
        path = build(sub)
        for command in ("draft", "review"):
            if command == "review" and case == "directory":
                continue
            args = [command, str(path)] + (["--engine", "template"] if command == "draft"
                                             else ["--no-cache"])
            wall, cpu, code, err = run(args, timeout)
            lines = err.strip().splitlines()
            good = code == 2 and len(lines) == 1 and cpu < TARGET_CPU_S
            ok &= good
            first = (lines[0] if lines else "")[:90]
            print(f"{case:24} {command:7} {wall:7.2f} {cpu:6.2f} {code!s:>5} {len(lines):5}  {first}"
                  + ("" if good else "   <-- MISSES TARGET"))
    return ok


def _chatbot() -> str:
    return (ROOT / "fixtures" / "chatbot.yaml").read_text(encoding="utf-8")


def large(kind: str, n: int) -> str:
    base = _chatbot()
    if kind == "risks":
        risks = "risks:\n" + "".join(
            f"  - title: Risk {i} about factual errors\n    evidence: {i % 50}.5% wrong in case"
            f" {i}\n    severity: medium\n    likelihood: low\n    mitigations: [Check {i}]\n"
            for i in range(n))
        return base.split("risks:")[0] + risks + "\nrecommendation:\n  decision: approve\n"
    if kind == "segments":
        rows = "".join(f"    - {{name: Segment {i}, n: 100, task completion rate: "
                       f"{50 + i % 50}%}}\n" for i in range(n))
        return base.replace("risks:", "  segments:\n" + rows + "\nrisks:", 1)
    if kind == "long-string":
        return base.replace("  users: SaaS", "  users: " + "word " * n + "SaaS")
    return base + "".join(f"typo_{i}: x\n" for i in range(n))  # typos


def throughput(folder: Path, timeout: float) -> None:
    print(f"\n{'large legal input':26} {'KB':>7} {'wall s':>7} {'cpu s':>7} {'KB/cpu s':>9} exit")
    floor = folder / "chatbot.yaml"
    floor.write_text(_chatbot(), encoding="utf-8")
    rows = [("example (floor)", floor)]
    for kind, sizes in (("risks", (1000, 4000)), ("segments", (1000, 4000)),
                        ("long-string", (100_000, 400_000)), ("typos", (10_000, 100_000))):
        for n in sizes:
            path = folder / f"{kind}-{n}.yaml"
            path.write_text(large(kind, n), encoding="utf-8")
            rows.append((f"{kind} x{n}", path))
    for label, path in rows:
        kb = path.stat().st_size / 1024
        wall, cpu, code, _err = run(["draft", "--engine", "template", str(path)], timeout)
        print(f"{label:26} {kb:7.0f} {wall:7.2f} {cpu:7.2f} {kb / max(cpu, 1e-6):9.0f} {code}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dcrdraft-hostile-"))
    env_cache = folder / "cache"
    os.environ["XDG_CACHE_HOME"] = str(env_cache)
    try:
        ok = hostile(folder, args.timeout)
        throughput(folder, args.timeout)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\nall hostile inputs within target" if ok else "\nsome hostile inputs MISS the target")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
