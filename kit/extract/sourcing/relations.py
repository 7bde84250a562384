"""Finding relations: cue verbs, "according to", cue nouns and hedge adverbs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.extract.sourcing.cues import Cue, CueLexicon
from kit.extract.sourcing.spans import (
    _clip,
    _colon_content,
    _find_source,
    _Paragraphs,
    _particles,
    _person_before,
    _person_span,
    _Rel,
    _source_span,
    _strip,
    _subtree_minus,
    _tok_span,
    _verb_content,
)
from kit.lexicons.source_words import _CLAUSE_DEPS, _HEARSAY, _NEEDS_PARTICLE, _RAISING, MEDIA_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _cue_extent(verb: Token, lex: CueLexicon) -> tuple[int, int, Token | None]:
    """The cue span of a verb (+ particle, + audience, + raised verb) and a channel token."""
    start, end = verb.idx, verb.idx + len(verb.text)
    channel = None
    lemma = verb.lemma_.lower()
    entry = lex.verb(lemma) or lex.verb_form(verb.lower_)
    particles = _particles(entry, lemma) if entry is not None else _NEEDS_PARTICLE.get(lemma, ())
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c.text)
        if c.dep_ == "prep" and c.lower_ in particles and c.i == verb.i + 1:
            end = c.idx + len(c.text)
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "iobj") and c.i > verb.i:
            if c.lemma_.lower() in lex.audience or c.lower_ in lex.audience:
                between = verb.doc[verb.i + 1 : c.i]
                if all(t.dep_ in ("det", "prt", "amod") for t in between):
                    end = c.idx + len(c.text)
            elif c.ent_type_ in ("ORG", "PERSON") or c.lemma_.lower() in MEDIA_NOUNS:
                channel = c
        if c.dep_ == "prep" and c.lower_ in ("to", "with") and lemma in ("say", "speak", "tell"):
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ == "ORG" or p.lemma_.lower() in MEDIA_NOUNS):
                    channel = p
    if lemma in _RAISING:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                end = c.idx + len(c.text)
    return start, end, channel


def _from_verb(
    verb: Token, entry: Cue, lex: CueLexicon, text: str, paras: _Paragraphs
) -> _Rel | None:
    lemma = verb.lemma_.lower()
    if lemma == "point" and not any(
        c.lower_ in _NEEDS_PARTICLE[lemma] for c in verb.children if c.dep_ in ("prep", "prt")
    ):
        return None
    if verb.dep_ in ("amod", "compound") or verb.tag_ == "VBN" and verb.dep_ == "acl":
        return None
    if entry.requires and not _meets_requirement(verb, entry.requires):
        return None
    cs, ce, channel = _cue_extent(verb, lex)
    rel = _Rel(cue=(cs, ce), cue_lemma=entry.lemma, entry=entry, verb=verb, channel_tok=channel)
    src, passive = _find_source(verb)
    if src is not None:
        rel.source_tok = src
        rel.source = _source_span(src)
        person = None if src.ent_type_ == "PERSON" else _person_before(src, src.idx)
        if person is not None and src.pos_ == "NOUN":
            rel.source_tok = person
            rel.source = _person_span(person)
    elif passive and lemma in _HEARSAY:
        rel.unattributed = True
    else:
        return None
    root, toks = _verb_content(verb, entry, paras)
    if toks:
        bounds = paras.bounds((root or toks[0]).idx)
        span = _clip(_tok_span(toks), bounds)
        rel.content = _strip(text, _cut_out(span, rel))
        rel.content_root = root
    if rel.content is None:
        rel.content = _strip(text, _colon_content(verb, text, paras))
    return rel


_FALLBACK_SKIP = {"punct", "cc", "conj", "parataxis", "aux", "auxpass", "neg", "advmod", "npadvmod"}


def _fallback_content(rel: _Rel, text: str, paras: _Paragraphs) -> tuple[int, int] | None:
    """Content of a cue verb with a source but no clause or quote found by the parse.

    "Language unclear on …, experts say." takes the clause before the source;
    "He complained about his mic" takes what the verb governs on its right.
    """
    verb = rel.verb
    if verb is None:
        return None
    sent = verb.sent
    lo = min(x[0] for x in filter(None, (rel.cue, rel.source)))
    before = [t for t in sent if t.idx + len(t.text) <= lo]
    while before and before[-1].is_space:
        before.pop()
    if len(before) >= 4 and before[-1].text in (",", "”", '"', "’", "'", "—", "–", "--"):
        span = _clip(_tok_span(before), paras.bounds(lo))
        cut = _strip(text, _cut_out(span, rel))
        if cut is not None:
            return cut
    src = rel.source_tok.i if rel.source_tok is not None else -1
    right = [
        c
        for c in verb.rights
        if c.dep_ not in _FALLBACK_SKIP and c.i != src and c.idx >= rel.cue[1]
    ]
    toks = [t for c in right for t in c.subtree]
    if not toks:
        return None
    span = _clip(_tok_span(toks), paras.bounds(verb.idx))
    return _strip(text, _cut_out(span, rel))


def _meets_requirement(verb: Token, requires: tuple[str, ...]) -> bool:
    """Whether a verb has what its cue row requires: a particle, a clause, a colon."""
    for c in verb.children:
        if c.dep_ in _CLAUSE_DEPS and "clause" in requires and c.i > verb.i:
            return True
        if c.dep_ in ("prep", "prt", "agent") and c.lower_ in requires:
            return True
    if "colon" in requires:
        nxt = verb.doc[verb.i + 1 : verb.i + 3]
        return any(t.text == ":" for t in nxt)
    return False


def _cut_out(span: tuple[int, int] | None, rel: _Rel) -> tuple[int, int] | None:
    """Remove the cue and the source from a content span, keeping the larger side."""
    if span is None:
        return None
    s, e = span
    for part in filter(None, (rel.cue, rel.source)):
        lo, hi = part
        if hi <= s or lo >= e:
            continue
        if lo - s >= e - hi:
            e = lo
        else:
            s = hi
    return (s, e) if e > s else None


def _from_according(tok: Token, entry: Cue, text: str, paras: _Paragraphs) -> _Rel | None:
    """'according to X, …' and '…, according to X.'"""
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    rel = _Rel(cue=(tok.idx, to.idx + len(to.text)), cue_lemma="according to", entry=entry)
    if pobj is not None:
        rel.source_tok = pobj
        rel.source = _source_span(pobj)
    else:
        return None
    head = tok.head
    if head.i in (tok.i, to.i):
        return None
    if head.pos_ in ("VERB", "AUX"):
        toks = _subtree_minus(head, [tok])
    else:
        toks = [t for t in tok.sent if t.i not in {x.i for x in tok.subtree}]
    bounds = paras.bounds(tok.idx)
    span = _clip(_tok_span(toks), bounds)
    rel.content = _strip(text, _cut_out(span, rel))
    rel.content_root = head
    return rel


def _noun_source(noun: Token) -> Token | None:
    """The holder of a noun cue: "Trump's claim", "claims by officials", "Trump claims that"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    for c in noun.children:  # a verb tagged as a noun: "Trump claims that …"
        if c.dep_ == "compound" and c.i == noun.i - 1 and c.ent_type_ in ("PERSON", "ORG"):
            return c
    return None


