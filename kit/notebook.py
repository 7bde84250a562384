"""The curated notebooks' shared set-up in one call, their accuracy notes, and their sync.

>>> from kit.notebook import setup
>>> nb = setup(corpus=None)        # the examples: seed article + Wikinews  # doctest: +SKIP
>>> nb.result.actors.head()        # the corpus patterns (Wikinews)         # doctest: +SKIP
>>> nb.for_doc["quantities"]       # the close-up document (the seed)       # doctest: +SKIP

``CORPUS = None`` (the notebooks' default) means the two example corpora: the seed
article in ``data/`` for the close-up ("one document, every table") and the Wikinews
sample (:func:`kit.datasets.wikinews`) for the corpus patterns. Both are analysed once
into one store (:func:`example_store`) that every notebook reuses. A path means your
own texts: the patterns and the close-up (its first document, or ``DOC_ID``) both come
from it.

The notebooks are kept as jupytext ``py:percent`` files (``notebooks/*.py``, the
source) paired with ``.ipynb`` files committed without outputs. After editing a ``.py``
file (or a notebook in JupyterLab, which saves both), rewrite the ``.ipynb`` files::

    python -m kit.notebook sync            # notebooks/*.py -> notebooks/*.ipynb, no outputs
    python -m kit.notebook sync --check    # exit 1 and name the stale ones
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from kit.present.display import Finding, finding

REPO_ROOT = Path(__file__).resolve().parents[1]
#: The folder of the seed article (the close-up of the examples).
SEED_CORPUS = REPO_ROOT / "data"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
#: Where the benchmark scripts write their figures (read by :func:`accuracy`).
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
#: Above this many documents to analyse, two worker processes are used (when there are 2 cores).
PARALLEL_FROM = 40
#: File name of the examples' store (in the dataset cache folder unless ``$KIT_STORE`` is set).
EXAMPLE_STORE_NAME = "examples.duckdb"


# ------------------------------------------------------------------- set-up --


@dataclass
class NotebookData:
    """What :func:`setup` returns: the analyses, the close-up document, notes on the data."""

    #: The corpus patterns: the Wikinews sample (examples) or your corpus.
    result: Any
    #: The analysis holding the close-up document (the seed article, or ``result``).
    close_up: Any
    #: The close-up document's id.
    doc_id: str
    #: True when the example corpora are used (``CORPUS = None``).
    examples: bool
    #: A line naming each corpus and its size, and the credit for the Wikinews texts.
    notes: list[Finding] = field(default_factory=list)
    #: The Wikinews credit (licence and attribution) when its texts are used, else None.
    credit: Finding | None = None
    #: The documents table as loaded for :attr:`result` (its ``attrs`` hold the load report).
    loaded: pd.DataFrame | None = None

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of :attr:`result` by name."""
        return self.result.tables()

    @cached_property
    def doc_row(self) -> pd.Series:
        """The close-up document's row of the documents table."""
        docs = self.close_up.documents
        return docs[docs["doc_id"].astype(str) == self.doc_id].iloc[0]

    @cached_property
    def for_doc(self) -> dict[str, pd.DataFrame]:
        """Every table of the close-up analysis, cut to the close-up document."""
        out = {}
        for name, table in self.close_up.tables().items():
            keep = table["doc_id"].astype(str) == self.doc_id if "doc_id" in table else None
            out[name] = table[keep] if keep is not None else table
        return out

    def data_note(self) -> Finding:
        """The notes as one Markdown block (escaped values), for ``display``."""
        return finding("\n\n").join(self.notes)


