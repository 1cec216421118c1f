"""The portfolio page with many documents, in headless Chromium, and the real-corpus check.

    .venv/bin/python bench/portfolio_bench.py [--docs 500] [--runs 3] [--corpus DIR]

1. Reviews N generated documents (variants of the fixture corpus) and renders the page; reports
   the page size and the Python render time.
2. Opens the page in headless Chromium (best of ``--runs``): time from navigation start until the
   whole page is parsed, styled and laid out, measured inside the page (``performance.now()``
   after a forced layout in a script at the end of the body), and the wall time of
   ``chromium --screenshot`` (start-up, load, layout and paint). Beside it, the same figures
   for a one-line page: Chromium's own floor on this machine.
3. With ``--corpus``: reviews that folder, renders its page, checks Chromium logs no console
   message on it and that the page's counts equal the JSON report's.

Target (issue 14): the 500-document page renders in under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PROBE = """<script>
(function () {
  var parsed = performance.now();
  document.body.getBoundingClientRect();
  void document.body.offsetHeight;
  document.body.setAttribute("data-bench", parsed.toFixed(1) + "," + performance.now().toFixed(1));
})();
</script>
</body>"""


def _corpus(folder: Path, n: int) -> list[Path]:
    """``n`` distinct documents: fixture texts with percentages nudged and a variant number."""
    sources = sorted((ROOT / "fixtures" / "review").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out = []
    for i in range(n):
        text = re.sub(r"\b(\d{1,2})(\.\d)?%", lambda m: f"{(int(m.group(1)) + i) % 100}"
                      f"{m.group(2) or ''}%", texts[i % len(texts)])
        p = folder / f"doc{i:04d}.md"
        p.write_text(f"<!-- variant {i} -->\n{text}", encoding="utf-8")
        out.append(p)
    return out


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("portfolio_bench: Chromium is not installed (apt-get install chromium)")


def _run(binary: str, tmp: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    out = subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr",
                          "--v=0", *args], capture_output=True, text=True, timeout=300)
    return out, time.perf_counter() - start


def _in_page(binary: str, tmp: Path, html: str, runs: int) -> tuple[float, float, float]:
    """Best of ``runs``: parsed (ms), parsed + laid out (ms), screenshot wall time (s)."""
    probe = tmp / "probe.html"
    probe.write_text(html.replace("</body>", PROBE), encoding="utf-8")
    parsed, laid, shot = [], [], []
    for _ in range(runs):
        out, _ = _run(binary, tmp, "--dump-dom", probe.as_uri())
        m = re.search(r'data-bench="([\d.]+),([\d.]+)"', out.stdout)
        if not m:
            sys.exit(f"portfolio_bench: no timing in the page\n{out.stderr[-1500:]}")
        parsed.append(float(m.group(1)))
        laid.append(float(m.group(2)))
        _, wall = _run(binary, tmp, f"--screenshot={tmp / 'shot.png'}", "--window-size=1280,1600",
                       (tmp / "probe.html").as_uri())
        shot.append(wall)
    return min(parsed), min(laid), min(shot)


def _review(paths: list[str], jobs: int) -> tuple[str, str, float, float]:
    """The page and the JSON report of ``paths``, the review time and the page's render time."""
    from dcrdraft.review.ci import RunOptions, run_ci
    from dcrdraft.review.formats import render

    start = time.perf_counter()
    run = run_ci(RunOptions(paths, isolated=True, jobs=jobs))
    review_s = time.perf_counter() - start
    render(run, "html")  # the first call also imports the chart code (~0.8 s, once)
    start = time.perf_counter()
    html = render(run, "html")
    return html, render(run, "json"), review_s, time.perf_counter() - start


def _counts_agree(html: str, report: str) -> list[str]:
    """Differences between the page's stated counts and the JSON report's."""
    data = json.loads(report)
    s, problems = data["summary"], []
    for key in ("files", "ready"):
        m = re.search(rf'data-summary="{key}">(\d+)<', html)
        if not m or int(m.group(1)) != s[key]:
            problems.append(f"{key}: page {m and m.group(1)} vs json {s[key]}")
    m = re.search(r'data-summary="mean_score">([\d.]+)<', html)
    if not m or float(m.group(1)) != s["mean_score"]:
        problems.append(f"mean_score: page {m and m.group(1)} vs json {s['mean_score']}")
    page = {c: int(n) for c, n in re.findall(r'data-code="([^"]+)" data-documents="(\d+)"', html)}
    if page != s["by_code"]:
        problems.append(f"by_code: page {page} vs json {s['by_code']}")
    unmet: dict[str, int] = {}
    for f in data["files"]:
        for i in f["checklist"]:
            if i["status"] != "pass":
                unmet[i["code"]] = unmet.get(i["code"], 0) + 1
    page_items = {c: int(n) for c, n in re.findall(r'data-item="([^"]+)" data-unmet="(\d+)"', html)}
    if page_items != unmet:
        problems.append(f"unmet items: page {page_items} vs json {unmet}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=None)
    args = ap.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dcrdraft-bench-cache-"))
    binary = _chromium()
    with tempfile.TemporaryDirectory(prefix="dcrdraft-portfolio-") as tmp_name:
        tmp = Path(tmp_name)
        docs = tmp / "docs"
        docs.mkdir()
        _corpus(docs, args.docs)
        html, _, review_s, render_s = _review([str(docs)], args.jobs)
        print(f"{args.docs} documents: reviewed in {review_s:.1f} s (-j {args.jobs}); page "
              f"{len(html.encode()) / 1e6:.2f} MB rendered in {render_s * 1000:.0f} ms (Python)")
        parsed, laid, shot = _in_page(binary, tmp, html, args.runs)
        print(f"  Chromium: parsed {parsed:.0f} ms, parsed+styled+laid out {laid:.0f} ms after "
              f"navigation start; --screenshot wall time {shot:.2f} s "
              f"(best of {args.runs}; target: under 2 s)")
        floor = "<!DOCTYPE html><html><body><p>x</p></body></html>"
        parsed0, laid0, shot0 = _in_page(binary, tmp, floor, args.runs)
        print(f"  one-line page (Chromium's floor): parsed {parsed0:.0f} ms, laid out "
              f"{laid0:.0f} ms; --screenshot wall time {shot0:.2f} s")
        if args.corpus:
            html, report, _, _ = _review([str(args.corpus)], args.jobs)
            page = tmp / "corpus.html"
            page.write_text(html, encoding="utf-8")
            out, _ = _run(binary, tmp, "--dump-dom", page.as_uri())
            console = [line for line in out.stderr.splitlines() if ":CONSOLE" in line]
            n = json.loads(report)["summary"]["files"]
            problems = _counts_agree(html, report)
            print(f"{args.corpus}: {n} documents; console messages: {len(console)}; counts "
                  f"equal to the JSON report: {'yes' if not problems else 'NO'}")
            for line in console + problems:
                print(f"  {line}")


if __name__ == "__main__":
    main()
