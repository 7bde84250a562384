"""Number words: the one home for cardinals, ordinals, scales and fractions in words.

Both the quantity extractor (``kit.extract.quantities``) and the time extractor
(``kit.extract.time``) read their number vocabulary from here.

>>> ONES["seventeen"], TENS["forty"], SCALE_WORDS["crore"]
(17, 40, 10000000.0)
>>> CARDINALS["hundred"], ORDINAL_WORDS["twelfth"]
(100, 12)
>>> "|".join(TEENS[:3])
'ten|eleven|twelve'
"""

from __future__ import annotations

#: Cardinal words below twenty.
ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
#: Multiples of ten written as words.
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: The words one to nine, in counting order.
UNITS_1_9: tuple[str, ...] = tuple(w for w, v in ONES.items() if 1 <= v <= 9)
#: The words ten to nineteen, in counting order.
TEENS: tuple[str, ...] = tuple(w for w, v in ONES.items() if v >= 10)
#: Single cardinal words one to ninety and "hundred" (no "zero").
CARDINALS: dict[str, int] = {
    **{w: v for w, v in ONES.items() if v}, **TENS, "hundred": 100,
}  # fmt: skip
#: Ordinal words ("first" ... "twentieth", "twenty-first").
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}  # fmt: skip
#: Multipliers written as words after a number ("1.5 million", "two dozen").
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12.0, "lakh": 1e5, "crore": 1e7, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
#: Multipliers glued to digits ("20k", "$3bn"); "m", "b", "t" only count after a currency.
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "mn": 1e6, "bn": 1e9, "M": 1e6, "B": 1e9, "tn": 1e12,
}  # fmt: skip
#: Glued multipliers that are read as scales only in a money (or counted-noun) context.
CURRENCY_SUFFIXES: dict[str, float] = {
    "m": 1e6, "b": 1e9, "T": 1e12, "t": 1e12, "mln": 1e6, "bln": 1e9,
}  # fmt: skip
#: Denominators written as words ("two thirds", "one sixth", "one-half").
FRACTION_WORDS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
#: Unicode fraction characters.
VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
