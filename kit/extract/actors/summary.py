"""The corpus-level ``actors`` table: one row per actor, from the mentions."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.extract.actors.aliases import ACTOR_TYPES, TYPE_LABEL, norm_key, slugify
from kit.extract.actors.people import (
    CURATED_BEARER,
    PROVISIONAL,
    link_surnames_in_corpus,
    surname_key,
)
from kit.extract.actors.roles import office_key
from kit.lexicons.people import NAME_SUFFIXES, PROSPECTIVE_WORDS
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


#: How many documents, and how many times the documents of the bearer the document itself
#: points to, the corpus's dominant bearer of a surname needs before it takes a bare surname.
DOMINANT_MIN_DOCS = 10
DOMINANT_RATIO = 5


def dominant_bearers(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Bare surnames in a document naming several bearers: the corpus's dominant one.

    A one-word, untitled "Scott" that the document step gave to one of several people named
    "Scott" in full there goes to the one the corpus names in full in most documents, when
    that prior is strong (:data:`DOMINANT_MIN_DOCS`, :data:`DOMINANT_RATIO`; the curated
    bearer, when the document step chose it, stays). Updates ``mentions`` and the
    ``attributions`` whose source is a moved mention.
    """
    mentions = tables[TABLE]
    bare = (
        (mentions["resolution"] == "surname in document")
        & mentions["title"].isna()
        & ~mentions["text"].astype(str).str.contains(r"\s")
        & ~mentions["resolved_from"].astype(str).str.contains(CURATED_BEARER, regex=False)
    )
    if not bare.any():
        return {}
    full = mentions[
        mentions["resolution"].isin(["exact", "full name", "alias table"])
        & (mentions["actor_type"] == "person")
        & mentions["text"].astype(str).str.contains(r"\s")
    ]
    docs: dict[str, set] = {}
    names: dict[str, str] = {}
    in_doc: dict[tuple[str, str], Counter] = {}
    # the people a document's first sentence (its headline) names in full: what it is about
    headline: set[tuple[str, str]] = set()
    if "sent_id" in mentions:
        first = mentions.groupby("doc_id")["sent_id"].transform("min")
        in_first = full[full["sent_id"] == first.loc[full.index]]
        headline = set(zip(in_first["doc_id"], in_first["actor_id"], strict=True))
    for doc_id, aid, actor in zip(full["doc_id"], full["actor_id"], full["actor"]):
        words = [w for w in str(actor).split() if norm_key(w) not in NAME_SUFFIXES]
        if len(words) < 2:
            continue
        key = surname_key(words[-1])
        docs.setdefault(aid, set()).add(doc_id)
        names[aid] = actor
        in_doc.setdefault((doc_id, key), Counter())[aid] += 1
    new: dict[int, tuple[str, str]] = {}
    for i, doc_id, text, aid in zip(
        mentions.index[bare],
        mentions.loc[bare, "doc_id"],
        mentions.loc[bare, "text"],
        mentions.loc[bare, "actor_id"],
    ):
        named = in_doc.get((doc_id, surname_key(str(text))))
        if not named or len(named) < 2:
            continue
        if (doc_id, aid) in headline and all(
            (doc_id, other) not in headline for other in named if other != aid
        ):
            continue  # "Bill Clinton Calls Obamacare 'Crazy'": his document, his "Clinton"
        best = max(sorted(named), key=lambda a: (len(docs[a]), named[a]))
        # only a strong corpus prior overrides the document's own evidence: "Trump" next
        # to "Ivanka Trump" is Donald Trump (named in 60 documents), but "Johnson" next to
        # "Jeh Johnson" stays Jeh although Gary Johnson is named in a few more documents
        local = len(docs.get(aid, ()))
        strong = len(docs[best]) >= DOMINANT_MIN_DOCS and len(docs[best]) >= DOMINANT_RATIO * local
        if best != aid and strong:
            new[i] = (best, names[best])
    why = {
        i: f"{new[i][1]} (most-cited bearer of the surname in the corpus, named here)" for i in new
    }
    return _moved_to_corpus_bearers(tables, new, why)


