"""Input a new user or an attacker might give: each case a reviewer found.

Every case must end in a finding or one clear error line, never a crash, a
silent skip or a leaked secret.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nhiown.options import display_for
from tests.conftest import MakeInventory, cli, one_error

BOT = """\
identities:
  - id: bot-one
    kind: bot
    risk_tier: high
    purpose: does things
    workflow: wf
    owners: {business: a@x.com, technical: b@x.com}
    approval: {by: c@x.com, date: 2026-01-01}
    created: 2026-01-01
    expires: 2027-01-01
    review: {last: 2026-11-01, next: 2027-01-01, by: c@x.com}
    credential: {type: secret, last_rotated: 2026-11-01}
    scopes: [read]
    offboarding: {triggers: [t]}
"""


@pytest.mark.parametrize("command", [["check"], ["due"], ["show", "bot-one"]])
def test_dates_near_the_year_9999_are_findings_not_crashes(
    inventory_file: MakeInventory, command: list[str]
) -> None:
    text = BOT.replace("created: 2026-01-01", "created: 9999-06-01")
    text = text.replace("last: 2026-11-01, next: 2027-01-01", "last: 9999-12-01")
    text = text.replace("last_rotated: 2026-11-01", "last_rotated: 9999-06-01")
    path = inventory_file(text)
    result = cli(*command, str(path), "--today", "2026-12-03", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    if command == ["check"]:
        assert "SCH003" in result.stdout


@pytest.mark.parametrize("window", ["99999999999y", "3000000d", "٣٠"])
def test_absurd_windows_are_usage_errors(
    inventory_file: MakeInventory, window: str
) -> None:
    path = inventory_file(BOT)
    one_error(cli("due", str(path), "--within", window), "--within")


def test_windows_past_the_last_date_still_work(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT)
    result = cli("due", str(path), "--today", "9999-12-31", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    assert "BEGIN:VCALENDAR" in result.stdout


def test_absurd_policy_durations_are_findings(inventory_file: MakeInventory) -> None:
    path = inventory_file(
        BOT + "policy: {review_interval: {low: 99999999d}, due_window: 99999999999y}\n"
    )
    result = cli("check", str(path), "--today", "2026-12-03")
    assert result.exit_code == 1
    assert result.stdout.count("SCH001") == 2
    assert "thousand years" in result.stdout


LEAKS = """\
people:
  - {id: a@x.com, team: AKIAPEOPLETEAM123456}
  - {id: b@x.com, team: "\\e[2Jevil"}
identities:
  - id: bot-one
    name: AKIAZ7Q2XK4LMP3RTV9A
    kind: bot
    risk_tier: low
    purpose: "postgres://admin:S3cr3tP4ssw0rd@db.example.com/x"
    workflow: "\\e]0;pwned\\a"
    owners: {business: a@x.com, technical: "ghp_OwNeR3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3x"}
    created: 2026-01-01
    expires: 2026-12-10
    review: {last: 2026-11-01, next: 2026-12-20, by: c@x.com}
    credential: {type: secret, last_rotated: 2026-11-01}
    scopes: [read]
    offboarding: {triggers: [t]}
    notes: |
      -----BEGIN RSA PRIVATE KEY-----
      MIIEowIBAAKCAQEAsEcReTbLoCk
      -----END RSA PRIVATE KEY-----
    exceptions:
      - rule: SCP003
        reason: aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        approved_by: c@x.com
        expires: 2027-01-01
