"""kit.present.render: papermill runs, offline HTML pages and the index (no browser here)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from _demo_notebook import DEMO_TITLE, demo_notebook, write_demo_corpus
from _rendered import demo_site
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.present import render
from kit.present.render import (
    CDN_REQUIREJS,
    CDN_WIDGETS,
    AssetsMissing,
    CorpusError,
    Page,
    bundle_assets,
    check_corpus,
    index_html,
    notebook_html,
    notebook_title,
    render_notebooks,
    resolve_notebooks,
    run_notebook,
)

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


class _Text(HTMLParser):
    """Visible text of a page (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def _srcs(html: str) -> list[str]:
    return re.findall(r'<(?:script|link|img)[^>]*?(?:src|href)="([^"]+)"', html)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


@pytest.fixture(scope="module")
def page_html(site) -> str:
    return site.pages[0].html.read_text(encoding="utf-8")


def test_pages_and_index_are_written(site):
    (page,) = site.pages
    assert page.error is None
    assert page.html == site.out / "01_demo.html"
    assert page.title == DEMO_TITLE
    assert page.executed == site.out / "executed" / "01_demo.ipynb"
    index = (site.out / "index.html").read_text(encoding="utf-8")
    assert DEMO_TITLE in index
    assert 'href="01_demo.html"' in index
    assert str(site.corpus.resolve()) in index
    assert "2 documents" in index
    assert re.search(r'id="run-date">\d{4}-\d{2}-\d{2}<', index)


def test_parameters_injected_and_widget_state_kept(site):
    nb = nbformat.read(site.pages[0].executed, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert f"CORPUS = {json.dumps(str(site.corpus.resolve()))}" in injected[0].source
    outputs = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "corpus has 2 text files" in outputs
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    models = {m["model_name"] for m in state.values()}
    assert {"IntSliderModel", "DropdownModel", "OutputModel"} <= models


def test_page_is_offline_with_embedded_state_and_images(site, page_html):
    for src in _srcs(page_html):
        assert not src.startswith(("http:", "https:", "//")), f"page loads {src} from the network"
        if not src.startswith("data:"):
            assert (site.out / src).is_file(), f"missing asset {src}"
    assert 'src="_static/require.js"' in page_html
    assert "_static/html-manager/embed-amd.js" in page_html
    assert f'<script type="{WIDGET_STATE}">' in page_html
    assert "application/vnd.jupyter.widget-view+json" in page_html
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page_html)
    assert "mathjax" not in page_html.lower()
    assert 'class="kit-doc"' in page_html  # the highlighted document
    assert (site.out / "_static" / "require.js").stat().st_size > 10_000


def test_no_input_hides_code_but_keeps_outputs(site, page_html):
    bare = notebook_html(site.pages[0].executed, assets=bundle_assets(site.out), no_input=True)
    assert "IntSlider" in visible_text(page_html)
    assert "IntSlider" not in visible_text(bare)
    assert "corpus has 2 text files" in visible_text(bare)
    assert re.search(r'<img[^>]+src="data:image/png;base64,', bare)
    assert f'<script type="{WIDGET_STATE}">' in bare


def test_same_notebook_gives_the_same_page(site, page_html):
    header = re.search(r'<section class="kit-provenance".*?</section>', page_html, re.S)
    again = notebook_html(
        site.pages[0].executed,
        assets=bundle_assets(site.out),
        header=header.group(0),
        notebook_name=site.pages[0].notebook.name,
    )
    assert again == page_html  # element ids are numbered, not random


def test_rerun_gives_the_same_page_but_for_the_time(site, tmp_path):
    """Two runs into one folder: byte-identical pages once the run time is masked."""
    out = tmp_path / "site"

    def render() -> dict[str, str]:
        pages = render_notebooks(
            [site.pages[0].notebook], corpus=site.corpus, out=out, progress=False, log=print
        )
        texts = {p.html.name: p.html.read_text(encoding="utf-8") for p in pages}
        texts["index.html"] = (out / "index.html").read_text(encoding="utf-8")
        return {k: _TIME.sub("TIME", v) for k, v in texts.items()}

    first = render()
    assert first == render()
    assert all("TIME" in text for text in first.values())


_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def test_cdn_only_with_allow_cdn(tmp_path, monkeypatch, site):
    import kit.present.assets as assets_module

    monkeypatch.setattr(assets_module, "WIDGETS_DIR", tmp_path / "no-package-files")
    monkeypatch.setenv("KIT_NODE_MODULES", str(tmp_path / "nowhere"))
    with pytest.raises(AssetsMissing, match="scripts/setup.sh"):
        bundle_assets(tmp_path / "site")
    assets = bundle_assets(tmp_path / "site", allow_cdn=True)
    assert not assets.offline
    assert "--allow-cdn" in assets.message and "CDN" in assets.message
    assert assets.require_js == CDN_REQUIREJS and "2.3.7" in CDN_REQUIREJS
    assert assets.widgets_js == CDN_WIDGETS and "html-manager@1.0.15" in CDN_WIDGETS
    html = notebook_html(site.pages[0].executed, assets=assets)
    assert CDN_REQUIREJS in html and CDN_WIDGETS in html
    assert not (tmp_path / "site" / "_static").exists()


def test_unusable_corpus_stops_before_running(tmp_path, site):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="empty"):
        check_corpus(empty)
    with pytest.raises(CorpusError):
        check_corpus(tmp_path / "does-not-exist")
    out = tmp_path / "site"
    with pytest.raises(CorpusError):
        render_notebooks([site.pages[0].notebook], corpus=empty, out=out, log=print)
    assert not out.exists()


