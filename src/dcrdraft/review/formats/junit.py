"""JUnit XML for CI test dashboards: a test suite per document with one test case per
checklist item (weak and missing fail, waived ones are skipped) and one per finding code that
fired; an unreadable document is a suite with one erroring case."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from dcrdraft.review.formats.results import uri

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun, FileResult


def _suite(f: FileResult) -> ET.Element:
    rep = f.report
    suite = ET.Element("testsuite", name=uri(rep.path))
    cls = "dcrdraft." + uri(rep.path)
    if rep.error is not None:
        case = ET.SubElement(suite, "testcase", classname=cls, name="read")
        ET.SubElement(case, "error", message=rep.error, type="read-error")
        suite.set("tests", "1")
        suite.set("errors", "1")
        suite.set("failures", "0")
        suite.set("skipped", "0")
        return suite
    if rep.not_dcr is not None:
        case = ET.SubElement(suite, "testcase", classname=cls, name="dcr")
        ET.SubElement(case, "skipped", message=rep.not_dcr)
        for attr, count in (("tests", "1"), ("errors", "0"), ("failures", "0"), ("skipped", "1")):
            suite.set(attr, count)
        return suite
    props = ET.SubElement(suite, "properties")
    for key, value in (("score", rep.score), ("ready", str(rep.ready).lower()),
                       ("recommendation", rep.recommendation or "none")):
        ET.SubElement(props, "property", name=key, value=str(value))
    waived = {s.code: s for s in f.suppressed if s.kind == "item"}
    failures = skipped = 0
    for i in rep.checklist:
        case = ET.SubElement(suite, "testcase", classname=cls, name=i.id, file=uri(rep.path))
        if i.line:
            case.set("line", str(i.line))
        if i.code in waived:
            w = waived[i.code]
            ET.SubElement(case, "skipped", message=f"waived: {w.reason or 'no reason'} "
                                                   f"({w.origin})")
            skipped += 1
        elif i.status != "pass":
            fail = ET.SubElement(case, "failure", message=i.message, type=i.status)
            a = f.anchors.get(i.code)
            fail.text = f"{i.id} {i.status}: {i.message}" + (
                f"\nEvidence (line {i.line}): {i.evidence}" if i.evidence else "") + (
                f"\n{a.phrase()}" if a and i.line is None else "")
            failures += 1
    by_code: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for x in rep.findings:
        by_code.setdefault(x.code, []).append(f"line {x.line}: {x.message}")
        names[x.code] = x.id
    for code, hits in by_code.items():
        case = ET.SubElement(suite, "testcase", classname=cls, name=names[code],
                             file=uri(rep.path))
        fail = ET.SubElement(case, "failure", message=f"{len(hits)} finding(s)", type="finding")
        fail.text = "\n".join(hits)
        failures += 1
    suite.set("tests", str(len(rep.checklist) + len(by_code)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def render_junit(run: CiRun) -> str:
    """A ``testsuites`` document with totals."""
    root = ET.Element("testsuites", name="dcrdraft")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f in run.files:
        suite = _suite(f)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
