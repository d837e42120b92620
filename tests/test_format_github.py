"""--format github: one workflow command per finding, escaped as GitHub wants."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nhiown.formats import github
from tests.format_cases import FIXTURE, check, place

COMMAND = re.compile(
    r"^::(?P<level>error|warning) (?P<props>[^:]*)::(?P<message>.*)$"
)


def _unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"),
                       ("%25", "%")):
        text = text.replace(code, char)
    return text


def _parse(line: str) -> dict[str, str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(part.split("=", 1) for part in match["props"].split(","))
    return {
        "level": match["level"],
        **{key: _unescape(value) for key, value in props.items()},
        "message": _unescape(match["message"]),
    }


def test_every_line_is_one_annotation_per_finding(inventory_file: Any) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("--format", "github", "inventory.yaml")
    assert result.exit_code == 1
    annotations = [_parse(line) for line in result.stdout.splitlines()]
    report = json.loads(check("--format", "json", "inventory.yaml").stdout)
    assert [
        (a["level"], a["file"], int(a["line"]), int(a["col"]), a["title"])
        for a in annotations
    ] == [
        (f["severity"], f["file"], f["line"], f["column"], f"{f['rule']} {f['name']}")
        for f in report["findings"]
    ]
    assert annotations[-1]["message"] == "messy-bot: unknown key 'odd|key,100%: <b>'"
    assert annotations[0]["message"] == "unknown top-level key 'extras'"
    assert "waived-bot" not in result.stdout


def test_messages_and_properties_are_escaped() -> None:
    assert github.escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_paths_are_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    place(tmp_path / "infra" / "nhi")
    monkeypatch.chdir(tmp_path / "infra")
    lines = check("--format", "github", "nhi").stdout.splitlines()
    assert {_parse(line)["file"] for line in lines} == {"infra/nhi/inventory.yaml"}


def test_github_actions_alone_does_not_switch_the_default_format(
    inventory_file: Any,
) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("inventory.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert "::" not in result.stdout
    assert result.stdout.startswith("inventory.yaml\n")
