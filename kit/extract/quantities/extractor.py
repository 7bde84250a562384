"""Quantities: every amount in a document, normalised, with qualifier, counted object, restatement.

>>> import kit, pandas as pd
>>> text = "It lies more than 124 km (77 miles) away. Oil rose 5% to $70 a barrel."
>>> docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
>>> q = kit.analyze(docs, extractors=["quantities"], store=None).quantities
>>> q[["text", "unit", "per_unit", "change", "restates"]].fillna("").values.tolist()
[['more than 124 km', 'kilometre', '', 'none', ''], ['77 miles', 'mile', '', 'none', 'd:q1'], ['5%', 'percent', '', 'up', ''], ['$70 a barrel', 'US dollar per barrel', 'barrel', 'none', '']]

A rule-based scanner over the document text (regular expressions anchored at
the numbers it finds) reads each amount; the spaCy parse of the document
supplies what the text alone cannot: the counted object (dependency tree),
dates and clock times to leave out (DATE/TIME entities, timex rows) and
prepositions that look like units ("2 in my car").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kit.extract.quantities.change import change_of
from kit.extract.quantities.scanner import (
    _CHANGE_VERBS,
    _RESTATE,
    TOLERANCE,
    Amount,
    Scanner,
    _blocked_spans,
    _Ctx,
    _finish_bounds,
    _object,
    _overlaps,
    _qualify,
    _read_amount,
    _read_compound,
    _read_range,
    _suffix,
    scanner,
)
from kit.extract.quantities.units import COUNT
from kit.tables import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from kit.nlp.model import DocInfo


TABLE = "quantities"
COLUMNS = columns(TABLE)
# ------------------------------------------------------------------ extract --


def scan(
    text: str, doc: Doc | None = None, found: dict[str, list[dict]] | None = None
) -> list[Amount]:
    """All amounts in ``text`` (``doc`` is its spaCy parse, optional), in text order."""
    sc = scanner()
    ctx = _Ctx(text, doc)
    blocked = _blocked_spans(doc, found or {}, text)
    out: list[Amount] = []
    floor = 0
    pos = 0
    while True:
        m = sc.finder.search(text, pos)
        if m is None:
            break
        pos = m.end()
        if m.start() < floor:
            continue
        before = text[m.start() - 1 : m.start()] if m.start() else ""
        if (before.isalpha() or before == ".") and not sc.glued_currency.search(
            text, max(0, m.start() - 8), m.start()
        ):
            pos = m.start() + 1  # "A320", "COVID19", "v2.5": glued to a word, not a currency
            continue
        a = _read_amount(m, sc, ctx, floor=floor)
        if a is None:
            continue
        pos = max(a.end, m.start() + 1)  # a run of number words may hold several numbers
        if a.drop:
            floor = max(floor, a.end)
            continue
        a, between, from_ = _qualify(a, sc, ctx, floor)
        if a.value is not None or a.flag:
            rng = _read_range(a, sc, ctx, between, from_)
            if a.drop:
                floor = max(floor, a.end)
                continue
            if rng is not None:
                change = from_ and _is_change(ctx, a.start)
                if not change:
                    a = rng
                    if between:
                        b = sc.qualifiers.search(text, max(floor, a.start - 40), a.start)
                        if b:
                            a.start, a.qualifier = b.start("q"), b.group("q")
                            a.bound = "range"
        _suffix(a, ctx)
        floor = max(floor, a.end)
        if not _keep(a, ctx, blocked) or _identifier(a, sc, ctx):
            continue
        out.append(a)
    _one_units(out, sc, ctx)
    _propagate_units(out, text)
    _document_currency(out, sc)
    for a in out:
        a.change = change_of(a, ctx)
    return out


def _identifier(a: Amount, sc: Scanner, ctx: _Ctx) -> bool:
    """'Boeing 737', 'Windows 10', 'Rocky 101 LLC', '12 Main Street', '400 metres hurdles'."""
    ex, text = sc.excluded, ctx.text
    if a.qualifier or a.bound == "range" or a.unit.currency:
        return False
    if a.unit is COUNT and re.fullmatch(r"\d+\.0", text[a.start : a.end]):
        before = re.search(r"([A-Za-z]+)[ \u00a0]+$", text[max(0, a.start - 30) : a.start])
        if before and before.group(1)[0].isupper():
            return True  # versions: "Web 2.0", "SOCIETY 1.0"
    if (
        a.unit is COUNT
        and ex.before is not None
        and ex.before.search(text, max(0, a.start - 20), a.start)
    ):
        return True
    if ex.after is not None and ex.after.match(text, a.end):
        return True
    return a.unit is COUNT and ex.street is not None and bool(ex.street.match(text, a.end))


_DOLLARS = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"}


def _document_currency(out: list[Amount], sc: Scanner) -> None:
    """A bare '$' takes the nearest explicit dollar written before it ('A$5m ... $2m' is AUD)."""
    explicit: Amount | None = None
    for a in out:
        code = a.unit.currency
        if code not in _DOLLARS or a.unit.factor != 1.0:
            continue
        if a.symbol and a.symbol != "$":
            explicit = a
        elif a.symbol == "$" and explicit is not None and explicit.unit.currency != code:
            a.unit = replace(
                explicit.unit, name=a.unit.name.replace("US dollar", explicit.unit.name, 1)
            )
            a.unit = replace(a.unit, currency=explicit.unit.currency)


def _one_units(out: list[Amount], sc: Scanner, ctx: _Ctx) -> None:
    """Add 'a gallon', 'a penny' (value 1) where no other amount is."""
    taken = [(a.start, a.end) for a in out]
    added = False
    for m in sc.one_duration.finditer(ctx.text):  # "over a year", "less than a week"
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found = sc.lex.match(ctx.text, m.start("u"))
        if found is None:
            continue
        a = Amount(m.start("q"), found[1], 1.0, "words", unit=found[0], qualifier=m.group("q"))
        out.append(a)
        taken.append((a.start, a.end))
        added = True
    for m in sc.one_unit.finditer(ctx.text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found = sc.lex.match(ctx.text, m.start("u"))
        if found is None:
            continue
        a = Amount(m.start(), found[1], 1.0, "words", unit=found[0])
        _read_compound(a, sc, ctx)
        out.append(a)
        added = True
    if added:
        out.sort(key=lambda a: (a.start, a.end))


def _is_change(ctx: _Ctx, pos: int) -> bool:
    tok = ctx.token_at(max(pos - 2, 0))
    while tok is not None and tok.lower_ != "from" and tok.i > 0 and tok.idx > pos - 12:
        tok = tok.doc[tok.i - 1]
    if tok is None or tok.lower_ != "from":
        return False
    return tok.head.lemma_.lower() in _CHANGE_VERBS


_NAME_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP",
}  # fmt: skip


def _in_name(a: Amount, ctx: _Ctx) -> bool:
    tok = ctx.token_at(a.start)
    return tok is not None and tok.ent_type_ in _NAME_LABELS


def _keep(a: Amount, ctx: _Ctx, blocked: list[tuple[int, int]]) -> bool:
    text = ctx.text
    if a.value is None and not a.flag:
        return False
    is_count = a.unit is COUNT
    if is_count and _overlaps(blocked, a.start, a.end):
        return False
    raw = text[a.start : a.end]
    if "\x1b" in text[max(0, a.start - 2) : a.start]:
        return False  # terminal escape codes ("\x1b[31m")
    if is_count and a.kind == "num" and not a.qualifier and a.bound == "exact":
        if re.fullmatch(r"[12]\d{3}", raw) and 1000 <= (a.value or 0) <= 2100:
            tok = ctx.token_at(a.start)
            counts = tok is not None and tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS")
            if not counts:
                return False  # a year (but "2000 people" is a count)
        before = text[max(0, a.start - 4) : a.start]
        if before.endswith(("#", "No.", "no.", "No. ", "no. ")):
            return False
    if is_count and not a.qualifier and a.bound == "exact" and _in_name(a, ctx):
        return False  # "Ground Zero", "Intermediate School 285", "Voyager 2"
    if is_count and a.kind == "num" and re.fullmatch(r"\d{8,}", raw):
        return False  # ids, timestamps
    if a.single_one and is_count:
        if text[a.end : a.end + 4].lower() == "-on-":
            return False  # "one-on-one"
        tok = ctx.token_at(
            max(a.end - 1, a.start)
        )  # keep "one person was killed", not "one of them"
        return tok is not None and tok.dep_ == "nummod" and tok.head.pos_ == "NOUN"
    # leading zeros: codes and identifiers
    return not (a.kind == "num" and re.match(r"0\d", raw) and is_count)


def _propagate_units(out: list[Amount], text: str) -> None:
    """'45 and 50 mg': the first number takes the unit written after the last."""
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit is COUNT and b.unit is not COUNT and not b.unit.currency and a.kind == b.kind:
            between = text[a.end : b.start]
            if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*", between) and (b.start - a.end) < 8:
                a.unit = b.unit


def per_unit(name: str) -> str | None:
    """The denominator of a rate unit ("US dollar per barrel" -> "barrel").

    >>> per_unit("kilometre per hour"), per_unit("metre")
    ('hour', None)
    """
    head, sep, tail = name.partition(" per ")
    return tail if sep else None


def _consistent(a: dict, b: dict) -> bool | None:
    x = a["si_value"] if a["si_value"] is not None else None
    y = b["si_value"] if b["si_value"] is not None else None
    if x is None or y is None or a["si_unit"] != b["si_unit"]:
        return None
    scale = max(abs(x), abs(y))
    return True if scale == 0 else abs(x - y) / scale <= TOLERANCE


def _inherit_bound(row: dict, bound: str) -> None:
    """A restatement of 'more than 124 km' is a lower bound too."""
    row["bound"] = bound
    side = "high" if bound == "lower" else "low"
    row[side] = None
    row[f"si_{side}"] = None


def extract(
    doc: Doc, info: DocInfo, res: Any = None, found: dict[str, list[dict]] | None = None
) -> list[dict]:
    """Rows of the ``quantities`` table for one document (see module docstring)."""
    text = info.text
    sc = scanner()
    ctx = _Ctx(text, doc)
    amounts = scan(text, doc, found)
    amounts.sort(key=lambda a: (a.start, a.end))
    rows: list[dict] = []
    for n, a in enumerate(amounts, start=1):
        _finish_bounds(a)
        unit = a.unit
        rows.append(
            {
                "doc_id": info.doc_id,
                "quantity_id": f"{info.doc_id}:q{n}",
                "sent_id": info.sent_id_at(a.start),
                "start": a.start,
                "end": a.end,
                "text": text[a.start : a.end],
                "value": a.value,
                "low": a.low,
                "high": a.high,
                "unit": unit.name,
                "per_unit": per_unit(unit.name),
                "dimension": unit.dimension,
                "currency": unit.currency,
                "si_value": unit.to_si(a.value),
                "si_low": unit.to_si(a.low),
                "si_high": unit.to_si(a.high),
                "si_unit": unit.si_unit,
                "qualifier": a.qualifier or None,
                "approximate": bool(a.approximate),
                "bound": a.bound,
                "change": a.change,
                "object": _object(a, ctx, sc),
                "restates": None,
                "consistent": None,
                "flag": a.flag,
            }
        )
    for prev, row in zip(rows, rows[1:]):
        if (
            prev["unit"]
            and row["unit"]
            and prev["unit"] != row["unit"]
            and prev["dimension"] == row["dimension"]
            and _RESTATE.fullmatch(text[prev["end"] : row["start"]])
        ):
            row["restates"] = prev["quantity_id"]
            row["consistent"] = _consistent(prev, row)
            if row["qualifier"] is None and prev["bound"] in ("lower", "upper"):
                _inherit_bound(row, prev["bound"])
    return rows
