"""DOCX export: real Word headings, tables, gap shading and chart images, read back with
python-docx; the same sections in the same order as the Markdown."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from dcrdraft.analysis.charts import charts_for
from dcrdraft.cli import cli
from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load
from dcrdraft.draft.export import render

from ..conftest import FIXTURES

pytest.importorskip("matplotlib")


def _doc(name: str) -> Document:
    data = render(draft(load(FIXTURES / f"{name}.yaml")), "docx")
    assert isinstance(data, bytes)
    return Document(io.BytesIO(data))


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_headings_are_word_headings_in_markdown_order(name: str) -> None:
    doc = _doc(name)
    md = draft(load(FIXTURES / f"{name}.yaml")).text
    sections = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == sections and len(h1) == 9
    assert doc.paragraphs[0].style.name == "Title"
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2 == [line[4:] for line in md.splitlines() if line.startswith("### ")]


def test_tables_for_metrics_segments_risks_monitoring_and_signoffs() -> None:
    doc = _doc("radiology")
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    firsts = [h[0] for h in headers]
    for expected in ("Field", "Metric", "Segment", "ID", "Role"):
        assert expected in firsts, expected
    assert ["Metric", "Threshold", "Window", "Yellow alert", "Red alert", "Action"] in headers
    segments = doc.tables[firsts.index("Segment")]
    assert [r.cells[0].text for r in segments.rows[1:]][-1] == "Hospital D"
    risks = doc.tables[firsts.index("ID")]
    assert [r.cells[0].text for r in risks.rows[1:]] == ["RAD-001", "RAD-002", "RAD-003"]


def test_gaps_are_shaded() -> None:
    doc = _doc("radiology")
    xml = doc.element.xml
    assert 'w:fill="FFF4E5"' in xml
    gap_paras = [p for p in doc.paragraphs if p.text.startswith("Gap:")]
    assert gap_paras and all("FFF4E5" in p._p.xml for p in gap_paras)


@pytest.mark.parametrize("name", ["chatbot", "radiology"])
def test_one_image_per_chart(name: str) -> None:
    doc = _doc(name)
    charts = charts_for(draft(load(FIXTURES / f"{name}.yaml")).analysis).all
    assert len(doc.inline_shapes) == len(charts) >= 1
    blobs = [r.target_part.blob for r in doc.part.rels.values() if "image" in r.reltype]
    assert all(b.startswith(b"\x89PNG") for b in blobs)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert [c.split(". ")[0] for c in captions] == [c.title for c in charts]


def test_cli_docx_needs_a_file(tmp_path: object) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["draft", str(FIXTURES / "chatbot.yaml"), "--format", "docx"])
    assert result.exit_code == 2 and "binary" in result.output
    out = f"{tmp_path}/dcr.docx"
    result = runner.invoke(cli, ["draft", str(FIXTURES / "chatbot.yaml"), "-o", out])
    assert result.exit_code == 0, result.output
    assert Document(out).paragraphs[0].style.name == "Title"
    result = runner.invoke(cli, ["export", str(FIXTURES / "radiology.yaml"), "-o", out, "--force"])
    assert result.exit_code == 0, result.output
    assert "Chest X-ray" in Document(out).paragraphs[0].text


def test_matplotlib_is_imported_only_to_draw() -> None:
    code = ("import sys, dcrdraft, dcrdraft.draft, dcrdraft.render.docx, dcrdraft.cli\n"
            "from dcrdraft.inputs.loader import load\n"
            "from dcrdraft.draft.export import render\n"
            f"render(dcrdraft.draft.draft(load({str(FIXTURES / 'chatbot.yaml')!r})), 'html')\n"
            "assert 'matplotlib' not in sys.modules, 'imported early'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_author_property_and_a_plain_contents_list() -> None:
    doc = _doc("radiology")
    author = load(FIXTURES / "radiology.yaml").document.author
    assert doc.core_properties.author == (author or "dcrdraft") != "python-docx"
    start = next(i for i, p in enumerate(doc.paragraphs) if p.text == "Contents")
    entries = doc.paragraphs[start + 1: start + 10]
    assert entries[0].text.startswith("1. ") and all(p.style.name == "Normal" for p in entries)


def test_condition_check_boxes_are_boxes_not_brackets() -> None:
    data = render(draft(load(FIXTURES / "inputs" / "complete-support-agent.yaml")), "docx")
    assert isinstance(data, bytes)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "[x]" not in text and "[ ]" not in text
    assert "☑ Monitoring dashboards and alerts are live" in text


def test_risk_ids_in_word_tables_use_non_breaking_hyphens() -> None:
    data = render(draft(load(FIXTURES / "radiology.yaml")), "docx")
    assert isinstance(data, bytes)
    doc = Document(io.BytesIO(data))
    risks = next(t for t in doc.tables if t.rows[0].cells[0].text == "ID")
    cell = risks.rows[1].cells[0]
    assert cell.text == "RAD-001"  # reads back (and is reviewed) as a plain hyphen
    xml = cell._tc.xml
    assert "<w:noBreakHyphen/>" in xml and ">RAD-<" not in xml
    assert "<w:noWrap/>" in xml
    texts = [t.text for t in cell._tc.iter(qn("w:t"))]
    assert texts == ["RAD", "001"]
