"""Corpus text is data, never markup: a hostile corpus rendered with `kit render`.

The corpus (tests/_hostile.py) puts ``<script>``, ``onerror``/``onload``/``onmouseover``
handlers and ``javascript:`` links (HTML and Markdown) into titles, outlets, bodies,
file names, a metadata sidecar and the load report; the extractors pick them up
as actors, sources, quotes and dates. Every rendered page is opened in headless
Chromium: no payload may run (``window.__pwned`` stays undefined after load,
hover and click), none may survive as an element, handler or link, and each must
still be shown as text.

The fast tests at the top check the escaping helpers without a kernel or browser (the
notebook cells' rule is checked over notebooks/*.py in test_notebooks.py).
"""

from __future__ import annotations

import contextlib
import doctest
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _browser import Watch, chromium_context, require_chromium, screenshot
from _hostile import (
    A_LINK,
    ARTICLES,
    BOLD,
    FLAG,
    IMG,
    IMG_FILE,
    MATH,
    MD_LINK,
    PAYLOADS,
    SCRIPT,
    SVG,
    SVG_FILE,
    write_hostile_corpus,
)

import kit.present.display as display
from kit.present.display import finding, md_escape

ROOT = Path(__file__).resolve().parents[2]
KIT = Path(sys.executable).with_name("kit")
NAMES = ["01_corpus", "02_actors", "03_quantities", "04_sourcing", "05_timeline"]
VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
MARKDOWN_OUTPUT = '.jp-OutputArea-output[data-mime-type="text/markdown"]'

# ------------------------------------------------------------ fast checks --


