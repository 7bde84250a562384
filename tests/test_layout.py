"""The package layout: imports only go down the layers, curated data lives in the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[1] / "kit"

#: Layers from the bottom up; a module may import its own layer or any layer below.
LAYERS = {
    "version": 0,
    "tables": 0,
    "io": 0,
    "nlp": 1,
    "lexicons": 2,
    "extract": 3,
    "run": 4,
    "api": 5,
    "present": 6,
    "datasets": 0,
    "cli": 7,
    "notebook": 7,
    "__init__": 8,
}


def _layer_of(module: str) -> int:
    """``kit.extract.actors.aliases`` -> the layer of ``extract``."""
    parts = module.split(".")
    if parts == ["kit"]:
        return LAYERS["__init__"]
    head = parts[1]
    if head not in LAYERS:
        raise AssertionError(
            f"{module}: top-level part {head!r} has no layer in tests/test_layout.py"
        )
    return LAYERS[head]


def _module_name(path: Path) -> str:
    rel = path.relative_to(KIT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1] if len(parts) > 2 else parts
    return ".".join(parts)


def _kit_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """Every ``kit...`` module imported anywhere in the file (function-level too)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "kit"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kit":
                # `from kit import x`: x is a submodule or a name defined in kit/__init__
                for a in node.names:
                    sub = KIT / a.name
                    target = (
                        f"kit.{a.name}"
                        if sub.is_dir() or sub.with_suffix(".py").is_file()
                        else "kit"
                    )
                    found.append((node.lineno, target))
            elif node.module.split(".")[0] == "kit":
                found.append((node.lineno, node.module))
    return found


SOURCES = sorted(p for p in KIT.rglob("*.py") if p.name != "__init__.py" or p.parent != KIT)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(KIT)))
def test_imports_only_go_down(path: Path) -> None:
    module = _module_name(path)
    own = _layer_of(module)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = [
        f"line {line}: {target}" for line, target in _kit_imports(tree) if _layer_of(target) > own
    ]
    assert not upward, f"{module} (layer {own}) imports from a layer above it: {upward}"


def test_the_checker_catches_an_upward_import() -> None:
    tree = ast.parse("def f():\n    from kit.api import analyze\n")
    assert [_layer_of(t) for _, t in _kit_imports(tree)] == [LAYERS["api"]]
    assert _layer_of("kit.extract.actors.aliases") < _layer_of("kit.run.store")


def test_every_subpackage_has_a_layer() -> None:
    for p in KIT.iterdir():
        if p.name.startswith(("_", ".")) or p.name == "data":
            continue
        assert p.stem in LAYERS, f"kit/{p.name} is not placed in a layer (tests/test_layout.py)"


def test_curated_tables_live_in_the_package() -> None:
    from kit.lexicons.resources import DATA_DIR, curated_tables

    assert DATA_DIR.resolve() == (KIT / "data").resolve()
    names = {p.name for p in curated_tables()}
    assert {"actors.csv", "cues.csv", "quantities_units.csv"} <= names
    repo_data = KIT.parent / "data"
    assert not list(repo_data.glob("*.csv")), "data/ holds the example articles only"


def test_public_api_is_reachable() -> None:
    import kit

    for name in kit.__all__:
        assert getattr(kit, name) is not None
