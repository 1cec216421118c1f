"""Nothing the user wrote is lost: every write path goes through the one no-clobber check
(never an input of the same run, never an existing file without --force), new files are
created exclusively, and in-place edits follow symlinks and replace only the version read."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.errors import OutputError
from dcrdraft.io import Stamp, write_atomic

from .conftest import FIXTURES

DCR = FIXTURES / "review" / "strong-guide-style.md"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    target = tmp_path / "chatbot.yaml"
    shutil.copy(FIXTURES / "chatbot.yaml", target)
    return target


def _invoke(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr.strip().splitlines()


def test_draft_report_never_replaces_the_inputs(inputs: Path) -> None:
    before = inputs.read_bytes()
    for extra in ([], ["--force"]):
        code, lines = _invoke("draft", "--engine", "template", str(inputs), "--report",
                              str(inputs), *extra)
        assert code == 2
        assert lines == [f"dcrdraft: {inputs}: is an input of this run; refusing to overwrite it"]
    assert inputs.read_bytes() == before


def test_draft_output_never_replaces_the_inputs_even_through_a_link(inputs: Path) -> None:
    link = inputs.with_name("link.md")
    link.symlink_to(inputs)
    before = inputs.read_bytes()
    for target in (inputs, link):
        code, lines = _invoke("draft", "--engine", "template", str(inputs), "-o", str(target),
                              "--format", "md", "--force")
        assert code == 2 and "is an input of this run" in lines[0]
    assert inputs.read_bytes() == before and link.is_symlink()


def test_draft_report_needs_force_to_replace_a_file(inputs: Path) -> None:
    report = inputs.with_name("report.json")
    report.write_text("mine")
    code, lines = _invoke("draft", "--engine", "template", str(inputs), "--report", str(report))
    assert code == 2 and lines == [f"dcrdraft: {report}: already exists; use --force to overwrite"]
    assert report.read_text() == "mine"
    code, _ = _invoke("draft", "--engine", "template", str(inputs), "--report", str(report),
                      "--force")
    assert code == 0 and report.read_text().startswith("{")


def test_export_never_replaces_the_inputs(inputs: Path) -> None:
    before = inputs.read_bytes()
    code, lines = _invoke("export", str(inputs), "-o", str(inputs), "--format", "md", "--force")
    assert code == 2 and "is an input of this run" in lines[0]
    assert inputs.read_bytes() == before


def test_review_report_never_replaces_a_reviewed_file(tmp_path: Path) -> None:
    dcr = tmp_path / "dcr.md"
    shutil.copy(DCR, dcr)
    before = dcr.read_bytes()
    for extra in ([], ["--force"]):
        code, lines = _invoke("review", str(dcr), "--no-cache", "--report", f"json={dcr}", *extra)
        assert code == 2
        assert lines == [f"dcrdraft: {dcr}: is an input of this run; refusing to overwrite it"]
    assert dcr.read_bytes() == before


def test_review_report_needs_force_to_replace_a_file(tmp_path: Path) -> None:
    dcr = tmp_path / "dcr.md"
    shutil.copy(DCR, dcr)
    out = tmp_path / "out.json"
    out.write_text("mine")
    code, lines = _invoke("review", str(dcr), "--no-cache", "--report", f"json={out}")
    assert code == 2 and lines[0].endswith("already exists; use --force to overwrite")
    assert out.read_text() == "mine"
    code, _ = _invoke("review", str(dcr), "--no-cache", "--report", f"json={out}", "--force",
                      "--exit-zero")
    assert code == 0 and out.read_text().startswith("{")


def test_two_reports_on_one_path_are_refused(tmp_path: Path) -> None:
    dcr = tmp_path / "dcr.md"
    shutil.copy(DCR, dcr)
    out = tmp_path / "out"
    code, lines = _invoke("review", str(dcr), "--report", f"json={out}", "--report",
                          f"sarif={out}")
    assert code == 2 and "two reports name the same file" in lines[0]
    assert not out.exists()


def test_unknown_output_suffix_is_refused(inputs: Path) -> None:
    target = inputs.with_name("x.pdf")
    code, lines = _invoke("draft", "--engine", "template", str(inputs), "-o", str(target))
    assert code == 2
    assert lines == [f"dcrdraft: {target}: unknown output type .pdf; supported: .md, .markdown, "
                     ".html, .htm, .docx (or name one with --format)"]
    assert not target.exists()


def test_exactly_one_of_two_concurrent_creators_wins(tmp_path: Path) -> None:
    """Many rounds of two threads creating the same new file: one writes, one is refused."""
    for round_ in range(40):
        target = tmp_path / f"new{round_}.md"
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def create(text: str) -> None:
            barrier.wait()
            try:
                write_atomic(target, text)
                outcomes.append(text)
            except OutputError:
                outcomes.append("refused")

        threads = [threading.Thread(target=create, args=(t,)) for t in ("one", "two")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) in (["one", "refused"], ["refused", "two"])
        assert target.read_text() == next(o for o in outcomes if o != "refused")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_edit_is_written_only_over_the_version_read(tmp_path: Path) -> None:
    target = tmp_path / "f.yaml"
    target.write_text("old")
    stamp = Stamp.of(b"old")
    target.write_text("an editor saved this meanwhile")
    with pytest.raises(OutputError, match="changed on disk since it was read"):
        write_atomic(target, "mine", force=True, unchanged=stamp)
    assert target.read_text() == "an editor saved this meanwhile"


def test_sign_refuses_when_the_file_changed_between_read_and_write(
        inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dcrdraft.inputs import signing

    real = signing._edit_yaml

    def slow_edit(text: str, new: dict[str, object]) -> str:
        out = real(text, new)
        inputs.write_text(text + "# saved by an editor meanwhile\n")
        return out

    monkeypatch.setattr(signing, "_edit_yaml", slow_edit)
    code, lines = _invoke("sign", str(inputs), "--role", "Legal", "--name", "Jo",
                          "--decision", "approve")
    assert code == 2
    assert lines == [f"dcrdraft: {inputs}: changed on disk since it was read; not written "
                     "(run the command again on the new version)"]
    assert inputs.read_text().endswith("# saved by an editor meanwhile\n")


def test_sign_through_a_symlink_edits_the_real_file(inputs: Path) -> None:
    link = inputs.with_name("link.yaml")
    link.symlink_to(inputs.name)
    code, lines = _invoke("sign", str(link), "--role", "Legal", "--name", "Jo",
                          "--decision", "approve")
    assert code == 0, lines
    assert link.is_symlink()
    assert "role: Legal" in inputs.read_text()


def test_sign_and_recommendation_share_one_vocabulary(inputs: Path) -> None:
    from dcrdraft.inputs.loader import load

    code, _ = _invoke("sign", str(inputs), "--role", "Legal", "--name", "Jo",
                      "--decision", "disapprove")
    assert code == 0
    assert load(inputs).signoffs[-1].decision == "disapprove"
    code, lines = _invoke("sign", str(inputs), "--role", "Legal", "--name", "Jo",
                          "--decision", "reject")
    assert code == 2
    text = inputs.read_text().replace("decision: disapprove", "decision: reject")
    inputs.write_text(text)  # a file written before the vocabulary was shared still reads
    assert load(inputs).signoffs[-1].decision == "disapprove"


def test_a_folder_given_as_inputs_is_one_line_for_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "inputs.yaml"
    folder.mkdir()
    for args in (["draft", str(folder)], ["export", str(folder)],
                 ["sign", str(folder), "--role", "R", "--name", "N", "--decision", "approve"]):
        code, lines = _invoke(*args)
        assert code == 2
        assert lines == [f"dcrdraft: {folder}: is a folder, not an inputs file"], args


def test_init_creates_exclusively_and_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    code, _ = _invoke("init", str(target))
    assert code == 0
    target.write_text("mine")
    code, lines = _invoke("init", str(target))
    assert code == 2 and target.read_text() == "mine"


def test_unreadable_rubric_and_config_files_are_one_line(inputs: Path) -> None:
    folder = inputs.with_name("folder.yaml")
    folder.mkdir()
    binary = inputs.with_name("binary.yaml")
    binary.write_bytes(b"\x00\x01\x02" * 100)
    latin = inputs.with_name("latin.toml")
    latin.write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    cases = [
        (["review", str(inputs), "--rubric", str(folder)], "is a folder, not a rubric file"),
        (["review", str(inputs), "--rubric", str(binary)], "looks like a binary file"),
        (["rules", "--rubric", str(folder)], "is a folder, not a rubric file"),
        (["review", str(inputs), "--config", str(folder)], "is a folder, not a config file"),
        (["review", str(inputs), "--config", str(latin)], "not UTF-8 text"),
        (["draft", str(inputs), "--config", str(folder)], "is a folder, not a config file"),
    ]
    for args, needle in cases:
        code, lines = _invoke(*args)
        assert code == 2, args
        assert len(lines) == 1 and lines[0].startswith("dcrdraft: ") and needle in lines[0], lines
