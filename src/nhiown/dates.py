"""Dates, durations and "today": the only place nhiown reads the clock.

A date in the inventory is the last valid day: something that expires on
2026-12-03 is due that day and overdue from 2026-12-04.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[Tt ]")
_DURATION = re.compile(r"([0-9]+)\s*([dwmy])\Z")
_LONGEST = {"d": 365_250, "w": 52_179, "m": 12_000, "y": 1_000}
"""No policy needs more; the cap keeps date arithmetic in range."""


def parse_date(value: str) -> dt.date:
    """A strict ISO ``YYYY-MM-DD`` date; ValueError says what is wrong."""
    if value != value.strip():
        raise ValueError(f"{value!r} has spaces around it; write YYYY-MM-DD alone")
    if _TIMESTAMP.match(value):
        raise ValueError(f"{value!r} is a timestamp; write the date only (YYYY-MM-DD)")
    if not _ISO_DATE.match(value):
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None


@dataclass(frozen=True, order=True)
class Duration:
    """A span of days, weeks, calendar months or years (``30d``, ``6m``, ``1y``)."""

    amount: int
    unit: str = "d"

    @classmethod
    def parse(cls, value: int | str) -> Duration:
        """From integer days or ``Nd``/``Nw``/``Nm``/``Ny``; ValueError otherwise."""
        if isinstance(value, bool):
            raise ValueError("a duration is a number of days or a text like 30d")
        if isinstance(value, int):
            if value < 0:
                raise ValueError(f"duration {value} is negative")
            if value > _LONGEST["d"]:
                raise ValueError(f"duration {value} is longer than a thousand years")
            return cls(value, "d")
        text = value.strip().lower() if isinstance(value, str) else ""
        match = _DURATION.match(text)
        if not match:
            raise ValueError(
                f"{value!r} is not a duration; use days (90) or 90d, 12w, 6m, 1y"
            )
        amount, unit = int(match.group(1)), match.group(2)
        if amount > _LONGEST[unit]:
            raise ValueError(f"{value!r} is longer than a thousand years")
        return cls(amount, unit)

    def after(self, start: dt.date) -> dt.date:
        """The date this long after ``start`` (months keep the day, clamped).

        A span that would pass the last representable date ends there: a
        review due after the year 9999 is, for every purpose, never due.
        """
        try:
            if self.unit == "d":
                # timedelta gives relativedelta's date at a tenth of the cost:
                # every rule of every identity asks this.
                return start + dt.timedelta(days=self.amount)
            if self.unit == "w":
                return start + dt.timedelta(weeks=self.amount)
            if self.unit == "m":
                return start + relativedelta(months=self.amount)
            return start + relativedelta(years=self.amount)
        except (OverflowError, ValueError):
            return dt.date.max

    def days_from(self, start: dt.date) -> int:
        """How many days the duration spans when it starts on ``start``."""
        return (self.after(start) - start).days

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def today_in(timezone: str) -> dt.date:
    """Today's date in ``timezone`` (an IANA name), whatever the machine's TZ."""
    return dt.datetime.now(ZoneInfo(timezone)).date()


def check_timezone(name: str) -> str:
    """The name itself when it is a known IANA time zone; ValueError otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        message = f"unknown time zone {name!r} (use an IANA name such as UTC)"
        raise ValueError(message) from None
    return name
