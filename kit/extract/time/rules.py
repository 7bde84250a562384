"""Lexicon and compiled patterns for time expressions (used by :mod:`kit.extract.time`).

Each pattern has a name; :func:`candidates` runs them all over a text and
returns the longest non-overlapping matches in text order.

>>> [(c.name, c.match.group(0)) for c in candidates("He left on June 4, 2017.")]
[('month_day', 'June 4, 2017')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kit.lexicons.numbers import CARDINALS, ORDINAL_WORDS, TEENS, TENS, UNITS_1_9

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
}  # fmt: skip
ORDINALS: dict[str, int] = {
    **ORDINAL_WORDS, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, **CARDINALS,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2,
    "a couple": 2,
}  # fmt: skip
#: Vague quantities: the count becomes ``X`` in TimeML values ("several months" -> PXM).
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "the next few")
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
#: Unit word -> (TimeML unit letter, multiplier, is a time-of-day unit).
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "weekend": ("WE", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}  # fmt: skip
#: Modifier words -> TimeML ``mod``.
PRE_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "middle": "MID",
    "start": "START", "beginning": "START", "end": "END",
}  # fmt: skip
APPROX_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}  # fmt: skip
SETS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y",
}  # fmt: skip
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
}  # fmt: skip
RELATIVE_WORDS: dict[str, int] = {
    "this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1,
    "prior": -1, "next": 1, "coming": 1, "following": 1,
}  # fmt: skip


def _alt(words) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


def _ci(s: str) -> str:
    return f"(?i:{s})"


_FULL_MONTHS = [m for m, _ in MONTHS.items() if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
# Month names must be capitalised ("May" the month, not "may" the verb).
_MONTH_FULL = "|".join(
    sorted(
        {w.title() for w in _FULL_MONTHS} | {w.upper() for w in _FULL_MONTHS},
        key=lambda w: (-len(w), w),
    )
)  # noqa: E501
_MONTH_ABBR = "|".join(
    f"{w.title()}\\.?|{w.upper()}\\.?" for w in sorted(_ABBR_MONTHS, key=lambda w: (-len(w), w))
)
MONTH = f"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})(?![A-Za-z])"
MONTH_FULL = f"(?P<month>{_MONTH_FULL})(?![A-Za-z])"
WEEKDAY = f"(?P<weekday>{_ci(_alt(WEEKDAYS))})(?![A-Za-z])"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:(?P<year>\d{4})|'(?P<yy>\d\d))(?![\d])"
_NUM_WORD = _alt([w for w in NUMBER_WORDS if w not in ("a", "an")])
_NUM_COMPOUND = rf"(?:{_NUM_WORD})(?:[\s-](?:{_alt([*UNITS_1_9, 'hundred'])}))?"  # noqa: E501
NUM = (
    rf"(?P<num>\d+(?:\.\d+)?(?:\s+\d/\d)?|{_ci(_NUM_COMPOUND)}|{_ci(_alt(VAGUE_NUMBERS))}"
    rf"|{_ci('an?')})"
)
UNIT = rf"(?P<unit>{_ci('seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)')})(?![A-Za-z])"  # noqa: E501
_UNITS_1_9 = "|".join(UNITS_1_9)
_TENS = "|".join(TENS)
_TEENS = "|".join(TEENS)
_SPOKEN_YEAR = _ci(
    rf"(?:nineteen|eighteen)\s+(?:hundred\s+(?:and\s+)?)?(?:(?:{_TENS})(?:[\s-](?:{_UNITS_1_9}))?|{_TEENS})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[\s-](?:{_UNITS_1_9}))?|{_TEENS}|{_UNITS_1_9}))?"
)
_YEAR_END = _ci("year-end|year end|year's end|the end of the year")
_PRE2 = _ci(r"the\s+(?P<pre2>start|beginning|end|middle)\s+of\s+")
PREMOD = rf"(?:(?P<pre>{_ci('early|earlier|later|late|mid|middle')})[\s-]+|{_PRE2})?"
_AMPM = _ci(r"a\.m\.?|p\.m\.?|am|pm")
APPROX = rf"(?:(?P<approx>{_ci(_alt(APPROX_MODS))})\s+)?"
B = r"(?<![\w'])"  # left word boundary
E = r"(?![\w])"  # right word boundary


def _ordinals() -> str:
    return _ci(_alt([k for k in ORDINALS if k != "last"] + ["last"]))


PATTERNS: list[tuple[str, str]] = [
    (
        "iso",
        rf"{B}(?P<year>\d{{4}})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?{E}",
    ),  # noqa: E501
    ("numeric", rf"{B}(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{{4}}|\d\d){E}"),
    (
        "month_day",
        rf"{B}{PREMOD}(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAY}(?:,?\s+{YEAR})?{E}",
    ),
    (
        "day_month",
        rf"{B}(?:{WEEKDAY},?\s+)?(?:{_ci('the')}\s+)?{DAY}(?:\s+{_ci('of')})?\s+{MONTH}(?:,?\s+{YEAR})?{E}",  # noqa: E501
    ),
    ("month_year", rf"{B}{PREMOD}{MONTH}(?:\s+{_ci('of')})?,?\s+{YEAR}{E}"),
    (
        "month_rel",
        rf"{B}{PREMOD}(?:(?P<rel>{_ci('this|last|next|past|coming')})\s+)?{MONTH_FULL}(?:\s+(?P<rel2>{_ci('this|last|next')})\s+{_ci('year')})?{E}",  # noqa: E501
    ),
    (
        "weekday",
        rf"{B}{PREMOD}(?:(?P<rel>{_ci('this|last|next|coming|past|this past|this coming')})\s+)?{WEEKDAY}(?:\s+(?P<pod>{_ci('morning|afternoon|evening|night')}))?{E}",  # noqa: E501
    ),
    (
        "weekday_set",
        rf"{B}(?:(?P<q>{_ci('every|each')})\s+)?(?P<weekday>{_ci(_alt(WEEKDAYS))})s{E}",
    ),
    (
        "weekday_every",
        rf"{B}(?P<q>{_ci('every|each')})\s+(?P<weekday>{_ci(_alt(WEEKDAYS))}){E}",
    ),
    (
        "named_day",
        rf"{B}{PREMOD}(?P<word>{_ci('yesterday|today|tomorrow|tonight|the day before yesterday|the day after tomorrow')})(?:\s+(?P<pod>{_ci('morning|afternoon|evening|night')}))?{E}",  # noqa: E501
    ),
    (
        "this_pod",
        rf"{B}{PREMOD}(?P<rel>{_ci('this|last|tomorrow|yesterday')})\s+(?P<pod>{_ci('morning|afternoon|evening|night')}){E}",  # noqa: E501
    ),
    (
        "rel_unit",
        rf"{B}{PREMOD}(?:{_ci('the')}\s+)?(?P<rel>{_ci(_alt(RELATIVE_WORDS))})\s+(?:(?P<fiscal>{_ci('fiscal')})\s+)?(?P<unit>{_ci('week|weekend|month|quarter|year|decade|century')}){E}",  # noqa: E501
    ),
    (
        "the_unit",
        rf"{B}(?P<det>{_ci('the')})\s+(?:(?P<adj>{_ci('latest|full|fiscal|current|same|year-earlier|year-ago|comparable')})\s+)?(?P<unit>{_ci('week|weekend|month|quarter|year|period')}){E}",  # noqa: E501
    ),
    (
        "season",
        rf"{B}{PREMOD}(?:(?P<rel>{_ci('this|last|next|the|this past|this coming')})\s+)?(?P<season>{_ci('spring|summer|fall|autumn|winter')})(?:\s+(?:{_ci('of')}\s+)?{YEAR})?{E}",  # noqa: E501
    ),
    (
        "quarter",
        rf"{B}(?:{_ci('the')}\s+)?(?:(?P<qyear>\d{{4}})\s+|{_ci('fiscal')}\s+)?(?P<ord>{_ordinals()})[\s-](?:{_ci('fiscal')}[\s-])?(?P<qh>{_ci('quarter|half')})(?:(?:\s+{_ci('of')}\s+(?:{_ci('fiscal')}\s+)?|,?\s+){YEAR})?{E}",  # noqa: E501
    ),
    ("quarter_short", rf"{B}(?P<qh>[QH])(?P<ord>[1-4])(?:\s+{YEAR})?{E}"),
    (
        "decade",
        rf"{B}(?:{_ci('the')}\s+)?{PREMOD}(?:(?P<dec>1\d\d0|20\d0)'?s|'(?P<dec2>\d0)'?s|(?P<decw>{_ci(_alt(DECADE_WORDS))})){E}",  # noqa: E501
    ),
    (
        "century",
        rf"{B}(?:{_ci('the')}\s+)?{PREMOD}(?:(?P<cnum>\d{{1,2}})(?:st|nd|rd|th)|(?P<cword>{_ordinals()}))[\s-]{_ci('century')}{E}",  # noqa: E501
    ),
    (
        "year",
        rf"{B}{PREMOD}(?:(?P<fiscal>{_ci('fiscal')})\s+|FY\s*)?(?P<year>1[0-9]\d\d|20\d\d|21\d\d)(?![\d%,.]\d|\w|%)",
    ),  # noqa: E501
    (
        "ago",
        rf"{B}{APPROX}{NUM}[\s-]+{UNIT}(?:\s+{_ci('or so')})?\s+(?P<dir>{_ci('ago|earlier|from now|hence')}){E}",  # noqa: E501
    ),
    (
        "year_ago_adj",
        rf"{B}(?:{_ci('the')}\s+)?(?P<adj>{_ci('year-earlier|year-ago|year earlier|year ago')})(?:\s+(?P<unit>{_ci('quarter|period|month')}))?{E}",
    ),  # noqa: E501
    (
        "duration",
        rf"{B}{APPROX}(?:(?P<det>{_ci('the|its|their|his|her|a|an')})\s+)?(?:(?P<rel>{_ci('past|last|next|first|latest|previous|coming|final|following|remaining|initial')})\s+)?{NUM}[\s-]+(?:{_ci('more|full|straight|consecutive|additional')}\s+)?{UNIT}(?:[\s-](?P<long>{_ci('long|old')}))?{E}",  # noqa: E501
    ),
    (
        "vague_duration",
        rf"{B}(?:(?P<det>{_ci('the')})\s+)?(?P<rel>{_ci('recent|coming|past|next|last|following')})\s+(?P<unit>{_ci('days|weeks|months|years|decades')}){E}",  # noqa: E501
    ),
    (
        "set",
        rf"{B}(?P<q>{_ci('every|each|per')})\s+(?:(?P<other>{_ci('other')})\s+|{NUM}\s+)?{UNIT}{E}",
    ),
    ("set_adv", rf"{B}(?P<adv>{_ci(_alt(SETS))}){E}"),
    (
        "times_a",
        rf"{B}(?P<freq>{_ci('once|twice|three times|four times')})\s+(?:{_ci('a|per|every')})\s+(?P<unit>{_ci('day|week|month|quarter|year')}){E}",
    ),  # noqa: E501
    (
        "clock",
        rf"{B}{APPROX}(?P<hh>[01]?\d|2[0-3])(?::(?P<mm>[0-5]\d))?\s*(?P<ampm>{_AMPM})(?!\w)(?:\s+(?P<tz>[A-Z]{{1,3}}T|GMT|UTC))?(?:\s+(?P<dayword>{_ci(_alt([*WEEKDAYS, 'yesterday', 'today', 'tomorrow']))}))?",  # noqa: E501
    ),
    (
        "clock24",
        rf"{B}{APPROX}(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?:\s+(?P<tz>[A-Z]{{1,3}}T|GMT|UTC))?(?![\d:])",  # noqa: E501
    ),
    (
        # a four-digit clock time with its zone ("1750 GMT", "0600 hrs") is a time, not a year
        "clock24",
        rf"{B}{APPROX}(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?P<tz>GMT|UTC|[A-Z]{{1,3}}T|{_ci('hrs|hours')})(?![\w])",  # noqa: E501
    ),
    (
        "noon",
        rf"{B}{APPROX}(?P<word>{_ci('noon|midnight|midday')})(?:\s+(?P<dayword>{_ci(_alt([*WEEKDAYS, 'yesterday', 'today', 'tomorrow']))}))?{E}",
    ),  # noqa: E501
    ("ref", rf"{B}(?P<ref>{_ci(_alt(REFS))}){E}"),
    (
        "year_period",
        rf"{B}{_ci('the')}\s+(?P<year>1\d\d\d|20\d\d)\s+(?:{_ci('fiscal')}\s+)?(?P<unit>{_ci('quarter|period|year|first half|second half')}){E}",  # noqa: E501
    ),
    ("spoken_year", rf"{B}(?P<sy>{_SPOKEN_YEAR}){E}"),
    ("year_end", rf"{B}(?P<ye>{_YEAR_END}){E}"),
    (
        "bare_units",
        rf"{B}(?:for|For|within|after|over|in|In|take|took|takes)\s+(?P<core>(?P<unit>{_ci('days|weeks|months|years|decades|centuries')})){E}",  # noqa: E501
    ),
    (
        "pod_day",
        rf"{B}(?P<pre>{_ci('early|late|mid')})?[\s-]?(?P<pod>{_ci('morning|afternoon|evening|night')})\s+(?P<word>{_ci(_alt([*WEEKDAYS, 'yesterday', 'today', 'tomorrow']))}){E}",  # noqa: E501
    ),
]

COMPILED: list[tuple[str, re.Pattern[str]]] = [(n, re.compile(p)) for n, p in PATTERNS]
#: Lower priority wins ties of equal length.
PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}


@dataclass(frozen=True)
class Candidate:
    """One pattern match: ``name`` of the pattern and the regex ``match``."""

    name: str
    match: re.Match[str]

    @property
    def start(self) -> int:
        """Start of the expression (the ``core`` group when the pattern has one)."""
        return (
            self.match.start("core") if "core" in self.match.re.groupindex else self.match.start()
        )

    @property
    def end(self) -> int:
        return self.match.end("core") if "core" in self.match.re.groupindex else self.match.end()


def candidates(text: str) -> list[Candidate]:
    """Longest non-overlapping pattern matches, in text order.

    >>> [c.match.group(0) for c in candidates("last week and 3 p.m. Friday")]
    ['last week', '3 p.m. Friday']
    """
    found = [Candidate(name, m) for name, rx in COMPILED for m in rx.finditer(text) if m.group(0)]
    found.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.name], c.start))
    taken: list[Candidate] = []
    # taken non-empty spans never overlap, so sorted by start they are sorted by end too
    starts: list[int] = []
    ends: list[int] = []
    for c in found:
        cs, ce = c.start, c.end
        i = bisect_left(starts, ce)  # spans starting before this one ends
        if i and ends[i - 1] > cs:
            continue
        taken.append(c)
        if ce > cs:  # an empty span (taken last, being shortest) blocks nothing
            j = bisect_left(starts, cs)
            starts.insert(j, cs)
            ends.insert(j, ce)
    taken.sort(key=lambda c: (c.start, c.end))
    return taken


def parse_number(word: str | None) -> float | None:
    """A count from digits or words; ``None`` for vague counts ("several").

    >>> parse_number("twenty-four"), parse_number("18"), parse_number("several")
    (24, 18, None)
    """
    if word is None:
        return None
    w = " ".join(word.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+(\.\d+)?", w):
        v = float(w)
        return int(v) if v.is_integer() else v
    m = re.fullmatch(r"(\d+) (\d)/(\d)", w)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        a, b = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        return a * b if b == 100 else a + b
    return None
