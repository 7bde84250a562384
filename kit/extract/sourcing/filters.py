"""What looks like an attribution but is not one.

- idioms: "as they say", "needless to say", "so to speak", "let's say";
- counting verbs with an amount as their only content: "the economy added 156,000 jobs",
  "the party gained 12 seats" (a clause or a quotation after them still attributes: "he added
  that 156,000 jobs were created");
- contents that are only function words or punctuation ("by", "for"), outside quotations.

>>> import spacy
>>> from kit.extract.sourcing.filters import is_idiom
>>> nlp = spacy.blank("en")
>>> is_idiom(nlp("needless to say it rained")[2])
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lexicons.source_words import COUNTING_VERBS, IDIOM_LEADS, PRONOUN_REFERENTS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from kit.extract.sourcing.spans import _Rel

_AMOUNT_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
#: Parts of speech that make no content on their own ("by", "for", "so").
_FUNCTION_POS = {"ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "DET", "ADV", "INTJ", "SPACE"}


def is_idiom(verb: Token) -> bool:
    """Whether a cue verb is part of a set phrase ("as they say", "needless to say")."""
    doc = verb.doc
    words = [t.lower_ for t in doc[max(0, verb.i - 3) : verb.i]]
    for lead in IDIOM_LEADS:
        n = len(lead)
        if n <= len(words) and tuple(words[-n:]) == lead:
            return True
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        ccomp = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        generic = all(PRONOUN_REFERENTS.get(s.lower_) in ("pl", "generic") for s in subjects)
        return bool(subjects) and generic and not ccomp
    return False


def repair_passive(rel: _Rel, doc: Doc) -> None:
    """A passive cue whose content came out as "by" takes its subject as content instead:
    "The nominee has been endorsed by dozens of papers" (content: "The nominee")."""
    verb = rel.verb
    if verb is None or rel.content is None or rel.direct:
        return
    span = doc.char_span(*rel.content, alignment_mode="expand")
    if span is None or not all(t.pos_ in _FUNCTION_POS for t in span):
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge.text)
    if rel.source is None or end <= rel.source[0] or start >= rel.source[1]:
        rel.content = (start, end)


def is_not_attribution(rel: _Rel, doc: Doc) -> bool:
    """True for a relation this module rules out (see the module docstring)."""
    verb = rel.verb
    if verb is not None and is_idiom(verb):
        return True
    if rel.content is None:
        return False
    span = doc.char_span(*rel.content, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    if rel.direct or verb is None:
        return False
    if all(t.pos_ in _FUNCTION_POS for t in span):
        return True  # "by", "for", "so"
    if verb.lemma_.lower() not in COUNTING_VERBS:
        return False
    has_clause = any(t.pos_ in ("VERB", "AUX") for t in span)
    return not has_clause and _object_is_amount(verb, span)


def _object_is_amount(verb: Token, span) -> bool:
    """The verb's object (the content's head) is counted: "added 156,000 jobs"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "npadvmod") and span.start <= c.i < span.end:
            return (
                c.like_num
                or any(k.dep_ in ("nummod", "quantmod") or k.like_num for k in c.children)
                or c.ent_type_ in _AMOUNT_LABELS
            )
    return False
