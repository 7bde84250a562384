"""Generate the curated notebooks in notebooks/ from code, so they stay consistent.

    python scripts/make_notebooks.py            # (re)write notebooks/0*.ipynb
    python scripts/make_notebooks.py --check    # exit 1 if a notebook is out of date

Notebooks are written without outputs or execution counts. Each has one markdown
header, exactly one cell tagged ``parameters`` (papermill injects ``CORPUS``),
a shared setup cell, computed (never hard-coded) explanations of the first
document, static tables/figures next to every widget, and a closing
"Try it on your own texts" section.

Corpus text is untrusted: a title, outlet, sentence or extracted span may hold
``<script>``, ``<img onerror=...>`` or ``[x](javascript:...)``, and the rendered
pages are opened by other people. So computed explanations are built only with
``kit.present.display.finding(template, **values)`` (the template is the Markdown,
every value is escaped) and displayed with ``display(finding(...))``; cells never
call ``Markdown(...)``, and ``HTML(...)`` only wraps ``render_document`` (which
escapes). :func:`check_cell` enforces this when the notebooks are built.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"

PARAMS = """# Parameters: papermill and `kit run --corpus PATH` replace these.
# CORPUS: a folder, file, glob or table of texts (relative to this notebook).
CORPUS = "../data/"
# MODEL: a spaCy pipeline name or path (None: the kit default).
MODEL = None
# DOC_ID: the document to explain (None: the first one).
DOC_ID = None
# EXTRACTORS: which tables to build, e.g. ["actors"] (None: all).
EXTRACTORS = None
# STORE: keep results in .kit-cache/kit.duckdb next to the corpus and reuse them on a
# rerun (True), a path to a store file, or False to parse everything again.
STORE = True
# PROGRESS: show a progress bar while analysing (kit render sets False).
PROGRESS = True
# TABLE_FILES: a folder where every table shown is also written as CSV and XLSX
# (kit render sets one next to each page; None writes no files).
TABLE_FILES = None"""

SETUP = """%matplotlib inline
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

import kit
from kit.present import plots, widgets
from kit.present.display import finding, pick, render_document, static_table
from kit.present.tables import setup as setup_tables
from kit.present.tables import show_table

setup_tables(files=TABLE_FILES)  # complete tables: every row searchable and sortable
pd.set_option("display.max_colwidth", 80)

docs = kit.load(Path(CORPUS).expanduser())
result = kit.analyze(
    docs, model=MODEL, extractors=EXTRACTORS, store=STORE, progress=PROGRESS
)
tables = result.tables()
DOC = str(DOC_ID) if DOC_ID is not None else str(result.documents["doc_id"].iloc[0])
doc_row = result.documents.set_index("doc_id").loc[DOC]
for_doc = {name: t[t["doc_id"] == DOC] if "doc_id" in t else t for name, t in tables.items()}
result"""

TRY = """## Try it on your own texts

1. Put your articles in a folder: `.txt`/`.md` files (optionally starting with a
   `date YYYY-MM-DD` line or a `title:`/`date:`/`source:` header), or one table
   (`.csv`, `.tsv`, `.jsonl`, `.json`, `.parquet`) with a text column, or saved `.html` pages.
2. Optionally add a `metadata.csv` next to them with a `file` column and any of
   `title`, `date`, `publisher`, `author`: it fills in what the files do not say.
3. Change `CORPUS` in the **parameters** cell at the top and run all cells, or from a
   terminal: `kit run {name} --corpus /path/to/texts --out results/`
   (`kit render` also writes HTML pages you can send to a colleague).
4. Check the load report first: every file that was skipped is listed with the reason."""


def header(title: str, question: str, data: str, extra: str = "") -> str:
    return f"""# {title}

**Question:** {question}

**Data:** {data} By default the bundled example folder `data/` (a
news article with its dateline); set `CORPUS` in the parameters cell to use your own texts.

**Prerequisites:** the kit installed (`bash scripts/setup.sh`), nothing else. {extra}

