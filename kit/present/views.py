"""Views over an analysis: the statement timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.extract.time import resolve as tr

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


def timeline(analysis: Any) -> pd.DataFrame:
    """One row per dated statement or event, sorted by date.

    ``kind`` is ``statement`` for attributions linked to a time expression
    (``said_on``) and ``event`` for the other resolved DATE/TIME expressions;
    ``date`` is the resolved day or the start of the period.

    >>> kit.present.views.timeline(result).head()          # doctest: +SKIP
    """
    import pandas as pd

    tables = analysis.tables() if hasattr(analysis, "tables") else dict(analysis)
    tx = tables.get("timexes")
    if tx is None or len(tx) == 0:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
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
