"""Change: is an amount a change up, a change down, or a level? ("rose 5%" vs "rose to 5%").

>>> from kit.extract.quantities.extractor import scan
>>> from kit.nlp.model import load_model
>>> text = "Sales rose 5% to $7 million."
>>> [a.change for a in scan(text, load_model()(text))]
['up', 'none']

The direction comes from the word that governs the amount in the dependency
parse (a verb such as "fell", a noun such as "an increase of"), from a
comparative right after it ("85% more", "32 percent below") or from "up"/"down"
right before it. A preposition of level on the way ("to", "from", "at") makes
the amount a level (``none``). The word lists live in
:mod:`kit.lexicons.quantity_words`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kit.lexicons.quantity_words import (
    CHANGE_BY_ONLY,
    CHANGE_PREPOSITIONS,
    CHANGE_WORDS,
    COMPARATIVES,
)

if TYPE_CHECKING:  # pragma: no cover
    from kit.extract.quantities.scanner import Amount, _Ctx

_NEXT_WORD = re.compile(r"[ \u00a0]+(?P<w>[A-Za-z]+)")
_HEAD_POS = ("VERB", "NOUN", "ADV", "ADJ", "PROPN")
#: Relations that end the search: a subject, a conjunct or a clause is not the amount changed.
_STOP_DEPS = {
    "nsubj", "nsubjpass", "csubj", "conj", "appos", "acl", "relcl", "ccomp", "advcl", "xcomp",
    "parataxis", "list", "dep",
}  # fmt: skip
#: Dimensions that are never an amount of change ("a year later he fell", "aged 41").
_NO_CHANGE = {"duration", "age"}


def direction(word: str, *, by: bool = False) -> str | None:
    """The direction a change word gives ("fell" -> "down"); ``None`` for other words.

    >>> direction("increase"), direction("raise"), direction("raise", by=True), direction("say")
    ('up', None, 'up', None)
    """
    w = word.lower()
    if w in CHANGE_BY_ONLY and not by:
        return None
    return CHANGE_WORDS.get(w)


def change_of(a: Amount, ctx: _Ctx) -> str:
    """``up``, ``down`` or ``none`` for one amount (needs the parse; ``none`` without it)."""
    if a.value is None or a.bound == "range" or a.unit.dimension in _NO_CHANGE:
        return "none"
    m = _NEXT_WORD.match(ctx.text, a.end)
    word = m.group("w").lower() if m else ""
    if (
        word in COMPARATIVES
        and a.unit.dimension in ("percent", "money", "count")
        and (word not in ("more", "less", "fewer") or a.unit.dimension == "percent")
    ):
        return COMPARATIVES[word]  # "85% more", "32 percent below"
    doc = ctx.doc
    if doc is None:
        return "none"
    toks = [t for t in _tokens(a, ctx) if t.like_num]
    tok = toks[-1] if toks else ctx.token_at(max(a.end - 1, a.start))
    if tok is None:
        return "none"
    first = ctx.token_at(a.start)
    prev = doc[first.i - 1] if first is not None and first.i > 0 else None
    if prev is not None and prev.lower_ == "by" and prev.i > 0:
        prev = doc[prev.i - 1]  # "down by about 1.5%"
    if prev is not None and prev.lower_ in ("up", "down") and prev.dep_ != "prt":
        return CHANGE_WORDS[prev.lower_]  # "down 0.2 percentage points" (not "made up 3.8%")
    by = False
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i or cur.dep_ in _STOP_DEPS:
            return "none"
        word = head.lower_
        if head.pos_ == "ADP" or head.dep_ == "prep":
            if word not in CHANGE_PREPOSITIONS:
                return "none"
            by = by or word == "by"
            cur = head
            continue
        if head.idx < a.end and head.idx >= a.start:
            cur = head  # inside the amount ("93" -> "%")
            continue
        found = direction(head.lemma_, by=by) if head.pos_ in _HEAD_POS else None
        if found and head.lower_ in ("up", "down") and (head.i > tok.i or head.dep_ == "prt"):
            found = None  # "rode 734 feet down", "make up 80 percent"
        if found:
            return found
        if head.pos_ in ("VERB", "AUX"):
            return "none"
        cur = head
    return "none"


def _tokens(a: Amount, ctx: _Ctx) -> list:
    doc = ctx.doc
    first = ctx.token_at(a.start)
    if first is None or doc is None:
        return []
    out = []
    for t in doc[first.i :]:
        if t.idx >= a.end:
            break
        out.append(t)
    return out
