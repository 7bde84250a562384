"""Run notebooks with papermill and render them to HTML that works offline.

>>> from kit.present.render import render_notebooks
>>> pages = render_notebooks(corpus="data/", out="out/site")      # doctest: +SKIP
>>> [p.name for p in pages]                                        # doctest: +SKIP
['01_corpus.html', ..., 'index.html']

Every notebook is executed in a fresh kernel with ``CORPUS`` (an absolute path; none
given: the notebooks' default, the examples, and the Wikinews credit heads every page),
``TABLE_FILES`` (``<out>/<page>_tables``, where each table is written as CSV and
XLSX) and ``PROGRESS = False`` injected after its ``parameters`` cell; the
executed copy keeps the widget state, with cell, widget and table ids numbered
so a rerun gives the same page. The HTML pages embed that state and their
images, show the provenance (:func:`kit.about`) at the top, mark every widget
as a frozen snapshot, and load the pinned widget manager and require.js from
``_static/`` next to the pages (copied from the package, see
:mod:`kit.present.assets`), so they work without a network. When those files
are not installed, rendering stops before running anything with
:class:`~kit.present.assets.AssetsMissing` naming the fix, unless
``allow_cdn=True`` (then the pages load them from the CDN).
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kit.present.assets import (
    HTML_MANAGER_VERSION,
    REQUIREJS_VERSION,
    AssetsMissing,
    find_widget_files,
    node_modules_dir,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
#: Folder (next to the pages) holding the offline widget manager and require.js.
STATIC_DIR = "_static"
CDN_REQUIREJS = (
    f"https://cdnjs.cloudflare.com/ajax/libs/require.js/{REQUIREJS_VERSION}/require.min.js"
)
CDN_WIDGETS = (
    "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager"
    f"@{HTML_MANAGER_VERSION}/dist/embed-amd.js"
)
#: The parameter papermill injects: the corpus path.
CORPUS_PARAMETER = "CORPUS"
#: The parameter naming the folder where a page's tables are written as files.
FILES_PARAMETER = "TABLE_FILES"
#: Suffix of that folder, next to the page: ``02_actors_tables/``.
FILES_SUFFIX = "_tables"
__all__ = ["AssetsMissing", "node_modules_dir"]  # re-exported for callers of this module


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
    #: The page's table files, relative to the page (``02_actors_tables/actors.csv``).
    files: list[str] = field(default_factory=list)


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


def check_corpus(corpus: str | os.PathLike, **options: Any) -> Any:
    """Load the corpus once to fail early; returns the documents table.

    ``options`` go to :func:`kit.load` (``metadata=``, ``text=``, ...). Raises
    :class:`CorpusError` with the load report when nothing can be analysed.
    """
    from kit.io.corpus import load, load_report

    try:
        docs = load(str(corpus), **options)
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


def _kernel_manager(kernel: str) -> Any:
    """A kernel manager that talks to its kernel over local sockets (IPC), not TCP ports.

    Kernels started side by side (several renders, tests, other users on a shared machine)
    can pick the same free TCP port between choosing and binding it, and the client then
    waits forever on a kernel that never hears it; IPC files cannot collide.
    """
    import uuid

    from jupyter_client.manager import KernelManager

    name = uuid.uuid4().hex[:12]
    return KernelManager(
        kernel_name=kernel,
        transport="ipc",
        ip=str(_ipc_folder() / name),
        connection_file=str(_ipc_folder() / f"{name}.json"),
    )


@functools.cache
def _ipc_folder() -> Path:
    """One private folder per process for the kernels' IPC files (removed at exit)."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kit-kernels-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def run_notebook(
    notebook: str | os.PathLike,
    *,
    corpus: str | os.PathLike | None,
    output: str | os.PathLike,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = False,
    timeout: int = 1800,
) -> str | None:
    """Execute one notebook into ``output``; returns the error text or ``None``.

    ``corpus=None`` keeps the notebook's own ``CORPUS`` (the curated ones: the examples).

    >>> run_notebook("notebooks/02_actors.ipynb", corpus="data/", output="out/02.ipynb")  # doctest: +SKIP
    """
    import nbformat
    import papermill as pm

    notebook, output = Path(notebook), Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    params: dict[str, Any] = {"PROGRESS": False}  # no progress bar frozen into the page
    if corpus is not None:
        params[CORPUS_PARAMETER] = str(Path(corpus).resolve())
    params.update(parameters or {})
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
            km=_kernel_manager(kernel),
        )
    except pm.PapermillExecutionError as exc:
        normalise_ids(output)
        return f"{exc.ename}: {exc.evalue}".strip()
    except Exception as exc:  # noqa: BLE001 - e.g. no such kernel, a timeout: report, go on
        if not output.is_file():
            nbformat.write(nb, output)  # the page then shows the notebook as it was
        return f"{type(exc).__name__}: {exc}".strip()
    return _error_of(normalise_ids(output))


