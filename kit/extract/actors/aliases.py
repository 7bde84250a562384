"""The actor alias table: loading, key normalisation and token-level matching.

The bundled table ``kit/data/actors.csv`` (and any user tables given to
``kit.analyze(aliases=...)``) has one row per canonical actor::

    actor_id,actor,actor_type,country,aliases,demonyms,capital,linked_actor_id,relation
    iran,Iran,state,IR,Islamic Republic of Iran,Iranian,Tehran,,

``aliases``, ``demonyms`` and ``capital`` hold ``|``-separated surface forms.
Keys ignore case, accents, spaces and punctuation, so ``U.S.``, ``US`` and
``u s`` share the key ``us``:

>>> norm_key("U.S.")
'us'
>>> gaz = load_gazetteer([DEFAULT_TABLE])
>>> gaz.lookup("Hashd al-Shaabi").entry.actor_id
'popular-mobilization-forces'

Later tables win: a user row with an existing ``actor_id`` replaces the fields
it fills, and a user alias points to the user's actor even if the bundled
table used it for another one.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kit.lexicons.people import ARABIC_ARTICLES
from kit.lexicons.resources import DATA_DIR

DEFAULT_TABLE = DATA_DIR / "actors.csv"

#: Columns of an alias table (``actor_id`` and ``actor`` are required).
TABLE_COLUMNS = [
    "actor_id",
    "actor",
    "actor_type",
    "country",
    "aliases",
    "demonyms",
    "capital",
    "linked_actor_id",
    "relation",
]
ACTOR_TYPES = (
    "person",
    "organisation",
    "state",
    "armed_group",
    "political_group",
    "media",
    "international_organisation",
    "place",
)
#: spaCy-style entity label for each actor type (demonyms are NORP).
TYPE_LABEL = {
    "person": "PERSON",
    "organisation": "ORG",
    "state": "GPE",
    "armed_group": "ORG",
    "political_group": "ORG",
    "media": "ORG",
    "international_organisation": "ORG",
    "place": "LOC",
}
_WORDS = re.compile(r"[^\s\-‐‑–]+")
ARABIC_ARTICLE = re.compile(
    rf"^({'|'.join(sorted(ARABIC_ARTICLES, key=lambda a: (-len(a), a)))})[\s\-‐‑’']+", re.IGNORECASE
)


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """Lower-case letters and digits only (accents removed), the matching key.

    >>> norm_key("Côte d’Ivoire"), norm_key("al-Tanf")
    ('cotedivoire', 'altanf')
    """
    if text.isascii():  # NFKD leaves ASCII unchanged
        return "".join(filter(str.isalnum, text.lower()))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isalnum())


def slugify(text: str) -> str:
    """A stable id from a name: ascii lower-case words joined by ``-``.

    >>> slugify("Col. Ryan  Dillon’s")
    'col-ryan-dillon-s'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^0-9a-z]+", "-", ascii_text).strip("-")
    if not slug:  # non-Latin names keep their letters
        slug = re.sub(r"[^\w]+", "-", decomposed.lower()).strip("-_")
    return slug or "unknown"


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split("|") if part.strip()]


