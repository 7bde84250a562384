"""Names that are never actors: diseases, time standards, events (the table
``kit/data/non_actors.csv``), and acronyms a document defines as a thing, not an organisation.

>>> "utc" in non_actor_keys() and "covid19" in non_actor_keys()
True

An acronym defined in the text ("the Automatic Identification System (AIS)", "the anterior
cingulate cortex (ACC)") names an organisation only when its long form ends in an organisation
word ("... Organization (WHO)", "... Party (BJP)") or is a name the model tags as one and whose
head word the document never writes in lower case. Names the alias table knows are actors
whatever this module says.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kit.extract.actors.aliases import norm_key
from kit.lexicons.actor_words import _HEAD_TYPES, ORG_WORDS
from kit.lexicons.resources import DATA_DIR

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: Small words an acronym skips ("Islamic State of Iraq and the Levant" -> ISIL).
_SKIPPED = frozenset({"of", "and", "the", "for", "on", "in", "to", "de", "&", "-"})
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]{1,7}")
#: Entity labels of long forms that may be organisations.
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "PERSON"})


@lru_cache(maxsize=1)
def non_actor_keys() -> frozenset[str]:
    """Matching keys (:func:`~kit.extract.actors.aliases.norm_key`) of ``non_actors.csv``."""
    with open(DATA_DIR / "non_actors.csv", encoding="utf-8-sig", newline="") as fh:
        return frozenset(norm_key(row["name"]) for row in csv.DictReader(fh) if row["name"].strip())


def _long_form(doc: Doc, i: int, letters: str) -> tuple[int, int] | None:
    """Tokens before ``(`` at ``i`` whose initials spell ``letters`` (small words skipped)."""
    j, k = i - 1, len(letters) - 1
    while j >= 0 and k >= 0 and i - j <= 2 * len(letters) + 2:
        word = doc[j].text
        if doc[j].lower_ in _SKIPPED and k < len(letters) - 1:
            j -= 1
            continue
        if doc[j].is_punct or word[:1].lower() != letters[k].lower():
            return None
        k -= 1
        j -= 1
    return (j + 1, i) if k < 0 else None


def _lower_long_form_after(doc: Doc, i: int, letters: str) -> tuple[int, int] | None:
    """Lower-case words from token ``i`` whose initials spell ``letters``: a thing, no name."""
    j, k = i, 0
    while j < len(doc) and k < len(letters):
        word = doc[j].text
        if doc[j].lower_ in _SKIPPED and k > 0:
            j += 1
            continue
        if not word.islower() or word[:1] != letters[k].lower():
            return None
        k += 1
        j += 1
    return (i, j) if k == len(letters) else None


def defined_non_actors(doc: Doc) -> set[str]:
    """Keys of acronyms (and their long forms) this document defines as things, not actors.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> sorted(defined_non_actors(nlp("Ships use the Automatic Identification System (AIS) to report.")))
    ['ais', 'automaticidentificationsystem']
    >>> sorted(defined_non_actors(nlp("He fights DRM (digital rights management) daily.")))
    ['digitalrightsmanagement', 'drm']
    >>> defined_non_actors(nlp("The World Health Organization (WHO) said so."))
    set()
    """
    lower_words: set[str] | None = None
    out: set[str] = set()
    for i in range(1, len(doc) - 2):
        if doc[i].text == "(" and _ACRONYM.fullmatch(doc[i - 1].text):
            letters = "".join(ch for ch in doc[i - 1].text if ch.isupper())
            after = _lower_long_form_after(doc, i + 1, letters) if len(letters) >= 2 else None
            if after is not None:  # "DRM (digital rights management, ...)"
                out.add(norm_key(doc[i - 1].text))
                out.add(norm_key(doc[after[0] : after[1]].text))
                continue
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _ACRONYM.fullmatch(doc[i + 1].text):
            continue
        acronym = doc[i + 1].text
        letters = "".join(ch for ch in acronym if ch.isupper())
        if len(letters) < 2:
            continue
        span = _long_form(doc, i, letters)
        if span is None:
            continue
        head = doc[span[1] - 1].lower_
        if head in ORG_WORDS or head in _HEAD_TYPES:
            continue  # "... Organization (WHO)", "... Front (FLN)"
        if lower_words is None:
            lower_words = {t.lower_ for t in doc if t.text.islower()}
        named = doc[span[1] - 1].text[:1].isupper() and (doc[span[1] - 1].ent_type_ in _ORG_LABELS)
        if named and head not in lower_words:
            continue  # "Rashtriya Swayamsevak Sangh (RSS)": a name the model tags
        out.add(norm_key(acronym))
        out.add(norm_key(doc[span[0] : span[1]].text))
    return out
