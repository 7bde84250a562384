"""Run notebooks with papermill and render them to HTML that works offline.

>>> from kit.present.render import render_notebooks
>>> pages = render_notebooks(corpus="data/", out="out/site")      # doctest: +SKIP
>>> [p.name for p in pages]                                        # doctest: +SKIP
['01_corpus.html', ..., 'index.html']

Every notebook is executed in a fresh kernel with ``CORPUS`` (an absolute path)
injected after its ``parameters`` cell; the executed copy keeps the widget
state. The HTML pages embed that state, their images and (when
``node_modules`` from ``npm install`` is present) load the pinned widget
manager and require.js from ``_static/`` next to the pages, so they work
without a network. Without ``node_modules`` the pages fall back to the CDN.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
#: Folder (next to the pages) holding the offline widget manager and require.js.
STATIC_DIR = "_static"
HTML_MANAGER_VERSION = "1.0.15"
REQUIREJS_VERSION = "2.3.7"
CDN_REQUIREJS = (
    f"https://cdnjs.cloudflare.com/ajax/libs/require.js/{REQUIREJS_VERSION}/require.min.js"
)
CDN_WIDGETS = (
    "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager"
    f"@{HTML_MANAGER_VERSION}/dist/embed-amd.js"
)
#: The parameter papermill injects: the corpus path.
CORPUS_PARAMETER = "CORPUS"


class CorpusError(ValueError):
    """The corpus cannot be loaded or has no usable documents (message = load report)."""


class NotebookError(RuntimeError):
    """A notebook failed while running; ``failures`` maps notebook name to the error."""

    def __init__(self, failures: dict[str, str]):
        self.failures = failures
        lines = [f"  {name}: {err}" for name, err in failures.items()]
        super().__init__("these notebooks stopped with an error:\n" + "\n".join(lines))


@dataclass
class Page:
    """One rendered notebook."""

    notebook: Path
    executed: Path
    html: Path | None
    title: str
    error: str | None = None


@dataclass
class Assets:
    """Where the pages load require.js and the widget manager from."""

    require_js: str
    widgets_js: str
    offline: bool
    message: str = ""
    files: list[Path] = field(default_factory=list)
    #: For self-contained pages: the script texts to inline instead of the URLs.
    inline_require: str = ""
    inline_widgets: str = ""


# ------------------------------------------------------------------ inputs --


def node_modules_dir() -> Path:
    """``$KIT_NODE_MODULES`` or the repository's ``node_modules`` folder."""
    return Path(os.environ.get("KIT_NODE_MODULES") or REPO_ROOT / "node_modules")


