"""Rendered sites shared by the render and browser tests, built once per session.

Rendering runs kernels, so each site is built once and cached here (a plain
module-level cache, because several test modules share it).

>>> site = demo_site(tmp_path_factory)      # doctest: +SKIP
>>> site.pages[0].html.name                 # doctest: +SKIP
'01_demo.html'
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from _demo_notebook import write_demo_corpus, write_demo_notebook

from kit.present.render import (
    Page,
    bundle_assets,
    default_notebooks,
    index_html,
    notebook_html,
    render_notebooks,
)

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "data"


@dataclass
class Site:
    out: Path
    corpus: Path | None
    pages: list[Page]


_CACHE: dict[str, Site] = {}


def _quiet(_msg: str) -> None:
    pass


def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The demo notebook rendered on a two-article corpus."""
    if "demo" not in _CACHE:
        base = tmp_path_factory.mktemp("demo_site")
        notebook = write_demo_notebook(base / "notebooks")
        corpus = write_demo_corpus(base / "corpus")
        out = base / "site"
        pages = render_notebooks([notebook], corpus=corpus, out=out, progress=False, log=_quiet)
        _CACHE["demo"] = Site(out=out, corpus=corpus, pages=pages)
    return _CACHE["demo"]


def examples_available() -> bool:
    """True when the Wikinews sample can be read offline (a local mirror in KIT_DATASETS)."""
    mirror = os.environ.get("KIT_DATASETS")
    return bool(mirror) and (Path(mirror) / "wikinews").is_dir()


def curated_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Every curated notebook in notebooks/ rendered as ``kit render`` does by default: on
    the examples (seed article + Wikinews sample); on the bundled data/ when the Wikinews
    sample has no local mirror (tests never download). ``Site.corpus`` is None for the
    examples."""
    if "curated" not in _CACHE:
        if not default_notebooks():
            pytest.skip("notebooks/ has no curated notebooks yet (0*.ipynb)")
        out = tmp_path_factory.mktemp("curated_site") / "site"
        corpus = None if examples_available() else SEED_CORPUS
        pages = render_notebooks(corpus=corpus, out=out, progress=False, log=_quiet)
        _CACHE["curated"] = Site(out=out, corpus=corpus, pages=pages)
    return _CACHE["curated"]


def self_contained_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The demo site again, as self-contained pages (scripts inlined, no _static/)."""
    if "self-contained" not in _CACHE:
        demo = demo_site(tmp_path_factory)
        out = tmp_path_factory.mktemp("self_contained_site")
        assets = bundle_assets(out, self_contained=True)
        pages = []
        for page in demo.pages:
            html = out / page.html.name
            html.write_text(notebook_html(page.executed, assets=assets), encoding="utf-8")
            pages.append(dataclasses.replace(page, html=html))
        (out / "index.html").write_text(
            index_html(pages, corpus=str(demo.corpus), n_documents=2), encoding="utf-8"
        )
        _CACHE["self-contained"] = Site(out=out, corpus=demo.corpus, pages=pages)
    return _CACHE["self-contained"]
