"""Tense around a time expression: which way "Wednesday" points from the document date."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}

# ------------------------------------------------------------------ tense --


def _verb_tense(v) -> str | None:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if v.lower_ in _FUTURE_AUX or words & _FUTURE_AUX:
        return "future"
    if words & {"to"} and v.head is not v and v.head.lemma_ == "be":
        return "future"  # "is to meet"
    if "going" in words or (v.lower_ == "going" and any(c.lower_ == "to" for c in v.children)):
        return "future"
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if v.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if v.tag_ == "VBN" and not auxes and v.dep_ in ("acl", "amod", "relcl"):
        return "past"  # reduced relative: "the terms announced Friday"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """Tense (``past``, ``present``, ``future``) of the verb governing a span, if any."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.tag_ == "MD":
            t = _verb_tense(tok)
            if t:
                return t
        if tok.head is tok:
            break
        tok = tok.head
    return None


def _direction(tense: str | None, rel: str | None = None, *, present: str = "nearest") -> str:
    """How to anchor a bare weekday/month: last, next, this, past, future or nearest."""
    rel = " ".join((rel or "").lower().split())
    if rel in ("last", "past", "this past", "previous"):
        return "last"
    if rel in ("next", "coming", "this coming"):
        return "next"
    if rel == "this":
        return "this"
    return {"past": "past", "future": "future", "present": present}.get(tense or "", "nearest")
