"""Time-expression benchmark: kit.timex vs a dateparser baseline on TimeBank.

    python benchmarks/timex_bench.py --shared ../shared/benchmarks

Reads the TimeBank texts and document creation times with ``score.py timex
--dump-text``, runs ``kit.analyze(..., extractors=["timexes"])`` with the DCT as
the document date, and scores both systems with ``score.py timex`` (strict and
relaxed span F1, value F1, type accuracy). Predictions go to a temporary folder;
the metrics to ``benchmarks/results/timex_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "timex_bench.json"
METRICS = ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy")


def dump_texts(shared: Path, gold: str) -> list[dict]:
    out = subprocess.run(
        [sys.executable, str(shared / "score.py"), "timex", "--dump-text", str(shared / gold)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def score(shared: Path, gold: str, pred: Path) -> tuple[dict, str]:
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "score.py"),
            "timex",
            "--gold",
            str(shared / gold),
            "--pred",
            str(pred),
        ],  # fmt: skip
        check=True,
        capture_output=True,
        text=True,
    )
    lines = proc.stdout.strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


def run_kit(docs: list[dict]) -> list[dict]:
    import pandas as pd

    import kit

    table = pd.DataFrame(
        {
            "doc_id": [d["doc"] for d in docs],
            "text": [d["text"] for d in docs],
            "date": [pd.Timestamp(d["dct"]) for d in docs],
            "source": [None] * len(docs),
        }
    )
    tx = kit.analyze(table, extractors=["timexes"]).timexes
    by_doc: dict[str, list[dict]] = {d["doc"]: [] for d in docs}
    for r in tx.to_dict("records"):
        by_doc[r["doc_id"]].append(
            {"start": int(r["start"]), "end": int(r["end"]), "type": r["type"], "value": r["value"]}
        )
    return [{"doc": k, "timexes": v} for k, v in by_doc.items()]


def run_dateparser(docs: list[dict]) -> list[dict]:
    """The crude baseline: search_dates with the DCT as RELATIVE_BASE, day values."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        text = d["text"]
        base = datetime.fromisoformat(d["dct"])
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        items, pos = [], 0
        for surface, when in found:
            i = text.find(surface, pos)
            if i < 0:
                continue
            pos = i + len(surface)
            value = (
                surface.strip()
                if re.fullmatch(r"\d{4}", surface.strip())
                else when.date().isoformat()
            )
            items.append({"start": i, "end": i + len(surface), "type": "DATE", "value": value})
        out.append({"doc": d["doc"], "timexes": items})
    return out


def write_jsonl(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--gold", default="timebank", help="folder of .tml files under --shared")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--show", type=int, default=0, help="print the scorer's table for kit")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "score.py").is_file() or not (shared / args.gold).is_dir():
        print(f"skip: benchmark data not found at {shared / args.gold} (pass --shared PATH)")
        return 0
    docs = dump_texts(shared, args.gold)
    systems = {"kit.timex": run_kit}
    if not args.no_baseline:
        try:
            import dateparser  # noqa: F401

            systems["dateparser.search_dates"] = run_dateparser
        except ImportError:
            print("note: dateparser is not installed; baseline skipped")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in systems.items():
            t0 = time.perf_counter()
            preds = fn(docs)
            seconds = time.perf_counter() - t0
            path = Path(tmp) / (re.sub(r"\W", "_", name) + ".jsonl")
            write_jsonl(preds, path)
            metrics, table = score(shared, args.gold, path)
            metrics["seconds"] = round(seconds, 2)
            results[name] = metrics
            if args.show and name == "kit.timex":
                print(table)
    print(f"TimeBank ({len(docs)} docs, gold {args.gold})")
    head = f"{'system':<26}" + "".join(f"{m:>14}" for m in (*METRICS, "seconds"))
    print(head)
    print("-" * len(head))
    for name, m in results.items():
        print(
            f"{name:<26}"
            + "".join(f"{m.get(k, float('nan')):>14.3f}" for k in (*METRICS, "seconds"))
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"set": args.gold, "docs": len(docs), "systems": results}, indent=2) + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
