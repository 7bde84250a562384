"""Views over an analysis: tables researchers compare, and the statement timeline.

>>> tl = timeline(result)                      # doctest: +SKIP
>>> tl.attrs["left_out"], tl.attrs["window"]   # doctest: +SKIP
(3, ('2016-06-04', '2018-06-05'))
>>> display(timeline_note(tl))                 # doctest: +SKIP
>>> actors_by(result.mentions, result.documents, by="month")   # doctest: +SKIP

Every view is a pure function of the tables (DataFrames in, a DataFrame out):
:func:`actors_by` (actors per month or outlet), :func:`who_cites_whom` (sources per
outlet), :func:`source_mix_over_time` (named / anonymous / document shares per month),
:func:`stance_by_source_type`, :func:`quantities_by_object` ("how many deaths, injuries,
dollars") and :func:`statements` (who said what when, clipped to the corpus window).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kit.extract.time import resolve as tr
from kit.present.display import Finding, finding

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# ----------------------------------------------------------------- timeline --

TIMELINE_COLUMNS = [
    "doc_id",
    "date",
    "value",
    "granularity",
    "kind",
    "source",
    "text",
    "context",
    "start",
    "end",
    "timex_id",
    "attribution_id",
]


def _said_on_timex(att: dict, by_id: dict[str, dict]) -> dict | None:
    """The timex row an attribution's ``said_on`` points to.

    ``said_on`` may hold a ``timex_id`` or a TimeML value; for a value, the
    expression with that value nearest to the cue in the same document is used.
    """
    said = att.get("said_on")
    if not isinstance(said, str) or not said:
        return None
    if said in by_id:
        return by_id[said]
    cue = att.get("cue_start")
    cue = int(cue) if isinstance(cue, int | float) and cue == cue else 0
    same = [t for t in by_id.values() if t["doc_id"] == att.get("doc_id") and t["value"] == said]
    if not same:
        return None
    return min(same, key=lambda t: (abs(int(t["start"]) - cue), t["start"]))


#: Days before the first and after the last dateline that the timeline keeps by default.
MARGIN_DAYS = 366
#: About how long each granularity lasts: a period is kept when it overlaps the window.
_PERIOD_DAYS = {
    "week": 7,
    "month": 31,
    "season": 92,
    "quarter": 92,
    "half": 183,
    "year": 366,
    "decade": 3653,
    "century": 36525,
}


def _days(n: float) -> Any:
    import pandas as pd

    return pd.Timedelta(days=float(n))


def corpus_window(documents: Any, margin_days: int = MARGIN_DAYS) -> tuple[Any, Any] | None:
    """``(first, last)`` dateline of the corpus widened by ``margin_days`` (``None``: no dates).

    >>> import pandas as pd
    >>> corpus_window(pd.DataFrame({"date": ["2017-06-04", "2017-06-10"]}), 1)
    (Timestamp('2017-06-03 00:00:00'), Timestamp('2017-06-11 00:00:00'))
    """
    import pandas as pd

    if documents is None or "date" not in getattr(documents, "columns", ()):
        return None
    dates = pd.to_datetime(documents["date"], errors="coerce", utc=True).dropna()
    if dates.empty:
        return None
    margin = pd.Timedelta(days=margin_days)
    first = dates.min().tz_localize(None).normalize()
    last = dates.max().tz_localize(None).normalize()
    return first - margin, last + margin


def timeline(
    analysis: Any,
    *,
    window: str | tuple[Any, Any] | None = "corpus",
    margin_days: int = MARGIN_DAYS,
) -> pd.DataFrame:
    """One row per dated statement or event, sorted by date, within the corpus window.

    ``kind`` is ``statement`` for attributions linked to a time expression
    (``said_on``) and ``event`` for the other resolved DATE/TIME expressions;
    ``date`` is the resolved day or the start of the period.

    ``window="corpus"`` (the default) keeps dates (and periods overlapping)
    from ``margin_days`` before the first dateline to ``margin_days`` after the
    last, so a misread "1750" does not stretch the axis over centuries; ``(start, end)`` sets the window,
    ``None`` keeps everything. What was left out is in ``.attrs``:
    ``left_out`` (how many), ``left_out_rows`` (those rows) and ``window``;
    :func:`timeline_note` says it in words.

    >>> kit.present.views.timeline(result).head()          # doctest: +SKIP
    >>> kit.present.views.timeline(result, window=None)    # doctest: +SKIP
    """
    import pandas as pd

    full = _timeline_rows(analysis)
    tables = analysis.tables() if hasattr(analysis, "tables") else dict(analysis)
    bounds = None
    if isinstance(window, str):
        if window != "corpus":
            raise ValueError(f"window must be 'corpus', (start, end) or None, not {window!r}")
        bounds = corpus_window(tables.get("documents"), margin_days)
    elif window is not None:
        bounds = (pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    if bounds is None:
        out, left = full, full.iloc[0:0]
    else:
        ends = full["date"] + full["granularity"].map(_PERIOD_DAYS).fillna(0).map(_days)
        inside = (full["date"] <= bounds[1]) & (ends >= bounds[0])
        out, left = full[inside].reset_index(drop=True), full[~inside].reset_index(drop=True)
    out.attrs = {
        "window": None if bounds is None else tuple(b.date().isoformat() for b in bounds),
        "left_out": len(left),
        "left_out_rows": left,
    }
    return out


def timeline_note(tl: pd.DataFrame, *, examples: int = 3) -> Finding:
    r"""A sentence saying which window the timeline shows and what it leaves out (escaped).

    >>> import pandas as pd
    >>> tl = pd.DataFrame(columns=["date", "text"])
    >>> tl.attrs = {"window": ("2016-06-03", "2018-06-05"), "left_out": 0,
    ...             "left_out_rows": tl}
    >>> print(timeline_note(tl))
    The timeline shows dates from 2016\-06\-03 to 2018\-06\-05 (a year either side of the datelines); no time expression falls outside.
    """
    window = tl.attrs.get("window")
    if not window:
        return finding("The timeline shows every resolved date ({n:,} rows).", n=len(tl))
    text = finding(
        "The timeline shows dates from {a} to {b} (a year either side of the datelines); ",
        a=window[0],
        b=window[1],
    )
    left = tl.attrs.get("left_out_rows")
    n = int(tl.attrs.get("left_out", 0))
    if not n:
        return text + finding("no time expression falls outside.")
    shown = finding(", ").join(
        finding("*{t}* → {v}", t=r["text"], v=r["value"])
        for r in left.head(examples).to_dict("records")
    )
    return text + finding(
        "**{n:,} dated {rows} outside it {are} left out** (e.g. {shown}); "
        "`timeline(result, window=None)` shows them.",
        n=n,
        rows="expression" if n == 1 else "expressions",
        are="is" if n == 1 else "are",
        shown=shown,
    )


def _timeline_rows(analysis: Any) -> pd.DataFrame:
    """Every dated statement and event, unclipped (see :func:`timeline`)."""
    import pandas as pd

    tables = analysis.tables() if hasattr(analysis, "tables") else dict(analysis)
    tx = tables.get("timexes")
    if tx is None or len(tx) == 0:
        out = pd.DataFrame(columns=TIMELINE_COLUMNS)
        out["date"] = pd.to_datetime(out["date"])
        return out
    tx = tx[tx["type"].isin(["DATE", "TIME"])]
    by_id = {r["timex_id"]: r for r in tx.to_dict("records")}
    rows: list[dict] = []
    used: set[str] = set()
    att = tables.get("attributions")
    if att is not None and len(att) and "said_on" in att.columns:
        for a in att.to_dict("records"):
            t = _said_on_timex(a, by_id)
            if t is None:
                continue
            tid = t["timex_id"]
            used.add(tid)
            source = a.get("source_actor")
            if not isinstance(source, str) or not source:
                source = a.get("source_text") if isinstance(a.get("source_text"), str) else None
            rows.append(
                {
                    "doc_id": t["doc_id"],
                    "date": tr.period_start(t["value"]),
                    "value": t["value"],
                    "granularity": t["granularity"],
                    "kind": "statement",
                    "source": source,
                    "text": t["text"],
                    "context": a.get("content") if isinstance(a.get("content"), str) else None,
                    "start": t["start"],
                    "end": t["end"],
                    "timex_id": tid,
                    "attribution_id": a.get("attribution_id"),
                }
            )
    sents = tables.get("sentences")
    sent_text: dict[tuple, str] = {}
    if sents is not None and len(sents):
        sent_text = {(r["doc_id"], r["sent_id"]): r["text"] for r in sents.to_dict("records")}
    for t in by_id.values():
        if t["timex_id"] in used:
            continue
        rows.append(
            {
                "doc_id": t["doc_id"],
                "date": tr.period_start(t["value"]),
                "value": t["value"],
                "granularity": t["granularity"],
                "kind": "event",
                "source": None,
                "text": t["text"],
                "context": sent_text.get((t["doc_id"], t["sent_id"])),
                "start": t["start"],
                "end": t["end"],
                "timex_id": t["timex_id"],
                "attribution_id": None,
            }
        )
    out = pd.DataFrame.from_records(rows, columns=TIMELINE_COLUMNS)
    out = out[out["date"].notna()]
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["date", "doc_id", "start", "kind"], kind="stable").reset_index(
        drop=True
    )


# ------------------------------------------------------------ corpus views --

#: The ``documents`` columns a view can group by, besides a documents column itself.
PERIODS = {"month": "M", "year": "Y", "week": "W"}

#: ``source_type`` -> the class researchers compare: named, anonymous, document, unresolved.
SOURCE_CLASS = {
    "named_person": "named",
    "named_organisation": "named",
    "media": "named",
    "anonymous": "anonymous",
    "document": "document",
    "social_media": "document",
    "pronoun": "unresolved",
}
SOURCE_CLASSES = ("named", "anonymous", "document", "unresolved", "other")


def source_class(source_type: Any) -> str:
    """The comparison class of a ``source_type`` (``other`` for anything unlisted).

    >>> [source_class(t) for t in ("named_person", "media", "social_media", "pronoun", None)]
    ['named', 'named', 'document', 'unresolved', 'other']
    """
    return SOURCE_CLASS.get(source_type, "other") if isinstance(source_type, str) else "other"


def document_groups(documents: pd.DataFrame, by: str) -> pd.Series:
    """The group of each document (indexed by ``doc_id``): a period of its date or a column.

    ``by`` is ``"month"``, ``"year"``, ``"week"`` or a documents column (``"source"``: the
    outlet). Missing values become ``"(unknown)"``; periods print as ``2019-03``.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2019-03-02", None]})
    >>> document_groups(docs, "month").tolist()
    ['2019-03', '(unknown)']
    """
    import pandas as pd

    ids = documents["doc_id"].astype(str)
    if by in PERIODS:
        dates = pd.to_datetime(documents["date"], errors="coerce", utc=True).dt.tz_localize(None)
        groups = dates.dt.to_period(PERIODS[by]).astype(str).where(dates.notna(), "(unknown)")
    elif by in documents.columns:
        groups = documents[by].astype("string").fillna("(unknown)")
        groups = groups.where(groups.str.strip() != "", "(unknown)").astype(str)
    else:
        raise ValueError(f"by must be one of {sorted(PERIODS)} or a documents column, not {by!r}")
    return pd.Series(groups.to_numpy(), index=ids.to_numpy(), name=by)


def _order_columns(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Periods in time order ("(unknown)" last), other groups largest first."""
    cols = list(table.columns)
    if by in PERIODS:
        cols = sorted(c for c in cols if c != "(unknown)") + [c for c in cols if c == "(unknown)"]
    else:
        cols = list(table.sum().sort_index().sort_values(ascending=False, kind="stable").index)
    return table[cols]


