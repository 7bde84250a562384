"""Reading amounts from text: numbers, scales, units, ranges, qualifiers and counted objects."""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kit.extract.quantities.numbers import (
    CURRENCY_SUFFIXES,
    FRACTION_WORDS,
    NUMBER_WORDS_PATTERN,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    VULGAR,
    parse_number_words,
    parse_numeral,
    power,
    split_words,
    vague_amounts,
    vulgar_value,
)
from kit.extract.quantities.units import COUNT, Lexicon, Unit, combine, lexicon, pint_unit
from kit.lexicons.quantity_words import (
    AGE_BEFORE,
    CHANGE_VERBS,
    MONEY_CONTEXT,
    RATE_ADVERBS,
    TEMPERATURE_WORDS,
)
from kit.nlp.doc_arrays import arrays

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


#: Relative difference under which a restatement ("124 km (77 miles)") is consistent.
TOLERANCE = 0.02

_NUMERIC = (
    r"(?P<sign>[-−+](?=\.?\d))?"
    r"(?P<num>\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.]?\d)|\d(?:[\d,.]*\d)?|\.\d+)"
)
_SCI = re.compile(
    r"(?:[eE](?P<e>[-−+]?\d{1,4})(?![\w])"
    r"|\s?[×x*]\s?(?P<base>\d+)(?:\^(?P<p1>[-−]?\d+)|(?P<p2>[-−]\d+))"
    r"|\^(?P<p3>[-−]?\d+))"
)
_UNCERTAINTY = re.compile(r"\s*(?:±|\+/-|\+-)\s*\d[\d,.]*(?:[eE][-−+]?\d+)?")
_FRACTION = re.compile(r"/(?P<den>\d+)(?![\d/])")
_MIXED = re.compile(r"[ \u00a0](?P<a>\d{1,2})/(?P<b>\d{1,3})(?![\d/])")
_GLUED = re.compile(r"[^\W\d_]+")
_SCALE = re.compile(
    r"[ \u00a0]*-?[ \u00a0]*(?P<w>" + "|".join(SCALE_WORDS) + r")\b(?!-(?!(?:an?|per)-)\w)",
    re.IGNORECASE,
)
_GAP = re.compile(r"[ \u00a0\t]*(?:-[ \u00a0]*)?")
_PER = re.compile(
    r"\s*/\s*|[ \u00a0]+per[ \u00a0]+|(?:[ \u00a0]+|-)(?:an?|each|every|per)(?:[ \u00a0]+|-)",
    re.IGNORECASE,
)
#: "per 100,000 people", "per astronaut": a rate over a counted noun, not a unit.
_PER_COUNT = re.compile(
    r"(?:[ \u00a0]+[a-z]+s)?[ \u00a0]+per[ \u00a0]+(?:(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \u00a0]+)?(?P<w>[a-z]+)\b"
)
_RATE_ADVERB = re.compile(r"[ \u00a0]+(?P<w>" + "|".join(RATE_ADVERBS) + r")\b", re.IGNORECASE)
_CLOCK_DIGITS = re.compile(
    r"[:.][0-5]\d(?!\d)(?:[ \u00a0]*(?:[ap]\.?m\b|[AP]\.?M\b|local|UTC|GMT|hours?\b|h\b))?"
)
_POW = re.compile(r"\^?(?P<n>[23])(?!\d)|(?P<s>[²³])|[ \u00a0]+(?P<w>squared|cubed)\b")
_INV = re.compile(r"[-−]1(?![\d.])")
_CLOCK = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.)")
_SUFFIX = re.compile(
    r"(?P<w>[ \u00a0]*(?:or so|or more|or less|or fewer|or above|odd)\b|-plus\b|-odd\b|-ish\b|\+)"
)
_ABSOLUTE = re.compile(r"\babsolute[ \u00a0]+$", re.IGNORECASE)
_SPLIT_DIGITS = re.compile(r" \d{1,2}(?![\d,./:])")
_COMMON_DENOMINATORS = {2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 16.0, 32.0, 64.0, 100.0}
_RATIO = re.compile(r"(?:-to-|:)\d+\b(?!\.\d)")
_OF = re.compile(r"[ \u00a0]+of[ \u00a0]+", re.IGNORECASE)
_PLUS = re.compile(r"-plus\b|\+(?![\d/-])")
_RANGE = re.compile(
    r"[ \u00a0]*(?:[-–—][ \u00a0]*to|to|through|[-–—]|and|or)[ \u00a0]*", re.IGNORECASE
)
_POUNDS = re.compile(r"[ \u00a0]*-?[ \u00a0]*pounds?\b", re.IGNORECASE)
_RESTATE = re.compile(
    r"\s*(?:\(|\[|,?\s+or\s+|/)\s*(?:about|approximately|roughly|some|nearly)?\s*$"
)
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[.-]\d{4}\b|\+\d{1,3}[\s-]\d[\d\s-]{6,}\d"
)
_MONEY_CONTEXT = MONEY_CONTEXT
_CHANGE_VERBS = CHANGE_VERBS
#: A spaCy DATE/TIME entity is trusted only with a word or a year in it ("42" alone is not a date).
_DATE_LIKE = re.compile(r"[^\W\d_]{2,}|\b1[5-9]\d\d\b|\b20\d\d\b|\d[:/]\d")
#: "a gallon", "a penny", "a mile": one of a unit (not for time: "a day" is rarely an amount).
_ONE_UNIT_DIMENSIONS = {"length", "mass", "volume", "area", "money", "information"}
_NOT_ONE_UNIT = {"bit", "ton", "tons", "foot", "real", "rand", "won", "pound", "cup", "sterling"}
#: After a one-letter unit: the end, punctuation or a lower-case word ("5 m.", "3 g of"),
#: but not a hyphen and a number ("eighteen B-17s", "two F-16s"; "s-1" is an inverse unit).
_SINGLE_LETTER_OK = re.compile(r"(?:[ \u00a0]*(?:$|(?!-(?!1(?!\d))\d)[^\w\s]|\n)|[ \u00a0]+[a-z])")


