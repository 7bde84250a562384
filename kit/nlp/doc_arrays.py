"""Per-token attributes of a parsed ``Doc`` as plain Python lists, computed once per Doc.

>>> from kit.nlp.doc_arrays import arrays
>>> a = arrays(doc)                     # doctest: +SKIP
>>> a.text[0], a.idx[0], a.lower[0]     # doctest: +SKIP
('Forces', 0, 'forces')

Walking ``for tok in doc`` creates a ``Token`` object per token each time; the
extractors that need the same few attributes of every token read these lists
instead. The latest Doc's lists are kept (one per thread), so every extractor
of the same document shares them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(frozen=True)
class DocArrays:
    """Token ``idx``, ``text``, ``lower``, ``is_space`` and ``pos`` (e.g. ``"NOUN"``) lists."""

    idx: list[int]
    text: list[str]
    lower: list[str]
    is_space: list[bool]
    pos: list[str]


_LOCAL = threading.local()


def _build(doc: Doc) -> DocArrays:
    from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, POS
    from spacy.parts_of_speech import NAMES

    if not len(doc):
        return DocArrays([], [], [], [], [])
    # (``doc.text`` is rebuilt from every token on each access, so read strings by hash)
    cols = doc.to_array([IDX, ORTH, IS_SPACE, LOWER, POS]).T.tolist()
    idx, orth, space, lower, pos = cols
    strings = doc.vocab.strings
    seen: dict[int, str] = {}

    def lookup(hashes: list[int]) -> list[str]:
        out = []
        for h in hashes:
            s = seen.get(h)
            if s is None:
                s = seen[h] = strings[h]
            out.append(s)
        return out

    names = {int(k): v for k, v in NAMES.items()}
    return DocArrays(
        idx=idx,
        text=lookup(orth),
        lower=lookup(lower),
        is_space=[bool(s) for s in space],
        pos=[names.get(p, "") for p in pos],
    )


def arrays(doc: Doc) -> DocArrays:
    """The :class:`DocArrays` of ``doc`` (built on first use, reused for the same Doc)."""
    last = getattr(_LOCAL, "last", None)
    if last is not None and last[0] is doc:
        return last[1]
    built = _build(doc)
    _LOCAL.last = (doc, built)
    return built


def release() -> None:
    """Forget the latest Doc (call when done with a document so it can be freed)."""
    _LOCAL.last = None