#: itables draws a table id at random when none is given.
_ITABLES_ID = re.compile(r"\bitables_[0-9a-f]{8}(?:_[0-9a-f]{4}){3}_[0-9a-f]{12}(?![0-9a-f])")
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def normalise_ids(path: str | os.PathLike) -> Any:
    """Number the ids a run draws at random, in place, so a rerun gives the same notebook.

    Cells keep their ids (the injected parameters cell becomes ``injected-parameters``,
    others without one ``cell-NN``); widget model ids become ``kit-widget-NNNN`` and
    itables ids ``itables_kit_NNNN``, in order of first appearance. Returns the notebook.

    >>> normalise_ids("out/run/02_actors.ipynb").cells[2].id   # doctest: +SKIP
    'injected-parameters'
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        elif not cell.get("id") or cell["id"] in seen or not cell["id"].startswith("cell-"):
            cell["id"] = f"cell-{i:02d}"
        seen.add(cell["id"])
        cell.get("metadata", {}).pop("papermill", None)  # run times: not part of the result
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.get("papermill", {}).pop("start_time", None)
    for key in ("end_time", "duration"):
        nb.metadata.get("papermill", {}).pop(key, None)
    models = _widget_order(nb)
    text = nbformat.writes(nb)
    if models:
        names = {old: f"kit-widget-{n:04d}" for n, old in enumerate(models, 1)}
        pattern = re.compile("|".join(re.escape(m) for m in sorted(models, key=len, reverse=True)))
        text = pattern.sub(lambda m: names[m.group(0)], text)
    tables: dict[str, str] = {}
    text = _ITABLES_ID.sub(
        lambda m: tables.setdefault(m.group(0), f"itables_kit_{len(tables) + 1:04d}"), text
    )
    nb = nbformat.reads(text, as_version=4)
    state = nb.metadata.get("widgets", {}).get(_WIDGET_STATE, {}).get("state")
    if state:
        nb.metadata["widgets"][_WIDGET_STATE]["state"] = dict(sorted(state.items()))
    text = nbformat.writes(nb)
    path.write_text(text, encoding="utf-8")
    return nb


_MODEL_REF = re.compile(r"IPY_MODEL_([0-9A-Za-z_-]+)")


def _widget_order(nb: Any) -> list[str]:
    """Widget model ids in an order that does not depend on message timing.

    Depth-first from each widget shown in an output (in cell order), following
    ``IPY_MODEL_`` references in the order they appear in each model's state;
    models nothing shows come last, ordered by their state with ids masked.
    """
    state = nb.metadata.get("widgets", {}).get(_WIDGET_STATE, {}).get("state", {})
    order: list[str] = []

    def visit(model: str) -> None:
        if model in order or model not in state:
            return
        order.append(model)
        for ref in _MODEL_REF.findall(json.dumps(state[model], sort_keys=True)):
            visit(ref)

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if isinstance(view, dict):
                visit(str(view.get("model_id")))
    rest = [m for m in state if m not in order]

    def masked(model: str) -> str:
        text = json.dumps(state[model], sort_keys=True)
        for other in state:
            text = text.replace(other, "")
        return text

    return order + sorted(rest, key=masked)


def run_notebooks(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    corpus: str | os.PathLike | None = None,
    out: str | os.PathLike,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = True,
    check: bool = True,
    log: Callable[[str], None] | None = None,
) -> dict[Path, tuple[Path, str | None]]:
    """Execute notebooks (default: all curated ones), keeping executed copies in ``out``.

    Returns ``{notebook: (executed copy, error or None)}``. With ``check`` the
    corpus is loaded first and :class:`CorpusError` raised if it is unusable;
    ``corpus=None`` runs the notebooks on their default corpus (the examples).

    >>> run_notebooks(corpus="data/", out="out/run")   # doctest: +SKIP
    """
    paths = resolve_notebooks(notebooks)
    if check and corpus is not None:
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


def cdn_assets(reason: str = "") -> Assets:
    """Assets that load require.js and the widget manager from the CDN (needs a connection)."""
    return Assets(
        require_js=CDN_REQUIREJS,
        widgets_js=CDN_WIDGETS,
        offline=False,
        message=(
            f"{reason + ' ' if reason else ''}--allow-cdn: the pages load require.js and the "
            "widget manager from the CDN, so widgets need an internet connection to show."
        ),
    )


def bundle_assets(
    out: str | os.PathLike, *, self_contained: bool = False, allow_cdn: bool = False
) -> Assets:
    """Copy require.js and the widget manager (with licences) next to the pages.

    The files come from the package (``kit/present/static/widgets``) or
    ``node_modules``. When they are missing this raises
    :class:`~kit.present.assets.AssetsMissing` naming the fix, unless
    ``allow_cdn`` (then the pages load them from the CDN). With
    ``self_contained`` nothing is copied: the scripts are returned for inlining
    into every page, so each page is a single file.

    >>> bundle_assets("out/site").offline   # doctest: +SKIP
    True
    """
    try:
        found = find_widget_files()
    except AssetsMissing as exc:
        if not allow_cdn:
            raise
        return cdn_assets(str(exc).split(" Fix:")[0] + ";")
    message = ""
    if found.version and found.version != HTML_MANAGER_VERSION:
        message = (
            f"{found.manager_dir} has @jupyter-widgets/html-manager {found.version}, the kit "
            f"pins {HTML_MANAGER_VERSION}; run `npm ci && python -m kit.present.assets`."
        )
    if self_contained:
        return Assets(
            require_js="",
            widgets_js="",
            offline=True,
            message=message,
            inline_require=_script_text(found.require_js),
            inline_widgets=_script_text(found.embed_js),
        )
    static = Path(out) / STATIC_DIR
    target = static / "html-manager"
    target.mkdir(parents=True, exist_ok=True)
    files = [_copy_if_changed(found.require_js, static / "require.js")]
    files += [_copy_if_changed(src, target / src.name) for src in found.manager_files()]
    from kit.present.assets import LICENSES_DIR

    for licence in sorted(LICENSES_DIR.glob("*.txt")):
        files.append(_copy_if_changed(licence, static / licence.name))
    bundled = found.manager_dir / "embed.js.LICENSE.txt"
    if not bundled.is_file():
        bundled = found.manager_dir.parent / "html-manager-bundled-LICENSES.txt"
    if bundled.is_file():
        files.append(_copy_if_changed(bundled, static / "html-manager-bundled-LICENSES.txt"))
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
    if not (dst.is_file() and dst.read_bytes() == src.read_bytes()):
        shutil.copyfile(src, dst)
    return dst


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
.kit-frozen-note { margin: .4em 0 .2em 0; padding: .3em .6em; border-left: 4px solid #E69F00;
  background: #fff8e6; font: 0.85em var(--jp-ui-font-family); color: #333; }
.kit-provenance { margin: 0 auto 1em auto; padding: .5em .8em; border: 1px solid #ddd;
  background: #fafafa; font: 0.85em var(--jp-ui-font-family); }
.kit-provenance pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.95em; }
.kit-table-note { font: 0.85em var(--jp-ui-font-family); }
</style>
{% endblock extra_css %}
{%- block body_header -%}
{{ super() }}
{{ resources.kit_header }}
{%- endblock body_header -%}
{%- block data_widget_view scoped %}
<div class="kit-frozen-note" role="note">{{ resources.kit_frozen_note }}</div>
{{ super() }}
{%- endblock data_widget_view -%}
"""

