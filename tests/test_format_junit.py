"""--format junit: suites per file, cases per identity, a failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from tests.conftest import CLEAN_IDENTITY
from tests.format_cases import FIXTURE, check


def _tree(*paths: str) -> ET.Element:
    result = check("--format", "junit", *paths)
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(result.stdout)


def test_counts_cases_and_failures(inventory_file: Any) -> None:
    inventory_file(FIXTURE.read_text(encoding="utf-8"))
    root = _tree("inventory.yaml")
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "inventory.yaml"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["(file)", "clean-bot", "messy-bot", "waived-bot"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        "4", "2", "0"
    )
    assert (root.get("tests"), root.get("failures")) == ("4", "2")
    assert [f.get("type") for f in cases["messy-bot"].findall("failure")] == [
        "LIF003", "REV001", "SCH001"
    ]
    assert [f.get("type") for f in cases["(file)"].findall("failure")] == ["SCH001"]
    for name in ("clean-bot", "waived-bot"):
        assert cases[name].findall("failure") == []
    out = cases["waived-bot"].find("system-out")
    assert out is not None and "waived SCP001" in (out.text or "")
    messy = cases["messy-bot"]
    assert messy.get("classname") == "inventory"
    assert messy.get("file") == "inventory.yaml"
    failure = messy.findall("failure")[1]
    assert failure.get("message") == (
        "REV001 review-overdue: review was due 2026-04-10 (237 days ago)"
    )
    assert (failure.text or "").startswith("inventory.yaml:35:38: error REV001")


def test_a_suite_per_file_and_passing_cases_for_clean_identities(
    inventory_file: Any,
) -> None:
    inventory_file("identities:\n" + CLEAN_IDENTITY, "inventory/a.yaml")
    other = CLEAN_IDENTITY.replace("clean-bot", "other-bot")
    inventory_file("identities:\n" + other, "inventory/b.yml")
    root = _tree("inventory")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["inventory/a.yaml", "inventory/b.yml"]
    assert [[c.get("name") for c in s.findall("testcase")] for s in suites] == [
        ["clean-bot"], ["other-bot"]
    ]
    assert [s.findall("testcase")[0].get("classname") for s in suites] == [
        "inventory/a", "inventory/b"
    ]
    assert (root.get("tests"), root.get("failures")) == ("2", "0")


def test_an_id_that_looks_like_a_secret_is_one_masked_case(inventory_file: Any) -> None:
    token = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789"
    inventory_file("identities:\n" + CLEAN_IDENTITY.replace("clean-bot", token))
    result = check("--format", "junit", "inventory.yaml")
    assert token not in result.stdout
    (suite,) = ET.fromstring(result.stdout).findall("testsuite")
    assert [c.get("name") for c in suite.findall("testcase")] == ["<redacted secret>"]
    assert suite.get("tests") == "1"