def _from_noun(noun: Token, entry: Cue, text: str, paras: _Paragraphs) -> _Rel | None:
    """A noun cue with its content: "Trump's claim that …", "his promise to …".

    The content is a "that"-clause or a "to"-infinitive the noun governs; with a
    possessive or "by"/"from" source, also a "for"/"about"/"of" object ("his
    call for calm", "her comments about the deal").
    """
    content = None
    for c in noun.children:
        if c.i <= noun.i or c.dep_ not in ("acl", "ccomp", "relcl", "appos"):
            continue
        marks = {k.lower_ for k in c.children if k.dep_ in ("mark", "aux")}
        if "that" in marks or "to" in marks and c.dep_ != "relcl":
            content = c
            break
    src = _noun_source(noun)
    toks: list[Token] = list(content.subtree) if content is not None else []
    if content is None and src is not None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "about", "of", "on") and c.i > noun.i:
                toks = [t for t in c.subtree if t.i != c.i]
                content = toks[0] if toks else None
                break
    if content is None or not toks:
        return None
    rel = _Rel(
        cue=(noun.idx, noun.idx + len(noun.text)),
        cue_lemma=entry.lemma,
        entry=entry,
        content_root=content,
        unattributed=src is None,
    )
    if src is not None:
        rel.source_tok = src
        rel.source = _source_span(src) if src.dep_ != "compound" else _person_span(src)
    span = _clip(_tok_span(toks), paras.bounds(noun.idx))
    rel.content = _strip(text, _cut_out(span, rel))
    return rel if rel.content is not None else None


def _from_adverb(tok: Token, entry: Cue, text: str, paras: _Paragraphs) -> _Rel | None:
    """'Tension is reportedly building': an unattributed, hedged claim."""
    head = tok.head
    if head.i == tok.i:
        return None
    toks = list(head.subtree)
    span = _clip(_tok_span(toks), paras.bounds(tok.idx))
    rel = _Rel(
        cue=(tok.idx, tok.idx + len(tok.text)),
        cue_lemma=tok.lower_,
        entry=entry,
        unattributed=True,
        content=_strip(text, span),
        content_root=head,
    )
    rel.hedges.append(tok.text)
    return rel
