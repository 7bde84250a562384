"""One reader per input format: a file (or a DataFrame) -> candidate documents.

Readers know nothing about ids, dates or sidecars; :mod:`kit.io.corpus` does that.
Each returns a :class:`Read`: the :class:`Record` s it found and the
:class:`Skip` s (inputs it could not use, with a reason code and a detail).

>>> import pandas as pd
>>> got = read_frame(pd.DataFrame({"body": ["A text.", " "]}), Columns())
>>> [r.text for r in got.records], [s.reason for s in got.skips]
(['A text.'], ['empty'])
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.io.decode import (
    DecodeProblem,
    decode_bytes,
    decode_noted,
    has_surrogates,
    normalize_text,
    repair_surrogates,
)
from kit.io.textheader import parse_header

__all__ = [
    "ALIASES",
    "Columns",
    "Read",
    "Record",
    "Skip",
    "TEXT_SUFFIXES",
    "TABLE_SUFFIXES",
    "HTML_SUFFIXES",
    "read_file",
    "read_frame",
    "read_table",
    "resolve_columns",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

#: Canonical field -> input names recognised for it, in order of preference
#: (compared ignoring case, spaces, ``_`` and ``-``).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "article_text",
        "body_text",
        "maintext",
        "story",
    ),
    "date": (
        "date",
        "published",
        "publication_date",
        "pubdate",
        "published_at",
        "datetime",
        "pub_date",
        "publish_date",
        "date_published",
        "published_date",
    ),
    "title": ("title", "headline", "heading"),
    "source": (
        "source",
        "outlet",
        "publisher",
        "media",
        "site",
        "sitename",
        "site_name",
        "source_name",
        "media_outlet",
        "newspaper",
        "publication",
    ),
    "id": ("id", "doc_id", "article_id", "uuid", "docid", "guid", "story_id"),
}
_JSON_LIST_KEYS = ("documents", "data", "articles", "records", "items", "results")


@dataclass(frozen=True)
class Columns:
    """Input column names chosen by the user (``None``: auto-detect)."""

    text: str | None = None
    date: str | None = None
    id: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass
class Record:
    """A candidate document: its text, canonical fields and other metadata."""

    text: str
    fields: dict[str, Any] = field(default_factory=dict)  # title, date, source, id
    meta: dict[str, Any] = field(default_factory=dict)  # every other input column
    row: int | None = None  # 1-based row of a table; None for a whole file


@dataclass
class Skip:
    """An input that is not a document: reason code and a human detail."""

    reason: str
    detail: str
    row: int | None = None
    status: str = "skipped"  # or "note" for a remark that skips nothing


@dataclass
class Read:
    """What one input gave."""

    records: list[Record] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)

    @property
    def n_inputs(self) -> int:
        return len(self.records) + sum(s.status == "skipped" for s in self.skips)


def _norm(name: Any) -> str:
    return re.sub(r"[\s_\-]+", "", str(name)).casefold()


def resolve_columns(names: list[Any], chosen: Columns) -> tuple[dict[str, Any], list[str]]:
    """Map canonical fields to input column names; also list chosen names not found.

    >>> resolve_columns(["Headline", "Body", "pubDate"], Columns())[0]
    {'text': 'Body', 'date': 'pubDate', 'title': 'Headline'}
    """
    by_norm: dict[str, Any] = {}
    for name in names:
        by_norm.setdefault(_norm(name), name)
    found: dict[str, Any] = {}
    missing: list[str] = []
    used: set[Any] = set()
    for canon, aliases in ALIASES.items():
        wanted = getattr(chosen, canon)
        if wanted is not None:
            if wanted in names:
                hit = wanted
            else:
                hit = by_norm.get(_norm(wanted))
                if hit is None:
                    missing.append(f"{canon}={wanted!r}")
                    continue
        else:
            hit = next(
                (by_norm[_norm(a)] for a in aliases if by_norm.get(_norm(a)) not in (None, *used)),
                None,
            )
            if hit is None:
                continue
        found[canon] = hit
        used.add(hit)
    return found, missing


def scalar(value: Any) -> Any:
    """A plain cell value: lists become ``"; "``-joined text, dicts JSON, NaN None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, list | tuple) or (
        hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1
    ):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return "; ".join(str(scalar(v)) for v in items if scalar(v) is not None)
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, str):
        return normalize_text(value)
    return value


