"""Write every table of an analysis to Parquet files and one DuckDB database.

>>> from kit.io.export import export_tables
>>> paths = export_tables(result, "out/")          # doctest: +SKIP
>>> sorted(p.name for p in paths.values())         # doctest: +SKIP
['actors.parquet', ..., 'kit.duckdb']

The Parquet files are byte-identical for the same tables: fixed compression,
row group size and writer options, no timestamps in the metadata, and files
are written to a temporary name and renamed so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

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
        return value
    try:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def to_arrow(df: pd.DataFrame):
    """An Arrow table for ``df`` without the index; odd object columns become text."""
    import pyarrow as pa

    frame = df.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        frame = frame.copy()
        for col in frame.columns:
            try:
                pa.array(frame[col], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
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
    tmp = path.with_name(f".{path.name}.tmp")
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
    tmp = path.with_name(f".{path.name}.tmp")
    for stale in (tmp, Path(f"{tmp}.wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name, df in tables.items():
            arrow = to_arrow(df)  # noqa: F841 - referenced by name in the SQL below
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
        con.execute("CHECKPOINT")
    finally:
        con.close()
    Path(f"{path}.wal").unlink(missing_ok=True)
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
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
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
