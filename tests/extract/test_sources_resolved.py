"""Who is quoted, resolved: pronouns, relative pronouns, appositions, descriptions, non-attributions."""

from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit.extract.sourcing.referents import pronoun_referent
from kit.tables import SCHEMAS


def analyze(*texts: str) -> pd.DataFrame:
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "date": [pd.Timestamp("2016-10-01")] * len(texts),
            "source": [None] * len(texts),
        }
    )
    return kit.analyze(
        docs, extractors=["actors", "timexes", "attributions"], store=None
    ).attributions


def row(table: pd.DataFrame, source: str, nth: int = 0) -> pd.Series:
    rows = table[table["source_text"] == source]
    assert len(rows) > nth, f"no source {source!r} in\n{table[['source_text', 'cue', 'content']]}"
    return rows.iloc[nth]


def test_he_and_she_agree_in_gender():
    att = analyze(
        "Donald Trump met Hillary Clinton in New York on Monday. "
        "She said the meeting was useful. He said it was a waste of time. "
        "Clinton later told reporters that she would not meet him again."
    )
    she = row(att, "She")
    assert she["source_actor"] == "Hillary Clinton"
    assert she["source_resolution"] == "pronoun" and she["resolved"]
    assert she["antecedent_text"] == "Hillary Clinton"
    he = row(att, "He")
    assert he["source_actor"] == "Donald Trump" and he["source_type"] == "named_person"


def test_title_gives_gender_and_previous_source_is_preferred():
    att = analyze(
        "Mr. Lopez and Ms. Berg spoke at the hearing. Ms. Berg said the plan would fail. "
        "Mr. Lopez disagreed with the senators. She said later that the budget was too small."
    )
    assert row(att, "She")["source_actor"].endswith("Berg")


def test_unresolved_pronouns_are_pronouns_not_anonymous():
    att = analyze("They said the bridge would close. You said it was fine. We said nothing new.")
    assert len(att) >= 2
    assert set(att["source_type"]) == {"pronoun"}
    assert not att["resolved"].any()
    assert att["source_actor_id"].isna().all()
    assert set(att["source_resolution"]) == {"unresolved"}


def test_i_in_a_transcript_answer_is_the_speaker():
    att = analyze(
        "Fox News host Chris Wallace interviewed Indiana Gov. Mike Pence on Sunday.\n"
        "WALLACE: Governor, what did you tell the voters?\n"
        "PENCE: I said from the start that the deal was bad for Indiana."
    )
    inner = row(att, "I")
    assert inner["source_actor"] == "Mike Pence"
    assert inner["source_resolution"] == "pronoun"


def test_relative_pronoun_takes_the_noun_phrase():
    att = analyze(
        "Reporters asked the officials, who said the border would stay closed until Friday."
    )
    who = row(att, "who")
    assert who["source_type"] == "anonymous"
    assert who["source_resolution"] == "relative"
    assert "officials" in who["antecedent_text"]


def test_apposition_names_the_person():
    att = analyze("The team's coach, Tom Berg, said the players were tired after the long trip.")
    src = att.iloc[0]
    assert src["source_type"] == "named_person" and src["source_actor"] == "Tom Berg"


def test_definite_description_resolves_to_the_named_person():
    att = analyze(
        "Republican nominee Donald Trump spoke in Ohio on Tuesday, while Democratic nominee "
        "Hillary Clinton was in Florida. The Republican nominee said the economy was failing."
    )
    src = row(att, "The Republican nominee")
    assert src["source_actor"] == "Donald Trump"
    assert src["source_resolution"] == "description"


def test_documents_anonymous_and_generic_sources():
    att = analyze(
        "The report said unemployment fell in March. "
        "Several officials said the talks had stalled. "
        "Some Republicans said the bill went too far."
    )
    assert row(att, "The report")["source_type"] == "document"
    assert row(att, "Several officials")["source_type"] == "anonymous"
    assert row(att, "Some Republicans")["source_type"] == "anonymous"


def test_idioms_and_counting_verbs_are_not_attributions():
    att = analyze(
        "As they say, the proof is in the pudding. The economy added 156,000 jobs in September. "
        "Needless to say, the plan failed. He added that 20 people died."
    )
    assert list(att["cue"]) == ["added"]
    assert att.iloc[0]["content"] == "that 20 people died"


def test_antecedent_offsets_point_at_the_mention():
    text = "Hillary Clinton spoke in Ohio. She said the polls were wrong."
    att = analyze(text)
    r = row(att, "She")
    assert text[int(r["antecedent_start"]) : int(r["antecedent_end"])] == r["antecedent_text"]
    assert ("antecedent_start", "antecedent_end", "antecedent_text") in SCHEMAS[
        "attributions"
    ].offsets


@pytest.mark.parametrize(
    "text",
    [
        "They said.\n" * 60,
        " ".join(["He said she said they said it was true."] * 70),
        'WN: Why now?\nJones: "I said "we said "I said no" to them" to you" and I meant it."\n'
        * 20,
        "\n".join(f"Q: Question {i}?\nA: I think we said it was fine." for i in range(40)),
    ],
    ids=["they-said", "pronoun-run", "nested-quotes", "interview"],
)
def test_bad_input_never_crashes_and_never_invents_a_source(text):
    att = analyze(text)
    assert (att["cue"].str.len() > 0).all()
    unresolved = att[att["source_type"] == "pronoun"]
    assert not unresolved["resolved"].any()
    assert unresolved["source_actor_id"].isna().all()


def test_pronoun_referents_table():
    assert pronoun_referent("Him") == "m"
    assert pronoun_referent("we") == "speaker"
    assert pronoun_referent("you") == "generic"
    assert pronoun_referent("senator") is None