@dataclass
class Amount:
    """One amount while it is being read (offsets into the document text)."""

    start: int
    end: int
    value: float | None
    kind: str  # num, words, vague
    unit: Unit = COUNT
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    bound: str = "exact"
    qualifier: str = ""
    flag: str | None = None
    scaled: bool = False
    single_one: bool = False
    drop: bool = False
    symbol: str = ""  # the currency symbol or code as written before the number
    age: bool = False
    change: str = "none"


@dataclass(frozen=True)
class Scanner:
    """Everything compiled once per process."""

    finder: re.Pattern[str]
    core: re.Pattern[str]
    qualifiers: re.Pattern[str]
    qualifier_bounds: dict[str, tuple[str, bool]]
    lex: Lexicon
    vague: dict
    one_unit: re.Pattern[str]
    one_duration: re.Pattern[str]
    excluded: Exclusions
    glued_currency: re.Pattern[str]


def _qualifier_table() -> dict[str, tuple[str, bool]]:
    from kit.lexicons.resources import DATA_DIR

    out: dict[str, tuple[str, bool]] = {}
    with open(DATA_DIR / "quantities_qualifiers.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            phrase = " ".join(row["phrase"].lower().split())
            out[phrase] = (row["bound"].strip(), row["approximate"].strip().lower() == "true")
    return out


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """Compile the patterns and tables (once per process)."""
    vague = vague_amounts()
    vague_alt = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(vague, key=len, reverse=True)
    )
    body = (
        rf"(?P<vague>\b(?:{vague_alt})\b)"
        rf"|(?P<words>{NUMBER_WORDS_PATTERN})"
        rf"|{_NUMERIC}"
        rf"|(?P<vul>[{VULGAR}])"
    )
    lex = lexicon()
    glued = sorted(  # "Rs.200", "USD15", "RM45,000": a currency glued to its number
        {
            re.escape(s)
            for s, u in lex.symbols.items()
            if u.currency and len(s) > 1 and (s[-1] == "." or s[-1].isalpha())
        },
        key=len,
        reverse=True,
    )
    # A number right after a letter or a dot is a candidate only after a glued currency
    # (checked by ``glued_currency``, so the finder keeps one cheap look-behind).
    finder = re.compile(
        rf"(?:(?<![\w.,/:\-−+^])|(?<=[^\W\d_.])(?=\d)|(?<=\.)(?=\d))(?:{body})", re.IGNORECASE
    )
    glued_re = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(glued)})$")
    core = re.compile(body, re.IGNORECASE)
    quals = _qualifier_table()
    alt = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(quals, key=len, reverse=True)
    )
    qual_re = re.compile(
        rf"(?:^|(?<=[\s(“\"'‘]))(?P<q>{alt}|between|from)[ \u00a0]+$", re.IGNORECASE
    )
    words = [
        w
        for w, u in lex.words.items()
        if u.dimension in _ONE_UNIT_DIMENSIONS and w.isalpha() and w not in _NOT_ONE_UNIT
    ]
    one_alt = "|".join(sorted(words, key=len, reverse=True))
    one_unit = re.compile(rf"\b(?P<a>an?)[ \u00a0]+(?P<u>{one_alt})\b(?!-)", re.IGNORECASE)
    duration = "|".join(
        w for w, u in lex.words.items() if u.dimension == "duration" and w.isalpha()
    )
    one_duration = re.compile(
        rf"(?:^|(?<=[\s(]))(?P<q>{alt})[ \u00a0]+(?P<a>an?)[ \u00a0]+(?P<u>{duration})\b(?!-)",
        re.IGNORECASE,
    )
    return Scanner(
        finder, core, qual_re, quals, lex, vague, one_unit, one_duration, exclusions(), glued_re
    )


@dataclass(frozen=True)
class Exclusions:
    """Words that make a number an identifier (``kit/data/quantities_exclusions.csv``)."""

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    street: re.Pattern[str] | None


