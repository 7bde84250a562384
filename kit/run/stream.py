"""Streaming: analyse a corpus larger than memory, chunk by chunk, into the store.

>>> from kit.run.stream import analyze_stream, iter_analyze
>>> report = analyze_stream("corpus/", store="big.duckdb", parquet="out/")   # doctest: +SKIP
>>> for part in iter_analyze(records, store="big.duckdb", chunk_docs=500):    # doctest: +SKIP
...     part.quantities.to_csv(...)

The source is read lazily, ``chunk_docs`` documents at a time; each chunk is
analysed (documents already in the store are read back, the others parsed)
and its rows are written to the store before the next chunk is read, so peak
memory depends on ``chunk_docs``, not on the size of the corpus. A source is a
documents DataFrame, an iterable of DataFrames, an iterable of dicts with
``doc_id`` and ``text`` (``date``, ``source`` optional), or a path / list of
paths (read with :func:`kit.load` a chunk of files at a time).

Corpus-level tables (``actors``) in a chunk describe that chunk only; with
``parquet=`` only the per-document tables are written (``documents``,
``sentences``, ``mentions``, ``quantities``, ...), one file per chunk, e.g.
``out/mentions/part-000000.parquet``; query them all at once with
``duckdb.sql("SELECT * FROM read_parquet('out/mentions/*.parquet', union_by_name=true)")``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd

from kit.run.pipeline import Settings, assemble, records_of, split_analysable
from kit.tables import Analysis

#: Documents read, analysed and written per step.
DEFAULT_STREAM_CHUNK = 1000
_RECORD_COLUMNS = ("doc_id", "text", "date", "source", "path")


def _is_path(x: Any) -> bool:
    return isinstance(x, str | os.PathLike)


def _files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    for p in paths:
        p = Path(p).expanduser()
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def iter_frames(source: Any, *, chunk_docs: int = DEFAULT_STREAM_CHUNK) -> Iterator[pd.DataFrame]:
    """Documents DataFrames of at most ``chunk_docs`` rows, read lazily from ``source``."""
    if chunk_docs < 1:
        raise ValueError(f"chunk_docs must be >= 1, got {chunk_docs}")
    if isinstance(source, pd.DataFrame):
        for i in range(0, len(source), chunk_docs):
            yield source.iloc[i : i + chunk_docs].reset_index(drop=True)
        return
    if _is_path(source) or (
        isinstance(source, list | tuple) and source and all(_is_path(s) for s in source)
    ):
        from kit.io.corpus import load

        files = _files([source] if _is_path(source) else source)
        while chunk := [str(f) for f in islice(files, chunk_docs)]:
            yield load(chunk)
        return
    buffer: list[dict] = []
    for item in source:
        if isinstance(item, pd.DataFrame):
            yield from iter_frames(item, chunk_docs=chunk_docs)
            continue
        if not isinstance(item, dict):
            raise TypeError(
                f"a streamed document must be a dict with 'doc_id' and 'text' (or a DataFrame), "
                f"not {type(item).__name__}"
            )
        buffer.append(item)
        if len(buffer) >= chunk_docs:
            yield pd.DataFrame.from_records(buffer)
            buffer = []
    if buffer:
        yield pd.DataFrame.from_records(buffer)


@dataclass
class StreamReport:
    """What :func:`analyze_stream` did."""

    store: str | None
    parquet: str | None = None
    n_docs: int = 0
    n_cached: int = 0
    n_parsed: int = 0
    n_skipped: int = 0
    n_chunks: int = 0
    seconds: float = 0.0
    skipped: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def __str__(self) -> str:
        return (
            f"{self.n_docs:,} documents in {self.n_chunks} chunks: {self.n_cached:,} from the "
            f"store, {self.n_parsed:,} parsed, {self.n_skipped:,} skipped "
            f"({self.seconds:.1f} s); store {self.store}"
        )


def iter_analyze(
    source: Any,
    *,
    store: Any = None,
    chunk_docs: int = DEFAULT_STREAM_CHUNK,
    model: str | None = None,
    extractors: Iterable[str] | None = None,
    aliases: Any = None,
    cues: Any = None,
    attribution: str | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    engine: str = "local",
    cache: bool = True,
    progress: bool = True,
    report: StreamReport | None = None,
    **engine_options: Any,
) -> Iterator[Analysis]:
    """One :class:`~kit.tables.Analysis` per chunk of ``source``, in order.

    Rows are written to ``store`` (see :func:`kit.run.store.open_store`) as each
    chunk finishes. A ``doc_id`` seen in an earlier chunk is skipped as a
    duplicate, as :func:`kit.analyze` does within one table. ``attribution`` is
    ``"rules"`` (the default) or ``"learned"``, as in :func:`kit.analyze`.
    """
    from kit.run import engines
    from kit.run.parts import progress_bar
    from kit.run.store import open_store

    settings = Settings.make(
        model=model,
        extractors=extractors,
        aliases=aliases,
        cues=cues,
        batch_size=batch_size,
        attribution=attribution,
    )
    the_store = open_store(store, source=source if _is_path(source) else None)
    report = report if report is not None else StreamReport(store=None)
    report.store = str(the_store.path) if the_store is not None else None
    seen: set[str] = set()
    bar = progress_bar(None, progress, desc="analysing (stream)")
    started = time.perf_counter()
    try:
        for frame in iter_frames(source, chunk_docs=chunk_docs):
            good, skipped = split_analysable(frame)
            again = good["doc_id"].astype(str).isin(seen)
            if again.any():
                dup = good[again]
                skipped = pd.concat(
                    [
                        skipped,
                        pd.DataFrame(
                            {
                                "doc_id": dup["doc_id"].astype(str),
                                "path": dup.get("path", pd.NA),
                                "reason": "duplicate doc_id (seen in an earlier chunk)",
                            }
                        ),
                    ],
                    ignore_index=True,
                )
                good = good[~again].reset_index(drop=True)
            seen.update(good["doc_id"].astype(str))
            records = records_of(good)
            options = dict(engine=engine, n_process=n_process, bar=bar, **engine_options)
            if the_store is None:
                rows = engines.run(records, settings, **options)
                report.n_parsed += len(records)
            else:
                rows = engines.run_cached(
                    records, settings, store=the_store, cache=cache, **options
                )
                stats = engines.last_run()
                report.n_cached += stats.n_cached
                report.n_parsed += stats.n_parsed
            report.n_docs += len(frame)
            report.n_skipped += len(skipped)
            report.n_chunks += 1
            if len(skipped):
                report.skipped = pd.concat([report.skipped, skipped], ignore_index=True)
            report.seconds = time.perf_counter() - started
            yield assemble(good, skipped, rows, settings)
    finally:
        if bar is not None:
            bar.close()


def _write_part(analysis: Analysis, folder: Path, part: int) -> None:
    from kit.extract.registry import SUMMARY_TABLES

    summary = {t for e in analysis.settings.extractors for t in SUMMARY_TABLES.get(e, ())}
    for name, table in analysis.tables().items():
        if name in summary:
            continue
        target = folder / name / f"part-{part:06d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        table.to_parquet(tmp, index=False)
        os.replace(tmp, target)


def analyze_stream(
    source: Any,
    *,
    store: Any = True,
    parquet: str | os.PathLike | None = None,
    chunk_docs: int = DEFAULT_STREAM_CHUNK,
    progress: bool = True,
    **analyze_options: Any,
) -> StreamReport:
    """Analyse ``source`` chunk by chunk into ``store`` (and Parquet files); keep nothing.

    Returns a :class:`StreamReport`. Afterwards ``kit.analyze(subset, store=...)``
    reads any subset back from the store without parsing, and the Parquet
    folder (if given) holds every per-document table of the whole corpus.

    >>> report = analyze_stream("corpus/", store="big.duckdb", n_process=2)   # doctest: +SKIP
    >>> print(report)                                                         # doctest: +SKIP
    """
    if store is None or store is False:
        raise ValueError("analyze_stream needs a store (True or a path) to write results into")
    report = StreamReport(store=None, parquet=str(parquet) if parquet is not None else None)
    folder = Path(parquet).expanduser() if parquet is not None else None
    parts = iter_analyze(
        source,
        store=store,
        chunk_docs=chunk_docs,
        progress=progress,
        report=report,
        **analyze_options,
    )
    for i, part in enumerate(parts):
        if folder is not None:
            _write_part(part, folder, i)
        del part
    return report
