"""Ending the process without tearing it down, for a command that asks to.

After ``draft --engine llm`` has written its output, the interpreter would spend ~0.5 s (more
on a loaded machine) freeing LangChain's, OpenAI's and the reviewer's objects one by one at
exit: longer than everything drafting does after the replies arrive. A command that has
nothing left running calls ``request()``; the console entry point then runs the exit
handlers (caches saved at exit still are), flushes stdout and stderr and ends the process at
once. Commands run by other means (``CliRunner`` in tests) never end the process.
"""

from __future__ import annotations

import atexit
import os
import sys

_requested: list[bool] = []


def request() -> None:
    """Ask the entry point to end this process without tearing down its modules."""
    _requested.append(True)


def requested() -> bool:
    return bool(_requested)


def finish(code: object) -> None:
    """End the process now with the status ``SystemExit(code)`` would give."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said on it
            pass
    os._exit(status)
