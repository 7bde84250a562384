"""Numbers and units: digit strings, number words, vague amounts, the unit lexicon."""

from __future__ import annotations

import pytest

from kit.extract.quantities.numbers import (
    parse_number_words,
    parse_numeral,
    power,
    split_words,
    vague_amounts,
)
from kit.extract.quantities.units import combine, lexicon


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("90,000", 90000),
        ("1.5", 1.5),
        ("2,500.75", 2500.75),
        ("1,500,000", 1_500_000),
        ("10 000", 10000),
        ("1,50,000", 150000),  # Indian grouping
        ("٣٠", 30),  # Arabic-Indic digits
        (".5", 0.5),
    ],
)
def test_parse_numeral(text, value):
    assert parse_numeral(text) == (value, None)


@pytest.mark.parametrize(
    ("text", "flag"),
    [("1,00,0", "malformed number"), ("1,2345", "malformed number"), ("9" * 400, "overflow")],
)
def test_parse_numeral_flags(text, flag):
    assert parse_numeral(text) == (None, flag)


def test_power():
    assert power(10, 3) == (1000.0, None)
    assert power(10, 400) == (None, "overflow")
    assert power(0, -1) == (None, "overflow")


@pytest.mark.parametrize(
    ("phrase", "value", "used"),
    [
        ("ninety thousand", 90000, 2),
        ("a hundred and two", 102, 4),
        ("twenty-one", 21, 2),
        ("three million, two hundred & forty", 3000240, 7),
        ("one two", 1, 1),
        ("a dozen", 12, 2),
        ("two dozen", 24, 2),
        ("one hundred thousand", 100000, 3),
        ("and one", None, 0),
        ("a", None, 0),
    ],
)
def test_number_words(phrase, value, used):
    words = [w for w, _, _ in split_words(phrase)]
    assert parse_number_words(words) == (value, used)


def test_vague_table():
    vague = vague_amounts()
    assert (vague["a couple"].low, vague["a couple"].high) == (2, 3)
    assert vague["tens of thousands"].low == 20000
    for v in vague.values():
        assert v.low <= v.value <= v.high


@pytest.mark.parametrize(
    ("surface", "name", "dimension", "si"),
    [
        ("km", "kilometre", "length", 1000),
        ("miles", "mile", "length", 1609.344),
        ("kg", "kilogram", "mass", 1),
        ("tonnes", "tonne", "mass", 1000),
        ("hectares", "hectare", "area", 10000),
        ("litres", "litre", "volume", 0.001),
        ("km/h", "kilometre per hour", "speed", 1 / 3.6),
        ("months", "month", "duration", 2629800),
        ("%", "percent", "percent", 1),
        ("$", "US dollar", "money", 1),
    ],
)
def test_lexicon(surface, name, dimension, si):
    unit, end = lexicon().match(f"5 {surface} more", 2)
    assert end == 2 + len(surface)
    assert (unit.name, unit.dimension) == (name, dimension)
    assert unit.to_si(1) == pytest.approx(si)


def test_lexicon_case_and_temperature():
    lex = lexicon()
    assert lex.match("5 mm", 2)[0].name == "millimetre"
    assert lex.match("5 Mm", 2) is None or lex.match("5 Mm", 2)[0].name != "millimetre"
    celsius = lex.match("30 °C", 3)[0]
    assert celsius.to_si(0) == pytest.approx(273.15)
    assert lex.match("5 official", 2) is None


def test_combine_and_currency_prefix():
    lex = lexicon()
    km = lex.words["kilometre"]
    assert combine(km, "pow", n=2).name == "square kilometre"
    assert combine(km, "per", lex.words["hour"]).dimension == "speed"
    per_hour = combine(lex.symbols["$"], "per", lex.words["hour"])
    assert per_hour.currency == "USD" and per_hour.name == "US dollar per hour"
    unit, start = lex.currency_before("paid US$5", 8)
    assert unit.currency == "USD" and start == 5
    assert lex.currency_before("paid 5", 5) is None
