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

``formats`` adds CSV (UTF-8, one file per table) and Excel (``kit.xlsx``, one sheet
per table; cell text is always stored as text, never as a formula). With
``provenance`` (a dict, e.g. :func:`kit.about`) every Parquet file carries it as
key-value metadata (``kit.provenance``), the DuckDB file as a ``provenance``
table (``key``, ``value`` as JSON) and the folder as ``provenance.json``.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from kit.io.decode import repair_surrogates

#: Name of the DuckDB file written next to the Parquet files.
DUCKDB_NAME = "kit.duckdb"
#: Name of the Excel workbook (one sheet per table) written by ``formats=("xlsx",)``.
XLSX_NAME = "kit.xlsx"
#: Name of the provenance file written next to the tables.
PROVENANCE_NAME = "provenance.json"
#: Parquet key-value metadata key holding the provenance (JSON).
PROVENANCE_KEY = "kit.provenance"
#: File formats :func:`export_tables` can write one file per table in.
TABLE_FORMATS = ("parquet", "csv", "xlsx")
#: Excel's limits: rows per sheet (one is the header) and characters per cell.
XLSX_MAX_ROWS = 1_048_575
XLSX_MAX_CHARS = 32_767
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

    >>> to_arrow(pd.DataFrame({"a": pd.Series(["caf\\udce9"], dtype=object)})).column("a").to_pylist()
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


def provenance_json(provenance: Mapping[str, Any]) -> str:
    """``provenance`` as stable JSON text (sorted keys, UTF-8, non-JSON values as text).

    >>> provenance_json({"kit": "0.1.0", "a": 1})
    '{"a": 1, "kit": "0.1.0"}'
    """
    return json.dumps(dict(provenance), sort_keys=True, ensure_ascii=False, default=str)


def write_parquet(
    df: pd.DataFrame, path: str | os.PathLike, *, provenance: Mapping[str, Any] | None = None
) -> Path:
    """Write one table to ``path`` deterministically (atomic rename).

    ``provenance`` goes into the file's key-value metadata under ``kit.provenance``.

    >>> write_parquet(pd.DataFrame({"a": [1]}), "out/a.parquet")   # doctest: +SKIP
    """
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = to_arrow(df)
    if provenance is not None:
        meta = dict(table.schema.metadata or {})
        meta[PROVENANCE_KEY.encode()] = provenance_json(provenance).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    with _temporary(path) as tmp:
        pq.write_table(table, tmp, **PARQUET_OPTIONS)
        os.replace(tmp, path)
    return path


