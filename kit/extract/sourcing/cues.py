"""The cue lexicon: which words attribute, with what stance, and which ones hedge.

>>> from kit.extract.sourcing.cues import load_cues
>>> from kit.lexicons.resources import Resources
>>> lex = load_cues(Resources.default().cues)
>>> lex.verbs["say"].stance, lex.verbs["claim"].stance
('neutral', 'distancing')

The table is ``data/cues.csv`` (plus any CSV files a user passes as ``cues=``;
later files override earlier ones row by row, keyed by ``kind`` and ``lemma``).
Columns: ``cue`` (an example form), ``lemma`` (what is matched: a verb lemma, a
lower-case phrase, an adverb or an audience noun lemma), ``kind`` (``verb``,
``phrase``, ``adverb``, ``audience``, ``noun``), ``stance`` (``neutral``,
``assertive``, ``distancing``, ``tentative``, ``conceding``, ``denying``,
``intent``, ``evaluative``), ``hedge`` (true when the cue itself hedges),
``np_content`` (true when a plain noun-phrase object counts as the content:
"confirmed the strike"), ``speech`` (true for verbs of saying, whose subject is a
speaker: the actor extractor reads these, see ``kit.lexicons.actor_words.SPEECH_VERBS``), ``requires`` (optional, space-separated: the verb is a
cue only with one of these particles/prepositions, ``clause`` = a clausal
complement, ``colon`` = a colon right after it: "spoke of", "sees … as", "sees
that"), ``note`` (free text). A ``noun`` cue ("claim", "statement") attributes
when it takes a "that"-clause or a "to"-infinitive, or has a possessive or
"by"/"from" source: "Trump's claim that …", "his promise to …".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("verb", "phrase", "adverb", "audience", "noun")
STANCES = (
    "neutral",
    "assertive",
    "distancing",
    "tentative",
    "conceding",
    "denying",
    "intent",
    "evaluative",
)
_TRUE = {"true", "yes", "1", "y", "t"}


@dataclass(frozen=True)
class Cue:
    """One row of the cue table."""

    lemma: str
    kind: str
    stance: str = "neutral"
    hedge: bool = False
    np_content: bool = False
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueLexicon:
    """The compiled table: one lookup per kind, plus phrases as token tuples."""

    verbs: dict[str, Cue] = field(default_factory=dict)
    adverbs: dict[str, Cue] = field(default_factory=dict)
    audience: dict[str, Cue] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)

    def verb(self, lemma: str) -> Cue | None:
        """The verb cue for a lemma (lower-cased), or ``None``."""
        return self.verbs.get(lemma.lower())

    def verb_form(self, form: str) -> Cue | None:
        """The verb cue for an inflected form the lemmatizer missed ("hoping", "rated")."""
        for guess in guess_lemmas(form):
            if guess in self.verbs:
                return self.verbs[guess]
        return None


def guess_lemmas(form: str) -> list[str]:
    """Candidate base forms of an English verb form, most likely first.

    >>> guess_lemmas("hoping")
    ['hop', 'hope']
    """
    low = form.lower()
    out: list[str] = []
    for suffix in ("ing", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if suffix in ("ed", "es") and stem.endswith("i"):
                out.append(stem[:-1] + "y")
            break
    return list(dict.fromkeys(out))


def _row_to_cue(row: dict[str, str], path: Path, line: int) -> Cue | None:
    kind = (row.get("kind") or "").strip().lower()
    lemma = " ".join((row.get("lemma") or row.get("cue") or "").lower().split())
    if not lemma or kind not in KINDS:
        return None
    stance = (row.get("stance") or "neutral").strip().lower() or "neutral"
    return Cue(
        lemma=lemma,
        kind=kind,
        stance=stance,
        hedge=(row.get("hedge") or "").strip().lower() in _TRUE,
        np_content=(row.get("np_content") or "").strip().lower() in _TRUE,
        requires=tuple((row.get("requires") or "").lower().split()),
    )


def load_cues(paths: Iterable[str | Path]) -> CueLexicon:
    """Read and merge cue tables (later rows override earlier ones).

    Rows with an unknown ``kind`` or an empty ``lemma`` are ignored, so a user
    table with a typo never breaks an analysis.
    """
    lex = CueLexicon()
    for path in paths:
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                cue = _row_to_cue(row, path, i)
                if cue is None:
                    continue
                if cue.kind == "verb":
                    lex.verbs[cue.lemma] = cue
                elif cue.kind == "adverb":
                    lex.adverbs[cue.lemma] = cue
                elif cue.kind == "audience":
                    lex.audience[cue.lemma] = cue
                elif cue.kind == "noun":
                    lex.nouns[cue.lemma] = cue
                else:
                    lex.phrases[tuple(cue.lemma.split())] = cue
    return lex


def lexicon(res) -> CueLexicon:
    """The compiled lexicon for a :class:`~kit.lexicons.resources.Resources`, once per process."""
    return res.get("cue_lexicon", lambda: load_cues(res.cues))