**Time to run:** well under a minute on the bundled data; roughly a minute per few
hundred articles on a laptop."""


def static_doc(layers: str) -> str:
    return (
        "# The highlighted document (static HTML: readable without a running kernel)\n"
        f"HTML(render_document(result, DOC, layers={layers}))"
    )


# ---------------------------------------------------------------- 01 corpus --

CORPUS_NB = [
    (
        "md",
        header(
            "01 · The corpus: loading texts and a first look",
            "What is in my corpus: how many documents, from when, from which outlets, how long?",
            "Texts in any supported format, plus an optional metadata table.",
        ),
    ),
    ("params", PARAMS),
    ("code", SETUP),
    (
        "md",
        """## 1. Loading texts: every supported format

`kit.load` turns files, folders, globs or tables into one **documents table** with one row
per text. The cell below builds a tiny example folder in a temporary directory with one
file of each supported kind, a `metadata.csv` sidecar and two files that cannot be used
(an empty file and a PNG image renamed `.txt`), then loads it.""",
    ),
    (
        "code",
        """import json
import tempfile

demo = Path(tempfile.mkdtemp(prefix="kit-demo-"))
body = "Officials said on Monday that 40 trucks reached the border crossing near the town."
(demo / "dated.txt").write_text(" date 2017-06-04 " + body, encoding="utf-8")
(demo / "with-header.md").write_text(
    "title: Trucks at the border\\nsource: Example Wire\\ndate: 2017-06-05\\n\\n" + body,
    encoding="utf-8",
)
(demo / "table.csv").write_text(
    "id,headline,published,outlet,text\\n"
    f'csv-1,From a CSV,2017-06-06,Example Times,"{body}"\\n',
    encoding="utf-8",
)
(demo / "feed.jsonl").write_text(
    json.dumps({"id": "jsonl-1", "title": "From JSON lines", "date": "2017-06-07", "text": body})
    + "\\n",
    encoding="utf-8",
)
(demo / "list.json").write_text(
    json.dumps([{"id": "json-1", "title": "From JSON", "date": "2017-06-08", "text": body}]),
    encoding="utf-8",
)
pd.DataFrame(
    {"id": ["pq-1"], "title": ["From Parquet"], "date": ["2017-06-09"], "text": [body]}
).to_parquet(demo / "table.parquet")
paragraph = "<p>" + " ".join([body] * 4) + "</p>"
(demo / "page.html").write_text(
    "<html><head><title>From a web page</title>"
    '<meta property="article:published_time" content="2017-06-10"></head>'
    f"<body><article><h1>From a web page</h1>{paragraph * 3}</article></body></html>",
    encoding="utf-8",
)
(demo / "empty.txt").write_text("   \\n", encoding="utf-8")
(demo / "picture.txt").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(64))
(demo / "metadata.csv").write_text(
    "file,publisher,author\\ndated.txt,Example Daily,A. Reporter\\n", encoding="utf-8"
)
sorted(p.name for p in demo.iterdir())""",
    ),
    (
        "code",
        """import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    demo_docs = kit.load(demo)
demo_report = kit.load_report(demo_docs)
for w in caught:
    print("warning:", w.message)
static_table(
    demo_docs,
    caption="The documents table built from the demo folder",
    columns=["doc_id", "title", "date", "source", "author", "path", "n_words"],
)""",
    ),
    (
        "code",
        """display(finding(
    "From **{n_files} files** (one of them the `metadata.csv` sidecar) `kit.load` made "
    "**{n_docs} documents**. The sidecar filled in {filled} for `dated.txt`. "
    "The **load report** lists {n_report} entries: nothing is silently dropped.",
    n_files=len(list(demo.iterdir())),
    n_docs=len(demo_docs),
    filled=finding(" and ").join(
        finding("*{c}*", c=c) for c in ("source", "author") if c in demo_docs
    ),
    n_report=len(demo_report),
))
static_table(demo_report, caption="Load report: skipped files and notes")""",
    ),
    (
        "md",
        """## 2. Your corpus

The documents table of `CORPUS`, and its load report (empty when every file loaded).""",
    ),
    (
        "code",
        """report = kit.load_report(docs)
