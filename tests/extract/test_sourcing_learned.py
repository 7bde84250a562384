"""The learned attribution model (``attribution="learned"``) beside the rules."""

from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit.extract.sourcing import learned
from kit.run.pipeline import Settings

SEED = "2017-06-04_syria-tanf-iran-backed-forces"


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


def check_contract(table: pd.DataFrame, texts: dict[str, str]) -> None:
    """Every row has a cue; every offset indexes its text."""
    for r in table.to_dict("records"):
        text = texts[r["doc_id"]]
        assert r["cue"] and r["cue_end"] > r["cue_start"]
        assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        if r["source_text"] is not None and not pd.isna(r["source_start"]):
            assert text[int(r["source_start"]) : int(r["source_end"])] == r["source_text"]


@pytest.fixture(scope="module")
def seed_tables():
    docs = kit.load("data/")
    learned_table = kit.analyze(
        docs, extractors=["attributions"], attribution="learned"
    ).attributions
    rules_table = kit.analyze(docs, extractors=["attributions"], attribution="rules").attributions
    text = docs.loc[docs.doc_id == SEED, "text"].iloc[0]
    return learned_table, rules_table, text


def test_model_ships_and_loads_once():
    files = [learned.MODEL_DIR / learned.CUE_FILE, learned.MODEL_DIR / learned.ROLE_FILE]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in files) < 25_000_000
    assert (learned.MODEL_DIR / "MODEL_CARD.md").is_file()
    first = learned.taggers()
    assert first is not None and learned.taggers() is first


def test_setting_reaches_the_extractor():
    assert Settings.make().attribution == "rules"  # the default until the seed checks pass
    assert Settings.make(attribution="rules").attribution == "rules"
    with pytest.raises(ValueError, match="attribution"):
        Settings.make(attribution="neural")


def test_learned_finds_the_seed_relations(seed_tables):
    table, _, text = seed_tables
    check_contract(table, {SEED: text})
    said = table[table.source_text == "American military officials"]
    assert len(said) == 1 and said.cue.iloc[0] == "said"
    assert said.content.iloc[0].startswith("Forces backing the Syrian government")
    assert said.source_type.iloc[0] == "anonymous"
    dillon = table[table.source_actor_id == "ryan-dillon"]
    assert len(dillon) >= 2 and set(dillon.source_type) == {"named_person"}
    assert (table.source_text == "Balanche").sum() >= 1
    reuters = table[table.channel == "Reuters"]
    assert len(reuters) == 1
    assert table.said_on.notna().any() and table.parent_id.notna().any()


def test_rules_mode_is_the_rules(seed_tables, monkeypatch):
    _, rules_table, text = seed_tables
    check_contract(rules_table, {SEED: text})
    # the learned mode without a model falls back to exactly the rules' output
    monkeypatch.setattr(learned, "taggers", lambda model_dir=None: None)
    from kit.run import pipeline

    monkeypatch.setattr(pipeline, "_RESOURCES", {})
    fallback = kit.analyze(
        kit.load("data/"), extractors=["attributions"], attribution="learned"
    ).attributions
    pd.testing.assert_frame_equal(rules_table, fallback)
    assert "told reporters" in set(rules_table.cue)


LONG = " ".join(["the", "committee", "and", "the", "board"] * 400) + " said nothing ."


@pytest.mark.parametrize(
    "text",
    [
        "The river rose three metres overnight. Boats were moved to the harbour.",
        LONG,
        "THE MINISTER SAID THE PLAN WOULD FAIL. “WE WILL WIN,” SHE TOLD REPORTERS.",
        "“We will win.” “Nothing can stop us.” ‘Never.’ “Again and again and again.”",
        "",
        "“",
        "said said said",
        "“a “b” c” she said, “d “e” f.”",
    ],
)
@pytest.mark.parametrize("mode", ["learned", "rules"])
def test_bad_input(text, mode):
    table = analyze_texts(text, attribution=mode)
    check_contract(table, {"d0": text})


