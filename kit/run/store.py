"""A results store: analysis rows cached in a DuckDB file, keyed by content.

>>> import kit
>>> result = kit.analyze(kit.load("data/"), store=True)        # doctest: +SKIP
>>> result = kit.analyze(kit.load("data/"), store=True)        # read back  # doctest: +SKIP
>>> Store(".kit-cache/kit.duckdb").info()                      # doctest: +SKIP

Each document's rows (every per-document table plus its sentences) are saved
under two keys: a hash of the document itself (``doc_id``, ``text``, ``date``,
``source``, see :func:`doc_key`) and a fingerprint of everything else that
changes results (kit version, kit's own extraction code, model name and
version, spaCy version, the alias and cue tables, the settings; see
:func:`fingerprint`). A rerun parses only documents whose key is missing.
Corpus-level tables (``actors``) are not stored: they are recomputed from the
rows, so results read from the store are identical to a fresh run.

Concurrency: DuckDB lets one process write a file at a time. The store opens
the file only for the few milliseconds of each read or write and waits (up to
``timeout`` seconds) while another process holds it, then raises
:class:`StoreBusyError`. Writes are transactions, so the file is never left
half-written.

Problems never cost an analysis its results (see :func:`open_store`): the store
is checked before any parsing; a corrupt file is moved aside and rebuilt; a
damaged entry is parsed again; a store that is busy or read-only is read
without being written; every such case gives one :class:`StoreWarning`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
import warnings
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

#: Bump when the layout of the database changes.
SCHEMA_VERSION = 1
#: File name of the default store, inside a ``.kit-cache`` folder.
DEFAULT_NAME = "kit.duckdb"
CACHE_DIR = ".kit-cache"
#: Environment variable naming the store file to use by default.
STORE_ENV = "KIT_STORE"
#: Seconds :meth:`Store.check` waits for a busy store before analysing without writing to it.
CHECK_WAIT = 10.0
#: Bytes 8-11 of every DuckDB database file.
DUCKDB_MAGIC = b"DUCK"


class StoreError(RuntimeError):
    """The store cannot be used; the message names the file and the fix.

    >>> raise StoreError("the store '/x/kit.duckdb' ...")   # doctest: +SKIP
    """


class StoreBusyError(StoreError):
    """Another process kept the store file locked for longer than the timeout."""


class StoreWarning(UserWarning):
    """The store could not be used fully; the analysis went on and its results are complete."""


# ---------------------------------------------------------------- codec --

_DATE, _DATETIME = "__kit_date__", "__kit_datetime__"


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    for kind in (bool, int, float, str):  # numpy scalars and friends
        with contextlib.suppress(TypeError, ValueError):
            if hasattr(value, "item"):
                item = value.item()
                if isinstance(item, kind):
                    return item
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def _hook(obj: dict) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return date.fromisoformat(obj[_DATE])
        if _DATETIME in obj:
            return datetime.fromisoformat(obj[_DATETIME])
    return obj


def encode_rows(rows: Mapping[str, list[dict]]) -> bytes:
    """Compressed JSON of one document's rows (dates kept as dates)."""
    text = json.dumps(rows, default=_default, ensure_ascii=False, allow_nan=True)
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def decode_rows(blob: bytes) -> dict[str, list[dict]]:
    """Inverse of :func:`encode_rows`."""
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"), object_hook=_hook)


