"""Figures for the notebooks: one function per figure, each returns a matplotlib Figure.

>>> fig = documents_over_time(result.documents)      # doctest: +SKIP
>>> fig.savefig("docs.png")                           # doctest: +SKIP

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state, nothing
shown twice), use the colour-blind-safe Okabe–Ito palette, label both axes and
carry a title. An empty or missing table gives a figure that says so instead
of an error.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

#: Okabe–Ito colours in the order used for categories.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]
GREY = "#999999"
STANCE_COLOURS = {
    "neutral": "#0072B2",
    "assertive": "#D55E00",
    "positive": "#009E73",
    "negative": "#CC79A7",
    "hedged": "#E69F00",
    "distancing": "#E69F00",
    "speculative": "#E69F00",
}
_RC = {"font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold"}


def colours(n: int) -> list[str]:
    """``n`` palette colours, cycling when there are more categories than colours.

    >>> colours(2)
    ['#0072B2', '#E69F00']
    """
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def _figure(width: float = 7.5, height: float = 4.0) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _height(n: int, base: float = 0.8, per: float = 0.3) -> float:
    """Figure height in inches for ``n`` bars, never too flat to read."""
    return max(2.4, base + per * n)


def _style(ax: Any, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=_RC["axes.titlesize"], fontweight="bold", loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def empty_figure(title: str, message: str = "Nothing found in this corpus.") -> Figure:
    """A small figure that states there is nothing to plot."""
    fig, ax = _figure(7.5, 1.6)
    ax.set_axis_off()
    ax.set_title(title, fontsize=_RC["axes.titlesize"], fontweight="bold", loc="left")
    ax.text(0.5, 0.45, message, ha="center", va="center", fontsize=11, color="#555555")
    return fig


def _has(df: Any, *cols: str) -> bool:
    return isinstance(df, pd.DataFrame) and not df.empty and all(c in df.columns for c in cols)


def _short(label: Any, n: int = 32) -> str:
    r"""A corpus label for an axis: cut to ``n`` characters, ``$`` escaped.

    Matplotlib reads text between two ``$`` as mathtext, so an outlet or actor
    named ``$5 and $6`` would be typeset and one named ``$\frac$`` would stop the
    figure with a parse error; an escaped ``\$`` is drawn as a dollar sign.

    >>> _short("$45 million for $\\frac")
    '\\$45 million for \\$\\frac'
    """
    s = "(none)" if label is None or (isinstance(label, float) and np.isnan(label)) else str(label)
    s = s if len(s) <= n else s[: n - 1] + "…"
    return s.replace("$", r"\$")


def _barh(ax: Any, counts: pd.Series, colour: str | Sequence[str] = PALETTE[0]) -> None:
    counts = counts.iloc[::-1]
    ax.barh([_short(i) for i in counts.index], counts.to_numpy(), color=colour)
    for y, v in enumerate(counts.to_numpy()):
        ax.text(v, y, f" {v:,.0f}", va="center", fontsize=8)
    ax.margins(x=0.12)


def to_png(fig: Figure, *, dpi: int = 80) -> bytes:
    """The figure as PNG bytes (for widgets and HTML embedding)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


# ------------------------------------------------------------------ corpus --


