"""Rendered pages opened in headless Chromium with the network blocked.

Checks from the DOM: widgets rendered (slider, dropdown, output), figures
loaded, the highlighted document present, itables tables searchable, and no
console errors or blocked requests. Screenshots go to artifacts/.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest
from _browser import Watch, chromium_context, require_chromium, screenshot
from _rendered import curated_site, demo_site, self_contained_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGET_FAILURES = ("Error displaying widget", "Loading widget", "Model state has errors")
SEARCH_BOX = ".dt-search input, .dataTables_filter input"


@dataclass
class PageReport:
    """What one page showed in the browser."""

    name: str
    notebook_error: str | None = None
    views: int = 0
    rendered_views: int = 0
    sliders: int = 0
    dropdowns: int = 0
    outputs: int = 0
    images: list[int] = field(default_factory=list)
    highlighted_spans: int = 0
    tables: int = 0
    search_boxes: int = 0
    search_works: bool | None = None
    sort_works: bool | None = None
    widget_failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def _try_search(page) -> bool | None:
    """Type the first cell of the first itables table into its search box; did rows filter?"""
    box = page.locator(SEARCH_BOX).first
    table = page.locator("table.dataTable").first
    rows = table.locator("tbody tr")
    before = rows.count()
    first = rows.first.locator("td").first.inner_text().strip()
    if not first:
        return None
    box.fill(first)
    page.wait_for_timeout(400)
    texts = [t.strip() for t in rows.all_inner_texts()]
    ok = 0 < len(texts) <= before and all(first.lower() in t.lower() for t in texts)
    box.fill("zzz-no-such-row-qqq")
    page.wait_for_timeout(400)
    empty = table.locator("tbody td.dt-empty, tbody td.dataTables_empty").count() == 1
    box.fill("")
    return ok and empty


def _try_sort(page) -> bool:
    """Click the sort control of the first itables column; is the table ordered by it?"""
    header = page.locator("table.dataTable thead th.dt-orderable-asc").first
    if header.count() == 0:
        return False
    control = header.locator(".dt-column-order")  # itables sorts from the icon only
    (control if control.count() else header).first.click()
    page.wait_for_timeout(300)
    return header.get_attribute("aria-sort") in ("ascending", "descending")


def browse(site, label: str) -> list[PageReport]:
    """Open the index and every page of ``site`` once; report what rendered."""
    reports = []
    watch = Watch()
    with chromium_context(watch=watch) as context:
        targets = [("index", site.out / "index.html", None)]
        targets += [(p.html.stem, p.html, p.error) for p in site.pages]
        for name, path, notebook_error in targets:
            page = context.new_page()
            watch.errors.clear()
            watch.blocked.clear()
            watch.attach(page)
            page.goto(path.as_uri(), wait_until="load")
            report = PageReport(name=name, notebook_error=notebook_error)
            report.views = _count(page, VIEW)
            if report.views:
                # a timeout is reported through the counts below
                with contextlib.suppress(Exception):
                    page.wait_for_function(
                        "n => document.querySelectorAll('.widget-subarea').length >= n",
                        arg=report.views,
                        timeout=30_000,
                    )
                page.wait_for_timeout(500)
            report.rendered_views = _count(page, ".widget-subarea")
            report.sliders = _count(page, ".widget-slider")
            report.dropdowns = _count(page, ".widget-dropdown")
            report.outputs = _count(page, ".widget-output")
            report.images = page.evaluate(
                "Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)"
            )
            report.highlighted_spans = _count(page, ".kit-doc span[style]")
            report.tables = _count(page, "table.dataTable")
            report.search_boxes = _count(page, SEARCH_BOX)
            body = page.inner_text("body")
            report.widget_failures = [f for f in WIDGET_FAILURES if f in body]
            screenshot(page, f"browser-{label}-{name}")
            if report.search_boxes:
                report.search_works = _try_search(page)
            if report.tables:
                report.sort_works = _try_sort(page)
            report.errors = list(watch.errors)
            report.blocked = list(watch.blocked)
            reports.append(report)
            page.close()
    return reports


_REPORTS: dict[str, list[PageReport]] = {}


SITES = {"demo": demo_site, "self-contained": self_contained_site, "curated": curated_site}


@pytest.fixture(scope="module", params=list(SITES))
def reports(request, tmp_path_factory) -> list[PageReport]:
    require_chromium()
    label = request.param
    if label not in _REPORTS:
        site = SITES[label](tmp_path_factory)
        _REPORTS[label] = browse(site, label)
    return _REPORTS[label]


def _pages(reports: list[PageReport]) -> list[PageReport]:
    return [r for r in reports if r.name != "index"]


def test_notebooks_ran_without_errors(reports):
    failed = {r.name: r.notebook_error for r in reports if r.notebook_error}
    assert not failed, f"notebooks stopped with an error: {failed}"


def test_no_console_errors_and_nothing_from_the_network(reports):
    problems = {r.name: r.errors + [f"blocked {u}" for u in r.blocked] for r in reports}
    assert not {k: v for k, v in problems.items() if v}


def test_every_widget_view_rendered(reports):
    for r in _pages(reports):
        assert r.rendered_views >= r.views, f"{r.name}: {r.rendered_views}/{r.views} widgets shown"
        assert not r.widget_failures, f"{r.name}: {r.widget_failures}"
    pages = _pages(reports)
    assert sum(r.sliders for r in pages) >= 1, "no slider rendered on any page"
    assert sum(r.dropdowns for r in pages) >= 1, "no dropdown rendered on any page"
    assert sum(r.outputs for r in pages) >= 1, "no Output area rendered on any page"


def test_figures_loaded(reports):
    for r in _pages(reports):
        assert all(w > 0 for w in r.images), f"{r.name}: an image did not load ({r.images})"
    assert sum(len(r.images) for r in _pages(reports)) >= 1, "no figure on any page"


def test_highlighted_document_present(reports):
    assert any(r.highlighted_spans > 0 for r in _pages(reports)), "no highlighted document"


def test_tables_are_sortable(reports):
    tables = [r for r in _pages(reports) if r.tables]
    assert tables, "no interactive (itables) table on any page"
    assert all(r.sort_works for r in tables), [(r.name, r.sort_works) for r in tables]


def test_tables_are_searchable(reports):
    pages = _pages(reports)
    assert sum(r.tables for r in pages) >= 1, "no interactive (itables) table on any page"
    searchable = [r for r in pages if r.search_boxes]
    assert searchable, "no table has a search box"
    for r in searchable:
        assert r.search_works is not False, f"{r.name}: typing in the search box did not filter"
