# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (kit)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Actors: who appears, when, where, and with whom
#
# The people, organisations, countries and groups the texts mention, merged across their
# names ("U.S.", "USA", "American" are one actor), counted per month and per outlet.
#
# **Prerequisites:** the kit installed (`bash scripts/setup.sh`), nothing else.
# **Time to run:** about 5–10 seconds once the example corpora are in the store; the
# first run analyses them (about a minute on two cores, more on a busy machine).

# %% tags=["parameters"]
# Parameters: papermill and `kit run --corpus PATH` replace these.
# CORPUS: None for the examples (the seed article in data/ for the close-up, the
# Wikinews sample for the corpus patterns), or a folder, file, glob or table of your texts
# (relative to this notebook).
CORPUS = None
# MODEL: a spaCy pipeline name or path (None: the kit default).
MODEL = None
# DOC_ID: the document shown up close (None: the seed article, or your first document).
DOC_ID = None
# EXTRACTORS: which tables to build, e.g. ["actors"] (None: all).
EXTRACTORS = None
# STORE: keep results in a DuckDB store and reuse them on a rerun (True), a path to a
# store file, or False to parse everything again.
STORE = True
# PROGRESS: show a progress bar while analysing (kit render sets False).
PROGRESS = True
# TABLE_FILES: a folder where every table shown is also written as CSV and XLSX
# (kit render sets one next to each page; None writes no files).
TABLE_FILES = None

# %% [markdown]
# ## Question
#
# Which people, organisations, countries and groups do the texts mention, how often, in
# which months and outlets, with which titles and roles, and who is mentioned together?

# %% [markdown]
# ## Data

# %%
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

import kit
from kit.notebook import accuracy, plural, setup
from kit.present import plots, views, widgets
from kit.present.display import finding, render_document, static_table
from kit.present.tables import show_table

nb = setup(
    CORPUS,
    model=MODEL,
    doc_id=DOC_ID,
    extractors=EXTRACTORS,
    store=STORE,
    progress=PROGRESS,
    table_files=TABLE_FILES,
)
result, tables, DOC = nb.result, nb.tables, nb.doc_id
display(nb.data_note())

# %% [markdown]
# ## Method
#
# spaCy finds names (people, organisations, places, groups); the kit keeps those that are
# actors, repairs what spaCy misses (titles such as "Defense Secretary", demonyms such as
# "Syrian", acronyms), and links every **mention** to one canonical **actor**: through the
# curated alias table `kit/data/actors.csv` (states with their demonyms and capitals,
# international organisations, armed and political groups, outlets, leaders), through
# full names within a document ("Jim Mattis" … "Mattis"), and through surnames across the
# corpus when one bearer clearly dominates. Each actor has one type (the majority of its
# mentions). Two tables result: `mentions` (one row per mention, with offsets into the
# text) and `actors` (one row per actor, with its aliases, mention and document counts).
# The views below count *documents* that mention an actor, so one long article does not
# outweigh many short ones. Details: [docs/actors.md](../docs/actors.md).

# %% [markdown]
# ## Findings
#
# ### One document, every actor

# %%
m = nb.for_doc.get("mentions", pd.DataFrame())
if len(m):
    per = m.groupby("actor", sort=False).size().sort_values(ascending=False, kind="stable")
    kinds = m["actor_type"].fillna("other").value_counts()
    titled = m.dropna(subset=["title"]) if "title" in m else m.iloc[0:0]
    # finding(): the template is the Markdown, every value from the corpus is escaped
    text = finding(
        "The close-up document mentions **{n_actors:,} distinct actors** {n:,} times. "
        "The most mentioned is **{top}** ({top_n} mentions)",
        n_actors=m["actor"].nunique(),
        n=len(m),
        top=per.index[0],
        top_n=per.iloc[0],
    )
    if len(per) > 1:
        text += finding(", then **{second}** ({n})", second=per.index[1], n=per.iloc[1])
    text += finding(
        ". By type: {kinds}.",
        kinds=finding(", ").join(finding("{n} {k}", n=n, k=k) for k, n in kinds.items()),
    )
    if len(titled):
        r = titled.iloc[0]
        text += finding(
            " Titles and roles are kept: *{span}* is recorded with title **{title}**",
            span=r["text"],
            title=r["title"],
        )
        text += (
            finding(" and role **{role}**.", role=r["role"])
            if isinstance(r.get("role"), str)
            else finding(".")
        )
    display(text)
