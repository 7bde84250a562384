"""Actor mentions and the actors table, on the seed article and on odd input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.extract.actors import extractor as actors

SEED = Path(__file__).resolve().parents[2] / "data" / "articles"
SEED_FILE = SEED / "2017-06-04_syria-tanf-iran-backed-forces.txt"


def _docs(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(texts),
            "text": list(texts.values()),
            "date": [pd.Timestamp("2017-06-04")] * len(texts),
            "source": [None] * len(texts),
        }
    )


def _seed_text() -> str:
    text = SEED_FILE.read_text(encoding="utf-8")
    return text[text.index("Forces backing") :]


@pytest.fixture(scope="session")
def seed():
    return kit.analyze(_docs({"seed": _seed_text()}), extractors=["actors"])


@pytest.fixture(scope="session")
def mentions(seed):
    return seed.mentions


def _ids(mentions: pd.DataFrame, text: str) -> set[str]:
    return set(mentions.loc[mentions["text"] == text, "actor_id"])


def _names(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["kind"] == "name"]


def test_columns_and_offsets(seed, mentions):
    assert list(mentions.columns) == actors.COLUMNS
    assert list(seed.actors.columns) == actors.ACTOR_COLUMNS
    text = _seed_text()
    for row in mentions.itertuples():
        assert text[row.start : row.end] == row.text
    assert list(mentions["mention_id"]) == [f"seed:m{i}" for i in range(1, len(mentions) + 1)]
    assert list(zip(mentions.start, mentions.end)) == sorted(zip(mentions.start, mentions.end))
    assert mentions["actor_id"].notna().all() and mentions["actor_type"].notna().all()
    assert set(mentions["actor_type"]) <= set(actors_types())


def actors_types():
    from kit.extract.actors.aliases import ACTOR_TYPES

    return ACTOR_TYPES


def test_united_states_one_actor(mentions):
    names = _names(mentions)
    for surface in ["USA", "American", "United States", "US", "U.S.", "usa"]:
        assert _ids(names, surface) == {"united-states"}, surface
    military = mentions[mentions["text"] == "usa military"]
    assert list(military["linked_actor_id"]) == ["united-states"]
    assert list(military["relation"]) == ["part_of"]
    assert list(military["actor_id"]) == ["united-states-military"]


def test_groups_and_states(mentions):
    assert _ids(mentions, "ISIS") == _ids(mentions, "ISIL") == {"islamic-state"}
    pmf = _ids(mentions, "Hashd al-Shaabi") | _ids(mentions, "Popular Mobilization Forces")
    assert pmf == {"popular-mobilization-forces"}
    row = mentions[mentions["text"] == "Popular Mobilization Forces"].iloc[0]
    assert row["actor_type"] == "armed_group"
    names = _names(mentions)
    for surface in ["Iran", "Iranian"]:
        assert _ids(names, surface) == {"iran"}, surface
    # "important for Tehran", "from Tehran": the city, linked to its state (issue 15: metonyms)
    tehran = names[names.text == "Tehran"]
    assert set(tehran["linked_actor_id"]) == {"iran"}
    assert set(tehran["relation"]) <= {"capital_of", "government_of"}
    assert _ids(mentions, "Russian Federation") == {"russia"}
    brigade = mentions[mentions["text"].str.contains("Imam Ali Brigade")]
    assert set(brigade["actor_type"]) == {"armed_group"}
    # a branch of the armed forces is its own actor, part of the state's military (issue 15)
    army = mentions[mentions["text"] == "Syrian Army"]
    assert set(army["actor_id"]) == {"syria-army"}
    assert set(army["linked_actor_id"]) == {"syria-military"}
    assert set(kit.roll_up_to_states(army)["state_id"]) == {"syria"}


def test_compounds_keep_their_parts(mentions):
    backed = mentions[mentions["text"].str.startswith("Iran-backed")]
    assert len(backed) >= 3
    assert set(backed["actor_type"]) == {"armed_group"}
    assert set(backed["linked_actor_id"]) == {"iran"}
    assert set(backed["relation"]) == {"backed_by"}
    led = mentions[mentions["text"] == "USA -led coalition"].iloc[0]
    assert (led["linked_actor_id"], led["relation"]) == ("united-states", "led_by")


def test_people_titles_and_roles(seed, mentions):
    dillon = mentions[mentions["text"].isin(["Ryan Dillon", "Dillon"])]
    assert len(dillon) == 3
    assert set(dillon["actor_id"]) == {"ryan-dillon"}
    assert set(dillon["label"]) == {"PERSON"}
    full = dillon[dillon.text == "Ryan Dillon"].iloc[0]
    assert full["title"] == "Col."
    assert full["role"] == (
        "spokesman for the usa military’s operations in Iraq and Syria against ISIS, "
        "known as Operation Inherent Resolve"
    )
    row = seed.actors.set_index("actor_id").loc["ryan-dillon"]
    assert (row["actor_type"], row["title"], row["n_mentions"]) == ("person", "Col.", 3)
    assert set(mentions.loc[mentions.text == "Balanche", "actor_type"]) == {"person"}
    assad = mentions[mentions["text"] == "Assad"].iloc[0]
    assert assad["label"] == "PERSON" and assad["actor_type"] == "person"


def test_places_media_and_non_actors(mentions):
    for surface in ["Tanf", "al-Tanf", "Palmyra", "Sukhna", "Deir Ezzor"]:
        rows = mentions[mentions["text"] == surface]
        assert len(rows) >= 1, surface
        assert set(rows["actor_type"]) == {"place"}, surface
        assert set(rows["label"]) <= {"LOC", "GPE", "FAC"}, surface
    assert _ids(mentions, "Tanf") == _ids(mentions, "al-Tanf") == {"al-tanf"}
    assert set(mentions.loc[mentions.text == "Reuters", "actor_type"]) == {"media"}
    assert "Videos" not in set(mentions["text"])
    assert "Operation Inherent Resolve" in set(mentions["text"])


def test_actors_table(seed):
    table = seed.actors
    assert table["actor_id"].is_unique
    key = list(zip(-table["n_mentions"], table["actor_id"]))
    assert key == sorted(key)
    us = table.set_index("actor_id").loc["united-states"]
    assert us["aliases"] == "; ".join(
        sorted({"USA", "American", "United States", "US", "U.S.", "usa"})
    )
    assert us["country"] == "US" and us["n_docs"] == 1 and us["first_doc_id"] == "seed"


def test_deterministic(mentions):
    again = kit.analyze(_docs({"seed": _seed_text()}), extractors=["actors"]).mentions
    pd.testing.assert_frame_equal(mentions, again)


def test_surname_and_speech_verb_generalise():
    text = (
        "Gen. Maria Okonkwo, commander of the 3rd division, said the town was calm. "
        "Okonkwo added that Feldkamp had left. Feldkamp said nothing. "
        "Fighters moved from the village of Qarnabit toward Zeltrova."
    )
    m = kit.analyze(_docs({"d": text}), extractors=["actors"]).mentions
    okonkwo = m[m.text.str.contains("Okonkwo")]
    assert set(okonkwo["actor_id"]) == {"maria-okonkwo"}
    assert okonkwo.iloc[0]["title"] == "Gen."
    assert okonkwo.iloc[0]["role"] == "commander of the 3rd division"
    assert set(m.loc[m.text == "Feldkamp", "actor_type"]) == {"person"}
    assert set(m.loc[m.text == "Qarnabit", "actor_type"]) <= {"place"}


def test_lowercase_rules():
    text = "Tell us about it. The turkey was good. Later the usa and the united states agreed."
    m = kit.analyze(_docs({"d": text}), extractors=["actors"]).mentions
    assert "us" not in set(m.text) and "turkey" not in set(m.text)
    assert _ids(m, "usa") == {"united-states"}
    assert _ids(m, "united states") == {"united-states"}


BAD = {
    "empty": "",
    "blank": "  \n\n\t ",
    "control": "US\x00 forces\x07 in\x1b Syria\u200b said Reuters\r\n\x0c",
    "emoji": "🇺🇸 US 🙂 troops in Iraq 💥 said a U.S. official 👍🏽",
    "french": "Le président Emmanuel Macron a déclaré à Paris que la France soutient l'Irak.",
    "arabic": "قالت الولايات المتحدة إن القوات الأمريكية في سوريا",
    "odd": "usa us US. u.s. -led --backed USA-led Iran-backed - backed , , Col. . said",
}


def test_bad_input_never_crashes_and_offsets_hold():
    docs = _docs(BAD)
    result = kit.analyze(docs, extractors=["actors"])
    text = dict(zip(docs.doc_id, docs.text))
    for row in result.mentions.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.text
    assert not (result.mentions.doc_id.isin(["empty", "blank"])).any()
    assert "united-states" in set(result.mentions.actor_id)


@pytest.mark.slow
def test_five_megabyte_paragraph_is_linear():
    """The extractor on a 5 MB single-paragraph Doc (built from parsed pieces: no 5 MB parse)."""
    from spacy.tokens import Doc

    from kit.nlp.model import DocInfo, load_model
    from kit.run.pipeline import resources_for

    piece = load_model()(_seed_text().replace("\n", " ") + " ")
    big = Doc.from_docs([piece] * 1700, ensure_whitespace=False)
    text = big.text  # spaCy rebuilds Doc.text on every access: read it once
    assert len(text) > 5_000_000
    settings = kit.run.pipeline.Settings.make(extractors=["actors"])
    rows = actors.extract(big, DocInfo(doc_id="big", text=text), resources_for(settings), {})
    assert len(rows) == 1700 * len(
        actors.extract(piece, DocInfo("p", piece.text), resources_for(settings), {})
    )
    for row in rows[::97]:
        assert text[row["start"] : row["end"]] == row["text"]


@pytest.mark.slow
def test_long_paragraph_through_chunking():
    text = (_seed_text().replace("\n", " ") + " ") * 40  # > 100k chars: parsed in chunks
    m = kit.analyze(_docs({"long": text}), extractors=["actors"]).mentions
    for row in m.itertuples():
        assert text[row.start : row.end] == row.text
    assert (m.actor_id == "ryan-dillon").sum() >= 40


def test_capitals_stand_for_governments_but_not_inside_other_names():
    from kit.api import analyze

    docs = pd.DataFrame(
        {
            "doc_id": ["a"],
            "text": [
                "Researchers at the University of Washington said Washington had agreed. "
                "Moscow said no. She flew to Moscow."
            ],
        }
    )
    m = analyze(docs, extractors=["actors"]).mentions.set_index("start")
    text = docs.text[0]
    assert m.loc[text.index("University"), "actor_id"] == "university-of-washington"
    assert m.loc[text.index("Washington had"), "relation"] == "government_of"
    assert m.loc[text.index("Moscow said"), "actor_id"] == "russia-government"
    city = m.loc[text.rindex("Moscow")]
    assert (city["actor_id"], city["relation"]) == ("moscow", "capital_of")
