"""Tests for kit.present.display: offsets in, escaped HTML out, overlaps handled."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from kit.extract.registry import EXTRACTORS
from kit.present.display import LAYERS, DocIndex, Span, context_html, highlight, render_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "2017-06-04_syria-tanf-iran-backed-forces.txt"


def visible_text(fragment: str) -> str:
    """The text a browser would show, minus the superscript tags."""
    no_tags = re.sub(r"<sup[^>]*>.*?</sup>", "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", no_tags))


def available_extractors() -> list[str]:
    return [n for n, m in EXTRACTORS.items() if importlib.util.find_spec(m) is not None]


@pytest.fixture(scope="session")
def seed_analysis():
    import kit

    if importlib.util.find_spec("kit.io.corpus") is not None:
        docs = kit.load(ROOT / "data")
    else:
        text = SEED.read_text(encoding="utf-8").split(" date 2017-06-04 ", 1)[1]
        docs = pd.DataFrame(
            {
                "doc_id": ["seed"],
                "text": [text],
                "date": [pd.Timestamp("2017-06-04")],
                "source": [None],
            }
        )
    return kit.analyze(docs, extractors=available_extractors())


def tables(text: str, **extra: pd.DataFrame) -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame({"doc_id": ["d1"], "text": [text], "title": ["T"], "date": ["2017-06-04"]})
    return {"documents": docs, **extra}


def test_highlight_keeps_text_and_escapes():
    text = '<b>Dillon</b> & co said "5 km" ok'
    spans = [Span(3, 9, "actor", "person", "a<b"), Span(0, 14, "content"), Span(24, 28, "quantity")]
    out = highlight(text, spans)
    assert visible_text(out) == text
    assert "<b>Dillon" not in out  # escaped, never raw
    assert 'title="a&lt;b"' in out


def test_overlapping_and_crossing_spans_nest_validly():
    text = "abcdefghij"
    spans = [Span(0, 6, "content"), Span(4, 9, "actor"), Span(2, 5, "cue"), Span(5, 5, "timex")]
    out = highlight(text, spans, tags=False)
    assert visible_text(out) == text
    # balanced tags: every segment closes what it opens
    assert out.count("<span") == out.count("</span>")
    depth = 0
    for tag in re.findall(r"</?span", out):
        depth += 1 if tag == "<span" else -1
        assert depth >= 0
    # the crossing region d..e (index 4) is inside content, cue and actor
    seg = re.search(r"((?:<span[^>]*>)+)e</span>", out).group(1)
    assert seg.count("<span") == 3


def test_invalid_offsets_are_dropped_not_crash():
    text = "short"
    spans = [
        Span(-1, 3, "actor"),
        Span(2, 99, "actor"),
        Span(None, 2, "timex"),
        Span(3, 2, "quantity"),
    ]
    out = highlight(text, spans)
    assert visible_text(out) == text and "<span" not in out


def test_render_document_layers_legend_and_tooltips():
    text = "Col. Ryan Dillon said about 90,000 leaflets fell on Thursday."
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "start": [5],
            "end": [16],
            "actor": ["Ryan Dillon"],
            "actor_type": ["person"],
        }
    )
    quants = pd.DataFrame({"doc_id": ["d1"], "start": [22], "end": [34], "unit": ["count"]})
    attrs = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "source_start": [0],
            "source_end": [16],
            "cue_start": [17],
            "cue_end": [21],
            "content_start": [22],
            "content_end": [60],
            "source_type": ["named"],
            "stance": ["neutral"],
        }
    )
    timexes = pd.DataFrame({"doc_id": ["d1"], "start": [52], "end": [60], "value": ["2017-06-08"]})
    out = render_document(
        tables(text, mentions=mentions, quantities=quants, attributions=attrs, timexes=timexes),
        "d1",
    )
    body = re.search(r'pre-wrap;line-height:1.9;">(.*)</div></div>$', out, re.S).group(1)
    assert visible_text(body) == text
    for word in ("actor mention", "quantity", "attribution cue", "time expression"):
        assert word in out
    assert "2017-06-08" in out and "person" in out and "named" in out
    only = render_document(tables(text, mentions=mentions), "d1", layers=("actors",))
    assert "time expression" not in only and "Ryan Dillon" in only


def test_missing_tables_say_nothing_found():
    out = render_document(tables("Plain text."), "d1")
    assert "Nothing found" in out and "Plain text." in out
    assert "No documents" in render_document(
        {"documents": pd.DataFrame(columns=["doc_id", "text"])}
    )
    with pytest.raises(KeyError):
        render_document(tables("x"), "nope")
    with pytest.raises(ValueError):
        render_document(tables("x"), "d1", layers=("bogus",))


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x07 ctrl", "emoji 🎉 here", "Привет мир"])
def test_odd_text_round_trips(text):
    mentions = pd.DataFrame({"doc_id": ["d1"], "start": [0], "end": [max(1, len(text))]})
    out = render_document(tables(text, mentions=mentions), "d1")
    body = re.search(r'pre-wrap;line-height:1.9;">(.*)</div></div>$', out, re.S).group(1)
    assert visible_text(body) == text


def test_doc_index_rows_and_context():
    m = pd.DataFrame({"doc_id": ["a", "b", "a"], "start": [0, 1, 2], "end": [1, 2, 3]})
    idx = DocIndex(
        {"documents": pd.DataFrame({"doc_id": ["a", "b"], "text": ["xyz", "uvw"]}), "mentions": m}
    )
    assert list(idx.rows("mentions", "a")["start"]) == [0, 2]
    assert idx.rows("quantities", "a").empty
    assert context_html("Dillon <said> so.", 7, 13, width=3) == "…on <b>&lt;said&gt;</b> so…"


def test_seed_article_renders_every_available_layer(seed_analysis):
    doc_id = seed_analysis.documents["doc_id"].iloc[0]
    out = render_document(seed_analysis, doc_id)
    text = seed_analysis.documents["text"].iloc[0]
    body = re.search(r'pre-wrap;line-height:1.9;">(.*)</div></div>$', out, re.S).group(1)
    assert visible_text(body) == text
    assert out == render_document(seed_analysis, doc_id)  # deterministic
    for layer, table in zip(LAYERS, ("mentions", "quantities", "attributions", "timexes")):
        if table in seed_analysis.tables() and len(seed_analysis.tables()[table]):
            assert f"{len(seed_analysis.tables()[table])} {layer}" in out
