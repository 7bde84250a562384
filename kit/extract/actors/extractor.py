"""Actor mentions (table ``mentions``) and canonical actors (table ``actors``).

>>> import kit
>>> result = kit.analyze(kit.load("data/"), extractors=["actors"])          # doctest: +SKIP
>>> result.mentions.query("actor_id == 'united-states'").text.unique()      # doctest: +SKIP
array(['USA', 'American', 'United States', 'US', 'U.S.', 'usa'], dtype=object)

Each document's spaCy parse is read once: named entities, the alias table
(``kit/data/actors.csv`` plus the user's tables, see :mod:`kit.extract.actors.aliases`) matched
over token windows, and a few general repairs of the small model's mistakes:

* places: gazetteer, "the town of X", "X border crossing", "in/from/toward X";
* people: a surname matching a full name in the same document, the subject of a
  speech verb ("Balanche said"), "according to X";
* compounds: "Iran-backed militias" (an armed group linked to Iran, ``backed_by``),
  "the usa military" (the US military, ``part_of`` the United States).

``kind`` tells how a mention was found: ``name`` (a proper name), ``compound``
(a name plus common nouns, e.g. "Iran-backed militias"; it overlaps the name).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kit.extract.actors.aliases import Gazetteer, gazetteer_for, norm_key
from kit.extract.actors.candidates import (
    _Cand,
    _compounds,
    _ent_candidates,
    _repair,
    _short_forms,
    _token_norms,
    gazetteer_matches,
    institution_actor,
    is_speaker_label,
    is_turn_name,
    line_starts,
)
from kit.extract.actors.described import apply_descriptions
from kit.extract.actors.non_actors import defined_non_actors, non_actor_keys
from kit.extract.actors.people import key_of, middle_of, resolve_people, split_middles
from kit.extract.actors.roles import person_title_role
from kit.extract.language import outside
from kit.lexicons.actor_words import (
    FACILITY_NOUNS,
    INSTITUTION_SHORT_FORMS,
    INSTITUTION_STATES,
    LEGISLATIVE_CHAMBERS,
    NAMED_AFTER_NOUNS,
)
from kit.lexicons.people import HONORIFICS
from kit.tables import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from kit.lexicons.resources import Resources
    from kit.nlp.model import DocInfo


TABLE = "mentions"
COLUMNS = columns(TABLE)
ACTOR_COLUMNS = columns("actors")

# ------------------------------------------------------------------- extract --


def extract(doc: Doc, info: DocInfo, res: Resources, found: dict[str, list[dict]]) -> list[dict]:
    """Actor mentions of one document, in order of (start, end)."""
    if not len(doc):
        return []
    gaz = gazetteer_for(res)
    norms = _token_norms(doc)
    matches = gazetteer_matches(doc, gaz, norms)
    cands = _repair(doc, _kept(doc, info, _ent_candidates(doc, gaz, matches)), norms)
    cands = apply_descriptions(doc, gaz, cands)
    cands = [c for c in cands if not _named_after(doc, c)]
    cands = _without_site_names(doc, gaz, cands)
    resolve_people(doc, cands, res.get("actors:people", lambda: _curated_people(gaz)))
    cands = [c for c in cands if c.actor_id is not None]  # what people.py found no name
    compounds = _compounds(doc, gaz, cands)
    cands = cands + compounds + _short_forms(doc, cands, compounds)
    _honorific_people(doc, gaz, cands)
    for c in cands:
        if c.actor_type == "person" and c.kind == "name":
            title, role = person_title_role(doc, c.s, c.e)
            if title:
                c.title = doc[title[0] : title[1]].text
            if role:
                c.role = doc[role[0] : role[1]].text
    _scope_institutions(doc, gaz, cands)
    return _rows(doc, info, cands)


def _honorific_people(doc: Doc, gaz: Gazetteer, cands: list[_Cand]) -> None:
    """An uncurated organisation the document writes after "Mr." or "Ms." is a person there,
    in every mention ("Ban Ki-moon", tagged ORG, ... "Mr. Ban")."""
    people = {
        c.actor_id
        for c in cands
        if c.actor_type == "organisation"
        and c.actor_id not in gaz.entries
        and c.s > 0
        and doc[c.s - 1].is_title
        and doc[c.s - 1].text.rstrip(".").lower() in HONORIFICS
    }
    for c in cands:
        if c.actor_id in people and c.actor_type == "organisation":
            c.actor_type, c.label = "person", "PERSON"


def _named_after(doc: Doc, c: _Cand) -> bool:
    """A person's name that modifies a lower-case institution noun: "the Trump foundation",
    "a Clinton library" are other things, no mention of the person."""
    if c.actor_type not in (None, "person") or c.label != "PERSON" or c.e >= len(doc):
        return False
    nxt = doc[c.e]
    return nxt.is_lower and nxt.lower_ in NAMED_AFTER_NOUNS and doc[c.e - 1].head.i == nxt.i


def _scope_institutions(doc: Doc, gaz: Gazetteer, cands: list[_Cand]) -> None:
    """A generic institution written alone ("the Senate", "Parliament") is the institution of
    the state this document names most: ``philippines-senate``, "Senate (Philippines)", linked
    to the state (``part_of``), so the senates of six countries are not one actor.

    Before that default: a possessive names the owner ("Puerto Rico's Senate"; "the state's
    Supreme Court" is the place the document names most), and an institution named with its
    state or place earlier in the document ("the Wisconsin Supreme Court ... the Supreme
    Court") is the one a bare mention refers back to, as a surname refers to the nearest full
    name; a bare chamber beside a sibling chamber of a named owner is that owner's ("the
    commonwealth's House ..., but the Senate had not"). Names the alias table knows and
    documents that name no state keep their own id.
    """
    named: dict[str, list[tuple[int, _Cand]]] = {}  # institution words -> named-with mentions
    for c in cands:
        if c.linked_actor_id and c.relation == "part_of" and c.actor and c.actor.endswith(")"):
            words = c.actor.rsplit(" (", 1)[0].lower()
            named.setdefault(words, []).append((c.s, c))
    courts = [x for key, xs in named.items() if key.endswith("court") for x in xs]
    places: Counter = Counter()  # curated places, named alone or with their institutions
    place_first: dict[str, int] = {}
    for c in cands:
        place = c.linked_actor_id if c.relation == "part_of" else c.actor_id
        if place in gaz.entries and gaz.entries[place].actor_type == "place":
            places[place] += 1
            place_first.setdefault(place, c.s)
    top_place = None
    if places:  # "the state Senate": the curated place this document names most (then first)
        entry = gaz.entries[min(places, key=lambda a: (-places[a], place_first[a]))]
        top_place = entry.actor_id, entry.actor, entry.country
    states: Counter = Counter()
    first: dict[str, int] = {}
    for c in cands:
        state_id = c.actor_id if c.actor_type == "state" else None
        if c.linked_actor_id and c.relation in ("part_of", "government_of"):
            state_id = c.linked_actor_id  # "U.S. Senate", "the White House" name the US too
        entry = gaz.entries.get(state_id) if state_id else None
        if entry is not None and entry.actor_type == "state":
            states[state_id] += 1
            first.setdefault(state_id, c.s)
    ranked = [gaz.entries[a] for a in sorted(states, key=lambda a: (-states[a], first[a]))]
    top_state = (ranked[0].actor_id, ranked[0].actor, ranked[0].country) if ranked else None
    ends = {c.e: c for c in cands if c.actor_type in ("state", "place") and c.actor_id}
    starts = {c.s: c for c in cands if c.actor_type in ("state", "place") and c.actor_id}

    def settle(c: _Cand, words: list[str], owner: tuple, why: str) -> None:
        key = " ".join(w for w in words if w != "the")
        found = institution_actor(words, owner[0], owner[1])
        if found is None:
            return
        c.actor_id, c.actor = found
        c.country, c.linked_actor_id, c.relation = owner[2], owner[0], "part_of"
        c.resolved_from = f"an institution of {owner[1]}, {why}"
        if key != "court" and key.endswith("court"):
            courts.append((c.s, c))
        if owner is not top_state:  # later bare mentions refer back to a named owner's body
            named.setdefault(key, []).append((c.s, c))

    def refer_back(c: _Cand, key: str) -> bool:
        """ "the Court" after "the Supreme Court": the body last named, however it was named."""
        pool = courts if key == "court" else named.get(key, [])
        earlier = max((x for x in pool if x[0] < c.s), default=None, key=lambda x: x[0])
        if earlier is None:
            return False
        ref = earlier[1]
        c.actor_id, c.actor = ref.actor_id, ref.actor
        c.country, c.linked_actor_id, c.relation = ref.country, ref.linked_actor_id, "part_of"
        c.resolved_from = f"{ref.actor}, named earlier in this document"
        if key != "court" and key.endswith("court"):
            courts.append((c.s, c))
        return True

    deferred: list[tuple[_Cand, list[str], str]] = []
    for c in cands:
        if c.actor_type not in ("organisation", "armed_group") or c.country or c.linked_actor_id:
            continue
        if c.s > 0 and doc[c.s - 1].lower_ in ("this", "our"):
            continue  # "this Court" in a ruling: the speaker's own, which the text may not name
        words = [t.lower_ for t in doc[c.s : c.e]]
        key = " ".join(w for w in words if w != "the")
        owner = _owner(doc, c, ends, starts, top_place)
        if owner is not None:
            settle(c, words, owner, "named as its owner")
            continue
        here = _sentence_state(doc, gaz, c, key, cands) if key in _LEGISLATURES else None
        if here is not None:  # "The United States has ... the Senate and House"
            settle(c, words, here, "the one state named in this sentence that has one")
        elif not refer_back(c, key):
            deferred.append((c, words, key))
    # Bare bodies no owner names: a chamber beside a sibling chamber of a named owner, else the
    # state the document names most (in order, so later mentions refer back to earlier ones).
    for c, words, key in deferred:
        if refer_back(c, key):
            continue
        sibling = _sibling_owner(doc, gaz, c, key, cands) if key in LEGISLATIVE_CHAMBERS else None
        if sibling is not None and (top_state is None or sibling[0] != top_state[0]):
            settle(c, words, sibling, "beside another chamber of it in this sentence")
            continue
        if top_state is None:
            continue
        owner, why = top_state, "the state this document names most"
        if key in _SHORT_FORMS or key in INSTITUTION_STATES:
            # "the House", "the Senate": of the state named most that has one
            having = [e for e in ranked if _has_institution(key, e.actor_id)]
            if not having:
                continue
            if having[0] is not ranked[0]:
                owner = having[0].actor_id, having[0].actor, having[0].country
                why = f"the state this document names most that has a {key.title()}"
        settle(c, words, owner, why)


def _sentence_state(
    doc: Doc, gaz: Gazetteer, c: _Cand, key: str, cands: list[_Cand]
) -> tuple[str, str, str | None] | None:
    """The one state written alone in ``c``'s sentence, when it has a body called ``key``."""
    sent = doc[c.s].sent
    found = {
        o.actor_id
        for o in cands
        if sent.start <= o.s < sent.end and o.actor_type == "state" and o.actor_id in gaz.entries
    }
    if len(found) != 1:
        return None
    entry = gaz.entries[found.pop()]
    if not _has_institution(key, entry.actor_id):
        return None
    return entry.actor_id, entry.actor, entry.country


def _sibling_owner(
    doc: Doc, gaz: Gazetteer, c: _Cand, key: str, cands: list[_Cand]
) -> tuple[str, str, str | None] | None:
    """The owner of another chamber in ``c``'s sentence that the text names with its owner
    ("the commonwealth's House of Representatives ..., but the Senate had not")."""
    sent = doc[c.s].sent
    for other in cands:
        if other is c or not (sent.start <= other.s < sent.end) or other.relation != "part_of":
            continue
        body = (other.actor or "").split(" (")[0].lower()  # "House of Representatives (...)"
        owner = gaz.entries.get(other.linked_actor_id or "")
        if owner is not None and body != key and body in LEGISLATIVE_CHAMBERS:
            return owner.actor_id, owner.actor, owner.country
    return None


def _has_institution(key: str, state_id: str) -> bool:
    """Whether a state has a national body of that name ("senate" in Myanmar: no)."""
    if key in INSTITUTION_STATES:
        return state_id in INSTITUTION_STATES[key]
    return key not in _SHORT_FORMS or (key, state_id) in INSTITUTION_SHORT_FORMS


#: Institution words that are a short form in some states only ("the House").
_SHORT_FORMS = frozenset(k for k, _ in INSTITUTION_SHORT_FORMS)
#: Bodies a state named in the same sentence owns ahead of one named earlier.
_LEGISLATURES = LEGISLATIVE_CHAMBERS | {"congress", "parliament", "legislature"}
#: Nouns for a part of a country with its own institutions ("the state Senate").
_SUBNATIONAL = frozenset(["state", "territory", "province", "commonwealth"])


def _owner(
    doc: Doc,
    c: _Cand,
    ends: dict[int, _Cand],
    starts: dict[int, _Cand],
    place: tuple[str, str, str | None] | None,
) -> tuple[str, str, str | None] | None:
    """Id, name and country of the state or place owning ``c``: "the Senate of Puerto Rico",
    "Puerto Rico's Senate", "the state's Supreme Court" (``place``, the place named most)."""
    after = c.e  # "the Senate of Puerto Rico", "the Senate of the state"
    while after < len(doc) and doc[after].lower_ in ("of", "the") and after - c.e < 2:
        after += 1
    if after > c.e and doc[c.e].lower_ == "of" and after < len(doc):
        owner = starts.get(after)
        if owner is not None and owner.actor_id:
            return owner.actor_id, owner.actor or owner.actor_id, owner.country
        if doc[after].lower_ in _SUBNATIONAL:
            return place
    i = c.s
    while i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    sub = i > 0 and doc[i - 1].lower_ in _SUBNATIONAL  # "the state Senate", "a state senate"
    if sub:
        i -= 1
    if i < 2 or doc[i - 1].lower_ not in ("'s", "’s"):
        return place if sub else None
    owner = ends.get(i - 1)  # "North Carolina's state Senate", "Puerto Rico's Senate"
    if owner is not None and owner.actor_id:
        return owner.actor_id, owner.actor or owner.actor_id, owner.country
    if doc[i - 2].lower_ in _SUBNATIONAL:  # "the state's Supreme Court"
        return place
    return None


def _without_site_names(doc: Doc, gaz: Gazetteer, cands: list[_Cand]) -> list[_Cand]:
    """Drop uncurated names that modify an industrial-site noun wherever the document writes
    them: "the Federal mine" names a mine. A company also written alone ("Exxon said ... the
    Exxon refinery") stays an actor in both places."""

    def site(c: _Cand) -> bool:
        if c.e >= len(doc):
            return False
        nxt = doc[c.e]
        return nxt.is_lower and nxt.lower_ in FACILITY_NOUNS and nxt.pos_ == "NOUN"

    uncurated = [c for c in cands if c.actor_id not in gaz.entries]
    keys: dict[str, bool] = {}
    for c in uncurated:
        key = norm_key(doc[c.s : c.e].text)
        keys[key] = keys.get(key, True) and site(c)
    gone = {k for k, only_sites in keys.items() if only_sites}
    if not gone:
        return cands
    drop = {id(c) for c in uncurated if norm_key(doc[c.s : c.e].text) in gone}
    return [c for c in cands if id(c) not in drop]


def _kept(doc: Doc, info: DocInfo, cands: list[_Cand]) -> list[_Cand]:
    """Candidates that may be actors: not an interview label, not in a foreign passage, not a
    disease, time standard or defined technical acronym (names the alias table knows stay)."""
    text = info.text
    foreign = list(info.foreign)
    starts = [a for a, _ in foreign]
    labels = line_starts(text)
    things = non_actor_keys() | defined_non_actors(doc)
    out = []
    for c in cands:
        if c.actor_type is None and norm_key(doc[c.s : c.e].text) in things:
            continue
        if foreign and not outside(foreign, starts, doc[c.s].idx):
            continue  # a passage not in English (kit.extract.language)
        if is_speaker_label(doc, c.s, c.e, text, labels):
            continue
        if c.actor_type is None and is_turn_name(doc, c.s, c.e, text):
            c.label, c.actor_type = "PERSON", "person"  # "((Zara Kay))  I think ..."
        out.append(c)
    return out


def _curated_people(gaz: Gazetteer) -> dict[str, tuple[str, str]]:
    """Full-name key -> (actor_id, actor) for every person of the alias table."""
    out: dict[str, tuple[str, str]] = {}
    middles: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    for e in gaz.entries.values():
        if e.actor_type == "person":
            for form in (e.actor, *e.aliases):
                key = key_of(form.split())
                if " " not in key:
                    continue
                plain.setdefault(key, set()).add(e.actor_id)
                mid = middle_of(form.split())
                if mid:
                    middles.setdefault(key, set()).add(mid)
                    out.setdefault(f"{key}|{mid}", (e.actor_id, e.actor))
    split = split_middles(middles)
    for e in gaz.entries.values():
        if e.actor_type == "person":
            for form in (e.actor, *e.aliases):
                key = key_of(form.split())
                if " " in key and (key not in split or len(plain[key]) == 1):
                    out.setdefault(key, (e.actor_id, e.actor))
    return out


def _resolution(c: _Cand, text: str) -> str:
    """How a mention was resolved (the step's own word, else from its kind and spelling)."""
    if c.resolution == "alias table" and norm_key(text) == norm_key(c.actor or ""):
        return "exact"
    if c.resolution:
        return c.resolution
    if c.kind == "compound":
        return "compound"
    if c.kind == "short":
        return "short form"
    return "exact" if norm_key(text) == norm_key(c.actor or "") else "alias table"


def _rows(doc: Doc, info: DocInfo, cands: list[_Cand]) -> list[dict]:
    seen = set()
    rows = []
    for c in sorted(cands, key=lambda c: (doc[c.s].idx, doc[c.e - 1].idx + len(doc[c.e - 1]))):
        start = doc[c.s].idx
        end = doc[c.e - 1].idx + len(doc[c.e - 1].text)
        if (start, end, c.kind) in seen or end <= start:
            continue
        seen.add((start, end, c.kind))
        rows.append(
            {
                "doc_id": info.doc_id,
                "mention_id": f"{info.doc_id}:m{len(rows) + 1}",
                "sent_id": info.sent_id_at(start),
                "start": start,
                "end": end,
                "text": info.text[start:end],
                "label": c.label,
                "actor_id": c.actor_id,
                "actor": c.actor,
                "actor_type": c.actor_type,
                "country": c.country,
                "linked_actor_id": c.linked_actor_id,
                "relation": c.relation,
                "title": c.title,
                "role": c.role,
                "kind": c.kind,
                "resolution": _resolution(c, info.text[start:end]),
                "resolved_from": c.resolved_from,
            }
        )
    return rows
