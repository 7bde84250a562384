"""Issue 18: currencies, unit abbreviations, rates, magnitudes, ranges, change, identifiers, ages."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kit.api import analyze
from kit.extract.quantities.extractor import COLUMNS, per_unit
from kit.extract.quantities.scanner import exclusions
from kit.extract.quantities.units import lexicon

#: doc_id -> text; one kit.analyze call for all of them.
NEWS = {
    "cur_prefix": "It paid $US4.2 million ($A6.1 million), between $US90 million and $US95 million.",
    "cur_local": "Shares were sold for RM45,000 and HK $2.5 billion (US $320 million); a stamp is 212p.",
    "cur_rs": "Every month I require Rs.2000-Rs.2500; it cost Rs.30. A ticket is C $9.",
    "cur_doc": "The A$5 million grant was matched by a $2 million loan.",
    "cur_words": "The sale price is 900 million złotys, and bail was 100,000 Georgian lari.",
    "units": "The 310bhp engine has 450 HP, 5Ghz chips, a 4000 mAh battery, 6000 rpm and 50 mpg.",
    "units2": "It makes 400 Nm; it was 3.6degF (2deg C) in a 2.0 litre tank.",
    "rate": "Oil traded at $70 a barrel and she earns $30,000 a year, or $600 a week.",
    "rate_count": "Deaths ran at 18.9 deaths per 100,000 people per year.",
    "rate_hyphen": "He built a $400-million-a-year business.",
    "magnitude": "It sold 4.1m units and lost 20m of its customers; the 100m sprint was run.",
    "range_words": "About six to seven thousand people came, from 500 to 800 jobs were cut.",
    "range_mixed": "Children aged 0–14 years and youths aged 16 to 18 years were vaccinated.",
    "change": "Prices rose 5% while output fell 0.4 per cent; the index fell 0.7 per cent to 7250.",
    "change_noun": "There was a 93% increase, an increase of $78,000 and a 10 percent drop.",
    "change_level": "Turnout rose from 58 percent to 55 percent; they made up 3.8% of the total.",
    "ids": "The FTSE 100 and Windows 10 ran on a Galaxy S10; an Airbus A320 and a Boeing 737 flew.",
    "ids2": "Section 5 of the Act covers 12 Main Street and Category 5 storms.",
    "ids3": "It is one of eighteen B-17s; SOCIETY 1.0 ran from 1987–2017.",
    "ages": "Smith, 54, said so. Brenton Tarrant, aged 28, appeared; a 36-year-old man died at the "
    "age of 80.",
}


@pytest.fixture(scope="module")
def news() -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": list(NEWS), "text": list(NEWS.values())})
    return analyze(docs, extractors=["quantities"], store=None).quantities


def by_text(q: pd.DataFrame, doc_id: str) -> dict[str, dict]:
    return {r["text"]: r for r in q[q["doc_id"] == doc_id].to_dict("records")}


def test_new_columns_are_declared():
    assert {"per_unit", "change"} <= set(COLUMNS)
    assert COLUMNS.index("per_unit") == COLUMNS.index("unit") + 1


def test_currency_table():
    lex = lexicon()
    assert lex.symbols["$US"].currency == "USD" and lex.symbols["$A"].currency == "AUD"
    assert lex.symbols["HK$"].currency == "HKD" and lex.words["złotys"].currency == "PLN"


def test_currency_prefixes(news):
    got = by_text(news, "cur_prefix")
    assert got["$US4.2 million"]["currency"] == "USD" and got["$US4.2 million"]["value"] == 4.2e6
    assert got["$A6.1 million"]["currency"] == "AUD"
    rng = got["between $US90 million and $US95 million"]
    assert (rng["low"], rng["high"], rng["currency"]) == (9e7, 9.5e7, "USD")


def test_local_currencies(news):
    got = by_text(news, "cur_local")
    assert got["RM45,000"]["currency"] == "MYR"
    assert (
        got["HK $2.5 billion"]["currency"] == "HKD" and got["US $320 million"]["currency"] == "USD"
    )
    assert got["212p"]["currency"] == "GBP" and math.isclose(got["212p"]["si_value"], 2.12)
    got = by_text(news, "cur_rs")
    assert (got["Rs.2000-Rs.2500"]["low"], got["Rs.2000-Rs.2500"]["high"]) == (2000, 2500)
    assert got["Rs.30"]["value"] == 30 and got["C $9"]["currency"] == "CAD"


def test_bare_dollar_takes_the_document_currency(news):
    got = by_text(news, "cur_doc")
    assert got["$2 million"]["currency"] == "AUD"


def test_currency_words_after_a_scale(news):
    got = by_text(news, "cur_words")
    assert got["900 million złotys"]["currency"] == "PLN"
    assert got["100,000 Georgian lari"]["currency"] == "GEL"


def test_unit_abbreviations(news):
    units = {
        r["text"]: r["unit"]
        for r in news[news["doc_id"].isin(["units", "units2"])].to_dict("records")
    }
    assert units["310bhp"] == "horsepower" and units["450 HP"] == "horsepower"
    assert units["5Ghz"] == "gigahertz" and units["4000 mAh"] == "milliampere hour"
    assert units["6000 rpm"] == "revolution per minute" and units["50 mpg"] == "mile per gallon"
    assert units["400 Nm"] == "newton metre" and units["2.0 litre"] == "litre"
    assert units["3.6degF"] == "degree Fahrenheit" and units["2deg C"] == "degree Celsius"


def test_rates_have_a_per_unit_and_no_second_quantity(news):
    got = by_text(news, "rate")
    assert list(got) == ["$70 a barrel", "$30,000 a year", "$600 a week"]
    assert got["$70 a barrel"]["unit"] == "US dollar per barrel"
    assert got["$70 a barrel"]["per_unit"] == "barrel" and got["$600 a week"]["per_unit"] == "week"
    row = next(iter(by_text(news, "rate_count").values()))
    assert row["per_unit"].startswith("100000 ") and row["per_unit"].endswith(" per year")
    assert row["value"] == 18.9
    row = next(iter(by_text(news, "rate_hyphen").values()))
    assert row["value"] == 4e8 and row["per_unit"] == "year"
    assert per_unit("metre") is None


def test_glued_magnitudes_by_context(news):
    got = by_text(news, "magnitude")
    assert got["4.1m"]["value"] == 4.1e6 and got["4.1m"]["unit"] == ""
    assert got["20m"]["value"] == 2e7 and got["20m"]["unit"] == ""
    assert got["100m"]["unit"] == "metre"


def test_ranges(news):
    got = by_text(news, "range_words")
    six = got["About six to seven thousand"]
    assert (six["low"], six["high"]) == (6000, 7000)
    jobs = next(r for t, r in got.items() if "500" in t)
    assert (jobs["low"], jobs["high"], jobs["bound"]) == (500, 800, "range")
    got = by_text(news, "range_mixed")
    assert {(r["low"], r["high"], r["dimension"]) for r in got.values()} == {
        (0, 14, "age"),
        (16, 18, "age"),
    }


def test_change_column(news):
    got = by_text(news, "change")
    assert got["5%"]["change"] == "up" and got["0.4 per cent"]["change"] == "down"
    assert got["0.7 per cent"]["change"] == "down" and got["7250"]["change"] == "none"
    assert got["7250"]["bound"] == "exact"  # "fell X to Y": a change and a level, not a range
    got = by_text(news, "change_noun")
    assert [r["change"] for r in got.values()] == ["up", "up", "down"]
    got = by_text(news, "change_level")
    assert {r["change"] for r in got.values()} == {"none"}


def test_identifiers_are_not_quantities(news):
    assert news[news["doc_id"] == "ids"].empty
    got = by_text(news, "ids2")
    assert list(got) == []
    got = by_text(news, "ids3")
    assert [(r["value"], r["unit"]) for r in got.values()] == [(18, "")]
    assert exclusions().before.search("the FTSE ")


def test_ages(news):
    got = by_text(news, "ages")
    assert {r["value"] for r in got.values() if r["dimension"] == "age"} == {54, 28, 36, 80}
    assert all(r["unit"] == "year" for r in got.values())


# ------------------------------------------------------------------ bad input --

BAD = {
    "huge": "It is 1e308 km away, or 1e309 km.",
    "digits30": "The ledger showed 123456789012345678901234567890 units.",
    "dollars": "$$$ and $ and € and £ and US$ and HK$ were the only symbols.",
    "dash": "It grew 5– and then between and.",
    "symbols": "km, mph, % and mAh without a number.",
    "many": " ".join(str(i) for i in range(10_000)) + " apples.",
}


@pytest.fixture(scope="module")
def bad() -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": list(BAD), "text": list(BAD.values())})
    return analyze(docs, extractors=["quantities"], store=None).quantities


def test_bad_input_never_gives_a_quantity_without_a_value(bad):
    no_value = bad[bad["value"].isna()]
    assert no_value["flag"].notna().all()  # every row without a value says why
    assert set(bad["doc_id"]) <= set(BAD)


def test_bad_input_flags(bad):
    huge = by_text(bad, "huge")
    assert huge["1e308 km"]["value"] == 1e308 and math.isnan(huge["1e308 km"]["si_value"])
    assert huge["1e309 km"]["flag"] == "overflow"
    assert by_text(bad, "dollars") == {} and by_text(bad, "symbols") == {}
    assert {r["value"] for r in by_text(bad, "dash").values()} == {5.0}
    assert by_text(bad, "digits30") == {}  # a 30-digit number is an identifier, not an amount


def test_ten_thousand_numbers(bad):
    many = bad[bad["doc_id"] == "many"]
    assert len(many) >= 7_000  # years left out
    assert many[many["value"].isna()]["flag"].notna().all()  # "1 2" is one malformed number
