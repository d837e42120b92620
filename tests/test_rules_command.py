"""``nhiown rules``: the table lists the registry, one rule prints its doc."""

from __future__ import annotations

import json

import pytest

from nhiown.rules import REGISTRY
from tests.conftest import cli


def test_table_lists_every_registered_rule() -> None:
    result = cli("rules", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    listed = [row[0] for row in rows if row and row[0] in REGISTRY]
    assert listed == list(REGISTRY)
    review = next(row for row in rows if row and row[0] == "REV001")
    assert review[1:4] == ["review-overdue", "error", "NHI1"]
    assert "\x1b[" not in result.stdout


def test_json_lists_every_rule_with_its_facts() -> None:
    result = cli("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)["rules"]
    assert [r["code"] for r in rules] == list(REGISTRY)
    scp002 = next(r for r in rules if r["code"] == "SCP002")
    assert scp002 == {
        "code": "SCP002",
        "name": "too-many-scopes",
        "severity": "warning",
        "owasp": "NHI5",
        "summary": REGISTRY["SCP002"].summary,
    }
    assert cli("rules", "--format", "json").stdout == result.stdout


def test_one_rule_prints_header_and_full_doc() -> None:
    result = cli("rules", "REV001")
    assert result.exit_code == 0
    header, blank, *rest = result.stdout.splitlines()
    assert header == (
        "# REV001 review-overdue (default severity: error,"
        " OWASP NHI1:2025 Improper Offboarding)"
    )
    assert blank == ""
    body = "\n".join(rest)
    for section in ("## What it does", "## Why is this bad?", "## Example",
                    "## Use instead"):
        assert section in body
    assert body == REGISTRY["REV001"].doc.strip()


@pytest.mark.parametrize("spelling", ["rev001", "review-overdue", "Review-Overdue"])
def test_rule_found_by_code_or_name_in_any_case(spelling: str) -> None:
    result = cli("rules", spelling)
    assert result.exit_code == 0
    assert result.stdout.startswith("# REV001 review-overdue ")


def test_rule_without_owasp_reference_says_only_severity() -> None:
    result = cli("rules", "SCH002")
    assert result.stdout.splitlines()[0] == (
        "# SCH002 duplicate-id (default severity: error)"
    )


def test_one_rule_as_json_carries_its_doc() -> None:
    result = cli("rules", "SEC001", "-f", "json")
    (rule,) = json.loads(result.stdout)["rules"]
    assert rule["code"] == "SEC001"
    assert rule["doc"] == REGISTRY["SEC001"].doc


def test_unknown_code_exits_2_and_says_what_codes_look_like() -> None:
    result = cli("rules", "REV999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("nhiown: error: unknown rule 'REV999'")
    assert "REV001" in result.stderr