def read_frame(frame: pd.DataFrame, chosen: Columns) -> Read:
    """Rows of a table -> records; rows without text are skipped.

    Raises :class:`KeyError` naming the columns when no text column is found.
    """
    names = list(frame.columns)
    found, missing = resolve_columns(names, chosen)
    got = Read()
    for item in missing:
        got.skips.append(
            Skip("column_not_found", f"no column {item}; columns are {names}", status="note")
        )
    if "text" not in found:
        raise KeyError(
            f"no text column among {names}. Fix: name it with kit.load(..., text='COLUMN') "
            f"or call it one of {list(ALIASES['text'])}"
        )
    canon_of = {col: canon for canon, col in found.items()}
    values = frame.to_dict("records") if len(frame) else []
    for i, row in enumerate(values, start=1):
        text = row.get(found["text"])
        if not isinstance(text, str):
            kind = text_kind(text)
            reason = "empty" if kind == "missing" else "not_text"
            what = "the text is missing" if kind == "missing" else f"the text cell is {kind}"
            got.skips.append(Skip(reason, f"row {i}: {what}", row=i))
            continue
        if not text.strip():
            got.skips.append(Skip("empty", f"row {i}: the text is blank", row=i))
            continue
        bad = [str(c) for c, v in row.items() if isinstance(v, str) and has_surrogates(v)]
        if bad:
            got.skips.append(
                Skip(
                    "invalid_unicode",
                    f"row {i}: {', '.join(repair_surrogates(c) for c in bad)} held invalid "
                    "Unicode (lone surrogates, e.g. undecodable bytes); each was replaced "
                    "with U+FFFD",
                    row=i,
                    status="note",
                )
            )
        record = Record(normalize_text(text), row=i)
        for col, value in row.items():
            if col == found["text"]:
                continue
            if col in canon_of:
                record.fields[canon_of[col]] = scalar(value)
            else:
                record.meta[repair_surrogates(str(col))] = scalar(value)
        got.records.append(record)
    return got


def text_kind(value: Any) -> str:
    """How a text cell that is not a string is described: ``missing`` or ``not text (int)``.

    >>> text_kind(None), text_kind(float("nan")), text_kind(3), text_kind(["a"])
    ('missing', 'missing', 'not text (int)', 'not text (list)')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return "missing"
    if isinstance(value, float) and math.isnan(value):
        return "missing"
    kind = type(value).__name__
    if type(value).__module__ == "numpy":  # np.int64 -> int, np.ndarray -> array
        kind = {"ndarray": "array"}.get(kind, kind.rstrip("0123456789_"))
    return f"not text ({kind})"


def read_table(path: Path, data: bytes) -> pd.DataFrame:
    """Bytes of a CSV/TSV/JSON/JSONL/Parquet file -> a DataFrame (cells as read)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(io.BytesIO(data))
    return _table_from_text(suffix, decode_bytes(data), [0])


def _table_from_text(suffix: str, text: str, fixed: list[int]) -> pd.DataFrame:
    """A decoded CSV/TSV/JSON/JSONL text -> DataFrame; ``fixed[0]`` counts repaired strings."""
    if suffix in (".jsonl", ".ndjson"):
        lines = [line for line in text.split("\n") if line.strip()]
        records = _json_records([_clean_json(json.loads(x), fixed) for x in lines])
        return pd.DataFrame.from_records(records)
    if suffix == ".json":
        return pd.DataFrame.from_records(_json_records(_clean_json(json.loads(text), fixed)))
    sep = "\t" if suffix in (".tsv", ".tab") else _sniff_separator(text)
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""])


def _clean_json(value: Any, fixed: list[int]) -> Any:
    """Parsed JSON with lone surrogates (``"\\ud800"`` escapes) replaced by U+FFFD.

    pandas and Arrow cannot hold such strings; ``fixed[0]`` counts the repairs.
    """
    if isinstance(value, str):
        if has_surrogates(value):
            fixed[0] += 1
            return repair_surrogates(value)
        return value
    if isinstance(value, list):
        return [_clean_json(v, fixed) for v in value]
    if isinstance(value, dict):
        return {_clean_json(k, fixed): _clean_json(v, fixed) for k, v in value.items()}
    return value