def actors_by(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str = "month",
    top: int = 15,
) -> pd.DataFrame:
    """How many documents of each group mention each of the ``top`` actors.

    Rows: actors, most documents first; columns: the groups (months in order, or outlets
    largest first), then ``documents`` (the actor's total). ``by`` as in
    :func:`document_groups`.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                      "date": ["2019-01-05", "2019-01-20", "2019-02-01"]})
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "actor": ["UN", "UN", "UN", "Iran"]})
    >>> actors_by(m, docs, by="month")  # doctest: +NORMALIZE_WHITESPACE
    month  2019-01  2019-02  documents
    actor
    UN           2        0          2
    Iran         0        1          1
    """
    import pandas as pd

    if mentions is None or len(mentions) == 0 or "actor" not in mentions:
        return pd.DataFrame(columns=["documents"]).rename_axis(index="actor", columns=by)
    groups = document_groups(documents, by)
    m = mentions.dropna(subset=["actor"])[["doc_id", "actor"]].astype(str).drop_duplicates()
    m = m.assign(group=m["doc_id"].map(groups).fillna("(unknown)"))
    totals = m.groupby("actor").size()
    order = totals.sort_index().sort_values(ascending=False, kind="stable").head(top).index
    table = pd.crosstab(m["actor"], m["group"]).reindex(order).fillna(0).astype(int)
    table = _order_columns(table, by)
    table.columns.name = by
    table["documents"] = totals.reindex(order).astype(int)
    return table


