"""`nhiown check` on the command line: exit codes, stderr lines, stable output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from nhiown.dates import today_in
from tests.conftest import CLEAN_IDENTITY, MakeInventory, cli, one_error

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "inventory.example.yaml"
CLEAN = "identities:\n" + CLEAN_IDENTITY
ANSI_ESCAPE = "\x1b["


def check(*args: str, env: dict[str, str] | None = None) -> Result:
    return cli("check", "--today", "2026-12-03", *args, env=env)


def test_example_inventory_reports_its_deliberate_problems() -> None:
    result = check(str(EXAMPLE), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["identities"] >= 15
    assert {f["rule"] for f in report["findings"]} >= {"REV001", "OWN003", "OWN002"}
    assert report["waived"], "the example shows a waiver at work"


def test_clean_inventory_exits_zero(inventory_file: MakeInventory) -> None:
    path = inventory_file(CLEAN)
    result = check(str(path))
    assert result.exit_code == 0
    assert "no findings" in result.stdout


def test_warnings_fail_only_with_fail_on_warning(inventory_file: MakeInventory) -> None:
    path = inventory_file(
        CLEAN.replace("scopes: [repo:read]", "scopes: [a, b, c]")
        + "policy: {max_scopes: 2}\n"
    )
    assert check(str(path)).exit_code == 0
    strict = check(str(path), "--fail-on", "warning", "--format", "json")
    assert strict.exit_code == 1
    assert [f["rule"] for f in json.loads(strict.stdout)["findings"]] == ["SCP002"]


def test_select_ignore_and_policy_rules_change_what_runs(
    inventory_file: MakeInventory,
) -> None:
    text = CLEAN.replace("scopes: [repo:read]", "scopes: [admin]")
    path = inventory_file(text)
    assert check(str(path)).exit_code == 1
    assert check(str(path), "--ignore", "SCP").exit_code == 0
    assert check(str(path), "--select", "OWN,REV001").exit_code == 0
    softened = inventory_file(text + "policy: {rules: {SCP001: warning}}\n")
    result = check(str(softened), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"][0]["severity"] == "warning"


def test_unknown_rule_in_select_is_a_usage_error(inventory_file: MakeInventory) -> None:
    result = check(str(inventory_file(CLEAN)), "--select", "XYZ999")
    assert result.exit_code == 2
    assert "unknown rule 'XYZ999'" in result.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ("bad.yaml:1:1", "empty file")),
        (b"# nothing but a comment\n", ("bad.yaml:1:1", "empty file")),
        (b"identities:\n\t- id: x\n", ("bad.yaml:2:1", "tab character")),
        (
            b"identities:\n  - id: x\n    id: y\n",
            ("bad.yaml:3:5", "duplicate key 'id'"),
        ),
        (b"identities: [\n", ("bad.yaml:2:1", "YAML syntax error")),
        (b"identities:\n  - id: caf\xe9\n", ("bad.yaml:2:12", "not UTF-8")),
        (
            b"identities:\n  - !!python/object:os.system {id: x}\n",
            ("bad.yaml:2:5", "tag !!python/object"),
        ),
        (b"identities: []\n---\nidentities: []\n", ("bad.yaml:2:1", "second YAML")),
        (b"identities:\n  - *nowhere\n", ("bad.yaml:2:5", "names no anchor")),
    ],
    ids=[
        "empty",
        "comment-only",
        "tabs",
        "duplicate-key",
        "syntax",
        "not-utf8",
        "python-tag",
        "two-documents",
        "unknown-alias",
    ],
)
def test_bad_files_give_one_line_with_place_and_exit_2(
    inventory_file: MakeInventory, content: bytes, words: tuple[str, ...]
) -> None:
    path = inventory_file("")
    bad = path.with_name("bad.yaml")
    bad.write_bytes(content)
    one_error(check("bad.yaml"), *words)


def test_alias_bomb_is_refused(inventory_file: MakeInventory) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = inventory_file("\n".join(lines) + "\nidentities: []\n")
    one_error(check(str(path.name)), "alias bomb")


def test_missing_path_and_empty_directory(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    one_error(check("nowhere.yaml"), "nowhere.yaml", "no such file")
    (tmp_path / "empty").mkdir()
    one_error(check("empty"), "empty", "no *.yaml")


def test_no_path_and_no_default_inventory(inventory_file: MakeInventory) -> None:
    one_error(cli("check"), "no inventory found")


def test_default_path_is_inventory_yaml(inventory_file: MakeInventory) -> None:
    inventory_file(CLEAN)
    assert check().exit_code == 0


def test_unknown_flag_and_bad_option_values() -> None:
    one_error(cli("check", "--bogus"), "No such option: --bogus", "--help")
    one_error(cli("check", "--format", "yaml"), "'yaml'")
    one_error(cli("check", "--today", "2026-13-01", str(EXAMPLE)), "--today")
    one_error(cli("nocommand"), "No such command")


def test_nhiown_today_env_sets_the_date(inventory_file: MakeInventory) -> None:
    path = inventory_file(CLEAN)
    result = cli("check", str(path), "-f", "json", env={"NHIOWN_TODAY": "2030-01-01"})
    report = json.loads(result.stdout)
    assert report["today"] == "2030-01-01"
    assert "LIF001" in {f["rule"] for f in report["findings"]}


def test_today_depends_on_the_time_zone_not_the_machine() -> None:
    # These two zones are 26 hours apart, so their dates always differ.
    ahead, behind = today_in("Pacific/Kiritimati"), today_in("Etc/GMT+12")
    assert (ahead - behind).days in (1, 2)


def test_json_is_stable_across_runs_and_argument_order(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(CLEAN, "inv/a.yaml")
    inventory_file(
        CLEAN.replace("clean-bot", "other-bot").replace(
            "scopes: [repo:read]", "scopes: ['*']"
        ),
        "inv/b.yaml",
    )
    first = check("inv/b.yaml", "inv/a.yaml", "-f", "json")
    second = check("inv/a.yaml", "inv/b.yaml", "-f", "json")
    whole = check("inv", "-f", "json")
    assert first.stdout == second.stdout == whole.stdout
    assert [f["file"] for f in json.loads(first.stdout)["findings"]] == ["inv/b.yaml"]


def test_machine_output_has_no_colour_codes_even_when_forced() -> None:
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = check(str(EXAMPLE), "-f", "json", env=env)
    assert ANSI_ESCAPE not in result.stdout
    json.loads(result.stdout)


def test_output_file_gets_the_report(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    result = check(str(EXAMPLE), "-f", "json", "--output", "report.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text())["version"] == 1


def test_table_never_splits_ids_or_emails_at_80_columns() -> None:
    result = check(str(EXAMPLE), env={"COLUMNS": "80"})
    report = json.loads(check(str(EXAMPLE), "-f", "json").stdout)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for finding in report["findings"]:
        assert any(finding["identity"] in line for line in lines)
    assert "ivan@example.com" in result.stdout


def test_narrow_terminal_falls_back_to_a_list() -> None:
    result = check(str(EXAMPLE), env={"COLUMNS": "40"})
    assert "analytics-dbt-runner" in result.stdout
    assert "review-overdue" in result.stdout  # the list layout names the rule


def test_policy_in_config_file_is_found_up_to_git_root(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(
        CLEAN.replace("scopes: [repo:read]", "scopes: [a, b]"), "sub/inventory.yaml"
    )
    (path.parent.parent / ".nhiown.yaml").write_text("policy: {max_scopes: 1}\n")
    result = check(str(path), "--fail-on", "warning")
    assert result.exit_code == 1
    assert "SCP002" in result.stdout


def test_bad_config_is_exit_2_with_its_place(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    path = inventory_file(CLEAN)
    (tmp_path / ".nhiown.yaml").write_text("policy:\n  max_scopes: many\n")
    one_error(check(str(path)), ".nhiown.yaml:2:15", "max_scopes")
    (tmp_path / ".nhiown.yaml").write_text("polcy: {}\n")
    one_error(check(str(path)), ".nhiown.yaml:1:1", "unknown key 'polcy'")
    one_error(check(str(path), "--config", "missing.yaml"), "missing.yaml")


def test_debug_shows_the_traceback() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "nhiown", "check", "nowhere.yaml", "--debug"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode != 0
    assert "Traceback" in process.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_non_utf8_console_degrades_without_crashing(encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NHIOWN_TODAY": "2026-12-03"}
    process = subprocess.run(
        [sys.executable, "-m", "nhiown", "check", str(EXAMPLE)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert process.returncode == 1, process.stderr
    assert b"Traceback" not in process.stderr
    assert b"analytics-dbt-runner" in process.stdout


LEAKY = """\
identities:
  - id: xoxb-1234567890-abcdefghij
    kind: bot
    risk_tier: low
    AKIAIOSFODNN7EXAMPLE: 1
    notes: "token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"
    expires: ghp_abcdefghijklmnopqrstuvwxyz0123456789AB
