"""kit: a research notebook kit for news texts.

Load texts into a tidy documents table, parse each document once with spaCy,
and extract tidy tables of actors, quantities, attributions and time expressions.

>>> import kit
>>> docs = kit.load("data/")                 # doctest: +SKIP
>>> result = kit.analyze(docs)               # doctest: +SKIP
>>> result.attributions.head()               # doctest: +SKIP
>>> kit.about(result)["model"]               # doctest: +SKIP

Importing ``kit`` is cheap: spaCy and the model load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from kit.version import __version__  # noqa: F401  (re-exported)

# public name -> "module:attribute"; resolved lazily so `import kit` stays light.
_EXPORTS = {
    "load": "kit.io.corpus:load",
    "load_report": "kit.io.corpus:load_report",
    "LoadError": "kit.io.corpus:LoadError",
    "analyze": "kit.api:analyze",
    "about": "kit.api:about",
    "Analysis": "kit.api:Analysis",
    "load_model": "kit.nlp.model:load_model",
    "analyze_stream": "kit.run.stream:analyze_stream",
    "Store": "kit.run.store:Store",
    "timeline": "kit.present.views:timeline",
    "export_tables": "kit.io.export:export_tables",
    "show": "kit.present.display:show",
    "render_document": "kit.present.display:render_document",
    "SCHEMAS": "kit.tables:SCHEMAS",
    "datasets": "kit.datasets",
    "roll_up_to_states": "kit.extract.actors.rollup:roll_up_to_states",
    "plots": "kit.present.plots",
    "widgets": "kit.present.widgets",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    value = getattr(module, attr) if attr else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
