"""Attribution relations (kit.sourcing) on the seed article and on odd input.

The seed checks run in both attribution modes (the rules and the learned model)."""

from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit.extract.sourcing import extractor as sourcing
from kit.extract.sourcing.cues import load_cues
from kit.lexicons.resources import Resources

SEED = "2017-06-04_syria-tanf-iran-backed-forces"


@pytest.fixture(scope="module", params=sourcing.ATTRIBUTION_MODES)
def mode(request) -> str:
    """Each attribution mode in turn ("learned", "rules")."""
    return request.param


@pytest.fixture(scope="module")
def seed(mode):
    result = kit.analyze(kit.load("data/"), extractors=["attributions"], attribution=mode)
    docs = result.documents
    return result.attributions, docs.loc[docs.doc_id == SEED, "text"].iloc[0], mode


def analyze_texts(*texts: str, attribution: str | None = None) -> pd.DataFrame:
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "date": [pd.Timestamp("2017-06-04")] * len(texts),
            "source": [None] * len(texts),
        }
    )
    return kit.analyze(docs, extractors=["attributions"], attribution=attribution).attributions


def one(table: pd.DataFrame, **where) -> pd.Series:
    rows = table
    for col, val in where.items():
        rows = rows[rows[col].astype(str).str.contains(val, regex=False)]
    assert len(rows) == 1, f"{where}: {len(rows)} rows\n{table[['source_text', 'cue', 'content']]}"
    return rows.iloc[0]


def test_columns_and_ids(seed):
    table, _, _ = seed
    assert list(table.columns) == sourcing.COLUMNS
    assert len(table) >= 10
    assert list(table.attribution_id) == [f"{SEED}:a{n}" for n in range(1, len(table) + 1)]
    assert table.attribution_id.is_unique


def test_offsets_index_the_text(seed):
    table, text, _ = seed
    for r in table.to_dict("records"):
        assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        if r["source_text"] is not None and not pd.isna(r["source_start"]):
            assert text[int(r["source_start"]) : int(r["source_end"])] == r["source_text"]
        assert r["content_end"] - r["content_start"] < len(text) / 2


def test_anonymous_officials_with_affiliation_and_date(seed):
    table, _, _ = seed
    r = one(table, source_text="American military officials")
    assert (r.cue, r.source_type, r.affiliation_actor_id) == ("said", "anonymous", "united-states")
    assert r.said_on == "2017-05-31"
    assert r.content.startswith("Forces backing the Syrian government")
    r = one(table, source_text="a U.S. official")
    assert (r.source_type, r.affiliation_actor_id) == ("anonymous", "united-states")
    assert one(table, source_text="Field sources").source_type == "anonymous"


def test_dillon_three_times_one_actor(seed):
    table, _, _ = seed
    dillon = table[table.source_actor_id == "ryan-dillon"]
    assert len(dillon) == 3
    assert set(dillon.source_type) == {"named_person"}
    mixed = one(dillon, content="a couple hundred")
    assert mixed.mixed and not mixed.direct
    told = one(dillon, cue="told reporters")
    assert told.source_text == "Col. Ryan Dillon" and told.said_on == "2017-06-01"
    assert told.content == "The group outside the zone has built up its forces and combat power"


def test_channel_reuters(seed):
    table, _, _ = seed
    r = one(table, source_text="sources", cue="told")
    assert (r.source_type, r.channel, r.channel_actor_id) == ("anonymous", "Reuters", "reuters")


def test_balanche_according_to_and_direct_quote(seed):
    table, _, _ = seed
    bal = table[table.source_text == "Balanche"]
    assert list(bal.cue) == ["According to", "said"]
    assert set(bal.source_type) == {"named_person"}
    quote = bal.iloc[1]
    assert quote.direct and quote.content.startswith("We are still at the beginning")
    assert quote.content.endswith("one month ago")


def test_nested_distancing_claim(seed):
    table, _, _ = seed
    claim = one(table, cue="claims")
    outer = one(table, content="The militia claims")
    assert claim.stance == "distancing" and claim.parent_id == outer.attribution_id
    assert claim.content == "it is in the area only to fight ISIS"
    assert pd.isna(outer.parent_id)


