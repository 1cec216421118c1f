"""Shared test helpers: the repository's fixtures folder, the golden-file switch and the
optional ``../shared`` data."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so the suite gives the same verdict on
# the same commit (a gate that flips on a new random draw is a flaky gate). Exploring new
# draws is a deliberate act: HYPOTHESIS_PROFILE=explore draws fresh ones on each run (and
# prints a @reproduce_failure blob for what it finds; add that case as a deterministic test).
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
SHARED = Path(os.environ.get("DCRDRAFT_SHARED") or ROOT.parent / "shared")
"""The project's shared folder beside the checkout (``DCRDRAFT_SHARED`` points elsewhere, e.g.
from a worktree). Only third-party documents whose licences are not ours to copy live there
alone; whatever the suite must always check is in fixtures/."""


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package's bytecode once, in the controlling process, as an install would.
    With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it) an editable checkout
    never gets a __pycache__, so each xdist worker and each CLI process the tests start would
    compile every module again (~0.2 s CPU a process; ~14% of the CLI-heavy test files)."""
    if not hasattr(config, "workerinput"):
        import compileall  # lazy: only the controlling process compiles

        compileall.compile_dir(ROOT / "src" / "dcrdraft", quiet=2)
    # pytest rewrites the asserts of every module of every installed plugin's distribution,
    # and with no bytecode written it does so again in each worker: langsmith (a LangChain
    # dependency that ships a pytest plugin) alone is ~230 modules, imported by the LLM tests.
    # Only our tests' asserts need rewriting (test files and conftests are rewritten anyway).
    must = getattr(getattr(config.pluginmanager, "rewrite_hook", None), "_must_rewrite", None)
    if isinstance(must, set):
        must.clear()


class SharedDataMissing(UserWarning):
    """Some tests ran on less data than usual: a part of ``../shared`` is absent."""


def shared(*parts: str) -> Path | None:
    """SHARED/PARTS, or None with a warning in the run's summary when it is absent, so a run
    without it says so instead of passing quietly on less data."""
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    warnings.warn(SharedDataMissing(f"{path} is absent: the tests using it skip or run on "
                                    "fixtures/ only (set DCRDRAFT_SHARED to its folder)"),
                  stacklevel=2)
    return None


def unsealed(folder: Path) -> list[Path]:
    """Files under ``folder``, never descending into a sealed set (fixtures/review/sealed-*) or
    a retired one (tuned-sealed-*): those are read by the accuracy benchmark alone (the speed
    tests and benches use this; 63 more documents would only slow them)."""
    out: list[Path] = []
    for p in sorted(folder.iterdir()):
        if p.is_dir() and "sealed-" not in p.name:
            out += unsealed(p)
        elif p.is_file():
            out.append(p)
    return out


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def check_golden(name: str, actual: str, folder: Path = GOLDEN) -> None:
    """Compare ``actual`` with the golden file FOLDER/NAME (tests/golden by default).

    The one golden-file helper of the suite: a missing golden file fails (it is never written
    silently, so a fresh tree cannot pass by creating its own expectations); ``UPDATE_GOLDEN=1``
    rewrites it, for a diff to read before committing.
    """
    path = folder / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: create it with UPDATE_GOLDEN=1, read it, "
                    "and commit it")
    assert actual == path.read_text(encoding="utf-8"), \
        f"{path} differs (UPDATE_GOLDEN=1 rewrites it; read the diff)"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The review command caches results and compiled patterns under XDG_CACHE_HOME: tests use
    a folder of their own, never the user's cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin 'today' (overdue conditions, sign dates) so results do not change with the
    calendar; a test that needs another date sets DCRDRAFT_TODAY itself."""
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-11-01")
