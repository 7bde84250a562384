"""The declared tables of an analysis, and the :class:`Analysis` that holds them.

One :class:`Schema` per table: its columns in order, a dtype kind and a short
meaning for each, and which column pairs are character offsets into
``documents.text`` (so that ``text[start:end]`` equals the row's span).
Extractors emit rows with exactly these columns; ``build_tables`` orders them;
the tests check the offsets; ``docs/`` lists them.

>>> SCHEMAS["quantities"].names[:4]
('doc_id', 'quantity_id', 'sent_id', 'start')
>>> SCHEMAS["attributions"].offsets[0]
('source_start', 'source_end', 'source_text')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is str, int, float, bool, date or object (mixed/nullable)."""

    name: str
    kind: str
    doc: str = ""


@dataclass(frozen=True)
class Schema:
    """A table: its name, its columns and its offset pairs ``(start, end, text column)``."""

    name: str
    columns: tuple[Column, ...]
    offsets: tuple[tuple[str, str, str | None], ...] = ()
    doc: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def empty(self) -> pd.DataFrame:
        """An empty DataFrame with this table's columns."""
        return pd.DataFrame(columns=list(self.names))


def _cols(spec: str) -> tuple[Column, ...]:
    """Columns from ``name:kind:meaning`` lines."""
    out = []
    for line in spec.strip().splitlines():
        name, kind, *doc = (p.strip() for p in line.split(":", 2))
        out.append(Column(name, kind, doc[0] if doc else ""))
    return tuple(out)


SENTENCES = Schema(
    "sentences",
    _cols("""
doc_id:str:document
sent_id:int:sentence number in the document, from 0
start:int:offset of the sentence in documents.text
end:int:end offset (exclusive)
text:str:the sentence
"""),
    offsets=(("start", "end", "text"),),
    doc="one row per sentence",
)

PASSAGES = Schema(
    "passages",
    _cols("""
doc_id:str:document
start:int:offset of the passage in documents.text
end:int:end offset (exclusive)
language:str:ISO 639-1 code py3langid gives the passage (es, hi, ar, ...)
text:str:the passage
"""),
    offsets=(("start", "end", "text"),),
    doc="one row per passage not in English; every extractor skips it (kit/extract/language.py)",
)

SKIPPED = Schema(
    "skipped",
    _cols("""
doc_id:str:document
path:object:file it came from, if any
reason:str:why it was not analysed
"""),
    doc="one row per document that could not be analysed",
)

MENTIONS = Schema(
    "mentions",
    _cols("""
doc_id:str:document
mention_id:str:doc_id:m<n>
sent_id:int:sentence number
start:int:offset of the mention
end:int:end offset (exclusive)
text:str:the mention as written
label:object:spaCy entity label, or the gazetteer's
actor_id:object:the canonical actor
actor:object:the actor's canonical name
actor_type:object:person, state, organisation, armed_group, ...
country:object:the actor's country (ISO code) where known
linked_actor_id:object:a related actor (backed_by, part_of, ...)
relation:object:how linked_actor_id relates
title:object:a title before the name (President, Sen.)
role:object:a role in apposition (spokesman, leader)
kind:str:name, compound or short (a back-reference such as "the coalition")
resolution:str:how the actor was found: exact, alias table, acronym, full name, surname in document, given name in document, surname in corpus, surname only, metonym, compound, short form
resolved_from:object:for inferred links, what they were inferred from
"""),
    offsets=(("start", "end", "text"),),
    doc="one row per actor mention",
)

ACTORS = Schema(
    "actors",
    _cols("""
actor_id:str:the canonical actor
actor:str:canonical name
actor_type:object:person, state, organisation, ...
country:object:ISO country code where known
title:object:most common title
role:object:most common role
n_mentions:int:mentions in the corpus
n_docs:int:documents that mention it
aliases:str:the written forms, most frequent first, joined by '; '
first_doc_id:str:first document (corpus order) that mentions it
"""),
    doc="one row per canonical actor (from mentions)",
)

ACTOR_ALIASES = Schema(
    "actor_aliases",
    _cols("""
actor_id:str:the canonical actor
alias:str:a written form of its mentions
n_mentions:int:mentions with this form
n_docs:int:documents with this form
"""),
    doc="one row per (actor, written form)",
)

QUANTITIES = Schema(
    "quantities",
    _cols("""
doc_id:str:document
quantity_id:str:doc_id:q<n>
sent_id:int:sentence number
start:int:offset of the amount
end:int:end offset (exclusive)
text:str:the amount as written
value:float:the number (scale words applied)
low:float:lower end of a range or vague amount
high:float:upper end
unit:object:unit name (empty for counts); a rate is "US dollar per barrel"
per_unit:object:denominator of a rate unit ("barrel" in "$70 a barrel"), else None
dimension:object:length, money, count, age, ...
currency:object:ISO 4217 code for money (kit/data/quantities_currencies.csv)
si_value:float:value in SI / base units
si_low:float:low in SI units
si_high:float:high in SI units
si_unit:object:the SI unit
qualifier:object:about, more than, at least, ...
approximate:bool:an approximate amount
bound:object:lower, upper or None
change:object:up or down for an amount of change ("rose 5%"), none for a level
object:object:what is counted (head noun)
restates:object:quantity_id this amount restates ("77 miles" after "124 km")
consistent:object:whether a restatement agrees
flag:object:what could not be normalised
"""),
    offsets=(("start", "end", "text"),),
    doc="one row per amount",
)

