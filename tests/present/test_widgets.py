"""Tests for kit.present.widgets: set widget values like a user, assert what the outputs then show."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from kit.extract.registry import EXTRACTORS
from kit.present import widgets

ROOT = Path(__file__).resolve().parents[2]

TEXTS = {
    "d1": "Col. Ryan Dillon said about 90,000 leaflets fell on Thursday in Syria.",
    "d2": "Iran denied it. The United States said 124 km (77 miles) separate them.",
    "d3": "Officials said <script> & 5 tanks moved, according to Reuters.",
}


def make_tables() -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame(
        {
            "doc_id": list(TEXTS),
            "title": ["Leaflets", "Distances", "Tanks"],
            "date": ["2017-06-04", "2017-07-05", "2017-07-09"],
            "source": ["Reuters", "AP", "Reuters"],
            "text": list(TEXTS.values()),
        }
    )

    def span(doc, needle, **kw):
        s = TEXTS[doc].index(needle)
        return {"doc_id": doc, "start": s, "end": s + len(needle), "text": needle, **kw}

    mentions = pd.DataFrame(
        [
            span("d1", "Ryan Dillon", actor_id="P1", actor="Ryan Dillon", actor_type="person"),
            span("d1", "Syria", actor_id="C1", actor="Syria", actor_type="country"),
            span("d2", "Iran", actor_id="C2", actor="Iran", actor_type="country"),
            span("d2", "United States", actor_id="C3", actor="United States", actor_type="country"),
            span("d3", "Reuters", actor_id="O1", actor="Reuters", actor_type="organization"),
            span("d2", "them", actor_id="C2", actor="Iran", actor_type="country"),
        ]
    )
    quantities = pd.DataFrame(
        [
            span(
                "d1",
                "about 90,000 leaflets",
                value=90000.0,
                unit="count",
                dimension="count",
                si_value=90000.0,
                qualifier="approximately",
                object="leaflets",
            ),
            span(
                "d2",
                "124 km",
                value=124.0,
                unit="kilometer",
                dimension="length",
                si_value=124000.0,
                qualifier=None,
                object=None,
            ),
            span(
                "d2",
                "77 miles",
                value=77.0,
                unit="mile",
                dimension="length",
                si_value=123919.0,
                qualifier=None,
                object=None,
                restates="d2:q1",
            ),
            span(
                "d3",
                "5 tanks",
                value=5.0,
                unit="count",
                dimension="count",
                si_value=5.0,
                qualifier=None,
                object="tanks",
            ),
        ]
    )

    def attr(doc, source, cue, content, **kw):
        t = TEXTS[doc]
        s, c, x = t.index(source), t.index(cue), t.index(content)
        return {
            "doc_id": doc,
            "source_text": source,
            "source_start": s,
            "source_end": s + len(source),
            "cue": cue,
            "cue_start": c,
            "cue_end": c + len(cue),
            "content": content,
            "content_start": x,
            "content_end": x + len(content),
            **kw,
        }

    attributions = pd.DataFrame(
        [
            attr(
                "d1",
                "Col. Ryan Dillon",
                "said",
                "about 90,000 leaflets fell on Thursday in Syria",
                source_type="named",
                source_actor="Ryan Dillon",
                stance="neutral",
            ),
            attr(
                "d2",
                "Iran",
                "denied",
                "it",
                source_type="named",
                source_actor="Iran",
                stance="negative",
            ),
            attr(
                "d2",
                "The United States",
                "said",
                "124 km (77 miles) separate them",
                source_type="named",
                source_actor="United States",
                stance="neutral",
            ),
            attr(
                "d3",
                "Officials",
                "said",
                "<script> & 5 tanks moved",
                source_type="anonymous",
                source_actor=None,
                stance="neutral",
            ),
        ]
    )
    timexes = pd.DataFrame([span("d1", "Thursday", type="DATE", value="2017-06-08")])
    return {
        "documents": docs,
        "mentions": mentions,
        "quantities": quantities,
        "attributions": attributions,
        "timexes": timexes,
    }


def shown(out) -> str:
    return " ".join(o["data"].get("text/html", "") for o in out.outputs)


@pytest.fixture()
def tables():
    return make_tables()


def test_reader_highlights_and_reacts(tables):
    r = widgets.reader(tables)
    assert "Ryan Dillon" in shown(r.outputs["document"])
    r.controls["doc"].value = "d3"
    html = shown(r.outputs["document"])
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "attribution cue" in html
    r.controls["attributions"].value = False
    assert "attribution cue" not in shown(r.outputs["document"])
    r.controls["search"].value = "distances"
    assert r.controls["doc"].options == (r.controls["doc"].options[0],)
    assert r.controls["doc"].value == "d2" and "United States" in shown(r.outputs["document"])
    r.controls["search"].value = "zzz-no-match"
    assert "No document matches" in shown(r.outputs["document"])


def test_actor_explorer_mentions_comentions_months(tables):
    a = widgets.actor_explorer(tables)
    assert a.controls["actor"].value == "C2"  # most mentioned first
    assert "2 mentions in 1 documents" in shown(a.outputs["summary"])
    assert "United States" in shown(a.outputs["comentions"])
    assert "2017-07" in shown(a.outputs["timeline"])
    a.controls["search"].value = "dill"
    assert a.controls["actor"].value == "P1"
    assert "<b>Ryan Dillon</b>" in shown(a.outputs["mentions"])
    assert "Syria" in shown(a.outputs["comentions"]) and "Iran" not in shown(
        a.outputs["comentions"]
    )
    a.controls["limit"].value = 1
    assert a.last_ms < 200


def test_quantity_browser_filters_and_sorts(tables):
    q = widgets.quantity_browser(tables)
    assert "4 of 4 quantities" in shown(q.outputs["summary"])
    q.controls["dimension"].value = "length"
    assert "2 of 4" in shown(q.outputs["summary"])
    q.controls["dimension"].value = widgets.ALL
    q.controls["sort"].value = "value, largest first"
    assert list(q.selected()) == [0, 1, 2, 3]
    q.controls["sort"].value = "value, smallest first"
    assert list(q.selected()) == [3, 2, 1, 0]
    q.controls["object"].value = "LEAF"
    assert "1 of 4" in shown(q.outputs["summary"])
    assert "<b>about 90,000 leaflets</b>" in shown(q.outputs["table"])
    q.controls["object"].value = ""
    q.controls["qualifier"].value = "approximately"
    assert list(q.selected()) == [0]


def test_sourcing_panel_filters_and_statements(tables):
    s = widgets.sourcing_panel(tables)
    assert "anonymous" in shown(s.outputs["mix"]) and "named" in shown(s.outputs["mix"])
    s.controls["outlet"].value = "AP"
    assert "Officials" not in shown(s.outputs["sources"])
    assert set(s.controls["who"].options) == {widgets.ALL, "Iran", "United States"}
    s.controls["who"].value = "Iran"
    html = shown(s.outputs["statements"])
    assert "Statements of Iran" in html and "denied" in html and "separate" not in html
    s.controls["outlet"].value = "Reuters"
    assert s.controls["who"].value == widgets.ALL  # reset when no longer offered
    s.controls["source_type"].value = "anonymous"
    html = shown(s.outputs["statements"])
    assert "&lt;script&gt;" in html and "Ryan" not in html


def test_empty_analysis_says_nothing_found():
    empty = {"documents": pd.DataFrame(columns=["doc_id", "text"])}
    assert "No document" in shown(widgets.reader(empty).outputs["document"])
    assert "No actors" in shown(widgets.actor_explorer(empty).outputs["summary"])
    assert "No quantities" in shown(widgets.quantity_browser(empty).outputs["summary"])
    assert "No attributions" in shown(widgets.sourcing_panel(empty).outputs["mix"])


def test_table_and_bar_helpers_escape():
    html = widgets.table_html(pd.DataFrame({"a": ["<x>"], "b": [1.5]}))
    assert "&lt;x&gt;" in html and "1.5" in html
    assert "Nothing found" in widgets.bars_html(pd.Series(dtype=int), title="t")
    assert "&lt;b&gt;" in widgets.bars_html(pd.Series([3], index=["<b>"]))


def test_on_seed_analysis():
    available = [n for n, m in EXTRACTORS.items() if importlib.util.find_spec(m) is not None]
    if importlib.util.find_spec("kit.io.corpus") is None:
        pytest.skip("kit.io.corpus (kit.load) has not landed yet")
    import kit

    result = kit.analyze(kit.load(ROOT / "data"), extractors=available)
    for make in (
        widgets.reader,
        widgets.actor_explorer,
        widgets.quantity_browser,
        widgets.sourcing_panel,
    ):
        w = make(result)
        assert all(out.outputs for out in w.outputs.values())
