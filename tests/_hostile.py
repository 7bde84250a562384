"""A hostile corpus: script, event-handler and ``javascript:`` payloads in every field.

Titles, outlets, bodies, file names, a metadata sidecar and the load report carry
payloads that set ``window.__pwned`` if any page ever lets them become markup.
The bodies are otherwise ordinary news text, so the extractors find actors,
quotes, quantities and dates *inside* the payloads and every notebook builds its
findings from hostile spans.

>>> folder = write_hostile_corpus(tmp_path / "hostile")   # doctest: +SKIP
"""

from __future__ import annotations

import csv
from pathlib import Path

#: The global a successful payload sets.
FLAG = "__pwned"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '<svg onload="window.__pwned=1">'
MD_LINK = "[click](javascript:window.__pwned=1)"
A_LINK = '<a href="javascript:window.__pwned=1">x</a>'
BOLD = '<b onmouseover="window.__pwned=1">Smith</b>'
MD_IMAGE = '![x](x" onerror="window.__pwned=1)'
#: TeX between dollars: MathJax would typeset it, matplotlib would fail to parse it.
MATH = r"$\frac$ $\href{javascript:window.__pwned=1}{x}$"
PAYLOADS = (SCRIPT, IMG, SVG, MD_LINK, A_LINK, BOLD, MD_IMAGE, MATH)

#: A file name may hold anything but "/" (so no closing tags).
IMG_FILE = f"{IMG}.txt"
SVG_FILE = f"{SVG} wire.txt"


def _article(title: str, source: str, date: str, body: str) -> str:
    return f"title: {title}\nsource: {source}\ndate: {date}\n\n{body}\n"


#: file name -> text. Payloads sit where the extractors look: in names next to
#: "said", inside quotes, next to amounts and dates, in the first sentence.
ARTICLES = {
    IMG_FILE: _article(
        f"{SCRIPT} Port strike {MD_LINK}",
        f"{SVG}Harbour Herald",
        "2020-01-02",
        # spaCy takes the whole <svg ...> tag into the source span: the most quoted source
        f"\u201c{SVG}The plan ignores the harbour,\u201d {BOLD} told Reuters on Monday. "
        f"\u201c{SVG}The plan ignores the harbour,\u201d {BOLD} told Reuters again on Tuesday. "
        f"\u201c{SVG}The plan ignores the harbour,\u201d {BOLD} told Reuters. "
        f"{SVG} Port officials said on Monday that about 1,200 containers {A_LINK} were stuck "
        f"at the harbour. President John_Smith said on Tuesday that 40 ships {SVG} waited "
        f"12 km (7.5 miles) off the coast. \u201c{SCRIPT} We expect delays of two weeks "
        f"{MD_LINK},\u201d Mayor Anna*Berg told Reuters. John_Smith and Anna*Berg said the city "
        f"would spend $45 million {IMG} on repairs. The European Union offered 3 million euros "
        f"in aid, officials who asked not to be named said on Wednesday.",
    ),
    SVG_FILE: _article(
        f"{IMG} Council passes budget {A_LINK}",
        f"{SCRIPT}City Times",
        "2020-01-03",
        f"[Smith](javascript:window.__pwned=1) said on Friday that nearly 300 {IMG} workers "
        f"met in January. \u201c{SVG}The plan ignores the harbour,\u201d {BOLD} told Reuters. "
        f"Critics {A_LINK} claimed the council would cut 2,000 jobs by March 2020. "
        f"Finance Minister Omar Haddad said last week that the budget of $45 million "
        f"{MD_IMAGE} was fair.",
    ),
    "plain.txt": _article(
        "Dock workers may strike",
        "Example Wire",
        "2020-01-04",
        "Dock workers may strike next month, union leaders warned on Saturday. Nearly 300 "
        "workers met in May, Anna Berg said. The port authority denied that wages had fallen.",
    ),
    # a date that cannot be read: the load report quotes it back
    "bad-date.txt": _article(
        f"Undated {SVG}",
        f"Example Wire {MATH}",
        f"{IMG}",
        f"Anna Berg said that 12 people {SCRIPT} met.",
    ),
}

#: metadata.csv rows: a hostile outlet and author for plain.txt, and a row that
#: matches no file (the load report names it).
METADATA = [
    {"file": "plain.txt", "publisher": f"{IMG}Sidecar Daily", "author": f"{A_LINK} {MD_LINK}"},
    {"file": f"{SVG}missing.txt", "publisher": SCRIPT, "author": BOLD},
]


def write_hostile_corpus(folder: Path) -> Path:
    """Write the hostile articles and their ``metadata.csv`` into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "publisher", "author"])
        writer.writeheader()
        writer.writerows(METADATA)
    return folder
