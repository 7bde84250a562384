"""Tests for kit.extract.time.interpret: the pattern-name -> handler table."""

from __future__ import annotations

import inspect
import re

from kit.extract.time import interpret as ti
from kit.extract.time.rules import PATTERNS, Candidate


def _handler_functions() -> dict[str, object]:
    """Every module-level function of ``interpret`` whose one parameter is an ``_Input``."""
    out = {}
    for name, fn in vars(ti).items():
        if not inspect.isfunction(fn) or fn.__module__ != ti.__name__:
            continue
        params = list(inspect.signature(fn).parameters.values())
        if len(params) == 1 and params[0].annotation in ("_Input", ti._Input):
            out[name] = fn
    return out


def test_every_pattern_has_a_handler() -> None:
    names = [n for n, _ in PATTERNS]
    missing = [n for n in names if n not in ti.HANDLERS]
    assert not missing, f"patterns without a handler: {missing}"


def test_no_handler_for_an_unknown_pattern() -> None:
    names = {n for n, _ in PATTERNS}
    extra = sorted(set(ti.HANDLERS) - names)
    assert not extra, f"handlers for names not in PATTERNS: {extra}"


def test_no_handler_is_unused() -> None:
    handlers = _handler_functions()
    assert handlers, "no handler functions found"
    used = set(ti.HANDLERS.values())
    unused = sorted(name for name, fn in handlers.items() if fn not in used)
    assert not unused, f"handler functions not in HANDLERS: {unused}"
    assert all(fn in handlers.values() for fn in used)


def test_every_handler_is_documented() -> None:
    for fn in set(ti.HANDLERS.values()):
        assert fn.__doc__ and "``" in fn.__doc__, fn.__name__


def test_unknown_name_falls_through_to_none() -> None:
    c = Candidate("no_such_pattern", re.search("x", "x"))
    assert ti.interpret(c, None, None, ti._Context()) is None  # type: ignore[arg-type]
