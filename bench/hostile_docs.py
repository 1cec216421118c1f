"""Hostile documents for the reviewer (issue 12): inputs that once took minutes, at any scale.

    .venv/bin/python bench/hostile_docs.py OUT_DIR [--scale 1.0]
    .venv/bin/python bench/hostile_docs.py OUT_DIR --fuzz 200 [--seed 1]

``build(folder, scale)`` writes every document named in ``HOSTILE`` at ``scale`` times its
issue size (a 200 KB line of dots at 1.0, 2 KB at 0.01); the tests use a small scale, the
speed bench (``bench/hostile_speed.py``) the full one. ``--fuzz`` reviews random mixes of
DCR-ish tokens at two sizes (1 KB and 8 KB) and keeps, under ``OUT_DIR/fuzz``, each input
whose review time grows more than 16-fold, profiled with cProfile (top functions printed);
the ones found that way are in ``FUZZ_FOUND``.

Realistic text comes from the non-sealed fixtures under ``fixtures/review`` (never
``sealed-*``: that set is for measuring the reviewer, not for tuning it).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
KB = 1024
MB = 1024 * KB


def _fixture_texts() -> list[str]:
    """The top-level Markdown review fixtures (sealed sets excluded by construction)."""
    folder = ROOT / "fixtures" / "review"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))
            if "sealed-" not in p.name and p.stat().st_size > 200]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _table_md(rows: int) -> str:
    head = "# Evaluation\n\n| Segment | Recall | n | Threshold |\n|---|---|---|---|\n"
    body = "".join(f"| segment {i} | {60 + i % 40}.{i % 10}% | {100 + i} | >= 75% |\n"
                   for i in range(rows))
    return head + body


def _table_html(rows: int) -> str:
    body = "".join(f"<tr><td>segment {i}</td><td>{60 + i % 40}.{i % 10}%</td>"
                   f"<td>{100 + i}</td><td>&gt;= 75%</td></tr>\n" for i in range(rows))
    return ("<html><body><h1>Evaluation</h1>\n<table>\n<tr><th>Segment</th><th>Recall</th>"
            f"<th>n</th><th>Threshold</th></tr>\n{body}</table></body></html>\n")


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
       'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
       '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
       'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="'
       'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
         'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
         'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body_parts: Callable[[], object], level: int = 6) -> bytes:
    """A minimal .docx whose body is the XML strings ``body_parts()`` yields, streamed into
    the archive so a large body never sits in memory twice."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for part in body_parts():  # type: ignore[attr-defined]
                fh.write(part.encode())
            fh.write(b"</w:body></w:document>")
    return out.getvalue()


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def _cell(text: str) -> str:
    return f"<w:tc>{_para(text)}</w:tc>"


def _table_docx(rows: int) -> bytes:
    def parts() -> object:
        yield _para("Evaluation") + "<w:tbl>"
        yield "<w:tr>" + "".join(_cell(c) for c in ("Segment", "Recall", "n")) + "</w:tr>"
        for i in range(rows):
            yield (f"<w:tr>{_cell(f'segment {i}')}{_cell(f'{60 + i % 40}.{i % 10}%')}"
                   f"{_cell(str(100 + i))}</w:tr>")
        yield "</w:tbl>"
    return _docx(parts)


def _bomb_docx(unpacked: int) -> bytes:
    """A .docx of a few hundred KB whose document.xml unpacks to about ``unpacked`` bytes."""
    chunk = _para("a" * 4000)
    count = max(1, unpacked // len(chunk))

    def parts() -> object:
        for _ in range(count):
            yield chunk
    return _docx(parts, level=9)


def _realistic(size: int) -> str:
    """Realistic DCR sections repeated up to ``size`` characters (each copy numbered)."""
    texts, out, total, i = _fixture_texts(), [], 0, 0
    while total < size:
        piece = f"\n\n<!-- copy {i} -->\n\n" + texts[i % len(texts)]
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)[:size]


_WORDS = ("the model was evaluated on a held-out set and its recall stays above the agreed "
          "threshold for every segment we measured while reviewers sampled outputs weekly and "
          "noted that latency rose slightly during peak hours so the team plans a rollback "
          "drill before launch").split()


def _prose(size: int, seed: int = 7) -> str:
    """Plain paragraphs of ordinary sentences, no headings, up to ``size`` characters."""
    rnd, out, total = random.Random(seed), [], 0
    while total < size:
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            words = rnd.choices(_WORDS, k=rnd.randint(8, 22))
            sentences.append(" ".join(words).capitalize() + rnd.choice([".", ".", ";", "?"]))
        para = " ".join(sentences) + "\n\n"
        out.append(para)
        total += len(para)
    return "".join(out)[:size]


_SENTENCE = "Recall was 91% on 2,000 cases; the manual process caught 71% of the same cases. "
"""One paragraph of these once cost its length squared (every sentence re-read the whole)."""


def _line(body: str) -> str:
    return f"# Evaluation\n\n{body}\n"