def test_social_media_document_and_unattributed_hedge(seed):
    table, _, _ = seed
    videos = one(table, cue="purported")
    assert (videos.source_type, videos.stance, videos.cue) == (
        "social_media",
        "distancing",
        "purported to show",
    )
    hedge = one(table, cue="reportedly")
    assert hedge.source_type == "unattributed" and hedge.hedged and hedge.hedge == "reportedly"
    assert pd.isna(hedge.source_text)
    assert one(table, source_text="The leaflets").source_type == "document"


def test_no_relation_for_scare_quotes(seed):
    table, text, _ = seed
    for term in ("Shia crescent", "dubbed"):
        pos = text.index(term)
        hits = table[(table.cue_start <= pos) & (table.content_end >= pos)]
        assert hits.empty, hits[["cue", "content"]]
    zone = text.index("so-called")
    for r in table[(table.content_start <= zone) & (table.content_end > zone)].itertuples():
        assert not r.mixed and not r.direct


def test_deterministic(seed):
    table, _, mode = seed
    again = kit.analyze(kit.load("data/"), extractors=["attributions"], attribution=mode)
    again = again.attributions
    pd.testing.assert_frame_equal(table, again)


def test_cue_patterns(mode):
    table = analyze_texts(
        "The plan will fail, said the minister. It was approved by the board, the report said. "
        "Officials were told by the minister that the plan had failed. "
        "“We will win,” the spokeswoman said. She added: “Nothing can stop us.”",
        attribution=mode,
    )
    assert one(table, cue="said", content="will fail").source_text == "the minister"
    assert one(table, source_text="the report").source_type == "document"
    told = one(table, cue="told")
    assert told.source_text == "the minister" and told.content.startswith("that the plan")
    win = one(table, source_text="the spokeswoman")
    assert win.direct and win.content == "We will win,"
    added = one(table, cue="added")
    assert added.direct and "Nothing can stop us" in added.content


def test_speech_inside_a_quote_is_not_the_writers_attribution(mode):
    text = "“I think we said we would win this war and we will,” the general said."
    table = analyze_texts(text, attribution=mode)
    assert list(table.cue) == ["said"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02 said \x07",
        "😀 “emoji” said 🎉🎉",
        '“ ” “ ” " " ‘ ’',
        "He said “this never ends.\n\nThe next paragraph says nothing.",
        "“a “b” c” she said, “d “e” f.”",
        "Der Minister sagte, dass alles gut sei. «Wir gewinnen», sagte er.",
        "“" + " ".join(f"Sentence number {i} goes on." for i in range(200)) + "” he said.",
        "He said " + "“" * 50 + " and " + "”" * 49,
    ],
)
def test_bad_input_never_crashes(text, mode):
    table = analyze_texts(text, attribution=mode)
    for r in table.to_dict("records"):
        assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        assert r["content_end"] - r["content_start"] < max(len(text) - 20, 1) or len(text) < 30


def test_unresolved_quotes_give_a_warning():
    table = analyze_texts("The minister said “this never ends and we go on.\n\nNothing else.")
    assert len(table) == 1
    assert table.warning.iloc[0] == "unbalanced quotes"
    long = analyze_texts(
        "“" + " ".join(f"Sentence number {i} goes on." for i in range(200)) + "” he said."
    )
    for r in long.itertuples():
        assert r.warning and r.content_end - r.content_start <= sourcing.MAX_CONTENT_CHARS


def test_large_text_is_fast_enough():
    import time

    text = ("Officials said the talks failed. “We tried,” she said. " * 300).strip()
    t0 = time.perf_counter()
    table = analyze_texts(text)
    assert len(table) == 600
    assert time.perf_counter() - t0 < 30


def test_user_cue_table_extends_the_lexicon(tmp_path):
    extra = tmp_path / "my_cues.csv"
    extra.write_text(
        "cue,lemma,kind,stance,hedge,np_content,note\nmused,muse,verb,tentative,true,false,\n"
    )
    lex = load_cues([*Resources.default().cues, extra])
    assert lex.verb("muse").stance == "tentative" and lex.verb("say").stance == "neutral"
    bad = tmp_path / "bad.csv"
    bad.write_text("cue,lemma,kind\n,,verb\ny,y,nonsense\n")
    assert load_cues([bad]).verbs == {}