dates = pd.to_datetime(docs["date"], errors="coerce")
outlets = docs["source"].dropna().astype(str).value_counts() if "source" in docs else pd.Series()
words = docs["n_words"] if "n_words" in docs else docs["text"].str.split().str.len()
span = (
    f"from {dates.min():%d %B %Y} to {dates.max():%d %B %Y}"
    if dates.notna().any() else "with no dates"
)
def n_of(n, word):
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# finding(): the template is the Markdown, every value from the corpus is escaped
display(finding(
    "The corpus has **{n_docs}** {span}, {outlets}. They are {median:,.0f} words long at "
    "the median (shortest {shortest:,}, longest {longest:,}). "
    "The load report has {n_report:,} entries.",
    n_docs=n_of(len(docs), "document"),
    span=span,
    outlets=finding(
        "from **{n}** (most: {top}, {top_n})",
        n=n_of(len(outlets), "outlet"),
        top=outlets.index[0],
        top_n=n_of(outlets.iloc[0], "document"),
    ) if len(outlets) else "with no outlet recorded",
    median=words.median(),
    shortest=words.min(),
    longest=words.max(),
    n_report=len(report),
))""",
    ),
    (
        "code",
        """shown = pick(docs, ["doc_id", "title", "date", "source", "n_words", "path"])
show_table(shown, "documents", caption="Documents (searchable, sortable)")""",
    ),
    ("code", """static_table(shown, caption="Documents (static copy)")"""),
    ("code", """static_table(report, caption="Load report")"""),
    ("md", "## 3. Over time, by outlet, by length"),
    ("code", "plots.documents_over_time(docs)"),
    ("code", "plots.documents_by_outlet(docs)"),
    ("code", "plots.document_lengths(docs)"),
    (
        "md",
        """## 4. One document up close

What the first document (or `DOC_ID`) looks like after loading, and the tables the
other notebooks build from it.""",
    ),
    (
        "code",
        """text = doc_row["text"]
first_sentence = for_doc["sentences"]["text"].iloc[0] if len(for_doc["sentences"]) else text[:200]
title = doc_row.get("title")
display(finding(
    "**{title}** is dated **{date}**, has {n_chars:,} characters in {n_sents:,} sentences. "
    "It begins: *{first}*\\n\\nFrom it the kit extracts {counts}. "
    "The next notebooks look at each table.",
    title=title if isinstance(title, str) and title.strip() else DOC,
    date=str(doc_row.get("date"))[:10],
    n_chars=len(text),
    n_sents=len(for_doc["sentences"]),
    first=first_sentence,
    counts=finding(", ").join(
        finding("{n:,} rows of *{name}*", n=len(t), name=name)
        for name, t in for_doc.items()
        if name not in ("documents", "sentences", "skipped", "actors")
    ),
))""",
    ),
    ("code", static_doc('("actors", "quantities", "attributions", "timexes")')),
    ("md", "Read any document with its highlights (in JupyterLab; the static view is above):"),
    ("code", "widgets.reader(result)"),
    ("md", TRY.format(name="notebooks/01_corpus.ipynb")),
]

# ---------------------------------------------------------------- 02 actors --

ACTORS_NB = [
    (
        "md",
        header(
            "02 · Actors: who appears, how often, and with whom",
            "Which people, organisations, countries and groups do the texts mention, with which "
            "titles and roles, and who is mentioned together?",
            "The `mentions` table (one row per mention) and the `actors` table (one row per "
            "canonical actor, aliases merged).",
            "Aliases come from `data/actors.csv` (see section 4).",
        ),
    ),
    ("params", PARAMS),
    ("code", SETUP),
    ("md", "## 1. What the first document shows"),
    (
        "code",
        """m = for_doc.get("mentions", pd.DataFrame())
