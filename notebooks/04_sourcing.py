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
# # 04 · Sourcing: who is quoted, how, and how firmly
#
# Who speaks in the texts (named people, organisations, anonymous officials, documents),
# with which verbs, through which channel, and how that mix changes over time.
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
# Who is quoted (named people and organisations, anonymous sources, documents), who is
# cited most and where, with which cue verbs and stance, and does the share of anonymous
# sources change over time?

# %% [markdown]
# ## Data

# %%
import pandas as pd
from IPython.display import HTML, display

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
# An **attribution** ties a *source* (who), a *cue* (the verb or phrase: "said",
# "according to", "told reporters") and a *content* (what is attributed). The kit finds
# cues from the curated table `kit/data/cues.csv` (each cue carries a **stance**:
# neutral "said", assertive "insisted", distancing "claimed", …), then the source and the
# content from the parse, direct quotes included. Each source gets a **type**: named
# person or organisation, media, anonymous ("officials who asked not to be named"),
# document ("a report"), social media. Sources are **resolved**: "she said" counts for
# the person "she" refers to (gender and number agreement with the names before it),
# "who" for the noun it attaches to, "the Republican nominee" for the named person it
# describes; a pronoun nobody fits stays `source_type = "pronoun"` and is left out of the
# counts of who is quoted. For the comparisons below, types are grouped into **named**
# (people, organisations, media), **anonymous**, **document** (documents and social
# media) and **unresolved**. Details: [docs/sourcing.md](../docs/sourcing.md).

# %% [markdown]
# ## Findings
#
# ### One document, every attribution

# %%
a = nb.for_doc.get("attributions", pd.DataFrame())
if len(a):
    types = a["source_type"].fillna("none").value_counts()
    named = a[a["source_type"] != "pronoun"]  # an unresolved "he"/"they" is nobody in particular
    who = named["source_actor"].fillna(named["source_text"]).dropna().value_counts()
    cues = a["cue_lemma"].fillna(a["cue"]).value_counts()
    # finding(): the template is the Markdown, every value from the corpus is escaped
    text = finding(
        "The close-up document attributes **{n}**. Source types: {types}. ",
        n=plural(len(a), "statement"),
        types=finding(", ").join(finding("{n} {k}", n=n, k=k) for k, n in types.items()),
    )
    if len(who):
        times = "once" if who.iloc[0] == 1 else f"{who.iloc[0]} times"
        text += finding(
            "The most quoted source is **{who}** ({times}). ", who=who.index[0], times=times
        )
    text += finding(
        "Cue verbs: {cues}. ",
        cues=finding(", ").join(finding("*{c}* ({n})", c=c, n=n) for c, n in cues.items()),
    )
    chan = a.dropna(subset=["channel"]) if "channel" in a else a.iloc[0:0]
    if len(chan):
        text += finding(
            "Channels: {channels}. ",
            channels=finding(", ").join(finding("*{c}*", c=c) for c in chan["channel"].unique()),
        )
    hedged = a[a["hedged"].fillna(False).astype(bool)] if "hedged" in a else a.iloc[0:0]
    text += finding("{n} of them are hedged.", n=len(hedged))
    display(text)
else:
    display(finding("No attributions were found in the close-up document."))
HTML(render_document(nb.close_up, DOC, layers=("attributions", "actors")))

# %% [markdown]
# ### Across the corpus: who is quoted

# %%
attributions = tables.get("attributions", pd.DataFrame())
docs = result.documents
quoted = views.quoted_sources(attributions)
unresolved = int(attributions["source_type"].eq("pronoun").sum()) if len(attributions) else 0
if len(quoted):
    classes = quoted["source_class"].value_counts()
    top = quoted["source"].astype(str).value_counts()
    spread = quoted.groupby(quoted["source"].astype(str))["doc_id"].nunique()
    display(
        finding(
            "The corpus holds **{n}** in {d}. {u:,} have a pronoun as source that could not be "
            "resolved and are left out below. Of the rest, {shares}. The most quoted sources "
            "are {top}.",
            n=plural(len(attributions), "attributed statement"),
            d=plural(attributions["doc_id"].nunique(), "document"),
            u=unresolved,
            shares=finding(", ").join(
                finding("{p:.0%} are {k}", p=v / len(quoted), k=k) for k, v in classes.items()
            ),
            top=finding(", ").join(
                finding(
                    "**{s}** ({n} in {d})",
                    s=s,
                    n=plural(int(n), "statement"),
                    d=plural(int(spread[s]), "document"),
                )
                for s, n in top.head(5).items()
            ),
        )
    )
else:
    display(finding("No attributed statements with a source were found."))
cols = [
    "doc_id",
    "attribution_id",
    "source_text",
    "source_type",
    "source_actor",
    "source_resolution",
    "antecedent_text",
    "cue",
    "cue_lemma",
    "stance",
    "content",
    "direct",
    "hedged",
    "hedge",
    "channel",
    "said_on",
]
show_table(
    attributions, "attributions", caption="Attributions (searchable, sortable)", columns=cols
)

# %% [markdown]
# ### Who cites whom: sources by outlet

