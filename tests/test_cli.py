"""The `kit` command: help, analyze (tables + summary), run/render, unusable corpora."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import nbformat
import pytest
from _demo_notebook import write_demo_corpus, write_demo_notebook

from kit.cli import EXIT_BAD_INPUT, EXIT_OK, main

KIT = Path(sys.executable).with_name("kit")


def _kit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script (falls back to python -m kit.cli)."""
    cmd = [str(KIT)] if KIT.exists() else [sys.executable, "-m", "kit.cli"]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_demo_corpus(tmp_path_factory.mktemp("cli") / "corpus")


@pytest.fixture(scope="module")
def analysed(corpus, tmp_path_factory):
    """`kit analyze` run twice on the same corpus with the same command line (in-process,
    no store, a fixed SOURCE_DATE_EPOCH so the provenance time is the same too)."""
    import os

    base = tmp_path_factory.mktemp("analysed")
    outs = []
    before, here = os.environ.get("SOURCE_DATE_EPOCH"), Path.cwd()
    os.environ["SOURCE_DATE_EPOCH"] = "1600000000"
    try:
        for name in ("one", "two"):
            (base / name).mkdir()
            os.chdir(base / name)  # same relative --out, so the same recorded command
            code = main(["analyze", str(corpus), "--out", "tables", "--no-store", "--quiet"])
            assert code == EXIT_OK
            outs.append(base / name / "tables")
    finally:
        os.chdir(here)
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return outs


