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
# # 03 · Quantities: how many of what
#
# The amounts the texts report (deaths, injuries, dollars, kilometres, percentages),
# normalised, with what is counted and how precisely it is said.
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
# Which numbers do the texts report: how many deaths, injuries, people, dollars; in which
# units; about what; and how precisely (approximations, bounds, restated conversions)?

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
# Numbers are found from spaCy's number entities and the kit's own patterns (digits,
# number words, "1.2 million", fractions, ranges such as "10 to 12"), then read: scale
# words applied (`value`), the unit recognised (`unit`, `dimension`; currencies by symbol
# or name with their ISO code), converted to SI units (`si_value`), the qualifier kept
# ("about", "more than" → `approximate`, `bound`), a rise or fall noted (`change`), the
# counted noun attached (`object`: "300 *workers*"), and a restatement in other units
# linked to the amount it restates ("124 km (77 miles)", with `consistent` saying whether
# they agree). Years, clock times, phone numbers, identifiers and ages in names are left
# out. Details: [docs/quantities.md](../docs/quantities.md).

# %% [markdown]
# ## Findings
#
# ### One document, every amount

# %%
q = nb.for_doc.get("quantities", pd.DataFrame())


def describe(r):
    # one quantity as Markdown; finding() escapes every value taken from the text
    unit = (
        finding(" {u}", u=r["unit"])
        if isinstance(r.get("unit"), str) and r["unit"] not in ("count", "")
        else ""
    )
    obj = (
        finding(" of **{o}**", o=r["object"])
        if isinstance(r.get("object"), str) and r["object"]
        else ""
    )
    qual = (
        finding(" (qualifier: {q})", q=r["qualifier"])
        if isinstance(r.get("qualifier"), str)
        else ""
    )
    return finding(
        "*{span}* → value {value:g}{unit}{obj}{qual}",
        span=r["text"],
        value=r["value"],
        unit=unit,
        obj=obj,
        qual=qual,
    )


if len(q):
    lines = [
        finding(
            "The close-up document reports **{n}**:", n=plural(len(q), "quantity", "quantities")
        )
    ]
    lines += [finding("- {d}", d=describe(r)) for _, r in q.iterrows()]
    restated = q[q["restates"].notna()] if "restates" in q else q.iloc[0:0]
    for _, r in restated.iterrows():
        orig = q[q["quantity_id"] == r["restates"]]
        if len(orig):
            o = orig.iloc[0]
            agree = "agree" if r.get("consistent") in (True, 1) else "do not agree"
            lines.append(
                finding(
                    "\n*{span}* restates *{orig}*: in SI units {a:,.0f} vs {b:,.0f} {unit}, "
                    "which {agree}.",
                    span=r["text"],
                    orig=o["text"],
                    a=o["si_value"],
                    b=r["si_value"],
                    unit=r["si_unit"],
                    agree=agree,
                )
            )
    display(finding("\n").join(lines))
else:
    display(finding("No quantities were found in the close-up document."))
HTML(render_document(nb.close_up, DOC, layers=("quantities",)))

# %% [markdown]
# ### Across the corpus: how many of what

# %%
quantities = tables.get("quantities", pd.DataFrame())
by_object = views.quantities_by_object(quantities, top=25)
if len(quantities):
    dims = quantities["dimension"].fillna("count").value_counts()
    money = by_object[by_object["dimension"] == "money"]
    counts = by_object[by_object["dimension"] == "count"]
    text = finding(
        "The corpus reports **{n}** in {docs}; by dimension: {dims}. ",
        n=plural(len(quantities), "amount"),
        docs=plural(quantities["doc_id"].nunique(), "document"),
        dims=finding(", ").join(finding("{n:,} {k}", n=n, k=k) for k, n in dims.head(6).items()),
    )
    if len(counts):
        text += finding(
            "The things counted most often are {objs}. ",
            objs=finding(", ").join(
                finding(
                    "**{o}** ({m} in {d}; median {med:,.0f}, largest {big:,.0f})",
                    o=r["object"],
                    m=plural(int(r["mentions"]), "amount"),
                    d=plural(int(r["documents"]), "document"),
                    med=r["median"],
                    big=r["largest"],
                )
                for r in counts.head(4).to_dict("records")
            ),
        )
    if len(money):
        r = money.iloc[0]
        text += finding(
            "Money is mostly in **{cur}** ({m}, e.g. *{ex}*; the largest {big:,.0f} {cur}).",
            cur=r["object"],
            m=plural(int(r["mentions"]), "amount"),
            ex=r["example"],
            big=r["largest"],
        )
    display(text)
