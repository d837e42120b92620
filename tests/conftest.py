"""Shared helpers: write a YAML snippet, check it, look at the findings."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nhiown.cli import build_app
from nhiown.engine import RuleSelection, check
from nhiown.findings import Report
from nhiown.inventory import load_inventory

TODAY = dt.date(2026, 12, 3)
APP = build_app()

MakeInventory = Callable[..., Path]
"""The ``inventory_file`` fixture: (text, name="inventory.yaml") -> path."""

CLEAN_IDENTITY = """\
  - id: clean-bot
    name: Clean bot
    kind: service_account
    platform: github
    environment: production
    risk_tier: high
    purpose: Deploys the service
    workflow: release
    owners: {business: alice@example.com, technical: bob@example.com}
    approval: {by: carol@example.com, date: 2026-10-01, ticket: SEC-1}
    created: 2026-10-01
    expires: 2027-09-30
    review: {last: 2026-11-20, next: 2027-02-15, by: carol@example.com}
    credential: {type: secret, store: vault:x, last_rotated: 2026-11-20}
    scopes: [repo:read]
    offboarding: {triggers: [workflow_retired]}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(path: Path, today: dt.date = TODAY, select: list[str] | None = None) -> Report:
    inventory = load_inventory([path], config=None)
    selection = RuleSelection.build(inventory.settings.policy.rules, select or [])
    return check(inventory, today, selection)


def hits(report: Report) -> list[tuple[str, str | None, int, int]]:
    """(rule, identity, line, column) of every finding, in report order."""
    return [(f.rule, f.identity, f.line, f.column) for f in report.findings]


@pytest.fixture
def inventory_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeInventory:
    """Write an inventory snippet to a file in an isolated working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # stop the config search at this folder

    def make(text: str, name: str = "inventory.yaml") -> Path:
        return write(tmp_path / name, text)

    return make


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the ``nhiown`` command line in-process; stdout and stderr apart."""
    return CliRunner().invoke(APP, list(args), env=env)


def one_error(result: Result, *words: str) -> None:
    """Exit 2 with exactly one ``nhiown: error:`` line holding ``words``."""
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("nhiown: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
