"""Words per second: kit.analyze (every extractor) against bare spaCy nlp.pipe, side by side.

    python benchmarks/speed_bench.py --shared ../shared/benchmarks [--words 60000] [--repeat 5] \
        [--no-dask] [--no-learned]

Same model, same texts (real articles from the shared benchmark sets, repeated
to ``--words``), same batch size, in one run: bare ``nlp.pipe`` and
``kit.analyze`` with n_process 1 and 2, ``kit.analyze`` with no extractors
(parse + sentences: the kit's own overhead), ``kit.analyze`` with the learned
attribution model (``attribution="learned"``, issue 17's target: >= 0.90 x bare), and the Dask engine on a
``LocalCluster`` with 2 single-threaded workers (``kit.run.dask_engine.local_cluster``).

Fair runs. Every timed run happens in a fresh Python process that loaded the
model and warmed up on *other* texts, so no run profits from caches filled by
an earlier run over the same corpus (spaCy's vocabulary and the kit's lookup
caches grow with every new word; a process that has already seen the corpus, or
a worker forked from it, runs about 15% faster). The Dask cluster is started,
preloaded (``kit.run.dask_engine.preload``) and warmed up in its run's process and
closed afterwards, so its housekeeping never slows the others.

Noise. This machine is shared (the same work took 45 CPU seconds one minute
and 59 the next), so the benchmark runs several short rounds: each round runs
every configuration once, in forward order on odd rounds and in reverse order
on even ones, and a ratio is the median over rounds of the ratio within one
round. The best-of-rounds figures are shown too.
Prints a table and writes benchmarks/results/speed_bench.json.
Targets: kit >= 0.85 x bare spaCy; n_process=2 >= 1.7 x n_process=1;
Dask (2 workers) >= 0.9 x n_process=2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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

KIT, BARE, PARSE_ONLY, LEARNED, DASK = (
    "kit.analyze, all extractors",
    "bare spaCy nlp.pipe",
    "kit.analyze, parse only",
    "kit.analyze, all extractors, learned attribution",
    "kit.analyze, all extractors, Dask 2 workers",
)
#: (system, processes) in forward run order, and the child run that measures it.
CONFIGS = [
    (BARE, 1, "bare"),
    (KIT, 1, "kit"),
    (PARSE_ONLY, 1, "parse"),
    (LEARNED, 1, "learned"),
    (BARE, 2, "bare"),
    (KIT, 2, "kit"),
    (DASK, 2, "dask"),
]
#: ratio name -> (numerator, denominator) as (system, processes), and its target.
RATIOS = {
    "kit_vs_bare_n1": ((KIT, 1), (BARE, 1), 0.85),
    "kit_vs_bare_n2": ((KIT, 2), (BARE, 2), 0.85),
    "parse_only_vs_bare_n1": ((PARSE_ONLY, 1), (BARE, 1), None),
    "learned_vs_bare_n1": ((LEARNED, 1), (BARE, 1), 0.9),
    "learned_vs_kit_n1": ((LEARNED, 1), (KIT, 1), None),
    "kit_n2_vs_n1": ((KIT, 2), (KIT, 1), 1.7),
    "bare_n2_vs_n1": ((BARE, 2), (BARE, 1), None),
    "dask2_vs_kit_n2": ((DASK, 2), (KIT, 2), 0.9),
}


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
    """Wrap each extractor's ``extract`` to add up its CPU seconds (in this process)."""
    from kit.extract.registry import extractor

    spent: dict[str, float] = {}
    for name in extractors:
        module = extractor(name)
        original = module.extract

        def timed(*a, _f=original, _n=name, **k):
            started = time.process_time()
            try:
                return _f(*a, **k)
            finally:
                spent[_n] = spent.get(_n, 0.0) + time.process_time() - started

        module.extract = timed
    return spent


def bare(nlp, texts: list[str], n_process: int, batch_size: int) -> None:
    n = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        n += len(doc)
    assert n > 0


# ------------------------------------------------------------ one timed run --