#: The note above every widget in a page (HTML; ``{notebook}`` is the escaped file name).
FROZEN_NOTE = (
    "<b>Frozen snapshot.</b> This widget shows the state saved when the notebook ran: its "
    "controls do nothing on this page. To explore live, open <code>notebooks/{notebook}</code> "
    "in JupyterLab (<code>bash scripts/lab.sh</code>), set <code>CORPUS</code> and run all cells."
)


def provenance_html(
    info: dict[str, Any] | None, *, files: Sequence[str] = (), element: str = "section"
) -> str:
    """The provenance block of a page: a summary line, the table files, every detail.

    ``info`` is :func:`kit.about` (``None``: nothing); ``files`` are links relative
    to the page. Every value is escaped.

    >>> "kit 0.1.0" in provenance_html({"kit": {"version": "0.1.0"}, "created": "t"})
    True
    """
    if not info:
        return ""
    esc = html.escape
    kit = info.get("kit") or {}
    commit = kit.get("git_commit")
    model = info.get("model") or {}
    summary = [f"kit {esc(str(kit.get('version', '?')))}"]
    if commit:
        summary[0] += f" (commit <code>{esc(str(commit)[:12])}</code>)"
    if model:
        summary.append(f"model {esc(str(model.get('id') or model.get('name')))}")
    summary.append(f'run <time id="run-time">{esc(str(info.get("created", "")))}</time>')
    if info.get("command"):
        summary.append(f"command <code>{esc(str(info['command']))}</code>")
    links = ""
    if files:
        items = " · ".join(
            f'<a class="kit-table-file" href="{esc(f)}" download>{esc(Path(f).name)}</a>'
            for f in files
        )
        links = f'<p class="kit-files">Tables of this page as files: {items}</p>'
    detail = esc(json.dumps(info, indent=2, sort_keys=True, ensure_ascii=False, default=str))
    return (
        f'<{element} class="kit-provenance" id="provenance"><b>Provenance:</b> '
        f"{' · '.join(summary)}{links}"
        "<details><summary>Versions, curated table hashes, parameters</summary>"
        f"<pre>{detail}</pre></details></{element}>"
    )