if len(m):
    per = m.groupby("actor", sort=False).size().sort_values(ascending=False, kind="stable")
    kinds = m["actor_type"].fillna("other").value_counts()
    titled = m.dropna(subset=["title"]) if "title" in m else m.iloc[0:0]
    # finding(): the template is the Markdown, every value from the corpus is escaped
    text = finding(
        "The document mentions **{n_actors:,} distinct actors** {n:,} times. "
        "The most mentioned is **{top}** ({top_n} mentions)",
        n_actors=m["actor"].nunique(), n=len(m), top=per.index[0], top_n=per.iloc[0],
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
            span=r["text"], title=r["title"],
        )
        text += (finding(" and role **{role}**.", role=r["role"])
                 if isinstance(r.get("role"), str) else finding("."))
    display(text)
else:
    display(finding("No actor mentions were found in this document."))""",
    ),
    ("code", static_doc('("actors",)')),
    ("md", "## 2. The actors table"),
    (
        "code",
        """actors = tables.get("actors", pd.DataFrame())
cols = ["actor", "actor_type", "country", "title", "role", "n_mentions", "n_docs", "aliases"]
show_table(actors, "actors", caption="Actors (searchable, sortable)", columns=cols)""",
    ),
    ("code", 'static_table(actors, caption="Actors (static copy)", columns=cols)'),
    ("code", "plots.top_actors(actors)"),
    (
        "code",
        """static_table(
    tables.get("mentions"),
    caption="Mentions: one row per mention, with offsets into the text",
    columns=["doc_id", "mention_id", "sent_id", "start", "end", "text", "label", "actor",
             "actor_type", "title", "role", "relation", "linked_actor_id"],
)""",
    ),
    (
        "md",
        """## 3. Who is mentioned with whom

Co-mention counts how many documents (or sentences) mention both actors. With one
document the sentence level is the informative one.""",
    ),
    (
        "code",
        """within = "sent_id" if result.documents["doc_id"].nunique() < 5 else "doc_id"
pairs = plots.comention_matrix(tables.get("mentions"), top=10, within=within)
if len(pairs) > 1:
    upper = pairs.where(~pd.DataFrame(
        [[i >= j for j in range(len(pairs))] for i in range(len(pairs))],
        index=pairs.index, columns=pairs.columns))
    best = upper.stack().sort_values(ascending=False, kind="stable")
    if len(best) and best.iloc[0] > 0:
        (a, b), n = best.index[0], int(best.iloc[0])
        unit = "sentences" if within == "sent_id" else "documents"
        display(finding("The pair mentioned together most often is **{a}** and **{b}** "
                        "({n} {unit}).", a=a, b=b, n=n, unit=unit))
plots.comention_heatmap(tables.get("mentions"), top=10, within=within)""",
    ),
    (
        "md",
        """## 4. Aliases: how names are merged, and how to edit them

Different names for one actor ("USA", "U.S.", "the United States") are merged through the
alias table `data/actors.csv`. To add your own, either edit that file or keep a separate
CSV with the same columns and pass it: `kit.analyze(docs, aliases="my_actors.csv")`.
The first rows of the curated table:""",
    ),
    (
        "code",
        """alias_file = Path(kit.__file__).resolve().parent / "data" / "actors.csv"
alias_table = pd.read_csv(alias_file, comment="#") if alias_file.exists() else pd.DataFrame()
merged = actors[actors["aliases"].fillna("").str.contains(";")] if "aliases" in actors else actors.iloc[0:0]
display(finding(
    "The curated table has {n:,} rows with the columns {columns}. ",
    n=len(alias_table),
    columns=finding(", ").join(finding("*{c}*", c=c) for c in alias_table.columns),
) + (finding(
    "In this corpus, for example, **{actor}** was written as *{aliases}*.",
    actor=merged.iloc[0]["actor"], aliases=merged.iloc[0]["aliases"],
) if len(merged) else finding("")))
static_table(alias_table, caption=f"{alias_file.name} (first rows)", n=10)""",
    ),
    (
        "md",
        """## 5. Explore (in JupyterLab)

