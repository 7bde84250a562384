"""The alias table: coverage, key normalisation, user tables."""

from __future__ import annotations

import csv

import pytest

from kit.extract.actors.aliases import (
    ACTOR_TYPES,
    DEFAULT_TABLE,
    TABLE_COLUMNS,
    build_gazetteer,
    load_gazetteer,
    norm_key,
    read_table,
    slugify,
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer([DEFAULT_TABLE])


def test_norm_key_ignores_case_accents_punctuation():
    assert norm_key("U.S.") == norm_key("us") == norm_key("U S") == "us"
    assert norm_key("Côte d’Ivoire") == norm_key("cote d'ivoire")
    assert norm_key("") == "" and norm_key(" - ") == ""
    assert slugify("Ryan Dillon") == "ryan-dillon"
    assert slugify("!!!") == "unknown"


def test_table_shape():
    with open(DEFAULT_TABLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == TABLE_COLUMNS
    ids = [r["actor_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r["actor_type"] for r in rows} <= set(ACTOR_TYPES)
    for r in rows:
        assert r["actor_id"] == slugify(r["actor_id"]), r["actor_id"]
        if r["country"]:
            assert len(r["country"]) == 2 and r["country"].isupper()


def test_every_un_member_state_with_demonym_and_capital():
    states = [e for e in read_table(DEFAULT_TABLE) if e.actor_type == "state"]
    members = [e for e in states if e.actor_id not in ("palestine", "holy-see", "kosovo", "taiwan")]
    assert len(members) == 193
    assert len({e.country for e in members}) == 193
    no_demonym = [e.actor_id for e in members if not e.demonyms]
    # "Congolese" and "Dominican" go to the Republic of the Congo and the Dominican Republic
    assert no_demonym == ["dr-congo", "dominica"]
    # city-states, Israel (contested capital) and capitals that are common first names
    # (Sofia, Victoria) have no capital metonym
    no_capital = {e.actor_id for e in members if not e.capitals}
    assert no_capital == {
        "djibouti",
        "israel",
        "luxembourg",
        "monaco",
        "san-marino",
        "singapore",
        "bulgaria",
        "seychelles",
    }


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("USA", "united-states"),
        ("U.S.", "united-states"),
        ("United States of America", "united-states"),
        ("American", "united-states"),
        ("Britain", "united-kingdom"),
        ("British", "united-kingdom"),
        ("Tehran", "iran-government"),  # a capital or seat stands for the government
        ("Kremlin", "russia-government"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("PMU", "popular-mobilization-forces"),
        ("Ansar Allah", "houthis"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Quds Force", "quds-force"),
        ("U.N.", "united-nations"),
        ("NATO", "nato"),
        ("Arab League", "arab-league"),
        ("Red Cross", "icrc"),
        ("Reuters", "reuters"),
        ("AFP", "afp"),
        ("Al-Jazeera", "al-jazeera"),
        ("Tanf", "al-tanf"),
        ("Deir Ezzor", "deir-ez-zor"),
    ],
)
def test_lookup(gaz, surface, actor_id):
    assert gaz.lookup(surface).entry.actor_id == actor_id


def test_forms(gaz):
    assert gaz.lookup("Iranian").label == "NORP"
    assert gaz.lookup("Tehran").form == "capital"
    assert gaz.lookup("USA").acronym and not gaz.lookup("Turkey").acronym
    # "Kuwait" is both the state and its capital city: the name wins
    assert gaz.lookup("Kuwait").form == "name"


def test_user_table_extends_and_overrides(tmp_path, gaz):
    user = tmp_path / "mine.csv"
    user.write_text(
        "actor_id,actor,actor_type,country,aliases\n"
        "ryan-dillon,Ryan Dillon,person,US,Col. Dillon|Colonel Dillon\n"
        "iran,,,,Islamic Republic\n"
        "my-isis,My ISIS,armed_group,,ISIS\n",
        encoding="utf-8",
    )
    mine = load_gazetteer([DEFAULT_TABLE, user])
    assert mine.lookup("colonel dillon").entry.actor_id == "ryan-dillon"
    iran = mine.lookup("Islamic Republic").entry
    assert iran.actor_id == "iran" and iran.actor == "Iran" and iran.country == "IR"
    tehran = mine.lookup("Tehran").entry
    assert tehran.actor_id == "iran-government" and tehran.linked_actor_id == "iran"
    assert tehran.relation == "government_of"
    assert mine.lookup("ISIS").entry.actor_id == "my-isis"
    assert gaz.lookup("ISIS").entry.actor_id == "islamic-state"


def test_bad_user_tables(tmp_path):
    no_cols = tmp_path / "bad.csv"
    no_cols.write_text("name,kind\nX,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="actor_id"):
        read_table(no_cols)
    bad_type = tmp_path / "type.csv"
    bad_type.write_text("actor_id,actor,actor_type\nx,X,company\n", encoding="utf-8")
    with pytest.raises(ValueError, match="actor_type"):
        read_table(bad_type)
    comments = tmp_path / "c.csv"
    comments.write_text("actor_id,actor\n# note,\n,\nx,X\n", encoding="utf-8")
    assert [e.actor_id for e in read_table(comments)] == ["x"]
    assert build_gazetteer([]).lookup("anything") is None
