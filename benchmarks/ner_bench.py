"""Named-entity F1 on CoNLL-2003 dev: raw spaCy vs the kit's actor mentions, side by side.

    python benchmarks/ner_bench.py --shared ../shared/benchmarks

Texts come from ``score.py ner --dump-text conll2003-dev`` at run time (nothing is
copied); both systems are scored with ``score.py ner``. The same run also times
bare ``nlp.pipe`` against ``kit.analyze(extractors=["actors"])`` on the same texts.

Label mapping to CoNLL labels:

* raw spaCy: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC;
  NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC.
* kit (``mentions`` with ``kind == "name"``): label NORP (demonyms such as
  "American") -> MISC; otherwise by actor_type: person -> PER; state, place -> LOC;
  organisation, armed_group, political_group, media, international_organisation -> ORG;
  a metonym (``resolution == "metonym"``: "Washington said", a capital standing for its
  government) -> LOC, because CoNLL annotates the place name, while the kit links it to the
  government actor on purpose.

Results go to ``benchmarks/results/ner_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"

SPACY_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(["NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"], "MISC"),
}
KIT_TYPE_MAP = {
    "person": "PER",
    "state": "LOC",
    "place": "LOC",
    **dict.fromkeys(
        [
            "organisation",
            "armed_group",
            "political_group",
            "media",
            "international_organisation",
        ],
        "ORG",
    ),
}


def kit_label(label: str, actor_type: str, resolution: str | None = None) -> str | None:
    """CoNLL label of one kit mention (see the module docstring)."""
    if label == "NORP":
        return "MISC"
    if resolution == "metonym":
        return "LOC"
    return KIT_TYPE_MAP.get(actor_type)


def dump_texts(shared: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "score.py", "ner", "--dump-text", "conll2003-dev"],
        cwd=shared,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def score(shared: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
        path = fh.name
    out = subprocess.run(
        [sys.executable, "score.py", "ner", "--gold", "conll2003-dev", "--pred", path],
        cwd=shared,
        capture_output=True,
        text=True,
        check=True,
    )
    Path(path).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--model", default=None, help="spaCy model (default: the kit default)")
    args = parser.parse_args(argv)
    shared = Path(args.shared).resolve()
    if not (shared / "score.py").is_file() or not (shared / "conll2003-dev").exists():
        print(f"SKIP: CoNLL-2003 dev or score.py not found under {shared} (pass --shared PATH)")
        return 0

    import pandas as pd

    import kit
    from kit.nlp.model import load_model, model_name

    records = dump_texts(shared)
    texts = [r["text"] for r in records]
    n_words = sum(len(t.split()) for t in texts)
    nlp = load_model(args.model)
    list(nlp.pipe(texts[:5]))  # warm up

    t0 = time.perf_counter()
    raw_docs = list(nlp.pipe(texts, batch_size=64))
    t_spacy = time.perf_counter() - t0
    raw_preds = [
        {
            "doc": r["doc"],
            "ents": [
                {"start": e.start_char, "end": e.end_char, "label": SPACY_MAP[e.label_]}
                for e in d.ents
                if e.label_ in SPACY_MAP
            ],
        }
        for r, d in zip(records, raw_docs)
    ]
    del raw_docs

    docs = pd.DataFrame({"doc_id": [str(r["doc"]) for r in records], "text": texts})
    t0 = time.perf_counter()
    result = kit.analyze(docs, model=args.model, extractors=["actors"])
    t_kit = time.perf_counter() - t0
    names = result.mentions[result.mentions["kind"] == "name"]
    by_doc: dict[str, list[dict]] = {str(r["doc"]): [] for r in records}
    for row in names.itertuples():
        label = kit_label(row.label, row.actor_type, row.resolution)
        if label:
            by_doc[row.doc_id].append({"start": row.start, "end": row.end, "label": label})
    kit_preds = [{"doc": r["doc"], "ents": by_doc[str(r["doc"])]} for r in records]

    raw, ours = score(shared, raw_preds), score(shared, kit_preds)
    keys = ["per_org_loc_f1", "f1", "p", "r"]
    per_label = ["per_f1", "org_f1", "loc_f1", "misc_f1"]
    print(f"CoNLL-2003 dev: {len(texts)} documents, {n_words:,} words")
    print(f"{'system':<14}" + "".join(f"{k:>15}" for k in keys + per_label))
    for name, res in (("spaCy (raw)", raw), ("kit actors", ours)):
        cells = [res.get(k) for k in keys + per_label]
        print(
            f"{name:<14}" + "".join(f"{c:>15.3f}" if c is not None else f"{'-':>15}" for c in cells)
        )
    wps_spacy, wps_kit = n_words / t_spacy, n_words / t_kit
    print(
        f"\nwords/s: bare nlp.pipe {wps_spacy:,.0f}; kit.analyze(actors) {wps_kit:,.0f} "
        f"({wps_kit / wps_spacy:.0%} of bare spaCy)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "set": "conll2003-dev",
        "model": model_name(args.model),
        "n_docs": len(texts),
        "n_words": n_words,
        "spacy": raw,
        "kit": ours,
        "words_per_second": {"spacy_pipe": round(wps_spacy), "kit_actors": round(wps_kit)},
        "label_map": {"spacy": SPACY_MAP, "kit_actor_type": KIT_TYPE_MAP, "kit_NORP": "MISC"},
    }
    (RESULTS / "ner_bench.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'ner_bench.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