Search or pick an actor to see its mentions in context, the actors mentioned in the
same documents and the months it appears in. The tables and figures above are the
static counterparts for readers without a kernel.""",
    ),
    ("code", "widgets.actor_explorer(result)"),
    ("md", TRY.format(name="notebooks/02_actors.ipynb")),
]

# ------------------------------------------------------------ 03 quantities --

QUANT_NB = [
    (
        "md",
        header(
            "03 · Quantities: amounts, units and what is counted",
            "Which numbers do the texts report, in which units, about what, and how precisely "
            "(approximations, bounds, restated conversions)?",
            "The `quantities` table: one row per amount with its value, unit, dimension, "
            "normalised SI value, qualifier, counted object and restatement links.",
        ),
    ),
    ("params", PARAMS),
    ("code", SETUP),
    ("md", "## 1. What the first document shows"),
    (
        "code",
        """q = for_doc.get("quantities", pd.DataFrame())


def describe(r):
    # one quantity as Markdown; finding() escapes every value taken from the text
    unit = finding(" {u}", u=r["unit"]) if isinstance(r.get("unit"), str) and r["unit"] not in ("count", "") else ""
    obj = finding(" of **{o}**", o=r["object"]) if isinstance(r.get("object"), str) and r["object"] else ""
    qual = finding(" (qualifier: {q})", q=r["qualifier"]) if isinstance(r.get("qualifier"), str) else ""
    return finding("*{span}* → value {value:g}{unit}{obj}{qual}", span=r["text"], value=r["value"],
                   unit=unit, obj=obj, qual=qual)


if len(q):
    lines = [finding("The document reports **{n} quantities**:", n=len(q))]
    lines += [finding("- {d}", d=describe(r)) for _, r in q.iterrows()]
    restated = q[q["restates"].notna()] if "restates" in q else q.iloc[0:0]
    for _, r in restated.iterrows():
        orig = q[q["quantity_id"] == r["restates"]]
        if len(orig):
            o = orig.iloc[0]
            agree = "agree" if r.get("consistent") is True or r.get("consistent") == 1 else "do not agree"
            lines.append(finding(
                "\\n*{span}* restates *{orig}*: in SI units {a:,.0f} vs {b:,.0f} {unit}, "
                "which {agree}.",
                span=r["text"], orig=o["text"], a=o["si_value"], b=r["si_value"],
                unit=r["si_unit"], agree=agree,
            ))
    display(finding("\\n").join(lines))
else:
    display(finding("No quantities were found in this document."))""",
    ),
    ("code", static_doc('("quantities",)')),
    ("md", "## 2. The quantities table"),
    (
        "code",
        """quantities = tables.get("quantities", pd.DataFrame())
cols = ["doc_id", "quantity_id", "text", "value", "low", "high", "unit", "dimension",
        "currency", "si_value", "si_unit", "qualifier", "approximate", "bound", "object",
        "restates", "consistent", "flag"]
show_table(quantities, "quantities", caption="Quantities (searchable, sortable)", columns=cols)""",
    ),
    ("code", 'static_table(quantities, caption="Quantities (static copy)", columns=cols)'),
    ("code", "plots.quantities_by_dimension(quantities)"),
    (
        "md",
        """## 3. Approximations, bounds and restatements

In news style, *about 300 people* is an approximation, *more than 12 km* a lower bound,
and *12 km (7.5 miles)* restates one amount in other units; the kit links a restatement
to the amount it restates and checks that the two agree.""",
    ),
    (
        "code",
        """def count(col, test):
    return int(test(quantities[col]).sum()) if col in quantities else 0


def truthy(s):
    return s.fillna(False).astype(bool)


restated = quantities[quantities["restates"].notna()] if "restates" in quantities else quantities
flags = pd.DataFrame({
    "approximate": [count("approximate", truthy)],
    "bounded (more/less than…)": [count("bound", lambda s: s.notna())],
    "restatements": [len(restated) if "restates" in quantities else 0],
    "of which consistent": [int(truthy(restated["consistent"]).sum()) if "consistent" in restated else 0],
})
flags""",
    ),
    (
        "code",
        """static_table(
    quantities[quantities["restates"].notna() | quantities["bound"].notna()
               | quantities["approximate"].fillna(False).astype(bool)]
    if {"restates", "bound", "approximate"} <= set(quantities.columns) else None,
    caption="Approximate, bounded and restated amounts",
    columns=["doc_id", "quantity_id", "text", "value", "unit", "qualifier", "bound",
             "approximate", "restates", "consistent"],
)""",
    ),
    ("md", "## 4. The largest counts by object"),
    (
        "code",
        """counted = quantities.dropna(subset=["object"]) if "object" in quantities else quantities
