"""Widget callback latency on tables from 10,000 documents.

    python benchmarks/widgets_bench.py --shared ../shared/benchmarks [--docs 10000]

Analyses the bundled seed article and the PolNeAR dev texts once with
``kit.analyze``, replicates their rows to ``--docs`` documents (new doc_ids,
dates and outlets), builds each explorer of :mod:`kit.present.widgets` on those tables
and times every callback by setting widget values as a user would. Prints
median / p95 / max milliseconds per callback and writes
benchmarks/results/widgets_bench.json. Target: every callback under 200 ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def base_analysis(shared: Path, max_texts: int):
    import kit

    seed = kit.load(ROOT / "data")
    texts = sorted((shared / "polnear-dev" / "text").glob("*.txt"))[:max_texts]
    extra = pd.DataFrame(
        {
            "doc_id": [p.stem for p in texts],
            "text": [p.read_text(encoding="utf-8") for p in texts],
            "source": [p.stem.split("_")[0] for p in texts],
        }
    )
    docs = pd.concat([seed[["doc_id", "text", "date", "source"]], extra], ignore_index=True)
    docs["date"] = pd.to_datetime(docs["date"]).fillna(pd.Timestamp("2016-10-01"))
    try:
        return kit.analyze(docs).tables()
    except Exception as exc:  # an extractor bug must not hide the widget timings
        print(f"note: kit.analyze failed on the batch ({exc!r}); analysing texts one by one")
    parts, failed = [], []
    for i in range(len(docs)):
        try:
            parts.append(kit.analyze(docs.iloc[[i]]).tables())
        except Exception:
            failed.append(docs["doc_id"].iloc[i])
    if failed:
        print(f"note: skipped {len(failed)} texts that kit.analyze could not handle: {failed[:5]}")
    return {k: pd.concat([p[k] for p in parts], ignore_index=True) for k in parts[0]}


def replicate(result: dict[str, pd.DataFrame], n_docs: int) -> dict[str, pd.DataFrame]:
    """Tables for ``n_docs`` documents made by cycling through the analysed ones."""
    base = result["documents"].reset_index(drop=True)
    k = len(base)
    which = np.arange(n_docs) % k
    new_ids = np.array([f"bench-{i:05d}" for i in range(n_docs)], dtype=object)
    outlets = np.array(["Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E"], dtype=object)
    docs = (
        base.iloc[which]
        .reset_index(drop=True)
        .assign(
            doc_id=new_ids,
            title=[
                f"Replica {i} of {d}" for i, d in zip(range(n_docs), base["doc_id"].iloc[which])
            ],
            date=pd.Timestamp("2015-01-01") + pd.to_timedelta(np.arange(n_docs) % 1500, unit="D"),
            source=outlets[np.arange(n_docs) % len(outlets)],
        )
    )
    out = {"documents": docs}
    pos_of = {d: i for i, d in enumerate(base["doc_id"])}
    for name in ("sentences", "mentions", "quantities", "attributions", "timexes"):
        t = result.get(name)
        if t is None:
            continue
        groups = t.groupby(t["doc_id"].map(pos_of), sort=False).indices
        rows, ids = [], []
        for i, b in enumerate(which):
            g = groups.get(b)
            if g is not None:
                rows.append(g)
                ids.append(np.full(len(g), new_ids[i], dtype=object))
        rows_arr = np.concatenate(rows) if rows else np.array([], dtype=int)
        ids_arr = np.concatenate(ids) if ids else np.array([], dtype=object)
        out[name] = t.iloc[rows_arr].reset_index(drop=True).assign(doc_id=ids_arr)
    return out


def timed(explorer, name: str, values: list) -> list[float]:
    control = explorer.controls[name]
    ms = []
    for v in values:
        t0 = time.perf_counter()
        control.value = v
        ms.append((time.perf_counter() - t0) * 1000)
    return ms


def bench(tables: dict[str, pd.DataFrame], repeats: int) -> list[dict]:
    from kit.present import widgets

    rows: list[dict] = []

    def record(widget: str, callback: str, ms: list[float]) -> None:
        ms_sorted = sorted(ms)
        rows.append(
            {
                "widget": widget,
                "callback": callback,
                "n": len(ms),
                "median_ms": round(statistics.median(ms), 1),
                "p95_ms": round(ms_sorted[max(0, int(0.95 * len(ms)) - 1)], 1),
                "max_ms": round(ms_sorted[-1], 1),
            }
        )

    def build(widget: str, make):
        t0 = time.perf_counter()
        w = make(tables)
        record(widget, "build (once)", [(time.perf_counter() - t0) * 1000])
        return w

    ids = tables["documents"]["doc_id"].tolist()
    rng_ids = [ids[(i * 7919) % len(ids)] for i in range(repeats)]

    r = build("reader", widgets.reader)
    record("reader", "search", timed(r, "search", [d[-5:] for d in rng_ids]))
    r.controls["search"].value = ""
    record("reader", "doc", timed(r, "doc", [o[1] for o in r.controls["doc"].options[:repeats]]))
    record("reader", "layer toggle", timed(r, "attributions", [False, True] * (repeats // 2)))

    a = build("actor_explorer", widgets.actor_explorer)
    top = [o[1] for o in a.controls["actor"].options[:repeats]]
    record("actor_explorer", "actor (most mentioned)", timed(a, "actor", top))
    record("actor_explorer", "search", timed(a, "search", ["un", "iran", "tr", "a", "zz"] * 4))
    a.controls["search"].value = ""
    record("actor_explorer", "limit", timed(a, "limit", [5, 50, 100, 10] * (repeats // 4)))

    q = build("quantity_browser", widgets.quantity_browser)
    for name in ("dimension", "unit", "qualifier", "sort"):
        opts = list(q.controls[name].options)
        vals = [opts[i % len(opts)] for i in range(1, repeats + 1)]
        record("quantity_browser", name, timed(q, name, vals))
        q.controls[name].value = opts[0]
    record("quantity_browser", "object text", timed(q, "object", ["vote", "per", "", "x"] * 5))
    record("quantity_browser", "limit", timed(q, "limit", [5, 200, 20, 100] * (repeats // 4)))

    s = build("sourcing_panel", widgets.sourcing_panel)
    for name in ("source_type", "outlet", "stance"):
        opts = list(s.controls[name].options)
        vals = [opts[i % len(opts)] for i in range(1, repeats + 1)]
        record("sourcing_panel", name, timed(s, name, vals))
        s.controls[name].value = opts[0]
    who = list(s.controls["who"].options)
    record("sourcing_panel", "source", timed(s, "who", [who[i % len(who)] for i in range(repeats)]))
    record("sourcing_panel", "limit", timed(s, "limit", [5, 100, 10, 50] * (repeats // 4)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--max-texts", type=int, default=84, help="PolNeAR texts to analyse")
    parser.add_argument(
        "--out", default=str(ROOT / "benchmarks" / "results" / "widgets_bench.json")
    )
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "polnear-dev" / "text").is_dir():
        print(f"SKIP widgets_bench: {shared}/polnear-dev/text not found (pass --shared PATH)")
        return 0
    t0 = time.perf_counter()
    result = base_analysis(shared, args.max_texts)
    analyse_s = time.perf_counter() - t0
    tables = replicate(result, args.docs)
    sizes = {k: len(v) for k, v in tables.items()}
    print(
        f"analysed {len(result['documents'])} texts in {analyse_s:.0f} s; replicated to "
        + ", ".join(f"{k}={v:,}" for k, v in sizes.items())
    )
    rows = bench(tables, args.repeats)
    df = pd.DataFrame(rows)
    print(df.to_string(index=False))
    callbacks = df[df["callback"] != "build (once)"]
    worst = callbacks["p95_ms"].max()
    verdict = "PASS" if worst < 200 else "FAIL"
    print(f"{verdict}: worst callback p95 {worst:.1f} ms (target < 200 ms)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "widgets_bench",
        "docs": args.docs,
        "base_texts": len(result["documents"]),
        "table_rows": sizes,
        "python": platform.python_version(),
        "callbacks": rows,
        "worst_callback_p95_ms": worst,
        "target_ms": 200,
        "pass": bool(worst < 200),
    }
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