def titled_bearers(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Titled surnames ("President Clinton") whose title belongs to another bearer.

    A surname with an office title that the document step gave to a person never written
    with that office in the corpus goes to the one other bearer of the surname who is
    ("Former President Bill Clinton" elsewhere), marked ``surname in corpus``. Updates
    ``mentions`` and the ``attributions`` whose source is a moved mention.
    """
    mentions = tables[TABLE]
    titled = mentions["resolution"].isin(["surname in document", "surname in corpus"]) & (
        mentions["title"].notna()
    )
    if not titled.any():
        return {}
    full = mentions[
        mentions["resolution"].isin(["exact", "full name", "alias table"])
        & (mentions["actor_type"] == "person")
        & mentions["text"].astype(str).str.contains(r"\s")
    ]
    names: dict[str, str] = dict(zip(full["actor_id"], full["actor"]))
    offices: dict[str, set[str]] = {}
    for aid, title in zip(full["actor_id"], full["title"]):
        office = office_key(title) if isinstance(title, str) else None
        if office:
            offices.setdefault(aid, set()).add(office)
    holders: dict[tuple[str, str], set[str]] = {}  # (surname, office) -> actor ids
    for aid, held in offices.items():
        words = [w for w in str(names[aid]).split() if norm_key(w) not in NAME_SUFFIXES]
        for office in held:
            holders.setdefault((surname_key(words[-1]), office), set()).add(aid)
    new: dict[int, tuple[str, str]] = {}
    why: dict[int, str] = {}
    ahead = _prospective_sentences(tables.get("sentences"), mentions[titled])
    for i, text, aid, title, doc_id, sent_id in zip(
        mentions.index[titled],
        mentions.loc[titled, "text"],
        mentions.loc[titled, "actor_id"],
        mentions.loc[titled, "title"],
        mentions.loc[titled, "doc_id"],
        mentions.loc[titled, "sent_id"],
    ):
        office = office_key(str(title))
        if not office or office in offices.get(aid, ()) or (doc_id, sent_id) in ahead:
            continue
        others = holders.get((surname_key(str(text).split()[-1]), office), set()) - {aid}
        if len(others) == 1:
            best = next(iter(others))
            new[i] = (best, names[best])
            why[i] = f"{names[best]} (the bearer of the surname titled {title} in the corpus)"
    return _moved_to_corpus_bearers(tables, new, why)


def _prospective_sentences(
    sentences: pd.DataFrame | None, titled: pd.DataFrame
) -> set[tuple[str, int]]:
    """``(doc_id, sent_id)`` of the ``titled`` mentions' sentences that look ahead or wish
    (``PROSPECTIVE_WORDS``): a title there names no office held ('I hope America says,
    "President Clinton"')."""
    if sentences is None or sentences.empty:
        return set()
    wanted = set(zip(titled["doc_id"], titled["sent_id"]))
    keys = pd.Series(list(zip(sentences["doc_id"], sentences["sent_id"])), index=sentences.index)
    sentences = sentences[keys.isin(wanted)]
    words = sentences["text"].astype(str).str.lower().str.findall(r"[a-z']+")
    hit = words.map(lambda ws: not PROSPECTIVE_WORDS.isdisjoint(ws))
    return set(zip(sentences.loc[hit, "doc_id"], sentences.loc[hit, "sent_id"]))


def _moved_to_corpus_bearers(
    tables: dict[str, pd.DataFrame], new: dict[int, tuple[str, str]], why: dict[int, str]
) -> dict[str, pd.DataFrame]:
    """``mentions`` rows ``new`` (index -> actor id and name) relinked as ``surname in corpus``
    with their ``resolved_from``, and the ``attributions`` whose source is a moved mention."""
    if not new:
        return {}
    mentions = tables[TABLE]
    out = mentions.copy()
    rows = list(new)
    out.loc[rows, "actor_id"] = [new[i][0] for i in rows]
    out.loc[rows, "actor"] = [new[i][1] for i in rows]
    out.loc[rows, "resolution"] = "surname in corpus"
    out.loc[rows, "resolved_from"] = [why[i] for i in rows]
    result = {TABLE: out}
    att = tables.get("attributions")
    if att is not None and not att.empty:
        moved = {
            (mentions.at[i, "doc_id"], mentions.at[i, "start"], mentions.at[i, "end"]): new[i]
            for i in rows
        }
        result["attributions"] = _move_sources(att, moved)
    return result


def _move_sources(att: pd.DataFrame, moved: dict[tuple, tuple[str, str]]) -> pd.DataFrame:
    """Attributions whose source (or its antecedent) is a moved mention follow it."""
    out = att.copy()
    for col in ("source_actor_id", "source_actor"):
        out[col] = out[col].astype(object)
    for i, row in zip(att.index, att.itertuples(index=False)):
        for s, e in (
            (row.source_start, row.source_end),
            (row.antecedent_start, row.antecedent_end),
        ):
            hit = moved.get((row.doc_id, s, e))
            if hit is not None:
                out.at[i, "source_actor_id"], out.at[i, "source_actor"] = hit
                break
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


def majority_types(mentions: pd.DataFrame) -> pd.DataFrame:
    """One type per actor across the corpus: the type most of its mentions carry.

    Ties go to the earlier type of :data:`~kit.extract.actors.aliases.ACTOR_TYPES` (places
    last). Mentions whose type changes get the matching label (demonyms stay ``NORP``).

    >>> m = pd.DataFrame({"actor_id": ["twitter"] * 3, "actor_type": ["place", "organisation",
    ...                   "organisation"], "label": ["GPE", "ORG", "ORG"]})
    >>> majority_types(m)[["actor_type", "label"]].values.tolist()[0]
    ['organisation', 'ORG']
    """
    if mentions.empty or "actor_type" not in mentions:
        return mentions
    known = mentions[mentions["actor_id"].notna() & mentions["actor_type"].notna()]
    counts = known.groupby(["actor_id", "actor_type"], sort=True).size()
    rank = {t: i for i, t in enumerate(ACTOR_TYPES)}
    best: dict[str, tuple] = {}
    for (actor_id, atype), n in counts.items():
        score = (n, -rank.get(atype, len(rank)), atype)
        if actor_id not in best or score > best[actor_id]:
            best[actor_id] = score
    want = mentions["actor_id"].map({a: sc[2] for a, sc in best.items()})
    change = want.notna() & (want != mentions["actor_type"])
    if not change.any():
        return mentions
    out = mentions.copy()
    out.loc[change, "actor_type"] = want[change]
    relabel = change & (out["label"] != "NORP")
    out.loc[relabel, "label"] = out.loc[relabel, "actor_type"].map(TYPE_LABEL)
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
    linked.update(dominant_bearers({**tables, **linked}))
    linked.update(titled_bearers({**tables, **linked}))
    mentions = majority_types(linked.get(TABLE, mentions))
    linked = {**linked, TABLE: mentions}
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