ATTRIBUTIONS = Schema(
    "attributions",
    _cols("""
doc_id:str:document
attribution_id:str:doc_id:a<n>
sent_id:int:sentence of the cue
source_text:object:the source as written
source_start:object:offset of the source
source_end:object:end offset of the source
cue:str:the cue as written
cue_start:int:offset of the cue
cue_end:int:end offset of the cue
cue_lemma:object:the cue's lemma
stance:object:neutral, assertive, distancing, ...
content:object:what is attributed
content_start:object:offset of the content
content_end:object:end offset of the content
content_fragments:object:every piece of a content the cue or source interrupts ("“X,” he said, “Y.”"), as start-end offsets separated by ";" (content is one of them); empty for one piece
direct:bool:the content is a quotation
mixed:bool:partly quoted
source_type:object:named_person, named_organisation, media, anonymous, document, social_media, pronoun (unresolved), other, unattributed
source_actor_id:object:the actor the source refers to
source_actor:object:that actor's name
source_resolution:object:how the actor was found: named, alias, pronoun, relative, description, unresolved
antecedent_start:object:offset of the mention the source was resolved to (pronouns, descriptions)
antecedent_end:object:end offset of that mention
antecedent_text:object:that mention as written
resolved:bool:False for a pronoun or description nobody was found for, and for no source
affiliation_actor_id:object:affiliation of an anonymous source
hedged:bool:hedged by an adverb (reportedly)
hedge:object:the hedge word
channel:object:the outlet it was said to ("told Reuters")
channel_actor_id:object:the channel's actor
said_on:object:ISO date the statement was made
parent_id:object:the enclosing attribution (nesting)
warning:object:what looked doubtful
"""),
    offsets=(
        ("source_start", "source_end", "source_text"),
        ("cue_start", "cue_end", "cue"),
        ("content_start", "content_end", "content"),
        ("antecedent_start", "antecedent_end", "antecedent_text"),
    ),
    doc="one row per attribution relation",
)

TIMEXES = Schema(
    "timexes",
    _cols("""
doc_id:str:document
timex_id:str:doc_id:t<n>
sent_id:int:sentence number
start:int:offset of the expression
end:int:end offset (exclusive)
text:str:the expression as written
type:str:DATE, TIME, DURATION or SET (TimeML)
value:object:TimeML value (2017-05-31, P1M, XXXX-WXX-3)
granularity:object:day, week, month, ...
anchor_date:object:the date it was resolved against
offset:object:signed offset for undated documents
mod:object:TimeML mod (APPROX, START, ...)
quant:object:TimeML quant (EVERY)
resolved:bool:value is a calendar value
doubtful:bool:a value that looks wrong
note:object:why it is doubtful, how it was read
"""),
    offsets=(("start", "end", "text"),),
    doc="one row per time expression",
)

#: Every declared table by name.
SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        SENTENCES,
        PASSAGES,
        SKIPPED,
        MENTIONS,
        ACTORS,
        ACTOR_ALIASES,
        QUANTITIES,
        ATTRIBUTIONS,
        TIMEXES,
    )
}

SENTENCE_COLUMNS = list(SENTENCES.names)
PASSAGE_COLUMNS = list(PASSAGES.names)
SKIPPED_COLUMNS = list(SKIPPED.names)


def markdown() -> str:
    """``docs/tables.md``: every declared table, its columns, kinds and meanings.

    >>> print(markdown().splitlines()[0])
    # Tables
    """
    out = [
        "# Tables",
        "",
        "<!-- generated from kit/tables.py by `python -m kit.tables > docs/tables.md`;",
        "     tests/test_docs.py fails when this file and the schemas differ -->",
        "",
        "Every table `kit.analyze` returns, with its columns in order. Offset pairs are",
        "character offsets into `documents.text`: `text[start:end]` equals the row's span.",
    ]
    for schema in SCHEMAS.values():
        out += ["", f"## `{schema.name}`", "", f"{schema.doc[:1].upper()}{schema.doc[1:]}."]
        if schema.offsets:
            pairs = ", ".join(
                f"`{s}`–`{e}` (`{t}`)" if t else f"`{s}`–`{e}`" for s, e, t in schema.offsets
            )
            out += ["", f"Offsets: {pairs}."]
        out += ["", "| column | kind | meaning |", "| --- | --- | --- |"]
        out += [f"| `{c.name}` | {c.kind} | {c.doc.replace('|', '/')} |" for c in schema.columns]
    return "\n".join(out) + "\n"


def columns(table: str) -> list[str]:
    """The ordered column names of a declared table.

    >>> columns("sentences")
    ['doc_id', 'sent_id', 'start', 'end', 'text']
    """
    return list(SCHEMAS[table].names)


# ---------------------------------------------------------------- the result --


@dataclass
class Analysis:
    """Every table of one analysis, as pandas DataFrames.

    ``documents``, ``sentences``, ``passages`` (text not in English, which no extractor
    reads) and ``skipped`` are always there; the extracted
    tables (``mentions``, ``actors``, ``quantities``, ``attributions``,
    ``timexes``) are attributes too when their extractor ran.

    >>> result.mentions.query("actor_type == 'person'")   # doctest: +SKIP
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    settings: Any  # the kit.run.pipeline.Settings of the run
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    # typed names of the extracted tables (present when their extractor ran)
    if TYPE_CHECKING:  # pragma: no cover
        passages: pd.DataFrame
        mentions: pd.DataFrame
        actors: pd.DataFrame
        quantities: pd.DataFrame
        attributions: pd.DataFrame
        timexes: pd.DataFrame

    def __getattr__(self, name: str) -> Any:
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


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
