"""The curated notebooks: committed without outputs, generated from code, and each one runs
top to bottom in a fresh kernel on the bundled data/ and on a small multi-document corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NB_DIR = ROOT / "notebooks"
NAMES = ["01_corpus", "02_actors", "03_quantities", "04_sourcing", "05_timeline"]

# Written for these tests: four short invented news items from two outlets.
SMALL_CORPUS = {
    "2021-03-01_port.txt": (
        "date 2021-03-01 Port officials said on Friday that about 1,200 containers were stuck "
        "at the harbour after the storm. \u201cWe expect delays of two weeks,\u201d Mayor Anna "
        "Berg told Reuters. The European Union has offered 3 million euros in aid."
    ),
    "2021-03-02_port-follow-up.txt": (
        "date 2021-03-02 The harbour reopened on Monday, a spokesman for the port authority "
        "said. More than 40 ships waited 12 km (7.5 miles) off the coast, according to "
        "officials who asked not to be named. Anna Berg said the city would review its plans."
    ),
    "2021-04-10_budget.txt": (
        "date 2021-04-10 The council approved a budget of $45 million on Tuesday. Critics "
        "claimed the plan ignores the harbour. The European Union and the city will share "
        "costs, Finance Minister Omar Haddad said last week."
    ),
    "2021-05-20_strike.txt": (
        "date 2021-05-20 Dock workers may strike next month, union leaders warned. Nearly "
        "300 workers met in May. The port authority denied that wages had fallen."
    ),
}
METADATA = (
    "file,publisher,title\n"
    "2021-03-01_port.txt,Harbour Herald,Storm strands containers\n"
    "2021-03-02_port-follow-up.txt,Harbour Herald,Harbour reopens\n"
    "2021-04-10_budget.txt,City Times,Council passes budget\n"
    "2021-05-20_strike.txt,City Times,Strike threat\n"
)

#: Text each executed notebook must show (computed explanations and static counterparts).
EXPECTED = {
    "01_corpus": ["The corpus has", "load report", "kit-doc", "image/png", "widget-view"],
    "02_actors": ["distinct actors", "kit-doc", "image/png", "widget-view", "Actors (static copy)"],
    "03_quantities": [
        "quantities",
        "kit-doc",
        "image/png",
        "widget-view",
        "Quantities (static copy)",
    ],
    "04_sourcing": [
        "statements",
        "kit-doc",
        "image/png",
        "widget-view",
        "Attributions (static copy)",
    ],
    "05_timeline": ["time expressions", "kit-doc", "image/png", "widget-view", "Timeline"],
}


def test_committed_notebooks_have_no_outputs():
    for name in NAMES:
        nb = nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{name} has outputs"
                assert cell.execution_count is None, f"{name} has execution counts"


def test_notebooks_match_generator_and_rules():
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    for name in NAMES:
        nb = nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)
        assert nb.cells[0].cell_type == "markdown"
        head = nb.cells[0].source
        for word in ("**Question:**", "**Data:**", "**Prerequisites:**", "**Time to run:**"):
            assert word in head, f"{name} header lacks {word}"
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and 'CORPUS = "../data/"' in params[0].source
        assert nb.cells[-1].source.startswith("## Try it on your own texts")
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "show_table(" in code and "static_table(" in code and "render_document(" in code


def run(name: str, out_dir: Path, corpus: Path) -> nbformat.NotebookNode:
    import papermill as pm

    out = out_dir / f"{name}.ipynb"
    pm.execute_notebook(
        str(NB_DIR / f"{name}.ipynb"),
        str(out),
        parameters={"CORPUS": str(corpus)},
        cwd=str(NB_DIR),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=300,
    )
    return nbformat.read(out, as_version=4)


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.output_type != "error", f"{o.get('ename')}: {o.get('evalue')}"
            parts.append(json.dumps(o))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small_corpus")
    for name, text in SMALL_CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_bundled_data(name, tmp_path):
    text = outputs_text(run(name, tmp_path, ROOT / "data"))
    for needle in EXPECTED[name]:
        assert needle in text, f"{name}: {needle!r} missing from the outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_small_corpus(name, tmp_path, small_corpus):
    text = outputs_text(run(name, tmp_path, small_corpus))
    for needle in EXPECTED[name]:
        assert needle in text, f"{name}: {needle!r} missing from the outputs"
    if name == "01_corpus":
        assert "4 documents" in text and "Harbour Herald" in text