"""
SECRETS = ("xoxb-1234567890", "AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghij")


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_secrets_never_reach_the_report(
    inventory_file: MakeInventory, output_format: str
) -> None:
    path = inventory_file(LEAKY)
    result = check(str(path), "-f", output_format, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "SEC001" in result.stdout
    for secret in SECRETS:
        assert secret not in result.stdout + result.stderr


def test_secrets_never_reach_an_error_line(inventory_file: MakeInventory) -> None:
    path = inventory_file(
        "identities:\n  - AKIAIOSFODNN7EXAMPLE: 1\n    AKIAIOSFODNN7EXAMPLE: 2\n"
    )
    result = check(str(path))
    one_error(result, "duplicate key", "redacted")
    assert "AKIAIOSFODNN7EXAMPLE" not in result.stderr


def test_the_script_builds_only_the_command_it_runs_and_help_lists_all() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "nhiown", *args],
            capture_output=True, text=True, check=False,
            env={**os.environ, "COLUMNS": "120"},
        )

    listing = run("--help").stdout
    for name in ("check", "due", "rules", "schema", "init", "show", "review",
                 "rotate", "retire", "gate"):
        assert f" {name} " in listing
    assert run("rules", "REV001").stdout.startswith("# REV001 review-overdue")
    assert "--fail-on" in run("check", "--help").stdout
