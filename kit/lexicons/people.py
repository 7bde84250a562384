"""Words about people: given names with their usual gender, gendered titles and nouns, name suffixes.

The given names come from ``kit/data/given_names.csv`` (US Census Bureau 1990 first-name
frequencies, public domain; see ``scripts/build_given_names.py``).

>>> given_gender("Hillary"), given_gender("Donald"), given_gender("Pat"), given_gender("Xq")
('f', 'm', None, None)
>>> TITLE_GENDER["mrs"], GENDERED_NOUNS["spokeswoman"]
('f', 'f')
"""

from __future__ import annotations

import csv
from functools import lru_cache

from kit.lexicons.resources import DATA_DIR

#: Titles that tell a person's gender (compared lower-case, without the final dot).
TITLE_GENDER: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f",
}  # fmt: skip

#: Honorifics only a person bears: "Mr. Ban" makes "Ban Ki-moon" a person in its document.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mister"})

#: Title abbreviations (and party short forms) spelled out, to compare "Gov. Mike Pence" with
#: "the Indiana governor" and "the GOP nominee" with "Republican nominee Donald Trump".
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gop": "republican", "dem": "democratic", "democrat": "democratic",
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
    "gen": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "cmdr": "commander", "adm": "admiral", "atty": "attorney", "supt": "superintendent",
    "sec": "secretary", "amb": "ambassador", "dir": "director", "chmn": "chairman",
}  # fmt: skip

#: Nouns for people that tell their gender ("the spokeswoman", "his father").
GENDERED_NOUNS: dict[str, str] = {
    "man": "m", "men": "m", "boy": "m", "father": "m", "son": "m", "brother": "m",
    "husband": "m", "uncle": "m", "nephew": "m", "grandfather": "m", "dad": "m",
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m",
    "councilman": "m", "assemblyman": "m", "actor": "m", "widower": "m", "gentleman": "m",
    "woman": "f", "women": "f", "girl": "f", "mother": "f", "daughter": "f", "sister": "f",
    "wife": "f", "aunt": "f", "niece": "f", "grandmother": "f", "mom": "f", "mum": "f",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f",
    "councilwoman": "f", "assemblywoman": "f", "actress": "f", "widow": "f", "lady": "f",
    "first lady": "f",
}  # fmt: skip

#: Particles that open a surname ("De Wilde", "van Gogh", "bin Salman"): "De Wilde" alone is a
#: surname, not a given name and a surname.
SURNAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "del", "della", "da", "di", "du", "le", "la", "dos", "das",
     "bin", "ibn", "ben", "ter", "ten", "vander", "vanden", "st"}
)  # fmt: skip

#: Arabic articles before a surname ("al-Assad", "el-Sisi"); written in lower case they are
#: particles ("Al Gore" is a given name).
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az"})

#: Generational suffixes that belong to a full name ("Donald Trump Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Words of a sentence that looks ahead or wishes: an office title in it may be one the person
#: does not hold yet ('I hope in 2017 America says, "President Clinton, thank you"').
PROSPECTIVE_WORDS = frozenset(["hope", "hopes", "hoping", "wish", "wishes", "will", "'ll", "if"])


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Lower-case given name -> ``f``, ``m`` or ``u`` (used for both)."""
    with open(DATA_DIR / "given_names.csv", encoding="utf-8", newline="") as fh:
        return {row["name"]: row["gender"] for row in csv.DictReader(fh)}


def is_given_name(word: str) -> bool:
    """True for a known given name ("Hillary", "pat").

    >>> is_given_name("Melania"), is_given_name("Hammering")
    (True, False)
    """
    return word.lower().strip(".") in given_names()


def given_gender(word: str) -> str | None:
    """``f`` or ``m`` when a given name is clearly one gender, else ``None``."""
    g = given_names().get(word.lower().strip("."))
    return g if g in ("f", "m") else None