def test_failing_notebook_is_reported_and_still_rendered(tmp_path):
    nb = new_notebook(
        cells=[new_markdown_cell("# Broken"), new_code_cell("raise ValueError('boom 42')")]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    corpus = write_demo_corpus(tmp_path / "corpus")
    err = run_notebook(path, corpus=corpus, output=tmp_path / "run" / "broken.ipynb")
    assert err is not None and "boom 42" in err
    pages = render_notebooks(
        [path], corpus=corpus, out=tmp_path / "site", progress=False, log=print
    )
    assert "boom 42" in pages[0].error
    assert "boom 42" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert pages[0].html.is_file()


def test_resolve_notebooks(tmp_path):
    path = tmp_path / "x.ipynb"
    nbformat.write(demo_notebook(), path)
    assert resolve_notebooks([path]) == [path.resolve()]
    assert resolve_notebooks([tmp_path / "x"]) == [path.resolve()]
    with pytest.raises(FileNotFoundError, match="not found"):
        resolve_notebooks(["no_such_notebook"])


def test_notebook_title_and_index_escaping():
    nb = new_notebook(
        cells=[new_code_cell("1"), new_markdown_cell("Intro\n\n## Who <b>speaks</b>")]
    )
    assert notebook_title(nb, "fallback") == "Who <b>speaks</b>"
    assert notebook_title(new_notebook(), "fallback") == "fallback"
    page = Page(
        notebook=Path("02_x.ipynb"), executed=Path("e"), html=Path("02_x.html"), title="<b>T</b>"
    )
    html = index_html([page], corpus="/data/<c>", n_documents=1234, when="2024-01-02")
    assert "&lt;b&gt;T&lt;/b&gt;" in html and "<b>T</b>" not in html
    assert "/data/&lt;c&gt;" in html and "1,234 documents" in html
    assert 'id="run-date">2024-01-02<' in html


def test_run_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1496534400")
    assert render.run_date() == "2017-06-04"


def test_missing_kernel_is_an_error_not_a_crash(tmp_path):
    nb = demo_notebook()
    nb.metadata["kernelspec"] = {"name": "no-such-kernel-xyz", "display_name": "?", "language": "?"}
    path = tmp_path / "k.ipynb"
    nbformat.write(nb, path)
    corpus = write_demo_corpus(tmp_path / "corpus")
    pages = render_notebooks(
        [path], corpus=corpus, out=tmp_path / "site", progress=False, log=print
    )
    assert "no-such-kernel-xyz" in pages[0].error
    assert pages[0].html.is_file()


def test_self_contained_pages_need_no_other_file(site, tmp_path):
    assets = bundle_assets(tmp_path, self_contained=True)
    html = notebook_html(site.pages[0].executed, assets=assets)
    assert not (tmp_path / "_static").exists()
    assert not [s for s in _srcs(html) if not s.startswith("data:")]
    assert "</script" not in assets.inline_widgets.lower()
    assert html.count("<script>") >= 2 and len(html) > 3_000_000
    assert f'<script type="{WIDGET_STATE}">' in html
