"""Views over an analysis: the statement timeline.

>>> tl = timeline(result)                      # doctest: +SKIP
>>> tl.attrs["left_out"], tl.attrs["window"]   # doctest: +SKIP
(3, ('2016-06-04', '2018-06-05'))
>>> display(timeline_note(tl))                 # doctest: +SKIP
"""

from __future__ import annotations

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
