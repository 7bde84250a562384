"""The corpus-level ``actors`` table: one row per actor, from the mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.tables import columns

TABLE = "mentions"
ACTOR_COLUMNS = columns("actors")


if TYPE_CHECKING:  # pragma: no cover
    pass

# ----------------------------------------------------------------- summarize --


def _mode_of(values: list) -> Any:
    """The most frequent non-missing value, the earliest on ties (``None`` if none)."""
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def summarize(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ``actors`` table: one row per ``actor_id`` with counts, aliases, title and role."""
    mentions = tables.get(TABLE)
    if mentions is None or mentions.empty:
        return {"actors": pd.DataFrame(columns=ACTOR_COLUMNS)}
    order = (
        {d: i for i, d in enumerate(documents["doc_id"].tolist())} if "doc_id" in documents else {}
    )
    m = mentions.assign(_doc_order=mentions["doc_id"].map(order).fillna(len(order)))
    m = m.sort_values(["_doc_order", "start", "end"], kind="stable")
    # One pass over plain lists (missing values as None) instead of a pandas loop per group.
    fields = ("actor_id", "actor", "actor_type", "country", "title", "role", "doc_id", "text")
    cols = {f: m[f].astype(object).where(m[f].notna(), None).tolist() for f in fields}
    groups: dict[Any, dict[str, list]] = {}
    for i, actor_id in enumerate(cols["actor_id"]):
        if actor_id is None:
            continue
        g = groups.get(actor_id)
        if g is None:
            g = groups[actor_id] = {f: [] for f in fields[1:]}
            g["n"] = [0]
        g["n"][0] += 1
        for f in fields[1:]:
            v = cols[f][i]
            if v is not None:
                g[f].append(v)
    rows = []
    for actor_id in sorted(groups):
        g = groups[actor_id]
        rows.append(
            {
                "actor_id": actor_id,
                "actor": _mode_of(g["actor"]),
                "actor_type": _mode_of(g["actor_type"]),
                "country": _mode_of(g["country"]),
                "title": _mode_of(g["title"]),
                "role": g["role"][0] if g["role"] else None,
                "n_mentions": g["n"][0],
                "n_docs": len(set(g["doc_id"])),
                "aliases": "; ".join(sorted(set(g["text"]))),
                "first_doc_id": g["doc_id"][0] if g["doc_id"] else None,
            }
        )
    actors = pd.DataFrame.from_records(rows, columns=ACTOR_COLUMNS)
    actors = actors.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable")
    return {"actors": actors.reset_index(drop=True)}
