"""Calendar arithmetic behind :mod:`kit.extract.time`: anchoring to a date, TimeML values.

>>> from datetime import date
>>> weekday_date(date(2017, 6, 4), 2, "past")      # Wednesday before Sunday 2017-06-04
datetime.date(2017, 5, 31)
>>> week_value(date(2017, 6, 4)), duration_value(3, "Y")
('2017-W22', 'P3Y')
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: A document date before this (or equal to 1900-01-01) looks like a placeholder.
PLACEHOLDER_DATES = (date(1900, 1, 1), date(1970, 1, 1))
#: Years outside this range are flagged as doubtful.
PLAUSIBLE_YEARS = (1000, 2200)
#: Years further than this after the document date are flagged as doubtful.
FAR_FUTURE_YEARS = 50

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    """ISO week of a day, e.g. ``2017-W22``."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """Month ``k`` months after (``y``, ``m``)."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def add_months(d: date, k: int) -> date:
    """Same day ``k`` months later, clamped to the month's last day."""
    y, m = shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_days(d: date, k: int) -> date | None:
    try:
        return d + timedelta(days=k)
    except OverflowError:
        return None


def quarter_of(m: int) -> int:
    return (m - 1) // 3 + 1


def weekday_date(dct: date, weekday: int, direction: str) -> date | None:
    """The day with ``weekday`` (0 = Monday) near ``dct``.

    ``direction``: ``past`` (on or before), ``future`` (on or after), ``last``
    (strictly before), ``next`` (strictly after), ``nearest`` (closest, ties to past).
    """
    back = (dct.weekday() - weekday) % 7
    fwd = (weekday - dct.weekday()) % 7
    if direction == "past":
        k = -back
    elif direction == "last":
        k = -(back or 7)
    elif direction == "future":
        k = fwd
    elif direction == "next":
        k = fwd or 7
    else:
        k = -back if back <= (fwd or 7) else fwd
    return add_days(dct, k)


#: Extra distance (in days) given to readings against the tense of the verb.
TENSE_PENALTY_DAYS = 120


def _tense_cost(delta: int, direction: str, penalty: int = TENSE_PENALTY_DAYS) -> float:
    """Cost of a reading ``delta`` days after the document date, given the tense."""
    cost = float(abs(delta))
    if direction in ("past", "last") and delta > 7:
        cost += penalty
    if direction in ("future", "next") and delta < -7:
        cost += penalty
    return cost


def month_anchor(dct: date, month: int, direction: str) -> tuple[int, int]:
    """The (year, month) of a bare month name near ``dct``.

    ``last``: the latest such month strictly before the document month; ``next``:
    the first strictly after; ``this``: the document's year; otherwise the
    nearest such month consistent with the tense (``past``/``future``).

    >>> month_anchor(date(2017, 6, 4), 3, "past"), month_anchor(date(2017, 11, 4), 1, "future")
    ((2017, 3), (2018, 1))
    """
    y = dct.year
    if direction == "last":
        return (y if month < dct.month else y - 1), month
    if direction == "next":
        return (y if month > dct.month else y + 1), month
    if direction == "this":
        return y, month
    options = [(y + k, month) for k in (0, -1, 1)]
    return min(
        options,
        key=lambda ym: _tense_cost(
            30 * ((ym[0] - y) * 12 + ym[1] - dct.month), direction, penalty=400
        ),
    )


def month_day_year(dct: date, month: int, day: int, direction: str) -> int:
    """The year of "June 4" near ``dct``: the nearest such day, readings against the
    tense cost more (past tense rarely lands months after the document date).

    >>> month_day_year(date(2017, 6, 4), 12, 7, "past"), month_day_year(date(2017, 1, 5), 9, 27, "")
    (2016, 2016)
    """
    best, best_cost = dct.year, float("inf")
    for y in (dct.year, dct.year - 1, dct.year + 1):
        try:
            d = date(y, month, min(day, calendar.monthrange(y, month)[1]))
        except ValueError:
            continue
        cost = _tense_cost((d - dct).days, direction)
        if cost < best_cost:
            best, best_cost = y, cost
    return best


def season_year(dct: date, season: str, offset: int) -> int:
    """Year of "this/last/next summer" (offset 0/-1/+1) relative to ``dct``."""
    start = SEASON_START[season]
    cur = dct.month if dct.month != 12 else 12
    y = dct.year
    if offset < 0:
        return y if start < cur and season != "WI" else y - 1
    if offset > 0:
        return y + 1 if start <= cur else y
    return y


def quarter_anchor(dct: date, q: int, direction: str) -> int:
    """Year of "the third quarter": the latest such quarter not after the current one
    (reports look back), or the next one after "next"."""
    cur = quarter_of(dct.month)
    if direction == "next":
        return dct.year if q >= cur else dct.year + 1
    return dct.year if q <= cur else dct.year - 1


def weekend_value(dct: date, direction: str) -> str | None:
    """The weekend meant by "the weekend": the last one (past, default) or the next one."""
    if dct.weekday() >= 5:
        d = dct
    elif direction in ("future", "next"):
        d = add_days(dct, 5 - dct.weekday())
    else:
        d = add_days(dct, -(dct.weekday() + 1))
    return week_value(d) + "-WE" if d else None


