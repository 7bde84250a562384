"""Titles before a name ("Col.", "Prime Minister") and roles around it (appositions).

>>> from kit.extract.actors.roles import is_title_word
>>> is_title_word("Gen."), is_title_word("spokesman")
(True, False)

Both work on the spaCy tokens of one document; nothing is re-parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: Words that form a title written before a name (compared without the final dot).
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "father",
        "sheikh",
        "sheik",
        "president",
        "vice",
        "prime",
        "minister",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "crown",
        "sultan",
        "emir",
        "amir",
        "ayatollah",
        "imam",
        "mullah",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "mayor",
        "secretary",
        "general",
        "gen",
        "col",
        "lt",
        "ltc",
        "maj",
        "capt",
        "cpt",
        "cmdr",
        "commander",
        "adm",
        "admiral",
        "sgt",
        "sergeant",
        "cpl",
        "corporal",
        "brig",
        "brigadier",
        "lieutenant",
        "colonel",
        "major",
        "captain",
        "marshal",
        "field",
        "staff",
        "chief",
        "judge",
        "justice",
        "ambassador",
        "envoy",
        "speaker",
        "chairman",
        "chairwoman",
        "mp",
    ]
)
#: Title words that can stand alone only with a following name ("Deputy" alone is not a title).
_LEADING_ONLY = frozenset(
    {
        "vice",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "field",
        "staff",
        "crown",
        "general",
    }
)
#: Nouns that head a role phrase ("spokesman for ...", "Iran's foreign minister").
ROLE_NOUNS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "leader",
        "commander",
        "chief",
        "director",
        "head",
        "secretary",
        "ambassador",
        "envoy",
        "official",
        "analyst",
        "expert",
        "researcher",
        "fellow",
        "professor",
        "adviser",
        "advisor",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "representative",
        "general",
        "colonel",
        "officer",
        "chairman",
        "chairwoman",
        "founder",
        "editor",
        "correspondent",
        "reporter",
        "member",
        "deputy",
        "coordinator",
        "negotiator",
        "mediator",
        "ruler",
        "king",
        "emir",
        "sheikh",
        "cleric",
        "prosecutor",
        "judge",
        "lawyer",
        "attorney",
    ]
)
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_ROLE_STOP = {"who", "which", "that", "whose", "and", "or", "but", "said", "says", "told"}


def _bare(text: str) -> str:
    return text.rstrip(".").lower()


#: Title words that say nothing about a person's office ("Mr.", "Dr."): no evidence of who.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mister", "madam", "madame", "dr", "sir", "dame", "lord", "lady"}
)
#: Abbreviated titles and the word they stand for, so "Sen." and "Senator" are one office.
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "maj": "major",
    "capt": "captain",
    "cpt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "sgt": "sergeant",
    "cpl": "corporal",
    "brig": "brigadier",
    "prof": "professor",
    "rev": "reverend",
}


def office_key(title: str) -> str | None:
    """The office a title names, spelled one way; ``None`` for honorifics alone.

    >>> office_key("Sen."), office_key("Former Vice President"), office_key("Mrs.")
    ('senator', 'vice president', None)
    """
    words = [_bare(w) for w in title.replace(".", ". ").split() if _bare(w)]
    words = [TITLE_ABBREVIATIONS.get(w, w) for w in words if w in TITLE_WORDS]
    words = [w for w in words if w not in HONORIFICS]
    return " ".join(words) or None


def is_title_word(text: str) -> bool:
    """True for a word that can be part of a title before a name."""
    return _bare(text) in TITLE_WORDS


def title_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """Token range of the title right before token ``start`` (e.g. ``Col .``), else None.

    Title words must be capitalised; a lone dot token after an abbreviation belongs to it.
    """
    i = start - 1
    first = None
    while i >= 0:
        tok = doc[i]
        if (
            tok.text == "."
            and i > 0
            and is_title_word(doc[i - 1].text)
            and not doc[i - 1].whitespace_
        ):
            i -= 1
            continue
        if is_title_word(tok.text) and tok.text[:1].isupper() and tok.sent == doc[start].sent:
            first = i
            i -= 1
            continue
        break
    if first is None:
        return None
    # drop leading words that cannot start a title on their own
    if all(_bare(doc[j].text) in _LEADING_ONLY for j in range(first, start) if doc[j].text != "."):
        return None
    return first, start


def title_inside(doc: Doc, start: int, end: int) -> int:
    """Number of leading tokens of ``doc[start:end]`` that are a title ("President Obama")."""
    i = start
    while i < end - 1:
        tok = doc[i]
        if (is_title_word(tok.text) and tok.text[:1].isupper()) or (tok.text == "." and i > start):
            i += 1
        else:
            break
    return i - start


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def role_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of an apposition after a name: ``Name, spokesman for X, told ...``.

    The role starts after the comma with a lower-case word or a determiner/title word
    and runs to the next finite verb (or the sentence end), trailing commas removed.
    """
    if end >= len(doc) or doc[end].text != ",":
        return None
    sent_end = doc[end].sent.end
    i = end + 1
    if i >= sent_end:
        return None
    first = doc[i]
    if first.lower_ in _ROLE_STOP or first.tag_ in _FINITE or first.pos_ in ("VERB", "AUX"):
        return None
    starts_ok = (
        (first.text[:1].islower() and first.pos_ in ("NOUN", "ADJ", "DET"))
        or first.lower_ in ("a", "an", "the")
        or (is_title_word(first.text) and first.pos_ != "PROPN")
    )
    if not starts_ok:
        return None
    j = i
    limit = min(sent_end, i + 40)
    while (
        j < limit
        and doc[j].tag_ not in _FINITE
        and doc[j].text not in (";", "“", '"', "(")
        and not doc[j].is_space
    ):
        j += 1
    if j == limit and j != sent_end:
        return None
    s, e = _trim(doc, i, j)
    if e <= s or not any(doc[k].lower_ in ROLE_NOUNS for k in range(s, min(e, s + 6))):
        return None
    return s, e


def role_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """Token range of a role right before a name: ``Iran's foreign minister Javad Zarif``."""
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].lower_ not in ROLE_NOUNS or not doc[i].text[:1].islower():
        return None
    left = doc[i].left_edge.i
    if left > i or i - left > 8:
        left = i
    # the role phrase must contain a possessive or an "of" to name whose role it is
    span = doc[left : i + 1]
    if not any(t.tag_ == "POS" or t.lower_ == "of" for t in span):
        return None
    return _trim(doc, left, i + 1)


def person_title_role(
    doc: Doc, start: int, end: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Title and role token ranges for the person named by ``doc[start:end]``."""
    title = title_before(doc, start)
    role = role_after(doc, end)
    if role is None:
        role = role_before(doc, title[0] if title else start)
    return title, role
