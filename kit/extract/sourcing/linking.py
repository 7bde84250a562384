"""Actor mentions searchable by offset; the date a statement was made."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from kit.extract.sourcing.spans import _Rel

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# ---------------------------------------------------------------- linking --


class _Mentions:
    """Actor mentions of the document, searchable by offset."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = sorted(
            (r for r in rows if isinstance(r.get("start"), int)),
            key=lambda r: (r["start"], r["end"]),
        )
        self.starts = [r["start"] for r in self.rows]
        self.by_actor: dict[str, list[dict]] = {}  # actor id -> its mentions, in text order
        for r in self.rows:
            if r.get("actor_id"):
                self.by_actor.setdefault(r["actor_id"], []).append(r)

    def within(self, start: int, end: int) -> list[dict]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.rows) and self.rows[i]["start"] < end:
            if self.rows[i]["end"] <= end:
                out.append(self.rows[i])
            i += 1
        return out

    def covering(self, offset: int) -> dict | None:
        i = bisect_right(self.starts, offset)
        for r in reversed(self.rows[max(0, i - 5) : i]):
            if r["start"] <= offset < r["end"]:
                return r
        return None


def _said_on(rel: _Rel, doc: Doc, timexes: list[dict]) -> str | None:
    """The value of a DATE attached to the cue verb ("said Wednesday")."""
    if rel.verb is None or not timexes:
        return None
    verb = rel.verb
    sent = verb.sent
    # timexes are sorted by (start, end): only those starting inside the sentence matter
    first = bisect_left(timexes, sent.start_char, key=lambda t: t["start"])
    for tx in timexes[first:]:
        if tx["start"] > sent.end_char:
            break
        if tx.get("type") != "DATE" or not isinstance(tx.get("start"), int):
            continue
        ts, te = tx["start"], tx["end"]
        if ts < sent.start_char or te > sent.end_char:
            continue
        inside = [x for x in (rel.content, rel.source) if x and ts < x[1] and te > x[0]]
        if inside:
            continue
        span = doc.char_span(ts, te, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        near = 0 <= ts - rel.cue[1] <= 2
        path = [span.root, *span.root.ancestors]
        attached = False
        for node in path:
            if node.i == verb.i:
                attached = True
                break
            if rel.content_root is not None and node.i == rel.content_root.i:
                break
        if attached or near:
            value = tx.get("value")
            return value if isinstance(value, str) and value else None
    return None
