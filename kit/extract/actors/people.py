"""Who is who among the people of one document: full names, surnames, titles and gender.

A full name identifies a person: given name + surname (+ Jr./Sr.), middle names and
initials dropped, so "James B. Comey" and "James Comey" are one person and "Bill Clinton"
and "Hillary Clinton" are two, always. A mention of a surname alone ("Clinton", "Mrs.
Clinton") resolves to a person of this document with that surname: the nearest full
mention before it (after it when none comes before; in the nearest sentence, the subject)
whose gender agrees with the title, and the one this document gives the same office
("President Obama") when the title names one.
A surname that no full name in the document explains keeps a provisional id
(``surname:<key>``); :func:`link_surnames_in_corpus` later links it to the corpus's
dominant bearer of that surname.

Headline words glued to a name ("Hammering Hillary Clinton", "Trump Warns Clinton") are
cut off when they are not given names and the rest is a person named in the document.

>>> key_of(["James", "B.", "Comey"]) == key_of(["James", "Comey"])
True
>>> key_of(["Bill", "Clinton"]) == key_of(["Hillary", "Clinton"])
False
>>> key_of(["De", "Wilde"]) == key_of(["Wilde"])
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.extract.actors.aliases import ARABIC_ARTICLE, norm_key, slugify
from kit.extract.actors.roles import is_title_word, office_key, title_before
from kit.extract.sourcing.cues import guess_lemmas
from kit.lexicons.people import (
    ARABIC_ARTICLES,
    NAME_SUFFIXES,
    SURNAME_PARTICLES,
    TITLE_GENDER,
    given_gender,
    is_given_name,
)
from kit.nlp.doc_arrays import arrays
from kit.nlp.model import dictionary_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from kit.extract.actors.candidates import _Cand

#: How ``resolved_from`` names the curated bearer of a bare surname (the corpus step keeps it).
CURATED_BEARER = "curated bearer of the surname"
#: Prefix of the provisional id of a surname no full name in its document explains.
PROVISIONAL = "surname:"
_POSSESSIVE = {"'s", "’s", "'", "’"}
_JUNK_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "IN", "CC", "DT"}


def _is_particle(word: str) -> bool:
    """A surname particle ("De" of "De Wilde", "van" of "van Gogh", "al" of "al-Assad"; "Al"
    of "Al Gore" is a given name)."""
    key = norm_key(word)
    return key in SURNAME_PARTICLES or word.islower() and key in ARABIC_ARTICLES


def surname_key(word: str) -> str:
    """The matching key of a surname: ``al-Assad`` and ``Assad`` agree."""
    return norm_key(ARABIC_ARTICLE.sub("", word)) or norm_key(word)


def key_of(words: list[str]) -> str:
    """The identity of a full name: given name + surname (+ generational suffix)."""
    words = [w for w in words if norm_key(w)]
    suffix = [w for w in words[1:] if norm_key(w) in NAME_SUFFIXES]
    core = [w for w in words if w not in suffix]
    if len(core) < 2 or len(core) == 2 and _is_particle(core[0]):
        return surname_key(core[-1]) if core else ""  # "Clinton", "De Wilde"
    key = f"{norm_key(core[0])} {surname_key(core[-1])}"
    return key + (f" {norm_key(suffix[-1])}" if suffix else "")


def _curated_without_suffix(
    key: str, gazetteer_people: dict[str, tuple[str, str]]
) -> tuple[str, str] | None:
    """The curated person of "Joseph R. Biden Jr." when the table knows "Joseph Biden" and no
    other generation of that name (a "Sr." or "III" entry keeps them apart)."""
    words = key.split("|")[0].split()
    if len(words) < 3 or words[-1] not in NAME_SUFFIXES:
        return None
    bare = " ".join(words[:-1])
    if any(f"{bare} {suffix}" in gazetteer_people for suffix in NAME_SUFFIXES):
        return None
    return gazetteer_people.get(bare)


def middle_of(words: list[str]) -> str:
    """The initials of the middle names of a full name ("h w" for "George H. W. Bush").

    >>> middle_of(["George", "Herbert", "Walker", "Bush"]), middle_of(["James", "Comey"])
    ('h w', '')
    """
    words = [w for w in words if norm_key(w)]
    core = [w for w in words[1:] if norm_key(w) not in NAME_SUFFIXES]
    out: list[str] = []
    for w in core[:-1]:  # "H.W." is two initials, "Walker" one
        out += list(norm_key(w)) if _INITIALS.fullmatch(w) else [norm_key(w)[0]]
    return " ".join(out)


def base_key(key: str) -> str:
    """A person key without its middle initials (``george bush|h w`` -> ``george bush``)."""
    return key.split("|")[0]


def split_middles(keys: dict[str, set[str]]) -> set[str]:
    """The full-name keys whose bearers differ by middle initials (two forms or more).

    >>> sorted(split_middles({"george bush": {"w", "h w"}, "james comey": {"b"}}))
    ['george bush']
    """
    return {k for k, mids in keys.items() if len(mids) >= 2}


@dataclass
class _Person:
    """A full-name person of the document."""

    key: str
    given: str
    surname: str
    gender: str | None
    actor_id: str
    actor: str
    first: int  # token index of the first full mention


def _name_tokens(doc: Doc, c: _Cand) -> list[int]:
    return [
        i
        for i in range(c.s, c.e)
        if not doc[i].is_punct and doc[i].text not in _POSSESSIVE and norm_key(doc[i].text)
    ]


def _title_gender(doc: Doc, c: _Cand) -> str | None:
    """The gender a title right before the name gives ("Mrs. Clinton"), else ``None``."""
    span = title_before(doc, c.s)
    if span is None:
        return None
    return TITLE_GENDER.get(doc[span[0]].lower_.rstrip("."))


def _office(doc: Doc, c: _Cand) -> str | None:
    """The office the title right before the name names ("president"), else ``None``."""
    span = title_before(doc, c.s)
    return office_key(doc[span[0] : span[1]].text) if span else None


#: Entity types of a word that cannot start a longer name ("Friday Ford", "Texas Stream").
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC", "NORP"})
#: A word typed with its second letter capitalised too ("HIllary"; not "McCain", "DeSantis").
_TYPO_CAPITALS = re.compile(r"\b([A-Z])([A-Z])(?=[a-z]{2})")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


def _is_junk(doc: Doc, i: int, lower_words: set[str]) -> bool:
    """A capitalised word glued to a name in a headline: a verb, adjective or common word."""
    tok = doc[i]
    if is_given_name(tok.text):
        return False
    if tok.tag_ in _JUNK_TAGS or tok.lower_ in lower_words or tok.is_stop:
        return True
    words = dictionary_words(doc)  # an English adjective or verb: "Derelict", "Injecting"
    return tok.lower_ in words["adj"] or any(
        w in words["verb"] for w in (tok.lower_, *guess_lemmas(tok.text))
    )


def _common_noun_before_given_name(doc: Doc, toks: list[int]) -> bool:
    """An English noun glued before a given name and a surname ("[Miss] Universe Alicia
    Machado"): the rest is the name."""
    if len(toks) < 3 or not is_given_name(doc[toks[1]].text):
        return False
    return doc[toks[0]].lower_ in dictionary_words(doc)["noun"]


def resolve_people(
    doc: Doc, cands: list[_Cand], gazetteer_people: dict[str, tuple[str, str]]
) -> None:
    """Give every person candidate its actor and say how (``resolution``, ``resolved_from``).

    ``gazetteer_people`` maps a full-name key to the curated ``(actor_id, actor)``.
    """
    people = [c for c in cands if c.actor_type == "person" and c.kind == "name"]
    if not people:
        return
    text = doc.text
    lower_words = {w for w in re.findall(r"\b[a-z][a-z'-]+\b", text)}
    # words this document uses as places or groups ("Washington", "Latinos") glue to names too
    lower_words |= {
        ent.text.lower()
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC", "NORP") and len(ent) == 1
    }
    # 1. full names (two name words or more), after cutting headline junk off the front
    names: dict[int, list[int]] = {}
    for c in people:
        toks = _name_tokens(doc, c)
        names[id(c)] = toks
    curated_surnames = {base_key(k).split()[1] for k in gazetteer_people if " " in k}
    # middle initials tell people apart when two forms of one name exist (curated or here)
    middles: dict[str, set[str]] = {}
    for k in gazetteer_people:
        if "|" in k:
            middles.setdefault(base_key(k), set()).add(k.split("|")[1])
    doc_middles: Counter = Counter()
    full_keys = Counter(key_of([doc[i].text for i in t]) for t in names.values() if len(t) >= 2)
    place_names = {tuple(t.lower_ for t in e) for e in doc.ents if e.label_ in ("GPE", "LOC")}
    for c in people:
        toks = names[id(c)]
        for k in range(len(toks) - 2, 0, -1):  # "[Hong Kong] Carrie Lam": a place glued on
            if tuple(doc[i].lower_ for i in toks[:k]) in place_names:
                toks = toks[k:]
                break
        own = key_of([doc[i].text for i in toks])
        others = {k.split()[1] for k in full_keys if " " in k and k != own} | curated_surnames
        while len(toks) >= 2 and not is_given_name(doc[toks[0]].text):
            rest = [doc[i].text for i in toks[1:]]
            rest_key = key_of(rest)
            lead = doc[toks[0]].text
            # a headline word glued to a name looks like a word, not a name ("Hammering");
            # a title-case line alone is no evidence (results tables, name lists)
            glued = _is_junk(doc, toks[0], lower_words)
            if _is_particle(rest[0]) or rest[0].islower() or _is_particle(lead) and len(rest) == 1:
                break  # "Filip De Wilde", "Bashar al-Assad", "De Blasio": a surname's particle
            if (
                (len(rest) >= 2 and full_keys[rest_key] and rest_key != own)
                or _common_noun_before_given_name(doc, toks)
                or surname_key(rest[-1]) in others
                and not any(is_given_name(w) for w in rest[:-1])
                and (glued or len(rest) == 1 and surname_key(lead) not in others and glued)
            ):
                toks = toks[1:]  # "Hammering Hillary Clinton", "Washington Post Trump"
            else:
                break
        while (
            len(toks) >= 2
            and surname_key(doc[toks[0]].text) in others
            and (_is_junk(doc, toks[-1], lower_words) or doc[toks[-1]].lower_ in lower_words)
        ):
            toks = toks[:-1]  # "Obama Says", "Trump Warns"
        if toks and toks[0] > c.s:
            c.s = toks[0]
        if toks and toks[-1] + 1 < c.e:
            c.e = toks[-1] + 1
        names[id(c)] = toks
    for c in people:
        toks = names[id(c)]
        mid = middle_of([doc[i].text for i in toks]) if len(toks) >= 3 else ""
        if mid:
            key = key_of([doc[i].text for i in toks])
            middles.setdefault(key, set()).add(mid)
            doc_middles[(key, mid)] += 1
    split = split_middles(middles)
    # "Lamont Scott" after "Keith Lamont Scott": the end of a longer name of this document
    longer: dict[tuple[str, ...], list[str]] = {}
    for c in sorted(people, key=lambda c: c.s):
        words = [doc[i].text for i in names[id(c)]]
        if len(words) >= 3 and _forename(words[0]) and not any(map(is_title_word, words)):
            for k in range(1, len(words) - 1):  # "Rivera Schatz" of "Thomas Rivera Schatz"
                if is_given_name(words[k]) and not all(map(_forename, words[:k])):
                    break  # "Carrie Lam" is no tail of "Hong Kong Carrie Lam"
                longer.setdefault(tuple(norm_key(w) for w in words[k:]), words)
    persons: dict[str, _Person] = {}
    for c in sorted(people, key=lambda c: c.s):
        toks = names[id(c)]
        if len(toks) < 2:
            continue
        written = [doc[i].text for i in toks]
        words = longer.get(tuple(norm_key(w) for w in written), written)
        key = key_of(words)
        if " " not in key:
            continue
        mid = ""
        if key in split:  # "George W. Bush" and "George H. W. Bush": two people
            mid = middle_of(words) or _usual_middle(key, doc_middles)
            key = f"{key}|{mid}" if mid else key
        p = persons.get(key)
        if p is None:
            given, surname = key.split()[0], base_key(key).split()[1]
            curated = gazetteer_people.get(key) or _curated_without_suffix(key, gazetteer_people)
            core = [w for w in words if norm_key(w) not in NAME_SUFFIXES or w is words[0]]
            suffix = [w for w in words[1:] if norm_key(w) in NAME_SUFFIXES]
            j = len(core) - 1  # surname words before the last: "De La", "Peña" (not "Lamont")
            while j > 1 and (_is_particle(core[j - 1]) or not _forename(core[j - 1])):
                j -= 1
            middle = core[1:-1] if mid else core[j:-1]
            name = " ".join([core[0], *middle, core[-1], *suffix[-1:]])  # "Filip De Wilde"
            name = _hyphens_as_written(name, doc[c.s : c.e].text)  # "Douglas Holtz-Eakin"
            name = _TYPO_CAPITALS.sub(lambda m: m[1] + m[2].lower(), name)  # "HIllary"
            actor_id, actor = curated if curated else (slugify(name), name)
            gender = _title_gender(doc, c) or given_gender(words[0])
            p = persons[key] = _Person(key, given, surname, gender, actor_id, actor, c.s)
        elif p.gender is None:
            p.gender = _title_gender(doc, c)
        same_as_written = norm_key(" ".join(written)) == norm_key(p.actor)
        c.actor_id, c.actor = p.actor_id, p.actor
        c.resolved_from = None
        if words is not written:  # "Rivera Schatz": the end of a longer name written here
            c.resolution = "surname in document"
            c.resolved_from = f"{p.actor} (full name in this document)"
            continue
        c.resolution = (
            "alias table"
            if c.resolution == "alias table" and not same_as_written
            else ("exact" if same_as_written else "full name")
        )
    by_surname: dict[str, list[_Person]] = {}
    by_given: dict[str, list[_Person]] = {}
    for p in persons.values():
        by_surname.setdefault(p.surname, []).append(p)
        by_given.setdefault(p.given, []).append(p)
    for key, bearers in _first_surnames(doc, people, names, persons).items():
        by_surname.setdefault(key, bearers)  # "Rosselló" of "Ricardo Rosselló Nevares"
    full_at: dict[str, list[int]] = {}
    offices: dict[str, set[str]] = {}  # actor_id -> offices its titles name here ("president")
    subjects: set[int] = set()  # starts of full names that are the subject of their clause
    for c in people:
        toks = names[id(c)]
        if len(toks) >= 2:
            full_at.setdefault(c.actor_id, []).append(c.s)
            office = _office(doc, c)
            if office:
                offices.setdefault(c.actor_id, set()).add(office)
            if any(
                doc[i].dep_ in ("nsubj", "nsubjpass") and not c.s <= doc[i].head.i < c.e
                for i in range(c.s, c.e)
            ):
                subjects.add(c.s)
    curated_short = Counter(
        c.actor_id for c in people if len(names[id(c)]) == 1 and c.resolution == "alias table"
    )
    where: dict[str, list[int]] | None = None  # word -> its token positions, when needed
    in_person: set[int] = set()  # tokens of people's names (a word there starts no other name)
    # 2. one-word mentions: a surname (or a given name) of a person of this document
    for c in sorted(people, key=lambda c: c.s):
        toks = names[id(c)]
        if not (len(toks) == 1 or len(toks) == 2 and _is_particle(doc[toks[0]].text)):
            continue
        word = doc[toks[-1]].text  # "Clinton"; "Wilde" of "De Wilde"
        key = surname_key(word)
        gender = _title_gender(doc, c)
        bearers = by_surname.get(key) or (by_given.get(norm_key(word)) if not gender else None)
        if (
            by_surname.get(key)
            and c.resolution == "alias table"
            and c.actor_id
            and title_before(doc, c.s) is None
        ):
            best = _dominant_or_named(c, by_surname[key], full_at)
            if best is None:  # the curated bearer ("Trump" is Donald Trump), not named here
                c.resolved_from = f"{c.actor} ({CURATED_BEARER})"
            else:
                why = CURATED_BEARER if best.actor_id == c.actor_id else "full name"
                c.actor_id, c.actor = best.actor_id, best.actor
                c.resolution = "surname in document"
                c.resolved_from = f"{best.actor} ({why} in this document)"
            continue
        if (
            bearers
            and c.resolution == "alias table"
            and c.actor_id not in {p.actor_id for p in bearers}
        ):
            # the curated bearer of this short form ("Trump") counts as a bearer too, as salient
            # as the short forms of it in this document
            n = curated_short.get(c.actor_id, 1)
            curated = _Person(key, "", key, None, c.actor_id, c.actor or word, c.s)
            full_at.setdefault(c.actor_id, [c.s] * n)
            bearers = [*bearers, curated]
        if bearers:
            if gender:
                agreeing = [p for p in bearers if p.gender in (gender, None)]
                bearers = agreeing or bearers
            office = _office(doc, c)
            # a title names one office holder: "President Obama" is the Obama titled
            # "President" here, not the nearer Michelle Obama
            titled = [p for p in bearers if office in offices.get(p.actor_id, ())]
            best = _nearest(doc, titled or bearers, c.s, full_at, subjects)
            c.actor_id, c.actor = best.actor_id, best.actor
            given_name = key not in by_surname  # "Melania" of "Melania Trump"
            c.resolution = "given name in document" if given_name else "surname in document"
            how = "full name and title" if titled and len(titled) < len(bearers) else "full name"
            c.resolved_from = f"{best.actor} ({how} in this document)"
            continue
        if c.actor_id and c.resolution == "alias table":
            continue  # a curated short form ("Putin") with no other bearer here
        if where is None:
            where = {}
            for i, w in enumerate(arrays(doc).text):
                where.setdefault(w, []).append(i)
            in_person = {i for p in people for i in range(p.s, p.e)}
        opens_sentence = (
            doc[c.s].is_sent_start
            or c.s > 0
            and doc[c.s - 1].is_sent_start
            and (doc[c.s - 1].is_quote or doc[c.s - 1].is_punct)
        )
        if len(toks) == 1 and opens_sentence and word.lower() in where:
            c.actor_id = None  # '"Coal isn't the villain"' where the text writes "coal": a noun
            continue
        titled = title_before(doc, c.s) is not None  # "Judge Jackson" is a person
        longer = (
            _longer_name(doc, toks[-1], where, in_person) if len(toks) == 1 and not titled else None
        )
        if longer is not None:  # "Stream" in a document about "CentOS Stream"
            name = longer.text
            c.actor_id, c.actor, c.actor_type = slugify(name), name, "organisation"
            c.label, c.resolution = "ORG", "short form"
            c.resolved_from = f"{name} (named in full in this document)"
            continue
        c.actor_id, c.actor = PROVISIONAL + key, word
        c.resolution = "surname only"
        c.resolved_from = None


def _longer_name(doc: Doc, i: int, where: dict[str, list[int]], in_person: set[int]) -> Span | None:
    """A two-word name this document writes that ends in the English noun ``doc[i]`` after a
    capitalised word that is no given name or title ("CentOS Stream"): what a bare "Stream"
    nobody in the document bears a name is short for."""
    word = doc[i]
    if not word.is_title or word.lower_ not in dictionary_words(doc)["noun"]:
        return None
    counts: Counter = Counter()  # the word before it, most often ("Patriot" of "Patriot Coal")
    first_at: dict[str, int] = {}
    first_line = doc.text.find("\n")  # a headline's capitals say little
    for k in where.get(word.text, ()):
        if k == 0 or doc[k].is_sent_start or doc[k].idx < first_line or k - 1 in in_person:
            continue  # "Amy Berman [Jackson]": a person's name
        first = doc[k - 1]
        if (
            first.is_alpha
            and first.text[:1].isupper()
            and first.ent_type_ not in _NOT_NAME_ENTS  # "On Friday Ford said"
            and not first.is_sent_start
            and not is_given_name(first.text)
            and not is_title_word(first.text)
        ):
            counts[first.text] += 1
            first_at.setdefault(first.text, k)
    if not counts:
        return None
    best = max(counts, key=lambda w: (counts[w], -first_at[w]))
    k = first_at[best]
    return doc[k - 1 : k + 1]


def _dominant_or_named(
    c: _Cand, named: list[_Person], full_at: dict[str, list[int]]
) -> _Person | None:
    """A bare curated surname ("Trump") with bearers named in full in its document.

    The curated bearer wins (returned when named here, else ``None``) unless the document
    names in full only one other bearer, at least twice ("Ivanka Trump" ... "Trump").
    """
    mine = [p for p in named if p.actor_id == c.actor_id]
    if mine:
        return mine[0]
    if len(named) == 1 and len(full_at.get(named[0].actor_id, [])) >= 2:
        return named[0]
    return None


def _forename(word: str) -> bool:
    """A given name or an initial, not a title ("Keith", "B.", not "Miss" or "Universe")."""
    if is_title_word(word):
        return False
    return is_given_name(word) or bool(_INITIALS.fullmatch(word)) or len(norm_key(word)) == 1


def _first_surnames(
    doc: Doc, people: list[_Cand], names: dict[int, list[int]], persons: dict[str, _Person]
) -> dict[str, list[_Person]]:
    """Surname key -> people written here with it as the first of two surnames: "Rosselló"
    of "Ricardo Rosselló Nevares" (a word before the surname that is no given name, initial,
    particle or title)."""
    by_actor = {p.actor_id: p for p in persons.values()}
    out: dict[str, list[_Person]] = {}
    for c in people:
        words = [doc[i].text for i in names[id(c)]]
        p = by_actor.get(c.actor_id or "")
        if p is None or len(words) < 3 or norm_key(words[-1]) in NAME_SUFFIXES:
            continue
        first = words[-2]
        if _forename(first) or _is_particle(first) or is_title_word(first) or "." in first:
            continue
        bearers = out.setdefault(surname_key(first), [])
        if p not in bearers:
            bearers.append(p)
    return out


def _hyphens_as_written(name: str, written: str) -> str:
    """``name`` with the hyphens the text writes between its words ("Holtz-Eakin").

    >>> _hyphens_as_written("Douglas Holtz Eakin", "Mr. Douglas Holtz-Eakin")
    'Douglas Holtz-Eakin'
    """
    words = name.split()
    out = words[:1]
    for w in words[1:]:
        if f"{out[-1]}-{w}" in written:
            out[-1] = f"{out[-1]}-{w}"
        else:
            out.append(w)
    return " ".join(out)


def _usual_middle(key: str, doc_middles: Counter) -> str:
    """The middle initials written most often with ``key`` in this document ("" if none)."""
    seen = sorted((-n, mid) for (k, mid), n in doc_middles.items() if k == key)
    return seen[0][1] if seen else ""


def _nearest(
    doc: Doc,
    bearers: list[_Person],
    at: int,
    full_at: dict[str, list[int]],
    subjects: set[int] = frozenset(),  # type: ignore[assignment]
) -> _Person:
    """The bearer named in full most recently before token ``at`` (else nearest after).

    Recency counts in sentences; within one sentence the subject wins ("Bill Clinton
    campaigned for his wife Hillary Clinton. ... Clinton said" is Bill).
    """

    counts = {p.actor_id: len(full_at.get(p.actor_id, [p.first])) for p in bearers}
    most = max(counts.values())
    leaders = [p for p in bearers if counts[p.actor_id] == most]
    if len(leaders) == 1 and all(
        counts[p.actor_id] * 2 <= most for p in bearers if p not in leaders
    ):
        return leaders[0]  # the salient bearer: named in full at least twice as often as any other

    def score(p: _Person) -> tuple[int, ...]:
        spots = full_at.get(p.actor_id, [p.first])
        before = [s for s in spots if s < at]
        if before:
            last = max((doc[s].sent.start, s in subjects, s) for s in before)
            return (0, -last[0], -int(last[1]), -last[2])
        return (1, min(spots) - at)

    return min(bearers, key=score)


def link_surnames_in_corpus(rows: list[dict]) -> dict[str, tuple[str, str]]:
    """Provisional surname ids -> the corpus's dominant bearer ``(actor_id, actor)``.

    The dominant bearer is the person with that surname mentioned by full name in the most
    documents (then the most mentions); surnames nobody in the corpus bears stay as they are.

    >>> rows = [{"actor_id": "hillary-clinton", "actor": "Hillary Clinton", "resolution": "exact",
    ...          "actor_type": "person", "doc_id": "a"},
    ...         {"actor_id": "surname:clinton", "actor": "Clinton", "resolution": "surname only",
    ...          "actor_type": "person", "doc_id": "b"}]
    >>> link_surnames_in_corpus(rows)
    {'surname:clinton': ('hillary-clinton', 'Hillary Clinton')}
    """
    docs: dict[str, set] = {}
    count: Counter = Counter()
    names: dict[str, str] = {}
    wanted = set()
    for r in rows:
        aid = r.get("actor_id")
        if not isinstance(aid, str) or r.get("actor_type") != "person":
            continue
        if aid.startswith(PROVISIONAL):
            wanted.add(aid[len(PROVISIONAL) :])
            continue
        if r.get("resolution") in ("exact", "full name", "alias table"):
            words = str(r.get("actor") or "").split()
            if len(words) >= 2:
                docs.setdefault(aid, set()).add(r.get("doc_id"))
                count[aid] += 1
                names[aid] = r["actor"]
    by_surname: dict[str, list[str]] = {}
    for aid, name in names.items():
        words = [w for w in name.split() if norm_key(w) not in NAME_SUFFIXES]
        by_surname.setdefault(surname_key(words[-1]), []).append(aid)
    out = {}
    for key in sorted(wanted):
        bearers = by_surname.get(key)
        if bearers:
            best = max(sorted(bearers), key=lambda a: (len(docs[a]), count[a]))
            out[PROVISIONAL + key] = (best, names[best])
    return out
