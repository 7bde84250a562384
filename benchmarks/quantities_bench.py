"""Quantities benchmark: the dev gold and quantulum3's English test cases, kit vs quantulum3, speed.

    python benchmarks/quantities_bench.py --shared ../shared/benchmarks

Dev gold (``benchmarks/gold/quantities_dev.jsonl``, 265 sentences of Wikinews
and PolNeAR dev, made by reading): the kit analyses the whole source documents,
quantulum3 parses each gold sentence, and both are scored with value,
value+unit and value+change F1 (see :func:`score_dev`).

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
import re
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


# ------------------------------------------------------------------ dev gold --

GOLD = ROOT / "benchmarks" / "gold" / "quantities_dev.jsonl"
#: Relative tolerance when two values are compared.
REL_TOL = 0.005
#: Unit spellings that name the same unit (after lower-casing and singularising).
UNIT_ALIASES = {
    "dollar": "us dollar", "percentage": "percent", "per cent": "percent", "meter": "metre",
    "kilometer": "kilometre", "centimeter": "centimetre", "millimeter": "millimetre",
    "liter": "litre", "russian rouble": "russian ruble", "rouble": "russian ruble",
    "pound (mass)": "pound", "short ton": "ton", "metric ton": "tonne", "dimensionless": "",
    "pound sterling": "pound sterling", "inr": "indian rupee", "euro": "euro",
    "polish zloty": "polish złoty", "degree fahrenheit": "degree fahrenheit",
    "count": "", "kilometre per hour": "kilometre per hour", "mile per hour": "mile per hour",
}  # fmt: skip


def norm_unit(name: str | None) -> str:
    """A unit name for comparison: lower case, singular, aliases folded.

    >>> norm_unit("Miles per hour"), norm_unit("percentage"), norm_unit("US Dollars")
    ('mile per hour', 'percent', 'us dollar')
    """
    parts = []
    for part in re.split(r"(?:^|\s+)per\s+", (name or "").strip().lower()):
        words = part.split()
        if words and len(words[-1]) > 3 and words[-1].endswith("s") and words[-1] != "celsius":
            words[-1] = words[-1][:-1]
        part = " ".join("person" if w == "people" else w for w in words)
        parts.append(UNIT_ALIASES.get(part, part))
    return " per ".join(p for p in parts if p or len(parts) == 1)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) or a == b


def _key(value, low, high, is_range: bool) -> tuple:
    """What is compared for the value: a number, or a (low, high) pair for a range."""
    return ("range", low, high) if is_range else ("value", value)


def _same_value(k1: tuple, k2: tuple) -> bool:
    if k1[0] != k2[0]:
        return False
    return all(_close(a, b) for a, b in zip(k1[1:], k2[1:]))


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold sentences (one dict per line of the jsonl file)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def gold_texts(rows: list[dict], shared: Path) -> dict[str, str]:
    """The source text of every document the gold refers to, keyed by its ``doc`` value."""
    import pandas as pd

    wanted = {r["doc"] for r in rows}
    texts: dict[str, str] = {}
    wikinews = shared.parent / "datasets" / "wikinews"
    for year in (2019, 2020):
        df = pd.read_csv(wikinews / f"wikinews_{year}.csv")
        for url, text in zip(df["url"], df["text"]):
            if url in wanted and isinstance(text, str):
                texts[url] = text
    for r in rows:
        if r["corpus"] == "polnear" and r["doc"] not in texts:
            path = shared / "polnear-dev" / "text" / f"{r['doc']}.txt"
            texts[r["doc"]] = path.read_text(encoding="utf-8")
    return texts


def gold_items(row: dict) -> list[dict]:
    """Gold quantities of one sentence in the scorer's form (compound unit, value key)."""
    out = []
    for q in row["quantities"]:
        is_range = q["value"] is None
        unit = q["unit"] + (" per " + q["per_unit"] if q["per_unit"] else "")
        out.append(
            {
                "start": q["start"],
                "end": q["end"],
                "key": _key(q["value"], q["low"], q["high"], is_range),
                "unit": norm_unit(unit),
                "change": q["change"] or "none",
            }
        )
    return out


def kit_dev_predictions(rows: list[dict], texts: dict[str, str]) -> tuple[dict, float]:
    """Kit rows per gold sentence (the kit reads whole documents)."""
    import pandas as pd

    import kit

    ids = sorted(texts)
    docs = pd.DataFrame(
        {"doc_id": [str(i) for i in range(len(ids))], "text": [texts[d] for d in ids]}
    )
    t0 = time.perf_counter()
    q = kit.analyze(docs, extractors=["quantities"], store=None).quantities
    elapsed = time.perf_counter() - t0
    by_doc: dict[str, list[dict]] = {}
    for r in q.to_dict("records"):
        by_doc.setdefault(ids[int(r["doc_id"])], []).append(r)
    out = {}
    for n, row in enumerate(rows):
        items = []
        for r in by_doc.get(row["doc"], []):
            if not (row["sent_start"] <= r["start"] < row["sent_end"]):
                continue
            value = r["value"] if r["value"] == r["value"] else None
            if value is None:
                continue
            is_range = r["bound"] == "range"
            items.append(
                {
                    "start": r["start"],
                    "end": r["end"],
                    "key": _key(value, r["low"], r["high"], is_range),
                    "unit": norm_unit(r["unit"]),
                    "change": r.get("change") or "none",
                    "text": r["text"],
                }
            )
        out[n] = items
    return out, elapsed