def quoted_sources(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions with a source someone can be named for, with a ``source`` column.

    Left out: unresolved pronouns (``source_type == "pronoun"``) and relations without a
    source. ``source`` is the resolved actor, else the source as written;
    ``source_class`` is :func:`source_class` of the type.
    """
    if attributions is None or len(attributions) == 0:
        import pandas as pd

        return pd.DataFrame(columns=["doc_id", "source", "source_type", "source_class"])
    a = attributions[attributions["source_type"].ne("pronoun")]
    actor = a["source_actor"] if "source_actor" in a else a["source_text"]
    a = a.assign(
        source=actor.where(actor.notna() & actor.astype(str).ne(""), a["source_text"]),
        source_class=a["source_type"].map(source_class),
    )
    return a[a["source"].notna() & a["source"].astype(str).str.strip().ne("")]


def who_cites_whom(
    attributions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str = "source",
    top: int = 20,
) -> pd.DataFrame:
    """Statements per source (rows) and outlet or period (columns), most quoted first.

    Sources as in :func:`quoted_sources` (unresolved pronouns left out); columns as
    in :func:`actors_by`, then ``source_type`` (the most frequent type of that source) and
    ``statements`` (its total).

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["Herald", "Times"]})
    >>> att = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
    ...     "source_text": ["she", "officials", "Berg", "he"],
    ...     "source_actor": ["Anna Berg", None, "Anna Berg", None],
    ...     "source_type": ["named_person", "anonymous", "named_person", "pronoun"]})
    >>> who_cites_whom(att, docs)  # doctest: +NORMALIZE_WHITESPACE
    source     Herald  Times   source_type  statements
    source
    Anna Berg       1      1  named_person           2
    officials       1      0     anonymous           1
    """
    import pandas as pd

    q = quoted_sources(attributions)
    if q.empty:
        return pd.DataFrame(columns=["source_type", "statements"]).rename_axis(index="source")
    groups = document_groups(documents, by)
    q = q.assign(
        group=q["doc_id"].astype(str).map(groups).fillna("(unknown)"),
        source=q["source"].astype(str),
    )
    totals = q.groupby("source").size()
    order = totals.sort_index().sort_values(ascending=False, kind="stable").head(top).index
    table = pd.crosstab(q["source"], q["group"]).reindex(order).fillna(0).astype(int)
    table = _order_columns(table, by)
    table.columns.name = by
    kinds = q.groupby("source")["source_type"].agg(
        lambda s: s.value_counts().sort_index().idxmax() if s.notna().any() else None
    )
    table["source_type"] = kinds.reindex(order)
    table["statements"] = totals.reindex(order).astype(int)
    return table


def source_mix_over_time(
    attributions: pd.DataFrame, documents: pd.DataFrame, *, by: str = "month"
) -> pd.DataFrame:
    """Per month (or ``by``): statements and the share of each source class.

    Columns: ``statements``, then the share (0–1) of ``named``, ``anonymous``,
    ``document``, ``unresolved`` (pronouns nobody was found for) and ``other``.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2019-01-05", "2019-02-01"]})
    >>> att = pd.DataFrame({"doc_id": ["a", "a", "b"],
    ...     "source_type": ["named_person", "anonymous", "document"]})
    >>> source_mix_over_time(att, docs)[["statements", "named", "anonymous", "document"]]  # doctest: +NORMALIZE_WHITESPACE
             statements  named  anonymous  document
    month
    2019-01           2    0.5        0.5       0.0
    2019-02           1    0.0        0.0       1.0
    """
    import pandas as pd

    cols = ["statements", *SOURCE_CLASSES]
    if attributions is None or len(attributions) == 0:
        return pd.DataFrame(columns=cols).rename_axis(index=by)
    groups = document_groups(documents, by)
    a = pd.DataFrame(
        {
            "group": attributions["doc_id"].astype(str).map(groups).fillna("(unknown)"),
            "cls": attributions["source_type"].map(source_class),
        }
    )
    counts = pd.crosstab(a["group"], a["cls"]).reindex(columns=list(SOURCE_CLASSES), fill_value=0)
    share = counts.div(counts.sum(axis=1), axis=0)
    share.insert(0, "statements", counts.sum(axis=1))
    share = share.loc[_order_columns(share.T, by).columns] if by in PERIODS else share
    share.index.name, share.columns.name = by, None
    return share


def stance_by_source_type(attributions: pd.DataFrame, *, share: bool = False) -> pd.DataFrame:
    """Statements per source class (rows) and cue stance (columns), plus ``statements``.

    ``share=True`` gives each row's stances as shares (0–1) instead of counts.

    >>> import pandas as pd
    >>> att = pd.DataFrame({"source_type": ["anonymous", "anonymous", "named_person"],
    ...                     "stance": ["neutral", "distancing", "neutral"]})
    >>> stance_by_source_type(att)  # doctest: +NORMALIZE_WHITESPACE
    stance     distancing  neutral  statements
    source
    named               0        1           1
    anonymous           1        1           2
    """
    import pandas as pd

    if attributions is None or len(attributions) == 0 or "stance" not in attributions:
        return pd.DataFrame(columns=["statements"]).rename_axis(index="source")
    a = pd.DataFrame(
        {
            "source": attributions["source_type"].map(source_class),
            "stance": attributions["stance"].fillna("(none)").astype(str),
        }
    )
    table = pd.crosstab(a["source"], a["stance"])
    table = table.reindex([c for c in SOURCE_CLASSES if c in table.index])
    totals = table.sum(axis=1)
    if share:
        table = table.div(totals, axis=0)
    table["statements"] = totals
    return table


def quantities_by_object(
    quantities: pd.DataFrame, *, top: int = 25, dimensions: Sequence[str] | None = None
) -> pd.DataFrame:
    """How many of what: per dimension and counted object (or currency), the amounts reported.

    One row per (``dimension``, ``object``) with ``mentions``, ``documents``, ``median``,
    ``largest`` (of ``value``, or of ``si_value`` for money: the amount in its currency)
    and an ``example`` as written. Money is grouped by currency ("dollars"), counts by
    the counted noun ("deaths", "people"); objects are lower-cased. Largest groups first.
    The same toll reported in several articles is one amount many times: read
    ``median``/``largest``, never a sum.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a", "b", "b"], "text": ["12 dead", "15 deaths", "$3m"],
    ...     "value": [12.0, 15.0, 3e6], "dimension": ["count", "count", "money"],
    ...     "object": ["deaths", "Deaths", None], "currency": [None, None, "USD"]})
    >>> quantities_by_object(q)[["dimension", "object", "mentions", "documents", "largest"]]
      dimension  object  mentions  documents    largest
    0     count  deaths         2          2       15.0
    1     money     USD         1          1  3000000.0
    """
    import pandas as pd

    cols = ["dimension", "object", "mentions", "documents", "median", "largest", "example"]
    if quantities is None or len(quantities) == 0 or "value" not in quantities:
        return pd.DataFrame(columns=cols)
    q = quantities.assign(_v=pd.to_numeric(quantities["value"], errors="coerce"))
    dim = q["dimension"].fillna("count").astype(str) if "dimension" in q else "count"
    obj = q["object"].astype("string").str.strip().str.lower() if "object" in q else None
    if "currency" in q:
        money = q["currency"].astype("string")
        obj = money.where(money.notna() & money.ne(""), obj)
    q = q.assign(_dim=dim, _obj=obj)
    q = q[q["_v"].notna() & q["_obj"].notna() & q["_obj"].ne("")]
    if dimensions is not None:
        q = q[q["_dim"].isin(list(dimensions))]
    if q.empty:
        return pd.DataFrame(columns=cols)
    grouped = q.groupby(["_dim", "_obj"], sort=True)
    out = pd.DataFrame(
        {
            "mentions": grouped.size(),
            "documents": grouped["doc_id"].nunique(),
            "median": grouped["_v"].median(),
            "largest": grouped["_v"].max(),
            "example": grouped["text"].first(),
        }
    ).reset_index(names=["dimension", "object"])
    out = out.sort_values(["mentions", "documents"], ascending=False, kind="stable")
    return out.head(top).reset_index(drop=True)[cols]


def statements(
    analysis: Any, *, window: str | tuple[Any, Any] | None = "corpus", top: int | None = None
) -> pd.DataFrame:
    """Who said what when: the dated statements of :func:`timeline`, clipped the same way.

    Columns: ``date``, ``source``, ``said`` (the content), ``doc_id``, ``title`` and the
    time expression (``text``, ``value``). ``top`` keeps the statements of the ``top``
    most quoted sources. ``.attrs`` carries ``window`` and ``left_out`` (statements only).

    >>> statements(result).head()   # doctest: +SKIP
    """
    import pandas as pd

    tl = timeline(analysis, window=window)
    cols = ["date", "source", "said", "doc_id", "title", "text", "value", "attribution_id"]
    rows = tl[tl["kind"] == "statement"].rename(columns={"context": "said"})
    left = tl.attrs.get("left_out_rows")
    left = left[left["kind"] == "statement"] if left is not None and len(left) else tl.iloc[0:0]
    tables = analysis.tables() if hasattr(analysis, "tables") else dict(analysis)
    docs = tables.get("documents")
    titles = (
        docs.set_index(docs["doc_id"].astype(str))["title"]
        if docs is not None and "title" in docs
        else pd.Series(dtype=object)
    )
    rows = rows.assign(title=rows["doc_id"].astype(str).map(titles))
    if top is not None and len(rows):
        keep = rows["source"].value_counts().sort_index().sort_values(ascending=False)
        rows = rows[rows["source"].isin(keep.head(top).index)]
    out = rows[cols].reset_index(drop=True)
    out.attrs = {"window": tl.attrs.get("window"), "left_out": len(left), "left_out_rows": left}
    return out
