"""Loading benchmark: kit.load vs a naive pathlib + pandas loader, side by side.

    python benchmarks/load_bench.py --shared ../shared/benchmarks

1. PolNeAR dev (``polnear-dev/text/*.txt`` + ``metadata.tsv``, read at run time):
   kit.load with the sidecar vs a naive loader (read each file as UTF-8, merge
   the TSV by stem). Checks: documents, metadata rows matched, dates parsed,
   texts identical to the UTF-8 file (so the scorer's offsets hold), time.
2. Scale, synthetic (built in a temporary folder from the bundled seed article):
   N text files with a dateline and a CSV of M rows; documents per second.
3. Robustness: a folder of good and bad files; rows + skipped == inputs.

Prints a table and writes ``benchmarks/results/load_bench.json``. Part 1 is
skipped with a message when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "load_bench.json"
SEED = ROOT / "data" / "articles" / "2017-06-04_syria-tanf-iran-backed-forces.txt"

import kit  # noqa: E402


def naive_folder(folder: Path, metadata: Path | None = None) -> pd.DataFrame:
    """The baseline: every *.txt read as UTF-8, a metadata TSV merged by stem."""
    rows = [
        {"doc_id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted(folder.glob("*.txt"))
    ]
    docs = pd.DataFrame(rows)
    if metadata is not None:
        meta = pd.read_csv(metadata, sep="\t", dtype=str)
        docs = docs.merge(meta, left_on="doc_id", right_on="filename", how="left")
        docs["date"] = pd.to_datetime(docs["publication_date"], errors="coerce")
    docs["n_words"] = docs["text"].str.split().str.len()
    return docs


def timed(fn, *args, repeat: int = 3, **kwargs):
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return out, best


def polnear(shared: Path) -> dict | None:
    base = shared / "polnear-dev"
    if not (base / "text").is_dir() or not (base / "metadata.tsv").is_file():
        print(f"SKIP polnear: {base} not found (pass --shared PATH)")
        return None
    kit_docs, kit_s = timed(kit.load, base / "text", metadata=base / "metadata.tsv")
    naive_docs, naive_s = timed(naive_folder, base / "text", base / "metadata.tsv")
    files = sorted((base / "text").glob("*.txt"))
    raw = {p.stem: p.read_text(encoding="utf-8") for p in files}
    report = kit.load_report(kit_docs)
    meta_rows = len(pd.read_csv(base / "metadata.tsv", sep="\t"))
    return {
        "files": len(files),
        "metadata_rows": meta_rows,
        "kit": {
            "documents": len(kit_docs),
            "metadata_unmatched": int((report["reason"] == "metadata_unmatched").sum()),
            "with_date": int(kit_docs["date"].notna().sum()),
            "with_source": int(kit_docs["source"].notna().sum()),
            "with_title": int(kit_docs["title"].notna().sum()),
            "text_equals_utf8_file": int(
                sum(raw.get(i) == t for i, t in zip(kit_docs["doc_id"], kit_docs["text"]))
            ),
            "seconds": round(kit_s, 4),
        },
        "naive": {
            "documents": len(naive_docs),
            "metadata_unmatched": meta_rows - int(naive_docs["filename"].notna().sum()),
            "with_date": int(naive_docs["date"].notna().sum()),
            "with_source": int(naive_docs["publisher"].notna().sum()),
            "with_title": int(naive_docs["title"].notna().sum()),
            "text_equals_utf8_file": len(naive_docs),
            "seconds": round(naive_s, 4),
        },
    }


def scale(n_files: int, n_rows: int) -> dict:
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split(" ", 3)[3]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for i in range(n_files):
            day = f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"
            (folder / f"article_{i:05d}.txt").write_text(f"date {day} {i} {body}", "utf-8")
        table = Path(tmp) / "table.csv"
        pd.DataFrame({"id": range(n_rows), "body": [f"{i} {body}" for i in range(n_rows)]}).to_csv(
            table, index=False
        )
        mb_files = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        kit_files, kit_s = timed(kit.load, folder, repeat=1)
        naive_files, naive_s = timed(naive_folder, folder, repeat=1)
        kit_table, table_s = timed(kit.load, table, repeat=1)
        naive_table, naive_table_s = timed(pd.read_csv, table, repeat=1)
    return {
        "files": n_files,
        "megabytes": round(mb_files, 2),
        "kit_files_seconds": round(kit_s, 3),
        "naive_files_seconds": round(naive_s, 3),
        "kit_files_docs_per_s": round(len(kit_files) / kit_s),
        "naive_files_docs_per_s": round(len(naive_files) / naive_s),
        "kit_dates_parsed": int(kit_files["date"].notna().sum()),
        "table_rows": n_rows,
        "kit_table_seconds": round(table_s, 3),
        "naive_table_seconds": round(naive_table_s, 3),
        "kit_table_rows_per_s": round(len(kit_table) / table_s),
    }


def robustness() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "good.txt").write_text("date 2017-06-04 A good text.", "utf-8")
        (root / "latin.txt").write_bytes("Le café “chic”.".encode("cp1252"))
        (root / "empty.txt").write_bytes(b"")
        (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        (root / "numbers.csv").write_text("a,b\n1,2\n", "utf-8")
        (root / "bad_date.txt").write_text("date 2017-13-45 Text.", "utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = kit.load(root)
            naive_error = None
            try:
                naive_folder(root)
            except Exception as err:  # noqa: BLE001 - the baseline crashes; that is the point
                naive_error = f"{type(err).__name__}"
        report = kit.load_report(docs)
        inputs = len(list(root.iterdir()))
    n_skipped = int((report["status"] == "skipped").sum())
    return {
        "inputs": inputs,
        "rows": len(docs),
        "skipped": n_skipped,
        "notes": int((report["status"] == "note").sum()),
        "rows_plus_skipped_equals_inputs": len(docs) + n_skipped == inputs,
        "latin_decoded": "Le café “chic”." in docs["text"].tolist(),
        "naive_loader": naive_error or "ok",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    results = {
        "polnear": polnear(Path(args.shared)),
        "scale": scale(args.files, args.rows),
        "robustness": robustness(),
    }
    pn = results["polnear"]
    if pn:
        print(f"\nPolNeAR dev: {pn['files']} files, metadata.tsv with {pn['metadata_rows']} rows")
        keys = [k for k in pn["kit"] if k != "seconds"] + ["seconds"]
        print(f"{'':24}{'kit.load':>12}{'naive':>12}")
        for key in keys:
            print(f"{key:24}{pn['kit'][key]:>12}{pn['naive'][key]:>12}")
    sc = results["scale"]
    print(f"\nScale: {sc['files']} text files ({sc['megabytes']} MB), {sc['table_rows']} CSV rows")
    print(f"{'':24}{'kit.load':>12}{'naive':>12}")
    print(f"{'files seconds':24}{sc['kit_files_seconds']:>12}{sc['naive_files_seconds']:>12}")
    print(f"{'files docs/s':24}{sc['kit_files_docs_per_s']:>12}{sc['naive_files_docs_per_s']:>12}")
    print(f"{'table seconds':24}{sc['kit_table_seconds']:>12}{sc['naive_table_seconds']:>12}")
    rb = results["robustness"]
    print("\nRobustness (mixed folder):", json.dumps(rb))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
