"""kit.io.dates: written dates -> calendar dates, never guessed from the clock."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit.io.dates import DateProblem, parse_date

JUNE_4 = pd.Timestamp("2017-06-04")


@pytest.mark.parametrize(
    "value",
    [
        "2017-06-04",
        "2017/06/04",
        "20170604",
        "June 4, 2017",
        "Jun. 4 2017",
        "Sunday, June 4th, 2017",
        "4 June 2017",
        "4th of June, 2017",
        "04-Jun-2017",
        "06/04/2017",
        "2017-06-04T23:30:00-05:00",
        "2017-06-04T01:00:00+09:00",
        "2017-06-04 10:00:00 UTC",
        "Sun, 04 Jun 2017 10:00:00 +0000",
        dt.date(2017, 6, 4),
        dt.datetime(2017, 6, 4, 22, 0),
        pd.Timestamp("2017-06-04 23:00", tz="America/New_York"),
        20170604,
    ],
)
def test_forms_of_june_4(value: object) -> None:
    assert parse_date(value) == JUNE_4


def test_day_first_option_and_unambiguous_days() -> None:
    assert parse_date("04/06/2017") == pd.Timestamp("2017-04-06")
    assert parse_date("04/06/2017", dayfirst=True) == JUNE_4
    assert parse_date("25/06/2017") == pd.Timestamp("2017-06-25")
    assert parse_date("06/25/2017", dayfirst=True) == pd.Timestamp("2017-06-25")
    assert parse_date("4.6.17", dayfirst=True) == JUNE_4


def test_zone_keeps_the_stamps_own_date() -> None:
    # 23:30 in New York is already June 5 in UTC; the stamp's own date wins.
    assert parse_date("2017-06-04T23:30:00-04:00") == JUNE_4


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT])
def test_missing_is_nat(value: object) -> None:
    assert parse_date(value) is pd.NaT


@pytest.mark.parametrize(
    "value", ["2017-13-45", "2017-02-30", "June 2017", "2017-06", "yesterday", "0000-00-00", 3.5]
)
def test_malformed_raises(value: object) -> None:
    with pytest.raises(DateProblem):
        parse_date(value)


@given(st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_written_forms_agree(day: dt.date) -> None:
    want = pd.Timestamp(day)
    assert parse_date(day.isoformat()) == want
    assert parse_date(f"{day:%B} {day.day}, {day.year}") == want
    assert parse_date(f"{day.day} {day:%b} {day.year}") == want
    assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == want
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}", dayfirst=True) == want


@given(st.text(max_size=40))
def test_never_crashes(text: str) -> None:
    try:
        got = parse_date(text)
    except DateProblem:
        return
    assert got is pd.NaT or got == got.normalize()