def notebook_html(
    executed: str | os.PathLike,
    *,
    assets: Assets,
    no_input: bool = False,
    title: str | None = None,
    header: str = "",
    notebook_name: str | None = None,
) -> str:
    """The HTML page of an executed notebook (widget state and images embedded).

    ``header`` (HTML, e.g. :func:`provenance_html`) opens the page; every widget
    gets a note that it is a frozen snapshot and how to explore it live
    (in ``notebooks/<notebook_name>``). Element ids that nbconvert would draw
    at random are numbered instead, so the same notebook gives the same page.
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
    name = notebook_name or Path(executed).name
    resources = {
        "metadata": {"name": title},
        "kit_inline_require": assets.inline_require,
        "kit_inline_widgets": assets.inline_widgets,
        "kit_header": header,
        "kit_frozen_note": FROZEN_NOTE.format(notebook=html.escape(name)),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def run_date() -> str:
    """Today's date (UTC), or the date of ``$SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()


#: A notebook's link to a method page of the repository ("../docs/actors.md").
_DOC_LINK = re.compile(r'href="\.\./docs/([A-Za-z0-9_-]+)\.md(#[^"]*)?"')
_MD_LINK = re.compile(r'href="([A-Za-z0-9_-]+)\.md(#[^"]*)?"')


def method_docs(notebooks: Sequence[Path], out: Path) -> set[str]:
    """Write the method pages (``docs/*.md`` beside the notebooks' folder, which the notebooks
    link to) as ``<out>/docs/<name>.html``, so that a shared site has no broken link; their names.

    The pages are this repository's own text, rendered with HTML escaped. Without a
    ``docs/`` folder (an installed kit) nothing is written and the links stay as they are.
    """
    import mistune

    folders = {Path(nb).resolve().parent.parent / "docs" for nb in notebooks}
    names = {p.stem for f in folders if f.is_dir() for p in f.glob("*.md")}  # they link each other
    to_html = mistune.create_markdown(escape=True, plugins=["table"])
    written: set[str] = set()
    for name in sorted(names):
        source = next((f / f"{name}.md" for f in folders if (f / f"{name}.md").is_file()), None)
        if source is None:
            continue
        body = to_html(source.read_text(encoding="utf-8"))
        body = _MD_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
        target = out / "docs" / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
            f"<title>{html.escape(name)}: method</title></head><body>"
            f"<p><a href='../index.html'>Back to the pages</a></p>{body}</body></html>\n",
            encoding="utf-8",
        )
        written.add(name)
    return written


