"""Who is who on hostile input: many Smiths, name lists, all-caps headlines, long transcripts."""

from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit.tables import SCHEMAS

GIVEN = [
    "John", "Mary", "Peter", "Susan", "David", "Linda", "James", "Karen", "Robert", "Nancy",
    "Michael", "Laura", "William", "Sarah", "Richard", "Emily", "Thomas", "Helen", "Charles", "Anna",
]  # fmt: skip


def analyze(texts: list[str]) -> kit.Analysis:
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i:03d}" for i in range(len(texts))],
            "text": texts,
            "date": [pd.Timestamp("2020-01-01")] * len(texts),
            "source": [None] * len(texts),
        }
    )
    return kit.analyze(docs, extractors=["actors", "timexes", "attributions"], store=None)


def check_tidy(result: kit.Analysis) -> None:
    docs = result.documents.set_index("doc_id")["text"]
    m = result.mentions
    for row in m.itertuples():
        assert docs[row.doc_id][row.start : row.end] == row.text
    assert m["resolution"].notna().all()
    assert list(m.columns) == list(SCHEMAS["mentions"].names)


def test_every_document_names_a_different_smith():
    texts = [f"{g} Smith spoke in Denver on Monday. Smith said the plan would work." for g in GIVEN]
    result = analyze(texts)
    check_tidy(result)
    people = result.mentions[result.mentions["actor_type"] == "person"]
    smiths = people[people["actor"].astype(str).str.endswith("Smith")]
    # each document's bare "Smith" is that document's own Smith: no merge across given names
    per_doc = smiths.groupby("doc_id")["actor_id"].nunique()
    assert (per_doc == 1).all()
    assert smiths["actor_id"].nunique() == len(GIVEN)


def test_fifty_people_with_one_surname_in_one_document():
    given = (GIVEN * 3)[:50]
    names = [f"{g} {chr(65 + i % 26)}. Lee" if i >= 20 else f"{g} Lee" for i, g in enumerate(given)]
    text = " ".join(f"{n} arrived at {8 + i % 10} a.m." for i, n in enumerate(names)) + " Lee left."
    result = analyze([text])
    check_tidy(result)
    lees = result.mentions[result.mentions["actor"].astype(str).str.endswith("Lee")]
    firsts = {a.split()[0] for a in lees["actor"].dropna()}
    assert firsts <= set(GIVEN)  # never a merge across given names


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(f"{g} {s}" for g in GIVEN for s in ("Adams", "Baker", "Clark")),
        "TRUMP WARNS CLINTON ON DEBT AS OBAMA SAYS ECONOMY IS STRONG\n\nThe president spoke.",
        "\n".join(f"Q: Question number {i}?\nSMITH: Answer number {i}." for i in range(500)),
    ],
    ids=["name-list", "all-caps-headline", "transcript-500-turns"],
)
def test_lists_headlines_and_transcripts_stay_tidy(text):
    result = analyze([text])
    check_tidy(result)
    actors = set(result.mentions["actor"].dropna())
    assert not any(a.isupper() and len(a) <= 2 for a in actors)  # "Q" is not an actor


def test_roll_up_to_states_counts_governments_for_their_state():
    result = analyze(
        [
            "The White House said on Monday that the United States would act. The Pentagon "
            "and the Kremlin disagreed, and Moscow said Russia would respond."
        ]
    )
    rolled = kit.roll_up_to_states(result.mentions)
    totals = rolled.groupby("state").size()
    assert totals.get("United States", 0) >= 2 and totals.get("Russia", 0) >= 2
    how = set(rolled["rolled_up_by"].dropna())
    assert "state" in how and "government_of" in how


def test_the_last_word_of_a_title_is_not_an_actor():
    result = analyze(
        [
            "Secretary of State Mike Pompeo met the Prime Minister of Japan and the Minister "
            "of Defence on Monday. The State Department agreed."
        ]
    )
    actors = set(result.mentions["actor"].dropna())
    assert {"Mike Pompeo", "Japan", "State Department"} <= actors
    assert not actors & {"State", "Defence"}


def test_generic_institutions_belong_to_the_state_the_document_names_most():
    result = analyze(
        [
            "The Philippine government said the Senate would vote. The Philippines agreed.",
            "Argentina's president spoke. The Senate of Argentina and the Senate met in Argentina.",
            "The Senate voted on Monday.",
        ]
    )
    m = result.mentions[result.mentions["text"] == "Senate"]
    ids = dict(zip(m["doc_id"], m["actor_id"], strict=False))
    assert ids["d000"] == "philippines-senate" and ids["d001"] == "argentina-senate"
    assert ids["d002"] == "senate"  # no state named: no country is invented
    scoped = m[m["doc_id"] != "d002"]
    assert set(scoped["relation"]) == {"part_of"} and scoped["resolved_from"].notna().all()
