"""Highlighted document view: character offsets in, self-contained HTML out.

>>> html = render_document(result, "2017-06-04_syria-tanf")   # doctest: +SKIP
>>> show(result)                                              # doctest: +SKIP

Every layer (actor mentions, quantities, attribution roles, time expressions)
gets its own colour and its own CSS property, so overlapping spans stay
visible: the text is cut at every span boundary and each piece is wrapped in
the spans covering it, outermost first. Styles are inline (no ``<style>``
block, no JavaScript), so the view survives notebook sanitizers and static
HTML exports. Details sit in ``title`` tooltips.
"""

from __future__ import annotations

import html as _html
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Okabe–Ito palette (colour-blind safe).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

LAYERS = ("actors", "quantities", "attributions", "timexes")

#: role -> (legend label, colour, inline CSS). Each role uses its own property.
ROLE_STYLES: dict[str, tuple[str, str, str]] = {
    "content": (
        "attribution content",
        OKABE_ITO["yellow"],
        "background:#F0E44255;",
    ),
    "source": (
        "attribution source",
        OKABE_ITO["vermillion"],
        f"border-bottom:3px solid {OKABE_ITO['vermillion']};",
    ),
    "cue": (
        "attribution cue",
        OKABE_ITO["purple"],
        f"outline:2px solid {OKABE_ITO['purple']};font-weight:bold;",
    ),
    "actor": ("actor mention", OKABE_ITO["sky"], "background:#56B4E966;border-radius:3px;"),
    "quantity": ("quantity", OKABE_ITO["orange"], "background:#E69F0066;border-radius:3px;"),
    "timex": (
        "time expression",
        OKABE_ITO["green"],
        f"background:#009E7340;border-radius:3px;box-shadow:inset 0 -2px 0 {OKABE_ITO['green']};",
    ),
}
#: Which roles each layer draws.
LAYER_ROLES = {
    "actors": ("actor",),
    "quantities": ("quantity",),
    "attributions": ("content", "source", "cue"),
    "timexes": ("timex",),
}
_TABLE_OF = {
    "actors": "mentions",
    "quantities": "quantities",
    "attributions": "attributions",
    "timexes": "timexes",
}
#: Drawing order when spans share the same extent (outer first).
_ROLE_RANK = {
    r: i for i, r in enumerate(("content", "source", "cue", "actor", "quantity", "timex"))
}


@dataclass(frozen=True)
class Span:
    """One highlighted span: ``text[start:end]`` drawn with ``role``'s style."""

    start: int
    end: int
    role: str
    tag: str = ""
    title: str = ""


def _table(analysis: Any, name: str) -> pd.DataFrame | None:
    tables = analysis.tables() if hasattr(analysis, "tables") else dict(analysis)
    df = tables.get(name)
    return df if isinstance(df, pd.DataFrame) else None


class DocIndex:
    """Row positions of every table by ``doc_id``, built once for fast lookups.

    >>> idx = DocIndex(result)                      # doctest: +SKIP
    >>> idx.rows("quantities", "doc-1")             # doctest: +SKIP
    """

    def __init__(self, analysis: Any) -> None:
        self.analysis = analysis
        docs = _table(analysis, "documents")
        if docs is None:
            docs = pd.DataFrame(columns=["doc_id", "text"])
        self.documents = docs
        self._doc_pos = {d: i for i, d in enumerate(docs["doc_id"].astype(str))}
        self._texts = [t if isinstance(t, str) else "" for t in docs["text"].tolist()]
        self._groups: dict[str, dict[str, np.ndarray]] = {}

    def warm(self, tables: Iterable[str] = tuple(_TABLE_OF.values())) -> DocIndex:
        """Build the per-document row index of ``tables`` now rather than on first use."""
        for table in tables:
            self.rows(table, "")
        return self

    def text(self, doc_id: str) -> str:
        pos = self._doc_pos.get(str(doc_id))
        if pos is None:
            raise KeyError(f"no document {doc_id!r}; try one of {list(self._doc_pos)[:5]}")
        return self._texts[pos]

    def doc_row(self, doc_id: str) -> pd.Series:
        return self.documents.iloc[self._doc_pos[str(doc_id)]]

    def rows(self, table: str, doc_id: str) -> pd.DataFrame:
        """The rows of ``table`` for one document (empty if the table is missing)."""
        df = _table(self.analysis, table)
        if df is None or df.empty or "doc_id" not in df:
            return pd.DataFrame()
        if table not in self._groups:
            self._groups[table] = df.groupby(df["doc_id"].astype(str), sort=False).indices
        pos = self._groups[table].get(str(doc_id))
        return df.iloc[pos] if pos is not None else df.iloc[0:0]


