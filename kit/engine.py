"""Engines that run :func:`kit.analysis.analyze_records` over a corpus.

>>> from kit.engine import run
>>> rows = run(records, settings, engine="local", n_process=2)   # doctest: +SKIP

Every engine cuts the corpus into batches in document order, analyses each
batch (the model loads once per worker process) and concatenates the rows in
the same order, so results do not depend on the engine or the worker count.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from kit.analysis import Settings, analyze_records

#: Documents per unit of work sent to a worker.
DEFAULT_CHUNK_DOCS = 32


def batches(records: Sequence[dict], size: int = DEFAULT_CHUNK_DOCS) -> Iterator[list[dict]]:
    """Consecutive slices of ``records`` of at most ``size`` documents.

    >>> [len(b) for b in batches([{}] * 5, 2)]
    [2, 2, 1]
    """
    for i in range(0, len(records), size):
        yield list(records[i : i + size])


def merge(parts: Iterator[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Concatenate per-batch rows table by table, keeping batch order."""
    out: dict[str, list[dict]] = {}
    for part in parts:
        for table, rows in part.items():
            out.setdefault(table, []).extend(rows)
    return out


def _progress(iterable, total: int, show: bool):
    if not show:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, unit="batch", desc="analysing")


def run_local(
    records: Sequence[dict],
    settings: Settings,
    *,
    n_process: int = 1,
    chunk_docs: int = DEFAULT_CHUNK_DOCS,
    progress: bool = False,
) -> dict[str, list[dict]]:
    """Analyse in this process (``n_process=1``) or in a pool of worker processes."""
    if n_process < 1:
        raise ValueError(f"n_process must be >= 1, got {n_process}")
    parts = list(batches(records, chunk_docs))
    if n_process == 1 or len(parts) <= 1:
        return merge(_progress((analyze_records(p, settings) for p in parts), len(parts), progress))
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
        results = pool.map(analyze_records, parts, [settings] * len(parts))
        return merge(_progress(results, len(parts), progress))


def run(
    records: Sequence[dict],
    settings: Settings,
    *,
    engine: str = "local",
    n_process: int = 1,
    **options: Any,
) -> dict[str, list[dict]]:
    """Dispatch to the named engine (``"local"`` or ``"dask"``)."""
    if engine == "local":
        return run_local(records, settings, n_process=n_process, **options)
    if engine == "dask":
        from kit.dask_engine import run_dask

        return run_dask(records, settings, **options)
    raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
