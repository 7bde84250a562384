"""``kit.load``: files, folders, globs and tables -> one tidy documents table.

>>> import kit
>>> docs = kit.load("data/")                       # doctest: +SKIP
>>> docs[["doc_id", "date", "n_words"]]            # doctest: +SKIP
>>> kit.load_report(docs)                          # what was skipped, and why  # doctest: +SKIP

Nothing is dropped silently: every input file (and every table row) is either a
row or an entry of the load report. The conventions are in docs/loading.md.
"""

from __future__ import annotations

import errno
import glob as globlib
import hashlib
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.io.dates import DateProblem, is_missing, parse_date
from kit.io.decode import DecodeProblem, has_surrogates, repair_surrogates
from kit.io.ignore import IGNORE_FILE, Ignorer
from kit.io.readers import (
    HTML_SUFFIXES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Columns,
    Read,
    Record,
    Skip,
    read_file,
    read_frame,
    read_table,
    resolve_columns,
    scalar,
)

__all__ = ["CORE_COLUMNS", "REPORT_COLUMNS", "LoadError", "LoadWarning", "load", "load_report"]

CORE_COLUMNS = ["doc_id", "title", "date", "source", "path", "text", "n_words"]
REPORT_COLUMNS = ["path", "doc_id", "reason", "detail", "status"]
SIDECAR_NAMES = ("metadata.csv", "metadata.tsv")
SIDECAR_KEYS = ("file", "filename", "file_name", "path", "filepath", "name", "stem", "id", "doc_id")
_GLOB_CHARS = re.compile(r"[*?\[]")
_SLUG_BAD = re.compile(r"[^A-Za-z0-9._~-]+")
_MAX_ID = 80
_MAX_SIDE_BYTES = 200_000_000  # metadata tables and ignore files


