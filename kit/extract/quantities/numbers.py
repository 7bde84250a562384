"""Numbers as news writes them: digits with separators, number words, scales, vague amounts.

>>> parse_numeral("90,000")
(90000.0, None)
>>> parse_number_words(["a", "hundred", "and", "two"])
(102.0, 4)
>>> vague_amounts()["a couple"].low
2.0

Nothing here raises on odd input: a malformed or absurd numeral comes back as
``(None, "malformed number")`` or ``(None, "overflow")``.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kit.lexicons.numbers import (
    CURRENCY_SUFFIXES,
    FRACTION_WORDS,
    ONES,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    TENS,
    VULGAR,
)

__all__ = [
    "CURRENCY_SUFFIXES",
    "FRACTION_WORDS",
    "NUMBER_WORDS_PATTERN",
    "SCALE_SUFFIXES",
    "SCALE_WORDS",
    "VULGAR",
    "Vague",
    "parse_number_words",
    "parse_numeral",
    "power",
    "split_words",
    "vague_amounts",
    "vulgar_value",
]

_WORD_SCALES = {k: v for k, v in SCALE_WORDS.items() if k.isalpha() and len(k) > 3}
_NUMBER_WORDS = sorted([*ONES, *TENS, *_WORD_SCALES], key=len, reverse=True)
_WORD = "(?:" + "|".join(_NUMBER_WORDS) + ")"
_UNIT_WORD = "(?:" + "|".join(sorted(ONES, key=len, reverse=True)) + ")"
#: A run of number words ("ninety thousand", "a hundred and two", "twenty-one").
NUMBER_WORDS_PATTERN = (
    rf"(?:\b(?:an?|one)\s+(?=(?:{'|'.join(_WORD_SCALES)})\b))?"
    rf"\b{_WORD}(?:-{_UNIT_WORD})?"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+|-){_WORD}(?:-{_UNIT_WORD})?){{0,12}}\b"
)
_SPLIT = re.compile(r"[A-Za-z]+|&|,")

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,500,000.25
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")  # 1,50,00,000
_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")  # 10 000
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_MAX_DIGITS = 300


def parse_numeral(text: str) -> tuple[float | None, str | None]:
    """The value of a digit string, and a flag when it cannot be read.

    >>> parse_numeral("2,500.75")
    (2500.75, None)
    >>> parse_numeral("1,00,0")
    (None, 'malformed number')
    >>> parse_numeral("٣٠")   # Arabic-Indic digits
    (30.0, None)
    """
    s = text.strip()
    if any(not c.isascii() and c.isdigit() for c in s):
        s = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in s)
    if len(s) > _MAX_DIGITS:
        return None, "overflow"
    if _PLAIN.fullmatch(s):
        clean = s
    elif _GROUPED.fullmatch(s) or _INDIAN.fullmatch(s):
        clean = s.replace(",", "")
    elif _SPACED.fullmatch(s):
        clean = re.sub(r"[ \u00a0\u202f\u2009]", "", s).replace(",", ".")
    else:
        return None, "malformed number"
    try:
        value = float(clean)
    except (ValueError, OverflowError):
        return None, "malformed number"
    if not math.isfinite(value):
        return None, "overflow"
    return value, None


def power(base: float, exponent: float) -> tuple[float | None, str | None]:
    """``base ** exponent`` or ``(None, "overflow")``.

    >>> power(10, 400)
    (None, 'overflow')
    """
    try:
        value = float(base) ** float(exponent)
    except (OverflowError, ZeroDivisionError, ValueError):
        return None, "overflow"
    if not math.isfinite(value) or isinstance(value, complex):
        return None, "overflow"
    return value, None


def vulgar_value(char: str) -> float:
    """The value of a Unicode fraction character (``"½"`` -> 0.5)."""
    return float(unicodedata.numeric(char))


def split_words(phrase: str) -> list[tuple[str, int, int]]:
    """Words (and "&", ",") of a phrase with their offsets in it, hyphens split."""
    return [(m.group().lower(), m.start(), m.end()) for m in _SPLIT.finditer(phrase)]


def parse_number_words(words: list[str]) -> tuple[float | None, int]:
    """Read number words from the front; return the value and how many words were used.

    Stops at the first word that cannot continue the number ("one two" reads
    only "one"). Connectors ("and", "&", ",") are used only when a number word
    follows them.

    >>> parse_number_words(["three", "million", ",", "two", "hundred", "&", "forty"])
    (3000240.0, 7)
    >>> parse_number_words(["twenty", "one"])
    (21.0, 2)
    >>> parse_number_words(["one", "two"])
    (1.0, 1)
    """
    total, current = 0.0, 0.0
    used = 0
    last = ""  # kind of the last word read: a, one, ten, hundred, big
    i = 0
    pending = 0  # connectors waiting for a following number word
    while i < len(words):
        w = words[i]
        if w in ("and", "&", ","):
            if last in ("", "a"):
                break
            pending += 1
            i += 1
            continue
        if w in ("a", "an") and used == 0:
            current, last = 1.0, "a"
            i += 1
            used = i
            continue
        if w in ONES or w in TENS:
            v = ONES.get(w, TENS.get(w, 0))
            if last in ("one", "a"):
                break
            if last == "ten" and (w in TENS or v >= 10 or current % 10):
                break
            if last == "ten" and pending:
                break
            current += v
            last = "ten" if w in TENS else "one"
        elif w == "hundred":
            if last == "hundred" or (current >= 100):
                break
            current = (current or 1.0) * 100
            last = "hundred"
        elif w in _WORD_SCALES:
            scale = _WORD_SCALES[w]
            if last == "" and used == 0:
                current = 1.0
            if scale == 12.0:
                current = (current or 1.0) * 12
            else:
                total += (current or 1.0) * scale
                current = 0.0
            last = "big"
        else:
            break
        pending = 0
        i += 1
        used = i
    if used == 0 or last in ("", "a"):
        return None, 0
    return total + current, used


@dataclass(frozen=True)
class Vague:
    """What a vague amount means: a typical value and the range the words allow."""

    phrase: str
    value: float
    low: float
    high: float


@lru_cache(maxsize=4)
def vague_amounts(path: str | None = None) -> dict[str, Vague]:
    """The vague-amount table (``data/quantities_vague.csv``), keyed by lower-case phrase."""
    from kit.lexicons.resources import DATA_DIR

    file = Path(path) if path else DATA_DIR / "quantities_vague.csv"
    out: dict[str, Vague] = {}
    with open(file, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            phrase = " ".join(row["phrase"].lower().split())
            out[phrase] = Vague(phrase, float(row["value"]), float(row["low"]), float(row["high"]))
    return out
