"""The curated notebooks: progress bar only when interactive, complete tables, table files."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from _rendered import demo_site

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_and_setup(path):
    nb = nbformat.read(path, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "PROGRESS = True" in params.source and "TABLE_FILES = None" in params.source
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    # kit.notebook.setup passes TABLE_FILES to kit.present.tables.setup
    assert "progress=PROGRESS" in code and "table_files=TABLE_FILES" in code
    assert "itables.show(" not in code  # every interactive table goes through show_table
    assert "show_table(" in code


def test_rendered_runs_without_a_progress_bar_and_with_a_files_folder(tmp_path_factory):
    site = demo_site(tmp_path_factory)
    nb = nbformat.read(site.pages[0].executed, as_version=4)
    injected = next(c for c in nb.cells if c.get("id") == "injected-parameters")
    assert "PROGRESS = False" in injected.source
    assert f'TABLE_FILES = "{(site.out / "01_demo_tables").resolve()}"' in injected.source
    ids = [c.get("id") for c in nb.cells]
    assert len(set(ids)) == len(ids) and all(i.startswith(("cell-", "injected")) for i in ids)


def test_timeline_notebook_shows_what_it_leaves_out():
    nb = nbformat.read(ROOT / "notebooks" / "05_timeline.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "display(timeline_note(tl))" in code