def _int(value: Any) -> int | None:
    try:
        if value is None or pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _s(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _tip(row: dict, cols: Sequence[str]) -> str:
    return "; ".join(f"{c}: {_s(row[c])}" for c in cols if c in row and _s(row[c]))


def spans_for(index: DocIndex, doc_id: str, layers: Iterable[str] = LAYERS) -> list[Span]:
    """All spans of the chosen layers for one document, in a fixed order."""
    spans: list[Span] = []
    for layer in layers:
        if layer not in LAYER_ROLES:
            raise ValueError(f"unknown layer {layer!r}; choose from {list(LAYER_ROLES)}")
        rows = index.rows(_TABLE_OF[layer], doc_id)
        for row in rows.to_dict("records"):
            spans += _row_spans(layer, row)
    return spans


def _row_spans(layer: str, row: dict) -> list[Span]:
    if layer == "actors":
        tag = _s(row.get("actor_type")) or _s(row.get("label"))
        tip = _tip(row, ["actor", "actor_type", "label", "country", "title", "role", "mention_id"])
        return [Span(_int(row.get("start")), _int(row.get("end")), "actor", tag, tip)]
    if layer == "quantities":
        tag = _s(row.get("unit")) or _s(row.get("dimension"))
        cols = ["value", "unit", "dimension", "si_value", "si_unit", "qualifier", "object"]
        tip = _tip(row, [*cols, "restates", "quantity_id"])
        return [Span(_int(row.get("start")), _int(row.get("end")), "quantity", tag, tip)]
    if layer == "timexes":
        tip = _tip(row, ["type", "value", "anchor_date", "mod", "note", "timex_id"])
        return [
            Span(_int(row.get("start")), _int(row.get("end")), "timex", _s(row.get("value")), tip)
        ]
    tip = _tip(row, ["attribution_id", "source_type", "source_actor", "cue_lemma", "stance"])
    out = []
    for role, tag in (
        ("content", ""),
        ("source", _s(row.get("source_type"))),
        ("cue", _s(row.get("stance"))),
    ):
        out.append(
            Span(_int(row.get(f"{role}_start")), _int(row.get(f"{role}_end")), role, tag, tip)
        )
    return out


def highlight(text: str, spans: Iterable[Span], *, tags: bool = True) -> str:
    """HTML for ``text`` with ``spans`` highlighted; invalid spans are dropped.

    >>> highlight("Dillon said.", [Span(0, 6, "actor", "person")], tags=False)[:20]
    '<span title="" style'
    """
    n = len(text)
    good = sorted(
        {
            s
            for s in spans
            if s.start is not None and s.end is not None and 0 <= s.start < s.end <= n
        },
        key=lambda s: (s.start, -s.end, _ROLE_RANK.get(s.role, 99), s.tag, s.title),
    )
    cuts = sorted({0, n, *(s.start for s in good), *(s.end for s in good)})
    parts: list[str] = []
    active: list[Span] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:]):
        while nxt < len(good) and good[nxt].start <= a:
            active.append(good[nxt])
            nxt += 1
        active = [s for s in active if s.end > a]
        piece = _html.escape(text[a:b])
        for s in reversed(active):
            css = ROLE_STYLES.get(s.role, ("", "", ""))[2]
            piece = f'<span title="{_html.escape(s.title)}" style="{css}">{piece}</span>'
        parts.append(piece)
        if tags:
            for s in active:
                if s.end == b and s.tag:
                    colour = ROLE_STYLES.get(s.role, ("", "#000", ""))[1]
                    parts.append(
                        f'<sup style="font-size:0.65em;color:{colour};font-weight:bold;'
                        f'filter:brightness(0.7);">{_html.escape(s.tag)}</sup>'
                    )
    return "".join(parts)


def legend_html(layers: Iterable[str] = LAYERS) -> str:
    """A row of swatches naming what each colour means."""
    items = []
    for layer in layers:
        for role in LAYER_ROLES.get(layer, ()):
            label, _colour, css = ROLE_STYLES[role]
            items.append(
                f'<span style="margin-right:1.2em;white-space:nowrap;">'
                f'<span style="{css}padding:0 4px;">{_html.escape(role)}</span> '
                f"{_html.escape(label)}</span>"
            )
    return f'<div class="kit-legend" style="margin:0.3em 0 0.6em 0;font-size:0.9em;">{"".join(items)}</div>'


