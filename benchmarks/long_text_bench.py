"""One huge single-paragraph document: kit.analyze against bare spaCy, time and peak memory.

    python benchmarks/long_text_bench.py --shared ../shared/benchmarks [--sizes 1,5]

The text is built from real PolNeAR dev sentences (read at run time, never
copied), joined with single spaces into ONE paragraph of ``size`` MB. Each
configuration runs in a fresh subprocess so that its peak RSS is its own:
bare spaCy (the kit's chunked parse, ``kit.nlp.model.parse_texts``, no extractors)
and ``kit.analyze`` with every extractor. Prints a table and writes
benchmarks/results/long_text_bench.json. Target: the analysis takes roughly
the time of its parse, with memory that does not blow up.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import save, shared_or_exit, table  # noqa: E402

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import pandas as pd
import kit
from kit.nlp.model import load_model, parse_texts

mode, folder, size = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
one = " ".join(" ".join(t.split()) for t in texts)
parts, n = [], 0
while n < size:
    parts.append(one)
    n += len(one) + 1
text = " ".join(parts)[:size].rstrip()
nlp = load_model()
kit.analyze(pd.DataFrame({"doc_id": ["warm"], "text": ["Dillon said on Friday 3 people died."]}))
t0, c0 = time.perf_counter(), time.process_time()
if mode == "bare":
    doc = next(parse_texts(nlp, [text]))
    counts = {"tokens": len(doc)}
else:
    a = kit.analyze(pd.DataFrame({"doc_id": ["long"], "text": [text]}))
    counts = {k: len(v) for k, v in a.tables().items()}
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"chars": len(text), "seconds": seconds, "cpu": cpu, "peak_mb": peak, **counts}))
"""


def run(mode: str, folder: Path, size: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(folder), str(size)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--sizes", default="1,5", help="sizes in MB, comma-separated (e.g. 0.3,1,5)")
    args = ap.parse_args(argv)
    shared = shared_or_exit(args.shared)
    folder = shared / "polnear-dev" / "text"
    rows = []
    for mb in [float(s) for s in args.sizes.split(",") if s.strip()]:
        size = int(mb * 1_000_000)
        bare = run("bare", folder, size)
        kit_run = run("kit", folder, size)
        row = {
            "MB": mb,
            "bare_s": round(bare.get("seconds", float("nan")), 1),
            "kit_s": round(kit_run.get("seconds", float("nan")), 1),
            "bare_cpu": round(bare.get("cpu", float("nan")), 1),
            "kit_cpu": round(kit_run.get("cpu", float("nan")), 1),
            "kit_vs_bare_cpu": round(bare.get("cpu", 0) / kit_run["cpu"], 3)
            if "cpu" in kit_run
            else None,
            "bare_peak_mb": round(bare.get("peak_mb", float("nan"))),
            "kit_peak_mb": round(kit_run.get("peak_mb", float("nan"))),
            "tokens": bare.get("tokens"),
            "mentions": kit_run.get("mentions"),
        }
        rows.append({**row, "bare_raw": bare, "kit_raw": kit_run})
        print(table([row], list(row)), flush=True)
    cols = [k for k in rows[0] if not k.endswith("_raw")] if rows else []
    print(table(rows, cols))
    path = save("long_text_bench", {"sizes": rows, "command": " ".join(sys.argv)})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