def setup(
    corpus: str | os.PathLike | None = None,
    *,
    model: str | None = None,
    doc_id: str | None = None,
    extractors: Sequence[str] | None = None,
    store: bool | str | os.PathLike = True,
    progress: bool = True,
    table_files: str | os.PathLike | None = None,
    years: Sequence[int] = (2019, 2020),
    n_process: int | None = None,
) -> NotebookData:
    """Load and analyse the notebook's corpora (reusing the store); see the module docstring.

    Also sets up complete tables (:func:`kit.present.tables.setup` with ``table_files``),
    inline figures and pandas' column width. ``n_process=None`` uses two processes when
    more than :data:`PARALLEL_FROM` documents are analysed and the machine has two cores.

    >>> nb = setup("../data/", store=False, progress=False)   # doctest: +SKIP
    >>> nb.doc_id                                               # doctest: +SKIP
    '2017-06-04_syria-tanf'
    """
    from kit.io.corpus import load
    from kit.present.tables import setup as setup_tables

    setup_tables(files=table_files)
    pd.set_option("display.max_colwidth", 80)
    _inline_figures()
    options = {"model": model, "extractors": extractors, "progress": progress}
    notes: list[Finding] = []
    credit = None
    if corpus is None:
        where = example_store() if store is True else store
        seed_docs = load(SEED_CORPUS) if SEED_CORPUS.is_dir() else None
        wiki, problem = _wikinews(years)
        if seed_docs is None and wiki is None:
            raise RuntimeError(f"no example corpus: {SEED_CORPUS} is missing and {problem}")
        result = close_up = loaded = None
        if wiki is not None:
            loaded = wiki
            result = _analyze(wiki, store=where, n_process=n_process, **options)
            credit = wikinews_credit(wiki)
            notes.append(
                finding(
                    "**Corpus patterns:** the Wikinews sample, {n:,} articles from {a} to {b} "
                    "({words:,} words).",
                    n=len(wiki),
                    a=str(wiki["date"].min())[:10],
                    b=str(wiki["date"].max())[:10],
                    words=int(pd.to_numeric(wiki["n_words"], errors="coerce").sum()),
                )
                + " "
                + credit
            )
        if seed_docs is not None:
            close_up = _analyze(seed_docs, store=where, n_process=1, **options)
            notes.append(
                finding(
                    "**Close-up:** the seed article in `data/` ({n}).",
                    n=plural(len(seed_docs), "document"),
                )
            )
        if result is None:
            result, loaded = close_up, seed_docs
            notes.append(
                finding(
                    "**The Wikinews sample could not be loaded**, so the patterns below are "
                    "computed on the seed article only: {problem}",
                    problem=problem,
                )
            )
        close_up = close_up if close_up is not None else result
    else:
        docs = loaded = load(Path(corpus).expanduser())
        result = close_up = _analyze(docs, store=store, n_process=n_process, **options)
        notes.append(
            finding(
                "**Corpus:** {n} from `CORPUS` ({where}); the close-up shows one of them.",
                n=plural(len(docs), "document"),
                where=str(corpus),
            )
        )
        if "licence" in docs.columns and docs["licence"].notna().any():
            credit = finding(
                "Licences of these texts: {lic} (see the `licence` and `attribution` columns).",
                lic=", ".join(sorted(docs["licence"].dropna().astype(str).unique())),
            )
            notes.append(credit)
    ids = close_up.documents["doc_id"].astype(str)
    if doc_id is None:
        if not len(ids):
            raise ValueError("the corpus has no document to show up close")
        chosen = ids.iloc[0]
    else:
        chosen = str(doc_id)
        if chosen not in set(ids):
            raise KeyError(f"DOC_ID {chosen!r} is not in the corpus; try one of {list(ids[:5])}")
    return NotebookData(
        result=result,
        close_up=close_up,
        doc_id=chosen,
        examples=corpus is None,
        notes=notes,
        credit=credit,
        loaded=loaded,
    )


