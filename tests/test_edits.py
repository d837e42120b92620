"""`review`, `rotate` and `retire` change exactly the lines that carry the new
values, on every style of YAML, and touch nothing when they refuse or fail."""

from __future__ import annotations

import codecs
import difflib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nhiown.edit import plan as plan_module
from nhiown.edit import session
from nhiown.edit.atomicfile import ChangedOnDisk, replace_file
from nhiown.edit.change import Change
from nhiown.edit.plan import plan_edit
from nhiown.edit.splice import apply_change
from nhiown.errors import NhiownError
from nhiown.inventory import find_record, load_inventory
from nhiown.yamltree import lookup
from tests.conftest import cli

EDITS = Path(__file__).parent / "fixtures" / "edits"
TODAY = ("--today", "2026-12-03")

REVIEW = ("review", "billing-deployer", "--by", "dana@example.com")
ROTATE = ("rotate", "billing-deployer")
RETIRE = (
    "retire", "billing-deployer", "--date", "2026-11-30", "--revoked", "2026-12-01"
)

Lines = list[str]
BLOCK: dict[str, tuple[Lines, Lines]] = {
    "review": (
        [
            "      last: 2026-06-01",
            "      next: 2026-08-30",
            "      by: carol@example.com",
        ],
        [
            "      last: 2026-12-03",
            "      next: 2027-03-03",
            "      by: dana@example.com",
        ],
    ),
    "rotate": (["      last_rotated: 2026-08-15"], ["      last_rotated: 2026-12-03"]),
    "retire": (
        [],
        ["    status: retired", "      revoked: 2026-12-01", "    retired: 2026-11-30"],
    ),
}
_CREDENTIAL = (
    "    credential: {type: secret, store: vault:secret/ci/billing, last_rotated: "
)
FLOW: dict[str, tuple[Lines, Lines]] = {
    "review": (
        ["    review: {last: 2026-06-01, next: 2026-08-30, by: carol@example.com}"],
        ["    review: {last: 2026-12-03, next: 2027-03-03, by: dana@example.com}"],
    ),
    "rotate": ([_CREDENTIAL + "2026-08-15}"], [_CREDENTIAL + "2026-12-03}"]),
    "retire": (
        [_CREDENTIAL + "2026-08-15}"],
        [
            "    status: retired",
            _CREDENTIAL + "2026-08-15, revoked: 2026-12-01}",
            "    retired: 2026-11-30",
        ],
    ),
}
COMMENTS: dict[str, tuple[Lines, Lines]] = {
    "review": (
        [
            '      last: "2026-06-01"      # done in the June sweep',
            "      next: '2026-08-30'   # quarter",
            '      by: "carol@example.com"  # security',
        ],
        [
            '      last: "2026-12-03"      # done in the June sweep',
            "      next: '2027-03-03'   # quarter",
            '      by: "dana@example.com"  # security',
        ],
    ),
    "rotate": (
        ["      last_rotated: 2026-08-15 # rotated by hand"],
        ["      last_rotated: 2026-12-03 # rotated by hand"],
    ),
    "retire": BLOCK["retire"],
}
NO_FINAL_NEWLINE: dict[str, tuple[Lines, Lines]] = {
    "review": FLOW["review"],
    "rotate": BLOCK["rotate"],
    # `retired` goes before the file's last item, so that the last line and
    # its missing newline stay as they are.
    "retire": BLOCK["retire"],
}
ANCHORS: dict[str, tuple[Lines, Lines]] = {
    "review": BLOCK["review"],
    "rotate": (
        ["    credential: {type: secret, last_rotated: 2026-08-15}"],
        ["    credential: {type: secret, last_rotated: 2026-12-03}"],
    ),
    "retire": (
        ["    credential: {type: secret, last_rotated: 2026-08-15}"],
        [
            "    status: retired",
            "    credential: {type: secret, last_rotated: 2026-08-15,"
            " revoked: 2026-12-01}",
            "    retired: 2026-11-30",
        ],
    ),
}
COMMANDS = {"review": REVIEW, "rotate": ROTATE, "retire": RETIRE}
STYLES = {
    "block.yaml": BLOCK,
    "crlf.yaml": BLOCK,
    "flow.yaml": FLOW,
    "bom.yaml": FLOW,
    "comments.yaml": COMMENTS,
    "no-final-newline.yaml": NO_FINAL_NEWLINE,
}


