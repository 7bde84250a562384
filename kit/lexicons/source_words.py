"""Word lists the sourcing extractor reads: hearsay verbs, anonymous, organisation, document,
social-media and media nouns, pronouns."""

from __future__ import annotations

import re

# Organisation head nouns live in kit.lexicons.actor_words (ORGANISATION_NOUNS), shared by both extractors.


# Verbs that attribute only with a particle: "called for", "pointed out".
_NEEDS_PARTICLE = {"call": ("for", "on"), "point": ("out", "to")}
# Verbs whose cue takes the next verb along: "purported to show".
_RAISING = {"purport"}
# Passive cues without an agent that still attribute: "is said to", "was reported to".
_HEARSAY = {
    "say",
    "report",
    "believe",
    "allege",
    "claim",
    "rumor",
    "rumour",
    "expect",
    "think",
    "estimate",
    "understand",
    "know",
    "suggest",
    "tell",
    # evaluations and accusations reported without their authors: "has been criticized for"
    "criticize",
    "criticise",
    "accuse",
    "blame",
    "mention",
    "praise",
    "condemn",
    "question",
    "describe",
    "announce",
    "predict",
    "ask",
}
_CLAUSE_DEPS = ("ccomp", "xcomp")
_SOURCE_DEPS = ("nsubj",)
_SOURCE_STOP = {"appos", "relcl", "acl", "punct", "parataxis", "advcl", "cc", "conj"}
_TRIM_DEPS = {"punct", "cc", "mark_", "prep_"}

