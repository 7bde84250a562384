"""A small notebook the render and browser tests build in a temporary folder.

It has what the curated notebooks have: a ``parameters`` cell with ``CORPUS``,
ipywidgets (slider, dropdown, Output), a matplotlib figure, an itables table
(offline mode) and a highlighted document from :mod:`kit.present.display`.

>>> path = write_demo_notebook(tmp_path)   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

DEMO_TITLE = "Demo: widgets, a figure and a table"

CELLS = [
    ("md", f"# {DEMO_TITLE}\n\nA tiny notebook used by the tests."),
    ("params", 'CORPUS = "../data"'),
    (
        "code",
        "from pathlib import Path\n"
        "corpus = Path(CORPUS)\n"
        "files = sorted(p.name for p in corpus.rglob('*.txt'))\n"
        "print(f'corpus has {len(files)} text files')",
    ),
    (
        "code",
        "import ipywidgets as widgets\n"
        "from IPython.display import display\n"
        "slider = widgets.IntSlider(value=3, min=1, max=10, description='Top n')\n"
        "pick = widgets.Dropdown(options=['actors', 'quantities'], value='actors', "
        "description='Table')\n"
        "out = widgets.Output()\n"
        "def refresh(change=None):\n"
        "    out.clear_output()\n"
        "    with out:\n"
        "        print(f'showing top {slider.value} {pick.value}')\n"
        "slider.observe(refresh, names='value')\n"
        "pick.observe(refresh, names='value')\n"
        "refresh()\n"
        "display(widgets.VBox([widgets.HBox([slider, pick]), out]))",
    ),
    (
        "code",
        "import matplotlib\n"
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(4, 2.5))\n"
        "ax.bar(['a', 'b', 'c'], [3, 1, 2], color='#0072B2')\n"
        "ax.set_title('Mentions by actor')\n"
        "ax.set_xlabel('actor'); ax.set_ylabel('mentions')\n"
        "plt.show()",
    ),
    (
        "code",
        "import pandas as pd\n"
        "from itables import init_notebook_mode, show\n"
        "init_notebook_mode(all_interactive=False, connected=False)\n"
        "actors = ['Pentagon', 'Syria', 'Iran', 'Jordan'] + [f'actor {i}' for i in range(20)]\n"
        "table = pd.DataFrame({'actor': actors, 'mentions': range(len(actors), 0, -1)})\n"
        "show(table)",
    ),
    (
        "code",
        "from IPython.display import HTML\n"
        "from kit.present.display import Span, highlight, legend_html\n"
        "text = 'Dillon said the strikes hit 60 tanks on Sunday.'\n"
        "spans = [Span(0, 6, 'actor', 'person'), Span(28, 30, 'quantity', 'count'), "
        "Span(40, 46, 'timex', 'DATE')]\n"
        "HTML('<div class=\"kit-doc\">' + legend_html() + highlight(text, spans) + '</div>')",
    ),
]


def demo_notebook() -> nbformat.NotebookNode:
    """The demo notebook (no outputs)."""
    cells = []
    for kind, source in CELLS:
        if kind == "md":
            cells.append(new_markdown_cell(source))
        else:
            cell = new_code_cell(source)
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
            cells.append(cell)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def write_demo_notebook(folder: str | Path, name: str = "01_demo.ipynb") -> Path:
    """Write the demo notebook into ``folder`` and return its path."""
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(demo_notebook(), path)
    return path


def write_demo_corpus(folder: str | Path) -> Path:
    """A two-article corpus of plain text files (made-up sentences)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2020-01-02_one.txt").write_text(
        "The mayor of Springfield said on Monday that 12 bridges need repair.\n", encoding="utf-8"
    )
    (folder / "2020-01-03_two.txt").write_text(
        "Officials told reporters that about 300 people attended the meeting.\n", encoding="utf-8"
    )
    return folder
