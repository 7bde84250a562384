"""Plain-text header conventions: what at the top of a .txt/.md file is metadata.

Three forms are recognised, and nothing else is ever taken out of the text:

1. a dateline: ``date 2017-06-04`` (optionally after whitespace, optionally
   ``date:``) followed by the article on the same or the next line;
2. a header block: ``key: value`` lines, at least one of them a known key
   (title, date, source, url, author, ...), ended by a blank line;
3. front matter: ``key: value`` lines between two ``---`` lines.

>>> h = parse_header(" date 2017-06-04 Forces backing the Syrian government")
>>> h.fields, h.body_start
((('date', '2017-06-04'),), 17)
>>> parse_header("title: Talks resume\\nsource: Reuters\\n\\nThe talks...").as_dict()
{'title': 'Talks resume', 'source': 'Reuters'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Header", "KNOWN_KEYS", "format_header", "parse_header"]

#: Keys that make a block of ``key: value`` lines a header (at least one is needed).
KNOWN_KEYS = frozenset(
    {
        "title",
        "headline",
        "subtitle",
        "date",
        "published",
        "publication_date",
        "pubdate",
        "published_at",
        "source",
        "outlet",
        "publisher",
        "media",
        "site",
        "url",
        "link",
        "author",
        "authors",
        "byline",
        "id",
        "doc_id",
        "language",
        "lang",
        "section",
        "tags",
        "keywords",
        "description",
        "summary",
        "location",
        "dateline",
        "country",
    }
)
_KEY = r"[A-Za-z][A-Za-z0-9_-]{0,40}"
_FIELD = re.compile(r"(?P<key>" + _KEY + r")[ \t]*:(?!//)[ \t]*(?P<value>.*?)[ \t]*")
_DATELINE = re.compile(
    r"\s*date[ \t]*:?[ \t]+(?P<value>\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})(?:\s+|\Z)", re.I
)
_FENCE = re.compile(r"---[ \t]*")
_FENCE_END = re.compile(r"(?:---|\.\.\.)[ \t]*")


@dataclass(frozen=True)
class Header:
    """The metadata found at the top of a text, and where the text proper starts.

    ``fields`` are ``(key, value)`` pairs in file order (keys lower-cased,
    ``-`` turned into ``_``, the first of repeated keys kept); ``style`` is
    ``"none"``, ``"dateline"``, ``"block"`` or ``"front_matter"``.
    """

    fields: tuple[tuple[str, str], ...] = ()
    body_start: int = 0
    style: str = "none"

    def as_dict(self) -> dict[str, str]:
        """The fields as an ordered dict."""
        return dict(self.fields)


def parse_header(text: str) -> Header:
    """Find a front matter, header block or dateline at the start of ``text``.

    >>> parse_header("date night was fun").style
    'none'
    """
    for finder in (_front_matter, _block, _dateline):
        header = finder(text)
        if header is not None:
            return header
    return Header()


def format_header(fields: Iterable[tuple[str, str]] | dict[str, str]) -> str:
    """Write ``key: value`` lines and the blank line that ends a header block.

    >>> format_header({"title": "Talks resume", "date": "2017-06-04"})
    'title: Talks resume\\ndate: 2017-06-04\\n\\n'
    """
    pairs = fields.items() if isinstance(fields, dict) else fields
    return "".join(f"{key}: {value}\n" for key, value in pairs) + "\n"


def _lines(text: str, start: int) -> Iterable[tuple[int, int, str]]:
    """(line start, next line start, line without newline) from offset ``start``."""
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        yield pos, end, text[pos : end - 1 if nl >= 0 else end]
        pos = end


def _skip_blank_lines(text: str, pos: int) -> int:
    for start, end, line in _lines(text, pos):
        if line.strip():
            return start
        pos = end
    return pos


def _field(line: str) -> tuple[str, str] | None:
    m = _FIELD.fullmatch(line)
    if not m:
        return None
    return m["key"].lower().replace("-", "_"), m["value"] or ""


def _collect(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for key, value in pairs:
        seen.setdefault(key, value)
    return tuple(seen.items())


def _front_matter(text: str) -> Header | None:
    lines = _lines(text, 0)
    first = next(lines, None)
    if first is None or not _FENCE.fullmatch(first[2]):
        return None
    pairs: list[tuple[str, str]] = []
    for _start, end, line in lines:
        if _FENCE_END.fullmatch(line):
            body = _skip_blank_lines(text, end)
            return Header(_collect(pairs), body, "front_matter")
        field = _field(line)
        if field is None:
            return None
        key, value = field
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        pairs.append((key, value))
    return None


def _block(text: str) -> Header | None:
    pairs: list[tuple[str, str]] = []
    for _start, end, line in _lines(text, _skip_blank_lines(text, 0)):
        if not line.strip():
            if not pairs or not any(key in KNOWN_KEYS for key, _ in pairs):
                return None
            return Header(_collect(pairs), _skip_blank_lines(text, end), "block")
        field = _field(line)
        if field is None:
            return None
        pairs.append(field)
    return None  # no blank line: the whole text is text


def _dateline(text: str) -> Header | None:
    m = _DATELINE.match(text)
    if not m:
        return None
    return Header((("date", m["value"]),), m.end(), "dateline")
