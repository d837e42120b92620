"""``nhiown review``: record that someone independent reviewed an identity."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated

import typer

from nhiown import options
from nhiown.edit import request as edit
from nhiown.edit.change import Change
from nhiown.edit.chronology import require_chronology
from nhiown.edit.refusal import Refusal
from nhiown.errors import UsageError
from nhiown.people import People
from nhiown.secretscan import printable
from nhiown.yamltree import YMap, lookup

OWNER_ROLES = ("business", "technical")


def review_changes(
    context: edit.Context, by: str, date: dt.date | None, next_date: dt.date | None
) -> list[Change]:
    """``review.last``, ``review.next`` and ``review.by``, or a Refusal when the
    reviewer is an owner of the identity, is not in the people given, or has
    left, or when the date is after today, before ``created`` or before the
    recorded ``review.last``."""
    record, settings = context.record, context.inventory.settings
    reviewer = by.strip()
    if not reviewer:
        raise UsageError("--by: give the reviewer's e-mail")
    if printable(reviewer) != reviewer or any(c in reviewer for c in ":#[]{},"):
        raise UsageError(
            f"--by: {printable(reviewer)!r} is not a person's name or e-mail",
            hint="give the reviewer as listed in people, e.g. carol@example.com",
        )
    _judge_reviewer(reviewer, record.id, record.raw, settings.people)
    last = date or context.today
    require_chronology(
        context, "--date", last, date is not None, "review", ("review", "last")
    )
    upcoming = next_date or _next_review(record.raw.get("risk_tier"), last, context)
    if upcoming < last:
        raise UsageError(f"--next {upcoming} is before the review date {last}")
    return [
        Change(("review", "last"), last.isoformat()),
        Change(("review", "next"), upcoming.isoformat()),
        Change(("review", "by"), reviewer),
    ]


def _judge_reviewer(
    reviewer: str, identifier: str | None, raw: YMap, people: People
) -> None:
    """Refusal when the reviewer owns the identity, or, when ``people`` is
    given, is not listed there or has departed: ``gate`` would not count such
    a review as independent."""
    owners = [lookup(raw, ("owners", role)) for role in OWNER_ROLES]
    for role, owner in zip(OWNER_ROLES, owners, strict=True):
        if isinstance(owner, str) and people.same(reviewer, owner):
            raise Refusal(
                f"{reviewer} is the {role} owner of {identifier}: an owner cannot"
                " review their own identity",
                hint="ask someone who owns neither side to review it",
            )
    person = people.find(reviewer)
    if person is None and people.given:
        raise Refusal(
            f"{reviewer} is not in people: a review needs someone listed there",
            hint=_suggest(reviewer, people, owners),
        )
    if person is not None and person.status == "departed":
        raise Refusal(
            f"{reviewer} is departed in people: a review needs someone still here",
            hint="ask an active colleague to review it",
        )


def _suggest(reviewer: str, people: People, owners: list[object]) -> str:
    """Up to three names (id or alias) close to ``reviewer`` of active people
    who may review: the owners, who may not, are left out."""
    reviewers = [
        person for person in people.persons.values()
        if person.status == "active"
        and not any(people.same(person.id, o) for o in owners if isinstance(o, str))
    ]
    names = sorted(
        name.strip().lower() for person in reviewers
        for name in (person.id, *person.aliases)
    )

    close = difflib.get_close_matches(reviewer.lower(), names, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "give the reviewer's id or alias as listed in people, or add them there"


def _next_review(tier: object, last: dt.date, context: edit.Context) -> dt.date:
    intervals = context.inventory.settings.policy.review_interval.items()
    interval = next((span for name, span in intervals if name == tier), None)
    if interval is None:
        raise UsageError(
            f"cannot work out review.next: {context.record.id} has no known risk_tier",
            hint="give --next YYYY-MM-DD, or set risk_tier first",
        )
    return interval.after(last)


def command(
    identifier: edit.Identifier,
    by: Annotated[
        str,
        typer.Option(
            "--by", metavar="EMAIL", show_default=False,
            help="E-mail of the reviewer: never an owner of the identity and,"
            " when the config lists people, one of them (id or alias) and not"
            " departed.",
        ),
    ],
    paths: options.Paths = None,
    date: Annotated[
        str | None,
        edit.date_option(
            "--date",
            "Day of the review, YYYY-MM-DD (default: today); not after today,"
            " before created or before the recorded review.last.",
        ),
    ] = None,
    next_date: Annotated[
        str | None,
        edit.date_option(
            "--next",
            "When the next review is due (default: the review date plus the"
            " tier's review_interval).",
        ),
    ] = None,
    dry_run: edit.DryRun = False,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Record a review of identity ID in place: review.last, .next and .by.

    Only the lines carrying the new values change; comments, quoting, order
    and line ends stay as written. Refused when --by is an owner of the
    identity (also through a people alias), or, when the config lists people,
    is not among them (close names are suggested) or has departed; refused
    too for a review date after today, before the identity's created or
    before the recorded review.last.

    Exit status: 0 recorded (or shown with --dry-run), 1 refused and nothing
    written, 2 when the id, a date, the inventory or the command line cannot
    be used, or when the file cannot be written in place (read-only for you,
    or hard-linked elsewhere: a rename would split the links).
    """
    request = edit.Request(identifier, paths or [], today, config, dry_run, no_color)
    last = edit.option_date("--date", date)
    upcoming = edit.option_date("--next", next_date)
    edit.run(request, lambda context: review_changes(context, by, last, upcoming))