if len(counted):
    top = counted.sort_values("value", ascending=False, kind="stable").iloc[0]
    display(finding("The largest amount with a counted object is *{span}* (object: **{obj}**) "
                    "in document **{doc}**.", span=top["text"], obj=top["object"], doc=top["doc_id"]))
plots.quantities_by_object(quantities)""",
    ),
    (
        "md",
        """## 5. Explore (in JupyterLab)

Filter by dimension, unit, qualifier or object, sort, and read each amount in context.""",
    ),
    ("code", "widgets.quantity_browser(result)"),
    ("md", TRY.format(name="notebooks/03_quantities.ipynb")),
]

# -------------------------------------------------------------- 04 sourcing --

SOURCING_NB = [
    (
        "md",
        header(
            "04 · Sourcing: who is quoted, how, and how firmly",
            "Who speaks in the texts (named people, organisations, anonymous officials), with "
            "which verbs and stance, how hedged, through which channel, per document and outlet?",
            "The `attributions` table: one row per attribution with its source, cue and "
            'content spans and their properties. Sources are resolved: a pronoun ("she said") '
            "counts for the person it refers to, found by gender and number agreement with the "
            'names before it; "who" for the noun it attaches to; "the Republican nominee" '
            "for the named person it describes. `source_resolution` says how each link was made "
            "and `antecedent_text` shows what it was resolved to; a pronoun nobody fits stays "
            "`source_type = 'pronoun'` (`resolved = False`) and is left out of the counts of "
            "who is quoted. Resolution is a heuristic: check `antecedent_text` before you cite "
            "a count that rests on pronouns.",
            "Cue verbs and their stance come from `data/cues.csv` (add your own with "
            "`kit.analyze(docs, cues='my_cues.csv')`).",
        ),
    ),
    ("params", PARAMS),
    ("code", SETUP),
    ("md", "## 1. What the first document shows"),
    (
        "code",
        """a = for_doc.get("attributions", pd.DataFrame())
if len(a):
    types = a["source_type"].fillna("none").value_counts()
    named = a[a["source_type"] != "pronoun"]  # an unresolved "he"/"they" is nobody in particular
    who = named["source_actor"].fillna(named["source_text"]).dropna().value_counts()
    cues = a["cue_lemma"].fillna(a["cue"]).value_counts()
    # finding(): the template is the Markdown, every value from the corpus is escaped
    text = finding(
        "The document attributes **{n} statements**. Source types: {types}. ",
        n=len(a),
        types=finding(", ").join(finding("{n} {k}", n=n, k=k) for k, n in types.items()),
    )
    if len(who):
        times = "once" if who.iloc[0] == 1 else f"{who.iloc[0]} times"
        text += finding("The most quoted source is **{who}** ({times}). ",
                        who=who.index[0], times=times)
    text += finding(
        "Cue verbs: {cues}. ",
        cues=finding(", ").join(finding("*{c}* ({n})", c=c, n=n) for c, n in cues.items()),
    )
    chan = a.dropna(subset=["channel"]) if "channel" in a else a.iloc[0:0]
    if len(chan):
        text += finding("Channels: {channels}. ", channels=finding(", ").join(
            finding("*{c}*", c=c) for c in chan["channel"].unique()))
    hedged = a[a["hedged"].fillna(False).astype(bool)] if "hedged" in a else a.iloc[0:0]
    text += finding("{n} of them are hedged.", n=len(hedged))
    display(text)
else:
    display(finding("No attributions were found in this document."))""",
    ),
    ("code", static_doc('("attributions", "actors")')),
    ("md", "## 2. The attributions table"),
    (
        "code",
        """attributions = tables.get("attributions", pd.DataFrame())
