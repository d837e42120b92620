"""``--format github``: GitHub Actions workflow commands, one per finding.

Each finding becomes ``::error file=…,line=…,col=…,title=…::message`` (or
``::warning``), which the runner shows as an annotation on that line of the
pull request. Paths are from the repository root, as the runner expects.
Waived findings are left out: an annotation would ask for a fix nobody owes.
"""

from __future__ import annotations

from nhiown import repository
from nhiown.findings import Finding, Report
from nhiown.formats import Display


def render(report: Report, display: Display) -> str:
    """One workflow command per finding, in report order."""
    paths = repository.repo_paths(f.file for f in report.findings)
    return "".join(command(f, paths[f.file]) + "\n" for f in report.findings)


def command(finding: Finding, path: str) -> str:
    """The workflow command for one finding, escaped as the runner requires."""
    properties = {
        "file": path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.rule} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(v)}" for key, v in properties.items())
    message = finding.message
    if finding.identity:
        message = f"{finding.identity}: {message}"
    return f"::{finding.severity.value} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: '%', CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
