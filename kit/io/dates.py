"""Publication dates of documents: many written forms -> one calendar date.

>>> parse_date("June 4, 2017")
Timestamp('2017-06-04 00:00:00')
>>> parse_date("04/06/2017", dayfirst=True)
Timestamp('2017-06-04 00:00:00')
>>> parse_date("2017-06-04T23:30:00-05:00")     # the date in the stamp's own zone
Timestamp('2017-06-04 00:00:00')

Nothing here depends on today's date: a value without a year, a month or a day
is refused (:class:`DateProblem`) rather than completed from the clock.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pandas as pd

__all__ = ["DateProblem", "parse_date", "is_missing"]

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_WORD = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Anything after the date (a time, a zone) is allowed but ignored: the date as
# written is the date in the stamp's own zone.
_REST = r"(?:$|[T\s,.;@|/]+.*$)"

_PATTERNS = [
    # 2017-06-04, 2017/06/04, 2017.06.04, 2017-06-04T10:00:00+02:00
    re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})" + _REST, re.I),
    # 20170604 (compact ISO), optionally with a time: 20170604T100000Z
    re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:$|T.*$)", re.I),
    # June 4, 2017 / Sunday, June 4th 2017 / Jun. 4 2017 10:00 EDT
    re.compile(r"^" + _WEEKDAY + _MONTH_WORD + r"\s+" + _DAY + r",?\s+" + _YEAR + _REST, re.I),
    # 4 June 2017 / Sun, 04 Jun 2017 10:00:00 +0000 / 4th of June, 2017 / 4-Jun-2017
    re.compile(
        r"^" + _WEEKDAY + _DAY + r"(?:\s+of)?[\s-]+" + _MONTH_WORD + r",?[\s-]+" + _YEAR + _REST,
        re.I,
    ),
]
# 04/06/2017, 4.6.2017, 04-06-17: month first unless dayfirst=True
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})" + _REST)
_PARTIAL = re.compile(r"^(\d{4}(-\d{1,2})?|" + _MONTH_WORD + r"\s+\d{4})$", re.I)

_MIN = dt.date(1678, 1, 1)  # datetime64[ns] can hold dates in 1678..2261
_MAX = dt.date(2261, 12, 31)


class DateProblem(ValueError):
    """A value that is not a readable calendar date; the message says why."""


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT, pd.NA and blank strings (unknown, not malformed)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def parse_date(value: Any, *, dayfirst: bool = False) -> pd.Timestamp:
    """The calendar date of ``value`` as a naive midnight Timestamp (NaT if missing).

    Accepts dates and datetimes (a zone-aware value gives the date in its own
    zone), ISO strings with or without time and zone, ``June 4, 2017``,
    ``4 June 2017``, ``04/06/2017`` (month first; ``dayfirst=True`` reads day
    first; a first number above 12 is always a day) and ``20170604``.
    Raises :class:`DateProblem` for anything else.

    >>> parse_date("Sun, 04 Jun 2017 10:00:00 +0000")
    Timestamp('2017-06-04 00:00:00')
    """
    if is_missing(value):
        return pd.NaT
    if isinstance(value, pd.Timestamp | dt.datetime):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, value)
    if hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("datetime64"):
        return parse_date(pd.Timestamp(value), dayfirst=dayfirst)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 10_000_000 <= value <= 99_999_999:
            return parse_date(str(int(value)), dayfirst=dayfirst)
        raise DateProblem(f"{value!r} is a number, not a date")
    text = " ".join(str(value).split())
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            month = int(groups["month"]) if groups.get("month") else MONTHS[_mon_key(groups)]
            return _checked(int(groups["year"]), month, int(groups["day"]), value)
    m = _NUMERIC.match(text)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), _full_year(m["y"])
        month, day = (b, a) if dayfirst else (a, b)
        if month > 12 >= day:  # unambiguous: the other order is the only valid one
            month, day = day, month
        return _checked(year, month, day, value)
    if _PARTIAL.match(text):
        raise DateProblem(f"{value!r} has no day (a date needs year, month and day)")
    raise DateProblem(f"{value!r} is not a date kit.load can read")


def _mon_key(groups: dict[str, str | None]) -> str:
    word = (groups["mon"] or "").lower()
    return word if word in MONTHS else word[:3]


def _full_year(text: str) -> int:
    """Two-digit years: 00-68 -> 2000-2068, 69-99 -> 1969-1999."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _checked(year: int, month: int, day: int, original: Any) -> pd.Timestamp:
    try:
        day_value = dt.date(year, month, day)
    except ValueError as err:
        raise DateProblem(f"{original!r} is not a valid calendar date ({err})") from None
    if not _MIN <= day_value <= _MAX:
        raise DateProblem(f"{original!r} is outside the supported years 1678-2261")
    return pd.Timestamp(day_value)


def as_date(value: Any) -> dt.date | None:
    """A ``datetime.date`` from a date-like value, or ``None`` (missing, NaT, unparseable).

    >>> as_date("2017-06-04")
    datetime.date(2017, 6, 4)
    """
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None
