"""Attribution mechanisms beyond "X said that …" (kit.sourcing, kit.extract.sourcing.cues), on sentences written here."""

from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit.extract.sourcing.cues import guess_lemmas, load_cues
from kit.lexicons.resources import Resources

TEXTS = {
    "fallback_left": "Budget talks are stalled again this week, two aides say.",
    "fallback_right": "The mayor complained about the new parking rules on Tuesday.",
    "noun_that": "The governor's claim that the bridge was safe drew ridicule.",
    "noun_to": "Her promise to cut fares won applause from riders.",
    "noun_misparse": "Ms. Ortega's warning that prices would rise went unheeded.",
    "noun_plain": "The claim was false and the bridge closed.",
    "particle": "The senator spoke of a broken system at the hearing.",
    "particle_missing": "The senator spoke at the hearing on Monday.",
    "clause_required": "The council views the plan as a waste of money.",
    "clause_missing": "The council views the river from the hall.",
    "evaluative": "The coach mocked the referee's decisions after the game.",
    "hope_form": "Local farmers are hoping that the rain returns soon.",
    "passive": "The agency has been criticized for slow payments to farmers.",
    "dash_unpaired": "Best summer I can remember, honestly.” ―\u00a0Dana Whitfield\n",
    "colon": "The chairman continued: the vote will happen in June.",
}


@pytest.fixture(scope="session")
def table() -> pd.DataFrame:
    docs = pd.DataFrame(
        {
            "doc_id": list(TEXTS),
            "text": list(TEXTS.values()),
            "date": [pd.Timestamp("2020-03-02")] * len(TEXTS),
            "source": [None] * len(TEXTS),
        }
    )
    return kit.analyze(docs, extractors=["attributions"]).attributions


def rows(table: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return table[table.doc_id == doc_id]


def only(table: pd.DataFrame, doc_id: str) -> pd.Series:
    got = rows(table, doc_id)
    assert len(got) == 1, got[["source_text", "cue", "content"]]
    return got.iloc[0]


def test_offsets_hold_everywhere(table):
    for r in table.to_dict("records"):
        text = TEXTS[r["doc_id"]]
        assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert text[r["content_start"] : r["content_end"]] == r["content"]


def test_content_before_a_trailing_cue_without_a_parsed_clause(table):
    r = only(table, "fallback_left")
    assert r.cue == "say" and r.source_text == "two aides"
    assert r.content.startswith("Budget talks are stalled")


def test_content_is_what_the_cue_verb_governs(table):
    r = only(table, "fallback_right")
    assert r.cue_lemma == "complain" and r.source_text == "The mayor"
    assert "parking rules" in r.content


def test_noun_cue_with_that_clause_and_possessive_source(table):
    r = only(table, "noun_that")
    assert r.cue == "claim" and r.stance == "distancing"
    assert r.source_text == "The governor's" or "governor" in r.source_text
    assert "bridge was safe" in r.content


def test_noun_cue_with_infinitive(table):
    r = only(table, "noun_to")
    assert r.cue == "promise" and r.source_text == "Her"
    assert "cut fares" in r.content


def test_noun_cue_named_holder(table):
    r = only(table, "noun_misparse")
    assert r.cue == "warning" and "Ortega" in r.source_text
    assert "prices would rise" in r.content


def test_bare_noun_is_not_a_cue(table):
    assert rows(table, "noun_plain").empty


def test_particle_required(table):
    r = only(table, "particle")
    assert r.cue == "spoke of" and "broken system" in r.content
    assert rows(table, "particle_missing").empty


def test_clause_or_as_required(table):
    r = only(table, "clause_required")
    assert r.cue_lemma == "view" and r.source_text == "The council"
    assert rows(table, "clause_missing").empty


def test_evaluative_stance(table):
    r = only(table, "evaluative")
    assert r.cue_lemma == "mock" and r.stance == "evaluative"
    assert "referee" in r.content


def test_form_the_lemmatizer_missed(table):
    r = only(table, "hope_form")
    assert r.cue_lemma == "hope" and "rain returns" in r.content
    assert guess_lemmas("hoping") == ["hop", "hope"]
    assert "rate" in guess_lemmas("rated")


def test_agentless_passive_evaluation_is_unattributed(table):
    r = only(table, "passive")
    assert r.cue_lemma == "criticize" and r.source_type == "unattributed"
    assert pd.isna(r.source_text)


def test_dash_signature_without_paired_quote_marks(table):
    r = only(table, "dash_unpaired")
    assert r.cue == "―" and r.source_text == "Dana Whitfield" and r.direct
    assert r.content.startswith("Best summer")


def test_colon_requirement(table):
    r = only(table, "colon")
    assert r.cue_lemma == "continue" and "vote will happen" in r.content


def test_requires_and_noun_columns_are_read(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text(
        "cue,lemma,kind,stance,requires\n"
        "griped about,gripe,verb,evaluative,about\n"
        "gripe,gripe,noun,evaluative,\n"
        "odd,odd,nonsense,neutral,\n",
        encoding="utf-8",
    )
    lex = load_cues([*Resources.default().cues, path])
    assert lex.verbs["gripe"].requires == ("about",)
    assert lex.nouns["gripe"].stance == "evaluative"
    assert lex.nouns["claim"].kind == "noun"
