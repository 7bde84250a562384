"""The README is checked (its links resolve, its Python example runs as written) and
docs/tables.md is the schemas of kit/tables.py."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_links_point_to_files():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert links, "the README links to the docs"
    missing = [link for link in links if not (ROOT / link).exists()]
    assert not missing


def test_readme_python_example_runs(monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
    result = namespace["result"]
    assert len(result.documents) == 1
    assert {"actors", "quantities", "attributions", "timexes"} <= set(result.tables())


def test_readme_names_the_two_commands_ci_runs():
    assert "bash scripts/lab.sh" in README and "bash scripts/test.sh" in README
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_tables_doc_matches_the_schemas():
    from kit.tables import markdown

    written = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert written == markdown(), "regenerate: python -m kit.tables > docs/tables.md"
