"""Attribution relations: who is cited (source), how (cue), saying what (content).

>>> import kit                                                     # doctest: +SKIP
>>> a = kit.analyze(kit.load("data/"), extractors=["attributions"]) # doctest: +SKIP
>>> a.attributions[["source_text", "cue", "source_type", "stance"]] # doctest: +SKIP

One pass over the dependency parse finds cue verbs from the cue table
(``data/cues.csv``, see :mod:`kit.cues`), "according to X", hedge adverbs
("reportedly") and quotations (:mod:`kit.quotes`). For each cue the source is
the verb's subject (or the agent of a passive, or the subject it shares with a
coordinated verb), the content is its clausal complement, the clause it
comments on ("…, X said.") or the adjacent quotation. Sources are typed and
linked to actors through ``found["mentions"]``; ``said_on`` comes from a DATE
in ``found["timexes"]`` attached to the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kit.cues import Cue, CueLexicon, lexicon
from kit.quotes import Quote, QuoteMap, find_quotes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from kit.nlp import DocInfo

TABLE = "attributions"
COLUMNS = [
    "doc_id",
    "attribution_id",
    "sent_id",
    "source_text",
    "source_start",
    "source_end",
    "cue",
    "cue_start",
    "cue_end",
    "cue_lemma",
    "stance",
    "content",
    "content_start",
    "content_end",
    "direct",
    "mixed",
    "source_type",
    "source_actor_id",
    "source_actor",
    "affiliation_actor_id",
    "hedged",
    "hedge",
    "channel",
    "channel_actor_id",
    "said_on",
    "parent_id",
    "warning",
]

SOURCE_TYPES = (
    "named_person",
    "named_organisation",
    "anonymous",
    "media",
    "document",
    "social_media",
    "unattributed",
)
#: Longest content kept as one span (longer ones are cut to the cue's sentence).
MAX_CONTENT_CHARS = 3000

# Verbs that attribute only with a particle: "called for", "pointed out".
_NEEDS_PARTICLE = {"call": ("for", "on"), "point": ("out", "to")}
# Verbs whose cue takes the next verb along: "purported to show".
_RAISING = {"purport"}
# Passive cues without an agent that still attribute: "is said to", "was reported to".
_HEARSAY = {
    "say",
    "report",
    "believe",
    "allege",
    "claim",
    "rumor",
    "rumour",
    "expect",
    "think",
    "estimate",
    "understand",
    "know",
    "suggest",
    "tell",
    # evaluations and accusations reported without their authors: "has been criticized for"
    "criticize",
    "criticise",
    "accuse",
    "blame",
    "mention",
    "praise",
    "condemn",
    "question",
    "describe",
    "announce",
    "predict",
    "ask",
}
_CLAUSE_DEPS = ("ccomp", "xcomp")
_SOURCE_DEPS = ("nsubj",)
_SOURCE_STOP = {"appos", "relcl", "acl", "punct", "parataxis", "advcl", "cc", "conj"}
_TRIM_DEPS = {"punct", "cc", "mark_", "prep_"}

ANONYMOUS_NOUNS = {
    "official",
    "source",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "aide",
    "analyst",
    "expert",
    "observer",
    "witness",
    "resident",
    "person",
    "people",
    "insider",
    "commander",
    "activist",
    "lawmaker",
    "staffer",
    "adviser",
    "advisor",
    "member",
    "representative",
    "investigator",
    "authority",
    "critic",
    "supporter",
    "voter",
    "economist",
    "researcher",
    "scientist",
    "doctor",
    "someone",
    "somebody",
    "negotiator",
    "participant",
    "employee",
    "worker",
    "leader",
    "strategist",
    "operative",
    "agent",
    "friend",
    "relative",
    "neighbor",
    "neighbour",
    "local",
    "man",
    "woman",
    "rebel",
    "fighter",
    "soldier",
    "militant",
    "protester",
    "student",
}
ORGANISATION_NOUNS = {
    "administration",
    "campaign",
    "government",
    "ministry",
    "military",
    "army",
    "police",
    "militia",
    "group",
    "coalition",
    "party",
    "company",
    "firm",
    "court",
    "committee",
    "council",
    "department",
    "agency",
    "embassy",
    "office",
    "parliament",
    "congress",
    "senate",
    "house",
    "regime",
    "force",
    "forces",
    "navy",
    "organization",
    "organisation",
    "union",
    "movement",
    "alliance",
    "cabinet",
    "presidency",
    "kremlin",
    "pentagon",
    "commission",
    "board",
    "bank",
    "institute",
    "foundation",
    "team",
    "club",
    "university",
}
DOCUMENT_NOUNS = {
    "statement",
    "report",
    "leaflet",
    "document",
    "letter",
    "memo",
    "memorandum",
    "study",
    "survey",
    "poll",
    "data",
    "filing",
    "transcript",
    "book",
    "article",
    "release",
    "communique",
    "communiqué",
    "resolution",
    "law",
    "bill",
    "complaint",
    "indictment",
    "lawsuit",
    "ruling",
    "order",
    "decree",
    "email",
    "e-mail",
    "note",
    "message",
    "paper",
    "analysis",
    "assessment",
    "record",
    "records",
    "sign",
    "banner",
    "poster",
    "flyer",
    "brochure",
    "manifesto",
    "platform",
    "guideline",
    "guidance",
    "policy",
    "plan",
    "proposal",
    "research",
    "estimate",
    "figure",
    "number",
    "census",
    "audit",
    "review",
    "investigation",
    "inquiry",
    "affidavit",
    "testimony",
    "cable",
    "notice",
    "website",
}
SOCIAL_NOUNS = {
    "video",
    "footage",
    "post",
    "tweet",
    "clip",
    "photo",
    "photograph",
    "image",
    "picture",
    "livestream",
    "selfie",
    "meme",
    "hashtag",
    "footages",
    "videos",
}
SOCIAL_WORDS = {
    "social media",
    "twitter",
    "facebook",
    "telegram",
    "youtube",
    "instagram",
    "tiktok",
    "whatsapp",
    "vkontakte",
    "weibo",
    "online",
}
MEDIA_NOUNS = {
    "newspaper",
    "outlet",
    "broadcaster",
    "channel",
    "station",
    "network",
    "magazine",
    "daily",
    "tv",
    "television",
    "radio",
    "tabloid",
    "journal",
    "newswire",
    "wire",
    "reporter",
    "journalist",
    "correspondent",
    "columnist",
    "editor",
    "media",
}
PERSON_PRONOUNS = {"he", "she", "i", "him", "her"}
GROUP_PRONOUNS = {"we", "they", "it"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_ORG_ACTOR_TYPES = {
    "organisation",
    "organization",
    "state",
    "armed_group",
    "political_group",
    "international_organisation",
    "place",
}
_SCARE_BEFORE = re.compile(
    r"(?:so[- ]called|dubbed|called|termed|known as|nicknamed|labell?ed|branded|coined|"
    r"described as|referred to as)\W*$",
    re.IGNORECASE,
)


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


def _adjacent_quote(
    rel: _Rel, qmap: QuoteMap, text: str, scare: set[int], paras: _Paragraphs
) -> Quote | None:
    """A quotation right before '…,” X said' or right after 'X said, “…'."""
    lo = min(x[0] for x in filter(None, (rel.cue, rel.source)))
    hi = max(x[1] for x in filter(None, (rel.cue, rel.source)))
    p0, p1 = paras.bounds(rel.cue[0])
    for q in _near_quotes(qmap, lo, hi):
        if q.depth or q.start in scare or q.n_words < 3:
            continue
        gap_before = text[q.end : lo] if q.end <= lo else None
        gap_after = text[hi : q.start] if q.start >= hi else None
        if (
            gap_before is not None
            and len(gap_before) <= 4
            and not any(ch.isalnum() for ch in gap_before)
        ):
            return q
        if (
            gap_after is not None
            and len(gap_after) <= 4
            and not any(ch.isalnum() for ch in gap_after)
        ) and q.start <= p1:
            return q
    return None


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


def _particles(entry: Cue, lemma: str) -> tuple[str, ...]:
    """The particles/prepositions that belong to the cue of a verb ("called for", "spoke of")."""
    return _NEEDS_PARTICLE.get(lemma, ()) + tuple(
        r for r in entry.requires if r not in ("clause", "colon")
    )


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


# ---------------------------------------------------------------- linking --


class _Mentions:
    """Actor mentions of the document, searchable by offset."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = sorted(
            (r for r in rows if isinstance(r.get("start"), int)),
            key=lambda r: (r["start"], r["end"]),
        )
        self.starts = [r["start"] for r in self.rows]
        self.persons = [i for i, r in enumerate(self.rows) if r.get("actor_type") == "person"]

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

    def last_person_before(self, offset: int) -> dict | None:
        i = bisect_left(self.starts, offset)
        k = bisect_left(self.persons, i) - 1  # the last person row before row i
        return self.rows[self.persons[k]] if k >= 0 else None