def test_no_attribution_text_gives_nothing():
    text = "The river rose three metres overnight. Boats were moved."
    assert analyze_texts(text, attribution="learned").empty


def test_modes_agree_on_offsets():
    text = (
        "The plan will fail, said the minister. “We will win,” the spokeswoman said. "
        "Officials believe the talks stalled, according to Reuters."
    )
    for mode in ("learned", "rules"):
        table = analyze_texts(text, attribution=mode)
        assert len(table) >= 2
        check_contract(table, {"d0": text})


def test_content_fragments_column():
    text = (
        "“The plan will fail,” the minister said on Monday, “and nobody will be surprised.” "
        "Officials said the talks stalled."
    )
    for mode in ("learned", "rules"):
        table = analyze_texts(text, attribution=mode)
        check_contract(table, {"d0": text})
        assert "content_fragments" in table.columns
        for r in table.to_dict("records"):
            frags = r["content_fragments"]
            if frags is None or pd.isna(frags):
                continue
            pieces = [tuple(int(x) for x in p.split("-")) for p in frags.split(";")]
            assert len(pieces) >= 2 and pieces == sorted(pieces)
            assert (r["content_start"], r["content_end"]) in pieces
            for a, b in pieces:  # pieces never hold the cue
                assert b <= r["cue_start"] or a >= r["cue_end"]
    learned_table = analyze_texts(text, attribution="learned")
    said = learned_table[learned_table.source_text == "the minister"]
    assert len(said) == 1 and isinstance(said.content_fragments.iloc[0], str)


def test_content_group_keeps_pieces_across_the_cue_only():
    # the runs on both sides of the cue "he said" are one content; a run further on is not
    assert learned.content_group([(0, 5), (8, 14)], (6, 7), (5, 6)) == [(0, 5), (8, 14)]
    runs = [(0, 5), (8, 14), (16, 20)]  # nothing of this relation between 14 and 16
    assert learned.content_group(runs, (6, 7), (5, 6)) == [(0, 5), (8, 14)]
    far = learned.FRAGMENT_GAP + 10
    assert learned.content_group([(0, 5), (far, far + 4)], (6, 7), None) == [(0, 5)]
    assert learned.content_group([], (6, 7), None) == []


def test_stream_passes_the_attribution_option():
    from kit.run.stream import iter_analyze

    docs = pd.DataFrame(
        {
            "doc_id": ["d0"],
            "text": ["“We will win,” the spokeswoman said. Officials said the talks stalled."],
            "date": [pd.Timestamp("2017-06-04")],
            "source": [None],
        }
    )
    for mode in ("learned", "rules"):
        parts = list(
            iter_analyze(docs, extractors=["attributions"], attribution=mode, progress=False)
        )
        assert [p.settings.attribution for p in parts] == [mode]
        assert len(parts[0].attributions) >= 2
    with pytest.raises(ValueError, match="attribution"):
        next(iter_analyze(docs, extractors=["attributions"], attribution="neural"))


def test_cli_attribution_option(capsys):
    from kit.cli import analyze_kwargs, build_parser
    from kit.extract.sourcing.extractor import ATTRIBUTION_MODES

    parser = build_parser()
    args = parser.parse_args(["analyze", "corpus/", "--attribution", "learned"])
    assert analyze_kwargs(args)["attribution"] == "learned"
    assert "attribution" not in analyze_kwargs(parser.parse_args(["analyze", "corpus/"]))
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["analyze", "corpus/", "--attribution", "neural"])
    assert exc.value.code == 2
    choices = next(
        a.choices
        for a in parser._subparsers._group_actions[0].choices["analyze"]._actions
        if a.dest == "attribution"
    )
    assert set(choices) == set(ATTRIBUTION_MODES)