def render_document(
    analysis: Any,
    doc_id: str | None = None,
    *,
    layers: Sequence[str] = LAYERS,
    tags: bool = True,
    index: DocIndex | None = None,
    max_chars: int | None = 200_000,
) -> str:
    """Self-contained HTML of one document with the chosen layers highlighted.

    ``doc_id`` defaults to the first document. ``max_chars`` truncates very long
    texts (spans beyond the cut are dropped) so the page stays usable.

    >>> html = render_document(result, layers=("actors", "timexes"))   # doctest: +SKIP
    """
    index = index or DocIndex(analysis)
    if doc_id is None:
        if index.documents.empty:
            return '<div class="kit-doc"><em>No documents to show.</em></div>'
        doc_id = str(index.documents["doc_id"].iloc[0])
    text = index.text(doc_id)
    spans = spans_for(index, doc_id, layers)
    note = ""
    if max_chars is not None and len(text) > max_chars:
        note = f"<p><em>Showing the first {max_chars:,} of {len(text):,} characters.</em></p>"
        text = text[:max_chars]
    row = index.doc_row(doc_id)
    head = [f"<strong>{_html.escape(_s(row.get('title')) or str(doc_id))}</strong>"]
    meta = " · ".join(
        _html.escape(v) for v in (_s(row.get("date"))[:10], _s(row.get("source")), str(doc_id)) if v
    )
    counts = []
    for layer in layers:
        n = len(index.rows(_TABLE_OF[layer], doc_id))
        counts.append(f"{n} {layer}")
    empty = "" if spans else "<p><em>Nothing found in the chosen layers.</em></p>"
    return (
        '<div class="kit-doc" style="font-family:Georgia,serif;max-width:52em;">'
        f'<div style="font-family:sans-serif;">{"".join(head)}<br>'
        f'<span style="color:#555;font-size:0.85em;">{meta} — {", ".join(counts)}</span></div>'
        f"{legend_html(layers)}{empty}{note}"
        f'<div style="white-space:pre-wrap;line-height:1.9;">{highlight(text, spans, tags=tags)}</div>'
        "</div>"
    )


def context_html(text: str, start: int, end: int, *, width: int = 80) -> str:
    """Keyword-in-context: ``width`` characters either side, the span in bold.

    >>> context_html("Dillon said so.", 0, 6, width=5)
    '<b>Dillon</b> said…'
    """
    start, end = max(0, int(start)), min(len(text), int(end))
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    lead = "…" if start - width > 0 else ""
    tail = "…" if end + width < len(text) else ""
    return (
        f"{lead}{_html.escape(left)}<b>{_html.escape(text[start:end])}</b>"
        f"{_html.escape(right)}{tail}"
    )


#: Characters that become HTML entities in :func:`md_escape` (never markup).
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
#: Markdown (CommonMark, GFM, MathJax) syntax characters, backslash-escaped by :func:`md_escape`.
_MD_PUNCTUATION = frozenset(r"\`*_{}[]()#+-.!|~$:")


def md_escape(value: Any) -> str:
    r"""``value`` as Markdown that shows exactly its text: never markup, a link or math.

    HTML special characters become entities and Markdown syntax characters are
    backslash-escaped, in one pass. Each run of whitespace (line breaks too)
    becomes one space, so a value stays inside the sentence it is put in (no
    new paragraph, heading, list or code block). Missing values (``None``, NaN, NA) give ``""``.
    Corpus text (titles, outlets, sentences, extracted spans, file names,
    metadata) must pass through this, or through :func:`finding`, before it
    reaches ``Markdown(...)``. Do not put the result inside a code span
    (backticks): escapes are shown literally there.

    >>> print(md_escape('<img src=x onerror="alert(1)">'))
    &lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;
    >>> print(md_escape("[click](javascript:alert(1))"))
    \[click\]\(javascript\:alert\(1\)\)
    >>> print(md_escape("**Smith**\n\n# 1.5 km"))
    \*\*Smith\*\* \# 1\.5 km
    >>> md_escape(None), md_escape(float("nan")), md_escape(3)
    ('', '', '3')
    """
    text = re.sub(r"\s+", " ", _s(value))
    return "".join(_MD_ENTITIES.get(c) or (f"\\{c}" if c in _MD_PUNCTUATION else c) for c in text)


class Finding(str):
    """Markdown built by :func:`finding`: its markup is trusted, every value in it escaped.

    Notebooks show it as Markdown. Adding or joining keeps it safe: a ``Finding``
    joins as it is, anything else (a plain ``str`` from the corpus) is escaped
    with :func:`md_escape` first.

    >>> print(finding("**{n}** of", n=2) + " <b>it</b>")
    **2** of &lt;b&gt;it&lt;/b&gt;
    """

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)

    def __add__(self, other: object) -> Finding:
        return Finding(str(self) + _markdown(other))

    def __radd__(self, other: object) -> Finding:
        return Finding(_markdown(other) + str(self))

    def join(self, items: Iterable[Any]) -> Finding:  # type: ignore[override]
        return Finding(str(self).join(_markdown(item) for item in items))