@lru_cache(maxsize=4)
def exclusions(path: str | None = None) -> Exclusions:
    """The exclusion list: "Boeing 737", "Windows 10", "Rocky 101 LLC", "12 Main Street".

    >>> bool(exclusions().before.search("a Boeing "))
    True
    """
    from kit.lexicons.resources import DATA_DIR

    file = Path(path) if path else DATA_DIR / "quantities_exclusions.csv"
    words: dict[str, list[str]] = {"before": [], "after": [], "street": []}
    with open(file, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pos, word = row["position"].strip(), row["word"].strip()
            if word and pos in words:
                words[pos].append(re.escape(word))

    def alt(pos: str) -> str:
        return "|".join(sorted(words[pos], key=len, reverse=True))

    return Exclusions(
        before=re.compile(rf"(?<![\w&])(?:{alt('before')})[ \u00a0]+$")
        if words["before"]
        else None,
        after=re.compile(rf"[ \u00a0]+(?:{alt('after')})\b") if words["after"] else None,
        street=re.compile(rf"[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+){{1,3}}(?:{alt('street')})\b\.?")
        if words["street"]
        else None,
    )


# ------------------------------------------------------------------ reading --


class _Ctx:
    """Per-document helpers: the text, the parse, token lookup by offset."""

    def __init__(self, text: str, doc: Doc | None) -> None:
        self.text = text
        self.doc = doc
        self._starts: list[int] | None = None

    def token_at(self, offset: int):
        if self.doc is None or len(self.doc) == 0:
            return None
        if self._starts is None:
            self._starts = arrays(self.doc).idx
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if tok.idx <= offset < tok.idx + max(len(tok.text), 1) else None

    def sentence_lemmas(self, offset: int) -> set[str]:
        tok = self.token_at(offset)
        if tok is None:
            return set()
        return {t.lemma_.lower() for t in tok.sent}


def _read_core(m: re.Match[str], sc: Scanner, ctx: _Ctx) -> Amount | None:
    """Turn a core match (digits, number words, vague words) into an Amount."""
    text = ctx.text
    if m.group("vague"):
        key = " ".join(m.group("vague").lower().split())
        v = sc.vague[key]
        bound = "exact" if v.low == v.high else "range"
        return Amount(
            m.start(), m.end(), v.value, "vague", low=v.low, high=v.high, approximate=v.low != v.high,
            bound=bound,
        )  # fmt: skip
    if m.group("words"):
        words = split_words(m.group("words"))
        value, used = parse_number_words([w for w, _, _ in words])
        if value is None:
            return None
        end = m.start("words") + words[used - 1][2]
        if used == 1 and words[0][0] == "dozen":
            return None  # "a baker's dozen": a noun, not a number
        start = m.start("words")
        if used == 1 and words[0][0] == "zero":
            absolute = _ABSOLUTE.search(text, max(0, start - 12), start)
            if absolute:  # "absolute zero" is 0 K
                return Amount(absolute.start(), end, 0.0, "words", unit=lexicon().words["kelvin"])
        single = used == 1 and words[0][0] == "one"
        amount = Amount(m.start("words"), end, value, "words", single_one=single)
        return _fraction_words(amount, text)
    if m.group("vul"):
        return Amount(m.start(), m.end(), vulgar_value(m.group("vul")), "num")
    raw = m.group("num")
    value, flag = parse_numeral(raw)
    if flag == "malformed number" and raw.count(".") > 1 and "," not in raw:
        return None  # version numbers, IP addresses
    if value is not None and m.group("sign") and m.group("sign") in "-−":
        value = -value
    split = _SPLIT_DIGITS.match(text, m.end())
    if split and re.fullmatch(r"\d{1,3}", raw) and not m.group("sign"):
        return Amount(m.start(), split.end(), None, "num", flag="malformed number")  # "245 23"
    return Amount(m.start(), m.end(), value, "num", flag=flag)


def _fraction_words(a: Amount, text: str) -> Amount:
    """'two and a half', 'one-half', 'two thirds', 'one sixth'."""
    m = re.compile(r"[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half\b", re.IGNORECASE).match(text, a.end)
    if m and a.value is not None:
        a.value += 0.5
        a.end = m.end()
        a.single_one = False
        return a
    m = re.compile(r"[ \u00a0-]+(?P<d>[A-Za-z]+)\b(?!-)").match(text, a.end)
    if m and m.group("d").lower() in FRACTION_WORDS and a.value is not None and 0 < a.value <= 10:
        word = m.group("d").lower()
        if word.endswith("s") or a.value == 1:
            a.value = a.value / FRACTION_WORDS[word]
            a.end = m.end()
            a.single_one = False
    return a


def _read_number_tail(a: Amount, sc: Scanner, ctx: _Ctx, *, currency: bool) -> None:
    """Scientific notation, fractions, uncertainty, glued and word scales."""
    text = ctx.text
    if a.kind == "num" and a.value is not None:
        m = _SCI.match(text, a.end)
        if m:
            if m.group("e") is not None:
                v, f = power(10.0, float(m.group("e").replace("−", "-")))
                a.value = None if v is None else a.value * v
            elif m.group("base") is not None:
                exp = (m.group("p1") or m.group("p2")).replace("−", "-")
                v, f = power(float(m.group("base")), float(exp))
                a.value = None if v is None else a.value * v
            else:
                v, f = power(a.value, float(m.group("p3").replace("−", "-")))
                a.value = v
            a.flag = a.flag or f
            a.end = m.end()
        m = _FRACTION.match(text, a.end)
        if m and a.value is not None:
            den = float(m.group("den"))
            if den == 0 or a.value >= den or a.value != int(a.value):
                a.drop = True
                return
            if a.value != 1 and den not in _COMMON_DENOMINATORS:
                a.drop = True  # "9/11", "7/13": dates and codes rather than fractions
                return
            a.value = a.value / den
            a.end = m.end()
        m = _MIXED.match(text, a.end)
        if m and a.value is not None and int(m.group("a")) < int(m.group("b")) != 0:
            a.value = a.value + int(m.group("a")) / int(m.group("b"))
            a.end = m.end()
        if a.end < len(text) and text[a.end] in VULGAR and a.value is not None:
            a.value += vulgar_value(text[a.end])
            a.end += 1
        m = _UNCERTAINTY.match(text, a.end)
        if m:
            a.end = m.end()
        m = _GLUED.match(text, a.end)
        if m and a.value is not None:
            suffix = m.group()
            scale = SCALE_SUFFIXES.get(suffix)
            if suffix == "K" and a.value != int(a.value):
                scale = None  # 573.15K is kelvin
            if scale is None and currency:
                scale = CURRENCY_SUFFIXES.get(suffix)
            small = a.value < 100 or a.value != int(a.value)
            if scale is None and suffix == "m" and small and _counted_after(ctx, m.end()):
                scale = 1e6  # "1.5m people", "20m of its customers" (but "a 100m sprint")
            if scale is not None:
                a.value = _times(a.value, scale)
                a.end = m.end()
                a.scaled = True
    while a.value is not None:
        m = _SCALE.match(text, a.end)
        if not m:
            break
        word = m.group("w").lower()
        if word == "hundred" and a.kind == "words":
            break
        a.value = _times(a.value, SCALE_WORDS[word])
        for attr in ("low", "high"):
            if getattr(a, attr) is not None:
                setattr(a, attr, _times(getattr(a, attr), SCALE_WORDS[word]))
        a.end = m.end()
        a.scaled = True
        a.single_one = False


def _times(value: float, scale: float) -> float:
    """``value * scale`` without binary noise (4.1 * 1e6 is 4100000, not 4099999.9999999995)."""
    out = value * scale
    return float(f"{out:.15g}") if math.isfinite(out) else out


def _pint_name(expr: str) -> str | None:
    from kit.extract.quantities.units import registry

    try:
        units = registry().Unit(expr)
    except Exception:  # pint raises many error types
        return None
    return str(units).replace(" * ", " ").replace(" / ", " per ").replace("_", " ")


def _counted_after(ctx: _Ctx, pos: int) -> bool:
    """A counted noun follows ("4.1m units", "20m of its customers"): "m" is a million."""
    of = re.compile(r"[ \u00a0]+of[ \u00a0]+").match(ctx.text, pos)
    if of:  # "20m of its customers" (but "the 2.2m of the Max Planck Society" is a telescope)
        tok = ctx.token_at(of.end())
        for t in tok.doc[tok.i : tok.i + 4] if tok is not None else ():
            if t.pos_ in ("NOUN", "PROPN"):
                return t.tag_ in ("NNS", "NNPS")
        return False
    return _plural_noun_after(ctx, pos)


def _plural_noun_after(ctx: _Ctx, pos: int) -> bool:
    gap = re.compile(r"[ \u00a0]+(?=[a-z])").match(ctx.text, pos)
    tok = ctx.token_at(gap.end()) if gap else None
    return tok is not None and tok.tag_ in ("NNS", "NNPS")


def _is_clock(a: Amount, text: str) -> bool:
    """'2 pm', '2.13 am', '2pm': a clock time (but '2.123 am' is attometres)."""
    if a.kind != "num" or a.value is None or not _CLOCK.match(text, a.end):
        return False
    raw = text[a.start : a.end]
    if re.fullmatch(r"\d{1,2}", raw):
        return 0 <= a.value <= 12
    m = re.fullmatch(r"(\d{1,2})[.:](\d{2})", raw)
    return bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) < 60


