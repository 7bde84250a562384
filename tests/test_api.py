"""kit.analyze core: settings, extractor selection, documents that cannot be analysed."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.extract.registry import resolve_extractors
from kit.run.pipeline import Settings, split_analysable


def test_extractors_come_with_what_they_need_in_run_order():
    assert resolve_extractors(["attributions"]) == ("timexes", "actors", "attributions")
    assert resolve_extractors(["quantities"]) == ("quantities",)
    assert resolve_extractors(None) == ("timexes", "quantities", "actors", "attributions")


def test_unknown_extractor_is_named():
    with pytest.raises(ValueError, match="unknown extractor.*'people'"):
        resolve_extractors(["people"])


def test_settings_are_hashable_and_normalise_paths():
    s = Settings.make(extractors=["quantities"], aliases="mine.csv")
    assert s.aliases == ("mine.csv",)
    assert hash(s) == hash(Settings.make(extractors=["quantities"], aliases=["mine.csv"]))


def test_unusable_documents_are_listed_not_dropped():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "a", "c"],
            "text": ["One.", None, "Dup.", 3.5],
            "path": ["a.txt", "b.txt", "a2.txt", "c.csv"],
        }
    )
    good, skipped = split_analysable(docs)
    assert list(good["doc_id"]) == ["a"]
    assert list(skipped["doc_id"]) == ["b", "a", "c"]
    assert skipped["reason"].str.len().gt(0).all()
    assert len(good) + len(skipped) == len(docs)


def test_documents_table_without_text_column_explains_the_fix():
    with pytest.raises(ValueError, match="kit.load"):
        split_analysable(pd.DataFrame({"doc_id": ["a"]}))
