"""Time ``kit render`` of the five curated notebooks on the examples, cold and warm.

    python benchmarks/render_bench.py --datasets ../shared/datasets
    python benchmarks/render_bench.py --warm-runs 2 --out benchmarks/results/render_bench.json

The examples are the seed article (``data/``) and the Wikinews sample
(``kit.datasets.wikinews()``, read from ``--datasets`` as ``KIT_DATASETS``). *Cold*: a
fresh, empty store (``KIT_STORE`` in a temporary folder), so the first notebook analyses
both corpora and the other four read the store; *warm*: the same command again with the
store filled. Each run is the ``kit render`` command in a fresh process (a user's
command), timed from start to exit; per-notebook times come from its log lines. Targets
(issue #19): cold < 3 minutes, warm < 60 s on 2 cores. The machine's load average is
recorded with every run: on a shared machine, read the figures with it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "render_bench.json"
TARGETS = {"cold_s": 180.0, "warm_s": 60.0}
_RUNNING = re.compile(r"\[(\d+)/(\d+)\] running (\S+)")


def render_once(out: Path, env: dict[str, str]) -> dict:
    """Run ``kit render --out OUT`` once; wall time, per-notebook times, errors."""
    cmd = [sys.executable, "-m", "kit.cli", "render", "--out", str(out), "--quiet"]
    load_before = os.getloadavg()
    start = time.monotonic()
    marks: list[tuple[str, float]] = []
    lines: list[str] = []
    with subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip())
            m = _RUNNING.search(line)
            if m:
                marks.append((m.group(3), time.monotonic() - start))
            elif "wrote" in line and "index.html" not in line and marks and marks[-1][0] != "":
                marks.append(("", time.monotonic() - start))  # the pages are being written
    wall = time.monotonic() - start
    per_notebook = {}
    for (name, t0), (_, t1) in zip(marks, [*marks[1:], ("end", wall)]):
        if name:
            per_notebook[name] = round(t1 - t0, 1)
    failed = [line for line in lines if line.startswith("FAILED")]
    return {
        "seconds": round(wall, 1),
        # after the last notebook: converting the executed notebooks to HTML pages, index
        "pages_s": round(wall - (marks[-1][1] if marks and marks[-1][0] == "" else wall), 1),
        "returncode": proc.returncode,
        "per_notebook_s": per_notebook,
        "failed": failed,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "log_tail": lines[-8:] if proc.returncode else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--datasets",
        default=os.environ.get("KIT_DATASETS") or str(ROOT.parent / "shared" / "datasets"),
        help="local mirror of the example corpora (KIT_DATASETS; default: %(default)s)",
    )
    parser.add_argument("--warm-runs", type=int, default=1, help="warm runs (default 1)")
    parser.add_argument("--out", default=str(RESULTS), help="result JSON (default: %(default)s)")
    args = parser.parse_args(argv)
    mirror = Path(args.datasets).expanduser().resolve()
    if not (mirror / "wikinews").is_dir():
        print(f"render_bench: no Wikinews mirror in {mirror}; skipped", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="kit-render-bench-") as tmp:
        tmp_path = Path(tmp)
        env = {
            **os.environ,
            "KIT_DATASETS": str(mirror),
            "KIT_STORE": str(tmp_path / "store" / "kit.duckdb"),
        }
        print("render_bench: cold (empty store)", file=sys.stderr)
        cold = render_once(tmp_path / "cold", env)
        print(f"  {cold['seconds']} s {cold['per_notebook_s']}", file=sys.stderr)
        warm = []
        for i in range(args.warm_runs):
            print(f"render_bench: warm run {i + 1}", file=sys.stderr)
            warm.append(render_once(tmp_path / f"warm{i}", env))
            print(f"  {warm[-1]['seconds']} s {warm[-1]['per_notebook_s']}", file=sys.stderr)
        pages = sorted(p.name for p in (tmp_path / "cold").glob("*.html"))
    best_warm = min(w["seconds"] for w in warm) if warm else None
    result = {
        "command": "kit render --out DIR (the examples: data/ + the Wikinews sample)",
        "cpus": os.cpu_count(),
        "pages": pages,
        "cold": cold,
        "warm": warm,
        "cold_s": cold["seconds"],
        "warm_s": best_warm,
        "targets": TARGETS,
        "meets_targets": {
            "cold": cold["seconds"] < TARGETS["cold_s"],
            "warm": best_warm is not None and best_warm < TARGETS["warm_s"],
        },
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"render_bench: cold {cold['seconds']} s, warm {best_warm} s -> {out}", file=sys.stderr)
    return 0 if cold["returncode"] == 0 and all(w["returncode"] == 0 for w in warm) else 1


if __name__ == "__main__":
    sys.exit(main())