class _Tags(HTMLParser):
    """Every start tag and its attributes in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _markdown_to_html(text: str) -> str:
    """Markdown as nbconvert renders a ``text/markdown`` output in a page."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def test_display_doctests_pass():
    result = doctest.testmod(display, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 8


@pytest.mark.parametrize(
    "value",
    [
        *PAYLOADS,
        "<javascript:window.__pwned=1>",
        "[x]: javascript:window.__pwned=1\n\n[y][x]",
        "line\n\n# heading\n- item\n    code\n> quote",
        "$\\href{javascript:window.__pwned=1}{x}$",
        "https://example.org/a_b and www.example.org",
        "`code` **bold** _em_ ~~gone~~ | a | b |",
    ],
)
def test_escaped_values_render_as_their_own_text(value):
    md = finding("The most quoted source is **{who}** (*{quote}*).", who=value, quote=value)
    parsed = _Tags()
    parsed.feed(_markdown_to_html(md))
    assert [t for t, _ in parsed.tags] == ["p", "strong", "em"], parsed.tags
    assert all(not attrs for _, attrs in parsed.tags)
    shown = _text_of(_markdown_to_html(md))
    assert " ".join(value.split()) in shown


def _text_of(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    t = Text()
    t.feed(html)
    return "".join(t.parts)


def test_findings_stay_safe_when_combined():
    text = finding("**{n:,} statements** from ", n=1200) + SCRIPT
    text += finding(" and {who}.", who=BOLD)
    text = finding("\n").join([text, IMG, finding("- {x}", x=MD_LINK)])
    assert isinstance(text, display.Finding) and text._repr_markdown_() == str(text)
    html = _markdown_to_html(text)
    parsed = _Tags()
    parsed.feed(html)
    assert {t for t, _ in parsed.tags} <= {"p", "strong", "ul", "li"}, parsed.tags
    for payload in (SCRIPT, BOLD, IMG, MD_LINK):
        assert payload in _text_of(html)
    assert md_escape(None) == md_escape(float("nan")) == ""
    assert finding("{x}", x=None) == ""


# The rule that notebook cells build findings only with finding() (never Markdown(...) or raw
# HTML(...) of corpus values) is checked over notebooks/*.py in test_notebooks.py.


# ------------------------------------------------------- rendered + browser --


@dataclass
class PageCheck:
    """What one page did and contained in the browser."""

    name: str
    pwned_after_load: str = "undefined"
    pwned_after_interaction: str = "undefined"
    handlers: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    js_links: list[str] = field(default_factory=list)
    payload_elements: list[str] = field(default_factory=list)
    text: str = ""
    findings: str = ""
    views: int = 0
    rendered_views: int = 0


#: In the page: elements with an on* attribute or a script mentioning the flag, any
#: javascript: URL, and elements the payloads would create (svg with onload, img src=x).
DOM_AUDIT = r"""flag => {
  const all = Array.from(document.querySelectorAll('*'));
  const handlers = [];
  for (const el of all) {
    for (const a of Array.from(el.attributes)) {
      if (a.name.toLowerCase().startsWith('on') && a.value.includes(flag)) {
        handlers.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
      }
    }
  }
  // Scripts the browser runs whose *code* (string literals removed) names the flag.
  // Data may mention it: itables and the widget state carry the corpus as JSON strings.
  const JS = /^(|text\/javascript|application\/javascript|module)$/i;
  const LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
  const scripts = Array.from(document.scripts)
    .filter(s => JS.test((s.type || '').trim()))
    .filter(s => (s.textContent || '').replace(LITERAL, '""').includes(flag))
    .map(s => s.outerHTML.slice(0, 200));
  const urls = [];
  for (const el of all) {
    for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']) {
      const v = el.getAttribute(name);
      if (v && /^\s*javascript:/i.test(v)) urls.push(`<${el.tagName.toLowerCase()} ${name}="${v}">`);
    }
  }
  const created = Array.from(document.querySelectorAll('img[src="x"], b[onmouseover], svg[onload]'))
    .map(e => e.outerHTML.slice(0, 200));
  return {handlers, scripts, urls, created,
          jsLinks: document.querySelectorAll('a[href^="javascript:"]').length};
}"""

#: Fire every event an injected handler could listen to, on every element (links are
#: not clicked: a real link would navigate away; javascript: links are audited above).
FIRE_EVENTS = """() => {
  const kinds = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'focus',
                 'focusin', 'load', 'error', 'animationstart', 'pointerover'];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    for (const k of kinds) {
      try { el.dispatchEvent(new Event(k, {bubbles: false})); } catch (e) {}
    }
    if (el.tagName !== 'A' && el.tagName !== 'AREA' && !el.closest('a')) {
      try { el.dispatchEvent(new MouseEvent('click', {bubbles: false})); } catch (e) {}
    }
  }
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile corpus rendered by ``kit render`` (every curated notebook)."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(base / "corpus")
    out = base / "site"
    cmd = [str(KIT)] if KIT.exists() else [sys.executable, "-m", "kit.cli"]
    done = subprocess.run(
        [*cmd, "render", "--corpus", str(corpus), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    assert done.returncode == 0, f"kit render failed:\n{done.stdout}\n{done.stderr}"
    return out


def _check_page(context, path: Path, name: str) -> PageCheck:
    page = context.new_page()
    try:
        page.goto(path.as_uri(), wait_until="load")
        check = PageCheck(name=name)
        check.views = page.locator(VIEW).count()
        if check.views:
            # a timeout is reported through rendered_views
            with contextlib.suppress(Exception):
                page.wait_for_function(
                    "n => document.querySelectorAll('.widget-subarea').length >= n",
                    arg=check.views,
                    timeout=30_000,
                )
        page.wait_for_timeout(500)
        check.rendered_views = page.locator(".widget-subarea").count()
        check.pwned_after_load = page.evaluate(f"() => typeof window.{FLAG}")
        # real pointer: sweep the page, hover every element showing a payload, click around
        height = page.evaluate("() => document.body.scrollHeight")
        for y in range(0, min(int(height), 40_000), 300):
            page.mouse.move(40, y)
            page.mouse.move(640, y)
        showing = page.locator(f"body *:not(script):not(style):text('{FLAG}')")
        for i in range(min(showing.count(), 20)):
            # hidden, covered or detached elements are reached by the synthetic events below
            with contextlib.suppress(Exception):
                showing.nth(i).hover(timeout=2_000)
                showing.nth(i).click(timeout=2_000, no_wait_after=True)
        page.mouse.click(5, 5)
        page.evaluate(FIRE_EVENTS)
        page.wait_for_timeout(300)
        check.pwned_after_interaction = page.evaluate(f"() => typeof window.{FLAG}")
        audit = page.evaluate(DOM_AUDIT, FLAG)
        check.handlers = audit["handlers"]
        check.scripts = audit["scripts"]
        check.js_links = audit["urls"] + ["a[href^=javascript:]"] * audit["jsLinks"]
        check.payload_elements = audit["created"]
        check.text = page.inner_text("body")
        check.findings = "\n".join(page.locator(MARKDOWN_OUTPUT).all_inner_texts())
        screenshot(page, f"hostile-{name}")
        return check
    finally:
        page.close()


@pytest.fixture(scope="module")
def checks(hostile_site) -> dict[str, PageCheck]:
    require_chromium()
    pages = {"index": hostile_site / "index.html"}
    pages.update({name: hostile_site / f"{name}.html" for name in NAMES})
    missing = [str(p) for p in pages.values() if not p.exists()]
    assert not missing, f"kit render wrote no page: {missing}"
    with chromium_context(watch=Watch()) as context:
        return {name: _check_page(context, path, name) for name, path in pages.items()}


@pytest.mark.slow
@pytest.mark.browser
def test_no_payload_runs(checks):
    ran = {
        n: (c.pwned_after_load, c.pwned_after_interaction)
        for n, c in checks.items()
        if (c.pwned_after_load, c.pwned_after_interaction) != ("undefined", "undefined")
    }
    assert not ran, f"window.{FLAG} was set (after load, after interaction): {ran}"


@pytest.mark.slow
@pytest.mark.browser
def test_no_payload_survives_as_markup(checks):
    problems = {
        n: {
            "on* handlers": c.handlers,
            "scripts": c.scripts,
            "javascript: URLs": c.js_links,
            "payload elements": c.payload_elements,
        }
        for n, c in checks.items()
    }
    problems = {n: {k: v for k, v in p.items() if v} for n, p in problems.items()}
    assert not {n: p for n, p in problems.items() if p}


@pytest.mark.slow
@pytest.mark.browser
def test_widgets_rendered(checks):
    for name in NAMES:
        c = checks[name]
        assert c.views >= 1 and c.rendered_views >= c.views, (name, c.views, c.rendered_views)


@pytest.mark.slow
@pytest.mark.browser
def test_payloads_are_shown_as_text(checks):
    site = "\n".join(c.text for c in checks.values())
    for payload in (SCRIPT, IMG, SVG, MD_LINK, A_LINK, BOLD, MATH):
        assert payload in site, f"{payload!r} was dropped instead of shown"
    # the file names (the documents table shows each document's path)
    assert IMG_FILE in checks["01_corpus"].text and SVG_FILE in checks["01_corpus"].text


@pytest.mark.slow
@pytest.mark.browser
def test_findings_show_hostile_text_verbatim(checks):
    title = ARTICLES[IMG_FILE].split("\n", 1)[0].removeprefix("title: ")
    expected = {
        # the first document's title and first sentence
        "01_corpus": [title, f"\u201c{SVG}The plan ignores the harbour,\u201d {BOLD} told"],
        # actor names with Markdown syntax characters
        "02_actors": ["John_Smith"],
        # amounts with Markdown/MathJax characters ($ . ( ))
        "03_quantities": ["$45 million", "12 km", "7.5 miles"],
        # the most quoted source: a span holding a whole <svg onload=...> tag
        "04_sourcing": [f"{SVG}The plan"],
        # the first dated statement's source
        "05_timeline": ['svg onload="window.__pwned=1'],
    }
    for name, needles in expected.items():
        shown = checks[name].findings
        assert shown, f"{name}: no computed finding on the page"
        for needle in needles:
            assert needle in shown, f"{name}: {needle!r} not shown in the findings:\n{shown}"