cols = ["doc_id", "attribution_id", "source_text", "source_type", "source_actor",
        "source_resolution", "antecedent_text", "cue",
        "cue_lemma", "stance", "content", "direct", "hedged", "hedge", "channel", "said_on"]
show_table(attributions, "attributions", caption="Attributions (searchable, sortable)",
           columns=cols)""",
    ),
    ("code", 'static_table(attributions, caption="Attributions (static copy)", columns=cols)'),
    ("md", "## 3. Named vs anonymous, cue verbs and stance"),
    ("code", "plots.source_type_mix(attributions)"),
    ("code", "plots.cue_stance(attributions)"),
    (
        "code",
        """# sources are resolved: "she" counts for the person she refers to (source_resolution
# says how each link was made); a pronoun nobody was found for is left out, and counted here
unresolved = attributions["source_type"].eq("pronoun") if len(attributions) else pd.Series([], dtype=bool)
quoted = attributions[~unresolved]
who = (quoted.assign(source=quoted["source_actor"].fillna(quoted["source_text"]))
       .groupby(["source", "source_type"], dropna=False).size().rename("statements")
       .reset_index().sort_values("statements", ascending=False, kind="stable")
       if len(quoted) else pd.DataFrame())
display(finding("{n} of {total} statements have a pronoun as source that could not be resolved "
                "('he', 'they' with no fitting name before them); they are left out below.",
                n=int(unresolved.sum()), total=len(attributions)))
static_table(who, caption="Who is quoted how often (resolved sources)")""",
    ),
    ("md", "## 4. Hedges and channels"),
    (
        "code",
        """static_table(
    attributions[attributions["hedged"].fillna(False).astype(bool) | attributions["channel"].notna()]
    if {"hedged", "channel"} <= set(attributions.columns) else None,
    caption="Hedged statements and statements with a channel (e.g. 'told Reuters')",
    columns=["doc_id", "source_text", "cue", "hedge", "channel", "content"],
)""",
    ),
    ("md", "## 5. Per document and per outlet"),
    (
        "code",
        """per_doc = (pd.crosstab(attributions["doc_id"], attributions["source_type"].fillna("none"))
           if len(attributions) else pd.DataFrame())
static_table(per_doc.reset_index() if len(per_doc) else None,
             caption="Source types per document")""",
    ),
    ("code", 'plots.source_type_mix(attributions, result.documents, by="source")'),
    (
        "md",
        """## 6. Explore (in JupyterLab)

Filter by source type, outlet and stance, see the source mix and read what one source said.""",
    ),
    ("code", "widgets.sourcing_panel(result)"),
    ("md", TRY.format(name="notebooks/04_sourcing.ipynb")),
]

# -------------------------------------------------------------- 05 timeline --

TIMELINE_NB = [
    (
        "md",
        header(
            "05 · Timeline: when things happened and were said",
            "Which dates do the texts refer to, relative to when they were published, and when "
            "were the attributed statements made?",
            "The `timexes` table (time expressions resolved against each document's dateline) "
            "and `kit.present.views.timeline(result)` (one row per dated statement or event).",
        ),
    ),
    ("params", PARAMS),
    ("code", SETUP),
    ("md", "## 1. What the first document shows"),
    (
        "code",
        """from kit.present.views import timeline, timeline_note

t = for_doc.get("timexes", pd.DataFrame())
tl = timeline(result)
if len(t):
    # finding(): the template is the Markdown, every value from the corpus is escaped
    lines = [finding("The document is dated **{date}** and contains **{n} time expressions**:",
                     date=str(doc_row.get("date"))[:10], n=len(t))]
    for _, r in t.iterrows():
        lines.append(finding("- *{span}* → **{value}** ({kind})",
                             span=r["text"], value=r["value"], kind=r["type"]))
    said = tl[(tl["doc_id"] == DOC) & (tl["kind"] == "statement")] if len(tl) else tl
    if len(said):
        s = said.iloc[0]
        who = s["source"] if isinstance(s["source"], str) and s["source"] else "a source"
        lines.append(finding("\\n{n} statements are dated; e.g. {who} spoke on {date} (*{span}*).",
                             n=len(said), who=who, date=str(s["date"])[:10], span=s["text"]))
    display(finding("\\n").join(lines))
