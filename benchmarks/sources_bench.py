"""Who is quoted, resolved: source types and referents against our dev gold (PolNeAR dev, 20 docs).

    python benchmarks/sources_bench.py --shared ../shared/benchmarks [--attribution learned]

Gold: ``benchmarks/gold/sources_polnear_dev20.jsonl`` (every gold source span of the first 20
PolNeAR dev articles, labelled by reading: type, referent, pronoun antecedents; see its
``.notes.md``). The kit runs on the whole dev set (so corpus-wide name links are what a user
gets) and is scored on those 20 documents. A gold source is *matched* by the kit attribution
whose source span overlaps it most. Reported:

- type accuracy on matched sources. A gold pronoun counts as its antecedent's type (a resolved
  pronoun takes the type of what it refers to) or as ``pronoun`` when the gold has no referent;
  a gold description ("the Republican nominee") counts as the type of what it describes;
- pronoun -> referent accuracy: matched gold pronouns with a person/organisation referent whose
  kit actor is that referent (an unresolved kit pronoun is wrong);
- named-referent accuracy: the same for named persons, organisations and media;
- anonymous share: anonymous sources / all sources, gold vs kit (kit: every attribution with a
  source in the 20 documents).

Writes ``benchmarks/results/sources_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "sources_polnear_dev20.jsonl"
NAMED = {"named_person", "named_organisation", "media"}
KIT_TYPES = {"social_media": "document", "unattributed": "other"}


def gold_type(row: dict) -> str:
    """The type the kit should give this gold source (see the module docstring)."""
    if row["type"] == "pronoun":
        return row.get("antecedent_type") or "pronoun"
    if row["type"] == "other":
        return row.get("description_of") or "other"
    return row["type"]


def _words(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.lower())
    words = re.findall(r"[a-z0-9]+", name)
    return [w for w in words if w not in {"the", "jr", "sr"}]


def same_referent(kit_name: str | None, gold_name: str | None) -> bool:
    """True when a kit actor name names the gold referent.

    >>> same_referent("Hillary Clinton", "Hillary Clinton"), same_referent("Bill Clinton", "Hillary Clinton")
    (True, False)
    >>> same_referent("Clinton", "Hillary Clinton"), same_referent("New York Post", "The New York Post")
    (True, True)
    """
    if not isinstance(kit_name, str) or not isinstance(gold_name, str):
        return False
    k, g = _words(kit_name), _words(gold_name)
    if not k or not g:
        return False
    if k == g:
        return True
    if k[-1] != g[-1]:
        return " ".join(k) in " ".join(g) or " ".join(g) in " ".join(k)
    return len(k) == 1 or len(g) == 1 or k[0] == g[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared" / "benchmarks"))
    ap.add_argument("--out", default=str(HERE / "results" / "sources_bench.json"))
    ap.add_argument("--show", type=int, default=0, help="print this many errors of each kind")
    ap.add_argument(
        "--attribution",
        choices=("learned", "rules"),
        default=None,
        help="attribution mode (default: the kit's default)",
    )
    args = ap.parse_args(argv)
    folder = Path(args.shared).resolve() / "polnear-dev" / "text"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (pass --shared)")
        return 0
    sys.path.insert(0, str(HERE.parent))
    import kit

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    gold_docs = sorted({g["doc"] for g in gold})
    docs = kit.load(str(folder))
    result = kit.analyze(docs, n_process=2, attribution=args.attribution)
    att = result.attributions
    att = att[att["doc_id"].isin(gold_docs)]
    by_doc: dict[str, list[dict]] = {}
    for r in att.to_dict("records"):
        if r["source_start"] is not None and r["source_start"] == r["source_start"]:
            by_doc.setdefault(r["doc_id"], []).append(r)

    type_right = Counter()
    type_total = Counter()
    ref_right = Counter()
    ref_total = Counter()
    errors: dict[str, list[str]] = {"type": [], "pronoun": [], "named": []}
    matched = 0
    for g in gold:
        best, overlap = None, 0
        for r in by_doc.get(g["doc"], []):
            o = min(g["end"], int(r["source_end"])) - max(g["start"], int(r["source_start"]))
            if o > overlap:
                best, overlap = r, o
        if best is None:
            continue
        matched += 1
        want = gold_type(g)
        got = KIT_TYPES.get(best["source_type"], best["source_type"])
        type_total[want] += 1
        if got == want:
            type_right[want] += 1
        else:
            errors["type"].append(
                f"{g['surface']!r}: gold {want}, kit {got} ({best['source_actor']})"
            )
        kind = "pronoun" if g["type"] == "pronoun" else "named" if g["type"] in NAMED else None
        if kind is None or not g.get("referent") or g["referent"].startswith(("ANON:", "DOC:")):
            continue
        ref_total[kind] += 1
        if same_referent(best["source_actor"], g["referent"]):
            ref_right[kind] += 1
        else:
            errors[kind].append(
                f"{g['doc'][:30]} {g['surface']!r}: gold {g['referent']}, kit {best['source_actor']}"
            )
    n_kit = sum(len(v) for v in by_doc.values())
    kit_anon = sum(r["source_type"] == "anonymous" for v in by_doc.values() for r in v)
    gold_anon = sum(g["type"] == "anonymous" for g in gold)
    summary = {
        "attribution": args.attribution or "default",
        "gold_sources": len(gold),
        "matched": matched,
        "type_accuracy": round(sum(type_right.values()) / max(1, sum(type_total.values())), 3),
        "type_accuracy_by_gold_type": {
            t: f"{type_right[t]}/{type_total[t]}" for t in sorted(type_total)
        },
        "pronoun_referent_accuracy": round(ref_right["pronoun"] / max(1, ref_total["pronoun"]), 3),
        "pronoun_referents": f"{ref_right['pronoun']}/{ref_total['pronoun']}",
        "named_referent_accuracy": round(ref_right["named"] / max(1, ref_total["named"]), 3),
        "named_referents": f"{ref_right['named']}/{ref_total['named']}",
        "anonymous_share_gold": round(gold_anon / len(gold), 3),
        "anonymous_share_kit": round(kit_anon / max(1, n_kit), 3),
        "kit_sources": n_kit,
        "kit_source_types": dict(
            sorted(Counter(r["source_type"] for v in by_doc.values() for r in v).items())
        ),
    }
    print(json.dumps(summary, indent=2))
    for kind, rows in errors.items():
        for line in rows[: args.show]:
            print(f"[{kind}] {line}")
    Path(args.out).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
