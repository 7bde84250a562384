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
# # 01 · The corpus: what is in it, from when, from where
#
# The first look at a corpus before any counting: how many texts, over which period,
# from which outlets, how long, and what was left out when loading.
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
# What is in my corpus: how many documents, from when, from which outlets, how long,
# and did every file load?

# %% [markdown]
# ## Data

# %%
import pandas as pd
from IPython.display import HTML, display

import kit
from kit.notebook import accuracy, plural, setup
from kit.present import plots, widgets
from kit.present.display import finding, pick, render_document, static_table
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
result, DOC = nb.result, nb.doc_id
docs = result.documents
display(nb.data_note())

# %% [markdown]
# ## Method
#
# `kit.load` turns files, folders, globs or tables into one **documents table**, one row
# per text: `doc_id`, `title`, `date`, `source` (the outlet), `path`, `text`, `n_words`
# and any metadata. It reads `.txt`/`.md` (with an optional `date YYYY-MM-DD` line or a
# `title:`/`date:`/`source:` header), CSV/TSV, JSON Lines, JSON, Parquet and saved HTML
# pages; a `metadata.csv` next to the files adds columns by file name. Texts are decoded
# (UTF-8, UTF-16, cp1252, …) and Unicode-normalised. Nothing is dropped silently: every
# file that could not be used is listed with the reason in the **load report**
# (`kit.load_report(docs)`). Details: [docs/loading.md](../docs/loading.md).
#
# The Wikinews sample comes from `kit.datasets.wikinews()`: pinned files checked against
# their SHA-256, the dateline line removed (it is the `date` column), lines repeating an
# interview answer in another language removed, blank-line runs collapsed.

# %% [markdown]
# ## Findings
#
# ### The corpus at a glance

# %%
report = kit.load_report(nb.loaded)  # the documents as loaded carry their load report
dates = pd.to_datetime(docs["date"], errors="coerce", utc=True)
outlets = docs["source"].dropna().astype(str).value_counts() if "source" in docs else pd.Series()
words = pd.to_numeric(docs["n_words"], errors="coerce")
span = (
    finding("from {a:%d %B %Y} to {b:%d %B %Y}", a=dates.min(), b=dates.max())
    if dates.notna().any()
    else finding("with no dates")
)
per_month = dates.dropna().dt.tz_localize(None).dt.to_period("M").value_counts()
# finding(): the template is the Markdown, every value from the corpus is escaped
display(
    finding(
        "The corpus has **{n_docs}** {span}, {outlets}. They are {median:,.0f} words long at "
        "the median (shortest {shortest:,}, longest {longest:,}; {total:,} words in all). "
        "{busiest}The load report has {n_report}.",
        n_docs=plural(len(docs), "document"),
        span=span,
        outlets=finding(
            "from **{n}** (most: {top}, {top_n})",
            n=plural(len(outlets), "outlet"),
            top=outlets.index[0],
            top_n=plural(int(outlets.iloc[0]), "document"),
        )
        if len(outlets)
        else finding("with no outlet recorded"),
        median=words.median(),
        shortest=int(words.min()),
        longest=int(words.max()),
        total=int(words.sum()),
        busiest=finding(
            "The busiest month is {m} ({n}); {k} months have at least one. ",
            m=str(per_month.sort_index().idxmax()),
            n=plural(int(per_month.max()), "document"),
            k=len(per_month),
        )
        if len(per_month) > 1
        else finding(""),
        n_report=plural(len(report), "entry", "entries"),
    )
)

# %%
shown = pick(docs, ["doc_id", "title", "date", "source", "n_words", "path", "url", "attribution"])
show_table(shown, "documents", caption="Documents (searchable, sortable)")
if nb.credit:
    display(nb.credit)

# %%
if len(report):
    display(
        finding(
            "Left out or noted while loading: {items}.",
            items=finding("; ").join(
                finding("*{f}*: {why}", f=r.get("path") or r.get("doc_id"), why=r.get("reason"))
                for r in report.head(5).to_dict("records")
            ),
        )
    )
static_table(report, caption="Load report: files skipped or noted while loading")