def child(args: argparse.Namespace) -> int:
    """Load, warm up on other texts, time one configuration, print one JSON line."""
    import pandas as pd

    import kit
    from kit.nlp.model import load_model

    docs = pd.read_parquet(args.corpus)
    warm = pd.read_parquet(args.warm)
    extractors = [e for e in args.extractors.split(",") if e]
    nlp = load_model()
    mode = "learned" if args.child == "learned" else None
    bare(nlp, list(warm["text"]), 1, args.batch_size)
    kit.analyze(warm, extractors=extractors, attribution=mode)  # the learned model loads here
    texts = list(docs["text"])
    spent: dict[str, float] | None = None
    cluster = client = None
    if args.child == "bare":
        # with 2 processes, batches small enough that each process gets several
        # (as the kit cuts its parts), so spaCy is not held back by one long batch
        size = args.batch_size if args.procs == 1 else max(1, len(texts) // (8 * args.procs))
        run = lambda: bare(nlp, texts, args.procs, min(args.batch_size, size))  # noqa: E731
    elif args.child == "parse":
        run = lambda: kit.analyze(docs, extractors=[], n_process=args.procs)  # noqa: E731
    elif args.child in ("kit", "learned"):
        spent = instrument(extractors) if args.procs == 1 else None
        run = lambda: kit.analyze(  # noqa: E731
            docs, extractors=extractors, n_process=args.procs, attribution=mode
        )
    else:
        from distributed import Client

        from kit.run.dask_engine import local_cluster, preload
        from kit.run.pipeline import Settings

        cluster = local_cluster(args.procs)  # workers with kit.run.dask_engine.worker_config()
        client = Client(cluster)
        preload(client, Settings.make(extractors=extractors))
        kit.analyze(warm, extractors=extractors, engine="dask", client=client, chunk_docs=4)
        run = lambda: kit.analyze(docs, extractors=extractors, engine="dask", client=client)  # noqa: E731
    try:
        cpu0, started = cpu_seconds(), time.perf_counter()
        run()
        took, cpu = time.perf_counter() - started, cpu_seconds() - cpu0
    finally:
        if client is not None:
            client.close()
            cluster.close()
    shares = {k: v / cpu for k, v in spent.items()} if spent else {}
    print(json.dumps({"seconds": took, "cpu": cpu, "shares": shares}))
    return 0


def timed_run(args: argparse.Namespace, paths: dict, kind: str, procs: int, extractors) -> dict:
    """One configuration in a fresh process (see :func:`child`)."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--procs",
        str(procs),
        "--corpus",
        str(paths["corpus"]),
        "--warm",
        str(paths["warm"]),
        "--extractors",
        ",".join(extractors),
        "--batch-size",
        str(args.batch_size),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"{kind} (n={procs}) failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="shared benchmark folder")
    ap.add_argument("--words", type=int, default=60_000, help="corpus size in words")
    ap.add_argument("--repeat", type=int, default=5, help="rounds (ratios: median over rounds)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    ap.add_argument("--no-learned", action="store_true", help="skip the learned attribution run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--warm", help=argparse.SUPPRESS)
    ap.add_argument("--extractors", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args)
    shared = shared_or_exit(args.shared)

    from kit.nlp.model import model_name

    texts_all = real_texts(shared)
    docs = corpus(texts_all, words=args.words)
    words = n_words(docs["text"])
    # warm-up texts the timed corpus does not contain (unless it cycles through them all)
    warm = corpus(texts_all[::-1], n_docs=8).assign(doc_id=lambda d: "w" + d["doc_id"])
    extractors = working_extractors(texts_all[::5])
    skip = {DASK} if args.no_dask else set()
    skip |= {LEARNED} if args.no_learned else set()
    configs = [c for c in CONFIGS if c[0] not in skip]
    print(
        f"corpus: {len(docs):,} documents, {words:,} words (from {len(texts_all)} real texts); "
        f"model {model_name()}; extractors {extractors}; {args.repeat} rounds"
    )
    runs: dict[tuple[str, int], list[tuple[float, float]]] = {(n, p): [] for n, p, _ in configs}
    shares: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"corpus": Path(tmp) / "corpus.parquet", "warm": Path(tmp) / "warm.parquet"}
        docs.to_parquet(paths["corpus"])
        warm.to_parquet(paths["warm"])
        for round_no in range(1, args.repeat + 1):
            print(f"round {round_no} of {args.repeat} (load avg {os.getloadavg()[0]:.1f})")
            for name, procs, kind in configs if round_no % 2 else configs[::-1]:
                got = timed_run(args, paths, kind, procs, extractors)
                runs[name, procs].append((got["seconds"], got["cpu"]))
                if got["shares"]:
                    shares.setdefault(kind, []).append(got["shares"])
                print(
                    f"  {name} (n={procs}): {got['seconds']:.1f} s, "
                    f"{words / got['seconds']:,.0f} words/s, {got['cpu']:.1f} CPU s",
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
    cpu_ratio = [d[1] / n[1] for n, d in zip(runs[KIT, 1], runs[BARE, 1])]
    ratios["kit_vs_bare_n1_cpu"] = {"median": round(median(cpu_ratio), 3)}
    breakdown = {
        kind: {k: round(median([s.get(k, 0.0) for s in got]), 4) for k in got[0]}
        for kind, got in shares.items()
    }
    columns = ["system", "processes", "best_seconds", "median_seconds", "words_per_s"]
    print()
    print(table(rows, [*columns, "cpu_seconds", "words_per_cpu_s"]))
    for kind, got in breakdown.items():
        print(f"\nextractor share of CPU time in the n_process=1 {kind} run (median over rounds):")
        for name, share in got.items():
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