def same_value(a: Any, b: Any) -> bool:
    """Equal with equal types (NaN equals NaN): the store keeps values exactly."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    return a == b


def split_by_doc(rows: Mapping[str, list[dict]], doc_ids: Sequence[str]) -> list[dict]:
    """Per-document rows, in the order of ``doc_ids``; every table for every document."""
    per_doc: dict[str, dict[str, list[dict]]] = {d: {t: [] for t in rows} for d in doc_ids}
    for table, table_rows in rows.items():
        for row in table_rows:
            target = per_doc.get(row.get("doc_id"))
            if target is None:
                raise ValueError(
                    f"a row of table {table!r} has doc_id {row.get('doc_id')!r}, which is not "
                    "in this batch; every row must carry the doc_id of its document"
                )
            target[table].append(row)
    return [per_doc[d] for d in doc_ids]


# ---------------------------------------------------------------- store --

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS kit_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fingerprints (fingerprint VARCHAR PRIMARY KEY, parts VARCHAR)",
    "CREATE TABLE IF NOT EXISTS results (fingerprint VARCHAR, doc_key VARCHAR, doc_id VARCHAR, "
    "rows BLOB, PRIMARY KEY (fingerprint, doc_key))",
]


class Store:
    """Cached analysis rows in one DuckDB file.

    >>> store = Store("/tmp/kit-example.duckdb")                    # doctest: +SKIP
    >>> kit.analyze(docs, store=store).mentions                      # doctest: +SKIP
    """

    def __init__(
        self, path: str | os.PathLike, *, timeout: float = 120.0, lenient: bool = False
    ) -> None:
        self.path = Path(path).expanduser()
        self.timeout = timeout
        #: ``True``: read and write errors become one :class:`StoreWarning` (the
        #: analysis goes on without the store) instead of exceptions.
        self.lenient = lenient
        #: ``False`` once the store is known to be read-only for this run.
        self.writable = True
        self._warned = False
        self._complained: set[str] = set()
        self._damaged: set[str] = set()  # doc keys whose stored rows could not be read

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def where(self) -> str:
        """The absolute path of the file, for messages."""
        return os.path.abspath(self.path)

    def _warn(self, kind: str, message: str) -> None:
        """One :class:`StoreWarning` per kind of problem and store."""
        if kind not in self._complained:
            self._complained.add(kind)
            warnings.warn(message, StoreWarning, stacklevel=3)

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False, timeout: float | None = None) -> Iterator[Any]:
        """A short-lived connection; waits while another process holds the file."""
        import duckdb

        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    waited = self.timeout if timeout is None else timeout
                    raise StoreBusyError(
                        f"the store {self.where!r} is locked by another process (waited "
                        f"{waited:g} s): {exc}. Fix: wait for that analysis to finish, "
                        "raise the timeout with Store(path, timeout=...), or use another store "
                        "path."
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 1.5, 1.0)
        try:
            if not read_only:
                for statement in _SCHEMA:
                    con.execute(statement)
                con.execute(
                    "INSERT OR IGNORE INTO kit_meta VALUES ('schema_version', ?)",
                    [str(SCHEMA_VERSION)],
                )
            yield con
        finally:
            con.close()

    def _has_results(self, con: Any) -> bool:
        ((n,),) = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'results'"
        ).fetchall()
        return bool(n)

    def fetch(self, fp: str, keys: Sequence[str]) -> dict[str, dict[str, list[dict]]]:
        """The stored rows of the documents with these keys (missing ones left out).

        An entry that cannot be read back (a damaged blob) counts as missing:
        that document is parsed again and its entry replaced by :meth:`put`.
        """
        if not keys or not self.path.exists():
            return {}
        try:
            found = self._fetch_blobs(fp, keys)
        except Exception as exc:  # noqa: BLE001 - lenient: the analysis goes on unread
            if not self.lenient:
                raise
            self._warn("read", _problem(self.path, "could not be read", exc, reading=True))
            return {}
        out: dict[str, dict[str, list[dict]]] = {}
        for key, blob in found:
            try:
                out[key] = decode_rows(blob)
            except (zlib.error, ValueError, TypeError) as exc:  # JSON/UTF-8 errors are ValueErrors
                self._damaged.add(key)
                self._warn(
                    "blob",
                    f"the store {self.where!r} holds damaged entries ({type(exc).__name__}: "
                    f"{exc}); those documents are parsed again and their entries rewritten. "
                    "Nothing to do, unless this repeats: then delete the file (or call "
                    "Store(path).clear()) to rebuild the store.",
                )
        return out

    def _fetch_blobs(self, fp: str, keys: Sequence[str]) -> list[tuple[str, bytes]]:
        import pyarrow as pa

        wanted = pa.table({"doc_key": pa.array(list(dict.fromkeys(keys)), pa.string())})
        with self.connect(read_only=True) as con:
            if not self._has_results(con):
                return []
            con.register("wanted", wanted)
            return con.execute(
                "SELECT r.doc_key, r.rows FROM results r JOIN wanted w USING (doc_key) "
                "WHERE r.fingerprint = ?",
                [fp],
            ).fetchall()

    def put(
        self,
        fp: str,
        items: Iterable[tuple[str, str, Mapping[str, list[dict]]]],
        *,
        parts: Mapping[str, str] | None = None,
    ) -> int:
        """Save ``(doc_key, doc_id, rows)`` items; returns how many were stored.

        Rows whose values would not read back exactly (unusual types) are not
        stored, with one warning: those documents are simply parsed again. A
        lenient store that cannot be written warns once and stores nothing.
        """
        import pyarrow as pa

        keys, ids, blobs = [], [], []
        for key, doc_id, rows in items:
            blob = encode_rows_checked(rows)
            if blob is None:
                if not self._warned:
                    warnings.warn(
                        f"document {doc_id!r}: some values cannot be stored exactly, so it is "
                        "not cached (it will be parsed again next time)",
                        stacklevel=2,
                    )
                    self._warned = True
                continue
            keys.append(key)
            ids.append(str(doc_id))
            blobs.append(blob)
        if not keys or not self.writable:
            return 0
        incoming = pa.table(
            {
                "fingerprint": pa.array([fp] * len(keys), pa.string()),
                "doc_key": pa.array(keys, pa.string()),
                "doc_id": pa.array(ids, pa.string()),
                "rows": pa.array(blobs, pa.binary()),
            }
        )
        damaged = [k for k in keys if k in self._damaged]
        try:
            self._insert(fp, incoming, parts, damaged)
        except Exception as exc:  # noqa: BLE001 - lenient: results are kept, only not cached
            if not self.lenient:
                raise
            self.writable = False
            self._warn("write", _problem(self.path, "could not be written", exc, reading=False))
            return 0
        self._damaged.difference_update(damaged)
        return len(keys)

    def _insert(
        self, fp: str, incoming: Any, parts: Mapping[str, str] | None, damaged: list
    ) -> None:
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                if parts is not None:
                    con.execute(
                        "INSERT OR IGNORE INTO fingerprints VALUES (?, ?)",
                        [fp, json.dumps(dict(parts), sort_keys=True)],
                    )
                for key in damaged:
                    con.execute(
                        "DELETE FROM results WHERE fingerprint = ? AND doc_key = ?", [fp, key]
                    )
                con.register("incoming", incoming)
                con.execute("INSERT OR IGNORE INTO results SELECT * FROM incoming")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def check(self, *, wait: float = CHECK_WAIT) -> Store | None:
        """Make sure the store can be used before any parsing; returns it, or ``None``.

        Creates the folder and the file (so an unwritable place fails now, not
        after the parse) and opens it: a corrupt DuckDB file is moved aside to
        ``<name>.corrupt-<time>`` and a new one started; a store another process
        keeps locked (for more than ``wait`` seconds) is used read-only when
        possible, else not at all. Each case gives one :class:`StoreWarning`.
        Raises :class:`StoreError` when the place cannot be written or the file
        is not a DuckDB database (nothing is moved or overwritten then).

        >>> Store("/tmp/kit-example.duckdb").check()                 # doctest: +SKIP
        Store('/tmp/kit-example.duckdb')
        """
        import duckdb

        self._refuse_foreign_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(_unwritable(self.path, exc)) from None
        for attempt in (1, 2):
            try:
                with self.connect(timeout=min(wait, self.timeout)) as con:
                    con.execute("SELECT count(*) FROM results").fetchall()
                return self
            except StoreBusyError as exc:
                return self._read_only_or_none(exc)
            except OSError as exc:  # from creating the folder
                raise StoreError(_unwritable(self.path, exc)) from None
            except duckdb.Error as exc:
                text = str(exc).lower()
                if "permission denied" in text or "read-only file system" in text:
                    raise StoreError(_unwritable(self.path, exc)) from None
                if "lock" in text:
                    return self._read_only_or_none(exc)
                if attempt == 2:
                    return self._move_aside_and_rebuild(exc)
                time.sleep(0.5)  # another process may be creating the file right now
        return self  # pragma: no cover - the loop always returns

    def _refuse_foreign_file(self) -> None:
        if self.path.is_dir():
            raise StoreError(
                f"the store {self.where!r} is a folder, not a file. Fix: pass a file "
                "path such as 'results.duckdb', or store=None for no store."
            )
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        except (FileNotFoundError, NotADirectoryError):
            return  # a new store; creating it says whether the place is writable
        except OSError as exc:
            raise StoreError(
                f"the store {self.where!r} cannot be opened: {exc.strerror or exc}. Fix: "
                "pass another store path, or store=None for no store."
            ) from None
        if len(head) >= 12 and head[8:12] != DUCKDB_MAGIC:
            time.sleep(0.5)  # another process may be writing the header right now
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        if len(head) >= 12 and head[8:12] != DUCKDB_MAGIC:
            raise StoreError(
                f"the store {self.where!r} is not a DuckDB database, so kit leaves it "
                "alone. Fix: pass another store path (e.g. 'results.duckdb'), or store=None."
            )

    def _read_only_or_none(self, exc: BaseException) -> Store | None:
        try:
            with self.connect(read_only=True, timeout=0):
                pass
        except Exception:  # noqa: BLE001 - not even readable: analyse without it
            self._warn(
                "busy",
                f"the store {self.where!r} is locked by another process ({exc}); this "
                "analysis runs without the store (results are complete, nothing is cached). "
                "Fix: close the other program or notebook that has it open, or pass another "
                "store path.",
            )
            return None
        self.writable = False
        self._warn(
            "busy",
            f"the store {self.where!r} is open in another process, so it is only read: "
            "stored documents are reused, new results are not cached (the results are "
            "complete). Fix: close the other program or notebook that has it open.",
        )
        return self

    def _move_aside_and_rebuild(self, exc: BaseException) -> Store:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 2
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, aside)
            wal = Path(f"{self.path}.wal")
            if wal.exists():
                os.replace(wal, Path(f"{aside}.wal"))
            with self.connect(timeout=0) as con:
                con.execute("SELECT count(*) FROM results").fetchall()
        except Exception as again:  # noqa: BLE001 - cannot rebuild: say so, clearly
            raise StoreError(
                f"the store {self.where!r} is damaged ({exc}) and could not be replaced "
                f"({again}). Fix: delete that file, or pass store=None for no store."
            ) from None
        self._warn(
            "corrupt",
            f"the store {self.where!r} was damaged ({exc}); it was moved to "
            f"{str(aside)!r} and a new, empty store started, so this run parses every "
            "document. Fix: nothing is needed; delete the moved file when you no longer "
            "want it.",
        )
        return self

    def info(self) -> dict[str, int]:
        """Counts: stored documents and fingerprints (settings/versions) in use."""
        if not self.path.exists():
            return {"documents": 0, "fingerprints": 0}
        with self.connect(read_only=True) as con:
            if not self._has_results(con):
                return {"documents": 0, "fingerprints": 0}
            ((n_docs, n_fps),) = con.execute(
                "SELECT count(*), count(DISTINCT fingerprint) FROM results"
            ).fetchall()
        return {"documents": int(n_docs), "fingerprints": int(n_fps)}

    def clear(self, *, keep: str | None = None) -> int:
        """Delete stored rows (all, or all but fingerprint ``keep``); returns how many."""
        if not self.path.exists():
            return 0
        with self.connect() as con:
            where, params = ("WHERE fingerprint <> ?", [keep]) if keep else ("", [])
            ((n,),) = con.execute(f"SELECT count(*) FROM results {where}", params).fetchall()
            con.execute(f"DELETE FROM results {where}", params)
            con.execute(f"DELETE FROM fingerprints {where}", params)
            con.execute("CHECKPOINT")
        return int(n)


def encode_rows_checked(rows: Mapping[str, list[dict]]) -> bytes | None:
    """:func:`encode_rows`, or ``None`` when the rows would not read back identically."""
    try:
        blob = encode_rows(rows)
    except (TypeError, ValueError):
        return None
    return blob if same_value(decode_rows(blob), dict(rows)) else None


def _problem(path: Path, what: str, exc: BaseException, *, reading: bool) -> str:
    path = Path(os.path.abspath(path))
    """The warning for a store that failed during a run (the analysis goes on)."""
    then = (
        "every document is parsed instead"
        if reading
        else "the results of this run are complete but not cached"
    )
    return (
        f"the store {str(path)!r} {what} ({type(exc).__name__}: {exc}); {then}. Fix: if "
        "another program has the file open, close it; if the file is damaged, delete it "
        "(it is only a cache); or pass store=None for no store."
    )


def _unwritable(path: Path, exc: BaseException) -> str:
    path = Path(os.path.abspath(path))
    why = getattr(exc, "strerror", None) or str(exc)
    return (
        f"the store {str(path)!r} cannot be created or written ({why}). Fix: pass a store "
        "path in a folder you can write to (store='~/kit.duckdb'), store=True for the "
        "default place, or store=None for no store."
    )


# ------------------------------------------------------------- locating --


def _abs(path: str | os.PathLike) -> Path:
    return Path(os.path.abspath(os.path.expanduser(os.fspath(path))))


def corpus_root(source: Any = None, documents: Any = None) -> Path | None:
    """The folder the corpus lives in (absolute), or ``None`` for in-memory input.

    A folder is itself; a file or glob gives its folder; a list gives the folder
    common to its items; a table from :func:`kit.load` carries the folder of
    what was loaded (``attrs["corpus_root"]``); another table, the folder
    common to the absolute paths in its ``path`` column.

    >>> str(corpus_root("/data/news/")), str(corpus_root("/data/news/a.txt"))
    ('/data/news', '/data/news')
    """
    roots: list[Path] = []
    items = source if isinstance(source, list | tuple) else [source]
    for item in items:
        if not isinstance(item, str | os.PathLike):
            continue
        p = _abs(item)
        text = os.fspath(item)
        if any(ch in text for ch in "*?[") and not p.exists():
            static = text.split("*")[0].split("?")[0].split("[")[0]
            p = _abs(static) if static.endswith(("/", os.sep)) else _abs(static).parent
            roots.append(p)
        elif p.is_dir() or (not p.suffix and not p.exists()):
            roots.append(p)
        else:
            roots.append(p.parent)
    if not roots and documents is not None:
        given = getattr(documents, "attrs", {}).get("corpus_root")
        if isinstance(given, str) and given:
            roots.append(Path(given))
        elif "path" in getattr(documents, "columns", ()):
            roots += [
                _abs(p).parent
                for p in documents["path"]
                if isinstance(p, str) and os.path.isabs(os.path.expanduser(p))
            ]
    if not roots:
        return None
    try:
        return Path(os.path.commonpath([str(r) for r in roots]))
    except ValueError:  # different drives
        return None


def default_store_path(source: Any = None, documents: Any = None) -> Path:
    """Where ``store=True`` keeps the cache.

    ``$KIT_STORE`` if set; else ``.kit-cache/kit.duckdb`` in the folder that
    holds the corpus (see :func:`corpus_root`: for ``kit.analyze("news/")`` or
    a table from ``kit.load("news/")`` that is the parent of ``news/``); else
    (in-memory documents) in the current directory.

    >>> default_store_path("/data/news/")
    PosixPath('/data/.kit-cache/kit.duckdb')
    """
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    root = corpus_root(source, documents)
    if root is None:
        return Path.cwd() / CACHE_DIR / DEFAULT_NAME
    return root.parent / CACHE_DIR / DEFAULT_NAME


def user_cache_path() -> Path:
    """The store used when the default place cannot be written: the user's cache folder.

    ``$XDG_CACHE_HOME/kit/kit.duckdb`` (``~/.cache/kit/`` on Linux,
    ``~/Library/Caches/kit/`` on macOS, ``%LOCALAPPDATA%\\kit\\Cache\\`` on Windows).
    """
    if sys.platform == "win32":  # pragma: no cover
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "kit" / "Cache" / DEFAULT_NAME
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "kit" / DEFAULT_NAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "kit" / DEFAULT_NAME


def open_store(
    store: Any, *, source: Any = None, documents: Any = None, check: bool = True
) -> Store | None:
    """Turn the ``store=`` argument of :func:`kit.analyze` into a :class:`Store` (or ``None``).

    ``None``/``False``: no store; ``True``: :func:`default_store_path`; a path or a
    :class:`Store`: that one. With ``check`` (the default) the store is checked
    before any parsing (:meth:`Store.check`) and returned lenient: problems
    during the run become one :class:`StoreWarning` and the results stay complete.

    ``store=True`` never fails: when its place cannot be written it falls back
    to :func:`user_cache_path`, then to no store, with one warning. A path you
    name that cannot be written (or is not a DuckDB file) raises
    :class:`StoreError` before any parsing.

    >>> open_store(None) is None
    True
    """
    if store is None or store is False:
        return None
    if isinstance(store, Store):
        chosen = Store(store.path, timeout=store.timeout, lenient=True)
    elif store is True:
        chosen = Store(default_store_path(source, documents), lenient=True)
    elif isinstance(store, str | os.PathLike):
        chosen = Store(store, lenient=True)
    else:
        raise TypeError(f"store= takes True, False, a path or a kit.run.store.Store, not {store!r}")
    if not check:
        return chosen
    if store is not True:
        return chosen.check()
    tried: list[str] = []
    for candidate in dict.fromkeys([chosen.path, user_cache_path()]):
        try:
            found = Store(candidate, timeout=chosen.timeout, lenient=True).check()
        except StoreError as exc:
            tried.append(str(exc))
            continue
        if tried and found is not None:
            warnings.warn(
                f"{tried[0].split(' Fix:')[0]} Using {str(found.path)!r} (the user cache "
                "folder) instead.",
                StoreWarning,
                stacklevel=3,
            )
        return found
    warnings.warn(
        f"{tried[0].split(' Fix:')[0]} The user cache folder could not be used either, so this "
        "analysis runs without a store (results are complete, nothing is cached). Fix: pass "
        "store='PATH' in a folder you can write to, or set $KIT_STORE.",
        StoreWarning,
        stacklevel=3,
    )
    return None
