"""``nhiown schema``: a valid 2020-12 schema that agrees with SCH001."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from jsonschema.exceptions import best_match

from nhiown.yamlload import load_yaml
from tests.conftest import cli

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _schema(*args: str) -> dict[str, Any]:
    result = cli("schema", *args)
    assert result.exit_code == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def _errors(schema: dict[str, Any], text: str) -> list[str]:
    # nhiown's own loader reads YAML 1.2, as check-jsonschema does: dates stay text.
    return [error.message for error in _validator(schema).iter_errors(_load(text))]


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _load(text: str) -> Any:
    return load_yaml(textwrap.dedent(text), "test.yaml")


def _expects_schema_finding(path: Path) -> bool:
    return any(
        line.startswith("# expect: SCH001 ")
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in (_schema(), _schema("--of", "config")):
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_output_is_byte_identical_across_runs() -> None:
    assert cli("schema").stdout == cli("schema").stdout
    config = ("schema", "--of", "config")
    assert cli(*config).stdout == cli(*config).stdout


def test_example_inventory_is_valid() -> None:
    text = (ROOT / "inventory.example.yaml").read_text(encoding="utf-8")
    assert _errors(_schema(), text) == []


@pytest.mark.parametrize(
    "path",
    # Only these folders state their expected findings in `# expect:` lines.
    sorted([*FIXTURES.glob("positive/*.yaml"), *FIXTURES.glob("negative/*.yaml")]),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_schema_rejects_exactly_what_sch001_rejects(path: Path) -> None:
    errors = _errors(_schema(), path.read_text(encoding="utf-8"))
    assert bool(errors) == _expects_schema_finding(path), errors


def test_typo_key_is_rejected() -> None:
    text = """\
    identities:
      - id: billing-deployer
        kind: service_account
        risk_tier: high
        expirs: 2027-01-09
    """
    assert _errors(_schema(), text) == [
        "Additional properties are not allowed ('expirs' was unexpected)"
    ]


def test_nested_typo_is_rejected_at_its_place() -> None:
    text = """\
    identities:
      - id: billing-deployer
        kind: service_account
        risk_tier: high
        review: {last: 2026-06-01, nxt: 2026-08-30}
    """
    error = best_match(_validator(_schema()).iter_errors(_load(text)))
    assert error is not None
    assert list(error.absolute_path) == ["identities", 0, "review"]
    assert "'nxt' was unexpected" in error.message


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2027-01-09", True), ("2027-1-9", False), ("2027-02-30", False),
     ("20270109", False), ("'2027-01-09T10:00:00'", False)],
)
def test_dates_are_strings_in_iso_form(value: str, valid: bool) -> None:
    text = (
        "identities:\n  - id: a\n    kind: bot\n    risk_tier: low\n"
        f"    expires: {value}\n"
    )
    assert (_errors(_schema(), text) == []) is valid


def test_x_keys_are_allowed_at_top_level_only() -> None:
    assert _errors(_schema(), "x-defaults: {a: 1}\nidentities: []\n") == []
    nested = "identities:\n  - {id: a, kind: bot, risk_tier: low, x-note: 1}\n"
    assert _errors(_schema(), nested) != []


def test_identity_needs_id_kind_and_tier() -> None:
    errors = _errors(_schema(), "identities:\n  - {id: a, kind: null}\n")
    assert "'risk_tier' is a required property" in errors
    assert "None is not of type 'string'" in errors


def test_policy_rules_accept_known_codes_only() -> None:
    good = "policy: {rules: {SCP002: error}}\nidentities: []\n"
    bad = "policy: {rules: {SCP999: off}}\nidentities: []\n"
    assert _errors(_schema(), good) == []
    assert _errors(_schema(), bad) != []


def test_config_schema_accepts_policy_and_people_not_identities() -> None:
    config = _schema("--of", "config")
    text = """\
version: 1
policy: {due_window: 6w, review_interval: {high: 60d}, timezone: Europe/Berlin}
people:
  - {id: alice@example.com, team: payments, aliases: [alice-gh]}
"""
    assert _errors(config, text) == []
    assert _errors(config, "identities: []\n") != []


def test_draft_7_validators_reach_the_same_verdict() -> None:
    # yaml-language-server (VS Code, Neovim) validates with draft 7.
    schema = {k: v for k, v in _schema().items() if k != "$schema"}
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    example = (ROOT / "inventory.example.yaml").read_text(encoding="utf-8")
    assert list(validator.iter_errors(_load(example))) == []
    typo = "identities:\n  - {id: a, kind: bot, risk_tier: low, expirs: 2027-01-09}\n"
    assert [e.message for e in validator.iter_errors(_load(typo))] == [
        "Additional properties are not allowed ('expirs' was unexpected)"
    ]