HOSTILE: dict[str, tuple[str, Callable[[float], str | bytes]]] = {
    "dots.md": ("a 200 KB line of dots", lambda s: _line(_repeat(".", int(200 * KB * s)))),
    "ones.md": ('a 200 KB line of "1.1.1."', lambda s: _line(_repeat("1.", int(200 * KB * s)))),
    "lt.html": ("200 KB of <", lambda s: "<html><body><p>" + _repeat("<", int(200 * KB * s))),
    "comments.html": ("200 KB of nested <!--",
                      lambda s: "<html><body>" + _repeat("<!--", int(200 * KB * s))),
    "comments.md": ("200 KB of nested <!-- in Markdown",
                    lambda s: _line(_repeat("<!--", int(200 * KB * s)))),
    "table.md": ("a 100,000-row table in Markdown", lambda s: _table_md(int(100_000 * s))),
    "table.html": ("a 100,000-row table in HTML", lambda s: _table_html(int(100_000 * s))),
    "table.docx": ("a 100,000-row table in DOCX", lambda s: _table_docx(int(100_000 * s))),
    "realistic.md": ("a realistic 19 MB DCR", lambda s: _realistic(int(19 * MB * s))),
    "prose.txt": ("a 19 MB prose file", lambda s: _prose(int(19 * MB * s))),
    "prose.md": ("a 19 MB prose file in Markdown", lambda s: _prose(int(19 * MB * s), 8)),
    "paragraph.md": ("a 200 KB paragraph of short sentences with figures",
                     lambda s: _line(_repeat(_SENTENCE, int(200 * KB * s)))),
    "paragraph.txt": ("a 200 KB text paragraph of short sentences with figures",
                      lambda s: "Results\n\n" + _repeat(_SENTENCE, int(200 * KB * s))),
    "lines.md": ("200 KB of short sentences, one per line, no blank line",
                 lambda s: _line(_repeat(_SENTENCE.strip() + "\n", int(200 * KB * s)))),
    "comma91.md": ('"0.91," over 10 KB', lambda s: _line(_repeat("0.91,", int(10 * KB * s)))),
    "comma0.md": ('"0," over 20 KB', lambda s: _line(_repeat("0,", int(20 * KB * s)))),
}
"""name -> (what it is, builder taking the scale)."""

BOMBS: dict[str, tuple[str, Callable[[float], bytes]]] = {
    "bomb.docx": ("a DOCX that unpacks to just under the size guard",
                  lambda s: _bomb_docx(int(99 * MB * max(s, 0.02)))),
}
"""Documents the reviewer refuses with one line instead of reading."""

FUZZ_FOUND: dict[str, str] = {
    "fuzz-commas.md": "0," * 10_000,
    "fuzz-decimals.md": "0.91," * 2_000,
    "fuzz-pct-runs.md": "1% " * 8_000,
    "fuzz-below.md": "below " * 4_000 + "5%",
    "fuzz-thousands.md": "1,000" * 4_000,
    "fuzz-spaces.md": "recall" + " " * 40_000 + "%",
    "fuzz-pipes.md": "| " * 40_000 + "\n",
    "fuzz-brackets.md": "[" * 40_000 + "x",
    "fuzz-stars.md": "*a " * 20_000,
}
"""Small inputs found by the fuzzer (or of its kind) that once cost far more than their size."""


def build(folder: Path, scale: float = 1.0, bombs: bool = True,
          names: list[str] | None = None) -> list[Path]:
    """Write the hostile documents (and the fuzz-found ones) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    table = {**HOSTILE, **(BOMBS if bombs else {})}
    for name, (_what, make) in table.items():
        if names is not None and name not in names:
            continue
        data = make(scale)
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        out.append(path)
    for name, body in FUZZ_FOUND.items():
        if names is not None and name not in names:
            continue
        path = folder / name
        path.write_text(_line(body), encoding="utf-8")
        out.append(path)
    return out


_TOKENS = ("0", "0.91", "1", "1.1", "87%", "0,", ",", ".", " ", "  ", "\n", "\n\n", "%", "pp",
           "recall", "threshold", "below", "above", "per day", "within", "<", ">", "<!--",
           "-->", "|", "#", "*", "_", "`", "[", "]", "(", ")", "TBD", "owner", "sign-off",
           "approve", "rollback", "monitor", "closely", "1,000", "n=", "95% CI", "±", "-", ":",
           "Risk", "R1", "segment", "baseline", "+", "x", "ms", "2026-10-31")


def _work(text: str) -> float:
    """Seconds to read and review ``text`` as Markdown, in this process."""
    import time

    sys.path.insert(0, str(ROOT / "src"))
    from dcrdraft.ingest import read_text
    from dcrdraft.review.engine import review_document

    t = time.perf_counter()
    review_document(read_text(text, "fuzz.md", "markdown"))
    return time.perf_counter() - t


def _profile(text: str) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.runcall(_work, text)
    pstats.Stats(prof).sort_stats("tottime").print_stats(5)


def fuzz(folder: Path, tries: int, seed: int) -> list[Path]:
    """Random token mixes whose review time at 8x the size grows more than 16x are kept."""
    rnd, found = random.Random(seed), []
    folder.mkdir(parents=True, exist_ok=True)
    _work(_line(_repeat("warm up " * 40, 2000)))  # imports, compiles and twins
    for i in range(tries):
        unit = "".join(rnd.choices(_TOKENS, k=rnd.randint(1, 6)))
        small, large = _line(_repeat(unit, 1000)), _line(_repeat(unit, 8000))
        w1, w2 = _work(small), _work(large)
        if w2 > 16 * max(w1, 0.005) or w2 > 1.0:
            path = folder / f"fuzz-{i:04d}.md"
            path.write_text(large, encoding="utf-8")
            found.append(path)
            print(f"{path.name}: unit {unit!r} {w1:.3f} s -> {w2:.3f} s")
            _profile(large)
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--fuzz", type=int, default=0, help="random mixes to try")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.fuzz:
        fuzz(args.out / "fuzz", args.fuzz, args.seed)
        return 0
    for p in build(args.out, args.scale):
        print(f"{p.stat().st_size / KB:10.1f} KB  {p.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
