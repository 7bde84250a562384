"""kit.io.textheader: what at the top of a text file is metadata, and nothing more."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kit.io.textheader import KNOWN_KEYS, format_header, parse_header

SEED_START = " date 2017-06-04 Forces backing the Syrian government haven’t left"


def test_seed_dateline() -> None:
    h = parse_header(SEED_START)
    assert h.style == "dateline"
    assert h.as_dict() == {"date": "2017-06-04"}
    assert SEED_START[h.body_start :].startswith("Forces backing")


@pytest.mark.parametrize(
    ("text", "fields", "body"),
    [
        ("date 2017-06-04\nBody.", {"date": "2017-06-04"}, "Body."),
        ("Date: 2017-06-04 Body.", {"date": "2017-06-04"}, "Body."),
        ("\n  date 2017-13-45  Body.", {"date": "2017-13-45"}, "Body."),  # malformed kept
        (
            "title: Talks resume\nDate: 2017-06-04\nsource: Reuters\nurl: https://x.org/a\n\nBody.",
            {
                "title": "Talks resume",
                "date": "2017-06-04",
                "source": "Reuters",
                "url": "https://x.org/a",
            },
            "Body.",
        ),
        ("title:Tight\nTopic-Code: A1\n\n\nBody.", {"title": "Tight", "topic_code": "A1"}, "Body."),
        ("title: first\ntitle: second\n\nB", {"title": "first"}, "B"),
        (
            "---\ntitle: \"Quoted\"\nauthor: 'Ann'\n---\nBody.",
            {"title": "Quoted", "author": "Ann"},
            "Body.",
        ),
        ("---\nanything: goes\n...\n\nBody.", {"anything": "goes"}, "Body."),
    ],
)
def test_headers(text: str, fields: dict[str, str], body: str) -> None:
    h = parse_header(text)
    assert h.as_dict() == fields
    assert text[h.body_start :] == body


@pytest.mark.parametrize(
    "text",
    [
        "date night was fun.\n\nMore.",
        "Update: the story was corrected.\n\nBody.",  # no known key
        "WASHINGTON: The president said\n\nBody.",
        "https://example.org/story\n\nBody.",
        "title: only a header without a blank line",
        "title: x\nNot a field line\n\nBody.",
        "---\ntags:\n  - a\n---\nBody.",  # YAML lists are not simple fields
        "---\ntitle: never closed\nBody.",
        "  Plain article text, nothing special.",
        "",
    ],
)
def test_not_headers(text: str) -> None:
    h = parse_header(text)
    assert h.style == "none"
    assert h.body_start == 0 and h.fields == ()


keys = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
values = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40
).map(str.strip)
bodies = st.text(min_size=1, max_size=80).filter(lambda b: b[:1].strip() != "")


@settings(max_examples=300, deadline=None)
@given(
    known=st.sampled_from(sorted(KNOWN_KEYS)),
    first=values,
    others=st.dictionaries(keys, values, max_size=6),
    body=bodies,
)
def test_header_block_round_trip(known: str, first: str, others: dict[str, str], body: str) -> None:
    fields = {known: first, **{k: v for k, v in others.items() if k != known}}
    assume(all("\x85" not in v and "\u2028" not in v for v in fields.values()))
    text = format_header(fields) + body
    h = parse_header(text)
    assert h.style == "block"
    assert h.as_dict() == fields
    assert text[h.body_start :] == body


@settings(max_examples=200, deadline=None)
@given(
    lead=st.sampled_from(["", " ", "\n", " \t"]),
    day=st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
    body=bodies,
)
def test_dateline_round_trip(lead: str, day: str, body: str) -> None:
    text = f"{lead}date {day} {body}"
    h = parse_header(text)
    assert h.as_dict() == {"date": day}
    assert text[h.body_start :] == body


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_to_a_suffix(text: str) -> None:
    h = parse_header(text)
    assert 0 <= h.body_start <= len(text)
    if h.style == "none":
        assert h.body_start == 0
    else:
        assert h.fields
        assert text[: h.body_start].strip(), "only a found header is ever taken away"
    if ":" not in text and "date" not in text.lower() and "---" not in text:
        assert h.body_start == 0