def default_notebooks() -> list[Path]:
    """The curated notebooks, ``notebooks/0*.ipynb`` in name order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))


def resolve_notebooks(names: Sequence[str | os.PathLike] | None = None) -> list[Path]:
    """Notebook paths from paths or short names (``02_actors``); default: all curated ones.

    >>> [p.name for p in resolve_notebooks(["02_actors"])]   # doctest: +SKIP
    ['02_actors.ipynb']
    """
    if not names:
        found = default_notebooks()
        if not found:
            raise FileNotFoundError(f"no notebooks found in {NOTEBOOKS_DIR}")
        return found
    paths = []
    for name in names:
        path = Path(name)
        candidates = [path, path.with_suffix(".ipynb"), NOTEBOOKS_DIR / path.name]
        candidates.append(NOTEBOOKS_DIR / path.with_suffix(".ipynb").name)
        hit = next((c for c in candidates if c.is_file() and c.suffix == ".ipynb"), None)
        if hit is None:
            raise FileNotFoundError(
                f"notebook {str(name)!r} not found (looked for {path} and in {NOTEBOOKS_DIR})"
            )
        paths.append(hit.resolve())
    return paths


def _report_text(report: Any) -> str:
    if report is None:
        return ""
    if hasattr(report, "to_string"):
        try:
            return report.to_string(index=False)
        except TypeError:
            return report.to_string()
    return str(report)


def check_corpus(corpus: str | os.PathLike) -> Any:
    """Load the corpus once to fail early; returns the documents table.

    Raises :class:`CorpusError` with the load report when nothing can be analysed.
    """
    from kit.io.corpus import load, load_report

    try:
        docs = load(str(corpus))
    except ValueError as exc:  # kit.LoadError is a ValueError
        report = (
            _report_text(getattr(exc, "report", None)) if len(getattr(exc, "report", ())) else ""
        )
        message = f"cannot load the corpus {str(corpus)!r}:\n{exc}"
        raise CorpusError(f"{message}\n{report}".rstrip()) from exc
    texts = docs["text"] if "text" in getattr(docs, "columns", ()) else []
    usable = sum(isinstance(t, str) and bool(t.strip()) for t in texts)
    if usable == 0:
        try:
            report = _report_text(load_report(docs))
        except Exception as exc:  # noqa: BLE001 - the report is only extra information
            report = f"(no load report: {exc})"
        raise CorpusError(
            f"the corpus {str(corpus)!r} has no documents with text.\n{report}".rstrip()
        )
    return docs


def notebook_title(nb: Any, fallback: str) -> str:
    """The first Markdown heading of a notebook (without ``#``), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in str(cell.source).splitlines():
            m = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
            if m:
                return m.group(1).strip()
    return fallback


# --------------------------------------------------------------------- run --


def _error_of(nb: Any) -> str | None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return None


def run_notebook(
    notebook: str | os.PathLike,
    *,
    corpus: str | os.PathLike,
    output: str | os.PathLike,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = False,
    timeout: int = 1800,
) -> str | None:
    """Execute one notebook into ``output``; returns the error text or ``None``.

    >>> run_notebook("notebooks/02_actors.ipynb", corpus="data/", output="out/02.ipynb")  # doctest: +SKIP
    """
    import nbformat
    import papermill as pm

    notebook, output = Path(notebook), Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    params = {CORPUS_PARAMETER: str(Path(corpus).resolve()), **(parameters or {})}
    nb = nbformat.read(notebook, as_version=4)
    kernel = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=params,
            kernel_name=kernel,
            progress_bar=progress,
            cwd=str(notebook.parent),
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        return f"{exc.ename}: {exc.evalue}".strip()
    except Exception as exc:  # noqa: BLE001 - e.g. no such kernel, a timeout: report, go on
        if not output.is_file():
            nbformat.write(nb, output)  # the page then shows the notebook as it was
        return f"{type(exc).__name__}: {exc}".strip()
    return _error_of(nbformat.read(output, as_version=4))


def run_notebooks(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    corpus: str | os.PathLike,
    out: str | os.PathLike,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = True,
    check: bool = True,
    log: Callable[[str], None] | None = None,
) -> dict[Path, tuple[Path, str | None]]:
    """Execute notebooks (default: all curated ones), keeping executed copies in ``out``.

    Returns ``{notebook: (executed copy, error or None)}``. With ``check`` the
    corpus is loaded first and :class:`CorpusError` raised if it is unusable.

    >>> run_notebooks(corpus="data/", out="out/run")   # doctest: +SKIP
    """
    paths = resolve_notebooks(notebooks)
    if check:
        check_corpus(corpus)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    say = log or (lambda msg: print(msg, file=sys.stderr))
    results: dict[Path, tuple[Path, str | None]] = {}
    for i, nb_path in enumerate(paths, 1):
        say(f"[{i}/{len(paths)}] running {nb_path.name}")
        executed = out / nb_path.name
        err = run_notebook(
            nb_path,
            corpus=corpus,
            output=executed,
            parameters=parameters,
            kernel_name=kernel_name,
            progress=progress,
        )
        if err:
            say(f"    error in {nb_path.name}: {err}")
        results[nb_path] = (executed, err)
    return results


# ------------------------------------------------------------------ assets --


def bundle_assets(out: str | os.PathLike, *, self_contained: bool = False) -> Assets:
    """Copy require.js and the widget manager next to the pages (or fall back to the CDN).

    With ``self_contained`` nothing is copied: the scripts are returned for
    inlining into every page, so each page is a single file.

    >>> bundle_assets("out/site").offline   # doctest: +SKIP
    True
    """
    nm = node_modules_dir()
    require_src = nm / "requirejs" / "require.js"
    manager_dir = nm / "@jupyter-widgets" / "html-manager" / "dist"
    if not (require_src.is_file() and (manager_dir / "embed-amd.js").is_file()):
        return Assets(
            require_js=CDN_REQUIREJS,
            widgets_js=CDN_WIDGETS,
            offline=False,
            message=(
                f"offline widget files not found in {nm} (run `npm install` in {REPO_ROOT} "
                "or `bash scripts/setup.sh`); the pages will load require.js and the widget "
                "manager from the CDN, so widgets need an internet connection to show."
            ),
        )
    message = ""
    version = _package_version(nm / "@jupyter-widgets" / "html-manager")
    if version and version != HTML_MANAGER_VERSION:
        message = (
            f"node_modules has @jupyter-widgets/html-manager {version}, the kit pins "
            f"{HTML_MANAGER_VERSION}; run `npm ci` to get the pinned version."
        )
    if self_contained:
        return Assets(
            require_js="",
            widgets_js="",
            offline=True,
            message=message,
            inline_require=_script_text(require_src),
            inline_widgets=_script_text(manager_dir / "embed-amd.js"),
        )
    static = Path(out) / STATIC_DIR
    target = static / "html-manager"
    target.mkdir(parents=True, exist_ok=True)
    files = [_copy_if_changed(require_src, static / "require.js")]
    for src in sorted(manager_dir.iterdir()):
        if src.is_file() and src.suffix not in {".map"} and src.name not in {"embed.js"}:
            files.append(_copy_if_changed(src, target / src.name))
    return Assets(
        require_js=f"{STATIC_DIR}/require.js",
        widgets_js=f"{STATIC_DIR}/html-manager/embed-amd.js",
        offline=True,
        message=message,
        files=files,
    )


def _script_text(path: Path) -> str:
    """A script's text, safe to put between ``<script>`` tags."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _copy_if_changed(src: Path, dst: Path) -> Path:
    if not (dst.is_file() and dst.stat().st_size == src.stat().st_size):
        shutil.copyfile(src, dst)
    return dst


def _package_version(package_dir: Path) -> str | None:
    import json

    try:
        return json.loads((package_dir / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


# -------------------------------------------------------------------- html --


PAGE_TEMPLATE_NAME = "kit_page.html.j2"
#: nbconvert's lab page without MathJax (a CDN script the notebooks do not need) and
#: with the JupyterLab UI font for widget labels, as in JupyterLab.
PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_requirejs -%}
{%- if resources.kit_inline_require -%}
<script>{{ resources.kit_inline_require }}</script>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}
{%- if resources.kit_inline_widgets -%}
{%- if "widgets" in nb.metadata -%}<script>{{ resources.kit_inline_widgets }}</script>{%- endif -%}
{%- else -%}
{{ super() }}
{%- endif -%}
{% endblock jupyter_widgets %}
{% block extra_css %}
<style type="text/css">
.jupyter-widgets, .widget-label, .widget-readout, .widget-dropdown select {
  font-family: var(--jp-ui-font-family);
}
</style>
{% endblock extra_css %}
"""


def notebook_html(
    executed: str | os.PathLike,
    *,
    assets: Assets,
    no_input: bool = False,
    title: str | None = None,
) -> str:
    """The HTML page of an executed notebook (widget state and images embedded).

    Element ids that nbconvert would draw at random are numbered instead, so
    the same notebook gives the same page.
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    title = title or notebook_title(nb, Path(executed).stem)
    exporter = HTMLExporter(
        template_name="lab",
        template_file=PAGE_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({PAGE_TEMPLATE_NAME: PAGE_TEMPLATE})],
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
        embed_images=True,
        require_js_url=assets.require_js,
        widget_renderer_url=assets.widgets_js,
    )
    counter = itertools.count(1)
    exporter.environment.globals["uuid4"] = lambda: f"kit-output-{next(counter)}"
    resources = {
        "metadata": {"name": title},
        "kit_inline_require": assets.inline_require,
        "kit_inline_widgets": assets.inline_widgets,
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def run_date() -> str:
    """Today's date (UTC), or the date of ``$SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()


def index_html(
    pages: Iterable[Page], *, corpus: str, n_documents: int | None, when: str | None = None
) -> str:
    """A plain page listing the rendered notebooks with their titles, corpus and run date."""
    esc = html.escape
    when = when or run_date()
    plural = "" if n_documents == 1 else "s"
    docs = "" if n_documents is None else f" ({n_documents:,} document{plural})"
    rows = []
    for page in pages:
        link = (
            f'<a href="{esc(page.html.name)}">{esc(page.title)}</a>'
            if page.html
            else esc(page.title)
        )
        status = f'<span class="err">error: {esc(page.error)}</span>' if page.error else "ok"
        rows.append(
            f"<tr><td>{link}</td><td><code>{esc(page.notebook.name)}</code></td>"
            f"<td>{status}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kit notebooks: {esc(Path(corpus).name or corpus)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }}
.err {{ color: #b00020; }}
dt {{ font-weight: 600; }}
</style>
</head>
<body>
<h1>kit notebooks</h1>
<dl>
<dt>Corpus</dt><dd id="corpus"><code>{esc(corpus)}</code>{esc(docs)}</dd>
<dt>Run date</dt><dd id="run-date">{esc(when)}</dd>
</dl>
<table id="pages">
<thead><tr><th>Notebook</th><th>File</th><th>Status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>Open the pages in any browser; widgets show the state saved when the notebooks ran.
To explore further, open the notebooks in JupyterLab.</p>
</body>
</html>
"""


def render_notebooks(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    corpus: str | os.PathLike,
    out: str | os.PathLike,
    no_input: bool = False,
    self_contained: bool = False,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = True,
    log: Callable[[str], None] | None = None,
) -> list[Page]:
    """Run notebooks, then write ``<out>/<name>.html`` for each and ``<out>/index.html``.

    Executed copies are kept in ``<out>/executed/``. ``self_contained`` inlines the
    widget manager and require.js into every page (one file each, ~4 MB larger) instead
    of copying them to ``<out>/_static/``. Raises :class:`CorpusError`
    before running anything if the corpus is unusable.

    >>> pages = render_notebooks(["02_actors"], corpus="data/", out="out/site")  # doctest: +SKIP
    """
    say = log or (lambda msg: print(msg, file=sys.stderr))
    paths = resolve_notebooks(notebooks)
    docs = check_corpus(corpus)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results = run_notebooks(
        paths,
        corpus=corpus,
        out=out / "executed",
        parameters=parameters,
        kernel_name=kernel_name,
        progress=progress,
        check=False,
        log=say,
    )
    assets = bundle_assets(out, self_contained=self_contained)
    if assets.message:
        say(assets.message)
    pages = []
    import nbformat

    for nb_path, (executed, err) in results.items():
        title = notebook_title(nbformat.read(executed, as_version=4), nb_path.stem)
        target = out / f"{nb_path.stem}.html"
        body = notebook_html(executed, assets=assets, no_input=no_input, title=title)
        target.write_text(body, encoding="utf-8")
        say(f"    wrote {target}")
        pages.append(Page(notebook=nb_path, executed=executed, html=target, title=title, error=err))
    index = out / "index.html"
    index.write_text(
        index_html(pages, corpus=str(Path(corpus).resolve()), n_documents=len(docs)),
        encoding="utf-8",
    )
    say(f"    wrote {index}")
    return pages