class LoadError(ValueError):
    """``kit.load`` cannot give a useful table; the message names the problem and the fix.

    ``report`` holds the load report when the error comes from ``strict=True``.
    """

    def __init__(self, message: str, report: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        self.report = report if report is not None else _report_frame([])


class LoadWarning(UserWarning):
    """Some inputs were skipped or noted; see ``kit.load_report(docs)``."""


@dataclass
class _File:
    """A file to read: where it is, how to show it, and its sidecars."""

    real: Path
    shown: str  # the path column: relative to the input root, or as given
    sidecars: list[_Sidecar] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A name that is not valid UTF-8 (bytes on Linux) arrives with lone
        # surrogates; pandas and Arrow cannot hold it, so it is shown repaired.
        self.renamed = has_surrogates(self.shown)
        if self.renamed:
            self.shown = repair_surrogates(self.shown)


class _Unreadable(Exception):
    """A file that must not or cannot be read: reason code and detail for the report."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, reading at most ``max_bytes + 1`` of them.

    Raises :class:`_Unreadable` for a symlink loop, a FIFO, socket or device
    (never opened for reading, so never a hang), a file over ``max_bytes``
    (whatever its size says: ``/dev/zero`` and ``/proc`` files read as 0
    bytes) or a file that cannot be read.

    >>> read_regular(Path("/dev/zero"), 10)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    _Unreadable: a character device, not a regular file; it is not read
    """
    try:
        info = os.stat(path)
    except OSError as err:
        raise _unreadable(err) from None
    _require_regular(info)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise _unreadable(err) from None
    with os.fdopen(fd, "rb") as fh:
        _require_regular(os.fstat(fh.fileno()))  # it may have changed since the stat
        try:
            data = fh.read(max_bytes + 1)
        except OSError as err:
            raise _unreadable(err) from None
    if len(data) > max_bytes:
        size = f"{info.st_size:,} bytes" if info.st_size > max_bytes else "more bytes than that"
        raise _Unreadable(
            "too_large",
            f"{size} is over max_bytes={max_bytes:,} (reading stopped at max_bytes + 1); "
            "pass a larger max_bytes= to load it",
        )
    return data


def _require_regular(info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    what = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
    raise _Unreadable("not_a_file", f"{what}, not a regular file; it is not read")


def _unreadable(err: OSError) -> _Unreadable:
    if err.errno == errno.ELOOP:
        return _Unreadable(
            "symlink_loop",
            "the symbolic link points (through other links) back to itself; fix or remove it",
        )
    return _Unreadable("unreadable", f"cannot read the file: {err.strerror or err}")


def _resolved(path: Path) -> Path:
    """``path.resolve()``, or the absolute path for a symlink loop (Python < 3.13 raises)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


@dataclass
class _Sidecar:
    """A metadata table (read on first use) and the folder its file keys are relative to."""

    folder: Path | None
    shown: str
    real: Path | None = None
    report_unmatched: bool = True
    table: dict[str, dict[str, Any]] = field(default_factory=dict)  # casefolded key -> fields
    rows: dict[str, int] = field(default_factory=dict)  # key -> 1-based row
    used: set[str] = field(default_factory=set)
    ready: bool = False


@dataclass
class _Doc:
    record: Record
    path: str | None
    base_id: str
    keys: list[str]  # candidate sidecar keys
    real: Path | None = None
    sidecars: list[_Sidecar] = field(default_factory=list)


def load(
    inputs: Any,
    /,
    *,
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    metadata: str | os.PathLike | pd.DataFrame | None = None,
    dayfirst: bool = False,
    strict: bool = False,
    max_bytes: int = 50_000_000,
    recursive: bool = True,
) -> pd.DataFrame:
    """Load news texts into a documents table, one row per document.

    ``inputs``: a file, a folder (read recursively, in sorted order), a glob,
    an existing DataFrame, or a list of these. Formats: ``.txt``/``.md``,
    ``.csv``/``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``,
    ``.html``/``.htm``. ``text=``, ``date=``, ``id=``, ``title=`` and ``source=``
    name table columns (common names are found automatically); ``metadata=`` is
    a sidecar table merged by file name (a folder's ``metadata.csv``/``.tsv`` is
    used automatically); ``dayfirst=True`` reads ``04/06/2017`` as 4 June;
    files over ``max_bytes`` are skipped. Skipped inputs and notes (bad dates,
    duplicate ids) are in :func:`load_report`; ``strict=True`` raises
    :class:`LoadError` instead of warning.

    Columns: ``doc_id, title, date, source, path, text, n_words`` and then every
    other metadata column of the input.

    >>> docs = load("data/")                        # doctest: +SKIP
    >>> docs.loc[0, "text"][:14]                    # doctest: +SKIP
    'Forces backing'
    """
    chosen = Columns(text=text, date=date, id=id, title=title, source=source)
    items = _as_items(inputs)
    extra = _explicit_sidecar(metadata, chosen) if metadata is not None else None
    walk_errors: list[dict[str, Any]] = []
    units = _expand(items, recursive=recursive, use_sidecars=extra is None, errors=walk_errors)
    only = len(units) == 1
    docs: list[_Doc] = []
    report: list[dict[str, Any]] = list(walk_errors)
    n_inputs = sum(e["status"] == "skipped" for e in walk_errors)
    for unit in units:
        if isinstance(unit, pd.DataFrame):
            try:
                got = read_frame(unit, chosen)
            except KeyError as err:
                raise LoadError(f"the DataFrame has {err.args[0]}") from None
            n_inputs += got.n_inputs
            docs += _frame_docs(got)
            report += _skips_of(got, None)
            continue
        got = _read(unit, chosen, max_bytes=max_bytes, only=only)
        if unit.renamed:
            got.skips.insert(0, Skip("undecodable_name", _RENAMED, status="note"))
        n_inputs += got.n_inputs
        stem = _stem(unit.real)
        new = _docs_of(got, unit.shown, unit.real, stem=stem)
        for doc in new:
            doc.sidecars = [extra] if extra is not None else unit.sidecars
        docs += new
        report += _skips_of(got, unit.shown)
    sidecars = [extra] if extra is not None else _unique_sidecars(units)
    report += _merge_sidecars(docs, sidecars)
    frame, notes = _assemble(docs, dayfirst=dayfirst)
    report += notes
    frame = _finish(frame, report, n_inputs=n_inputs, strict=strict)
    root = _root_of(items)
    if root is not None:
        frame.attrs["corpus_root"] = root
    return frame


_RENAMED = (
    "the file name is not valid UTF-8; the path column shows U+FFFD in place of the "
    "undecodable bytes. Fix: rename the file in UTF-8 to keep its name."
)


def _root_of(items: Sequence[Any]) -> str | None:
    """The absolute folder common to the path inputs (a file counts as its folder).

    Kept in ``docs.attrs["corpus_root"]``: ``kit.analyze(docs, store=True)``
    puts its store next to it. ``None`` when no input is a path.
    """
    roots = []
    for item in items:
        if not isinstance(item, str | os.PathLike):
            continue
        given = os.fspath(item)
        path = Path(os.path.abspath(os.path.expanduser(given)))
        if path.is_dir():
            roots.append(path)
        elif _GLOB_CHARS.search(given) and not os.path.lexists(path):
            static = _GLOB_CHARS.split(given, maxsplit=1)[0]
            base = Path(os.path.abspath(os.path.expanduser(static or ".")))
            roots.append(base if static.endswith(("/", os.sep)) or not static else base.parent)
        else:
            roots.append(path.parent)
    if not roots:
        return None
    try:
        root = os.path.commonpath([str(r) for r in roots])
    except ValueError:  # paths on different drives
        return None
    return None if has_surrogates(root) else root


def load_report(docs: pd.DataFrame) -> pd.DataFrame:
    """The load report of a table made by :func:`load`: one row per skipped input or note.

    Columns: ``path, doc_id, reason, detail, status`` (``status`` is
    ``"skipped"`` for an input that gave no row, ``"note"`` for a remark about
    a loaded document or the metadata). Kept in ``docs.attrs["load_report"]``,
    which pandas carries through copies, slicing, ``query`` and ``head``.

    >>> load_report(pd.DataFrame()).columns.tolist()
    ['path', 'doc_id', 'reason', 'detail', 'status']
    """
    return _report_frame(list(getattr(docs, "attrs", {}).get("load_report", [])))


# ---------------------------------------------------------------- inputs


def _as_items(inputs: Any) -> list[Any]:
    if isinstance(inputs, str | os.PathLike | pd.DataFrame):
        items = [inputs]
    elif isinstance(inputs, Iterable):
        items = list(inputs)
    else:
        raise LoadError(
            f"kit.load cannot read a {type(inputs).__name__}. Fix: pass a file or folder "
            "path, a glob like 'texts/*.txt', a pandas DataFrame, or a list of these."
        )
    if not items:
        raise LoadError("kit.load got an empty list. Fix: pass at least one file or folder.")
    return items


def _expand(
    items: Sequence[Any], *, recursive: bool, use_sidecars: bool, errors: list[dict[str, Any]]
) -> list[Any]:
    """DataFrames stay; paths become :class:`_File` s (folders and globs sorted)."""
    units: list[Any] = []
    seen: set[Path] = set()
    for item in items:
        if isinstance(item, pd.DataFrame):
            units.append(item)
            continue
        if not isinstance(item, str | os.PathLike):
            raise LoadError(
                f"kit.load cannot read {item!r} in the list. Fix: list paths or DataFrames."
            )
        given = os.fspath(item)
        path = Path(given).expanduser()
        if path.is_dir():
            files = _walk(path, recursive=recursive, use_sidecars=use_sidecars, errors=errors)
        elif os.path.lexists(path):  # a file, or a FIFO, device or broken link to report
            files = [_File(path, Path(given).as_posix())]
        elif _GLOB_CHARS.search(given):
            files = _glob(given, use_sidecars=use_sidecars)
        else:
            raise LoadError(
                f"no such file or folder: {given!r} (looked in {Path.cwd()}). Fix: check the "
                "spelling, or give an absolute path."
            )
        for f in files:
            key = _resolved(f.real)
            if key not in seen:
                seen.add(key)
                units.append(f)
    return units


def _walk(
    root: Path, *, recursive: bool, use_sidecars: bool, errors: list[dict[str, Any]]
) -> list[_File]:
    """The files of a folder, sorted; unreadable subfolders go to ``errors``."""
    ignorer = Ignorer()
    sidecars: dict[Path, _Sidecar] = {}
    files: list[tuple[str, Path, Path]] = []
    n_ignored = 0

    def unreadable(err: OSError) -> None:
        where = Path(err.filename or root)
        shown = where.relative_to(root).as_posix() if where != root else where.as_posix()
        detail = f"cannot list the folder: {err.strerror or err}"
        errors.append(_entry(repair_surrogates(shown), None, "unreadable", detail, "skipped"))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        rel_dir = here.relative_to(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        if IGNORE_FILE in names:
            try:
                raw = read_regular(here / IGNORE_FILE, _MAX_SIDE_BYTES)
                rules = raw.decode("utf-8", errors="replace")
            except _Unreadable as err:
                rel = repair_surrogates((rel_dir / IGNORE_FILE).as_posix())
                errors.append(_entry(rel, None, err.reason, err.detail, "note"))
                rules = ""
            ignorer.add(rel_dir, rules)
        for name in sorted(names):
            if name.startswith("."):
                continue
            rel = (rel_dir / name).as_posix()
            if ignorer.ignored(rel):
                n_ignored += 1
                continue
            if name.lower() in SIDECAR_NAMES:
                if use_sidecars:
                    sidecars[here] = _Sidecar(here, repair_surrogates(rel), here / name)
                continue
            files.append((rel, here / name, here))
    if not files:
        why = f"; {n_ignored} files are excluded by {IGNORE_FILE}" if n_ignored else ""
        raise LoadError(
            f"the folder {os.fspath(root)!r} has no files to load{why}. Fix: put .txt, .md, "
            ".csv, .tsv, .jsonl, .json, .parquet or .html files in it, or pass another folder."
        )
    files.sort(key=lambda f: f[0])
    out = []
    for rel, real, parent in files:
        chain = [sidecars[p] for p in (parent, *parent.parents) if p in sidecars]
        out.append(_File(real, rel, chain))
    return out


def _glob(pattern: str, *, use_sidecars: bool) -> list[_File]:
    # Everything but folders: FIFOs, devices and broken links are reported, not dropped.
    matches = sorted(m for m in globlib.glob(pattern, recursive=True) if not Path(m).is_dir())
    if not matches:
        raise LoadError(
            f"the pattern {pattern!r} matches no files (looked in {Path.cwd()}). Fix: check "
            "the pattern, e.g. 'texts/*.txt' or 'texts/**/*.txt'."
        )
    static = _GLOB_CHARS.split(pattern, maxsplit=1)[0]
    root = Path(static) if static.endswith(("/", os.sep)) else Path(static).parent
    sidecar = None
    if use_sidecars:
        for name in SIDECAR_NAMES:
            if (root / name).is_file():
                shown = repair_surrogates((root / name).as_posix())
                sidecar = _Sidecar(root, shown, root / name, report_unmatched=False)
                break
    out = []
    for m in matches:
        real = Path(m)
        if real.name.lower() in SIDECAR_NAMES or real.name.startswith("."):
            continue
        shown = Path(os.path.relpath(real, root)).as_posix()
        out.append(_File(real, shown, [sidecar] if sidecar else []))
    return out


# ---------------------------------------------------------------- reading


def _read(unit: _File, chosen: Columns, *, max_bytes: int, only: bool) -> Read:
    suffix = unit.real.suffix.lower()
    if suffix not in TEXT_SUFFIXES | TABLE_SUFFIXES | HTML_SUFFIXES:
        return Read(
            skips=[
                Skip(
                    "unsupported_format",
                    f"kit.load does not read {suffix} files; convert it to .txt, .csv, "
                    ".jsonl, .json, .parquet or .html",
                )
            ]
        )
    try:
        size = os.stat(unit.real).st_size
        if size > max_bytes:
            return Read(
                skips=[
                    Skip(
                        "too_large",
                        f"{size:,} bytes is over max_bytes={max_bytes:,}; pass a larger "
                        "max_bytes= to load it",
                    )
                ]
            )
    except OSError:
        pass  # read_regular says what is wrong
    try:
        data = read_regular(unit.real, max_bytes)
    except _Unreadable as err:
        return Read(skips=[Skip(err.reason, err.detail)])
    try:
        return read_file(unit.real, data, chosen)
    except DecodeProblem as err:
        return Read(skips=[Skip(err.reason, err.detail)])
    except KeyError as err:
        message = f"{unit.shown}: the table has {err.args[0]}"
        if only:
            raise LoadError(message) from None
        return Read(skips=[Skip("no_text_column", f"the table has {err.args[0]}")])
    except (ValueError, TypeError, OSError, ImportError) as err:  # malformed tables
        return Read(skips=[Skip("parse_error", f"cannot read the {suffix} table: {err}")])
    except Exception as err:  # noqa: BLE001 - a bad input must never crash kit.load
        return Read(skips=[Skip("parse_error", f"{type(err).__name__}: {err}")])


def _stem(path: Path) -> str:
    name = path.name
    return name[: -len(path.suffix)] if path.suffix and name != path.suffix else name


def _docs_of(got: Read, shown: str | None, real: Path | None, *, stem: str | None) -> list[_Doc]:
    docs = []
    for record in got.records:
        raw_id = record.fields.pop("id", None)
        if not is_missing(raw_id):
            base = slug(_id_text(raw_id))
        elif record.row is None and stem is not None:
            base = slug(stem)
        else:
            base = f"{slug(stem) if stem else 'doc'}-{short_hash(record.text)}"
        keys = []
        if real is not None and record.row is None:
            keys = [real.name, _stem(real)]
        if not is_missing(raw_id):
            keys.append(_id_text(raw_id))
        keys.append(base)
        docs.append(_Doc(record, shown, base, keys, real))
    return docs


def _frame_docs(got: Read) -> list[_Doc]:
    """Docs of a DataFrame: a ``path`` column is the path, ``n_words`` is recomputed,
    so ``kit.load(kit.load(x))`` gives the same table."""
    docs = _docs_of(got, None, None, stem=None)
    for doc in docs:
        doc.record.meta.pop("n_words", None)
        path = doc.record.meta.pop("path", None)
        doc.path = None if is_missing(path) else str(path)
    return docs


def _skips_of(got: Read, shown: str | None) -> list[dict[str, Any]]:
    return [_entry(shown, None, s.reason, s.detail, s.status) for s in got.skips]


def _entry(path: str | None, doc_id: str | None, reason: str, detail: str, status: str) -> dict:
    return {"path": path, "doc_id": doc_id, "reason": reason, "detail": detail, "status": status}


# ---------------------------------------------------------------- sidecars


def _explicit_sidecar(metadata: Any, chosen: Columns) -> _Sidecar:
    if isinstance(metadata, pd.DataFrame):
        return _sidecar_from(metadata, None, "metadata", report_unmatched=True)
    path = Path(os.fspath(metadata)).expanduser()
    if not path.is_file():
        raise LoadError(f"metadata={os.fspath(metadata)!r}: no such file. Fix: check the path.")
    try:
        frame = read_table(path, read_regular(path, _MAX_SIDE_BYTES))
    except (_Unreadable, DecodeProblem, ValueError, OSError) as err:
        raise LoadError(f"metadata={os.fspath(metadata)!r} cannot be read: {err}") from None
    return _sidecar_from(frame, path.parent, path.as_posix(), report_unmatched=True)


def _sidecar_from(
    frame: pd.DataFrame, folder: Path | None, shown: str, *, report_unmatched: bool
) -> _Sidecar:
    by_norm = {re.sub(r"[\s_\-]+", "", str(c)).casefold(): c for c in frame.columns}
    keys = [k.replace("_", "") for k in SIDECAR_KEYS]
    key_col = next((by_norm[k] for k in keys if k in by_norm), None)
    if key_col is None:
        raise LoadError(
            f"the metadata table {shown!r} has no file column among {list(frame.columns)}. "
            f"Fix: add a column named one of {list(SIDECAR_KEYS)} holding file names."
        )
    rest = [c for c in frame.columns if c != key_col]
    found, _ = resolve_columns(rest, Columns(text="\0none"))
    canon_of = {col: canon for canon, col in found.items() if canon != "text"}
    sidecar = _Sidecar(folder, shown, report_unmatched=report_unmatched, ready=True)
    for i, row in enumerate(frame.to_dict("records"), start=1):
        key = row.get(key_col)
        if is_missing(key):
            continue
        key = _key(_id_text(key))
        if key in sidecar.table:
            continue
        fields: dict[str, Any] = {}
        for col in rest:
            value = scalar(row.get(col))
            if col in canon_of:
                fields["\0" + canon_of[col]] = value
            else:
                fields[str(col)] = value
        sidecar.table[key] = fields
        sidecar.rows[key] = i
    return sidecar


def _unique_sidecars(units: list[Any]) -> list[_Sidecar]:
    out: list[_Sidecar] = []
    for unit in units:
        for sidecar in getattr(unit, "sidecars", []):
            if all(sidecar is not s for s in out):
                out.append(sidecar)
    return out


def _merge_sidecars(docs: list[_Doc], sidecars: list[_Sidecar]) -> list[dict[str, Any]]:
    report: list[dict[str, Any]] = []
    for sidecar in sidecars:
        if sidecar.ready or sidecar.real is None:
            continue
        sidecar.ready = True
        try:
            loaded = _sidecar_from(
                read_table(sidecar.real, read_regular(sidecar.real, _MAX_SIDE_BYTES)),
                sidecar.folder,
                sidecar.shown,
                report_unmatched=sidecar.report_unmatched,
            )
            sidecar.table, sidecar.rows = loaded.table, loaded.rows
        except (_Unreadable, LoadError, DecodeProblem, ValueError, OSError) as err:
            shown = repair_surrogates(sidecar.shown)
            report.append(_entry(shown, None, "metadata_unusable", str(err), "note"))
    for doc in docs:
        for sidecar in doc.sidecars:
            keys = list(doc.keys)
            if doc.real is not None and sidecar.folder is not None:
                try:
                    rel = doc.real.relative_to(sidecar.folder)
                    keys = [rel.as_posix(), rel.with_suffix("").as_posix(), *keys]
                except ValueError:
                    pass
            hit = next((_key(k) for k in keys if _key(k) in sidecar.table), None)
            if hit is None:
                continue
            sidecar.used.add(hit)
            for name, value in sidecar.table[hit].items():
                if is_missing(value):
                    continue
                if name.startswith("\0"):
                    canon = name[1:]
                    if canon == "id":
                        doc.base_id = slug(_id_text(value))
                    else:
                        doc.record.fields[canon] = value
                else:
                    doc.record.meta[name] = value
            break
    for sidecar in sidecars:
        if not sidecar.report_unmatched:
            continue
        for key, row in sidecar.rows.items():
            if key not in sidecar.used:
                report.append(
                    _entry(
                        sidecar.shown,
                        None,
                        "metadata_unmatched",
                        f"row {row} ({key!r}) matches no loaded document",
                        "note",
                    )
                )
    return report


def _key(value: str) -> str:
    value = value.strip().replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    return value.casefold()


# ---------------------------------------------------------------- ids


def slug(value: str) -> str:
    """A stable, slug-safe id (letters, digits, ``-_.~``) for ``value``.

    >>> slug("2017-06-04 Syria: TANF/Iran"), slug("Café №5"), slug("北京"), slug("plan-of-")
    ('2017-06-04-Syria-TANF-Iran', 'Cafe-No5', 'doc-74b5138a6e', 'plan-of-')
    """
    text = str(value)
    if _SLUG_BAD.search(text):  # an id that is already slug-safe is kept exactly
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _SLUG_BAD.sub("-", text).strip("-.")
    if not text:
        return f"doc-{short_hash(str(value))}"
    if len(text) > _MAX_ID:
        text = f"{text[: _MAX_ID - 11].rstrip('-.')}-{short_hash(str(value))}"
    return text


def short_hash(text: str) -> str:
    """Ten hex digits of a BLAKE2b hash of ``text`` (UTF-8)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unique_ids(docs: list[_Doc]) -> tuple[list[str], list[dict[str, Any]]]:
    taken: dict[str, str | None] = {}
    ids: list[str] = []
    notes: list[dict[str, Any]] = []
    for doc in docs:
        new = doc.base_id
        if new in taken:
            n = 2
            while f"{doc.base_id}~{n}" in taken:
                n += 1
            new = f"{doc.base_id}~{n}"
            first = taken[doc.base_id] or "an earlier row"
            where = f" (row {doc.record.row})" if doc.record.row else ""
            notes.append(
                _entry(
                    doc.path,
                    new,
                    "duplicate_id",
                    f"doc_id {doc.base_id!r} is already used by {first}; this document{where} "
                    f"is {new!r}",
                    "note",
                )
            )
        taken[new] = doc.path
        ids.append(new)
    return ids, notes


# ---------------------------------------------------------------- table


def _assemble(docs: list[_Doc], *, dayfirst: bool) -> tuple[pd.DataFrame, list[dict]]:
    ids, notes = _unique_ids(docs)
    dates = []
    for doc, doc_id in zip(docs, ids):
        raw = doc.record.fields.get("date")
        try:
            dates.append(parse_date(raw, dayfirst=dayfirst))
        except DateProblem as err:
            dates.append(pd.NaT)
            notes.append(
                _entry(doc.path, doc_id, "bad_date", f"{err}; the date is left empty (NaT)", "note")
            )
    columns: dict[str, list[Any]] = {
        "doc_id": ids,
        "title": [_text_or_none(d.record.fields.get("title")) for d in docs],
        "date": dates,
        "source": [_text_or_none(d.record.fields.get("source")) for d in docs],
        "path": [d.path for d in docs],
        "text": [d.record.text for d in docs],
        "n_words": [len(d.record.text.split()) for d in docs],
    }
    names: dict[str, str] = {}  # input name -> output column
    for doc in docs:
        for name in doc.record.meta:
            if name in names:
                continue
            out = name
            while out in columns or out in names.values():
                out = f"input_{out}"
            names[name] = out
    for name, out in names.items():
        columns[out] = [d.record.meta.get(name) for d in docs]
    frame = pd.DataFrame(columns)
    frame["date"] = pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]")).astype(
        "datetime64[ns]"
    )
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame, notes


