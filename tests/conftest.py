"""Shared fixtures: the seed article and its analysis.

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
def seed_docs() -> pd.DataFrame:
    """The bundled example article as a documents table."""
    import kit

    return kit.load(SEED_DIR)


@pytest.fixture(scope="session")
def seed(seed_docs: pd.DataFrame):
    """Every table of the example article (one analysis per test session)."""
    import kit

    return kit.analyze(seed_docs)