def _style_cases() -> list[Any]:
    cases = [
        pytest.param(name, COMMANDS[command], *lines, id=f"{name}-{command}")
        for name, table in STYLES.items()
        for command, lines in table.items()
    ]
    anchors = {"review": REVIEW, "rotate": ROTATE, "retire": RETIRE}
    for command, args in anchors.items():
        merged = (args[0], "merged-bot", *args[2:])
        cases.append(pytest.param(
            "anchors.yaml", merged, *ANCHORS[command], id=f"anchors-{command}"
        ))
    return cases


MISSING = [
    pytest.param(
        ("review", "bare-bot", "--by", "dana@example.com"),
        [],
        ["    review:", "      last: 2026-12-03", "      next: 2027-06-01",
         "      by: dana@example.com"],
        id="new-block-review",
    ),
    pytest.param(
        ("rotate", "bare-bot"), [], ["      last_rotated: 2026-12-03"],
        id="new-last-rotated",
    ),
    pytest.param(
        ("review", "empty-review-bot", "--by", "dana@example.com"),
        [],
        ["        last: 2026-12-03", "        next: 2027-01-02",
         "        by: dana@example.com"],
        id="empty-review-keeps-its-comment-and-sibling-indent",
    ),
    pytest.param(
        ("retire", "empty-review-bot", "--date", "2026-11-30", "--revoked",
         "2026-12-01"),
        ["    credential: ~"],
        ["    status: retired", "    credential:", "        revoked: 2026-12-01",
         "    retired: 2026-11-30"],
        id="null-credential-becomes-a-mapping",
    ),
    pytest.param(
        ("review", "empty-flow-bot", "--by", "dana@example.com"),
        ["    review:   # never reviewed"],
        ["    review: {last: 2026-12-03, next: 2027-12-03, by: dana@example.com}"
         "   # never reviewed"],
        id="empty-review-among-flow-siblings-becomes-flow",
    ),
    pytest.param(
        ("rotate", "empty-flow-bot"),
        ["    credential: ~"], ["    credential: {last_rotated: 2026-12-03}"],
        id="null-credential-among-flow-siblings-becomes-flow",
    ),
    pytest.param(
        ("review", "flow-bot", "--by", "dana@example.com"),
        [],
        ["    review: {last: 2026-12-03, next: 2027-12-03, by: dana@example.com}"],
        id="new-review-in-flow-like-its-siblings",
    ),
    pytest.param(
        ("rotate", "flow-bot"), [], ["    credential: {last_rotated: 2026-12-03}"],
        id="new-flow-credential",
    ),
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # stop the config search here
    return tmp_path


def _copy(workdir: Path, name: str) -> Path:
    target = workdir / name
    target.write_bytes((EDITS / name).read_bytes())
    return target


def _changed(before: bytes, after: bytes) -> tuple[Lines, Lines]:
    """Lines removed and lines added, line ends kept, as difflib pairs them."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    removed: Lines = []
    added: Lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def _files(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


def _assert_edit(path: Path, before: bytes, removed: Lines, added: Lines) -> None:
    after = path.read_bytes()
    eol = "\r\n" if b"\r\n" in before else "\n"
    assert _changed(before, after) == (
        [line + eol for line in removed], [line + eol for line in added]
    )
    assert after.startswith(codecs.BOM_UTF8) == before.startswith(codecs.BOM_UTF8)
    assert after.endswith(b"\n") == before.endswith(b"\n")
    assert after.count(b"\r\n") == (after.count(b"\n") if eol == "\r\n" else 0)


@pytest.mark.parametrize(("name", "args", "removed", "added"), _style_cases())
def test_edit_changes_exactly_the_lines_with_new_values(
    workdir: Path, name: str, args: tuple[str, ...], removed: Lines, added: Lines
) -> None:
    path = _copy(workdir, name)
    before = path.read_bytes()
    result = cli(*args, name, *TODAY)
    assert result.exit_code == 0, result.stderr
    _assert_edit(path, before, removed, added)
    assert _files(workdir) == [".git", name]


@pytest.mark.parametrize("eol", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("args", "removed", "added"), MISSING)
def test_missing_keys_are_added_in_the_style_of_their_siblings(
    workdir: Path, args: tuple[str, ...], removed: Lines, added: Lines, eol: str
) -> None:
    path = _copy(workdir, "missing-keys.yaml")
    path.write_bytes(path.read_bytes().replace(b"\n", eol.encode()))
    before = path.read_bytes()
    result = cli(*args, "missing-keys.yaml", *TODAY)
    assert result.exit_code == 0, result.stderr
    _assert_edit(path, before, removed, added)


def test_a_whole_flow_identity_gets_its_keys_inline(workdir: Path) -> None:
    path = _copy(workdir, "flow.yaml")
    before = path.read_bytes()
    result = cli("retire", "tiny-bot", "--date", "2026-11-30", "flow.yaml", *TODAY)
    assert result.exit_code == 0, result.stderr
    owners = "owners: {business: alice@example.com, technical: bob@example.com}"
    assert _changed(before, path.read_bytes()) == (
        [f"  - {{id: tiny-bot, kind: bot, risk_tier: low, {owners},"
         " credential: {type: token}}\n"],
        [f"  - {{id: tiny-bot, kind: bot, status: retired, risk_tier: low, {owners},"
         " credential: {type: token}, retired: 2026-11-30}\n"],
    )


def test_written_values_read_back_and_the_identity_is_rechecked(
    workdir: Path,
) -> None:
    path = _copy(workdir, "block.yaml")
    result = cli(*REVIEW, "block.yaml", *TODAY)
    assert result.exit_code == 0
    first, *rest = result.stdout.splitlines()
    assert first == (
        "block.yaml: billing-deployer: review.last 2026-06-01 -> 2026-12-03,"
        " review.next 2026-08-30 -> 2027-03-03,"
        " review.by carol@example.com -> dana@example.com"
    )
    assert rest[0] == "re-check: 1 finding remains for billing-deployer"
    assert "ROT001 rotation-overdue" in rest[1]
    record = find_record(load_inventory([path]), "billing-deployer")
    assert lookup(record.raw, ("review", "next")) == "2027-03-03"

    result = cli(*ROTATE, "block.yaml", *TODAY)
    assert result.stdout.splitlines()[-1] == (
        "re-check: no findings remain for billing-deployer"
    )


@pytest.mark.parametrize(
    ("name", "args", "code", "words"),
    [
        ("block.yaml", ("review", "billing-deployer", "--by", "bob@example.com"), 1,
         "bob@example.com is the technical owner"),
        ("block.yaml", ("review", "billing-deployer", "--by", "alice-gh"), 1,
         "alice-gh is the business owner"),
        ("block.yaml", ("review", "billing-deployer", "--by", "Erin@Example.com"), 1,
         "departed"),
        ("block.yaml", ("review", "billing-deployer", "--by", "carol@exmaple.com"),
         1, "carol@exmaple.com is not in people: a review needs someone listed"
         " there (hint: did you mean 'carol@example.com' or 'dana@example.com'?)"),
        ("block.yaml", ("review", "billing-deployer", "--by", "zed@elsewhere.org"),
         1, "zed@elsewhere.org is not in people"),
        ("block.yaml", ("rotate", "ci-runner"), 1, "keyless credential"),
        ("anchors.yaml", ("review", "shared-bot", "--by", "dana@example.com"), 1,
         "review is shared through the anchor &quarterly"),
        ("anchors.yaml", ("rotate", "shared-bot"), 1,
         "credential.last_rotated is shared through the anchor &rotated"),
        ("anchors.yaml", ("retire", "shared-bot", "--date", "2026-11-30"), 1,
         "status comes in through a merge key"),
        ("anchors.yaml", ("review", "merged-review-bot", "--by", "dana@example.com"),
         1, "review.last comes in through a merge key"),
        ("anchors.yaml", ("rotate", "merged-review-bot"), 1,
         "credential is shared through the anchor &shared-credential"),
        ("anchors.yaml", ("rotate", "copy-bot"), 1, "&shared-credential"),
        ("block.yaml", ("review", "billing-deployr", "--by", "dana@example.com"), 2,
         "did you mean 'billing-deployer'?"),
        ("block.yaml", ("rotate", "billing-deployer", "--date", "2026-02-30"), 2,
         "--date: '2026-02-30' is not a real date"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "soon"), 2,
         "--date: 'soon' is not a date"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "2026-11-30",
                        "--revoked", "2026-11-30T10:00"), 2, "--revoked"),
        ("block.yaml", ("review", "billing-deployer", "--by", "dana@example.com",
                        "--next", "2026-01-01"), 2, "before the review date"),
        ("block.yaml", ("rotate", "billing-deployer", "--date", "2026-12-04"), 1,
         "--date 2026-12-04 is after today, 2026-12-03: a rotation is recorded"
         " once it has happened"),
        ("block.yaml", ("rotate", "billing-deployer", "--date", "2026-08-14"), 1,
         "--date 2026-08-14 is before credential.last_rotated 2026-08-15"
         " (block.yaml:43:21): it would replace a later rotation with an earlier"
         " one"),
        ("block.yaml", ("rotate", "billing-deployer", "--date", "2020-01-01"), 1,
         "--date 2020-01-01 is before created 2026-01-10 (block.yaml:34:14): the"
         " identity did not exist yet"),
        ("block.yaml", ("review", "billing-deployer", "--by", "dana@example.com",
                        "--date", "2026-12-04"), 1,
         "--date 2026-12-04 is after today, 2026-12-03"),
        ("block.yaml", ("review", "billing-deployer", "--by", "dana@example.com",
                        "--date", "2026-05-31"), 1,
         "--date 2026-05-31 is before review.last 2026-06-01 (block.yaml:37:13)"),
        ("block.yaml", ("review", "billing-deployer", "--by", "dana@example.com",
                        "--date", "2026-01-09"), 1,
         "--date 2026-01-09 is before created 2026-01-10 (block.yaml:34:14)"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "2026-12-04"), 1,
         "--date 2026-12-04 is after today, 2026-12-03: a retirement"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "2026-01-09"), 1,
         "--date 2026-01-09 is before created 2026-01-10 (block.yaml:34:14)"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "2026-11-30",
                        "--revoked", "2026-12-04"), 1,
         "--revoked 2026-12-04 is after today, 2026-12-03: a revocation"),
        ("block.yaml", ("retire", "billing-deployer", "--date", "2026-11-30",
                        "--revoked", "2025-12-31"), 1,
         "--revoked 2025-12-31 is before created 2026-01-10"),
    ],
)
def test_refusals_leave_the_file_byte_identical(
    workdir: Path, name: str, args: tuple[str, ...], code: int, words: str
) -> None:
    path = _copy(workdir, name)
    before = path.read_bytes()
    result = cli(*args, name, *TODAY)
    assert result.exit_code == code
    assert words in result.stderr
    assert result.stderr.startswith("nhiown: refused: " if code == 1 else "nhiown: ")
    assert path.read_bytes() == before
    assert _files(workdir) == [".git", name]


@pytest.mark.parametrize(("args", "code", "words"), [
    # --today moves "today": the day after the fixture's today is now past.
    (("rotate", "billing-deployer", "--date", "2026-12-04", "--today", "2026-12-10"),
     0, "credential.last_rotated 2026-08-15 -> 2026-12-04"),
    # Without --date the review is today's, and today is before the recorded one.
    (("review", "billing-deployer", "--by", "dana@example.com", "--today",
      "2026-05-20"), 1, "today's date 2026-05-20 is before review.last 2026-06-01"),
    (("rotate", "billing-deployer", "--today", "2026-08-01"), 1,
     "today's date 2026-08-01 is before credential.last_rotated 2026-08-15"),
    # The same day as recorded is no conflict: there is nothing to change.
    (("rotate", "billing-deployer", "--date", "2026-08-15", "--today",
      "2026-12-03"), 0, "already recorded, nothing to change"),
])
def test_edit_dates_follow_the_today_the_command_resolves(
    workdir: Path, args: tuple[str, ...], code: int, words: str
) -> None:
    path = _copy(workdir, "block.yaml")
    before = path.read_bytes()
    result = cli(*args, "block.yaml")
    assert result.exit_code == code
    assert words in (result.stdout if code == 0 else result.stderr)
    assert (path.read_bytes() == before) == (code == 1 or "already" in words)


def test_a_hard_linked_file_is_refused_and_both_links_stay_one_file(
    workdir: Path,
) -> None:
    path = _copy(workdir, "block.yaml")
    twin = workdir / "twin.yaml"
    os.link(path, twin)
    before = path.read_bytes()
    result = cli(*REVIEW, "block.yaml", *TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        "nhiown: error: block.yaml: has 2 hard links; an edit by rename would split"
        " them (hint: edit the file by hand so that every link sees the change,"
        " or copy it to a file of its own first)\n"
    )
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert os.stat(path).st_ino == os.stat(twin).st_ino
    assert os.stat(path).st_nlink == 2
    assert sorted(p.name for p in workdir.iterdir()) == [".git", "block.yaml",
                                                         "twin.yaml"]


def test_a_hard_linked_file_may_still_be_shown_with_dry_run(workdir: Path) -> None:
    path = _copy(workdir, "block.yaml")
    os.link(path, workdir / "twin.yaml")
    result = cli(*REVIEW, "block.yaml", "--dry-run", *TODAY)
    assert result.exit_code == 0
    assert "+      by: dana@example.com" in result.stdout


NOT_A_MAPPING = """\
identities:
  - id: a-bot
    name: A bot
    kind: service_account
    platform: github
    environment: production
    risk_tier: high
    purpose: Deploys
    workflow: release
    owners: {business: alice@example.com, technical: bob@example.com}
    credential: "vault"
"""


@pytest.mark.parametrize("args", [
    ("rotate", "a-bot"),
    # status and retired go in above credential before credential.revoked does.
    ("retire", "a-bot", "--date", "2026-12-01", "--revoked", "2026-12-01"),
])
def test_an_error_points_at_the_file_as_read_not_as_partly_edited(
    workdir: Path, args: tuple[str, ...]
) -> None:
    path = workdir / "inventory.yaml"
    path.write_text(NOT_A_MAPPING, encoding="utf-8")
    checked = cli("check", "-f", "json", *TODAY)
    findings = json.loads(checked.stdout)["findings"]
    places = [(f["line"], f["column"]) for f in findings if f["rule"] == "SCH001"]
    assert places == [(11, 17)]
    result = cli(*args, *TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "nhiown: error: inventory.yaml:11:17: credential is not a mapping"
    )
    assert path.read_text(encoding="utf-8") == NOT_A_MAPPING


@pytest.mark.parametrize(("people", "by"), [
    ("people: [{id: carol@example.com, aliases: [carol-gh]}]\n", "Carol-GH"),
    ("", "anyone@example.com"),  # without people, nobody can be unknown
], ids=["alias", "no-people"])
def test_a_reviewer_is_accepted_by_alias_or_when_people_is_not_given(
    workdir: Path, people: str, by: str
) -> None:
    path = workdir / "inventory.yaml"
    text = people + (EDITS / "flow.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = cli("review", "billing-deployer", "--by", by, *TODAY)
    assert result.exit_code == 0, result.stderr
    record = find_record(load_inventory([path]), "billing-deployer")
    assert lookup(record.raw, ("review", "by")) == by


def test_directory_inventory_edits_the_one_file_holding_the_identity(
    workdir: Path,
) -> None:
    shutil.copytree(EDITS / "directory", workdir, dirs_exist_ok=True)
    ci = workdir / "inventory" / "platform" / "ci.yaml"
    payments = workdir / "inventory" / "payments.yaml"
    before, untouched = ci.read_bytes(), payments.read_bytes()

    refused = cli("review", "ci-runner", "--by", "alice-gh", *TODAY)
    assert refused.exit_code == 1
    assert ci.read_bytes() == before

    result = cli("review", "ci-runner", "--by", "bob@example.com", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("inventory/platform/ci.yaml: ci-runner: ")
    _assert_edit(
        ci, before,
        ["      last: 2026-03-01", "      by: dana@example.com"],
        ["      last: 2026-12-03", "      next: 2027-12-03",
         "      by: bob@example.com"],
    )
    assert payments.read_bytes() == untouched


def test_an_id_in_two_files_is_ambiguous(workdir: Path) -> None:
    shutil.copytree(EDITS / "directory", workdir, dirs_exist_ok=True)
    ci = workdir / "inventory" / "platform" / "ci.yaml"
    copy = workdir / "inventory" / "copy.yaml"
    shutil.copy(ci, copy)
    before = ci.read_bytes()
    result = cli("rotate", "ci-runner", "inventory", *TODAY)
    assert result.exit_code == 2
    assert "defined more than once" in result.stderr
    assert ci.read_bytes() == before == copy.read_bytes()


def test_dry_run_masks_secrets_in_the_diff(workdir: Path) -> None:
    (workdir / "inventory.yaml").write_text(
        "identities:\n"
        "  - id: leaky-key\n"
        "    credential: {type: secret, store: AKIAIOSFODNN7EXAMPLE}\n"
        "    scopes: [read]\n",
        encoding="utf-8",
    )
    result = cli("rotate", "leaky-key", "--dry-run", *TODAY)
    assert result.exit_code == 0
    assert "AKIAIOSFODNN7EXAMPLE" not in result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if "credential" in line] == [
        "-    credential: {type: secret, store: <redacted secret>}",
        "+    credential: {type: secret, store: <redacted secret>, last_rotated:"
        " 2026-12-03}",
    ]


def test_dry_run_prints_the_diff_and_writes_nothing(workdir: Path) -> None:
    path = _copy(workdir, "no-final-newline.yaml")
    before = path.read_bytes()
    result = cli(*ROTATE, "no-final-newline.yaml", "--dry-run", *TODAY)
    assert result.exit_code == 0
    assert path.read_bytes() == before
    assert _files(workdir) == [".git", "no-final-newline.yaml"]
    assert result.stdout.splitlines() == [
        "--- a/no-final-newline.yaml",
        "+++ b/no-final-newline.yaml",
        "@@ -8,6 +8,6 @@",
        "     review: {last: 2026-06-01, next: 2026-08-30, by: carol@example.com}",
        "     credential:",
        "       type: secret",
        "-      last_rotated: 2026-08-15",
        "+      last_rotated: 2026-12-03",
        "     offboarding:",
        "       triggers: [workflow_retired]",
        "\\ No newline at end of file",
    ]


def test_nothing_to_change_writes_nothing(workdir: Path) -> None:
    path = _copy(workdir, "block.yaml")
    before = path.stat().st_mtime_ns
    result = cli(*ROTATE, "--date", "2026-08-15", "block.yaml", *TODAY)
    assert result.exit_code == 0
    assert "already recorded" in result.stdout
    assert path.stat().st_mtime_ns == before


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(workdir, "block.yaml")
    before = path.read_bytes()

    def fail(source: str, target: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    result = cli(*ROTATE, "block.yaml", *TODAY)
    assert result.exit_code == 2
    assert "cannot write file: Input/output error" in result.stderr
    assert path.read_bytes() == before
    assert _files(workdir) == [".git", "block.yaml"]


def test_a_write_keeps_permissions_and_follows_a_symlink(workdir: Path) -> None:
    real = _copy(workdir, "block.yaml")
    real.chmod(0o640)
    link = workdir / "inventory.yaml"
    link.symlink_to(real.name)
    assert cli(*ROTATE, *TODAY).exit_code == 0
    assert link.is_symlink()
    assert b"last_rotated: 2026-12-03" in real.read_bytes()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


# Root can hand the file to another user, so the test sees the owner kept;
# anyone else can only own it, and the test sees that kept.
AS_ROOT = os.geteuid() == 0
OTHER = (65534, 65534) if AS_ROOT else (os.getuid(), os.getgid())


def _owned(path: Path, owner: tuple[int, int], mode: int) -> Path:
    os.chown(path, *owner)
    path.chmod(mode)  # after chown, which clears setuid and setgid
    return path


def _owner_and_mode(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)


@pytest.mark.parametrize("mode", [0o4751, 0o2640, 0o1644, 0o6755], ids=oct)
def test_a_write_keeps_owner_group_and_special_mode_bits(
    workdir: Path, mode: int
) -> None:
    path = _owned(_copy(workdir, "block.yaml"), OTHER, mode)
    assert cli(*ROTATE, "block.yaml", *TODAY).exit_code == 0
    assert b"last_rotated: 2026-12-03" in path.read_bytes()
    assert _owner_and_mode(path) == (*OTHER, mode)


def test_an_owner_that_cannot_be_kept_takes_setuid_and_setgid_with_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _owned(_copy(workdir, "block.yaml"), OTHER, 0o6751)

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    assert cli(*ROTATE, "block.yaml", *TODAY).exit_code == 0
    assert b"last_rotated: 2026-12-03" in path.read_bytes()
    editor = (os.geteuid(), os.getegid())
    assert _owner_and_mode(path) == (
        (*editor, 0o751) if AS_ROOT else (*OTHER, 0o6751)
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may write in, as /tmp is; pytest's own is root's alone."""
    folder = Path(tempfile.mkdtemp(prefix="nhiown-shared-"))
    folder.chmod(0o777)
    (folder / ".git").mkdir()  # stop the config search here
    yield folder
    shutil.rmtree(folder)


def _rotate_as_another_user(folder: Path) -> tuple[int, list[str]]:
    """Run `rotate` on the read-only block.yaml as a user who cannot write it.

    Root may write any file, so as root the command runs as uid 1000; anyone
    else is already such a user once the file is mode 444.
    """
    args = (*ROTATE, "block.yaml", *TODAY)
    if not AS_ROOT:
        result = cli(*args)
        return result.exit_code, result.stderr.splitlines()
    process = subprocess.run(
        ["setpriv", "--reuid=1000", "--regid=1000", "--clear-groups",
         sys.executable, "-m", "nhiown", *args],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    return process.returncode, process.stderr.splitlines()


def test_a_read_only_file_is_not_replaced_through_a_writable_folder(
    shared_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shared_folder)
    path = _copy(shared_folder, "block.yaml")
    path.chmod(0o444)
    before = path.read_bytes()
    owner = _owner_and_mode(path)
    code, errors = _rotate_as_another_user(shared_folder)
    assert code == 2
    assert errors == [
        "nhiown: error: block.yaml: cannot write file: Permission denied (hint: the"
        " file is read-only for you; ask its owner, or make it writable first)"
    ]
    assert path.read_bytes() == before
    assert _owner_and_mode(path) == owner
    assert _files(shared_folder) == [".git", "block.yaml"]


def test_an_edit_whose_output_fails_says_the_file_was_changed(workdir: Path) -> None:
    path = _copy(workdir, "block.yaml")
    with open("/dev/full", "w") as full:  # a full disk: every write fails
        process = subprocess.run(
            [sys.executable, "-m", "nhiown", *ROTATE, "block.yaml", *TODAY],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )
    assert process.returncode == 2
    assert process.stderr.splitlines() == [
        "nhiown: error: block.yaml was changed, but standard output failed: No space"
        " left on device; the output is incomplete"
    ]
    assert b"last_rotated: 2026-12-03" in path.read_bytes()


def test_a_file_changed_after_planning_is_not_overwritten(workdir: Path) -> None:
    path = _copy(workdir, "block.yaml")
    record = find_record(load_inventory([path]), "billing-deployer")
    plan = plan_edit(record, [Change(("credential", "last_rotated"), "2026-12-03")])
    path.write_bytes(plan.original + b"# someone else's edit\n")
    with pytest.raises(ChangedOnDisk):
        replace_file(plan.path, plan.original, plan.updated, plan.name)
    assert path.read_bytes().endswith(b"# someone else's edit\n")
    assert _files(workdir) == [".git", "block.yaml"]


def test_a_file_changed_after_loading_is_refused(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(workdir, "block.yaml")
    real_plan = session.plan_edit

    def plan_then_someone_edits(*args: Any) -> plan_module.Plan:
        planned = real_plan(*args)
        path.write_bytes(path.read_bytes().replace(b"Billing", b"Payments"))
        return planned

    monkeypatch.setattr(session, "plan_edit", plan_then_someone_edits)
    result = cli(*ROTATE, "block.yaml", *TODAY)
    assert result.exit_code == 2
    assert "changed on disk" in result.stderr
    assert b"Payments deploy bot" in path.read_bytes()
    assert b"last_rotated: 2026-08-15" in path.read_bytes()

    record = find_record(load_inventory([path]), "billing-deployer")
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(ChangedOnDisk):
        plan_edit(record, [Change(("credential", "last_rotated"), "2026-12-03")])


def test_an_edit_that_would_change_anything_else_is_stopped(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(workdir, "block.yaml")
    record = find_record(load_inventory([path]), "billing-deployer")

    def sloppy(text: str, *args: Any) -> str:
        return apply_change(text, *args).replace("ci:run", "ci:admin")

    monkeypatch.setattr(plan_module, "apply_change", sloppy)
    with pytest.raises(NhiownError, match="change more than the values asked for"):
        plan_edit(record, [Change(("credential", "last_rotated"), "2026-12-03")])


@pytest.mark.parametrize(
    ("text", "change", "expected"),
    [
        ("identities:\n- {id: a, credential: {}}\n", (("credential", "type"), "key"),
         "identities:\n- {id: a, credential: {type: key}}\n"),
        ("identities:\n  - id: a\n    review: {by: 'x'}\n",
         (("review", "by"), "o'neil"),
         "identities:\n  - id: a\n    review: {by: 'o''neil'}\n"),
        ("identities:\n  - id: a\n    review: {by: x}\n", (("review", "by"), "yes: no"),
         'identities:\n  - id: a\n    review: {by: "yes: no"}\n'),
        ("identities:\n  - id: a\n    retired:\n    kind: bot\n",
         (("retired",), "2026-11-30"),
         "identities:\n  - id: a\n    retired: 2026-11-30\n    kind: bot\n"),
        ("identities:\n  - id: a\n    review: {last: '2026-01-01'}\n",
         (("review", "next"), "2026-02-01"),
         "identities:\n  - id: a\n"
         "    review: {last: '2026-01-01', next: '2026-02-01'}\n"),
        ("identities:\n  - id: a\n    review: {last: &once !!str 2026-01-01}\n",
         (("review", "last"), "2026-12-03"),
         "identities:\n  - id: a\n    review: {last: &once !!str 2026-12-03}\n"),
        ("identities:\n  - id: a\n    review: &unused { by: x }\n",
         (("review", "last"), "2026-12-03"),
         "identities:\n  - id: a\n    review: &unused { last: 2026-12-03, by: x }\n"),
    ],
    ids=["empty-flow", "single-quoted", "needs-quotes", "empty-value",
         "sibling-quotes", "unused-anchor-and-tag-kept", "unused-anchor-mapping"],
)
def test_splice_keeps_quoting_and_layout(
    text: str, change: tuple[tuple[str, ...], str], expected: str
) -> None:
    assert apply_change(text, "f.yaml", 0, "a", Change(*change)) == expected


QUOTED_KEYS = """\
"identities":
  - "id": "bot1"
    "kind": "bot"
    "risk_tier": "low"
    "owners": {"business": "a@x.com", "technical": "b@x.com"}
    "review": {"last": "2026-06-01", "by": "c@x.com"}
    "credential":
      "type": "secret"
"""


def test_added_keys_are_quoted_like_their_siblings(workdir: Path) -> None:
    path = workdir / "inventory.yaml"
    path.write_text(QUOTED_KEYS, encoding="utf-8")
    before = path.read_bytes()
    for args in (("rotate", "bot1"), ("retire", "bot1", "--date", "2026-12-01")):
        assert cli(*args, *TODAY).exit_code == 0
    removed, added = _changed(before, path.read_bytes())
    assert removed == []
    assert added == [
        '    "status": "retired"\n',
        '      "last_rotated": "2026-12-03"\n',
        '    "retired": "2026-12-01"\n',
    ]


@pytest.mark.parametrize(("command", "words"), [
    ("review", "before the recorded review.last"),
    ("rotate", "before the recorded credential.last_rotated"),
    ("retire", "after today or before the identity's created"),
])
def test_help_names_the_date_refusals_and_hard_links(command: str, words: str) -> None:
    result = cli(command, "--help", env={"COLUMNS": "400"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # the description wraps as written
    assert words in text
    assert "hard-linked elsewhere: a rename would split the links" in text
