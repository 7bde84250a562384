"""Who is who among people: full names identify, surnames resolve in the document, then the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.api import analyze


def _mentions(*texts: str) -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    return analyze(docs, extractors=["actors"]).mentions


@pytest.fixture(scope="module")
def family() -> pd.DataFrame:
    return _mentions(
        "Hillary Clinton spoke in Ohio on Monday. Bill Clinton joined her later. "
        "Mrs. Clinton said the economy was strong. Mr. Clinton said nothing.",
        "James B. Comey testified on Tuesday about Hillary Clinton. James Comey said the inquiry was closed. Comey left.",
        "Clinton said on Friday that she would win.",
    )


def _actor(m: pd.DataFrame, doc: str, text: str) -> list[str]:
    return m[(m.doc_id == doc) & (m.text == text)]["actor_id"].tolist()


def test_family_members_are_never_merged(family):
    assert _actor(family, "d0", "Hillary Clinton") == ["hillary-clinton"]
    assert _actor(family, "d0", "Bill Clinton") == ["bill-clinton"]


def test_titles_choose_the_bearer_by_gender(family):
    rows = family[(family.doc_id == "d0") & (family.text == "Clinton")]
    assert rows["actor_id"].tolist() == ["hillary-clinton", "bill-clinton"]
    assert set(rows["resolution"]) == {"surname in document"}
    assert rows["resolved_from"].str.contains("full name in this document").all()


def test_middle_initials_do_not_split_a_person(family):
    ids = set(family[(family.doc_id == "d1") & family.text.str.contains("Comey")]["actor_id"])
    assert ids == {"james-comey"}


def test_a_surname_alone_links_to_the_corpus_bearer(family):
    row = family[(family.doc_id == "d2") & (family.text == "Clinton")].iloc[0]
    assert row["actor_id"] == "hillary-clinton"
    assert row["resolution"] == "surname in corpus"


def test_every_mention_says_how_it_was_resolved(family):
    assert family["resolution"].notna().all()


def test_many_smiths_stay_apart():
    texts = [f"{g} Smith arrived. Smith said it was late." for g in ("John", "Mary", "Peter")]
    m = _mentions(*texts)
    for i, g in enumerate(("john", "mary", "peter")):
        assert set(m[m.doc_id == f"d{i}"]["actor_id"]) == {f"{g}-smith"}


def test_fifty_people_with_one_surname_in_one_document():
    given = ["John", "Mary", "Peter", "Anna", "David", "Laura", "Mark", "Susan", "Paul", "Karen"]
    text = " ".join(f"{g} Lee spoke." for g in given * 5) + " Lee left."
    m = _mentions(text)
    assert m["actor_id"].nunique() == len(given)
    assert m["resolution"].notna().all()


def test_headline_words_are_not_part_of_a_name():
    m = _mentions("Hammering Hillary Clinton Is Easy\n\nHillary Clinton spoke on Monday.")
    assert set(m[m.actor_type == "person"]["actor_id"]) == {"hillary-clinton"}


def test_actor_aliases_table(family):
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Hillary Clinton spoke. Clinton left."]})
    aliases = analyze(docs, extractors=["actors"]).actor_aliases
    row = aliases[aliases.alias == "Clinton"].iloc[0]
    assert (row.actor_id, row.n_mentions, row.n_docs) == ("hillary-clinton", 1, 1)
