"""--format markdown: a summary and tables that survive any value in a cell."""

from __future__ import annotations

import re
from typing import Any

from nhiown.formats import markdown
from tests.conftest import CLEAN_IDENTITY
from tests.format_cases import FIXTURE, check

# A cell boundary is a '|' that no backslash escapes.
_BOUNDARY = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in _BOUNDARY.split(line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_findings_and_waived_tables_have_a_steady_shape(inventory_file: Any) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("--format", "markdown", "inventory.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "## nhiown check"
    assert lines[2] == "**3 errors, 1 warning** in 3 identities (1 waived)."
    findings, waived = _tables(result.stdout)
    assert findings[0] == ["Severity", "Rule", "Name", "Identity", "Where", "Message"]
    assert findings[1] == ["---"] * 6
    assert all(len(row) == 6 for row in findings)
    assert [row[1] for row in findings[2:]] == ["SCH001", "LIF003", "REV001", "SCH001"]
    assert findings[4][3:5] == ["`messy-bot`", "`inventory.yaml:35`"]
    assert findings[5][5] == r"unknown key 'odd\|key,100%: \<b\>'"
    assert "### Waived by exceptions (1)" in lines
    assert all(len(row) == 7 for row in waived)
    assert waived[2][0] == "SCP001"
    assert waived[2][-1] == r"The vendor API \| offers no narrower scope"


def test_a_clean_report_says_so_without_a_table(inventory_file: Any) -> None:
    inventory_file("identities:\n" + CLEAN_IDENTITY)
    result = check("--format", "markdown", "inventory.yaml")
    assert result.exit_code == 0
    assert result.stdout == "## nhiown check\n\n**No findings** in 1 identity.\n"


def test_cells_escape_pipes_markup_and_line_breaks() -> None:
    assert markdown.cell("a|b\nc\r\nd") == r"a\|b<br>c<br>d"
    assert markdown.cell("*x* _y_ <script> [l](u) `c`") == (
        r"\*x\* \_y\_ \<script\> \[l\](u) \`c\`"
    )
