"""Nothing to review is an error, not a pass: an empty folder, a glob that matches nothing or a
folder of files that are not DCRs gives one line and exit 2; a source list or a changelog is
reported as "not a DCR" instead of being scored, while real model cards are still reviewed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.review.api import review_path

from ..conftest import FIXTURES

REAL = Path("/work/shared/corpus/real")
CHANGELOG = ("# Changelog\n\n## [1.2.0] - 2024-05-01\n\n- Added review of DOCX files\n"
             "- Fixed a crash in sign (#412)\n- Changed the default gate\n\n"
             "## [1.1.0] - 2024-03-02\n\n- Changed the score formula, see docs/score.md\n"
             "- Removed the legacy config reader\n- Fixed the JUnit line numbers\n")


def _review(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    code, out, err = _review(str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("dcrdraft: nothing to review")


def test_a_glob_matching_nothing_is_an_error(tmp_path: Path) -> None:
    code, _out, err = _review(str(tmp_path / "*.md"))
    assert code == 2 and err.startswith("dcrdraft: ")


def test_a_folder_of_non_dcrs_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text(
        "# Sources\n\n| file | repository | commit |\n|---|---|---|\n"
        "| 01-card.md | openai/whisper | c0d2f624c09dc18e709e37c2ad90c039a4eb72a2 |\n"
        "| 02-card.md | openai/CLIP | d05afc436d78f1c48dc0dbf8e5980a9d471f35f6 |\n"
        "| 03-card.md | openai/gpt-2 | 9b63575ef42771a015060c964af2c3da4cf7c8ab |\n"
        "| 04-card.md | openai/gpt-3 | d7a9bb505df6f630f9bab3b30c889e52f22eb9ea |\n"
        "| 05-card.md | openai/dalle | eeec5a1843b1d17cb9ed113117a2fcaa9206a564 |\n",
        encoding="utf-8")
    code, out, err = _review(str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "none of the 2 file(s) looks like a DCR" in err


def test_a_changelog_is_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    rep = review_path(path)
    assert rep.not_dcr is not None and rep.checklist == [] and not rep.reviewed
    assert rep.to_dict()["not_dcr"].startswith("not a DCR")


def test_a_non_dcr_beside_a_dcr_does_not_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    shutil.copy(FIXTURES / "review" / "strong-guide-style.md", tmp_path / "dcr.md")
    code, out, _err = _review(str(tmp_path))
    assert code == 0, out
    assert "CHANGELOG.md: skipped, not a DCR" in out


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real corpus is not on this machine")
def test_real_model_cards_are_reviewed_and_the_source_list_is_not() -> None:
    for path in sorted(REAL.glob("*.md")):
        rep = review_path(path)
        assert (rep.not_dcr is not None) == (path.name == "SOURCES.md"), path.name


def test_the_labelled_corpus_is_all_reviewed() -> None:
    for path in sorted((FIXTURES / "review").glob("*.*")):
        if path.suffix in (".md", ".txt", ".html"):
            assert review_path(path).not_dcr is None, path.name
