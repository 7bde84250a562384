"""Time expressions resolved against the dateline: the ``timexes`` table.

>>> import kit, pandas as pd                                            # doctest: +SKIP
>>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Dillon said Wednesday."],
...                      "date": [pd.Timestamp("2017-06-04")]})         # doctest: +SKIP
>>> kit.analyze(docs, extractors=["timexes"]).timexes[["text", "value"]]  # doctest: +SKIP
        text       value
0  Wednesday  2017-05-31

Rule based: patterns from :mod:`kit.extract.time.rules` find candidates, the tense of
the governing verb (from the dependency parse) picks the direction of bare
weekdays and months, :mod:`kit.extract.time.resolve` does the calendar arithmetic.
See ``docs/time.md`` for the value formats and conventions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.extract.time import resolve as tr
from kit.extract.time.interpret import _Context, interpret
from kit.extract.time.rules import (
    candidates,
)
from kit.tables import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from kit.nlp.model import DocInfo


TABLE = "timexes"
COLUMNS = columns(TABLE)

# ------------------------------------------------------------------ extract --


def extract(doc: Doc, info: DocInfo, res: Any, found: dict[str, list[dict]]) -> list[dict]:
    """One row per time expression in one document (see :data:`COLUMNS`)."""
    text = info.text
    dct = info.date
    dct_note = tr.dct_doubt(dct)
    ctx = _Context()
    rows: list[dict] = []
    for c in candidates(text):
        try:
            t = interpret(c, doc, dct, ctx)
        except (ValueError, KeyError, OverflowError, IndexError):
            t = None
        if t is None or not text[c.start : c.end].strip():
            continue
        value = t.value
        notes = list(t.notes)
        doubtful = t.doubtful
        if t.anchored and dct_note:
            notes.append(dct_note)
            doubtful = True
        resolved = bool(
            value
            and t.type in ("DATE", "TIME")
            and "X" not in value
            and not value.endswith("_REF")
            and not value.startswith("T")
            and not doubtful
        )
        rows.append(
            {
                "doc_id": info.doc_id,
                "sent_id": info.sent_id_at(c.start),
                "start": c.start,
                "end": c.end,
                "text": text[c.start : c.end],
                "type": t.type,
                "value": value,
                "granularity": tr.granularity(value),
                "anchor_date": dct.isoformat() if (t.anchored and dct) else None,
                "offset": t.offset,
                "mod": t.mod,
                "quant": t.quant,
                "resolved": resolved,
                "doubtful": bool(doubtful),
                "note": "; ".join(notes) if notes else None,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"]))
    for i, r in enumerate(rows, 1):
        r["timex_id"] = f"{info.doc_id}:t{i}"
    return [{k: r[k] for k in COLUMNS} for r in rows]
