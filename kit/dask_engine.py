"""The Dask engine: analyse batches on an existing Dask distributed cluster.

>>> from dask.distributed import Client, LocalCluster
>>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))   # doctest: +SKIP
>>> result = kit.analyze(docs, engine="dask", client=client)           # doctest: +SKIP
>>> result = kit.analyze(docs, engine="dask", address="tcp://10.0.0.5:8786")  # doctest: +SKIP

Each batch of documents is one task running
:func:`kit.analysis.analyze_records`; a worker process loads the model on its
first task and keeps it (``kit.nlp`` caches it per process). Only a few batches
per worker thread are in flight at once, so the client never holds the whole
corpus in the scheduler, and results come back in document order, identical
to the local engine. Use one thread per worker process (``threads_per_worker=1``):
spaCy parses faster in processes than in threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from kit.analysis import Settings, analyze_records
from kit.engine import Batch, _ordered, balanced_chunk, batches


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

    Dask's defaults cost about 15% of parsing speed: the nanny starts workers with
    ``MALLOC_TRIM_THRESHOLD_=65536`` (glibc then returns memory to the system after
    every batch) and each worker samples its own stack every 10 ms. Use these
    settings when you start workers, e.g. ``with dask.config.set(worker_config()):``.

    >>> worker_config()["distributed.worker.profile.enabled"]
    False
    """
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": environ,
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

    ``chunk_docs`` (documents per task) defaults to :func:`kit.engine.balanced_chunk`.
    """
    if not records:
        return
    client, owned = get_client(client=client, address=address)
    try:
        workers = client.scheduler_info().get("workers", {})
        threads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
        parts = list(batches(records, chunk_docs or balanced_chunk(len(records), threads)))
        if window is None:
            window = 3 * threads
        yield from _ordered(
            lambda part: client.submit(analyze_records, part, settings, pure=False),
            parts,
            max(window, 1),
        )
    finally:
        if owned:
            client.close()
