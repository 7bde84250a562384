"""From a pattern match to a typed, valued time expression (TimeML TYPE and VALUE)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from kit.extract.time import resolve as tr
from kit.extract.time.rules import (
    APPROX_MODS,
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    PRE_MODS,
    REFS,
    RELATIVE_WORDS,
    SEASONS,
    SETS,
    UNITS,
    WEEKDAYS,
    Candidate,
    parse_number,
)
from kit.extract.time.tense import _direction, tense_at
from kit.lexicons.numbers import ONES, TENS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass
class _Timex:
    type: str
    value: str | None
    mod: str | None = None
    quant: str | None = None
    anchored: bool = False
    offset: str | None = None
    notes: tuple[str, ...] = ()
    doubtful: bool = False


# ------------------------------------------------------------ interpretation --


def _offset(k: int, unit: str) -> str:
    """A signed ISO duration from the (missing) document date: ``-P1D``, ``+P0W``, ``-P10Y``."""
    mult = {"10Y": 10, "100Y": 100}.get(unit, 1)
    letter = {"10Y": "Y", "100Y": "Y", "WE": "W"}.get(unit, unit)
    return ("-" if k < 0 else "+") + tr.duration_value(abs(k), letter, mult)


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _pre_mod(m: re.Match[str]) -> str | None:
    pre = _g(m, "pre") or _g(m, "pre2")
    return PRE_MODS.get(pre.lower()) if pre else None


def _approx_mod(m: re.Match[str]) -> str | None:
    a = _g(m, "approx")
    return APPROX_MODS.get(" ".join(a.lower().split())) if a else None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _unit(word: str) -> tuple[str, int, bool]:
    w = word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s") if w != "hours" else "hour"
    return UNITS[w]


def _year(m: re.Match[str], dct: date | None) -> tuple[int | None, list[str]]:
    """The explicit year of a match (4 digits or '17), with doubt notes."""
    notes: list[str] = []
    y4, yy = _g(m, "year"), _g(m, "yy")
    if y4:
        return int(y4), notes
    if yy:
        base = dct.year if dct else 2000
        y = 2000 + int(yy)
        if y > base + 10:
            y -= 100
        notes.append(f"two-digit year read as {y}")
        return y, notes
    return None, notes


class _Context:
    """What earlier expressions in the same document established (last quarter)."""

    def __init__(self) -> None:
        self.last_quarter: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Input:
    """What a handler sees: one candidate match, its document, date and context."""

    c: Candidate
    m: re.Match[str]
    text: str
    low: str
    doc: Doc
    dct: date | None
    ctx: _Context

    @property
    def name(self) -> str:
        return self.c.name

    @cached_property
    def tense(self) -> str | None:
        """Tense of the verb governing the match (computed on first use)."""
        return tense_at(self.doc, self.c.start, self.c.end)


Handler = Callable[[_Input], _Timex | None]


# ------------------------------------------------------------------ handlers --


def _calendar_date(x: _Input) -> _Timex | None:
    """``iso``, ``numeric``, ``month_day``, ``day_month``: "June 4, 2017", "4/6/17", "4 June"."""
    m, dct, name = x.m, x.dct, x.name
    notes: list[str] = []
    if name == "iso":
        y, mo, d = int(m.group("year")), int(m.group("mnum")), int(m.group("day"))
    elif name == "numeric":
        a, b, ys = int(m.group("a")), int(m.group("b")), m.group("y")
        if m.group("sep") == "." or a > 12:
            d, mo = a, b
        else:
            mo, d = a, b
            if b <= 12 and a != b:
                notes.append("numeric date read as month/day")
        if len(ys) == 2:
            base = dct.year if dct else 2000
            y = 2000 + int(ys)
            if y > base + 10:
                y -= 100
            notes.append(f"two-digit year read as {y}")
        else:
            y = int(ys)
    else:
        mo, d = _month(m.group("month")), int(m.group("day"))
        if d == 0:
            return None
        y, notes = _year(m, dct)
    mod = _pre_mod(m) if name == "month_day" else None
    if y is None:
        if dct is None:
            bad = tr.check_day(2000, mo, d)
            return _Timex("DATE", f"XXXX-{mo:02d}-{d:02d}", mod=mod,
                          notes=(bad,) if bad else (), doubtful=bool(bad))  # fmt: skip
        y = tr.month_day_year(dct, mo, d, _direction(x.tense))
        anchored = True
    else:
        anchored = False
    bad = tr.check_day(y, mo, d) or tr.year_doubt(y, dct)
    if bad:
        notes.append(bad)
    value = f"{y:04d}-{mo:02d}-{d:02d}"
    hh = _g(m, "hh")
    if hh:
        value += f"T{hh}:{m.group('mm')}"
    doubtful = bool(bad) or any("two-digit" in n for n in notes)
    return _Timex("TIME" if hh else "DATE", value, mod=mod, anchored=anchored,
                  notes=tuple(notes), doubtful=doubtful)  # fmt: skip


def _month_year(x: _Input) -> _Timex | None:
    """``month_year``: "June 2017", "early March of 2016"."""
    m, dct = x.m, x.dct
    mo = _month(m.group("month"))
    y, notes = _year(m, dct)
    bad = tr.year_doubt(y, dct) if y is not None else None
    if bad:
        notes.append(bad)
    return _Timex("DATE", tr.month_value(y, mo), mod=_pre_mod(m), notes=tuple(notes),
                  doubtful=bool(notes))  # fmt: skip


def _month_rel(x: _Input) -> _Timex | None:
    """``month_rel``: a month without a year, "in March", "last June", "March next year"."""
    c, m, doc, dct = x.c, x.m, x.doc, x.dct
    mo = _month(m.group("month"))
    if mo in (3, 5) and not (_g(m, "rel") or _g(m, "pre") or _g(m, "rel2")):
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if (
            span is None
            or span.root.pos_ not in ("PROPN", "NOUN")
            or span.root.ent_type_
            in (
                "PERSON",
                "ORG",
            )
        ):
            return None
    rel2 = (_g(m, "rel2") or "").lower()
    if rel2:
        if dct is None:
            return _Timex("DATE", f"XXXX-{mo:02d}", offset=_offset(RELATIVE_WORDS[rel2], "Y"))
        return _Timex("DATE", tr.month_value(dct.year + RELATIVE_WORDS[rel2], mo),
                      mod=_pre_mod(m), anchored=True)  # fmt: skip
    if dct is None:
        return _Timex("DATE", f"XXXX-{mo:02d}", mod=_pre_mod(m))
    y, mo = tr.month_anchor(dct, mo, _direction(x.tense, _g(m, "rel")))
    return _Timex("DATE", tr.month_value(y, mo), mod=_pre_mod(m), anchored=True)


def _weekday(x: _Input) -> _Timex | None:
    """``weekday``: "Wednesday", "next Monday", "Friday night"."""
    c, m, dct = x.c, x.m, x.dct
    wd = WEEKDAYS[m.group("weekday").lower()]
    pod = _g(m, "pod")
    typ = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""
    if dct is None:
        return _Timex(typ, f"XXXX-WXX-{wd + 1}{suffix}", mod=_pre_mod(m))
    direction = _direction(x.tense, _g(m, "rel"), present="future")
    if direction == "this":
        direction = "nearest"
    if c.match.string[c.end : c.end + 2] in ("'s", "\u2019s") and not _g(m, "rel"):
        direction = "past"  # "Thursday's close"
    d = tr.weekday_date(dct, wd, direction)
    if d is None:
        return None
    return _Timex(typ, d.isoformat() + suffix, mod=_pre_mod(m), anchored=True)


def _weekday_set(x: _Input) -> _Timex | None:
    """``weekday_set``, ``weekday_every``: "on Mondays", "every Friday"."""
    wd = WEEKDAYS[x.m.group("weekday").lower()]
    return _Timex("SET", f"XXXX-WXX-{wd + 1}", quant="EVERY")


#: An all-caps word of two letters or more right before a match ("USA " before "TODAY").
_CAPS_BEFORE = re.compile(r"\b[A-Z]{2,}[ \t]+\Z")


def _named_day(x: _Input) -> _Timex | None:
    """``named_day``, ``this_pod``: "yesterday", "tomorrow morning", "tonight", "last night"."""
    m, dct = x.m, x.dct
    written = _g(m, "word") or _g(m, "rel") or ""
    if written.isupper() and _CAPS_BEFORE.search(m.string, 0, m.start()):
        return None  # "USA TODAY", "GMA TODAY": part of an all-caps name, not a date
    word = " ".join(written.lower().split())
    pod = _g(m, "pod")
    k = {
        "yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }[word]  # fmt: skip
    if word == "tonight":
        pod = "night"
    if word == "last" and pod and pod.lower() != "night":
        k = -1
    typ = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""
    if dct is None:
        return _Timex(typ, "XXXX-XX-XX" + suffix, mod=_pre_mod(m), offset=_offset(k, "D"))
    d = tr.add_days(dct, k)
    return _Timex(typ, d.isoformat() + suffix if d else None, mod=_pre_mod(m), anchored=True)


def _relative_unit(x: _Input) -> _Timex | None:
    """``rel_unit``: "last month", "this week", "the next quarter", "the past decade"."""
    m, dct, ctx = x.m, x.dct, x.ctx
    rel = " ".join(m.group("rel").lower().split())
    k = RELATIVE_WORDS[rel]
    unit_word = m.group("unit").lower()
    unit = {"decade": "10Y", "century": "100Y"}.get(unit_word, _unit(unit_word)[0])
    if dct is None:
        blank = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                 "Q": "XXXX-QX", "Y": "XXXX", "10Y": "XXX", "100Y": "XX"}[unit]  # fmt: skip
        return _Timex("DATE", blank, mod=_pre_mod(m), offset=_offset(k, unit))
    value = tr.relative_value(dct, unit, k)
    if unit == "Q" and value:
        ctx.last_quarter = (int(value[:4]), int(value[-1]))
    return _Timex("DATE", value, mod=_pre_mod(m), anchored=True)


def _the_unit(x: _Input) -> _Timex | None:
    """``the_unit``: "the quarter", "the year-earlier period", "the week", "the weekend"."""
    m, dct, ctx = x.m, x.dct, x.ctx
    unit_word = m.group("unit").lower()
    adj = (_g(m, "adj") or "").lower()
    if unit_word == "period" and adj not in (
        "latest",
        "year-earlier",
        "year-ago",
        "comparable",
    ):
        return None
    if unit_word in ("quarter", "period"):
        if adj in ("year-earlier", "year-ago"):
            if ctx.last_quarter:
                y, q = ctx.last_quarter
                return _Timex("DATE", f"{y - 1}-Q{q}", anchored=True)
            return None
        if ctx.last_quarter:
            y, q = ctx.last_quarter
            return _Timex("DATE", f"{y}-Q{q}", anchored=True)
        if dct is None:
            return _Timex("DATE", "XXXX-QX")
        if adj == "latest":
            return _Timex("DATE", tr.relative_value(dct, "Q", -1), anchored=True)
        return _Timex("DATE", f"{dct.year}-QX", anchored=True)
    if unit_word == "year":
        if adj == "fiscal":
            return _Timex("DURATION", "P1Y")
        if adj in ("", "full"):
            return (
                _Timex("DURATION", "P1Y")
                if not adj
                else _Timex("DATE", str(dct.year) if dct else "XXXX", anchored=dct is not None)
            )
        return None
    if unit_word == "week":
        return _Timex("DATE", f"{dct.year}-WXX" if dct else "XXXX-WXX", anchored=bool(dct))
    if unit_word == "weekend":
        if dct is None:
            return _Timex("DATE", "XXXX-WXX-WE")
        return _Timex("DATE", tr.weekend_value(dct, _direction(x.tense)), anchored=True)
    return None


def _season(x: _Input) -> _Timex | None:
    """``season``: "last summer", "the winter of 2016", "spring 2017"."""
    m, dct = x.m, x.dct
    season = SEASONS[m.group("season").lower()]
    rel = (_g(m, "rel") or "").lower()
    y, notes = _year(m, dct)
    if y is None and not rel:
        return None
    if y is None and rel == "the" and not _g(m, "pre"):
        pass
    if y is not None:
        return _Timex("DATE", f"{y:04d}-{season}", mod=_pre_mod(m), notes=tuple(notes),
                      doubtful=bool(notes))  # fmt: skip
    k = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(" ".join(rel.split()), 0)
    if dct is None:
        return _Timex("DATE", f"XXXX-{season}", mod=_pre_mod(m), offset=_offset(k, "Y"))
    return _Timex("DATE", f"{tr.season_year(dct, season, k):04d}-{season}", mod=_pre_mod(m),
                  anchored=True)  # fmt: skip


def _quarter(x: _Input) -> _Timex | None:
    """``quarter``, ``quarter_short``: "the third quarter of 2016", "the first half", "Q3 2017"."""
    m, dct, ctx, name = x.m, x.dct, x.ctx, x.name
    qh = m.group("qh").upper()[0]
    ordw = m.group("ord").lower()
    q = int(ordw) if ordw.isdigit() else ORDINALS.get(ordw, 0)
    if qh == "H":
        if q > 2 and ordw != "last":
            return None
        q = min(q, 2)
    elif q > 4:
        return None
    letter = "Q" if qh == "Q" else "H"
    y, notes = _year(m, dct)
    if y is None and _g(m, "qyear"):
        y = int(m.group("qyear"))
    anchored = False
    if y is None:
        if name == "quarter_short":
            return _Timex("DATE", f"XXXX-{letter}{q}") if dct is None else _Timex(
                "DATE", f"{tr.quarter_anchor(dct, q, 'past')}-{letter}{q}",
                anchored=True)  # fmt: skip
        if dct is None:
            return _Timex("DATE", f"XXXX-{letter}{q}")
        if letter == "Q":
            y = tr.quarter_anchor(dct, q, "past")
        else:
            y = dct.year
        anchored = True
    if letter == "Q":
        ctx.last_quarter = (y, q)
    return _Timex("DATE", f"{y:04d}-{letter}{q}", anchored=anchored, notes=tuple(notes),
                  doubtful=bool(notes))  # fmt: skip


def _decade(x: _Input) -> _Timex | None:
    """``decade``: "the 1990s", "the '80s", "the sixties"."""
    m, dct, low = x.m, x.dct, x.low
    if _g(m, "dec"):
        v = m.group("dec")[:3]
    elif _g(m, "dec2"):
        dd = int(m.group("dec2")[0])
        century = 19
        if dct is not None and dct.year >= 2000 and 2000 + dd * 10 <= dct.year:
            century = 20
        v = f"{century}{dd}"
    else:
        if not low.startswith("the"):
            return None
        dd = DECADE_WORDS[m.group("decw").lower()]
        v = f"19{dd}"
    return _Timex("DATE", v, mod=_pre_mod(m))


def _century(x: _Input) -> _Timex | None:
    """``century``: "the 20th century", "the nineteenth century"."""
    m = x.m
    n = int(m.group("cnum")) if _g(m, "cnum") else ORDINALS.get(m.group("cword").lower(), 0)
    if not 1 <= n <= 30:
        return None
    return _Timex("DATE", f"{n - 1:02d}", mod=_pre_mod(m))


def _bare_year(x: _Input) -> _Timex | None:
    """``year``: a four-digit year, "in 2016", "late 1999", "fiscal 2017"."""
    m, dct = x.m, x.dct
    y = int(m.group("year"))
    if not _is_year_token(x.doc, x.c, x.text):
        return None
    bad = tr.year_doubt(y, dct)
    return _Timex("DATE", f"{y:04d}", mod=_pre_mod(m), notes=(bad,) if bad else (),
                  doubtful=bool(bad))  # fmt: skip


def _ago(x: _Input) -> _Timex | None:
    """``ago``: "three years ago", "two days earlier", "a week from now", "a decade or so ago"."""
    m, dct, ctx, text = x.m, x.dct, x.ctx, x.text
    n = parse_number(m.group("num"))
    letter, mult, _ = _unit(m.group("unit"))
    direction = " ".join(m.group("dir").lower().split())
    sign = 1 if direction in ("ago", "earlier") else -1
    mod = _approx_mod(m)
    if re.search(r"(?i)or so", text):
        mod = "APPROX"
    if n is None:
        return _Timex("DATE", "PAST_REF" if sign > 0 else "FUTURE_REF", mod=mod)
    if dct is None:
        what = duration_text = tr.duration_value(n, letter, mult)
        return _Timex(
            "DATE",
            "XXXX-XX-XX" if letter in "DW" else "XXXX",
            mod=mod,
            offset=("-" if sign > 0 else "+") + duration_text,
            notes=(f"{what} {'before' if sign > 0 else 'after'} the document date",),
        )
    if letter == "Y" and ctx.last_quarter and mult == 1 and n == 1:
        y, q = ctx.last_quarter
        return _Timex("DATE", f"{y - 1}-Q{q}", mod=mod, anchored=True)
    value, approx = tr.ago_value(dct, sign * n, letter, mult)
    if value is None:
        return None
    if approx and mod is None:
        mod = "APPROX"
    return _Timex("DATE", value, mod=mod, anchored=True)


def _year_ago_adj(x: _Input) -> _Timex | None:
    """``year_ago_adj``: "the year-ago quarter", "year earlier" (a year before the last quarter)."""
    dct, ctx = x.dct, x.ctx
    if ctx.last_quarter:
        y, q = ctx.last_quarter
        return _Timex("DATE", f"{y - 1}-Q{q}", anchored=True)
    if dct is None:
        return _Timex("DATE", "XXXX", offset="-P1Y")
    return _Timex("DATE", str(dct.year - 1), anchored=True)


def _duration(x: _Input) -> _Timex | None:
    """``duration``: "three years", "the past two weeks", "the next few days", "a 10-year"."""
    c, m, doc = x.c, x.m, x.doc
    num = m.group("num")
    n = parse_number(num)
    letter, mult, _ = _unit(m.group("unit"))
    det = (_g(m, "det") or "").lower()
    if num.lower() in ("a", "an") and det:
        return None
    if n is None and num.lower() not in ("a few", "few", "several", "some", "many",
                                          "a number of", "the next few"):  # fmt: skip
        return None
    if letter == "WE" or (_g(m, "long") or "").lower() == "old":
        return None  # ages ("52 years old") are not time expressions in TimeML
    if n is not None and n >= 1000:
        return None
    unit_word = m.group("unit").lower()
    if unit_word.startswith("quarter") and not (det or _g(m, "rel")):
        return None  # "three-quarters of its food"
    if num.lower() in ("a", "an") and unit_word == "second":
        return None
    if num.lower() in ("a", "an") and not _g(m, "rel") and _after_rate(doc, c.start):
        return None  # "$2 million a year": a rate
    if n is not None and n != int(n) and letter == "Y" and (n * 12).is_integer():
        return _Timex("DURATION", f"P{int(n)}Y{int(round((n - int(n)) * 12))}M",
                      mod=_approx_mod(m))  # fmt: skip
    return _Timex("DURATION", tr.duration_value(n, "MIN" if letter == "M" and _unit(m.group("unit"))[2] else letter, mult),  # noqa: E501
                  mod=_approx_mod(m))  # fmt: skip


def _vague_duration(x: _Input) -> _Timex | None:
    """``vague_duration``: "recent years", "the coming months" (PAST_REF / FUTURE_REF)."""
    m = x.m
    rel = m.group("rel").lower()
    if rel in ("recent", "past", "last"):
        return _Timex("DATE", "PAST_REF")
    if rel in ("coming", "next", "following"):
        return _Timex("DATE", "FUTURE_REF")
    letter, mult, _ = _unit(m.group("unit"))
    return _Timex("DURATION", tr.duration_value(None, letter, mult))


def _bare_units(x: _Input) -> _Timex | None:
    """``bare_units``: a plural unit with no number, "for years", "within days"."""
    letter, mult, _ = _unit(x.m.group("unit"))
    return _Timex("DURATION", tr.duration_value(None, letter, mult))


def _set(x: _Input) -> _Timex | None:
    """``set``: "every day", "each week", "per year", "every two years", "every other month"."""
    m = x.m
    letter, mult, timeish = _unit(m.group("unit"))
    if letter == "WE":
        return _Timex("SET", "XXXX-WXX-WE", quant="EVERY")
    n = parse_number(_g(m, "num")) if _g(m, "num") else 1
    if _g(m, "other"):
        n = 2
    if n is None:
        return None
    unit = "MIN" if letter == "M" and timeish else letter
    return _Timex("SET", tr.duration_value(n, unit, mult), quant=m.group("q").upper())


def _set_adv(x: _Input) -> _Timex | None:
    """``set_adv``: "daily", "weekly", "annually" (not as a modifier: "quarterly dividend")."""
    c = x.c
    span = x.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is not None and span.root.dep_ in ("amod", "compound", "nmod"):
        return None  # "quarterly dividend": a property, not a time expression
    return _Timex("SET", SETS[x.m.group("adv").lower()], quant="EVERY")


def _times_a(x: _Input) -> _Timex | None:
    """``times_a``: "twice a year", "three times a week"."""
    letter, mult, _ = _unit(x.m.group("unit"))
    return _Timex("SET", tr.duration_value(1, letter, mult), quant="EVERY")


def _clock(x: _Input) -> _Timex | None:
    """``clock``, ``clock24``, ``noon``: "3:30 p.m. Friday", "14:00 GMT", "midnight Sunday"."""
    m, dct, name = x.m, x.dct, x.name
    if name == "noon":
        hh, mm = (12, 0) if m.group("word").lower() in ("noon", "midday") else (0, 0)
    else:
        hh, mm = int(m.group("hh")), int(_g(m, "mm") or 0)
        ampm = (_g(m, "ampm") or "").lower()
        if ampm:
            if hh == 0 or hh > 12:
                return None
            if ampm.startswith("p") and hh != 12:
                hh += 12
            if ampm.startswith("a") and hh == 12:
                hh = 0
    clock = f"T{hh:02d}:{mm:02d}"
    dayword = (_g(m, "dayword") or "").lower()
    if dct is None:
        return _Timex("TIME", clock, mod=_approx_mod(m))
    if dayword in WEEKDAYS:
        d = tr.weekday_date(dct, WEEKDAYS[dayword], _direction(x.tense))
    else:
        d = tr.add_days(dct, {"yesterday": -1, "tomorrow": 1}.get(dayword, 0))
    if d is None:
        return None
    return _Timex("TIME", d.isoformat() + clock, mod=_approx_mod(m), anchored=True)


def _year_period(x: _Input) -> _Timex | None:
    """``year_period``: "the 2016 first half", "the 2017 quarter", "the 2015 fiscal year"."""
    m, ctx = x.m, x.ctx
    y = int(m.group("year"))
    unit_word = " ".join(m.group("unit").lower().split())
    if unit_word in ("first half", "second half"):
        return _Timex("DATE", f"{y}-H{1 if unit_word.startswith('first') else 2}")
    if unit_word in ("quarter", "period") and ctx.last_quarter:
        return _Timex("DATE", f"{y}-Q{ctx.last_quarter[1]}")
    return _Timex("DATE", f"{y}")


def _year_in_words(x: _Input) -> _Timex | None:
    """``spoken_year``: "nineteen ninety-six", "two thousand and one"."""
    y = _spoken_year(x.m.group("sy"))
    if y is None:
        return None
    return _Timex("DATE", f"{y:04d}")


def _year_end(x: _Input) -> _Timex | None:
    """``year_end``: "year-end" (Dec 31), "year's end", "the end of the year" (the year)."""
    dct, low = x.dct, x.low
    if dct is None:
        return _Timex("DATE", "XXXX-12-31" if "-" in low else "XXXX")
    return _Timex("DATE", f"{dct.year}-12-31" if "-" in low else f"{dct.year}", anchored=True)


def _pod_day(x: _Input) -> _Timex | None:
    """``pod_day``: a part of day and a named day, "late night Tuesday", "morning yesterday"."""
    m, dct = x.m, x.dct
    pod = PARTS_OF_DAY[m.group("pod").lower()]
    word = m.group("word").lower()
    mod = PRE_MODS.get((_g(m, "pre") or "").lower())
    if dct is None:
        base = f"XXXX-WXX-{WEEKDAYS[word] + 1}" if word in WEEKDAYS else "XXXX-XX-XX"
        return _Timex("TIME", f"{base}T{pod}", mod=mod)
    if word in WEEKDAYS:
        d = tr.weekday_date(dct, WEEKDAYS[word], _direction(x.tense, present="future"))
    else:
        d = tr.add_days(dct, {"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if d is None:
        return None
    return _Timex("TIME", f"{d.isoformat()}T{pod}", mod=mod, anchored=True)


def _ref(x: _Input) -> _Timex | None:
    """``ref``: "now", "currently", "recently", "the past" (PRESENT_REF, PAST_REF, FUTURE_REF)."""
    c = x.c
    ref = " ".join(x.low.split())
    if ref in ("current", "recent", "future"):
        span = x.doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or span.root.pos_ != "ADJ":
            return None
    return _Timex("DATE", REFS[ref])


#: Every pattern name of :data:`kit.extract.time.rules.PATTERNS` and its handler.
HANDLERS: dict[str, Handler] = {
    "iso": _calendar_date,
    "numeric": _calendar_date,
    "month_day": _calendar_date,
    "day_month": _calendar_date,
    "month_year": _month_year,
    "month_rel": _month_rel,
    "weekday": _weekday,
    "weekday_set": _weekday_set,
    "weekday_every": _weekday_set,
    "named_day": _named_day,
    "this_pod": _named_day,
    "rel_unit": _relative_unit,
    "the_unit": _the_unit,
    "season": _season,
    "quarter": _quarter,
    "quarter_short": _quarter,
    "decade": _decade,
    "century": _century,
    "year": _bare_year,
    "ago": _ago,
    "year_ago_adj": _year_ago_adj,
    "duration": _duration,
    "vague_duration": _vague_duration,
    "bare_units": _bare_units,
    "set": _set,
    "set_adv": _set_adv,
    "times_a": _times_a,
    "clock": _clock,
    "clock24": _clock,
    "noon": _clock,
    "year_period": _year_period,
    "spoken_year": _year_in_words,
    "year_end": _year_end,
    "pod_day": _pod_day,
    "ref": _ref,
}


def interpret(c: Candidate, doc: Doc, dct: date | None, ctx: _Context) -> _Timex | None:
    """Turn one pattern match into a typed, valued time expression (or ``None``)."""
    handler = HANDLERS.get(c.name)
    if handler is None:
        return None
    m = c.match
    text = m.group(0)
    return handler(_Input(c, m, text, text.lower(), doc, dct, ctx))


def _after_rate(doc: Doc, start: int) -> bool:
    """Is the text before ``start`` a number or amount ("$5 a year", "700 seats a week")?"""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    i = span.start - 1
    for j in range(i, max(i - 3, -1), -1):
        t = doc[j]
        if t.like_num or t.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY"):
            return True
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
            return False
    return False


def _spoken_year(words: str) -> int | None:
    """``nineteen ninety-six`` -> 1996, ``two thousand and one`` -> 2001."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("and", "hundred")]
    if parts[:2] == ["two", "thousand"]:
        century, rest = 2000, parts[2:]
    elif parts and parts[0] in ("nineteen", "eighteen"):
        century, rest = 100 * ONES[parts[0]], parts[1:]
    else:
        return None
    n = 0
    for w in rest:
        n += TENS.get(w, ONES.get(w, 0))
    return century + n


_YEAR_PREPS = {"in", "since", "until", "till", "by", "from", "of", "during", "before", "after",
               "through", "to", "between", "and", "fiscal", "early", "late", "mid", "for", "the",
               "around", "circa", "throughout", "at"}  # fmt: skip


def _is_year_token(doc: Doc, c: Candidate, text: str) -> bool:
    """Is a bare four-digit number a year? (spaCy says DATE, or a preposition precedes)."""
    if not text[-4:].isdigit():
        return True
    span = doc.char_span(c.end - 4, c.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    if tok.ent_type_ in ("DATE", "EVENT"):
        return True
    if tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return False
    if text[0].isalpha():
        return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.lower_ in _YEAR_PREPS