ANONYMOUS_NOUNS = {
    "official",
    "reporter",
    "journalist",
    "correspondent",
    "columnist",
    "editor",
    "announcer",
    "narrator",
    "user",
    "source",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "aide",
    "analyst",
    "expert",
    "observer",
    "witness",
    "resident",
    "person",
    "people",
    "insider",
    "commander",
    "activist",
    "lawmaker",
    "staffer",
    "adviser",
    "advisor",
    "member",
    "representative",
    "investigator",
    "authority",
    "critic",
    "supporter",
    "voter",
    "economist",
    "researcher",
    "scientist",
    "doctor",
    "someone",
    "somebody",
    "negotiator",
    "participant",
    "employee",
    "worker",
    "leader",
    "strategist",
    "operative",
    "agent",
    "friend",
    "relative",
    "neighbor",
    "neighbour",
    "local",
    "man",
    "woman",
    "rebel",
    "fighter",
    "soldier",
    "militant",
    "protester",
    "student",
}
DOCUMENT_NOUNS = {
    "statement",
    "ad",
    "advert",
    "advertisement",
    "commercial",
    "report",
    "leaflet",
    "document",
    "letter",
    "memo",
    "memorandum",
    "study",
    "survey",
    "poll",
    "data",
    "filing",
    "transcript",
    "book",
    "article",
    "release",
    "communique",
    "communiqué",
    "resolution",
    "law",
    "bill",
    "complaint",
    "indictment",
    "lawsuit",
    "ruling",
    "order",
    "decree",
    "email",
    "e-mail",
    "note",
    "message",
    "paper",
    "analysis",
    "assessment",
    "record",
    "records",
    "sign",
    "banner",
    "poster",
    "flyer",
    "brochure",
    "manifesto",
    "platform",
    "guideline",
    "guidance",
    "policy",
    "plan",
    "proposal",
    "research",
    "estimate",
    "figure",
    "number",
    "census",
    "audit",
    "review",
    "investigation",
    "inquiry",
    "affidavit",
    "testimony",
    "cable",
    "notice",
    "website",
}
SOCIAL_NOUNS = {
    "video",
    "footage",
    "post",
    "tweet",
    "clip",
    "photo",
    "photograph",
    "image",
    "picture",
    "livestream",
    "selfie",
    "meme",
    "hashtag",
    "footages",
    "videos",
}
SOCIAL_WORDS = {
    "social media",
    "twitter",
    "facebook",
    "telegram",
    "youtube",
    "instagram",
    "tiktok",
    "whatsapp",
    "vkontakte",
    "weibo",
    "online",
}
MEDIA_NOUNS = {
    "newspaper",
    "outlet",
    "broadcaster",
    "channel",
    "station",
    "network",
    "magazine",
    "daily",
    "tv",
    "television",
    "radio",
    "tabloid",
    "journal",
    "newswire",
    "wire",
    "media",
}
#: Pronouns a source can be, with what they refer to: ``m``/``f`` (a man, a woman), ``n``
#: (an organisation, a document), ``pl`` (a group), ``speaker`` (the one quoted, in a quotation)
#: and ``generic`` (never resolved: "you", "one").
PRONOUN_REFERENTS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "it": "n", "its": "n", "itself": "n",
    "they": "pl", "them": "pl", "their": "pl", "themselves": "pl",
    "i": "speaker", "me": "speaker", "my": "speaker", "myself": "speaker",
    "we": "speaker", "us": "speaker", "our": "speaker", "ourselves": "speaker",
    "you": "generic", "yourself": "generic", "yourselves": "generic", "one": "generic",
}  # fmt: skip
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
#: Words before a speech verb that make a set phrase, not an attribution: "needless to say",
#: "suffice it to say", "so to speak", "that is to say", "let's say".
IDIOM_LEADS = (
    ("needless", "to"),
    ("suffice", "it", "to"),
    ("so", "to"),
    ("that", "is", "to"),
    ("let", "'s"),
    ("let", "’s"),
    ("let", "us"),
    ("strange", "to"),
    ("sad", "to"),
)
#: Cue verbs that also count ("the economy added 156,000 jobs", "the party gained 12 seats"):
#: with an amount as their only content they are not attributions.
COUNTING_VERBS = {"add", "gain", "lose", "shed", "cut", "post", "total", "create", "record"}
#: Speaker labels of an interview transcript that stand for the interviewer and the
#: interviewee ("Q:", "A:"); a label whose paragraphs ask questions is the interviewer too.
INTERVIEWER_LABELS = {"q", "question", "interviewer", "int"}
INTERVIEWEE_LABELS = {"a", "answer"}
#: Shares of a group as sources ("Twelve percent of voters said"): unnamed people.
SHARE_NOUNS = {"percent", "%", "majority", "minority", "plurality", "half", "third", "quarter"}
#: Endings of nouns for people ("announcer", "narrator", "strategist", "historian"), used for
#: nouns no list names when they are the subject of a speech verb.
PERSON_NOUN_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "eer")
#: Bare plural nouns that are generic, not anonymous sources ("people say"), unless modified
#: ("people familiar with the talks").
GENERIC_NOUNS = {"people", "many", "some", "others", "everyone", "everybody", "anyone", "all"}
#: Nouns of people by their role, so "the senator", "the Republican nominee" describe someone the
#: article names (the role words of ``kit.extract.actors.roles`` count too).
PERSON_ROLE_NOUNS = {
    "nominee", "candidate", "senator", "governor", "congressman", "congresswoman",
    "representative", "businessman", "businesswoman", "billionaire", "mogul", "mayor", "president",
    "director", "secretary", "attorney", "general", "chairman", "chairwoman", "chief", "leader",
    "minister", "premier", "chancellor", "prime", "king", "queen", "prince", "princess", "judge",
    "justice", "sheriff", "commissioner", "ceo", "executive", "founder", "star", "host", "anchor",
    "actor", "actress", "singer", "rapper", "athlete", "coach", "player", "author", "writer",
    "pollster", "strategist", "manager", "lawyer", "man", "woman", "politician", "lawmaker",
    "veteran", "frontrunner", "front-runner", "incumbent", "challenger", "speaker", "ambassador",
    "envoy", "pope", "cleric", "officer", "chef", "pastor", "rabbi", "imam",
}  # fmt: skip
_ORG_ACTOR_TYPES = {
    "organisation",
    "organization",
    "state",
    "armed_group",
    "political_group",
    "international_organisation",
    "place",
}
_SCARE_BEFORE = re.compile(
    r"(?:so[- ]called|dubbed|called|termed|known as|nicknamed|labell?ed|branded|coined|"
    r"described as|referred to as)\W*$",
    re.IGNORECASE,
)
