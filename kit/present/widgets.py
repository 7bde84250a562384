"""Interactive explorers for notebooks (the only kit module that imports ipywidgets).

>>> from kit import widgets
>>> r = widgets.reader(result)            # doctest: +SKIP
>>> r                                     # shows the explorer  # doctest: +SKIP
>>> r.controls["doc"].value = "doc-2"     # what a click does  # doctest: +SKIP
>>> r.outputs["document"].outputs         # what is shown  # doctest: +SKIP

Each explorer is an ``ipywidgets.VBox`` with ``controls`` (name -> widget) and
``outputs`` (name -> ``Output``) dictionaries; every control is wired with
``observe``. Lookups are indexed once when the explorer is built, so each
callback only touches the rows it shows (well under 200 ms on 10,000 documents).
Outputs are plain HTML and PNG, so they also render in shared static HTML.
"""

from __future__ import annotations

import html as _html
import time
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as W
import numpy as np
import pandas as pd
from IPython.display import HTML, Image

from kit.present.display import LAYERS, DocIndex, _s, _table, context_html, render_document

ALL = "(all)"
#: What the sourcing panel calls a source that is a pronoun nobody was found for.
UNRESOLVED = "(unresolved pronoun)"
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;"


# ------------------------------------------------------------------ helpers --


