"""``nhiown init``: a starter that passes check, and never over an existing file."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from nhiown.inventory_schema import inventory_schema
from nhiown.yamlload import load_yaml
from tests.conftest import cli, one_error

NAMES = ("inventory.yaml", ".nhiown.yaml")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # stop the config search at this folder
    return tmp_path


@pytest.mark.parametrize("today", ["2026-12-03", "2028-02-29", "2001-01-31",
                                   "2099-12-31"])
def test_starter_passes_check_on_the_day_it_is_written(
    workdir: Path, today: str
) -> None:
    result = cli("init", "--today", today)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote inventory.yaml", "wrote .nhiown.yaml", "next: nhiown check"
    ]
    check = cli("check", "--today", today, "--fail-on", "warning", "-f", "json")
    assert check.exit_code == 0, check.stdout
    assert '"identities": 2' in check.stdout


def test_starter_is_commented_and_dated_from_today(workdir: Path) -> None:
    cli("init", "--today", "2026-12-03")
    inventory = (workdir / "inventory.yaml").read_text(encoding="utf-8")
    config = (workdir / ".nhiown.yaml").read_text(encoding="utf-8")
    assert inventory.startswith("# ")
    assert "created: 2026-12-03" in inventory
    assert "expires: 2027-12-03" in inventory  # high tier: 365d
    assert "people:" in config and "policy:" in config


def test_starter_is_valid_against_the_schema(workdir: Path) -> None:
    cli("init", "--today", "2026-12-03")
    text = (workdir / "inventory.yaml").read_text(encoding="utf-8")
    Draft202012Validator(inventory_schema()).validate(load_yaml(text, "inventory.yaml"))


@pytest.mark.parametrize(
    "folder", ["governance/nhi", "dir with spaces", "it's $x", "-dash"]
)
def test_into_a_new_folder_prints_a_command_that_passes(
    workdir: Path, folder: str
) -> None:
    result = cli("init", "--today", "2026-12-03", "--", folder)
    assert result.exit_code == 0
    assert (workdir / folder / "inventory.yaml").is_file()
    next_line = result.stdout.splitlines()[-1]
    assert next_line.startswith("next: nhiown check --config ")
    args = shlex.split(next_line.removeprefix("next: nhiown "))
    assert cli(*args, "--today", "2026-12-03").exit_code == 0


@pytest.mark.parametrize("existing", NAMES)
def test_refuses_when_a_file_exists_and_touches_nothing(
    workdir: Path, existing: str
) -> None:
    original = b"# mine\r\nidentities: []\r\n"
    (workdir / existing).write_bytes(original)
    result = cli("init", "--today", "2026-12-03")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"nhiown: error: {existing} already exists")
    assert (workdir / existing).read_bytes() == original
    others = [name for name in NAMES if name != existing]
    assert not any((workdir / name).exists() for name in others)


def test_refuses_a_file_as_path(workdir: Path) -> None:
    (workdir / "notes").write_text("x", encoding="utf-8")
    result = cli("init", "notes")
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


@pytest.mark.parametrize("name", ["inventory.yaml", "sub/team.YML"])
def test_refuses_a_new_path_named_like_a_yaml_file(workdir: Path, name: str) -> None:
    result = cli("init", name, "--today", "2026-12-03")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{name} does not exist and is named like a YAML file" in result.stderr
    assert "PATH is the folder" in result.stderr
    assert _files(workdir) == [".git"]


def test_a_folder_named_like_a_yaml_file_is_used_when_it_exists(
    workdir: Path,
) -> None:
    (workdir / "nhi.yaml").mkdir()
    assert cli("init", "nhi.yaml", "--today", "2026-12-03").exit_code == 0
    assert (workdir / "nhi.yaml" / "inventory.yaml").is_file()


def _files(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


def test_refuses_beside_an_inventory_folder(workdir: Path) -> None:
    (workdir / "inventory").mkdir()
    one_error(cli("init", "--today", "2026-12-03"), "inventory/ exists")
    assert not (workdir / "inventory.yaml").exists()
