"""What every machine format of check promises: no colour, the same bytes."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from nhiown.commands.check import RENDERERS, CheckFormat
from nhiown.formats import Display, table
from tests.conftest import run
from tests.format_cases import FIXTURE, FORMATS, MACHINE_FORMATS, check

COLOR = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(CheckFormat)
    assert [f.value for f in CheckFormat] == list(FORMATS)


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_machine_formats_have_no_colour_even_when_forced(
    inventory_file: Any, name: str
) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("--format", name, "inventory.yaml", env=COLOR)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout


def test_the_table_does_colour_when_forced(inventory_file: Any) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    assert "\x1b[" in check("inventory.yaml", env=COLOR).stdout


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_machine_formats_are_byte_identical_across_runs(
    inventory_file: Any, name: str
) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    first = check("--format", name, "inventory.yaml").stdout
    second = check("--format", name, "inventory.yaml").stdout
    assert first == second
    assert first


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_output_file_holds_what_stdout_would(
    inventory_file: Any, tmp_path: Path, name: str
) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("--format", name, "--output", "report.out", "inventory.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    assert written == check("--format", name, "inventory.yaml").stdout


def test_the_ascii_table_is_the_unicode_table_drawn_with_dashes() -> None:
    report = run(FIXTURE)
    drawn = table.render(report, Display(width=100))
    plain = table.render(report, Display(width=100, unicode=False))
    assert "─" in drawn
    assert plain.isascii()
    assert plain == drawn.replace("─", "-").replace("✓", "OK")


def test_columns_keep_three_spaces_between_them() -> None:
    text = table.render(run(FIXTURE), Display(width=120))
    header = next(line for line in text.splitlines() if line.startswith("where"))
    assert re.split(r" {3,}", header) == [
        "where", "severity", "rule", "identity", "message",
    ]


def test_a_long_address_is_never_cut_at_80_columns(inventory_file: Any) -> None:
    inventory_file(
        "identities:\n  - id: payments-api-key-prod\n    kind: api_key\n"
        "    risk_tier: low\n    owners: {business: ana@example.com,"
        " technical: maria.gonzalez-ru@example.com}\n"
        "people:\n  - id: ana@example.com\n"
    )
    text = check("inventory.yaml", env={"COLUMNS": "80"}).stdout
    assert "maria.gonzalez-ru@example.com" in text
    assert max(map(len, text.splitlines())) <= 80


def test_wide_characters_are_measured_by_their_cells() -> None:
    from rich.cells import cell_len

    report = run(FIXTURE)
    wide = "日本語ボット日本語ボット"
    findings = tuple(
        dataclasses.replace(f, identity=wide) if f.identity else f
        for f in report.findings
    )
    text = table.render(dataclasses.replace(report, findings=findings),
                        Display(width=60))
    # Twice as wide as its length: no room for a message column, so a list.
    assert not any(line.startswith("where") for line in text.splitlines())
    assert f" {wide}\n" in text
    wider = table.render(dataclasses.replace(report, findings=findings),
                         Display(width=120))
    assert max(cell_len(line) for line in wider.splitlines()) <= 120
    assert any(line.startswith("where") for line in wider.splitlines())
