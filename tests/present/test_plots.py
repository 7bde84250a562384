"""Tests for kit.present.plots: every figure function returns a labelled Figure, empty input included."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from kit.present import plots

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "date": ["2017-06-04", "2017-06-05", "2017-07-01", None],
        "source": ["Reuters", "AP", "Reuters", None],
        "n_words": [120, 300, 80, 10],
        "text": ["x"] * 4,
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "b", "c", "c"],
        "sent_id": [0, 0, 1, 2, 0, 0],
        "actor": ["Iran", "United States", "Iran", "United States", "ISIS", "Iran"],
        "actor_type": ["country", "country", "country", "country", "group", "country"],
    }
)
ACTORS = pd.DataFrame(
    {
        "actor": ["Iran", "United States", "ISIS"],
        "actor_type": ["country", "country", "group"],
        "n_mentions": [3, 2, 1],
    }
)
QUANTS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b"],
        "value": [90000, 124, 5],
        "dimension": ["count", "length", "count"],
        "object": ["leaflets", None, "soldiers"],
    }
)
ATTRS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c"],
        "source_type": ["named", "anonymous", "named", None],
        "cue_lemma": ["say", "say", "claim", "tell"],
        "stance": ["neutral", "neutral", "skeptical", None],
    }
)
TIMEX = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b"],
        "type": ["DATE", "DATE", "DURATION"],
        "value": ["2017-05-31", "2017-W22", "P1M"],
    }
)


def texts(fig: Figure) -> str:
    ax = fig.axes[0]
    return " ".join([ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()])


CASES = [
    (plots.documents_over_time, (DOCS,), "Documents over time"),
    (plots.documents_by_outlet, (DOCS,), "Reuters"),
    (plots.document_lengths, (DOCS,), "words per document"),
    (plots.top_actors, (ACTORS,), "Top"),
    (plots.top_actors, (MENTIONS,), "actor"),
    (plots.comention_heatmap, (MENTIONS,), "Co-mentions"),
    (plots.quantities_by_dimension, (QUANTS,), "dimension"),
    (plots.quantities_by_object, (QUANTS,), "object"),
    (plots.source_type_mix, (ATTRS,), "source type"),
    (plots.source_type_mix, (ATTRS, DOCS), "source types"),
    (plots.cue_stance, (ATTRS,), "cue"),
    (plots.timeline, (TIMEX, DOCS), "date referred to"),
]


@pytest.mark.parametrize(("func", "args", "needle"), CASES)
def test_figures_are_labelled(func, args, needle):
    kw = {"by": "source"} if func is plots.source_type_mix and len(args) == 2 else {}
    fig = func(*args, **kw)
    assert isinstance(fig, Figure)
    label = texts(fig)
    assert (
        fig.axes[0].get_title(loc="left") and fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
    )
    tick_text = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    assert needle in label or needle in tick_text
    assert plots.to_png(fig)[:4] == b"\x89PNG"


@pytest.mark.parametrize(("func", "args", "needle"), CASES)
def test_empty_tables_say_so(func, args, needle):
    empty = [pd.DataFrame(columns=a.columns) for a in args]
    for bad in (empty, [None] * len(args)):
        fig = func(*bad)
        shown = " ".join(t.get_text() for t in fig.axes[0].texts)
        assert fig.axes[0].get_title(loc="left")
        assert "No " in shown or "Nothing" in shown


def test_values_are_what_the_tables_say():
    fig = plots.documents_by_outlet(DOCS)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == "Reuters"  # largest at the top
    mat = plots.comention_matrix(MENTIONS)
    assert mat.loc["Iran", "United States"] == 2 and mat.loc["Iran", "Iran"] == 3
    assert plots.comention_matrix(MENTIONS, within="sent_id").loc["Iran", "United States"] == 1
    dates = plots.timex_dates(TIMEX)
    assert str(dates.iloc[1].date()) == "2017-05-29" and pd.isna(dates.iloc[2])
    fig = plots.quantities_by_object(QUANTS)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["soldiers", "leaflets"]


def test_palette_is_okabe_ito():
    assert plots.colours(9)[8] == plots.PALETTE[0]
    assert "#E69F00" in plots.PALETTE and "#56B4E9" in plots.PALETTE