"""
LEAKED = (
    "AKIAPEOPLETEAM", "AKIAZ7Q2", "S3cr3tP4ssw0rd", "ghp_OwNeR", "MIIEowIBAAKC",
    "wJalrXUtnFEMI", "\x1b", "\x07",
)
COMMANDS = [
    (["show", "bot-one"], ["-f", "table"]),
    (["show", "bot-one"], ["-f", "json"]),
    *((["due"], ["-f", fmt]) for fmt in ("table", "json", "markdown", "csv", "ics")),
    *((["check"], ["-f", fmt])
      for fmt in ("table", "json", "sarif", "github", "junit", "markdown")),
]
"""(command and id, options): the inventory path goes between them."""


@pytest.mark.parametrize(
    ("command", "options"), COMMANDS, ids=lambda c: "-".join(c).replace("-f-", "")
)
def test_no_format_prints_a_secret_or_a_terminal_escape(
    inventory_file: MakeInventory, command: list[str], options: list[str]
) -> None:
    path = inventory_file(LEAKS)
    result = cli(*command, str(path), *options, "--today", "2026-12-03",
                 env={"COLUMNS": "300"})
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout
    for leak in LEAKED:
        assert leak not in result.stdout + result.stderr, leak


def test_an_unlistable_folder_is_an_error_not_a_skip(
    inventory_file: MakeInventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    inventory_file("identities: []\n", "inv/a.yaml")
    inventory_file("identities: []\n", "inv/sub/b.yaml")
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    one_error(cli("check", "inv"), "inv/sub", "Permission denied")


def test_linked_folders_are_read_each_once_and_a_link_cycle_ends(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT, "inv/a.yaml")
    inventory_file(BOT.replace("bot-one", "bot-two"), "team/b.yaml")
    (tmp_path / "inv" / "team").symlink_to("../team")
    (tmp_path / "inv" / "again").symlink_to("../team")
    (tmp_path / "inv" / "up").symlink_to("..")
    result = cli("check", "inv", "--today", "2026-12-03", "-f", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["identities"] == 2
    assert not [f for f in data["findings"] if f["rule"] == "SCH002"]


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("nowhere.yaml", ["inv/b.yaml: broken symbolic link"]),
        ("b.yaml", ["inv/b.yaml: broken symbolic link", "levels of symbolic links"]),
        ("/dev/null", ["inv/b.yaml: not a regular file or directory"]),
    ],
)
def test_a_link_in_a_folder_to_no_file_is_refused(
    inventory_file: MakeInventory, tmp_path: Path, target: str, words: list[str]
) -> None:
    inventory_file("identities: []\n", "inv/a.yaml")
    (tmp_path / "inv" / "b.yaml").symlink_to(target)
    one_error(cli("check", "inv"), *words)


def test_a_fifo_in_a_folder_is_refused_not_read(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file("identities: []\n", "inv/a.yaml")
    os.mkfifo(tmp_path / "inv" / "f.yaml")
    # A separate process with a timeout: reading the FIFO would block forever.
    process = subprocess.run(
        [sys.executable, "-m", "nhiown", "check", "inv"],
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert process.returncode == 2
    assert process.stderr == (
        "nhiown: error: inv/f.yaml: not a regular file or directory\n"
    )


def test_upper_case_extensions_are_inventory_files(
    inventory_file: MakeInventory,
) -> None:
    inventory_file(BOT, "inv/a.YAML")
    inventory_file(BOT.replace("bot-one", "bot-two"), "inv/b.Yml")
    result = cli("check", "inv", "--today", "2026-12-03")
    assert "2 identities checked" in result.stdout


def test_paths_that_are_not_files_say_what_they_are(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    one_error(cli("check", "a.yaml"), "a.yaml: broken symbolic link")
    one_error(cli("check", "/dev/null"), "not a regular file")
    path = inventory_file(BOT)
    one_error(cli("check", str(path), "--config", str(tmp_path)), "is a directory")
    (tmp_path / ".nhiown.yaml").mkdir()
    one_error(cli("check", str(path)), ".nhiown.yaml", "not a regular file")


def test_output_never_overwrites_an_input(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    path = inventory_file(BOT)
    before = path.read_bytes()
    (tmp_path / ".nhiown.yaml").write_text("policy: {}\n")
    for args in (["check", "-o", path.name], ["check", "--write-baseline", path.name],
                 ["due", "-f", "csv", "-o", path.name],
                 ["check", "-o", ".nhiown.yaml"]):
        one_error(cli(*args[:1], path.name, *args[1:]), "input of this run")
    assert path.read_bytes() == before


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_machine_formats_are_utf8_on_any_console(
    inventory_file: MakeInventory, encoding: str
) -> None:
    path = inventory_file(BOT.replace("risk_tier: high", "risk_tier: lów"))
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NHIOWN_TODAY": "2026-12-03"}
    process = subprocess.run(
        [sys.executable, "-m", "nhiown", "check", str(path), "-f", "json"],
        capture_output=True, env=env, check=False,
    )
    assert process.returncode == 1, process.stderr
    report = json.loads(process.stdout.decode("utf-8"))
    assert any("lów" in f["message"] for f in report["findings"])


def test_aliases_that_name_two_people_are_refused(inventory_file: MakeInventory,
                                                  tmp_path: Path) -> None:
    path = inventory_file(BOT)
    (tmp_path / ".nhiown.yaml").write_text(
        "people:\n  - {id: a@x.com, aliases: [z]}\n  - {id: b@x.com, aliases: [Z]}\n"
    )
    one_error(cli("check", str(path)), ".nhiown.yaml:3:29", "alias 'Z' of b@x.com")


def test_config_version_must_be_1(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    path = inventory_file(BOT)
    (tmp_path / ".nhiown.yaml").write_text("version: 2\n")
    one_error(cli("check", str(path)), ".nhiown.yaml:1:10", "version")


def test_empty_option_values_are_refused(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT)
    one_error(cli("check", str(path), "--today", ""), "--today: empty")
    one_error(cli("gate", "--base", "HEAD", "--author", "", str(path)), "--author")


def test_an_empty_no_color_does_not_turn_colour_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert display_for(no_color=False, output=None).color
    monkeypatch.setenv("NO_COLOR", "1")
    assert not display_for(no_color=False, output=None).color


def test_an_empty_id_is_one_finding_at_its_key(inventory_file: MakeInventory) -> None:
    path = inventory_file("identities:\n  - id:\n    kind: bot\n    risk_tier: low\n")
    result = cli("check", str(path), "--select", "SCH", "-f", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["column"], f["message"]) for f in findings] == [
        (2, 5, "missing required key 'id'")
    ]


def test_identities_merged_from_one_anchor_point_at_themselves(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(
        "x-a: &a {id: zzz, kind: bot, risk_tier: low}\n"
        "identities:\n  - <<: *a\n  - <<: *a\n"
    )
    result = cli("check", str(path), "--select", "SCH002", "-f", "json")
    places = [(f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    assert places == [(3, 5), (4, 5)]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("created: [2026-01-01]", "got a list"),
        ("created: {d: x}", "got a mapping"),
        ("created: true", "got true"),
        ("created: ~", "is before created"),
    ],
)
def test_messages_speak_yaml_not_python(
    inventory_file: MakeInventory, line: str, words: str
) -> None:
    path = inventory_file(BOT.replace("created: 2026-01-01", line))
    result = cli("check", str(path), "--today", "2026-12-03", "-f", "json")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any(words in m for m in messages) != (line == "created: ~"), messages
    assert not any(word in m for m in messages for word in ("YSeq", "YMap", "None"))


def test_a_bad_tier_key_in_policy_points_at_the_key(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(BOT + "policy:\n  review_interval: {lowest: 5d}\n")
    result = cli("check", str(path), "--today", "2026-12-03", "-f", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"]) == (16, 21)
    assert finding["message"].startswith("policy.review_interval.lowest: key must be")


@pytest.mark.parametrize("columns", ["20", "40", "60"])
def test_rules_never_cut_a_code_or_a_name(columns: str) -> None:
    result = cli("rules", env={"COLUMNS": columns})
    assert result.exit_code == 0
    for code, name in (("SCH001", "schema"), ("REV003", "review-interval-too-long")):
        assert f"{code} {name}" in result.stdout or (
            code in result.stdout and name in result.stdout
        )
    assert "…" not in result.stdout


def test_a_tab_between_values_is_not_called_indentation(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file("identities: []\nkind:\tbot\n")
    one_error(cli("check", str(path)), ":2:6:", "between or inside values")


def test_check_with_only_change_rules_points_at_gate(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(BOT)
    one_error(cli("check", str(path), "--select", "CHG"), "change rules", "gate")


@pytest.mark.parametrize("by", ["x@y.com\nz", "a: b", "[a]", " "])
def test_review_by_must_be_a_name(inventory_file: MakeInventory, by: str) -> None:
    path = inventory_file(BOT)
    before = path.read_bytes()
    one_error(cli("review", "bot-one", str(path), "--by", by), "--by")
    assert path.read_bytes() == before


def test_an_id_that_is_part_of_others_suggests_them(
    inventory_file: MakeInventory,
) -> None:
    second = BOT.split("identities:\n")[1].replace("bot-one", "bot-two")
    path = inventory_file(BOT + second)
    one_error(cli("show", "bo", str(path)), "did you mean", "'bot-one'", "'bot-two'")


def test_a_bad_exception_date_is_one_schema_finding(
    inventory_file: MakeInventory,
) -> None:
    path = inventory_file(
        BOT + "    exceptions:\n      - rule: SCP001\n        reason: r\n"
        "        approved_by: c@x.com\n        expires: 2027-01-01T00:00:00Z\n"
    )
    result = cli("check", str(path), "--today", "2026-12-03", "-f", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("SCH001", 19)]


def test_a_key_that_is_not_text_is_reported_at_the_key(
    inventory_file: MakeInventory,
) -> None:
    text = BOT.replace("    kind: bot\n", "    kind: bot\n    true: 1\n")
    path = inventory_file(text)
    result = cli("check", str(path), "--today", "2026-12-03", "-f", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("SCH001", 4, 5)
    assert finding["message"].startswith("unknown key true (YAML reads it as")


class _Terminal:
    """Stands in for stdout on a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_a_dumb_terminal_gets_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setenv("TERM", "xterm-256color")
    assert display_for(no_color=False, output=None).color
    monkeypatch.setenv("TERM", "dumb")
    assert not display_for(no_color=False, output=None).color
    monkeypatch.setenv("FORCE_COLOR", "1")  # forcing still wins
    assert display_for(no_color=False, output=None).color


