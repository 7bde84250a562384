"""The results store: cached reruns identical to fresh runs, incremental parsing, two processes."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
import time
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from kit.api import analyze
from kit.run import engines as engine
from kit.run.fingerprint import doc_key, fingerprint
from kit.run.pipeline import Settings
from kit.run.store import (
    Store,
    StoreBusyError,
    decode_rows,
    default_store_path,
    encode_rows,
    encode_rows_checked,
    open_store,
    same_value,
    split_by_doc,
)
from kit.run.stream import analyze_stream, iter_analyze
from tests._scale_corpus import SHORT_TEXTS, corpus, working_extractors


@pytest.fixture(scope="session")
def extractors() -> list[str]:
    return working_extractors()


@pytest.fixture(scope="session")
def docs() -> pd.DataFrame:
    return corpus()


@pytest.fixture(scope="session")
def fresh(docs, extractors):
    return analyze(docs, extractors=extractors)


def assert_same(a, b) -> None:
    assert list(a.tables()) == list(b.tables())
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(table, b.tables()[name], check_exact=True, obj=name)


def test_cached_rerun_reads_the_store_and_is_identical(tmp_path, docs, extractors, fresh):
    store = Store(tmp_path / "kit.duckdb")
    first = analyze(docs, extractors=extractors, store=store)
    assert engine.last_run().n_parsed == len(docs)
    again = analyze(docs, extractors=extractors, store=store)
    stats = engine.last_run()
    assert (stats.n_parsed, stats.n_cached) == (0, len(docs))
    assert_same(fresh, first)
    assert_same(fresh, again)
    assert store.info() == {"documents": len(docs), "fingerprints": 1}


def test_only_new_and_changed_documents_are_parsed(tmp_path, docs, extractors):
    store = Store(tmp_path / "kit.duckdb")
    analyze(docs, extractors=extractors, store=store)
    more = pd.concat(
        [
            docs,
            pd.DataFrame(
                {"doc_id": ["new1", "new2"], "text": SHORT_TEXTS[:2], "date": docs["date"][:2]}
            ),
        ],
        ignore_index=True,
    )
    more.loc[3, "text"] = more.loc[3, "text"] + " Edited."
    more.loc[4, "date"] = pd.Timestamp("2018-01-01")
    result = analyze(more, extractors=extractors, store=store)
    stats = engine.last_run()
    assert (stats.n_parsed, stats.n_cached) == (4, len(docs) - 2)
    assert_same(analyze(more, extractors=extractors), result)


def test_settings_model_or_tables_change_the_fingerprint(tmp_path, extractors):
    base = Settings.make(extractors=extractors)
    assert fingerprint(base) == fingerprint(Settings.make(extractors=extractors))
    assert fingerprint(base) != fingerprint(Settings.make(extractors=[]))
    assert fingerprint(base) != fingerprint(Settings.make(extractors=extractors, batch_size=8))
    aliases = tmp_path / "mine.csv"
    from kit.lexicons.resources import DATA_DIR

    aliases.write_bytes((DATA_DIR / "actors.csv").read_bytes())
    with_mine = Settings.make(extractors=extractors, aliases=str(aliases))
    before = fingerprint(with_mine)
    aliases.write_bytes(aliases.read_bytes() + b"\n")
    from kit.run.pipeline import _RESOURCES

    _RESOURCES.clear()  # a new process would see the edited file
    assert fingerprint(with_mine) != before


def test_cache_false_parses_everything_again(tmp_path, docs):
    store = Store(tmp_path / "kit.duckdb")
    analyze(docs.head(3), extractors=[], store=store)
    analyze(docs.head(3), extractors=[], store=store, cache=False)
    assert engine.last_run().n_parsed == 3
    assert store.info()["documents"] == 3


def test_doc_key_covers_id_text_date_and_source():
    base = {"doc_id": "a", "text": "Hi.", "date": pd.Timestamp("2017-06-04"), "source": "AP"}
    key = doc_key(base)
    assert key == doc_key({**base, "date": date(2017, 6, 4)})
    for change in ({"doc_id": "b"}, {"text": "Hi!"}, {"date": None}, {"source": None}):
        assert doc_key({**base, **change}) != key


def test_rows_round_trip_exactly_or_are_not_cached():
    rows = {
        "t": [
            {"doc_id": "a", "x": 1, "y": 0.1, "z": math.nan, "b": True, "s": "é🎉\x00", "n": None},
            {"doc_id": "a", "d": date(2017, 6, 4), "i": np.int64(3), "f": np.float64(2.5)},
        ]
    }
    back = decode_rows(encode_rows(rows))
    assert back["t"][1]["d"] == date(2017, 6, 4)
    assert same_value(back["t"][0], rows["t"][0])
    assert encode_rows_checked({"t": [{"doc_id": "a", "tuple": (1, 2)}]}) is None
    assert encode_rows_checked({"t": [{"doc_id": "a", "set": {1}}]}) is None
    assert not same_value(1, 1.0)


def test_split_by_doc_needs_the_doc_id():
    rows = {"t": [{"doc_id": "a"}, {"doc_id": "b"}], "u": [{"doc_id": "b"}]}
    assert split_by_doc(rows, ["a", "b"]) == [
        {"t": [{"doc_id": "a"}], "u": []},
        {"t": [{"doc_id": "b"}], "u": [{"doc_id": "b"}]},
    ]
    with pytest.raises(ValueError, match="doc_id"):
        split_by_doc({"t": [{"doc_id": "zzz"}]}, ["a"])


def test_default_store_location(tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_STORE", raising=False)
    corpus_dir = tmp_path / "news"
    assert default_store_path(str(corpus_dir) + "/") == tmp_path / ".kit-cache" / "kit.duckdb"
    assert default_store_path(corpus_dir / "a.txt") == tmp_path / ".kit-cache" / "kit.duckdb"
    table = pd.DataFrame({"path": [str(corpus_dir / "x" / "a.txt"), str(corpus_dir / "b.txt")]})
    assert default_store_path(None, table) == tmp_path / ".kit-cache" / "kit.duckdb"
    monkeypatch.setenv("KIT_STORE", str(tmp_path / "mine.duckdb"))
    assert open_store(True).path == tmp_path / "mine.duckdb"
    assert open_store(None) is None and open_store(False) is None
    with pytest.raises(TypeError, match="store="):
        open_store(3)


_WRITER = textwrap.dedent(
    """
    import sys, pandas as pd
    from kit.api import analyze
    from kit.run.store import Store
    sys.path.insert(0, {root!r})
    from tests._scale_corpus import corpus
    docs = corpus()
    part = docs.iloc[int(sys.argv[1])::2]
    for _ in range(3):
        analyze(part, extractors=[], store=Store(sys.argv[2], timeout=120))
    print("ok")
    """
)


def test_two_processes_share_one_store(tmp_path, docs):
    from tests._scale_corpus import ROOT

    path = tmp_path / "shared.duckdb"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(root=str(ROOT)))
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(i), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i in (0, 1)
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        assert out.strip() == "ok"
    store = Store(path)
    assert store.info() == {"documents": len(docs), "fingerprints": 1}
    result = analyze(docs, extractors=[], store=store)
    assert engine.last_run().n_parsed == 0
    assert_same(analyze(docs, extractors=[]), result)


def test_a_locked_store_waits_then_explains(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(path).put("fp", [("k", "a", {"t": []})])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); "
            "time.sleep(3)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError, match="locked by another process.*Fix"):
            Store(path, timeout=0.3).fetch("fp", ["k"])
        started = time.monotonic()
        assert Store(path, timeout=60).put("fp", [("k2", "b", {"t": []})]) == 1
        assert time.monotonic() - started > 0.5  # it waited for the other process
    finally:
        holder.wait(timeout=30)
    assert set(Store(path).fetch("fp", ["k", "k2"])) == {"k", "k2"}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Values only: per-chunk tables may infer other dtypes for all-missing columns."""
    return df.astype(object).where(df.notna(), None)