def quantulum_dev_predictions(rows: list[dict], texts: dict[str, str]) -> tuple[dict | None, float]:
    """quantulum3 on each gold sentence (it has no change; ranges come as two values)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None, 0.0
    out = {}
    t0 = time.perf_counter()
    for n, row in enumerate(rows):
        sent = texts[row["doc"]][row["sent_start"] : row["sent_end"]]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = parser.parse(sent)
        except Exception:  # quantulum3 raises on some inputs; count as no predictions
            found = []
        items = []
        for x in found:
            start = row["sent_start"] + (x.span[0] if x.span else 0)
            name = "" if x.unit.entity.name == "dimensionless" else x.unit.name
            items.append(
                {
                    "start": start,
                    "end": start + len(x.surface),
                    "key": _key(float(x.value), None, None, False),
                    "unit": norm_unit(name),
                    "change": "none",
                    "text": x.surface,
                }
            )
        out[n] = items
    return out, time.perf_counter() - t0


def _match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs with the same value, overlapping spans first, then nearest."""
    pairs, used = [], set()
    for g in gold:
        cands = [
            (not (p["start"] < g["end"] and g["start"] < p["end"]), abs(p["start"] - g["start"]), i)
            for i, p in enumerate(pred)
            if i not in used and _same_value(g["key"], p["key"])
        ]
        if cands:
            i = min(cands)[2]
            used.add(i)
            pairs.append((g, pred[i]))
    return pairs


def _f1(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def score_dev(rows: list[dict], preds: dict, errors: list | None = None) -> dict:
    """Value, value+unit and value+change F1 over the gold sentences.

    Values match with relative tolerance :data:`REL_TOL`; ranges match as (low, high)
    pairs (gold ranges have a null value; the kit's have ``bound == "range"``); a unit
    matches when :func:`norm_unit` of the kit's compound unit equals that of the gold
    ``unit`` + " per " + ``per_unit``; change compares up/down/none.
    """
    n_gold = n_pred = tp_v = tp_vu = tp_vc = 0
    for n, row in enumerate(rows):
        gold, pred = gold_items(row), preds[n]
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = _match(gold, pred)
        tp_v += len(pairs)
        tp_vu += sum(g["unit"] == p["unit"] for g, p in pairs)
        tp_vc += sum(g["change"] == p["change"] for g, p in pairs)
        if errors is not None:
            matched = {id(p) for _, p in pairs}
            matched_g = {id(g) for g, _ in pairs}
            errors += [("FP", row["doc"], p) for p in pred if id(p) not in matched]
            errors += [("FN", row["doc"], g) for g in gold if id(g) not in matched_g]
            errors += [("UNIT", row["doc"], g, p) for g, p in pairs if g["unit"] != p["unit"]]
            errors += [("CHANGE", row["doc"], g, p) for g, p in pairs if g["change"] != p["change"]]
    return {
        "gold": n_gold,
        "pred": n_pred,
        "value": _f1(tp_v, n_pred, n_gold),
        "value_unit": _f1(tp_vu, n_pred, n_gold),
        "value_change": _f1(tp_vc, n_pred, n_gold),
    }


def dev_gold(shared: Path, dump: Path | None = None) -> dict:
    """Score the kit and quantulum3 on the dev gold; print one line each."""
    rows = load_gold()
    texts = gold_texts(rows, shared)
    out: dict = {}
    print(f"\n{'dev gold':28} {'system':11} {'value':>6} {'v+unit':>7} {'v+change':>9} {'secs':>6}")
    runs = {
        "kit": kit_dev_predictions(rows, texts),
        "quantulum3": quantulum_dev_predictions(rows, texts),
    }
    for system, (preds, secs) in runs.items():
        if preds is None:
            print(f"{'quantities_dev.jsonl':28} {system:11} not installed")
            continue
        errors: list = []
        s = score_dev(rows, preds, errors)
        out[system] = {**s, "seconds": round(secs, 3)}
        print(
            f"{'quantities_dev.jsonl':28} {system:11} {s['value']['f1']:6.3f} "
            f"{s['value_unit']['f1']:7.3f} {s['value_change']['f1']:9.3f} {secs:6.2f}"
        )
        if dump is not None and system == "kit":
            dump.write_text("\n".join(repr(e) for e in errors) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--limit", type=int, default=None, help="speed: first N polnear-dev texts")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-suite", action="store_true", help="skip the quantulum3 test cases")
    ap.add_argument("--errors", help="write the kit's dev-gold errors to this file")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "quantities").is_dir() or not (shared / "score.py").is_file():
        print(f"skip: benchmark data not found at {shared} (pass --shared PATH)")
        return 0
    results: dict = {"accuracy": {}, "speed": None}
    results["dev_gold"] = dev_gold(shared, Path(args.errors) if args.errors else None)
    print(
        f"{'set':28} {'system':11} {'P':>6} {'R':>6} {'F1':>6} {'value R':>8} {'cases ok':>9} {'secs':>6}"
    )
    for name in () if args.no_suite else SETS:
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