def relative_value(dct: date, unit: str, k: int) -> str | None:
    """The unit (``D W WE M Q Y 10Y 100Y``) ``k`` steps from ``dct`` as a TimeML value."""
    if unit == "D":
        d = add_days(dct, k)
        return day_value(d) if d else None
    if unit in ("W", "WE"):
        d = add_days(dct, 7 * k)
        if d is None:
            return None
        return week_value(d) + ("-WE" if unit == "WE" else "")
    if unit == "M":
        y, m = shift_month(dct.year, dct.month, k)
        return month_value(y, m)
    if unit == "Q":
        y, m = shift_month(dct.year, dct.month, 3 * k)
        return f"{y:04d}-Q{quarter_of(m)}"
    if unit == "Y":
        return f"{dct.year + k:04d}"
    if unit == "10Y":
        return f"{dct.year // 10 + k:03d}"
    if unit == "100Y":
        return f"{dct.year // 100 + k:02d}"
    return None


def ago_value(dct: date, n: float, unit: str, mult: int = 1) -> tuple[str | None, bool]:
    """The value ``n`` units before ``dct`` (negative ``n``: after), and whether
    it is approximate (months and years are not exact in days)."""
    if n != int(n):
        return None, True
    n = int(n) * mult
    if unit == "D":
        d = add_days(dct, -n)
        return (day_value(d) if d else None), False
    if unit == "W":
        d = add_days(dct, -7 * n)
        return (day_value(d) if d else None), False
    if unit == "M":
        try:
            return day_value(add_months(dct, -n)), True
        except ValueError:
            return None, True
    if unit == "Q":
        y, m = shift_month(dct.year, dct.month, -3 * n)
        return f"{y:04d}-Q{quarter_of(m)}", False
    if unit == "Y":
        return f"{dct.year - n:04d}", False
    return None, True


def duration_value(n: float | None, unit: str, mult: int = 1) -> str:
    """TimeML duration: ``P3Y``, ``PT2H``, ``PXM`` (vague count), ``P1.5Y``.

    >>> duration_value(None, "M"), duration_value(2, "H"), duration_value(1, "Y", 10)
    ('PXM', 'PT2H', 'P10Y')
    """
    if unit == "WE":
        unit = "WE"
    time_unit = unit in ("H", "S") or unit == "MIN"
    letter = "M" if unit == "MIN" else unit
    if n is None:
        count = "X"
    else:
        v = n * mult
        count = str(int(v)) if float(v).is_integer() else f"{v:g}"
    return f"PT{count}{letter}" if time_unit else f"P{count}{letter}"


def check_day(y: int, m: int, d: int) -> str | None:
    """Why (y, m, d) is not a real date, or ``None``."""
    if not 1 <= m <= 12:
        return f"impossible date: there is no month {m}"
    last = calendar.monthrange(max(min(y, 9999), 1), m)[1]
    if not 1 <= d <= last:
        return f"impossible date: {calendar.month_name[m]} has no day {d}"
    return None


def year_doubt(y: int, dct: date | None) -> str | None:
    """A note when year ``y`` is implausibly far in the past or future."""
    lo, hi = PLAUSIBLE_YEARS
    if y < lo:
        return f"far past: year {y}"
    if y > hi or (dct is not None and y > dct.year + FAR_FUTURE_YEARS):
        return f"far future: year {y}"
    return None


def dct_doubt(dct: date | None) -> str | None:
    """A note when the document date itself looks like a placeholder."""
    if dct is None:
        return None
    if dct in PLACEHOLDER_DATES or dct.year < PLAUSIBLE_YEARS[0] or dct.year > PLAUSIBLE_YEARS[1]:
        return f"document dated {dct.isoformat()} (looks like a placeholder date)"
    return None


def granularity(value: str | None) -> str | None:
    """The granularity of a TimeML value: day, week, month, quarter, season, year, …

    >>> [granularity(v) for v in ("2017-05-31", "2017-W22", "199", "P1M", "T14:30")]
    ['day', 'week', 'decade', 'duration', 'time']
    """
    import re

    if not value:
        return None
    if value.endswith("_REF"):
        return "reference"
    if value.startswith("P"):
        return "duration"
    if "T" in value:
        return "time"
    checks = [
        (r"[\dX]{4}-[\dX]{2}-[\dX]{2}", "day"),
        (r"[\dX]{4}-W[\dX]{2}-WE", "weekend"),
        (r"[\dX]{4}-W[\dX]{2}-\d", "day"),
        (r"[\dX]{4}-W[\dX]{2}", "week"),
        (r"[\dX]{4}-[\dX]{2}", "month"),
        (r"[\dX]{4}-Q[\dX]", "quarter"),
        (r"[\dX]{4}-H\d", "half"),
        (r"[\dX]{4}-(SP|SU|FA|WI)", "season"),
        (r"[\dX]{4}", "year"),
        (r"[\dX]{3}", "decade"),
        (r"[\dX]{2}", "century"),
    ]
    for rx, name in checks:
        if re.fullmatch(rx, value):
            return name
    return None


def period_start(value: str | None) -> date | None:
    """First day of the period a DATE value names (``None`` for unresolved values).

    >>> period_start("2017-W22"), period_start("2017-SU")
    (datetime.date(2017, 5, 29), datetime.date(2017, 6, 1))
    """
    import re

    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return date.fromisoformat(v)
        m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-(WE|\d))?", v)
        if m:
            day = 6 if m.group(3) == "WE" else int(m.group(3) or 1)
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), day)
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            return date(int(m.group(1)), int(m.group(2)), 1)
        m = re.fullmatch(r"(\d{4})-([QH])(\d)", v)
        if m:
            step = 3 if m.group(2) == "Q" else 6
            return date(int(m.group(1)), (int(m.group(3)) - 1) * step + 1, 1)
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            return date(int(m.group(1)), SEASON_START[m.group(2)], 1)
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 1, 1)
        if re.fullmatch(r"\d{3}", v):
            return date(int(v) * 10 or 1, 1, 1)
        if re.fullmatch(r"\d{2}", v):
            return date(int(v) * 100 or 1, 1, 1)
    except ValueError:
        return None
    return None
