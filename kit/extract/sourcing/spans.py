"""Spans of an attribution: the relation record, its source, its content and nearby quotations."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kit.extract.sourcing.cues import Cue
from kit.extract.sourcing.quotes import Quote, QuoteMap
from kit.lexicons.source_words import (
    _CLAUSE_DEPS,
    _NEEDS_PARTICLE,
    _RAISING,
    _SCARE_BEFORE,
    _SOURCE_DEPS,
    _SOURCE_STOP,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


# ---------------------------------------------------------------- helpers --


@dataclass
class _Rel:
    """A relation being built (character offsets into the document text)."""

    cue: tuple[int, int]
    cue_lemma: str
    entry: Cue
    verb: Token | None = None
    source: tuple[int, int] | None = None
    source_tok: Token | None = None
    content: tuple[int, int] | None = None
    content_root: Token | None = None
    direct: bool = False
    mixed: bool = False
    channel_tok: Token | None = None
    hedges: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unattributed: bool = False
    #: a speaker label at a paragraph start ("WALLACE:", "Q:"), not a parsed subject
    label: bool = False
    #: every piece of a content the cue or the source interrupts ("X," he said, "Y."), in
    #: text order, ``content`` among them; empty for a content in one piece
    fragments: list[tuple[int, int]] = field(default_factory=list)


class _Paragraphs:
    """Paragraph bounds (line breaks) of a text, for clipping spans."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer(r"\n", text)]
        self.n = len(text)

    def bounds(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.breaks, offset)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else self.n
        return start, end


def _tok_span(tokens: list[Token]) -> tuple[int, int] | None:
    """The character span from the first to the last token, trimmed of punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subtree_minus(root: Token, exclude: list[Token]) -> list[Token]:
    """Tokens of ``root``'s subtree without the subtrees of ``exclude``."""
    skip: set[int] = set()
    for tok in exclude:
        skip.update(t.i for t in tok.subtree)
    return [t for t in root.subtree if t.i not in skip]


def _contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive token indices around ``anchor`` (or the longest run)."""
    if not tokens:
        return []
    idx = sorted(t.i for t in tokens)
    runs: list[list[int]] = [[idx[0]]]
    for i in idx[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = next((r for r in runs if anchor.i in r), max(runs, key=len))
    doc = anchor.doc
    return [doc[i] for i in best]


def _clip(span: tuple[int, int] | None, bounds: tuple[int, int]) -> tuple[int, int] | None:
    if span is None:
        return None
    s, e = max(span[0], bounds[0]), min(span[1], bounds[1])
    return (s, e) if e > s else None


def _strip(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Trim whitespace and edge punctuation (commas, colons, dashes) from a span."""
    if span is None:
        return None
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return (s, e) if e > s else None


def _particles(entry: Cue, lemma: str) -> tuple[str, ...]:
    """The particles/prepositions that belong to the cue of a verb ("called for", "spoke of")."""
    return _NEEDS_PARTICLE.get(lemma, ()) + tuple(
        r for r in entry.requires if r not in ("clause", "colon")
    )


# ---------------------------------------------------------------- sources --


def _source_span(tok: Token) -> tuple[int, int] | None:
    """The noun phrase of a subject, without appositions and relative clauses."""
    keep = [tok]
    for left in tok.lefts:
        keep.extend(left.subtree)
    for right in tok.rights:
        if right.dep_ in _SOURCE_STOP or right.is_punct:
            break
        keep.extend(right.subtree)
    return _tok_span(keep)


def _person_before(tok: Token, start: int) -> Token | None:
    """A PERSON name right before a title subject: "Col. Ryan Dillon, spokesman …, told"."""
    doc = tok.doc
    first = min(t.i for t in tok.subtree)
    j = first - 1
    while j >= 0 and doc[j].is_punct:
        j -= 1
    if j < 0 or doc[j].ent_type_ != "PERSON" or j == first - 1:
        return None
    return doc[j]


def _person_span(tok: Token) -> tuple[int, int] | None:
    """The name around a PERSON token with its title compounds."""
    doc = tok.doc
    i = tok.i
    s = i
    while s > 0 and (
        doc[s - 1].ent_type_ == "PERSON" or doc[s - 1].head.i == i and doc[s - 1].dep_ == "compound"
    ):
        s -= 1
    while s > 0 and doc[s - 1].dep_ == "compound" and doc[s - 1].head.i in range(s, i + 1):
        s -= 1
    return doc[s].idx, tok.idx + len(tok.text)


