"""The pre-commit manifest: parses, has pre-commit's required keys, runs check."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from nhiown.yamlload import load_yaml
from tests.conftest import cli

MANIFEST = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"
REQUIRED = ("id", "name", "entry", "language")


def _hook() -> dict[str, Any]:
    hooks = load_yaml(MANIFEST.read_text(encoding="utf-8"), MANIFEST.name)
    assert isinstance(hooks, list)
    (hook,) = hooks
    assert isinstance(hook, dict)
    return hook


def test_manifest_has_the_required_keys() -> None:
    hook = _hook()
    assert all(isinstance(hook.get(key), str) and hook[key] for key in REQUIRED)
    assert hook["id"] == "nhiown"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False


def test_entry_is_a_command_nhiown_has() -> None:
    program, *args = shlex.split(_hook()["entry"])
    assert program == "nhiown"
    assert cli(*args, "--help").exit_code == 0


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("inventory.yaml", True),
        ("inventory/payments/bots.yaml", True),
        ("inventory/legacy.yml", True),
        (".nhiown.yaml", True),
        (".github/workflows/ci.yaml", False),
        ("docker-compose.yaml", False),
        ("inventory.yaml.bak", False),
    ],
)
def test_files_pattern_matches_inventory_and_config_only(path: str, runs: bool) -> None:
    assert bool(re.search(_hook()["files"], path)) is runs
