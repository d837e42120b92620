"""``nhiown due``: which items, in which order, for whom, in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import icalendar
import jsonschema
import pytest

from nhiown.dates import Duration
from nhiown.due import DueList, Filters, due
from nhiown.formats import Display, due_table
from nhiown.inventory import load_inventory
from tests.conftest import CLEAN_IDENTITY, TODAY, cli, one_error

FIXTURES = Path(__file__).parent / "fixtures" / "due"
TEAM = FIXTURES / "team.yaml"
QUIET = FIXTURES / "quiet.yaml"
ISO = "2026-12-03"

# (identity, what, date, days_left, line) of team.yaml on 2026-12-03, in order.
TEAM_ITEMS = [
    ("broken-bot", "expiry", "2026-01-01", -336, 81),
    ("legacy-key", "rotation", "2026-03-01", -277, 61),
    ("billing-deployer", "review", "2026-11-30", -3, 20),
    ("billing-deployer", "exception", "2026-12-03", 0, 27),
    ("search-indexer", "review", "2026-12-03", 0, 40),
    ("report-bot", "rotation", "2026-12-10", 7, 52),
    ("search-indexer", "expiry", "2027-01-02", 30, 38),
]

DUE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "today", "within_days", "items"],
    "properties": {
        "version": {"const": 1},
        "today": {"type": "string", "format": "date"},
        "within_days": {"type": "integer", "minimum": 0},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "identity", "what", "date", "days_left", "business_owner",
                    "technical_owner", "team", "file", "line",
                ],
                "properties": {
                    "identity": {"type": "string"},
                    "what": {"enum": ["review", "expiry", "rotation", "exception"]},
                    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "days_left": {"type": "integer"},
                    "business_owner": {"type": ["string", "null"]},
                    "technical_owner": {"type": ["string", "null"]},
                    "team": {"type": ["string", "null"]},
                    "file": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}


def _due(path: Path, within: str = "30d", today: dt.date = TODAY,
         **filters: str) -> DueList:
    inventory = load_inventory([path])
    return due(inventory, today, Duration.parse(within), Filters(**filters))


def _rows(due_list: DueList) -> list[tuple[str, str, str, int, int]]:
    return [
        (i.identity, i.what, i.date.isoformat(), i.days_left, i.line)
        for i in due_list.items
    ]


def _json(*args: str) -> dict:
    result = cli("due", *args, "--today", ISO, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# Items


def test_every_kind_of_item_in_order_with_its_line() -> None:
    assert _rows(_due(TEAM)) == TEAM_ITEMS


def test_retired_and_unusable_identities_are_never_due() -> None:
    ids = {item.identity for item in _due(TEAM, within="10y").items}
    assert "old-bot" not in ids
    assert ids == {"broken-bot", "legacy-key", "billing-deployer", "search-indexer",
                   "report-bot"}


def test_due_exactly_at_window_end_is_listed_and_the_day_after_is_not() -> None:
    rows = _rows(_due(TEAM))
    assert ("search-indexer", "expiry", "2027-01-02", 30, 38) in rows
    assert not any(r[:2] == ("report-bot", "expiry") for r in rows)
    shorter = _rows(_due(TEAM, within="29d"))
    assert not any(r[:2] == ("search-indexer", "expiry") for r in shorter)
    longer = _rows(_due(TEAM, within="31d"))
    assert ("report-bot", "expiry", "2027-01-03", 31, 50) in longer


def test_due_today_has_zero_days_left_and_is_not_overdue() -> None:
    items = [i for i in _due(TEAM).items if i.date == TODAY]
    assert [(i.identity, i.what) for i in items] == [
        ("billing-deployer", "exception"), ("search-indexer", "review"),
    ]
    assert all(i.days_left == 0 and not i.overdue for i in items)


def test_zero_window_lists_only_overdue_and_today() -> None:
    assert [r[3] for r in _rows(_due(TEAM, within="0d"))] == [-336, -277, -3, 0, 0]


def test_never_rotated_secret_is_overdue_since_created() -> None:
    (item,) = [i for i in _due(TEAM).items if i.identity == "legacy-key"]
    assert (item.what, item.date) == ("rotation", dt.date(2026, 3, 1))
    assert item.overdue
    assert item.actor == "erin@example.com"  # the technical owner rotates


def test_ties_on_date_break_by_identity_then_kind(inventory_file) -> None:
    text = "identities:\n" + CLEAN_IDENTITY.replace(
        "expires: 2027-09-30", "expires: 2026-12-20"
    ).replace("next: 2027-02-15", "next: 2026-12-20")
    text += CLEAN_IDENTITY.replace("clean-bot", "another-bot").replace(
        "expires: 2027-09-30", "expires: 2026-12-20"
    )
    path = inventory_file(text)
    assert [(i.identity, i.what) for i in _due(path).items] == [
        ("another-bot", "expiry"), ("clean-bot", "review"), ("clean-bot", "expiry"),
    ]


def test_each_waiver_is_its_own_item(inventory_file) -> None:
    path = inventory_file("identities:\n" + CLEAN_IDENTITY + """\
    exceptions:
      - {rule: SCP001, reason: r, approved_by: dana@example.com, expires: 2026-12-10}
      - {rule: SCP002, reason: r, approved_by: dana@example.com, expires: 2026-12-09}
      - {rule: OFF001, reason: r, approved_by: dana@example.com, expires: 2027-06-01}
