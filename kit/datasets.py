"""Example corpora, downloaded once with their checksums checked: ``kit.datasets.wikinews()``.

>>> import kit
>>> docs = kit.datasets.wikinews(years=(2019,))        # doctest: +SKIP
>>> docs[["doc_id", "date", "title", "url"]].head()     # doctest: +SKIP

The files come from pinned URLs (a fixed commit of the source repository) and are checked
against their SHA-256 before use. They are cached in the user cache folder
(``platformdirs.user_cache_dir("kit")/datasets``). When the environment variable
``KIT_DATASETS`` names a folder (a local mirror: ``<folder>/wikinews/wikinews_2019.csv``), the
files are read from there instead, with the same checksum check, and nothing is downloaded.

Cleaning (each step changes only what it says; offsets in the tables refer to the cleaned text):

1. the dateline line at the top ("Friday, January 4, 2019") is removed: the date is the
   ``date`` column;
2. lines that repeat an interview answer in another language ("((hi))Hindi language: …") are
   removed: the English text is kept, and the kit analyses English;
3. runs of blank lines become one blank line (paragraphs stay paragraphs) and lines lose
   trailing spaces.

Licence: Wikinews articles are CC BY 2.5. Whoever shows or shares the texts must credit
Wikinews and link the licence; the ``licence`` and ``attribution`` columns (and
``docs.attrs["licence"]``) carry that with every row.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: The environment variable naming a local mirror of the datasets.
MIRROR_ENV = "KIT_DATASETS"
WIKINEWS_LICENCE = "CC BY 2.5"
WIKINEWS_LICENCE_URL = "https://creativecommons.org/licenses/by/2.5/"
_WIKINEWS_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"


@dataclass(frozen=True)
class RemoteFile:
    """A file of a dataset: where it lives, its checksum, its name in a mirror."""

    url: str
    sha256: str
    mirror_path: str


WIKINEWS_FILES: dict[int, RemoteFile] = {
    year: RemoteFile(
        url=(
            "https://raw.githubusercontent.com/vanatteveldt/wikinews/"
            f"{_WIKINEWS_COMMIT}/data/wikinews_{year}.csv"
        ),
        sha256=sha,
        mirror_path=f"wikinews/wikinews_{year}.csv",
    )
    for year, sha in (
        (2019, "d65f87b01244679d01c89ec15616fbd8413e7852732432d5895fa4db9b21ac9e"),
        (2020, "42f833b55a848b6a9070c3be7e7ab5e55d3150a3e128419130df5b8283a62f4a"),
    )
}

_DATELINE = re.compile(
    r"\A\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"[A-Z][a-z]+ \d{1,2}, \d{4}[^\S\n]*\n"
)
_TRANSLATION = re.compile(r"^\(\([a-z]{2,3}\)\)[^\n]*\blanguage:[^\n]*(?:\n|\Z)", re.MULTILINE)


class DatasetError(RuntimeError):
    """A dataset could not be fetched or failed its checksum; the message says what to do."""


def wikinews(years: Iterable[int] = (2019, 2020)) -> pd.DataFrame:
    """The Wikinews sample (295 articles, 2019–2020, CC BY 2.5) as a documents table.

    Columns: those of :func:`kit.load` plus ``title``, ``url`` (each article's attribution
    link), ``licence`` and ``attribution``; ``source`` is "Wikinews".
    """
    from kit.io.corpus import load, short_hash

    years = tuple(sorted(set(int(y) for y in years)))
    unknown = [y for y in years if y not in WIKINEWS_FILES]
    if unknown or not years:
        raise DatasetError(
            f"no Wikinews sample for {unknown or 'no year'}; "
            f"available years: {sorted(WIKINEWS_FILES)}"
        )
    frames = [
        pd.read_csv(fetch(WIKINEWS_FILES[y]), dtype=str, keep_default_na=False) for y in years
    ]
    raw = pd.concat(frames, ignore_index=True)
    raw["text"] = raw["text"].map(clean_wikinews_text)
    raw["source"] = "Wikinews"
    # a readable, stable id: the date and a hash of the article's address
    raw["doc_id"] = [f"wikinews-{d}-{short_hash(u)}" for d, u in zip(raw["date"], raw["url"])]
    docs = load(raw)
    docs["licence"] = WIKINEWS_LICENCE
    docs["attribution"] = [
        f"Wikinews, “{t}”, {u}, licensed {WIKINEWS_LICENCE} ({WIKINEWS_LICENCE_URL})"
        for t, u in zip(docs["title"], docs["url"], strict=True)
    ]
    docs.attrs["licence"] = (
        f"Wikinews articles, {WIKINEWS_LICENCE} ({WIKINEWS_LICENCE_URL}); "
        f"selection: github.com/vanatteveldt/wikinews at {_WIKINEWS_COMMIT}"
    )
    return docs


def clean_wikinews_text(text: str) -> str:
    """The cleaning steps of the module docstring.

    >>> clean_wikinews_text("Friday, January 4, 2019\\xa0\\n\\n\\nA building collapsed.  \\n\\n\\n\\nMore.")
    'A building collapsed.\\n\\nMore.'
    >>> clean_wikinews_text("((A)) I agree.\\n((hi))Hindi language: मैं सहमत हूँ\\nNext.")
    '((A)) I agree.\\nNext.'
    """
    text = _DATELINE.sub("", text, count=1)
    text = _TRANSLATION.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def fetch(remote: RemoteFile) -> Path:
    """The local path of a dataset file: from ``$KIT_DATASETS`` or downloaded once, checked."""
    mirror = os.environ.get(MIRROR_ENV)
    if mirror:
        path = Path(mirror).expanduser() / remote.mirror_path
        if not path.is_file():
            raise DatasetError(
                f"{MIRROR_ENV}={mirror} has no {remote.mirror_path}; put the file there "
                f"(from {remote.url}) or unset {MIRROR_ENV} to download it"
            )
        _check(path, remote)
        return path
    return _download(remote)


def _check(path: Path, remote: RemoteFile) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != remote.sha256:
        raise DatasetError(
            f"{path} does not match its published checksum (SHA-256 {digest}, expected "
            f"{remote.sha256}): the file is damaged or changed. Delete it and fetch it again "
            f"from {remote.url}"
        )


def _download(remote: RemoteFile) -> Path:
    import platformdirs
    import pooch

    folder = Path(platformdirs.user_cache_dir("kit")) / "datasets"
    name = remote.mirror_path.replace("/", "_")
    try:
        path = pooch.retrieve(
            remote.url, known_hash=f"sha256:{remote.sha256}", fname=name, path=folder
        )
    except ValueError as exc:  # pooch: the downloaded file has another hash
        raise DatasetError(
            f"the download of {remote.url} does not match its published checksum; "
            f"nothing was kept ({exc})"
        ) from None
    except Exception as exc:  # no network, proxy, HTTP errors
        raise DatasetError(
            f"could not download {remote.url} ({type(exc).__name__}). Connect to the internet, "
            f"or set {MIRROR_ENV} to a folder that holds {remote.mirror_path} "
            f"(SHA-256 {remote.sha256})"
        ) from None
    return Path(path)
