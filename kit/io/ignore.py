"""``.kitignore``: files in a folder that ``kit.load`` does not treat as documents.

The syntax is a small part of ``.gitignore``: one pattern per line, ``#``
comments, ``*``/``?``/``**`` wildcards, a leading ``/`` (or any inner ``/``)
anchors the pattern to the folder holding the ``.kitignore``, a trailing ``/``
matches folders only, and ``!`` re-includes. The last matching line wins.

>>> ig = Ignorer()
>>> ig.add(Path("."), "/*\\n!/articles/\\n")
>>> ig.ignored("actors.csv"), ig.ignored("articles/a.txt"), ig.ignored("notes/b.txt")
(True, False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

__all__ = ["IGNORE_FILE", "Ignorer"]

IGNORE_FILE = ".kitignore"


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    anchored: bool
    dir_only: bool
    negate: bool


def _translate(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _rule(line: str) -> _Rule | None:
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    negate = line.startswith("!")
    line = line[1:] if negate else line
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line
    line = line.lstrip("/")
    if not line:
        return None
    return _Rule(_translate(line), anchored, dir_only, negate)


@dataclass
class Ignorer:
    """The ``.kitignore`` rules met while walking a folder, each with its own base."""

    rules: list[tuple[str, _Rule]] = field(default_factory=list)

    def add(self, base: Path, text: str) -> None:
        """Add the lines of the ``.kitignore`` found in ``base`` (relative to the root)."""
        prefix = PurePosixPath(base.as_posix()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for line in text.splitlines():
            rule = _rule(line)
            if rule is not None:
                self.rules.append((prefix, rule))

    def ignored(self, rel: str) -> bool:
        """Whether the file at ``rel`` (POSIX path relative to the root) is excluded."""
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            if self._match("/".join(parts[:depth]), is_dir=depth < len(parts)):
                return True
        return False

    def _match(self, path: str, *, is_dir: bool) -> bool:
        ignored = False
        for prefix, rule in self.rules:
            if not path.startswith(prefix) or (rule.dir_only and not is_dir):
                continue
            local = path[len(prefix) :]
            target = local if rule.anchored else local.rsplit("/", 1)[-1]
            if rule.regex.fullmatch(target):
                ignored = not rule.negate
        return ignored