def _find_source(verb: Token) -> tuple[Token | None, bool]:
    """The subject token of a cue verb, and whether the verb is passive without an agent."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p, False
    for c in verb.children:
        if c.dep_ in _SOURCE_DEPS:
            return c, False
    if passive:
        return None, True
    # shared subject: "are written in Arabic and say …", "…, adding that …"
    head = verb
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        head = verb.head  # "began by saying …": climb to the verb of the preposition
        head = head.head if head.head.i != head.i else head
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c, False
    for _ in range(3):
        if head.dep_ not in ("conj", "advcl", "xcomp", "acl") or head.head.i == head.i:
            break
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head, False
        head = head.head
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c, False
    return None, False


# ---------------------------------------------------------------- content --


def _verb_content(verb: Token, entry: Cue, paras: _Paragraphs) -> tuple[Token | None, list[Token]]:
    """The content root and its tokens for a cue verb (empty when none)."""
    comps = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    if verb.lemma_.lower() in _RAISING and comps:
        inner = comps[0]
        kids = [c for c in inner.children if c.dep_ not in ("aux", "punct", "neg")]
        kids = [k for k in kids if k.i > inner.i]
        if kids:
            toks = [t for k in kids for t in k.subtree]
            return kids[0], toks
    if comps:
        root = comps[0]
        return root, list(root.subtree)
    needs = _particles(entry, verb.lemma_.lower())
    if verb.lemma_.lower() == "call":
        labels = [c for c in verb.children if c.dep_ in ("oprd", "dobj") and c.i > verb.i]
        if any(c.dep_ == "oprd" for c in labels) or len(labels) >= 2:
            toks = [t for c in labels for t in c.subtree]
            return labels[0], toks
        whats = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "what"]
        if whats and labels:
            return labels[0], [t for c in labels for t in c.subtree]
    if needs:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in needs:
                toks = [t for t in c.subtree if t.i != c.i]
                toks += [t for x in verb.children if x.dep_ == "xcomp" for t in x.subtree]
                return (toks[0] if toks else None), toks
        if verb.lemma_.lower() in _NEEDS_PARTICLE:
            return None, []
    # "…, X said." parsed as a parenthetical attached to the content clause
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i != verb.i:
        head = verb.head
        left = verb.left_edge.i - 1
        after_break = left >= 0 and verb.doc[left].is_punct
        if verb.dep_ == "parataxis" or verb.i > head.i and after_break:
            toks = _subtree_minus(head, [verb])
            return head, _contiguous(toks, head)
    if entry.np_content:
        for c in verb.children:
            if c.dep_ in ("dobj", "attr"):
                return c, list(c.subtree)
    return None, []


def _colon_content(verb: Token, text: str, paras: _Paragraphs) -> tuple[int, int] | None:
    """'X said: …' — the rest of the sentence (or paragraph) after the colon."""
    last = max(t.i for t in verb.subtree if t.i >= verb.i)
    sent = verb.sent
    for t in verb.doc[verb.i + 1 : min(last + 2, sent.end)]:
        if t.text == ":":
            p_end = paras.bounds(t.idx)[1]
            return (t.idx + 1, min(max(sent.end_char, t.idx + 1), p_end))
        if t.dep_ not in ("dobj", "dative", "prep", "pobj", "det", "advmod", "npadvmod", "prt"):
            break
    return None


# ---------------------------------------------------------------- quotes --


def _is_scare(q: Quote, text: str) -> bool:
    """A short quoted term flagged as such ("so-called “X”", "dubbed the “X”")."""
    if q.n_words > 5:
        return False
    before = text[max(0, q.start - 30) : q.start]
    before = re.sub(r"\b(?:the|a|an)\s*$", "", before.rstrip(), flags=re.IGNORECASE)
    return bool(_SCARE_BEFORE.search(before))


def _apply_quotes(rel: _Rel, qmap: QuoteMap, text: str, scare: set[int]) -> None:
    """Mark direct / mixed quotes and widen direct content to the whole quotation."""
    if rel.content is None:
        return
    cs, ce = rel.content
    quotes = [q for q in qmap.overlapping(cs, ce) if q.start not in scare]
    if not quotes:
        return
    clen = sum(1 for ch in text[cs:ce] if not ch.isspace()) or 1
    covered = 0
    for q in quotes:
        a, b = max(cs, q.inner_start), min(ce, q.inner_end)
        covered += sum(1 for ch in text[a:b] if not ch.isspace())
    if covered / clen >= 0.6:
        rel.direct = True
        usable = [q for q in quotes if q.warning is None]
        if usable:
            s = min(q.inner_start for q in usable)
            e = max(q.inner_end for q in usable)
            # never swallow the cue or the source into the content
            for lo, hi in filter(None, (rel.cue, rel.source)):
                if s < lo < e and hi <= e:
                    e = lo if lo - s > e - hi else e
                    s = hi if e != lo else s
            rel.content = (s, e) if (s, e) != (0, 0) else rel.content
        for q in quotes:
            if q.warning:
                rel.warnings.append(q.warning)
    elif any(q.inner_start >= cs and q.inner_end <= ce for q in quotes):
        rel.mixed = True
    for q in quotes:
        if q.warning:
            rel.warnings.append(q.warning)


def _quotes_around(
    rel: _Rel, qmap: QuoteMap, text: str, scare: set[int]
) -> list[tuple[str, Quote]]:
    """Top-level, non-scare quotations ending right before the cue and source ("before",
    '…,” X said') or starting right after them ("after", 'X said, “…'), nothing but
    punctuation and spaces between, in text order."""
    lo = min(x[0] for x in filter(None, (rel.cue, rel.source)))
    hi = max(x[1] for x in filter(None, (rel.cue, rel.source)))
    out = []
    for q in _near_quotes(qmap, lo, hi):
        if q.depth or q.start in scare:
            continue
        if q.end <= lo and not any(ch.isalnum() for ch in text[q.end : lo]):
            out.append(("before", q))
        elif q.start >= hi and not any(ch.isalnum() for ch in text[hi : q.start]):
            out.append(("after", q))
    return out


def _adjacent_quote(
    rel: _Rel, qmap: QuoteMap, text: str, scare: set[int], paras: _Paragraphs
) -> Quote | None:
    """A quotation right before '…,” X said' or right after 'X said, “…'."""
    p1 = paras.bounds(rel.cue[0])[1]
    for side, q in _quotes_around(rel, qmap, text, scare):
        if q.n_words >= 3 and (side == "before" or q.start <= p1):
            return q
    return None


def split_quote(
    rel: _Rel, qmap: QuoteMap, text: str, scare: set[int], paras: _Paragraphs
) -> list[tuple[int, int]]:
    """The two pieces of a quotation the cue interrupts ("“X,” he said, “Y.”"), else ``[]``.

    >>> from kit.extract.sourcing.quotes import find_quotes
    >>> t = "“We won,” she said, “and we will win again.”"
    >>> r = _Rel(cue=(10, 18), cue_lemma="say", entry=None, source=(10, 13))
    >>> [t[a:b] for a, b in split_quote(r, find_quotes(t), t, set(), _Paragraphs(t))]
    ['We won,', 'and we will win again.']
    """
    p0, p1 = paras.bounds(rel.cue[0])
    found = {
        side: q
        for side, q in _quotes_around(rel, qmap, text, scare)
        if q.warning is None and p0 <= q.start < p1
    }
    if len(found) < 2:
        return []
    return [(q.inner_start, q.inner_end) for q in (found["before"], found["after"])]


def _near_quotes(qmap: QuoteMap, lo: int, hi: int) -> list[Quote]:
    """Quotes ending within 4 characters before ``lo`` or starting within 4 after ``hi``.

    In the order of ``qmap.quotes``; the only ones :func:`_adjacent_quote` can return.
    """
    key = (id(qmap.quotes), len(qmap.quotes))
    cached = qmap.__dict__.get("_near_index")
    if cached is None or cached[0] != key:
        by_end: dict[int, list[int]] = {}
        by_start: dict[int, list[int]] = {}
        for k, q in enumerate(qmap.quotes):
            by_end.setdefault(q.end, []).append(k)
            by_start.setdefault(q.start, []).append(k)
        cached = (key, by_end, by_start)
        qmap.__dict__["_near_index"] = cached
    _, by_end, by_start = cached
    picked: set[int] = set()
    for off in range(lo - 4, lo + 1):
        picked.update(by_end.get(off, ()))
    for off in range(hi, hi + 5):
        picked.update(by_start.get(off, ()))
    return [qmap.quotes[k] for k in sorted(picked)]


# ---------------------------------------------------------------- the pass --
