"""Every fixture inventory gives exactly the findings its `# expect:` lines list.

Positive fixtures expect nothing (or only waived findings); negative ones list
each (rule, identity, line:column) that must fire, and nothing else may.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, run

FIXTURES = Path(__file__).parent / "fixtures"


def _expected(path: Path, marker: str) -> list[tuple[str, str, int, int]]:
    expected = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(f"# {marker}: ") or line.endswith(": nothing"):
            continue
        rule, identity, where = line.split(": ", 1)[1].split()
        row, column = where.split(":")
        expected.append((rule, identity, int(row), int(column)))
    return sorted(expected)


def _cases(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("*.yaml"))


@pytest.mark.parametrize("path", _cases("negative"), ids=lambda p: p.stem)
def test_negative_fixture_fires_exactly_where_expected(path: Path) -> None:
    expected = _expected(path, "expect")
    assert expected, "a negative fixture lists what it expects"
    assert path.stem.split("-")[0] in {rule for rule, *_ in expected}
    report = run(path, TODAY)
    found = sorted(
        (f.rule, f.identity or "", f.line, f.column) for f in report.findings
    )
    assert found == expected


@pytest.mark.parametrize("path", _cases("positive"), ids=lambda p: p.stem)
def test_positive_fixture_is_clean(path: Path) -> None:
    report = run(path, TODAY)
    assert report.findings == ()
    waived = sorted(
        (w.finding.rule, w.finding.identity or "", w.finding.line, w.finding.column)
        for w in report.waived
    )
    assert waived == _expected(path, "expect-waived")
