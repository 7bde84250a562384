"""Shared helpers of the speed and scale benchmarks: the corpus of real article texts.

The texts are read at run time from the shared benchmark folder (never copied):
PolNeAR dev articles, TimeBank documents and CoNLL-2003 dev documents (the
latter two through ``score.py --dump-text``), repeated with new ids as needed.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "benchmarks"
RESULTS = ROOT / "benchmarks" / "results"


def shared_or_exit(path: str | None) -> Path:
    """The shared benchmark folder, or exit 0 with a skip message when it is absent."""
    shared = (Path(path) if path else DEFAULT_SHARED).resolve()
    if not (shared / "polnear-dev" / "text").is_dir():
        print(f"SKIP: shared benchmark data not found at {shared} (pass --shared PATH)")
        raise SystemExit(0)
    return shared


def _dump(shared: Path, task: str, gold: str) -> list[str]:
    if not (shared / gold).exists() or not (shared / "score.py").is_file():
        return []
    out = subprocess.run(
        [sys.executable, str(shared / "score.py"), task, "--dump-text", gold],
        cwd=shared,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        print(
            f"note: {task} texts of {gold} left out (score.py failed: {out.stderr.strip()[-200:]})"
        )
        return []
    return [json.loads(line)["text"] for line in out.stdout.splitlines() if line.strip()]


def real_texts(shared: Path, *, sets: str = "all") -> list[str]:
    """Article texts: PolNeAR dev (always), plus TimeBank and CoNLL dev when ``sets='all'``."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((shared / "polnear-dev" / "text").glob("*.txt"))
    ]
    if sets == "all":
        texts += [t.strip() for t in _dump(shared, "timex", "timebank")]
        texts += _dump(shared, "ner", "conll2003-dev")
    return [t for t in texts if t.strip()]


def truncate(text: str, chars: int) -> str:
    """The text cut at the last space before ``chars`` characters."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars]


def corpus(
    texts: list[str],
    *,
    n_docs: int | None = None,
    words: int | None = None,
    chars: int | None = None,
) -> pd.DataFrame:
    """A documents table cycling through ``texts`` (new doc_id each time) to a size."""
    rows = []
    total = 0
    i = 0
    while (n_docs is not None and len(rows) < n_docs) or (words is not None and total < words):
        text = texts[i % len(texts)]
        if chars:
            text = truncate(text, chars)
        rows.append({"doc_id": f"b{i:07d}", "text": text, "date": pd.Timestamp("2016-10-01")})
        total += len(text.split())
        i += 1
    return pd.DataFrame.from_records(rows, columns=["doc_id", "text", "date"]).assign(source=None)


def n_words(texts) -> int:
    return sum(len(t.split()) for t in texts)


def working_extractors(sample: list[str] | None = None) -> list[str]:
    """Extractors that exist and run without error on ``sample`` texts right now.

    Extractors are being written by others in parallel; one that fails is left
    out (with a note) so the benchmark measures whatever works.
    """
    from kit.extract.registry import EXTRACTORS, REQUIRES
    from kit.nlp.model import DocInfo, load_model, parse_texts, sentence_rows
    from kit.run.pipeline import Settings, resources_for

    sample = sample or ["Officials said on Monday that 300 people left, the mayor said."]
    nlp = load_model()
    docs = list(parse_texts(nlp, sample))
    infos = []
    for i, (text, doc) in enumerate(zip(sample, docs)):
        starts = tuple(s["start"] for s in sentence_rows(doc, f"s{i}")) or (0,)
        infos.append(DocInfo(doc_id=f"s{i}", text=text, sent_starts=starts))
    ok: list[str] = []
    found: list[dict] = [{} for _ in docs]
    for name, module_name in EXTRACTORS.items():
        if any(r not in ok for r in REQUIRES.get(name, ())):
            print(f"note: extractor {name!r} left out (needs {REQUIRES[name]})")
            continue
        try:
            module = importlib.import_module(module_name)
            res = resources_for(Settings.make(extractors=[*ok, name]))
            rows = [module.extract(d, info, res, f) for d, info, f in zip(docs, infos, found)]
        except Exception as exc:  # noqa: BLE001 - report and go on without it
            print(f"note: extractor {name!r} left out ({type(exc).__name__}: {exc})")
            continue
        for f, r in zip(found, rows):
            f[module.TABLE] = r
        ok.append(name)
    return ok


def save(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def table(rows: list[dict], columns: list[str]) -> str:
    """A plain text table."""
    cells = [[str(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)
