"""Words per second: kit.analyze (every extractor) against bare spaCy nlp.pipe, side by side.

    python benchmarks/speed_bench.py --shared ../shared/benchmarks [--words 60000] [--repeat 7] [--no-dask]

Same model, same texts (real articles from the shared benchmark sets, repeated
to ``--words``), same batch size, in one run: bare ``nlp.pipe`` and
``kit.analyze`` with n_process 1 and 2, ``kit.analyze`` with no extractors
(parse + sentences: the kit's own overhead), and the Dask engine on a
``LocalCluster`` with 2 single-threaded workers (``kit.dask_engine.local_cluster``).

This machine is shared and noisy (the same work took 45 CPU seconds in one
minute and 59 in the next), so the benchmark runs many short rounds instead of
one long run per configuration: each round runs every configuration once, in
forward order on odd rounds and in reverse order on even ones (so a slow spell
does not always hit the same configuration), and a ratio is the median over
rounds of the ratio within a round. The best-of-rounds figures are shown too.
The Dask cluster exists only during its own runs (started, warmed up with
``kit.dask_engine.preload``, timed, closed), so its idle housekeeping never
slows the others. Everything is warmed up before the first round.
Prints a table and writes benchmarks/results/speed_bench.json.
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


KIT, BARE, PARSE_ONLY, DASK = (
    "kit.analyze, all extractors",
    "bare spaCy nlp.pipe",
    "kit.analyze, parse only",
    "kit.analyze, all extractors, Dask 2 workers",
)
#: ratio name -> (numerator, denominator) as (system, processes), and its target.
RATIOS = {
    "kit_vs_bare_n1": ((KIT, 1), (BARE, 1), 0.85),
    "kit_vs_bare_n2": ((KIT, 2), (BARE, 2), 0.85),
    "parse_only_vs_bare_n1": ((PARSE_ONLY, 1), (BARE, 1), None),
    "kit_n2_vs_n1": ((KIT, 2), (KIT, 1), 1.7),
    "bare_n2_vs_n1": ((BARE, 2), (BARE, 1), None),
    "dask2_vs_kit_n2": ((DASK, 2), (KIT, 2), 0.9),
}


def dask_run(docs, warm, extractors: list[str]):
    """Start a tuned 2-worker LocalCluster, warm it up, time one analysis, close it."""
    from distributed import Client

    import kit
    from kit.analysis import Settings
    from kit.dask_engine import local_cluster, preload

    with local_cluster(2) as cluster, Client(cluster) as client:
        preload(client, Settings.make(extractors=extractors))  # as the forked workers have it
        kit.analyze(warm, extractors=extractors, engine="dask", client=client, chunk_docs=4)
        cpu0, started = cpu_seconds(), time.perf_counter()
        kit.analyze(docs, extractors=extractors, engine="dask", client=client)
        return time.perf_counter() - started, cpu_seconds() - cpu0


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="shared benchmark folder")
    ap.add_argument("--words", type=int, default=60_000, help="corpus size in words")
    ap.add_argument("--repeat", type=int, default=7, help="rounds (ratios: median over rounds)")
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

    def timed(fn):
        def run():
            cpu0, started = cpu_seconds(), time.perf_counter()
            fn()
            return time.perf_counter() - started, cpu_seconds() - cpu0

        return run

    configs = [
        (BARE, 1, timed(lambda: bare(nlp, texts, 1, args.batch_size))),
        (KIT, 1, timed(lambda: kit.analyze(docs, extractors=extractors))),
        (PARSE_ONLY, 1, timed(lambda: kit.analyze(docs, extractors=[]))),
        (BARE, 2, timed(lambda: bare(nlp, texts, 2, args.batch_size))),
        (KIT, 2, timed(lambda: kit.analyze(docs, extractors=extractors, n_process=2))),
    ]
    if not args.no_dask:
        configs.append((DASK, 2, lambda: dask_run(docs, warm, extractors)))
    runs: dict[tuple[str, int], list[tuple[float, float]]] = {(n, p): [] for n, p, _ in configs}
    breakdowns: list[dict[str, float]] = []
    for round_no in range(1, args.repeat + 1):
        print(f"round {round_no} of {args.repeat} (load avg {os.getloadavg()[0]:.1f})")
        for name, procs, fn in configs if round_no % 2 else configs[::-1]:
            spent = instrument(extractors) if (name, procs) == (KIT, 1) else None
            took, cpu = fn()
            uninstrument(extractors)
            if spent is not None:
                breakdowns.append({k: v / cpu for k, v in spent.items()})
            runs[name, procs].append((took, cpu))
            print(
                f"  {name} (n={procs}): {took:.1f} s, {words / took:,.0f} words/s, {cpu:.1f} CPU s",
                flush=True,
            )

    rows = []
    for (name, procs), measured in runs.items():
        best, best_cpu = min(measured)
        rows.append(
            {
                "system": name,
                "processes": procs,
                "best_seconds": round(best, 2),
                "median_seconds": round(median([t for t, _ in measured]), 2),
                "words_per_s": round(words / best),
                "cpu_seconds": round(best_cpu, 2),
                "words_per_cpu_s": round(words / best_cpu),
            }
        )

    ratios, ratio_rows = {}, []
    for key, (num, den, target) in RATIOS.items():
        if num not in runs or den not in runs:
            continue
        per_round = [d[0] / n[0] for n, d in zip(runs[num], runs[den])]
        value = median(per_round)
        best = min(t for t, _ in runs[den]) / min(t for t, _ in runs[num])
        ratios[key] = {
            "median": round(value, 3),
            "rounds": [round(r, 3) for r in per_round],
            "best_of": round(best, 3),
        }
        ratio_rows.append(
            {
                "ratio": key,
                "median": f"{value:.2f}",
                "rounds": " ".join(f"{r:.2f}" for r in per_round),
                "best_of": f"{best:.2f}",
                "target": f">= {target}" if target else "",
                "met": ("yes" if value >= target else "NO") if target else "",
            }
        )
    cpu_ratio = [(words / n[1]) / (words / d[1]) for n, d in zip(runs[KIT, 1], runs[BARE, 1])]
    ratios["kit_vs_bare_n1_cpu"] = {"median": round(median(cpu_ratio), 3)}
    breakdown = {k: round(median([b.get(k, 0.0) for b in breakdowns]), 4) for k in breakdowns[0]}
    print()
    print(
        table(
            rows,
            [
                "system",
                "processes",
                "best_seconds",
                "median_seconds",
                "words_per_s",
                "cpu_seconds",
                "words_per_cpu_s",
            ],
        )
    )
    print("\nextractor share of CPU time in the n_process=1 run (median over rounds):")
    for name, share in breakdown.items():
        print(f"  {name:<14} {share:6.1%}")
    print()
    print(table(ratio_rows, ["ratio", "median", "rounds", "best_of", "target", "met"]))
    path = save(
        "speed_bench",
        {
            "corpus": {"documents": len(docs), "words": words, "real_texts": len(texts_all)},
            "model": model_name(),
            "extractors": extractors,
            "batch_size": args.batch_size,
            "repeat": args.repeat,
            "cpu_count": os.cpu_count(),
            "load_avg_after": round(os.getloadavg()[0], 2),
            "runs": rows,
            "extractor_cpu_share_n1": breakdown,
            "ratios": ratios,
            "targets": {k: t for k, (_, _, t) in RATIOS.items() if t},
        },
    )
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
