"""The store never loses work: its place, unwritable folders, corrupt files, bad entries, locks.

Real DuckDB files and real processes holding them; each analysis must return complete results.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import kit
from kit.api import analyze
from kit.run import engines as engine
from kit.run.store import (
    Store,
    StoreError,
    StoreWarning,
    corpus_root,
    default_store_path,
    open_store,
)
from tests._scale_corpus import SHORT_TEXTS


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    n = len(SHORT_TEXTS)
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": SHORT_TEXTS})


@pytest.fixture(scope="module")
def fresh(docs):
    return analyze(docs, extractors=["quantities"])


def same(a, b) -> None:
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(table, b.tables()[name], check_exact=True, obj=name)


def no_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsing started")

    monkeypatch.setattr(engine, "iter_batches", refuse)


# ------------------------------------------------------------- location --


def test_default_store_lands_next_to_the_corpus_not_the_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_STORE", raising=False)
    news = tmp_path / "data" / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text(SHORT_TEXTS[0], encoding="utf-8")
    (news / "sub" / "b.txt").write_text(SHORT_TEXTS[1], encoding="utf-8")
    elsewhere = tmp_path / "work" / "deep"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    expected = tmp_path / "data" / ".kit-cache" / "kit.duckdb"
    loaded = kit.load(news)
    assert loaded["path"].tolist() == ["a.txt", "sub/b.txt"]  # relative: not usable alone
    assert default_store_path(None, loaded) == expected
    assert default_store_path(None, loaded.head(1).copy()) == expected  # attrs carried
    assert default_store_path(str(news)) == expected
    assert default_store_path("../../data/news") == expected
    assert corpus_root(str(news / "*.txt")) == news
    assert default_store_path(news / "a.txt") == expected
    in_memory = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "path": ["a.txt"]})
    assert default_store_path(None, in_memory) == elsewhere / ".kit-cache" / "kit.duckdb"
    result = analyze(loaded, extractors=[], store=True)
    assert expected.is_file() and len(result.documents) == 2
    assert not (tmp_path / "work" / ".kit-cache").exists()


# ---------------------------------------------------------- unwritable --


def test_unwritable_named_store_fails_before_any_parsing(tmp_path, docs, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    no_parsing(monkeypatch)
    with pytest.raises(StoreError, match=r"cannot be created or written.*Fix"):
        analyze(docs, extractors=[], store=blocker / "kit.duckdb")
    notes = tmp_path / "notes.duckdb"
    notes.write_text("my notes, not a database " * 4)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        analyze(docs, extractors=[], store=notes)
    assert notes.read_text().startswith("my notes")  # left alone
    with pytest.raises(StoreError, match="is a folder"):
        analyze(docs, extractors=[], store=tmp_path)


def test_store_true_falls_back_to_the_user_cache_then_to_none(tmp_path, docs, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_STORE", str(blocker / "kit.duckdb"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.warns(StoreWarning, match="cannot be created.*Using .*cache/kit/kit.duckdb"):
        store = open_store(True)
    assert store is not None and store.path == tmp_path / "cache" / "kit" / "kit.duckdb"
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    with pytest.warns(StoreWarning, match="without a store"):
        assert open_store(True) is None
    with pytest.warns(StoreWarning):
        result = analyze(docs.head(2), extractors=[], store=True)
    assert len(result.documents) == 2


# ------------------------------------------------------------- corrupt --


def test_truncated_store_is_moved_aside_and_rebuilt(tmp_path, docs, fresh):
    path = tmp_path / "kit.duckdb"
    analyze(docs, extractors=["quantities"], store=path)
    with open(path, "r+b") as fh:
        fh.truncate(5000)
    with pytest.warns(StoreWarning, match=r"was damaged.*moved to .*corrupt-"):
        result = analyze(docs, extractors=["quantities"], store=path)
    same(fresh, result)
    assert engine.last_run().n_parsed == len(docs)
    aside = list(tmp_path.glob("kit.duckdb.corrupt-*"))
    assert len(aside) == 1 and aside[0].stat().st_size == 5000
    assert Store(path).info()["documents"] == len(docs)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        same(fresh, analyze(docs, extractors=["quantities"], store=path))
    assert engine.last_run().n_parsed == 0


def test_a_bad_entry_is_a_cache_miss_and_is_rewritten(tmp_path, docs, fresh):
    path = tmp_path / "kit.duckdb"
    analyze(docs, extractors=["quantities"], store=path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE results SET rows = 'not zlib'::BLOB WHERE doc_id = 'd1'")
    con.close()
    with pytest.warns(StoreWarning, match="damaged entries"):
        result = analyze(docs, extractors=["quantities"], store=path)
    same(fresh, result)
    assert (engine.last_run().n_parsed, engine.last_run().n_cached) == (1, len(docs) - 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        same(fresh, analyze(docs, extractors=["quantities"], store=path))
    assert engine.last_run().n_parsed == 0


# -------------------------------------------------------------- locked --


def _hold(path: Path, *, read_only: bool) -> subprocess.Popen:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}, read_only={read_only}); "
            "print('held', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def _release(holder: subprocess.Popen) -> None:
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=30)


def test_store_held_read_only_elsewhere_is_read_not_written(tmp_path, docs, fresh):
    path = tmp_path / "kit.duckdb"
    analyze(docs.head(3), extractors=["quantities"], store=path)
    holder = _hold(path, read_only=True)
    try:
        with pytest.warns(StoreWarning, match="only read"):
            result = analyze(docs, extractors=["quantities"], store=Store(path, timeout=0.5))
        same(fresh, result)
        stats = engine.last_run()
        assert (stats.n_cached, stats.n_parsed, stats.n_stored) == (3, len(docs) - 3, 0)
    finally:
        _release(holder)
    assert Store(path).info()["documents"] == 3


def test_store_held_for_writing_elsewhere_still_gives_results(tmp_path, docs, fresh):
    path = tmp_path / "kit.duckdb"
    analyze(docs.head(2), extractors=["quantities"], store=path)
    holder = _hold(path, read_only=False)
    try:
        with pytest.warns(StoreWarning, match="without the store"):
            result = analyze(docs, extractors=["quantities"], store=Store(path, timeout=0.5))
        same(fresh, result)
    finally:
        _release(holder)


def test_a_store_locked_during_the_run_keeps_the_results(tmp_path, docs, fresh, monkeypatch):
    path = tmp_path / "kit.duckdb"

    def busy(self, *args, **kwargs):
        raise duckdb.IOException("Could not set lock on file: Conflicting lock is held")

    monkeypatch.setattr(Store, "_insert", busy)
    with pytest.warns(StoreWarning, match="could not be written.*complete but not cached"):
        result = analyze(docs, extractors=["quantities"], store=path)
    same(fresh, result)