def _dates(documents: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(documents["date"], errors="coerce").dropna()


def documents_over_time(documents: pd.DataFrame, *, freq: str | None = None) -> Figure:
    """Documents per day, week, month or year (chosen from the date range unless ``freq``).

    >>> fig = documents_over_time(result.documents, freq="MS")   # doctest: +SKIP
    """
    title = "Documents over time"
    if not _has(documents, "date") or _dates(documents).empty:
        return empty_figure(title, "No dated documents.")
    dates = _dates(documents)
    span = (dates.max() - dates.min()).days
    if freq is None:
        freq = "D" if span <= 62 else "W-MON" if span <= 366 else "MS" if span <= 366 * 6 else "YS"
    names = {"D": "day", "W-MON": "week", "MS": "month", "YS": "year"}
    counts = dates.dt.to_period(freq[0] if freq != "W-MON" else "W").value_counts().sort_index()
    fig, ax = _figure()
    x = counts.index.to_timestamp()
    width = {"D": 0.8, "W-MON": 5, "MS": 25, "YS": 300}.get(freq, 0.8)
    ax.bar(x, counts.to_numpy(), width=width, color=PALETTE[0], align="edge")
    _style(ax, title, "date", f"documents per {names.get(freq, freq)}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.autofmt_xdate()
    return fig


def documents_by_outlet(
    documents: pd.DataFrame, *, column: str = "source", top: int = 15
) -> Figure:
    """Documents per outlet (the ``source`` column), largest first."""
    title = "Documents by outlet"
    if not _has(documents, column):
        return empty_figure(title, f"No {column!r} column.")
    counts = documents[column].fillna("(unknown)").astype(str).value_counts().head(top)
    fig, ax = _figure(7.5, _height(len(counts), 0.6, 0.3))
    _barh(ax, counts)
    _style(ax, title, "documents", "outlet")
    return fig


def document_lengths(documents: pd.DataFrame, *, bins: int = 30) -> Figure:
    """Histogram of document lengths in words."""
    title = "Document lengths"
    if _has(documents, "n_words"):
        words = pd.to_numeric(documents["n_words"], errors="coerce").dropna()
    elif _has(documents, "text"):
        words = documents["text"].fillna("").astype(str).str.split().str.len()
    else:
        return empty_figure(title, "No documents.")
    if words.empty:
        return empty_figure(title, "No documents.")
    fig, ax = _figure()
    ax.hist(
        words.to_numpy(), bins=max(1, min(bins, len(words))), color=PALETTE[2], edgecolor="white"
    )
    ax.axvline(
        words.median(), color=PALETTE[3], linestyle="--", label=f"median {words.median():,.0f}"
    )
    ax.legend(frameon=False)
    _style(ax, title, "words per document", "documents")
    return fig


# ------------------------------------------------------------------ actors --


def top_actors(actors: pd.DataFrame, *, top: int = 15, by: str = "n_mentions") -> Figure:
    """The most mentioned actors, coloured by actor type.

    Accepts the ``actors`` table (``n_mentions``) or the ``mentions`` table.
    """
    title = f"Top {top} actors"
    if _has(actors, "actor", by):
        df = actors.sort_values([by, "actor"], ascending=[False, True]).head(top)
        counts = pd.Series(df[by].to_numpy(), index=df["actor"].astype(str).to_numpy())
        types = (
            df["actor_type"].fillna("other").astype(str).to_numpy() if "actor_type" in df else None
        )
    elif _has(actors, "actor"):
        counts = actors["actor"].dropna().astype(str).value_counts().head(top)
        types = None
    else:
        return empty_figure(title, "No actors found.")
    if counts.empty:
        return empty_figure(title, "No actors found.")
    fig, ax = _figure(7.5, _height(len(counts), 0.8, 0.3))
    if types is not None:
        kinds = sorted(set(types))
        cmap = dict(zip(kinds, colours(len(kinds))))
        _barh(ax, counts, [cmap[t] for t in types[::-1]])
        from matplotlib.patches import Patch

        ax.legend(
            handles=[Patch(color=cmap[k], label=k) for k in kinds],
            frameon=False,
            title="actor type",
            loc="lower right",
        )
    else:
        _barh(ax, counts)
    _style(ax, title, "mentions" if by == "n_mentions" else by, "actor")
    return fig


def comention_matrix(
    mentions: pd.DataFrame, *, top: int = 12, within: str = "doc_id"
) -> pd.DataFrame:
    """Units (documents or sentences) in which two of the ``top`` actors both appear.

    ``within`` is ``"doc_id"`` or ``"sent_id"``. The diagonal counts units with the actor.
    """
    if not _has(mentions, "actor", "doc_id"):
        return pd.DataFrame()
    m = mentions.dropna(subset=["actor"])
    keys = ["doc_id"] if within == "doc_id" else ["doc_id", within]
    unit = m[keys].astype(str).agg(":".join, axis=1) if len(keys) > 1 else m["doc_id"].astype(str)
    pairs = pd.DataFrame({"unit": unit.to_numpy(), "actor": m["actor"].astype(str).to_numpy()})
    pairs = pairs.drop_duplicates()
    order = pairs["actor"].value_counts()
    order = order.sort_index().sort_values(ascending=False, kind="stable").head(top).index
    sub = pairs[pairs["actor"].isin(order)]
    onehot = pd.crosstab(sub["unit"], sub["actor"]).clip(upper=1)
    mat = onehot.T @ onehot
    return mat.reindex(index=order, columns=order).fillna(0).astype(int)


def comention_heatmap(mentions: pd.DataFrame, *, top: int = 12, within: str = "doc_id") -> Figure:
    """Heatmap of how often the top actors are mentioned together."""
    unit = "documents" if within == "doc_id" else "sentences"
    title = f"Co-mentions of the top actors ({unit})"
    mat = comention_matrix(mentions, top=top, within=within)
    if mat.empty:
        return empty_figure(title, "No actors found.")
    n = len(mat)
    fig, ax = _figure(2.5 + 0.45 * n, 1.5 + 0.4 * n)
    im = ax.imshow(mat.to_numpy(), cmap="cividis")
    labels = [_short(a, 24) for a in mat.index]
    ax.set_xticks(range(n), labels, rotation=60, ha="right")
    ax.set_yticks(range(n), labels)
    vmax = mat.to_numpy().max() or 1
    for i in range(n):
        for j in range(n):
            v = mat.iat[i, j]
            ax.text(
                j,
                i,
                str(v),
                ha="center",
                va="center",
                fontsize=7,
                color="black" if v > vmax / 2 else "white",
            )
    fig.colorbar(im, ax=ax, label=f"{unit} with both")
    _style(ax, title, "actor", "actor")
    return fig


# -------------------------------------------------------------- quantities --


def quantities_by_dimension(quantities: pd.DataFrame) -> Figure:
    """How many quantities of each dimension (length, currency, count, …)."""
    title = "Quantities by dimension"
    if not _has(quantities, "dimension"):
        return empty_figure(title, "No quantities found.")
    counts = quantities["dimension"].fillna("(none)").astype(str).value_counts()
    fig, ax = _figure(7.5, _height(len(counts), 0.8, 0.3))
    _barh(ax, counts, PALETTE[1])
    _style(ax, title, "quantities", "dimension")
    return fig


def quantities_by_object(quantities: pd.DataFrame, *, top: int = 15) -> Figure:
    """The largest amount mentioned per counted object ("90,000 leaflets"), log scale."""
    title = "Largest amounts by object"
    if not _has(quantities, "object", "value"):
        return empty_figure(title, "No quantities with an object.")
    q = quantities.assign(_v=pd.to_numeric(quantities["value"], errors="coerce"))
    q = q.dropna(subset=["object", "_v"])
    q = q[q["object"].astype(str).str.strip() != ""]
    if q.empty:
        return empty_figure(title, "No quantities with an object.")
    best = q.groupby(q["object"].astype(str))["_v"].max()
    best = best.sort_index().sort_values(ascending=False, kind="stable").head(top)
    fig, ax = _figure(7.5, _height(len(best), 0.8, 0.3))
    _barh(ax, best, PALETTE[1])
    if (best > 0).all() and best.max() / max(best.min(), 1e-9) > 100:
        ax.set_xscale("log")
    _style(ax, title, "largest value mentioned", "object")
    return fig


# ---------------------------------------------------------------- sourcing --


def source_type_mix(
    attributions: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str | None = None,
    top: int = 12,
) -> Figure:
    """Share of attributions per source type; stacked per outlet when ``by="source"``."""
    label = "outlet" if by == "source" else by
    title = "Who is quoted: source types" + (f" by {label}" if by else "")
    if not _has(attributions, "source_type"):
        return empty_figure(title, "No attributions found.")
    a = attributions.assign(source_type=attributions["source_type"].fillna("none").astype(str))
    if by is None:
        counts = a["source_type"].value_counts()
        fig, ax = _figure(7.5, _height(len(counts), 0.8, 0.35))
        _barh(ax, counts, colours(len(counts))[::-1])
        _style(ax, title, "attributions", "source type")
        return fig
    if documents is None or not _has(documents, "doc_id", by):
        return empty_figure(title, f"No {by!r} column in the documents.")
    meta = documents[["doc_id", by]].drop_duplicates("doc_id")
    a = a.merge(meta, on="doc_id", how="left")
    a[by] = a[by].fillna("(unknown)").astype(str)
    table = pd.crosstab(a[by], a["source_type"])
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    share = table.div(table.sum(axis=1), axis=0)
    fig, ax = _figure(7.5, _height(len(share), 1.0, 0.35))
    left = np.zeros(len(share))
    labels = [_short(i) for i in share.index]
    for colour, col in zip(colours(len(share.columns)), share.columns):
        ax.barh(labels, share[col].to_numpy(), left=left, color=colour, label=col)
        left += share[col].to_numpy()
    ax.invert_yaxis()
    ax.legend(frameon=False, title="source type", bbox_to_anchor=(1.01, 1), loc="upper left")
    _style(ax, title, "share of attributions", label)
    return fig


def cue_stance(attributions: pd.DataFrame, *, top: int = 15) -> Figure:
    """The most frequent cue verbs, stacked by the stance they carry."""
    title = "Cue verbs and their stance"
    cue = "cue_lemma" if _has(attributions, "cue_lemma") else "cue"
    if not _has(attributions, cue):
        return empty_figure(title, "No attributions found.")
    a = attributions.assign(
        _cue=attributions[cue].fillna("(none)").astype(str).str.lower(),
        _stance=attributions["stance"].fillna("unknown").astype(str)
        if "stance" in attributions
        else "unknown",
    )
    table = pd.crosstab(a["_cue"], a["_stance"])
    order = table.sum(axis=1).sort_index().sort_values(ascending=False, kind="stable").index[:top]
    table = table.loc[order[::-1]]
    fig, ax = _figure(7.5, _height(len(table), 1.0, 0.3))
    left = np.zeros(len(table))
    taken = {STANCE_COLOURS[c] for c in table.columns if c in STANCE_COLOURS}
    extra = iter([c for c in PALETTE if c not in taken])
    for col in sorted(table.columns):
        colour = STANCE_COLOURS.get(col) or next(extra, GREY)
        ax.barh(table.index, table[col].to_numpy(), left=left, color=colour, label=col)
        left += table[col].to_numpy()
    ax.legend(frameon=False, title="stance", bbox_to_anchor=(1.01, 1), loc="upper left")
    _style(ax, title, "attributions", "cue")
    return fig


# ---------------------------------------------------------------- timeline --


def timex_dates(timexes: pd.DataFrame) -> pd.Series:
    """A calendar date for each resolvable ``value`` (day, month, year, ISO week), else NaT.

    >>> timex_dates(pd.DataFrame({"value": ["2017-06-01", "2017-W22", "P1M"]})).dt.day.tolist()[:2]  # noqa: E501
    [1.0, 29.0]
    """
    if not _has(timexes, "value"):
        return pd.Series(dtype="datetime64[ns]")
    values = timexes["value"].astype("string")
    out = pd.to_datetime(values.str.extract(r"^(\d{4}-\d{2}-\d{2})")[0], errors="coerce")
    month = pd.to_datetime(values.str.extract(r"^(\d{4}-\d{2})$")[0] + "-01", errors="coerce")
    year = pd.to_datetime(values.str.extract(r"^(\d{4})$")[0] + "-01-01", errors="coerce")
    week = values.str.extract(r"^(\d{4})-W(\d{2})")
    weekd = pd.to_datetime(week[0] + "-W" + week[1] + "-1", format="%G-W%V-%u", errors="coerce")
    return out.fillna(month).fillna(weekd).fillna(year)


def timeline(
    timexes: pd.DataFrame, documents: pd.DataFrame | None = None, *, top: int = 20
) -> Figure:
    """Resolved time expressions per document (dots) against each dateline (diamond).

    Accepts the ``timexes`` table or the table from ``kit.present.views.timeline``;
    a ``date`` column is used when present, else the ``value`` is resolved. A
    clipped timeline's window and the number of expressions it left out are
    written under the axis.

    >>> plots.timeline(kit.present.views.timeline(result), result.documents)  # doctest: +SKIP
    """
    title = "Timeline: what the texts refer to vs when they were published"
    if not isinstance(timexes, pd.DataFrame) or timexes.empty or "doc_id" not in timexes:
        return empty_figure(title, "No time expressions found.")
    t = timexes.copy()
    when = pd.to_datetime(t["date"], errors="coerce") if "date" in t else timex_dates(t)
    t = t.assign(_when=when).dropna(subset=["_when"])
    if t.empty:
        return empty_figure(title, "No time expressions with a calendar date.")
    docs = list(dict.fromkeys(t["doc_id"].astype(str)))[:top]
    t = t[t["doc_id"].astype(str).isin(docs)]
    fig, ax = _figure(8.5, max(2.6, 1.2 + 0.35 * len(docs)))
    ypos = {d: i for i, d in enumerate(docs)}
    col = "kind" if "kind" in t else "type" if "type" in t else None
    kind = t[col].fillna("other").astype(str) if col else pd.Series("DATE", index=t.index)
    for colour, k in zip(colours(6)[1:], sorted(kind.unique())):
        sel = t[kind == k]
        ax.scatter(
            sel["_when"],
            [ypos[d] for d in sel["doc_id"].astype(str)],
            color=colour,
            label=k,
            s=28,
            alpha=0.8,
        )
    if documents is not None and _has(documents, "doc_id", "date"):
        dl = documents.assign(_d=pd.to_datetime(documents["date"], errors="coerce"))
        dl = dl[dl["doc_id"].astype(str).isin(docs)].dropna(subset=["_d"])
        ax.scatter(
            dl["_d"],
            [ypos[d] for d in dl["doc_id"].astype(str)],
            marker="D",
            color=PALETTE[0],
            s=50,
            label="dateline",
            zorder=3,
        )
    ax.set_yticks(range(len(docs)), [_short(d, 40) for d in docs])
    ax.invert_yaxis()
    ax.legend(frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    _style(ax, title, "date referred to", "document")
    fig.autofmt_xdate()
    left, window = timexes.attrs.get("left_out", 0), timexes.attrs.get("window")
    if window:
        note = f"Window {window[0]} to {window[1]} (a year either side of the datelines)"
        if left:
            note += f"; {left:,} dated expression{'s' if left != 1 else ''} outside it left out"
        fig.text(0.01, 0.005, note, fontsize=8, color="#555", ha="left", va="bottom")
    return fig


# ------------------------------------------------------------ corpus views --


def heatmap(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    drop: Sequence[str] = ("documents", "statements", "source_type"),
    max_columns: int = 30,
) -> Figure:
    """A count table (rows × groups, e.g. :func:`kit.present.views.actors_by`) as a heatmap.

    Columns named in ``drop`` (totals, labels) are left out; at most ``max_columns``
    groups are drawn (the last ones for periods, which are in time order).

    >>> heatmap(views.actors_by(result.mentions, result.documents), title="Actors",
    ...         xlabel="month", ylabel="actor")   # doctest: +SKIP
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        return empty_figure(title, "Nothing to count.")
    mat = table[[c for c in table.columns if c not in drop]]
    mat = mat.iloc[:, -max_columns:].apply(pd.to_numeric, errors="coerce").fillna(0)
    if mat.empty or mat.shape[1] == 0:
        return empty_figure(title, "Nothing to count.")
    rows, cols = mat.shape
    fig, ax = _figure(max(5.5, 2.8 + 0.42 * cols), max(2.6, 1.4 + 0.32 * rows))
    im = ax.imshow(mat.to_numpy(), cmap="cividis", aspect="auto")
    ax.set_xticks(range(cols), [_short(str(c), 18) for c in mat.columns], rotation=60, ha="right")
    ax.set_yticks(range(rows), [_short(str(i), 28) for i in mat.index])
    vmax = mat.to_numpy().max() or 1
    if rows * cols <= 400:
        for i in range(rows):
            for j in range(cols):
                v = mat.iat[i, j]
                ax.text(
                    j,
                    i,
                    f"{v:g}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="black" if v > vmax / 2 else "white",
                )
    fig.colorbar(im, ax=ax)
    _style(ax, title, xlabel, ylabel)
    return fig


def source_mix_over_time(mix: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Stacked shares of named / anonymous / document sources per period.

    Takes :func:`kit.present.views.source_mix_over_time`; the number of statements per
    period is written above each bar.
    """
    title = title or "Who is quoted over time: shares of source classes"
    classes = [c for c in mix.columns if c != "statements"] if isinstance(mix, pd.DataFrame) else []
    if not classes or mix.empty:
        return empty_figure(title, "No attributions found.")
    fig, ax = _figure(max(6.5, 1.5 + 0.45 * len(mix)), 4.0)
    bottom = np.zeros(len(mix))
    x = np.arange(len(mix))
    for colour, col in zip(colours(len(classes)), classes):
        values = mix[col].astype(float).to_numpy()
        ax.bar(x, values, bottom=bottom, color=colour, label=_short(col), width=0.8)
        bottom += values
    for xi, n in zip(x, mix["statements"].to_numpy()):
        ax.text(xi, 1.01, f"{int(n)}", ha="center", va="bottom", fontsize=7, color="#555")
    ax.set_xticks(x, [_short(i, 18) for i in mix.index], rotation=60, ha="right")
    ax.set_ylim(0, 1.08)
    ax.legend(frameon=False, title="source", bbox_to_anchor=(1.01, 1), loc="upper left")
    _style(ax, title, str(mix.index.name or "period"), "share of statements (n above)")
    return fig


def stance_by_source_type(table: pd.DataFrame) -> Figure:
    """Stacked shares of cue stances per source class (from :func:`kit.present.views`)."""
    title = "Cue stance by source type"
    if not isinstance(table, pd.DataFrame) or table.empty:
        return empty_figure(title, "No attributions found.")
    counts = table.drop(columns=["statements"], errors="ignore").astype(float)
    share = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0)
    fig, ax = _figure(7.5, _height(len(share), 1.0, 0.4))
    left = np.zeros(len(share))
    taken = {STANCE_COLOURS[c] for c in share.columns if c in STANCE_COLOURS}
    extra = iter([c for c in PALETTE if c not in taken])
    labels = [_short(f"{i} ({int(n)})") for i, n in zip(share.index, counts.sum(axis=1))]
    for col in share.columns:
        colour = STANCE_COLOURS.get(col) or next(extra, GREY)
        ax.barh(labels, share[col].to_numpy(), left=left, color=colour, label=_short(col))
        left += share[col].to_numpy()
    ax.invert_yaxis()
    ax.legend(frameon=False, title="stance", bbox_to_anchor=(1.01, 1), loc="upper left")
    _style(ax, title, "share of statements", "source (statements)")
    return fig


def quantity_objects(table: pd.DataFrame, *, top: int = 15) -> Figure:
    """How often each counted object (or currency) is reported: bars of mentions.

    Takes :func:`kit.present.views.quantities_by_object`.
    """
    title = "How many of what: amounts reported per object"
    if not isinstance(table, pd.DataFrame) or table.empty:
        return empty_figure(title, "No quantities with an object.")
    t = table.head(top)
    labels = [f"{o} ({d})" for o, d in zip(t["object"].astype(str), t["dimension"].astype(str))]
    counts = pd.Series(t["mentions"].to_numpy(), index=labels)
    fig, ax = _figure(7.5, _height(len(counts), 0.8, 0.3))
    _barh(ax, counts, PALETTE[1])
    _style(ax, title, "amounts reported (mentions)", "object (dimension)")
    return fig


def statements(table: pd.DataFrame, *, top: int = 12) -> Figure:
    """Who said something when: one row per source, a dot per dated statement.

    Takes :func:`kit.present.views.statements`; the ``top`` most quoted sources are shown.
    """
    title = "Who said something when (dated statements)"
    if not isinstance(table, pd.DataFrame) or table.empty or "source" not in table:
        return empty_figure(title, "No dated statements.")
    t = table.dropna(subset=["source", "date"])
    order = t["source"].astype(str).value_counts().sort_index()
    order = order.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    t = t[t["source"].astype(str).isin(order)]
    if t.empty:
        return empty_figure(title, "No dated statements.")
    ypos = {s: i for i, s in enumerate(order)}
    fig, ax = _figure(8.5, max(2.6, 1.2 + 0.35 * len(order)))
    ax.scatter(
        pd.to_datetime(t["date"]),
        [ypos[s] for s in t["source"].astype(str)],
        color=PALETTE[0],
        s=26,
        alpha=0.7,
    )
    ax.set_yticks(range(len(order)), [_short(s, 32) for s in order])
    ax.invert_yaxis()
    _style(ax, title, "date of the statement", "source")
    fig.autofmt_xdate()
    window = table.attrs.get("window") if hasattr(table, "attrs") else None
    if window:
        note = f"Window {window[0]} to {window[1]}"
        left = table.attrs.get("left_out", 0)
        if left:
            note += f"; {left:,} statement{'s' if left != 1 else ''} dated outside it left out"
        fig.text(0.01, 0.005, note, fontsize=8, color="#555", ha="left", va="bottom")
    return fig
