"""Paragraphs not in English, found without a model: scripts and English function words.

A paragraph (a line of the text) is not English when most of its letters belong to a
non-Latin script (two letters in five and four words or more: Devanagari, Arabic, Cyrillic, CJK)
or, for Latin script, when it is prose (eight words or more, mostly lower case) with more
function words of other languages than of English (:mod:`kit.lexicons.english_words`).
Name lists, headlines and captions are mostly capitalised or lack function words: English.

>>> foreign_spans("Officials said on Monday that the talks would resume.\\n"
...               "El presidente dijo que las conversaciones continuarán la próxima semana.")
[(54, 126)]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kit.lexicons.english_words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Least words for a Latin-script paragraph to be judged by its function words.
MIN_WORDS = 8
#: A paragraph with a larger share of letters in other scripts is not English.
NON_LATIN_SHARE = 0.4
#: Least words in another script for a passage (not a name: "Image: Дмитрий Кошелев").
MIN_SCRIPT_WORDS = 4
#: Where a line splits into parts judged on their own (sentence ends, "((" of a turn label).
_PARTS = re.compile(r"(?<=[.!?।])\s+|(?=\(\()")


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def is_foreign(paragraph: str) -> bool:
    """The paragraph is not English (see the module docstring).

    >>> is_foreign("प्रधानमंत्री ने कहा कि सरकार काम करेगी"), is_foreign("Donald Trump, Joe Biden")
    (True, False)
    """
    letters = 0
    non_latin = 0
    for c in paragraph:  # vowel signs of Indic scripts are marks, not letters
        if c.isalpha() or unicodedata.category(c).startswith("M"):
            letters += 1
            non_latin += not _is_latin(c)
    if not letters:
        return False
    words = _WORD.findall(paragraph)
    if non_latin > NON_LATIN_SHARE * letters:  # a name in its own script is not a passage
        return sum(1 for w in words if not _is_latin(w[0])) >= MIN_SCRIPT_WORDS
    if len(words) < MIN_WORDS:
        return False
    lower = [w.lower() for w in words if w[:1].islower()]
    if len(lower) * 2 < len(words):  # mostly capitalised: names, a headline
        return False
    english = sum(1 for w in lower if w in FUNCTION_WORDS)
    foreign = sum(1 for w in lower if w in FOREIGN_FUNCTION_WORDS)
    return foreign >= 2 and foreign > english


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the lines, or parts of lines, not in English.

    A line mixing a question and its translation ("What is your age? ((hi)) आपकी उमर क्या
    है?") loses only the foreign sentences.
    """
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        parts = []
        cut = start
        for m in [*_PARTS.finditer(line), None]:
            stop = start + m.start() if m else end
            if is_foreign(text[cut:stop]):
                parts.append((cut, stop))
            cut = start + m.end() if m else end
        if parts:
            out += parts
        elif line.strip() and is_foreign(line):  # code-switching: only the whole line tells
            out.append((start, end))
        start = end + 1
    return out
