"""Who a source is: its type and the actor it refers to, pronouns and descriptions included.

A named source ("Dillon", "the FBI") is the actor of the mention that covers it. A personal
pronoun ("he", "she", "they", "it") takes the nearest fitting antecedent: for he/she a person of
that gender (gender from titles, gendered nouns, given names and earlier pronouns), with a bonus
for the source of an earlier attribution and for sentence subjects; for they/it an
organisation, a document or a group. "I"/"we" inside a quotation are the quotation's speaker. A
relative pronoun ("officials, who said") is the noun phrase it attaches to; an apposition ("the
state's chairman, Phil Lovas,") names its person; a definite description ("the Republican
nominee", "the newspaper") is the named actor whose context matches it. What cannot be resolved
stays a ``pronoun`` (or ``other``) with ``resolved`` false, never an anonymous source.

>>> pronoun_referent("She"), pronoun_referent("they"), pronoun_referent("officials")
('f', 'pl', None)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kit.extract.actors.roles import ROLE_NOUNS
from kit.extract.sourcing.linking import _Mentions
from kit.lexicons.actor_words import ORGANISATION_NOUNS
from kit.lexicons.people import (
    GENDERED_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    given_gender,
    is_given_name,
)
from kit.lexicons.source_words import (
    _ORG_ACTOR_TYPES,
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GENERIC_NOUNS,
    INTERVIEWEE_LABELS,
    INTERVIEWER_LABELS,
    MEDIA_NOUNS,
    PERSON_NOUN_ENDINGS,
    PERSON_ROLE_NOUNS,
    PRONOUN_REFERENTS,
    RELATIVE_PRONOUNS,
    SHARE_NOUNS,
    SOCIAL_NOUNS,
    SOCIAL_WORDS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from kit.extract.sourcing.spans import _Rel

#: How far back (in sentences) an antecedent may be, by what the pronoun refers to.
WINDOW = {"m": 5, "f": 5, "pl": 3, "n": 3}
#: How many sentences further back a candidate that surely agrees may be, compared with one
#: whose gender (or number) is unknown: "Figueroa said …, though she acknowledged …" is
#: Figueroa (given name not in the list) rather than a woman named two sentences earlier.
UNSURE_PENALTY = 1.5
#: Mention resolutions that are a name as written (anything else was inferred: "alias").
_AS_WRITTEN = {"exact", "full name", "compound", None}
_PERSON_NOUNS = ANONYMOUS_NOUNS | PERSON_ROLE_NOUNS | ROLE_NOUNS | set(GENDERED_NOUNS)
_GROUP_TYPES = _ORG_ACTOR_TYPES | {"media"}
_DEFINITE = {"the", "this", "that"}


def pronoun_referent(word: str) -> str | None:
    """What a pronoun refers to (``m``, ``f``, ``n``, ``pl``, ``speaker``, ``generic``), else None."""
    return PRONOUN_REFERENTS.get(word.lower())


@dataclass(frozen=True)
class Source:
    """A resolved source: the ``attributions`` columns about who is cited."""

    type: str
    actor_id: str | None = None
    actor: str | None = None
    affiliation: str | None = None
    resolution: str | None = None
    antecedent: tuple[int, int] | None = None
    start: int = -1
    end: int = -1
    gender: str | None = None
    plural: bool = False

    @property
    def resolved(self) -> bool:
        """False for a pronoun or description nobody was found for, and for no source."""
        return self.type not in ("pronoun", "unattributed") and self.resolution != "unresolved"


@dataclass
class _Candidate:
    source: Source
    start: int
    end: int
    subject: bool
    earlier_source: bool
    tier: int = 0


class SourceResolver:
    """Resolves the sources of one document's relations, in text order."""

    def __init__(self, doc: Doc, text: str, mentions: _Mentions) -> None:
        self.doc = doc
        self.text = text
        self.mentions = mentions
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.person_names = {
            t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_alpha
        }
        self.history: list[Source] = []  # earlier sources, sorted by where they are
        self.speakers: list[Source] = []  # speaker labels of a transcript ("PENCE:")
        self._gender_votes: dict[str, Counter] = {}
        self._known_gender: dict[str, str] = {}
        self._by_surname: dict[str, set[str]] | None = None
        self._by_name: dict[str, dict] | None = None
        self._contexts: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        for m in mentions.rows:
            if m.get("actor_type") == "person" and m.get("actor_id"):
                votes = self._gender_votes.setdefault(m["actor_id"], Counter())
                for word in (m.get("title"), m.get("role")):
                    g = _word_gender(word)
                    if g:
                        votes[g] += 2
                name = str(m.get("actor") or "").split()
                if len(name) >= 2 and given_gender(name[0]):
                    # the actor's own given name decides ("Hillary Clinton" is a woman even
                    # where a "Clinton" mention was linked to her by mistake)
                    self._known_gender[m["actor_id"]] = given_gender(name[0])

    # -------------------------------------------------------------- public --

    def resolve(self, rel: _Rel, parent: Source | None = None) -> Source:
        """The source of ``rel``; ``parent`` is the resolved source of the enclosing relation."""
        src = self._resolve(rel, parent)
        if rel.source is not None:
            src = replace(src, start=rel.source[0], end=rel.source[1])
            insort(self.history, src, key=lambda h: h.start)
            if rel.label:
                insort(self.speakers, src, key=lambda h: h.start)
            if src.resolution == "pronoun" and src.actor_id and src.gender in ("m", "f"):
                self._gender_votes.setdefault(src.actor_id, Counter())[src.gender] += 1
        return src

    # ------------------------------------------------------------ dispatch --

    def _resolve(self, rel: _Rel, parent: Source | None) -> Source:
        if rel.source is None or rel.source_tok is None:
            return Source("unattributed")
        tok = rel.source_tok
        low = tok.lower_
        if rel.label:
            found = self._label(rel)
            if found is not None:
                return found
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            head = tok.head.head
            np = (head.left_edge.idx, head.idx + len(head.text))
            if head.lower_ in RELATIVE_PRONOUNS or pronoun_referent(head.lower_):
                return Source("pronoun", resolution="unresolved")
            found = self._by_head(head, np)
            if found.type in ("other",) and not found.actor_id:
                return found
            return replace(found, resolution="relative", antecedent=found.antecedent or np)
        kind = pronoun_referent(low)
        if low in ("one", "her", "his", "its", "their", "my", "our") and tok.pos_ not in (
            "PRON",
            "NUM",
        ):
            kind = None  # "one official", "her aide": the noun is the source
        if kind is None and low in ("this", "that", "these", "those") and tok.pos_ == "PRON":
            kind = "generic"
        if kind is not None:
            return self._pronoun(tok, kind, parent, rel.source)
        return self._by_head(tok, rel.source)

    def _label(self, rel: _Rel) -> Source | None:
        """A transcript's speaker label: the interviewer asks, the interviewee answers.

        "Q:" and a label whose paragraph is a question are the interviewer (the outlet);
        "A:" is the person the document mentions most. Other labels are names ("PENCE:").
        """
        assert rel.source is not None and rel.content is not None
        label = self.text[rel.source[0] : rel.source[1]].strip().lower()
        covering = self.mentions.covering(rel.source[0])
        if covering is not None and covering.get("actor_type") == "person":
            return None
        asks = self.text[rel.content[0] : rel.content[1]].rstrip().endswith("?")
        if label in INTERVIEWER_LABELS or asks and len(label) <= 3:
            return Source("media", resolution="description")
        if label in INTERVIEWEE_LABELS:
            people = {
                aid: len(rows)
                for aid, rows in self.mentions.by_actor.items()
                if rows[0].get("actor_type") == "person"
            }
            if not people:
                return Source("other", resolution="unresolved")
            m = self.mentions.by_actor[min(people, key=lambda a: (-people[a], a))][0]
            return replace(
                self._from_named_row(m, "description"), antecedent=(m["start"], m["end"])
            )
        return None

    # ------------------------------------------------------------ pronouns --

    def _pronoun(
        self, tok: Token, kind: str, parent: Source | None, span: tuple[int, int]
    ) -> Source:
        unresolved = Source("pronoun", resolution="unresolved")
        if kind == "generic":
            return unresolved
        if kind == "speaker":
            if parent is None:  # in a transcript: the last speaker label before it
                i = bisect_left(self.speakers, span[0], key=lambda h: h.start)
                parent = self.speakers[i - 1] if i else None
            if parent is None or not parent.resolved:
                return unresolved
            return replace(parent, resolution="pronoun", antecedent=self._naming(parent, span[0]))
        s = span[0]
        k = self._sent_index(s)
        lo = self.sent_starts[max(0, k - WINDOW[kind])]
        cands: list[_Candidate] = []
        rows = self.mentions.rows
        for m in rows[bisect_left(self.mentions.starts, lo) : bisect_left(self.mentions.starts, s)]:
            if not m.get("actor_id"):
                continue
            cand = self._from_mention(m, kind)
            if cand is not None:
                cands.append(cand)
        last_source = True
        for h in reversed(self.history[: bisect_left(self.history, s, key=lambda h: h.start)]):
            if h.start < lo:
                break
            if h.type in ("pronoun", "unattributed", "other"):
                continue
            tier = self._fits(kind, h.type, h.actor_id, h.plural)
            if tier is not None:
                cands.append(_Candidate(h, h.start, h.end, True, last_source, tier))
            last_source = False
        if kind in ("pl", "n"):
            cands += self._noun_subjects(kind, lo, s)
        if not cands:
            return unresolved
        best = min(cands, key=lambda c: (self._score(c, k) + UNSURE_PENALTY * c.tier, -c.start))
        got = best.source
        if got.antecedent is None and not got.actor_id:
            got = replace(got, antecedent=(best.start, best.end))
        return replace(
            got,
            resolution="pronoun",
            antecedent=self._naming(got, s) or (best.start, best.end),
            gender=kind if kind in ("m", "f") else got.gender,
        )

    def _score(self, c: _Candidate, k: int) -> float:
        return k - self._sent_index(c.start) - 1.0 * c.subject - 1.0 * c.earlier_source

    def _fits(self, kind: str, stype: str, actor_id: str | None, plural: bool) -> int | None:
        """0 (fits), 1 (fits if nothing better) or None (does not fit)."""
        if kind in ("m", "f"):
            if stype != "named_person" or not actor_id:
                return None
            g = self.gender_of(actor_id)
            return 0 if g == kind else 1 if g is None else None
        if kind == "pl":
            if stype in ("named_organisation", "media") or stype == "anonymous" and plural:
                return 0
            return 1 if stype == "document" and plural else None
        if stype in ("named_organisation", "media", "document", "social_media"):
            return 0
        return None

    def _from_mention(self, m: dict, kind: str) -> _Candidate | None:
        atype = m.get("actor_type")
        if atype not in _GROUP_TYPES | {"person"} or atype == "place":
            return None
        if atype == "state" and kind != "n":
            return None  # "it" may be a country, "they" and "he" are not
        stype = _named_type(atype)
        tier = self._fits(kind, stype, m.get("actor_id"), kind == "pl")
        if tier is None:
            return None
        span = self.doc.char_span(m["start"], m["end"], alignment_mode="expand")
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
        if span is not None and span.root.dep_ == "poss":
            return None  # "Trump's campaign": the possessor is not what "it"/"he" refers to
        src = Source(
            stype,
            m.get("actor_id"),
            m.get("actor"),
            resolution="named",
            gender=self.gender_of(m["actor_id"]) if stype == "named_person" else None,
        )
        return _Candidate(src, m["start"], m["end"], subject, False, tier)

    def _noun_subjects(self, kind: str, lo: int, s: int) -> list[_Candidate]:
        """Unnamed subjects "they"/"it" can refer to: "officials", "the report"."""
        out = []
        first = self.sents[self._sent_index(lo)].start
        for tok in self.doc[first:]:
            if tok.idx < lo:
                continue
            if tok.idx >= s:
                break
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            plural = tok.tag_ == "NNS"
            if kind == "pl" and plural and lemma in _PERSON_NOUNS:
                stype = "anonymous"
            elif kind == "n" and not plural and lemma in DOCUMENT_NOUNS | SOCIAL_NOUNS:
                stype = "document"
            else:
                continue
            np = (tok.left_edge.idx, tok.idx + len(tok.text))
            src = Source(stype, plural=plural, antecedent=np)
            out.append(_Candidate(src, np[0], np[1], True, False, 0))
        return out

    # -------------------------------------------------- names and nouns --

    def _by_head(self, tok: Token, span: tuple[int, int]) -> Source:
        """Type and actor of a source that is not a personal pronoun, from its head word."""
        s, e = span
        head_mention = self.mentions.covering(tok.idx)
        affiliation = None
        for m in self.mentions.within(s, e):
            if m is not head_mention and m.get("actor_type") in _GROUP_TYPES and m.get("actor_id"):
                affiliation = m["actor_id"]
                break
        lemma = tok.lemma_.lower()
        plural = tok.tag_ in ("NNS", "NNPS")
        if head_mention is not None:
            atype = head_mention.get("actor_type")
            linked = head_mention.get("linked_actor_id")
            aff = linked if isinstance(linked, str) and linked else affiliation
            how = "named" if head_mention.get("resolution") in _AS_WRITTEN else "alias"
            named = Source(
                "named_person",
                head_mention.get("actor_id"),
                head_mention.get("actor"),
                aff,
                how,
            )
            if atype == "person":
                return replace(named, gender=self.gender_of(head_mention.get("actor_id")))
            if tok.ent_type_ == "NORP" or head_mention.get("label") == "NORP":
                # "some Republicans", "a Democrat": unnamed members; bare "Republicans": the party
                if plural and not _modified(tok, before_only=True) and atype in _GROUP_TYPES:
                    return replace(named, type="named_organisation", plural=True)
                return Source("anonymous", affiliation=head_mention.get("actor_id"), plural=plural)
            if atype == "media":
                return replace(named, type="media", plural=plural)
            if atype in _ORG_ACTOR_TYPES:
                return replace(named, type="named_organisation", plural=plural)
        for child in tok.children:
            if child.dep_ == "appos":
                m = self.mentions.covering(child.idx)
                if m is not None and m.get("actor_type") == "person":
                    return Source(
                        "named_person",
                        m.get("actor_id"),
                        m.get("actor"),
                        affiliation,
                        "description",
                        (m["start"], m["end"]),
                        gender=self.gender_of(m.get("actor_id")),
                    )
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
            found = self._by_written_name(tok, span)
            if found is not None:
                return found
        definite = any(c.dep_ == "poss" or c.lower_ in _DEFINITE for c in tok.children)
        single = definite and not plural and tok.tag_ == "NN"
        if lemma in SHARE_NOUNS:
            return Source("anonymous", affiliation=affiliation, plural=True)
        if lemma in DOCUMENT_NOUNS:
            return Source("document", affiliation=affiliation, plural=plural)
        if lemma in SOCIAL_NOUNS:
            return Source("social_media", affiliation=affiliation, plural=plural)
        if lemma in MEDIA_NOUNS:
            if single:
                return self._described(tok, span, "media", affiliation)
            return Source("media", affiliation=affiliation, plural=plural)
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and _given_name_first(tok):
            return Source("named_person", affiliation=affiliation)
        if tok.pos_ == "NOUN" and lemma in ORGANISATION_NOUNS:
            owner = next(
                (
                    m
                    for m in self.mentions.within(s, tok.idx)
                    if m.get("actor_type") == "person" and m.get("actor_id")
                ),
                None,
            )
            if owner is not None:  # "the Clinton campaign", "Trump's company"
                return Source("named_organisation", affiliation=owner["actor_id"])
            if single:
                return self._described(tok, span, "named_organisation", affiliation)
            return Source("named_organisation", affiliation=affiliation, plural=plural)
        if tok.ent_type_ in ("ORG", "GPE") or tok.pos_ == "PROPN" and lemma not in _PERSON_NOUNS:
            return Source("named_organisation", affiliation=affiliation, plural=plural)
        if lemma in GENERIC_NOUNS and not _modified(tok):
            return Source("other", plural=True)
        if _is_person_noun(tok):
            if single:
                return self._described(tok, span, "named_person", affiliation)
            return Source("anonymous", affiliation=affiliation, plural=plural)
        if any(w in self.text[s:e].lower() for w in SOCIAL_WORDS):
            return Source("social_media", affiliation=affiliation, plural=plural)
        if lemma in ("someone", "somebody", "nobody", "no one"):
            return Source("anonymous", affiliation=affiliation)
        return Source("other", affiliation=affiliation, plural=plural)

    def _by_written_name(self, tok: Token, span: tuple[int, int]) -> Source | None:
        """A proper-noun source no mention covers: a person's surname or an actor's name as
        written elsewhere in the document, compared without case ("PENCE", "Politifact")."""
        if self._by_name is None:
            self._by_name, self._by_surname = {}, {}
            for m in self.mentions.rows:
                if not m.get("actor_id"):
                    continue
                self._by_name.setdefault(str(m["text"]).lower(), m)
                if m.get("actor_type") == "person":
                    words = str(m.get("actor") or "").split()
                    if len(words) >= 2:
                        self._by_surname.setdefault(words[-1].lower(), set()).add(m["actor_id"])
        assert self._by_surname is not None
        written = self.text[tok.idx : tok.idx + len(tok.text)].lower()
        whole = self.text[span[0] : span[1]].lower()
        for key in (whole, written):
            m = self._by_name.get(key.removeprefix("the "))
            if m is not None and m["start"] != span[0]:
                return self._from_named_row(m, "alias")
        ids = self._by_surname.get(written)
        if ids is not None and len(ids) == 1:
            aid = next(iter(ids))
            return self._from_named_row(self.mentions.by_actor[aid][0], "alias")
        return None

    def _from_named_row(self, m: dict, how: str) -> Source:
        stype = _named_type(m.get("actor_type"))
        return Source(
            stype,
            m.get("actor_id"),
            m.get("actor"),
            resolution=how,
            antecedent=(m["start"], m["end"]),
            gender=self.gender_of(m.get("actor_id")) if stype == "named_person" else None,
        )

    def _described(self, tok: Token, span: tuple[int, int], stype: str, aff: str | None) -> Source:
        """A definite description ("the Republican nominee", "the newspaper"): the named actor
        of that kind whose context in the document shares the description's words.

        Nouns of unnamed sources ("the official", "the source") match only an actor's own title
        or role, so "a source close to Trump" never makes "the source" Trump.
        """
        lemma = tok.lemma_.lower()
        anonymous_noun = stype == "named_person" and lemma not in PERSON_ROLE_NOUNS
        words = {
            _norm(t.lower_)
            for t in tok.subtree
            if t.i <= tok.i and t.is_alpha and not t.is_stop and t.dep_ != "poss"
        }
        want_gender = GENDERED_NOUNS.get(tok.lower_)
        roles, contexts = self._actor_contexts()
        bag = roles if anonymous_noun else contexts
        best: tuple | None = None
        seen: Counter = Counter()
        for m in self.mentions.rows:
            if m["start"] >= span[0]:
                break
            aid = m.get("actor_id")
            if not aid or not _kind_fits(stype, lemma, m.get("actor_type")):
                continue
            if stype == "named_person" and want_gender:
                g = self.gender_of(aid)
                if g is not None and g != want_gender:
                    continue
            seen[aid] += 1
            overlap = len(words & bag.get(aid, set()))
            key = (overlap, seen[aid] if stype == "named_person" else m["start"], m["start"])
            if best is None or key > best[0]:
                best = (key, m)
        if best is None or best[0][0] == 0 and stype != "media" and anonymous_noun:
            kind = "anonymous" if stype == "named_person" else stype
            return Source(
                kind, affiliation=aff, resolution=None if anonymous_noun else "unresolved"
            )
        if best[0][0] == 0 and stype == "named_organisation":
            return Source(stype, affiliation=aff, resolution="unresolved")
        m = best[1]
        return replace(
            self._from_named_row(m, "description"),
            type=stype,
            antecedent=self._naming_id(m["actor_id"], span[0]),
            affiliation=aff,
        )

    def _actor_contexts(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Per actor: its titles and roles, and the words next to its mentions."""
        if self._contexts is None:
            roles: dict[str, set[str]] = {}
            near: dict[str, set[str]] = {}
            for m in self.mentions.rows:
                aid = m.get("actor_id")
                if not aid:
                    continue
                own = roles.setdefault(aid, set())
                bag = near.setdefault(aid, set())
                for word in (m.get("title"), m.get("role")):
                    if isinstance(word, str):
                        own.update(_norm(w) for w in word.lower().split())
                bag.update(own)
                bag.update(_norm(w.lower()) for w in str(m.get("actor") or "").split())
                span = self.doc.char_span(m["start"], m["end"], alignment_mode="expand")
                if span is None:
                    continue
                sent = span.sent
                lo, hi = max(sent.start, span.start - 5), min(sent.end, span.end + 5)
                bag.update(_norm(t.lower_) for t in self.doc[lo:hi] if t.is_alpha)
            self._contexts = (roles, near)
        return self._contexts

    # ------------------------------------------------------------ helpers --

    def gender_of(self, actor_id: str | None) -> str | None:
        """``m`` or ``f`` when the document's evidence about a person agrees, else None."""
        known = self._known_gender.get(actor_id or "")
        if known:
            return known
        votes = self._gender_votes.get(actor_id or "")
        if not votes:
            return None
        (g, n), *rest = votes.most_common(2) + [("", 0)]
        return g if n > rest[0][1] else None

    def _sent_index(self, offset: int) -> int:
        return max(0, bisect_right(self.sent_starts, offset) - 1)

    def _naming(self, src: Source, before: int) -> tuple[int, int] | None:
        if src.actor_id:
            return self._naming_id(src.actor_id, before) or src.antecedent
        return src.antecedent

    def _naming_id(self, actor_id: str, before: int) -> tuple[int, int] | None:
        """The last mention of ``actor_id`` before an offset (the antecedent as written)."""
        rows = self.mentions.by_actor.get(actor_id, [])
        i = bisect_left(rows, before, key=lambda m: m["start"])
        return (rows[i - 1]["start"], rows[i - 1]["end"]) if i else None


def _named_type(actor_type: object) -> str:
    """The source type of a named actor: ``named_person``, ``media`` or ``named_organisation``."""
    if actor_type == "person":
        return "named_person"
    return "media" if actor_type == "media" else "named_organisation"


def _word_gender(word: object) -> str | None:
    if not isinstance(word, str) or not word:
        return None
    w = word.lower().strip().rstrip(".")
    return TITLE_GENDER.get(w) or GENDERED_NOUNS.get(w) or GENDERED_NOUNS.get(w.split()[-1])


def _norm(word: str) -> str:
    """A title abbreviation spelled out ("gov" -> "governor"), else the word."""
    w = word.rstrip(".")
    return TITLE_ABBREVIATIONS.get(w, w)


_MODIFIERS = ("amod", "prep", "acl", "relcl", "compound", "nummod", "det", "quantmod", "poss")


def _modified(tok: Token, before_only: bool = False) -> bool:
    """Whether a noun has a modifier that makes it specific ("people familiar with the talks",
    "some Republicans"); ``before_only`` looks only left of the noun."""
    return any(
        c.dep_ in _MODIFIERS and (c.i < tok.i or not before_only)
        for c in tok.children
        if c.dep_ != "det" or before_only
    )


def _is_person_noun(tok: Token) -> bool:
    """A noun for people: listed, a NORP word, or a common noun with a person ending."""
    lemma = tok.lemma_.lower()
    if lemma in _PERSON_NOUNS or tok.ent_type_ == "NORP":
        return True
    return tok.pos_ == "NOUN" and len(lemma) > 4 and lemma.endswith(PERSON_NOUN_ENDINGS)


def _given_name_first(tok: Token) -> bool:
    """A proper noun whose name starts with a known given name ("Beck Pimentel")."""
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    first = parts[0] if parts else tok
    return first is not tok and is_given_name(first.text)


def _kind_fits(stype: str, lemma: str, atype: object) -> bool:
    """Whether an actor of ``atype`` can be what a description of kind ``stype`` refers to."""
    if stype == "named_person":
        return atype == "person"
    if stype == "media":
        return atype == "media"
    if lemma in ("government", "administration", "regime", "country", "state"):
        return atype == "state"
    return atype in _ORG_ACTOR_TYPES and atype not in ("state", "place")
