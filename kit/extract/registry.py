"""The extractors, in run order, and what each needs before it.

Each extractor module follows :class:`Extractor`: ``TABLE`` (its table name),
``COLUMNS`` (as declared in :mod:`kit.tables`) and ``extract(doc, info,
resources, found)`` returning one dict per row; ``found`` holds the rows the
earlier extractors produced for the same document. Corpus-level tables built
from those rows (``actors`` from ``mentions``) come from :data:`SUMMARIES`.

>>> resolve_extractors(["attributions"])
('timexes', 'actors', 'attributions')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from spacy.tokens import Doc

    from kit.nlp.model import DocInfo

#: Extractor name -> module, in the order they run (later ones may read earlier rows).
EXTRACTORS: dict[str, str] = {
    "timexes": "kit.extract.time.extractor",
    "quantities": "kit.extract.quantities.extractor",
    "actors": "kit.extract.actors.extractor",
    "attributions": "kit.extract.sourcing.extractor",
}
#: What each extractor needs to have run before it.
REQUIRES: dict[str, tuple[str, ...]] = {"attributions": ("actors", "timexes")}
#: Extractor name -> ``module:function`` building corpus-level tables from the rows.
SUMMARIES: dict[str, str] = {"actors": "kit.extract.actors.summary:summarize"}
#: Extractor name -> the corpus-level tables its summary builds.
SUMMARY_TABLES: dict[str, tuple[str, ...]] = {"actors": ("actors", "actor_aliases")}


class Extractor(Protocol):
    """What an extractor module provides."""

    TABLE: str
    COLUMNS: list[str]

    def extract(
        self, doc: Doc, info: DocInfo, res: Any, found: dict[str, list[dict]]
    ) -> list[dict]: ...


Summarizer = Callable[["dict[str, pd.DataFrame]", "pd.DataFrame"], "dict[str, pd.DataFrame]"]


def resolve_extractors(names: Iterable[str] | None) -> tuple[str, ...]:
    """Validate extractor names, add what they require, return them in run order.

    >>> resolve_extractors(["attributions"])
    ('timexes', 'actors', 'attributions')
    """
    wanted = set(EXTRACTORS) if names is None else set(names)
    unknown = wanted - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; choose from {list(EXTRACTORS)}")
    for name in list(wanted):
        wanted.update(REQUIRES.get(name, ()))
    return tuple(n for n in EXTRACTORS if n in wanted)


def extractor(name: str) -> Extractor:
    """The module of a named extractor.

    >>> extractor("quantities").TABLE
    'quantities'
    """
    return importlib.import_module(EXTRACTORS[name])  # type: ignore[return-value]


def summarizer(name: str) -> Summarizer | None:
    """The function building the corpus-level tables of an extractor, if it has one."""
    target = SUMMARIES.get(name)
    if target is None:
        return None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)
