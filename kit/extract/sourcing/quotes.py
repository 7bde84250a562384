"""Quote-mark structure: where quotations open and close in a text.

>>> from kit.extract.sourcing.quotes import find_quotes
>>> qs = find_quotes("He said “we won” and the militants’ camp fell.")
>>> [(q.inner, q.closed) for q in qs.quotes]
[('we won', True)]

Handles curly and straight marks, apostrophes that are not quote marks
("militants’", "don’t", "’90s"), single quotes nested in double ones, a nested
quote of the same mark, and quotes running over several paragraphs (each new
paragraph reopens the quote, only the last one closes it). Marks that cannot be
paired are reported in :attr:`QuoteMap.problems` and the quote they open is
closed at the end of its paragraph with a ``warning``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‛‹"
SINGLE_CLOSE = "’›"
STRAIGHT = '"'
#: Quotes longer than this are not trusted as one quotation.
MAX_QUOTE_CHARS = 4000
_PARA = re.compile(r"\n")
_OPEN_BEFORE = set(" \t\n([{—–-/:;") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    inner: str
    depth: int = 0
    closed: bool = True
    paragraphs: int = 1
    warning: str | None = None

    @property
    def n_words(self) -> int:
        return len(self.inner.split())


@dataclass
class QuoteMap:
    """All quotes of a text, in order of their opening mark, with the problems found."""

    quotes: list[Quote] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def _index(self) -> tuple[list[int] | None, int, list[int]]:
        """Inner starts of the quotes, the longest inner span, problem offsets (cached)."""
        key = (id(self.quotes), len(self.quotes), id(self.problems), len(self.problems))
        cached = self.__dict__.get("_cached_index")
        if cached is None or cached[0] != key:
            starts: list[int] | None = [q.inner_start for q in self.quotes]
            if any(a > b for a, b in zip(starts, starts[1:])):
                starts = None  # built by hand out of order: plain scans
            longest = max((q.inner_end - q.inner_start for q in self.quotes), default=0)
            cached = (key, (starts, longest, [p[0] for p in self.problems]))
            self.__dict__["_cached_index"] = cached
        return cached[1]

    def overlapping(self, start: int, end: int, *, depth: int | None = 0) -> list[Quote]:
        """Quotes whose inner text overlaps ``[start, end)``."""
        starts, longest, _ = self._index()
        if starts is None:
            lo, hi = 0, len(self.quotes)
        else:  # only quotes starting within ``longest`` before ``start`` can reach it
            lo = bisect_right(starts, start - longest - 1)
            hi = bisect_left(starts, end)
        return [
            q
            for q in self.quotes[lo:hi]
            if (depth is None or q.depth == depth) and q.inner_start < end and q.inner_end > start
        ]

    def problems_in(self, start: int, end: int) -> list[str]:
        """Problem messages located in ``[start, end]``."""
        starts = self._index()[2]
        i = bisect_right(starts, start - 1)
        out = []
        while i < len(self.problems) and self.problems[i][0] <= end:
            out.append(self.problems[i][1])
            i += 1
        return out


def is_apostrophe(text: str, i: int, *, single_open: bool = False) -> bool:
    """True when the mark at ``text[i]`` (’ or ') is an apostrophe, not a quote mark.

    >>> is_apostrophe("militants’ camp", 9)
    True
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don’t, Syria’s
    if not before.isalnum() and after.isdigit():
        return True  # ’90s
    if before.isalpha() and not after.isalnum():
        # militants’ (plural possessive) unless a single quote is waiting to close
        return not single_open or before in "sS" and _followed_by_noun(text, i + 1)
    return False


def _followed_by_noun(text: str, j: int) -> bool:
    m = re.match(r" [a-z]\w*", text[j : j + 20])
    return bool(m)


def _straight_role(text: str, i: int, is_open: bool) -> str:
    """'open', 'close' or 'skip' for a straight double quote at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isdigit() and not is_open:
        return "skip"  # 5'11" inches
    opens = before in _OPEN_BEFORE or before.isspace()
    closes = not after.isalnum() or after.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if is_open else "open"


def find_quotes(text: str) -> QuoteMap:
    """Pair the quote marks of ``text`` into :class:`Quote` spans.

    Never raises; runs in one pass over the marks. Two apostrophes stand for a double
    quote mark, as in newspaper archive exports (``''We won,'' he said``): the one next
    to the quoted words is taken as the mark.

    >>> [q.inner for q in find_quotes("''We won,'' he said.").quotes]
    ['We won,']
    """
    if "''" not in text:
        return _pair_marks(text)
    qmap = _pair_marks(_DOUBLE_APOSTROPHE.sub(_as_double_mark, text))
    qmap.quotes = [replace(q, inner=text[q.inner_start : q.inner_end]) for q in qmap.quotes]
    return qmap


#: two apostrophes used as a double quote mark (not three or more)
_DOUBLE_APOSTROPHE = re.compile(r"(?<!['’])''(?!['’])")


def _as_double_mark(m: re.Match[str]) -> str:
    """``''`` as a straight double mark of the same length, on the side of the words it
    quotes: a space and ``"`` before a word (an opening mark), ``"`` and a space otherwise."""
    after = m.string[m.end() : m.end() + 1]
    return ' "' if after.isalnum() else '" '


def _pair_marks(text: str) -> QuoteMap:
    qmap = QuoteMap()
    if not text:
        return qmap
    n = len(text)
    para_ends = [m.start() for m in _PARA.finditer(text)] + [n]
    # stack entries: [kind ('d' or 's'), open_offset, paragraphs]
    stack: list[list] = []
    para = 0

    def close(entry: list, end: int, inner_end: int, *, closed: bool, warning: str | None) -> None:
        kind, start, paras = entry
        inner_start = start + 1
        inner_end = max(inner_end, inner_start)
        if end - start > MAX_QUOTE_CHARS:
            warning = warning or "quote too long to resolve"
        qmap.quotes.append(
            Quote(
                start=start,
                end=end,
                inner_start=inner_start,
                inner_end=inner_end,
                inner=text[inner_start:inner_end],
                depth=sum(1 for e in stack if e is not entry and e[1] < start),
                closed=closed,
                paragraphs=paras,
                warning=warning,
            )
        )

    def end_paragraph(p_end: int, next_start: int) -> None:
        # a quote open at a paragraph end continues only if the next paragraph reopens it
        nxt = text[next_start : next_start + 8].lstrip()
        reopen = bool(nxt) and (nxt[0] in DOUBLE_OPEN or nxt[0] == STRAIGHT)
        if stack and reopen and stack[0][0] == "d" and len(stack) == 1:
            stack[0][2] += 1
            return
        while stack:
            entry = stack[-1]
            qmap.problems.append((entry[1], "unbalanced quotes"))
            close(entry, p_end, p_end, closed=False, warning="unbalanced quotes")
            stack.pop()

    marks = set(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT)
    next_mark = re.compile("[" + re.escape("".join(sorted(marks)) + "\n") + "]")
    i = 0
    while i < n:
        c = text[i]
        if c == "\n":
            while para < len(para_ends) - 1 and para_ends[para] < i:
                para += 1
            nxt = i + 1
            while nxt < n and text[nxt].isspace():
                nxt += 1
            end_paragraph(i, nxt)
            # the reopening mark of a continued quote is consumed here
            if stack and nxt < n and (text[nxt] in DOUBLE_OPEN or text[nxt] == STRAIGHT):
                i = nxt + 1
                continue
            i = nxt
            continue
        if c not in marks:
            m = next_mark.search(text, i)
            i = m.start() if m else n
            continue
        d_open = any(e[0] == "d" for e in stack)
        s_open = any(e[0] == "s" for e in stack)
        if c in DOUBLE_OPEN:
            stack.append(["d", i, 1])
        elif c in DOUBLE_CLOSE or c == STRAIGHT:
            role = "close" if c in DOUBLE_CLOSE else _straight_role(text, i, d_open)
            if role == "open":
                stack.append(["d", i, 1])
            elif role == "close":
                if d_open:
                    while stack[-1][0] != "d":
                        entry = stack.pop()
                        qmap.problems.append((entry[1], "unbalanced quotes"))
                        close(entry, i, i, closed=False, warning="unbalanced quotes")
                    close(stack[-1], i + 1, i, closed=True, warning=None)
                    stack.pop()
                else:
                    qmap.problems.append((i, "unbalanced quotes"))
        elif c in SINGLE_OPEN:
            before = text[i - 1] if i > 0 else " "
            if not before.isalnum():
                stack.append(["s", i, 1])
        elif c in SINGLE_CLOSE and s_open and not is_apostrophe(text, i, single_open=True):
            while stack[-1][0] != "s":
                entry = stack.pop()
                qmap.problems.append((entry[1], "unbalanced quotes"))
                close(entry, i, i, closed=False, warning="unbalanced quotes")
            close(stack[-1], i + 1, i, closed=True, warning=None)
            stack.pop()
        i += 1
    end_paragraph(n, n)
    qmap.quotes.sort(key=lambda q: (q.start, -q.end))
    qmap.problems.sort()
    # depth from containment (robust to the order quotes were closed)
    fixed = []
    for q, depth in zip(qmap.quotes, _containing_counts(qmap.quotes), strict=True):
        fixed.append(q if q.depth == depth else _with_depth(q, depth))
    qmap.quotes = fixed
    return qmap


def _containing_counts(quotes: list[Quote]) -> list[int]:
    """For each quote (sorted by start), how many quotes start before it and end at or after it.

    A Fenwick tree over end offsets keeps this O(n log n) on texts with many quotes.
    """
    ends = sorted({q.end for q in quotes})
    rank = {e: i + 1 for i, e in enumerate(ends)}
    size = len(ends)
    tree = [0] * (size + 1)
    inserted = 0
    counts: list[int] = []
    i = 0
    while i < len(quotes):
        j = i
        while j < len(quotes) and quotes[j].start == quotes[i].start:
            j += 1
        for q in quotes[i:j]:  # earlier starts only: query the group before inserting it
            below, k = 0, rank[q.end] - 1
            while k > 0:
                below += tree[k]
                k -= k & -k
            counts.append(inserted - below)
        for q in quotes[i:j]:
            k = rank[q.end]
            while k <= size:
                tree[k] += 1
                k += k & -k
            inserted += 1
        i = j
    return counts


def _with_depth(q: Quote, depth: int) -> Quote:
    from dataclasses import replace

    return replace(q, depth=depth)