def example_store() -> Path:
    """The store of the example corpora: ``$KIT_STORE`` if set, else the dataset cache folder.

    >>> example_store().name in ("examples.duckdb", Path(os.environ.get("KIT_STORE", "x")).name)
    True
    """
    env = os.environ.get("KIT_STORE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("kit")) / "datasets" / EXAMPLE_STORE_NAME


def _wikinews(years: Sequence[int]) -> tuple[pd.DataFrame | None, str]:
    """The Wikinews sample (its load warning is in its load report), or the reason it is not."""
    import warnings

    from kit.datasets import DatasetError, wikinews

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 1 empty article: in kit.load_report(docs)
            return wikinews(years=tuple(years)), ""
    except DatasetError as exc:
        return None, str(exc)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun, singular or plural, with a thousands separator.

    >>> plural(1, "document"), plural(1200, "document"), plural(2, "entry", "entries")
    ('1 document', '1,200 documents', '2 entries')
    """
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def _analyze(docs: pd.DataFrame, *, store: Any, n_process: int | None, **options: Any) -> Any:
    from kit.api import analyze

    if n_process is None:
        n_process = 2 if len(docs) > PARALLEL_FROM and (os.cpu_count() or 1) >= 2 else 1
    return analyze(docs, store=store, n_process=n_process, **options)


def _inline_figures() -> None:
    """``%matplotlib inline`` when running in IPython (figures show as PNG)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kit
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "run_line_magic"):
        shell.run_line_magic("matplotlib", "inline")


def wikinews_credit(docs: pd.DataFrame | None = None) -> Finding:
    """The credit Wikinews' licence asks for, as Markdown (a link to the licence).

    >>> print(wikinews_credit())  # doctest: +ELLIPSIS
    Texts: Wikinews articles, licensed [CC BY 2.5](https://creativecommons.org/licenses/by/2.5/)...
    """
    from kit.datasets import WIKINEWS_LICENCE, WIKINEWS_LICENCE_URL

    # the licence name and address are the kit's own constants: trusted markup
    text = Finding(
        f"Texts: Wikinews articles, licensed [{WIKINEWS_LICENCE}]({WIKINEWS_LICENCE_URL}); "
        "each article's address is in the `url` column and its credit line in `attribution`."
    )
    selection = (docs.attrs.get("licence") if docs is not None else None) or ""
    if "selection:" in selection:
        text += finding(" Selection: {s}.", s=selection.split("selection:", 1)[1].strip())
    return text


# ----------------------------------------------------------------- accuracy --


def _load(name: str, results: Path | None) -> dict | None:
    path = (results or RESULTS_DIR) / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _actors(results: Path | None) -> list[Finding]:
    out = []
    ner = _load("ner_bench", results)
    kit_f1, raw_f1 = _get(ner, "kit", "per_org_loc_f1"), _get(ner, "spacy", "per_org_loc_f1")
    if kit_f1 is not None:
        out.append(
            finding(
                "Person/organisation/place mentions on CoNLL-2003 dev ({n:,} documents): F1 "
                "**{f:.2f}** (spaCy's own entities: {raw:.2f}; organisations {org:.2f}, "
                "people {per:.2f}, places {loc:.2f}).",
                n=_get(ner, "n_docs") or 0,
                f=kit_f1,
                raw=raw_f1 or float("nan"),
                org=_get(ner, "kit", "org_f1") or float("nan"),
                per=_get(ner, "kit", "per_f1") or float("nan"),
                loc=_get(ner, "kit", "loc_f1") or float("nan"),
            )
        )
    sur = _get(_load("surname_bench", results), "surname_accuracy")
    if sur:
        out.append(
            finding(
                "A bare surname linked to the right person (PolNeAR dev, {n:,} mentions): "
                "**{a:.1%}**; in documents naming two people with that surname {b:.1%}.",
                n=sur.get("n_all", 0),
                a=sur.get("all", float("nan")),
                b=sur.get("ambiguous documents", float("nan")),
            )
        )
    audit = _get(_load("merge_audit", results), "merge_audit", "wikinews")
    if audit and audit.get("counts"):
        c = audit["counts"]
        out.append(
            finding(
                "Read by hand, the {n} most mentioned Wikinews actors: {right} right, {merge} "
                "wrongly merged with another, {wrong} of the wrong type, {junk} not actors.",
                n=audit.get("n_top", 100),
                right=c.get("right", 0),
                merge=c.get("merge", 0),
                wrong=c.get("wrong_type", 0),
                junk=c.get("junk", 0),
            )
        )
    return out


