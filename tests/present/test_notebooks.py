"""The curated notebooks: paired text files in sync, safe cells, one story each, and each
one runs top to bottom in a fresh kernel on the bundled data/, on a small multi-document
corpus and on the examples (the seed article and the Wikinews sample)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from kit.notebook import paired_notebook, sync

ROOT = Path(__file__).resolve().parents[2]
NB_DIR = ROOT / "notebooks"
NAMES = ["01_corpus", "02_actors", "03_quantities", "04_sourcing", "05_timeline"]
#: The story every notebook tells, in this order (Markdown headings).
SECTIONS = [
    "## Question",
    "## Data",
    "## Method",
    "## Findings",
    "## Caveats",
    "## Try it on your own texts",
]

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

#: Text each executed notebook must show (computed findings, the document, figures,
#: widgets, the measured accuracy).
EXPECTED = {
    "01_corpus": ["The corpus has", "load report", "kit-doc", "image/png", "widget-view"],
    "02_actors": ["distinct actors", "kit-doc", "image/png", "widget-view", "itables_kit"],
    "03_quantities": ["amounts", "kit-doc", "image/png", "widget-view", "itables_kit"],
    "04_sourcing": ["statements", "kit-doc", "image/png", "widget-view", "itables_kit"],
    "05_timeline": [
        "time expressions",
        "kit-doc",
        "image/png",
        "widget-view",
        "The timeline shows",
        "itables_kit",
    ],
}
#: What the caveats cite from benchmarks/results/ (read when the notebook runs).
ACCURACY = {
    "01_corpus": "load_bench.json",
    "02_actors": "ner_bench.json",
    "03_quantities": "quantities_bench.json",
    "04_sourcing": "attribution_bench.json",
    "05_timeline": "timex_bench.json",
}

# ------------------------------------------------------------------ sources --

#: Calls that would put unescaped corpus text on the page, and what is allowed instead.
UNSAFE = (
    (re.compile(r"\bMarkdown\("), "use display(finding(template, **values)), not Markdown(...)"),
    (
        re.compile(r"\bHTML\((?!\s*$)(?!\s*render_document\()"),
        "HTML(...) may only wrap render_document(...); use static_table or finding",
    ),
    (re.compile(r"\bfinding\(\s*f[\"']"), "finding() templates must not be f-strings"),
    (re.compile(r"_repr_html_|unsafe_allow_html|allow_html"), "no raw HTML from cell code"),
)


def unsafe_lines(source: str) -> list[str]:
    """Lines of cell code that could show corpus text unescaped, with the advice.

    Corpus text is untrusted: computed explanations are built with
    ``kit.present.display.finding(template, **values)`` (the template is the Markdown,
    every value escaped) and HTML only comes from ``render_document`` (which escapes).
    ``HTML(`` at the end of a line opens a call whose argument is on the next line.
    """
    problems = []
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        for pattern, advice in UNSAFE:
            if pattern.search(line):
                problems.append(f"{advice}: {line.strip()}")
        if re.search(r"\bHTML\(\s*$", line):
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if not following.startswith("render_document("):
                problems.append(f"HTML(...) may only wrap render_document(...): {following}")
    return problems


def test_the_safety_check_catches_unescaped_markup():
    for bad in (
        'display(Markdown(f"**{title}**"))',
        "HTML(f'<b>{title}</b>')",
        'finding(f"**{title}**")',
        "HTML(\n    title\n)",
        "df._repr_html_()",
    ):
        assert unsafe_lines(bad), bad
    good = (
        'display(finding("**{t}**", t=title))\nHTML(render_document(result, DOC))\n'
        "HTML(\n    render_document(nb.close_up, DOC)\n)\n# HTML(title) in a comment"
    )
    assert unsafe_lines(good) == []


@pytest.mark.parametrize("name", NAMES)
def test_cells_show_corpus_text_only_escaped(name):
    source = (NB_DIR / f"{name}.py").read_text(encoding="utf-8")
    assert unsafe_lines(source) == []
    assert "finding(" in source, f"{name} builds no finding"


def test_every_notebook_is_a_pair_and_in_sync():
    texts = sorted(p.stem for p in NB_DIR.glob("[0-9]*.py"))
    notebooks = sorted(p.stem for p in NB_DIR.glob("[0-9]*.ipynb"))
    assert texts == notebooks == NAMES
    stale = sync(check=True)
    assert not stale, (
        f"{[p.name for p in stale]} differ from their .py files; run "
        "`python -m kit.notebook sync` (or `jupytext --sync notebooks/*.py`)"
    )


def test_sync_finds_and_fixes_a_stale_notebook(tmp_path):
    text = tmp_path / "01_x.py"
    text.write_text((NB_DIR / "01_corpus.py").read_text(encoding="utf-8"), encoding="utf-8")
    assert sync([text], check=True) == [text.with_suffix(".ipynb")]  # missing
    assert sync([text]) == [text.with_suffix(".ipynb")]
    assert sync([text], check=True) == []
    text.write_text(text.read_text(encoding="utf-8") + "\n# %%\n1 + 1\n", encoding="utf-8")
    assert sync([text], check=True) == [text.with_suffix(".ipynb")]
    assert not (tmp_path / "01_x.ipynb").read_text(encoding="utf-8").count("1 + 1")


def test_committed_notebooks_have_no_outputs():
    for name in NAMES:
        nb = nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)
        assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{name} has outputs"
                assert cell.execution_count is None, f"{name} has execution counts"


@pytest.mark.parametrize("name", NAMES)
def test_each_notebook_tells_one_story(name):
    nb = paired_notebook(NB_DIR / f"{name}.py")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# 0")
    headings = [
        line
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("## ")
    ]
    assert headings == SECTIONS, f"{name}: sections {headings}"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "CORPUS = None" in params[0].source
    assert nb.cells[-1].source.startswith("## Try it on your own texts")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "](../docs/" in markdown, f"{name}: the method links no docs/ page"
    assert "Known failure modes" in markdown
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "setup(" in code and "render_document(" in code and "accuracy(" in code
    assert code.count("show_table(") >= 1
    # one interactive table per table: no static copy of a table shown interactively
    assert "static copy" not in code


# --------------------------------------------------------------------- runs --


def run(name: str, out_dir: Path, corpus: Path | None) -> nbformat.NotebookNode:
    import papermill as pm

    out = out_dir / f"{name}.ipynb"
    pm.execute_notebook(
        str(NB_DIR / f"{name}.ipynb"),
        str(out),
        parameters={"CORPUS": str(corpus), "PROGRESS": False} if corpus else {"PROGRESS": False},
        cwd=str(NB_DIR),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=900,
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
    for needle in [*EXPECTED[name], ACCURACY[name]]:
        assert needle in text, f"{name}: {needle!r} missing from the outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_small_corpus(name, tmp_path, small_corpus):
    text = outputs_text(run(name, tmp_path, small_corpus))
    for needle in EXPECTED[name]:
        assert needle in text, f"{name}: {needle!r} missing from the outputs"
    if name == "01_corpus":
        assert "4 documents" in text and "Harbour Herald" in text
    if name == "02_actors":
        assert "Actors by outlet" in text  # two outlets: the by-outlet view is shown


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_examples(name, tmp_path):
    if not os.environ.get("KIT_DATASETS"):
        pytest.skip("no local mirror of the Wikinews sample (KIT_DATASETS)")
    text = outputs_text(run(name, tmp_path, None))
    for needle in [*EXPECTED[name], "Wikinews", "CC BY 2.5", "Close-up:"]:
        assert needle in text, f"{name}: {needle!r} missing from the outputs"
    assert "could not be loaded" not in text
