"""Dates are ISO dates and nothing else; policy problems are findings or exit 2."""

from __future__ import annotations

import datetime as dt

import pytest

from nhiown.dates import Duration, parse_date
from tests.conftest import CLEAN_IDENTITY, MakeInventory, hits, run

INVENTORY = "identities:\n" + CLEAN_IDENTITY


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("2026-02-30", "not a real date"),
        ("2026-1-5", "YYYY-MM-DD"),
        ("0000-00-00", "not a real date"),
        ("2026-01-05T10:00:00", "timestamp"),
        ("2026-01-05 10:00", "timestamp"),
        ("20270105", "a number"),
        ("2027.5", "a number"),
        ("next year", "YYYY-MM-DD"),
        ("true", "expected a date"),
    ],
)
def test_what_is_not_an_iso_date_is_sch001_at_the_value(
    inventory_file: MakeInventory, written: str, words: str
) -> None:
    path = inventory_file(
        INVENTORY.replace("expires: 2027-09-30", f"expires: {written}")
    )
    report = run(path)
    assert hits(report) == [("SCH001", "clean-bot", 13, 14)]
    assert words in report.findings[0].message


@pytest.mark.parametrize("quoted", ["'2027-09-30'", '"2027-09-30"'])
def test_a_quoted_iso_date_is_a_date(
    inventory_file: MakeInventory, quoted: str
) -> None:
    path = inventory_file(
        INVENTORY.replace("expires: 2027-09-30", f"expires: {quoted}")
    )
    assert hits(run(path)) == []


def test_yaml_1_2_norway_is_text_not_false(inventory_file: MakeInventory) -> None:
    text = INVENTORY.replace("platform: github", "platform: no")
    assert hits(run(inventory_file(text))) == []


def test_policy_problems_in_the_inventory_are_findings(
    inventory_file: MakeInventory,
) -> None:
    text = INVENTORY + "policy:\n  max_scopes: lots\n  rules: {NOPE01: off}\n"
    report = run(inventory_file(text))
    assert [(f.rule, f.line, f.column) for f in report.findings] == [
        ("SCH001", 19, 15),
        ("SCH001", 20, 11),
    ]


def test_unknown_top_level_key_suggests_the_right_one(
    inventory_file: MakeInventory,
) -> None:
    report = run(inventory_file(INVENTORY + "polcy: {}\n"))
    assert [(f.rule, f.line) for f in report.findings] == [("SCH001", 18)]
    assert "did you mean 'policy'" in report.findings[0].message


@pytest.mark.parametrize(
    ("text", "days_from_jan_31"),
    [("30", 30), ("30d", 30), ("2w", 14), ("1m", 28), ("1y", 365)],
)
def test_durations(text: str, days_from_jan_31: int) -> None:
    value: int | str = int(text) if text.isdigit() else text
    assert Duration.parse(value).days_from(dt.date(2027, 1, 31)) == days_from_jan_31


@pytest.mark.parametrize("text", ["-3", "3x", "d", "1.5d", ""])
def test_bad_durations_say_how_to_write_one(text: str) -> None:
    value: int | str = int(text) if text.lstrip("-").isdigit() else text
    with pytest.raises(ValueError):
        Duration.parse(value)


def test_parse_date_is_strict() -> None:
    assert parse_date("2026-12-03") == dt.date(2026, 12, 3)
    with pytest.raises(ValueError):
        parse_date("2026-12-3")
