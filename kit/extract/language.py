"""Passages not in English: found once per document, skipped by every extractor, reported.

A paragraph (a line of the text, or a sentence of a line that mixes languages) is judged in
two steps. A cheap gate picks the lines that might not be English: most letters in a
non-Latin script (Devanagari, Arabic, Cyrillic, CJK; four words or more, so a name written in
its own script is no passage), or Latin-script prose (eight words or more, mostly lower
case) with few English function words (:mod:`kit.lexicons.english_words`). Then
`py3langid <https://pypi.org/project/py3langid/>`_ (the maintained fork of langid.py, BSD
licence, its model inside the wheel, no network) names the language; a gated passage counts
as not English when the model says another language (Latin script: with probability
:data:`MIN_PROBABILITY`, or when other languages' function words outnumber English ones).
Name lists, headlines and captions are mostly capitalised: English.

>>> foreign_passages("Officials said on Monday that the talks would resume.\\n"
...                  "El presidente dijo que las conversaciones continuarán la próxima semana.")
[(54, 126, 'es')]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from kit.lexicons.english_words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Least words for a Latin-script paragraph to be judged.
MIN_WORDS = 8
#: A paragraph with a larger share of letters in other scripts may not be English.
NON_LATIN_SHARE = 0.4
#: Least words in another script for a passage (not a name: "Image: Дмитрий Кошелев").
MIN_SCRIPT_WORDS = 4
#: Latin prose with a smaller share of English function words goes to the language model.
MAX_ENGLISH_SHARE = 0.2
#: Probability the language model must give another language for Latin-script prose.
MIN_PROBABILITY = 0.95
#: Where a line splits into parts judged on their own (sentence ends, "((" of a turn label).
_PARTS = re.compile(r"(?<=[.!?।])\s+|(?=\(\()")


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid model, loaded once per process (about 3 s) on the first gated passage."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(paragraph: str) -> str | None:
    """The ISO 639-1 code of a paragraph that is not English, else ``None``.

    >>> language_of("प्रधानमंत्री ने कहा कि सरकार काम करेगी"), language_of("Donald Trump, Joe Biden")
    ('hi', None)
    """
    letters = 0
    non_latin = 0
    for c in paragraph:  # vowel signs of Indic scripts are marks, not letters
        if c.isalpha() or unicodedata.category(c).startswith("M"):
            letters += 1
            non_latin += not _is_latin(c)
    if not letters:
        return None
    words = _WORD.findall(paragraph)
    if non_latin > NON_LATIN_SHARE * letters:  # a name in its own script is not a passage
        if sum(1 for w in words if not _is_latin(w[0])) < MIN_SCRIPT_WORDS:
            return None
        lang, _ = _identifier().classify(paragraph)
        return None if lang == "en" else str(lang)
    if len(words) < MIN_WORDS:
        return None
    lower = [w.lower() for w in words if w[:1].islower()]
    if len(lower) * 2 < len(words):  # mostly capitalised: names, a headline
        return None
    english = sum(1 for w in lower if w in FUNCTION_WORDS)
    if english > MAX_ENGLISH_SHARE * len(words):
        return None
    foreign = sum(1 for w in lower if w in FOREIGN_FUNCTION_WORDS)
    if english and not foreign:
        return None  # English function words and none of another language: no model needed
    lang, probability = _identifier().classify(paragraph)
    if lang == "en":
        return None
    if probability >= MIN_PROBABILITY or (foreign >= 2 and foreign > english):
        return str(lang)
    return None


def is_foreign(paragraph: str) -> bool:
    """The paragraph is not English (see the module docstring).

    >>> is_foreign("प्रधानमंत्री ने कहा कि सरकार काम करेगी"), is_foreign("Donald Trump, Joe Biden")
    (True, False)
    """
    return language_of(paragraph) is not None


def foreign_passages(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, language)`` of the lines, or parts of lines, not in English.

    A line mixing a question and its translation ("What is your age? ((hi)) आपकी उमर क्या
    है?") loses only the foreign sentences.
    """
    out: list[tuple[int, int, str]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        parts = []
        cut = start
        for m in [*_PARTS.finditer(line), None]:
            stop = start + m.start() if m else end
            lang = language_of(text[cut:stop])
            if lang:
                parts.append((cut, stop, lang))
            cut = start + m.end() if m else end
        if parts:
            out += parts
        elif line.strip():  # code-switching: only the whole line tells
            lang = language_of(line)
            if lang:
                out.append((start, end, lang))
        start = end + 1
    return out


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of :func:`foreign_passages`."""
    return [(s, e) for s, e, _ in foreign_passages(text)]


def outside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """Offset ``at`` lies in none of the sorted, disjoint ``spans`` (``starts`` their starts).

    >>> outside([(10, 20)], [10], 15), outside([(10, 20)], [10], 25)
    (False, True)
    """
    from bisect import bisect_right

    k = bisect_right(starts, at) - 1
    return k < 0 or at >= spans[k][1]