def link_docs(page: str, docs: set[str]) -> str:
    """Point a page's ``../docs/X.md`` links at the written ``docs/X.html``.

    >>> link_docs('<a href="../docs/actors.md">', {"actors"})
    '<a href="docs/actors.html">'
    """

    def repl(m: re.Match) -> str:
        if m.group(1) not in docs:
            return m.group(0)
        return f'href="docs/{m.group(1)}.html{m.group(2) or ""}"'

    return _DOC_LINK.sub(repl, page)


def index_html(
    pages: Iterable[Page],
    *,
    corpus: str,
    n_documents: int | None,
    when: str | None = None,
    provenance: dict[str, Any] | None = None,
    credit: str = "",
) -> str:
    """A plain page listing the rendered notebooks with their titles, corpus, run date and
    provenance (:func:`provenance_html`), and each page's table files; ``credit`` is
    trusted HTML (:func:`wikinews_credit_html`) shown under the corpus."""
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
        files = " ".join(f'<a href="{esc(f)}" download>{esc(Path(f).name)}</a>' for f in page.files)
        rows.append(
            f"<tr><td>{link}</td><td><code>{esc(page.notebook.name)}</code></td>"
            f'<td>{status}</td><td class="files">{files}</td></tr>'
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
td.files a {{ margin-right: .5em; font-size: .85em; }}
.kit-provenance {{ margin: 1em 0; padding: .5em .8em; border: 1px solid #ddd; background: #fafafa;
  font-size: .9em; }}
.kit-provenance pre {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<h1>kit notebooks</h1>
<dl>
<dt>Corpus</dt><dd id="corpus"><code>{esc(corpus)}</code>{esc(docs)}</dd>
<dt>Run date</dt><dd id="run-date">{esc(when)}</dd>
</dl>
{credit}
<table id="pages">
<thead><tr><th>Notebook</th><th>File</th><th>Status</th><th>Tables as files</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>Open the pages in any browser; widgets are frozen snapshots of the state saved when the
notebooks ran. To explore further, open the notebooks in JupyterLab.</p>
{provenance_html(provenance)}
</body>
</html>
"""


#: What the index and provenance call the default corpus.
EXAMPLES_LABEL = "the examples: data/ (the seed article) and the Wikinews sample"


def wikinews_credit_html() -> str:
    """The credit Wikinews' licence asks for, as HTML for the top of a page (constants only).

    >>> "CC BY 2.5" in wikinews_credit_html()
    True
    """
    from kit.datasets import WIKINEWS_LICENCE, WIKINEWS_LICENCE_URL

    esc = html.escape
    return (
        '<p class="kit-credit" id="credit"><b>Texts:</b> the Wikinews articles shown here are '
        f'from <a href="https://en.wikinews.org/">Wikinews</a>, licensed '
        f'<a href="{esc(WIKINEWS_LICENCE_URL)}">{esc(WIKINEWS_LICENCE)}</a>; each '
        "article's address is in the <code>url</code> column of the documents table and its "
        "credit line in <code>attribution</code>.</p>"
    )


def examples_summary() -> tuple[str, int | None, str]:
    """``(label, documents, credit HTML)`` of the default corpus, the examples.

    Without the Wikinews sample (offline, no mirror) the notebooks fall back to the seed
    article: no credit then, and the label says why.
    """
    from kit.datasets import DatasetError, wikinews
    from kit.io.corpus import load

    seed = REPO_ROOT / "data"
    n_seed = len(load(seed)) if seed.is_dir() else 0
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n_wiki = len(wikinews())
    except DatasetError as exc:
        return f"{EXAMPLES_LABEL} (not available: {exc})", n_seed, ""
    return EXAMPLES_LABEL, n_seed + n_wiki, wikinews_credit_html()


def table_files(out: Path, stem: str) -> list[str]:
    """The files in ``<out>/<stem>_tables/``, as links relative to the pages, sorted."""
    folder = out / f"{stem}{FILES_SUFFIX}"
    if not folder.is_dir():
        return []
    return [f"{folder.name}/{p.name}" for p in sorted(folder.iterdir()) if p.is_file()]


def render_notebooks(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    corpus: str | os.PathLike | None = None,
    out: str | os.PathLike,
    no_input: bool = False,
    self_contained: bool = False,
    allow_cdn: bool = False,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    progress: bool = True,
    command: str | Sequence[str] | None = None,
    log: Callable[[str], None] | None = None,
) -> list[Page]:
    """Run notebooks, then write ``<out>/<name>.html`` for each and ``<out>/index.html``.

    Executed copies are kept in ``<out>/executed/``, each page's tables as CSV and
    XLSX in ``<out>/<name>_tables/``. ``self_contained`` inlines the widget manager
    and require.js into every page (one file each, ~4 MB larger) instead of
    copying them to ``<out>/_static/``. Raises :class:`CorpusError` (an unusable
    corpus) or :class:`~kit.present.assets.AssetsMissing` (no offline widget
    files and not ``allow_cdn``) before running anything. ``command`` is recorded
    in the provenance shown on every page. ``corpus=None`` renders the notebooks on
    their default corpus, the examples (the seed article and the Wikinews sample, whose
    licence credit then heads every page and the index).

    >>> pages = render_notebooks(["02_actors"], corpus="data/", out="out/site")  # doctest: +SKIP
    >>> pages = render_notebooks(out="out/site")   # the examples   # doctest: +SKIP
    """
    import nbformat

    from kit.api import about

    say = log or (lambda msg: print(msg, file=sys.stderr))
    paths = resolve_notebooks(notebooks)
    if corpus is None:
        corpus_label, n_documents, credit = examples_summary()
    else:
        corpus_label, n_documents, credit = (
            str(Path(corpus).resolve()),
            len(check_corpus(corpus)),
            "",
        )
    if not allow_cdn:
        find_widget_files()  # fail now, not after running every notebook
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results: dict[Path, tuple[Path, str | None]] = {}
    for i, nb_path in enumerate(paths, 1):
        say(f"[{i}/{len(paths)}] running {nb_path.name}")
        files_dir = out / f"{nb_path.stem}{FILES_SUFFIX}"
        if files_dir.is_dir():
            shutil.rmtree(files_dir)  # only this run's tables
        params = {FILES_PARAMETER: str(files_dir.resolve())}
        executed = out / "executed" / nb_path.name
        err = run_notebook(
            nb_path,
            corpus=corpus,
            output=executed,
            parameters={**params, **(parameters or {})},
            kernel_name=kernel_name,
            progress=progress,
        )
        if err:
            say(f"    error in {nb_path.name}: {err}")
        results[nb_path] = (executed, err)
    assets = bundle_assets(out, self_contained=self_contained, allow_cdn=allow_cdn)
    if assets.message:
        say(assets.message)
    info = about(
        model=(parameters or {}).get("MODEL"),
        command=command,
        parameters={"corpus": corpus_label, **(parameters or {})},
    )
    pages = []
    docs = method_docs(paths, out)
    for nb_path, (executed, err) in results.items():
        title = notebook_title(nbformat.read(executed, as_version=4), nb_path.stem)
        target = out / f"{nb_path.stem}.html"
        files = table_files(out, nb_path.stem)
        body = notebook_html(
            executed,
            assets=assets,
            no_input=no_input,
            title=title,
            header=credit + provenance_html(info, files=files),
            notebook_name=nb_path.name,
        )
        target.write_text(link_docs(body, docs), encoding="utf-8")
        say(f"    wrote {target}")
        pages.append(
            Page(
                notebook=nb_path,
                executed=executed,
                html=target,
                title=title,
                error=err,
                files=files,
            )
        )
    index = out / "index.html"
    index.write_text(
        index_html(
            pages,
            corpus=corpus_label,
            n_documents=n_documents,
            provenance=info,
            credit=credit,
        ),
        encoding="utf-8",
    )
    (out / "provenance.json").write_text(
        json.dumps(info, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    say(f"    wrote {index}")
    return pages
