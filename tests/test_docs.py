"""The README and docs stay true to the code they describe."""

from __future__ import annotations

from pathlib import Path

from nhiown.rules import REGISTRY

ROOT = Path(__file__).parent.parent


def test_readme_rule_table_lists_every_rule_as_registered() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in REGISTRY.values():
        row = f"| {rule.code} | {rule.name} | {rule.severity.value} |"
        assert row in readme, f"README rule table lacks or misstates {rule.code}"


def test_readme_set_up_is_the_two_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && nhiown check inventory.example.yaml" in readme
    assert "pip install '.[test]' && python -m pytest" in readme
    assert "pip install -q '.[test]' && python -m pytest" in ci