def _classify(
    rel: _Rel, mentions: _Mentions, text: str, person_names: set[str]
) -> tuple[str, dict | None, str | None]:
    """Source type, the linked mention (or None) and the affiliation actor id."""
    if rel.source is None or rel.source_tok is None:
        return "unattributed", None, None
    s, e = rel.source
    tok = rel.source_tok
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    head_mention = mentions.covering(tok.idx)
    others = [m for m in mentions.within(s, e) if m is not head_mention]
    affiliation = None
    for m in others:
        if m.get("actor_type") in _ORG_ACTOR_TYPES | {"media"} and m.get("actor_id"):
            affiliation = m["actor_id"]
            break
    lemma = tok.lemma_.lower()
    src_text = text[s:e].lower()
    if head_mention is not None:
        atype = head_mention.get("actor_type")
        linked = head_mention.get("linked_actor_id")
        aff = linked if isinstance(linked, str) and linked else affiliation
        if atype == "person":
            return "named_person", head_mention, aff
        if atype == "media":
            return "media", head_mention, aff
        if atype in _ORG_ACTOR_TYPES:
            return "named_organisation", head_mention, aff
    if lemma in PERSON_PRONOUNS:
        prev = mentions.last_person_before(s)
        linked = prev.get("linked_actor_id") if prev else None
        return "named_person", prev, linked if isinstance(linked, str) else None
    if lemma in SOCIAL_NOUNS or any(w in src_text for w in SOCIAL_WORDS):
        return "social_media", None, affiliation
    if lemma in DOCUMENT_NOUNS:
        return "document", None, affiliation
    if lemma in MEDIA_NOUNS:
        return "media", None, affiliation
    if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and tok.lower_ in person_names:
        return "named_person", None, affiliation
    if tok.ent_type_ in ("ORG", "GPE", "NORP") or lemma in ORGANISATION_NOUNS or lemma == "it":
        return "named_organisation", None, affiliation
    if lemma in ANONYMOUS_NOUNS or lemma in ("they", "we", "someone"):
        return "anonymous", None, affiliation
    if tok.pos_ == "PROPN":
        return "named_organisation", None, affiliation
    return "anonymous", None, affiliation


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


