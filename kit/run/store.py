"""A results store: analysis rows cached in a DuckDB file, keyed by content.

>>> import kit
>>> result = kit.analyze(kit.load("data/"), store=True)        # doctest: +SKIP
>>> result = kit.analyze(kit.load("data/"), store=True)        # doctest: +SKIP  (read back)
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
"""

from __future__ import annotations

import contextlib
import json
import math
import os
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


class StoreBusyError(RuntimeError):
    """Another process kept the store file locked for longer than the timeout."""


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

    def __init__(self, path: str | os.PathLike, *, timeout: float = 120.0) -> None:
        self.path = Path(path).expanduser()
        self.timeout = timeout
        self._warned = False

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[Any]:
        """A short-lived connection; waits while another process holds the file."""
        import duckdb

        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.timeout
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"the store {str(self.path)!r} is locked by another process (waited "
                        f"{self.timeout:g} s): {exc}. Fix: wait for that analysis to finish, "
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
        """The stored rows of the documents with these keys (missing ones left out)."""
        if not keys or not self.path.exists():
            return {}
        import pyarrow as pa

        wanted = pa.table({"doc_key": pa.array(list(dict.fromkeys(keys)), pa.string())})
        with self.connect(read_only=True) as con:
            if not self._has_results(con):
                return {}
            con.register("wanted", wanted)
            found = con.execute(
                "SELECT r.doc_key, r.rows FROM results r JOIN wanted w USING (doc_key) "
                "WHERE r.fingerprint = ?",
                [fp],
            ).fetchall()
        return {key: decode_rows(blob) for key, blob in found}

    def put(
        self,
        fp: str,
        items: Iterable[tuple[str, str, Mapping[str, list[dict]]]],
        *,
        parts: Mapping[str, str] | None = None,
    ) -> int:
        """Save ``(doc_key, doc_id, rows)`` items; returns how many were stored.

        Rows whose values would not read back exactly (unusual types) are not
        stored, with one warning: those documents are simply parsed again.
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
        if not keys:
            return 0
        incoming = pa.table(
            {
                "fingerprint": pa.array([fp] * len(keys), pa.string()),
                "doc_key": pa.array(keys, pa.string()),
                "doc_id": pa.array(ids, pa.string()),
                "rows": pa.array(blobs, pa.binary()),
            }
        )
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                if parts is not None:
                    con.execute(
                        "INSERT OR IGNORE INTO fingerprints VALUES (?, ?)",
                        [fp, json.dumps(dict(parts), sort_keys=True)],
                    )
                con.register("incoming", incoming)
                con.execute("INSERT OR IGNORE INTO results SELECT * FROM incoming")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(keys)

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


# ------------------------------------------------------------- locating --


def default_store_path(source: Any = None, documents: Any = None) -> Path:
    """Where ``store=True`` keeps the cache.

    ``$KIT_STORE`` if set; else ``.kit-cache/kit.duckdb`` in the folder that
    holds the corpus (for ``kit.analyze("corpus/")`` that is the parent of
    ``corpus/``; for a documents table, the parent of the folder common to its
    ``path`` column); else in the current directory.

    >>> default_store_path("/data/news/")
    PosixPath('/data/.kit-cache/kit.duckdb')
    """
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    root: Path | None = None
    if isinstance(source, str | os.PathLike):
        p = Path(source).expanduser().absolute()
        root = p.parent if p.suffix or p.is_file() else p
    elif documents is not None and "path" in getattr(documents, "columns", ()):
        paths = [str(Path(p).absolute().parent) for p in documents["path"] if isinstance(p, str)]
        if paths:
            with contextlib.suppress(ValueError):
                root = Path(os.path.commonpath(paths))
    if root is None:
        return Path.cwd() / CACHE_DIR / DEFAULT_NAME
    return root.parent / CACHE_DIR / DEFAULT_NAME


def open_store(store: Any, *, source: Any = None, documents: Any = None) -> Store | None:
    """Turn the ``store=`` argument of :func:`kit.analyze` into a :class:`Store` (or ``None``).

    ``None``/``False``: no store; ``True``: :func:`default_store_path`; a path or a
    :class:`Store`: that one.
    """
    if store is None or store is False:
        return None
    if isinstance(store, Store):
        return store
    if store is True:
        return Store(default_store_path(source, documents))
    if isinstance(store, str | os.PathLike):
        return Store(store)
    raise TypeError(f"store= takes True, False, a path or a kit.run.store.Store, not {store!r}")