@dataclass(frozen=True)
class Entry:
    """One canonical actor of the alias table."""

    actor_id: str
    actor: str
    actor_type: str
    country: str | None = None
    linked_actor_id: str | None = None
    relation: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alias:
    """What one key points to: the actor, the kind of form and whether it is an acronym."""

    entry: Entry
    form: str  # "name", "demonym" or "capital"
    acronym: bool  # written in capitals in the table (USA, ISIS): lower-case text still matches
    n_words: int = 1  # words of the form as written ("al-Tanf" has 2, "U.S." has 1)
    written: str = ""  # the form as the table writes it ("LeT", "the States")

    @property
    def label(self) -> str:
        if self.form == "demonym":
            return "NORP"
        if self.form == "capital":
            return "GPE"
        return TYPE_LABEL.get(self.entry.actor_type, "ORG")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_table(path: str | Path) -> list[Entry]:
    """Read one alias CSV into entries (blank lines and ``#`` comment rows are skipped)."""
    entries = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"actor_id", "actor"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(
                f"alias table {str(path)!r} lacks the column(s) {sorted(missing)}. Fix: use the "
                f"columns {', '.join(TABLE_COLUMNS)} (see kit/data/actors.csv)."
            )
        for line, row in enumerate(reader, start=2):
            actor_id = _clean(row.get("actor_id"))
            if not actor_id or actor_id.startswith("#"):
                continue
            actor_type = _clean(row.get("actor_type")) or ""
            if actor_type and actor_type not in ACTOR_TYPES:
                raise ValueError(
                    f"{path}:{line}: actor_type {actor_type!r} is not one of {list(ACTOR_TYPES)}"
                )
            entries.append(
                Entry(
                    actor_id=actor_id,
                    actor=_clean(row.get("actor")) or "",
                    actor_type=actor_type,
                    country=_clean(row.get("country")),
                    linked_actor_id=_clean(row.get("linked_actor_id")),
                    relation=_clean(row.get("relation")),
                    aliases=tuple(_split(row.get("aliases"))),
                    demonyms=tuple(_split(row.get("demonyms"))),
                    capitals=tuple(_split(row.get("capital"))),
                )
            )
    return entries


def _merge(old: Entry, new: Entry) -> Entry:
    """A user row for an existing actor_id: filled fields replace, forms are added."""
    return replace(
        old,
        actor=new.actor or old.actor,
        actor_type=new.actor_type or old.actor_type,
        country=new.country or old.country,
        linked_actor_id=new.linked_actor_id or old.linked_actor_id,
        relation=new.relation or old.relation,
        aliases=tuple(dict.fromkeys(old.aliases + new.aliases)),
        demonyms=tuple(dict.fromkeys(old.demonyms + new.demonyms)),
        capitals=tuple(dict.fromkeys(old.capitals + new.capitals)),
    )


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in form.strip()


def is_mixed_acronym(form: str) -> bool:
    """A short one-word form mixing cases with a capital inside ("LeT", "JeM", "DoD", "WaPo").

    Such a form matches only as written: "Let" is a verb, not Lashkar-e-Taiba.

    >>> is_mixed_acronym("LeT"), is_mixed_acronym("Let"), is_mixed_acronym("YouTube")
    (True, False, False)
    """
    letters = [c for c in form if c.isalpha()]
    return (
        2 <= len(letters) <= 5
        and len(_WORDS.findall(form)) == 1
        and any(c.isupper() for c in letters[1:])
        and any(c.islower() for c in letters)
    )


#: The money tables of the quantities extractor (one home for currencies), read if present.
MONEY_TABLES = ("quantities_currencies.csv", "quantities_units.csv")