def _quantities(results: Path | None) -> list[Finding]:
    data = _load("quantities_bench", results)
    out = []
    dev = _get(data, "dev_gold", "kit")
    if dev:
        out.append(
            finding(
                "On the kit's dev gold ({n:,} amounts in Wikinews and PolNeAR sentences): "
                "value F1 **{v:.2f}**, value and unit {vu:.2f}, value and direction of "
                "change {vc:.2f}.",
                n=dev.get("gold", 0),
                v=_get(dev, "value", "f1"),
                vu=_get(dev, "value_unit", "f1"),
                vc=_get(dev, "value_change", "f1"),
            )
        )
    suite = _get(data, "accuracy", "quantities.json", "kit")
    if suite:
        out.append(
            finding(
                "On the hard-case suite ({n:,} cases): value and unit F1 {f:.2f}.",
                n=suite.get("cases", 0),
                f=suite.get("value_unit_f1", float("nan")),
            )
        )
    return out


def _sourcing(results: Path | None) -> list[Finding]:
    out = []
    scores = _get(_load("attribution_bench", results), "systems", "kit-rules", "scores")
    if scores:
        out.append(
            finding(
                "On PolNeAR dev ({n:,} articles, {g:,} attributions): relation with the right "
                "source F1 **{rs:.2f}**; exact spans: cue {cue:.2f}, source {src:.2f}, "
                "content {con:.2f} (content overlapping the gold: {conov:.2f}).",
                n=scores.get("docs", 0),
                g=scores.get("gold_relations", 0),
                rs=scores.get("relation_source_f1"),
                cue=scores.get("cue_exact_f1"),
                src=scores.get("source_exact_f1"),
                con=scores.get("content_exact_f1"),
                conov=scores.get("content_overlap_f1"),
            )
        )
    src = _load("sources_bench", results)
    if src and "type_accuracy" in src:
        out.append(
            finding(
                "Source types on 20 hand-checked articles ({m:,} sources): **{t:.1%}** right; "
                "pronouns linked to the right person {p:.1%} ({pn}); share of anonymous "
                "sources {ak:.1%} (gold {ag:.1%}).",
                m=src.get("matched", 0),
                t=src["type_accuracy"],
                p=src.get("pronoun_referent_accuracy", float("nan")),
                pn=src.get("pronoun_referents", ""),
                ak=src.get("anonymous_share_kit", float("nan")),
                ag=src.get("anonymous_share_gold", float("nan")),
            )
        )
    return out


def _timexes(results: Path | None) -> list[Finding]:
    data = _get(_load("timex_bench", results), "systems", "kit.timex")
    if not data:
        return []
    return [
        finding(
            "Time expressions on TimeBank ({n:,} documents, {g:,} expressions): found "
            "(overlapping) F1 **{f:.2f}**, resolved to the right value {v:.2f}, type {t:.1%}.",
            n=data.get("docs", 0),
            g=data.get("gold_timexes", 0),
            f=data.get("relaxed_f1"),
            v=data.get("value_f1"),
            t=data.get("type_accuracy"),
        )
    ]


def _loading(results: Path | None) -> list[Finding]:
    data = _load("load_bench", results)
    pol = _get(data, "polnear", "kit")
    if not pol:
        return []
    return [
        finding(
            "Loading PolNeAR ({n} files with a metadata table): {d} documents, {dated} with a "
            "date, {titled} with a title; {same} texts identical to their files byte for "
            "byte (the others differ by Unicode normalisation).",
            n=_get(data, "polnear", "files") or 0,
            d=pol.get("documents", 0),
            dated=pol.get("with_date", 0),
            titled=pol.get("with_title", 0),
            same=pol.get("text_equals_utf8_file", 0),
        )
    ]


