"""Quote-mark structure (kit.extract.sourcing.quotes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.extract.sourcing.quotes import MAX_QUOTE_CHARS, find_quotes, is_apostrophe


def inners(text: str) -> list[str]:
    return [q.inner for q in find_quotes(text).quotes]


def test_curly_and_straight_quotes():
    assert inners("He said “we won” today.") == ["we won"]
    assert inners('He said "we won" today.') == ["we won"]


def test_apostrophes_are_not_quotes():
    text = "The militants’ new capital and Syria’s border; they don’t care about the ’90s."
    qmap = find_quotes(text)
    assert qmap.quotes == [] and qmap.problems == []
    assert is_apostrophe(text, text.index("’"))


def test_single_quotes_nested_in_double():
    qmap = find_quotes("“He called it ‘a disgrace’ on Monday,” she said.")
    assert [(q.inner, q.depth) for q in qmap.quotes] == [
        ("He called it ‘a disgrace’ on Monday,", 0),
        ("a disgrace", 1),
    ]


def test_nested_quotes_of_the_same_mark():
    qmap = find_quotes('“a “b” c” and "x "y" z"')
    got = [(q.inner, q.depth) for q in qmap.quotes]
    assert got == [("a “b” c", 0), ("b", 1), ('x "y" z', 0), ("y", 1)]


def test_multi_paragraph_quote_reopens_without_closing():
    text = "“First paragraph.\n\n“Second paragraph,” he said."
    (q,) = find_quotes(text).quotes
    assert q.paragraphs == 2 and q.closed and q.warning is None
    assert q.inner.startswith("First") and q.inner.endswith("paragraph,")


def test_unbalanced_quote_is_closed_at_the_paragraph_with_a_warning():
    text = "He said “this never ends.\n\nA new paragraph."
    qmap = find_quotes(text)
    (q,) = qmap.quotes
    assert not q.closed and q.warning == "unbalanced quotes"
    assert q.end == text.index("\n")
    assert qmap.problems == [(8, "unbalanced quotes")]


def test_stray_closing_mark_is_a_problem():
    assert find_quotes("oops” here").problems == [(4, "unbalanced quotes")]


def test_only_quote_marks():
    qmap = find_quotes('“”“”"""\'\'‘’')
    for q in qmap.quotes:
        assert q.inner_start <= q.inner_end


def test_very_long_quote_is_flagged():
    text = "“" + "Words go on. " * (MAX_QUOTE_CHARS // 10) + "”"
    (q,) = find_quotes(text).quotes
    assert q.warning == "quote too long to resolve"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’\"'«»")), max_size=80))
def test_any_text_gives_consistent_spans(text):
    qmap = find_quotes(text)
    for q in qmap.quotes:
        assert 0 <= q.start < q.inner_start <= q.inner_end <= q.end <= len(text)
        assert text[q.inner_start : q.inner_end] == q.inner
    assert find_quotes(text) == qmap  # deterministic


def test_two_apostrophes_are_a_double_mark():
    text = "''We won,'' he said. She is 6'' tall; ''cool'' it was."
    quotes = find_quotes(text).quotes
    assert [q.inner for q in quotes] == ["We won,", "cool"]
    for q in quotes:
        assert text[q.inner_start : q.inner_end] == q.inner
