"""Shared fixtures: the seed article, a small multi-document corpus, the repository root.

The helper modules in this folder (``_browser``, ``_rendered``, ...) are importable from
every test subfolder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEED_DIR = REPO / "data" / "articles"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def seed_docs() -> pd.DataFrame:
    """The bundled example article as a documents table."""
    import kit

    return kit.load(SEED_DIR)


@pytest.fixture(scope="session")
def seed(seed_docs: pd.DataFrame):
    """Every table of the example article (one analysis per test session)."""
    import kit

    return kit.analyze(seed_docs)


@pytest.fixture(scope="session")
def small_corpus() -> pd.DataFrame:
    """Three short dated documents from two outlets."""
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [
                "President Barack Obama said on Monday that 12 people died. Mr. Obama spoke in Washington.",
                "Officials told Reuters that about 90,000 leaflets were dropped, according to the Pentagon.",
                "Angela Merkel said Germany would send 200 troops. She said it was necessary.",
            ],
            "date": pd.to_datetime(["2017-06-04", "2017-06-05", "2017-06-06"]),
            "source": ["Daily", "Weekly", "Daily"],
        }
    )
