"""Complete, searchable tables for notebooks and the shared pages, with the files linked.

>>> from kit.present.tables import setup, show_table
>>> setup(files="out/site/02_actors_tables")                 # doctest: +SKIP
>>> show_table(result.actors, "actors", caption="Actors")    # doctest: +SKIP

:func:`show_table` shows every row of a table with itables (search, sort by
clicking a column name, page-size menu including "All"), long text columns
wrapping at a readable width. Past :data:`MAX_ROWS` rows it shows the first
``MAX_ROWS`` with a visible "N of M rows" notice. When a files folder is set
(``kit render`` sets one per page) the whole table is also written there as CSV
and XLSX and linked under the table, so a reader always has every row.
Cell values are escaped by itables (``allow_html`` stays off).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

#: Tables longer than this show their first MAX_ROWS rows in the page (all rows are in the files).
MAX_ROWS = 20_000
#: Page sizes offered above each table (-1: all rows).
LENGTH_MENU = [10, 25, 100, -1]
#: Text columns whose longest value exceeds this many characters wrap instead of widening.
WRAP_AFTER = 40
#: CSS of the kit's tables: wrapped columns get a readable width, headers look clickable.
TABLE_CSS = """
table.kit-table td { vertical-align: top; white-space: nowrap; }
table.kit-table td.kit-wrap { white-space: normal; text-align: left; min-width: 14em;
  max-width: 32em; overflow-wrap: anywhere; }
table.kit-table thead th { cursor: pointer; }
div.dt-container div.dt-layout-table { overflow-x: auto; }
"""

_state: dict[str, Any] = {"files": None, "counter": 0}
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def setup(files: str | os.PathLike | None = None) -> None:
    """Set itables up for complete tables; ``files`` is the folder for the CSV/XLSX copies.

    The folder is meant to sit next to the page (``kit render`` passes
    ``<out>/<page>_tables``): the links are relative, ``<folder name>/<table>.csv``.
    ``None`` writes no files (working in JupyterLab, where the data is at hand).

    >>> setup(files=None)          # doctest: +SKIP
    """
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)
    itables.options.maxBytes = 0  # never downsample: the page holds what it says
    itables.options.maxRows = 0
    itables.options.text_in_header_can_be_selected = False  # a click on the name sorts
    itables.options.classes = "display compact kit-table"  # no "nowrap": long text wraps
    itables.options.lengthMenu = LENGTH_MENU
    _state["files"] = Path(files) if files else None
    _state["counter"] = 0


def wrap_columns(df: pd.DataFrame, *, after: int = WRAP_AFTER) -> list[int]:
    """Positions of text columns with a value longer than ``after`` characters.

    >>> wrap_columns(pd.DataFrame({"a": ["x" * 50], "b": ["y"], "c": [1]}))
    [0]
    """
    out = []
    for i, col in enumerate(df.columns):
        values = df[col]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        lengths = values.map(lambda v: len(v) if isinstance(v, str) else 0)
        if len(lengths) and lengths.max() > after:
            out.append(i)
    return out


def write_table_files(df: pd.DataFrame, name: str, folder: str | os.PathLike) -> list[Path]:
    """Write ``df`` as ``<folder>/<name>.csv`` and ``<name>.xlsx`` (every row); returns the paths.

    >>> write_table_files(result.actors, "actors", "out/site/02_actors_tables")  # doctest: +SKIP
    """
    from kit.io.export import write_csv, write_xlsx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_csv(df, folder / f"{name}.csv"),
        write_xlsx({name[:31]: df}, folder / f"{name}.xlsx"),
    ]


class TableNote(str):
    """HTML shown under a table (its size and file links); notebooks display it as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def table_note(name: str, n_shown: int, n_total: int, files: list[Path] | None = None) -> TableNote:
    """The line under a table: "N of M rows" when cut, and links to its files.

    >>> print(table_note("actors", 10, 25, []))
    <p class="kit-table-note"><b>Showing 10 of 25 rows</b> of <code>actors</code> (search and sort see only these).</p>
    """
    code = f"<code>{html.escape(name)}</code>"
    if n_shown < n_total:
        parts = [
            f"<b>Showing {n_shown:,} of {n_total:,} rows</b> of {code} "
            "(search and sort see only these)."
        ]
    else:
        parts = [f"All {n_total:,} rows of {code}."]
    if files:
        links = " · ".join(
            f'<a class="kit-table-file" href="{html.escape(_href(p))}" download>'
            f"{html.escape(p.name)}</a>"
            for p in files
        )
        parts.append(f"The full table: {links}.")
    return TableNote(f'<p class="kit-table-note">{" ".join(parts)}</p>')


def _href(path: Path) -> str:
    """A link relative to the page: ``<files folder name>/<file name>``, URL-quoted."""
    return f"{quote(path.parent.name)}/{quote(path.name)}"


def show_table(
    df: pd.DataFrame | None,
    name: str,
    *,
    caption: str = "",
    columns: list[str] | None = None,
    max_rows: int = MAX_ROWS,
    page_length: int = 10,
) -> None:
    """Display every row of ``df`` as a searchable, sortable table, plus its size and files.

    ``name`` (letters, digits, ``_.-``) names the files; ``columns`` picks the
    columns that exist. Past ``max_rows`` rows the first ones are shown with a
    "N of M rows" notice (the files always hold every row).

    >>> show_table(result.actors, "actors", caption="Actors")   # doctest: +SKIP
    """
    import itables
    from IPython.display import display

    if not _NAME.match(name):
        raise ValueError(f"table name {name!r}: use letters, digits, '_', '.' or '-'")
    if df is None:
        df = pd.DataFrame()
    if columns is not None:
        df = df[[c for c in columns if c in df.columns]]
    df = df.reset_index(drop=True)
    files = write_table_files(df, name, _state["files"]) if _state["files"] else []
    shown = df.head(max_rows)
    _state["counter"] += 1
    wrap = wrap_columns(shown)
    defs = [{"targets": wrap, "className": "kit-wrap"}] if wrap else []
    itables.show(
        shown,
        caption=caption or None,
        table_id=f"itables_kit_{_state['counter']}_{re.sub(r'[^A-Za-z0-9_]', '_', name)}",
        columnDefs=defs,
        pageLength=page_length,
        css=TABLE_CSS,
        autoWidth=False,
    )
    display(table_note(name, len(shown), len(df), files))
