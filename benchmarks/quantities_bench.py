"""Quantities benchmark: accuracy on quantulum3's English test cases, kit vs quantulum3, and speed.

    python benchmarks/quantities_bench.py --shared ../shared/benchmarks

Accuracy: every test case text is one document of a single ``kit.analyze`` call
(extractor ``quantities``); quantulum3 0.10 (no classifier) parses the same
texts in the same run; both are scored by ``score.py quantities`` (value+unit
F1). Speed: the polnear-dev texts are parsed once with spaCy, the quantity
extractor is timed on those parses, and its share of parse + extraction time is
reported. Results go to ``benchmarks/results/quantities_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ("quantities.json", "quantities.ambiguity.json")


#: Units that are the same unit under two names (the scorer's alias list lacks these).
SAME_UNIT = {"millilitre": "cubic centimetre"}


def scorer_unit(row: dict) -> str:
    """The kit's unit name in the scorer's vocabulary ('US dollar per hour' -> 'dollar per hour')."""
    unit = row["unit"] or ""
    if row.get("currency") == "USD" and unit.startswith("US dollar"):
        unit = "dollar" + unit[len("US dollar") :]
    return SAME_UNIT.get(unit, unit)


def kit_predictions(cases: list[dict]) -> tuple[list[dict], float]:
    import pandas as pd

    import kit

    docs = pd.DataFrame(
        {
            "doc_id": [str(i) for i in range(len(cases))],
            "text": [c["req"] for c in cases],
            "date": [None] * len(cases),
            "source": [None] * len(cases),
        }
    )
    t0 = time.perf_counter()
    result = kit.analyze(docs, extractors=["quantities"])
    elapsed = time.perf_counter() - t0
    q = result.quantities
    preds = []
    for i in range(len(cases)):
        rows = q[q["doc_id"] == str(i)].to_dict("records")
        preds.append(
            {
                "id": i,
                "quantities": [
                    {"value": float(r["value"]), "unit": scorer_unit(r), "surface": r["text"]}
                    for r in rows
                    if r["value"] == r["value"] and r["value"] is not None
                ],
            }
        )
    return preds, elapsed


def quantulum_predictions(cases: list[dict]) -> tuple[list[dict] | None, float]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None, 0.0
    preds = []
    t0 = time.perf_counter()
    for i, case in enumerate(cases):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = parser.parse(case["req"])
        except Exception:  # quantulum3 raises on some inputs; count as no predictions
            found = []
        preds.append(
            {
                "id": i,
                "quantities": [
                    {"value": float(x.value), "unit": x.unit.name, "surface": x.surface}
                    for x in found
                ],
            }
        )
    return preds, time.perf_counter() - t0


def score(shared: Path, gold: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
        path = fh.name
    out = subprocess.run(
        [
            sys.executable,
            str(shared / "score.py"),
            "quantities",
            "--gold",
            str(gold),
            "--pred",
            path,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    Path(path).unlink(missing_ok=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr or out.stdout)
    return json.loads(out.stdout.strip().splitlines()[-1])


def speed(shared: Path, limit: int | None) -> dict | None:
    from kit.extract.quantities.extractor import extract
    from kit.extract.quantities.scanner import scanner
    from kit.nlp.model import DocInfo, load_model, parse_texts, sentence_rows

    folder = shared / "polnear-dev" / "text"
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_model()
    from kit.extract.quantities.units import lexicon, pint_unit, registry

    for cached in (scanner, lexicon, pint_unit, registry):
        cached.cache_clear()  # time the once-per-process build honestly
    t0 = time.perf_counter()
    scanner()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(parse_texts(nlp, texts))
    parse = time.perf_counter() - t0
    n_sents = n_rows = 0
    extract_time = 0.0
    for i, (text, doc) in enumerate(zip(texts, docs)):
        sents = sentence_rows(doc, str(i))
        info = DocInfo(
            doc_id=str(i), text=text, sent_starts=tuple(s["start"] for s in sents) or (0,)
        )
        t0 = time.perf_counter()
        rows = extract(doc, info, None, {})
        extract_time += time.perf_counter() - t0
        n_sents += len(sents)
        n_rows += len(rows)
    return {
        "docs": len(texts),
        "chars": sum(map(len, texts)),
        "sentences": n_sents,
        "quantities": n_rows,
        "parse_s": round(parse, 3),
        "extract_s": round(extract_time, 3),
        "build_once_s": round(build, 3),
        "sentences_per_s": round(n_sents / extract_time, 1) if extract_time else None,
        "share_of_analyze": round(extract_time / (parse + extract_time), 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--limit", type=int, default=None, help="speed: first N polnear-dev texts")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "quantities").is_dir() or not (shared / "score.py").is_file():
        print(f"skip: benchmark data not found at {shared} (pass --shared PATH)")
        return 0
    results: dict = {"accuracy": {}, "speed": None}
    print(
        f"{'set':28} {'system':11} {'P':>6} {'R':>6} {'F1':>6} {'value R':>8} {'cases ok':>9} {'secs':>6}"
    )
    for name in SETS:
        gold = shared / "quantities" / name
        cases = json.loads(gold.read_text(encoding="utf-8"))
        runs = {"kit": kit_predictions(cases), "quantulum3": quantulum_predictions(cases)}
        for system, (preds, secs) in runs.items():
            if preds is None:
                print(f"{name:28} {system:11} not installed (pip install 'quantulum3==0.10.0')")
                continue
            s = score(shared, gold, preds)
            results["accuracy"].setdefault(name, {})[system] = {**s, "seconds": round(secs, 3)}
            print(
                f"{name:28} {system:11} {s['value_unit_p']:6.3f} {s['value_unit_r']:6.3f} "
                f"{s['value_unit_f1']:6.3f} {s['value_only_r']:8.3f} "
                f"{s.get('cases_fully_right', 0):>9} {secs:6.2f}"
            )
    if not args.no_speed:
        sp = speed(shared, args.limit)
        results["speed"] = sp
        if sp:
            print(
                f"\nspeed on polnear-dev ({sp['docs']} docs, {sp['sentences']} sentences, "
                f"{sp['quantities']} quantities): parse {sp['parse_s']:.2f}s, quantities "
                f"{sp['extract_s']:.3f}s = {sp['sentences_per_s']:,.0f} sentences/s, "
                f"{sp['share_of_analyze']:.1%} of parse+extract (tables built once: "
                f"{sp['build_once_s']:.2f}s)"
            )
    out = ROOT / "benchmarks" / "results" / "quantities_bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
