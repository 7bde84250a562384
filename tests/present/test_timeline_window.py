"""The timeline is clipped to the corpus window and says what it leaves out."""

from __future__ import annotations

import pandas as pd

from kit.present import plots
from kit.present.views import timeline, timeline_note


def _analysis() -> dict[str, pd.DataFrame]:
    documents = pd.DataFrame({"doc_id": ["a"], "date": ["2017-06-04"], "text": ["x" * 80]})
    rows = [
        ("t1", "Tuesday", "2017-05-30", 0),
        ("t2", "1750", "1750", 10),
        ("t3", "<b>2001</b>", "2001", 20),
        ("t4", "last year", "2016", 30),
    ]
    timexes = pd.DataFrame(
        {
            "doc_id": "a",
            "timex_id": [r[0] for r in rows],
            "text": [r[1] for r in rows],
            "type": "DATE",
            "value": [r[2] for r in rows],
            "granularity": ["day", "year", "year", "year"],
            "start": [r[3] for r in rows],
            "end": [r[3] + 4 for r in rows],
            "sent_id": 0,
        }
    )
    return {"documents": documents, "timexes": timexes}


def test_clipped_to_the_corpus_window_by_default():
    tl = timeline(_analysis())
    assert list(tl["value"]) == ["2016", "2017-05-30"]
    assert tl.attrs["window"] == ("2016-06-03", "2018-06-05")
    assert tl.attrs["left_out"] == 2
    assert set(tl.attrs["left_out_rows"]["value"]) == {"1750", "2001"}


def test_window_none_keeps_everything_and_a_window_can_be_given():
    assert len(timeline(_analysis(), window=None)) == 4
    assert list(timeline(_analysis(), window=("1700", "1800"))["value"]) == ["1750"]


def test_note_says_what_is_left_out_escaped():
    note = str(timeline_note(timeline(_analysis())))
    assert "2 dated expressions outside it are left out" in note
    assert "&lt;b&gt;2001&lt;/b&gt;" in note and "<b>" not in note
    assert "window=None" in note


def test_plot_says_what_is_left_out():
    fig = plots.timeline(timeline(_analysis()), _analysis()["documents"])
    texts = [t.get_text() for t in fig.texts]
    assert any("2 dated expressions outside it left out" in t for t in texts)
    years = {
        int(t.get_text()[:4]) for t in fig.axes[0].get_xticklabels() if t.get_text()[:4].isdigit()
    }
    assert not years or min(years) >= 2016