else:
    display(finding("No actor mentions were found in the close-up document."))
HTML(render_document(nb.close_up, DOC, layers=("actors",)))

# %%
show_table(
    m,
    "mentions",
    caption="Mentions in the close-up document: one row per mention, with offsets",
    columns=[
        "doc_id",
        "mention_id",
        "sent_id",
        "start",
        "end",
        "text",
        "label",
        "actor",
        "actor_type",
        "title",
        "role",
        "relation",
        "resolution",
    ],
)

# %% [markdown]
# ### Across the corpus: who appears most

# %%
actors = tables.get("actors", pd.DataFrame())
mentions = tables.get("mentions", pd.DataFrame())
docs = result.documents
if len(actors):
    by_docs = actors.sort_values(["n_docs", "n_mentions"], ascending=False, kind="stable")
    top = by_docs.iloc[0]
    types = actors["actor_type"].fillna("other").value_counts()
    display(
        finding(
            "The corpus mentions **{n}** ({m:,} mentions). **{top}** appears in the most "
            "documents ({top_docs} of {n_docs}, {top_m:,} mentions), then {rest}. By type, "
            "the actors are {types}.",
            n=plural(len(actors), "distinct actor"),
            m=len(mentions),
            top=top["actor"],
            top_docs=int(top["n_docs"]),
            n_docs=len(docs),
            top_m=int(top["n_mentions"]),
            rest=finding(", ").join(
                finding("**{a}** ({d})", a=r["actor"], d=plural(int(r["n_docs"]), "document"))
                for r in by_docs.iloc[1:5].to_dict("records")
            ),
            types=finding(", ").join(
                finding("{n:,} {k}", n=n, k=k) for k, n in types.head(6).items()
            ),
        )
    )
cols = ["actor", "actor_type", "country", "title", "role", "n_mentions", "n_docs", "aliases"]
show_table(actors, "actors", caption="Actors (searchable, sortable)", columns=cols)

# %%
plots.top_actors(actors)

# %% [markdown]
# ### Actors by month and by outlet

# %%
by_month = views.actors_by(mentions, docs, by="month", top=15)
months = [c for c in by_month.columns if c not in ("documents", "(unknown)")]
if len(by_month) and len(months) > 1:
    peaks = by_month[months].idxmax(axis=1)
    first = by_month.iloc[0]
    display(
        finding(
            "Over {k} months, **{a}** is mentioned in documents of {active} of them, most in "
            "{peak} ({n}). Each actor's busiest month: {peaks}.",
            k=len(months),
            a=by_month.index[0],
            active=int((first[months] > 0).sum()),
            peak=peaks.iloc[0],
            n=plural(int(first[months].max()), "document"),
            peaks=finding(", ").join(
                finding("{a} {p}", a=a, p=p) for a, p in peaks.iloc[1:8].items()
            ),
        )
    )
else:
    display(finding("The corpus spans a single month (or has no dates): no trend to show."))
plots.heatmap(
    by_month,
    title="Documents mentioning each actor, by month",
    xlabel="month",
    ylabel="actor",
)

# %%
n_outlets = docs["source"].nunique() if "source" in docs else 0
if n_outlets > 1:
    by_outlet = views.actors_by(mentions, docs, by="source", top=15)
    display(
        finding(
            "Per outlet ({n} outlets), documents mentioning each of the top actors:",
            n=n_outlets,
        )
    )
    display(static_table(by_outlet.reset_index(), caption="Actors by outlet (documents)", n=15))
    display(
        plots.heatmap(
            by_outlet,
            title="Documents mentioning each actor, by outlet",
            xlabel="outlet",
            ylabel="actor",
        )
    )
else:
    display(
        finding(
            "The corpus has {n} outlet, so there is no comparison by outlet; with your own "
            "texts from several outlets this cell shows actors × outlets.",
            n="no" if n_outlets == 0 else "one",
        )
    )

