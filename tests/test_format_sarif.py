"""--format sarif: valid SARIF 2.1.0 that GitHub code scanning can place."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nhiown.formats import Display, sarif
from nhiown.rules import REGISTRY
from tests.conftest import CLEAN_IDENTITY, TODAY, run
from tests.format_cases import FIXTURE, check, place

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
NEGATIVE = sorted((Path(__file__).parent / "fixtures" / "negative").glob("*.yaml"))


@cache
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # FormatChecker() also checks uri-reference, which SARIF uses for paths.
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _assert_valid(log: dict[str, Any]) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(log)]
    assert errors == []


def _log(inventory_file: Any) -> dict[str, Any]:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    result = check("--format", "sarif", "inventory.yaml")
    assert result.exit_code == 1
    return json.loads(result.stdout)


def test_fixture_log_is_valid_sarif(inventory_file: Any) -> None:
    _assert_valid(_log(inventory_file))


def test_the_schema_check_catches_a_broken_log(inventory_file: Any) -> None:
    log = _log(inventory_file)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"]["uri"] = "not a uri"
    del location["region"]["startLine"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert len(list(_validator().iter_errors(log))) >= 2


def test_one_result_per_finding_and_waived_at_its_line_and_column(
    inventory_file: Any,
) -> None:
    log = _log(inventory_file)
    report = json.loads(check("--format", "json", "inventory.yaml").stdout)
    expected = sorted(
        (f["rule"], f["severity"], f["line"], f["column"])
        for f in report["findings"] + report["waived"]
    )
    results = log["runs"][0]["results"]
    found = sorted(
        (r["ruleId"], r["level"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in results
    )
    assert found == expected
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results} == {"inventory.yaml"}
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
        == "SRCROOT" for r in results
    )


def test_waived_finding_is_a_suppressed_result_with_the_reason(
    inventory_file: Any,
) -> None:
    results = _log(inventory_file)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["SCP001"]
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"] == "The vendor API | offers no narrower scope"
    assert suppressed[0]["message"]["text"].startswith("waived-bot: ")


def test_every_rule_used_is_described_from_the_registry(inventory_file: Any) -> None:
    run_ = _log(inventory_file)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["SCH001", "REV001", "LIF003", "SCP001"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    for described in rules:
        rule = REGISTRY[described["id"]]
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.summary
        assert described["help"]["text"] == rule.doc
        assert described["fullDescription"]["text"]
        assert described["fullDescription"]["text"] != rule.summary
        assert described["defaultConfiguration"]["level"] == rule.severity.value
    by_id = {r["id"]: r for r in rules}
    assert "security-severity" not in by_id["SCH001"].get("properties", {})
    assert float(by_id["SCP001"]["properties"]["security-severity"]) >= 7.0
    assert float(by_id["LIF003"]["properties"]["security-severity"]) < 7.0
    assert "security" in by_id["REV001"]["properties"]["tags"]


def test_paths_are_from_the_repository_root_when_run_in_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    place(tmp_path / "infra")
    monkeypatch.chdir(tmp_path / "infra")
    log = json.loads(check("--format", "sarif", "inventory.yaml").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"infra/inventory.yaml"}


def test_a_file_outside_the_repository_gets_a_file_uri(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    path = place(tmp_path / "elsewhere")
    report = run(path, TODAY)
    log = json.loads(sarif.render_at(report, tmp_path / "repo", Path.cwd()))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": path.resolve().as_uri()}
    _assert_valid(log)


def test_a_clean_inventory_is_a_valid_log_with_no_results(inventory_file: Any) -> None:
    inventory_file("identities:\n" + CLEAN_IDENTITY)
    result = check("--format", "sarif", "inventory.yaml")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    _assert_valid(log)


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_every_negative_fixture_gives_valid_sarif(path: Path) -> None:
    report = run(path, TODAY)
    log = json.loads(sarif.render(report, Display()))
    _assert_valid(log)
    assert len(log["runs"][0]["results"]) == len(report.findings) + len(report.waived)


def test_section_reads_one_heading_of_a_rule_doc() -> None:
    doc = "Summary.\n\n## What it does\nFires when\nit fires.\n\n## Why?\nX."
    assert sarif.section(doc, "What it does") == "Fires when it fires."
    assert sarif.section(doc, "Known problems") == ""