def _surrogate_note(fixed: list[int]) -> list[Skip]:
    if not fixed[0]:
        return []
    return [
        Skip(
            "invalid_unicode",
            f"{fixed[0]} JSON string{'s' if fixed[0] > 1 else ''} held invalid Unicode (lone "
            "surrogate escapes such as \\ud800); each was replaced with U+FFFD",
            status="note",
        )
    ]


def _sniff_separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _json_records(value: Any) -> list[dict]:
    if isinstance(value, dict):
        for key in _JSON_LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            value = [value]
    if not isinstance(value, list):
        raise ValueError("expected a list of records or {'documents': [...]}")
    bad = [i for i, item in enumerate(value, start=1) if not isinstance(item, dict)]
    if bad:
        raise ValueError(f"item {bad[0]} is not an object (a record with a text field)")
    return value


def _read_jsonl(text: str, chosen: Columns) -> Read:
    records: list[dict] = []
    rows: list[int] = []
    got = Read()
    fixed = [0]
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = _clean_json(json.loads(line), fixed)
        except ValueError as err:
            got.skips.append(Skip("parse_error", f"line {i}: not JSON ({err})", row=i))
            continue
        if not isinstance(value, dict):
            got.skips.append(Skip("parse_error", f"line {i}: not a JSON object", row=i))
            continue
        records.append(value)
        rows.append(i)
    if not records and got.skips:
        return got
    frame = pd.DataFrame.from_records(records)
    inner = read_frame(frame, chosen)
    for record in inner.records:
        record.row = rows[record.row - 1]
    for skip in inner.skips:
        if skip.row is not None:
            skip.detail = skip.detail.replace(f"row {skip.row}:", f"line {rows[skip.row - 1]}:")
            skip.row = rows[skip.row - 1]
    got.records, got.skips = inner.records, _surrogate_note(fixed) + got.skips + inner.skips
    return got


def read_file(path: Path, data: bytes, chosen: Columns) -> Read:
    """Dispatch on the file suffix. Raises DecodeProblem, KeyError (no text
    column) or ValueError (unreadable table) for a whole-file problem.

    Notes on the decoding (mixed encodings) come first among the skips.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return read_frame(pd.read_parquet(io.BytesIO(data)), chosen)
    text, notes = decode_noted(data)
    if suffix in (".jsonl", ".ndjson"):
        got = _read_jsonl(text, chosen)
    elif suffix in TABLE_SUFFIXES:
        fixed = [0]
        got = read_frame(_table_from_text(suffix, text, fixed), chosen)
        got.skips = _surrogate_note(fixed) + got.skips
    elif suffix in HTML_SUFFIXES:
        got = _read_html(text)
    else:
        got = _read_text(text)
    got.skips = [Skip("mixed_encoding", note, status="note") for note in notes] + got.skips
    return got


def _read_text(text: str) -> Read:
    header = parse_header(text)
    body = text[header.body_start :]
    if not body.strip():
        what = "has only a header, no text" if header.fields else "is blank (whitespace only)"
        raise DecodeProblem("empty", f"the file {what}")
    record = Record(body)
    found, _ = resolve_columns([k for k, _ in header.fields], Columns())
    canon_of = {col: canon for canon, col in found.items() if canon != "text"}
    for key, value in header.fields:
        if key in canon_of:
            record.fields[canon_of[key]] = value or None
        else:
            record.meta[key] = value
    return Read([record])


def _read_html(html: str) -> Read:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = normalize_text(getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise DecodeProblem("empty", "no main text found in the HTML page")
    record = Record(text)
    for canon, attr in (("title", "title"), ("date", "date"), ("source", "sitename")):
        value = getattr(doc, attr, None)
        if value:
            record.fields[canon] = normalize_text(str(value))
    if "source" not in record.fields and getattr(doc, "hostname", None):
        record.fields["source"] = doc.hostname
    for attr in ("url", "author", "description", "language"):
        value = getattr(doc, attr, None)
        if value:
            record.meta[attr] = normalize_text(str(value))
    return Read([record])
