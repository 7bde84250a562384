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
# # 05 · Timeline: when things happened and who said what when
#
# The dates the texts refer to, resolved against each article's dateline, and the
# attributed statements placed on a calendar.
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
# Which dates do the texts refer to, relative to when they were published, and who said
# what when?

# %% [markdown]
# ## Data

# %%
import pandas as pd
from IPython.display import HTML, display

from kit.notebook import accuracy, plural, setup
from kit.present import plots, views, widgets
from kit.present.display import finding, render_document
from kit.present.tables import show_table
from kit.present.views import timeline, timeline_note

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
# Time expressions ("Wednesday", "last week", "in March 2019", "two years ago", "1750
# GMT") are found with the kit's rules on top of spaCy's DATE/TIME entities and
# **resolved** to TimeML values against the document's dateline: "said Wednesday" in an
# article dated Friday 2 June 2017 becomes `2017-05-31`; the tense of the verb decides
# between last and next Wednesday. A statement is dated when a time expression attaches
# to its cue (`said_on`). The **timeline** (`kit.present.views.timeline`) has one row per
# dated statement or event and keeps dates within a year either side of the corpus
# datelines, so a misread number cannot stretch it over centuries; what it leaves out is
# counted and shown. Details: [docs/time.md](../docs/time.md).

# %% [markdown]
# ## Findings
#
# ### One document, every date

# %%
t = nb.for_doc.get("timexes", pd.DataFrame())
close_tl = timeline(nb.close_up)
doc_row = nb.doc_row
if len(t):
    # finding(): the template is the Markdown, every value from the corpus is escaped
    lines = [
        finding(
            "The close-up document is dated **{date}** and contains **{n}**:",
            date=str(doc_row.get("date"))[:10],
            n=plural(len(t), "time expression"),
        )
    ]
    for _, r in t.iterrows():
        lines.append(
            finding(
                "- *{span}* → **{value}** ({kind})",
                span=r["text"],
                value=r["value"],
                kind=r["type"],
            )
        )
    said = (
        close_tl[(close_tl["doc_id"] == DOC) & (close_tl["kind"] == "statement")]
        if len(close_tl)
        else close_tl
    )
    if len(said):
        s = said.iloc[0]
        who = s["source"] if isinstance(s["source"], str) and s["source"] else "a source"
        lines.append(
            finding(
                "\n{n} dated; e.g. {who} spoke on {date} (*{span}*).",
                n=plural(len(said), "statement is", "statements are"),
                who=who,
                date=str(s["date"])[:10],
                span=s["text"],
            )
        )
    display(finding("\n").join(lines))
else:
    display(finding("No time expressions were found in the close-up document."))
HTML(render_document(nb.close_up, DOC, layers=("timexes", "attributions")))

# %% [markdown]
# ### Across the corpus: what the texts refer to

# %%
timexes = tables.get("timexes", pd.DataFrame())
tl = timeline(result)
docs = result.documents
if len(timexes):
    kinds = timexes["type"].value_counts()
    dated = pd.to_datetime(docs.set_index("doc_id")["date"], errors="coerce", utc=True)
    lag = dated.reindex(tl["doc_id"]).dt.tz_localize(None).to_numpy() - tl["date"].to_numpy()
    lag_days = pd.Series(lag).dt.days.dropna()
    display(
        finding(
            "The corpus has **{n}** ({kinds}); {resolved:.0%} are resolved to a calendar "
            "value. On the timeline, {same:.0%} of the dated references fall within a week "
            "before the dateline, {before:.0%} earlier and {after:.0%} after it.",
            n=plural(len(timexes), "time expression"),
            kinds=finding(", ").join(finding("{n:,} {k}", n=n, k=k) for k, n in kinds.items()),
            resolved=timexes["resolved"].fillna(False).astype(bool).mean()
            if "resolved" in timexes
            else 0,
            same=lag_days.between(0, 7).mean() if len(lag_days) else 0,
            before=(lag_days > 7).mean() if len(lag_days) else 0,
            after=(lag_days < 0).mean() if len(lag_days) else 0,
        )
    )
cols = [
    "doc_id",
    "timex_id",
    "text",
    "type",
    "value",
    "anchor_date",
    "mod",
    "resolved",
    "doubtful",
    "note",
]
show_table(timexes, "timexes", caption="Time expressions (searchable, sortable)", columns=cols)

# %% [markdown]
# The timeline keeps dates within a year either side of the datelines; the note says what
# it leaves out.

# %%
display(timeline_note(tl))
plots.timeline(tl, docs)

# %% [markdown]
# ### Who said what when

# %%
said = views.statements(result)
if len(said):
    top = said["source"].dropna().astype(str).value_counts()
    span = said["date"].max() - said["date"].min()
    display(
        finding(
            "{n} carry a date ({share:.0%} of all attributions), over {days}. The "
            "sources dated most often are {top}. {left}",
            n=plural(len(said), "statement"),
            share=len(said) / max(1, len(tables.get("attributions", []))),
            days=plural(int(span.days) + 1, "day"),
            top=finding(", ").join(
                finding("**{s}** ({n})", s=s, n=n) for s, n in top.head(4).items()
            ),
            left=finding(
                "{k} dated outside the window {are} left out.",
                k=plural(said.attrs["left_out"], "statement"),
                are="is" if said.attrs["left_out"] == 1 else "are",
            )
            if said.attrs.get("left_out")
            else finding(""),
        )
    )
else:
    display(finding("No statement in the corpus is linked to a date."))
show_table(
    said,
    "statements",
    caption="Who said what when: dated statements within the corpus window",
    columns=["date", "source", "said", "doc_id", "title", "text", "value"],
)

# %%
plots.statements(said)

# %% [markdown]
# ### Read the dates in context (in JupyterLab)
#
# The reader highlights time expressions with their resolved values next to the
# attribution roles.

# %%
if nb.credit:  # the licence of the texts shown below
    display(nb.credit)
widgets.reader(result)

# %% [markdown]
# ## Caveats
#
# - **Measured accuracy** (read from the benchmark results when this notebook ran):

# %%
display(accuracy("timeline"))

# %% [markdown]
# - **Known failure modes:** a retrospective read from the wrong anchor ("until June" in
#   an article looking back is read as last June; 24 of 25 random Wikinews expressions
#   were right); undated documents give no calendar values (their expressions stay
#   relative, see docs/time.md); a statement is dated only when a time expression attaches
#   to its cue, so most statements carry no date of their own (read the article's
#   dateline instead); a clock time or a score can be misread as a year, which the window
#   leaves out and counts.

# %% [markdown]
# ## Try it on your own texts
#
# 1. Set `CORPUS` in the **parameters** cell to your folder of texts and run all cells,
#    or from a terminal: `kit run notebooks/05_timeline.ipynb --corpus /path/to/texts
#    --out results/` (`kit render --corpus /path/to/texts` writes HTML pages to share).
# 2. Give every text a date (a `date YYYY-MM-DD` first line, a `date:` header, a date
#    column or `metadata.csv`): relative expressions are resolved against it.
# 3. `kit.present.views.timeline(result, window=None)` keeps every date, also those far
#    from the datelines.
