"""Engines that run :func:`kit.run.pipeline.analyze_records` over a corpus.

>>> from kit.run.engines import run
>>> rows = run(records, settings, engine="local", n_process=2)   # doctest: +SKIP

Every engine cuts the corpus into batches in document order, analyses each
batch (the model loads once per worker process) and yields the rows in the
same order, so results do not depend on the engine or the worker count.
:func:`run_cached` adds the results store: documents already in the store are
read back, only the others are parsed, and new rows are saved as they arrive.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from kit.run.parts import DEFAULT_FLUSH_DOCS, Batch, balanced_parts, merge, progress_bar
from kit.run.pipeline import Settings, analyze_records

log = logging.getLogger("kit")


def _ordered(pool_submit, parts: list[list[dict]], window: int) -> Iterator[Batch]:
    """Submit at most ``window`` batches at a time; yield results in submission order."""
    queue: list[tuple[list[dict], Future]] = []
    it = iter(parts)
    for part in it:
        queue.append((part, pool_submit(part)))
        if len(queue) >= window:
            break
    while queue:
        part, fut = queue.pop(0)
        result = fut.result()
        nxt = next(it, None)
        if nxt is not None:
            queue.append((nxt, pool_submit(nxt)))
        yield part, result


def iter_local(
    records: Sequence[dict],
    settings: Settings,
    *,
    n_process: int = 1,
    chunk_docs: int | None = None,
) -> Iterator[Batch]:
    """``(batch records, batch rows)`` in order, in this process or ``n_process`` workers.

    ``chunk_docs`` (documents per batch) defaults to :func:`balanced_parts`.
    """
    if n_process < 1:
        raise ValueError(f"n_process must be >= 1, got {n_process}")
    parts = balanced_parts(records, n_process, chunk_docs=chunk_docs)
    if n_process == 1 or len(parts) <= 1:
        for part in parts:
            yield part, analyze_records(part, settings)
        return
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # Workers inherit the loaded model instead of loading it again.
        from kit.nlp.model import load_model
        from kit.run.pipeline import resources_for

        load_model(settings.model)
        resources_for(settings)
        ctx = multiprocessing.get_context("fork")
    else:  # pragma: no cover - Windows/macOS spawn
        ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
        yield from _ordered(
            lambda part: pool.submit(analyze_records, part, settings), parts, 3 * n_process
        )


def iter_batches(
    records: Sequence[dict],
    settings: Settings,
    *,
    engine: str = "local",
    n_process: int = 1,
    **options: Any,
) -> Iterator[Batch]:
    """Dispatch to the named engine (``"local"`` or ``"dask"``), batch by batch."""
    if engine == "local":
        return iter_local(records, settings, n_process=n_process, **options)
    if engine == "dask":
        from kit.run.dask_engine import iter_dask

        return iter_dask(records, settings, **options)
    raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")


def run(
    records: Sequence[dict],
    settings: Settings,
    *,
    engine: str = "local",
    n_process: int = 1,
    progress: bool = False,
    bar: Any = None,
    **options: Any,
) -> dict[str, list[dict]]:
    """All rows of all records, concatenated in record order.

    ``progress=True`` shows a bar; ``bar=`` updates an existing tqdm bar instead.
    """
    own_bar = bar is None
    if own_bar:
        bar = progress_bar(len(records), progress)

    def counted(parts: Iterator[Batch]) -> Iterator[dict[str, list[dict]]]:
        for part, rows in parts:
            if bar is not None:
                bar.update(len(part))
            yield rows

    out = merge(
        counted(iter_batches(records, settings, engine=engine, n_process=n_process, **options))
    )
    if bar is not None and own_bar:
        bar.close()
    return out


# ---------------------------------------------------------- with a store --


@dataclass
class RunStats:
    """What a run did: documents read from the store and documents parsed."""

    n_docs: int = 0
    n_cached: int = 0
    n_parsed: int = 0
    n_stored: int = 0


_LAST = RunStats()


def last_run() -> RunStats:
    """The :class:`RunStats` of the latest :func:`run_cached` in this process."""
    return _LAST


def run_cached(
    records: Sequence[dict],
    settings: Settings,
    *,
    store: Any,
    cache: bool = True,
    engine: str = "local",
    n_process: int = 1,
    progress: bool = False,
    flush_docs: int = DEFAULT_FLUSH_DOCS,
    bar: Any = None,
    **options: Any,
) -> dict[str, list[dict]]:
    """:func:`run` through a :class:`~kit.run.store.Store`: parse only what it lacks.

    With ``cache=False`` nothing is read from the store (every document is
    parsed) but the new rows are still saved.
    """
    global _LAST
    from kit.run.fingerprint import doc_key, fingerprint_of, fingerprint_parts
    from kit.run.store import split_by_doc

    parts = fingerprint_parts(settings)
    fp = fingerprint_of(parts)
    keys = [doc_key(r) for r in records]
    cached = store.fetch(fp, keys) if cache else {}
    todo = [r for r, k in zip(records, keys) if k not in cached]
    stats = RunStats(n_docs=len(records), n_cached=len(records) - len(todo), n_parsed=len(todo))
    if stats.n_cached:
        log.info("%d of %d documents read from %s", stats.n_cached, len(records), store.path)
    fresh: dict[str, dict[str, list[dict]]] = {}
    pending: list[tuple[str, str, dict]] = []
    own_bar = bar is None
    if own_bar:
        bar = progress_bar(len(todo), progress and bool(todo))
    elif stats.n_cached:
        bar.update(stats.n_cached)
    for part, rows in iter_batches(todo, settings, engine=engine, n_process=n_process, **options):
        for record, doc_rows in zip(part, split_by_doc(rows, [r["doc_id"] for r in part])):
            key = doc_key(record)
            fresh[key] = doc_rows
            pending.append((key, str(record["doc_id"]), doc_rows))
        if len(pending) >= flush_docs:
            stats.n_stored += store.put(fp, pending, parts=parts)
            pending = []
        if bar is not None:
            bar.update(len(part))
    if pending:
        stats.n_stored += store.put(fp, pending, parts=parts)
    if bar is not None and own_bar:
        bar.close()
    out: dict[str, list[dict]] = {}
    for key in keys:
        doc_rows = cached.get(key)
        if doc_rows is None:
            doc_rows = fresh[key]
        for table, table_rows in doc_rows.items():
            out.setdefault(table, []).extend(table_rows)
    _LAST = stats
    return out
