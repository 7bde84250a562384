"""Merge audit: are the top 100 actors of two real corpora one real, correctly typed entity each?

    python benchmarks/merge_audit.py --shared ../shared/benchmarks --datasets ../shared/datasets

Runs ``kit.analyze`` (all extractors, ``n_process=2``, default store) on PolNeAR dev
(``<shared>/polnear-dev/text/``) and on the Wikinews sample (``<datasets>/wikinews/wikinews_2019.csv``
and ``wikinews_2020.csv``), takes the top 100 actors of each (``result.actors`` is already sorted by
``n_mentions`` desc, ``actor_id`` asc) with their written forms from ``result.actor_aliases``, and
compares them with the judged file ``benchmarks/gold/merge_audit.jsonl`` (built by reading; see
``merge_audit.notes.md``). Gold rows:

- one per actor: ``{"corpus", "actor_id", "actor", "actor_type", "verdict", "note"?}`` with verdict
  ``right`` | ``wrong_type`` | ``merge`` | ``junk``;
- one per (actor, alias): ``{"corpus", "actor_id", "actor", "actor_type", "alias", "same", "note"?}``.

Each top-100 actor gets one category, in this order:

- ``junk``: judged junk (non-English, headline junk, not an actor);
- ``merge``: at least one of its current aliases is judged ``same: false``;
- ``pending``: not decidable from the gold: no verdict for the actor, its type changed since it was
  judged, a judged merge whose different aliases are all gone, or a new (actor, alias) pair;
- ``wrong_type``: judged wrong_type, all aliases judged same;
- ``right``: judged right, all aliases judged same.

New (actor, alias) pairs are listed with up to three mention offsets (doc_id, start, end) so a person
can read and judge them, then add rows to the gold file. Writes ``benchmarks/results/merge_audit.json``.
Always exits 0; a corpus whose files are absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "merge_audit.jsonl"
OUT = HERE / "results" / "merge_audit.json"
CATEGORIES = ("right", "wrong_type", "merge", "junk", "pending")


def corpus_inputs(shared: Path, datasets: Path) -> dict[str, tuple[Any, str]]:
    """Per corpus: its ``kit.load`` input (None when absent) and a skip message."""
    polnear = shared / "polnear-dev" / "text"
    wikinews = [datasets / "wikinews" / f"wikinews_{year}.csv" for year in (2019, 2020)]
    return {
        "polnear-dev": (str(polnear) + "/" if polnear.is_dir() else None, f"{polnear} not found"),
        "wikinews": (
            [str(p) for p in wikinews] if all(p.is_file() for p in wikinews) else None,
            f"{wikinews[0].parent}/wikinews_2019.csv or wikinews_2020.csv not found",
        ),
    }


def load_gold(path: Path) -> tuple[dict[tuple[str, str], dict], dict[tuple[str, str, str], dict]]:
    """Actor verdicts keyed by (corpus, actor_id); alias judgements by (corpus, actor_id, alias)."""
    actors: dict[tuple[str, str], dict] = {}
    aliases: dict[tuple[str, str, str], dict] = {}
    if not path.is_file():
        return actors, aliases
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "alias" in row:
            aliases[(row["corpus"], row["actor_id"], row["alias"])] = row
        else:
            actors[(row["corpus"], row["actor_id"])] = row
    return actors, aliases


def mention_offsets(mentions: Any, actor_id: str, alias: str, k: int = 3) -> list[list]:
    """Up to ``k`` (doc_id, start, end) of the mentions of one actor written as ``alias``."""
    m = mentions[(mentions["actor_id"] == actor_id) & (mentions["text"] == alias)]
    return [[str(d), int(s), int(e)] for d, s, e in m[["doc_id", "start", "end"]].head(k).values]


def audit(
    corpus: str,
    actors: Any,
    actor_aliases: Any,
    mentions: Any,
    gold_actors: dict[tuple[str, str], dict],
    gold_aliases: dict[tuple[str, str, str], dict],
    top: int = 100,
) -> dict[str, Any]:
    """Compare the top actors of one corpus with the gold; counts, defect lists and new pairs."""
    head = actors.head(top)
    by_actor = {a: g for a, g in actor_aliases.groupby("actor_id", sort=False)}
    counts: Counter = Counter()
    merges: list[dict] = []
    junk: list[dict] = []
    wrong_type: list[dict] = []
    pending: list[dict] = []
    new_pairs: list[dict] = []
    for rank, a in enumerate(head.itertuples(index=False), start=1):
        base = {
            "rank": rank,
            "actor_id": a.actor_id,
            "actor": a.actor,
            "actor_type": a.actor_type,
            "n_mentions": int(a.n_mentions),
        }
        verdict_row = gold_actors.get((corpus, a.actor_id))
        different: list[dict] = []
        unjudged: list[dict] = []
        group = by_actor.get(a.actor_id)
        rows = [] if group is None else list(group.itertuples(index=False))
        for r in rows:
            g = gold_aliases.get((corpus, a.actor_id, r.alias))
            if g is None:
                pair = {
                    **base,
                    "alias": r.alias,
                    "alias_n_mentions": int(r.n_mentions),
                    "alias_n_docs": int(r.n_docs),
                    "examples": mention_offsets(mentions, a.actor_id, r.alias),
                }
                unjudged.append(pair)
            elif not g["same"]:
                different.append(
                    {"alias": r.alias, "n_mentions": int(r.n_mentions), "note": g.get("note", "")}
                )
        new_pairs.extend(unjudged)
        verdict = verdict_row["verdict"] if verdict_row else None
        note = verdict_row.get("note", "") if verdict_row else ""
        if verdict == "junk":
            category = "junk"
            junk.append({**base, "note": note})
        elif different:
            category = "merge"
            merges.append({**base, "note": note, "different_aliases": different})
        else:
            reasons = []
            if verdict_row is None:
                reasons.append("no verdict for this actor")
            elif verdict_row.get("actor_type") != a.actor_type:
                reasons.append(f"type changed from {verdict_row.get('actor_type')}")
            if verdict == "merge":
                reasons.append("judged a merge, but its different aliases are gone: re-judge")
            if unjudged:
                reasons.append(f"{len(unjudged)} new alias(es)")
            if reasons:
                category = "pending"
                pending.append({**base, "reasons": reasons})
            elif verdict == "wrong_type":
                category = "wrong_type"
                wrong_type.append({**base, "note": note})
            else:
                category = "right"
        counts[category] += 1
    return {
        "n_top": len(head),
        "counts": {c: counts[c] for c in CATEGORIES},
        "targets": {
            "merges_zero": counts["merge"] == 0,
            "junk_zero": counts["junk"] == 0,
        },
        "merges": merges,
        "junk": junk,
        "wrong_type": wrong_type,
        "pending": pending,
        "n_new_pairs": len(new_pairs),
        "new_pairs": new_pairs,
    }


def print_report(corpus: str, rep: dict[str, Any]) -> None:
    """A short human-readable summary of one corpus."""
    c = rep["counts"]
    print(f"\n== {corpus}: top {rep['n_top']} actors")
    print("   " + ", ".join(f"{k} {c[k]}" for k in CATEGORIES))
    for m in rep["merges"]:
        diff = "; ".join(f"{d['alias']!r} ({d['n_mentions']})" for d in m["different_aliases"])
        print(f"   MERGE #{m['rank']} {m['actor']} [{m['actor_type']}]: {diff}")
    for j in rep["junk"]:
        print(f"   JUNK  #{j['rank']} {j['actor']} [{j['actor_type']}]: {j['note']}")
    for w in rep["wrong_type"]:
        print(f"   TYPE  #{w['rank']} {w['actor']} [{w['actor_type']}]: {w['note']}")
    for p in rep["pending"]:
        print(f"   PENDING #{p['rank']} {p['actor']}: {', '.join(p['reasons'])}")
    if rep["new_pairs"]:
        print(f"   {rep['n_new_pairs']} new (actor, alias) pairs to judge:")
        for p in rep["new_pairs"]:
            print(
                f"     {p['actor_id']} <- {p['alias']!r} ({p['alias_n_mentions']} mentions, "
                f"{p['alias_n_docs']} docs) e.g. {p['examples'][:1]}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared" / "benchmarks"))
    ap.add_argument("--datasets", default=str(HERE.parent.parent / "shared" / "datasets"))
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--top", type=int, default=100)
    args = ap.parse_args(argv)
    inputs = corpus_inputs(Path(args.shared).resolve(), Path(args.datasets).resolve())
    gold_actors, gold_aliases = load_gold(Path(args.gold))
    results: dict[str, Any] = {}
    for corpus, (source, missing) in inputs.items():
        if source is None:
            print(f"skipped {corpus}: {missing} (pass --shared / --datasets)")
            results[corpus] = {"skipped": missing}
            continue
        try:
            import kit

            result = kit.analyze(kit.load(source), n_process=2)
        except Exception as exc:  # the audit reports, it never fails the caller
            print(f"skipped {corpus}: the kit failed: {exc!r}")
            results[corpus] = {"skipped": f"kit failed: {exc!r}"}
            continue
        rep = audit(
            corpus,
            result.actors,
            result.actor_aliases,
            result.mentions,
            gold_actors,
            gold_aliases,
            top=args.top,
        )
        results[corpus] = rep
        print_report(corpus, rep)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"merge_audit": results}, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
