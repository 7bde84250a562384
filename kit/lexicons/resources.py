"""The curated, user-editable tables inside the package, and per-process caches.

>>> from kit.lexicons.resources import Resources
>>> res = Resources.default()
>>> res.aliases[0].name
'actors.csv'

Extractors compile what they need once per process with :meth:`Resources.get`;
:meth:`Resources.fingerprint` changes whenever a table's content changes, so
cached results are never reused across edited tables.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Folder of the curated tables shipped in the package (``kit/data``; ``$KIT_DATA_DIR`` overrides).
DATA_DIR = Path(os.environ.get("KIT_DATA_DIR") or str(importlib.resources.files("kit") / "data"))


def curated_tables() -> tuple[Path, ...]:
    """Every curated table an extractor may read (all files in :data:`DATA_DIR`).

    >>> sorted(p.name for p in curated_tables())[:2]
    ['actors.csv', 'cues.csv']
    """
    return tuple(sorted(p for p in DATA_DIR.iterdir() if p.is_file() and p.suffix == ".csv"))


def _paths(default: str, extra: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    if extra is None:
        extra = []
    elif isinstance(extra, str | Path):
        extra = [extra]
    paths = [DATA_DIR / default, *(Path(p).expanduser() for p in extra)]
    for p in paths:
        if not p.is_file():
            raise FileNotFoundError(
                f"table {str(p)!r} does not exist. Fix: pass the path of an existing CSV file "
                f"(copy {DATA_DIR / default} as a template)."
            )
    return tuple(paths)


@dataclass
class Resources:
    """The alias and cue tables in use (bundled first, then the user's own)."""

    aliases: tuple[Path, ...]
    cues: tuple[Path, ...]
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def default(
        cls,
        aliases: str | Path | Sequence[str | Path] | None = None,
        cues: str | Path | Sequence[str | Path] | None = None,
    ) -> Resources:
        """The bundled tables, extended by the user's ``aliases`` and ``cues`` files."""
        return cls(aliases=_paths("actors.csv", aliases), cues=_paths("cues.csv", cues))

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        """Build an object once (e.g. a compiled gazetteer) and reuse it."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def fingerprint(self) -> str:
        """A hash of every curated table's bytes and the user's tables: changes when one is edited."""
        h = hashlib.sha256()
        for p in (*curated_tables(), *self.aliases, *self.cues):
            h.update(p.name.encode())
            h.update(p.read_bytes())
        return h.hexdigest()[:16]
