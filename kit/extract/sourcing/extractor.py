"""Attribution relations: who is cited (source), how (cue), saying what (content).

>>> import kit                                                     # doctest: +SKIP
>>> a = kit.analyze(kit.load("data/"), extractors=["attributions"]) # doctest: +SKIP
>>> a.attributions[["source_text", "cue", "source_type", "stance"]] # doctest: +SKIP

One pass over the dependency parse finds cue verbs from the cue table
(``data/cues.csv``, see :mod:`kit.extract.sourcing.cues`), "according to X", hedge adverbs
("reportedly") and quotations (:mod:`kit.extract.sourcing.quotes`). For each cue the source is
the verb's subject (or the agent of a passive, or the subject it shares with a
coordinated verb), the content is its clausal complement, the clause it
comments on ("…, X said.") or the adjacent quotation. Sources are typed and
linked to actors through ``found["mentions"]``; ``said_on`` comes from a DATE
in ``found["timexes"]`` attached to the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

from kit.extract.sourcing.cues import Cue, CueLexicon, lexicon
from kit.extract.sourcing.filters import is_not_attribution, repair_passive
from kit.extract.sourcing.linking import _Mentions, _said_on
from kit.extract.sourcing.quotes import QuoteMap, find_quotes
from kit.extract.sourcing.referents import Source, SourceResolver
from kit.extract.sourcing.relations import (
    _cut_out,
    _fallback_content,
    _from_according,
    _from_adverb,
    _from_noun,
    _from_verb,
)
from kit.extract.sourcing.spans import (
    _adjacent_quote,
    _apply_quotes,
    _is_scare,
    _Paragraphs,
    _Rel,
    _strip,
    split_quote,
)
from kit.tables import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from kit.nlp.model import DocInfo


TABLE = "attributions"
COLUMNS = columns(TABLE)

SOURCE_TYPES = (
    "named_person",
    "named_organisation",
    "anonymous",
    "media",
    "document",
    "social_media",
    "pronoun",
    "other",
    "unattributed",
)
#: Longest content kept as one span (longer ones are cut to the cue's sentence).
MAX_CONTENT_CHARS = 3000
# ---------------------------------------------------------------- extract --


def extract(doc: Doc, info: DocInfo, res: Any, found: dict[str, list[dict]]) -> list[dict]:
    """One row per attribution relation in ``doc`` (see :data:`COLUMNS`)."""
    text = info.text
    if not text.strip():
        return []
    lex = lexicon(res)
    qmap = find_quotes(text)
    rels = rule_relations(doc, text, lex, qmap)
    # ---- attribution="learned" | "rules" (the default): see kit.extract.sourcing.learned
    if attribution_mode(res) == "learned":
        from kit.extract.sourcing.learned import learned_relations

        rels = learned_relations(doc, text, lex, qmap, rels)
    # ---- end of the attribution hook
    return _rows(rels, doc, info, qmap, found)


#: ``attribution=`` values: the trained model (rules as features and fallback) or the rules only.
ATTRIBUTION_MODES = ("learned", "rules")
DEFAULT_ATTRIBUTION = "rules"


def attribution_mode(res: Any) -> str:
    """The ``attribution`` setting carried by the resources (``DEFAULT_ATTRIBUTION`` if unset)."""
    get = getattr(res, "get", None)
    return get("attribution", lambda: DEFAULT_ATTRIBUTION) if get else DEFAULT_ATTRIBUTION


def rule_relations(doc: Doc, text: str, lex: CueLexicon, qmap: QuoteMap) -> list[_Rel]:
    """The relations the rules find, sorted by cue (before sources are typed and resolved)."""
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
        if rel.direct and rel.cue is not None:
            pieces = split_quote(rel, qmap, text, scare, paras)
            if pieces:  # "“X,” he said, “Y.”": one content in two pieces
                rel.fragments = pieces
                rel.content = next(
                    (p for p in pieces if rel.content and p[0] <= rel.content[0] < p[1]),
                    pieces[0],
                )
        if rel.content and rel.content[1] - rel.content[0] > MAX_CONTENT_CHARS:
            sent = doc.char_span(*rel.cue, alignment_mode="expand")
            if sent is not None:
                s = sent.sent
                rel.content = _strip(text, _cut_out((s.start_char, s.end_char), rel))
            rel.warnings.append("content too long: cut to the cue's sentence")
        if rel.entry.hedge and rel.entry.kind == "verb":
            rel.hedges.insert(0, text[rel.cue[0] : rel.cue[1]])
    rels = [r for r in rels if r.content is not None]
    for rel in rels:
        repair_passive(rel, doc)
    rels = [r for r in rels if not is_not_attribution(r, doc)]
    # speech reported inside a quotation belongs to the quoted speaker, not to the writer
    inside = [q for q in qmap.quotes if q.depth == 0 and q.warning is None and q.n_words > 5]
    covered = _covered_by([(q.inner_start, q.inner_end) for q in inside])
    rels = [r for r in rels if not covered(r.cue[0])]
    rels += _layout_relations(doc, text, qmap, lex, {r.cue[0] for r in rels})
    rels.sort(key=lambda r: (r.cue[0], r.cue[1]))
    return rels


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
_LABEL = re.compile(
    # "WALLACE: …", "**Pence:** …" and a name in double brackets ("((WN)) …", how some
    # wiki exports write a bold speaker name)
    rf"^[\W_]{{0,2}}(?:({_SPEAKER})(:)\**|\(\(({_SPEAKER})(\)\)):?)[ \t]+(?=\S)",
    re.MULTILINE,
)
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
        g = 1 if m.group(1) is not None else 3  # the name's group, the cue's is g + 1
        name = m.group(g)
        if name.lower().rstrip(".") in _NOT_SPEAKERS or m.start(g + 1) in taken:
            continue
        p_end = paras.bounds(m.start(g))[1]
        content = _strip(text, (m.end(), p_end))
        if content is None:
            continue
        span = doc.char_span(m.start(g), m.end(g), alignment_mode="expand")
        out.append(
            _Rel(
                cue=(m.start(g + 1), m.end(g + 1)),
                cue_lemma=":",
                entry=entry,
                source=(m.start(g), m.end(g)),
                source_tok=span.root if span is not None and len(span) else None,
                content=content,
                label=True,
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
    parents = _parents(rels)
    resolver = SourceResolver(doc, text, mentions)
    sources: dict[int, Source] = {}

    def source_of(k: int, depth: int = 0) -> Source:
        # an enclosing relation first: "I" in a quotation is its speaker, even when the
        # speaker's cue comes after the quotation
        if k not in sources:
            p = parents[k]
            up = source_of(p, depth + 1) if p is not None and depth < 8 else None
            sources[k] = resolver.resolve(rels[k], up)
        return sources[k]

    rows = []
    for k, rel in enumerate(rels):
        found_source = source_of(k)
        parent = ids[parents[k]] if parents[k] is not None else None
        channel, channel_id = _channel(rel, mentions)
        cs, ce = rel.content
        sent = doc.char_span(*rel.cue, alignment_mode="expand")
        warn_lo, warn_hi = (sent.sent.start_char, sent.sent.end_char) if sent else rel.cue
        warnings = sorted(set(rel.warnings) | set(qmap.problems_in(warn_lo, warn_hi)))
        src = rel.source
        ante = found_source.antecedent
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
                "content_fragments": ";".join(f"{a}-{b}" for a, b in rel.fragments) or None,
                "direct": rel.direct,
                "mixed": rel.mixed,
                "source_type": found_source.type,
                "source_actor_id": found_source.actor_id,
                "source_actor": found_source.actor,
                "source_resolution": found_source.resolution,
                "antecedent_start": ante[0] if ante else None,
                "antecedent_end": ante[1] if ante else None,
                "antecedent_text": text[ante[0] : ante[1]] if ante else None,
                "resolved": found_source.resolved,
                "affiliation_actor_id": found_source.affiliation,
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
