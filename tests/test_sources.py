"""Which files an inventory is: the default paths, and each real file once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CLEAN_IDENTITY, MakeInventory, cli, one_error

BOT = "identities:\n" + CLEAN_IDENTITY
TODAY = ("--today", "2026-12-03")


def summary(*args: str) -> tuple[int, int, list[str]]:
    """Exit code, identities checked and the rules of the findings of check."""
    result = cli("check", *args, *TODAY, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    return (result.exit_code, data["summary"]["identities"],
            [f["rule"] for f in data["findings"]])


# Default paths


def test_inventory_yaml_is_the_default(inventory_file: MakeInventory) -> None:
    inventory_file(BOT)
    assert summary() == (0, 1, [])


def test_inventory_folder_is_the_default_without_inventory_yaml(
    inventory_file: MakeInventory,
) -> None:
    inventory_file(BOT, "inventory/a.yaml")
    assert summary() == (0, 1, [])


@pytest.mark.parametrize("command", [["check"], ["due"]])
def test_inventory_yaml_beside_the_folder_wins_with_a_warning(
    inventory_file: MakeInventory, command: list[str]
) -> None:
    # The contract's order; said aloud, as the folder's identities go unread.
    inventory_file("identities: []\n")
    inventory_file(BOT, "inventory/a.yaml")
    result = cli(*command, *TODAY)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "nhiown: warning: both inventory.yaml and inventory/ exist here; reading"
        " inventory.yaml only (give the PATH to read inventory/)"
    ]


def test_a_path_chooses_between_inventory_yaml_and_the_folder(
    inventory_file: MakeInventory,
) -> None:
    inventory_file("identities: []\n")
    inventory_file(BOT, "inventory/a.yaml")
    assert summary("inventory")[1] == 1
    assert summary("inventory.yaml")[1] == 0


def test_a_broken_link_named_inventory_yaml_is_named_not_passed_over(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    (tmp_path / "inventory.yaml").symlink_to("gone.yaml")
    one_error(cli("check"), "inventory.yaml: broken symbolic link")


def test_no_default_inventory_is_an_error(inventory_file: MakeInventory) -> None:
    one_error(cli("check"), "no inventory found", "nhiown init")


# Each real file once


def test_a_link_to_a_file_in_the_folder_is_read_once(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT, "d/b.yaml")
    (tmp_path / "d" / "c.yaml").symlink_to("b.yaml")
    (tmp_path / "d" / "a.yaml").symlink_to("b.yaml")
    result = cli("check", "d", *TODAY, "-f", "json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["summary"]["identities"] == 1
    assert data["findings"] == []


def test_the_first_name_in_sorted_order_is_the_one_kept(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT.replace("approval: {by: carol@example.com, ",
                               "approval: {"), "d/b.yaml")
    (tmp_path / "d" / "a.yaml").symlink_to("b.yaml")
    result = cli("check", "d", *TODAY, "-f", "json")
    files = {f["file"] for f in json.loads(result.stdout)["findings"]}
    assert files == {"d/a.yaml"}


def test_a_hard_link_is_read_once(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT, "d/a.yaml")
    os.link(tmp_path / "d" / "a.yaml", tmp_path / "d" / "h.yaml")
    assert summary("d") == (0, 1, [])


def test_two_spellings_of_one_file_are_read_once(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT, "e/real/a.yaml")
    (tmp_path / "e" / "link").symlink_to("real")
    assert summary("e/real/a.yaml", "e/link/a.yaml") == (0, 1, [])
    assert summary("e/real/a.yaml", "e/real", "./e/real/a.yaml") == (0, 1, [])


def test_an_edit_finds_an_identity_reached_through_two_names(
    inventory_file: MakeInventory, tmp_path: Path
) -> None:
    inventory_file(BOT, "d/a.yaml")
    (tmp_path / "d" / "b.yaml").symlink_to("a.yaml")
    result = cli("show", "clean-bot", "d", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert "clean-bot" in result.stdout


def test_two_copies_of_one_identity_are_still_two(
    inventory_file: MakeInventory,
) -> None:
    inventory_file(BOT, "d/a.yaml")
    inventory_file(BOT, "d/b.yaml")
    code, count, found = summary("d")
    assert (code, count, found) == (1, 2, ["SCH002", "SCH002"])