_TIMES = re.compile(r"times?\b", re.IGNORECASE)


def _frequency(a: Amount, sc: Scanner, ctx: _Ctx, pos: int) -> tuple[Unit, int] | None:
    """'four times per week', 'twice a day' -> count per week."""
    m = _TIMES.match(ctx.text, pos)
    if not m:
        return None
    per = _PER.match(ctx.text, m.end())
    if not per:
        return None
    found = sc.lex.match(ctx.text, per.end())
    if found is None or found[0].dimension != "duration" or not found[0].pint:
        return None
    unit = pint_unit(f"1/({found[0].pint})", f"count per {found[0].name}")
    return (unit, found[1]) if unit else None


def _inch_mark(a: Amount, ctx: _Ctx) -> tuple[Unit, int] | None:
    """'8"' is eight inches unless the mark closes a quotation opened earlier on the line."""
    text = ctx.text
    if a.end >= len(text) or text[a.end] not in '"″' or a.kind != "num":
        return None
    line_start = text.rfind("\n", 0, a.start) + 1
    if text.count('"', line_start, a.start) % 2 == 1:
        return None
    return ctx_inch(), a.end + 1


@lru_cache(maxsize=1)
def ctx_inch() -> Unit:
    return lexicon().words["inch"]


_TEMPERATURE_WORDS = TEMPERATURE_WORDS
#: A temperature whose scale the text does not name: no SI conversion.
TEMPERATURE_DEGREE = Unit(name="degree", dimension="temperature", si_unit="", factor=float("nan"))
_SCALE_NAME = re.compile(r"\b(Celsius|centigrade|Fahrenheit)\b", re.IGNORECASE)


def _degree_scale(unit: Unit, sc: Scanner, ctx: _Ctx, end: int) -> Unit:
    """'-273.15° on the Celsius scale': a bare degree sign named by a scale later in the sentence."""
    tok = ctx.token_at(max(end - 1, 0))
    stop = tok.sent.end_char if tok is not None else min(len(ctx.text), end + 60)
    m = _SCALE_NAME.search(ctx.text, end, min(stop, end + 60))
    if not m:
        lemmas = ctx.sentence_lemmas(end - 1)
        if lemmas & _TEMPERATURE_WORDS:
            return TEMPERATURE_DEGREE  # "temperatures hit 35 degrees": scale not said
        return unit
    name = "degree Fahrenheit" if m.group(1).lower() == "fahrenheit" else "degree Celsius"
    return sc.lex.words[name.lower()]


def _pounds_are_money(a: Amount, ctx: _Ctx, surface: str) -> bool:
    """'20 million pounds' is money, 'a twenty-pound bag' and '2,000 pounds' are mass."""
    if a.scaled or "£" in ctx.text[max(0, a.start - 300) : a.end + 300]:
        return True
    if "-" in surface:
        return False
    tok = ctx.token_at(a.start)
    sent = tok.sent.text if tok is not None else ""
    if re.search(r"[$€¥₹]|\b(?:dollars?|euros?|USD|EUR)\b", sent):
        return False
    return bool(ctx.sentence_lemmas(a.start) & _MONEY_CONTEXT)


