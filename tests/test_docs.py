"""The README and docs stay true: recipes parse, tables match the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nhiown.rules import REGISTRY
from nhiown.yamlload import load_yaml

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _cases(language: str) -> list[object]:
    return [pytest.param(where, text, id=where) for where, text in _blocks(language)]


def _blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        pattern = rf"^```{language}\n(.*?)^```$"
        for index, match in enumerate(re.finditer(pattern, text, re.M | re.S)):
            found.append((f"{page.name}#{index}", match.group(1)))
    return found


@pytest.mark.parametrize(("where", "text"), _cases("yaml"))
def test_yaml_blocks_parse(where: str, text: str) -> None:
    assert load_yaml(text, where) is not None


@pytest.mark.parametrize(("where", "text"), _cases("json"))
def test_json_blocks_parse(where: str, text: str) -> None:
    assert json.loads(text)


def test_local_hook_recipe_matches_the_manifest() -> None:
    manifest = load_yaml(MANIFEST.read_text(encoding="utf-8"), MANIFEST.name)[0]
    local = next(
        load_yaml(text, where)["repos"][0]["hooks"][0]
        for where, text in _blocks("yaml")
        if "repo: local" in text
    )
    for key in ("entry", "language", "files", "pass_filenames"):
        assert local[key] == manifest[key]


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
