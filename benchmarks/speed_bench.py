"""Words per second: kit.analyze (every extractor) against bare spaCy nlp.pipe, side by side.

    python benchmarks/speed_bench.py --shared ../shared/benchmarks [--words 150000] [--no-dask]

Same model, same texts (real articles from the shared benchmark sets, repeated
to ``--words``), same batch size, in one run: bare ``nlp.pipe`` and
``kit.analyze`` with n_process 1 and 2, ``kit.analyze`` with no extractors
(parse + sentences: the kit's own overhead), and the Dask engine on a
``LocalCluster`` with 2 single-threaded workers. Every configuration runs
after a warm-up; with ``--repeat`` the best of the repeats counts. Prints a
table and writes benchmarks/results/speed_bench.json.
Targets: kit >= 0.85 x bare spaCy; n_process=2 >= 1.7 x n_process=1;
Dask (2 workers) >= 0.9 x n_process=2.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import (  # noqa: E402
    corpus,
    n_words,
    real_texts,
    save,
    shared_or_exit,
    table,
    working_extractors,
)


def cpu_seconds() -> float:
    """CPU seconds used so far by this process, its finished children and live descendants."""
    import psutil

    me = psutil.Process()
    t = me.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in me.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def instrument(extractors: list[str]) -> dict[str, float]:
    """Wrap each extractor's ``extract`` to add up its seconds (in this process only)."""
    from kit.analysis import _module

    spent: dict[str, float] = {}
    for name in extractors:
        module = _module(name)
        original = getattr(module, "_bench_original", module.extract)

        def timed(*a, _f=original, _n=name, **k):
            started = time.process_time()
            try:
                return _f(*a, **k)
            finally:
                spent[_n] = spent.get(_n, 0.0) + time.process_time() - started

        module._bench_original = original
        module.extract = timed
    return spent


def uninstrument(extractors: list[str]) -> None:
    from kit.analysis import _module

    for name in extractors:
        module = _module(name)
        if hasattr(module, "_bench_original"):
            module.extract = module._bench_original
            del module._bench_original


