"""The Dask engine: analyse batches on an existing Dask distributed cluster.

>>> from dask.distributed import Client, LocalCluster
>>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))   # doctest: +SKIP
>>> result = kit.analyze(docs, engine="dask", client=client)           # doctest: +SKIP
>>> result = kit.analyze(docs, engine="dask", address="tcp://10.0.0.5:8786")  # doctest: +SKIP

Each batch of documents is one task running
:func:`kit.run.pipeline.analyze_records`; a worker process loads the model on its
first task and keeps it (``kit.nlp.model`` caches it per process). One batch per
worker thread is in flight: the next batch is submitted as soon as one
finishes, so it goes to the worker that is free (no batch waits behind a long
one while another worker idles) and the client never ships the whole corpus
to the scheduler. Results come back in document order, identical to the local
engine. Use one thread per worker process (``threads_per_worker=1``): spaCy
parses faster in processes than in threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from kit.run.parts import Batch, balanced_parts
from kit.run.pipeline import Settings, analyze_records


def get_client(*, client: Any = None, address: str | None = None) -> tuple[Any, bool]:
    """The client to use and whether we created it (and so must close it)."""
    if client is not None:
        return client, False
    from distributed import Client

    if address:
        return Client(address, set_as_default=False), True
    from distributed import get_client as current

    try:
        return current(), False
    except ValueError as exc:
        raise ValueError(
            "engine='dask' needs a cluster. Fix: pass client=Client(...) or address='tcp://host:8786' "
            "(start one with `dask scheduler` and `dask worker`, or distributed.LocalCluster)."
        ) from exc


def worker_config() -> dict[str, Any]:
    """Dask settings under which spaCy runs as fast in a worker as in a local process.

    Dask's defaults cost parsing speed in three ways: the nanny starts workers
    with ``MALLOC_TRIM_THRESHOLD_=65536`` (glibc then returns memory to the
    system after every batch, and maps every large array afresh), each worker
    samples its own stack every 10 ms, and scheduler and workers wake up ~60
    times a second for housekeeping (event-loop tick, system and memory
    monitors), taking the interpreter lock from the parsing thread each time.
    On 2 cores the housekeeping alone used about 9% of one core while idle.
    These settings keep the trim threshold at glibc's default, switch the
    profiler off and space out the housekeeping (the memory monitor still
    checks twice a second). Use them when you start the scheduler and workers,
    e.g. ``with dask.config.set(worker_config()):``.

    >>> worker_config()["distributed.worker.profile.enabled"]
    False
    """
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": environ,
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
        "distributed.worker.memory.monitor-interval": "500ms",
    }


def local_cluster(n_workers: int = 2, **options: Any) -> Any:
    """A ``LocalCluster`` of single-threaded worker processes set up for spaCy.

    >>> client = Client(local_cluster(2))                       # doctest: +SKIP
    >>> result = kit.analyze(docs, engine="dask", client=client)  # doctest: +SKIP
    """
    import dask
    from distributed import LocalCluster

    options = {"threads_per_worker": 1, "processes": True, "dashboard_address": None, **options}
    # Workers inherit this process' environment: an earlier cluster may have left the
    # variable here, so keep it out while the workers start.
    saved = os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    try:
        with dask.config.set(worker_config()):
            return LocalCluster(n_workers=n_workers, **options)
    finally:
        if saved is not None:
            os.environ["MALLOC_TRIM_THRESHOLD_"] = saved


def preload(client: Any, settings: Settings | None = None) -> dict[str, str]:
    """Load the model, the tables and the extractors on every worker now.

    Without it each worker loads them during its first batch (a few seconds);
    call it before timing a run or to fail early on a worker without the model.
    Returns the model name by worker address.

    >>> preload(client, Settings.make(model="en_core_web_md"))   # doctest: +SKIP
    {'tcp://10.0.0.5:40785': 'en_core_web_md', 'tcp://10.0.0.6:40211': 'en_core_web_md'}
    """
    return client.run(_warm_up, settings or Settings.make())


def _warm_up(settings: Settings) -> str:
    sample = {"doc_id": "warm-up", "text": "The minister said on Monday that 300 people left."}
    analyze_records([sample], settings)
    return settings.model


def iter_dask(
    records: Sequence[dict],
    settings: Settings,
    *,
    client: Any = None,
    address: str | None = None,
    chunk_docs: int | None = None,
    window: int | None = None,
) -> Iterator[Batch]:
    """``(batch records, batch rows)`` in document order, computed on the cluster.

    ``chunk_docs`` (documents per task) defaults to :func:`kit.run.parts.balanced_parts`;
    ``window`` (tasks running at once) defaults to the cluster's worker threads.
    """
    if not records:
        return
    client, owned = get_client(client=client, address=address)
    try:
        workers = client.scheduler_info().get("workers", {})
        threads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
        parts = balanced_parts(records, threads, chunk_docs=chunk_docs)
        yield from in_order_as_completed(
            lambda part: client.submit(analyze_records, part, settings, pure=False),
            parts,
            window=max(window or threads, 1),
        )
    finally:
        if owned:
            client.close()


def in_order_as_completed(
    submit: Callable[[list[dict]], Any],
    parts: Sequence[list[dict]],
    *,
    window: int,
    ahead: int = 4,
) -> Iterator[Batch]:
    """Run ``parts`` with ``window`` tasks in flight, yielding results in part order.

    ``submit(part)`` returns a Dask future. A new part is submitted whenever any
    task finishes, so it lands on the worker that is free; finished results wait
    here for their turn. At most ``ahead * window`` parts run or wait beyond the
    oldest one not yet yielded, which bounds the memory held by out-of-order results.

    >>> out = in_order_as_completed(lambda p: client.submit(len, p), [[1], [1, 2]],
    ...                             window=2)                    # doctest: +SKIP
    >>> [n for _, n in out]                                      # doctest: +SKIP
    [1, 2]
    """
    from distributed import as_completed

    done: dict[int, Any] = {}
    running: dict[Any, int] = {}
    finished = as_completed([])
    submitted = yielded = 0

    def refill() -> None:
        nonlocal submitted
        while (
            submitted < len(parts)
            and len(running) < window
            and submitted - yielded < ahead * window
        ):
            future = submit(parts[submitted])
            running[future] = submitted
            finished.add(future)
            submitted += 1

    try:
        while yielded < len(parts):
            refill()
            if yielded in done:
                yield parts[yielded], done.pop(yielded)
                yielded += 1
                continue
            future = next(finished)
            index = running.pop(future)
            refill()  # the freed worker gets its next part while this result travels
            done[index] = future.result()
    finally:
        for future in running:
            future.cancel()
