"""Baselines: known findings pass, new ones fail, fixed ones are stale."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from nhiown import baseline
from nhiown.findings import BaselineEntry, Finding, Report, Severity
from tests.conftest import CLEAN_IDENTITY
from tests.format_cases import FIXTURE, check, place

TEXT = FIXTURE.read_text(encoding="utf-8")


def _json(*args: str) -> dict[str, Any]:
    return json.loads(check("--format", "json", *args).stdout)


@pytest.fixture
def recorded(inventory_file: Any, tmp_path: Path) -> Path:
    """The formats fixture as inventory.yaml, with its baseline in base.json."""
    inventory_file(TEXT)
    result = check("--write-baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "4 finding(s) recorded in base.json" in result.stderr
    return tmp_path / "base.json"


def test_the_baseline_file_is_sorted_keyed_json(recorded: Path) -> None:
    data = json.loads(recorded.read_text(encoding="utf-8"))
    assert data == {"version": 1, "findings": [
        {"rule": "SCH001", "name": "schema", "identity": None, "field": "",
         "file": "inventory.yaml", "message": "unknown top-level key 'extras'"},
        {"rule": "LIF003", "name": "lifetime-too-long", "identity": "messy-bot",
         "field": "expires"},
        {"rule": "REV001", "name": "review-overdue", "identity": "messy-bot",
         "field": "review.next"},
        {"rule": "SCH001", "name": "schema", "identity": "messy-bot",
         "field": "odd|key,100%: <b>"},
    ]}


def test_writing_twice_and_on_a_later_day_gives_the_same_bytes(recorded: Path) -> None:
    first = recorded.read_bytes()
    later = check("--today", "2027-01-05", "--write-baseline", "again.json",
                  "inventory.yaml")
    assert later.exit_code == 0
    assert (recorded.parent / "again.json").read_bytes() == first


def test_known_findings_pass(recorded: Path) -> None:
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 0
    report = _json("--baseline", "base.json", "inventory.yaml")
    assert report["findings"] == []
    assert report["summary"]["errors"] == 0
    assert report["baseline"] == {"file": "base.json", "known": 4, "stale": []}
    assert [w["rule"] for w in report["waived"]] == ["SCP001"]


def test_a_baseline_saved_with_a_bom_reads_the_same(recorded: Path) -> None:
    recorded.write_bytes(b"\xef\xbb\xbf" + recorded.read_bytes())
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 0, result.stderr


def test_a_new_finding_fails_alone(recorded: Path, inventory_file: Any) -> None:
    inventory_file(TEXT.replace("scopes: [repo:read]\n    offboarding: {triggers: "
                                "[workflow_retired]}\n  - id: messy-bot",
                                "scopes: [repo:read, admin]\n    offboarding: "
                                "{triggers: [workflow_retired]}\n  - id: messy-bot"))
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 1
    report = _json("--baseline", "base.json", "inventory.yaml")
    assert [(f["rule"], f["identity"]) for f in report["findings"]] == [
        ("SCP001", "clean-bot")
    ]


def test_editing_another_identity_does_not_resurrect_old_findings(
    recorded: Path, inventory_file: Any
) -> None:
    # Lines move: a new identity and comments above the known findings.
    shifted = TEXT.replace(
        "identities:\n",
        "identities:\n  # a new identity, first\n"
        + CLEAN_IDENTITY.replace("clean-bot", "brand-new-bot"),
        1,
    ).replace("extras:", "# moved\n\nextras:")
    inventory_file(shifted)
    assert _json("inventory.yaml")["findings"][1]["line"] != 34
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 0
    assert _json("--baseline", "base.json", "inventory.yaml")["findings"] == []


def test_a_fixed_finding_is_reported_stale_without_failing(
    recorded: Path, inventory_file: Any
) -> None:
    inventory_file(TEXT.replace("next: 2026-04-10", "next: 2027-01-10"))
    table = check("--baseline", "base.json", "inventory.yaml")
    assert table.exit_code == 0
    assert "Stale baseline entries" in table.stdout
    assert "REV001 review-overdue messy-bot review.next" in table.stdout
    assert "1 stale" in table.stdout
    report = _json("--baseline", "base.json", "inventory.yaml")
    assert report["baseline"]["known"] == 3
    assert report["baseline"]["stale"] == [
        {"rule": "REV001", "name": "review-overdue", "identity": "messy-bot",
         "field": "review.next"}
    ]
    markdown = check("--format", "markdown", "--baseline", "base.json",
                     "inventory.yaml").stdout
    assert "### Stale baseline entries (1)" in markdown


def test_findings_of_no_identity_match_from_any_folder_of_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    place(tmp_path / "infra")
    monkeypatch.chdir(tmp_path)
    assert check("--write-baseline", "base.json", "infra").exit_code == 0
    monkeypatch.chdir(tmp_path / "infra")
    result = check("--baseline", "../base.json", "inventory.yaml")
    assert result.exit_code == 0, result.stdout


def test_repeated_keys_are_counted() -> None:
    def secret(line: int) -> Finding:
        return Finding("inventory.yaml", line, 5, "SEC001", "bot", "looks like a key",
                       Severity.ERROR, "secret-in-inventory")

    report = Report(dt.date(2026, 12, 3), 1, (secret(3), secret(9)))
    known = [BaselineEntry("bot", "SEC001", "", name="secret-in-inventory")]
    filtered = baseline.apply(report, known, "b.json")
    assert [f.line for f in filtered.findings] == [9]
    assert filtered.baseline is not None and filtered.baseline.known == 1
    twice = baseline.apply(report, known * 3, "b.json")
    assert twice.findings == ()
    assert twice.baseline is not None and len(twice.baseline.stale) == 1


@pytest.mark.parametrize(("content", "message"), [
    (None, "base.json: baseline file not found (hint: record one with"),
    ('{"version": 1,\n  "findings": [}', "base.json:2:16: baseline is not JSON"),
    ('{"version": 2, "findings": []}',
     "base.json: not an nhiown baseline: version: expected the integer 1, found 2"),
    ('{"version": true, "findings": []}',
     "version: expected the integer 1, found true"),
    ('{"version": 1.0, "findings": []}', "version: expected the integer 1, found 1.0"),
    ('{"version": "1", "findings": []}', 'version: expected the integer 1, found "1"'),
    ('{"findings": []}', "not an nhiown baseline: version is missing; expected 1"),
    ('{"version": 1}', "findings is missing; expected a list of entries"),
    ('{"version": 1, "findings": {}}',
     "findings: expected a list of entries, found an object"),
    ('{"version": 1, "findings": [], "today": "x"}',
     'unknown key "today" at the top level; expected only version, findings'),
    ('{"version": 1, "version": 1, "findings": []}',
     'key "version" appears twice in one object'),
    ('{"version": 1, "findings": [{"rule": "REV001"}]}',
     "not an nhiown baseline: findings[0]: identity is missing (null for a finding"
     " of no identity)"),
    ('{"version": 1, "findings": [{"rule": "SCH001", "identity": null}]}',
     "findings[0]: the SCH001 entry of no identity (identity null) needs file and"
     " message"),
    ('{"version": 1, "findings": [3]}',
     "findings[0]: expected an object with rule, identity and field, found 3"),
    ('{"version": 1, "findings": [{"rule": "REV001", "identity": "a", "field": 3}]}',
     'findings[0] (identity "a"): field: expected a string, found 3'),
    ('{"version": 1, "findings": [{"rule": null, "identity": null}]}',
     "findings[0]: rule: expected a string, found null"),
    ('{"version": 1, "findings": [{"rule": "REV001", "identity": "a", "x\\n": 1}]}',
     'unknown key "x\\n" in findings[0] (identity "a"); expected only rule, name,'
     " identity, field, file, message"),
    ("[]", "base.json: not an nhiown baseline: expected an object with version and"
     " findings, found a list"),
    ('"x"', 'expected an object with version and findings, found "x"'),
    ("[" * 100_000, "base.json: baseline is not JSON: lists or objects nested too"
     " deeply"),
    ('{"version": ' + "1" * 5000 + "}",
     "base.json: baseline is not JSON: a number with too many digits"),
])
def test_a_missing_or_bad_baseline_exits_2(
    inventory_file: Any, tmp_path: Path, content: str | None, message: str
) -> None:
    inventory_file(TEXT)
    if content is not None:
        (tmp_path / "base.json").write_text(content, encoding="utf-8")
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("nhiown: error: ")
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert "Input should" not in result.stderr


def test_an_entry_of_an_unknown_rule_is_an_error_not_dropped(
    recorded: Path,
) -> None:
    data = json.loads(recorded.read_text(encoding="utf-8"))
    data["findings"][2]["rule"] = "REV01"
    recorded.write_text(json.dumps(data), encoding="utf-8")
    result = check("--baseline", "base.json", "inventory.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        'nhiown: error: base.json: baseline entry findings[2] (identity "messy-bot"):'
        ' unknown rule code "REV01" (hint: `nhiown rules` lists the codes)\n'
    )


def test_baseline_and_write_baseline_together_is_a_usage_error(recorded: Path) -> None:
    result = check("--baseline", "base.json", "--write-baseline", "base.json",
                   "inventory.yaml")
    assert result.exit_code == 2
    assert "cannot be used together" in result.stderr


def test_a_known_finding_now_waived_is_stale(
    recorded: Path, inventory_file: Any
) -> None:
    waiver = (
        "    exceptions:\n"
        "      - {rule: REV001, reason: Review booked, approved_by: dana@example.com,"
        " expires: 2027-01-31}\n"
    )
    inventory_file(TEXT.replace('    "odd|key', waiver + '    "odd|key'))
    report = _json("--baseline", "base.json", "inventory.yaml")
    waived = [(w["rule"], w["identity"]) for w in report["waived"]]
    assert ("REV001", "messy-bot") in waived
    assert [(e["rule"], e["identity"]) for e in report["baseline"]["stale"]] == [
        ("REV001", "messy-bot")
    ]
    assert report["findings"] == []


def test_swapping_one_privileged_scope_for_another_is_a_new_finding(
    inventory_file: Any,
) -> None:
    text = "identities:\n" + CLEAN_IDENTITY.replace(
        "scopes: [repo:read]", "scopes: [repo:read, admin]"
    )
    path = inventory_file(text)
    assert check("--write-baseline", "base.json", path.name).exit_code == 0
    fields = [e["field"] for e in json.loads(Path("base.json").read_text())["findings"]]
    assert fields == ["scopes['admin']"]
    path.write_text(text.replace("admin]", "'iam:*']"), encoding="utf-8")
    assert check("--baseline", "base.json", path.name).exit_code == 1
    path.write_text(text.replace("[repo:read, admin]", "[admin]"), encoding="utf-8")
    assert check("--baseline", "base.json", path.name).exit_code == 0


def test_rules_left_out_by_select_are_not_stale(recorded: Path) -> None:
    report = _json("--baseline", "base.json", "--select", "LIF", "inventory.yaml")
    assert report["baseline"]["stale"] == []


@pytest.mark.parametrize("flag", ["--output", "-o"])
def test_the_report_never_overwrites_the_baseline(recorded: Path, flag: str) -> None:
    before = recorded.read_bytes()
    result = check("--baseline", "base.json", flag, "base.json", "--format", "json",
                   "inventory.yaml")
    assert result.exit_code == 2
    assert "--output base.json is an input of this run" in result.stderr
    assert recorded.read_bytes() == before
    assert check("--baseline", "base.json", "inventory.yaml").exit_code == 0


def test_the_report_never_overwrites_the_baseline_through_a_link(
    recorded: Path,
) -> None:
    (recorded.parent / "link.json").symlink_to(recorded)
    before = recorded.read_bytes()
    result = check("--baseline", "base.json", "-o", "link.json", "inventory.yaml")
    assert result.exit_code == 2
    assert "input of this run" in result.stderr
    assert recorded.read_bytes() == before


@pytest.mark.parametrize("extra", [
    ["-o", "new.json"], ["-o", "base.json"], ["-o", "report.txt"], ["-f", "json"],
])
def test_write_baseline_takes_no_report_options(
    recorded: Path, extra: list[str]
) -> None:
    before = recorded.read_bytes()
    result = check("--write-baseline", "base.json", *extra, "inventory.yaml")
    assert result.exit_code == 2
    assert "--write-baseline writes no report" in result.stderr
    assert recorded.read_bytes() == before
    assert not (recorded.parent / "new.json").exists()
    assert not (recorded.parent / "report.txt").exists()
