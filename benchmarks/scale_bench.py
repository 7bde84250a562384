"""Scale: cached rerun vs first run, incremental additions, peak memory of streaming.

    python benchmarks/scale_bench.py --shared ../shared/benchmarks \\
        [--cache-docs 1000] [--cache-chars 1000] [--mem-docs 1000,10000] [--mem-chars 200]

1. Cache: ``kit.analyze(docs, store=...)`` on ``--cache-docs`` real article texts
   (cut to ``--cache-chars``), then the same again (read from the store; target
   under 5% of the first run), then with 10 new documents (only those parsed).
2. Memory: ``kit.run.stream.analyze_stream`` over a lazily generated corpus of
   1k and 10k documents in a fresh child process each; peak RSS is polled with
   psutil (and the child's own ``ru_maxrss``). Target: flat as the corpus grows.

Prints tables and writes benchmarks/results/scale_bench.json.
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


def cache_runs(texts: list[str], extractors: list[str], n_docs: int, chars: int) -> dict:
    import pandas as pd

    import kit
    from kit.run import engines as engine
    from kit.run.store import Store

    docs = corpus(texts, n_docs=n_docs + 10, chars=chars)
    base, extra = docs.head(n_docs), docs
    words = n_words(base["text"])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "kit.duckdb")
        kit.analyze(base.head(4), extractors=extractors)  # warm: model and tables loaded
        runs = []
        plan = [("first run", base), ("rerun (cached)", base), ("+10 new", extra)]
        while plan:
            label, frame = plan.pop(0)
            started = time.perf_counter()
            result = kit.analyze(frame, extractors=extractors, store=store)
            took = time.perf_counter() - started
            stats = engine.last_run()
            runs.append(
                {
                    "run": label,
                    "documents": len(frame),
                    "parsed": stats.n_parsed,
                    "from_store": stats.n_cached,
                    "seconds": round(took, 3),
                }
            )
            print(f"  {label}: {took:.2f} s, parsed {stats.n_parsed}", flush=True)
            if label == "rerun (cached)" and stats.n_parsed and len(runs) < 4:
                # kit's extraction code changed on disk meanwhile (new fingerprint): again
                runs[-1]["run"] = "rerun after a code change"
                plan.insert(0, ("rerun (cached)", base))
                first = result
                continue
            if label == "first run":
                first = result
            if label == "rerun (cached)":
                for name, t in first.tables().items():
                    pd.testing.assert_frame_equal(t, result.tables()[name], check_exact=True)
        size = (Path(tmp) / "kit.duckdb").stat().st_size
    cached = next((r for r in runs if r["run"] == "rerun (cached)"), runs[-1])
    ratio = cached["seconds"] / runs[0]["seconds"]
    return {
        "documents": n_docs,
        "words": words,
        "chars_per_doc_max": chars,
        "runs": runs,
        "rerun_vs_first": round(ratio, 4),
        "rerun_identical": True,
        "store_bytes": size,
        "store_bytes_per_doc": round(size / (n_docs + 10)),
    }


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {bench!r}); sys.path.insert(0, {root!r})
from _scale_common import real_texts, truncate
from pathlib import Path
from kit.run.stream import analyze_stream
texts = [truncate(t, {chars}) for t in real_texts(Path({shared!r}))]
def records(n):
    for i in range(n):
        yield {{"doc_id": f"m{{i:07d}}", "text": texts[i % len(texts)], "date": "2016-10-01"}}
started = time.perf_counter()
report = analyze_stream(records({n}), store={store!r}, chunk_docs={chunk}, extractors={ext!r},
                        progress=False)
print(json.dumps({{"seconds": time.perf_counter() - started, "parsed": report.n_parsed,
                  "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def memory_run(shared: Path, extractors: list[str], n: int, chars: int, chunk: int) -> dict:
    import psutil

    bench = str(Path(__file__).resolve().parent)
    with tempfile.TemporaryDirectory() as tmp:
        code = _CHILD.format(
            bench=bench,
            root=str(Path(bench).parent),
            chars=chars,
            shared=str(shared),
            n=n,
            store=str(Path(tmp) / "kit.duckdb"),
            chunk=chunk,
            ext=extractors,
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        watched = psutil.Process(proc.pid)
        peak = 0
        samples = []
        while proc.poll() is None:
            try:
                rss = watched.memory_info().rss
                rss += sum(c.memory_info().rss for c in watched.children(recursive=True))
            except psutil.Error:
                break
            peak = max(peak, rss)
            samples.append(rss)
            time.sleep(0.2)
        out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"memory child failed: {err[-2000:]}")
    child = json.loads(out.strip().splitlines()[-1])
    n_samples = len(samples)
    second_half = samples[n_samples // 2 :] or samples
    return {
        "documents": n,
        "parsed": child["parsed"],
        "seconds": round(child["seconds"], 1),
        "peak_rss_mb": round(peak / 2**20),
        "ru_maxrss_mb": round(child["ru_maxrss_mb"]),
        "median_rss_second_half_mb": round(sorted(second_half)[len(second_half) // 2] / 2**20),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="shared benchmark folder")
    ap.add_argument("--cache-docs", type=int, default=1000)
    ap.add_argument("--cache-chars", type=int, default=1000, help="cut texts to this length")
    ap.add_argument("--mem-docs", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--mem-chars", type=int, default=200, help="cut texts to this length")
    ap.add_argument("--chunk-docs", type=int, default=500, help="streaming chunk size")
    ap.add_argument("--skip-cache", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args(argv)
    shared = shared_or_exit(args.shared)
    texts = real_texts(shared)
    extractors = working_extractors(texts[::5])
    print(f"{len(texts)} real texts; extractors {extractors}; load avg {os.getloadavg()[0]:.1f}")
    payload: dict = {}
    previous = Path(__file__).resolve().parent / "results" / "scale_bench.json"
    if (args.skip_cache or args.skip_memory) and previous.is_file():
        payload = json.loads(previous.read_text(encoding="utf-8"))  # keep the part not rerun
    payload.update({"extractors": extractors, "cpu_count": os.cpu_count()})
    if not args.skip_cache:
        print(f"cache: {args.cache_docs} documents (<= {args.cache_chars} chars each)")
        payload["cache"] = cache_runs(texts, extractors, args.cache_docs, args.cache_chars)
        print(
            table(payload["cache"]["runs"], ["run", "documents", "parsed", "from_store", "seconds"])
        )
        print(f"rerun / first run = {payload['cache']['rerun_vs_first']:.3f} (target < 0.05)\n")
    if not args.skip_memory:
        mem = []
        for n in (int(x) for x in args.mem_docs.split(",")):
            print(
                f"memory: streaming {n:,} documents (<= {args.mem_chars} chars each) ...",
                flush=True,
            )
            mem.append(memory_run(shared, extractors, n, args.mem_chars, args.chunk_docs))
        payload["memory"] = {
            "chars_per_doc_max": args.mem_chars,
            "chunk_docs": args.chunk_docs,
            "runs": mem,
        }
        if len(mem) >= 2:
            payload["memory"]["peak_ratio_largest_vs_smallest"] = round(
                mem[-1]["peak_rss_mb"] / mem[0]["peak_rss_mb"], 3
            )
        print(
            table(
                mem,
                [
                    "documents",
                    "parsed",
                    "seconds",
                    "peak_rss_mb",
                    "ru_maxrss_mb",
                    "median_rss_second_half_mb",
                ],
            )
        )
    payload["load_avg_after"] = round(os.getloadavg()[0], 2)
    path = save("scale_bench", payload)
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
