"""A small multi-document corpus for the store and engine tests (built here, no fixtures).

The seed article (with its dateline line removed, as ``kit.load`` does), a few
short texts written for these tests, and odd input (empty, whitespace, control
characters, emoji, non-English).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from kit.extract.registry import EXTRACTORS, REQUIRES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "2017-06-04_syria-tanf-iran-backed-forces.txt"

SHORT_TEXTS = [
    "The mayor of Springfield said on Monday that the bridge would reopen within two weeks.",
    "Officials, who spoke on condition of anonymity, estimated the damage at $4.5 million. "
    "Repairs began last Friday, according to the city council.",
    "Rainfall reached 120 mm overnight, the weather service reported. About 300 people left "
    "their homes, police said.",
    '"We are not leaving," said Ana Lopez, a resident. The council meets every Tuesday.',
    "The company reported revenue of 3.2 billion euros for 2016, up 7 percent from a year earlier.",
]
ODD_TEXTS = [
    "",
    "   \n\t ",
    "\x00\x07 control\x1b chars",
    "emoji 🎉🙂 text",
    "Die Regierung sagte am Mittwoch, dass sie nicht zurücktrete.",
]


def seed_text() -> str:
    """The seed article's text, starting at "Forces backing"."""
    raw = SEED.read_text(encoding="utf-8")
    return raw[raw.index("Forces backing") :]


def corpus(n_short_rounds: int = 2) -> pd.DataFrame:
    """Documents table: the seed article, short texts (repeated with new ids), odd texts."""
    texts = [seed_text()]
    for _ in range(n_short_rounds):
        texts += SHORT_TEXTS
    texts += ODD_TEXTS
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"doc{i:03d}" for i in range(n)],
            "text": texts,
            "date": [pd.Timestamp("2017-06-04")] * n,
            "source": [None] * n,
        }
    )


def working_extractors() -> list[str]:
    """Extractors that exist and run on a short text right now (others are being written)."""
    from kit.run.pipeline import Settings, analyze_records

    ok = []
    for name, module in EXTRACTORS.items():
        if any(r not in ok for r in REQUIRES.get(name, ())):
            continue
        try:
            importlib.import_module(module)
            settings = Settings.make(extractors=[*ok, name])
            analyze_records([{"doc_id": "x", "text": SHORT_TEXTS[1]}], settings)
        except Exception:  # noqa: BLE001 - an extractor under construction
            continue
        ok.append(name)
    return ok
