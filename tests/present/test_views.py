"""The corpus views researchers compare (kit.present.views), their figures, the notebooks'
accuracy notes read from benchmarks/results/, and the Wikinews credit."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from matplotlib.figure import Figure

from kit.notebook import accuracy, plural, wikinews_credit
from kit.present import plots, views
from kit.present.render import index_html, wikinews_credit_html

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "date": ["2019-01-05", "2019-01-20", "2019-02-01", None],
        "source": ["Herald", "Herald", "Times", None],
        "title": ["A", "B", "C", "D"],
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c", "c", "d"],
        "actor": ["UN", "UN", "UN", "Iran", "UN", "Iran"],
    }
)
ATTRIBUTIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "b", "c", "c", "d"],
        "source_text": ["she", "officials", "Berg", "he", "a report", "Berg", "they"],
        "source_actor": ["Anna Berg", None, "Anna Berg", None, None, "Anna Berg", None],
        "source_type": [
            "named_person",
            "anonymous",
            "named_person",
            "pronoun",
            "document",
            "named_person",
            "social_media",
        ],
        "stance": ["neutral", "distancing", "neutral", "neutral", "neutral", "assertive", None],
    }
)


def test_actors_by_month_and_outlet():
    by_month = views.actors_by(MENTIONS, DOCS, by="month")
    assert list(by_month.index) == ["UN", "Iran"]
    assert list(by_month.columns) == ["2019-01", "2019-02", "(unknown)", "documents"]
    assert by_month.loc["UN"].tolist() == [2, 1, 0, 3]  # documents, not mentions
    by_outlet = views.actors_by(MENTIONS, DOCS, by="source")
    assert list(by_outlet.columns)[:2] == ["Herald", "Times"]
    assert by_outlet.loc["Iran", "(unknown)"] == 1
    assert views.actors_by(MENTIONS.iloc[0:0], DOCS).empty
    with pytest.raises(ValueError, match="documents column"):
        views.actors_by(MENTIONS, DOCS, by="nothing")


def test_who_cites_whom_leaves_unresolved_pronouns_out():
    table = views.who_cites_whom(ATTRIBUTIONS, DOCS)
    assert table.index[0] == "Anna Berg" and table.loc["Anna Berg", "statements"] == 3
    assert table.loc["Anna Berg", "Herald"] == 2 and table.loc["Anna Berg", "Times"] == 1
    assert "he" not in table.index  # source_type "pronoun": nobody in particular
    assert "they" in table.index  # social media source written "they" is still a source
    assert table.loc["officials", "source_type"] == "anonymous"
    assert int(table["statements"].sum()) == len(ATTRIBUTIONS) - 1
    by_year = views.who_cites_whom(ATTRIBUTIONS, DOCS, by="year")
    assert "2019" in by_year.columns


def test_source_mix_over_time_shares():
    mix = views.source_mix_over_time(ATTRIBUTIONS, DOCS)
    assert list(mix.index) == ["2019-01", "2019-02", "(unknown)"]
    shares = mix[list(views.SOURCE_CLASSES)]
    assert (shares.sum(axis=1).round(9) == 1).all()
    jan = mix.loc["2019-01"]
    assert jan["statements"] == 4
    assert (jan["named"], jan["anonymous"], jan["unresolved"]) == (0.5, 0.25, 0.25)
    assert mix.loc["(unknown)", "document"] == 1.0  # social media counts as a document source
    assert views.source_mix_over_time(ATTRIBUTIONS.iloc[0:0], DOCS).empty


def test_stance_by_source_type():
    counts = views.stance_by_source_type(ATTRIBUTIONS)
    assert counts.loc["named", "statements"] == 3 and counts.loc["named", "assertive"] == 1
    share = views.stance_by_source_type(ATTRIBUTIONS, share=True)
    assert share.loc["anonymous", "distancing"] == 1.0
    assert share.loc["document", "(none)"] == 0.5


def test_quantities_by_object_groups_money_by_currency():
    q = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b", "c", "c"],
            "text": ["12 dead", "15 deaths", "$3 million", "$5", "about 40"],
            "value": [12.0, 15.0, 3e6, 5.0, 40.0],
            "dimension": ["count", "count", "money", "money", "count"],
            "object": ["deaths", "Deaths ", None, "dollar", None],
            "currency": [None, None, "USD", "USD", None],
        }
    )
    table = views.quantities_by_object(q)
    assert table[["dimension", "object"]].values.tolist() == [
        ["count", "deaths"],
        ["money", "USD"],
    ]
    deaths = table.iloc[0]
    assert (deaths["mentions"], deaths["documents"], deaths["median"], deaths["largest"]) == (
        2,
        2,
        13.5,
        15.0,
    )
    assert table.iloc[1]["largest"] == 3e6
    assert views.quantities_by_object(q, dimensions=["money"])["object"].tolist() == ["USD"]
    assert views.quantities_by_object(q.iloc[0:0]).empty


def _analysis(dates: list[str]) -> dict[str, pd.DataFrame]:
    """Tables of a one-document analysis with one dated statement per value in ``dates``."""
    tx = pd.DataFrame(
        {
            "doc_id": "a",
            "timex_id": [f"a:t{i}" for i in range(len(dates))],
            "sent_id": 0,
            "start": [10 * i for i in range(len(dates))],
            "end": [10 * i + 5 for i in range(len(dates))],
            "text": dates,
            "type": "DATE",
            "value": dates,
            "granularity": "day",
        }
    )
    att = pd.DataFrame(
        {
            "doc_id": "a",
            "attribution_id": [f"a:a{i}" for i in range(len(dates))],
            "source_text": "Berg",
            "source_actor": "Anna Berg",
            "source_type": "named_person",
            "content": [f"statement {i}" for i in range(len(dates))],
            "said_on": list(tx["timex_id"]),
            "cue_start": list(tx["start"]),
        }
    )
    docs = pd.DataFrame({"doc_id": ["a"], "date": ["2019-06-01"], "title": ["T"], "text": ["x"]})
    return {"documents": docs, "timexes": tx, "attributions": att}


def test_statements_are_clipped_to_the_corpus_window():
    said = views.statements(_analysis(["2019-05-30", "1750-01-01", "2019-06-01"]))
    assert said["said"].tolist() == ["statement 0", "statement 2"]
    assert said["source"].unique().tolist() == ["Anna Berg"] and said["title"].iloc[0] == "T"
    assert said.attrs["left_out"] == 1 and said.attrs["window"][0] == "2018-05-31"
    everything = views.statements(_analysis(["2019-05-30", "1750-01-01"]), window=None)
    assert len(everything) == 2 and everything.attrs["left_out"] == 0


def test_figures_for_every_view_and_empty_tables():
    figures = [
        plots.heatmap(views.actors_by(MENTIONS, DOCS), title="t", xlabel="x", ylabel="y"),
        plots.heatmap(pd.DataFrame(), title="t", xlabel="x", ylabel="y"),
        plots.source_mix_over_time(views.source_mix_over_time(ATTRIBUTIONS, DOCS)),
        plots.source_mix_over_time(pd.DataFrame()),
        plots.stance_by_source_type(views.stance_by_source_type(ATTRIBUTIONS)),
        plots.stance_by_source_type(pd.DataFrame()),
        plots.quantity_objects(pd.DataFrame()),
        plots.statements(views.statements(_analysis(["2019-05-30", "2019-06-01"]))),
        plots.statements(pd.DataFrame()),
    ]
    assert all(isinstance(f, Figure) for f in figures)
    for fig in figures:
        assert plots.to_png(fig).startswith(b"\x89PNG")


def test_figures_draw_dollar_signs_in_corpus_labels():
    table = pd.DataFrame({"2019-01": [1], "documents": [1]}, index=[r"$\frac$ Corp"])
    png = plots.to_png(plots.heatmap(table, title="t", xlabel="x", ylabel="y"))
    assert png.startswith(b"\x89PNG")  # mathtext would have failed to parse


def test_accuracy_reads_the_benchmark_results(tmp_path):
    (tmp_path / "timex_bench.json").write_text(
        json.dumps(
            {
                "systems": {
                    "kit.timex": {
                        "docs": 10,
                        "gold_timexes": 99,
                        "relaxed_f1": 0.9,
                        "value_f1": 0.8,
                        "type_accuracy": 0.95,
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    text = accuracy("timeline", results=tmp_path)
    assert "F1 **0\\.90**" in text and "99 expressions" in text
    assert "timex_bench.json" in text
    missing = accuracy("sourcing", results=tmp_path)
    assert "No measured accuracy" in missing and "attribution_bench.py" in missing
    (tmp_path / "ner_bench.json").write_text("{not json", encoding="utf-8")
    assert "No measured accuracy" in accuracy("actors", results=tmp_path)
    with pytest.raises(ValueError, match="unknown topic"):
        accuracy("nothing")


def test_accuracy_of_the_repository_results():
    for topic in ("corpus", "actors", "quantities", "sourcing", "timeline"):
        assert "Read from" in accuracy(topic), topic


def test_wikinews_credit_names_the_licence():
    docs = pd.DataFrame({"doc_id": ["x"]})
    docs.attrs["licence"] = "Wikinews, CC BY 2.5; selection: github.com/<b>x</b>"
    text = wikinews_credit(docs)
    assert "[CC BY 2.5](https://creativecommons.org/licenses/by/2.5/)" in text
    assert "&lt;b&gt;" in text  # attrs are data: escaped
    html = wikinews_credit_html()
    assert 'href="https://creativecommons.org/licenses/by/2.5/"' in html
    page = index_html([], corpus="c", n_documents=3, when="2024-01-01", credit=html)
    assert 'id="credit"' in page


def test_plural():
    assert plural(0, "document") == "0 documents"
    assert plural(1, "is a bound", "are bounds") == "1 is a bound"