@pytest.mark.parametrize("command", [[], ["analyze"], ["run"], ["render"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: kit")
    for flag in {
        "analyze": ["--out", "--model", "--n-process", "--no-store"],
        "run": ["--corpus", "--out"],
        "render": ["--corpus", "--out", "--no-input"],
    }.get(command[0] if command else "", ["analyze", "run", "render"]):
        assert flag in text


def test_console_script_help():
    done = _kit("render", "--help")
    assert done.returncode == 0, done.stderr
    assert "--no-input" in done.stdout


def test_analyze_writes_tables_and_summary(corpus, tmp_path, capsys):
    out = tmp_path / "tables"
    code = main(["analyze", str(corpus), "--out", str(out), "--no-store", "--quiet"])
    assert code == EXIT_OK
    text = capsys.readouterr().out
    for line in (
        "documents analysed",
        "documents skipped",
        "mentions",
        "quantities",
        "attributions",
        "timexes",
    ):
        assert line in text
    assert "documents analysed           2" in text
    names = sorted(p.stem for p in out.glob("*.parquet"))
    assert {"documents", "sentences", "mentions", "quantities", "attributions", "timexes"} <= set(
        names
    )
    con = duckdb.connect(str(out / "kit.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
    finally:
        con.close()


def test_analyze_twice_gives_byte_identical_parquet(analysed):
    one, two = analysed
    files = sorted(p.name for p in one.glob("*.parquet"))
    assert files == sorted(p.name for p in two.glob("*.parquet"))
    for name in files:
        a = hashlib.sha256((one / name).read_bytes()).hexdigest()
        b = hashlib.sha256((two / name).read_bytes()).hexdigest()
        assert a == b, f"{name} differs between two runs"


@pytest.mark.parametrize("command", ["analyze", "run", "render"])
def test_empty_corpus_stops_with_the_load_report(command, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    args = [str(empty)] if command == "analyze" else ["--corpus", str(empty)]
    done = _kit(command, *args, "--out", str(tmp_path / "out"))
    assert done.returncode == EXIT_BAD_INPUT
    assert "Traceback" not in done.stderr
    assert str(empty) in done.stderr
    assert not (tmp_path / "out").exists()


def test_missing_corpus_and_notebook(tmp_path, capsys):
    assert main(["run", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    assert "nope" in capsys.readouterr().err
    corpus = write_demo_corpus(tmp_path / "c")
    code = main(["run", "no_such_notebook", "--corpus", str(corpus), "--out", str(tmp_path / "o")])
    assert code == EXIT_BAD_INPUT
    assert "no_such_notebook" in capsys.readouterr().err


def test_bad_arguments_exit_2():
    done = _kit("analyze", "data/", "--out", "x", "--n-process", "0")
    assert done.returncode == 2 and "at least 1" in done.stderr


def test_run_keeps_executed_copies_with_widget_state(corpus, tmp_path):
    notebook = write_demo_notebook(tmp_path / "nbs")
    out = tmp_path / "run"
    done = _kit("run", str(notebook), "--corpus", str(corpus), "--out", str(out), "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    nb = nbformat.read(out / notebook.name, as_version=4)
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata["widgets"]
    source = "\n".join(c.source for c in nb.cells)
    assert f'CORPUS = "{corpus.resolve()}"' in source
    assert "ok" in done.stdout


def test_render_writes_pages_and_index(corpus, tmp_path):
    notebook = write_demo_notebook(tmp_path / "nbs")
    out = tmp_path / "site"
    code = main(
        [
            "render",
            str(notebook),
            "--corpus",
            str(corpus),
            "--out",
            str(out),
            "--no-input",
            "--quiet",
        ]
    )
    assert code == EXIT_OK
    page = (out / "01_demo.html").read_text(encoding="utf-8")
    assert "IntSlider(" not in page.split("<script", 1)[0]  # code hidden
    assert (out / "index.html").is_file() and (out / "_static" / "require.js").is_file()


def test_failing_notebook_exits_1(corpus, tmp_path, capsys):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1/0")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    code = main(
        ["run", str(path), "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--quiet"]
    )
    assert code == 1
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_analyze_summary_lists_skipped_files_with_reasons(tmp_path, capsys):
    corpus = write_demo_corpus(tmp_path / "corpus")
    (corpus / "blank.txt").write_text("   \n", encoding="utf-8")
    (corpus / "image.bin").write_bytes(b"\x00\x01\x02")
    code = main(["analyze", str(corpus), "--out", str(tmp_path / "t"), "--no-store", "--quiet"])
    assert code == EXIT_OK
    text = capsys.readouterr().out
    assert "documents analysed           2" in text
    assert "documents skipped            2" in text
    assert "blank.txt: empty" in text and "image.bin: unsupported_format" in text


def test_out_defaults_to_a_folder_under_out(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", str(corpus), "--no-store", "--quiet"]) == EXIT_OK
    assert (tmp_path / "out" / "tables" / "documents.parquet").is_file()


# ------------------------------------------------ formats, tables, provenance --


def test_analyze_formats_tables_and_provenance(corpus, tmp_path, capsys):
    """--format parquet,csv,xlsx, --aliases, --cues, --text-column, --metadata; provenance."""
    import json

    from kit.io.export import read_provenance

    table = tmp_path / "articles.csv"
    table.write_text(
        "id,body,when\n"
        'x1,"The mayor of Springfield said on Monday that 12 bridges need repair.",2020-01-02\n',
        encoding="utf-8",
    )
    meta = tmp_path / "meta.csv"
    meta.write_text("file,desk\narticles.csv,metro\n", encoding="utf-8")
    data = Path(__file__).resolve().parents[1] / "kit" / "data"
    aliases, cues = tmp_path / "my_actors.csv", tmp_path / "my_cues.csv"
    aliases.write_text((data / "actors.csv").read_text(encoding="utf-8"), encoding="utf-8")
    cues.write_text((data / "cues.csv").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "tables"
    argv = ["analyze", str(table), "--text-column", "body", "--metadata", str(meta)]
    argv += ["--aliases", str(aliases), "--cues", str(cues), "--format", "parquet,csv,xlsx"]
    argv += ["--out", str(out), "--no-store", "--quiet"]
    assert main(argv) == EXIT_OK
    text = capsys.readouterr().out
    assert "kit.xlsx" in text and "<table>.csv" in text
    assert (out / "documents.csv").is_file() and (out / "kit.xlsx").is_file()
    info = read_provenance(out / "documents.parquet")
    assert (
        info["command"].startswith("kit analyze ")
        and "--format parquet,csv,xlsx" in info["command"]
    )
    assert str(aliases.resolve()) in info["tables"] and str(cues.resolve()) in info["tables"]
    assert info["parameters"]["text"] == "body"
    assert json.loads((out / "provenance.json").read_text())["kit"] == info["kit"]
    con = duckdb.connect(str(out / "kit.duckdb"), read_only=True)
    try:
        keys = {k for (k,) in con.execute("select key from provenance").fetchall()}
        text_col = con.execute("select text from documents").fetchone()[0]
    finally:
        con.close()
    assert {"kit", "model", "tables", "parameters", "command", "created"} <= keys
    assert text_col.startswith("The mayor of Springfield")


def test_bad_format_and_missing_tables_exit_2(corpus, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", str(corpus), "--format", "parquet,docx"])
    assert exc.value.code == 2
    code = main(["analyze", str(corpus), "--aliases", str(tmp_path / "nope.csv"), "--quiet"])
    assert code == EXIT_BAD_INPUT
    assert "--aliases" in capsys.readouterr().err


def test_progress_only_when_interactive_or_asked():
    import argparse
    import io

    from kit.cli import show_progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain = argparse.Namespace(progress=False, quiet=False)
    assert show_progress(plain, io.StringIO()) is False
    assert show_progress(plain, Tty()) is True
    assert show_progress(argparse.Namespace(progress=True, quiet=False), io.StringIO()) is True
    assert show_progress(argparse.Namespace(progress=False, quiet=True), Tty()) is False


def test_render_without_widget_files_names_the_fix(corpus, tmp_path):
    env_dir = tmp_path / "none"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, kit.present.assets as a; a.WIDGETS_DIR = a.Path(sys.argv[1]); "
            "from kit.cli import main; sys.exit(main(sys.argv[2:]))",
            str(env_dir),
            "render",
            "--corpus",
            str(corpus),
            "--out",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "KIT_NODE_MODULES": str(env_dir)},
        check=False,
    )
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "--allow-cdn" in done.stderr and "scripts/setup.sh" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "executed").exists()
