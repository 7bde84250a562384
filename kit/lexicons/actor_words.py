"""Word lists the actor extractor reads: entity labels, speech verbs, place and organisation nouns."""

from __future__ import annotations

import csv

from kit.lexicons.resources import DATA_DIR

#: spaCy labels read as candidate actors (others may be repaired into places/people).
_ENT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
_SPEAKER_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "NORP", "GPE"}
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_MISTAG_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "FAC"}


def _speech_verbs() -> frozenset[str]:
    """Verb lemmas of saying: the rows of the cue table (``kit/data/cues.csv``) with ``speech`` true.

    >>> {"say", "tell"} <= SPEECH_VERBS and "support" not in SPEECH_VERBS
    True
    """
    with open(DATA_DIR / "cues.csv", encoding="utf-8-sig", newline="") as fh:
        return frozenset(
            row["lemma"].strip().lower()
            for row in csv.DictReader(fh)
            if row["kind"] == "verb" and row.get("speech", "").strip().lower() == "true"
        )


#: Verbs whose subject is a speaker ("X said"): one home, the cue table's ``speech`` column.
SPEECH_VERBS = _speech_verbs()
PLACE_NOUNS = frozenset(
    [
        "town",
        "city",
        "village",
        "province",
        "region",
        "district",
        "governorate",
        "area",
        "capital",
        "port",
        "camp",
        "base",
        "airbase",
        "airport",
        "border",
        "crossing",
        "checkpoint",
        "highway",
        "road",
        "valley",
        "river",
        "desert",
        "outskirts",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "crossroads",
        "outpost",
        "garrison",
        "countryside",
        "enclave",
    ]
)
#: Nouns after "Indian" that mean Native Americans in US news, not India ("Indian tribes",
#: "Bureau of Indian Affairs"); "American Indian" means them too.
NATIVE_AMERICAN_NOUNS = frozenset(
    ["tribe", "tribes", "tribal", "reservation", "reservations", "nation", "nations",
     "country", "affairs", "health", "boarding", "removal", "territory"]
)  # fmt: skip
#: Prefixes of a ship's name ("MV Alan Kurdi", "USS Cole"): a vessel, not the person.
SHIP_PREFIXES = frozenset(["mv", "ms", "uss", "hms", "rv", "ss", "ins", "hmas", "hmcs", "fv"])
#: Things named after a person, written in lower case after the name ("the Trump foundation"):
#: the name is then no mention of the person.
NAMED_AFTER_NOUNS = frozenset(
    [
        "foundation",
        "institute",
        "university",
        "library",
        "museum",
        "hotel",
        "tower",
        "charity",
        "corporation",
        "organization",
        "organisation",
        "company",
        "brand",
        "building",
        "center",
        "centre",
        "school",
        "college",
        "airport",
        "stadium",
    ]
)
#: Portfolio words that open a minister's title ("Commerce Secretary Wilbur Ross"): no actor.
PORTFOLIO_WORDS = frozenset(
    ["commerce", "defense", "defence", "treasury", "energy", "education", "labor", "labour",
     "agriculture", "interior", "health", "transportation", "transport", "justice", "homeland",
     "finance", "trade", "housing", "environment", "immigration", "culture", "press"]
)  # fmt: skip
#: First words of many names that never stand for one of them alone ("South" of "South Western
#: Railway", "New" of "New Century Holdings").
GENERIC_NAME_STARTS = frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "new", "united", "national", "general", "royal", "first", "great", "international"]
)  # fmt: skip
#: Last words of place names ("Lincoln Park", "Easter Island"): a given name before one starts
#: a place, not a person.
PLACE_NAME_WORDS = frozenset(
    ["island", "islands", "county", "park", "point", "peninsula", "metro", "airport", "city",
     "village", "bay", "lake", "river", "mountain", "mountains", "beach", "hill", "hills", "creek",
     "springs", "heights", "falls", "harbor", "harbour", "station", "street", "avenue", "square",
     "bridge", "coast", "gulf", "sea", "ocean", "forest", "canyon", "cape", "reef", "sound",
     "strait", "township", "parish", "state", "province", "territory", "land", "glacier", "dam",
     "district", "road", "place", "center", "centre", "hall", "church", "cathedral", "base",
     "hospital", "clinic", "prison", "temple", "mosque", "palace", "castle", "boulevard"]
)  # fmt: skip
#: Last words that make a name a site and are no surname ("Karl Marx Avenue", not "Hall").
SITE_WORDS = frozenset(
    ["avenue", "boulevard", "road", "hospital", "airport", "station", "square", "county",
     "island", "islands", "bridge"]
)  # fmt: skip
#: Lower-case nouns of an industrial site: a name that only ever modifies one in a document
#: names the site ("the Federal mine", "the Keystone pipeline"), not an actor.
FACILITY_NOUNS = frozenset(
    ["mine", "mines", "colliery", "plant", "pipeline", "refinery", "dam", "reactor", "factory",
     "mill", "smelter", "shipyard", "oilfield", "facility"]
)  # fmt: skip
#: Parts of a building or place: their possessor is the place, not a government acting
#: ("the White House's South Lawn", "Moscow's outskirts" with PLACE_NOUNS).
BUILDING_PARTS = frozenset(
    [
        "lawn",
        "grounds",
        "gate",
        "gates",
        "lobby",
        "garden",
        "gardens",
        "roof",
        "steps",
        "driveway",
        "entrance",
        "fence",
        "balcony",
        "doors",
        "corridors",
        "halls",
        "basement",
        "building",
        "compound",
        "streets",
        "skyline",
    ]
)
_LOC_PREPS = {
    "in",
    "from",
    "toward",
    "towards",
    "near",
    "into",
    "at",
    "on",
    "outside",
    "inside",
    "around",
    "across",
    "through",
    "via",
    "within",
    "between",
}
#: head noun of an organisation name -> actor type
_HEAD_TYPES = {
    **dict.fromkeys(
        [
            "army",
            "militia",
            "militias",
            "brigade",
            "brigades",
            "battalion",
            "battalions",
            "front",
            "forces",
            "force",
            "corps",
            "guard",
            "guards",
            "regiment",
            "division",
            "units",
            "fighters",
            "rebels",
            "mujahideen",
            "insurgents",
        ],
        "armed_group",
    ),
    **dict.fromkeys(["party", "movement", "bloc"], "political_group"),
    **dict.fromkeys(
        [
            "news",
            "times",
            "post",
            "journal",
            "tribune",
            "herald",
            "gazette",
            "tv",
            "television",
            "radio",
            "press",
            "daily",
            "telegraph",
            "chronicle",
            "broadcasting",
            "channel",
            "magazine",
        ],
        "media",
    ),
}
#: common nouns that make "<state> <noun>" a state institution
_MILITARY = {"military", "army", "forces", "troops", "soldiers", "navy", "marines", "military’s"}
_GOVERNMENT = {"government", "regime", "administration", "authorities"}
#: "<X>-backed <group>" compounds
_BACKED = {
    "backed": "backed_by",
    "supported": "backed_by",
    "sponsored": "backed_by",
    "funded": "backed_by",
    "armed": "backed_by",
    "trained": "backed_by",
    "led": "led_by",
    "allied": "allied_with",
    "aligned": "allied_with",
    "affiliated": "allied_with",
    "linked": "allied_with",
    "loyal": "allied_with",
}
_GROUP_NOUNS = {
    "militia",
    "militias",
    "fighters",
    "forces",
    "groups",
    "group",
    "coalition",
    "rebels",
    "troops",
    "alliance",
    "government",
    "regime",
    "army",
    "insurgents",
    "units",
    "factions",
    "faction",
    "proxies",
    "gunmen",
    "paramilitaries",
    "militants",
}
_DETS = {"the", "a", "an"}
#: Words that label a turn of an interview at a line start ("Interviewer: ...", "Q: ...").
INTERVIEW_LABELS = frozenset(["interviewer", "interviewee", "question", "answer", "q", "a"])
#: Head nouns of organisations, one home for both uses: inside a name they mark an organisation
#: ("Commerce Department said" is never a person), as a source head they make an organisation
#: source ("the ministry said").
ORGANISATION_NOUNS = frozenset(
    [
        "administration",
        "agency",
        "alliance",
        "army",
        "association",
        "authority",
        "bank",
        "board",
        "cabinet",
        "campaign",
        "caucus",
        "center",
        "centre",
        "church",
        "city",
        "club",
        "coalition",
        "commission",
        "committee",
        "company",
        "congress",
        "council",
        "county",
        "court",
        "department",
        "embassy",
        "exchange",
        "federation",
        "firm",
        "force",
        "forces",
        "foundation",
        "fund",
        "government",
        "group",
        "house",
        "institute",
        "kremlin",
        "league",
        "military",
        "militia",
        "ministry",
        "movement",
        "municipality",
        "navy",
        "office",
        "organisation",
        "organization",
        "parliament",
        "party",
        "pentagon",
        "police",
        "presidency",
        "regime",
        "senate",
        "service",
        "services",
        "society",
        "team",
        "town",
        "union",
        "university",
    ]
)
#: Nouns that describe a thing made, not an actor: a name a document calls one ("Minetest is
#: an open-source game", "the Fedora operating system", "a new operating system, Rocky Linux")
#: is no actor there.
PRODUCT_NOUNS = frozenset(
    [
        "game",
        "videogame",
        "software",
        "system",
        "distribution",
        "distro",
        "app",
        "application",
        "browser",
        "website",
        "film",
        "movie",
        "album",
        "song",
        "single",
        "book",
        "novel",
        "series",
        "programme",
        "program",
        "vaccine",
        "drug",
        "medicine",
        "missile",
        "rifle",
        "aircraft",
        "airliner",
        "jet",
        "helicopter",
        "car",
        "vehicle",
        "spacecraft",
        "satellite",
        "telescope",
        "rover",
        "smartphone",
        "phone",
        "device",
        "console",
        "engine",
        "model",
        "brand",
        "product",
    ]
)
#: Nouns that describe an organisation when a document says what a name is ("X is an
#: organisation", "her organisation: X"): the name is an organisation there.
DESCRIBED_ORGANISATION_NOUNS = frozenset(
    [
        "organisation",
        "organization",
        "group",
        "company",
        "charity",
        "firm",
        "foundation",
        "association",
        "network",
        "nonprofit",
        "non-profit",
        "ngo",
        "startup",
        "business",
        "project",
        "community",
        "collective",
    ]
)
#: Words found only inside company names ("Acme Holdings", "Delta Air Lines Inc").
COMPANY_NAME_WORDS = frozenset(
    [
        "airlines",
        "airways",
        "co",
        "corp",
        "corporation",
        "holdings",
        "inc",
        "industries",
        "ltd",
        "motors",
        "partners",
        "plc",
        "railroad",
        "railway",
        "railways",
    ]
)
#: Words that mark an organisation name (never a person).
ORG_WORDS = ORGANISATION_NOUNS | COMPANY_NAME_WORDS


