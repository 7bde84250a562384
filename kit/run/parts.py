"""Cutting a corpus into parts for workers, merging their rows, progress bars.

>>> [len(p) for p in batches([{}] * 5, size=2)]
[2, 2, 1]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

#: Documents per unit of work sent to a worker.
DEFAULT_CHUNK_DOCS = 32
#: Documents buffered before they are written to the store.
DEFAULT_FLUSH_DOCS = 512

Batch = tuple[list[dict], dict[str, list[dict]]]


def batches(records: Sequence[dict], size: int = DEFAULT_CHUNK_DOCS) -> Iterator[list[dict]]:
    """Consecutive slices of ``records`` of at most ``size`` documents.

    >>> [len(b) for b in batches([{}] * 5, 2)]
    [2, 2, 1]
    """
    if size < 1:
        raise ValueError(f"chunk_docs must be >= 1, got {size}")
    for i in range(0, len(records), size):
        yield list(records[i : i + size])


def balanced_parts(
    records: Sequence[dict],
    workers: int,
    *,
    chunk_docs: int | None = None,
    per_worker: int = 8,
) -> list[list[dict]]:
    """Cut ``records`` (in order) into the parts that workers analyse one at a time.

    With ``chunk_docs`` every part has that many documents. Otherwise parts hold
    about the same number of characters (parse time follows text length, not the
    document count), about ``per_worker`` parts per worker so that all workers
    finish at nearly the same time, and at most :data:`DEFAULT_CHUNK_DOCS`
    documents each.

    >>> docs = [{"text": "x" * n} for n in (900, 100, 100, 100, 100, 100, 100, 100, 100, 100)]
    >>> [len(p) for p in balanced_parts(docs, 2, per_worker=1)]
    [1, 9]
    >>> [len(p) for p in balanced_parts(docs, 1)], [len(p) for p in balanced_parts(docs, 2, chunk_docs=4)]
    ([10], [4, 4, 2])
    """
    if chunk_docs is not None or workers <= 1:
        return list(batches(records, chunk_docs or DEFAULT_CHUNK_DOCS))
    sizes = [len(r.get("text") or "") for r in records]
    target = max(1, -(-sum(sizes) // (per_worker * workers)))
    parts: list[list[dict]] = []
    part: list[dict] = []
    chars = 0
    for record, size in zip(records, sizes):
        if part and (len(part) >= DEFAULT_CHUNK_DOCS or chars + size > target):
            parts.append(part)
            part, chars = [], 0
        part.append(record)
        chars += size
    if part:
        parts.append(part)
    return parts


def merge(parts: Iterator[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Concatenate per-batch rows table by table, keeping batch order."""
    out: dict[str, list[dict]] = {}
    for part in parts:
        for table, rows in part.items():
            out.setdefault(table, []).extend(rows)
    return out


def progress_bar(total: int | None, show: bool, desc: str = "analysing"):
    """A tqdm bar counting documents (``None`` when ``show`` is false)."""
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc=desc, smoothing=0.1)