def _preposition_in(ctx: _Ctx, pos: int) -> bool:
    tok = ctx.token_at(pos)
    if tok is None:
        return False
    return tok.lower_ == "in" and any(c.dep_ == "pobj" for c in tok.children)


_FEET_INCHES = re.compile(r"['′’](?P<i>1[01]|\d)(?:[\"″”]|''|\b)")
_WORD_MODIFIER = re.compile(r"-(?P<w>[a-z]+)\b")


def _read_unit(a: Amount, sc: Scanner, ctx: _Ctx) -> None:
    """The unit after the number ('124 km', '27-kilometer', '$15.4/hour', '4km^3')."""
    if a.value is None and a.flag is None:
        return
    text = ctx.text
    glued = a.end < len(text) and text[a.end].isalpha()
    if a.kind == "vague" and a.unit is COUNT:
        of = _OF.match(text, a.end)
        found = sc.lex.match(text, of.end()) if of else None
        if found is not None and found[1] - of.end() > 2 and text[of.end()].isalpha():
            a.unit, a.end = found  # "millions of dollars", "hundreds of miles"
            return
    gap = _GAP.match(text, a.end)
    pos = gap.end() if gap else a.end
    found = sc.lex.match(text, pos)
    pounds = _POUNDS.match(text, a.end)
    if pounds and (found is None or pounds.end() > found[1]):
        money = _pounds_are_money(a, ctx, pounds.group())
        name = "pound sterling" if money else "pound (mass)"
        unit = sc.lex.words[name] if money else sc.lex.symbols["lb"]
        found = (replace(unit, name=name), pounds.end())
    feet = _FEET_INCHES.match(text, a.end) if a.kind == "num" and a.unit is COUNT else None
    if feet and a.value is not None:
        a.value += int(feet.group("i")) / 12  # "6'3\"": six feet three inches
        a.unit, a.end = sc.lex.words["foot"], feet.end()
        return
    if found is None and a.unit is COUNT:
        found = _frequency(a, sc, ctx, pos) or _inch_mark(a, ctx)
    if found is None and a.unit is not COUNT:
        _read_compound(a, sc, ctx)
        return
    if found is None and a.kind == "words" and not a.scaled:
        mod = _WORD_MODIFIER.match(text, a.end)
        if (
            mod
            and sc.lex.match(text, mod.start("w")) is None
            and mod.group("w") not in ("plus", "odd", "ish")
        ):
            a.drop = True  # "a five-alarm call", "the two-party vote": a modifier, not an amount
            return
    if found is None:
        if glued and a.kind == "num":
            word = _GLUED.match(text, a.end).group()
            if word.lower() in ("st", "nd", "rd", "th", "s") or not word.islower() or len(word) > 5:
                a.drop = True  # ordinals, decades, identifiers like 06F6 or 860BOX
                return
            unit = pint_unit(word, "")
            if unit is not None:
                unit = replace(unit, name=_pint_name(word) or word)
            if unit is None or unit.dimension == "dimensionless":
                a.end += len(word)
                a.flag = "unknown unit"
                return
            found = (unit, a.end + len(word))
        else:
            per = _PER_COUNT.match(text, a.end) if a.value is not None else None
            unit = (
                _per_count(a.unit, per, ctx)
                if per and sc.lex.match(text, per.start("w")) is None
                else None
            )
            if unit is not None:
                a.unit, a.end = unit, per.end()
                _read_compound(a, sc, ctx)  # "... per 100,000 people per year"
            return
    unit, end = found
    surface = text[pos:end]
    if surface == "in" and re.match(
        r"[ \u00a0]+(?:\d|an?\b|one\b|every\b|ten\b)", text[end : end + 8]
    ):
        _read_ratio(a, sc, ctx, end)  # "1 in 4 residents"
        return
    if surface == "in" and not glued and (_preposition_in(ctx, pos) or a.kind != "num"):
        return
    single = len(surface) == 1 and surface.isalpha() and not glued
    if single and not _SINGLE_LETTER_OK.match(text, end):
        return
    if len(surface) == 1 and re.match(r"\.\w", text[end : end + 2]):
        return  # "5 p.m.", "3 a.m."
    if unit.currency and re.match(r"[-−+]?\d", text[end : end + 2]):
        return  # "a handful of $20s": the symbol belongs to the next number
    if glued and surface == "s" and a.value == int(a.value or 0):
        a.drop = not a.unit.currency  # "1990s" is a decade; "$20s" are banknotes
        return
    if unit.currency and a.unit.currency:
        return
    if unit.name == "degree":
        unit = _degree_scale(unit, sc, ctx, end)
    a.unit, a.end = unit, end
    _read_compound(a, sc, ctx)
    if glued and a.end < len(text) and text[a.end].isalnum():
        a.drop = True  # 06F6, 5G3: identifiers


RATIO = Unit(name="ratio", dimension="ratio", si_unit="", factor=1.0)


def _read_ratio(a: Amount, sc: Scanner, ctx: _Ctx, pos: int) -> None:
    """'1 in 4' -> 0.25 (unit 'ratio'), when both sides are plain numbers."""
    m = re.compile(r"[ \u00a0]+(?:every[ \u00a0]+)?").match(ctx.text, pos)
    core = sc.core.match(ctx.text, m.end()) if m else None
    if core is None or core.group("vague") or a.value is None:
        return
    b = _read_core(core, sc, ctx)
    if b is None or not b.value or b.value < a.value or b.value > 1000 or a.value != int(a.value):
        return  # "Voyager 2 in 1979" is not a ratio
    a.value, a.end, a.unit = a.value / b.value, b.end, RATIO