def test_array_scores_equal_the_feature_strings():
    """The tagger adds up weights from arrays; the sums are those of the feature strings
    the model was trained on (``cue_sequences``, ``role_features``)."""
    from kit.extract.sourcing.cues import load_cues
    from kit.extract.sourcing.extractor import rule_relations
    from kit.extract.sourcing.quotes import find_quotes
    from kit.lexicons.resources import Resources
    from kit.nlp.model import load_model

    text = (
        "“The plan will fail,” the minister said on Monday, “and nobody will be surprised.”\n\n"
        "Officials, who spoke on condition of anonymity, told reporters the talks stalled. "
        "The report, according to Reuters, says “costs rose” sharply."
    )
    doc = load_model()(text)
    lex = load_cues(Resources.default().cues)
    qmap = find_quotes(text)
    df = learned.doc_features(doc, text, lex, qmap, rule_relations(doc, text, lex, qmap))
    cue_chain, role_chain = learned.taggers()
    for (s, e, feats), (s2, e2, scores) in zip(
        learned.cue_sequences(df), learned.cue_scores(df, cue_chain), strict=True
    ):
        assert (s, e) == (s2, e2)
        assert abs(cue_chain.scores(feats) - scores).max() < 1e-9
    tables = learned._tables(role_chain)
    arrays = learned._doc_arrays(df, tables)
    for c0 in range(0, len(doc), 3):
        lo, hi, feats = learned.role_features(df, c0, c0 + 1)
        ctx = learned.cue_context(df, c0, c0 + 1, lo, hi)
        scores = learned.role_scores(df, arrays, tables, ctx, lo, hi)
        assert abs(role_chain.scores(feats) - scores).max() < 1e-9


def test_numpy_decoding_matches_crfsuite():
    """``LinearChain`` finds the same best paths as python-crfsuite's own tagger."""
    import random

    import pycrfsuite

    cue_chain, _ = learned.taggers()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(learned.MODEL_DIR / learned.CUE_FILE))
    names = list(cue_chain.attributes)
    rng = random.Random(3)
    seqs = [
        [rng.sample(names, 12) + ["w=said", "cv=verb"] * (k % 2) for _ in range(rng.randint(1, 30))]
        for k in range(40)
    ]
    ours = cue_chain.best_paths([cue_chain.scores(s) for s in seqs])
    assert ours == [tagger.tag(s) for s in seqs]


def test_passive_addressee_is_no_content():
    text = "Officials were told by the minister that the plan had failed."
    told = analyze_texts(text, attribution="learned")
    told = told[told.cue.str.contains("told")]
    assert len(told) == 1
    assert told.source_text.iloc[0] == "the minister"
    assert told.content.iloc[0].startswith("that the plan")


def test_addressee_content_keeps_other_runs():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Officials", "were", "told", "by", "the", "minister", "that", "it", "failed"]
    heads = [2, 2, 2, 2, 5, 3, 8, 8, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "agent", "det", "pobj", "mark", "nsubj", "ccomp"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    root = doc[2]
    assert learned.addressee_content(root, [(0, 1)]) == [(6, 9)]  # the clause, not "Officials"
    assert learned.addressee_content(root, [(0, 1), (6, 9)]) == [(6, 9)]
    assert learned.addressee_content(root, [(6, 9)]) == [(6, 9)]
    assert learned.addressee_content(doc[5], [(0, 1)]) == [(0, 1)]  # no passive cue


def test_conjoined_cue_takes_the_shared_subject():
    text = "The leaflets are written in Arabic and say the forces will be considered hostile."
    table = analyze_texts(text, attribution="learned")
    say = table[table.cue == "say"]
    assert len(say) == 1 and say.source_text.iloc[0] == "The leaflets"


@pytest.fixture(scope="module")
def lex():
    from kit.extract.sourcing.cues import load_cues
    from kit.lexicons.resources import Resources

    return load_cues(Resources.default().cues)


def _parsed(words, heads, deps, lemmas):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_cue_over_a_coordination_keeps_its_speaking_conjunct(lex):
    words = ["They", "are", "written", "in", "Arabic", "and", "say", "no"]
    heads = [2, 2, 2, 2, 3, 2, 2, 6]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "cc", "conj", "dobj"]
    lemmas = ["they", "be", "write", "in", "Arabic", "and", "say", "no"]
    doc = _parsed(words, heads, deps, lemmas)
    assert learned.speaking_conjunct(doc, (1, 7), lex) == (6, 7)  # the passive "written" is no cue
    assert learned.speaking_conjunct(doc, (6, 7), lex) == (6, 7)
    words = ["She", "wrote", "and", "said", "no"]
    doc = _parsed(
        words,
        [1, 1, 1, 1, 3],
        ["nsubj", "ROOT", "cc", "conj", "dobj"],
        ["she", "write", "and", "say", "no"],
    )
    assert learned.speaking_conjunct(doc, (1, 4), lex) == (1, 4)  # both speak: kept whole


