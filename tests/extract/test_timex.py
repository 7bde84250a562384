"""Tests for kit.timex: the timexes table, dateline resolution, bad input, timeline."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit.extract.time.extractor as timex
from kit.api import analyze
from kit.extract.time.resolve import month_anchor, period_start, weekday_date
from kit.extract.time.rules import candidates, parse_number
from kit.nlp.model import DocInfo, load_model
from kit.present import views

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "2017-06-04_syria-tanf-iran-backed-forces.txt"
DCT = pd.Timestamp("2017-06-04")  # a Sunday

# (sentence, expected span text, type, value) for a document dated 2017-06-04.
CASES = [
    ("Officials said Wednesday that talks failed.", "Wednesday", "DATE", "2017-05-31"),
    ("The group met on Monday.", "Monday", "DATE", "2017-05-29"),
    ("The minister will travel to Paris on Wednesday.", "Wednesday", "DATE", "2017-06-07"),
    ("He arrives next Monday.", "next Monday", "DATE", "2017-06-05"),
    ("The deal was signed last month.", "last month", "DATE", "2017-05"),
    ("Prices rose this week.", "this week", "DATE", "2017-W22"),
    ("Prices fell yesterday.", "yesterday", "DATE", "2017-06-03"),
    ("The vote is today.", "today", "DATE", "2017-06-04"),
    ("She speaks tonight.", "tonight", "TIME", "2017-06-04TNI"),
    ("Earnings fell earlier this year.", "earlier this year", "DATE", "2017"),
    ("The strike began in March.", "March", "DATE", "2017-03"),
    ("The strike will end in March.", "March", "DATE", "2018-03"),
    ("The offensive began only one month ago.", "one month ago", "DATE", "2017-05-04"),
    ("The treaty was signed on June 4, 2017.", "June 4, 2017", "DATE", "2017-06-04"),
    ("The treaty was signed on 4 June 2017.", "4 June 2017", "DATE", "2017-06-04"),
    ("The treaty was signed on 2017-06-04.", "2017-06-04", "DATE", "2017-06-04"),
    ("The treaty was signed on 06/04/2017.", "06/04/2017", "DATE", "2017-06-04"),
    ("The treaty was signed on June 2.", "June 2", "DATE", "2017-06-02"),
    ("The treaty was signed on the 2nd of June.", "the 2nd of June", "DATE", "2017-06-02"),
    ("The treaty was signed in 1998.", "1998", "DATE", "1998"),
    ("Prices soared in the 1990s.", "the 1990s", "DATE", "199"),
    ("Talks resume this summer.", "this summer", "DATE", "2017-SU"),
    ("Profit rose in the first quarter.", "the first quarter", "DATE", "2017-Q1"),
    ("Profit rose in the third quarter of 2016.", "the third quarter of 2016", "DATE", "2016-Q3"),
    ("The ceasefire lasted one month.", "one month", "DURATION", "P1M"),
    ("He served three years in prison.", "three years", "DURATION", "P3Y"),
    ("The trial took two weeks.", "two weeks", "DURATION", "P2W"),
    ("The war lasted a decade.", "a decade", "DURATION", "P10Y"),
    ("Inspectors visit every week.", "every week", "SET", "P1W"),
    ("The paper appears weekly.", "weekly", "SET", "P1W"),
    ("The fair is held each year.", "each year", "SET", "P1Y"),
    ("He comes every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The meeting starts at 2:30 p.m.", "2:30 p.m.", "TIME", "2017-06-04T14:30"),
    ("The economy is weak now.", "now", "DATE", "PRESENT_REF"),
]


def _docs(texts: list[str], date=DCT, prefix: str = "c") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"{prefix}{i}" for i in range(len(texts))],
            "text": texts,
            "date": [date] * len(texts),
            "source": [None] * len(texts),
        }
    )


def _seed_text() -> str:
    raw = SEED.read_text(encoding="utf-8")
    return raw[raw.index("Forces backing") :]


@pytest.fixture(scope="session")
def cases_table() -> pd.DataFrame:
    return analyze(_docs([c[0] for c in CASES]), extractors=["timexes"]).timexes


@pytest.fixture(scope="session")
def seed_table() -> pd.DataFrame:
    docs = pd.DataFrame(
        {"doc_id": ["seed"], "text": [_seed_text()], "date": [DCT], "source": [None]}
    )
    return analyze(docs, extractors=["timexes"]).timexes


# ------------------------------------------------------------------- seed --


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Wednesday", "2017-05-31"),
        ("Monday", "2017-05-29"),
        ("Thursday", "2017-06-01"),
        ("this week", "2017-W22"),
        ("one month ago", "2017-05-04"),
    ],
)
def test_seed_resolutions(seed_table, text, value):
    row = seed_table[seed_table["text"] == text]
    assert len(row) == 1, seed_table[["text", "value"]]
    row = row.iloc[0]
    assert row["value"] == value
    assert row["resolved"] and row["anchor_date"] == "2017-06-04" and not row["doubtful"]


def test_seed_has_exactly_the_five(seed_table):
    assert list(seed_table["text"]) == [
        "Wednesday", "Monday", "one month ago", "this week", "Thursday",
    ]  # fmt: skip
    assert seed_table.loc[seed_table["text"] == "one month ago", "mod"].item() == "APPROX"


def test_seed_said_wednesday_context(seed_table):
    text = _seed_text()
    row = seed_table.iloc[0]
    assert text[row["start"] - 5 : row["end"]] == "said Wednesday"


# --------------------------------------------------------------- contract --


def test_columns_ids_and_offsets(cases_table, seed_table):
    texts = {f"c{i}": c[0] for i, c in enumerate(CASES)} | {"seed": _seed_text()}
    for table in (cases_table, seed_table):
        assert list(table.columns) == timex.COLUMNS
        for doc_id, group in table.groupby("doc_id", sort=False):
            assert list(group["timex_id"]) == [f"{doc_id}:t{n}" for n in range(1, len(group) + 1)]
            assert list(group["start"]) == sorted(group["start"])
            for r in group.to_dict("records"):
                assert texts[doc_id][r["start"] : r["end"]] == r["text"]
                assert r["type"] in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.parametrize(("i", "case"), list(enumerate(CASES)), ids=[c[1] for c in CASES])
def test_expression(cases_table, i, case):
    _, span, typ, value = case
    rows = cases_table[cases_table["doc_id"] == f"c{i}"]
    hit = rows[rows["text"] == span]
    assert len(hit) == 1, rows[["text", "type", "value"]].to_dict("records")
    assert (hit["type"].item(), hit["value"].item()) == (typ, value)


def test_mods_and_sets(cases_table):
    by_text = cases_table.set_index("text")
    assert by_text.loc["earlier this year", "mod"] == "START"
    assert by_text.loc["every week", "quant"] == "EVERY"
    assert by_text.loc["three years", "resolved"] in (False,)  # durations are not dates
    assert pd.isna(by_text.loc["June 4, 2017", "anchor_date"])  # explicit: no anchor used


def test_deterministic():
    texts = [c[0] for c in CASES[:8]]
    a = analyze(_docs(texts), extractors=["timexes"]).timexes
    b = analyze(_docs(texts), extractors=["timexes"]).timexes
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------- undated --


def test_undated_documents_keep_unresolved_values():
    texts = [
        "Officials said Wednesday.",
        "Prices fell yesterday.",
        "The deal was signed last month.",
    ]
    docs = _docs(texts, date=None, prefix="u")
    tx = analyze(docs, extractors=["timexes"]).timexes.set_index("text")
    assert tx.loc["Wednesday", "value"] == "XXXX-WXX-3"
    assert tx.loc["yesterday", "value"] == "XXXX-XX-XX"
    assert tx.loc["yesterday", "offset"] == "-P1D"
    assert tx.loc["last month", "offset"] == "-P1M"
    assert not tx["resolved"].any()
    assert tx["anchor_date"].isna().all()


# -------------------------------------------------------------- bad input --


def test_doubtful_inputs():
    texts = [
        "The meeting was on February 30, 2017.",
        "It happened on June 4, '97.",
        "The colony will be founded on June 4, 2999.",
        "Rebels attacked on Wednesday.",
    ]
    docs = _docs(texts, prefix="b")
    docs.loc[3, "date"] = pd.Timestamp("1900-01-01")
    tx = analyze(docs, extractors=["timexes"]).timexes.set_index("doc_id")
    assert tx.loc["b0", "text"] == "February 30, 2017"
    assert tx.loc["b0", "doubtful"] and "impossible" in tx.loc["b0", "note"]
    assert not tx.loc["b0", "resolved"]
    assert tx.loc["b1", "value"] == "1997-06-04" and "two-digit" in tx.loc["b1", "note"]
    assert tx.loc["b2", "doubtful"] and "far future" in tx.loc["b2", "note"]
    assert tx.loc["b3", "doubtful"] and "1900-01-01" in tx.loc["b3", "note"]


def test_odd_texts_do_not_crash():
    texts = [
        "",
        "   \n\t ",
        "\x00\x07 said Monday \x1b[0m",
        "Talks 🤝 resumed Tuesday 🎉 after 3 weeks.",
        "Die Gespräche begannen am Montag, dem 4. Juni 2017.",
        "会谈于2017年6月4日开始。",
        "May may march in March; 99:99 p.m., 31/31/2017, 0 June, June 0.",
        "last " * 2000,
    ]
    docs = _docs(texts, prefix="x")
    tx = analyze(docs, extractors=["timexes"]).timexes
    for r in tx.to_dict("records"):
        i = int(r["doc_id"][1:])
        assert texts[i][r["start"] : r["end"]] == r["text"]
    assert set(tx.loc[tx["doc_id"] == "x3", "text"]) >= {"Tuesday", "3 weeks"}


_NLP = None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "said",
                "Monday",
                "June",
                "4,",
                "2017",
                "last",
                "week",
                "ago",
                "two",
                "years",
                "the",
                "1990s",
                "'97",
                "30",
                "February",
                "every",
                "\n",
                "🙂",
                "p.m.",
                "3:15",
                "-",
            ]
        ),  # fmt: skip
        max_size=12,
    )
)
def test_offsets_hold_on_random_word_salad(words):
    global _NLP
    _NLP = _NLP or load_model()
    text = " ".join(words)
    doc = _NLP(text)
    for dct in (None, DCT.date()):
        info = DocInfo(doc_id="h", text=text, date=dct)
        rows = timex.extract(doc, info, None, {})
        for r in rows:
            assert text[r["start"] : r["end"]] == r["text"]


# ---------------------------------------------------------------- helpers --


def test_helpers():
    from datetime import date

    d = date(2017, 6, 4)
    assert weekday_date(d, 6, "past") == d and weekday_date(d, 6, "next") == date(2017, 6, 11)
    assert month_anchor(d, 12, "past") == (2016, 12)
    assert period_start("2017-W22") == date(2017, 5, 29) and period_start("XXXX-WXX-3") is None
    assert parse_number("twenty-four") == 24 and parse_number("several") is None
    assert [c.match.group(0) for c in candidates("mid-November")] == ["mid-November"]


# --------------------------------------------------------------- timeline --


def test_timeline_statements_and_events():
    text = _seed_text()
    docs = pd.DataFrame({"doc_id": ["seed"], "text": [text], "date": [DCT], "source": [None]})
    result = analyze(docs, extractors=["timexes", "attributions"])
    tl = views.timeline(result)
    assert list(tl.columns) == views.TIMELINE_COLUMNS
    assert tl["date"].is_monotonic_increasing
    assert set(tl["kind"]) <= {"statement", "event"}
    assert len(tl) == 5  # every seed timex is a dated statement or event
    said = result.attributions
    linked = said[said["said_on"].notna()]
    if len(linked):  # statements carry the source of the attribution
        st_rows = tl[tl["kind"] == "statement"]
        assert len(st_rows) >= 1 and st_rows["source"].notna().all()
        assert "2017-05-31" in set(st_rows["value"])


def test_timeline_from_plain_tables():
    tables = {
        "timexes": pd.DataFrame(
            [
                {
                    "doc_id": "d",
                    "timex_id": "d:t1",
                    "sent_id": 0,
                    "start": 5,
                    "end": 14,
                    "text": "Wednesday",
                    "type": "DATE",
                    "value": "2017-05-31",
                    "granularity": "day",
                },
                {
                    "doc_id": "d",
                    "timex_id": "d:t2",
                    "sent_id": 1,
                    "start": 40,
                    "end": 49,
                    "text": "this week",
                    "type": "DATE",
                    "value": "2017-W22",
                    "granularity": "week",
                },
                {
                    "doc_id": "d",
                    "timex_id": "d:t3",
                    "sent_id": 1,
                    "start": 60,
                    "end": 69,
                    "text": "two years",
                    "type": "DURATION",
                    "value": "P2Y",
                    "granularity": "duration",
                },
            ]
        ),  # fmt: skip
        "attributions": pd.DataFrame(
            [
                {
                    "doc_id": "d",
                    "attribution_id": "d:a1",
                    "said_on": "2017-05-31",
                    "cue_start": 0,
                    "source_actor": "Ryan Dillon",
                    "source_text": "Dillon",
                    "content": "it is over",
                }
            ]
        ),  # fmt: skip
    }
    tl = views.timeline(tables)
    assert list(tl["kind"]) == ["event", "statement"]  # week of 2017-05-29 first
    assert tl.iloc[1]["source"] == "Ryan Dillon" and tl.iloc[1]["timex_id"] == "d:t1"
    assert views.timeline({"timexes": tables["timexes"].iloc[:0]}).empty


def test_zoned_clock_times_are_times_and_caps_names_are_not_dates():
    docs = pd.DataFrame(
        {
            "doc_id": ["a"],
            "text": ["The attack began at 1750 GMT, USA TODAY reported. The 1750 treaty held."],
            "date": [pd.Timestamp("2019-05-02")],
        }
    )
    t = analyze(docs, extractors=["timexes"], store=None).timexes
    assert t.set_index("text").loc["1750 GMT", "type"] == "TIME"
    assert "TODAY" not in set(t["text"])
    assert list(t.loc[t["text"] == "1750", "value"]) == ["1750"]  # a year on its own stays