#: topic -> (benchmark scripts that measure it, the function reading their results)
ACCURACY: dict[str, tuple[tuple[str, ...], Callable[[Path | None], list[Finding]]]] = {
    "corpus": (("load_bench",), _loading),
    "actors": (("ner_bench", "surname_bench", "merge_audit"), _actors),
    "quantities": (("quantities_bench",), _quantities),
    "sourcing": (("attribution_bench", "sources_bench"), _sourcing),
    "timeline": (("timex_bench",), _timexes),
}


def accuracy(topic: str, *, results: str | os.PathLike | None = None) -> Finding:
    """The kit's measured accuracy for a topic, read now from ``benchmarks/results/*.json``.

    ``topic`` is one of :data:`ACCURACY`. When no result file is found (an installed kit
    has no ``benchmarks/`` folder) the sentence says how to measure it.

    >>> print(accuracy("timeline", results="/nowhere"))  # doctest: +ELLIPSIS
    No measured accuracy found here: run `python benchmarks/timex_bench.py` ...
    """
    if topic not in ACCURACY:
        raise ValueError(f"unknown topic {topic!r}; choose from {sorted(ACCURACY)}")
    scripts, read = ACCURACY[topic]
    found = read(Path(results) if results else None)
    if not found:
        names = ", ".join(f"`python benchmarks/{s}.py`" for s in scripts)
        return Finding(
            f"No measured accuracy found here: run {names} in a clone of the kit's repository "
            "(they need the evaluation data in `../shared/benchmarks`); their figures are in "
            "`benchmarks/results/`."
        )
    files = ", ".join(f"`benchmarks/results/{s}.json`" for s in scripts)
    return finding("\n").join(finding("- {x}", x=f) for f in found) + Finding(
        f"\n\n(Read from {files} when this notebook ran.)"
    )


# --------------------------------------------------------------------- sync --


def paired_notebook(text_path: Path) -> Any:
    """The notebook a ``py:percent`` file stands for: no outputs, numbered cell ids.

    >>> nb = paired_notebook(NOTEBOOKS_DIR / "02_actors.py")   # doctest: +SKIP
    """
    import jupytext

    nb = jupytext.read(text_path, fmt="py:percent")
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (kit)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        if cell.cell_type == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def cells_of(nb: Any) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """What pairing keeps equal: each cell's type, source and tags, and whether it has output.

    >>> import nbformat.v4 as v4
    >>> cells_of(v4.new_notebook(cells=[v4.new_code_cell("1")]))
    [('code', '1', (), False)]
    """
    return [
        (
            c.cell_type,
            str(c.source).rstrip("\n"),
            tuple(c.get("metadata", {}).get("tags", ())),
            bool(c.get("outputs")) or c.get("execution_count") is not None,
        )
        for c in nb.cells
    ]


def sync(paths: Sequence[str | os.PathLike] | None = None, *, check: bool = False) -> list[Path]:
    """Write each ``.ipynb`` from its ``.py`` (default: ``notebooks/*.py``); returns the stale ones.

    An ``.ipynb`` is stale when it is missing, has outputs, or its cells (type, source,
    tags) differ from the ``.py`` file's. With ``check`` nothing is written.

    >>> sync(check=True)   # doctest: +SKIP
    []
    """
    import nbformat

    sources = [Path(p) for p in paths] if paths else sorted(NOTEBOOKS_DIR.glob("[0-9]*.py"))
    stale = []
    for source in sources:
        target = source.with_suffix(".ipynb")
        wanted = paired_notebook(source)
        if target.is_file():
            current = nbformat.read(target, as_version=4)
            if cells_of(current) == cells_of(wanted):
                continue
        stale.append(target)
        if not check:
            target.write_text(nbformat.writes(wanted) + "\n", encoding="utf-8")
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kit.notebook sync [--check] [FILE.py ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m kit.notebook", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sync", help="write notebooks/*.ipynb from notebooks/*.py (no outputs)")
    s.add_argument("paths", nargs="*", help="py:percent files (default: notebooks/*.py)")
    s.add_argument("--check", action="store_true", help="write nothing; exit 1 if any is stale")
    args = parser.parse_args(argv)
    stale = sync(args.paths, check=args.check)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