static_table(
    by_object,
    caption="How many of what: amounts per dimension and object (currency for money)",
    n=25,
)

# %%
plots.quantity_objects(by_object)

# %%
plots.quantities_by_dimension(quantities)

# %% [markdown]
# The full quantities table: every amount, searchable and sortable (filter by `object`
# or `dimension` to collect every death toll or every budget).

# %%
cols = [
    "doc_id",
    "quantity_id",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "dimension",
    "currency",
    "si_value",
    "si_unit",
    "qualifier",
    "approximate",
    "bound",
    "change",
    "object",
    "restates",
    "consistent",
    "flag",
]
show_table(quantities, "quantities", caption="Quantities (searchable, sortable)", columns=cols)

# %% [markdown]
# ### How precisely: approximations, bounds and restatements
#
# In news style, *about 300 people* is an approximation, *more than 12 km* a lower bound,
# and *12 km (7.5 miles)* restates one amount in other units.


# %%
def flag(col):
    return (
        quantities[col].fillna(False).astype(bool)
        if col in quantities
        else pd.Series(False, index=quantities.index)
    )


n = len(quantities)
restated = (
    quantities[quantities["restates"].notna()] if "restates" in quantities else quantities.iloc[0:0]
)
bounds = quantities["bound"].value_counts() if "bound" in quantities else pd.Series(dtype=int)
changes = quantities["change"].isin(["up", "down"]) if "change" in quantities else flag("change")
display(
    finding(
        "Of {n}, {approx} ({share:.0%}); {bounded} (more or less than) and {ranges}; {restated} "
        "another amount in other units, {consistent:,} of them consistently; {changes} a "
        "change (a rise or a fall) rather than a level.",
        n=plural(n, "amount"),
        approx=plural(int(flag("approximate").sum()), "is approximate", "are approximate"),
        share=flag("approximate").mean() if n else 0,
        bounded=plural(
            int(bounds.get("lower", 0) + bounds.get("upper", 0)), "is a bound", "are bounds"
        ),
        ranges=plural(int(bounds.get("range", 0)), "range"),
        restated=plural(len(restated), "restates", "restate"),
        consistent=int(restated["consistent"].fillna(False).astype(bool).sum())
        if "consistent" in restated
        else 0,
        changes=plural(int(changes.sum()), "reports", "report"),
    )
)

# %% [markdown]
# ### Explore (in JupyterLab)
#
# Filter by dimension, unit, qualifier or object, sort, and read each amount in context.

# %%
if nb.credit:  # the licence of the texts shown below
    display(nb.credit)
widgets.quantity_browser(result)

# %% [markdown]
# ## Caveats
#
# - **Measured accuracy** (read from the benchmark results when this notebook ran):

# %%
display(accuracy("quantities"))

# %% [markdown]
# - **Known failure modes:** the counted `object` is the head noun only ("300 *workers*",
#   not "dock workers"), and empty when the noun is far from the number; the same toll
#   reported in several articles is counted once per article, so sum nothing across
#   documents (read the median or the largest); a number in a name, a score or a
#   citation can pass as an amount; vague amounts ("dozens") get a range from
#   `kit/data/quantities_vague.csv`, not a value anyone said.

# %% [markdown]
# ## Try it on your own texts
#
# 1. Set `CORPUS` in the **parameters** cell to your folder of texts and run all cells,
#    or from a terminal: `kit run notebooks/03_quantities.ipynb --corpus /path/to/texts
#    --out results/` (`kit render --corpus /path/to/texts` writes HTML pages to share).
# 2. Filter the quantities table by `object` (e.g. "deaths", "people") or `currency`
#    to collect every amount of one kind with its document and offsets.
# 3. Add vague amounts or units your texts use to `kit/data/quantities_vague.csv` and
#    `kit/data/quantities_units.csv` (see docs/quantities.md).