def test_learned_raising_cue_takes_the_raised_verb():
    text = "Videos released on social media purported to show fighters preparing for the battle."
    table = analyze_texts(text, attribution="learned")
    assert list(table.cue) == ["purported to show"]
    assert set(table.stance) == {"distancing"}


def test_kit_cue_extent_of_a_raising_verb(lex):
    words = ["Videos", "purported", "to", "show", "fighters"]
    doc = _parsed(
        words,
        [1, 1, 3, 1, 3],
        ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["video", "purport", "to", "show", "fighter"],
    )
    verb = doc[1]
    got = learned._kit_cue_extent(verb, (verb.idx, verb.idx + len(verb.text)), lex)
    assert doc.text[got[0] : got[1]] == "purported to show"


def test_content_ends_before_another_speakers_sentence():
    from kit.extract.sourcing.cues import Cue
    from kit.extract.sourcing.spans import _Rel
    from kit.nlp.model import load_model

    text = "“This isn’t right,” Warren said. “You squeezed them,” she said. They left."
    doc = load_model()(text)

    def at(word: str, after: int = 0) -> tuple[int, int]:
        i = text.index(word, after)
        return (i, i + len(word))

    said = Cue(lemma="say", kind="verb")
    first = _Rel(cue=at("said"), cue_lemma="say", entry=said, source=at("Warren"))
    second = _Rel(cue=at("said", first.cue[1]), cue_lemma="say", entry=said, source=at("she"))
    quote = at("This isn’t right")
    first.content, first.fragments = quote, [quote, (text.index("“You"), second.cue[1])]
    second.content = at("You squeezed them")
    learned.cut_at_other_speakers([first, second], doc, text)
    assert (first.content, first.fragments) == (quote, [])  # the second quotation is hers
    assert second.content == at("You squeezed them")


def test_no_content_piece_is_only_a_quotation_mark():
    text = (
        "''This museum tells the truth that a country held thousands in chains,'' Mr. Bush "
        "declared. ''Even today, the work goes on,'' he said."
    )
    table = analyze_texts(text, attribution="learned")
    assert len(table)
    for frags in table.content_fragments.dropna():
        for part in filter(None, frags.split(";")):
            a, b = (int(x) for x in part.split("-"))
            assert any(ch.isalnum() for ch in text[a:b]), (frags, text[a:b])


@pytest.mark.parametrize("mark", [("“", "”"), ("''", "''")])
def test_content_starts_at_the_quotation_not_the_writers_question(mark):
    left, right = mark
    text = (
        f"Why the affiliation? {left}They pay us a lot of money, and we need money to pay our "
        f"producers,{right} Mr. King said."
    )
    table = analyze_texts(text, attribution="learned")
    said = table[table.cue == "said"]
    assert len(said) == 1 and said.source_text.iloc[0] == "Mr. King"
    assert said.content.iloc[0].startswith("They pay us")
    assert said.content.iloc[0].endswith("producers,")