def read_provenance(path: str | os.PathLike) -> dict[str, Any] | None:
    """The provenance stored in a Parquet file by :func:`write_parquet` (``None`` if absent).

    >>> read_provenance("out/tables/actors.parquet")["kit"]["version"]   # doctest: +SKIP
    '0.1.0'
    """
    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(PROVENANCE_KEY.encode())
    return json.loads(raw.decode("utf-8")) if raw else None


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write one table as UTF-8 CSV (no index, ``\\n`` line ends, atomic rename).

    Cells are written as they are: open the file as data, not in a spreadsheet
    that evaluates cells starting with ``=`` (use the ``.xlsx`` for Excel).

    >>> write_csv(pd.DataFrame({"a": [1]}), "out/a.csv")   # doctest: +SKIP
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = df.reset_index(drop=True)
    frame = frame.map(_repaired) if len(frame.columns) else frame
    with _temporary(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        os.replace(tmp, path)
    return path


#: Characters XML 1.0 (and so Excel) cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xlsx_value(value: Any) -> Any:
    """A cell value openpyxl can store: text cleaned and cut to Excel's limit."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()  # a numpy scalar (nullable Int64 columns give these)
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().replace(tzinfo=None)
    if not isinstance(value, str):
        try:
            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
        value = _cell_text(value) if not hasattr(value, "isoformat") else value.isoformat()
    text = _XML_ILLEGAL.sub("\ufffd", value)
    if len(text) > XLSX_MAX_CHARS:
        text = text[: XLSX_MAX_CHARS - 1] + "…"
    return text


def write_xlsx(
    tables: Mapping[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Write an Excel workbook with one sheet per table (and a ``provenance`` sheet).

    Text is always stored as text (a corpus cell ``=HYPERLINK(...)`` stays
    inert), characters XML cannot hold become U+FFFD, cells longer than Excel's
    32,767 characters are cut with ``…`` and tables longer than 1,048,575 rows
    are cut with a warning. Needs ``openpyxl``. Zip entries carry a fixed time,
    so the same tables and provenance give the same bytes.

    >>> write_xlsx({"documents": pd.DataFrame({"doc_id": ["a"]})}, "out/kit.xlsx")  # doctest: +SKIP
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    sheets = dict(tables)
    if provenance is not None:
        sheets["provenance"] = provenance_frame(provenance)
    for name, df in sheets.items():
        sheet = book.create_sheet(title=str(name)[:31])
        if len(df) > XLSX_MAX_ROWS:
            warnings.warn(
                f"table {name!r} has {len(df):,} rows; Excel holds {XLSX_MAX_ROWS:,}: the sheet "
                "has the first ones only (the Parquet and CSV files have all rows)",
                stacklevel=2,
            )
            df = df.head(XLSX_MAX_ROWS)
        sheet.append([_xlsx_value(str(c)) for c in df.columns])
        for row in df.itertuples(index=False, name=None):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                cells.append(cell)
            sheet.append(cells)
    with _temporary(path) as tmp:
        book.save(tmp)
        _fix_zip_times(tmp, (provenance or {}).get("created"))
        os.replace(tmp, path)
    return path


def _fix_zip_times(path: Path, created: Any) -> None:
    """Rewrite a zip with fixed entry times and ``created``/``modified`` set to ``created``."""
    stamp = str(created or "1980-01-01T00:00:00Z")[:19] + "Z"
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    lambda m: m.group(1) + stamp.encode() + m.group(3),
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)


def provenance_frame(provenance: Mapping[str, Any]) -> pd.DataFrame:
    """``provenance`` as a two-column table: ``key`` and ``value`` (JSON text), sorted.

    >>> provenance_frame({"kit": {"version": "0.1.0"}, "command": "kit analyze"}).values.tolist()
    [['command', '"kit analyze"'], ['kit', '{"version": "0.1.0"}']]
    """
    rows = [
        (str(k), json.dumps(v, sort_keys=True, ensure_ascii=False, default=str))
        for k, v in sorted(provenance.items())
    ]
    return pd.DataFrame(rows, columns=["key", "value"])


def write_duckdb(
    tables: Mapping[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Write one DuckDB file with a table per DataFrame (replacing an old file).

    ``provenance`` becomes a ``provenance`` table (``key``, ``value`` as JSON text).

    >>> import duckdb                                              # doctest: +SKIP
    >>> duckdb.connect("out/kit.duckdb").sql("select count(*) from mentions")  # doctest: +SKIP
    """
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = dict(tables)
    if provenance is not None:
        tables["provenance"] = provenance_frame(provenance)
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


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    """Table file formats from ``"parquet,csv"`` or a list; raises ``ValueError`` on others.

    >>> parse_formats("parquet, CSV,xlsx")
    ('parquet', 'csv', 'xlsx')
    """
    if formats is None:
        return ("parquet",)
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = tuple(dict.fromkeys(str(f).strip().lower() for f in items if str(f).strip()))
    unknown = [f for f in chosen if f not in TABLE_FORMATS]
    if unknown or not chosen:
        raise ValueError(
            f"unknown table format(s) {', '.join(unknown) or '(none)'}; choose from "
            f"{', '.join(TABLE_FORMATS)} (comma-separated)"
        )
    return chosen


def export_tables(
    result: Any,
    out: str | os.PathLike,
    *,
    parquet: bool = True,
    duckdb: bool = True,
    formats: str | Iterable[str] | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> dict[str, Path]:
    """Write every table to ``<out>/<table>.parquet`` (and other formats) and ``<out>/kit.duckdb``.

    ``formats`` picks the per-table files: ``"parquet"`` (default), ``"csv"``
    (``<table>.csv``), ``"xlsx"`` (one workbook ``kit.xlsx``, a sheet per table).
    ``provenance`` (e.g. ``kit.about(result)``) is stored in every file and as
    ``provenance.json``. Returns the written paths by table name and format
    (``"documents"``, ``"documents.csv"``, ``"xlsx"``, ``"duckdb"``, ``"provenance"``).

    >>> export_tables({"documents": pd.DataFrame({"doc_id": ["a"]})}, "out/")  # doctest: +SKIP
    {'documents': PosixPath('out/documents.parquet'), 'duckdb': PosixPath('out/kit.duckdb')}
    """
    tables = tables_of(result)
    chosen = parse_formats(formats) if formats is not None else (("parquet",) if parquet else ())
    out = check_out(out, create=True)
    written: dict[str, Path] = {}
    if "parquet" in chosen:
        for name, df in tables.items():
            written[name] = write_parquet(df, out / f"{name}.parquet", provenance=provenance)
    if "csv" in chosen:
        for name, df in tables.items():
            written[f"{name}.csv"] = write_csv(df, out / f"{name}.csv")
    if "xlsx" in chosen:
        written["xlsx"] = write_xlsx(tables, out / XLSX_NAME, provenance=provenance)
    if duckdb:
        written["duckdb"] = write_duckdb(tables, out / DUCKDB_NAME, provenance=provenance)
    if provenance is not None:
        path = out / PROVENANCE_NAME
        with _temporary(path) as tmp:
            tmp.write_text(
                json.dumps(dict(provenance), sort_keys=True, indent=2, default=str) + "\n",
                encoding="utf-8",
            )
            os.replace(tmp, path)
        written["provenance"] = path
    return written


def read_tables(out: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read back every ``<table>.parquet`` in ``out``, sorted by name.

    >>> read_tables("out/")["documents"].shape   # doctest: +SKIP
    """
    return {p.stem: pd.read_parquet(p) for p in sorted(Path(out).glob("*.parquet"))}
