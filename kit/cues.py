"""The cue lexicon: which words attribute, with what stance, and which ones hedge.

>>> from kit.cues import load_cues
>>> from kit.resources import Resources
>>> lex = load_cues(Resources.default().cues)
>>> lex.verbs["say"].stance, lex.verbs["claim"].stance
('neutral', 'distancing')

The table is ``data/cues.csv`` (plus any CSV files a user passes as ``cues=``;
later files override earlier ones row by row, keyed by ``kind`` and ``lemma``).
Columns: ``cue`` (an example form), ``lemma`` (what is matched: a verb lemma, a
lower-case phrase, an adverb or an audience noun lemma), ``kind`` (``verb``,
``phrase``, ``adverb``, ``audience``), ``stance`` (``neutral``, ``assertive``,
``distancing``, ``tentative``, ``conceding``, ``denying``), ``hedge`` (true when
the cue itself hedges), ``np_content`` (true when a plain noun-phrase object
counts as the content: "confirmed the strike"), ``note`` (free text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("verb", "phrase", "adverb", "audience")
STANCES = ("neutral", "assertive", "distancing", "tentative", "conceding", "denying")
_TRUE = {"true", "yes", "1", "y", "t"}


@dataclass(frozen=True)
class Cue:
    """One row of the cue table."""

    lemma: str
    kind: str
    stance: str = "neutral"
    hedge: bool = False
    np_content: bool = False


@dataclass(frozen=True)
class CueLexicon:
    """The compiled table: one lookup per kind, plus phrases as token tuples."""

    verbs: dict[str, Cue] = field(default_factory=dict)
    adverbs: dict[str, Cue] = field(default_factory=dict)
    audience: dict[str, Cue] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Cue] = field(default_factory=dict)

    def verb(self, lemma: str) -> Cue | None:
        """The verb cue for a lemma (lower-cased), or ``None``."""
        return self.verbs.get(lemma.lower())


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
                else:
                    lex.phrases[tuple(cue.lemma.split())] = cue
    return lex


def lexicon(res) -> CueLexicon:
    """The compiled lexicon for a :class:`~kit.resources.Resources`, once per process."""
    return res.get("cue_lexicon", lambda: load_cues(res.cues))