# %% [markdown]
# ### Who is mentioned with whom

# %%
within = "sent_id" if docs["doc_id"].nunique() < 5 else "doc_id"
unit = "sentences" if within == "sent_id" else "documents"
pairs = plots.comention_matrix(mentions, top=12, within=within)
if len(pairs) > 1:
    mask = pd.DataFrame(
        [[i >= j for j in range(len(pairs))] for i in range(len(pairs))],
        index=pairs.index,
        columns=pairs.columns,
    )
    best = pairs.where(~mask).stack().sort_values(ascending=False, kind="stable")
    if len(best) and best.iloc[0] > 0:
        (a, b), n = best.index[0], int(best.iloc[0])
        display(
            finding(
                "The pair mentioned together most often is **{a}** and **{b}** ({n} {unit}).",
                a=a,
                b=b,
                n=n,
                unit=unit,
            )
        )
plots.comention_heatmap(mentions, top=12, within=within)

# %% [markdown]
# ### How names are merged
#
# Different names for one actor are merged through the alias table `kit/data/actors.csv`.
# To add your own, keep a CSV with the same columns and pass it:
# `kit.analyze(docs, aliases="my_actors.csv")` (or `kit analyze --aliases`).

# %%
alias_file = Path(kit.__file__).resolve().parent / "data" / "actors.csv"
alias_table = pd.read_csv(alias_file, comment="#") if alias_file.exists() else pd.DataFrame()
merged = (
    actors[actors["aliases"].fillna("").str.contains(";")].sort_values(
        "n_mentions", ascending=False, kind="stable"
    )
    if "aliases" in actors
    else actors.iloc[0:0]
)
display(
    finding(
        "The curated table has {n:,} rows with the columns {columns}. ",
        n=len(alias_table),
        columns=finding(", ").join(finding("*{c}*", c=c) for c in alias_table.columns),
    )
    + (
        finding(
            "In this corpus, for example, **{actor}** was written as *{aliases}*.",
            actor=merged.iloc[0]["actor"],
            aliases=merged.iloc[0]["aliases"],
        )
        if len(merged)
        else finding("")
    )
)
static_table(alias_table, caption="kit/data/actors.csv (first rows)", n=8)

# %% [markdown]
# ### Explore (in JupyterLab)
#
# Search or pick an actor to see its mentions in context, the actors mentioned in the
# same documents and the months it appears in.

# %%
if nb.credit:  # the licence of the texts shown below
    display(nb.credit)
widgets.actor_explorer(result)

# %% [markdown]
# ## Caveats
#
# - **Measured accuracy** (read from the benchmark results when this notebook ran):

# %%
display(accuracy("actors"))

# %% [markdown]
# - **Known failure modes** (from the hand audits in `benchmarks/gold/merge_audit.notes.md`):
#   generic institutions written alone ("Senate", "Congress", "Supreme Court",
#   "Parliament") go to the state the document names most, so a state senate can merge
#   into the national one; "America" also covers Captain America and film titles; the long
#   tail of actors seen once holds products, awards, diseases and junk strings typed as
#   organisations (14 of 25 random Wikinews actors were right); a bare surname is linked
#   across documents only when one bearer clearly dominates the corpus.
# - Read the `aliases` and `n_docs` columns of an actor before citing its count, and
#   check the mentions of a surprising actor in the explorer.

# %% [markdown]
# ## Try it on your own texts
#
# 1. Put your articles in a folder (see notebook 01 for the formats) and set `CORPUS` in
#    the **parameters** cell to it, then run all cells; or from a terminal:
#    `kit run notebooks/02_actors.ipynb --corpus /path/to/texts --out results/`
#    (`kit render --corpus /path/to/texts` writes HTML pages to share).
# 2. Add the actors your corpus needs to a CSV with the columns of `kit/data/actors.csv`
#    and pass it with `aliases=` (or `kit analyze --aliases`).
# 3. With several outlets the by-outlet view compares them; with dates, the by-month view
#    shows who rises and falls.
