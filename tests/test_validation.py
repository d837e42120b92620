"""A key YAML reads as null, a number or a boolean is an unknown key, no more.

``~:``, ``.5:``, ``1e3:`` or ``true:`` in an identity is one SCH001 at the key,
where a typo such as ``purpos:`` is reported, and leaves every other rule and
every due date of the identity to be judged: one stray key must not hide an
expired, privileged, never rotated credential.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nhiown.yamlload import LOADER_ENV
from tests.conftest import MakeInventory, cli

IDENTITY = """\
identities:
  - id: prod-admin-key
    kind: api_key
    risk_tier: critical
    owners: {business: alice@example.com, technical: alice@example.com}
    created: 2020-01-01
    expires: 2021-01-01
    credential: {type: secret}
    scopes: ["*"]
"""

PLACES = {
    "identity": (IDENTITY + "    KEY: oops\n", ""),
    "review": (IDENTITY + "    review: {KEY: 1}\n", " in review"),
    "credential": (
        IDENTITY.replace("{type: secret}", "{type: secret, KEY: x}"), " in credential"
    ),
    "owners": (IDENTITY.replace("example.com}", "example.com, KEY: a}"), " in owners"),
    "exceptions": (IDENTITY + "    exceptions: [{KEY: x}]\n", " in exceptions[0]"),
}
"""Where the key goes (``KEY`` marks it) and how the message names the place."""

KEYS = ["~", "null", ".5", "1e3", ".inf", "1", "true"]
TYPO = "zz"
LOADERS = ["ruamel", "default"]
"""The exact loader, and the usual path (the fast loader where it applies)."""

TODAY = "2026-12-03"


def _env(loader: str) -> dict[str, str] | None:
    return {LOADER_ENV: "ruamel"} if loader == "ruamel" else None


def _where(template: str) -> tuple[int, int]:
    """(line, column) of the ``KEY`` marker in ``template``."""
    for number, line in enumerate(template.splitlines(), start=1):
        if "KEY" in line:
            return number, line.index("KEY") + 1
    raise AssertionError("template without KEY")


def every_key_in_every_place(test: Callable[..., None]) -> Callable[..., None]:
    """Run ``test`` for each key kind, in each place, on both loaders."""
    for name, values in (("key", KEYS), ("place", list(PLACES)), ("loader", LOADERS)):
        test = pytest.mark.parametrize(name, values)(test)
    return test


def _check(path: Path, loader: str, *args: str) -> tuple[int, list[Any]]:
    result = cli("check", str(path), "--today", TODAY, "-f", "json", *args,
                 env=_env(loader))
    return result.exit_code, json.loads(result.stdout)["findings"]


def _due(path: Path, loader: str) -> tuple[int, list[Any]]:
    result = cli("due", str(path), "--today", TODAY, "--within", "1y",
                 "--fail-on-overdue", "-f", "json", env=_env(loader))
    return result.exit_code, json.loads(result.stdout)["items"]


def _others(findings: list[Any]) -> list[tuple[str, int, int, str]]:
    return [
        (f["rule"], f["line"], f["column"], f["message"])
        for f in findings if f["rule"] != "SCH001"
    ]


@every_key_in_every_place
def test_a_key_that_is_not_text_is_one_finding_at_the_key(
    inventory_file: MakeInventory, key: str, place: str, loader: str
) -> None:
    template, named = PLACES[place]
    code, findings = _check(inventory_file(template.replace("KEY", key)), loader)

    schema = [f for f in findings if f["rule"] == "SCH001"]
    assert [(f["line"], f["column"]) for f in schema] == [_where(template)]
    assert schema[0]["message"].startswith(f"unknown key {key}{named} (YAML reads it")
    assert code == 1
    assert {"LIF001", "OWN002", "ROT001", "SCP001"} <= {f["rule"] for f in findings}


@every_key_in_every_place
def test_a_key_that_is_not_text_is_judged_like_a_typo(
    inventory_file: MakeInventory, key: str, place: str, loader: str
) -> None:
    template, _ = PLACES[place]
    typo_path = inventory_file(template.replace("KEY", TYPO), name="typo.yaml")
    _, typo_findings = _check(typo_path, loader)
    path = inventory_file(template.replace("KEY", key))
    _, findings = _check(path, loader)

    assert _others(findings) == _others(typo_findings)
    assert len(_others(findings)) >= 8
    (typo,) = [f for f in typo_findings if f["rule"] == "SCH001"]
    (schema,) = [f for f in findings if f["rule"] == "SCH001"]
    assert (schema["line"], schema["column"]) == (typo["line"], typo["column"])


@every_key_in_every_place
def test_a_key_that_is_not_text_keeps_the_identity_due(
    inventory_file: MakeInventory, key: str, place: str, loader: str
) -> None:
    template, _ = PLACES[place]
    code, items = _due(inventory_file(template.replace("KEY", key)), loader)

    assert code == 1
    assert [(i["identity"], i["what"], i["date"]) for i in items] == [
        ("prod-admin-key", "rotation", "2020-01-01"),
        ("prod-admin-key", "expiry", "2021-01-01"),
    ]


def test_the_identity_fails_when_schema_findings_are_only_warnings(
    inventory_file: MakeInventory,
) -> None:
    text = IDENTITY + "    ~: oops\npolicy:\n  rules: {SCH001: warning}\n"
    code, findings = _check(inventory_file(text), "default")
    assert code == 1
    assert ("SCH001", "warning") in {(f["rule"], f["severity"]) for f in findings}
    assert "LIF001" in {f["rule"] for f in findings}


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(("written", "column", "named"), [
    ("    : oops\n", 5, "unknown key null (YAML reads it as null"),
    ("    ? .5\n    : oops\n", 7, "unknown key .5 (YAML reads it as a number"),
])
def test_empty_and_explicit_keys_are_named_as_written(
    inventory_file: MakeInventory, loader: str, written: str, column: int, named: str
) -> None:
    _, findings = _check(inventory_file(IDENTITY + written), loader)
    (schema,) = [f for f in findings if f["rule"] == "SCH001"]
    assert (schema["line"], schema["column"]) == (10, column)
    assert schema["message"].startswith(named)


@pytest.mark.parametrize("loader", LOADERS)
def test_policy_keys_that_are_not_text_point_at_the_key(
    inventory_file: MakeInventory, loader: str
) -> None:
    text = IDENTITY + "policy:\n  review_interval: {~: 3d}\n  rules: {.5: off}\n"
    _, findings = _check(inventory_file(text), loader)
    schema = [(f["line"], f["column"], f["message"]) for f in findings
              if f["rule"] == "SCH001"]
    assert schema == [
        (11, 21, "policy.review_interval: key must be 'low', 'medium', 'high' or"
         " 'critical', got ~"),
        (12, 11, "policy.rules: key must be text, got .5"),
    ]


@pytest.mark.parametrize("loader", LOADERS)
def test_a_top_level_key_that_is_not_text_is_named_as_written(
    inventory_file: MakeInventory, loader: str
) -> None:
    _, findings = _check(inventory_file(IDENTITY + "~: 1\n.5: 2\n"), loader)
    schema = [(f["line"], f["column"], f["message"]) for f in findings
              if f["rule"] == "SCH001"]
    assert schema == [
        (10, 1, "unknown top-level key ~"), (11, 1, "unknown top-level key .5")
    ]


@pytest.mark.parametrize(("config", "error"), [
    ("policy:\n  max_scopes: 3\n  1e3: 1\n",
     ".nhiown.yaml:3:3: unknown key 1e3 (YAML reads it as a number"),
    ("policy: {}\n1e3: 1\n", ".nhiown.yaml:2:1: unknown key 1e3 "),
])
def test_a_config_key_that_is_not_text_is_an_error_at_the_key(
    inventory_file: MakeInventory, config: str, error: str
) -> None:
    path = inventory_file(IDENTITY)
    inventory_file(config, name=".nhiown.yaml")
    result = cli("check", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"nhiown: error: {error}")