def test_stream_writes_chunks_to_the_store_and_matches_analyze(tmp_path, docs, extractors, fresh):
    records = docs.to_dict("records") + [{"doc_id": "doc000", "text": "a duplicate id"}]
    store = tmp_path / "stream.duckdb"
    report = analyze_stream(
        iter(records),
        store=store,
        parquet=tmp_path / "pq",
        chunk_docs=4,
        extractors=extractors,
        progress=False,
    )
    assert (report.n_docs, report.n_parsed, report.n_skipped) == (len(docs) + 1, len(docs), 1)
    assert report.n_chunks == math.ceil((len(docs) + 1) / 4)
    assert Store(store).info()["documents"] == len(docs)
    parts = list(
        iter_analyze(docs, store=store, chunk_docs=5, extractors=extractors, progress=False)
    )
    assert engine.last_run().n_parsed == 0
    for table in ("documents", "sentences", *fresh.extra):
        if table in ("actors", "actor_aliases"):  # corpus-level: per chunk differs
            continue
        joined = pd.concat([p.tables()[table] for p in parts], ignore_index=True)
        pd.testing.assert_frame_equal(
            _plain(joined), _plain(fresh.tables()[table]), check_dtype=False, obj=table
        )
        pattern = str(tmp_path / "pq" / table / "*.parquet")
        ((n,),) = duckdb.sql(
            f"SELECT count(*) FROM read_parquet('{pattern}', union_by_name=true)"
        ).fetchall()
        assert n == len(fresh.tables()[table])
    with pytest.raises(ValueError, match="needs a store"):
        analyze_stream(iter(records), store=None)
