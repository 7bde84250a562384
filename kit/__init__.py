"""kit: a research notebook kit for news texts.

Load texts into a tidy documents table, parse each document once with spaCy,
and extract tidy tables of actors, quantities, attributions and time expressions.

>>> import kit
>>> docs = kit.load("data/")                 # doctest: +SKIP
>>> result = kit.analyze(docs)               # doctest: +SKIP
>>> result.attributions.head()               # doctest: +SKIP

Importing ``kit`` is cheap: spaCy and the model load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> "module:attribute"; resolved lazily so `import kit` stays light.
_EXPORTS = {
    "load": "kit.corpus:load",
    "load_report": "kit.corpus:load_report",
    "LoadError": "kit.corpus:LoadError",
    "analyze": "kit.analysis:analyze",
    "Analysis": "kit.analysis:Analysis",
    "load_model": "kit.nlp:load_model",
    "analyze_stream": "kit.stream:analyze_stream",
    "Store": "kit.store:Store",
    "timeline": "kit.timex:timeline",
    "export_tables": "kit.export:export_tables",
    "show": "kit.display:show",
    "render_document": "kit.display:render_document",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    module_name, attr = target.split(":")
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
