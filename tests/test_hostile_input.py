"""Input a new user or an attacker might give: each case a reviewer found.

Every case must end in a finding or one clear error line, never a crash, a
silent skip or a leaked secret.
"""

from __future__ import annotations

import pytest

from tests.conftest import MakeInventory, cli

BOT = """\
identities:
  - id: bot-one
    kind: bot
    risk_tier: high
    purpose: does things
    workflow: wf
    owners: {business: a@x.com, technical: b@x.com}
    approval: {by: c@x.com, date: 2026-01-01}
    created: 2026-01-01
    expires: 2027-01-01
    review: {last: 2026-11-01, next: 2027-01-01, by: c@x.com}
    credential: {type: secret, last_rotated: 2026-11-01}
    scopes: [read]
    offboarding: {triggers: [t]}
"""


def _one_error(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nhiown: error: "), result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", [["check"], ["due"], ["show", "bot-one"]])
def test_dates_near_the_year_9999_are_findings_not_crashes(
    inventory_file: MakeInventory, command: list[str]
) -> None:
    text = BOT.replace("created: 2026-01-01", "created: 9999-06-01")
    text = text.replace("last: 2026-11-01, next: 2027-01-01", "last: 9999-12-01")
    text = text.replace("last_rotated: 2026-11-01", "last_rotated: 9999-06-01")
    path = inventory_file(text)
    result = cli(*command, str(path), "--today", "2026-12-03", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    if command == ["check"]:
        assert "SCH003" in result.stdout


@pytest.mark.parametrize("window", ["99999999999y", "3000000d", "٣٠"])
def test_absurd_windows_are_usage_errors(
    inventory_file: MakeInventory, window: str
) -> None:
    path = inventory_file(BOT)
    _one_error(cli("due", str(path), "--within", window), "--within")


def test_windows_past_the_last_date_still_work(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT)
    result = cli("due", str(path), "--today", "9999-12-31", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    assert "BEGIN:VCALENDAR" in result.stdout


def test_absurd_policy_durations_are_findings(inventory_file: MakeInventory) -> None:
    path = inventory_file(
        BOT + "policy: {review_interval: {low: 99999999d}, due_window: 99999999999y}\n"
    )
    result = cli("check", str(path), "--today", "2026-12-03")
    assert result.exit_code == 1
    assert result.stdout.count("SCH001") == 2
    assert "thousand years" in result.stdout
