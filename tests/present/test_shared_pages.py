"""Shared pages in headless Chromium: complete tables, their files, frozen widgets, provenance.

The curated notebooks are rendered once on the bundled data (tests/_rendered.py) and
opened with the network blocked. Checks: every table holds all its rows (the
DataTables total equals the rows of the CSV written next to the page), a click on a
column *name* sorts, the page-size menu offers "All", long text wraps at a readable
width, static tables show line breaks (no literal ``\\n``), every widget carries the
frozen-snapshot note, and every page and the index show the provenance and link
the table files, which exist.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd
import pytest
from _browser import chromium_context, require_chromium, screenshot
from _rendered import curated_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    return curated_site(tmp_path_factory)


@pytest.fixture(scope="module")
def pages(site):
    """What each page showed: per table its total, note and files; widgets; provenance."""
    found = {}
    with chromium_context() as context:
        for p in [*site.pages]:
            page = context.new_page()
            page.goto(p.html.as_uri(), wait_until="load")
            page.wait_for_timeout(800)
            info = page.evaluate(
                """() => Array.from(document.querySelectorAll('table.dataTable')).map(t => {
                    const box = t.closest('.dt-container');
                    const out = t.closest('.jp-OutputArea');
                    const note = out ? out.querySelector('.kit-table-note') : null;
                    return {
                      id: t.id,
                      info: box && box.querySelector('.dt-info') ?
                        box.querySelector('.dt-info').innerText : '',
                      rows: t.querySelectorAll('tbody tr').length,
                      note: note ? note.innerText : '',
                      links: note ? Array.from(note.querySelectorAll('a')).map(
                        a => a.getAttribute('href')) : [],
                      lengths: box ? Array.from(box.querySelectorAll('.dt-length option')).map(
                        o => o.value) : [],
                      wrapped: Array.from(t.querySelectorAll('td.kit-wrap')).map(
                        td => td.getBoundingClientRect().width),
                    };
                })"""
            )
            found[p.html.stem] = {
                "tables": info,
                "views": page.locator(VIEW).count(),
                "frozen": page.locator(".kit-frozen-note").count(),
                "frozen_text": page.locator(".kit-frozen-note").first.inner_text()
                if page.locator(".kit-frozen-note").count()
                else "",
                "provenance": page.locator("#provenance").inner_text(),
                "file_links": page.eval_on_selector_all(
                    "#provenance a.kit-table-file", "as => as.map(a => a.getAttribute('href'))"
                ),
                "static_cells": page.eval_on_selector_all(
                    "table.dataframe td", "tds => tds.map(td => td.innerText)"
                ),
                "sort": _click_column_name(page),
                "headings": page.eval_on_selector_all(
                    "h2", "hs => hs.map(h => h.innerText.replace(/\\u00b6/g, '').trim())"
                ),
                "credit": page.locator("#credit").inner_text()
                if page.locator("#credit").count()
                else "",
                "body": page.inner_text("body"),
            }
            screenshot(page, f"shared-{p.html.stem}")
            page.close()
        index = context.new_page()
        index.goto((site.out / "index.html").as_uri(), wait_until="load")
        found["index"] = {
            "provenance": index.locator("#provenance").inner_text(),
            "file_links": index.eval_on_selector_all(
                "td.files a", "as => as.map(a => a.getAttribute('href'))"
            ),
        }
        index.close()
    return found


def _click_column_name(page) -> bool | None:
    """Click the *name* (not the arrow) of the second column of the first table; sorted?"""
    header = page.locator("table.dataTable thead th").nth(1)
    if page.locator("table.dataTable").count() == 0:
        return None
    header.locator(".dt-column-title").click()
    page.wait_for_timeout(300)
    return header.get_attribute("aria-sort") in ("ascending", "descending")


def _total(table: dict) -> int:
    """The DataTables total ("of N entries"), or the rows shown when it has one page only."""
    if not table["info"]:
        return table["rows"]  # itables drops the info line when everything fits on a page
    m = re.search(r"of ([\d,]+) entries", table["info"])
    assert m, f"no DataTables total in {table['info']!r}"
    return int(m.group(1).replace(",", ""))


def test_every_table_holds_all_rows_and_links_its_files(site, pages):
    n_tables = 0
    for name, seen in pages.items():
        if name == "index":
            continue
        for table in seen["tables"]:
            n_tables += 1
            assert "All " in table["note"], f"{name}: {table['note']!r}"
            csv = [link for link in table["links"] if link.endswith(".csv")]
            assert csv and any(link.endswith(".xlsx") for link in table["links"])
            rows = len(pd.read_csv(site.out / unquote(csv[0])))
            assert _total(table) == rows, f"{name}: {table['info']} vs {rows} rows"
            if table["info"]:
                assert "-1" in table["lengths"], f"{name}: no 'All' page size"
    assert n_tables >= 5


def test_a_click_on_the_column_name_sorts(pages):
    assert all(seen["sort"] for n, seen in pages.items() if n != "index" and seen["tables"])


def test_long_text_wraps_at_a_readable_width(pages):
    widths = [
        w for n, s in pages.items() if n != "index" for t in s["tables"] for w in t["wrapped"]
    ]
    assert widths, "no wrapped text column on any page"
    assert max(widths) < 700


def test_static_tables_show_no_literal_newlines(pages):
    cells = [c for n, s in pages.items() if n != "index" for c in s["static_cells"]]
    assert cells and not any("\\n" in c for c in cells)


def test_every_widget_is_marked_frozen(pages):
    for name, seen in pages.items():
        if name == "index":
            continue
        assert seen["frozen"] == seen["views"], name
        if seen["views"]:
            assert "Frozen snapshot" in seen["frozen_text"] and "JupyterLab" in seen["frozen_text"]


def test_provenance_on_every_page_and_the_index(site, pages):
    import kit

    for name, seen in pages.items():
        text = seen["provenance"]
        assert f"kit {kit.__version__}" in text and "model en_core_web_sm" in text, name
        assert re.search(r"run \d{4}-\d\d-\d\dT", text), name
        for link in seen["file_links"]:
            assert (site.out / unquote(link)).is_file(), f"{name}: {link} missing"
    assert len(pages["index"]["file_links"]) >= 10
    assert (site.out / "provenance.json").is_file()


SECTIONS = ["Question", "Data", "Method", "Findings", "Caveats", "Try it on your own texts"]


def test_every_page_tells_the_story_with_caveats(pages):
    for name, seen in pages.items():
        if name == "index":
            continue
        shown = [h for h in seen["headings"] if h in SECTIONS]
        assert shown == SECTIONS, f"{name}: sections {seen['headings']}"
        # the measured accuracy, read from benchmarks/results/ when the notebook ran
        assert "Read from" in seen["body"] or "No measured accuracy" in seen["body"], name
        assert "Known failure modes" in seen["body"], name


def test_wikinews_credit_wherever_its_texts_are_shown(site, pages):
    if site.corpus is not None:
        pytest.skip("rendered on data/: no Wikinews mirror (KIT_DATASETS)")
    for name, seen in pages.items():
        if name == "index":
            continue
        assert "CC BY 2.5" in seen["credit"] and "Wikinews" in seen["credit"], name
    index = (site.out / "index.html").read_text(encoding="utf-8")
    assert 'id="credit"' in index and "CC BY 2.5" in index


def test_every_local_link_of_a_page_resolves(site):
    """Method links (../docs/X.md in the notebooks) point at pages written into the site."""
    for page in sorted(site.out.glob("*.html")):
        body = page.read_text(encoding="utf-8")
        assert "../docs/" not in body, f"{page.name}: a link leaves the site"
        for link in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', body):
            assert (site.out / unquote(link)).exists(), f"{page.name}: {link} missing"
    method = (site.out / "docs" / "actors.html").read_text(encoding="utf-8")
    assert "<h1>" in method and "index.html" in method
