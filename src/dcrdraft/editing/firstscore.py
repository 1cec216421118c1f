"""The first score of an inputs file before this process has loaded the reviewer: the review
of the same text kept from an earlier run (shown marked as cached until the live review
replaces it), or a first review run in a child process, on another core, while the front end
starts. Both are the live review's own report (same drafting, same reviewer), keyed by the
file's text, the reviewing code and rubrics, and the review date.

    python -m dcrdraft.editing.firstscore INPUTS    (the child: one JSON line on stdout)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dcrdraft import __version__

if TYPE_CHECKING:
    from dcrdraft.review.models import FileReport


def score_key(text: str) -> str:
    """The key of the live review of inputs ``text`` with this code, rubrics and date."""
    from dcrdraft.review.fingerprint import review_date  # lazy: as in _code

    h = hashlib.blake2b(text.encode("utf-8"), digest_size=20)
    h.update(f"\0{_code()}\0{review_date()}".encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code() -> str:
    """The fingerprint of the code this process runs: taken once, as the modules it loads are
    the ones on disk at start-up."""
    # lazy: the fingerprint stats the package's files; needed only when a key is made
    from dcrdraft.review.fingerprint import code_fingerprint

    return code_fingerprint()


def _file(key: str) -> Path:
    # lazy: platformdirs is needed only when the cache is used
    from platformdirs import user_cache_dir

    root = Path(user_cache_dir("dcrdraft", appauthor=False))
    return root / "scores" / __version__ / f"{key}.json"


def cached_report(key: str) -> FileReport | None:
    """The report kept under ``key``, or None (a missing or damaged entry is a miss)."""
    from dcrdraft.review.models import FileReport  # lazy: plain dataclasses, loaded on a hit

    try:
        return FileReport.from_dict(json.loads(_file(key).read_text(encoding="utf-8")))
    except Exception:  # noqa: BLE001 - a damaged entry (any shape, any depth) is a miss
        return None


def store(key: str, report: FileReport) -> None:
    """Keep ``report`` under ``key``, atomically; a cache that cannot be written is skipped."""
    if report.error is not None:
        return
    target = _file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        return


PRESSURE = Path("/proc/pressure/cpu")
"""Linux's CPU pressure (PSI): the share of the last 10 s in which a runnable task waited."""
WAITED_LIMIT = 10.0
"""Percent of the last 10 s with a task waiting for a CPU above which no core counts as idle."""


def cpu_waited(path: Path | None = None) -> float | None:
    """The ``some avg10`` figure of ``path`` (``PRESSURE``; percent), or None where the
    kernel has none."""
    try:
        first = (path or PRESSURE).read_text(encoding="ascii").splitlines()[0].split()
        fields = dict(part.split("=", 1) for part in first[1:])
        return float(fields["avg10"]) if first[0] == "some" else None
    except (OSError, IndexError, KeyError, ValueError, UnicodeDecodeError):
        return None


def spare_core() -> bool:
    """True when the machine has a core to spare for the child. Where the kernel reports CPU
    pressure, that is when tasks waited for a CPU less than ``WAITED_LIMIT`` percent of the
    last 10 s; elsewhere, when the one-minute load average leaves at least half a core idle
    besides the one this process is about to use. (Measured at load 8 on 2 cores, a child
    only delayed paint and score; at load 1.2, just after other work, it is what brings the
    cold first score under 1.5 s. The load average still counts work that ended a minute
    ago, so on an idle machine just after a test run it alone would refuse the child.)"""
    waited = cpu_waited()
    if waited is not None:
        return waited < WAITED_LIMIT
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        return True
    return load < (os.cpu_count() or 1) - 0.5


class FirstReview:
    """A child process reviewing an inputs file as the live review would; ``result`` waits
    for its report and ``stop`` ends it (the front end quit first)."""

    TIMEOUT = 60.0
    """Seconds after which a child still reviewing is ended (the live review then scores)."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc

    @classmethod
    def start(cls, path: str | Path, *, spare_core_only: bool = True) -> FirstReview | None:
        """Start reviewing ``path`` in a child process; None when its review is cached (the
        first frame shows that one), the file cannot be read, no process started or (with
        ``spare_core_only``) no core is idle: a child then only slows the first paint."""
        if spare_core_only and not spare_core():
            return None
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        # started before the cache is looked at: the child's review is the first score's
        # critical path, and a hit (rarer on the path that matters) only costs ending it
        cmd = [sys.executable, "-m", "dcrdraft.editing.firstscore", str(path)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
        except OSError:
            return None
        first = cls(proc)
        if cached_report(score_key(text)) is not None:
            first.stop()
            return None
        return first

    def result(self) -> tuple[str, FileReport] | None:
        """(key of the text reviewed, report) once the child has written it; None when it
        failed or found the review already cached (the front end has shown that one). The
        child's line is read as soon as it is written: the child goes on saving its pattern
        caches for the next run, and the score need not wait for that."""
        from dcrdraft.review.models import FileReport  # lazy: as in cached_report

        timer = threading.Timer(self.TIMEOUT, self.stop)
        timer.daemon = True
        timer.start()
        try:
            line = self.proc.stdout.readline() if self.proc.stdout is not None else b""
        except (ValueError, OSError):
            line = b""
        finally:
            timer.cancel()
        try:
            got = json.loads(line)
            return str(got["key"]), FileReport.from_dict(got["report"])
        except Exception:  # noqa: BLE001 - no usable line: the live review will score it
            return None

    def finish(self) -> None:
        """Wait for the child to end on its own (it is saving its caches), ending it after
        ``TIMEOUT`` seconds; closes the pipe."""
        try:
            self.proc.wait(timeout=self.TIMEOUT)
        except subprocess.TimeoutExpired:
            self.stop()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def stop(self) -> None:
        """End the child if it still runs."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def review_file(path: str) -> dict[str, Any] | None:
    """The child's work: the live review of ``path`` as a session opens it, kept in the cache;
    None when it is cached already or the file does not open as valid inputs."""
    from dcrdraft.editing.session import EditSession  # lazy: the child's own imports

    session = EditSession.open(path, create=False)
    key = score_key(session.text)
    if session.inputs is None or session.problems or cached_report(key) is not None:
        return None
    from dcrdraft.review.regexcache import install  # lazy: before the reviewer compiles

    install()
    from dcrdraft.editing.live import review_inputs  # lazy: after install() (above)

    report = review_inputs(session.inputs, str(session.path)).report
    store(key, report)
    return {"key": key, "report": report.to_dict()}


def main(argv: list[str]) -> int:
    """Review ``argv[0]`` and print the result as one JSON line (nothing when not needed)."""
    try:
        got = review_file(argv[0])
    except Exception:  # noqa: BLE001 - the front end's own review reports any problem
        return 1
    if got is not None:
        # flushed now: the parent reads this line while the caches are saved at exit
        sys.stdout.write(json.dumps(got, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
