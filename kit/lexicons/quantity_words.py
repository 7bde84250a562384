"""Word lists the quantity extractor reads: money context, change direction, ages, rates.

>>> CHANGE_WORDS["rise"], CHANGE_WORDS["cut"], CHANGE_WORDS["increase"]
('up', 'down', 'up')
>>> RATE_ADVERBS["annually"]
'year'
"""

from __future__ import annotations

#: Lemmas in a sentence that make "pounds" money rather than mass.
MONEY_CONTEXT = frozenset({
    "pay", "cost", "spend", "price", "fund", "worth", "budget", "fine", "salary", "sterling",
    "bank", "bill", "raise", "sell", "buy", "earn", "invest", "loan", "debt", "tax", "profit",
    "revenue", "deal", "award", "compensation", "bonus", "wage", "charge",
})  # fmt: skip
#: Verbs of change ("rose from 5 to 7" is two levels, not a range).
CHANGE_VERBS = frozenset({
    "rise", "fall", "increase", "decrease", "drop", "reduce", "grow", "climb", "jump", "cut",
    "decline", "raise", "lower", "slash", "boost", "shrink", "soar", "plunge", "change", "go",
    "move", "swell", "expand", "narrow", "widen", "slip", "surge", "tumble", "lift",
})  # fmt: skip
#: Verbs and nouns that say which way an amount of change goes.
CHANGE_WORDS: dict[str, str] = {
    **dict.fromkeys((
        "rise", "increase", "grow", "growth", "climb", "jump", "gain", "soar", "surge", "boost",
        "expand", "expansion", "widen", "swell", "add", "up", "hike", "spike", "rebound",
        "advance", "edge", "lift", "raise", "upswing", "double", "triple", "rally",
    ), "up"),
    **dict.fromkeys((
        "fall", "drop", "decline", "decrease", "reduce", "reduction", "cut", "lose",
        "shrink", "slip", "plunge", "tumble", "lower", "slash", "narrow", "down", "dip", "sink",
        "slump", "shed", "contract", "contraction", "plummet", "retreat", "slide", "ease",
    ), "down"),
}  # fmt: skip
#: Change words that give a direction only with "by" ("raised taxes by 5%", not "raised $5m").
CHANGE_BY_ONLY = frozenset({"raise", "lift", "edge", "lower", "ease", "contract"})
#: Comparatives written right after an amount ("85% more wildfires", "32 percent below").
COMPARATIVES: dict[str, str] = {
    "more": "up", "higher": "up", "above": "up", "larger": "up", "bigger": "up",
    "greater": "up", "less": "down", "lower": "down", "below": "down", "fewer": "down",
    "smaller": "down", "cheaper": "down",
}  # fmt: skip
#: Prepositions through which a change word still governs an amount ("up by 5%", "a rise of 5%");
#: any other preposition marks a level or a span ("rose to 5%", "from 88", "over six years").
CHANGE_PREPOSITIONS = frozenset({"by", "of"})
#: Adverbs or adjectives right after an amount that make it a rate ("5 percent annually").
RATE_ADVERBS: dict[str, str] = {
    "annually": "year", "annual": "year", "yearly": "year", "monthly": "month",
    "weekly": "week", "daily": "day", "hourly": "hour", "nightly": "night",
}  # fmt: skip
#: Words before a number that make it an age ("aged 41", "at the age of 80", "ages 17 to 20").
AGE_BEFORE = (
    "aged",
    "age",
    "ages",
    "the age of",
    "the ages of",
    "age of",
    "ages of",
    "in age from",
)
#: Words that make temperatures ("temperatures hit 35 degrees": a scale is not said).
TEMPERATURE_WORDS = frozenset({
    "temperature", "heat", "hot", "cold", "warm", "weather", "thermometer", "heatwave", "freeze",
    "frost", "chill", "cool", "forecast", "high", "low",
})  # fmt: skip