else:
    display(finding("No time expressions were found in this document."))""",
    ),
    ("code", static_doc('("timexes", "attributions")')),
    ("md", "## 2. The timexes table and the timeline"),
    (
        "code",
        """timexes = tables.get("timexes", pd.DataFrame())
cols = ["doc_id", "timex_id", "text", "type", "value", "anchor_date", "mod", "resolved",
        "doubtful", "note"]
show_table(timexes, "timexes", caption="Time expressions (searchable, sortable)", columns=cols)""",
    ),
    ("code", 'static_table(timexes, caption="Time expressions (static copy)", columns=cols)'),
    (
        "code",
        """static_table(tl, caption="Timeline: dated statements and events", n=25,
             columns=["doc_id", "date", "value", "granularity", "kind", "source", "text", "context"])""",
    ),
    (
        "md",
        """The timeline keeps dates within a year either side of the datelines, so a misread
number (a clock time read as a year) cannot stretch it over centuries; the note says what it
leaves out.""",
    ),
    ("code", "display(timeline_note(tl))\nplots.timeline(tl, result.documents)"),
    (
        "code",
        """show_table(tl, "timeline", caption="Timeline: dated statements and events",
           columns=["doc_id", "date", "value", "granularity", "kind", "source", "text",
                    "context"])""",
    ),
    (
        "md",
        """## 3. Read the dates in context (in JupyterLab)

The reader highlights time expressions with their resolved values next to the
attribution roles.""",
    ),
    ("code", "widgets.reader(result)"),
    ("md", TRY.format(name="notebooks/05_timeline.ipynb")),
]

NOTEBOOKS = {
    "01_corpus.ipynb": CORPUS_NB,
    "02_actors.ipynb": ACTORS_NB,
    "03_quantities.ipynb": QUANT_NB,
    "04_sourcing.ipynb": SOURCING_NB,
    "05_timeline.ipynb": TIMELINE_NB,
}


def formatted(source: str) -> str:
    """``source`` formatted with ruff (as ``ruff format`` would in the notebook), if available."""
    lines = source.split("\n")
    magics = [line for line in lines if line.startswith("%")]
    body = "\n".join(line for line in lines if not line.startswith("%"))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--stdin-filename", "notebooks/cell.py", "-"],
            input=body,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        done = body
    return "\n".join([*magics, done.rstrip("\n")])


#: Calls that would put unescaped corpus text on the page, and what is allowed instead.
_UNSAFE = (
    (re.compile(r"\bMarkdown\("), "use display(finding(template, **values)), not Markdown(...)"),
    (
        re.compile(r"\bHTML\((?!render_document\()"),
        "HTML(...) may only wrap render_document(...); use static_table or finding",
    ),
    (re.compile(r"\bfinding\(\s*f[\"']"), "finding() templates must not be f-strings"),
    (re.compile(r"_repr_html_|unsafe_allow_html|allow_html"), "no raw HTML from cell code"),
)


def check_cell(source: str) -> None:
    """Raise ``ValueError`` if cell code could show corpus text unescaped.

    >>> check_cell('display(finding("**{t}**", t=title))')
    >>> check_cell('display(Markdown(f"**{title}**"))')
    Traceback (most recent call last):
    ...
    ValueError: use display(finding(template, **values)), not Markdown(...): display(Markdown(f"**{title}**"))
    """
    for pattern, advice in _UNSAFE:
        for line in source.splitlines():
            if pattern.search(line):
                raise ValueError(f"{advice}: {line.strip()}")


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """A notebook without outputs from ``(kind, source)`` pairs; kind md/code/params."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (kit)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(cells):
        if kind == "md":
            cell = new_markdown_cell(source)
        else:
            check_cell(source)
            cell = new_code_cell(formatted(source))
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check they are up to date")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    stale = []
    for name, cells in NOTEBOOKS.items():
        text = nbformat.writes(build(cells)) + "\n"
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python scripts/make_notebooks.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
