"""The portfolio page in a real browser (headless Chromium): it renders to a screenshot, logs
nothing to the console (no script error, no blocked request), and its tables sort on a click.
Without Chromium the tests fail in CI and are skipped loudly elsewhere."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from dcrdraft.review.ci import RunOptions, run_ci
from dcrdraft.review.formats import render

from ..conftest import ROOT
from ..tools import require_tool
from .test_portfolio import GOLDEN_SET

CLICK = """<script>
var th = document.querySelectorAll("table.prevalence")[0].tHead.rows[0].cells[3];
th.click();
document.body.setAttribute("data-order", Array.prototype.map.call(
  document.querySelectorAll("table.prevalence")[0].tBodies[0].rows,
  function (r) { return r.getAttribute("data-documents"); }).join(","));
</script>
</body>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        html = render(run_ci(RunOptions(GOLDEN_SET, isolated=True)), "html")
    finally:
        os.chdir(cwd)
    out = tmp_path_factory.mktemp("portfolio") / "portfolio.html"
    out.write_text(html, encoding="utf-8")
    return out


def _chromium(binary: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120)


def test_renders_to_a_screenshot(chromium: str, page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "portfolio.png"
    out = _chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
                    "--hide-scrollbars", page.as_uri())
    assert shot.is_file(), out.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as img:
        assert img.size == (1280, 2000)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50  # text, tables and the chart, not a blank page


def test_no_console_messages_and_the_script_runs(chromium: str, page: Path,
                                                 tmp_path: Path) -> None:
    out = _chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    assert not [line for line in out.stderr.splitlines() if ":CONSOLE" in line]
    headers = len(re.findall(r"<th scope=\"col\" data-type", page.read_text()))
    sortable = out.stdout.count('tabindex="0"')
    assert 0 < sortable <= headers


def test_tables_sort_on_click(chromium: str, page: Path, tmp_path: Path) -> None:
    clicking = tmp_path / "click.html"
    clicking.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICK),
                        encoding="utf-8")
    out = _chromium(chromium, tmp_path, "--dump-dom", clicking.as_uri())
    assert not [line for line in out.stderr.splitlines() if ":CONSOLE" in line]
    m = re.search(r'data-order="([\d,]+)"', out.stdout)
    assert m, out.stdout[-500:]
    order = [int(x) for x in m.group(1).split(",")]
    assert len(order) > 2 and order == sorted(order) and order != sorted(order, reverse=True)