""")
    items = _due(path).items
    assert [(i.what, i.rule, i.days_left) for i in items] == [
        ("exception", "SCP002", 6), ("exception", "SCP001", 7),
    ]


def test_month_window_counts_its_real_days() -> None:
    assert _due(TEAM, within="1m").within_days == 31
    assert _due(TEAM, within="1m", today=dt.date(2027, 2, 1)).within_days == 28
    assert _json(str(TEAM), "--within", "1m")["within_days"] == 31


def test_default_window_is_policy_due_window() -> None:
    assert _json(str(QUIET))["within_days"] == 7
    assert _json(str(QUIET))["items"] == []
    assert [i["identity"] for i in _json(str(QUIET), "--within", "20")["items"]] == [
        "quiet-bot"
    ]


# Filters


@pytest.mark.parametrize(
    "owner", ["alice@example.com", "alice-gh", "ALICE@Example.com"]
)
def test_owner_filter_follows_people_aliases(owner: str) -> None:
    items = _due(TEAM, owner=owner).items
    assert [(i.identity, i.what) for i in items] == [
        ("broken-bot", "expiry"), ("billing-deployer", "review"),
        ("billing-deployer", "exception"),
    ]


def test_owner_filter_takes_technical_owners_too() -> None:
    ids = [(i.identity, i.what) for i in _due(TEAM, owner="bob@example.com").items]
    assert ids == [
        ("broken-bot", "expiry"), ("billing-deployer", "review"),
        ("billing-deployer", "exception"), ("report-bot", "rotation"),
    ]


def test_team_filter_uses_identity_team_else_business_owners_team() -> None:
    # search-indexer says team: search; legacy-key and report-bot get the team
    # of their business owner (frank, erin) from people.
    items = _due(TEAM, team="Search").items
    assert {i.identity for i in items} == {"search-indexer", "legacy-key", "report-bot"}
    assert {i.team for i in items} == {"search"}
    payments = {i.identity for i in _due(TEAM, team="payments").items}
    assert payments == {"broken-bot", "billing-deployer"}


def test_unknown_owner_or_team_is_an_error_with_a_suggestion() -> None:
    result = cli("due", str(TEAM), "--today", ISO, "--team", "serch")
    assert result.exit_code == 2
    assert "--team serch" in result.stderr and "'search'" in result.stderr
    result = cli("due", str(TEAM), "--today", ISO, "--owner", "alise@example.com")
    assert result.exit_code == 2
    assert "alice@example.com" in result.stderr


def test_known_person_with_nothing_due_is_not_an_error() -> None:
    result = cli("due", str(TEAM), "--today", ISO, "--owner", "carol@example.com")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        "nothing due within 30 days for owner carol@example.com"
    )


# Exit codes and messages


def test_nothing_due_says_so_and_exits_0() -> None:
    result = cli("due", str(QUIET), "--today", ISO, "--fail-on-overdue")
    assert result.exit_code == 0
    assert result.stdout == "nothing due within 7 days\n"


def test_fail_on_overdue() -> None:
    assert cli("due", str(TEAM), "--today", ISO).exit_code == 0
    assert cli("due", str(TEAM), "--today", ISO, "--fail-on-overdue").exit_code == 1
    listed_not_overdue = cli("due", str(QUIET), "--today", ISO, "--within", "30d",
                             "--fail-on-overdue")
    assert listed_not_overdue.exit_code == 0
    assert "quiet-bot" in listed_not_overdue.stdout


@pytest.mark.parametrize("within", ["2x", "-5d", "30 days", "1.5w", ""])
def test_bad_within_exits_2_with_one_line(within: str) -> None:
    result = cli("due", str(TEAM), "--today", ISO, "--within", within)
    assert result.exit_code == 2
    assert result.stderr.startswith("nhiown: error: --within: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_bad_today_exits_2() -> None:
    result = cli("due", str(TEAM), "--today", "2026-02-30")
    assert result.exit_code == 2
    assert result.stderr.startswith("nhiown: error: --today: ")


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "due.json"
    result = cli("due", str(TEAM), "--today", ISO, "-f", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["items"]) == 7


# Formats


def test_json_has_the_documented_shape_and_values() -> None:
    document = _json(str(TEAM))
    jsonschema.validate(document, DUE_SCHEMA)
    assert (document["version"], document["today"], document["within_days"]) == (
        1, ISO, 30,
    )
    rows = [(i["identity"], i["what"], i["date"], i["days_left"], i["line"])
            for i in document["items"]]
    assert rows == TEAM_ITEMS
    first = document["items"][2]
    assert first == {
        "identity": "billing-deployer", "what": "review", "date": "2026-11-30",
        "days_left": -3, "business_owner": "alice-gh",
        "technical_owner": "bob@example.com", "team": "payments",
        "file": first["file"], "line": 20,
    }
    assert first["file"].endswith("tests/fixtures/due/team.yaml")


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv", "ics"])
def test_every_format_is_byte_stable_and_colourless(fmt: str) -> None:
    args = ("due", str(TEAM), "--today", ISO, "--format", fmt, "--no-color")
    first, second = cli(*args), cli(*args)
    assert first.stdout == second.stdout
    assert "\x1b" not in first.stdout
    if fmt != "table":
        forced = cli(*args[:-1], env={"FORCE_COLOR": "1"})
        assert "\x1b" not in forced.stdout


def test_csv_parses_back_to_the_json_items() -> None:
    result = cli("due", str(TEAM), "--today", ISO, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "identity", "what", "action", "rule", "date", "days_left", "acts",
        "business_owner", "technical_owner", "team", "file", "line",
    ]
    items = _json(str(TEAM))["items"]
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        for key in ("identity", "what", "date", "business_owner", "technical_owner",
                    "team", "file"):
            assert row[key] == (item[key] or "")
        assert int(row["days_left"]) == item["days_left"]
        assert int(row["line"]) == item["line"]
    assert [r["action"] for r in rows] == [
        "renew or retire", "rotate secret", "review", "renew or drop waiver",
        "review", "rotate secret", "renew or retire",
    ]
    assert rows[3]["rule"] == "SCP001"
    assert rows[1]["acts"] == "erin@example.com"
    assert rows[2]["acts"] == "alice@example.com"  # the alias, as people names her


def _calendar(*args: str) -> icalendar.Calendar:
    result = cli("due", *args, "--format", "ics")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.count(b"\n") == result.stdout_bytes.count(b"\r\n")
    return icalendar.Calendar.from_ical(result.stdout_bytes)


def test_ics_has_one_all_day_event_per_item() -> None:
    calendar = _calendar(str(TEAM), "--today", ISO)
    assert str(calendar["prodid"]).startswith("-//nhiown//")
    assert str(calendar["version"]) == "2.0"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(TEAM_ITEMS)
    for event, (identity, what, date, _left, _line) in zip(events, TEAM_ITEMS,
                                                           strict=True):
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start.isoformat() == date
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == dt.datetime(2026, 12, 3, tzinfo=dt.UTC)
        assert identity in str(event["summary"])
        assert str(event["uid"]).startswith(f"{identity}.{what}")
    assert len({str(e["uid"]) for e in events}) == len(events)
    review = events[2]
    assert str(review["summary"]) == "billing-deployer: review (overdue)"
    attendees = [str(a) for a in review.get("attendee")]
    assert attendees == ["mailto:alice@example.com", "mailto:bob@example.com"]
    assert "business alice-gh, technical bob@example.com" in str(review["description"])
    waiver = events[3]
    assert str(waiver["summary"]) == (
        "billing-deployer: renew or drop waiver of SCP001"
    )


def test_ics_uids_survive_a_date_moving(tmp_path: Path) -> None:
    before = _calendar(str(TEAM), "--today", ISO)
    moved = tmp_path / "team.yaml"
    shutil.copy(TEAM, moved)
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("next: 2026-11-30", "next: 2026-12-20"), "utf-8")
    after = _calendar(str(moved), "--today", ISO)

    def by_uid(calendar: icalendar.Calendar) -> dict[str, dt.date]:
        return {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}

    old, new = by_uid(before), by_uid(after)
    assert set(old) == set(new)
    uid = "billing-deployer.review@nhiown"
    assert (old[uid], new[uid]) == (dt.date(2026, 11, 30), dt.date(2026, 12, 20))


def test_markdown_digest_groups_by_who_acts() -> None:
    result = cli("due", str(TEAM), "--today", ISO, "--format", "markdown")
    text = result.stdout
    assert text.startswith("# Machine identities due by 2027-01-02\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## alice@example.com: 3 to do, 2 overdue",
        "## erin@example.com: 3 to do, 1 overdue",
        "## bob@example.com: 1 to do",
    ]
    assert "- **3 days overdue** (2026-11-30): `billing-deployer` - review" in text
    assert "- in 7 days (2026-12-10): `report-bot` - rotate secret" in text


def test_markdown_nothing_due() -> None:
    result = cli("due", str(QUIET), "--today", ISO, "--format", "markdown")
    assert "nothing due within 7 days" in result.stdout


# Table


def test_table_at_80_columns_keeps_ids_and_emails_whole() -> None:
    result = cli("due", str(TEAM), "--today", ISO, env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "alice@example.com: 3 to do, 2 overdue"
    row = next(line for line in lines if "277d overdue" in line)
    assert row.split() == [
        "2026-03-01", "277d", "overdue", "legacy-key", "rotate", "secret",
        "frank@example.com",
    ]
    assert lines[-1] == "7 items due within 30 days (until 2027-01-02), 3 overdue"


def test_narrow_table_falls_back_to_a_list() -> None:
    result = cli("due", str(TEAM), "--today", ISO, env={"COLUMNS": "50"})
    assert (
        "  2026-11-30 3 days overdue billing-deployer: review (with bob@example.com)"
        in result.stdout.splitlines()
    )


def test_table_overdue_in_red() -> None:
    result = cli("due", str(TEAM), "--today", ISO, env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31m336d overdue" in result.stdout


def test_table_without_unicode_is_plain_ascii() -> None:
    text = due_table.render(_due(TEAM), Display(width=80, unicode=False))
    text.encode("ascii")
    assert "----" in text


def test_identity_without_owners_is_grouped_apart(inventory_file) -> None:
    text = "identities:\n" + CLEAN_IDENTITY.replace(
        "    owners: {business: alice@example.com, technical: bob@example.com}\n", ""
    ).replace("next: 2027-02-15", "next: 2026-12-10")
    result = cli("due", str(inventory_file(text)), "--today", ISO)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "(no owner): 1 to do"


def test_duplicate_ids_still_get_distinct_uids(inventory_file) -> None:
    identity = CLEAN_IDENTITY.replace("next: 2027-02-15", "next: 2026-12-10")
    path = inventory_file("identities:\n" + identity + identity)
    uids = [str(e["uid"]) for e in _calendar(str(path), "--today", ISO).walk("VEVENT")]
    assert uids == ["clean-bot.review@nhiown", "clean-bot.review.2@nhiown"]


def test_waiver_uid_names_its_rule() -> None:
    events = _calendar(str(TEAM), "--today", ISO).walk("VEVENT")
    assert "billing-deployer.exception.scp001@nhiown" in {str(e["uid"]) for e in events}


def test_config_file_gives_window_and_people(tmp_path: Path) -> None:
    config = tmp_path / "policy.yaml"
    config.write_text(
        "policy: {due_window: 14d}\n"
        "people:\n  - {id: alice@example.com, team: payments, aliases: [al]}\n"
        "  - {id: bob@example.com, team: platform}\n",
        encoding="utf-8",
    )
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text("identities:\n" + CLEAN_IDENTITY.replace(
        "next: 2027-02-15", "next: 2026-12-17"), encoding="utf-8")
    args = (str(inventory), "--config", str(config), "--owner", "al")
    document = _json(*args)
    assert document["within_days"] == 14
    assert [(i["identity"], i["team"]) for i in document["items"]] == [
        ("clean-bot", "payments"),
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_text(
    inventory_file, start: str
) -> None:
    owner = f'{start}HYPERLINK("http://evil")'
    text = "identities:\n" + CLEAN_IDENTITY.replace(
        "business: alice@example.com", f"business: {json.dumps(owner)}"
    ).replace("next: 2027-02-15", "next: 2026-12-01")
    path = inventory_file(text)
    result = cli("due", str(path), "--today", ISO, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["what"], r["days_left"]) for r in rows] == [("review", "-2")]
    # A tab or carriage return reaches no format raw: items show it escaped.
    shown = owner.replace("\t", "\\x09").replace("\r", "\\x0d")
    expected = "'" + owner if shown == owner else shown
    assert rows[0]["acts"] == rows[0]["business_owner"] == expected
    assert rows[0]["technical_owner"] == "bob@example.com"


@pytest.mark.parametrize("option", ["--owner", "--team"])
def test_a_filter_given_twice_is_a_usage_error(option: str) -> None:
    result = cli("due", str(TEAM), option, "a", option, "b")
    one_error(result, f"{option} given 2 times")