#: Names every country gives its institutions ("the Senate", "Parliament", "the Supreme
#: Court"): written alone, they are the institution of the country the document is about,
#: never one actor across a corpus of many countries.
GENERIC_INSTITUTIONS = frozenset(
    {
        "senate", "congress", "parliament", "supreme court", "high court", "court",
        "constitutional court", "house of representatives", "house of commons",
        "house of lords", "national assembly", "assembly", "legislature", "cabinet",
        "house", "council", "electoral commission", "election commission",
        "central bank", "ministry of health", "ministry of defence", "ministry of defense",
        "ministry of foreign affairs", "foreign ministry", "defence ministry",
        "defense ministry", "health ministry", "interior ministry", "ministry of interior",
        "police", "army", "navy", "air force", "coast guard", "fire brigade",
    }
)  # fmt: skip
#: Institution names only some states use for a national body: "the Senate" of a text about
#: Myanmar and the United States is the US Senate (Myanmar has none). Names not listed here
#: (parliament, supreme court, navy, ministries) every state has.
INSTITUTION_STATES: dict[str, frozenset[str]] = {
    "congress": frozenset(
        ["united-states", "philippines", "mexico", "argentina", "brazil", "chile", "colombia",
         "peru", "guatemala", "honduras", "paraguay", "dominican-republic", "spain", "micronesia"]
    ),
    "senate": frozenset(
        ["united-states", "philippines", "australia", "canada", "italy", "france", "mexico",
         "brazil", "argentina", "chile", "colombia", "poland", "czechia", "romania", "nigeria",
         "kenya", "pakistan", "spain", "belgium", "netherlands", "ireland", "malaysia",
         "thailand", "cambodia", "haiti", "liberia", "paraguay", "uruguay", "bolivia",
         "dominican-republic", "jamaica", "egypt", "jordan", "zimbabwe"]
    ),
    "assembly": frozenset(
        ["france", "south-korea", "pakistan", "kenya", "nigeria", "south-africa", "venezuela",
         "ecuador", "hungary", "bulgaria", "serbia", "vietnam", "armenia", "zambia", "tanzania"]
    ),
    "council": frozenset(),  # "the Council" of a UN text is no state's
}  # fmt: skip
#: Chambers of a legislature: a bare one next to a named sibling is of the same owner ("the
#: commonwealth's House of Representatives confirmed him, but the Senate had not").
LEGISLATIVE_CHAMBERS = frozenset(
    [
        "senate",
        "house",
        "house of representatives",
        "house of delegates",
        "assembly",
        "house of commons",
        "house of lords",
    ]
)
#: Short forms of a state's institution: "the House" of a US text is its House of Representatives.
INSTITUTION_SHORT_FORMS: dict[tuple[str, str], str] = {
    ("house", "united-states"): "house of representatives",
    ("house", "australia"): "house of representatives",
    ("house", "philippines"): "house of representatives",
    ("house", "new-zealand"): "house of representatives",
    ("house", "united-kingdom"): "house of commons",
    ("house", "canada"): "house of commons",
}
