"""Write every table of an analysis to Parquet files and one DuckDB database.

>>> from kit.io.export import export_tables
>>> paths = export_tables(result, "out/")          # doctest: +SKIP
>>> sorted(p.name for p in paths.values())         # doctest: +SKIP
['actors.parquet', ..., 'kit.duckdb']

The Parquet files are byte-identical for the same tables: fixed compression,
row group size and writer options, no timestamps in the metadata, and files
are written to a temporary name of their own (unique per process and call) and
renamed, so a crash never leaves half a file and two exports to one folder at
once never collide (the last rename wins; every file is complete).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from kit.io.decode import repair_surrogates

#: Name of the DuckDB file written next to the Parquet files.
DUCKDB_NAME = "kit.duckdb"
#: Fixed Parquet writer settings (part of the byte-identical promise).
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "row_group_size": 64_000,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExportError(ValueError):
    """The output folder cannot be used; the message names it and the fix."""


def check_out(out: str | os.PathLike, *, create: bool = False) -> Path:
    """Make sure ``out`` is (or can become) a writable folder, before any analysis.

    Raises :class:`ExportError` when ``out`` is an existing file, or the folder
    (or the nearest existing folder above it) cannot be written. Nothing is
    created unless ``create=True``.

    >>> check_out("out/tables")                    # doctest: +SKIP
    PosixPath('out/tables')
    """
    path = Path(out).expanduser()
    shown = os.fspath(out)
    if path.exists() and not path.is_dir():
        raise ExportError(
            f"--out {shown!r} is an existing file, not a folder. Fix: pass a folder name "
            "(e.g. --out out/tables), or move that file away."
        )
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(_cannot_write(shown, exc)) from None
    existing = next(p for p in (path.absolute(), *path.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise ExportError(
            _cannot_write(shown, NotADirectoryError(f"{str(existing)!r} is a file, not a folder"))
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ExportError(_cannot_write(shown, PermissionError(f"{str(existing)!r} is read-only")))
    return path


def _cannot_write(shown: str, exc: BaseException) -> str:
    why = getattr(exc, "strerror", None) or str(exc)
    return (
        f"cannot write to the output folder {shown!r}: {why}. Fix: pass a folder you can "
        "write to with --out (or out=)."
    )


@contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    """A unique hidden temporary name next to ``path``, removed unless renamed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        yield tmp
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)


def tables_of(result: Any) -> dict[str, pd.DataFrame]:
    """The tables of an :class:`~kit.tables.Analysis` or a mapping of DataFrames."""
    if isinstance(result, Mapping):
        tables = dict(result)
    elif hasattr(result, "tables"):
        tables = dict(result.tables())
    else:
        raise TypeError(
            f"expected a kit Analysis or a dict of DataFrames, got {type(result).__name__}"
        )
    for name, df in tables.items():
        if not _NAME.match(str(name)):
            raise ValueError(f"table name {name!r} is not a plain identifier")
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"table {name!r} is a {type(df).__name__}, not a DataFrame")
    return tables


def _cell_text(value: Any) -> Any:
    """A cell that Arrow cannot store as is, as JSON text (``None`` stays ``None``)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return repair_surrogates(value)
    try:
        text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        text = str(value)
    return repair_surrogates(text)


def _repaired(value: Any) -> Any:
    return repair_surrogates(value) if isinstance(value, str) else value


_ARROW_TROUBLE = (UnicodeEncodeError,)


def to_arrow(df: pd.DataFrame):
    """An Arrow table for ``df`` without the index; odd object columns become text.

    Strings that cannot be UTF-8 (lone surrogates) get U+FFFD in their place.

    >>> to_arrow(pd.DataFrame({"a": ["caf\\udce9"]})).column("a").to_pylist()
    ['caf�']
    """
    import pyarrow as pa

    trouble = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, *_ARROW_TROUBLE)
    frame = df.reset_index(drop=True)
    frame.columns = [repair_surrogates(str(c)) for c in frame.columns]
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except trouble:
        frame = frame.copy()
        for col in frame.columns:
            try:
                pa.array(frame[col], from_pandas=True)
                continue
            except UnicodeEncodeError:
                frame[col] = frame[col].map(_repaired).astype("object")
            except trouble:
                pass
            try:
                pa.array(frame[col], from_pandas=True)
            except trouble:
                frame[col] = frame[col].map(_cell_text).astype("object")
        table = pa.Table.from_pandas(frame, preserve_index=False)
    # All-missing columns have Arrow type null, which other tools cannot query well.
    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, f.name, table.column(i).cast(pa.string()))
    return table


def write_parquet(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write one table to ``path`` deterministically (atomic rename).

    >>> write_parquet(pd.DataFrame({"a": [1]}), "out/a.parquet")   # doctest: +SKIP
    """
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(path) as tmp:
        pq.write_table(to_arrow(df), tmp, **PARQUET_OPTIONS)
        os.replace(tmp, path)
    return path


def write_duckdb(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike) -> Path:
    """Write one DuckDB file with a table per DataFrame (replacing an old file).

    >>> import duckdb                                              # doctest: +SKIP
    >>> duckdb.connect("out/kit.duckdb").sql("select count(*) from mentions")  # doctest: +SKIP
    """
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(path) as tmp:
        con = duckdb.connect(str(tmp))
        try:
            for name, df in tables.items():
                arrow = to_arrow(df)  # noqa: F841 - referenced by name in the SQL below
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
            con.execute("CHECKPOINT")
        finally:
            con.close()
        Path(f"{path}.wal").unlink(missing_ok=True)  # a stale log must not replay onto it
        os.replace(tmp, path)
    return path


def export_tables(
    result: Any,
    out: str | os.PathLike,
    *,
    parquet: bool = True,
    duckdb: bool = True,
) -> dict[str, Path]:
    """Write every table to ``<out>/<table>.parquet`` and ``<out>/kit.duckdb``.

    Returns the written paths by table name (``"duckdb"`` for the database).

    >>> export_tables({"documents": pd.DataFrame({"doc_id": ["a"]})}, "out/")  # doctest: +SKIP
    {'documents': PosixPath('out/documents.parquet'), 'duckdb': PosixPath('out/kit.duckdb')}
    """
    tables = tables_of(result)
    out = check_out(out, create=True)
    written: dict[str, Path] = {}
    if parquet:
        for name, df in tables.items():
            written[name] = write_parquet(df, out / f"{name}.parquet")
    if duckdb:
        written["duckdb"] = write_duckdb(tables, out / DUCKDB_NAME)
    return written


def read_tables(out: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read back every ``<table>.parquet`` in ``out``, sorted by name.

    >>> read_tables("out/")["documents"].shape   # doctest: +SKIP
    """
    return {p.stem: pd.read_parquet(p) for p in sorted(Path(out).glob("*.parquet"))}
