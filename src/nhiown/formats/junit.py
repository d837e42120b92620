"""``--format junit``: JUnit XML, as GitLab, Jenkins and most CI servers read it.

A test suite per inventory file and a test case per identity, passing when the
identity has no finding, with one ``failure`` element per finding otherwise
(``type`` is the rule code). Findings of no identity go to a case named
``(file)``. Suite and root counts count test cases, as JUnit does: an identity
with three findings is one failed test. Waived findings are listed in the
case's ``system-out``; they do not fail it. No timestamps, so the same input
gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field

from nhiown import repository
from nhiown.findings import Finding, Report, Waived
from nhiown.formats import Display

FILE_CASE = "(file)"
# XML 1.0 cannot hold most control characters, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class _Case:
    name: str
    line: int
    failures: list[Finding] = field(default_factory=list)
    waived: list[Waived] = field(default_factory=list)


def render(report: Report, display: Display) -> str:
    """The JUnit XML document of ``report``."""
    files = {c.file for c in report.checked} | {f.file for f in report.findings}
    files |= {w.finding.file for w in report.waived}
    paths = repository.repo_paths(files)
    suites = _cases(report)
    root = ET.Element("testsuites", name="nhiown")
    totals = {"tests": 0, "failures": 0}
    for file in sorted(suites):
        cases = sorted(suites[file].values(), key=lambda c: (c.line, c.name))
        failed = sum(1 for case in cases if case.failures)
        suite = ET.SubElement(root, "testsuite", {
            "name": paths[file], "tests": str(len(cases)), "failures": str(failed),
            "errors": "0", "skipped": "0", "time": "0", "file": paths[file],
        })
        for case in cases:
            _case_element(suite, case, paths[file])
        totals["tests"] += len(cases)
        totals["failures"] += failed
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _cases(report: Report) -> dict[str, dict[str, _Case]]:
    suites: dict[str, dict[str, _Case]] = defaultdict(dict)
    for checked in report.checked:
        suites[checked.file].setdefault(checked.identity,
                                        _Case(checked.identity, checked.line))

    def case_of(finding: Finding) -> _Case:
        name = finding.identity or FILE_CASE
        line = finding.line if finding.identity else 0
        return suites[finding.file].setdefault(name, _Case(name, line))

    for finding in report.findings:
        case_of(finding).failures.append(finding)
    for waived in report.waived:
        case_of(waived.finding).waived.append(waived)
    return suites


def _case_element(suite: ET.Element, case: _Case, path: str) -> None:
    element = ET.SubElement(suite, "testcase", {
        "classname": _classname(path), "name": case.name, "file": path,
        "time": "0",
    })
    if case.line:
        element.set("line", str(case.line))
    for finding in case.failures:
        failure = ET.SubElement(element, "failure", {
            "type": finding.rule,
            "message": _xml(f"{finding.rule} {finding.name}: {finding.message}"),
        })
        failure.text = _xml(
            f"{path}:{finding.line}:{finding.column}: {finding.severity.value}"
            f" {finding.rule} {finding.name}: {finding.message}"
        )
    if case.waived:
        out = ET.SubElement(element, "system-out")
        out.text = _xml("\n".join(
            f"waived {w.finding.rule} {w.finding.name} at {path}:{w.finding.line}:"
            f"{w.finding.column} until {w.expires} (approved by {w.approved_by}):"
            f" {w.reason}"
            for w in case.waived
        ))


def _xml(text: str) -> str:
    return _NOT_XML.sub("?", text)


def _classname(path: str) -> str:
    # Jenkins reads the last '.' of a class name as package.Class; without the
    # suffix, "inventory/prod.yaml" shows as one class, not as package "prod".
    for suffix in (".yaml", ".yml"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