def bare(nlp, texts: list[str], n_process: int, batch_size: int) -> None:
    n = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        n += len(doc)
    assert n > 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="shared benchmark folder")
    ap.add_argument("--words", type=int, default=150_000, help="corpus size in words")
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration (best counts)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    args = ap.parse_args(argv)
    shared = shared_or_exit(args.shared)

    import kit
    from kit.nlp import load_model, model_name

    texts_all = real_texts(shared)
    docs = corpus(texts_all, words=args.words)
    texts = list(docs["text"])
    words = n_words(texts)
    extractors = working_extractors(texts_all[::5])
    print(
        f"corpus: {len(docs):,} documents, {words:,} words (from {len(texts_all)} real texts); "
        f"model {model_name()}; extractors {extractors}; load avg {os.getloadavg()[0]:.1f}"
    )
    nlp = load_model()
    warm = docs.head(8)
    bare(nlp, list(warm["text"]), 1, args.batch_size)
    kit.analyze(warm, extractors=extractors)

    configs = [
        ("bare spaCy nlp.pipe", 1, lambda: bare(nlp, texts, 1, args.batch_size)),
        ("kit.analyze, all extractors", 1, lambda: kit.analyze(docs, extractors=extractors)),
        ("kit.analyze, parse only", 1, lambda: kit.analyze(docs, extractors=[])),
        ("bare spaCy nlp.pipe", 2, lambda: bare(nlp, texts, 2, args.batch_size)),
        (
            "kit.analyze, all extractors",
            2,
            lambda: kit.analyze(docs, extractors=extractors, n_process=2),
        ),
    ]
    cluster = client = None
    if not args.no_dask:
        from distributed import Client

        from kit.dask_engine import local_cluster

        cluster = local_cluster(2)  # Dask workers with kit.dask_engine.worker_config()
        client = Client(cluster)
        kit.analyze(warm, extractors=extractors, engine="dask", client=client, chunk_docs=4)
        configs.append(
            (
                "kit.analyze, all extractors, Dask 2 workers",
                2,
                lambda: kit.analyze(docs, extractors=extractors, engine="dask", client=client),
            )
        )
    rows = []
    breakdown: dict[str, float] = {}
    try:
        for name, procs, fn in configs:
            best = best_cpu = None
            for _ in range(args.repeat):
                spent = instrument(extractors) if (procs, name) == (1, configs[1][0]) else None
                cpu0, started = cpu_seconds(), time.perf_counter()
                fn()
                took, cpu = time.perf_counter() - started, cpu_seconds() - cpu0
                uninstrument(extractors)
                if best is None or took < best:
                    best, best_cpu = took, cpu
                    if spent is not None:
                        breakdown = dict(spent)
            rows.append(
                {
                    "system": name,
                    "processes": procs,
                    "seconds": round(best, 2),
                    "words_per_s": round(words / best),
                    "cpu_seconds": round(best_cpu, 2),
                    "words_per_cpu_s": round(words / best_cpu),
                }
            )
            print(
                f"  {name} (n={procs}): {best:.1f} s, {words / best:,.0f} words/s, "
                f"{best_cpu:.1f} CPU s",
                flush=True,
            )
    finally:
        if client is not None:
            client.close()
            cluster.close()

    def wps(name: str, procs: int) -> float:
        return next(
            r["words_per_s"] for r in rows if r["system"] == name and r["processes"] == procs
        )

    kit_name, bare_name = "kit.analyze, all extractors", "bare spaCy nlp.pipe"

    def cpu_wps(name: str, procs: int) -> float:
        return next(
            r["words_per_cpu_s"] for r in rows if r["system"] == name and r["processes"] == procs
        )

    ratios = {
        "kit_vs_bare_n1": wps(kit_name, 1) / wps(bare_name, 1),
        "kit_vs_bare_n1_cpu": cpu_wps(kit_name, 1) / cpu_wps(bare_name, 1),
        "kit_vs_bare_n2": wps(kit_name, 2) / wps(bare_name, 2),
        "parse_only_vs_bare_n1": wps("kit.analyze, parse only", 1) / wps(bare_name, 1),
        "kit_n2_vs_n1": wps(kit_name, 2) / wps(kit_name, 1),
        "bare_n2_vs_n1": wps(bare_name, 2) / wps(bare_name, 1),
    }
    if not args.no_dask:
        ratios["dask2_vs_kit_n2"] = wps(kit_name + ", Dask 2 workers", 2) / wps(kit_name, 2)
    targets = {
        "kit_vs_bare_n1": 0.85,
        "kit_vs_bare_n2": 0.85,
        "kit_n2_vs_n1": 1.7,
        "dask2_vs_kit_n2": 0.9,
    }
    print()
    print(
        table(
            rows,
            ["system", "processes", "seconds", "words_per_s", "cpu_seconds", "words_per_cpu_s"],
        )
    )
    if breakdown:
        total = next(r["cpu_seconds"] for r in rows if r["system"] == kit_name)
        print("\nextractor CPU seconds in the n_process=1 run (share of that run's CPU time):")
        for name, sec in breakdown.items():
            print(f"  {name:<14} {sec:7.2f} s  {sec / total:6.1%}")
    print()
    ratio_rows = [
        {
            "ratio": k,
            "value": f"{v:.2f}",
            "target": f">= {targets[k]}" if k in targets else "",
            "met": ("yes" if v >= targets[k] else "NO") if k in targets else "",
        }
        for k, v in ratios.items()
    ]
    print(table(ratio_rows, ["ratio", "value", "target", "met"]))
    path = save(
        "speed_bench",
        {
            "corpus": {"documents": len(docs), "words": words, "real_texts": len(texts_all)},
            "model": model_name(),
            "extractors": extractors,
            "batch_size": args.batch_size,
            "cpu_count": os.cpu_count(),
            "load_avg_after": round(os.getloadavg()[0], 2),
            "runs": rows,
            "extractor_cpu_seconds_n1": {k: round(v, 3) for k, v in breakdown.items()},
            "ratios": {k: round(v, 3) for k, v in ratios.items()},
            "targets": targets,
        },
    )
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
