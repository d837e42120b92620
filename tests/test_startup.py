"""Start-up: a run imports only the machinery it uses (issue: speed).

`nhiown check` runs in pre-commit on every commit, so what a check of a small
inventory imports is most of what it costs. These tests run the real entry
point in a fresh interpreter and look at ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "inventory.example.yaml"

_PROBE = """
import json, sys
from nhiown import cli
sys.argv = ["nhiown", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    """The modules loaded once ``nhiown ARGS`` has run in a fresh interpreter."""
    process = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True, text=True, check=True,
    )
    return set(json.loads(process.stderr.strip().splitlines()[-1]))


def under(modules: set[str], package: str) -> set[str]:
    return {m for m in modules if m == package or m.startswith(package + ".")}


def test_a_json_check_loads_neither_rich_nor_ruamel_nor_other_commands() -> None:
    loaded = modules_after("check", "--format", "json", str(EXAMPLE))
    assert "nhiown.commands.check" in loaded
    assert under(loaded, "nhiown.commands") == {
        "nhiown.commands", "nhiown.commands.check",
    }
    # The example is plain YAML, so the fast loader reads it; ruamel.yaml is
    # for the files it hands back.
    assert not under(loaded, "ruamel")
    assert not under(loaded, "rich")
    assert not under(loaded, "nhiown.edit")
    assert "nhiown.gate" not in loaded
    assert "nhiown.formats.table" not in loaded


def test_the_table_loads_rich_and_only_the_table_format() -> None:
    loaded = modules_after("check", str(EXAMPLE))
    assert "rich.table" in loaded
    assert under(loaded, "nhiown.formats") == {
        "nhiown.formats", "nhiown.formats.table",
    }


def test_help_for_the_group_still_lists_every_command() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "nhiown", "--help"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    for command in ("check", "due", "rules", "schema", "init", "show", "review",
                    "rotate", "retire", "gate"):
        assert f" {command} " in process.stdout


def test_no_command_shows_the_help_and_exits_2() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "nhiown"], capture_output=True, text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert process.returncode == 2
    assert "Usage:" in process.stdout
    assert " check " in process.stdout