def _read_compound(a: Amount, sc: Scanner, ctx: _Ctx) -> None:
    text = ctx.text
    for _ in range(3):
        m = _POW.match(text, a.end)
        if m:
            n = (
                2
                if (m.group("n") == "2" or m.group("s") == "²" or m.group("w") == "squared")
                else 3
            )
            new = combine(a.unit, "pow", n=n)
            if new is not None:
                a.unit, a.end = new, m.end()
                continue
        m = _INV.match(text, a.end)
        if m:
            new = combine(a.unit, "inv")
            if new is not None:
                a.unit, a.end = new, m.end()
                continue
        m = _PER.match(text, a.end)
        if m:
            found = sc.lex.match(text, m.end())
            if found is not None:
                unit2, end2 = found
                word = m.group().strip(" -\u00a0").lower()
                article = word in ("a", "an", "each", "every")
                money_rate = a.unit.currency and unit2.dimension != "money"
                if not article or unit2.dimension == "duration" or money_rate:
                    p2 = _POW.match(text, end2)
                    if p2 and p2.group("n"):
                        unit2 = combine(unit2, "pow", n=int(p2.group("n"))) or unit2
                        end2 = p2.end()
                    new = combine(a.unit, "per", unit2)
                    if new is not None:
                        a.unit, a.end = new, end2
                        continue
        if "per" not in a.unit.name.split() and a.value is not None:
            m = _RATE_ADVERB.match(text, a.end)
            unit2 = sc.lex.words.get(RATE_ADVERBS[m.group("w").lower()]) if m else None
            new = (
                combine(a.unit, "per", unit2) if unit2 is not None and a.unit is not COUNT else None
            )
            if new is not None:
                a.unit, a.end = new, m.end()
                continue
            m = _PER_COUNT.match(text, a.end)
            unit2 = (
                _per_count(a.unit, m, ctx)
                if m and sc.lex.match(text, m.start("w")) is None
                else None
            )
            if unit2 is not None:
                a.unit, a.end = unit2, m.end()
                continue
        break


def _per_count(unit: Unit, m: re.Match[str], ctx: _Ctx) -> Unit | None:
    """'18.9 deaths per 100,000 people' -> unit 'count per 100000 people' (None: not a noun)."""
    tok = ctx.token_at(m.start("w"))
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = tok.lemma_.lower()
    if m.group("n"):
        noun = f"{m.group('n').replace(',', '')} {noun}"
    name = f"{unit.name or 'count'} per {noun}"
    dim = f"{unit.dimension} per count"
    return replace(unit, name=name, dimension=dim, pint=None)


def _read_amount(
    m: re.Match[str], sc: Scanner, ctx: _Ctx, *, left_currency: bool = True, floor: int = 0
) -> Amount | None:
    """Read a whole amount from a core match: currency before, number, scale, unit."""
    a = _read_core(m, sc, ctx)
    if a is None:
        return None
    if left_currency and a.kind == "num":
        cur = sc.lex.currency_before(ctx.text, a.start)
        if cur is not None and cur[1] >= floor:
            a.symbol = ctx.text[cur[1] : a.start].strip()
            a.unit, a.start = cur
    _read_number_tail(a, sc, ctx, currency=bool(a.unit.currency))
    if a.drop:
        return a
    if _is_clock(a, ctx.text):
        a.drop = True
        return a
    if a.kind == "num" and a.unit is COUNT and a.value is not None and a.value <= 24:
        clock = _CLOCK_DIGITS.match(ctx.text, a.end)
        if clock and (":" in clock.group() or clock.group()[3:].strip()):
            a.drop, a.end = True, clock.end()  # "11:25am", "13:40 local time"
            return a
    plus = _PLUS.match(ctx.text, a.end)
    if plus and a.value is not None:
        a.qualifier, a.bound, a.end = "plus", "lower", plus.end()
    _read_unit(a, sc, ctx)
    if a.unit is COUNT and a.kind == "num" and left_currency:
        before = sc.lex.unit_before(ctx.text, a.start)
        if before is not None and before[1] >= floor:
            a.unit, a.start = before  # "magnitude 5.2"
    _read_age(a, sc, ctx, floor)
    return a


_AGE_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"[ \u00a0]+")
        for w in sorted(AGE_BEFORE, key=len, reverse=True)
    )
    + r")[ \u00a0]+(?:(?:over|under|above|below|about|around|between|from|just|nearly|almost)[ \u00a0]+)?$",
    re.IGNORECASE,
)
_APPOSITION_AFTER = re.compile(r"[ \u00a0]*(?:,|\)|;|[ \u00a0]+(?:and|who|was|is|said|from|of)\b)")
_YEARS_OLD = re.compile(r"(?:-|[ \u00a0]+)(?:years?-)?old\b|-year-old\b", re.IGNORECASE)


def age_unit(unit: Unit) -> Unit:
    """The unit of an age: years, dimension ``age``."""
    return replace(
        unit if unit.dimension == "duration" else lexicon().words["year"], dimension="age"
    )


_PRONOUNS = {"i", "he", "she", "you", "we", "they"}


