"""Country totals: each mention counted for the state it stands for.

The actors table keeps a government, its military, its ministries and its capital apart from
the state ("White House" is the American government, linked to the United States with
``relation = government_of``; "the Pentagon" is part of it). A researcher who wants
country totals rolls them up with :func:`roll_up_to_states`:

>>> import pandas as pd
>>> m = pd.DataFrame({
...     "actor_id": ["united-states", "united-states-government", "irs", "moscow", "jane-doe"],
...     "actor": ["United States", "American government", "IRS", "Moscow", "Jane Doe"],
...     "actor_type": ["state", "organisation", "organisation", "place", "person"],
...     "linked_actor_id": [None, "united-states", "united-states", "russia", None],
...     "relation": [None, "government_of", "part_of", "capital_of", None],
... })
>>> roll_up_to_states(m)[["actor", "state_id", "rolled_up_by"]].values.tolist()
[['United States', 'united-states', 'state'], ['American government', 'united-states', 'government_of'], ['IRS', 'united-states', 'part_of'], ['Moscow', None, None], ['Jane Doe', None, None]]
"""

from __future__ import annotations

import pandas as pd

#: The links that make an actor count for a state by default; add "capital_of" to count a
#: capital named as a place ("in Moscow") for its state too.
STATE_RELATIONS = ("government_of", "part_of")


def roll_up_to_states(
    mentions: pd.DataFrame, relations: tuple[str, ...] = STATE_RELATIONS
) -> pd.DataFrame:
    """``mentions`` with ``state_id``, ``state`` and ``rolled_up_by`` (how) added.

    A state mention is its own state; a mention whose actor is linked to a state by one of
    ``relations`` counts for that state; everything else (people, places, other
    organisations) gets no state. Then ``out.groupby("state").size()`` gives country totals.
    """
    out = mentions.copy()
    names = _state_names(mentions)
    parents = _parents(mentions)
    state_id: list[str | None] = []
    how: list[str | None] = []
    for aid, atype, linked, rel in zip(
        out["actor_id"], out["actor_type"], out["linked_actor_id"], out["relation"], strict=True
    ):
        hops = 0  # "US Navy" part_of "US military" part_of "United States"
        while isinstance(linked, str) and rel in relations and linked not in names and hops < 8:
            linked, rel2 = parents.get(linked, (None, None))
            rel = rel if rel2 in relations else rel2
            hops += 1
        if atype == "state":
            state_id.append(aid)
            how.append("state")
        elif isinstance(linked, str) and rel in relations and linked in names:
            state_id.append(linked)
            how.append(str(rel))
        else:
            state_id.append(None)
            how.append(None)
    out["state_id"] = pd.Series(state_id, index=out.index, dtype=object)
    out["state"] = pd.Series(
        [names.get(s, s) if s else None for s in state_id], index=out.index, dtype=object
    )
    out["rolled_up_by"] = pd.Series(how, index=out.index, dtype=object)
    return out


def _parents(mentions: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Actor id -> (linked actor id, relation), from the curated actors table and the mentions."""
    from kit.extract.actors.aliases import read_table
    from kit.lexicons.resources import DATA_DIR

    out = {
        e.actor_id: (e.linked_actor_id, e.relation)
        for e in read_table(DATA_DIR / "actors.csv")
        if e.linked_actor_id and e.relation
    }
    linked = mentions.dropna(subset=["linked_actor_id", "relation"])
    for aid, parent, rel in zip(
        linked["actor_id"], linked["linked_actor_id"], linked["relation"], strict=True
    ):
        out.setdefault(aid, (parent, rel))
    return out


def _state_names(mentions: pd.DataFrame) -> dict[str, str]:
    """State id -> name, from the curated actors table and the mentions."""
    from kit.extract.actors.aliases import read_table
    from kit.lexicons.resources import DATA_DIR

    names = {
        e.actor_id: e.actor for e in read_table(DATA_DIR / "actors.csv") if e.actor_type == "state"
    }
    states = mentions[mentions["actor_type"] == "state"]
    names.update(zip(states["actor_id"], states["actor"], strict=True))
    return names