# %%
n_outlets = docs["source"].nunique() if "source" in docs else 0
by = "source" if n_outlets > 1 else "year"
cites = views.who_cites_whom(attributions, docs, by=by, top=20)
if len(cites):
    groups = [c for c in cites.columns if c not in ("source_type", "statements")]
    display(
        finding(
            "{why}The table counts the statements of the 20 most quoted sources per {by}; "
            "**{s}** leads with {n}, in {k} of the {g} {by_plural}.",
            why=finding("The corpus has a single outlet, so sources are compared by year. ")
            if by == "year"
            else finding(""),
            by="outlet" if by == "source" else "year",
            by_plural="outlets" if by == "source" else "years",
            s=cites.index[0],
            n=plural(int(cites["statements"].iloc[0]), "statement"),
            k=int((cites.iloc[0][groups] > 0).sum()),
            g=len(groups),
        )
    )
static_table(
    cites.reset_index(),
    caption=f"Who cites whom: statements per source and {'outlet' if by == 'source' else 'year'}",
    n=20,
)

# %%
plots.heatmap(
    cites,
    title="Statements per source and " + ("outlet" if by == "source" else "year"),
    xlabel="outlet" if by == "source" else "year",
    ylabel="source",
)

# %% [markdown]
# ### Named, anonymous and document sources over time

# %%
mix = views.source_mix_over_time(attributions, docs, by="month")
mix = mix[mix["statements"] >= 1]
if len(mix) > 1:
    busy = mix[mix["statements"] >= 20]
    busy = busy if len(busy) > 1 else mix
    hi, lo = busy["anonymous"].idxmax(), busy["anonymous"].idxmin()
    display(
        finding(
            "Across {k} months, anonymous sources make up {all_anon:.1%} of all statements and "
            "named ones {all_named:.1%}. Among months with at least 20 statements, the "
            "anonymous share is highest in {hi} ({hi_v:.1%} of {hi_n}) and lowest in {lo} "
            "({lo_v:.1%} of {lo_n}).",
            k=len(mix),
            all_anon=(mix["anonymous"] * mix["statements"]).sum() / mix["statements"].sum(),
            all_named=(mix["named"] * mix["statements"]).sum() / mix["statements"].sum(),
            hi=hi,
            hi_v=busy.loc[hi, "anonymous"],
            hi_n=plural(int(busy.loc[hi, "statements"]), "statement"),
            lo=lo,
            lo_v=busy.loc[lo, "anonymous"],
            lo_n=plural(int(busy.loc[lo, "statements"]), "statement"),
        )
    )
else:
    display(finding("The corpus spans a single month (or has no dates): no trend to show."))
plots.source_mix_over_time(mix)

# %% [markdown]
# ### Cue stance by source type

# %%
stance = views.stance_by_source_type(attributions)
if len(stance) and "neutral" in stance:
    shares = views.stance_by_source_type(attributions, share=True)
    display(
        finding(
            "Neutral cues ('said', 'according to') carry {neutral:.0%} of all statements. {rows}.",
            neutral=stance["neutral"].sum() / stance["statements"].sum(),
            rows=finding("; ").join(
                finding(
                    "{k} sources: {n}, {p:.0%} neutral",
                    k=k,
                    n=plural(int(stance.loc[k, "statements"]), "statement"),
                    p=shares.loc[k, "neutral"],
                )
                for k in stance.index
            ),
        )
    )
static_table(stance.reset_index(), caption="Statements per source type and cue stance")

# %%
plots.stance_by_source_type(stance)

# %%
plots.cue_stance(attributions)

# %% [markdown]
# ### Explore (in JupyterLab)
#
# Filter by source type, outlet and stance, see the source mix and read what one source said.

# %%
if nb.credit:  # the licence of the texts shown below
    display(nb.credit)
widgets.sourcing_panel(result)

# %% [markdown]
# ## Caveats
#
# - **Measured accuracy** (read from the benchmark results when this notebook ran):

# %%
display(accuracy("sourcing"))

# %% [markdown]
# - **Known failure modes:** exact spans are harder than relations: a content split by
#   the cue ("The plan, she said, is fair") can never match a one-span gold, and cue
#   extents differ from annotation conventions ("told" vs "told reporters"); pronoun
#   resolution is a heuristic: check `antecedent_text` before citing a count that rests
#   on pronouns; unresolved pronouns are left out of "who is quoted" (their number is
#   given above); sources of idioms and counting verbs ("said to number 300") are not
#   attributions and are dropped, which can also drop a real one.
# - **Interviews** count every answer as a statement: a source with many statements in
#   few documents (see "in N documents" above) is usually an interview transcript. In the
#   Wikinews sample the interviewer's label "WN" is typed as media. Count documents, not
#   statements, when comparing how often sources are used.
# - A trained model is available (`kit.analyze(docs, attribution="learned")`): better
#   spans on PolNeAR, slower, finds fewer relations, and is not the default (see
#   docs/sourcing.md).

# %% [markdown]
# ## Try it on your own texts
#
# 1. Set `CORPUS` in the **parameters** cell to your folder of texts and run all cells,
#    or from a terminal: `kit run notebooks/04_sourcing.ipynb --corpus /path/to/texts
#    --out results/` (`kit render --corpus /path/to/texts` writes HTML pages to share).
# 2. Texts from several outlets (a `source` column or a `publisher` in `metadata.csv`)
#    make the who-cites-whom table compare outlets.
# 3. Add cue verbs and their stance in a CSV with the columns of `kit/data/cues.csv` and
#    pass it with `kit.analyze(docs, cues="my_cues.csv")` (or `kit analyze --cues`).