def _predicate_age(tok, text: str, end: int) -> bool:
    """A bare number after "be" whose subject is a person: "when I was 19", "Smith is 68."."""
    if tok.dep_ not in ("attr", "acomp") or tok.head.lemma_ != "be" or not tok.like_num:
        return False
    if re.match(r"[ \u00a0]*[A-Za-z%$€£]", text[end : end + 3]):
        return False  # "was 68 percent", "is 5 km": not a bare number
    subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and (subj[0].ent_type_ == "PERSON" or subj[0].lower_ in _PRONOUNS)


def _read_age(a: Amount, sc: Scanner, ctx: _Ctx, floor: int) -> None:
    """Ages: "Smith, 54,", "aged 41", "at the age of 80", "a 25-year-old", "45 years old"."""
    if a.value is None or not 0 <= a.value <= 130:
        return
    text = ctx.text
    if a.unit.dimension == "duration" and a.unit.name == "year":
        old = _YEARS_OLD.match(text, a.end)
        if old:
            a.unit, a.age = age_unit(a.unit), True
            if old.group().startswith("-"):
                a.end = old.end()  # "a 36-year-old"
        return
    if a.unit is not COUNT or a.value != int(a.value):
        return
    old = _YEARS_OLD.match(text, a.end)
    if old and old.group().endswith("year-old"):
        a.unit, a.age, a.end = age_unit(COUNT), True, old.end()  # "a 25-year-old"
        return
    if _AGE_BEFORE.search(text, max(floor, a.start - 30), a.start):
        a.unit, a.age = age_unit(COUNT), True
        return
    tok = ctx.token_at(a.start)
    if tok is not None and _predicate_age(tok, text, a.end):
        a.unit, a.age = age_unit(COUNT), True  # "when I was 19", "Cummings was 68."
        return
    apposition = (
        a.kind == "num"
        and re.fullmatch(r"\d{1,3}", text[a.start : a.end])
        and text[max(0, a.start - 2) : a.start] == ", "
        and _APPOSITION_AFTER.match(text, a.end)
    )
    if apposition:
        tok = ctx.token_at(max(0, a.start - 3))
        if tok is not None and (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN"):
            a.unit, a.age = age_unit(COUNT), True  # "Smith, 54, said"


def _read_range(
    a: Amount, sc: Scanner, ctx: _Ctx, between: bool, from_: bool = False
) -> Amount | None:
    """'50-60', '50 to 60 km', 'between 44 mg and 50 mg', '3.5–4.0 TeV', '8- to 16-meter'."""
    text = ctx.text
    m = _RANGE.match(text, a.end)
    if not m or a.value is None:
        return None
    conn = m.group().strip().lower()
    if conn == "or" and (a.kind != "words" or a.unit is not COUNT):
        return None  # "two or three things" is a range; "5 or 6 percent" reads as two amounts
    ratio = _RATIO.match(text, a.end)
    if ratio and a.unit is COUNT:
        a.drop, a.end = True, ratio.end()  # "a 2-to-1 vote", "3:1"
        return None
    if conn == "and" and not between:
        return None
    if conn == "to" and not between and not from_ and _after_change_word(ctx, a.start):
        return None  # "fell 0.7 per cent to 7250": a change and a level, not a range
    if conn == "-" and " " in m.group() and not between:
        return None  # "5 - 6" is rare; a spaced hyphen is usually a dash
    pos = m.end()
    cur = None
    if a.unit.currency:
        cm = re.compile(r"(?P<c>\S{1,4}?)(?=\d)").match(text, pos)
        if cm and sc.lex.symbols.get(cm.group("c")) == a.unit:
            cur, pos = cm.group("c"), cm.end()
    mb = sc.core.match(text, pos)
    if not mb or mb.group("vague"):
        return None
    b = _read_amount(mb, sc, ctx, left_currency=False)
    if b is None or b.drop or b.value is None:
        return None
    if cur:
        b.unit = a.unit if b.unit is COUNT else b.unit
    lo = a.value
    if a.unit is COUNT and b.unit is not COUNT:
        low_unit = b.unit
    elif b.unit is COUNT or b.unit == a.unit:
        low_unit = a.unit
    elif a.age and b.unit.name == "year":
        low_unit = a.unit  # "aged 16 to 18 years"
    elif _convertible(a.unit, b.unit):
        lo, low_unit = a.value * a.unit.factor / b.unit.factor, b.unit  # "six months and 19 years"
    else:
        return None
    b_scaled = b.scaled or (b.kind == "words" and _scale_of(text[mb.start() : b.end]) is not None)
    if not a.scaled and b_scaled and b.kind == a.kind and _scale_of(text[a.start : a.end]) is None:
        scale = _scale_of(text[mb.start() : b.end])
        if scale and lo * scale <= b.value:
            lo = lo * scale  # "six to seven thousand", "$5 to $7 billion"
    years = r"(?:1[0-9]|20|21)\d\d"
    if (
        low_unit is COUNT
        and re.fullmatch(years, text[a.start : a.end])
        and re.fullmatch(years, text[mb.start() : b.end])
    ):
        a.drop, a.end = True, b.end  # "1987–2017", "from 2010 to 2015": a span of years
        return None
    if conn in ("-", "–", "—") and low_unit is COUNT and lo >= b.value:
        if a.kind == b.kind == "num" and not re.fullmatch(r"[12]\d{3}", text[a.start : a.end]):
            a.drop, a.end = True, b.end  # tallies and scores: "a 5-4 decision", "won 3-1"
        return None  # year spans (2013-14)
    if conn == "or" and lo >= b.value:
        return None
    if conn == "to" and not between and not from_ and lo > b.value:
        return None  # "beats Trump 46 percent to 42 percent", "split 4 to 1"
    if re.fullmatch(r"[12]\d{3}", text[a.start : a.end]) and b.unit is not COUNT:
        return None  # "by 2030 to 32 percent"
    low, high = min(lo, b.value), max(lo, b.value)
    out = replace(
        a, end=b.end, unit=low_unit, value=(low + high) / 2, low=low, high=high, bound="range"
    )
    _read_compound(out, sc, ctx)  # "$30,000 to $60,000 a year"
    return out


def _after_change_word(ctx: _Ctx, start: int) -> bool:
    """Is the amount at ``start`` the object of a change verb ("rose 5% to ...", "up by 5 to")?"""
    tok = ctx.token_at(start)
    if tok is None or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.lower_ == "by" and prev.i > 0:
        prev = tok.doc[prev.i - 1]
    return (prev.pos_ == "VERB" and prev.lemma_.lower() in _CHANGE_VERBS) or prev.lower_ in (
        "up",
        "down",
    )


def _convertible(u: Unit, v: Unit) -> bool:
    """Two units of one dimension that convert by a factor (not currencies or temperatures)."""
    return (
        u.dimension == v.dimension
        and not u.currency
        and not v.currency
        and u.factor > 0
        and v.factor > 0
        and u.offset == v.offset == 0
        and u.dimension not in ("count", "percent", "temperature")
    )


def _scale_of(text: str) -> float | None:
    m = re.search(r"(" + "|".join(SCALE_WORDS) + r")\b", text, re.IGNORECASE)
    if m:
        return SCALE_WORDS[m.group(1).lower()]
    m = re.search(r"\d(k|K|mn|bn|M|B|tn|m|b)\b", text)
    if m:
        return SCALE_SUFFIXES.get(m.group(1)) or CURRENCY_SUFFIXES.get(m.group(1))
    return None


def _qualify(a: Amount, sc: Scanner, ctx: _Ctx, floor: int) -> tuple[Amount, bool, bool]:
    """Attach the qualifier written before the amount; say whether it is 'between'/'from'."""
    text = ctx.text
    lo = max(floor, a.start - 40)
    m = sc.qualifiers.search(text, lo, a.start)
    if not m:
        return a, False, False
    q = " ".join(m.group("q").lower().split())
    if q in ("between", "from"):
        return a, q == "between", q == "from"
    bound, approx = sc.qualifier_bounds[q]
    a.qualifier = m.group("q")
    a.start = m.start("q")
    a.approximate = a.approximate or approx
    return a, False, False


def _finish_bounds(a: Amount) -> None:
    """Fill low/high from the bound: lower -> low only, upper -> high only."""
    if a.value is None:
        a.low = a.high = None
        return
    if a.bound == "range" or a.kind == "vague":
        if a.low is None:
            a.low = a.high = a.value
        return
    if a.qualifier:
        key = " ".join(a.qualifier.lower().split())
        a.bound = scanner().qualifier_bounds.get(key, (a.bound, False))[0]
    if a.bound == "lower":
        a.low, a.high = a.value, None
    elif a.bound == "upper":
        a.low, a.high = None, a.value
    else:
        a.low = a.high = a.value


def _suffix(a: Amount, ctx: _Ctx) -> None:
    m = _SUFFIX.match(ctx.text, a.end)
    if not m or a.value is None:
        return
    w = m.group("w").strip().lower()
    if w in ("or so", "odd", "-odd", "-ish"):
        a.approximate = True
    elif a.bound != "range" and not a.qualifier:
        a.bound = "upper" if w in ("or less", "or fewer") else "lower"
        a.qualifier = w.lstrip("-")
    a.end = m.end()


# ------------------------------------------------------------------ filters --


def _blocked_spans(
    doc: Doc | None, found: dict[str, list[dict]], text: str
) -> list[tuple[int, int]]:
    spans = []
    for row in found.get("timexes", []) or []:
        if str(row.get("type", "")).upper() in ("DATE", "TIME", "SET"):
            spans.append((int(row["start"]), int(row["end"])))
    if doc is not None:
        spans += [
            (e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ in ("DATE", "TIME") and _DATE_LIKE.search(e.text)
        ]
    spans += [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (end, -1))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


def _object(a: Amount, ctx: _Ctx, sc: Scanner) -> str | None:
    """The lemma of what is counted: the noun the number modifies, or 'N of <noun>'."""
    doc = ctx.doc
    if doc is None:
        return None
    last = ctx.token_at(max(a.end - 1, a.start))
    if last is None:
        return None
    if a.unit is COUNT or a.unit is RATIO:
        head = last.head
        if (
            last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "det")
            and head.i > last.i
            and head.pos_ in ("NOUN", "PROPN")
            and head.idx >= a.end
            and sc.lex.match(ctx.text, head.idx) is None
        ):
            return head.lemma_.lower()
    i = last.i + 1
    seen_of = False
    while i < len(doc) and i - last.i <= 4:
        t = doc[i]
        if t.idx < a.end:
            i += 1
            continue
        if t.is_punct and t.text in "\"“”'‘’":
            i += 1
            continue
        if t.lower_ == "of" and not seen_of:
            pobj = [c for c in t.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if pobj:
                return pobj[0].lemma_.lower()
            seen_of = True
            i += 1
            continue
        if (
            seen_of
            and t.pos_ in ("DET", "ADJ")
            and t.lower_ not in ("the", "those", "these", "them")
        ):
            i += 1
            continue
        if t.pos_ in ("NOUN", "PROPN") and (seen_of or a.unit is COUNT or a.unit is RATIO):
            if t.lower_ in ("them", "us", "those"):
                return None
            if sc.lex.match(ctx.text, t.idx) is not None and not seen_of:
                return None
            return t.lemma_.lower()
        return None
    return None