# ---------------------------------------------------------------- extract --


def extract(doc: Doc, info: DocInfo, res: Any, found: dict[str, list[dict]]) -> list[dict]:
    """One row per attribution relation in ``doc`` (see :data:`COLUMNS`)."""
    text = info.text
    if not text.strip():
        return []
    lex = lexicon(res)
    qmap = find_quotes(text)
    paras = _Paragraphs(text)
    scare = {q.start for q in qmap.quotes if _is_scare(q, text)}
    rels: list[_Rel] = []
    seen: set[int] = set()
    adverbs: list[tuple] = []
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            entry = lex.phrases.get(("according", "to"))
            if entry is not None:
                rel = _from_according(tok, entry, text, paras)
                if rel is not None and rel.content is not None:
                    rels.append(rel)
                    seen.add(tok.idx)
            continue
        if low in lex.adverbs and tok.dep_ == "advmod":
            adverbs.append((tok, lex.adverbs[low]))
            continue
        if tok.pos_ in ("NOUN", "PROPN") and lex.nouns and not tok.tag_.startswith("VB"):
            entry = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(low)
            if entry is not None:
                rel = _from_noun(tok, entry, text, paras)
                if rel is not None:
                    rels.append(rel)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        entry = lex.verb(tok.lemma_) or lex.verb(low) or lex.verb_form(low)
        if entry is None or tok.idx in seen:
            continue
        rel = _from_verb(tok, entry, lex, text, paras)
        if rel is None:
            continue
        if rel.content is None:
            q = _adjacent_quote(rel, qmap, text, scare, paras)
            if q is not None and q.warning is None:
                rel.content = (q.inner_start, q.inner_end)
                rel.direct = True
        if rel.content is None and (rel.source is not None or rel.unattributed):
            rel.content = _fallback_content(rel, text, paras)
        if rel.content is None:
            continue
        rels.append(rel)
        seen.update(t.idx for t in doc[tok.i : tok.i + 4] if t.idx < rel.cue[1])
    cue_by_verb = {r.verb.i: r for r in rels if r.verb is not None}
    for tok, entry in adverbs:
        owner = cue_by_verb.get(tok.head.i)
        if owner is None:
            owner = next(
                (r for r in rels if r.content_root is not None and r.content_root.i == tok.head.i),
                None,
            )
        if owner is not None:
            owner.hedges.append(tok.text)
            continue
        rel = _from_adverb(tok, entry, text, paras)
        if rel is not None and rel.content is not None:
            rels.append(rel)
    for rel in rels:
        if not rel.direct:
            _apply_quotes(rel, qmap, text, scare)
        if rel.content and rel.content[1] - rel.content[0] > MAX_CONTENT_CHARS:
            sent = doc.char_span(*rel.cue, alignment_mode="expand")
            if sent is not None:
                s = sent.sent
                rel.content = _strip(text, _cut_out((s.start_char, s.end_char), rel))
            rel.warnings.append("content too long: cut to the cue's sentence")
        if rel.entry.hedge and rel.entry.kind == "verb":
            rel.hedges.insert(0, text[rel.cue[0] : rel.cue[1]])
    rels = [r for r in rels if r.content is not None]
    # speech reported inside a quotation belongs to the quoted speaker, not to the writer
    inside = [q for q in qmap.quotes if q.depth == 0 and q.warning is None and q.n_words > 5]
    covered = _covered_by([(q.inner_start, q.inner_end) for q in inside])
    rels = [r for r in rels if not covered(r.cue[0])]
    rels += _layout_relations(doc, text, qmap, lex, {r.cue[0] for r in rels})
    rels.sort(key=lambda r: (r.cue[0], r.cue[1]))
    return _rows(rels, doc, info, qmap, found)


