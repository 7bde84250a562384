"""The unit of work of every engine: parse a batch once, run every extractor, build tables.

>>> settings = Settings.make(extractors=["quantities"])
>>> settings.extractors
('quantities',)
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit.extract.language import foreign_passages, outside
from kit.extract.registry import extractor, resolve_extractors, summarizer
from kit.extract.sourcing.extractor import ATTRIBUTION_MODES, DEFAULT_ATTRIBUTION
from kit.io.dates import as_date
from kit.nlp.doc_arrays import release as release_arrays
from kit.nlp.model import DEFAULT_MAX_CHUNK_CHARS, DocInfo, model_name, sentence_rows
from kit.tables import PASSAGE_COLUMNS, SCHEMAS, SENTENCE_COLUMNS, SKIPPED_COLUMNS, Analysis


@dataclass(frozen=True)
class Settings:
    """Everything that changes the results of an analysis (hashable, picklable)."""

    model: str
    extractors: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    batch_size: int = 64
    max_chunk_chars: int = DEFAULT_MAX_CHUNK_CHARS
    #: "rules" (the hand-written rules, the default) or "learned" (the trained attribution model)
    attribution: str = DEFAULT_ATTRIBUTION

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
        attribution: str | None = None,
    ) -> Settings:
        return cls(
            model=model_name(model),
            extractors=resolve_extractors(extractors),
            aliases=_as_tuple(aliases),
            cues=_as_tuple(cues),
            batch_size=batch_size,
            max_chunk_chars=max_chunk_chars,
            attribution=_attribution(attribution),
        )


def _attribution(value: str | None) -> str:
    """Check an ``attribution=`` value (``None`` means the default).

    >>> _attribution("rules")
    'rules'
    """
    if value is None:
        return DEFAULT_ATTRIBUTION
    if value not in ATTRIBUTION_MODES:
        raise ValueError(
            f"attribution={value!r} is not known. Fix: pass one of {', '.join(ATTRIBUTION_MODES)}."
        )
    return value


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        return (str(value),)
    return tuple(str(v) for v in value)


# ---------------------------------------------------------------- one batch --

_RESOURCES: dict[tuple, Any] = {}


def resources_for(settings: Settings):
    """The :class:`~kit.lexicons.resources.Resources` for these settings, once per process."""
    from kit.lexicons.resources import Resources

    key = (settings.aliases, settings.cues, settings.attribution)
    if key not in _RESOURCES:
        res = Resources.default(aliases=list(settings.aliases), cues=list(settings.cues))
        res.get("attribution", lambda: settings.attribution)  # read by the sourcing extractor
        _RESOURCES[key] = res
    return _RESOURCES[key]


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
    from kit.nlp.model import load_model, parse_texts

    nlp = load_model(settings.model)
    res = resources_for(settings)
    modules = [(extractor(e).TABLE, extractor(e)) for e in settings.extractors]
    out: dict[str, list[dict]] = {"sentences": [], "passages": [], "doc_meta": []}
    out.update({table: [] for table, _ in modules})
    texts = (r["text"] for r in records)
    docs = parse_texts(
        nlp, texts, batch_size=settings.batch_size, max_chunk_chars=settings.max_chunk_chars
    )
    for record, doc in zip(records, docs, strict=True):
        doc_id = record["doc_id"]
        passages = foreign_passages(record["text"])
        sents = sentence_rows(doc, doc_id)
        out["sentences"] += sents
        info = DocInfo(
            doc_id=doc_id,
            text=record["text"],
            date=as_date(record.get("date")),
            source=record.get("source") if isinstance(record.get("source"), str) else None,
            sent_starts=tuple(s["start"] for s in sents) or (0,),
            foreign=tuple((s, e) for s, e, _ in passages),
        )
        out["passages"] += [
            {"doc_id": doc_id, "start": s, "end": e, "language": lang, "text": info.text[s:e]}
            for s, e, lang in passages
        ]
        found: dict[str, list[dict]] = {}
        for table, module in modules:
            found[table] = _in_english(module.extract(doc, info, res, found), info, table)
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


def _in_english(rows: list[dict], info: DocInfo, table: str) -> list[dict]:
    """The rows of one document whose first offset lies outside its foreign passages."""
    if not info.foreign or not rows:
        return rows
    offsets = SCHEMAS[table].offsets if table in SCHEMAS else ()
    if not offsets:
        return rows
    first = offsets[0][0]
    starts = [s for s, _ in info.foreign]
    spans = list(info.foreign)
    return [
        r for r in rows if not isinstance(r.get(first), int) or outside(spans, starts, r[first])
    ]


def build_tables(
    documents: pd.DataFrame, rows: dict[str, list[dict]], settings: Settings
) -> dict[str, pd.DataFrame]:
    """Turn collected rows into ordered DataFrames, then add corpus-level tables."""
    tables: dict[str, pd.DataFrame] = {
        "sentences": pd.DataFrame.from_records(rows.get("sentences", []), columns=SENTENCE_COLUMNS),
        "passages": pd.DataFrame.from_records(rows.get("passages", []), columns=PASSAGE_COLUMNS),
    }
    for name in settings.extractors:
        module = extractor(name)
        tables[module.TABLE] = pd.DataFrame.from_records(
            rows.get(module.TABLE, []), columns=module.COLUMNS
        )
    for name in settings.extractors:
        summarize = summarizer(name)
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
    from kit.io.decode import has_surrogates, repair_surrogates
    from kit.io.readers import text_kind

    ok = documents["text"].map(lambda t: isinstance(t, str))
    dup = documents["doc_id"].duplicated(keep="first")
    reasons = pd.Series(pd.NA, index=documents.index, dtype="object")
    reasons[~ok] = documents["text"][~ok].map(lambda t: f"the text is {text_kind(t)}")
    bad_text = documents["text"].map(lambda t: isinstance(t, str) and has_surrogates(t))
    if bad_text.any():  # cannot be stored or exported as UTF-8: U+FFFD, one for one
        documents = documents.copy()
        documents["text"] = (
            documents["text"]
            .map(lambda t: repair_surrogates(t) if isinstance(t, str) else t)
            .astype(object)
        )
        warnings.warn(
            f"{int(bad_text.sum())} document text(s) held invalid Unicode (lone surrogates); "
            "each was replaced with U+FFFD. kit.load(docs) lists them in its load report.",
            stacklevel=3,
        )
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