def _text_or_none(value: Any) -> str | None:
    if is_missing(value):
        return None
    return str(value).strip() or None


def _counts(entries: list[dict[str, Any]]) -> str:
    reasons = sorted({e["reason"] for e in entries})
    return ", ".join(f"{r}: {sum(e['reason'] == r for e in entries)}" for r in reasons)


def _summary_line(report: list[dict[str, Any]], n_inputs: int) -> str:
    """``kit.load skipped 3 of 9 inputs (binary: 1, ...) and noted ...; see ...``."""
    skipped = [e for e in report if e["status"] == "skipped"]
    notes = [e for e in report if e["status"] != "skipped"]
    parts = [f"kit.load skipped {len(skipped)} of {n_inputs} inputs"]
    if skipped:
        parts[0] += f" ({_counts(skipped)})"
    if notes:
        parts.append(
            f"noted {len(notes)} problem{'s' if len(notes) > 1 else ''} ({_counts(notes)})"
        )
    return " and ".join(parts) + "; see kit.load_report(docs)"


def _report_frame(entries: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(entries, columns=REPORT_COLUMNS).astype(object)


def _finish(
    frame: pd.DataFrame, report: list[dict[str, Any]], *, n_inputs: int, strict: bool
) -> pd.DataFrame:
    skipped = sum(e["status"] == "skipped" for e in report)
    notes = len(report) - skipped
    if report and strict:
        table = _report_frame(report)
        lines = "\n".join(
            f"  {e['path'] or e['doc_id'] or '-'}: {e['reason']}: {e['detail']}"
            for e in report[:20]
        )
        more = f"\n  ... and {len(report) - 20} more" if len(report) > 20 else ""
        raise LoadError(
            f"kit.load(strict=True): {skipped} of {n_inputs} inputs skipped, {notes} notes:\n"
            f"{lines}{more}\nFix: correct these inputs, or load with strict=False and check "
            "kit.load_report(docs).",
            report=table,
        )
    frame.attrs["load_report"] = [dict(e) for e in report]
    frame.attrs["load_summary"] = {
        "inputs": n_inputs,
        "documents": len(frame),
        "skipped": skipped,
        "notes": notes,
    }
    if report:
        warnings.warn(_summary_line(report, n_inputs), LoadWarning, stacklevel=3)
    return frame