def table_html(df: pd.DataFrame, *, html_cols: Sequence[str] = (), max_rows: int = 50) -> str:
    """A compact HTML table; cells are escaped except the columns in ``html_cols``."""
    if df is None or df.empty:
        return "<p><em>Nothing found.</em></p>"
    head = "".join(f'<th style="{_CELL}">{_html.escape(str(c))}</th>' for c in df.columns)
    rows = []
    for rec in df.head(max_rows).itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, rec):
            text = _s(value)
            if isinstance(value, float) and text:
                text = f"{value:,.6g}"
            cells.append(
                f'<td style="{_CELL}">{text if col in html_cols else _html.escape(text)}</td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = f"<p><em>… {len(df) - max_rows:,} more rows.</em></p>" if len(df) > max_rows else ""
    return (
        '<table style="border-collapse:collapse;font-size:0.85em;">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
    )


def bars_html(
    counts: pd.Series, *, title: str = "", colour: str = "#0072B2", max_bars: int = 15
) -> str:
    """A horizontal bar chart in plain HTML (fast, no JavaScript, survives static export)."""
    if counts is None or counts.empty:
        return f"<p><b>{_html.escape(title)}</b><br><em>Nothing found.</em></p>"
    counts = counts.head(max_bars)
    top = float(counts.max()) or 1.0
    rows = []
    for label, v in counts.items():
        width = max(1.0, 100.0 * float(v) / top)
        rows.append(
            "<tr>"
            f'<td style="{_CELL}white-space:nowrap;">{_html.escape(_s(label) or "(none)")}</td>'
            f'<td style="{_CELL}width:60%;"><div style="background:{colour};width:{width:.1f}%;'
            f'height:0.9em;display:inline-block;"></div> {v:,.0f}</td></tr>'
        )
    return (
        f"<div><b>{_html.escape(title)}</b>"
        f'<table style="border-collapse:collapse;font-size:0.85em;width:100%;">{"".join(rows)}</table></div>'
    )


def _put(out: W.Output, *items: Any) -> None:
    """Replace what an Output shows (works with and without a running kernel)."""
    out.outputs = ()
    for item in items:
        out.append_display_data(HTML(item) if isinstance(item, str) else item)


def _figure_image(fig: Any) -> Image:
    from kit.present.plots import to_png

    return Image(data=to_png(fig, dpi=72), format="png")


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series([pd.NA] * len(df), index=df.index, dtype="object")


def _choices(values: pd.Series, *, limit: int = 200) -> list[str]:
    counts = values.dropna().astype(str)
    counts = counts[counts != ""].value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return [ALL, *counts.index[:limit]]


class Explorer(W.VBox):
    """Base class: a VBox with ``controls`` and ``outputs`` and timed callbacks."""

    def __init__(
        self, controls: dict[str, W.Widget], outputs: dict[str, W.Output], body: list
    ) -> None:
        super().__init__(children=body)
        self.controls = controls
        self.outputs = outputs
        self.last_ms = 0.0
        self._quiet = False

    def _set_options(self, name: str, options: list, value: Any = None) -> None:
        """Replace a dropdown's options without firing callbacks (the caller refreshes)."""
        control = self.controls[name]
        self._quiet = True
        try:
            control.options = options
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            if value in values:
                control.value = value
            elif not values:
                control.value = None
        finally:
            self._quiet = False

    def _wire(self, callback: Callable[[], None], *names: str) -> None:
        def handler(_change: Any) -> None:
            if self._quiet:
                return
            t0 = time.perf_counter()
            callback()
            self.last_ms = (time.perf_counter() - t0) * 1000

        for name in names:
            self.controls[name].observe(handler, names="value")


def _doc_labels(docs: pd.DataFrame) -> list[tuple[str, str]]:
    ids = docs["doc_id"].astype(str)
    dates = _column(docs, "date").map(lambda d: _s(d)[:10])
    titles = _column(docs, "title").map(_s)
    return [
        (f"{d + ' · ' if d else ''}{(t or i)[:70]}{'' if not t else f' [{i}]'}", i)
        for i, d, t in zip(ids, dates, titles)
    ]


# ------------------------------------------------------------------ reader --


class Reader(Explorer):
    """Pick a document and layers; see it highlighted with a legend."""

    def __init__(self, analysis: Any, *, max_options: int = 500) -> None:
        self.index = DocIndex(analysis).warm()
        self._labels = _doc_labels(self.index.documents)
        self._lower = [lab.lower() for lab, _ in self._labels]
        self.max_options = max_options
        first = self._labels[0][1] if self._labels else None
        controls: dict[str, W.Widget] = {
            "search": W.Text(description="Find", placeholder="words in title, date or id"),
            "doc": W.Dropdown(
                options=self._labels[:max_options],
                value=first,
                description="Document",
                layout=W.Layout(width="95%"),
            ),
        }
        for layer in LAYERS:
            controls[layer] = W.Checkbox(value=True, description=layer, indent=False)
        outputs = {"document": W.Output(layout=W.Layout(border="1px solid #ddd", padding="4px"))}
        body = [
            controls["search"],
            controls["doc"],
            W.HBox([controls[layer] for layer in LAYERS]),
            outputs["document"],
        ]
        super().__init__(controls, outputs, body)
        self._wire(self._search, "search")
        self._wire(self.refresh, "doc", *LAYERS)
        self.refresh()

    def _search(self) -> None:
        q = self.controls["search"].value.strip().lower()
        hits = [lab for lab, low in zip(self._labels, self._lower) if q in low]
        hits = hits[: self.max_options]
        self._set_options("doc", hits, self.controls["doc"].value if hits else None)
        if hits and self.controls["doc"].value is None:
            self._set_options("doc", hits, hits[0][1])
        self.refresh()

    def refresh(self) -> None:
        doc_id = self.controls["doc"].value
        if doc_id is None:
            _put(self.outputs["document"], "<p><em>No document matches.</em></p>")
            return
        layers = tuple(layer for layer in LAYERS if self.controls[layer].value)
        html = render_document(self.index.analysis, doc_id, layers=layers, index=self.index)
        _put(self.outputs["document"], html)


def reader(analysis: Any) -> Reader:
    """Document reader highlighting actors, quantities, attribution roles and times.

    >>> widgets.reader(result)   # doctest: +SKIP
    """
    return Reader(analysis)


# ---------------------------------------------------------- actor explorer --


class ActorExplorer(Explorer):
    """Search or pick an actor: mentions in context, co-mentioned actors, mentions over time."""

    def __init__(self, analysis: Any) -> None:
        self.index = DocIndex(analysis)
        m = _table(analysis, "mentions")
        m = m if m is not None else pd.DataFrame(columns=["doc_id", "start", "end", "actor"])
        m = m[_column(m, "actor").notna()].reset_index(drop=True)
        key = "actor_id" if "actor_id" in m and m["actor_id"].notna().all() else "actor"
        self.mentions = m
        keys = m[key].astype(str)
        self._actor_code, self._actor_keys = pd.factorize(keys)
        self._doc_code, self._doc_ids = pd.factorize(m["doc_id"].astype(str))
        n_actors, n_docs = len(self._actor_keys), len(self._doc_ids)
        self._by_actor = pd.Series(np.arange(len(m))).groupby(self._actor_code, sort=False).indices
        # one (document, actor) pair per document an actor appears in, for co-mentions
        pair = np.unique(self._doc_code.astype(np.int64) * max(n_actors, 1) + self._actor_code)
        self._pair_doc, self._pair_actor = pair // max(n_actors, 1), pair % max(n_actors, 1)
        self.name_of = dict(zip(keys, m["actor"].astype(str)))
        dates = pd.to_datetime(_column(self.index.documents, "date"), errors="coerce")
        date_of = dict(zip(self.index.documents["doc_id"].astype(str), dates))
        months = pd.PeriodIndex([date_of.get(d) for d in self._doc_ids], freq="M")
        self._month_code, self._months = pd.factorize(months, sort=True)
        counts = np.bincount(self._actor_code, minlength=n_actors) if n_actors else np.array([])
        order = np.lexsort((np.asarray(self._actor_keys, dtype=str), -counts)) if n_actors else []
        self._options = [
            (f"{self.name_of[self._actor_keys[i]]} ({counts[i]:,})", self._actor_keys[i])
            for i in order
        ]
        self._code_of = {k: i for i, k in enumerate(self._actor_keys)}
        self._lower = [lab.lower() for lab, _ in self._options]
        self._n_docs = n_docs
        controls: dict[str, W.Widget] = {
            "search": W.Text(description="Search", placeholder="part of a name"),
            "actor": W.Dropdown(
                options=self._options[:300],
                value=self._options[0][1] if self._options else None,
                description="Actor",
                layout=W.Layout(width="60%"),
            ),
            "limit": W.IntSlider(value=10, min=1, max=100, description="Show"),
        }
        outputs = {
            "summary": W.Output(),
            "mentions": W.Output(),
            "comentions": W.Output(layout=W.Layout(width="40%")),
            "timeline": W.Output(layout=W.Layout(width="58%")),
        }
        body = [
            W.HBox([controls["search"], controls["actor"]]),
            controls["limit"],
            outputs["summary"],
            outputs["mentions"],
            W.HBox([outputs["comentions"], outputs["timeline"]]),
        ]
        super().__init__(controls, outputs, body)
        self._wire(self._search, "search")
        self._wire(self.refresh, "actor", "limit")
        self.refresh()

    def _search(self) -> None:
        q = self.controls["search"].value.strip().lower()
        hits = [opt for opt, low in zip(self._options, self._lower) if q in low][:300]
        current = self.controls["actor"].value
        keep = current if any(v == current for _, v in hits) else (hits[0][1] if hits else None)
        self._set_options("actor", hits, keep)
        self.refresh()

    def refresh(self) -> None:
        key = self.controls["actor"].value
        if key is None:
            msg = "<p><em>No actors found.</em></p>"
            for out in self.outputs.values():
                _put(out, msg)
            return
        code = self._code_of[key]
        rows = self._by_actor[code]
        docs, per_doc = np.unique(self._doc_code[rows], return_counts=True)
        limit = self.controls["limit"].value
        _put(
            self.outputs["summary"],
            f"<p><b>{_html.escape(self.name_of[key])}</b>: {len(rows):,} mentions in "
            f"{len(docs):,} documents.</p>",
        )
        shown = self.mentions.iloc[rows[:limit]]
        ctx = [
            context_html(self.index.text(d), s, e, width=70)
            for d, s, e in zip(shown["doc_id"].astype(str), shown["start"], shown["end"])
        ]
        table = pd.DataFrame({"doc_id": shown["doc_id"].astype(str).to_numpy(), "in context": ctx})
        if "title" in shown and shown["title"].notna().any():
            table.insert(1, "title/role", _column(shown, "title").map(_s).to_numpy())
        _put(self.outputs["mentions"], table_html(table, html_cols=("in context",), max_rows=limit))
        in_docs = np.zeros(self._n_docs, dtype=bool)
        in_docs[docs] = True
        co = np.bincount(self._pair_actor[in_docs[self._pair_doc]], minlength=len(self._actor_keys))
        co[code] = 0
        order = np.lexsort((np.arange(len(co)), -co))[:limit]
        order = order[co[order] > 0]
        names = [self.name_of[self._actor_keys[i]] for i in order]
        _put(
            self.outputs["comentions"],
            bars_html(
                pd.Series(co[order], index=names), title="Co-mentioned in the same documents"
            ),
        )
        month = self._month_code[docs]
        dated = month >= 0
        if not dated.any():
            _put(self.outputs["timeline"], "<p><em>No dated documents.</em></p>")
            return
        per = np.bincount(month[dated], weights=per_doc[dated], minlength=len(self._months))
        used = np.flatnonzero(per)
        series = pd.Series(per[used], index=[str(self._months[i]) for i in used])
        _put(
            self.outputs["timeline"],
            bars_html(series, title="Mentions per month", colour="#009E73", max_bars=36),
        )


def actor_explorer(analysis: Any) -> ActorExplorer:
    """Actor explorer: search or pick an actor; its mentions, co-mentions and months.

    >>> widgets.actor_explorer(result)   # doctest: +SKIP
    """
    return ActorExplorer(analysis)


# -------------------------------------------------------- quantity browser --

Q_SHOW = ["doc_id", "in context", "value", "unit", "si_value", "si_unit", "qualifier", "object"]
Q_EXTRA = ["approximate", "bound", "restates", "consistent"]
SORTS = {
    "document order": None,
    "value, largest first": ("value", False),
    "value, smallest first": ("value", True),
    "normalised (SI), largest first": ("si_value", False),
}


class QuantityBrowser(Explorer):
    """Filter quantities by dimension, unit, object and qualifier; sort; see each in context."""

    def __init__(self, analysis: Any) -> None:
        self.index = DocIndex(analysis)
        q = _table(analysis, "quantities")
        self.q = (
            q if q is not None else pd.DataFrame(columns=["doc_id", "start", "end"])
        ).reset_index(drop=True)
        self._arr = {
            c: _column(self.q, c).astype("string").fillna("").to_numpy()
            for c in ("dimension", "unit", "qualifier")
        }
        self._object = _column(self.q, "object").astype("string").fillna("").str.lower().to_numpy()
        self._num = {
            c: pd.to_numeric(_column(self.q, c), errors="coerce").to_numpy(dtype=float)
            for c in ("value", "si_value")
        }
        controls: dict[str, W.Widget] = {
            c: W.Dropdown(options=_choices(_column(self.q, c)), value=ALL, description=c)
            for c in ("dimension", "unit", "qualifier")
        }
        controls["object"] = W.Text(description="object", placeholder="e.g. leaflets")
        controls["sort"] = W.Dropdown(
            options=list(SORTS), value="document order", description="sort"
        )
        controls["limit"] = W.IntSlider(value=20, min=1, max=200, description="Show")
        outputs = {"summary": W.Output(), "table": W.Output()}
        body = [
            W.HBox([controls["dimension"], controls["unit"], controls["qualifier"]]),
            W.HBox([controls["object"], controls["sort"], controls["limit"]]),
            outputs["summary"],
            outputs["table"],
        ]
        super().__init__(controls, outputs, body)
        self._wire(self.refresh, *controls)
        self.refresh()

    def selected(self) -> np.ndarray:
        """Row positions of the quantities matching the current filters, in display order."""
        mask = np.ones(len(self.q), dtype=bool)
        for c in ("dimension", "unit", "qualifier"):
            v = self.controls[c].value
            if v != ALL:
                mask &= self._arr[c] == v
        needle = self.controls["object"].value.strip().lower()
        if needle:
            mask &= np.char.find(self._object.astype(str), needle) >= 0
        rows = np.flatnonzero(mask)
        sort = SORTS[self.controls["sort"].value]
        if sort is not None and len(rows):
            vals = self._num[sort[0]][rows]
            key = np.where(np.isnan(vals), np.inf, vals if sort[1] else -vals)
            rows = rows[np.argsort(key, kind="stable")]
        return rows

    def refresh(self) -> None:
        if self.q.empty:
            _put(self.outputs["summary"], "<p><em>No quantities found.</em></p>")
            _put(self.outputs["table"], "")
            return
        rows = self.selected()
        limit = self.controls["limit"].value
        shown = self.q.iloc[rows[:limit]]
        ctx = [
            context_html(self.index.text(d), s, e, width=60)
            for d, s, e in zip(shown["doc_id"].astype(str), shown["start"], shown["end"])
        ]
        table = shown.assign(**{"in context": ctx})
        cols = [c for c in Q_SHOW + Q_EXTRA if c in table.columns]
        _put(
            self.outputs["summary"],
            f"<p>{len(rows):,} of {len(self.q):,} quantities match; showing {len(shown):,}.</p>",
        )
        _put(
            self.outputs["table"],
            table_html(table[cols], html_cols=("in context",), max_rows=limit),
        )


def quantity_browser(analysis: Any) -> QuantityBrowser:
    """Quantity browser: filter, sort and read every amount in context.

    >>> widgets.quantity_browser(result)   # doctest: +SKIP
    """
    return QuantityBrowser(analysis)


# ---------------------------------------------------------- sourcing panel --


class SourcingPanel(Explorer):
    """Filter attributions by source type, outlet and stance; see the mix and one source's statements."""

    FILTERS = ("source_type", "outlet", "stance")

    def __init__(self, analysis: Any) -> None:
        self.index = DocIndex(analysis)
        a = _table(analysis, "attributions")
        a = (a if a is not None else pd.DataFrame(columns=["doc_id"])).reset_index(drop=True)
        docs = self.index.documents
        outlet_of = dict(zip(docs["doc_id"].astype(str), _column(docs, "source").map(_s)))
        who = _column(a, "source_actor").astype("string")
        who = who.fillna(_column(a, "source_text").astype("string")).fillna("(no source)")
        # an unresolved "he"/"they" is nobody in particular: kept out of "most quoted"
        unresolved = (_column(a, "source_type").astype("string") == "pronoun").fillna(False)
        who = who.mask(unresolved.to_numpy(), UNRESOLVED)
        self.a = a.assign(
            who=who.to_numpy(),
            outlet=[outlet_of.get(d, "") or "(unknown)" for d in a["doc_id"].astype(str)],
        )
        values = {
            "source_type": _column(a, "source_type").astype("string").fillna("(none)"),
            "outlet": self.a["outlet"].astype("string"),
            "stance": _column(a, "stance").astype("string").fillna("(none)"),
            "who": self.a["who"].astype("string"),
        }
        self._codes, self._labels = {}, {}
        for name, col in values.items():
            codes, labels = pd.factorize(col, sort=True)
            self._codes[name], self._labels[name] = codes, np.asarray(labels, dtype=object)
        controls: dict[str, W.Widget] = {
            name: W.Dropdown(options=_choices(values[name]), description=name.replace("_", " "))
            for name in self.FILTERS
        }
        controls["who"] = W.Dropdown(
            options=[ALL], value=ALL, description="source", layout=W.Layout(width="60%")
        )
        controls["limit"] = W.IntSlider(value=10, min=1, max=100, description="Show")
        outputs = {
            "mix": W.Output(layout=W.Layout(width="48%")),
            "sources": W.Output(layout=W.Layout(width="48%")),
            "statements": W.Output(),
        }
        body = [
            W.HBox([controls[name] for name in self.FILTERS]),
            W.HBox([controls["who"], controls["limit"]]),
            W.HBox([outputs["mix"], outputs["sources"]]),
            outputs["statements"],
        ]
        super().__init__(controls, outputs, body)
        self._wire(self._filters_changed, *self.FILTERS)
        self._wire(self.refresh, "who", "limit")
        self._filters_changed()

    def _counts(self, name: str, mask: np.ndarray) -> pd.Series:
        labels = self._labels[name]
        n = np.bincount(self._codes[name][mask], minlength=len(labels))
        order = np.lexsort((np.arange(len(n)), -n))
        order = order[n[order] > 0]
        return pd.Series(n[order], index=labels[order])

    def _mask(self) -> np.ndarray:
        mask = np.ones(len(self.a), dtype=bool)
        for name in self.FILTERS:
            v = self.controls[name].value
            if v != ALL:
                hit = np.flatnonzero(self._labels[name] == v)
                mask &= self._codes[name] == (hit[0] if len(hit) else -2)
        return mask

    def _filters_changed(self) -> None:
        self._who_counts = self._counts("who", self._mask())
        options = [
            ALL,
            *[w for w in self._who_counts.index[:200] if w not in ("(no source)", UNRESOLVED)],
        ]
        current = self.controls["who"].value
        self._set_options("who", options, current if current in options else ALL)
        self.refresh()

    def refresh(self) -> None:
        if self.a.empty:
            for out in self.outputs.values():
                _put(out, "<p><em>No attributions found.</em></p>")
            return
        mask = self._mask()
        limit = self.controls["limit"].value
        mix = self._counts("source_type", mask)
        _put(
            self.outputs["mix"], bars_html(mix, title=f"Source types ({mask.sum():,} attributions)")
        )
        counts = self._who_counts
        left_out = int(counts.get(UNRESOLVED, 0))
        counts = counts.drop(UNRESOLVED, errors="ignore")
        title = "Most quoted sources"
        if left_out:
            title += f" ({left_out:,} with an unresolved pronoun as source left out)"
        _put(self.outputs["sources"], bars_html(counts.head(limit), title=title, colour="#D55E00"))
        who = self.controls["who"].value
        if who != ALL:
            hit = np.flatnonzero(self._labels["who"] == who)
            mask = mask & (self._codes["who"] == (hit[0] if len(hit) else -2))
        rows = np.flatnonzero(mask)
        s = self.a.iloc[rows[:limit]]
        table = pd.DataFrame(
            {
                "doc_id": s["doc_id"].astype(str).to_numpy(),
                "source": s["who"].to_numpy(),
                "cue": _column(s, "cue").map(_s).to_numpy(),
                "stance": _column(s, "stance").map(_s).to_numpy(),
                "content": [
                    _html.escape(_s(c)[:300]) + ("…" if len(_s(c)) > 300 else "")
                    for c in _column(s, "content")
                ],
            }
        )
        for extra in ("source_type", "hedge", "channel"):
            if extra in s:
                table[extra] = s[extra].map(_s).to_numpy()
        title = "All statements" if who == ALL else f"Statements of {_html.escape(who)}"
        _put(
            self.outputs["statements"],
            f"<p><b>{title}</b> ({len(rows):,})</p>"
            + table_html(table, html_cols=("content",), max_rows=limit),
        )


def sourcing_panel(analysis: Any) -> SourcingPanel:
    """Sourcing panel: who is quoted, how, and what they said.

    >>> widgets.sourcing_panel(result)   # doctest: +SKIP
    """
    return SourcingPanel(analysis)