def _covered_by(spans: list[tuple[int, int]]):
    """A test ``offset -> any(s <= offset < e for s, e in spans)`` in O(log n) per call."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach: list[int] = []  # running maximum of the ends
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)

    def covered(offset: int) -> bool:
        i = bisect_right(starts, offset)
        return i > 0 and reach[i - 1] > offset

    return covered


_SPEAKER = r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}"
_LABEL = re.compile(rf"^[\W_]{{0,2}}({_SPEAKER})(:)[ \t]+(?=\S)", re.MULTILINE)
_DASH = re.compile(rf"[”\"][ \t\u00a0]*([―—])[ \t\u00a0]*({_SPEAKER})")
_NOT_SPEAKERS = {
    "update",
    "note",
    "editor's note",
    "editor’s note",
    "photo",
    "watch",
    "read",
    "related",
    "source",
    "sources",
    "via",
    "image",
    "video",
    "credit",
    "more",
}


def _layout_relations(
    doc: Doc, text: str, qmap: QuoteMap, lex: CueLexicon, taken: set[int]
) -> list[_Rel]:
    """Relations marked by layout, not by a verb.

    ``WALLACE: Let's start …`` (a speaker label at a paragraph start: transcripts,
    headlines like ``Pence: …``) and ``“…” ― Sonya Herridge`` (a quote signed
    with a dash).
    """
    entry = Cue(lemma=":", kind="phrase")
    paras = _Paragraphs(text)
    out: list[_Rel] = []
    for m in _LABEL.finditer(text):
        name = m.group(1)
        if name.lower().rstrip(".") in _NOT_SPEAKERS or m.start(2) in taken:
            continue
        p_end = paras.bounds(m.start(1))[1]
        content = _strip(text, (m.end(), p_end))
        if content is None:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        out.append(
            _Rel(
                cue=(m.start(2), m.end(2)),
                cue_lemma=":",
                entry=entry,
                source=(m.start(1), m.end(1)),
                source_tok=span.root if span is not None and len(span) else None,
                content=content,
            )
        )
    for m in _DASH.finditer(text):
        quote = next((q for q in qmap.quotes if q.end == m.start() + 1 and q.depth == 0), None)
        if m.start(1) in taken:
            continue
        if quote is not None:
            content = (quote.inner_start, quote.inner_end)
        else:  # the marks did not pair up: the paragraph up to the closing mark
            p0 = paras.bounds(m.start())[0]
            opened = max(text.rfind(ch, p0, m.start()) for ch in '“"')
            content = _strip(text, (max(p0, opened + 1), m.start()))
            if content is None:
                continue
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        out.append(
            _Rel(
                cue=(m.start(1), m.end(1)),
                cue_lemma="―",
                entry=Cue(lemma="―", kind="phrase"),
                source=(m.start(2), m.end(2)),
                source_tok=span.root if span is not None and len(span) else None,
                content=content,
                direct=True,
            )
        )
    return out


def _rows(
    rels: list[_Rel], doc: Doc, info: DocInfo, qmap: QuoteMap, found: dict[str, list[dict]]
) -> list[dict]:
    text = info.text
    mentions = _Mentions(found.get("mentions") or [])
    timexes = sorted(
        (t for t in (found.get("timexes") or []) if isinstance(t.get("start"), int)),
        key=lambda t: (t["start"], t["end"]),
    )
    ids = [f"{info.doc_id}:a{n}" for n in range(1, len(rels) + 1)]
    # words of PERSON names in the document, so "Dillon" is a person once "Ryan Dillon" was
    person_names = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_alpha}
    parents = _parents(rels)
    rows = []
    for k, rel in enumerate(rels):
        stype, mention, affiliation = _classify(rel, mentions, text, person_names)
        parent = ids[parents[k]] if parents[k] is not None else None
        channel, channel_id = _channel(rel, mentions)
        cs, ce = rel.content
        sent = doc.char_span(*rel.cue, alignment_mode="expand")
        warn_lo, warn_hi = (sent.sent.start_char, sent.sent.end_char) if sent else rel.cue
        warnings = sorted(set(rel.warnings) | set(qmap.problems_in(warn_lo, warn_hi)))
        src = rel.source
        rows.append(
            {
                "doc_id": info.doc_id,
                "attribution_id": ids[k],
                "sent_id": info.sent_id_at(rel.cue[0]),
                "source_text": text[src[0] : src[1]] if src else None,
                "source_start": src[0] if src else None,
                "source_end": src[1] if src else None,
                "cue": text[rel.cue[0] : rel.cue[1]],
                "cue_start": rel.cue[0],
                "cue_end": rel.cue[1],
                "cue_lemma": rel.cue_lemma,
                "stance": rel.entry.stance,
                "content": text[cs:ce],
                "content_start": cs,
                "content_end": ce,
                "direct": rel.direct,
                "mixed": rel.mixed,
                "source_type": stype,
                "source_actor_id": mention.get("actor_id") if mention else None,
                "source_actor": mention.get("actor") if mention else None,
                "affiliation_actor_id": affiliation,
                "hedged": bool(rel.hedges),
                "hedge": "; ".join(dict.fromkeys(rel.hedges)) or None,
                "channel": channel,
                "channel_actor_id": channel_id,
                "said_on": _said_on(rel, doc, timexes),
                "parent_id": parent,
                "warning": "; ".join(warnings) or None,
            }
        )
    return rows


def _parents(rels: list[_Rel]) -> list[int | None]:
    """For each relation, the other relation whose content most tightly holds its cue.

    Smallest content wins, the earliest relation on ties; contents are looked up
    by start offset, so long documents do not compare every pair.
    """
    spans = sorted(
        (r.content[0], r.content[1], j) for j, r in enumerate(rels) if r.content is not None
    )
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0)
    out: list[int | None] = []
    for k, rel in enumerate(rels):
        c0, c1 = rel.cue
        best: tuple[int, int] | None = None
        # a holding content starts at or before c0 and is at most ``longest`` long
        lo = bisect_left(starts, c1 - longest)
        hi = bisect_right(starts, c0)
        for cs, ce, j in spans[lo:hi]:
            if j != k and c1 <= ce and (best is None or (ce - cs, j) < best):
                best = (ce - cs, j)
        out.append(best[1] if best is not None else None)
    return out


def _channel(rel: _Rel, mentions: _Mentions) -> tuple[str | None, str | None]:
    tok = rel.channel_tok
    if tok is None:
        return None, None
    m = mentions.covering(tok.idx)
    if m is not None:
        if m.get("actor_type") not in (None, "media"):
            return None, None
        return m.get("actor") or m.get("text"), m.get("actor_id")
    if tok.ent_type_ == "PERSON":
        return None, None
    return tok.text, None