@lru_cache(maxsize=4)
def money_forms(folder: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Currency symbols and lower-case money words of the quantities tables.

    They are never actors: "US$", "A$" and "US dollars" are money, not the United States.
    Rows count when they have a ``currency`` code (or ``dimension`` money).

    >>> symbols, words = money_forms()
    >>> "US$" in symbols, "us dollars" in words
    (True, True)
    """
    symbols: set[str] = set()
    words: set[str] = set()
    for name in MONEY_TABLES:
        file = Path(folder or DATA_DIR) / name
        if not file.is_file():
            continue
        with open(file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                money = (row.get("dimension") or "").strip() == "money"
                if not (money or (row.get("currency") or "").strip()):
                    continue
                symbols.update(_split(row.get("symbols")))
                words.update(w.lower() for w in _split(row.get("words")))
                words.add((row.get("name") or "").strip().lower())
    words.discard("")
    return frozenset(symbols), frozenset(words)


def _variants(form: str) -> list[str]:
    """The form itself, and without a leading Arabic article (``al-Tanf`` -> ``Tanf``)."""
    out = [form]
    stripped = ARABIC_ARTICLE.sub("", form)
    if stripped != form and len(norm_key(stripped)) >= 4:
        out.append(stripped)
    return out


def institution_of(state: Entry, suffix: str) -> Entry:
    """The made-up entry for a state's ``military`` or ``government`` (``syria-government``).

    >>> institution_of(Entry("syria", "Syria", "state", "SY", demonyms=("Syrian",)), "government").actor
    'Syrian government'
    """
    atype, relation = (
        ("armed_group", "part_of") if suffix == "military" else ("organisation", "government_of")
    )
    return Entry(
        actor_id=f"{state.actor_id}-{suffix}",
        actor=f"{state.demonyms[0] if state.demonyms else state.actor} {suffix}",
        actor_type=atype,
        country=state.country,
        linked_actor_id=state.actor_id,
        relation=relation,
    )


@dataclass
class Gazetteer:
    """Every alias key of the loaded tables, ready for token-window lookups."""

    entries: dict[str, Entry]
    keys: dict[str, Alias]
    prefixes: frozenset[str] = field(default_factory=frozenset)
    max_tokens: int = 8

    def lookup(self, text: str) -> Alias | None:
        """The alias a surface form resolves to (ignoring case and punctuation), else None."""
        return self.keys.get(norm_key(text))

    def entry(self, actor_id: str | None) -> Entry | None:
        return self.entries.get(actor_id) if actor_id else None


def build_gazetteer(entries: Iterable[Entry]) -> Gazetteer:
    """Index entries by alias key; names beat other forms, later entries win ties."""
    by_id: dict[str, Entry] = {}
    for e in entries:
        by_id[e.actor_id] = _merge(by_id[e.actor_id], e) if e.actor_id in by_id else e
    for actor_id, e in by_id.items():  # blanks: the id as name, organisation as type
        if not e.actor or not e.actor_type:
            by_id[actor_id] = replace(
                e, actor=e.actor or actor_id, actor_type=e.actor_type or "organisation"
            )
    government: dict[str, Entry] = {}  # a capital or seat stands for the state's government
    made: dict[str, tuple[str, ...]] = {}  # made-up entries and the names that reach them
    for e in list(by_id.values()):
        if e.capitals and e.actor_type == "state":
            gov_id = f"{e.actor_id}-government"
            if gov_id not in by_id:
                by_id[gov_id] = institution_of(e, "government")
                made[gov_id] = (f"Government of {e.actor}",)
            government[e.actor_id] = by_id[gov_id]
    keys: dict[str, Alias] = {}
    # capitals first, then demonyms, then names: a name wins a key shared with another form
    for kind in ("capital", "demonym", "name"):
        for e in by_id.values():
            if kind == "name":
                forms = made.get(e.actor_id, (e.actor, *e.aliases))
            else:
                forms = e.demonyms if kind == "demonym" else e.capitals
            target = government.get(e.actor_id, e) if kind == "capital" else e
            for form in forms:
                for variant in _variants(form):
                    key = norm_key(variant)
                    if key:
                        keys[key] = Alias(
                            entry=target,
                            form=kind,
                            acronym=_is_acronym(variant),
                            n_words=len(_WORDS.findall(variant)),
                            written=variant,
                        )
    prefixes = frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))
    return Gazetteer(entries=by_id, keys=keys, prefixes=prefixes)


def load_gazetteer(paths: Sequence[str | Path]) -> Gazetteer:
    """Read the tables in order (bundled first) and build one gazetteer."""
    entries: list[Entry] = []
    for p in paths:
        entries += read_table(p)
    return build_gazetteer(entries)


def gazetteer_for(res) -> Gazetteer:
    """The gazetteer of a :class:`~kit.lexicons.resources.Resources`, built once per process."""
    return res.get("aliases.gazetteer", lambda: load_gazetteer(res.aliases))
