"""The corpus-level ``actors`` table: one row per actor, from the mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.extract.actors.aliases import slugify
from kit.extract.actors.people import PROVISIONAL, link_surnames_in_corpus
from kit.tables import columns

TABLE = "mentions"
ACTOR_COLUMNS = columns("actors")
ALIAS_COLUMNS = columns("actor_aliases")


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


def link_in_corpus(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Surnames no full name in their document explains: the corpus's dominant bearer.

    Updates ``mentions`` (``resolution`` becomes ``surname in corpus``) and the source
    actors of ``attributions``; a surname nobody in the corpus bears gets a plain id.
    """
    mentions = tables[TABLE]
    provisional = mentions["actor_id"].astype(str).str.startswith(PROVISIONAL)
    if not provisional.any():
        return {}
    links = link_surnames_in_corpus(
        mentions[["actor_id", "actor", "resolution", "actor_type", "doc_id"]].to_dict("records")
    )

    def final(aid: str, word: str) -> tuple[str, str, str, str | None]:
        if aid in links:
            actor_id, actor = links[aid]
            why = f"{actor} (most-cited bearer of the surname in the corpus)"
            return actor_id, actor, "surname in corpus", why
        return slugify(word), word, "surname only", None

    out = {TABLE: _relink(mentions, "actor_id", "actor", final, ("resolution", "resolved_from"))}
    att = tables.get("attributions")
    if att is not None and not att.empty:
        out["attributions"] = _relink(att, "source_actor_id", "source_actor", final, ())
    return out


def _relink(
    df: pd.DataFrame, id_col: str, name_col: str, final, extra: tuple[str, ...]
) -> pd.DataFrame:
    """A copy of ``df`` with provisional ids in ``id_col`` replaced by ``final(id, name)``.

    ``final`` returns ``(actor_id, actor, *extra values)``; ``extra`` names the columns the
    extra values go to.
    """
    rows = df.index[df[id_col].astype(str).str.startswith(PROVISIONAL)]
    if not len(rows):
        return df
    done = [final(a, w) for a, w in zip(df.loc[rows, id_col], df.loc[rows, name_col])]
    out = df.copy()
    for k, col in enumerate((id_col, name_col, *extra)):
        out[col] = out[col].astype(object)
        out.loc[rows, col] = [d[k] for d in done]
    return out


def actor_aliases(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor, written form): how often and in how many documents."""
    if mentions.empty:
        return pd.DataFrame(columns=ALIAS_COLUMNS)
    m = mentions[mentions["actor_id"].notna()]
    g = m.groupby(["actor_id", "text"], sort=True)
    out = (
        pd.DataFrame({"n_mentions": g.size(), "n_docs": g["doc_id"].nunique()})
        .reset_index()
        .rename(columns={"text": "alias"})
    )
    out = out.sort_values(
        ["actor_id", "n_mentions", "alias"], ascending=[True, False, True], kind="stable"
    )
    return out[ALIAS_COLUMNS].reset_index(drop=True)


def summarize(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``actors`` (one row per actor) and ``actor_aliases``, after linking surnames corpus-wide."""
    mentions = tables.get(TABLE)
    if mentions is None or mentions.empty:
        return {
            "actors": pd.DataFrame(columns=ACTOR_COLUMNS),
            "actor_aliases": pd.DataFrame(columns=ALIAS_COLUMNS),
        }
    linked = link_in_corpus(tables)
    mentions = linked.get(TABLE, mentions)
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
    return {
        **linked,
        "actors": actors.reset_index(drop=True),
        "actor_aliases": actor_aliases(mentions),
    }