# %% [markdown]
# ### Passages not in English
#
# Paragraphs in another language (detected by the `py3langid` model shipped with the kit,
# kept only when it is at least 95% sure) are listed here with their offsets into
# `documents.text` and skipped by every extractor: a Hindi quotation yields no actors, no
# quantities and no sources.

# %%
passages = result.passages
display(
    finding(
        "{n} in {k} read as another language ({langs}) and were left out of every table.",
        n=plural(len(passages), "passage"),
        k=plural(passages["doc_id"].nunique(), "document"),
        langs=", ".join(f"{lang}: {n}" for lang, n in passages["language"].value_counts().items())
        or "none",
    )
)
if len(passages):
    show_table(
        pick(passages, ["doc_id", "start", "end", "language", "text"]),
        "passages",
        caption="Passages not in English (skipped by every extractor)",
    )

# %% [markdown]
# ### Over time, by outlet, by length

# %%
plots.documents_over_time(docs)

# %%
plots.documents_by_outlet(docs)

# %%
plots.document_lengths(docs)

# %% [markdown]
# ### One document, every table
#
# The close-up document (the seed article by default, `DOC_ID` to choose another) and
# what the other notebooks extract from it.

# %%
doc_row, for_doc = nb.doc_row, nb.for_doc
text = doc_row["text"]
sentences = for_doc.get("sentences", pd.DataFrame())
first_sentence = sentences["text"].iloc[0] if len(sentences) else text[:200]
title = doc_row.get("title")
display(
    finding(
        "**{title}** is dated **{date}**, has {n_chars:,} characters in {n_sents}. "
        "It begins: *{first}*\n\nFrom it the kit extracts {counts}. "
        "The next notebooks look at each table.",
        title=title if isinstance(title, str) and title.strip() else DOC,
        date=str(doc_row.get("date"))[:10],
        n_chars=len(text),
        n_sents=plural(len(sentences), "sentence"),
        first=first_sentence,
        counts=finding(", ").join(
            finding("{n:,} rows of *{name}*", n=len(t), name=name)
            for name, t in for_doc.items()
            if name not in ("documents", "sentences", "skipped", "actors", "actor_aliases")
        ),
    )
)
# render_document escapes the text: static HTML, readable without a running kernel
HTML(render_document(nb.close_up, DOC, layers=("actors", "quantities", "attributions", "timexes")))

# %% [markdown]
# Read any document of the corpus with its highlights (in JupyterLab; on a shared page
# this is a frozen snapshot of the first document):

# %%
if nb.credit:  # the licence of the texts shown below
    display(nb.credit)
widgets.reader(result)

# %% [markdown]
# ## Caveats
#
# - **Measured:** how the loader did on a real corpus with a metadata table (read from
#   the benchmark results when this notebook ran):

# %%
display(accuracy("corpus"))

# %% [markdown]
# - **Known failure modes:** Unicode normalisation (NFC) can change a few characters of a
#   text with mojibake, so offsets into `documents.text` may differ from offsets into the
#   raw file; metadata columns from a CSV stay strings (convert them yourself); a date
#   that cannot be read is left empty and listed in the load report; a saved web page
#   keeps only what the HTML extractor takes to be the article.
# - **Wikinews** is one outlet written by volunteers: it is a sample to learn the kit on,
#   not a picture of "the news". Its per-outlet views have a single bar.

# %% [markdown]
# ## Try it on your own texts
#
# 1. Put your articles in a folder: `.txt`/`.md` files (optionally starting with a
#    `date YYYY-MM-DD` line or a `title:`/`date:`/`source:` header), or one table
#    (`.csv`, `.tsv`, `.jsonl`, `.json`, `.parquet`) with a text column, or saved `.html` pages.
# 2. Optionally add a `metadata.csv` next to them with a `file` column and any of
#    `title`, `date`, `publisher`, `author`: it fills in what the files do not say.
# 3. Set `CORPUS` in the **parameters** cell at the top to that folder and run all cells, or
#    from a terminal: `kit run notebooks/01_corpus.ipynb --corpus /path/to/texts --out results/`
#    (`kit render --corpus /path/to/texts` also writes HTML pages you can send to a colleague).
# 4. Check the load report first: every file that was skipped is listed with the reason.
