"""``nhiown gate`` on real git repositories built in each test.

The base commit holds tests/fixtures/gate: billing-deployer (high tier, owned
by alice and bob, approved and reviewed by carol of security) and legacy-bot,
whose review is long overdue: old debt that no change should be blamed for.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import cli, one_error

FIXTURES = Path(__file__).parent / "fixtures" / "gate"
INVENTORY = (FIXTURES / "inventory.yaml").read_text(encoding="utf-8")
PEOPLE = (FIXTURES / "nhiown.yaml").read_text(encoding="utf-8")
TODAY = ("--today", "2026-12-03")

ALICE = "alice@example.com"  # business owner of billing-deployer
BOB = "bob@example.com"  # technical owner of billing-deployer
CAROL = "carol@example.com"  # security reviewer, owns nothing
MALLORY = "mallory@example.com"  # owns nothing, reviews nothing


class Repo:
    """A git repository in a temporary folder, with commits by chosen authors."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=self.env, capture_output=True,
            text=True, check=True,
        )
        return result.stdout

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        text = (self.root / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        self.write(name, text.replace(old, new))

    def commit(self, author: str, message: str = "change") -> None:
        self.git("add", "-A")
        self.git(
            "-c", f"user.email={author}", "-c", "user.name=Someone",
            "-c", "commit.gpgsign=false", "commit", "-q", "-m", message,
        )

    def where(self, name: str, fragment: str, occurrence: int = 1) -> tuple[int, int]:
        """1-based (line, column) of the n-th line holding ``fragment``."""
        lines = (self.root / name).read_text(encoding="utf-8").splitlines()
        found = [(n, line.index(fragment) + 1) for n, line in enumerate(lines, 1)
                 if fragment in line]
        return found[occurrence - 1]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository whose first commit (branch main) is the fixture inventory.

    Git sees neither the user's nor the system's configuration, and stops
    looking for a repository above the temporary folder.
    """
    root = tmp_path / "repo"
    root.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_EMAIL",
                 "GIT_COMMITTER_EMAIL", "NHIOWN_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(root)
    made = Repo(root, dict(os.environ))
    made.git("init", "-q", "-b", "main")
    made.write(".nhiown.yaml", PEOPLE)
    made.write("inventory.yaml", INVENTORY)
    made.commit(CAROL, "inventory")
    made.git("checkout", "-q", "-b", "change")
    return made


def gate(*args: str) -> tuple[int, list[tuple[str, str | None, str, int, int]], dict]:
    """Exit code, (rule, identity, file, line, column) findings and the JSON."""
    result = cli("gate", "--base", "main", "--format", "json", *TODAY, *args)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    found = [(f["rule"], f["identity"], f["file"], f["line"], f["column"])
             for f in data["findings"]]
    return result.exit_code, found, data


def rules(found: list[tuple[str, str | None, str, int, int]]) -> list[str]:
    return [rule for rule, *_ in found]


# CHG001 self-extension


def test_owner_extending_alone_fails_at_the_expires_line(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(BOB)
    code, found, data = gate()
    line, column = repo.where("inventory.yaml", "2027-09-30")
    assert code == 1
    assert found == [("CHG001", "billing-deployer", "inventory.yaml", line, column)]
    assert "by bob@example.com, an owner" in data["findings"][0]["message"]
    assert "from 2027-06-30 to 2027-09-30" in data["findings"][0]["message"]


def test_owner_extending_with_a_fresh_independent_review_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.edit("inventory.yaml", "review: {last: 2026-11-20, next: 2027-02-15",
              "review: {last: 2026-12-01, next: 2027-02-28")
    repo.commit(BOB)
    assert gate()[:2] == (0, [])


@pytest.mark.parametrize(
    "approval_date",
    ["2020-01-01", "2099-01-01", "2026-02-30"],
    ids=["earlier", "in-the-future", "not-a-date"],
)
def test_re_dating_an_old_approval_approves_nothing(
    repo: Repo, approval_date: str
) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.edit("inventory.yaml", "date: 2026-10-01", f"date: {approval_date}")
    repo.commit(BOB)
    assert "CHG001" in rules(gate()[1])


@pytest.mark.parametrize("reviewer", ["zed@example.com", "dana@example.com"],
                         ids=["not-in-people", "departed"])
def test_a_reviewer_who_is_not_a_current_person_is_not_independent(
    repo: Repo, reviewer: str
) -> None:
    repo.edit(".nhiown.yaml", "{id: dana@example.com, team: platform}",
              "{id: dana@example.com, team: platform, status: departed}")
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.edit("inventory.yaml",
              "review: {last: 2026-11-20, next: 2027-02-15, by: carol",
              f"review: {{last: 2026-12-01, next: 2027-02-28, by: {reviewer}")
    repo.commit(BOB)
    assert "CHG001" in rules(gate()[1])


def test_owner_extending_with_an_old_approval_only_still_fails(repo: Repo) -> None:
    # carol's review is the base's: nobody independent looked at this change.
    repo.edit("inventory.yaml", "next: 2027-02-15", "next: 2027-02-18")
    repo.commit(ALICE)
    code, found, _ = gate()
    assert code == 1
    assert found == [("CHG001", "billing-deployer", "inventory.yaml",
                      *repo.where("inventory.yaml", "2027-02-18"))]


def test_owner_recording_their_own_review_is_no_independent_approver(
    repo: Repo,
) -> None:
    repo.edit("inventory.yaml", "2026-11-20, next: 2027-02-15, by: carol",
              "2026-12-01, next: 2027-03-01, by: bob")
    repo.commit(BOB)
    _, found, _ = gate()
    assert "CHG001" in rules(found)
    assert "OWN004" in rules(found)  # the touched identity is checked too


def test_security_reviewer_extending_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(CAROL)
    assert gate()[:2] == (0, [])


def test_author_override_replaces_the_commit_authors(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(CAROL)
    assert rules(gate("--author", BOB)[1]) == ["CHG001"]
    assert gate("--author", MALLORY, "--author", CAROL)[:2] == (0, [])


def test_authors_match_people_by_alias_and_case(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit("Bob-GH@users.noreply.github.com")
    assert rules(gate()[1]) == ["CHG001"]


def test_shortening_or_first_setting_a_date_is_no_extension(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-03-31")
    repo.commit(BOB)
    assert gate()[:2] == (0, [])


def test_removing_the_expiry_is_an_extension(repo: Repo) -> None:
    repo.edit("inventory.yaml", "    expires: 2027-06-30\n", "")
    repo.commit(BOB)
    _, found, data = gate()
    first_id_line = repo.where("inventory.yaml", "id: billing-deployer")
    assert ("CHG001", "billing-deployer", "inventory.yaml", *first_id_line) in found
    assert "LIF002" in rules(found)
    messages = [f["message"] for f in data["findings"] if f["rule"] == "CHG001"]
    assert messages == [
        "expires removed (was 2027-06-30) by bob@example.com, an owner, with no"
        " independent approver recorded in the change"
    ]


def _add_exception(repo: Repo, code: str) -> None:
    """A waiver of ``code`` for billing-deployer, expiring 2027-01-31."""
    repo.edit(
        "inventory.yaml",
        "    offboarding: {triggers: [workflow_retired]}\n  - id: legacy",
        "    offboarding: {triggers: [workflow_retired]}\n"
        "    exceptions:\n"
        f"      - {{rule: {code}, reason: Vendor API, approved_by: dana@example.com,"
        " expires: 2027-01-31}\n"
        "  - id: legacy",
    )


def test_owner_retiring_their_identity_extends_nothing(repo: Repo) -> None:
    repo.edit("inventory.yaml", "    expires: 2027-06-30\n",
              "    status: retired\n    retired: 2026-12-01\n")
    repo.edit("inventory.yaml", "last_rotated: 2026-11-20}",
              "last_rotated: 2026-11-20, revoked: 2026-12-01}")
    repo.commit(BOB)
    assert gate()[:2] == (0, [])


def test_owner_adding_an_exception_extends_a_waiver(repo: Repo) -> None:
    _add_exception(repo, "SCP002")
    repo.commit(BOB)
    _, found, _ = gate()
    line, column = repo.where("inventory.yaml", "2027-01-31")
    assert ("CHG001", "billing-deployer", "inventory.yaml", line, column) in found


# CHG002 scope-widened


def test_scope_added_without_approval_fails_at_the_new_scope(repo: Repo) -> None:
    repo.edit("inventory.yaml", "[repo:read]", "[repo:read, hooks:write]")
    repo.commit(CAROL)
    code, found, _ = gate()
    assert code == 1
    assert found == [("CHG002", "billing-deployer", "inventory.yaml",
                      *repo.where("inventory.yaml", "hooks:write"))]


def test_scope_added_with_independent_approval_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", "[repo:read]", "[repo:read, hooks:write]")
    repo.edit("inventory.yaml", "approval: {by: carol@example.com, date: 2026-10-01",
              "approval: {by: dana@example.com, date: 2026-12-01")
    repo.commit(BOB)
    assert gate()[:2] == (0, [])


def test_approval_by_an_author_is_not_independent(repo: Repo) -> None:
    repo.edit("inventory.yaml", "[repo:read]", "[repo:read, hooks:write]")
    repo.edit("inventory.yaml", "approval: {by: carol@example.com, date: 2026-10-01",
              "approval: {by: mallory@example.com, date: 2026-12-01")
    repo.commit(MALLORY)
    assert rules(gate()[1]) == ["CHG002"]


def test_tier_lowered_fails_at_risk_tier(repo: Repo) -> None:
    repo.edit("inventory.yaml", "risk_tier: high", "risk_tier: medium")
    repo.commit(CAROL)
    code, found, data = gate()
    assert code == 1
    assert found == [("CHG002", "billing-deployer", "inventory.yaml",
                      *repo.where("inventory.yaml", "medium"))]
    assert "lowered from high to medium" in data["findings"][0]["message"]


def test_tier_raised_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", "risk_tier: low", "risk_tier: medium")
    repo.edit("inventory.yaml", "review: {last: 2025-06-01, next: 2026-06-01",
              "review: {last: 2026-12-01, next: 2027-05-01")
    repo.commit(CAROL)
    code, found, _ = gate()
    assert code == 0
    assert "CHG002" not in rules(found)


# CHG003 identity-removed


def _without_legacy_bot(repo: Repo) -> None:
    text = (repo.root / "inventory.yaml").read_text(encoding="utf-8")
    repo.write("inventory.yaml", text[: text.index("  - id: legacy-bot")])


def test_deleting_an_active_identity_fails_at_its_old_id_line(repo: Repo) -> None:
    base_line = repo.where("inventory.yaml", "id: legacy-bot")
    _without_legacy_bot(repo)
    repo.commit(CAROL)
    code, found, _ = gate()
    assert code == 1
    assert found == [("CHG003", "legacy-bot", "inventory.yaml", *base_line)]


def test_deleting_an_identity_retired_at_the_base_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", "    credential: {type: keyless}\n",
              "    credential: {type: keyless}\n    status: retired\n"
              "    retired: 2026-12-01\n")
    repo.commit(CAROL, "retire legacy-bot")
    repo.git("branch", "-f", "main")
    _without_legacy_bot(repo)
    repo.commit(CAROL, "remove legacy-bot")
    assert gate()[:2] == (0, [])


def test_removal_names_the_file_it_was_removed_from(repo: Repo) -> None:
    text = (repo.root / "inventory.yaml").read_text(encoding="utf-8")
    cut = text.index("  - id: legacy-bot")
    repo.write("inventory/main.yaml", text[:cut])
    repo.write("inventory/legacy.yaml", "identities:\n" + text[cut:])
    (repo.root / "inventory.yaml").unlink()
    repo.commit(CAROL, "split")
    repo.git("branch", "-f", "main")
    (repo.root / "inventory" / "legacy.yaml").unlink()
    repo.commit(CAROL, "drop")
    _, found, _ = gate("inventory")
    assert found == [("CHG003", "legacy-bot", "inventory/legacy.yaml", 2, 5)]


def test_moving_an_identity_between_files_is_no_change(repo: Repo) -> None:
    text = (repo.root / "inventory.yaml").read_text(encoding="utf-8")
    cut = text.index("  - id: legacy-bot")
    repo.write("inventory/main.yaml", text[:cut])
    repo.write("inventory/legacy.yaml", "identities:\n" + text[cut:])
    (repo.root / "inventory.yaml").unlink()
    repo.commit(CAROL, "split")
    repo.git("branch", "-f", "main")
    repo.write("inventory/main.yaml", text)
    repo.write("inventory/legacy.yaml", "identities: []\n")
    repo.commit(CAROL, "merge back")
    code, found, data = gate("inventory")
    assert (code, found) == (0, [])
    assert data["summary"]["identities"] == 0


# CHG004 owner-self-assigned


def test_author_making_themself_owner_fails_at_the_owner(repo: Repo) -> None:
    repo.edit("inventory.yaml", f"technical: {BOB}", f"technical: {MALLORY}")
    repo.commit(MALLORY)
    code, found, data = gate()
    assert code == 1
    assert found == [("CHG004", "billing-deployer", "inventory.yaml",
                      *repo.where("inventory.yaml", MALLORY))]
    assert data["findings"][0]["message"] == (
        "mallory@example.com, an author of this change, made themself technical owner"
    )


def test_handing_ownership_to_someone_else_passes(repo: Repo) -> None:
    repo.edit("inventory.yaml", f"technical: {BOB}", f"technical: {MALLORY}")
    repo.commit(BOB)
    assert gate()[:2] == (0, [])


def test_new_identity_owned_by_its_author_fails_even_with_an_approval(
    repo: Repo,
) -> None:
    new = INVENTORY[: INVENTORY.index("  - id: legacy-bot")].replace(
        "billing-deployer", "billing-reader"
    )
    repo.write("more.yaml", new)
    repo.commit(BOB)  # bob is its technical owner; carol approved it
    found = gate("inventory.yaml", "more.yaml")[1]
    assert found == [("CHG004", "billing-reader", "more.yaml",
                      *repo.where("more.yaml", BOB))]


def test_new_identity_registered_by_someone_else_passes(repo: Repo) -> None:
    new = INVENTORY[: INVENTORY.index("  - id: legacy-bot")].replace(
        "billing-deployer", "billing-reader"
    )
    repo.write("more.yaml", new)
    repo.commit(CAROL)
    assert gate("inventory.yaml", "more.yaml")[:2] == (0, [])


# Touched only


def test_old_debt_in_untouched_identities_is_not_judged(repo: Repo) -> None:
    assert cli("check", *TODAY).exit_code == 1  # legacy-bot's review is overdue
    repo.edit("inventory.yaml", "purpose: Deploys the billing service",
              "purpose: Deploys the billing service on merge to main")
    repo.commit(CAROL)
    code, found, data = gate()
    assert (code, found) == (0, [])
    assert data["summary"]["identities"] == 1


def test_touched_identities_get_every_check_rule(repo: Repo) -> None:
    repo.edit("inventory.yaml", "purpose: Reads metrics for the old dashboard",
              "purpose: Reads metrics")
    repo.commit(CAROL)
    code, found, _ = gate()
    assert code == 1
    assert found == [("REV001", "legacy-bot", "inventory.yaml",
                      *repo.where("inventory.yaml", "2026-06-01"))]


def test_a_second_definition_of_an_unchanged_id_is_judged(repo: Repo) -> None:
    text = (repo.root / "inventory.yaml").read_text(encoding="utf-8")
    repo.write("inventory.yaml", text + text[text.index("  - id: legacy-bot"):])
    repo.commit(CAROL)
    found = gate()[1]
    assert rules(found).count("SCH002") == 2


def test_uncommitted_changes_are_judged_too(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    assert rules(gate("--author", ALICE)[1]) == ["CHG001"]


def test_select_and_ignore_and_policy_rules_reach_change_rules(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(BOB)
    assert gate("--ignore", "CHG001")[:2] == (0, [])
    assert rules(gate("--select", "CHG")[1]) == ["CHG001"]
    repo.write(".nhiown.yaml", PEOPLE + "policy:\n  rules: {CHG001: warning}\n")
    assert gate()[0] == 0
    assert gate("--fail-on", "warning")[0] == 1


def test_table_output_and_exit_code(repo: Repo) -> None:
    repo.edit("inventory.yaml", "risk_tier: high", "risk_tier: low")
    repo.commit(CAROL)
    result = cli("gate", "--base", "main", *TODAY, "--no-color")
    assert result.exit_code == 1
    assert "CHG002" in result.stdout
    assert "1 identity checked: 1 error" in result.stdout


def test_a_branch_behind_its_base_is_judged_from_where_it_forked(repo: Repo) -> None:
    repo.edit("inventory.yaml", "purpose: Deploys the billing service",
              "purpose: Deploys billing")
    repo.commit(CAROL)
    repo.git("checkout", "-q", "main")
    repo.edit("inventory.yaml", "scopes: [metrics:read]", "scopes: [metrics:read, a:b]")
    repo.commit(CAROL, "lands on main meanwhile")
    repo.git("checkout", "-q", "change")
    # main's new scope is not this change's doing, and not undone by it either.
    assert gate()[:2] == (0, [])


def test_change_rules_cannot_be_waived(repo: Repo) -> None:
    _add_exception(repo, "CHG001")
    repo.commit(BOB)
    _, _, data = gate()
    messages = [f["message"] for f in data["findings"] if f["rule"] == "EXC001"]
    assert any("cannot be waived" in m for m in messages)


# Default paths: each side chosen by what is there


def _as_folder(repo: Repo) -> None:
    """Make main's inventory the folder inventory/ (one file, a.yaml)."""
    (repo.root / "inventory").mkdir()
    repo.git("mv", "inventory.yaml", "inventory/a.yaml")
    repo.commit(CAROL, "folder")
    repo.git("branch", "-f", "main")


def test_an_empty_inventory_yaml_beside_the_folder_hides_nothing(repo: Repo) -> None:
    _as_folder(repo)
    repo.edit("inventory/a.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(BOB)
    assert rules(gate()[1]) == ["CHG001"]
    repo.write("inventory.yaml", "identities: []\n")
    repo.commit(BOB, "hide it")
    # The working side reads inventory.yaml, as the contract orders, and says
    # so; the base's identities are then removals, not a clean pass.
    result = cli("gate", "--base", "main", "--format", "json", *TODAY)
    assert result.exit_code == 1
    assert "warning: both inventory.yaml and inventory/ exist here" in result.stderr
    assert "CHG003" in {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules(gate("inventory")[1]) == ["CHG001"]


def test_a_base_with_both_defaults_reads_its_inventory_yaml(repo: Repo) -> None:
    repo.write("inventory/a.yaml", "identities: []\n")
    repo.commit(CAROL, "both")
    repo.git("branch", "-f", "main")
    repo.git("rm", "-q", "-r", "inventory")
    repo.commit(CAROL, "one")
    result = cli("gate", "--base", "main", "--format", "json", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert "warning: both inventory.yaml and inventory/ exist at main" in (
        result.stderr
    )


def test_replacing_inventory_yaml_by_an_empty_folder_removes_every_identity(
    repo: Repo,
) -> None:
    repo.git("rm", "-q", "inventory.yaml")
    repo.write("inventory/x.yaml", "identities: []\n")
    repo.commit(BOB)
    code, found, _ = gate()
    assert code == 1
    assert [(rule, identity, file) for rule, identity, file, *_ in found] == [
        ("CHG003", "billing-deployer", "inventory.yaml"),
        ("CHG003", "legacy-bot", "inventory.yaml"),
    ]


def test_moving_inventory_yaml_into_the_folder_is_no_change(repo: Repo) -> None:
    (repo.root / "inventory").mkdir()
    repo.git("mv", "inventory.yaml", "inventory/a.yaml")
    repo.commit(BOB)
    code, found, data = gate()
    assert (code, found) == (0, [])
    assert data["summary"]["identities"] == 0


def test_a_first_inventory_is_all_new(repo: Repo) -> None:
    repo.git("rm", "-q", "inventory.yaml")
    repo.commit(CAROL, "none yet")
    repo.git("branch", "-f", "main")
    repo.write("inventory/a.yaml", INVENTORY)
    repo.commit(CAROL, "first")
    code, found, data = gate()
    assert data["summary"]["identities"] == 2
    assert (code, rules(found)) == (1, ["REV001"])  # legacy-bot's old debt is new


def test_no_inventory_on_either_side_is_an_error(repo: Repo) -> None:
    repo.git("rm", "-q", "inventory.yaml")
    repo.commit(CAROL, "none")
    repo.git("branch", "-f", "main")
    one_error(cli("gate", "--base", "main", *TODAY), "no inventory found")


# Bad input


def _error(*args: str) -> str:
    result = cli("gate", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    return result.stderr


def test_outside_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inventory.yaml").write_text(INVENTORY, encoding="utf-8")
    assert "not inside a git repository" in _error("--base", "main")


def test_unknown_ref(repo: Repo) -> None:
    assert "unknown git ref 'no-such-branch'" in _error("--base", "no-such-branch")


@pytest.mark.parametrize("args", [
    ("--base=--output=/tmp/x",),
    ("--base", "main", "--", "-rf"),
    ("--base", "main", "--author", "-x"),
    ("--base", "main", "--author", "carol@example.com,--base=x"),
])
def test_option_looking_ref_or_path_is_refused(
    repo: Repo, args: tuple[str, ...]
) -> None:
    assert "looks like an option" in _error(*args)


def test_broken_base(repo: Repo) -> None:
    repo.write("inventory.yaml", "identities: [\n")
    repo.commit(CAROL, "break")
    repo.git("branch", "-f", "main")
    repo.write("inventory.yaml", INVENTORY)
    repo.commit(CAROL, "fix")
    stderr = _error("--base", "main")
    assert "inventory.yaml:" in stderr
    assert "the base (main) is broken" in stderr


def test_broken_tree(repo: Repo) -> None:
    repo.write("inventory.yaml", "identities:\n  - id: x\n  - id: x\n    kind: [\n")
    stderr = _error("--base", "main")
    assert stderr.startswith("nhiown: error: inventory.yaml:")
    assert "base" not in stderr


def test_path_outside_the_repository(repo: Repo, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(INVENTORY, encoding="utf-8")
    assert "outside the git repository" in _error("--base", "main", str(outside))


def test_markdown_report_is_headed_as_gate(repo: Repo) -> None:
    repo.edit("inventory.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.commit(BOB)
    result = cli("gate", "--base", "main", "--format", "markdown", *TODAY)
    assert result.stdout.startswith("## nhiown gate\n")


def test_deleting_the_whole_inventory_removes_every_identity(repo: Repo) -> None:
    repo.git("rm", "-q", "inventory.yaml")
    repo.commit(BOB)
    code, found, _ = gate()
    assert code == 1
    assert sorted((rule, identity) for rule, identity, *_ in found) == [
        ("CHG003", "billing-deployer"), ("CHG003", "legacy-bot"),
    ]


def test_a_path_known_nowhere_is_still_an_error(repo: Repo) -> None:
    result = cli("gate", "--base", "main", *TODAY, "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml" in result.stderr


# Symbolic links: git lists a link as a blob of its text, so the base cannot
# follow one; gate refuses rather than see every identity behind it as new.

LINKS = {  # link, where it points, the real PATH the hint names
    "folder": ("inventory/pay", "../teams/pay", "teams/pay"),
    "file": ("inventory/pay.yaml", "../teams/pay/team.yaml", "teams/pay/team.yaml"),
}


def _linked_base(repo: Repo, kind: str) -> tuple[str, str]:
    """Make main an inventory/ folder reaching teams/pay through a link."""
    link, target, real = LINKS[kind]
    repo.git("rm", "-q", "inventory.yaml")
    repo.write("teams/pay/team.yaml", INVENTORY)
    (repo.root / "inventory").mkdir()
    os.symlink(target, repo.root / link)
    repo.commit(CAROL, "linked inventory")
    repo.git("branch", "-f", "main")
    return link, real


def _link_refused(link: str, real: str, *args: str) -> None:
    one_error(
        cli("gate", "--base", "main", *TODAY, *args),
        f"nhiown: error: {link}: a symbolic link in the inventory; gate compares"
        " git trees and cannot follow it (hint: give the real PATH, e.g."
        f" {real})",
    )


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_extending_behind_a_link_is_refused_and_judged_by_the_real_path(
    repo: Repo, kind: str
) -> None:
    link, real = _linked_base(repo, kind)
    repo.edit("teams/pay/team.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    repo.edit("teams/pay/team.yaml", "[repo:read]", "[repo:read, hooks:write]")
    repo.commit(BOB)
    _link_refused(link, real)
    _link_refused(link, real, link)
    code, found, _ = gate(real)
    assert code == 1
    assert rules(found) == ["CHG001", "CHG002"]


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_deleting_behind_a_link_is_refused_and_judged_by_the_real_path(
    repo: Repo, kind: str
) -> None:
    link, real = _linked_base(repo, kind)
    repo.write("teams/pay/team.yaml", "identities: []\n")
    repo.commit(BOB)
    _link_refused(link, real)
    code, found, _ = gate(real)
    assert code == 1
    assert rules(found) == ["CHG003", "CHG003"]


def test_a_link_only_at_the_base_is_refused(repo: Repo) -> None:
    link, real = _linked_base(repo, "folder")
    (repo.root / link).unlink()
    repo.write("inventory/pay/team.yaml", INVENTORY)
    repo.commit(BOB)
    _link_refused(link, real)


def test_a_folder_reached_through_a_linked_parent_is_refused(repo: Repo) -> None:
    _linked_base(repo, "folder")
    _link_refused("inventory/pay", "teams/pay", "inventory/pay/team.yaml")


def test_a_link_check_never_reads_is_no_obstacle(repo: Repo) -> None:
    (repo.root / "inventory").mkdir()
    repo.git("mv", "inventory.yaml", "inventory/team.yaml")
    repo.write("inventory/notes.md", "who to ask\n")
    os.symlink("notes.md", repo.root / "inventory" / "README")
    repo.commit(CAROL, "notes")
    repo.git("branch", "-f", "main")
    repo.edit("inventory/team.yaml", "expires: 2027-06-30", "expires: 2027-09-30")
    code, found, _ = gate("--author", BOB)
    assert code == 1
    assert found[0][:3] == ("CHG001", "billing-deployer", "inventory/team.yaml")
