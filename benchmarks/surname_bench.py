"""Who is who: accuracy on ambiguous surnames (our dev gold on PolNeAR dev) and a merge audit.

    python benchmarks/surname_bench.py --shared ../shared/benchmarks

Gold: ``benchmarks/gold/surnames_polnear_dev.jsonl`` (every mention of a surname several people
in the corpus share, labelled by reading with the person meant). A gold mention is right when a
person mention of the kit covers it and its actor has the same given name and surname.
Writes ``benchmarks/results/surname_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "surnames_polnear_dev.jsonl"
SKIP = {"NOT_PERSON", "FAMILY", "UNSURE"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared" / "benchmarks"))
    ap.add_argument("--out", default=str(HERE / "results" / "surname_bench.json"))
    args = ap.parse_args(argv)
    folder = Path(args.shared).resolve() / "polnear-dev" / "text"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (pass --shared)")
        return 0
    import kit
    from kit.extract.actors.people import key_of

    docs = kit.load(str(folder))
    result = kit.analyze(docs, extractors=["actors"], n_process=2)
    m = result.mentions
    m = m[m["actor_type"] == "person"]
    by_doc = {d: g[["start", "end", "actor"]].values.tolist() for d, g in m.groupby("doc_id")}
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    bearers: dict[tuple[str, str], set] = {}
    for g in gold:
        if g["person"] not in SKIP:
            bearers.setdefault((g["doc"], g["surface"]), set()).add(g["person"])
    right = Counter()
    total = Counter()
    errors = Counter()
    for g in gold:
        if g["person"] in SKIP:
            continue
        ambiguous = len(bearers[(g["doc"], g["surface"])]) > 1
        hits = [a for s, e, a in by_doc.get(g["doc"], []) if s < g["end"] and g["start"] < e]
        ok = bool(hits) and key_of(str(hits[0]).split()) == key_of(g["person"].split())
        for part in ("all", "ambiguous documents" if ambiguous else "one bearer"):
            total[part] += 1
            right[part] += ok
        if not ok:
            errors[(g["person"], str(hits[0]) if hits else "(no person mention)")] += 1
    figures = {k: round(right[k] / total[k], 4) for k in total}
    figures.update({f"n_{k}": total[k] for k in total})
    print(json.dumps(figures, indent=1))
    print("most frequent errors (gold -> kit):")
    for (want, got), n in errors.most_common(15):
        print(f"  {n:4d}  {want} -> {got}")
    Path(args.out).write_text(json.dumps({"surname_accuracy": figures}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