def _markdown(value: Any) -> str:
    return str(value) if isinstance(value, Finding) else md_escape(value)


class _EscapingFormatter(string.Formatter):
    """``str.format`` that escapes every formatted field (a :class:`Finding` is kept)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Finding) and not format_spec:
            return str(value)
        if _s(value) == "":
            return ""
        return md_escape(format(value, format_spec)).strip(" ")


def finding(template: str, /, **values: Any) -> Finding:
    r"""Markdown from a trusted ``template`` and escaped ``values`` (``str.format`` fields).

    The template is the only markup: every value is formatted with its format
    spec (``{n:,}``, ``{when:%d %B %Y}``, ``{row[text]}``) and then escaped with
    :func:`md_escape`, so a title or a quoted name from the corpus can never
    become HTML, a link or Markdown syntax; whitespace around a value is
    dropped. A value that is itself a :class:`Finding` is inserted as it is; a
    missing value (``None``, NaN) as nothing. Notebooks show the result as Markdown: ``display(finding(...))``.
    Never put corpus values into the template itself (no f-string templates).

    >>> print(finding("The most quoted source is **{who}** ({n:,} times).",
    ...               who="<b onmouseover=alert(1)>Smith</b>", n=1200))
    The most quoted source is **&lt;b onmouseover=alert\(1\)&gt;Smith&lt;/b&gt;** (1,200 times).
    >>> cues = finding(", ").join(finding("*{c}*", c=c) for c in ["said", "_x_"])
    >>> print(finding("Cues: {cues}.", cues=cues))
    Cues: *said*, *\_x\_*.
    """
    return Finding(_EscapingFormatter().vformat(template, (), values))


class HTMLBlock(str):
    """A string of HTML that notebooks display as HTML (and print as text)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<HTML block, {len(self):,} characters>"


def static_table(
    df: pd.DataFrame | None,
    *,
    n: int = 15,
    caption: str = "",
    columns: Sequence[str] | None = None,
    max_chars: int | None = 400,
) -> HTMLBlock:
    """A plain HTML table of the first ``n`` rows, readable without JavaScript.

    ``columns`` picks (and orders) the columns that exist; missing ones are ignored.
    Every cell and column name is escaped; line breaks in a cell show as line
    breaks; cells longer than ``max_chars`` are cut with "…".

    >>> static_table(pd.DataFrame({"a": [1]}), caption="Demo")[:13]
    '<p><b>Demo</b'
    """
    if df is None or len(df) == 0:
        return HTMLBlock(f"<p><b>{_html.escape(caption)}</b><br><em>Nothing found.</em></p>")
    if columns is not None:
        df = df[[c for c in columns if c in df.columns]]
    cap = f"<p><b>{_html.escape(caption)}</b> (first {min(n, len(df)):,} of {len(df):,} rows)</p>"
    head = df.head(n).astype(object)
    head = head.where(head.notna(), "").map(lambda v: _cell_html(v, max_chars))
    head.columns = [_html.escape(str(c)) for c in head.columns]
    with pd.option_context("display.max_colwidth", None):
        table = head.to_html(index=False, escape=False, border=0)
    return HTMLBlock(cap + table)


def _cell_html(value: Any, max_chars: int | None) -> str:
    """One escaped cell: cut at ``max_chars`` (with …), line breaks as ``<br>``.

    >>> _cell_html("a <b>\\n\\nc", None)
    'a &lt;b&gt;<br><br>c'
    >>> _cell_html("x" * 50, 45)[-14:]
    'xxxxxxx…</div>'
    """
    text = _s(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    cell = _html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")
    if len(text) > _WRAP_AFTER:  # long text: a readable column, not a sliver or a banner
        return f'<div style="{_WRAP_STYLE}">{cell}</div>'
    return cell


#: Cells longer than this many characters wrap in a column of readable width.
_WRAP_AFTER = 40
_WRAP_STYLE = "min-width:14em;max-width:32em;white-space:normal;text-align:left;"


def pick(df: pd.DataFrame | None, columns: Sequence[str]) -> pd.DataFrame:
    """The listed columns that exist in ``df`` (an empty frame for a missing table).

    >>> list(pick(pd.DataFrame({"a": [1], "b": [2]}), ["b", "zz"]).columns)
    ['b']
    """
    if df is None:
        return pd.DataFrame(columns=list(columns))
    return df[[c for c in columns if c in df.columns]]


def show(analysis: Any, doc_id: str | None = None, **kw: Any) -> Any:
    """Display the highlighted document in a notebook (static HTML, no JavaScript).

    >>> kit.show(result, doc_id="2017-06-04_syria-tanf")   # doctest: +SKIP
    """
    from IPython.display import HTML, display

    html = HTML(render_document(analysis, doc_id, **kw))
    display(html)
    return None