def test_output_dash_is_standard_output(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT)
    result = cli("check", str(path), "-f", "json", "-o", "-")
    assert json.loads(result.stdout)["summary"]["identities"] == 1
    assert not (path.parent / "-").exists()


def _nhiown(*args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhiown", *args], text=True, stderr=subprocess.PIPE,
        **popen,  # type: ignore[arg-type]
    )


EXAMPLE = Path(__file__).resolve().parent.parent / "inventory.example.yaml"


@pytest.mark.parametrize("args", [
    ["check", "-f", "json", str(EXAMPLE)],
    ["check", str(EXAMPLE)],
    ["rules"],
    ["schema"],
])
def test_a_closed_pipe_is_one_error_not_an_exit_code_of_findings(
    args: list[str],
) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "nhiown", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before anything is written
        assert process.wait() == 2
        lines = process.stderr.read().splitlines()
    assert lines == [
        "nhiown: error: cannot write to standard output: Broken pipe;"
        " the output is incomplete"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_one_error() -> None:
    with open("/dev/full", "w") as full:
        process = _nhiown("check", str(EXAMPLE), stdout=full)
    assert process.returncode == 2
    assert process.stderr.splitlines() == [
        "nhiown: error: cannot write to standard output: No space left on device;"
        " the output is incomplete"
    ]


def test_a_closed_stdout_refuses_before_editing(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = inventory.read_bytes()
    process = _nhiown(
        "rotate", "payments-stripe-key", str(inventory), cwd=tmp_path,
        preexec_fn=lambda: os.close(1),  # as `>&-` in a shell
    )
    assert process.returncode == 2
    assert "standard output is closed" in process.stderr
    assert inventory.read_bytes() == before


@pytest.mark.parametrize(("written", "shown"), [("1.0", "1.0"), ("true", "true")])
def test_version_is_the_integer_1(
    inventory_file: MakeInventory, written: str, shown: str
) -> None:
    path = inventory_file(f"version: {written}\nidentities: []\n")
    findings = json.loads(cli("check", str(path), "-f", "json").stdout)["findings"]
    assert [(f["rule"], f["message"]) for f in findings] == [
        ("SCH001", f"version: expected 1, got {shown}")
    ]
    inventory_file(f"version: {written}\n", name=".nhiown.yaml")
    one_error(cli("check", str(path)), f"version: expected 1, got {shown}")


def test_a_number_below_its_bound_says_the_bound(inventory_file: MakeInventory) -> None:
    path = inventory_file("identities: []\npolicy:\n  max_scopes: -1\n")
    findings = json.loads(cli("check", str(path), "-f", "json").stdout)["findings"]
    assert [f["message"] for f in findings] == [
        "policy.max_scopes: must be at least 0, got -1"
    ]


@pytest.mark.parametrize("args", [
    ["check", ""], ["check", "--config", ""], ["check", "-o", ""],
    ["check", "--baseline", ""], ["due", ""], ["show", "bot-one", ""], ["init", ""],
])
def test_an_empty_path_is_refused_not_the_working_directory(
    inventory_file: MakeInventory, args: list[str]
) -> None:
    inventory_file(BOT)
    one_error(cli(*args), "empty path")


def test_a_config_that_is_a_device_says_so(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT)
    one_error(cli("check", str(path), "--config", os.devnull),
              f"{os.devnull}: not a regular file or directory")


def test_a_quoted_date_with_spaces_says_so(inventory_file: MakeInventory) -> None:
    path = inventory_file(BOT.replace("expires: 2027-01-01", 'expires: "2027-01-01 "'))
    findings = json.loads(cli("check", str(path), "-f", "json").stdout)["findings"]
    assert [f["message"] for f in findings if f["rule"] == "SCH001"] == [
        "expires: '2027-01-01 ' has spaces around it; write YYYY-MM-DD alone"
    ]


def test_a_closed_stderr_keeps_errors_out_of_the_report(tmp_path: Path) -> None:
    process = _nhiown(
        "check", "-f", "json", str(tmp_path / "nope.yaml"), stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),  # as `2>&-` in a shell
    )
    assert process.returncode == 2
    assert process.stdout == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_unwritable_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [sys.executable, "-m", "nhiown", "check", str(tmp_path / "nope.yaml")],
            stderr=full, stdout=subprocess.PIPE, text=True,
        )
    assert process.returncode == 2


@pytest.mark.parametrize(("columns", "width"), [
    ("99999999999999999999", 1000), ("100000000", 1000), ("5", 40), ("120", 120),
])
def test_columns_are_bounded(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert display_for(no_color=True, output=Path("report.txt")).width == width


@pytest.mark.parametrize("selector", ["", ",", " , "])
def test_a_selector_with_no_code_is_refused(
    inventory_file: MakeInventory, selector: str
) -> None:
    path = inventory_file(BOT)
    for option in ("--select", "--ignore"):
        one_error(cli("check", str(path), option, selector), "no rule code in")
