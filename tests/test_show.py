"""``nhiown show``: one identity, its dates and exactly its share of findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CLEAN_IDENTITY, MakeInventory, cli, one_error

EXAMPLE = str(Path(__file__).parent.parent / "inventory.example.yaml")
TODAY = ("--today", "2026-12-03")


def test_card_shows_facts_and_the_identitys_findings() -> None:
    result = cli("show", "analytics-dbt-runner", EXAMPLE, *TODAY)
    assert result.exit_code == 1
    out = result.stdout
    assert out.splitlines()[0] == "analytics-dbt-runner  dbt Cloud runner"
    assert "business erin@example.com, technical frank@example.com" in out
    assert "next 2026-10-12 (52 days ago)" in out
    assert "expires      2027-02-28 (in 87 days)" in out
    assert "160:38 error REV001 review-overdue" in out
    # Other identities' findings (OWN003 on backup-ssh-key) are not shown.
    assert "OWN003" not in out
    assert "\x1b[" not in out


def test_waived_findings_are_listed_and_do_not_fail() -> None:
    result = cli("show", "org-audit-app", EXAMPLE, *TODAY)
    assert result.exit_code == 0
    assert "no findings" in result.stdout
    assert "123:30 SCP001 privileged-scope: privileged scope 'admin'" in result.stdout
    assert "SCP001 until 2027-03-31 (in 118 days)" in result.stdout


def test_fail_on_warning_counts_warnings() -> None:
    assert cli("show", "hr-sync-oauth", EXAMPLE, *TODAY).exit_code == 0
    strict = cli("show", "hr-sync-oauth", EXAMPLE, *TODAY, "--fail-on", "warning")
    assert strict.exit_code == 1
    assert "LIF003 lifetime-too-long" in strict.stdout


def test_json_has_entry_due_dates_and_findings() -> None:
    result = cli("show", "analytics-dbt-runner", EXAMPLE, *TODAY, "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["identity"]["id"] == "analytics-dbt-runner"
    assert data["identity"]["line"] == 149
    assert data["identity"]["entry"]["scopes"] == ["warehouse:usage",
                                                  "schema:analytics:write"]
    assert [(d["what"], d["days_left"]) for d in data["due"]] == [
        ("review", -52), ("expiry", 87), ("rotation", 106)
    ]
    assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [
        ("REV001", 160, 38)
    ]
    assert data["summary"] == {"errors": 1, "warnings": 0, "waived": 0}
    again = cli("show", "analytics-dbt-runner", EXAMPLE, *TODAY, "-f", "json")
    assert again.stdout == result.stdout


def test_derived_review_date_is_shown_as_derived() -> None:
    result = cli("show", "data-warehouse-loader", EXAMPLE, *TODAY,
                 env={"COLUMNS": "120"})
    assert "next 2027-02-28 by the tier's interval (in 87 days)" in result.stdout
    assert "keyless; nothing to rotate" in result.stdout


def test_typo_exits_2_and_suggests_close_ids() -> None:
    result = cli("show", "billing-deployr", EXAMPLE, *TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "nhiown: error: no identity with id 'billing-deployr'"
        " (hint: did you mean 'billing-deployer'?)"
    )


@pytest.mark.parametrize("typed", ["BILLING-DEPLOYER", "Billing-Deployr", "DEPLOYER"])
def test_an_id_in_another_case_suggests_the_real_one(typed: str) -> None:
    result = cli("show", typed, EXAMPLE, *TODAY)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"nhiown: error: no identity with id {typed!r}"
        " (hint: did you mean 'billing-deployer'?)"
    )


def test_secrets_are_redacted(inventory_file) -> None:
    path = inventory_file(
        "identities:\n"
        + CLEAN_IDENTITY.replace("store: vault:x", "store: AKIAIOSFODNN7EXAMPLE")
    )
    for output_format in ("table", "json"):
        result = cli("show", "clean-bot", str(path), *TODAY, "-f", output_format)
        assert result.exit_code == 1
        assert "AKIAIOSFODNN7EXAMPLE" not in result.stdout
        assert "<redacted secret>" in result.stdout


def test_entry_with_schema_problems_still_shows(inventory_file) -> None:
    path = inventory_file(
        "identities:\n" + CLEAN_IDENTITY.replace("expires: 2027-09-30",
                                                 "expires: 2027-02-30")
    )
    result = cli("show", "clean-bot", str(path), *TODAY)
    assert result.exit_code == 1
    assert "expires      2027-02-30" in result.stdout
    assert "SCH001 schema" in result.stdout


def test_an_id_written_as_a_number_is_named_where_it_is(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(
        "identities:\n  - id: 123\n    kind: bot\n    risk_tier: low\n"
    )
    one_error(cli("show", "123", str(path)), "inventory.yaml:2:9:", "quote it")
